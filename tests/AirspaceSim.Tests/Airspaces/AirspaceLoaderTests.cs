using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests.Airspaces;

public class AirspaceLoaderTests
{
    private static string Feature(string coords, string id = "X", string type = "Polygon", string? props = null) =>
        $$$"""{"type":"Feature","properties":{{{props ?? $$"""{"id":"{{id}}"}"""}}},"geometry":{"type":"{{{type}}}","coordinates":{{{coords}}}}}""";

    private static string Collection(params string[] features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    private const string Square = "[[[-70,10],[-68,10],[-68,12],[-70,12],[-70,10]]]";

    [Test]
    public void BundledSvzmHas114VerticesAndTheRightAirports()
    {
        var svzm = AirspaceCatalog.Bundled["SVZM"];
        var shell = ((Polygon)svzm.Geometry).ExteriorRing;
        Assert.That(shell.NumPoints - 1, Is.EqualTo(114));
        Assert.That(svzm.Name, Is.EqualTo("Maiquetía FIR"));
        Assert.That(svzm.Kind, Is.EqualTo(AirspaceKind.Fir));
        Assert.That(svzm.Region.Contains(new GeoPoint(10.6012, -66.9912)), Is.True, "CCS");
        Assert.That(svzm.Region.Contains(new GeoPoint(10.5582, -71.7279)), Is.True, "MAR");
        foreach (var (code, lat, lon) in new[] { ("AUA", 12.5014, -70.0152), ("CUR", 12.1889, -68.9598), ("BON", 12.1310, -68.2685),
                     ("POS", 10.5954, -61.3372), ("BOG", 4.7016, -74.1469) })
            Assert.That(svzm.Region.Contains(new GeoPoint(lat, lon)), Is.False, code);
        Assert.That(svzm.CrossesAntimeridian, Is.False);
    }

    [Test]
    public void BundledCatalogIsCaseInsensitiveAndLoadsCleanly()
    {
        var c = AirspaceCatalog.Bundled;
        Assert.That(c.Ids, Is.EqualTo(AirspaceCatalog.World.Ids), "the world's FIRs, SVZM and TNCF among them");
        Assert.That(c.Issues, Is.EqualTo(AirspaceCatalog.World.Issues));
        Assert.That(c["TTZP"], Is.SameAs(AirspaceCatalog.World["TTZP"]), "other FIRs are VATSpy's");
        Assert.That(c["SVZM"], Is.Not.SameAs(AirspaceCatalog.World["SVZM"]), "SVZM is the project's own");
        Assert.That(c["svzm"].Id, Is.EqualTo("SVZM"));
        Assert.That(c.TryGet("tncf", out var tncf), Is.True);
        Assert.That(tncf!.Region.Contains(new GeoPoint(12.1889, -68.9598)), Is.True, "CUR is in Curaçao FIR");
        Assert.That(ReferenceEquals(c, AirspaceCatalog.Bundled), Is.True);
        foreach (var id in new[] { "SVZM", "TNCF" })
        {
            using var s = AirspaceSim.Data.BundledData.OpenAirspace(id);
            Assert.That(AirspaceLoader.LoadGeoJson(s).Issues, Is.Empty, id);
        }
    }

    [Test]
    public void IndexerListsCloseMatches()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => _ = AirspaceCatalog.Bundled["SVZN"])!;
        Assert.That(ex.Message, Does.Contain("SVZN").And.Contain("did you mean SVZM"));
        Assert.That(AirspaceCatalog.Bundled.TryGet("NOPE", out _), Is.False);
    }

    [Test]
    public void WithLetsLaterIdsWin()
    {
        var other = AirspaceLoader.ParseGeoJson(Collection(Feature(Square, "svzm"), Feature(Square, "ABCD"))).Catalog;
        var merged = AirspaceCatalog.Bundled.With(other);
        Assert.That(merged.Count, Is.EqualTo(AirspaceCatalog.Bundled.Count + 1));
        Assert.That(merged["SVZM"].Geometry.NumPoints, Is.EqualTo(5));
        Assert.That(merged.Ids, Does.Contain("ABCD").And.Contain("TNCF").And.Contain("svzm").And.Not.Contain("SVZM"));
        Assert.That(AirspaceCatalog.Bundled["SVZM"].Geometry.NumPoints, Is.EqualTo(115), "the original is unchanged");
    }

    [Test]
    public void NameAndKindComeFromProperties()
    {
        var r = AirspaceLoader.ParseGeoJson(Feature(Square, props: """{"ident":"R-1","name":"Range","type":"restricted"}"""),
            new AirspaceLoadOptions { IdProperty = "ident" });
        var a = r.Catalog["r-1"];
        Assert.That((a.Name, a.Kind), Is.EqualTo(("Range", AirspaceKind.Restricted)));
        var b = AirspaceLoader.ParseGeoJson(Feature(Square, "Q")).Catalog["Q"];
        Assert.That((b.Name, b.Kind), Is.EqualTo(("Q", AirspaceKind.Fir)));
    }

    [Test]
    public void UnclosedRingIsClosedAndReported()
    {
        var r = AirspaceLoader.ParseGeoJson(Feature("[[[-70,10],[-68,10],[-68,12],[-70,12]]]"), new AirspaceLoadOptions { FileName = "u.geojson" });
        Assert.That(r.Catalog.Count, Is.EqualTo(1));
        var ring = ((Polygon)r.Catalog["X"].Geometry).ExteriorRing;
        Assert.That(ring.IsClosed && ring.NumPoints == 5, Is.True);
        var issue = r.Issues.Single();
        Assert.That(issue.Repaired, Is.True);
        Assert.That(issue.Coordinate, Is.EqualTo("12,-70"));
        Assert.That(issue.Message, Does.Contain("u.geojson").And.Contain("feature #0 'X'").And.Contain("not closed"));
    }

    [Test]
    public void RepeatedPointsAndSpikesAreDropped()
    {
        var r = AirspaceLoader.ParseGeoJson(Feature("[[[-70,10],[-68,10],[-68,10],[-68,12],[-67,13],[-68,12],[-70,12],[-70,10]]]"));
        Assert.That(r.Catalog["X"].Geometry.NumPoints, Is.EqualTo(5));
        Assert.That(r.Issues.Select(i => i.Repaired), Is.All.True);
        Assert.That(r.Issues.Select(i => i.Reason), Has.Some.Contains("repeats 1 point").And.Some.Contains("zero-area spike to 13,-67"));
    }

    private static AirspaceLoadIssue SingleRejection(string json)
    {
        var r = AirspaceLoader.ParseGeoJson(json, new AirspaceLoadOptions { FileName = "bad.geojson" });
        Assert.That(r.Catalog.Count, Is.Zero);
        var issue = r.Issues.Single(i => !i.Repaired);
        Assert.That(issue.Message, Does.StartWith("bad.geojson: feature #0"));
        return issue;
    }

    [Test]
    public void FewerThanThreeDistinctPoints()
    {
        var i = SingleRejection(Feature("[[[-70,10],[-68,10],[-70,10],[-70,10]]]"));
        Assert.That(i.Reason, Does.Contain("outer ring has 2 distinct point(s); a ring needs at least three"));
    }

    [Test]
    public void LatitudeOutOfRange()
    {
        var i = SingleRejection(Feature("[[[-70,10],[-68,95],[-68,12],[-70,10]]]"));
        Assert.That(i.Reason, Does.Contain("latitude 95 is outside [-90, 90]").And.Contain("$.geometry.coordinates[0][1]"));
        Assert.That(i.Coordinate, Is.EqualTo("95,-68"));
    }

    [Test]
    public void LongitudeOutOfRangeUnlessContinuous()
    {
        var i = SingleRejection(Feature("[[[-70,10],[200,10],[-68,12],[-70,10]]]"));
        Assert.That(i.Reason, Does.Contain("longitude 200 is outside [-180, 180]"));
    }

    [TestCase("\"NaN\"")]
    [TestCase("\"abc\"")]
    [TestCase("null")]
    public void NonNumericCoordinate(string bad)
    {
        var i = SingleRejection(Feature($"[[[-70,10],[{bad},10],[-68,12],[-70,10]]]"));
        Assert.That(i.Reason, Does.Contain("is not numeric").And.Contain("coordinates[0][1]"));
    }

    [Test]
    public void SelfIntersectingBowtie()
    {
        var i = SingleRejection(Feature("[[[-70,10],[-68,12],[-68,10],[-70,12],[-70,10]]]"));
        Assert.That(i.Reason, Does.Contain("outer ring crosses itself near").And.Contain("along great circles"));
        var p = GeoPoint.Parse(i.Coordinate!);
        Assert.That(p.LatDeg, Is.EqualTo(11).Within(0.01));
        Assert.That(p.LonDeg, Is.EqualTo(-69).Within(0.01));
    }

    [Test]
    public void RingTouchingItself()
    {
        var i = SingleRejection(Feature("[[[0,0],[2,0],[1,1],[2,2],[0,2],[1,1],[0,0]]]"));
        Assert.That(i.Reason, Does.Contain("touches itself"));
    }

    [Test]
    public void HoleCrossingTheShell()
    {
        var i = SingleRejection(Feature("[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[5,1],[5,2],[1,2],[1,1]]]"));
        Assert.That(i.Reason, Does.Contain("outer ring crosses hole 1"));
    }

    [Test]
    public void HoleIsKept()
    {
        var a = AirspaceLoader.ParseGeoJson(Feature("[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]")).Catalog["X"];
        Assert.That(a.Region.Contains(new GeoPoint(3, 3)), Is.True);
        Assert.That(a.Region.Contains(new GeoPoint(1.5, 1.5)), Is.False);
    }

    [Test]
    public void NotJsonNamesTheFileAndPath()
    {
        var ex = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson("{\"type\": \"Feature\", oops", new AirspaceLoadOptions { FileName = "x.geojson" }))!;
        Assert.That(ex.Message, Does.StartWith("x.geojson: not valid JSON at $"));
        Assert.That(ex.FileName, Is.EqualTo("x.geojson"));
        var ex2 = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson("""{"type":"FeatureCollection","features":{}}"""))!;
        Assert.That(ex2.Message, Does.Contain("\"features\" array").And.Contain("$.features"));
        Assert.That(ex2.JsonPath, Is.EqualTo("$.features"));
        var ex3 = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson("[1,2]"))!;
        Assert.That(ex3.Message, Does.Contain("expected a GeoJSON object"));
    }

    [Test]
    public void NotJsonFromAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"airspacesim-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, "id,name\nSVZM,x\n");
        try
        {
            var ex = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.LoadGeoJson(path))!;
            Assert.That(ex.Message, Does.StartWith(path + ": not valid JSON"));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void WrongGeometryType()
    {
        var i = SingleRejection(Feature("[[-70,10],[-68,10]]", type: "LineString"));
        Assert.That(i.Reason, Does.Contain("geometry type LineString is not supported").And.Contain("$.geometry.type"));
    }

    [Test]
    public void MissingIdProperty()
    {
        var i = SingleRejection(Feature(Square, props: """{"name":"nameless"}"""));
        Assert.That(i.Reason, Does.Contain("no \"id\" property"));
        Assert.That(i.FeatureId, Is.EqualTo("#0"));
    }

    [Test]
    public void TopLevelFeatureIdIsUsedWhenThePropertyIsAbsent()
    {
        string F(string idMember, string props) =>
            $$$"""{"type":"Feature",{{{idMember}}}"properties":{{{props}}},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}}""";
        var r = AirspaceLoader.ParseGeoJson(Collection(
            F("\"id\":\"TOP\",", """{"name":"string id"}"""),
            F("\"id\":42,", "{}"),
            F("\"id\":\"IGNORED\",", """{"id":"PROP"}"""),      // the property wins over the member
            F("\"id\":\"NOPROPS\",", "null")));
        Assert.That(r.Issues, Is.Empty);
        Assert.That(r.Catalog.Ids, Is.EqualTo(new[] { "42", "NOPROPS", "PROP", "TOP" }));
        Assert.That(r.Catalog["TOP"].Name, Is.EqualTo("string id"));
        var none = SingleRejection(F("", "{}"));
        Assert.That(none.Reason, Does.Contain("no \"id\" property and no top-level \"id\""));
    }

    [Test]
    public void OneBadFeatureDoesNotLoseTheOthers()
    {
        var r = AirspaceLoader.ParseGeoJson(Collection(Feature(Square, "A"), Feature("[[[-70,10],[-68,95],[-68,12],[-70,10]]]", "B"), Feature(Square, "C")));
        Assert.That(r.Catalog.Ids, Is.EqualTo(new[] { "A", "C" }));
        Assert.That(r.Issues.Single().FeatureId, Is.EqualTo("B"));
        Assert.That(r.Issues.Single().FeatureIndex, Is.EqualTo(1));
    }

    [Test]
    public void BothOrientationsGiveTheSameRegion()
    {
        var ccw = AirspaceLoader.ParseGeoJson(Feature(Square)).Catalog["X"];
        var cw = AirspaceLoader.ParseGeoJson(Feature("[[[-70,10],[-70,12],[-68,12],[-68,10],[-70,10]]]")).Catalog["X"];
        Assert.That(cw.Region.Polygons[0].Shell.AreaSr, Is.EqualTo(ccw.Region.Polygons[0].Shell.AreaSr).Within(1e-15));
        Assert.That(cw.Region.Polygons[0].Shell.AreaSr, Is.Positive.And.LessThan(0.01));
        foreach (var p in new[] { new GeoPoint(11, -69), new GeoPoint(9, -69), new GeoPoint(-11, 111), new GeoPoint(11.99, -68.01) })
            Assert.That(cw.Region.Contains(p), Is.EqualTo(ccw.Region.Contains(p)), p.ToString());
        Assert.That(cw.Region.Contains(new GeoPoint(11, -69)), Is.True);
    }

    [Test]
    public void StrictModeThrowsOnTheFirstProblem()
    {
        var json = Collection(Feature(Square, "A"), Feature("[[[-70,10],[-68,95],[-68,12],[-70,10]]]", "B"));
        var ex = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson(json, new AirspaceLoadOptions { Strict = true, FileName = "s.geojson" }))!;
        Assert.That((ex.FeatureId, ex.FeatureIndex, ex.Coordinate, ex.FileName), Is.EqualTo(("B", 1, "95,-68", "s.geojson")));
        Assert.That(ex.Message, Does.Contain("latitude 95"));
        // Even a repairable problem throws in strict mode.
        var ex2 = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson(Feature("[[[-70,10],[-68,10],[-68,12],[-70,12]]]"), AirspaceLoadOptions.StrictDefault))!;
        Assert.That(ex2.Message, Does.Contain("not closed"));
    }

    [Test]
    public void WktIsReadAndValidatedStrictly()
    {
        var a = AirspaceLoader.LoadWkt("POLYGON ((-70 10, -68 10, -68 12, -70 12, -70 10))", "W", "Wkt box");
        Assert.That(a.Region.Contains(new GeoPoint(11, -69)), Is.True);
        Assert.That(a.Name, Is.EqualTo("Wkt box"));
        var ex = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.LoadWkt("POLYGON ((-70 10, -68 12, -68 10, -70 12, -70 10))", "B"))!;
        Assert.That(ex.Message, Does.Contain("crosses itself"));
        Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.LoadWkt("POLYGON ((-70 10, -68 12", "B"));
        Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.LoadWkt("LINESTRING (0 0, 1 1)", "B"));
    }

    [Test]
    public void ParsePolygonStrictAcceptsLatLonListsGeoJsonAndWkt()
    {
        var a = AirspaceLoader.ParsePolygonStrict("10,-70; 10,-68; 12,-68; 12,-70", "CLOSE");
        Assert.That(a.Region.Contains(new GeoPoint(11, -69)), Is.True);
        var b = AirspaceLoader.ParsePolygonStrict("""{"type":"Polygon","coordinates":[[[-70,10],[-68,10],[-68,12],[-70,12],[-70,10]]]}""", "G");
        Assert.That(b.Region.Contains(new GeoPoint(11, -69)), Is.True);
        var c = AirspaceLoader.ParsePolygonStrict("POLYGON ((-70 10, -68 10, -68 12, -70 12, -70 10))", "W");
        Assert.That(c.Region.Contains(new GeoPoint(11, -69)), Is.True);
        var ex = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParsePolygonStrict("10,-70; 12,-68; 10,-68; 12,-70", "BOW"))!;
        Assert.That(ex.Message, Does.Contain("crosses itself"));
        Assert.That(ex.FeatureId, Is.EqualTo("BOW"));
        Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParsePolygonStrict("10,-70; 95,-68; 12,-68", "LAT"));
        Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParsePolygonStrict("10,-70; x,-68; 12,-68", "TXT"));
    }
}
