using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using FsProperty = FsCheck.NUnit.PropertyAttribute;

namespace AirspaceSim.Tests.Spherical;

/// <summary>
/// <see cref="SphericalLoop.Contains"/> against an oracle that shares nothing with it (no crossing predicate, no
/// reference point): the signed solid angle of the fan of triangles (−p, vᵢ, vᵢ₊₁). No such triangle (each smaller
/// than a hemisphere, with −p as a vertex) has p inside it, so the fan covers a point x with multiplicity
/// [x inside] − [p inside], and its sum is A − 4π·[p inside], where A ∈ (0, 4π) is the area to the left of the
/// edges: p is inside exactly when the fan sum is negative. Each triangle's signed area is Eriksson's
/// 2·atan2(q·(a×b), 1 + q·a + a·b + b·q).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class LoopContainmentOracleTests
{
    internal static bool? FanInside(ReadOnlySpan<Vec3> v, in Vec3 p)
    {
        var q = -p;
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            var a = v[i]; var b = v[(i + 1) % v.Length];
            double num = q.Dot(a.Cross(b)), den = 1 + q.Dot(a) + a.Dot(b) + b.Dot(q);
            if (Math.Abs(num) < 1e-9 && Math.Abs(den) < 1e-9) return null; // p on the edge's great circle near it: undecided
            s += 2 * Math.Atan2(num, den);
        }
        return Math.Abs(s) < 1e-6 ? null : s < 0;
    }

    // Angle from q to the nearest edge (as SphereTestGeometry.DistanceToArc), to skip points the oracle cannot decide.
    private static double BoundaryDistance(ReadOnlySpan<Vec3> v, in Vec3 q)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < v.Length; i++)
            best = Math.Min(best, Routing.SphereTestGeometry.DistanceToArc(q, v[i], v[(i + 1) % v.Length]));
        return best;
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    // A star-shaped loop about a random centre c (angular gaps < π, radii 1°–89°: simple in c's gnomonic frame),
    // reversed half the time (then it encloses the larger region).
    private static Vec3[] RandomLoop(Random rng)
    {
        var c = new Vec3(Gauss(rng), Gauss(rng), Gauss(rng)).Normalize();
        var t = Math.Abs(c.Z) < 0.9 ? new Vec3(0, 0, 1) : new Vec3(1, 0, 0);
        var e1 = t.Cross(c).Normalize();
        var e2 = c.Cross(e1);
        int n = rng.Next(3, 16);
        var w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += w[i] = 1 + 0.9 * rng.NextDouble();
        double ang = 2 * Math.PI * rng.NextDouble();
        double maxR = rng.Next(3) switch { 0 => 10, 1 => 60, _ => 89 };
        var v = new Vec3[n];
        for (int i = 0; i < n; i++)
        {
            double r = (1 + (maxR - 1) * rng.NextDouble()) * Math.PI / 180;
            v[i] = (c + Math.Tan(r) * (Math.Cos(ang) * e1 + Math.Sin(ang) * e2)).Normalize();
            ang += 2 * Math.PI * w[i] / sum;
        }
        if (rng.Next(2) == 0) Array.Reverse(v);
        return v;
    }

    private static void AssertAgrees(SphericalLoop loop, in Vec3 p, string what)
    {
        var v = loop.Vertices;
        if (BoundaryDistance(v, p) < 1e-9) return;
        var expected = FanInside(v, p);
        if (expected is null) return;
        Assert.That(loop.Contains(p), Is.EqualTo(expected.Value), $"{what}: {p.ToGeo()} (centre {loop.Center.ToGeo()}, {loop.Count} vertices, cap {loop.CapRadiusRad} rad)");
    }

    [FsProperty(MaxTest = 300)]
    public void ContainsAgreesWithTheFanOracle(int seed)
    {
        var rng = new Random(seed);
        var loop = SphericalLoop.FromCcwVertices(RandomLoop(rng));
        AssertAgrees(loop, -loop.Center, "antipode of the centre");
        AssertAgrees(loop, loop.Center, "the centre");
        AssertAgrees(loop, -loop.InteriorProbe, "antipode of the probe");
        for (int i = 0; i < 40; i++) AssertAgrees(loop, new Vec3(Gauss(rng), Gauss(rng), Gauss(rng)).Normalize(), "random point");
    }

    // A ring symmetric under p → −p, zigzagging around the equator (monotone in longitude, so simple): its vertices
    // sum to 0, so the centre falls back to vertex 0 and the centre's antipode is a vertex too. Both halves have area 2π.
    private static Vec3[] CentrallySymmetricRing(Random rng)
    {
        int m = rng.Next(2, 7);
        var half = new Vec3[m];
        for (int i = 0; i < m; i++)
            half[i] = Vec3.FromLatLonDeg(80 * rng.NextDouble() - 40, (i + 0.9 * rng.NextDouble()) * 180.0 / m);
        return [.. half, .. half.Select(v => -v)];
    }

    [FsProperty(MaxTest = 100)]
    public void CentrallySymmetricRingsAgreeWithTheFanOracle(int seed)
    {
        var rng = new Random(seed);
        var v = CentrallySymmetricRing(rng);
        foreach (var ring in new[] { v, v.Reverse().ToArray() })
        {
            var loop = SphericalLoop.FromCcwVertices(ring);
            Assert.That(loop.Contains(-loop.Center), Is.False, "the centre's antipode is a vertex: boundary");
            AssertAgrees(loop, Vec3.FromLatLonDeg(90, 0), "north pole");
            AssertAgrees(loop, Vec3.FromLatLonDeg(-90, 0), "south pole");
            AssertAgrees(loop, -loop.InteriorProbe, "antipode of the probe");
            for (int i = 0; i < 40; i++) AssertAgrees(loop, new Vec3(Gauss(rng), Gauss(rng), Gauss(rng)).Normalize(), "random point");
        }
    }

    /// <summary>The exact antipode of the centre (and points within 1e-8 rad of the probe's antipode, where the parity arc
    /// has no great circle) for a small loop, its complement, and a loop 1e-7 rad across.</summary>
    [Test]
    public void AntipodesOfTheCentreAndOfTheProbe()
    {
        var small = SphericalLoop.FromPoints([new GeoPoint(0, 0), new GeoPoint(0, 10), new GeoPoint(10, 10), new GeoPoint(10, 0)]);
        var big = SphericalLoop.FromCcwVertices(small.Vertices.ToArray().Reverse());
        double tinyDeg = 1e-7 * 180 / Math.PI;
        var tiny = SphericalLoop.FromPoints([new GeoPoint(20, 30), new GeoPoint(20, 30 + tinyDeg), new GeoPoint(20 + tinyDeg, 30)]);
        foreach (var (loop, name) in new[] { (small, "small"), (big, "complement"), (tiny, "1e-7 rad") })
        {
            bool inside = loop == big;
            Assert.That(loop.Contains(-loop.Center), Is.EqualTo(inside), $"{name}: antipode of the centre");
            Assert.That(loop.Contains(-loop.InteriorProbe), Is.EqualTo(inside), $"{name}: antipode of the probe");
            var near = (-loop.InteriorProbe + 3e-9 * Perp(loop.InteriorProbe)).Normalize();
            Assert.That(loop.Contains(near), Is.EqualTo(inside), $"{name}: 3e-9 rad from the probe's antipode");
            Assert.That(loop.Contains(loop.InteriorProbe), Is.True, $"{name}: the probe");
            AssertAgrees(loop, loop.Center, $"{name}: the centre");
        }
    }

    private static Vec3 Perp(in Vec3 p) => (Math.Abs(p.Z) < 0.9 ? p.Cross(new Vec3(0, 0, 1)) : p.Cross(new Vec3(1, 0, 0))).Normalize();
}
