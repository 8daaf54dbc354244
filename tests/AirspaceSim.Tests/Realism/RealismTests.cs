using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Spherical;
using AirspaceSim.Tests.Simulation;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Realism;

/// <summary>The realism layer: margin and efficiency arithmetic by hand, the wind-optimal planner against independent
/// timings, the distance planner unchanged, and technical stops and diversions with the layer on.</summary>
public class RealismTests
{
    private static readonly Airspace Svzm = AirspaceCatalog.Bundled["SVZM"];
    private static readonly AircraftType B38M = AircraftCatalog.Bundled["B38M"];

    // A tall closure across the route: its north end (36 N) is farther from the route (22 N) than its south end (10 N).
    private static readonly Airspace Wall = TestAirspaces.FromLatLon("WALL", (10, -61), (10, -59), (36, -59), (36, -61), (10, -61));
    private static readonly GeoPoint West = new(22, -75), East = new(22, -45);

    // A 200 kt westerly north of 28 N, calm south of 24 N, at every level.
    private static GriddedWindField NorthJet()
    {
        var sb = new System.Text.StringBuilder("lat,lon,fl,u_kt,v_kt\n");
        foreach (int lat in new[] { 0, 24, 28, 60 })
            foreach (int lon in new[] { -100, 0 })
                foreach (int fl in new[] { 300, 400 })
                    sb.Append(FormattableString.Invariant($"{lat},{lon},{fl},{(lat >= 28 ? 200 : 0)},0\n"));
        return GriddedWindField.Parse(sb.ToString(), "north-jet.csv");
    }

    // Route time in hours with every leg cut into 64 sub-arcs (an independent, finer discretisation).
    private static double FineHours(IReadOnlyList<GeoPoint> w, WindField f, double tasKt, double fl)
    {
        double s = 0, tas = tasKt * 1852 / 3600;
        for (int i = 0; i + 1 < w.Count; i++)
        {
            var a = Vec3.FromGeo(w[i]); var b = Vec3.FromGeo(w[i + 1]);
            for (int k = 0; k < 64; k++)
            {
                var p = Sphere.Intermediate(a, b, k / 64.0); var q = Sphere.Intermediate(a, b, (k + 1) / 64.0);
                s += ArcWind.SecondsPerMetre(p, q, tas, f, fl) * Vec3.Angle(p, q) * Sphere.MeanRadiusM;
            }
        }
        return s / 3600;
    }

    private static double SphereKm(IReadOnlyList<GeoPoint> w) =>
        Enumerable.Range(0, w.Count - 1).Sum(i => Sphere.DistanceKm(w[i], w[i + 1]));

    [Test]
    public void FastestRouteTakesTheJetSideAndSavesTime()
    {
        var planner = DetourPlanner.Build([Wall]);
        var jet = NorthJet();
        var shortest = planner.Plan(West, East);
        var fastest = planner.PlanFastest(West, East, new WindRouteOptions(jet, 450, 370));
        Assert.That(shortest.Waypoints.Min(p => p.LatDeg), Is.LessThan(11), "the shortest route turns at the south end");
        Assert.That(fastest.Waypoints.Max(p => p.LatDeg), Is.GreaterThan(35), "the fastest route turns at the north end, in the jet");
        Assert.That(SphereKm(fastest.Waypoints), Is.GreaterThan(SphereKm(shortest.Waypoints)));
        double tFast = FineHours(fastest.Waypoints, jet, 450, 370), tShort = FineHours(shortest.Waypoints, jet, 450, 370);
        Assert.That(tFast, Is.LessThan(tShort - 0.1), "at least 6 minutes saved");
        Assert.That(fastest.SphereRad * Sphere.MeanRadiusKm, Is.EqualTo(SphereKm(fastest.Waypoints)).Within(1e-6));
    }

