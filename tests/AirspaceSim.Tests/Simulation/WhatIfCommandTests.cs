using System.CommandLine;
using System.Text.Json;
using AirspaceSim.Cli;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Simulation;

/// <summary>The <c>whatif</c> command, run in-process with the test double as its cost model.</summary>
public class WhatIfCommandTests
{
    private static CliResult Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var io = new CliIO(new StringReader(""), output, error);
        var root = new RootCommand { WhatIfCommand.Create(io, new InterimCostModel()) };
        var parse = root.Parse(["whatif", .. args]);
        int exit = parse.Errors.Count > 0 ? 2 : parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    [Test]
    public void NoScenarioRunsSvzm2025_TableSortedByExtraCostEndingWithTotals()
    {
        var r = Run();
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var lines = r.OutLines;
        Assert.That(lines[0], Does.StartWith("svzm-2025-11: "));
        Assert.That(lines[0], Does.Contain("planners built: 1"));
        var rows = lines.Skip(3).TakeWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        static string[] Cells(string l) => l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var costs = rows.Select(l => decimal.Parse(Cells(l)[9], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(costs, Is.Ordered.Descending);
        var total = lines.Single(l => l.StartsWith("total ", StringComparison.Ordinal));
        Assert.That(decimal.Parse(Cells(total)[7], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(costs.Sum()));
        Assert.That(lines[^1], Is.EqualTo(total), "the table ends with the totals");
    }

    [Test]
    public void JsonShape_TotalsAreTheExactSumsOfTheFlights()
    {
        var r = Run("svzm-2025-11", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var j = r.Json();
        Assert.That(j.GetProperty("scenario").GetProperty("name").GetString(), Is.EqualTo("svzm-2025-11"));
        var flights = j.GetProperty("flights").EnumerateArray().ToList();
        var first = flights[0];
        foreach (var key in new[] { "id", "from", "to", "departure", "operator", "operatorState", "type", "outcome", "reason", "reasonCode", "directKm", "routeKm",
                     "extraKm", "extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd", "boundBy", "waypoints" })
            Assert.That(first.TryGetProperty(key, out _), Is.True, key);
        var totals = j.GetProperty("totals");
        foreach (var key in new[] { "extraKm", "extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd" })
            Assert.That(totals.GetProperty(key).GetDecimal(), Is.EqualTo(flights.Sum(f => f.GetProperty(key).GetDecimal())), key);
        Assert.That(totals.GetProperty("flights").GetInt32(), Is.EqualTo(flights.Count));
        Assert.That(totals.GetProperty("cancelled").GetInt32(), Is.EqualTo(flights.Count(f => f.GetProperty("outcome").GetString() == "cancelled")));
        var groups = j.GetProperty("groups");
        foreach (var g in new[] { "route", "operator", "airport", "closure", "day", "week" }) Assert.That(groups.TryGetProperty(g, out _), Is.True, g);
        var days = groups.GetProperty("day").EnumerateArray().ToList();
        Assert.That(days.Select(d => d.GetProperty("key").GetString()),
            Is.EqualTo(flights.Select(f => f.GetProperty("departure").GetString()![..10]).Distinct().Order(StringComparer.Ordinal)));
        Assert.That(days.Sum(d => d.GetProperty("totals").GetProperty("extraCostUsd").GetDecimal()), Is.EqualTo(totals.GetProperty("extraCostUsd").GetDecimal()));
    }

    [Test]
    public void CsvGeoJsonGroupByAndOut()
    {
        var csv = Run("svzm-2019-us-below-fl260", "--format", "csv");
        Assert.That(csv.Exit, Is.EqualTo(0), csv.ToString());
        Assert.That(csv.OutLines[0], Does.StartWith("id,from,to,departure,operator,operatorState,type,outcome,"));
        Assert.That(csv.OutLines, Has.Length.EqualTo(1 + 8 + 1));
        Assert.That(csv.OutLines[^1], Does.StartWith("# totals: flights=8 "));
        var geo = Run("svzm-2019-us-below-fl260", "--format", "geojson").Json();
        Assert.That(geo.GetProperty("type").GetString(), Is.EqualTo("FeatureCollection"));
        var table = Run("svzm-2025-11", "--group-by", "operator");
        Assert.That(table.Out, Does.Contain("\noperator "));
        var sweep = Run("buffer-sweep", "--format", "json").Json();
        Assert.That(sweep.GetProperty("sweep").GetArrayLength(), Is.EqualTo(4));
        var dir = Path.Combine(Path.GetTempPath(), "whatif-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "out.json");
            var r = Run("svzm-2019-us-below-fl260", "--format", "json", "--out", file);
            Assert.That(r.Exit, Is.EqualTo(0)); Assert.That(r.Out, Is.Empty);
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            Assert.That(doc.RootElement.GetProperty("flights").GetArrayLength(), Is.EqualTo(8));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void BadScenarioFileIsOneErrorLineWithFileLineColumnAndPath_NothingRun()
    {
        var dir = Path.Combine(Path.GetTempPath(), "whatif-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "bad.json");
            File.WriteAllText(file, "{\"name\": \"x\",\n \"closures\": [{\"id\": \"C\", \"airspaces\": [\"SVZM\"], \"start\": \"2025-11-22T00:00Z\", \"lower\": \"FL300\", \"upper\": \"FL200\"}]}");
            var r = Run(file);
            CliRunner.AssertUserError(r, $"{file}:2:", "$.closures[0].upper", "not above its lower limit");
            Assert.That(Run("no-such-scenario").Exit, Is.EqualTo(2));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void AirspacesFileIsBuiltOnlyForTheScenariosIds()
    {
        using var tmp = CliRunner.NewTempDir();
        // A self-intersecting feature beside a good square (far from every route of the scenario).
        var geo = tmp.Write("mixed.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"BOWT"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}},
              {"type":"Feature","properties":{"id":"GOOD"},"geometry":{"type":"Polygon","coordinates":[[[20,20],[21,20],[21,21],[20,21],[20,20]]]}}]}
            """);
        string Scenario(string id) => tmp.Write($"s-{id}.json", $$"""
            {"name": "x", "closures": [{"id": "C", "airspaces": ["{{id}}"], "start": "2025-11-22T00:00Z"}],
             "flights": [{"id": "F1", "from": "GRU", "to": "MIA", "departure": "2025-11-24T03:00Z", "type": "B763", "airline": "TAM", "state": "BR"}]}
            """);
        var ok = Run(Scenario("GOOD"), "--airspaces", geo, "--format", "csv");
        Assert.That(ok.Exit, Is.EqualTo(0), ok.ToString());
        Assert.That(ok.OutLines[1], Does.Contain(",unaffected,"), "the bad feature is never built");
        Assert.That(ok.Err, Is.Empty, ok.ToString());
        var bad = Run(Scenario("BOWT"), "--airspaces", geo);
        CliRunner.AssertUserError(bad, "$.closures[0].airspaces[0]", "'BOWT'", "left out", "mixed.geojson", "crosses itself");
    }

    [Test]
    public void AFlightThatFailsIsAnErrorRowAndExitCodeOne()
    {
        var dir = Path.Combine(Path.GetTempPath(), "whatif-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "s.json");
            // An airport outside the bundled directory given as a position that coincides with the origin fails per flight.
            File.WriteAllText(file, """
            {"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z"}],
             "flights": [{"id": "ok", "from": "GRU", "to": "MIA", "departure": "2025-11-24T03:00Z", "type": "B763", "airline": "TAM", "state": "BR"},
                         {"id": "same", "from": "GRU", "to": "SBGR", "departure": "2025-11-24T03:00Z", "type": "B763", "airline": "TAM", "state": "BR"}]}
            """);
            var r = Run(file, "--format", "csv");
            Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
            Assert.That(r.OutLines[1], Does.Contain(",rerouted,"));
            Assert.That(r.OutLines[2], Does.Contain(",error,"));
            Assert.That(r.Err, Does.Contain("flight same:"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void TheShippedCommandPricesWithThePerformanceModel()
    {
        var r = CliRunner.Run("whatif", "svzm-2019-us-below-fl260", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var j = r.Json();
        Assert.That(j.GetProperty("costModel").GetString(), Does.Contain("Poll–Schumann"));
        var flights = j.GetProperty("flights").EnumerateArray().ToList();
        var atr = flights.Single(f => f.GetProperty("id").GetString() == "US-ATR-CUR-POS");
        Assert.That(atr.GetProperty("outcome").GetString(), Is.EqualTo("rerouted"));
        Assert.That(atr.GetProperty("extraFuelKg").GetDecimal(), Is.GreaterThan(0m));
        Assert.That(j.GetProperty("totals").GetProperty("extraCostUsd").GetDecimal(), Is.EqualTo(flights.Sum(f => f.GetProperty("extraCostUsd").GetDecimal())));
    }
}
