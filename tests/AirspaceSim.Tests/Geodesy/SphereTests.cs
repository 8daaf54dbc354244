using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Geodesy;

public class SphereTests
{
    private const double OneDegreeKm = Sphere.MeanRadiusKm * Math.PI / 180; // 111.19508 km

    private static GeoPoint P(double lat, double lon) => new(lat, lon);

    [Test]
    public void DistanceOfKnownArcs()
    {
        Assert.That(Sphere.DistanceKm(P(0, 0), P(0, 90)), Is.EqualTo(Sphere.MeanRadiusKm * Math.PI / 2).Within(1e-9));
        Assert.That(Sphere.DistanceKm(P(0, 0), P(1, 0)), Is.EqualTo(111.19508).Within(1e-5));
        Assert.That(Sphere.DistanceKm(P(0, 0), P(0, 180)), Is.EqualTo(Sphere.MeanRadiusKm * Math.PI).Within(1e-9));
        Assert.That(Sphere.DistanceKm(P(10, 20), P(10, 20)), Is.Zero);
        // Tiny arcs keep their absolute accuracy (1e-9 degrees is ~0.11 mm; unit-vector round-off is a few nm).
        Assert.That(Sphere.DistanceKm(P(45, 0), P(45 + 1e-9, 0)), Is.EqualTo(1e-9 * OneDegreeKm).Within(1e-11));
    }

