using System.Text;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.IO;
using AirspaceSim.Spherical;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>RFC 7946 output: longitudes in range, right-hand winding, antimeridian cuts, and a round trip through the loader.</summary>
public class GeoJsonOutputTests
{
    // A FIR across the antimeridian (170°E to 170°W, 10°S to 10°N) with a hole around 179°E-179°W, 2°S-2°N.
    private const string PacificFir = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"PACX","name":"Pacific test FIR"},
         "geometry":{"type":"Polygon","coordinates":[[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]],
                                                    [[179,-2],[179,2],[-179,2],[-179,-2],[179,-2]]]}}]}
        """;

    private static string FeatureOf(Airspace a)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("properties"); w.WriteString("id", a.Id); GeoJsonGeometry.WriteInteriorProperty(w, a.Region); w.WriteEndObject();
            w.WritePropertyName("geometry");
            GeoJsonGeometry.WriteMultiPolygon(w, a.Region);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Planar signed area (shoelace) in lon/lat: positive for counter-clockwise.</summary>
    private static double SignedArea(JsonElement ring)
    {
        var p = ring.EnumerateArray().Select(c => (X: c[0].GetDouble(), Y: c[1].GetDouble())).ToArray();
        double s = 0;
        for (int i = 0; i + 1 < p.Length; i++) s += p[i].X * p[i + 1].Y - p[i + 1].X * p[i].Y;
        return s / 2;
    }

    private static void AssertRfc7946MultiPolygon(JsonElement geom, int parts)
    {
        Assert.That(geom.GetProperty("type").GetString(), Is.EqualTo("MultiPolygon"));
        var polys = geom.GetProperty("coordinates").EnumerateArray().ToArray();
        Assert.That(polys, Has.Length.EqualTo(parts));
        foreach (var poly in polys)
        {
            var rings = poly.EnumerateArray().ToArray();
            for (int r = 0; r < rings.Length; r++)
            {
                var pts = rings[r].EnumerateArray().ToArray();
                Assert.That(pts[0].GetRawText(), Is.EqualTo(pts[^1].GetRawText()), "closed");
                foreach (var c in pts) Assert.That(Math.Abs(c[0].GetDouble()), Is.LessThanOrEqualTo(180));
                Assert.That(SignedArea(rings[r]), r == 0 ? Is.Positive : Is.Negative, r == 0 ? "outer ring counter-clockwise" : "hole clockwise");
            }
        }
    }

    /// <summary>Same containment on a grid over the airspace's neighbourhood (points on the boundary are vanishingly unlikely).</summary>
    private static void AssertSameRegion(SphericalRegion expected, SphericalRegion actual, double lat0, double lat1, double lon0, double spanDeg)
    {
        int inside = 0;
        for (double lat = lat0; lat <= lat1; lat += 0.37)
            for (double dl = 0; dl <= spanDeg; dl += 0.41)
            {
                var p = new GeoPoint(lat, GeoPoint.NormalizeLonDeg(lon0 + dl));
                bool e = expected.Contains(p);
                Assert.That(actual.Contains(p), Is.EqualTo(e), p.ToString());
                if (e) inside++;
            }
        Assert.That(inside, Is.GreaterThan(100), "the grid reaches inside");
    }

    /// <summary>
    /// Regions the reader's default rule would flip or call ambiguous — the complement of a 10° square (larger than a
    /// hemisphere) and a 200° × 120° box (its sides 42 % and 58 % of the sphere) — carry <c>"interior": "left"</c> and
    /// read back, without a warning, as the same region on a global grid; a small region carries no such property.
    /// </summary>
    [Test]
    public void RegionsAmbiguousForTheReaderCarryInteriorAndRoundTrip()
    {
        var square = SphericalLoop.FromPoints([new GeoPoint(0, 0), new GeoPoint(0, 10), new GeoPoint(10, 10), new GeoPoint(10, 0)]);
        var complement = SphericalLoop.FromCcwVertices(square.Vertices.ToArray().Reverse());
        (double, double)[] box = [(-60, -100), (-60, 0), (-60, 100), (60, 100), (60, 0), (60, -100)];
        var boxLoop = SphericalLoop.FromCcwVertices(box.Select(p => Vec3.FromLatLonDeg(p.Item1, p.Item2)));
        var bigBox = boxLoop.LeftIsSmall ? SphericalLoop.FromCcwVertices(boxLoop.Vertices.ToArray().Reverse()) : boxLoop;
        var cases = new[] { ("BIG", complement, true), ("BOX", boxLoop, true), ("BIGBOX", bigBox, true), ("SQ", square, false) };
        foreach (var (id, loop, needs) in cases)
        {
            var region = new SphericalRegion([new SphericalPolygon(loop, [])]);
            var a = new Airspace(id, id, AirspaceKind.Other, TestAirspaces.Factory.CreatePolygon(), region);
            string json = FeatureOf(a);
            Assert.That(json.Contains("\"interior\":\"left\"", StringComparison.Ordinal), Is.EqualTo(needs), $"{id}: {json[..Math.Min(200, json.Length)]}");
            var back = AirspaceLoader.ParseGeoJson(json);
            Assert.That(back.Issues, Is.Empty, id);
            var r = back.Catalog[id].Region;
            var rng = new Random(5);
            for (int i = 0; i < 400; i++)
            {
                var p = new GeoPoint(Math.Asin(2 * rng.NextDouble() - 1) * 180 / Math.PI, 360 * rng.NextDouble() - 180);
                Assert.That(r.Contains(p), Is.EqualTo(region.Contains(p)), $"{id}: {p}");
            }
        }
    }

    [Test]
    public void AntimeridianFirIsCutIntoTwoCounterClockwisePartsAndReadsBackAsTheSameRegion()
    {
        var fir = AirspaceLoader.ParseGeoJson(PacificFir).Catalog["PACX"];
        var json = FeatureOf(fir);
        using var doc = JsonDocument.Parse(json);
        AssertRfc7946MultiPolygon(doc.RootElement.GetProperty("geometry"), parts: 2);
        var back = AirspaceLoader.ParseGeoJson(json);
        Assert.That(back.Issues, Is.Empty);
        AssertSameRegion(fir.Region, back.Catalog["PACX"].Region, -12, 12, 165, 30);
        Assert.That(back.Catalog["PACX"].Region.Contains(new GeoPoint(0, 180)), Is.False, "in the hole");
        Assert.That(back.Catalog["PACX"].Region.Contains(new GeoPoint(5, 180)), Is.True);
    }

    [Test]
    public void VatSpyAntimeridianFirsRoundTrip()
    {
        var catalog = VatSpyTests.Load().Catalog;
        foreach (var (id, lat0, lat1, lon0, span) in new[] { ("NFFF", -30.0, 5.0, 160.0, 40.0), ("PAZA", 45.0, 75.0, 160.0, 60.0) })
        {
            var a = catalog[id];
            var json = FeatureOf(a);
            using var doc = JsonDocument.Parse(json);
            var geom = doc.RootElement.GetProperty("geometry");
            foreach (var poly in geom.GetProperty("coordinates").EnumerateArray())
                foreach (var ring in poly.EnumerateArray())
                    foreach (var c in ring.EnumerateArray()) Assert.That(Math.Abs(c[0].GetDouble()), Is.LessThanOrEqualTo(180), id);
            var back = AirspaceLoader.ParseGeoJson(json);
            Assert.That(back.Issues.Where(i => !i.Repaired), Is.Empty, id);
            AssertSameRegion(a.Region, back.Catalog[id].Region, lat0, lat1, lon0, span);
        }
    }

    [Test]
    public void PacificRouteAroundAClosureIsWrittenInRangeAndCut()
    {
        using var tmp = CliRunner.NewTempDir();
        var fir = tmp.Write("pacx.geojson", PacificFir);
        // Auckland to Honolulu crosses the antimeridian; PACX (170°E-170°W, 10°S-10°N) lies across its path.
        var r = CliRunner.Run("route", "-37.0082,174.7850", "21.3187,-157.9225", "--airspaces", fir, "--closed", "PACX", "--format", "geojson");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        using var doc = JsonDocument.Parse(r.Out);
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
        string Role(JsonElement f) => f.GetProperty("properties").GetProperty("role").GetString()!;
        AssertRfc7946MultiPolygon(features.Single(f => Role(f) == "closed").GetProperty("geometry"), parts: 2);
        foreach (var role in new[] { "direct", "detour" })
        {
            var g = features.Single(f => Role(f) == role).GetProperty("geometry");
            Assert.That(g.GetProperty("type").GetString(), Is.EqualTo("MultiLineString"), role);
            var parts = g.GetProperty("coordinates").EnumerateArray().ToArray();
            Assert.That(parts, Has.Length.EqualTo(2), role);
            foreach (var part in parts)
                foreach (var c in part.EnumerateArray()) Assert.That(Math.Abs(c[0].GetDouble()), Is.LessThanOrEqualTo(180), role);
            var end0 = parts[0].EnumerateArray().Last(); var start1 = parts[1].EnumerateArray().First();
            Assert.That((end0[0].GetDouble(), start1[0].GetDouble()), Is.EqualTo((180.0, -180.0)), role);
            Assert.That(start1[1].GetDouble(), Is.EqualTo(end0[1].GetDouble()), role);
        }
        // The closed area read back closes the same airspace: the same detour.
        var closedOnly = tmp.Write("closed.geojson", $$"""{"type":"FeatureCollection","features":[{{features.Single(f => Role(f) == "closed").GetRawText()}}]}""");
        var again = CliRunner.Run("route", "-37.0082,174.7850", "21.3187,-157.9225", "--airspaces", closedOnly, "--closed", "PACX", "--format", "json");
        var first = CliRunner.Run("route", "-37.0082,174.7850", "21.3187,-157.9225", "--airspaces", fir, "--closed", "PACX", "--format", "json");
        Assert.That(again.Exit, Is.EqualTo(0), again.ToString());
        Assert.That(again.Json().GetProperty("routeKm").GetDouble(), Is.EqualTo(first.Json().GetProperty("routeKm").GetDouble()).Within(0.01));
    }
}
