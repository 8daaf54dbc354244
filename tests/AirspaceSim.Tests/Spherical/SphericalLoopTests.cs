using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Spherical;

public class SphericalLoopTests
{
    private static List<GeoPoint> Ring(params (double lat, double lon)[] pts) => pts.Select(p => new GeoPoint(p.lat, p.lon)).ToList();

    [Test]
    public void SmallLoopContainsItsInsideInEitherOrientation()
    {
        var ring = Ring((0, 0), (0, 10), (10, 10), (10, 0));
        foreach (var r in new[] { ring, Enumerable.Reverse(ring).ToList() })
        {
            var loop = SphericalLoop.FromPoints(r);
            Assert.That(loop.Contains(Vec3.FromLatLonDeg(5, 5)), Is.True);
            Assert.That(loop.Contains(Vec3.FromLatLonDeg(-5, 5)), Is.False);
            Assert.That(loop.Contains(Vec3.FromLatLonDeg(-5, -175)), Is.False, "antipode of the centre");
            Assert.That(loop.AreaSr, Is.GreaterThan(0).And.LessThan(0.04));
        }
    }

    [Test]
    public void LoopAroundPoleAndAcrossAntimeridian()
    {
        var loop = SphericalLoop.FromPoints(Ring((80, 170), (80, -110), (80, -10), (80, 60)));
        Assert.That(loop.Contains(Vec3.FromLatLonDeg(90, 0)), Is.True);
        Assert.That(loop.Contains(Vec3.FromLatLonDeg(-90, 0)), Is.False);
        Assert.That(loop.Contains(Vec3.FromLatLonDeg(70, 0)), Is.False);
        var anti = SphericalLoop.FromPoints(Ring((-10, 175), (-10, -175), (10, -175), (10, 175)));
        Assert.That(anti.Contains(Vec3.FromLatLonDeg(0, 180)), Is.True);
        Assert.That(anti.Contains(Vec3.FromLatLonDeg(0, 0)), Is.False);
    }

    [Test]
    public void ClockwiseVerticesWrapTheLargerRegion()
    {
        var small = SphericalLoop.FromPoints(Ring((0, 0), (0, 10), (10, 10), (10, 0)));
        var big = SphericalLoop.FromCcwVertices(small.Vertices.ToArray().Reverse());
        Assert.That(big.LeftIsSmall, Is.False);
        Assert.That(big.Contains(Vec3.FromLatLonDeg(5, 5)), Is.False);
        Assert.That(big.Contains(Vec3.FromLatLonDeg(-40, 100)), Is.True);
        Assert.That(big.Contains(Vec3.FromLatLonDeg(-5, -175)), Is.True);
    }
}
