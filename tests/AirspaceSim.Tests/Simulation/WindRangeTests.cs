using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;
using SimCost = AirspaceSim.Simulation.CostParameters;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// The simulator judges the range in the scenario's wind as `route --type --wind` and the batch do (issues 9/10): a
/// flight, and each technical-stop leg, fits when its flown route costed in the wind fits (FlightEstimate.FitsRange).
/// The references are the route command and <see cref="FlightCostModel"/>'s own estimate and stop search, not the
/// simulator's code.
/// </summary>
public class WindRangeTests
{
    private static readonly DateTime Dep = new(2025, 12, 1, 1, 0, 0, DateTimeKind.Utc);

    private static FlightResult Fly(string from, string to, string type, double? windFromDeg, double? windKt)
    {
        var scenario = new ScenarioBuilder("wind")
            .With(new ScenarioParameters { Cost = new SimCost { WindFromDeg = windFromDeg, WindKt = windKt } })
            .Flight("F1", from, to, Dep, type, "XXX", "US").Build();
        return new WhatIfSimulator(scenario, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run(CancellationToken.None, null).Flights.Single();
    }

    [Test]
    public void AHeadwindMakesAFlightThatFitsInStillAirNeedTheStopRouteFinds()
    {
        // JFK–LIS (5,418 km) on an A20N fits in still air; against a 100 kt easterly its take-off mass exceeds MTOM.
        var still = CliRunner.Run("route", "JFK", "LIS", "--type", "A20N", "--format", "json");
        Assert.That(still.Json().GetProperty("performance").GetProperty("flown").GetProperty("fitsRange").GetBoolean(), Is.True, still.ToString());
        var windy = CliRunner.Run("route", "JFK", "LIS", "--type", "A20N", "--wind", "90/100", "--format", "json");
        Assert.That(windy.Exit, Is.EqualTo(0), windy.ToString());
        var perf = windy.Json().GetProperty("performance");
        // Beyond range non-stop in the wind (the range reason says why); the flown figures are through the stop.
        Assert.That(perf.GetProperty("range").GetProperty("status").GetString(), Is.EqualTo("tech-stop"));
        Assert.That(perf.GetProperty("range").GetProperty("reason").GetString(), Does.EndWith("non-stop)"));
        string stop = perf.GetProperty("range").GetProperty("techStop").GetString()!;
        Assert.That(stop, Is.Not.EqualTo("none"));

        Assert.That(Fly("JFK", "LIS", "A20N", null, null).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        var f = Fly("JFK", "LIS", "A20N", 90, 100);
        Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), f.Reason);
        Assert.That(f.ReasonCode, Is.EqualTo(OutcomeReason.BeyondRange));
        Assert.That(f.Alternate, Is.EqualTo(stop), f.Reason);
        Assert.That(f.Reason, Does.Contain("in the wind"));

        // The CLI what-if agrees (the scenario's uniform wind).
        Assert.That(RangeAgreementTests.CliOutcome("""
            {"name":"wind","parameters":{"windKt":100,"windFromDeg":90},"closures":[],"flights":[
              {"id":"F1","from":"JFK","to":"LIS","departure":"2025-12-01T01:00Z","type":"A20N","airline":"XXX","state":"US"}]}
            """), Is.EqualTo("needs-tech-stop"));
    }

