using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using AirspaceSim.Tests.Airspaces;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests.Spherical;

/// <summary>Exact degeneracies: routes through vertices, along edges, across seams of multipolygons.</summary>
public class SphericalQueryDegeneracyTests
{
    private static readonly double Rad = Math.PI / 180;

    private static Airspace Make(Geometry g) => new("TEST", "test", AirspaceKind.Other, g);
    private static GeoPoint G(double lat, double lon) => new(lat, lon);
    private static double LonOf(GeoPoint p) => p.LonDeg;

    [Test]
    public void MultipolygonSplitAlongMeridianGivesOneInterval()
    {
        var west = TestAirspaces.Poly((-5, -10), (-5, 0), (5, 0), (5, -10));
        var east = TestAirspaces.Poly((-5, 0), (-5, 10), (5, 10), (5, 0));
        var a = Make(TestAirspaces.Factory.CreateMultiPolygon([west, east]));
        var whole = Make(TestAirspaces.Poly((-5, -10), (-5, 0), (-5, 10), (5, 10), (5, 0), (5, -10)));
        foreach (var (from, to) in new[] { (G(0, -20), G(0, 20)), (G(-3, -15), G(4, 15)), (G(1, 14), G(-2, -17)) })
        {
            var c = a.Cross(from, to);
            var w = whole.Cross(from, to);
            Assert.That(c.Intervals, Has.Count.EqualTo(1), $"{from}→{to}");
            Assert.That(w.Intervals, Has.Count.EqualTo(1));
            Assert.That(c.Intervals[0].EntryFraction, Is.EqualTo(w.Intervals[0].EntryFraction).Within(1e-12));
            Assert.That(c.Intervals[0].ExitFraction, Is.EqualTo(w.Intervals[0].ExitFraction).Within(1e-12));
            Assert.That(c.InsideKm, Is.EqualTo(w.InsideKm).Within(1e-6));
        }
        // The point on the seam is inside the union (exactly one part claims it).
        Assert.That(a.Contains(G(1, 0)), Is.True);
    }

    [Test]
    public void MultipolygonCutAtTheAntimeridianGivesOneInterval()
    {
        var west = TestAirspaces.Poly((-5, 170), (-5, 180), (5, 180), (5, 170));
        var east = TestAirspaces.Poly((-5, -180), (-5, -170), (5, -170), (5, -180));
        var a = Make(TestAirspaces.Factory.CreateMultiPolygon([west, east]));
        var c = a.Cross(G(1, 160), G(-1, -160));
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        Assert.That(LonOf(c.Intervals[0].Entry), Is.EqualTo(170).Within(1e-9));
        Assert.That(LonOf(c.Intervals[0].Exit), Is.EqualTo(-170).Within(1e-9));
        Assert.That(c.InsideKm, Is.EqualTo(Wgs84.DistanceM(c.Intervals[0].Entry, c.Intervals[0].Exit) / 1000).Within(1e-9));
    }

    [Test]
    public void RouteAlongTheSharedSeamIsInsideTheUnion()
    {
        var west = TestAirspaces.Poly((-5, -10), (-5, 0), (5, 0), (5, -10));
        var east = TestAirspaces.Poly((-5, 0), (-5, 10), (5, 10), (5, 0));
        var a = Make(TestAirspaces.Factory.CreateMultiPolygon([west, east]));
        var c = a.Cross(G(-20, 0), G(20, 0));
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        Assert.That(c.Intervals[0].Entry.LatDeg, Is.EqualTo(-5).Within(1e-9));
        Assert.That(c.Intervals[0].Exit.LatDeg, Is.EqualTo(5).Within(1e-9));
    }

    [Test]
    public void TwoHolesSharingAnEdgeDoNotSplitTheGap()
    {
        var shell = TestAirspaces.Ring((-10, -10), (-10, 10), (10, 10), (10, -10));
        var h1 = TestAirspaces.Ring((-5, -5), (-5, 0), (5, 0), (5, -5));
        var h2 = TestAirspaces.Ring((-5, 0), (-5, 5), (5, 5), (5, 0));
        var a = Make(TestAirspaces.Factory.CreatePolygon(shell, [h1, h2]));
        var c = a.Cross(G(0, -20), G(0, 20));
        Assert.That(c.Intervals, Has.Count.EqualTo(2));
        Assert.That(LonOf(c.Intervals[0].Entry), Is.EqualTo(-10).Within(1e-9));
        Assert.That(LonOf(c.Intervals[0].Exit), Is.EqualTo(-5).Within(1e-9));
        Assert.That(LonOf(c.Intervals[1].Entry), Is.EqualTo(5).Within(1e-9));
        Assert.That(LonOf(c.Intervals[1].Exit), Is.EqualTo(10).Within(1e-9));
        Assert.That(a.Contains(G(0, 0)), Is.False, "the shared hole edge is not inside");
        Assert.That(a.Contains(G(0, 7)), Is.True);
    }