    [Test]
    public void CalmWindGivesTheShortestRoute()
    {
        // With no wind the time is the distance over V: the same graph search picks the same corners.
        var planner = DetourPlanner.Build([Svzm], 10);
        var calm = new WindRouteOptions(new UniformWindField(0, 0), 450, 370);
        var rng = new Random(3);
        int detours = 0;
        for (int i = 0; i < 60; i++)
        {
            var a = new GeoPoint(-5 + rng.NextDouble() * 30, -85 + rng.NextDouble() * 40);
            var b = new GeoPoint(-5 + rng.NextDouble() * 30, -85 + rng.NextDouble() * 40);
            var p = planner.Plan(a, b);
            var q = planner.PlanFastest(a, b, calm);
            Assert.That(q.Status, Is.EqualTo(p.Status), $"{a} -> {b}");
            if (p.Status != RouteStatus.Detour) continue;
            detours++;
            Assert.That(q.RouteKm!.Value, Is.EqualTo(p.RouteKm!.Value).Within(1e-6), $"{a} -> {b}");
        }
        Assert.That(detours, Is.GreaterThan(5));
    }

    [Test]
    public void UniformWindFastestIsNoSlowerThanShortestAndGraphTimesMatchAFinerSplit()
    {
        // The uniform-wind time is a norm: the fastest graph route is never slower than the shortest one flown in the
        // same wind, and the planner's 8-point leg times agree with 64 sub-arcs (the bound quoted in the README).
        var planner = DetourPlanner.Build([Svzm], 10);
        var wind = new UniformWindField(270, 120);
        var rng = new Random(8);
        for (int i = 0; i < 40; i++)
        {
            var a = new GeoPoint(rng.NextDouble() * 20, -80 + rng.NextDouble() * 5);
            var b = new GeoPoint(rng.NextDouble() * 20, -55 - rng.NextDouble() * 5);
            var p = planner.Plan(a, b);
            if (p.Status != RouteStatus.Detour) continue;
            var q = planner.PlanFastest(a, b, new WindRouteOptions(wind, 450, 370));
            Assert.That(FineHours(q.Waypoints, wind, 450, 370), Is.LessThanOrEqualTo(FineHours(p.Waypoints, wind, 450, 370) * (1 + 1e-9)));
        }
    }

    [Test]
    public void GriddedFastestRouteTimeAgreesWithAFinerDiscretisation()
    {
        var planner = DetourPlanner.Build([Wall]);
        var jet = GriddedWindField.Bundled("caribbean-north-atlantic-january");
        var fastest = planner.PlanFastest(West, East, new WindRouteOptions(jet, 450, 370));
        double coarse = 0;
        for (int i = 0; i + 1 < fastest.Waypoints.Count; i++)
        {
            var a = Vec3.FromGeo(fastest.Waypoints[i]); var b = Vec3.FromGeo(fastest.Waypoints[i + 1]);
            coarse += ArcWind.SecondsPerMetre(a, b, 450 * 1852 / 3600.0, jet, 370) * Vec3.Angle(a, b) * Sphere.MeanRadiusM / 3600;
        }
        Assert.That(coarse, Is.EqualTo(FineHours(fastest.Waypoints, jet, 450, 370)).Within(coarse * 2e-4));
    }

    [Test]
    public void AirspeedMustExceedTheWindBound() =>
        Assert.That(() => DetourPlanner.Build([Wall]).PlanFastest(West, East, new WindRouteOptions(NorthJet(), 150, 370)),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("must exceed the wind field's maximum speed 200 kt"));

