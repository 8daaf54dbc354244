using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>The extras of a flight that must stop are against the flight with no closure. When its direct route is beyond
/// the type's range it would stop even with no closure, so a closure's cost is what it adds to that stop; against the
/// impossible non-stop, a flight that stops anyway showed the stop's ground time as the closure's, and with the
/// performance model a fuel saving (JFK–HKG on a 777-300ER: −8,304 kg). Checked against brute-force stops over every
/// alternate and the test double's hand arithmetic (3 kg/km, 450 kt).</summary>
public class TechStopBaselineTests
{
    private static readonly InterimCostModel Cost = new();
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private const double RangeKm = 4000; // the test double's E190
    private const double KmPerMin = InterimCostModel.TasKt * 1.852 / 60;

    private static double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
    private static GeoPoint At(string code) => AirportDirectory.Bundled[code].Location;

    private static Flight F(string from, string to, DateTime? dep = null) => new()
    {
        Id = $"{from}-{to}", Origin = from, Destination = to, DepartureUtc = dep ?? T0, AircraftType = "E190", Airline = "GLO", OperatorState = "BR",
    };

    private static FlightResult One(IEnumerable<Closure> closures, Flight f) =>
        new WhatIfSimulator(new Scenario { Name = "t", Closures = closures.ToArray(), Flights = [f] }, new SimulationOptions { CostModel = Cost }).Run().Flights.Single();

