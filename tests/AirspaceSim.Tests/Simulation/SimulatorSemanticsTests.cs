using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>Each rule of the simulation semantics, against independent computations (the planner, the geodesic and the
/// cost model called directly).</summary>
public class SimulatorSemanticsTests
{
    private static readonly InterimCostModel Cost = new();
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Airspace Svzm = AirspaceCatalog.Bundled["SVZM"];
    private const double KmPerMin = InterimCostModel.TasKt * 1.852 / 60;

    internal static SimulationResult Run(Scenario s) => new WhatIfSimulator(s, new SimulationOptions { CostModel = Cost }).Run();

    private static FlightResult One(Scenario s) => Run(s).Flights.Single();

    private static Closure SvzmClosure(Func<Closure, Closure>? f = null)
    {
        var c = new Closure { Id = "SVZM", AirspaceIds = ["SVZM"], Airspaces = [Svzm], StartUtc = T0.AddDays(-1) };
        return f?.Invoke(c) ?? c;
    }

    private static Flight F(string from, string to, string type = "B38M", string airline = "GLO", string state = "BR", int? fl = null, DateTime? dep = null) =>
        new() { Id = "F", Origin = from, Destination = to, DepartureUtc = dep ?? T0, AircraftType = type, Airline = airline, OperatorState = state, CruiseFl = fl };

    private static Scenario S(IEnumerable<Closure> closures, params Flight[] flights) => new() { Name = "t", Closures = closures.ToArray(), Flights = flights };

    [Test]
    public void OperatorApplicability_UsAndNonUsCarrierOnTheSameRoute()
    {
        var c = SvzmClosure(c => c with { AppliesTo = Applicability.States("US") });
        var r = Run(S([c], F("GRU", "MIA", airline: "AAL", state: "US") with { Id = "AA" }, F("GRU", "MIA", airline: "GLO", state: "BR") with { Id = "G3" }));
        Assert.That(r.Flights[0].Outcome, Is.EqualTo(FlightOutcome.Rerouted));
        Assert.That(r.Flights[0].BoundBy, Is.EqualTo(new[] { "SVZM" }));
        Assert.That(r.Flights[1].Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        Assert.That(r.Flights[1].ExtraKm, Is.Zero);
        var except = Run(S([c with { AppliesTo = Applicability.EveryoneExceptStates("US") }], F("GRU", "MIA", airline: "AAL", state: "US")));
        Assert.That(except.Flights[0].Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        var byAirline = Run(S([c with { AppliesTo = Applicability.Airlines("GLO") }], F("GRU", "MIA")));
        Assert.That(byAirline.Flights[0].Outcome, Is.EqualTo(FlightOutcome.Rerouted));
    }

    [TestCase(0, 260, 350, FlightOutcome.Unaffected)]   // 2019: US not below FL260, overflying at FL350
    [TestCase(0, 260, 240, FlightOutcome.Rerouted)]     // ... at FL240 inside the band
    [TestCase(0, 260, 260, FlightOutcome.Unaffected)]   // the upper limit is exclusive: FL260 is "not below FL260"
    [TestCase(300, null, 350, FlightOutcome.Rerouted)]  // band above: FL300-UNL binds FL350
    [TestCase(300, null, 280, FlightOutcome.Unaffected)]// ... not FL280
    public void BandsAboveAndBelowCruise(int lower, int? upper, int fl, FlightOutcome expected)
    {
        var c = SvzmClosure(c => c with { Band = new VerticalBand(lower, upper) });
        Assert.That(One(S([c], F("GRU", "MIA", fl: fl))).Outcome, Is.EqualTo(expected));
    }

    [Test]
    public void AirportRule_DepartingOrArrivingInsideCrossesEveryLevelFromTheSurface()
    {
        // SFC-FL260 binds a flight to Caracas cruising at FL350: its descent crosses the band inside SVZM.
        var c = SvzmClosure(c => c with { Band = new VerticalBand(0, 260), Bans = ClosureBans.Overflight });
        var arrive = One(S([c], F("MIA", "CCS", fl: 350)));
        Assert.That(arrive.Outcome, Is.EqualTo(FlightOutcome.Cancelled));
        Assert.That(arrive.ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosed));
        var depart = One(S([c], F("CCS", "MIA", fl: 350)));
        Assert.That(depart.ReasonCode, Is.EqualTo(OutcomeReason.OriginClosed));
        // A band that starts above cruise does not reach down to the levels a departure crosses: FL300-UNL, cruise FL280.
        var high = SvzmClosure(c => c with { Band = new VerticalBand(300, null), Bans = ClosureBans.Overflight });
        Assert.That(One(S([high], F("PTY", "CCS", fl: 280))).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        // An airport ban closes the airports inside at every level; an airport closure by name closes just that airport.
        var airports = SvzmClosure(c => c with { Band = new VerticalBand(300, null), Bans = ClosureBans.Airports });
        Assert.That(One(S([airports], F("PTY", "CCS", fl: 280))).ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosed));
        Assert.That(One(S([airports], F("GRU", "MIA", fl: 350))).Outcome, Is.EqualTo(FlightOutcome.Unaffected), "airports only: overflight allowed");
        var named = new Closure { Id = "CUR-APT", Airports = ["CUR"], Bans = ClosureBans.Airports, StartUtc = T0.AddDays(-1) };
        Assert.That(One(S([named], F("AMS", "CUR", type: "A332"))).ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosed));
        Assert.That(One(S([named], F("AMS", "AUA", type: "A332"))).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
    }

    [Test]
    public void WindowsThatMissTheFlightAndWindowsThatStartMidFlight()
    {
        // When GRU-MIA (direct) would be inside SVZM, from the crossing and the constant ground speed, worked independently.
        var gru = AirportDirectory.Bundled["GRU"].Location; var mia = AirportDirectory.Bundled["MIA"].Location;
        double directKm = Wgs84.DistanceM(gru, mia) / 1000;
        var iv = Svzm.Cross(gru, mia).Intervals;
        double inMin = iv[0].EntryFraction * directKm / KmPerMin, outMin = iv[^1].ExitFraction * directKm / KmPerMin;
        Assert.That(inMin, Is.GreaterThan(120), "the flight reaches SVZM some hours after take-off");

        Closure W(double startMin, double? endMin) => SvzmClosure(c => c with
        {
            StartUtc = T0.AddMinutes(startMin), EndUtc = endMin is { } e ? T0.AddMinutes(e) : null, NoticeUtc = T0.AddHours(-6),
        });
        // Ends before the flight gets there: does not count.
        Assert.That(One(S([W(-600, inMin - 10)], F("GRU", "MIA"))).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        // Starts after take-off, before the flight gets there: counts (planned before departure: it was announced).
        Assert.That(One(S([W(60, null)], F("GRU", "MIA"))).Outcome, Is.EqualTo(FlightOutcome.Rerouted));
        // Starts while the flight would be inside: counts.
        Assert.That(One(S([W((inMin + outMin) / 2, null)], F("GRU", "MIA"))).Outcome, Is.EqualTo(FlightOutcome.Rerouted));
        // Starts after the flight has left it: does not count.
        Assert.That(One(S([W(outMin + 10, null)], F("GRU", "MIA"))).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        // Ends (exclusive) exactly when it would enter: does not count.
        Assert.That(One(S([W(-600, inMin - 0.5)], F("GRU", "MIA"))).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
    }

    // A blocks the equator route (0,0)→(0,20) and is shorter to pass on the north; B sits where that detour goes.
    private static readonly Airspace A = AirspaceLoader.LoadWkt("POLYGON ((9 -6, 11 -6, 11 4, 9 4, 9 -6))", "A");
    private static readonly Airspace B = AirspaceLoader.LoadWkt("POLYGON ((11.5 3, 13 3, 13 8, 11.5 8, 11.5 3))", "B");

    [Test]
    public void TheTimeIterationReachesAFixedPoint()
    {
        var a = new Closure { Id = "A", Airspaces = [A], StartUtc = T0.AddDays(-1) };
        var b = new Closure { Id = "B", Airspaces = [B], StartUtc = T0.AddDays(-1) };
        Assert.That(B.Cross(new GeoPoint(0, 0), new GeoPoint(0, 20)).Crosses, Is.False, "the direct route misses B");
        var aroundA = DetourPlanner.Build([A]).Plan(new GeoPoint(0, 0), new GeoPoint(0, 20));
        Assert.That(aroundA.Waypoints.Zip(aroundA.Waypoints.Skip(1)).Any(l => B.Cross(l.First, l.Second).Crosses), Is.True, "the detour around A enters B");

        var r = One(S([a, b], F("0,0", "0,20")));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Rerouted));
        Assert.That(r.BoundBy, Is.EquivalentTo(new[] { "A", "B" }), "the second round adds B");
        var both = DetourPlanner.Build([A, B]).Plan(new GeoPoint(0, 0), new GeoPoint(0, 20));
        Assert.That(r.Waypoints, Is.EqualTo(both.Waypoints), "the fixed point is the route around both");
        Assert.That(r.RouteKm!.Value, Is.EqualTo(both.RouteKm!.Value).Within(1e-9));
        // B ends before the flight could reach it on the detour: it never counts, and the route is the one around A.
        var bEarly = b with { EndUtc = T0.AddMinutes(30) };
        var r2 = One(S([a, bEarly], F("0,0", "0,20")));
        Assert.That(r2.BoundBy, Is.EqualTo(new[] { "A" }));
        Assert.That(r2.Waypoints, Is.EqualTo(aroundA.Waypoints));
    }

    [Test]
    public void InFlightRerouteStartsWhereTheAircraftIs()
    {
        var box = AirspaceLoader.LoadWkt("POLYGON ((15 -3, 16 -3, 16 2, 15 2, 15 -3))", "BOX");
        var at = T0.AddMinutes(60);
        var c = new Closure { Id = "BOX", Airspaces = [box], StartUtc = at, NoticeUtc = at };
        var r = One(S([c], F("0,0", "0,20")));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.ReroutedInFlight), r.Reason);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.ClosedWhileAirborne));
        // Independently: 60 minutes at 450 kt along the WGS84 geodesic from (0,0) due east.
        var p = Wgs84.Direct(0, 0, 90, 60 * KmPerMin * 1000);
        Assert.That(r.InFlightPosition!.Value.LatDeg, Is.EqualTo(p.Lat2Deg).Within(1e-9));
        Assert.That(r.InFlightPosition!.Value.LonDeg, Is.EqualTo(p.Lon2Deg).Within(1e-9));
        Assert.That(r.Waypoints[0], Is.EqualTo(new GeoPoint(0, 0)));
        Assert.That(r.Waypoints[1], Is.EqualTo(r.InFlightPosition!.Value), "the new route starts at the position");
        var rest = DetourPlanner.Build([box]).Plan(r.InFlightPosition!.Value, new GeoPoint(0, 20));
        Assert.That(r.Waypoints.Skip(1), Is.EqualTo(rest.Waypoints));
        // Announced after it has passed: nothing to do.
        var late = c with { StartUtc = T0.AddMinutes(140), NoticeUtc = T0.AddMinutes(140) };
        Assert.That(One(S([late], F("0,0", "0,20"))).Outcome, Is.EqualTo(FlightOutcome.Unaffected));
    }

    [Test]
    public void InsideOneClosureAtItsNotice_ItContinues_ButAvoidsAnotherAnnouncedWithIt()
    {
        // 124 minutes at 450 kt east along the equator is 1,723 km, about 15.5°E: inside BOX (15°–16°E). WALL, ahead at
        // 18°–19°E, is announced at the same moment. The aircraft continues through BOX (the documented rule) but must
        // still fly around WALL; it used to skip every closure of that notice and fly through WALL, reported as
        // "no closure binds it" (found auditing issue 10).
        var box = AirspaceLoader.LoadWkt("POLYGON ((15 -3, 16 -3, 16 2, 15 2, 15 -3))", "BOX");
        var wall = AirspaceLoader.LoadWkt("POLYGON ((18 -3, 19 -3, 19 2, 18 2, 18 -3))", "WALL");
        var at = T0.AddMinutes(124);
        var p = Wgs84.Direct(0, 0, 90, 124 * KmPerMin * 1000);
        Assert.That(box.Contains(new GeoPoint(p.Lat2Deg, p.Lon2Deg)), Is.True, "the premise: inside BOX at the notice");
        var cBox = new Closure { Id = "BOX", Airspaces = [box], StartUtc = at, NoticeUtc = at };
        var cWall = new Closure { Id = "WALL", Airspaces = [wall], StartUtc = at, NoticeUtc = at };
        var r = One(S([cBox, cWall], F("0,0", "0,20")));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.ReroutedInFlight), r.Reason);
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "WALL" }));
        Assert.That(r.InFlightPosition!.Value.LonDeg, Is.EqualTo(p.Lon2Deg).Within(1e-9));
        var rest = DetourPlanner.Build([wall]).Plan(r.InFlightPosition!.Value, new GeoPoint(0, 20));
        Assert.That(r.Waypoints.Skip(1), Is.EqualTo(rest.Waypoints), "from the position around WALL");
        // BOX alone: it continues on its planned route, and the reason says why rather than "no closure binds it".
        var alone = One(S([cBox], F("0,0", "0,20")));
        Assert.That(alone.Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        Assert.That(alone.Reason, Is.EqualTo("inside BOX when it was announced at 2025-11-24T02:04Z: continues on its planned route"));
        Assert.That(alone.ExtraKm, Is.Zero);
        // A band above its level does not bind it, inside or not: no closure binds it, as before.
        var above = One(S([cBox with { Band = new VerticalBand(400, null) }], F("0,0", "0,20", fl: 370)));
        Assert.That(above.Reason, Is.EqualTo("no closure binds it"));
        // WALL announced two minutes later, while the aircraft is still inside BOX: planned from there around WALL, not
        // around BOX too (from inside BOX the planner finds no route, which used to read as a diversion).
        var later = One(S([cBox, cWall with { StartUtc = at.AddMinutes(2), NoticeUtc = at.AddMinutes(2) }], F("0,0", "0,20")));
        Assert.That(later.Outcome, Is.EqualTo(FlightOutcome.ReroutedInFlight), later.Reason);
        Assert.That(later.BoundBy, Is.EqualTo(new[] { "WALL" }));
        Assert.That(box.Contains(later.InFlightPosition!.Value), Is.True, "still inside BOX at the second notice");
    }

    [Test]
    public void DiversionToTheNearestOpenAirportReachableAroundTheClosures()
    {
        var notice = T0.AddHours(5);
        var c = SvzmClosure(c => c with { StartUtc = notice, NoticeUtc = notice });
        var r = One(S([c], F("AMS", "CCS", type: "A332")));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosedWhileAirborne));
        // Independently: every bundled airport outside SVZM, planned around SVZM from the position.
        var planner = DetourPlanner.Build([Svzm]);
        var pos = r.InFlightPosition!.Value;
        var best = WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled).Where(a => a.Code != "CCS")
            .Select(a => (a.Code, Plan: planner.Plan(pos, a.Location))).Where(x => x.Plan.Status != RouteStatus.Unreachable)
            .MinBy(x => x.Plan.RouteKm!.Value);
        Assert.That(r.Alternate, Is.EqualTo(best.Code));
        Assert.That(r.Waypoints[^1], Is.EqualTo(AirportDirectory.Bundled[best.Code].Location));
        // The extras include the recovery flight from the alternate to CCS: it flies once SVZM (the closure that shuts CCS)
        // has reopened, so with no other closure it is the geodesic. Independently: the path's WGS84 length plus that
        // geodesic less AMS-CCS, and 3 kg/km of the test double's fuel on the same distance; never a saving.
        var alt = AirportDirectory.Bundled[best.Code].Location; var ccs = AirportDirectory.Bundled["CCS"].Location;
        double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
        double pathKm = r.Waypoints.Zip(r.Waypoints.Skip(1), Km).Sum(), extraKm = pathKm + Km(alt, ccs) - Km(AirportDirectory.Bundled["AMS"].Location, ccs);
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(InterimCostModel.FuelKgPerKm * extraKm).Within(0.2));
        Assert.That(r.ExtraKm, Is.GreaterThanOrEqualTo(0m));
        Assert.That(r.Reason, Does.EndWith(FormattableString.Invariant($"the recovery flight {best.Code}-CCS ({Km(alt, ccs):F0} km) counts in the extras")));
    }

    [Test]
    public void TechStopMinimisesTotalDistanceWithBothLegsInRange()
    {
        // The test double gives the E190 4,000 km: MIA-LIM (about 4,200 km) needs a stop.
        var r = One(S([], F("MIA", "LIM", type: "E190")));
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        var mia = AirportDirectory.Bundled["MIA"].Location; var lim = AirportDirectory.Bundled["LIM"].Location;
        double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
        var best = WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled).Where(a => a.Code is not ("MIA" or "LIM"))
            .Where(a => Km(mia, a.Location) <= 4000 && Km(a.Location, lim) <= 4000)
            .MinBy(a => Km(mia, a.Location) + Km(a.Location, lim))!;
        Assert.That(r.Alternate, Is.EqualTo(best.Code));
        Assert.That(r.RouteKm!.Value, Is.EqualTo(Km(mia, best.Location) + Km(best.Location, lim)).Within(1e-6));
        // With no closure it would stop there too: the stop is not the closures' cost (TechStopBaselineTests).
        Assert.That(r.ExtraMinutes, Is.EqualTo(0m));
        // One stop cannot bridge twice the range.
        var none = One(S([], F("AMS", "GRU", type: "E190"))); // 9,800 km: no airport is within 4,000 km of both
        Assert.That(none.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop));
        Assert.That(none.Alternate, Is.Null);
        Assert.That(none.Reason, Does.Contain("no open airport"));
    }

    [Test]
    public void TechStopsOfRepeatedAndReversedPairsAreEachTheBruteForceOptimum()
    {
        // Flights of one pair share the simulator's ordered candidate stops (and their legs' lengths): each of these,
        // repeated at other times and flown both ways, must still get the stop a search over every airport gives.
        (string, string)[] pairs = [("MIA", "LIM"), ("LIM", "MIA"), ("JFK", "LIM"), ("LHR", "JFK"), ("JFK", "LHR"), ("MIA", "GRU")];
        var flights = pairs.SelectMany((p, i) => Enumerable.Range(0, 3).Select(k =>
            F(p.Item1, p.Item2, type: "E190", dep: T0.AddHours(7 * k)) with { Id = $"P{i}-{k}" })).ToArray();
        var result = Run(S([], flights));
        double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
        var alternates = WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled).ToList();
        foreach (var r in result.Flights)
        {
            var o = AirportDirectory.Bundled[r.Flight.Origin].Location; var d = AirportDirectory.Bundled[r.Flight.Destination].Location;
            var best = alternates.Where(a => a.Location != o && a.Location != d && Km(o, a.Location) <= 4000 && Km(a.Location, d) <= 4000)
                .MinBy(a => Km(o, a.Location) + Km(a.Location, d));
            Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Flight.Id);
            Assert.That(r.Alternate, Is.EqualTo(best?.Code), r.Flight.Id);
            if (best != null) Assert.That(r.RouteKm!.Value, Is.EqualTo(Km(o, best.Location) + Km(best.Location, d)).Within(1e-6), r.Flight.Id);
        }
    }

    [TestCase(0.0)]
    [TestCase(60.0)]
    [TestCase(250.0)]
    [TestCase(700.0)]
    public void TechStopFarFromTheDirectRouteIsTheBruteForceOptimum(double minExcessKm)
    {
        // Only stops that lengthen the route by at least minExcessKm can take the type, so the search must go past the
        // candidates nearest the direct route (the first bands of its order) to find the best: the brute-force optimum
        // over every airport with the same filter, its total and, on ties, the first in the alternates' order.
        var mia = AirportDirectory.Bundled["MIA"].Location; var lim = AirportDirectory.Bundled["LIM"].Location;
        double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
        double direct = Km(mia, lim);
        bool CanTake(Airport a) => Km(mia, a.Location) + Km(a.Location, lim) - direct >= minExcessKm;
        var options = new SimulationOptions { CostModel = Cost, CanTake = (a, _) => CanTake(a) };
        var flights = new[] { F("MIA", "LIM", type: "E190") with { Id = "A" }, F("MIA", "LIM", type: "E190", dep: T0.AddHours(5)) with { Id = "B" } };
        var result = new WhatIfSimulator(S([], flights), options).Run();
        var best = WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled)
            .Where(a => a.Location != mia && a.Location != lim && CanTake(a) && Km(mia, a.Location) <= 4000 && Km(a.Location, lim) <= 4000)
            .MinBy(a => Km(mia, a.Location) + Km(a.Location, lim));
        Assert.That(best, Is.Not.Null, "the filter leaves a stop");
        foreach (var r in result.Flights)
        {
            Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
            Assert.That(r.Alternate, Is.EqualTo(best!.Code), r.Flight.Id);
            Assert.That(r.RouteKm!.Value, Is.EqualTo(Km(mia, best.Location) + Km(best.Location, lim)).Within(1e-6), r.Flight.Id);
            Assert.That(r.RouteKm!.Value - direct, Is.GreaterThanOrEqualTo(minExcessKm));
        }
    }

    [Test]
    public void ExtrasOfAReroutedFlightAreTheCostModelsCalledDirectly()
    {
        var r = One(S([SvzmClosure()], F("GRU", "MIA")));
        var plan = DetourPlanner.Build([Svzm]).Plan(AirportDirectory.Bundled["GRU"].Location, AirportDirectory.Bundled["MIA"].Location);
        Assert.That(r.Waypoints, Is.EqualTo(plan.Waypoints));
        Cost.TryGetType("B38M", out var t, out _);
        var flown = Cost.Estimate(t!, plan.Waypoints, 370, CostParameters.Defaults);
        var direct = Cost.Estimate(t!, [plan.From, plan.To], 370, CostParameters.Defaults);
        Assert.That((double)r.ExtraKm, Is.EqualTo(plan.ExtraKm!.Value).Within(0.05));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(flown.BlockMinutes - direct.BlockMinutes).Within(0.05));
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(flown.FuelKg - direct.FuelKg).Within(0.05));
        Assert.That((double)r.ExtraCo2Kg, Is.EqualTo(flown.Co2Kg - direct.Co2Kg).Within(0.05));
        Assert.That((double)r.ExtraCostUsd, Is.EqualTo(flown.CostUsd - direct.CostUsd).Within(0.005));
        // By hand with the test double: 3 kg/km, 3.16 kg CO2/kg, 0.70 $/kg + 3,000 $/h at 833.4 km/h.
        double km = plan.ExtraKm!.Value;
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(3 * km).Within(0.2));
        Assert.That((double)r.ExtraCostUsd, Is.EqualTo(3 * km * 0.7 + km / 833.4 * 3000).Within(0.05));
    }

    [Test]
    public void ExtrasWithThePerformanceModelAreItsFiguresCalledDirectly()
    {
        var perf = PerformanceCostModel.Default;
        // A 787-9, in range (GRU–MIA, 6,554 km, is beyond a 737 MAX 8's 6,451 km with reserves: a tech stop).
        var r = new WhatIfSimulator(S([SvzmClosure()], F("GRU", "MIA", type: "B789")), new SimulationOptions { CostModel = perf }).Run().Flights.Single();
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Rerouted), r.Reason);
        var model = AirspaceSim.Performance.FlightCostModel.Default;
        var type = AirspaceSim.Performance.AircraftCatalog.Bundled["B789"];
        var plan = DetourPlanner.Build([Svzm]).Plan(AirportDirectory.Bundled["GRU"].Location, AirportDirectory.Bundled["MIA"].Location);
        var cond = new AirspaceSim.Performance.FlightConditions { CruiseFl = (int)Math.Round(type.CruiseFl) };
        var detour = model.EstimateDetour(type, plan, cond);
        Assert.That((double)r.ExtraKm, Is.EqualTo(detour.ExtraKm).Within(0.05));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(detour.ExtraMinutes).Within(0.05));
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(detour.ExtraFuelKg).Within(0.05));
        Assert.That((double)r.ExtraCo2Kg, Is.EqualTo(detour.ExtraCo2Kg).Within(0.05));
        Assert.That((double)r.ExtraCostUsd, Is.EqualTo(detour.ExtraCostUsd).Within(0.005));
        Assert.That(detour.ExtraFuelKg, Is.GreaterThan(0));
        Assert.That(detour.Flown.FitsRange, Is.True, "the simulator's range and the estimate's agree");
    }

    [Test]
    public void OneBadFlightDoesNotStopTheOthers_TotalsAreExactSums_PlannersShared()
    {
        var flights = new[]
        {
            F("GRU", "MIA") with { Id = "ok1" }, F("GRU", "MIA", type: "ZZZZ") with { Id = "bad-type" },
            F("GRU", "QQQ") with { Id = "bad-airport" }, F("AMS", "CUR", type: "A332") with { Id = "ok2" }, F("MIA", "CCS") with { Id = "cancel" },
            F("BOG", "POS") with { Id = "ok3" },
        };
        var sim = new WhatIfSimulator(S([SvzmClosure()], flights), new SimulationOptions { CostModel = Cost });
        var r = sim.Run();
        Assert.That(r.Flights.Select(f => f.Outcome), Is.EqualTo(new[]
        {
            FlightOutcome.Rerouted, FlightOutcome.Error, FlightOutcome.Error, FlightOutcome.Rerouted, FlightOutcome.Cancelled, FlightOutcome.Rerouted,
        }));
        Assert.That(r.Flights[1].ReasonCode, Is.EqualTo(OutcomeReason.UnknownAircraftType));
        Assert.That(r.Flights[2].ReasonCode, Is.EqualTo(OutcomeReason.UnknownAirport));
        Assert.That(r.Errors, Is.EqualTo(2));
        Assert.That(r.Totals.ExtraCostUsd, Is.EqualTo(r.Flights.Sum(f => f.ExtraCostUsd)));
        Assert.That(r.Totals.ExtraKm, Is.EqualTo(r.Flights.Sum(f => f.ExtraKm)));
        Assert.That(r.PlannersBuilt, Is.EqualTo(1), "one non-empty active set, {SVZM}, shared by every flight");
        foreach (var by in Enum.GetValues<GroupBy>().Where(g => g is not (GroupBy.Airport or GroupBy.Closure)))
            Assert.That(r.Group(by).Sum(g => g.Totals.ExtraCostUsd), Is.EqualTo(r.Totals.ExtraCostUsd), by.ToString());
    }

    [Test]
    public void AFlightRejectedByTheCostModelIsAnErrorWithAOneLineReason()
    {
        // FL600 is above the A332's ceiling: the performance model throws ArgumentOutOfRangeException, whose Message
        // appends " (Parameter 'flightLevel')" and a second line "Actual value was 600." — which broke the table and
        // CSV rows (found auditing issue 10). The reason keeps the model's own words on one line.
        var bad = F("AMS", "CUR", type: "A332", airline: "KLM", state: "NL", fl: 600) with { Id = "high" };
        var r = new WhatIfSimulator(S([SvzmClosure()], bad, F("AMS", "CUR", type: "A332") with { Id = "ok" }),
            new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();
        var e = r.Flights.Single(f => f.Flight.Id == "high");
        Assert.That(e.Outcome, Is.EqualTo(FlightOutcome.Error));
        Assert.That(e.Reason, Is.EqualTo("flight level 600 is outside [0, 410], the A332's maximum operating level being FL410"));
        Assert.That(r.Flights.Single(f => f.Flight.Id == "ok").Outcome, Is.EqualTo(FlightOutcome.Rerouted));
    }

    [Test]
    public void CancellationAndProgress()
    {
        var flights = Enumerable.Range(0, 600).Select(i => F("GRU", "MIA") with { Id = $"f{i}" }).ToArray();
        var reports = new List<SimulationProgress>();
        var progress = new SyncProgress(reports.Add);
        var r = new WhatIfSimulator(S([SvzmClosure()], flights), new SimulationOptions { CostModel = Cost, MaxDegreeOfParallelism = 1 }).Run(default, progress);
        Assert.That(r.Flights, Has.Count.EqualTo(600));
        Assert.That(reports[^1], Is.EqualTo(new SimulationProgress(600, 600)));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(() => new WhatIfSimulator(S([SvzmClosure()], flights), new SimulationOptions { CostModel = Cost }).Run(cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) { lock (this) report(value); }
    }
}
