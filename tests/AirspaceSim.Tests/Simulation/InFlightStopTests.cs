using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// A stopping flight's legs are flown as a non-stop is: the stop is chosen before take-off around the closures known
/// then, a closure announced while a leg is airborne reroutes that leg in flight from the aircraft's position, one that
/// closes the leg's end (the stop, or the destination) diverts it, and the second leg is planned again at the stop.
/// Before, both legs were fixed at take-off (a closure announced on the way was flown through, only named), and the stop
/// was chosen knowing closures announced after take-off. Checked with the test double's hand arithmetic (450 kt, 3 kg/km,
/// E190 range 4,000 km), brute-force stops and alternates over every airport, and the geometry itself (samples along the
/// flown geodesics against the closed area).
/// </summary>
public class InFlightStopTests
{
    private static readonly InterimCostModel Cost = new();
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private const double RangeKm = 4000; // the test double's E190
    private const double KmPerMin = InterimCostModel.TasKt * 1.852 / 60;
    private const double GroundMin = 60; // ScenarioParameters.TechStopGroundMinutes' default

    private static double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
    private static GeoPoint At(string code) => AirportDirectory.Bundled[code].Location;
    private static double PathKm(IReadOnlyList<GeoPoint> w) => w.Zip(w.Skip(1), Km).Sum();

    private static Flight F(string from, string to) => new()
    {
        Id = $"{from}-{to}", Origin = from, Destination = to, DepartureUtc = T0, AircraftType = "E190", Airline = "GLO", OperatorState = "BR",
    };

    private static FlightResult One(params Closure[] closures) =>
        new WhatIfSimulator(new Scenario { Name = "t", Closures = closures, Flights = [F("MIA", "LIM")] }, new SimulationOptions { CostModel = Cost }).Run().Flights.Single();

