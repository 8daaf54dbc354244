using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Spherical;
using AirspaceSim.Weather;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Realism;

/// <summary>
/// A route that leaves a wind grid is timed in the wind of the grid's nearest edge (issue 8): the results say how much
/// of the route that was (route JSON <c>windGrid</c> and assumptions, the table, what-if assumptions). The distance
/// outside is checked against a brute force independent of the code: 100,000 points along each leg's great circle
/// (spherical linear interpolation, written in the test), tested against the grid's extent directly, each standing for its share of the leg's WGS84 length. The brute force is exact to one step (1/100,000 of
/// a leg) per crossing of the grid's edge it sees, plus one step for a dip outside shorter than a step that it may miss:
/// that is each comparison's tolerance.
/// </summary>
public class WindGridCoverageTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // A calm grid over lat [lat0, lat1] × lon [lon0..lon1] (the longitudes as written), at FL300 and FL400.
    private static GriddedWindField Grid(double lat0, double lat1, double[] lons)
    {
        var sb = new StringBuilder("lat,lon,fl,u_kt,v_kt\n");
        foreach (var fl in new[] { 300, 400 })
            foreach (var lat in new[] { lat0, lat1 })
                foreach (var lon in lons) sb.Append(Inv, $"{lat},{lon},{fl},0,0\n");
        return GriddedWindField.Parse(sb.ToString(), "calm.csv");
    }

    private const int BruteSteps = 100_000;

    // The brute force: the distance outside, its tolerance (see the class) and the number of crossings it saw. The
    // points are the textbook slerp, sin((1 − f)θ)/sin θ · A + sin(fθ)/sin θ · B, written here without the library.
    private static (double Km, double TolKm, int Crossings) Brute(IReadOnlyList<GeoPoint> route, Func<GeoPoint, bool> inside)
    {
        double km = 0, tol = 0;
        int crossings = 0;
        for (int i = 0; i + 1 < route.Count; i++)
        {
            double legKm = Wgs84.DistanceM(route[i], route[i + 1]) / 1000;
            double[] a = Unit(route[i]), b = Unit(route[i + 1]);
            double theta = Math.Acos(Math.Clamp(a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1, 1)), sin = Math.Sin(theta);
            int outside = 0, seen = 0;
            bool? last = null;
            for (int k = 0; k < BruteSteps; k++)
            {
                double f = (k + 0.5) / BruteSteps, wa = Math.Sin((1 - f) * theta) / sin, wb = Math.Sin(f * theta) / sin;
                double x = wa * a[0] + wb * b[0], y = wa * a[1] + wb * b[1], z = wa * a[2] + wb * b[2];
                bool inPoint = inside(new GeoPoint(Math.Atan2(z, Math.Sqrt(x * x + y * y)) * 180 / Math.PI, Math.Atan2(y, x) * 180 / Math.PI));
                if (!inPoint) outside++;
                if (last is { } l && l != inPoint) seen++;
                last = inPoint;
            }
            km += legKm * outside / BruteSteps;
            tol += (seen + 1) * legKm / BruteSteps;
            crossings += seen;
        }
        return (km, tol + 1e-9, crossings);
        static double[] Unit(GeoPoint p)
        {
            double phi = p.LatDeg * Math.PI / 180, lam = p.LonDeg * Math.PI / 180;
            return [Math.Cos(phi) * Math.Cos(lam), Math.Cos(phi) * Math.Sin(lam), Math.Sin(phi)];
        }
    }

    private static double BruteOutsideKm(IReadOnlyList<GeoPoint> route, Func<GeoPoint, bool> inside) => Brute(route, inside).Km;

    private static readonly GriddedWindField Atlantic = Grid(0, 60, [-100, -45, 10]);
    private static bool InAtlantic(GeoPoint p) => p.LatDeg is >= 0 and <= 60 && p.LonDeg is >= -100 and <= 10;

    // 170 E to 170 W: its outside is the gap west of 170 E and east of 170 W.
    private static readonly GriddedWindField Pacific = Grid(0, 50, [170, 180, -170]);
    private static bool InPacific(GeoPoint p) => p.LatDeg is >= 0 and <= 50 && (p.LonDeg >= 170 || p.LonDeg <= -170);

    // Evenly spaced all the way round (the gap across ±180 is no larger than the others): periodic, no outside in
    // longitude.
    private static readonly GriddedWindField Band = Grid(-10, 70, [-180, -90, 0, 90]);
    private static bool InBand(GeoPoint p) => p.LatDeg is >= -10 and <= 70;

    private static void AssertAgrees(GriddedWindField grid, Func<GeoPoint, bool> inside, GeoPoint[] route, int? crossings = null)
    {
        var brute = Brute(route, inside);
        var c = grid.Coverage(route, 350);
        TestContext.Out.WriteLine(string.Create(Inv,
            $"outside {c.OutsideKm:F3} km, brute force {brute.Km:F3} ± {brute.TolKm:F3} km ({brute.Crossings} crossings) of {c.RouteKm:F0} km"));
        Assert.That(c.OutsideKm, Is.EqualTo(brute.Km).Within(brute.TolKm));
        Assert.That(c.OutsideKm, Is.InRange(0, c.RouteKm));
        if (crossings is { } n) Assert.That(brute.Crossings, Is.EqualTo(n), "the case crosses the edge as intended");
    }

    [Test]
    public void AMeridianLegOutsideBelowTheEquatorIsItsShareOfTheArc()
    {
        // Along the meridian 50 W from 20 S to 40 N: outside from 20 S to the equator, a third of the arc's angle.
        GeoPoint a = new(-20, -50), b = new(40, -50);
        var c = Atlantic.Coverage([a, b], 350);
        double legKm = Wgs84.DistanceM(a, b) / 1000;
        Assert.That(c.RouteKm, Is.EqualTo(legKm).Within(1e-9));
        Assert.That(c.OutsideKm, Is.EqualTo(legKm / 3).Within(1e-9 * legKm), "a third of the angle, exactly (to round-off)");
        // The WGS84 meridian arc from 20 S to the equator: within the 1.1 % the remarks allow for the share by angle.
        double meridianKm = Wgs84.DistanceM(a, new GeoPoint(0, -50)) / 1000;
        Assert.That(c.OutsideKm, Is.EqualTo(meridianKm).Within(0.011 * meridianKm));
        AssertAgrees(Atlantic, InAtlantic, [a, b], crossings: 1);
        Assert.That(c.OutsideFraction, Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(c.LevelOutside, Is.False);
        Assert.That(c.Note("the flown route"), Does.Contain("lies outside the wind grid, where the wind of the grid's nearest edge was used"));
    }

    [TestCase(55.0, -90.0, 55.0, 0.0, 2, TestName = "both ends inside, the great circle's vertex above the north edge")]
    [TestCase(10.0, -60.0, 50.0, -5.0, 0, TestName = "wholly inside")]
    [TestCase(-23.4, -46.5, 25.8, -80.3, 1, TestName = "GRU to MIA, leaving across the equator")]
    [TestCase(52.3, 4.8, 40.6, -73.8, 0, TestName = "AMS to JFK, just below the north edge")]
    [TestCase(60.3, 24.9, 40.6, -73.8, 1, TestName = "HEL to JFK, from outside in the east and north")]
    [TestCase(30.0, -120.0, 30.0, 20.0, 2, TestName = "through the grid from west to east")]
    [TestCase(-30.0, 20.0, -10.0, 120.0, 0, TestName = "wholly outside, south of the grid")]
    [TestCase(70.0, -40.0, 89.0, 140.0, 0, TestName = "wholly outside, near the pole")]
    [TestCase(50.0, -40.0, 50.0, 140.0, 1, TestName = "over the north pole (a meridian through it)")]
    [TestCase(-5.0, -110.0, 65.0, 20.0, 2, TestName = "corner to corner, outside at both ends")]
    public void TheDistanceOutsideAgreesWithABruteForce(double lat1, double lon1, double lat2, double lon2, int crossings)
    {
        GeoPoint a = new(lat1, lon1), b = new(lat2, lon2);
        // One leg, then two: the route's waypoints are each checked, not only its ends.
        AssertAgrees(Atlantic, InAtlantic, [a, b], crossings);
        AssertAgrees(Atlantic, InAtlantic, [a, Sphere.Intermediate(a, b, 0.5), b]);
    }

    [Test]
    public void AFullyOutsideLegIsOutsideInFull()
    {
        GeoPoint a = new(-30, 20), b = new(-10, 120);
        var c = Atlantic.Coverage([a, b], 350);
        Assert.That(c.OutsideKm, Is.EqualTo(c.RouteKm));
        Assert.That(c.OutsideFraction, Is.EqualTo(1));
    }

    [Test]
    public void AGridAcrossTheAntimeridianHasItsOutsideInItsGap()
    {
        // From the gap in the west across the grid and ±180 into the gap in the east.
        GeoPoint[] route = [new(20, 160), new(30, -160)];
        Assert.That(BruteOutsideKm(route, InPacific), Is.GreaterThan(500));
        AssertAgrees(Pacific, InPacific, route, crossings: 2);
        // The other way round, and within the gap's latitudes leaving north.
        AssertAgrees(Pacific, InPacific, [new(30, -160), new(20, 160)], crossings: 2);
        AssertAgrees(Pacific, InPacific, [new(40, 175), new(62, -175)], crossings: 1);
        // Wholly inside, across ±180.
        Assert.That(Pacific.Coverage([new(20, 172), new(30, -172)], 350).OutsideKm, Is.Zero);
        // Wholly in the gap (the short way from 120 E to 100 W runs across ±180 through the grid: two crossings).
        AssertAgrees(Pacific, InPacific, [new(10, 120), new(10, 150)], crossings: 0);
        AssertAgrees(Pacific, InPacific, [new(10, 120), new(10, -100)], crossings: 2);
    }

    [Test]
    public void APeriodicGridHasItsOutsideOnlyInLatitude()
    {
        // Across ±180 and the grid's columns: only the parallels count.
        AssertAgrees(Band, InBand, [new(60, 120), new(60, -100)], crossings: 2); // bows over 70 N (vertex 78.8 N)
        AssertAgrees(Band, InBand, [new(-20, 170), new(20, -170)], crossings: 1);
        AssertAgrees(Band, InBand, [new(0, 100), new(10, -100)], crossings: 0);
        Assert.That(Band.Coverage([new(0, 100), new(10, -100)], 350).OutsideKm, Is.Zero);
    }

    [Test]
    public void RandomLegsAgreeWithTheBruteForceOnEveryKindOfGrid()
    {
        // Seeded: 16 legs of 100 to 10,000 km on each of the three grids, every other one starting on the grid (so that
        // most legs meet an edge), the others anywhere between 80 S and 80 N; the brute forces run in parallel.
        var rng = new Random(20261203);
        var grids = new (GriddedWindField Grid, Func<GeoPoint, bool> Inside, double Lat0, double Lat1, double Lon0, double LonSpan)[]
        {
            (Atlantic, InAtlantic, 0, 60, -100, 110), (Pacific, InPacific, 0, 50, 170, 20), (Band, InBand, -10, 70, -180, 360),
        };
        var cases = new List<(int Grid, GeoPoint A, GeoPoint B)>();
        for (int g = 0; g < grids.Length; g++)
            for (int k = 0; k < 16; k++)
            {
                var (_, _, lat0, lat1, lon0, span) = grids[g];
                GeoPoint a = k % 2 == 0
                    ? new(lat0 + rng.NextDouble() * (lat1 - lat0), GeoPoint.NormalizeLonDeg(lon0 + rng.NextDouble() * span))
                    : new(rng.NextDouble() * 160 - 80, rng.NextDouble() * 360 - 180);
                GeoPoint b = Sphere.Destination(a, rng.NextDouble() * 360, 100 + rng.NextDouble() * 9900);
                cases.Add((g, a, b));
            }
        var brute = new (double Km, double TolKm, int Crossings)[cases.Count];
        Parallel.For(0, cases.Count, i => brute[i] = Brute([cases[i].A, cases[i].B], grids[cases[i].Grid].Inside));
        int crossed = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            var (g, a, b) = cases[i];
            var c = grids[g].Grid.Coverage([a, b], 350);
            Assert.That(c.OutsideKm, Is.EqualTo(brute[i].Km).Within(brute[i].TolKm), $"{a} to {b} on grid {g}");
            if (brute[i].Crossings > 0) crossed++;
        }
        TestContext.Out.WriteLine($"{crossed} of {cases.Count} legs cross an edge");
        Assert.That(crossed, Is.GreaterThan(cases.Count / 3), "enough of the legs cross an edge to test the crossings");
    }

    [Test]
    public void AnAntipodalLegIsRefused() =>
        Assert.That(() => Atlantic.Coverage([new(10, -40), new(-10, 140)], 350),
            Throws.ArgumentException.With.Message.Contains("antipodal"));

    [Test]
    public void AGlobalGridHasNoOutsideInLongitudeAndAFlightLevelOutsideItsLevelsIsSaid()
    {
        var eurasia = GriddedWindField.Bundled("eurasia-january");
        var c = eurasia.Coverage([AirportDirectory.Bundled["HEL"].Location, AirportDirectory.Bundled["NRT"].Location], 470);
        Assert.That(c.OutsideKm, Is.Zero);
        Assert.That(c.LevelOutside, Is.True);
        Assert.That(c.LevelUsed, Is.EqualTo(450));
        Assert.That(c.Note("the flown route"), Is.EqualTo("the flown route's FL470 lies outside the wind grid's levels, where the wind of FL450 was used"));
        Assert.That(eurasia.Coverage([new(10, 20), new(20, 30)], 350).Note("the flown route"), Is.Null);
        // South of its -10 N edge.
        Assert.That(eurasia.Coverage([new(-30, 20), new(-20, 30)], 350).OutsideFraction, Is.EqualTo(1));
    }

    [Test]
    public void BadInputIsNamed()
    {
        Assert.That(() => Atlantic.Coverage([new(0, 0)], 300), Throws.ArgumentException.With.Message.Contains("at least two waypoints"));
        Assert.That(() => Atlantic.Coverage([new(0, 0), new(1, 1)], double.NaN), Throws.ArgumentException.With.Message.Contains("not finite"));
    }

    [Test]
    public void ARoutePlanCoverageHasTheFlownAndTheDirectRouteAndSaysEachOnce()
    {
        // GRU to MIA round SVZM: the detour and the direct great circle both leave the Atlantic grid south of the
        // equator, by different amounts.
        var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);
        var gru = AirportDirectory.Bundled["GRU"].Location; var mia = AirportDirectory.Bundled["MIA"].Location;
        var plan = planner.Plan(gru, mia);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour));
        var g = RouteWindGridCoverage.Of(Atlantic, plan, 350)!;
        Assert.That(g.Flown, Is.EqualTo(Atlantic.Coverage(plan.Waypoints, 350)));
        Assert.That(g.Direct, Is.EqualTo(Atlantic.Coverage([gru, mia], 350)));
        Assert.That(g.Flown.OutsideKm, Is.EqualTo(Brute(plan.Waypoints, InAtlantic).Km).Within(Brute(plan.Waypoints, InAtlantic).TolKm));
        Assert.That(g.Notes, Has.Count.EqualTo(2));
        Assert.That(g.Notes[0], Does.StartWith(string.Create(Inv, $"{g.Flown.OutsideKm:0} km of the flown route's ")));
        Assert.That(g.Notes[1], Does.StartWith(string.Create(Inv, $"{g.Direct.OutsideKm:0} km of the direct route's ")));
        // A direct route is said once; on the grid nothing is said.
        var direct = DetourPlanner.Build([]).Plan(gru, mia);
        Assert.That(RouteWindGridCoverage.Of(Atlantic, direct, 350)!.Notes, Has.Count.EqualTo(1));
        Assert.That(RouteWindGridCoverage.Of(Atlantic, DetourPlanner.Build([]).Plan(new(10, -60), new(20, -50)), 350)!.Notes, Is.Empty);
        // No grid (a uniform wind, still air), no plan or an unreachable one: nothing.
        Assert.That(RouteWindGridCoverage.Of(new UniformWindField(270, 50), plan, 350), Is.Null);
        Assert.That(RouteWindGridCoverage.Of(null, plan, 350), Is.Null);
        Assert.That(RouteWindGridCoverage.Of(Atlantic, null, 350), Is.Null);
        Assert.That(RouteWindGridCoverage.Of(Atlantic, plan with { Status = RouteStatus.Unreachable }, 350), Is.Null);
    }

    [Test]
    public void TheRouteCommandSaysWhatLayOutsideTheGrid()
    {
        var r = Run("route", "HEL", "JFK", "--type", "A359", "--wind", "caribbean-north-atlantic-january", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var perf = r.Json().GetProperty("performance");
        var grid = perf.GetProperty("windGrid");
        var hel = AirportDirectory.Bundled["HEL"].Location; var jfk = AirportDirectory.Bundled["JFK"].Location;
        var brute = Brute([hel, jfk], InAtlanticBundled);
        // Written to 0.1 km.
        Assert.That(grid.GetProperty("flownOutsideKm").GetDouble(), Is.EqualTo(brute.Km).Within(brute.TolKm + 0.05));
        Assert.That(grid.GetProperty("outside").GetString(), Is.EqualTo("edge"));
        var notes = perf.GetProperty("assumptions").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.That(notes, Has.One.Contains("of the flown route's").And.Contains("nearest edge"));
        Assert.That(notes, Has.None.Contains("of the direct route's"), "a direct route is said once");
        // Table and the realistic object say it too.
        var t = Run("route", "HEL", "JFK", "--type", "A359", "--wind", "caribbean-north-atlantic-january");
        Assert.That(t.Out, Does.Contain("wind grid: ").And.Contains("lies outside the wind grid"));
        var real = Run("route", "GRU", "MIA", "--closed", "SVZM", "--type", "A20N", "--wind", "caribbean-north-atlantic-january", "--realistic", "--format", "json").Json().GetProperty("realistic");
        Assert.That(real.GetProperty("windGrid").GetProperty("flownOutsideKm").GetDouble(), Is.GreaterThan(1000), "GRU lies 23 S, the grid starts at the equator");
        Assert.That(real.GetProperty("assumptions").GetArrayLength(), Is.EqualTo(2), "flown and direct differ round SVZM");
        // Without a grid nothing is added: no windGrid object, the same assumptions.
        var uniform = Run("route", "HEL", "JFK", "--type", "A359", "--wind", "270/50", "--format", "json").Json().GetProperty("performance");
        Assert.That(uniform.TryGetProperty("windGrid", out _), Is.False);
        Assert.That(uniform.GetProperty("assumptions").GetArrayLength(), Is.EqualTo(notes.Count - 1));
    }

    // The bundled Caribbean and North Atlantic field: 0..60 N, 100 W..10 E.
    private static bool InAtlanticBundled(GeoPoint p) => InAtlantic(p);

    [Test]
    public void WhatIfSaysHowManyRoutesLeftTheGrid()
    {
        const string scenario = """
        {"name": "g", "closures": [{"id": "SVZM", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}],
         "flights": [{"id": "G1", "from": "GRU", "to": "MIA", "departure": "2025-11-24T10:00Z", "type": "B38M", "airline": "GLO", "state": "BR"},
                     {"id": "C1", "from": "CUR", "to": "MIA", "departure": "2025-11-24T10:00Z", "type": "B38M", "airline": "KLM", "state": "NL"}],
         "realism": {"wind": "caribbean-north-atlantic-january"}}
        """;
        var s = ScenarioJson.Parse(scenario, "g.json");
        var result = new WhatIfSimulator(s, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();
        var line = result.Assumptions.Single(a => a.StartsWith("wind grid ", StringComparison.Ordinal));
        Assert.That(line, Does.StartWith("wind grid caribbean-north-atlantic-january: 1 of 2 flown routes leave it ("));
        Assert.That(line, Does.Contain("0 cruise outside its levels FL250..FL450"));
        var gru = result.Flights.Single(f => f.Flight.Id == "G1");
        double outside = GriddedWindField.Bundled("caribbean-north-atlantic-january").Coverage(gru.Waypoints, gru.CruiseFl!.Value).OutsideKm;
        Assert.That(line, Does.Contain(string.Create(Inv, $"({outside:0} km of ")));
        // Without a grid no line (the bundled scenarios' assumptions are unchanged).
        var plain = new WhatIfSimulator(ScenarioJson.Parse(scenario.Replace("caribbean-north-atlantic-january", "270/40"), "u.json"),
            new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();
        Assert.That(plain.Assumptions, Has.None.StartsWith("wind grid "));
        Assert.That(WhatIfSimulator.WindGridAssumptions(null, result.Flights), Is.Empty);
    }
}
