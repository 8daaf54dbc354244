using System.Globalization;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests;

/// <summary>
/// `route --type` and `batch` measure a flight's extras as the what-if simulator does: against the route it would fly
/// with no closure — the direct route, or, when that is beyond the type's range, the two legs through the stop it would
/// make with no closure — and the flown figures through the stop found around the closures. Before, beyond range they
/// were the impossible non-stop minus the impossible direct non-stop (GRU–MIA on an A320neo around SVZM: +212 kg,
/// against +723 kg through AQA instead of AFL). Checked against brute-force stops, leg estimates made here, and a
/// one-flight scenario run through <see cref="WhatIfSimulator"/> (a second, independent path).
/// </summary>
public class RouteStopBaselineTests
{
    private static readonly FlightCostModel Model = FlightCostModel.Default;
    private static readonly AircraftType A20N = AircraftCatalog.Bundled["A20N"];
    private static readonly DateTime Dep = new(2025, 12, 1, 1, 0, 0, DateTimeKind.Utc);
    private const double GroundMinutes = 60; // ScenarioParameters' default, the simulator's

    private static GeoPoint At(string code) => AirportDirectory.Bundled[code].Location;

    // The stop with no closure by brute force: every large or medium airport whose two great-circle legs both fit, the
    // least total (as TechStopCliTests' brute force).
    private static (Airport Stop, FlightEstimate Leg1, FlightEstimate Leg2) NoClosureStop(string from, string to)
    {
        GeoPoint a = At(from), b = At(to);
        (Airport, FlightEstimate, FlightEstimate)? best = null;
        double bestKm = double.PositiveInfinity;
        foreach (var x in AirportDirectory.Bundled.Airports.Where(p => p.Type is AirportType.Large or AirportType.Medium))
        {
            if (x.Location == a || x.Location == b) continue;
            var l1 = Model.Estimate(A20N, [a, x.Location], FlightConditions.Default);
            if (!l1.FitsRange) continue;
            var l2 = Model.Estimate(A20N, [x.Location, b], FlightConditions.Default);
            if (!l2.FitsRange || l1.DistanceKm + l2.DistanceKm >= bestKm) continue;
            (best, bestKm) = ((x, l1, l2), l1.DistanceKm + l2.DistanceKm);
        }
        return best ?? throw new AssertionException("no stop");
    }

