using System.Text.Json;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary><c>airspacesim route</c> on good input: JSON, table and GeoJSON output.</summary>
[TestFixture]
public class RouteCommandTests
{
    private static JsonElement RouteJson(params string[] args)
    {
        var r = Run(["route", .. args, "--format", "json"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Empty, r.ToString());
        Assert.That(r.OutLines, Has.Length.EqualTo(1), "one JSON object on one line\n" + r);
        var json = r.Json();
        Assert.That(json.ValueKind, Is.EqualTo(JsonValueKind.Object));
        return json;
    }

    private static void AssertEndsAreAirports(JsonElement route)
    {
        var wp = route.Waypoints();
        var from = route.GetProperty("from"); var to = route.GetProperty("to");
        Assert.That(wp[0].Lat, Is.EqualTo(from.GetProperty("lat").GetDouble()).Within(1e-6));
        Assert.That(wp[0].Lon, Is.EqualTo(from.GetProperty("lon").GetDouble()).Within(1e-6));
        Assert.That(wp[^1].Lat, Is.EqualTo(to.GetProperty("lat").GetDouble()).Within(1e-6));
        Assert.That(wp[^1].Lon, Is.EqualTo(to.GetProperty("lon").GetDouble()).Within(1e-6));
    }

    private static void AssertLegsConsistent(JsonElement route)
    {
        var wp = route.Waypoints(); var legs = route.Legs();
        Assert.That(legs, Has.Length.EqualTo(wp.Length - 1));
        Assert.That(legs.Sum(), Is.EqualTo(route.Km("routeKm")).Within(0.01));
        Assert.That(route.Km("extraKm"), Is.EqualTo(route.Km("routeKm") - route.Km("directKm")).Within(0.002));
        for (int i = 0; i < legs.Length; i++)
        {
            // WGS84 vs. sphere differ by well under 1 %.
            double sphere = global::AirspaceSim.Tests.Cli.RouteJson.SphereKm(wp[i].Lat, wp[i].Lon, wp[i + 1].Lat, wp[i + 1].Lon);
            Assert.That(legs[i], Is.EqualTo(sphere).Within(0.01 * sphere + 0.01), $"leg {i}");
        }
    }

    [Test]
    public void AmsCur_IsOneJsonDetourAroundSvzm()
    {
        var j = RouteJson("AMS", "CUR");
        Assert.That(j.GetProperty("from").GetProperty("code").GetString(), Is.EqualTo("AMS"));
        Assert.That(j.GetProperty("to").GetProperty("code").GetString(), Is.EqualTo("CUR"));
        Assert.That(j.Status(), Is.EqualTo("detour"));
        Assert.That(j.GetProperty("reason").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(j.Crossed(), Is.EqualTo(new[] { "SVZM" }));
        Assert.That(j.Waypoints(), Has.Length.GreaterThanOrEqualTo(3));
        AssertEndsAreAirports(j);
        Assert.That(j.Km("routeKm"), Is.GreaterThan(j.Km("directKm")));
        Assert.That(j.Km("directKm"), Is.EqualTo(7834).Within(20), "AMS-CUR is about 7834 km");
        Assert.That(j.Km("extraKm"), Is.GreaterThan(0).And.LessThan(100));
        Assert.That(j.Km("extraPercent"), Is.EqualTo(100 * j.Km("extraKm") / j.Km("directKm")).Within(0.001));
        AssertLegsConsistent(j);
        Assert.That(j.GetProperty("departsThroughBuffer").GetBoolean(), Is.False);
        Assert.That(j.GetProperty("arrivesThroughBuffer").GetBoolean(), Is.False);
        Assert.That(j.Km("bufferExcessBoundKm"), Is.Zero);
    }

    [Test]
    public void MiaAua_IsDirect()
    {
        var j = RouteJson("MIA", "AUA");
        Assert.That(j.Status(), Is.EqualTo("direct"));
        Assert.That(j.Crossed(), Is.Empty);
        Assert.That(j.Km("extraKm"), Is.Zero);
        Assert.That(j.Km("routeKm"), Is.EqualTo(j.Km("directKm")));
        Assert.That(j.Waypoints(), Has.Length.EqualTo(2));
        AssertEndsAreAirports(j);
        AssertLegsConsistent(j);
    }

    [Test]
    public void AmsCcs_IsUnreachableBecauseCaracasIsInsideSvzm()
    {
        var j = RouteJson("AMS", "CCS");
        Assert.That(j.Status(), Is.EqualTo("unreachable"));
        Assert.That(j.GetProperty("routeKm").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(j.GetProperty("extraKm").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(j.GetProperty("reason").GetString(), Does.Contain("SVZM"));
        Assert.That(j.Km("directKm"), Is.GreaterThan(7000));
        Assert.That(j.Waypoints(), Is.Empty);
    }

    [Test]
    public void ClosingSvzmAndTncf_MakesArubaUnreachable()
    {
        var j = RouteJson("AUA", "MIA", "--closed", "SVZM,TNCF");
        Assert.That(j.Status(), Is.EqualTo("unreachable"));
        Assert.That(j.GetProperty("reason").GetString(), Does.Contain("TNCF"));
        Assert.That(j.GetProperty("routeKm").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void ClosedMayBeRepeatedAndIsCaseInsensitive()
    {
        var j = RouteJson("AUA", "MIA", "--closed", "svzm", "--closed", "tncf");
        Assert.That(j.Status(), Is.EqualTo("unreachable"));
    }

    [Test]
    public void Buffer_LengthensTheDetourAndTheArrivalCrossesTheBand()
    {
        var plain = RouteJson("AMS", "CUR");
        var buffered = RouteJson("AMS", "CUR", "--buffer-nm", "25");
        Assert.That(buffered.Status(), Is.EqualTo("detour"));
        Assert.That(buffered.Km("routeKm"), Is.GreaterThan(plain.Km("routeKm") + 1));
        Assert.That(buffered.Km("directKm"), Is.EqualTo(plain.Km("directKm")));
        Assert.That(buffered.GetProperty("arrivesThroughBuffer").GetBoolean(), Is.True, "CUR is within 25 NM of SVZM");
        Assert.That(buffered.GetProperty("departsThroughBuffer").GetBoolean(), Is.False);
        Assert.That(buffered.Km("bufferExcessBoundKm"), Is.GreaterThanOrEqualTo(0).And.LessThan(1));
        AssertEndsAreAirports(buffered);
        AssertLegsConsistent(buffered);
    }

    [Test]
    public void CoordinatesAreAcceptedAsEnds()
    {
        var j = RouteJson("12.5,-70.02", "MIA");
        var from = j.GetProperty("from");
        Assert.That(from.GetProperty("lat").GetDouble(), Is.EqualTo(12.5));
        Assert.That(from.GetProperty("lon").GetDouble(), Is.EqualTo(-70.02));
        Assert.That(from.GetProperty("code").GetString(), Is.EqualTo("12.5,-70.02"));
        Assert.That(j.Status(), Is.EqualTo("direct"));
        var byCode = RouteJson("AUA", "MIA");
        Assert.That(j.Km("directKm"), Is.EqualTo(byCode.Km("directKm")).Within(2), "12.5,-70.02 is Aruba");
        AssertEndsAreAirports(j);
    }

    [Test]
    public void CoordinatesWithSpacesAndBothEnds()
    {
        var j = RouteJson(" 52.3086, 4.7639", "12.1889,-68.9598");
        Assert.That(j.Status(), Is.EqualTo("detour"));
        Assert.That(j.Km("routeKm"), Is.EqualTo(RouteJson("AMS", "CUR").Km("routeKm")).Within(0.01));
    }

    [Test]
    public void SameAirportTwice_IsAZeroLengthDirectRoute()
    {
        var j = RouteJson("AMS", "AMS");
        Assert.That(j.Status(), Is.EqualTo("direct"));
        Assert.That(j.Km("routeKm"), Is.Zero);
    }

    [Test]
    public void Table_HasTheKeyLines()
    {
        var r = Run("route", "AMS", "CUR");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Empty);
        var lines = r.OutLines;
        Assert.That(lines[0], Does.StartWith("Route").And.Contain("AMS").And.Contain("CUR").And.Contain("->"));
        Assert.That(lines, Has.Some.Match(@"^Closed\s+SVZM$"));
        Assert.That(lines, Has.Some.Match(@"^Status\s+detour$"));
        // 7838.3 km: GeographicLib's WGS84 distance (GeodSolve -i: 52.3086 4.7639 12.1889 -68.9598 -> 7838324.629 m).
        Assert.That(lines, Has.Some.Match(@"^Direct\s+7838\.3 km\s+crosses SVZM$"));
        Assert.That(lines, Has.Some.Match(@"^Route\s+78\d\d\.\d km\s+extra\s+\d+\.\d km \(\d+\.\d\d %\)$"));
        Assert.That(lines, Has.Some.EqualTo("Waypoints"));
        Assert.That(lines, Has.Some.Match(@"^\s+0\s+52\.30860\s+4\.76390$"));
        Assert.That(lines, Has.Some.Match(@"^\s+\d\s+12\.18890\s+-68\.95980\s+leg\s+\d+\.\d km$"));
    }

    [Test]
    public void Table_ShowsBufferAndUnreachableReason()
    {
        var b = Run("route", "AMS", "CUR", "--buffer-nm", "25");
        Assert.That(b.Exit, Is.EqualTo(0), b.ToString());
        Assert.That(b.OutLines, Has.Some.Match(@"^Closed\s+SVZM with a 25 NM buffer$"));
        Assert.That(b.OutLines, Has.Some.Contains("arrival crosses the buffer band"));

        var u = Run("route", "AMS", "CCS");
        Assert.That(u.Exit, Is.EqualTo(0), u.ToString());
        Assert.That(u.OutLines, Has.Some.Match(@"^Status\s+unreachable: .*SVZM"));
        Assert.That(u.OutLines, Has.None.StartsWith("Waypoints"));
    }

    // ---- GeoJSON ----

    private static JsonElement GeoJson(params string[] args)
    {
        var r = Run(["route", .. args, "--format", "geojson"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Empty, r.ToString());
        var g = r.Json();
        Assert.That(g.GetProperty("type").GetString(), Is.EqualTo("FeatureCollection"));
        return g;
    }

    private static JsonElement[] Features(JsonElement fc, string role) =>
        fc.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("properties").GetProperty("role").GetString() == role).ToArray();

    private static (double Lon, double Lat)[] Positions(JsonElement coords) =>
        coords.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();

    /// <summary>Consecutive points are close (densified great circles) and longitudes never jump by 360°.</summary>
    private static void AssertDensifiedAndContinuous((double Lon, double Lat)[] pts, string what)
    {
        Assert.That(pts, Has.Length.GreaterThanOrEqualTo(2), what);
        for (int i = 0; i + 1 < pts.Length; i++)
        {
            Assert.That(Math.Abs(pts[i + 1].Lon - pts[i].Lon), Is.LessThan(20), $"{what}: longitude jump at {i}");
            double km = global::AirspaceSim.Tests.Cli.RouteJson.SphereKm(pts[i].Lat, pts[i].Lon, pts[i + 1].Lat, pts[i + 1].Lon);
            Assert.That(km, Is.LessThan(60), $"{what}: segment {i} is {km:F1} km");
        }
    }

    [Test]
    public void GeoJson_HasClosedAreaDirectAndDetour()
    {
        var fc = GeoJson("AMS", "CUR");
        var closed = Features(fc, "closed");
        Assert.That(closed, Has.Length.EqualTo(1));
        Assert.That(closed[0].GetProperty("properties").GetProperty("id").GetString(), Is.EqualTo("SVZM"));
        var geom = closed[0].GetProperty("geometry");
        Assert.That(geom.GetProperty("type").GetString(), Is.EqualTo("MultiPolygon"));
        foreach (var polygon in geom.GetProperty("coordinates").EnumerateArray())
            foreach (var ring in polygon.EnumerateArray())
            {
                var pts = Positions(ring);
                Assert.That(pts[0], Is.EqualTo(pts[^1]), "rings are closed");
                AssertDensifiedAndContinuous(pts, "SVZM ring");
            }

        var direct = Features(fc, "direct").Single();
        var detour = Features(fc, "detour").Single();
        var routeJson = RouteJson("AMS", "CUR");
        foreach (var (f, km) in new[] { (direct, routeJson.Km("directKm")), (detour, routeJson.Km("routeKm")) })
        {
            var props = f.GetProperty("properties");
            Assert.That(props.GetProperty("from").GetString(), Is.EqualTo("AMS"));
            Assert.That(props.GetProperty("to").GetString(), Is.EqualTo("CUR"));
            Assert.That(props.GetProperty("km").GetDouble(), Is.EqualTo(km).Within(0.001));
            Assert.That(f.GetProperty("geometry").GetProperty("type").GetString(), Is.EqualTo("LineString"));
            var pts = Positions(f.GetProperty("geometry").GetProperty("coordinates"));
            AssertDensifiedAndContinuous(pts, props.GetProperty("role").GetString()!);
            Assert.That(pts[0].Lat, Is.EqualTo(52.3086).Within(1e-6));
            Assert.That(pts[0].Lon, Is.EqualTo(4.7639).Within(1e-6));
            Assert.That(pts[^1].Lat, Is.EqualTo(12.1889).Within(1e-6));
            Assert.That(pts[^1].Lon, Is.EqualTo(-68.9598).Within(1e-6));
            // The polyline's length matches the reported length (sphere vs. WGS84: within 0.5 %).
            double len = 0;
            for (int i = 0; i + 1 < pts.Length; i++) len += global::AirspaceSim.Tests.Cli.RouteJson.SphereKm(pts[i].Lat, pts[i].Lon, pts[i + 1].Lat, pts[i + 1].Lon);
            Assert.That(len, Is.EqualTo(km).Within(0.005 * km));
        }
        // The detour passes through the waypoints of the JSON output.
        var detourPts = Positions(detour.GetProperty("geometry").GetProperty("coordinates"));
        foreach (var (lat, lon) in routeJson.Waypoints())
            Assert.That(detourPts.Any(p => Math.Abs(p.Lat - lat) < 1e-6 && Math.Abs(p.Lon - lon) < 1e-6), $"waypoint {lat},{lon} on the detour line");
    }

    [Test]
    public void GeoJson_DirectRouteHasNoDetourLine()
    {
        var fc = GeoJson("MIA", "AUA");
        Assert.That(Features(fc, "direct"), Has.Length.EqualTo(1));
        Assert.That(Features(fc, "detour"), Is.Empty);
        Assert.That(Features(fc, "closed"), Has.Length.EqualTo(1));
    }

    [Test]
    public void GeoJson_ClosesEveryGivenAirspace()
    {
        var fc = GeoJson("AMS", "CUR", "--closed", "SVZM,TNCF");
        Assert.That(Features(fc, "closed").Select(f => f.GetProperty("properties").GetProperty("id").GetString()),
            Is.EquivalentTo(new[] { "SVZM", "TNCF" }));
    }

    [Test]
    public void GeoJson_LineAcrossTheAntimeridianIsCutAsRfc7946Says()
    {
        var fc = GeoJson("10,170", "20,-170");
        var geom = Features(fc, "direct").Single().GetProperty("geometry");
        Assert.That(geom.GetProperty("type").GetString(), Is.EqualTo("MultiLineString"));
        var parts = geom.GetProperty("coordinates").EnumerateArray().Select(Positions).ToArray();
        Assert.That(parts, Has.Length.EqualTo(2));
        foreach (var part in parts) AssertDensifiedAndContinuous(part, "part");
        Assert.That((parts[0][0].Lon, parts[0][^1].Lon, parts[1][0].Lon, parts[1][^1].Lon), Is.EqualTo((170.0, 180.0, -180.0, -170.0)));
        Assert.That(parts[1][0].Lat, Is.EqualTo(parts[0][^1].Lat), "both parts meet at one point of the antimeridian");
    }

    [Test]
    public void AirspacesFromVatSpy_ClosingTrinidadMakesPortOfSpainUnreachable()
    {
        var boundaries = ReferenceData.Require("vatspy/Boundaries.geojson");
        var r = Run("route", "AMS", "POS", "--airspaces", boundaries, "--closed", "SVZM,TNCF,TTZP", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        // Loading the big file reports left-out/repaired features, never as an error.
        Assert.That(r.Err, Does.Not.Contain("error"), r.ToString());
        var j = r.Json();
        Assert.That(j.Status(), Is.EqualTo("unreachable"));
        Assert.That(j.GetProperty("reason").GetString(), Does.Contain("TTZP"));
        Assert.That(j.Crossed(), Does.Contain("TTZP"));
    }
}
