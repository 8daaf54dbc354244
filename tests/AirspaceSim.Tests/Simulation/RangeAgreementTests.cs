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
        Assert.That(CliOutcome("""
            {"name":"e190","parameters":{},"closures":[],"flights":[
              {"id":"E1","from":"MIA","to":"GRU","departure":"2025-12-01T01:00Z","type":"E190","airline":"XXX","state":"US"}]}
            """), Is.EqualTo("needs-tech-stop"));
    }

    /// <summary>The outcome `whatif SCENARIO --format json` gives the scenario's first flight (the file is temporary).</summary>
    internal static string? CliOutcome(string scenarioJson)
    {
        string file = Path.Combine(Path.GetTempPath(), $"range-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, scenarioJson);
        try
        {
            var w = CliRunner.Run("whatif", file, "--format", "json");
            Assert.That(w.Exit, Is.EqualTo(0), w.ToString());
            return w.Json().GetProperty("flights")[0].GetProperty("outcome").GetString();
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

    private static readonly AirspaceSim.Geodesy.GeoPoint EquatorOrigin = new(0, -30);

    // A point on the equator `km` east of EquatorOrigin: the geodesic between two points on the equator runs along it.
    private static AirspaceSim.Geodesy.GeoPoint EquatorAt(double km) => new(0, -30 + km / (AirspaceSim.Geodesy.Wgs84.SemiMajorAxisM / 1000) * 180 / Math.PI);

    // The estimate's own range boundary along the equator under the conditions, bisected to 10 m: lo fits, hi does not.
    private static (double Lo, double Hi) EquatorBoundaryKm(AircraftType type, FlightConditions conditions)
    {
        double lo = 0, hi = 19_000;
        while (hi - lo > 0.01)
        {
            double mid = (lo + hi) / 2;
            if (FlightCostModel.Default.Estimate(type, [EquatorOrigin, EquatorAt(mid)], conditions).FitsRange) lo = mid; else hi = mid;
        }
        return (lo, hi);
    }

    // In a wind the simulator's range is the estimate's FitsRange of the route flown in that wind (as route --wind's):
    // along the equator (the geodesic between two points on it), 1 km either side of the estimate's own boundary.
    [TestCase("A20N", 90, 100)]   // headwind: the boundary lies short of the still-air range
    [TestCase("A20N", 270, 100)]  // tailwind: beyond it
    [TestCase("E190", 90, 60)]
    [TestCase("B789", 270, 120)]
    [TestCase("B789", 0, 150)]    // across the route
    public void TheSimulatorsRangeInAWindIsTheBoundaryOfTheEstimatesFitsRange(string icao, double windFromDeg, double windKt)
    {
        var type = AircraftCatalog.Bundled[icao];
        var conditions = FlightConditions.Default with { Wind = new Wind(windFromDeg, windKt) };
        var origin = EquatorOrigin;
        var (lo, hi) = EquatorBoundaryKm(type, conditions);
        double still = PerformanceCostModel.Default.MaxRangeKm(new AircraftProfile(icao, (int)type.CruiseFl), AirspaceSim.Simulation.CostParameters.Defaults);
        if (windFromDeg == 90) Assert.That(lo, Is.LessThan(still - 100), "a headwind shortens the range");
        if (windFromDeg == 270) Assert.That(lo, Is.GreaterThan(still + 100), "a tailwind lengthens it");

        var b = new ScenarioBuilder("wind").With(new ScenarioParameters { Cost = new AirspaceSim.Simulation.CostParameters { WindFromDeg = windFromDeg, WindKt = windKt } });
        foreach (var (id, km) in new[] { ("IN", lo - 1), ("OUT", hi + 1) })
            b = b.Flight(id, origin.ToString(), EquatorAt(km).ToString(), Dep, icao, "XXX", "US");
        var flights = new WhatIfSimulator(b.Build(), new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run(CancellationToken.None, null).Flights;
        var inside = flights.Single(f => f.Flight.Id == "IN");
        var outside = flights.Single(f => f.Flight.Id == "OUT");
        Assert.That(inside.Outcome, Is.EqualTo(FlightOutcome.Unaffected), inside.Reason);
        Assert.That(outside.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), outside.Reason);
    }

    // In still air a flight given a level of its own is judged at that level, as the estimate at that level judges it
    // (the range shrinks lower down, where the fuel flow is higher): 1 km either side of the estimate's own boundary.
    [TestCase("A20N", 250)]
    [TestCase("B789", 310)]
    public void AFlightAtALevelOfItsOwnIsJudgedAtThatLevel(string icao, int fl)
    {
        var type = AircraftCatalog.Bundled[icao];
        var conditions = FlightConditions.Default with { CruiseFl = fl };
        var origin = EquatorOrigin;
        var (lo, hi) = EquatorBoundaryKm(type, conditions);
        double atTypeLevel = PerformanceCostModel.Default.MaxRangeKm(new AircraftProfile(icao, (int)type.CruiseFl), AirspaceSim.Simulation.CostParameters.Defaults);
        Assert.That(lo, Is.LessThan(atTypeLevel - 50), "the case must tell the two levels apart");

        var b = new ScenarioBuilder("level");
        foreach (var (id, km) in new[] { ("IN", lo - 1), ("OUT", hi + 1) })
            b = b.Flight(id, origin.ToString(), EquatorAt(km).ToString(), Dep, icao, "XXX", "US", fl);
        var flights = new WhatIfSimulator(b.Build(), new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run(CancellationToken.None, null).Flights;
        var inside = flights.Single(f => f.Flight.Id == "IN");
        var outside = flights.Single(f => f.Flight.Id == "OUT");
        Assert.That(inside.Outcome, Is.EqualTo(FlightOutcome.Unaffected), inside.Reason);
        Assert.That(outside.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), outside.Reason);
    }

    [Test]
    public void RouteAtALevelOfItsOwnAgreesWithTheSimulatorAtThatLevel()
    {
        // `route --type A20N --fl 250` asks what a scenario flight with "cruiseFl": 250 asks: an equator leg between the
        // FL250 and the FL350 range fits at the type's level, not at FL250, in both; the stop is the same airport.
        var type = AircraftCatalog.Bundled["A20N"];
        double r250 = FlightCostModel.Default.MaxRangeKm(type, FlightConditions.Default with { CruiseFl = 250 });
        double r350 = FlightCostModel.Default.MaxRangeKm(type, FlightConditions.Default);
        Assert.That(r250, Is.LessThan(r350 - 100));
        string from = EquatorOrigin.ToString(), to = EquatorAt((r250 + r350) / 2).ToString();
        var atType = CliRunner.Run("route", from, to, "--type", "A20N", "--format", "json").Json().GetProperty("performance");
        Assert.That(atType.GetProperty("range").GetProperty("status").GetString(), Is.EqualTo("fits"));
        var r = CliRunner.Run("route", from, to, "--type", "A20N", "--fl", "250", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var perf = r.Json().GetProperty("performance");
        Assert.That(perf.GetProperty("cruiseFl").GetDouble(), Is.EqualTo(250));
        Assert.That(atType.GetProperty("cruiseFl").GetDouble(), Is.EqualTo(type.CruiseFl));
        var range = perf.GetProperty("range");
        Assert.That(range.GetProperty("status").GetString(), Is.Not.EqualTo("fits"), range.ToString());

        var f = new WhatIfSimulator(new ScenarioBuilder("fl").Flight("F", from, to, Dep, "A20N", "XXX", "US", 250).Build(),
            new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run(CancellationToken.None, null).Flights.Single();
        Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), f.Reason);
        Assert.That(f.Alternate ?? "none", Is.EqualTo(range.GetProperty("techStop").GetString()), f.Reason);

        // Above the ceiling, and without a type: errors that say so.
        var high = CliRunner.Run("route", "LIS", "MAD", "--type", "A20N", "--fl", "430");
        Assert.That(high.Exit, Is.EqualTo(2));
        Assert.That(high.Err, Does.Contain("--fl: FL430 is above the A20N's maximum operating level FL"));
        var bare = CliRunner.Run("route", "LIS", "MAD", "--fl", "300");
        Assert.That(bare.Exit, Is.EqualTo(2));
        Assert.That(bare.Err, Does.Contain("--fl needs --type"));
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
