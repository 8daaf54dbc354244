using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// Review of the in-flight stop legs (2026-12-08, docs/audit-8-12.md): cases the review found answered wrongly, each
/// worked by hand with the test double (450 kt, 3 kg/km, E190 at FL350 with a 4,000 km range) and brute force over the
/// alternates. MIA-LIM (4,198 km) stops at SNU with no closure.
/// </summary>
public class InFlightStopReviewTests
{
    private static readonly InterimCostModel Cost = new();
    internal static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    internal const double KmPerMin = InterimCostModel.TasKt * 1.852 / 60;
    private const double GroundMin = 60;

    internal static double Km(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
    internal static GeoPoint At(string code) => AirportDirectory.Bundled[code].Location;
    private static IEnumerable<Airport> Alternates => WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled);

    internal static FlightResult One(string from, string to, params Closure[] closures) =>
        new WhatIfSimulator(new Scenario
        {
            Name = "t", Closures = closures,
            Flights = [new Flight { Id = $"{from}-{to}", Origin = from, Destination = to, DepartureUtc = T0, AircraftType = "E190", Airline = "GLO", OperatorState = "BR" }],
        }, new SimulationOptions { CostModel = Cost }).Run().Flights.Single();

    // The point `km` along the geodesic from p to q.
    private static GeoPoint Along(GeoPoint p, GeoPoint q, double km)
    {
        var inv = Wgs84.Inverse(p, q);
        var r = Wgs84.Direct(p, inv.Azi1Deg, km * 1000);
        return new GeoPoint(r.Lat2Deg, GeoPoint.NormalizeLonDeg(r.Lon2Deg));
    }

    private static Airspace Box(string id, GeoPoint c, double halfDeg) => TestAirspaces.FromLatLon(id,
        (c.LatDeg - halfDeg, c.LonDeg - halfDeg), (c.LatDeg - halfDeg, c.LonDeg + halfDeg), (c.LatDeg + halfDeg, c.LonDeg + halfDeg), (c.LatDeg + halfDeg, c.LonDeg - halfDeg));

    // SFC-FL200 over a box of ±1.5° round SNU, announced and starting 20 minutes after take-off: the E190 at FL350 is
    // then over the box (laterally inside, above the band), and SNU, inside it, is closed to arrivals (the band reaches
    // down to the airport, as the airport rule says). The aircraft is not inside the closed volume, so the rule "inside
    // a closure when announced: continues on its planned route" is not for it; it used to apply (the inside test took
    // no account of the band), and the flight then landed at the closed airport.
    private static readonly DateTime Notice = T0.AddMinutes(20);
    private static Closure LowBox() => new() { Id = "LOW", Airspaces = [Box("LOW", At("SNU"), 1.5)], Band = new VerticalBand(0, 200), StartUtc = Notice, NoticeUtc = Notice };

    private static (GeoPoint Pos, Airport Nearest) Premise()
    {
        var box = LowBox().Airspaces[0];
        var pos = Along(At("MIA"), At("SNU"), 20 * KmPerMin);
        Assume.That(box.Contains(pos), "the premise: at the notice the aircraft is over the box");
        Assume.That(box.Contains(At("SNU")));
        // Nearest open airport by brute force: the band does not hold FL350, so every route is the geodesic; the
        // airports inside the box are closed by it.
        var nearest = Alternates.Where(a => !box.Contains(a.Location) && a.Code != "SNU" && a.Code != "LIM").MinBy(a => Km(pos, a.Location))!;
        return (pos, nearest);
    }