    [Test]
    public void ATailwindLetsAFlightBeyondTheStillAirRangeFlyNonStop()
    {
        // BOS–FCO (6,587 km) on an A20N: just beyond MTOM in still air (a stop), within it before a 100 kt westerly.
        var type = AircraftCatalog.Bundled["A20N"];
        var bos = AirportDirectory.Bundled["BOS"].Location;
        var fco = AirportDirectory.Bundled["FCO"].Location;
        var tail = FlightConditions.Default with { Wind = new Wind(270, 100) };
        Assert.That(FlightCostModel.Default.Estimate(type, [bos, fco], FlightConditions.Default).FitsRange, Is.False);
        Assert.That(FlightCostModel.Default.Estimate(type, [bos, fco], tail).FitsRange, Is.True);

        var still = Fly("BOS", "FCO", "A20N", null, null);
        Assert.That(still.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), still.Reason);
        var f = Fly("BOS", "FCO", "A20N", 270, 100);
        Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.Unaffected), f.Reason);
    }

    // Pairs near the A20N's and E190's range, in several directions, each in a head- or tailwind and across it.
    [TestCase("A20N", "JFK", "LIS", 90, 100)]
    [TestCase("A20N", "LIS", "JFK", 270, 60)]
    [TestCase("A20N", "BOS", "FCO", 270, 100)]
    [TestCase("A20N", "BOS", "FCO", 0, 120)]
    [TestCase("A20N", "KEF", "ORD", 300, 80)]
    [TestCase("A20N", "DXB", "LHR", 300, 90)]
    [TestCase("E190", "MIA", "LIM", 180, 80)]
    [TestCase("E190", "JFK", "SFO", 270, 90)]
    [TestCase("E190", "LHR", "KEF", 45, 120)]
    [TestCase("B38M", "SEA", "HNL", 240, 110)]
    public void TheSimulatorsRangeInAWindIsTheEstimatesAndItsStopTheSearchs(string icao, string from, string to, double windFromDeg, double windKt)
    {
        // Independent reference: FlightCostModel's estimate of the direct route in the wind, and its stop search over
        // the simulator's default alternates (what route --type --wind does).
        var type = AircraftCatalog.Bundled[icao];
        var airports = AirportDirectory.Bundled;
        GeoPoint a = airports[from].Location, b = airports[to].Location;
        var conditions = FlightConditions.Default with { Wind = new Wind(windFromDeg, windKt) };
        bool fits = FlightCostModel.Default.Estimate(type, [a, b], conditions).FitsRange;
        var f = Fly(from, to, icao, windFromDeg, windKt);
        if (fits)
        {
            Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.Unaffected), f.Reason);
            return;
        }
        var candidates = WhatIfSimulator.DefaultAlternates(airports).Where(x => x.Location != a && x.Location != b);
        var stop = FlightCostModel.Default.FindTechStop(type, a, b, candidates, conditions);
        Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), f.Reason);
        Assert.That(f.Alternate, Is.EqualTo(stop.Stop?.Code), f.Reason);
    }

    [TestCase("A20N", 90, 100)]
    [TestCase("E190", 270, 150)]
    [TestCase("B789", 0, 100)]
    [TestCase("AT76", 200, 60)]
    public void ALengthThatFitsInAWindLiesWithinTheSimulatorsPruningBounds(string icao, double windFromDeg, double windKt)
    {
        // The simulator prunes by R (1 + W/V) × 1.006 and takes R (1 − W/V) / 1.006 as a sure fit (WhatIfSimulator.Reach):
        // the boundary of the estimate's FitsRange along great circles in every direction must lie between the two.
        var model = PerformanceCostModel.Default;
        var type = AircraftCatalog.Bundled[icao];
        var profile = new AircraftProfile(icao, (int)Math.Round(type.CruiseFl));
        var p = new SimCost { WindFromDeg = windFromDeg, WindKt = windKt };
        double r = model.MaxRangeKm(profile, profile.DefaultCruiseFl, p);
        var origin = new GeoPoint(10, 20);
        double v = model.GroundSpeedKt(profile, profile.DefaultCruiseFl, origin, new GeoPoint(10, 21), SimCost.Defaults);
        double q = windKt / v;
        double lo = r * (1 - q) / 1.006, hi = r * (1 + q) * 1.006;
        for (double course = 0; course < 360; course += 22.5)
        {
            // Bisection of the fit boundary along the course, on the great circle from the origin.
            double a = 0, b = 19_000;
            for (int i = 0; i < 40; i++)
            {
                double mid = (a + b) / 2;
                var end = Geodesic(origin, course, mid);
                if (model.FitsRange(profile, [origin, end], profile.DefaultCruiseFl, p)) a = mid; else b = mid;
            }
            double flownKm = Wgs84.DistanceM(origin, Geodesic(origin, course, a)) / 1000;
            Assert.That(flownKm, Is.InRange(lo, hi), $"course {course}");
        }
    }

    private static GeoPoint Geodesic(GeoPoint from, double courseDeg, double km) => AirspaceSim.Spherical.Sphere.Destination(from, courseDeg, km);
}