    // The same flight through the simulator: one flight, the closures from the day before.
    private static FlightResult Simulated(string from, string to, params string[] closed)
    {
        var b = new ScenarioBuilder("stop-baseline");
        foreach (var id in closed) b = b.Close(id, Dep.AddDays(-1));
        var scenario = b.Flight("F1", from, to, Dep, "A20N", "XXX", "US").Build();
        return new WhatIfSimulator(scenario, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run(CancellationToken.None, null).Flights.Single();
    }

    private static JsonElement Perf(params string[] args) =>
        CliRunner.Run(["route", .. args, "--type", "A20N", "--format", "json"]).Json().GetProperty("performance");

    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static void AssertExtrasAgreeWithTheSimulator(JsonElement perf, FlightResult sim)
    {
        // The simulator rounds to 0.1 (0.01 US$) from unrounded figures, the JSON to 0.01 (0.1 kg).
        Assert.That(D(perf, "extraMinutes"), Is.EqualTo((double)sim.ExtraMinutes).Within(0.06), "minutes");
        Assert.That(D(perf, "extraFuelKg"), Is.EqualTo((double)sim.ExtraFuelKg).Within(0.11), "fuel");
        Assert.That(D(perf, "extraCo2Kg"), Is.EqualTo((double)sim.ExtraCo2Kg).Within(0.11), "CO2");
        Assert.That(D(perf, "extraCostUsd"), Is.EqualTo((double)sim.ExtraCostUsd).Within(0.011), "cost");
        double extraKm = D(perf.GetProperty("flown"), "distanceKm") - D(perf.GetProperty("direct"), "distanceKm");
        Assert.That(extraKm, Is.EqualTo((double)sim.ExtraKm).Within(0.051), "km");
    }

    [Test]
    public void BeyondRangeWithNoClosureOnTheWayTheExtrasAreExactlyZeroAndTheStopIsTheSimulators()
    {
        // Lisbon–Santiago (10,213 km) is beyond an A320neo's range with reserves; the Kyiv FIR is far from every leg.
        var (stop, l1, l2) = NoClosureStop("LIS", "SCL");
        foreach (var closed in new[] { "UKBV", "EGTT" })
        {
            var perf = Perf("LIS", "SCL", "--closed", closed);
            Assert.That(perf.GetProperty("range").GetProperty("techStop").GetString(), Is.EqualTo(stop.Code));
            foreach (var n in new[] { "extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd" })
                Assert.That(D(perf, n), Is.EqualTo(0), n);
            // Both figures are those of the two legs by hand: the sums, and the hour on the ground in the block minutes.
            foreach (var side in new[] { "direct", "flown" })
            {
                var e = perf.GetProperty(side);
                Assert.That(D(e, "distanceKm"), Is.EqualTo(l1.DistanceKm + l2.DistanceKm).Within(0.001), side);
                Assert.That(D(e, "blockMinutes"), Is.EqualTo(l1.BlockMinutes + l2.BlockMinutes + GroundMinutes).Within(0.006), side);
                Assert.That(D(e, "fuelKg"), Is.EqualTo(l1.FuelKg + l2.FuelKg).Within(0.051), side);
                Assert.That(D(e, "costUsd"), Is.EqualTo(l1.CostUsd + l2.CostUsd).Within(0.006), "the ground time is not costed");
                Assert.That(e.GetProperty("fitsRange").GetBoolean(), Is.True, "both legs fit");
            }
        }
        var sim = Simulated("LIS", "SCL");
        Assert.That((sim.Outcome, sim.Alternate), Is.EqualTo((FlightOutcome.NeedsTechStop, stop.Code)), sim.Reason);
        Assert.That(new[] { sim.ExtraKm, sim.ExtraMinutes, sim.ExtraFuelKg, sim.ExtraCostUsd }, Is.All.EqualTo(0m));
    }

    [Test]
    public void AClosureThatShutsTheStopWithNoClosureCostsTheOtherStopAgainstIt()
    {
        // GRU–MIA (6,554 km) is beyond the A320neo's range; with no closure it stops at the brute force's airport, inside
        // the Amazônica FIR (SBAZ). Closing SBAZ shuts that stop (an airport inside a closure has no leg).
        var (free, f1, f2) = NoClosureStop("GRU", "MIA");
        var sbaz = AirspaceCatalog.Bundled["SBAZ"];
        Assume.That(sbaz.Contains(free.Location), "the stop with no closure lies inside SBAZ");
        var perf = Perf("GRU", "MIA", "--closed", "SBAZ");
        var range = perf.GetProperty("range");
        string code = range.GetProperty("techStop").GetString()!;
        Assert.That(code, Is.Not.EqualTo(free.Code).And.Not.EqualTo("none"));
        Assert.That(range.GetProperty("reason").GetString(), Does.EndWith($"; with no closure it would stop at {free.Code}"));
        var direct = perf.GetProperty("direct");
        Assert.That(D(direct, "distanceKm"), Is.EqualTo(f1.DistanceKm + f2.DistanceKm).Within(0.001), "the base is the stop with no closure");
        Assert.That(D(direct, "blockMinutes"), Is.EqualTo(f1.BlockMinutes + f2.BlockMinutes + GroundMinutes).Within(0.006));
        // The flown figures by hand: the two legs around SBAZ, planned and costed here, and the hour on the ground.
        var planner = DetourPlanner.Build([sbaz]);
        var x = AirportDirectory.Bundled[code].Location;
        var e1 = Model.Estimate(A20N, planner.Plan(At("GRU"), x), FlightConditions.Default);
        var e2 = Model.Estimate(A20N, planner.Plan(x, At("MIA")), FlightConditions.Default);
        var flown = perf.GetProperty("flown");
        Assert.That(D(flown, "distanceKm"), Is.EqualTo(e1.DistanceKm + e2.DistanceKm).Within(0.001));
        Assert.That(D(flown, "blockMinutes"), Is.EqualTo(e1.BlockMinutes + e2.BlockMinutes + GroundMinutes).Within(0.006));
        Assert.That(D(perf, "extraFuelKg"), Is.EqualTo(e1.FuelKg + e2.FuelKg - f1.FuelKg - f2.FuelKg).Within(0.11));
        // The stop is the one of least total with the closure, so never shorter than the one without it.
        Assert.That(D(flown, "distanceKm") - D(direct, "distanceKm"), Is.GreaterThanOrEqualTo(0));
        // Both ground hours cancel: the extra minutes are the legs' alone.
        Assert.That(D(perf, "extraMinutes"), Is.EqualTo(e1.BlockMinutes + e2.BlockMinutes - f1.BlockMinutes - f2.BlockMinutes).Within(0.006));

        var sim = Simulated("GRU", "MIA", "SBAZ");
        Assert.That(sim.Alternate, Is.EqualTo(code), sim.Reason);
        Assert.That(sim.Reason, Does.Contain($"with no closure it would stop at {free.Code}"));
        AssertExtrasAgreeWithTheSimulator(perf, sim);
    }

    [Test]
    public void AClosureThatLengthensTheLegsMovesTheStopAndAgreesWithTheSimulator()
    {
        // GRU–MIA around SVZM: the stop with no closure, whose second leg crosses SVZM, gives way to another.
        var (free, _, _) = NoClosureStop("GRU", "MIA");
        var perf = Perf("GRU", "MIA", "--closed", "SVZM");
        string code = perf.GetProperty("range").GetProperty("techStop").GetString()!;
        Assert.That(code, Is.Not.EqualTo(free.Code));
        Assert.That(D(perf.GetProperty("flown"), "distanceKm") - D(perf.GetProperty("direct"), "distanceKm"), Is.GreaterThanOrEqualTo(0));
        var sim = Simulated("GRU", "MIA", "SVZM");
        Assert.That(sim.Alternate, Is.EqualTo(code), sim.Reason);
        AssertExtrasAgreeWithTheSimulator(perf, sim);
    }

    [Test]
    public void WhenTheDirectRouteFitsButTheDetourDoesNotTheStopsGroundHourIsAnExtra()
    {
        // MIA–CNF (6,378 km) fits the A320neo; around SVZM (6,470 km) it does not, so it stops.
        var direct = Model.Estimate(A20N, [At("MIA"), At("CNF")], FlightConditions.Default);
        Assert.That(direct.FitsRange, Is.True);
        var perf = Perf("MIA", "CNF", "--closed", "SVZM");
        var range = perf.GetProperty("range");
        Assert.That(range.GetProperty("status").GetString(), Is.EqualTo("tech-stop"));
        string code = range.GetProperty("techStop").GetString()!;
        var d = perf.GetProperty("direct");
        Assert.That(D(d, "distanceKm"), Is.EqualTo(direct.DistanceKm).Within(0.001), "the base is the direct route");
        Assert.That(D(d, "blockMinutes"), Is.EqualTo(direct.BlockMinutes).Within(0.006));
        var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);
        var x = AirportDirectory.Bundled[code].Location;
        var e1 = Model.Estimate(A20N, planner.Plan(At("MIA"), x), FlightConditions.Default);
        var e2 = Model.Estimate(A20N, planner.Plan(x, At("CNF")), FlightConditions.Default);
        Assert.That(D(perf, "extraMinutes"), Is.EqualTo(e1.BlockMinutes + e2.BlockMinutes + GroundMinutes - direct.BlockMinutes).Within(0.006));
        Assert.That(D(perf, "extraCostUsd"), Is.EqualTo(e1.CostUsd + e2.CostUsd - direct.CostUsd).Within(0.006));
        Assert.That(D(perf, "extraMinutes"), Is.GreaterThan(GroundMinutes));
        var sim = Simulated("MIA", "CNF", "SVZM");
        Assert.That(sim.Alternate, Is.EqualTo(code), sim.Reason);
        AssertExtrasAgreeWithTheSimulator(perf, sim);

        // The table names both routes' stops (and says the direct one flies non-stop).
        var table = CliRunner.Run("route", "MIA", "CNF", "--closed", "SVZM", "--type", "A20N").Out;
        Assert.That(table, Does.Contain($"fits through {code} (two legs)"));
        Assert.That(table, Does.Match(@"direct +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9]+  fits\n"));
    }

