using System.Globalization;
using System.Text.Json;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Performance;

public class PerformanceCliTests
{
    [Test]
    public void RouteWithTypeAddsCostsAndAssumptions()
    {
        var r = CliRunner.Run("route", "GRU", "MIA", "--type", "B789", "--wind", "270/80", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        var perf = JsonDocument.Parse(r.Out).RootElement.GetProperty("performance");
        Assert.That(perf.GetProperty("model").GetString(), Is.EqualTo("poll-schumann"));
        Assert.That(perf.GetProperty("wind").GetString(), Is.EqualTo("270/80"));
        double direct = perf.GetProperty("direct").GetProperty("fuelKg").GetDouble();
        double flown = perf.GetProperty("flown").GetProperty("fuelKg").GetDouble();
        Assert.That(perf.GetProperty("extraFuelKg").GetDouble(), Is.EqualTo(flown - direct).Within(0.2));
        Assert.That(perf.GetProperty("extraMinutes").GetDouble(), Is.GreaterThan(0));
        Assert.That(perf.GetProperty("extraCo2Kg").GetDouble(), Is.GreaterThan(0));
        Assert.That(perf.GetProperty("extraCostUsd").GetDouble(), Is.GreaterThan(0));
        Assert.That(perf.GetProperty("assumptions").GetArrayLength(), Is.GreaterThan(3));
        var table = CliRunner.Run("route", "GRU", "MIA", "--type", "B789");
        Assert.That(table.Out, Does.Contain("extra").And.Contain("B789"));
    }

    [Test]
    public void PerfPrintsTheCruisePoint()
    {
        var r = CliRunner.Run("perf", "A320", "--mass-kg", "58800", "--mach", "0.753", "--fl", "340", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        var j = JsonDocument.Parse(r.Out).RootElement;
        Assert.That(j.GetProperty("fuelFlowKgPerS").GetDouble(), Is.EqualTo(0.593).Within(0.0005));
        Assert.That(j.GetProperty("liftCoefficient").GetDouble(), Is.EqualTo(0.475).Within(0.0005));
        Assert.That(CliRunner.Run("perf", "AT76", "--mass-kg", "20000", "--mach", "0.44", "--fl", "170").Out, Does.Contain("breguet-dot"));
    }

    [TestCase("perf B38X --mass-kg 60000 --mach 0.78 --fl 350", "did you mean B38M")]
    [TestCase("perf A320 --mass-kg 90000 --mach 0.78 --fl 350", "73500")]
    [TestCase("perf A320 --mass-kg 60000 --mach 0.9 --fl 350", "MMO")]
    [TestCase("perf A320 --mass-kg 60000 --mach 0.78 --fl 450", "FL410")]
    [TestCase("route AMS CUR --type A320 --wind 270", "DIR/SPEED")]
    [TestCase("route AMS CUR --wind 270/80", "--wind needs --type")]
    [TestCase("aircraft ZZZZ", "unknown aircraft type")]
    public void BadInputIsAOneLineErrorWithExitCode2(string args, string message)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.That(r.Exit, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain(message));
    }

    [Test]
    public void AircraftListsTypesWithSources()
    {
        var r = CliRunner.Run("aircraft");
        Assert.That(r.Exit, Is.EqualTo(0));
        Assert.That(r.Out, Does.Contain("B38M").And.Contain("breguet-dot").And.Contain("eurocontrol-si"));
        Assert.That(CliRunner.Run("aircraft", "b38m").Out, Does.Contain("Boeing 737 MAX 8"));
    }
}

public class BatchPerformanceTests
{
    [Test]
    public void BatchWithTypeAddsTheCostColumns()
    {
        var r = CliRunner.RunWithInput("from,to\nAMS,CUR\nXXX,CUR\nGRU,MIA\n", "batch", "-", "--type", "B789");
        Assert.That(r.Exit, Is.EqualTo(1), "the XXX row is an error row");
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
        Assert.That(lines[0], Does.EndWith("extra_cost_usd,error_code,co2_kg_direct,cost_usd_direct,range_status,tech_stop,tech_stop_leg1_km,tech_stop_leg2_km"));
        int columns = lines[0].Split(',').Length;
        Assert.That(lines[1], Does.Contain(",B789,"));
        Assert.That(columns, Is.EqualTo(29));
        Assert.That(lines[2], Does.EndWith(",,B789" + new string(',', 11) + "unknown-origin,,,,,,"), "an error row keeps the columns (its quoted reason may hold commas)");
        var json = System.Text.Json.JsonDocument.Parse(CliRunner.RunWithInput("from,to\nGRU,MIA\n", "batch", "-", "--type", "B789", "--format", "json").Out);
        var perf = json.RootElement.GetProperty("results")[0].GetProperty("performance");
        Assert.That(perf.GetProperty("extraFuelKg").GetDouble(), Is.GreaterThan(0));
    }

