using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Spherical;

public class PredicatesTests
{
    private static Vec3 P(double lat, double lon) => Vec3.FromLatLonDeg(lat, lon);

    [Test]
    public void SignIsPositiveForCounterClockwiseTriangle()
    {
        Assert.That(Predicates.Sign(P(0, 0), P(0, 10), P(10, 5)), Is.EqualTo(1));
        Assert.That(Predicates.Sign(P(0, 10), P(0, 0), P(10, 5)), Is.EqualTo(-1));
    }

    [Test]
    public void RepeatedPointsGiveZero() => Assert.That(Predicates.Sign(P(1, 2), P(1, 2), P(3, 4)), Is.Zero);

    [Test]
    public void ExactlyCollinearPointsGetAConsistentNonZeroSign()
    {
        // Three points on the equator: exactly collinear; symbolic perturbation must decide, and antisymmetrically.
        var a = new Vec3(1, 0, 0); var b = new Vec3(0, 1, 0); var c = new Vec3(-1, 0, 0);
        int s = Predicates.Sign(a, b, c);
        Assert.That(s, Is.Not.Zero);
        Assert.That(Predicates.Sign(b, a, c), Is.EqualTo(-s));
        Assert.That(Predicates.Sign(b, c, a), Is.EqualTo(s));
        Assert.That(Predicates.Sign(c, a, b), Is.EqualTo(s));
    }

    [Test]
    public void NearlyCollinearPointsAreDecidedExactly()
    {
        // c sits a few ulps off the great circle through a and b; the fast determinant cannot see it.
        var a = new Vec3(1, 0, 0); var b = new Vec3(0, 1, 0);
        var c = new Vec3(Math.Sqrt(0.5), Math.Sqrt(0.5), 1e-300);
        Assert.That(Predicates.Sign(a, b, c), Is.EqualTo(1));
        Assert.That(Predicates.Sign(a, b, new Vec3(c.X, c.Y, -1e-300)), Is.EqualTo(-1));
    }

    [Test]
    public void CrossingSignDetectsProperCrossingAndIgnoresAntipodalIntersection()
    {
        Assert.That(Predicates.CrossingSign(P(-5, 0), P(5, 0), P(0, -5), P(0, 5)), Is.EqualTo(1));
        Assert.That(Predicates.CrossingSign(P(-5, 0), P(5, 0), P(0, 175), P(0, -175)), Is.EqualTo(-1));
        Assert.That(Predicates.CrossingSign(P(-5, 0), P(5, 0), P(5, 0), P(0, 5)), Is.Zero);
    }
}
