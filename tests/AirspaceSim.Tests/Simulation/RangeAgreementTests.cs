using System.Text.Json;
using AirspaceSim.Performance;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// One range definition (take-off mass ≤ MTOM and fuel ≤ capacity, <see cref="FlightCostModel"/>) behind both
/// `route --type` and the simulator's technical-stop check. Regression: an E190 MIA–GRU (6,554 km; the E190's
/// published range is 4,537 km) was "rerouted" non-stop by `whatif` while `route` said the take-off mass exceeded MTOM.
/// </summary>
public class RangeAgreementTests
{
    private static readonly DateTime Dep = new(2025, 12, 1, 1, 0, 0, DateTimeKind.Utc);

    [Test]
    public void E190MiamiSaoPauloIsBeyondRangeInRouteAndInWhatIf()
    {
        var route = CliRunner.Run("route", "MIA", "GRU", "--type", "E190", "--format", "json");
        Assert.That(route.Exit, Is.EqualTo(0), route.ToString());
        var perf = route.Json().GetProperty("performance");
        foreach (var leg in new[] { "direct", "flown" })
        {
            Assert.That(perf.GetProperty(leg).GetProperty("fitsRange").GetBoolean(), Is.False, leg);
            Assert.That(perf.GetProperty(leg).GetProperty("rangeReason").GetString(), Does.Contain("MTOM"), leg);
        }

        // The library path, with and without a closure on the way (SVZM lies under the great circle).
        foreach (bool closed in new[] { false, true })
        {
            var b = new ScenarioBuilder("e190");
            if (closed) b = b.Close("SVZM", Dep.AddDays(-1));
            var scenario = b.Flight("E1", "MIA", "GRU", Dep, "E190", "XXX", "US").Build();
            var f = new WhatIfSimulator(scenario, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run(CancellationToken.None, null).Flights.Single();
            Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), f.Reason);
            Assert.That(f.ReasonCode, Is.EqualTo(OutcomeReason.BeyondRange));
            // 6,554 km > 2 × the E190's range with reserves: no single stop can serve, so "none".
            double range = PerformanceCostModel.Default.MaxRangeKm(new AircraftProfile("E190", 350), AirspaceSim.Simulation.CostParameters.Defaults);
            Assert.That(f.DirectKm, Is.GreaterThan(2 * range));
            Assert.That(f.Reason, Does.Contain("no open airport"));
        }

        // The CLI what-if agrees.
        string file = Path.Combine(Path.GetTempPath(), $"e190-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {"name":"e190","parameters":{},"closures":[],"flights":[
              {"id":"E1","from":"MIA","to":"GRU","departure":"2025-12-01T01:00Z","type":"E190","airline":"XXX","state":"US"}]}
            """);
        try
        {
            var w = CliRunner.Run("whatif", file, "--format", "json");
            var flight = w.Json().GetProperty("flights")[0];
            Assert.That(flight.GetProperty("outcome").GetString(), Is.EqualTo("needs-tech-stop"), w.ToString());
        }
        finally { File.Delete(file); }
    }

    [TestCase("A20N")]
    [TestCase("E190")]
    [TestCase("B789")]
    public void TheSimulatorsRangeIsTheBoundaryOfTheEstimatesFitsRange(string icao)
    {
        double range = PerformanceCostModel.Default.MaxRangeKm(new AircraftProfile(icao, (int)AircraftCatalog.Bundled[icao].CruiseFl), AirspaceSim.Simulation.CostParameters.Defaults);
        var type = AircraftCatalog.Bundled[icao];
        Assert.That(FlightCostModel.Default.EstimateDistance(type, range - 1, FlightConditions.Default).FitsRange, Is.True);
        Assert.That(FlightCostModel.Default.EstimateDistance(type, range + 1, FlightConditions.Default).FitsRange, Is.False);
    }

    [Test]
    public void RouteFarBeyondTheRangeWritesNoNaN()
    {
        // LHR–SYD (17,016 km) on an A321: the fuel has no finite value; JSON null and a table dash, not NaN or a crash.
        var json = CliRunner.Run("route", "LHR", "SYD", "--type", "A321", "--format", "json");
        Assert.That(json.Exit, Is.EqualTo(0), json.ToString());
        var direct = json.Json().GetProperty("performance").GetProperty("direct");
        Assert.That(direct.GetProperty("fuelKg").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(direct.GetProperty("fitsRange").GetBoolean(), Is.False);
        var table = CliRunner.Run("route", "LHR", "SYD", "--type", "A321");
        Assert.That(table.Out, Does.Not.Contain("NaN").And.Contain("MTOM"));
    }
}