    private static IEnumerable<Airport> Alternates => WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled);

    // The stop with no closure by brute force: least total with both geodesic legs in range.
    private static Airport NoClosureStop()
    {
        var o = At("MIA"); var d = At("LIM");
        return Alternates.Where(a => a.Location != o && a.Location != d && Km(o, a.Location) <= RangeKm && Km(a.Location, d) <= RangeKm)
            .MinBy(a => Km(o, a.Location) + Km(a.Location, d))!;
    }

    private static double NoClosureKm(Airport s) => Km(At("MIA"), s.Location) + Km(s.Location, At("LIM"));

    // The point `km` along a path of geodesic legs (GeographicLib-style direct problems, not the simulator's code).
    private static GeoPoint Along(IReadOnlyList<GeoPoint> path, double km)
    {
        for (int i = 0; i + 1 < path.Count; i++)
        {
            double leg = Km(path[i], path[i + 1]);
            if (km <= leg)
            {
                var inv = Wgs84.Inverse(path[i], path[i + 1]);
                var r = Wgs84.Direct(path[i], inv.Azi1Deg, km * 1000);
                return new GeoPoint(r.Lat2Deg, GeoPoint.NormalizeLonDeg(r.Lon2Deg));
            }
            km -= leg;
        }
        return path[^1];
    }

    // Whether a path, sampled every 2 km along its geodesics, passes more than 50 m inside the airspace.
    private static bool Enters(IReadOnlyList<GeoPoint> path, Airspace a)
    {
        double total = PathKm(path);
        for (double s = 0; s <= total; s += 2)
        {
            var p = Along(path, s);
            if (a.Contains(p) && a.DistanceToBoundaryKm(p) > 0.05) return true;
        }
        return false;
    }

    private static int StopIndex(FlightResult r) => r.Waypoints.ToList().IndexOf(AirportDirectory.Bundled[r.Alternate!].Location);

    // A band of airspace across a line between two points, at its middle: a wall 3° wide along the line's normal.
    private static Airspace WallAcross(string id, GeoPoint p, GeoPoint q)
    {
        var inv = Wgs84.Inverse(p, q);
        var mid = Wgs84.Direct(p, inv.Azi1Deg, inv.DistanceM / 2);
        var az = mid.Azi2Deg;
        GeoPoint Go(double bearing, double km) { var r = Wgs84.Direct(new GeoPoint(mid.Lat2Deg, mid.Lon2Deg), bearing, km * 1000); return new GeoPoint(r.Lat2Deg, GeoPoint.NormalizeLonDeg(r.Lon2Deg)); }
        var a = Go(az + 90, 300); var b = Go(az - 90, 300);
        GeoPoint Shift(GeoPoint x, double km) { var r = Wgs84.Direct(x, az, km * 1000); return new GeoPoint(r.Lat2Deg, GeoPoint.NormalizeLonDeg(r.Lon2Deg)); }
        return TestAirspaces.FromLatLon(id, (Shift(a, -20).LatDeg, Shift(a, -20).LonDeg), (Shift(a, 20).LatDeg, Shift(a, 20).LonDeg),
            (Shift(b, 20).LatDeg, Shift(b, 20).LonDeg), (Shift(b, -20).LatDeg, Shift(b, -20).LonDeg));
    }

    [Test]
    public void AClosureAnnouncedOnTheFirstLegReroutesItInFlightFromWhereTheAircraftIs()
    {
        // A wall across MIA to the stop it makes with no closure (SNU, 26 minutes out), announced five minutes after
        // take-off: the first leg, planned before, is rerouted in flight (it used to fly through, named only).
        var s0 = NoClosureStop();
        var wall = WallAcross("WALL", At("MIA"), s0.Location);
        Assume.That(Enters([At("MIA"), s0.Location], wall), "the premise: MIA to the stop crosses the wall");
        var notice = T0.AddMinutes(5);
        var r = One(new Closure { Id = "WALL", Airspaces = [wall], StartUtc = T0, NoticeUtc = notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(s0.Code), "chosen before take-off, when the wall was not known");
        Assert.That(r.InFlightAtUtc, Is.EqualTo(notice));
        // Where it is five minutes out: at 450 kt along the direct first leg, by hand.
        var expected = Along([At("MIA"), s0.Location], 5 * KmPerMin);
        Assert.That(Km(r.InFlightPosition!.Value, expected), Is.LessThan(0.01), $"{r.InFlightPosition} vs {expected}");
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "WALL" }));
        Assert.That(r.Reason, Does.Contain($"the first leg rerouted in flight at 2025-11-24T00:05Z from {r.InFlightPosition} around WALL"));
        Assert.That(r.Reason, Does.Not.Contain("not rerouted"));
        // The flown route: straight to the position, then around the wall (never more than 50 m inside it) to the stop.
        int k = StopIndex(r);
        var leg1 = r.Waypoints.Take(k + 1).ToList();
        Assert.That(Km(leg1[1], r.InFlightPosition!.Value), Is.LessThan(1e-6), "the position is a waypoint");
        Assert.That(Enters(leg1.Skip(1).ToList(), wall), Is.False, "from the notice on it keeps out of the wall");
        Assert.That(Enters(r.Waypoints.Skip(k).ToList(), wall), Is.False);
        // Extras by hand against the no-closure stop (both stop: ground times cancel).
        double extraKm = PathKm(r.Waypoints) - NoClosureKm(s0);
        Assert.That(extraKm, Is.GreaterThan(0));
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin).Within(0.051));
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(InterimCostModel.FuelKgPerKm * extraKm).Within(0.051));
        Assert.That(r.ArrivalUtc!.Value, Is.EqualTo(T0.AddMinutes(PathKm(r.Waypoints) / KmPerMin + GroundMin)).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void AStopClosedWhileTheFirstLegIsAirborneDivertsItToTheNearestOpenAirport()
    {
        // The stop closed by name from 15 minutes after take-off, announced then: the first leg cannot land there and
        // diverts from its position to the nearest open airport (brute force over every alternate: with no other
        // closure each route is the geodesic), and the recovery flight from there to LIM counts in the extras.
        var s0 = NoClosureStop();
        var notice = T0.AddMinutes(15);
        var r = One(new Closure { Id = "SHUT", Airports = [s0.Code], StartUtc = notice, NoticeUtc = notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason + " " + s0.Code);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosedWhileAirborne));
        var pos = Along([At("MIA"), s0.Location], 15 * KmPerMin);
        Assert.That(Km(r.InFlightPosition!.Value, pos), Is.LessThan(0.01));
        var nearest = Alternates.Where(a => a.Code != s0.Code && a.Location != At("LIM")).MinBy(a => Km(pos, a.Location))!;
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code));
        Assert.That(r.Reason, Does.Contain($"technical stop at {s0.Code}; technical stop {s0.Code} closed to it in flight at 2025-11-24T00:15Z by SHUT; diverted from"));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "SHUT" }));
        double flownKm = Km(At("MIA"), pos) + Km(pos, nearest.Location), recoveryKm = Km(nearest.Location, At("LIM"));
        Assert.That((double)r.RouteKm!, Is.EqualTo(flownKm).Within(0.01));
        double extraKm = flownKm + recoveryKm - NoClosureKm(s0);
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        // 60 minutes of ground time on the base's side; on the diversion's only when the recovery flight is beyond
        // range and would stop too (review of 2026-12-08: it read as a saving of the base's ground time).
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin - GroundMin + (recoveryKm > RangeKm ? GroundMin : 0)).Within(0.051));
    }

    [Test]
    public void TheStopIsChosenAtTakeOffAndTheSecondLegIsPlannedAgainAtTheStop()
    {
        // A wall across the stop's second leg, announced while the first leg is airborne: at take-off it is not known,
        // so the stop is the no-closure one (it used to be chosen knowing it); at the stop the second leg is planned
        // around it, before its take-off there (not an in-flight reroute).
        var s0 = NoClosureStop();
        var wall = WallAcross("WALL", s0.Location, At("LIM"));
        Assume.That(Enters([s0.Location, At("LIM")], wall), "the premise: the wall is across the second leg");
        Assume.That(Enters([At("MIA"), s0.Location], wall), Is.False, "and not across the first");
        var r = One(new Closure { Id = "WALL", Airspaces = [wall], StartUtc = T0, NoticeUtc = T0.AddHours(1) });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(s0.Code));
        Assert.That(r.InFlightPosition, Is.Null, "planned on the ground at the stop");
        Assert.That(r.Reason, Does.EndWith($"technical stop at {s0.Code}; the second leg planned at {s0.Code} around WALL, announced after take-off"));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "WALL" }));
        int k = StopIndex(r);
        Assert.That(Enters(r.Waypoints.Skip(k).ToList(), wall), Is.False);
        Assert.That(k, Is.EqualTo(1), "the first leg is direct");
        double extraKm = PathKm(r.Waypoints) - NoClosureKm(s0);
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That(extraKm, Is.GreaterThan(0));
    }

    [Test]
    public void AClosureAnnouncedOnTheSecondLegReroutesItInFlight()
    {
        var s0 = NoClosureStop();
        var wall = WallAcross("WALL", s0.Location, At("LIM"));
        Assume.That(Enters([s0.Location, At("LIM")], wall));
        // Half an hour after the second leg's take-off, by hand: first leg at 450 kt, then the ground time.
        var dep2 = T0.AddMinutes(Km(At("MIA"), s0.Location) / KmPerMin + GroundMin);
        var notice = dep2.AddMinutes(30);
        var r = One(new Closure { Id = "WALL", Airspaces = [wall], StartUtc = T0, NoticeUtc = notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), r.Reason);
        Assert.That(r.InFlightAtUtc, Is.EqualTo(notice));
        var pos = Along([s0.Location, At("LIM")], 30 * KmPerMin);
        Assert.That(Km(r.InFlightPosition!.Value, pos), Is.LessThan(0.01));
        Assert.That(r.Reason, Does.Contain("the second leg rerouted in flight at"));
        int k = StopIndex(r);
        var leg2 = r.Waypoints.Skip(k).ToList();
        Assert.That(Enters(leg2.Skip(1).ToList(), wall), Is.False);
        double extraKm = PathKm(r.Waypoints) - NoClosureKm(s0);
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin).Within(0.051));
    }

    [Test]
    public void ADestinationClosedOnTheSecondLegDivertsItAndTheStopsGroundTimeCounts()
    {
        var s0 = NoClosureStop();
        var dep2 = T0.AddMinutes(Km(At("MIA"), s0.Location) / KmPerMin + GroundMin);
        var notice = dep2.AddMinutes(30);
        var r = One(new Closure { Id = "SPIM", Airports = ["LIM"], StartUtc = notice, NoticeUtc = notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        var pos = Along([s0.Location, At("LIM")], 30 * KmPerMin);
        Assert.That(Km(r.InFlightPosition!.Value, pos), Is.LessThan(0.01));
        var nearest = Alternates.Where(a => a.Location != At("LIM")).MinBy(a => Km(pos, a.Location))!;
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code));
        Assert.That(r.Reason, Does.Contain("on its second leg its destination LIM closed to it in flight"));
        double flownKm = Km(At("MIA"), s0.Location) + Km(s0.Location, pos) + Km(pos, nearest.Location);
        Assert.That((double)r.RouteKm!, Is.EqualTo(flownKm).Within(0.01));
        Assert.That(r.Waypoints.ToList().IndexOf(s0.Location), Is.EqualTo(1), "the path goes through the stop");
        double extraKm = flownKm + Km(nearest.Location, At("LIM")) - NoClosureKm(s0);
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin).Within(0.051), "both have the stop's ground time");
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(InterimCostModel.FuelKgPerKm * extraKm).Within(0.051));
    }

    [Test]
    public void AStopClosedToDeparturesWhileTheFlightIsOnTheGroundCancelsTheSecondLeg()
    {
        var s0 = NoClosureStop();
        var arr1 = T0.AddMinutes(Km(At("MIA"), s0.Location) / KmPerMin);
        var r = One(new Closure { Id = "SHUT", Airports = [s0.Code], StartUtc = arr1.AddMinutes(20), NoticeUtc = arr1.AddMinutes(10) });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Cancelled), r.Reason);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.OriginClosed));
        Assert.That(r.Alternate, Is.EqualTo(s0.Code));
        Assert.That(r.Reason, Does.Contain($"{s0.Code} is closed to its departure at"));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "SHUT" }));
    }

    [Test]
    public void WithNoLaterNoticeAStoppingFlightIsAsBefore()
    {
        // Known at take-off, a closure of the stop moves it before departure (no in-flight step): the same answer as a
        // closure announced a day before.
        var s0 = NoClosureStop();
        var early = One(new Closure { Id = "SHUT", Airports = [s0.Code], StartUtc = T0, NoticeUtc = T0.AddDays(-1) });
        var atTakeOff = One(new Closure { Id = "SHUT", Airports = [s0.Code], StartUtc = T0, NoticeUtc = T0 });
        Assert.That(early.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), early.Reason);
        Assert.That(early.Alternate, Is.Not.EqualTo(s0.Code));
        Assert.That(atTakeOff.Alternate, Is.EqualTo(early.Alternate));
        Assert.That(atTakeOff.Reason, Is.EqualTo(early.Reason));
        Assert.That(atTakeOff.ExtraKm, Is.EqualTo(early.ExtraKm));
        Assert.That(atTakeOff.InFlightPosition, Is.Null);
    }
}