    [Test]
    public void ANonStopOverALowBandClosingItsDestinationDiverts()
    {
        var (pos, nearest) = Premise();
        // Known before take-off, the same closure cancels it: its destination is closed at arrival.
        var known = One("MIA", "SNU", LowBox() with { NoticeUtc = T0 });
        Assume.That(known.Outcome, Is.EqualTo(FlightOutcome.Cancelled), known.Reason);
        var r = One("MIA", "SNU", LowBox());
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        Assert.That(r.ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosedWhileAirborne));
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code));
        Assert.That(Km(r.InFlightPosition!.Value, pos), Is.LessThan(0.01));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "LOW" }));
        double flownKm = Km(At("MIA"), pos) + Km(pos, nearest.Location);
        double extraKm = flownKm + Km(nearest.Location, At("SNU")) - Km(At("MIA"), At("SNU"));
        Assert.That((double)r.RouteKm!, Is.EqualTo(flownKm).Within(0.01));
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin).Within(0.051));
    }

    [Test]
    public void AFirstLegOverALowBandClosingItsStopDiverts()
    {
        var (pos, nearest) = Premise();
        var r = One("MIA", "LIM", LowBox());
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code));
        Assert.That(Km(r.InFlightPosition!.Value, pos), Is.LessThan(0.01));
        Assert.That(r.Reason, Does.Contain("technical stop at SNU; technical stop SNU closed to it in flight at 2025-11-24T00:20Z by LOW; diverted from"));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "LOW" }));
        Assert.That((double)r.RouteKm!, Is.EqualTo(Km(At("MIA"), pos) + Km(pos, nearest.Location)).Within(0.01));
    }

    [Test]
    public void AFirstLegDiversionWhoseRecoveryFlightIsBeyondRangeCountsItsStop()
    {
        // SNU shut by name 5 minutes after take-off, announced then: the first leg diverts to the nearest open airport
        // (brute force; no airspace, so every route is the geodesic) and the recovery flight from there to LIM is
        // beyond the E190's 4,000 km: it stops, as the flight would with no closure. Its ground time counts on the
        // diversion's side as on the base's: with a constant speed the extra minutes are then the extra km flown at
        // 450 kt, never negative. They read as a 54.6-minute, US$2,570 saving before (the base's ground time alone).
        var notice = T0.AddMinutes(5);
        var pos = Along(At("MIA"), At("SNU"), 5 * KmPerMin);
        var nearest = Alternates.Where(a => a.Code != "SNU" && a.Code != "LIM").MinBy(a => Km(pos, a.Location))!;
        double recoveryKm = Km(nearest.Location, At("LIM"));
        Assume.That(recoveryKm, Is.GreaterThan(4000), "the premise: the recovery flight is beyond range");
        var r = One("MIA", "LIM", new Closure { Id = "SHUT", Airports = ["SNU"], StartUtc = notice, NoticeUtc = notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code));
        double extraKm = Km(At("MIA"), pos) + Km(pos, nearest.Location) + recoveryKm - (Km(At("MIA"), At("SNU")) + Km(At("SNU"), At("LIM")));
        Assert.That((double)r.ExtraKm, Is.EqualTo(extraKm).Within(0.051));
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(extraKm / KmPerMin).Within(0.051));
        double extraUsd = InterimCostModel.FuelKgPerKm * extraKm * InterimCostModel.DefaultFuelPriceUsdPerKg + extraKm / KmPerMin / 60 * InterimCostModel.DefaultHourlyCostUsd;
        Assert.That((double)r.ExtraCostUsd, Is.EqualTo(extraUsd).Within(0.02));
        Assert.That(r.Reason, Does.Contain("beyond range"));
    }

    [TestCase("SNU")]
    [TestCase("LIM")]
    public void InsideABoxOfAllLevelsThatClosesItsNextAirportItDiverts(string to)
    {
        // An aircraft inside a closure of all levels when it is announced continues through it, but not to land where
        // that closure closes its destination: MIA-SNU with a box round SNU announced 20 minutes out landed at SNU,
        // "unaffected", while MIA-LIM through SNU landed and was cancelled there (doubt 1 of the review). It now
        // diverts, leaving the box by the shortest way (from inside it there is no route around it).
        var box = Box("ALL", At("SNU"), 1.5);
        var pos = Along(At("MIA"), At("SNU"), 20 * KmPerMin);
        Assume.That(box.Contains(pos), "the premise: inside the box at the notice");
        var r = One("MIA", to, new Closure { Id = "ALL", Airspaces = [box], StartUtc = Notice, NoticeUtc = Notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        Assert.That(Km(r.InFlightPosition!.Value, pos), Is.LessThan(0.01));
        // The nearest open airport by brute force: those in the box are closed by it, and the way out of it is the
        // geodesic (the box is left out of the diversion's plan, as of the route it continues on).
        var nearest = Alternates.Where(a => !box.Contains(a.Location) && a.Code != "SNU" && a.Code != "LIM").MinBy(a => Km(pos, a.Location))!;
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code));
        Assert.That((double)r.RouteKm!, Is.EqualTo(Km(At("MIA"), pos) + Km(pos, nearest.Location)).Within(0.01));
        Assert.That(r.Reason, Does.Contain($"{(to == "SNU" ? "destination" : "technical stop")} SNU closed to it in flight at 2025-11-24T00:20Z by ALL; diverted from"));
        Assert.That(r.BoundBy, Does.Contain("ALL"));
    }

    [Test]
    public void AStopShutDuringTheGroundTimeAnnouncedOnTheFirstLegDivertsAnnouncedOnTheGroundCancels()
    {
        // A closure announced while the first leg is airborne that shuts the stop only while the flight would be on the
        // ground there diverts it, as the same closure known at take-off rules the stop out (doubt 3 of the review: it
        // landed and was cancelled there). MIA-SNU is 26 minutes at 450 kt, then 60 on the ground: SNU shut by name
        // from 30 minutes after landing.
        double m1 = Km(At("MIA"), At("SNU")) / KmPerMin;
        var shutFrom = T0.AddMinutes(m1 + 30);
        var inFlight = One("MIA", "LIM", new Closure { Id = "SHUT", Airports = ["SNU"], StartUtc = shutFrom, NoticeUtc = T0.AddMinutes(10) });
        Assert.That(inFlight.Outcome, Is.EqualTo(FlightOutcome.Diverted), inFlight.Reason);
        Assert.That(inFlight.Reason, Does.Contain("technical stop SNU closed to it in flight at 2025-11-24T00:10Z by SHUT; diverted from"));
        var pos = inFlight.InFlightPosition!.Value;
        Assert.That(Km(pos, At("MIA")), Is.EqualTo(10 * KmPerMin).Within(0.01));
        var nearest = Alternates.Where(a => a.Code is not ("SNU" or "LIM")).MinBy(a => Km(pos, a.Location))!;
        Assert.That(inFlight.Alternate, Is.EqualTo(nearest.Code));
        // Known at take-off, the same closure moves the stop before departure.
        var known = One("MIA", "LIM", new Closure { Id = "SHUT", Airports = ["SNU"], StartUtc = shutFrom, NoticeUtc = T0 });
        Assert.That(known.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), known.Reason);
        Assert.That(known.Alternate, Is.Not.EqualTo("SNU"));
        // Announced once it has landed: it is on the ground at SNU, whose departures close: cancelled there.
        var onGround = One("MIA", "LIM", new Closure { Id = "SHUT", Airports = ["SNU"], StartUtc = shutFrom, NoticeUtc = T0.AddMinutes(m1 + 10) });
        Assert.That(onGround.Outcome, Is.EqualTo(FlightOutcome.Cancelled), onGround.Reason);
        Assert.That(onGround.ReasonCode, Is.EqualTo(OutcomeReason.OriginClosed));
    }
}

