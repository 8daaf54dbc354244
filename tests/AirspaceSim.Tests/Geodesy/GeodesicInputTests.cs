using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Geodesy;

public class GeodesicInputTests
{
    private static IEnumerable<TestCaseData> BadInverse()
    {
        yield return new TestCaseData(double.NaN, 0.0, 0.0, 0.0).SetName("Inverse rejects NaN lat1");
        yield return new TestCaseData(0.0, 0.0, 90.000001, 0.0).SetName("Inverse rejects lat2 > 90");
        yield return new TestCaseData(-90.5, 0.0, 0.0, 0.0).SetName("Inverse rejects lat1 < -90");
        yield return new TestCaseData(0.0, double.PositiveInfinity, 0.0, 0.0).SetName("Inverse rejects infinite lon1");
        yield return new TestCaseData(0.0, 0.0, 0.0, double.NaN).SetName("Inverse rejects NaN lon2");
    }

    [TestCaseSource(nameof(BadInverse))]
    public void InverseRejectsBadInput(double lat1, double lon1, double lat2, double lon2)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.Inverse(lat1, lon1, lat2, lon2))!;
        Assert.That(e.Message, Does.Contain("itude"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.DistanceM(lat1, lon1, lat2, lon2));
    }

    [Test]
    public void DirectRejectsBadInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.Direct(double.NaN, 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.Direct(91, 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.Direct(0, double.NegativeInfinity, 0, 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.Direct(0, 0, double.NaN, 1))!;
        Assert.That(e.ParamName, Is.EqualTo("azi1Deg"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Wgs84.Direct(0, 0, 0, double.PositiveInfinity))!;
        Assert.That(e.ParamName, Is.EqualTo("distanceM"));
    }

    [Test]
    public void LongitudesAndAzimuthsAreReducedModulo360()
    {
        var a = Wgs84.Inverse(10, 20, -30, 40);
        var b = Wgs84.Inverse(10, 20 + 720, -30, 40 - 360);
        Assert.That(b.DistanceM, Is.EqualTo(a.DistanceM).Within(1e-9));
        Assert.That(b.Azi1Deg, Is.EqualTo(a.Azi1Deg).Within(1e-12));
        var d1 = Wgs84.Direct(10, 20, 30, 1e6);
        var d2 = Wgs84.Direct(10, 20 - 360, 30 + 1080, 1e6);
        Assert.That(d2.Lat2Deg, Is.EqualTo(d1.Lat2Deg).Within(1e-12));
        Assert.That(d2.Lon2Deg, Is.EqualTo(d1.Lon2Deg).Within(1e-12));
    }

    [Test]
    public void OutputsAreNormalised()
    {
        // Direct along the equator to exactly 180 degrees east: longitude is reported as -180.
        double halfEquator = Math.PI * Wgs84.SemiMajorAxisM;
        var d = Wgs84.Direct(0, 0, 90, halfEquator);
        Assert.That(d.Lon2Deg, Is.EqualTo(-180.0).Within(1e-9));
        Assert.That(d.Lon2Deg, Is.LessThan(180.0));
        // Arriving due south gives +180, not -180.
        var r = Wgs84.Inverse(10, 0, -10, 0);
        Assert.That(r.Azi1Deg, Is.EqualTo(180.0));
        Assert.That(r.Azi2Deg, Is.EqualTo(180.0));
    }

    [Test]
    public void CoincidentPointsHaveZeroDistance()
    {
        Assert.That(Wgs84.DistanceM(12.3, 45.6, 12.3, 45.6), Is.Zero);
        Assert.That(Wgs84.DistanceM(90, 10, 90, -170), Is.Zero);
        Assert.That(Wgs84.DistanceM(0, 180, 0, -180), Is.Zero);
    }

    [Test]
    public void KnownDistances()
    {
        // GeodSolve -i -p 9: JFK to CDG.
        var r = Wgs84.Inverse(40.6, -73.8, 49.01, 2.55);
        Assert.That(r.DistanceM, Is.EqualTo(5853499.135638935).Within(1e-6));
        Assert.That(r.Azi1Deg, Is.EqualTo(53.47801390896323).Within(1e-9));
        Assert.That(r.Azi2Deg, Is.EqualTo(111.59841024068160).Within(1e-9));
        // Quarter meridian (the WGS84 value, e.g. from GeographicLib's documentation): 10,001,965.729 m.
        Assert.That(Wgs84.DistanceM(0, 0, 90, 0), Is.EqualTo(10_001_965.7293).Within(1e-3));
    }
}