    [Test]
    public void EfficiencyFactorScalesBothRoutesSoTheExtraScalesByHand()
    {
        var plan = DetourPlanner.Build([Svzm]).Plan(AirportDirectory.Bundled["GRU"].Location, AirportDirectory.Bundled["MIA"].Location);
        var m = FlightCostModel.Default;
        var plain = m.EstimateDetour(B38M, plan, FlightConditions.Default);
        var real = m.EstimateDetour(B38M, plan, FlightConditions.Default with { RouteEfficiencyFactor = 1.03 });
        Assert.That(real.Direct.DistanceKm, Is.EqualTo(1.03 * plan.DirectKm).Within(1e-6));
        Assert.That(real.ExtraKm, Is.EqualTo(1.03 * plan.ExtraKm!.Value).Within(1e-6));
        // Still air: the cruise time scales with the distance, 3 % of the direct cruise minutes more on the direct route.
        double cruiseMin = plain.Direct.AirborneMinutes - m.Options.ClimbDescentExtraMinutes;
        Assert.That(real.Direct.BlockMinutes - plain.Direct.BlockMinutes, Is.EqualTo(0.03 * cruiseMin).Within(1e-6));
        Assert.That(m.MaxRangeKm(B38M, FlightConditions.Default with { RouteEfficiencyFactor = 1.03 }),
            Is.EqualTo(m.MaxRangeKm(B38M, FlightConditions.Default) / 1.03).Within(1e-9));
        Assert.That(() => FlightConditions.Default with { RouteEfficiencyFactor = 0.9 }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void UniformFieldTimesLikeTheUniformWind()
    {
        var w = new[] { new GeoPoint(10, -70), new GeoPoint(25, -40) };
        var a = FlightCostModel.Default.Estimate(B38M, w, FlightConditions.Default with { Wind = new Wind(250, 90) });
        var b = FlightCostModel.Default.Estimate(B38M, w, FlightConditions.Default with { WindField = new UniformWindField(250, 90) });
        Assert.That(b.BlockMinutes, Is.EqualTo(a.BlockMinutes).Within(1e-9));
        Assert.That(b.FuelKg, Is.EqualTo(a.FuelKg).Within(1e-6));
    }

    [Test]
    public void MarginIsAFloorOnEachClosuresBuffer()
    {
        var o = RealismOptions.Default with { ClosureMarginsNm = new Dictionary<string, double> { ["SVZM"] = 25 } };
        Assert.That(o.EffectiveBufferNm("svzm", 10), Is.EqualTo(25));
        Assert.That(o.EffectiveBufferNm("TNCF", 2), Is.EqualTo(5));
        Assert.That(o.EffectiveBufferNm("TNCF", 40), Is.EqualTo(40));
        Assert.That(RealisticRoute.PlannerBufferNm([Svzm], 0, o), Is.EqualTo(25));
        Assert.That(() => (RealismOptions.Default with { RouteEfficiencyFactor = 2 }).Validate(), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("RouteEfficiencyFactor"));
        // The realistic route keeps the margin: it is at least as long as the unbuffered one.
        var from = AirportDirectory.Bundled["GRU"].Location; var to = AirportDirectory.Bundled["MIA"].Location;
        var real = RealisticRoute.Plan(DetourPlanner.Build([Svzm], 5), from, to, RealismOptions.Default, B38M, FlightConditions.Default, FlightCostModel.Default);
        var geo = DetourPlanner.Build([Svzm]).Plan(from, to);
        Assert.That(real.Flown.RouteKm!.Value, Is.GreaterThan(geo.RouteKm!.Value));
        Assert.That(real.ExtraKm, Is.EqualTo(1.03 * real.Flown.ExtraKm!.Value).Within(1e-9));
        Assert.That(real.Cost!.ExtraKm, Is.EqualTo(real.ExtraKm!.Value).Within(1e-6));
    }

    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private static Closure SvzmClosure(DateTime? notice = null) => new()
    {
        Id = "SVZM", AirspaceIds = ["SVZM"], Airspaces = [Svzm], StartUtc = notice ?? T0, NoticeUtc = notice,
    };

    private static Flight F(string from, string to, string type) => new()
    {
        Id = $"{from}-{to}", Origin = from, Destination = to, DepartureUtc = T0, AircraftType = type, Airline = "TST", OperatorState = "NL",
    };

    private static FlightResult Run(Scenario s) =>
        new WhatIfSimulator(s, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run().Flights.Single();

    [Test]
    public void DiversionAndTechStopStillWorkWithTheLayerOn()
    {
        var realism = RealismOptions.Default with { Wind = GriddedWindField.Bundled("caribbean-north-atlantic-january") };
        // Diversion: CCS closes while the flight from AMS is airborne.
        var notice = T0.AddHours(5);
        var divert = new Scenario { Name = "d", Closures = [SvzmClosure(notice)], Flights = [F("AMS", "CCS", "A332")], Realism = realism };
        var d = Run(divert);
        Assert.That(d.Outcome, Is.EqualTo(FlightOutcome.Diverted), d.Reason);
        Assert.That(d.Alternate, Is.Not.Null);
        Assert.That(d.Waypoints[^1], Is.EqualTo(AirportDirectory.Bundled[d.Alternate!].Location));
        // Technical stop: the test double gives the E190 4,000 km, so Miami-Lima (about 4,200 km) needs a stop; with the
        // layer on (SVZM kept 5 NM away) the stop is still found and both legs fit the range.
        var stopScenario = new Scenario { Name = "t", Closures = [SvzmClosure()], Flights = [F("MIA", "LIM", "E190")], Realism = realism };
        var stop = new WhatIfSimulator(stopScenario, new SimulationOptions { CostModel = new InterimCostModel() }).Run().Flights.Single();
        Assert.That(stop.Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), stop.Reason);
        Assert.That(stop.Alternate, Is.Not.Null, stop.Reason);
        var path = stop.Waypoints;
        int at = path.ToList().IndexOf(AirportDirectory.Bundled[stop.Alternate!].Location);
        double leg1 = Enumerable.Range(0, at).Sum(i => Wgs84.DistanceM(path[i], path[i + 1]) / 1000);
        double leg2 = Enumerable.Range(at, path.Count - 1 - at).Sum(i => Wgs84.DistanceM(path[i], path[i + 1]) / 1000);
        Assert.That(leg1, Is.LessThanOrEqualTo(4000));
        Assert.That(leg2, Is.LessThanOrEqualTo(4000));
    }

    [Test]
    public void WhatIfChoosesByTimeInTheWindAndReportsTheShortestBesideIt()
    {
        // The tall wall across the route with a jet north of 28 N: the simulator must fly the planner's fastest route
        // (round the north end, in the jet) and report the shortest one (round the south end) beside it.
        var jet = NorthJet();
        var wall = new Closure { Id = "WALL", AirspaceIds = ["WALL"], Airspaces = [Wall], StartUtc = T0 };
        var flight = new Flight
        {
            Id = "W-E", Origin = "22,-75", Destination = "22,-45", DepartureUtc = T0, AircraftType = "B38M", Airline = "TST", OperatorState = "NL",
        };
        var s = new Scenario { Name = "w", Closures = [wall], Flights = [flight], Realism = RealismOptions.Default with { Wind = jet } };
        var fast = Run(s);
        var byDistance = Run(s with { Realism = s.Realism with { WindOptimal = false } });
        Assert.That(fast.Outcome, Is.EqualTo(FlightOutcome.Rerouted), fast.Reason);
        Assert.That(fast.ChosenBy, Is.EqualTo(RouteChoice.Time));
        Assert.That(byDistance.ChosenBy, Is.Null);
        Assert.That(byDistance.MinutesSavedByTime, Is.Null);

        // The flown route is the planner's own fastest route with the 5 NM margin, at the type's still-air TAS.
        int fl = fast.CruiseFl!.Value;
        double tas = PerformanceCostModel.Default.GroundSpeedKt(new AircraftProfile("B38M", fl), fl, West, East, AirspaceSim.Simulation.CostParameters.Defaults);
        var expected = DetourPlanner.Build([Wall], 5).PlanFastest(West, East, new WindRouteOptions(jet, tas, fl));
        Assert.That(fast.Waypoints, Is.EqualTo(expected.Waypoints));
        Assert.That(fast.Waypoints.Max(p => p.LatDeg), Is.GreaterThan(35), "round the north end, in the jet");
        Assert.That(byDistance.Waypoints.Min(p => p.LatDeg), Is.LessThan(11), "round the south end");

        // The shortest route reported beside the fastest is the one the distance run flies: the same extra figures,
        // computed by another path of the code; the saving is their difference (each rounded to 0.1).
        Assert.That(fast.ShortestExtraKm, Is.EqualTo(byDistance.ExtraKm));
        Assert.That(fast.ShortestExtraMinutes, Is.EqualTo(byDistance.ExtraMinutes));
        Assert.That((double)fast.MinutesSavedByTime!.Value, Is.EqualTo((double)(byDistance.ExtraMinutes - fast.ExtraMinutes)).Within(0.1 + 1e-9));
        // Flown through 200 kt tailwinds for some 2,000 km the saving is far more than rounding (FastestRouteTakesTheJetSide: > 6 min).
        Assert.That(fast.MinutesSavedByTime, Is.GreaterThan(6m));
        Assert.That(fast.ExtraKm, Is.GreaterThan(byDistance.ExtraKm), "the fastest route is the longer one");

        // The totals sum the savings and the reports carry them.
        var result = new WhatIfSimulator(s, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();
        Assert.That(result.Totals.MinutesSavedByTime, Is.EqualTo(fast.MinutesSavedByTime));
        var json = System.Text.Json.JsonDocument.Parse(SimulationReport.Json([result])).RootElement;
        var jf = json.GetProperty("flights")[0];
        Assert.That(jf.GetProperty("chosenBy").GetString(), Is.EqualTo("time"));
        Assert.That(jf.GetProperty("minutesSavedByTime").GetDecimal(), Is.EqualTo(fast.MinutesSavedByTime));
        Assert.That(json.GetProperty("totals").GetProperty("minutesSavedByTime").GetDecimal(), Is.EqualTo(fast.MinutesSavedByTime));
        var table = new StringWriter();
        SimulationReport.WriteTable(table, [result]);
        Assert.That(table.ToString(), Does.Contain("routes chosen by time in the wind: " + fast.MinutesSavedByTime!.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " min saved"));
        Assert.That(result.Assumptions, Has.Some.Contains("fastest over the visibility graph"));
    }

    [Test]
    public void WhatIfWithoutAWindStillChoosesByDistance()
    {
        // WindOptimal needs a wind: in still air the layer keeps the shortest route and reports no choice.
        var s = new Scenario { Name = "r", Closures = [SvzmClosure()], Flights = [F("GRU", "MIA", "B38M")], Realism = RealismOptions.Default };
        var sim = new WhatIfSimulator(s, new SimulationOptions { CostModel = PerformanceCostModel.Default });
        Assert.That(sim.ChoosesByTime, Is.False);
        var r = sim.Run();
        Assert.That(r.Flights.Single().ChosenBy, Is.Null);
        Assert.That(r.Totals.MinutesSavedByTime, Is.Null);
        Assert.That(SimulationReport.Json([r]), Does.Not.Contain("minutesSavedByTime"));
    }

    [Test]
    public void RealisticWhatIfAddsTheMarginAndTheFactor()
    {
        // A 787-9: GRU–MIA (6,554 km) is beyond a 737 MAX 8's range with reserves (6,451 km), a tech stop.
        var s = new Scenario { Name = "r", Closures = [SvzmClosure()], Flights = [F("GRU", "MIA", "B789")] };
        var geo = Run(s);
        var real = Run(s with { Realism = RealismOptions.Default });
        Assert.That(real.Outcome, Is.EqualTo(FlightOutcome.Rerouted));
        var from = AirportDirectory.Bundled["GRU"].Location; var to = AirportDirectory.Bundled["MIA"].Location;
        var plan5 = DetourPlanner.Build([Svzm], 5).Plan(from, to);
        Assert.That((double)real.ExtraKm, Is.EqualTo(1.03 * plan5.ExtraKm!.Value).Within(0.05));
        Assert.That(real.ExtraKm, Is.GreaterThan(geo.ExtraKm));
        Assert.That(real.ExtraMinutes, Is.GreaterThan(geo.ExtraMinutes));
    }
}