/// <summary>Stopping flights with closures announced on either leg, in Monte Carlo draws (a wind, a cruise speed, an
/// uncertain end, a margin) and a buffer sweep: the same seed gives the same bytes on 1, 2 and 4 threads.</summary>
public class InFlightStopDeterminismTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private static Scenario Stopping()
    {
        var snu = AirportDirectory.Bundled["SNU"].Location; var lim = AirportDirectory.Bundled["LIM"].Location;
        var inv = Wgs84.Inverse(snu, lim);
        var mid = Wgs84.Direct(snu, inv.Azi1Deg, inv.DistanceM / 2);
        double la = mid.Lat2Deg, lo = mid.Lon2Deg;
        var box = TestAirspaces.FromLatLon("MID", (la - 2, lo - 3), (la - 2, lo + 3), (la + 2, lo + 3), (la + 2, lo - 3));
        var b = new ScenarioBuilder("stop-mc")
            .Add(new Closure { Id = "MID", Airspaces = [box], StartUtc = T0.AddMinutes(100), NoticeUtc = T0.AddMinutes(100) })
            .Add(new Closure { Id = "SHUT", Airports = ["SNU"], StartUtc = T0.AddHours(3).AddMinutes(15), NoticeUtc = T0.AddHours(3).AddMinutes(15) })
            .Add(new Closure { Id = "SPIM", Airports = ["LIM"], StartUtc = T0.AddHours(9), NoticeUtc = T0.AddHours(8) });
        for (int i = 0; i < 10; i++)
            b.Add(new Flight { Id = $"MIA-LIM-{i}", Origin = "MIA", Destination = "LIM", DepartureUtc = T0.AddMinutes(30 * i), AircraftType = "E190", Airline = "GLO", OperatorState = "BR" });
        b.UncertainEnd("SPIM", Distribution.Uniform(0, 4))
         .Uncertain(UncertainInput.WindKt, Distribution.Normal(30, 20))
         .Uncertain(UncertainInput.WindFromDeg, Distribution.Uniform(0, 360))
         .Uncertain(UncertainInput.CruiseSpeedFactor, Distribution.Uniform(0.95, 1.05))
         .Uncertain(UncertainInput.ExtraBufferNm, Distribution.Discrete([0, 25], [1, 1]));
        return b.Build();
    }

    [Test]
    public void SameSeedSameBytesOn1_2And4Threads()
    {
        var s = Stopping();
        var outputs = new[] { 1, 2, 4 }.Select(t =>
        {
            var o = new SimulationOptions { CostModel = new InterimCostModel(), MaxDegreeOfParallelism = t };
            var r = MonteCarlo.Run(s, o, new MonteCarloOptions { Draws = 12, Seed = 5, MaxDegreeOfParallelism = t, IncludeNominal = true });
            var csv = new StringWriter(); MonteCarloReport.WriteCsv(csv, r);
            var sweep = WhatIfSimulator.RunSweep(s with { Uncertainty = ScenarioUncertainty.None, Parameters = new ScenarioParameters { BufferSweepNm = [0, 20, 40] } }, o);
            return MonteCarloReport.Json(r) + csv + string.Join("\n", sweep.SelectMany(x => x.Flights).Select(f =>
                FormattableString.Invariant($"{f.Flight.Id} {f.Outcome} {f.Alternate} {f.RouteKm} {f.ExtraKm} {f.ExtraMinutes} {f.ExtraCostUsd} {f.ArrivalUtc:O} {f.InFlightAtUtc:O} {string.Join(",", f.BoundBy)} {f.Reason}")));
        }).ToList();
        // The premise: the stopping flights meet each kind of in-flight event.
        Assert.That(outputs[0], Does.Contain("rerouted in flight"));
        Assert.That(outputs[0], Does.Contain("Diverted"));
        Assert.That(outputs[1], Is.EqualTo(outputs[0]));
        Assert.That(outputs[2], Is.EqualTo(outputs[0]));
    }
}