    [TestCase(0, 0, 0, 10, 90)]
    [TestCase(0, 0, 10, 0, 0)]
    [TestCase(0, 0, 0, -10, 270)]
    [TestCase(10, 0, 0, 0, 180)]
    [TestCase(0, 0, 1, 1, 44.995636455344)] // atan2(cos 1 sin 1, sin 1)
    public void InitialCourses(double lat1, double lon1, double lat2, double lon2, double expected) =>
        Assert.That(Sphere.InitialCourseDeg(P(lat1, lon1), P(lat2, lon2)), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void InitialCourseIsInZeroTo360()
    {
        double c = Sphere.InitialCourseDeg(P(0, 0), P(-1e-12, 10));
        Assert.That(c, Is.GreaterThanOrEqualTo(0.0).And.LessThan(360.0));
    }

    [TestCase(51.47, -0.45, 40.64, -73.78)]
    [TestCase(-33.9, 151.2, 37.6, -122.4)]
    [TestCase(0, 0, 0, 179)]
    [TestCase(89.9, 0, 89.9, 180)]
    [TestCase(12.0, -61.8, 10.6, -66.99)]
    public void CourseAndDistanceLeadToTheDestination(double lat1, double lon1, double lat2, double lon2)
    {
        var a = P(lat1, lon1); var b = P(lat2, lon2);
        var d = Sphere.Destination(a, Sphere.InitialCourseDeg(a, b), Sphere.DistanceKm(a, b));
        Assert.That(Sphere.DistanceKm(d, b), Is.LessThan(1e-9));
    }

    [Test]
    public void DestinationKnownValues()
    {
        var d = Sphere.Destination(P(0, 0), 90, 10 * OneDegreeKm);
        Assert.That(d.LatDeg, Is.EqualTo(0).Within(1e-12));
        Assert.That(d.LonDeg, Is.EqualTo(10).Within(1e-12));
        d = Sphere.Destination(P(0, 0), 0, 90 * OneDegreeKm);
        Assert.That(d.LatDeg, Is.EqualTo(90).Within(1e-12));
        d = Sphere.Destination(P(10, 20), 123, -5 * OneDegreeKm); // backwards = course + 180
        var e = Sphere.Destination(P(10, 20), 303, 5 * OneDegreeKm);
        Assert.That(Sphere.DistanceKm(d, e), Is.LessThan(1e-9));
    }

    [Test]
    public void IntermediatePoints()
    {
        var m = Sphere.Intermediate(P(0, 0), P(0, 90), 0.5);
        Assert.That(m.LatDeg, Is.EqualTo(0).Within(1e-12));
        Assert.That(m.LonDeg, Is.EqualTo(45).Within(1e-12));
        var a = P(51.47, -0.45); var b = P(40.64, -73.78);
        var q = Sphere.Intermediate(a, b, 0.25);
        double ab = Sphere.DistanceKm(a, b);
        Assert.That(Sphere.DistanceKm(a, q), Is.EqualTo(0.25 * ab).Within(1e-9));
        Assert.That(Sphere.DistanceKm(q, b), Is.EqualTo(0.75 * ab).Within(1e-9));
        Assert.That(Sphere.Intermediate(a, b, 0), Is.EqualTo(a));
        Assert.That(Sphere.Intermediate(a, b, 1), Is.EqualTo(b));
        Assert.Throws<ArgumentException>(() => Sphere.Intermediate(P(10, 10), P(-10, -170), 0.5));
    }

    [Test]
    public void CrossTrackIsSignedPositiveToTheLeft()
    {
        // Heading east along the equator, north is to the left.
        Assert.That(Sphere.CrossTrackKm(P(0, 0), P(0, 10), P(1, 5)), Is.EqualTo(OneDegreeKm).Within(1e-9));
        Assert.That(Sphere.CrossTrackKm(P(0, 0), P(0, 10), P(-1, 5)), Is.EqualTo(-OneDegreeKm).Within(1e-9));
        // Consistent with the orientation predicate.
        var a = P(12, -61); var b = P(18, -66); var p = P(16, -60);
        Assert.That(Math.Sign(Sphere.CrossTrackKm(a, b, p)),
            Is.EqualTo(Predicates.Sign(Vec3.FromGeo(a), Vec3.FromGeo(b), Vec3.FromGeo(p))));
    }

    [Test]
    public void CrossTrackOfPointsOnTheArcIsZero()
    {
        var a = P(51.47, -0.45); var b = P(40.64, -73.78);
        foreach (double t in new[] { 0.0, 0.1, 0.5, 0.9, 1.0 })
            Assert.That(Sphere.CrossTrackKm(a, b, Sphere.Intermediate(a, b, t)), Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public void AlongTrackDistances()
    {
        Assert.That(Sphere.AlongTrackKm(P(0, 0), P(0, 10), P(1, 5)), Is.EqualTo(5 * OneDegreeKm).Within(1e-9));
        Assert.That(Sphere.AlongTrackKm(P(0, 0), P(0, 10), P(-3, -2)), Is.EqualTo(-2 * OneDegreeKm).Within(1e-9));
        var a = P(51.47, -0.45); var b = P(40.64, -73.78);
        var q = Sphere.Intermediate(a, b, 0.3);
        Assert.That(Sphere.AlongTrackKm(a, b, q), Is.EqualTo(Sphere.DistanceKm(a, q)).Within(1e-9));
        Assert.Throws<ArgumentException>(() => Sphere.AlongTrackKm(a, a, q));
    }

    [Test]
    public void IntersectionOfCrossingArcs()
    {
        var x = Sphere.Intersection(P(0, -10), P(0, 10), P(-10, 0), P(10, 0));
        Assert.That(x, Is.Not.Null);
        Assert.That(x!.Value.LatDeg, Is.EqualTo(0).Within(1e-12));
        Assert.That(x.Value.LonDeg, Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void IntersectionLiesOnBothArcs()
    {
        var rng = new Random(7);
        int found = 0;
        for (int i = 0; i < 2000; i++)
        {
            GeoPoint R() => P(rng.NextDouble() * 60 - 30, rng.NextDouble() * 60 - 30);
            var a1 = R(); var a2 = R(); var b1 = R(); var b2 = R();
            var x = Sphere.Intersection(a1, a2, b1, b2);
            if (x is not { } p) continue;
            found++;
            Assert.That(Sphere.CrossTrackKm(a1, a2, p), Is.EqualTo(0).Within(1e-8));
            Assert.That(Sphere.CrossTrackKm(b1, b2, p), Is.EqualTo(0).Within(1e-8));
            double la = Sphere.AlongTrackKm(a1, a2, p), lb = Sphere.AlongTrackKm(b1, b2, p);
            Assert.That(la, Is.InRange(-1e-8, Sphere.DistanceKm(a1, a2) + 1e-8));
            Assert.That(lb, Is.InRange(-1e-8, Sphere.DistanceKm(b1, b2) + 1e-8));
        }
        Assert.That(found, Is.GreaterThan(100));
    }

    [Test]
    public void NonCrossingArcsGiveNull()
    {
        Assert.That(Sphere.Intersection(P(0, 0), P(0, 10), P(1, 0), P(1, 10)), Is.Null);
        // The great circles meet, but beyond the end of the first arc.
        Assert.That(Sphere.Intersection(P(0, 0), P(0, 10), P(-5, 20), P(5, 20)), Is.Null);
    }

    [Test]
    public void ArcsSharingAVertexTouchThere()
    {
        var v = P(5, 5);
        Assert.That(Sphere.Intersection(P(0, 0), v, v, P(10, 0)), Is.EqualTo(v));
    }

    [Test]
    public void VectorOverloadsAgree()
    {
        var a = P(51.47, -0.45); var b = P(40.64, -73.78); var p = P(55, -30);
        var va = Vec3.FromGeo(a); var vb = Vec3.FromGeo(b); var vp = Vec3.FromGeo(p);
        Assert.That(Sphere.DistanceKm(va, vb), Is.EqualTo(Sphere.DistanceKm(a, b)));
        Assert.That(Sphere.CrossTrackKm(va, vb, vp), Is.EqualTo(Sphere.CrossTrackKm(a, b, p)));
        Assert.That(Sphere.AlongTrackKm(va, vb, vp), Is.EqualTo(Sphere.AlongTrackKm(a, b, p)));
    }
}