    private static List<Dictionary<string, string>> Csv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
        var header = AirspaceSim.Infrastructure.Csv.Split(lines[0], out _)!;
        return lines.Skip(1).Select(l =>
        {
            var f = AirspaceSim.Infrastructure.Csv.Split(l, out var err) ?? throw new AssertionException(err!);
            Assert.That(f, Has.Count.EqualTo(header.Count), l);
            return header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
    }

    [Test]
    public void ARowsTypeOverridesTypeAndAnUnknownOneIsAnErrorRowWhileTheOthersGoOn()
    {
        const string list = "from,to,type\nGRU,MIA,B789\nGRU,MIA,ZZZZ\nGRU,MIA,\nAMS,CUR,a20n\n";
        var r = CliRunner.RunWithInput(list, "batch", "-", "--type", "B38M");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        var rows = Csv(r.Out);
        Assert.That(rows.Select(x => x["type"]), Is.EqualTo(new[] { "B789", "ZZZZ", "B38M", "A20N" }));
        Assert.That(rows.Select(x => x["status"]), Is.EqualTo(new[] { "detour", "error", "detour", "detour" }));
        Assert.That(rows.Select(x => x["error_code"]), Is.EqualTo(new[] { "", "unknown-aircraft-type", "", "" }));
        Assert.That(rows[1]["reason"], Does.Contain("unknown aircraft type 'ZZZZ'"));
        Assert.That(rows[1]["fuel_kg"], Is.Empty);
        Assert.That(r.Err, Does.Contain("line 3: type: unknown aircraft type 'ZZZZ'"));
        Assert.That(r.Err, Does.Not.Contain("ignoring"), "the type column is read, not ignored");
        // Each row's figures are those of `route --type` with that row's type.
        foreach (var (row, type) in new[] { (rows[0], "B789"), (rows[2], "B38M") })
        {
            var one = CliRunner.Run("route", "GRU", "MIA", "--type", type, "--format", "json").Json().GetProperty("performance");
            Assert.That(double.Parse(row["fuel_kg"], CultureInfo.InvariantCulture), Is.EqualTo(one.GetProperty("flown").GetProperty("fuelKg").GetDouble()).Within(0.051), type);
            Assert.That(double.Parse(row["extra_cost_usd"], CultureInfo.InvariantCulture), Is.EqualTo(one.GetProperty("extraCostUsd").GetDouble()).Within(0.051), type);
        }
        Assert.That(rows[0]["fuel_kg"], Is.Not.EqualTo(rows[2]["fuel_kg"]), "the row's type, not --type, was costed");

        // JSON: the error row carries its code; the costed rows their own type.
        var json = JsonDocument.Parse(CliRunner.RunWithInput(list, "batch", "-", "--type", "B38M", "--format", "json").Out).RootElement.GetProperty("results");
        Assert.That(json[1].GetProperty("reasonCode").GetString(), Is.EqualTo("unknown-aircraft-type"));
        Assert.That(json[0].GetProperty("performance").GetProperty("type").GetString(), Is.EqualTo("B789"));
        Assert.That(json[2].GetProperty("performance").GetProperty("type").GetString(), Is.EqualTo("B38M"));
    }

    [Test]
    public void ATypeColumnWithoutTypeCostsOnlyTheRowsThatNameOne()
    {
        var r = CliRunner.RunWithInput("from,to,type\nGRU,MIA,B789\nGRU,MIA,\n", "batch", "-", "--wind", "270/80");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var rows = Csv(r.Out);
        Assert.That(rows[0]["type"], Is.EqualTo("B789"));
        Assert.That(rows[0]["fuel_kg"], Is.Not.Empty);
        Assert.That(rows[1]["type"], Is.Empty);
        Assert.That(rows[1]["fuel_kg"], Is.Empty);
        // The wind applies to the costed rows: the same figure as route --type B789 --wind 270/80.
        var one = CliRunner.Run("route", "GRU", "MIA", "--type", "B789", "--wind", "270/80", "--format", "json").Json().GetProperty("performance");
        Assert.That(double.Parse(rows[0]["block_min"], CultureInfo.InvariantCulture), Is.EqualTo(one.GetProperty("flown").GetProperty("blockMinutes").GetDouble()).Within(0.051));
    }

    [Test]
    public void RouteCsvIsBatchsRowWithoutTheLineColumn()
    {
        var r = CliRunner.Run("route", "GRU", "MIA", "--type", "B789", "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var batch = CliRunner.RunWithInput("from,to\nGRU,MIA\n", "batch", "-", "--type", "B789");
        var batchLines = batch.OutLines.Where(l => !l.StartsWith('#')).ToArray();
        Assert.That(r.OutLines, Is.EqualTo(batchLines.Select(l => l[(l.IndexOf(',') + 1)..]).ToArray()));
        var row = Csv(r.Out).Single();
        var json = CliRunner.Run("route", "GRU", "MIA", "--type", "B789", "--format", "json").Json();
        var perf = json.GetProperty("performance");
        Assert.That(double.Parse(row["route_km"], CultureInfo.InvariantCulture), Is.EqualTo(json.GetProperty("routeKm").GetDouble()).Within(0.0005));
        foreach (var (col, get) in new (string, Func<JsonElement, double>)[]
                 {
                     ("block_min_direct", p => p.GetProperty("direct").GetProperty("blockMinutes").GetDouble()),
                     ("block_min", p => p.GetProperty("flown").GetProperty("blockMinutes").GetDouble()),
                     ("fuel_kg_direct", p => p.GetProperty("direct").GetProperty("fuelKg").GetDouble()),
                     ("co2_kg", p => p.GetProperty("flown").GetProperty("co2Kg").GetDouble()),
                     ("cost_usd", p => p.GetProperty("flown").GetProperty("costUsd").GetDouble()),
                     ("extra_minutes", p => p.GetProperty("extraMinutes").GetDouble()),
                     ("extra_fuel_kg", p => p.GetProperty("extraFuelKg").GetDouble()),
                     ("extra_co2_kg", p => p.GetProperty("extraCo2Kg").GetDouble()),
                 })
            Assert.That(double.Parse(row[col], CultureInfo.InvariantCulture), Is.EqualTo(get(perf)).Within(0.051), col);
        // Without --type: the route columns only.
        var plain = CliRunner.Run("route", "GRU", "MIA", "--format", "csv");
        Assert.That(plain.OutLines[0], Is.EqualTo("from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints"));
        CliRunner.AssertUserError(CliRunner.Run("route", "GRU", "MIA", "--format", "csv", "--realistic"), "--realistic", "csv");
    }
}