/// <summary>A flight to an airport inside an overflight closure is cancelled with the time it would arrive, as every
/// other cancellation states its time (it said "closed to it at arrival by SVZM", no time).</summary>
public class CancelledAtArrivalReasonTests
{
    [Test]
    public void TheReasonStatesTheArrivalTimeByHand()
    {
        var t0 = new DateTime(2025, 11, 24, 13, 0, 0, DateTimeKind.Utc);
        var svzm = new Closure { Id = "SVZM", AirspaceIds = ["SVZM"], Airspaces = [AirspaceCatalog.Bundled["SVZM"]], StartUtc = t0.AddDays(-1) };
        var f = new Flight { Id = "PTY-CCS", Origin = "PTY", Destination = "CCS", DepartureUtc = t0, AircraftType = "E190", Airline = "CMP", OperatorState = "PA" };
        var r = new WhatIfSimulator(new Scenario { Name = "t", Closures = [svzm], Flights = [f] }, new SimulationOptions { CostModel = new InterimCostModel() }).Run().Flights.Single();
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Cancelled), r.Reason);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosed));
        // The direct route's time at the double's 450 kt, by hand.
        double minutes = Wgs84.DistanceM(AirportDirectory.Bundled["PTY"].Location, AirportDirectory.Bundled["CCS"].Location) / 1000 / (InterimCostModel.TasKt * 1.852 / 60);
        var arrival = t0.AddMinutes(minutes);
        Assert.That(r.Reason, Is.EqualTo("destination CCS is closed to it at arrival " + arrival.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) + " by SVZM"));
    }
}