    [Test]
    public void RouteThroughTwoVerticesEntersAndLeavesThere()
    {
        // Diamond with vertices exactly on the equator; the equatorial route passes through both.
        var a = Make(TestAirspaces.Poly((0, -3), (-3, 0), (0, 3), (3, 0)));
        var c = a.Cross(G(0, -10), G(0, 10));
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        Assert.That(Vec3.Angle(Vec3.FromGeo(c.Intervals[0].Entry), Vec3.FromLatLonDeg(0, -3)), Is.LessThan(1e-15));
        Assert.That(Vec3.Angle(Vec3.FromGeo(c.Intervals[0].Exit), Vec3.FromLatLonDeg(0, 3)), Is.LessThan(1e-15));
        Assert.That(c.Intervals[0].EntryFraction, Is.EqualTo(7.0 / 20).Within(1e-14));
        Assert.That(c.Intervals[0].ExitFraction, Is.EqualTo(13.0 / 20).Within(1e-14));
        var back = a.Cross(G(0, 10), G(0, -10));
        Assert.That(back.Intervals, Has.Count.EqualTo(1));
        Assert.That(back.InsideKm, Is.EqualTo(c.InsideKm).Within(1e-9));
    }

    [Test]
    public void TouchingAVertexFromOutsideIsNotEntering()
    {
        var a = Make(TestAirspaces.Poly((0, 0), (-5, 3), (-5, -3)));
        Assert.That(a.Cross(G(0, -10), G(0, 10)).Crosses, Is.False);
        Assert.That(a.Cross(G(0, 10), G(0, -10)).Crosses, Is.False);
    }

    [Test]
    public void TouchingAVertexFromInsideDoesNotSplit()
    {
        // A square with a notch whose apex touches the equator at (0, 0).
        var a = Make(TestAirspaces.Poly((-5, -10), (-5, -2), (0, 0), (-5, 2), (-5, 10), (5, 10), (5, -10)));
        var c = a.Cross(G(0, -20), G(0, 20));
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        Assert.That(LonOf(c.Intervals[0].Entry), Is.EqualTo(-10).Within(1e-9));
        Assert.That(LonOf(c.Intervals[0].Exit), Is.EqualTo(10).Within(1e-9));
    }

    [Test]
    public void RunningAlongAnEdgeIsNotEntering()
    {
        var a = Make(TestAirspaces.Poly((0, 0), (0, 5), (5, 5), (5, 0)));
        Assert.That(a.Cross(G(0, -10), G(0, 10)).Crosses, Is.False);
        Assert.That(a.Cross(G(0, 10), G(0, -10)).Crosses, Is.False);
        Assert.That(a.Cross(G(0, 1), G(0, 4)).Crosses, Is.False);
        Assert.That(a.Cross(G(0, 0), G(0, 5)).Crosses, Is.False);
        // Along the edge, then into the interior through the far vertex: only the interior stretch counts.
        var b = Make(TestAirspaces.Poly((0, 0), (0, 5), (3, 8), (5, 5), (5, 0)));
        var m = b.Cross(G(0, -3), G(0, 3));
        Assert.That(m.Crosses, Is.False);
    }

    [Test]
    public void RouteStartingOnAVertexHeadingInwardsStartsInside()
    {
        var a = Make(TestAirspaces.Poly((0, 0), (0, 5), (5, 5), (5, 0)));
        var inward = a.Cross(G(0, 0), G(10, 10));
        Assert.That(inward.Intervals, Has.Count.EqualTo(1));
        Assert.That(inward.Intervals[0].StartsInside, Is.True);
        Assert.That(inward.Intervals[0].Exit.LatDeg, Is.EqualTo(5).Within(0.05));
        Assert.That(a.Cross(G(0, 0), G(-10, -10)).Crosses, Is.False);
        // Ending on a vertex from inside: ends there.
        var ending = a.Cross(G(2, 2), G(5, 5));
        Assert.That(ending.Intervals, Has.Count.EqualTo(1));
        Assert.That(ending.Intervals[0].EndsInside && ending.Intervals[0].StartsInside, Is.True);
    }

    [Test]
    public void RouteFromAnEdgeInteriorIntoTheInterior()
    {
        var a = Make(TestAirspaces.Poly((0, 0), (0, 5), (5, 5), (5, 0)));
        var c = a.Cross(G(0, 2), G(10, 2));
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        Assert.That(c.Intervals[0].EntryFraction, Is.Zero);
        Assert.That(c.Intervals[0].Exit.LatDeg, Is.EqualTo(5).Within(0.01));
        Assert.That(a.Cross(G(0, 2), G(-10, 2)).Crosses, Is.False);
    }

    [Test]
    public void DistanceToBoundaryOfASquareMatchesClosedForms()
    {
        var a = Make(TestAirspaces.Poly((-5, -5), (-5, 5), (5, 5), (5, -5)));
        // (0,0) to the meridian edge lon = 5: exactly 5°.
        var d = a.Region.DistanceToBoundary(G(0, 0));
        Assert.That(d.Radians, Is.EqualTo(5 * Rad).Within(1e-14));
        // A point on the equator beyond the edge: its distance to the meridian edge is its longitude offset.
        Assert.That(a.Region.DistanceToBoundary(G(0, 8)).Radians, Is.EqualTo(3 * Rad).Within(1e-14));
        // Nearest to a corner from outside diagonally: the corner itself.
        var corner = a.Region.DistanceToBoundary(G(9, 9));
        Assert.That(corner.Nearest.ToGeo().LatDeg, Is.EqualTo(5).Within(1e-9));
        Assert.That(corner.Radians, Is.EqualTo(Vec3.Angle(Vec3.FromLatLonDeg(9, 9), Vec3.FromLatLonDeg(5, 5))).Within(1e-14));
        Assert.That(a.Region.DistanceToBoundary(G(5, 5)).Radians, Is.Zero);
    }
}
