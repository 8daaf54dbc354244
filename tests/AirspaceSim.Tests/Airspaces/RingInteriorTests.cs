using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>Which side of a ring is meant: the smaller (warned about when near half the sphere), or as the file says.</summary>
public class RingInteriorTests
{
    private static AirspaceLoadResult Parse(string coords, string? interior = null, AirspaceLoadOptions? options = null)
    {
        string props = interior is null ? """{"id":"R"}""" : $$"""{"id":"R","interior":{{interior}}}""";
        return AirspaceLoader.ParseGeoJson(
            $$$"""{"type":"Feature","properties":{{{props}}},"geometry":{"type":"Polygon","coordinates":{{{coords}}}}}""", options);
    }

    // A box 200° wide and 120° tall (corners at lat ±60), written counter-clockwise. With parallels for edges it would
    // cover 200/360 · sin 60° = 48.1 % of the sphere; its edges are great circles (100° long, bulging poleward), which
    // brings the box to 51.0 % and the outside to 49.0 %: the "smaller region" rule takes the outside.
    private const string WideBoxCcw = "[[[-100,-60],[0,-60],[100,-60],[100,60],[0,60],[-100,60],[-100,-60]]]";
    // The same box clockwise.
    private const string WideBoxCw = "[[[-100,-60],[-100,60],[0,60],[100,60],[100,-60],[0,-60],[-100,-60]]]";
    // A ring along the equator (four points, west to east): both sides are exactly half the sphere.
    private const string Equator = "[[[0,0],[90,0],[180,0],[-90,0],[0,0]]]";

    [Test]
    public void WideBoxIsTakenAsTheSmallerSideWithAWarning()
    {
        var r = Parse(WideBoxCcw, options: new AirspaceLoadOptions { FileName = "wide.geojson" });
        var w = r.Issues.Single();
        Assert.That((w.Kind, w.Repaired), Is.EqualTo((AirspaceIssueKind.Warning, true)));
        Assert.That(w.Message, Does.StartWith("wide.geojson: feature #0 'R'").And.Contain("ambiguous").And.Contain("49.0 %").And.Contain("51.0 %")
            .And.Contain("\"interior\": \"left\"").And.EndWith("(warning; feature kept)"));
        Assert.That(r.Catalog["R"].Region.Contains(new GeoPoint(5, 20)), Is.False);
        Assert.That(r.Catalog["R"].Region.Contains(new GeoPoint(5, 170)), Is.True);
    }

    [Test]
    public void EquatorIsAmbiguous_StrictModeRejectsIt()
    {
        Assert.That(Parse(Equator).Issues.Single().Reason, Does.Contain("50.0 % and 50.0 %"));
        var ex = Assert.Throws<AirspaceFormatException>(() => Parse(Equator, options: AirspaceLoadOptions.StrictDefault))!;
        Assert.That(ex.Message, Does.Contain("feature #0 'R'").And.Contain("ambiguous"));
    }

    [Test]
    public void InteriorLeftAndRightFollowTheWinding()
    {
        var north = new GeoPoint(45, 0); // inside: left of the equator run west to east
        foreach (var (coords, interior, inside) in new[]
                 {
                     (Equator, "\"left\"", true), (Equator, "\"ccw\"", true), (Equator, "\"right\"", false), (Equator, "\"cw\"", false),
                 })
        {
            var r = Parse(coords, interior);
            Assert.That(r.Issues, Is.Empty, interior);
            Assert.That(r.Catalog["R"].Region.Contains(north), Is.EqualTo(inside), interior);
            Assert.That(r.Catalog["R"].Region.Contains(new GeoPoint(-45, 0)), Is.EqualTo(!inside), interior);
        }
        // The larger side on request: the box itself (51 %), written counter-clockwise with "left" or clockwise with "right".
        foreach (var (coords, interior) in new[] { (WideBoxCcw, "\"left\""), (WideBoxCw, "\"right\"") })
        {
            var box = Parse(coords, interior).Catalog["R"].Region;
            Assert.That((box.Contains(new GeoPoint(5, 20)), box.Contains(new GeoPoint(-30, -30)), box.Contains(new GeoPoint(5, 170))),
                Is.EqualTo((true, true, false)), interior);
        }
        Assert.That(Parse(WideBoxCcw, "\"smaller\"").Issues.Single().Kind, Is.EqualTo(AirspaceIssueKind.Warning));
    }

    [Test]
    public void InteriorLeftTakesHolesAsClockwise()
    {
        // RFC 7946: outer ring counter-clockwise, hole clockwise; the inside is left of both.
        var r = Parse("[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]", "\"left\"");
        Assert.That(r.Issues, Is.Empty);
        var a = r.Catalog["R"].Region;
        Assert.That((a.Contains(new GeoPoint(3, 3)), a.Contains(new GeoPoint(1.5, 1.5)), a.Contains(new GeoPoint(10, 10))), Is.EqualTo((true, false, false)));
    }

    [Test]
    public void SmallRingsNeedNoInteriorAndBadValuesAreRejected()
    {
        Assert.That(Parse("[[[-70,10],[-70,12],[-68,12],[-68,10],[-70,10]]]").Issues, Is.Empty);
        var bad = Parse("[[[-70,10],[-68,10],[-68,12],[-70,10]]]", "\"inside\"");
        Assert.That(bad.Catalog.Count, Is.Zero);
        Assert.That(bad.Issues.Single().Reason, Does.Contain("\"interior\": \"inside\" is not one of").And.Contain("$.properties.interior"));
    }
}