    [Test]
    public void TheGroundMinutesAreAnOptionOfTheCostingAndOnlyInTheMinutes()
    {
        var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);
        var row = RouteBatch.Plan([new RouteListRow(2, "MIA", "CNF")], AirportDirectory.Bundled, planner).Single();
        DetourCost Cost(double minutes) => new BatchCosting(new BatchCostingOptions
        {
            DefaultType = A20N, TechStops = TechStopSearch.Default(planner, AirportDirectory.Bundled), TechStopGroundMinutes = minutes,
        }).Cost(row).Cost!.Cost!;
        DetourCost hour = Cost(60), none = Cost(0), two = Cost(120);
        Assert.That(hour.ExtraMinutes - none.ExtraMinutes, Is.EqualTo(60).Within(1e-9));
        Assert.That(two.ExtraMinutes - none.ExtraMinutes, Is.EqualTo(120).Within(1e-9));
        Assert.That((hour.ExtraFuelKg, hour.ExtraCostUsd), Is.EqualTo((none.ExtraFuelKg, none.ExtraCostUsd)));
        Assert.That(() => new BatchCosting(new BatchCostingOptions { TechStopGroundMinutes = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new BatchCosting(new BatchCostingOptions { TechStopGroundMinutes = double.NaN }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void TheLibrarySaysWhichStopTheBaseGoesThrough()
    {
        var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SBAZ"]]);
        var costing = new BatchCosting(new BatchCostingOptions { DefaultType = A20N, TechStops = TechStopSearch.Default(planner, AirportDirectory.Bundled) });
        var rows = RouteBatch.Plan([new RouteListRow(2, "GRU", "MIA"), new RouteListRow(3, "MIA", "BOG")], AirportDirectory.Bundled, planner).ToArray();
        var far = costing.Cost(rows[0]).Cost!;
        Assert.That(far.NoClosureStop!.Stop!.Code, Is.EqualTo(NoClosureStop("GRU", "MIA").Stop.Code));
        Assert.That(far.Cost!.ExtraKm, Is.EqualTo(far.Range!.TotalKm!.Value - far.NoClosureStop.TotalKm!.Value).Within(1e-6));
        var near = costing.Cost(rows[1]).Cost!;
        Assert.That((near.NoClosureStop, near.Range!.StatusCode), Is.EqualTo(((TechStop?)null, "fits")));
    }

    [Test]
    public void BatchRowsAreRoutesRows()
    {
        // Every kind: through a stop not moved, a stop moved, direct fits but the detour does not, no stop at all, fits.
        var pairs = new[] { ("LIS", "SCL"), ("GRU", "MIA"), ("MIA", "CNF"), ("JFK", "HKG"), ("LIS", "MAD") };
        var batch = CliRunner.RunWithInput("from,to\n" + string.Concat(pairs.Select(p => $"{p.Item1},{p.Item2}\n")), ["batch", "-", "--type", "A20N"]);
        Assert.That(batch.Exit, Is.EqualTo(0), batch.ToString());
        var lines = batch.OutLines.Where(l => !l.StartsWith('#')).ToArray();
        var json = JsonDocument.Parse(CliRunner.RunWithInput("from,to\n" + string.Concat(pairs.Select(p => $"{p.Item1},{p.Item2}\n")), ["batch", "-", "--type", "A20N", "--format", "json"]).Out).RootElement;
        for (int i = 0; i < pairs.Length; i++)
        {
            var (from, to) = pairs[i];
            var route = CliRunner.Run("route", from, to, "--type", "A20N", "--format", "csv").OutLines;
            Assert.That(lines[0], Is.EqualTo("line," + route[0]));
            Assert.That(lines[i + 1], Is.EqualTo((i + 2).ToString(CultureInfo.InvariantCulture) + "," + route[1]), $"{from}-{to}");
            var routeJson = CliRunner.Run("route", from, to, "--type", "A20N", "--format", "json").Json().GetProperty("performance");
            Assert.That(json.GetProperty("results")[i].GetProperty("performance").GetRawText(), Is.EqualTo(routeJson.GetRawText()), $"{from}-{to}");
        }
        // The CSV's figures are the JSON's: extra minutes = flown − direct block minutes.
        var header = lines[0].Split(',');
        foreach (var l in lines.Skip(1))
        {
            var f = AirspaceSim.Infrastructure.Csv.Split(l, out _)!;
            double N(string c) => double.Parse(f[Array.IndexOf(header, c)], CultureInfo.InvariantCulture);
            Assert.That(N("extra_minutes"), Is.EqualTo(N("block_min") - N("block_min_direct")).Within(0.15), l);
            Assert.That(N("extra_fuel_kg"), Is.EqualTo(N("fuel_kg") - N("fuel_kg_direct")).Within(0.15), l);
        }
    }
}
