using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;
using AirspaceSim.Spherical;
using AirspaceSim.Weather;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Realism;

/// <summary>
/// A route that leaves a wind grid is timed in the wind of the grid's nearest edge (issue 8): the results say how much
/// of the route that was (route JSON <c>windGrid</c> and assumptions, the table, what-if assumptions). The distance
/// outside is checked against a brute force independent of the code: 20,000 points along each leg by the spherical
/// interpolation of <see cref="Sphere.Intermediate(GeoPoint, GeoPoint, double)"/>, tested against the grid's extent
/// directly, each standing for its share of the leg's WGS84 length.
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

    // The brute force: is a point on the grid (lat within, lon within the span written west..east going east)?
    private static double BruteOutsideKm(IReadOnlyList<GeoPoint> route, Func<GeoPoint, bool> inside)
    {
        const int n = 20_000;
        double km = 0;
        for (int i = 0; i + 1 < route.Count; i++)
        {
            double legKm = Wgs84.DistanceM(route[i], route[i + 1]) / 1000;
            int outside = 0;
            for (int k = 0; k < n; k++)
                if (!inside(Sphere.Intermediate(route[i], route[i + 1], (k + 0.5) / n))) outside++;
            km += legKm * outside / n;
        }
        return km;
    }

    private static readonly GriddedWindField Atlantic = Grid(0, 60, [-100, -45, 10]);
    private static bool InAtlantic(GeoPoint p) => p.LatDeg is >= 0 and <= 60 && p.LonDeg is >= -100 and <= 10;

    [Test]
    public void AMeridianLegOutsideBelowTheEquatorIsTheMeridianArcThere()
    {
        // Along the meridian 50 W from 20 S to 40 N: outside exactly from 20 S to the equator, a WGS84 meridian arc.
        GeoPoint a = new(-20, -50), b = new(40, -50);
        var c = Atlantic.Coverage([a, b], 350);
        double expected = Wgs84.DistanceM(a, new GeoPoint(0, -50)) / 1000;
        Assert.That(c.RouteKm, Is.EqualTo(Wgs84.DistanceM(a, b) / 1000).Within(1e-9));
        Assert.That(c.OutsideKm, Is.EqualTo(expected).Within(5), "one 5 km step per crossing of the edge");
        Assert.That(c.OutsideFraction, Is.EqualTo(expected / c.RouteKm).Within(0.001));
        Assert.That(c.LevelOutside, Is.False);
        Assert.That(c.Note("the flown route"), Does.Contain("lies outside the wind grid, where the wind of the grid's nearest edge was used"));
    }

    [TestCase(55.0, -90.0, 55.0, 0.0, TestName = "both ends inside, the great circle's vertex above the north edge")]
    [TestCase(10.0, -60.0, 50.0, -5.0, TestName = "wholly inside")]
    [TestCase(-23.4, -46.5, 25.8, -80.3, TestName = "GRU to MIA, leaving across the equator")]
    [TestCase(52.3, 4.8, 40.6, -73.8, TestName = "AMS to JFK, along the north edge")]
    [TestCase(60.3, 24.9, 40.6, -73.8, TestName = "HEL to JFK, from outside in the east and north")]
    [TestCase(30.0, -120.0, 30.0, 20.0, TestName = "through the grid from west to east")]
    public void TheDistanceOutsideAgreesWithABruteForce(double lat1, double lon1, double lat2, double lon2)
    {
        GeoPoint a = new(lat1, lon1), b = new(lat2, lon2);
        var mid = Sphere.Intermediate(a, b, 0.5);
        // Two legs: the route's waypoints are each checked, not only its ends.
        GeoPoint[] route = [a, mid, b];
        double brute = BruteOutsideKm(route, InAtlantic);
        var c = Atlantic.Coverage(route, 350);
        TestContext.Out.WriteLine(string.Create(Inv, $"outside {c.OutsideKm:F1} km, brute force {brute:F1} km of {c.RouteKm:F0} km"));
        Assert.That(c.OutsideKm, Is.EqualTo(brute).Within(12), "5 km per crossing, a few crossings, and the brute force's own steps");
        if (brute == 0) Assert.That(c.OutsideKm, Is.Zero);
        if (brute > 20) Assert.That(c.OutsideKm, Is.GreaterThan(0));
    }

    [Test]
    public void AGridAcrossTheAntimeridianHasItsOutsideInItsGap()
    {
        // 170 E to 170 W: the gap is everything west of 170 E and east of 170 W.
        var pacific = Grid(0, 50, [170, 180, -170]);
        static bool In(GeoPoint p) => p.LatDeg is >= 0 and <= 50 && (p.LonDeg >= 170 || p.LonDeg <= -170);
        GeoPoint[] route = [new(20, 160), new(30, -160)];
        double brute = BruteOutsideKm(route, In);
        var c = pacific.Coverage(route, 350);
        Assert.That(brute, Is.GreaterThan(500));
        Assert.That(c.OutsideKm, Is.EqualTo(brute).Within(12));
        // Wholly inside, across ±180.
        Assert.That(pacific.Coverage([new(20, 172), new(30, -172)], 350).OutsideKm, Is.Zero);
    }

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
    public void TheRouteCommandSaysWhatLayOutsideTheGrid()
    {
        var r = Run("route", "HEL", "JFK", "--type", "A359", "--wind", "caribbean-north-atlantic-january", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var perf = r.Json().GetProperty("performance");
        var grid = perf.GetProperty("windGrid");
        var hel = AirportDirectory.Bundled["HEL"].Location; var jfk = AirportDirectory.Bundled["JFK"].Location;
        double brute = BruteOutsideKm([hel, jfk], InAtlanticBundled);
        Assert.That(grid.GetProperty("flownOutsideKm").GetDouble(), Is.EqualTo(brute).Within(12));
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
