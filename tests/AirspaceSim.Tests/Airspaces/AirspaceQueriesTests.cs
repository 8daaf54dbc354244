using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests.Airspaces;

public class AirspaceQueriesTests
{
    private const double R = 6371.0088;
    private static readonly GeoPoint Ccs = new(10.6012, -66.9912), Mar = new(10.5582, -71.7279);
    private static readonly GeoPoint Aua = new(12.5014, -70.0152), Cur = new(12.1889, -68.9598), Bon = new(12.1310, -68.2685);
    private static readonly GeoPoint Pos = new(10.5954, -61.3372), Bog = new(4.7016, -74.1469);
    private static readonly GeoPoint Ams = new(52.3086, 4.7639), Mia = new(25.7932, -80.2906);

    private static Airspace Svzm => TestAirspaces.Svzm;

    [Test]
    public void SvzmHas114VerticesAndIsSmall()
    {
        Assert.That(Svzm.Region.Polygons, Has.Count.EqualTo(1));
        Assert.That(Svzm.Region.Polygons[0].Shell.Count, Is.EqualTo(114));
        Assert.That(Svzm.Region.Polygons[0].Shell.AreaSr, Is.GreaterThan(0).And.LessThan(0.1));
    }

    [Test]
    public void VenezuelanAirportsAreInside()
    {
        Assert.That(Svzm.Contains(Ccs), Is.True, "CCS");
        Assert.That(Svzm.Contains(Mar), Is.True, "MAR");
    }

    [TestCase(12.5014, -70.0152, TestName = "AUA outside")]
    [TestCase(12.1889, -68.9598, TestName = "CUR outside")]
    [TestCase(12.1310, -68.2685, TestName = "BON outside")]
    [TestCase(10.5954, -61.3372, TestName = "POS outside")]
    [TestCase(4.7016, -74.1469, TestName = "BOG outside")]
    public void NeighbouringAirportsAreOutside(double lat, double lon)
    {
        var p = new GeoPoint(lat, lon);
        Assert.That(Svzm.Contains(p), Is.False);
        // Independent cross-check far from any edge: NTS planar agrees when the point is not near the boundary.
        Assert.That(Svzm.Geometry.Contains(TestAirspaces.Factory.CreatePoint(new Coordinate(lon, lat))), Is.False);
        Assert.That(Svzm.DistanceToBoundaryKm(p), Is.GreaterThan(1));
    }

    [Test]
    public void GreatCircleEdgeBowsPolewardBeyondThePlanarChord()
    {
        // Edge (-70.500492, 12.499675) → (-67.966667, 11.4): the planar polygon uses the straight lon/lat chord, the
        // sphere the great circle, which bulges north. Latitude of the great circle at the chord's mid-longitude,
        // from the plane equation n · p = 0 with n = a × b (computed here independently of the library).
        double lat1 = 12.499675, lon1 = -70.500492, lat2 = 11.4, lon2 = -67.966667;
        double[] a = Unit(lat1, lon1), b = Unit(lat2, lon2);
        double[] n = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
        double lonM = 0.5 * (lon1 + lon2), chordLat = 0.5 * (lat1 + lat2);
        double lam = lonM * Math.PI / 180;
        double gcLat = Math.Atan(-(n[0] * Math.Cos(lam) + n[1] * Math.Sin(lam)) / n[2]) * 180 / Math.PI;
        Assert.That(gcLat - chordLat, Is.GreaterThan(1e-3), "the great circle should bow poleward of the chord");

        var p = new GeoPoint(0.5 * (chordLat + gcLat), lonM);
        bool planar = Svzm.Geometry.Contains(TestAirspaces.Factory.CreatePoint(new Coordinate(p.LonDeg, p.LatDeg)));
        Assert.That(planar, Is.False, "NTS planar (straight lon/lat edge) puts the point outside");
        Assert.That(Svzm.Contains(p), Is.True, "on the sphere the point is inside");
        // ... and it is close to that edge: the boundary distance is half the bow, about 0.5·(gcLat − chordLat)°.
        double expectedKm = 0.5 * (gcLat - chordLat) * Math.PI / 180 * R * Math.Cos(Math.Atan2(lat1 - lat2, (lon2 - lon1) * Math.Cos(lat1 * Math.PI / 180)));
        Assert.That(Svzm.DistanceToBoundaryKm(p), Is.EqualTo(expectedKm).Within(0.05 * expectedKm));
    }