    // The stop a search over every alternate gives: the least total with both legs in range, first in the alternates'
    // order on ties, skipping the excluded codes.
    private static Airport BruteForceStop(string from, string to, params string[] excluded)
    {
        var o = At(from); var d = At(to);
        return WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled)
            .Where(a => a.Location != o && a.Location != d && !excluded.Contains(a.Code) && Km(o, a.Location) <= RangeKm && Km(a.Location, d) <= RangeKm)
            .MinBy(a => Km(o, a.Location) + Km(a.Location, d))!;
    }

    [Test]
    public void AFlightThatMustStopWithNoClosureHasNoExtras()
    {
        Assume.That(Km(At("MIA"), At("LIM")), Is.GreaterThan(RangeKm), "MIA-LIM is beyond the double's E190 range");
        var far = new Closure { Id = "EGTT", AirspaceIds = ["EGTT"], Airspaces = [AirspaceCatalog.Bundled["EGTT"]], StartUtc = T0.AddDays(-1) };
        foreach (var closures in new[] { Array.Empty<Closure>(), [far] })
        {
            var r = One(closures, F("MIA", "LIM"));
            Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
            Assert.That(r.Alternate, Is.EqualTo(BruteForceStop("MIA", "LIM").Code));
            Assert.That(r.BoundBy, Is.Empty);
            Assert.That(new[] { r.ExtraKm, r.ExtraMinutes, r.ExtraFuelKg, r.ExtraCo2Kg, r.ExtraCostUsd }, Is.All.EqualTo(0m), "no closure moved its stop");
            Assert.That(r.Reason, Does.Not.Contain("with no closure"));
        }
    }

    [Test]
    public void AClosureThatShutsTheStopCostsTheLongerStopAndBindsTheFlight()
    {
        var s0 = BruteForceStop("MIA", "LIM");
        var s1 = BruteForceStop("MIA", "LIM", s0.Code);
        var shut = new Closure { Id = "SHUT", Airports = [s0.Code], StartUtc = T0.AddDays(-1) };
        var r = One([shut], F("MIA", "LIM"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(s1.Code));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "SHUT" }), "its legs cross nothing, but the closure moved its stop");
        Assert.That(r.Reason, Does.EndWith($"technical stop at {s1.Code} (with no closure it would stop at {s0.Code})"));
        // By hand: the extra distance is the difference of the two stops' totals; both stops' ground times cancel.
        var o = At("MIA"); var d = At("LIM");
        double extraKm = Km(o, s1.Location) + Km(s1.Location, d) - (Km(o, s0.Location) + Km(s0.Location, d));
        Assert.That(extraKm, Is.GreaterThan(0));
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(InterimCostModel.FuelKgPerKm * extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin).Within(0.051));
    }

    [Test]
    public void AStopForcedOnlyByTheDetourCountsItsGroundTimeAgainstTheDirectRoute()
    {
        // MIA-BOG (about 2,430 km) fits the double's 4,000 km; a wall across its line from 100°W to 62°W makes every
        // route around it longer than that, so the flight stops, and with no closure it would fly non-stop: its extras
        // are the two legs and the ground time against the direct route.
        var wall = TestAirspaces.FromLatLon("WALL", (17.5, -100), (17.5, -62), (18.5, -62), (18.5, -100));
        var c = new Closure { Id = "WALL", Airspaces = [wall], StartUtc = T0.AddDays(-1) };
        Assume.That(Km(At("MIA"), At("BOG")), Is.LessThan(RangeKm));
        var r = One([c], F("MIA", "BOG"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.Not.Null, r.Reason);
        Assert.That(r.Reason, Does.Not.Contain("with no closure"));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "WALL" }));
        double extraKm = r.RouteKm!.Value - r.DirectKm!.Value;
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin + 60).Within(0.051), "the ground time counts: the closure caused the stop");
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(InterimCostModel.FuelKgPerKm * extraKm).Within(0.051));
    }

    [Test]
    public void AFlightBeyondRangeAtDepartureStopsAndIsNotReroutedInFlightOnTheNonStop()
    {
        // A closure on MIA-LIM's line (Panama's FIR) announced an hour after take-off: a flight that could never fly the
        // non-stop plans its stop before departure; it used to be rerouted in flight on the impossible non-stop. Its
        // first leg is then rerouted in flight to the stop (InFlightStopTests has the geometry and the arithmetic).
        var mpzl = new Closure
        {
            Id = "MPZL", AirspaceIds = ["MPZL"], Airspaces = [AirspaceCatalog.Bundled["MPZL"]], StartUtc = T0.AddHours(1), NoticeUtc = T0.AddHours(1),
        };
        var r = One([mpzl], F("MIA", "LIM"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(BruteForceStop("MIA", "LIM").Code));
        Assert.That(r.BoundBy, Does.Contain("MPZL"));
        // The stop is chosen at take-off, before MPZL is known; the second leg, which crosses it, is planned at the stop.
        Assert.That(r.Reason, Does.EndWith($"technical stop at {r.Alternate}; the second leg planned at {r.Alternate} around MPZL, announced after take-off"));
        Assert.That(r.InFlightPosition, Is.Null);
    }

    [Test]
    public void TheExtraDistanceOfEveryStoppingFlightIsNeverNegative()
    {
        // In still air the stop with no closure minimises the total over every alternate with both geodesic legs in
        // range; a stop around closures has legs at least as long, through an alternate the search could also pick, so
        // the extra km is never negative (the old base, the impossible non-stop, could not say so for the fuel).
        string[] closed = ["SVZM", "MPZL", "SKEC", "MUFH", "TTZP", "SEFG"];
        var closures = closed.Select(id => new Closure { Id = id, AirspaceIds = [id], Airspaces = [AirspaceCatalog.Bundled[id]], StartUtc = T0.AddDays(-1) }).ToArray();
        (string, string)[] pairs = [("MIA", "LIM"), ("LIM", "MIA"), ("JFK", "BOG"), ("MEX", "GRU"), ("ATL", "EZE"), ("LIM", "MAD"), ("PTY", "GRU"), ("MIA", "SCL")];
        var flights = pairs.Select(p => F(p.Item1, p.Item2)).ToArray();
        var result = new WhatIfSimulator(new Scenario { Name = "t", Closures = closures, Flights = flights }, new SimulationOptions { CostModel = Cost }).Run();
        int stops = 0;
        foreach (var r in result.Flights.Where(f => f.Outcome == FlightOutcome.NeedsTechStop && f.Alternate != null))
        {
            stops++;
            Assert.That(r.ExtraKm, Is.GreaterThanOrEqualTo(0m), $"{r.Flight.Id}: {r.Reason}");
            Assert.That(r.ExtraFuelKg, Is.GreaterThanOrEqualTo(0m), $"{r.Flight.Id}: {r.Reason}");
            if (r.ExtraKm > 0) Assert.That(r.BoundBy, Is.Not.Empty, $"{r.Flight.Id}: what costs it is named");
        }
        Assert.That(stops, Is.GreaterThanOrEqualTo(3), "enough of them stop");
    }

    [Test]
    public void JfkHkgOnA777300ErIsNotASavingWithThePerformanceModel()
    {
        var perf = PerformanceCostModel.Default;
        var f = new Flight { Id = "CX", Origin = "JFK", Destination = "HKG", DepartureUtc = T0, AircraftType = "B77W", Airline = "CPA", OperatorState = "HK" };
        var free = new WhatIfSimulator(new Scenario { Name = "t", Closures = [], Flights = [f] }, new SimulationOptions { CostModel = perf }).Run().Flights.Single();
        Assume.That(free.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), "beyond the 777-300ER's modelled range with reserves: " + free.Reason);
        Assert.That(new[] { free.ExtraKm, free.ExtraMinutes, free.ExtraFuelKg, free.ExtraCo2Kg, free.ExtraCostUsd }, Is.All.EqualTo(0m), free.Reason);
    }

    // Review of 2026-12-08: the destination, and closures that rule out every stop, judged through the stop.

    // By hand: minutes at the double's 450 kt over the WGS84 legs, and the 60 min on the ground.
    private static DateTime LandsThrough(string from, Airport stop, string to) =>
        T0.AddMinutes((Km(At(from), stop.Location) + Km(stop.Location, At(to))) / KmPerMin + 60);

    private static Closure ShutLim(DateTime from, DateTime to) =>
        new() { Id = "LIMX", Airports = ["LIM"], Bans = ClosureBans.Airports, StartUtc = from, EndUtc = to, NoticeUtc = T0.AddDays(-1) };

    [Test]
    public void ADestinationClosedOnlyWhenTheNonStopWouldLandDoesNotCancelAFlightThatStops()
    {
        // LIM shut for 20 min around the moment the impossible non-stop would land (T0 + 4,198 km at 450 kt, 5 h 02);
        // through its stop the flight lands about an hour later, LIM open again. It was cancelled at the non-stop's time.
        var s0 = BruteForceStop("MIA", "LIM");
        var nonStop = T0.AddMinutes(Km(At("MIA"), At("LIM")) / KmPerMin);
        Assume.That(LandsThrough("MIA", s0, "LIM"), Is.GreaterThan(nonStop.AddMinutes(40)));
        var r = One([ShutLim(nonStop.AddMinutes(-10), nonStop.AddMinutes(10))], F("MIA", "LIM"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(s0.Code));
        Assert.That(r.BoundBy, Is.Empty, "LIM is open when it lands");
        Assert.That(new[] { r.ExtraKm, r.ExtraMinutes, r.ExtraFuelKg }, Is.All.EqualTo(0m));
    }

    [Test]
    public void ADestinationClosedWhenItWouldLandThroughItsStopBindsTheFlightThatStopsElsewhere()
    {
        // LIM shut for 20 min around its landing through the stop it makes with no closure: it stops elsewhere (a
        // longer total, landing after LIM reopens), and LIMX, which moved its stop, is named. It named nothing.
        var s0 = BruteForceStop("MIA", "LIM");
        var lands = LandsThrough("MIA", s0, "LIM");
        var r = One([ShutLim(lands.AddMinutes(-10), lands.AddMinutes(10))], F("MIA", "LIM"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.Not.Null.And.Not.EqualTo(s0.Code), r.Reason);
        Assert.That(r.ExtraKm, Is.GreaterThan(0m));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "LIMX" }), r.Reason);
        Assert.That(r.Reason, Does.EndWith($"(with no closure it would stop at {s0.Code})"));
    }

    [Test]
    public void AClosureThatShutsEveryStopIsNamed()
    {
        // Every default alternate with both legs in the double's range, closed by name: no stop, and the closure that
        // left none is what binds the flight (it named none: "no closure binds it" in effect).
        var o = At("MIA"); var d = At("LIM");
        var all = WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled)
            .Where(a => a.Location != o && a.Location != d && Km(o, a.Location) <= RangeKm && Km(a.Location, d) <= RangeKm).Select(a => a.Code).ToArray();
        Assume.That(all, Has.Length.GreaterThan(1));
        var shut = new Closure { Id = "SHUT", Airports = all, Bans = ClosureBans.Airports, StartUtc = T0.AddDays(-1) };
        var r = One([shut], F("MIA", "LIM"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.Null);
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "SHUT" }));
        Assert.That(r.Reason, Does.EndWith($"no open airport gives two legs in range (with no closure it would stop at {BruteForceStop("MIA", "LIM").Code})"));
    }

    [Test]
    public void ADestinationClosedAllDayCancelsAtTheArrivalThroughTheStop()
    {
        var s0 = BruteForceStop("MIA", "LIM");
        var r = One([ShutLim(T0.AddDays(-1), T0.AddDays(1))], F("MIA", "LIM"));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Cancelled), r.Reason);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosed));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "LIMX" }));
        var lands = LandsThrough("MIA", s0, "LIM");
        Assert.That(r.Reason, Does.Contain($"at arrival {lands:yyyy-MM-dd'T'HH}").And.Contain($"through its technical stop at {s0.Code}"), r.Reason);
    }

    [Test]
    public void AFlightStoppingWhereItWouldWithNoClosureWritesItsZeroMinutesAsTheOtherZeros()
    {
        // With the performance model MIA-LIM on an E190 stops at the same airport with or without a closure far away;
        // its extra minutes were 0.0 (a 1e-14 min remainder of the baseline's other order of sums) beside 0 km, 0 kg.
        var far = new Closure { Id = "EGTT", AirspaceIds = ["EGTT"], Airspaces = [AirspaceCatalog.Bundled["EGTT"]], StartUtc = T0.AddDays(-1) };
        var r = new WhatIfSimulator(new Scenario { Name = "t", Closures = [far], Flights = [F("MIA", "LIM")] },
            new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run().Flights.Single();
        Assume.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(new[] { r.ExtraKm, r.ExtraMinutes, r.ExtraFuelKg, r.ExtraCo2Kg, r.ExtraCostUsd }.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Is.All.EqualTo("0"), r.Reason);
    }
}