/// <summary>A first leg's diversion is planned around the closures that leg flies around, as a non-stop's is: not
/// around those that only moved its stop (SFC-FL200 over SNU, below its FL350), which it then flew round, and from over
/// which it found no alternate at all.</summary>
public class InFlightStopDiversionSeedTests
{
    private static readonly DateTime T0 = InFlightStopReviewTests.T0;
    private const double KmPerMin = InFlightStopReviewTests.KmPerMin;
    private static double Km(GeoPoint a, GeoPoint b) => InFlightStopReviewTests.Km(a, b);
    private static GeoPoint At(string code) => InFlightStopReviewTests.At(code);
    private static FlightResult One(params Closure[] closures) => InFlightStopReviewTests.One("MIA", "LIM", closures);

    [Test]
    public void AFirstLegOverALowBandThatMovedItsStopDivertsToTheNearestOpenAirport()
    {
        var snu = At("SNU");
        const double h = 0.3;
        var low = new Closure
        {
            Id = "LOW", Band = new VerticalBand(0, 200), StartUtc = T0.AddDays(-1),
            Airspaces = [TestAirspaces.FromLatLon("LOW", (snu.LatDeg - h, snu.LonDeg - h), (snu.LatDeg - h, snu.LonDeg + h), (snu.LatDeg + h, snu.LonDeg + h), (snu.LatDeg + h, snu.LonDeg - h))],
        };
        var moved = One(low);
        Assume.That(moved.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), moved.Reason);
        Assume.That(moved.Alternate, Is.Not.EqualTo("SNU"), "the premise: SNU, closed by the band reaching down, is not the stop");
        var s1 = AirportDirectory.Bundled[moved.Alternate!];
        // The new stop shut by name 26 minutes out, announced then: the aircraft (at 450 kt on the geodesic) is over LOW.
        var notice = T0.AddMinutes(26);
        var inv = Wgs84.Inverse(At("MIA"), s1.Location);
        var d = Wgs84.Direct(At("MIA"), inv.Azi1Deg, 26 * KmPerMin * 1000);
        var pos = new GeoPoint(d.Lat2Deg, d.Lon2Deg);
        Assume.That(low.Airspaces[0].Contains(pos), "the premise: over LOW at the notice");
        Assume.That(26 * KmPerMin, Is.LessThan(inv.DistanceM / 1000), "still airborne");
        var nearest = WhatIfSimulator.DefaultAlternates(AirportDirectory.Bundled)
            .Where(a => a.Code != s1.Code && a.Code != "LIM" && !low.Airspaces[0].Contains(a.Location)).MinBy(a => Km(pos, a.Location))!;
        var r = One(low, new Closure { Id = "SHUT", Airports = [s1.Code], StartUtc = notice, NoticeUtc = notice });
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Diverted), r.Reason);
        Assert.That(r.Alternate, Is.EqualTo(nearest.Code), r.Reason);
        // The geodesic to it: LOW's band is below its level.
        Assert.That((double)r.RouteKm!, Is.EqualTo(Km(At("MIA"), pos) + Km(pos, nearest.Location)).Within(0.01));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "LOW", "SHUT" }), "LOW moved its stop: still named");
    }
}