    [Test]
    public void AmsterdamCuracaoCrossesSvzmConsistentlyWithSampling()
    {
        var c = Svzm.Cross(Ams, Cur);
        Assert.That(c.Crosses, Is.True);
        Assert.That(c.Intervals, Is.Not.Empty);
        var a = Vec3.FromGeo(Ams); var b = Vec3.FromGeo(Cur);
        var n = a.Cross(b).Normalize();
        double prev = 0;
        foreach (var iv in c.Intervals)
        {
            Assert.That(iv.EntryFraction, Is.GreaterThanOrEqualTo(prev));
            Assert.That(iv.ExitFraction, Is.GreaterThan(iv.EntryFraction));
            prev = iv.ExitFraction;
            foreach (var g in new[] { iv.Entry, iv.Exit })
            {
                var x = Vec3.FromGeo(g);
                Assert.That(Svzm.Region.DistanceToBoundary(x).Radians, Is.LessThan(1e-9), $"{g} on the boundary");
                Assert.That(Math.Abs(x.Dot(n)), Is.LessThan(1e-9), $"{g} on the route's great circle");
            }
            Assert.That(iv.StartsInside || iv.EndsInside, Is.False);
        }
        Assert.That(c.InsideKm, Is.EqualTo(c.Intervals.Sum(i => i.InsideKm)).Within(1e-9));

        // Reference: 200,000 samples along the arc (slerp), each tested for containment.
        const int N = 200_000;
        double theta = Math.Atan2(a.Cross(b).Norm, a.Dot(b));
        int inside = 0;
        var insideFlags = new bool[N];
        for (int i = 0; i < N; i++)
        {
            double t = (i + 0.5) / N;
            var p = Slerp(a, b, theta, t);
            if (insideFlags[i] = Svzm.Region.Contains(p)) inside++;
        }
        // Inside kilometres are WGS84 lengths: measure each run of inside samples on the ellipsoid too.
        double stepKm = theta * R / N, sampledKm = 0;
        for (int i = 0; i < N; i++)
        {
            if (!insideFlags[i]) continue;
            int j = i;
            while (j + 1 < N && insideFlags[j + 1]) j++;
            sampledKm += Wgs84.DistanceM(Slerp(a, b, theta, (double)i / N).ToGeo(), Slerp(a, b, theta, (double)(j + 1) / N).ToGeo()) / 1000;
            i = j;
        }
        Assert.That(inside, Is.GreaterThan(0));
        Assert.That(c.InsideKm, Is.EqualTo(sampledKm).Within(2 * c.Intervals.Count * stepKm + 1e-6));
        // Every sample agrees with the intervals except possibly the one straddling an entry or exit.
        for (int i = 0; i < N; i++)
        {
            double t = (i + 0.5) / N;
            bool inIv = c.Intervals.Any(iv => iv.EntryFraction <= t && t <= iv.ExitFraction);
            if (inIv != insideFlags[i])
                Assert.That(c.Intervals.Min(iv => Math.Min(Math.Abs(iv.EntryFraction - t), Math.Abs(iv.ExitFraction - t))),
                    Is.LessThan(1.0 / N), $"sample {t}");
        }
    }

    [Test]
    public void MiamiArubaMissesSvzm()
    {
        var c = Svzm.Cross(Mia, Aua);
        Assert.That(c.Crosses, Is.False);
        Assert.That(c.Intervals, Is.Empty);
        Assert.That(c.InsideKm, Is.Zero);
    }

    [Test]
    public void FarAwayRouteReturnsTheSharedEmptyAnswer()
    {
        Assert.That(Svzm.Cross(Ams, new GeoPoint(40.6413, -73.7781)), Is.SameAs(RouteCrossing.None));
    }

    [Test]
    public void CaracasMiamiStartsInside()
    {
        var c = Svzm.Cross(Ccs, Mia);
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        var iv = c.Intervals[0];
        Assert.That(iv.StartsInside, Is.True);
        Assert.That(iv.EndsInside, Is.False);
        Assert.That(iv.EntryFraction, Is.Zero);
        Assert.That(iv.Entry, Is.EqualTo(Ccs));
        Assert.That(Svzm.Region.DistanceToBoundary(iv.Exit).Radians, Is.LessThan(1e-9));
        Assert.That(iv.InsideKm, Is.EqualTo(Wgs84.DistanceM(Ccs, iv.Exit) / 1000).Within(1e-9), "WGS84 length from the start to the exit");

        var back = Svzm.Cross(Mia, Ccs);
        Assert.That(back.Intervals, Has.Count.EqualTo(1));
        Assert.That(back.Intervals[0].EndsInside, Is.True);
        Assert.That(back.Intervals[0].ExitFraction, Is.EqualTo(1));
        Assert.That(back.InsideKm, Is.EqualTo(c.InsideKm).Within(1e-6));
    }

