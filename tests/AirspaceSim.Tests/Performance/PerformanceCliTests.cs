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
        Assert.That(lines[0], Does.EndWith("extra_cost_usd"));
        int columns = lines[0].Split(',').Length;
        Assert.That(lines[1], Does.Contain(",B789,"));
        Assert.That(columns, Is.EqualTo(22));
        Assert.That(lines[2], Does.EndWith("," + new string(',', 11)), "an error row keeps the columns (its quoted reason may hold commas)");
        var json = System.Text.Json.JsonDocument.Parse(CliRunner.RunWithInput("from,to\nGRU,MIA\n", "batch", "-", "--type", "B789", "--format", "json").Out);
        var perf = json.RootElement.GetProperty("results")[0].GetProperty("performance");
        Assert.That(perf.GetProperty("extraFuelKg").GetDouble(), Is.GreaterThan(0));
    }
}