/// <summary>boundBy names the closures that changed a stopping flight's answer: a closure across the second leg as
/// planned at take-off, which has ended when the later second leg (its first leg rerouted in flight) gets there, changed
/// nothing, and was named (its group by closure then carried the flight's extras).</summary>
public class InFlightStopBoundByTests
{
    private static readonly DateTime T0 = InFlightStopReviewTests.T0;
    private const double KmPerMin = InFlightStopReviewTests.KmPerMin;
    private static double Km(GeoPoint a, GeoPoint b) => InFlightStopReviewTests.Km(a, b);
    private static GeoPoint At(string code) => InFlightStopReviewTests.At(code);
    private static FlightResult One(params Closure[] closures) => InFlightStopReviewTests.One("MIA", "LIM", closures);

    private static GeoPoint Go(GeoPoint p, double az, double km) { var r = Wgs84.Direct(p, az, km * 1000); return new GeoPoint(r.Lat2Deg, GeoPoint.NormalizeLonDeg(r.Lon2Deg)); }

    [Test]
    public void AClosureTheSecondLegNoLongerMeetsIsNotNamed()
    {
        var snu = At("SNU"); var lim = At("LIM");
        // A wall 600 km wide across MIA-SNU at its middle, announced 5 minutes out: the first leg is rerouted in flight
        // and lands later (Δ, measured below on the run with the wall alone).
        var i1 = Wgs84.Inverse(At("MIA"), snu);
        var m = Go(At("MIA"), i1.Azi1Deg, i1.DistanceM / 2000); var az = Wgs84.Inverse(m, snu).Azi1Deg;
        GeoPoint W(double side, double along) => Go(Go(m, az + 90, side), az, along);
        var wallSpace = TestAirspaces.FromLatLon("WALL", (W(300, -20).LatDeg, W(300, -20).LonDeg), (W(300, 20).LatDeg, W(300, 20).LonDeg), (W(-300, 20).LatDeg, W(-300, 20).LonDeg), (W(-300, -20).LatDeg, W(-300, -20).LonDeg));
        var wall = new Closure { Id = "WALL", Airspaces = [wallSpace], StartUtc = T0.AddMinutes(5), NoticeUtc = T0.AddMinutes(5) };
        var withWall = One(wall);
        Assume.That(withWall.InFlightAtUtc, Is.EqualTo(T0.AddMinutes(5)), withWall.Reason);
        Assume.That(withWall.Alternate, Is.EqualTo("SNU"));
        double m1 = Km(At("MIA"), snu) / KmPerMin, m2 = Km(snu, lim) / KmPerMin;
        double delta = (withWall.ArrivalUtc!.Value - T0).TotalMinutes - m1 - 60 - m2; // the second leg flies direct
        Assume.That(delta, Is.GreaterThan(10));
        // A box of ±0.1° at the middle of SNU-LIM, known, ending Δ/2 after the planned second leg would reach its middle:
        // around it as planned at take-off; gone when the later second leg gets there.
        var im = Wgs84.Inverse(snu, lim);
        var c = Go(snu, im.Azi1Deg, im.DistanceM / 2000);
        const double h = 0.1;
        var end = T0.AddMinutes(m1 + 60 + (im.DistanceM / 2000 - 15) / KmPerMin + delta / 2);
        var mid = new Closure
        {
            Id = "MID", StartUtc = T0.AddDays(-1), EndUtc = end,
            Airspaces = [TestAirspaces.FromLatLon("MID", (c.LatDeg - h, c.LonDeg - h), (c.LatDeg - h, c.LonDeg + h), (c.LatDeg + h, c.LonDeg + h), (c.LatDeg + h, c.LonDeg - h))],
        };
        var alone = One(mid);
        Assume.That(alone.Alternate, Is.EqualTo("SNU"), "the premise: MID does not move the stop");
        Assume.That(alone.BoundBy, Is.EqualTo(new[] { "MID" }), "and the second leg as planned flies around it");
        var r = One(mid, wall);
        Assert.That(r.Waypoints, Is.EqualTo(withWall.Waypoints), "the same route as with the wall alone");
        Assert.That(r.ExtraKm, Is.EqualTo(withWall.ExtraKm));
        Assert.That(r.ExtraCostUsd, Is.EqualTo(withWall.ExtraCostUsd));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "WALL" }), "MID changed nothing");
    }
}