    [Test]
    public void RouteWhollyInsideIsOneIntervalFromStartToEnd()
    {
        var c = Svzm.Cross(Ccs, Mar);
        Assert.That(c.Intervals, Has.Count.EqualTo(1));
        Assert.That(c.Intervals[0].StartsInside && c.Intervals[0].EndsInside, Is.True);
        Assert.That(c.InsideKm, Is.EqualTo(Wgs84.DistanceM(Ccs, Mar) / 1000).Within(1e-9));
    }

    [Test]
    public void DistanceToBoundaryIsNonNegativeAndSignedVariantFollowsContains()
    {
        double d = Svzm.DistanceToBoundaryKm(Ccs);
        Assert.That(d, Is.GreaterThan(0));
        Assert.That(Svzm.SignedDistanceToBoundaryKm(Ccs), Is.EqualTo(-d));
        Assert.That(Svzm.SignedDistanceToBoundaryKm(Cur), Is.EqualTo(Svzm.DistanceToBoundaryKm(Cur)));
        // Caracas (Maiquetía) is on the coast, the FIR boundary is far out to sea: well over 100 km.
        Assert.That(d, Is.GreaterThan(100));
        var nb = Svzm.NearestBoundary(Ccs);
        Assert.That(nb.Part, Is.Zero); Assert.That(nb.Hole, Is.EqualTo(-1));
        var loop = Svzm.Region.Polygons[0].Shell;
        var e0 = loop[nb.Edge]; var e1 = loop[nb.Edge + 1];
        Assert.That(Math.Abs(e0.Cross(e1).Normalize().Dot(nb.Nearest)), Is.LessThan(1e-12).Or.EqualTo(0),
            "the nearest point lies on the reported edge's great circle");
    }

    [Test]
    public void AntipodalRouteIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Svzm.Cross(new GeoPoint(10, -66), new GeoPoint(-10, 114)));
    }

    [Test]
    public void QueriesAreThreadSafe()
    {
        var expected = Svzm.Cross(Ams, Cur).InsideKm;
        Parallel.For(0, 64, _ =>
        {
            for (int i = 0; i < 50; i++)
                Assert.That(Svzm.Cross(Ams, Cur).InsideKm, Is.EqualTo(expected));
        });
    }

    private static double[] Unit(double lat, double lon)
    {
        double f = lat * Math.PI / 180, l = lon * Math.PI / 180;
        return [Math.Cos(f) * Math.Cos(l), Math.Cos(f) * Math.Sin(l), Math.Sin(f)];
    }

    internal static Vec3 Slerp(Vec3 a, Vec3 b, double theta, double t)
    {
        double s = Math.Sin(theta);
        return (Math.Sin((1 - t) * theta) / s * a + Math.Sin(t * theta) / s * b).Normalize();
    }
}

public class AirspaceQueryAllocationTests
{
    [Test]
    public void MissesAndContainmentDoNotAllocate()
    {
        var region = TestAirspaces.Svzm.Region;
        var ams = Vec3.FromLatLonDeg(52.3086, 4.7639); var jfk = Vec3.FromLatLonDeg(40.6413, -73.7781);
        var ccs = Vec3.FromLatLonDeg(10.6012, -66.9912); var aua = Vec3.FromLatLonDeg(12.5014, -70.0152);
        // Warm up (JIT, per-thread scratch).
        for (int i = 0; i < 10; i++) { region.CrossRoute(ams, jfk); region.Contains(ccs); region.Contains(aua); region.DistanceToBoundary(ccs); region.CrossRoute(ccs, aua); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool acc = false;
        for (int i = 0; i < 1000; i++)
        {
            acc ^= region.CrossRoute(ams, jfk).Count > 0;
            acc ^= region.Contains(ccs) ^ region.Contains(aua);
            acc ^= region.DistanceToBoundary(ccs).Radians > 1;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"allocated {allocated} bytes ({acc})");
    }
}
