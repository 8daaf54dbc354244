using AirspaceSim.Spherical;
using FsProperty = FsCheck.NUnit.PropertyAttribute;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace AirspaceSim.Tests.Spherical;

/// <summary>
/// Property tests on random star-shaped great-circle polygons (radius 1–20°, 3–30 vertices; some around the poles,
/// some across the antimeridian) against an independent reference: the gnomonic projection about the polygon's centre
/// maps great circles to straight lines, so NTS's planar predicates on the projected polygon are exact answers for
/// great-circle polygons within a hemisphere of the centre.
/// </summary>
/// <remarks>Dense-sampling checks dominate the suite's time: they share no mutable state (NTS factories are
/// thread-safe, regions keep per-thread scratch), so they run in parallel with each other.</remarks>
[Parallelizable(ParallelScope.All)]
public class SphericalQueryPropertyTests
{
    private static readonly GeometryFactory Gf = new();

    /// <summary>A random polygon with its gnomonic frame.</summary>
    private sealed class Case
    {
        public required Vec3 C, E1, E2;
        public required Vec3[] V;
        public required SphericalRegion Region;
        public required Polygon Planar;

        // The same planar predicates by NTS's own algorithms without the geometry layer (distance to each shell
        // segment, an indexed point-in-polygon locator): the reference is unchanged, but Geometry.Distance and
        // Geometry.Contains built a DistanceOp and a RelateOp for each of the 800,000 samples of
        // CrossingIntervalsAgreeWithDenseSampling, most of the time of the suite's slowest test.
        private NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator? _locator;

        private double ShellDistance(Coordinate c)
        {
            var ring = Planar.Shell.Coordinates;
            double best = double.PositiveInfinity;
            for (int i = 0; i + 1 < ring.Length; i++)
                best = Math.Min(best, NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(c, ring[i], ring[i + 1]));
            return best;
        }

        public Coordinate Project(in Vec3 p)
        {
            double w = p.Dot(C);
            return new Coordinate(p.Dot(E1) / w, p.Dot(E2) / w);
        }

        /// <summary>Reference containment; null when the point is too close to the boundary to be decided in doubles.</summary>
        public bool? RefContains(in Vec3 p)
        {
            if (p.Dot(C) <= 0.05) return false; // beyond ~87° from the centre; the polygon lies within 20°
            var q = Project(p);
            if (ShellDistance(q) < 1e-9) return null;
            // Off the boundary (by 1e-9 and more) the location is interior or exterior, as Polygon.Contains says.
            return (_locator ??= new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(Planar)).Locate(q) == Location.Interior;
        }

        public double PlanarBoundaryDistance(in Vec3 p) => ShellDistance(Project(p));

        public Vec3 RandomNear(Random rng, double maxDeg)
        {
            double r = maxDeg * Math.PI / 180 * Math.Sqrt(rng.NextDouble()), t = 2 * Math.PI * rng.NextDouble();
            return Math.Cos(r) * C + Math.Sin(r) * (Math.Cos(t) * E1 + Math.Sin(t) * E2);
        }
    }

    private static Case MakeCase(int seed)
    {
        var rng = new Random(seed);
        Vec3 c;
        switch (rng.Next(5))
        {
            case 0: c = new Vec3(0, 0, rng.Next(2) == 0 ? 1 : -1); break;                                  // exactly at a pole
            case 1: c = Vec3.FromLatLonDeg((rng.Next(2) == 0 ? 1 : -1) * (75 + 15 * rng.NextDouble()), 360 * rng.NextDouble() - 180); break;
            case 2: c = Vec3.FromLatLonDeg(120 * rng.NextDouble() - 60, (rng.Next(2) == 0 ? 1 : -1) * (170 + 10 * rng.NextDouble())); break;
            default:
                c = new Vec3(Gauss(rng), Gauss(rng), Gauss(rng)).Normalize(); break;
        }
        var t = Math.Abs(c.Z) < 0.9 ? new Vec3(0, 0, 1) : new Vec3(1, 0, 0);
        var e1 = t.Cross(c).Normalize();
        var e2 = c.Cross(e1); // (e1, e2, c) right-handed: increasing angle is counter-clockwise about c
        int n = rng.Next(3, 31);
        var w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += w[i] = 1 + 0.9 * rng.NextDouble(); // every gap < π: star-shaped about c
        double ang = 2 * Math.PI * rng.NextDouble();
        var v = new Vec3[n];
        var coords = new Coordinate[n + 1];
        for (int i = 0; i < n; i++)
        {
            double r = (1 + 19 * rng.NextDouble()) * Math.PI / 180;
            v[i] = (c + Math.Tan(r) * (Math.Cos(ang) * e1 + Math.Sin(ang) * e2)).Normalize();
            ang += 2 * Math.PI * w[i] / sum;
        }
        var cs = new Case { C = c, E1 = e1, E2 = e2, V = v, Region = null!, Planar = null! };
        for (int i = 0; i < n; i++) coords[i] = cs.Project(v[i]);
        coords[n] = coords[0].Copy();
        var loop = SphericalLoop.FromCcwVertices(v);
        return new Case
        {
            C = c, E1 = e1, E2 = e2, V = v,
            Region = new SphericalRegion([new SphericalPolygon(loop, [])]),
            Planar = Gf.CreatePolygon(coords),
        };
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static Vec3 Slerp(Vec3 a, Vec3 b, double t)
    {
        double theta = Vec3.Angle(a, b), s = Math.Sin(theta);
        return (Math.Sin((1 - t) * theta) / s * a + Math.Sin(t * theta) / s * b).Normalize();
    }

    [FsProperty(MaxTest = 150)]
    public void ContainsAgreesWithGnomonicPlanarReference(int seed)
    {
        var k = MakeCase(seed);
        var rng = new Random(seed ^ 0x5bd1e995);
        Assert.That(k.Planar.IsValid, Is.True, "generated polygon must be simple");
        for (int i = 0; i < 300; i++)
        {
            var p = i % 10 == 0 ? new Vec3(Gauss(rng), Gauss(rng), Gauss(rng)).Normalize() : k.RandomNear(rng, 25);
            var expected = k.RefContains(p);
            if (expected is null) continue;
            Assert.That(k.Region.Contains(p), Is.EqualTo(expected.Value), $"seed {seed}, point {p.ToGeo()}");
        }
        foreach (var v in k.V) Assert.That(k.Region.Contains(v), Is.False, "vertices are boundary");
    }

    [FsProperty(MaxTest = 100)]
    public void CrossingIntervalsAgreeWithDenseSampling(int seed)
    {
        var k = MakeCase(seed);
        var rng = new Random(seed ^ 0x1234567);
        for (int r = 0; r < 8; r++)
        {
            var a = k.RandomNear(rng, 30);
            var b = r == 0 ? k.C : k.RandomNear(rng, 30);
            var ivs = k.Region.CrossRoute(a, b);
            var n = a.Cross(b).Normalize();
            double prevExit = -1;
            foreach (var iv in ivs)
            {
                Assert.That(iv.EntryFraction, Is.GreaterThan(prevExit));
                Assert.That(iv.ExitFraction, Is.GreaterThan(iv.EntryFraction));
                prevExit = iv.ExitFraction;
                if (!iv.StartsInside)
                {
                    Assert.That(k.PlanarBoundaryDistance(iv.Entry), Is.LessThan(1e-9), "entry on the boundary");
                    Assert.That(Math.Abs(iv.Entry.Dot(n)), Is.LessThan(1e-12), "entry on the route");
                }
                if (!iv.EndsInside)
                {
                    Assert.That(k.PlanarBoundaryDistance(iv.Exit), Is.LessThan(1e-9), "exit on the boundary");
                    Assert.That(Math.Abs(iv.Exit.Dot(n)), Is.LessThan(1e-12), "exit on the route");
                }
            }
            // Parity is exact: the route ends inside iff its end point is inside.
            if (k.Region.DistanceToBoundary(b).Radians > 1e-11)
                Assert.That(ivs.Count > 0 && ivs[^1].EndsInside, Is.EqualTo(k.Region.Contains(b)));
            if (k.Region.DistanceToBoundary(a).Radians > 1e-11)
                Assert.That(ivs.Count > 0 && ivs[0].StartsInside, Is.EqualTo(k.Region.Contains(a)));

            const int N = 1000;
            double theta = Vec3.Angle(a, b), insideSamples = 0;
            for (int i = 0; i < N; i++)
            {
                double t = (i + 0.5) / N;
                var p = Slerp(a, b, t);
                var expected = k.RefContains(p);
                if (expected is null) continue;
                if (expected.Value) insideSamples++;
                bool got = false;
                foreach (var iv in ivs) if (iv.EntryFraction <= t && t <= iv.ExitFraction) got = true;
                // The message is formatted only on a failure: formatting it for each of the 800,000 samples cost more
                // than the check itself.
                if (got != expected.Value) Assert.Fail($"seed {seed}, route {a.ToGeo()}→{b.ToGeo()}, t={t}: inside {got}, reference {expected.Value}");
            }
            double total = ivs.Sum(iv => iv.LengthRad);
            Assert.That(total, Is.EqualTo(insideSamples * theta / N).Within((2 * ivs.Count + 2) * theta / N));
        }
    }

    [FsProperty(MaxTest = 100)]
    public void DistanceToBoundaryAgreesWithDenseBoundarySampling(int seed)
    {
        var k = MakeCase(seed);
        var rng = new Random(seed ^ 0x7777);
        const int M = 400;
        var samples = new List<Vec3>();
        double maxEdge = 0;
        for (int i = 0; i < k.V.Length; i++)
        {
            var a = k.V[i]; var b = k.V[(i + 1) % k.V.Length];
            maxEdge = Math.Max(maxEdge, Vec3.Angle(a, b));
            for (int j = 0; j <= M; j++) samples.Add(Slerp(a, b, (double)j / M));
        }
        double h = maxEdge / M;
        for (int q = 0; q < 40; q++)
        {
            var p = k.RandomNear(rng, 40);
            var d = k.Region.DistanceToBoundary(p);
            // The nearest sample by chord (monotone in the angle, and accurate for tiny angles where the dot product is
            // not): the same samples as an angle per sample, at a tenth of the cost.
            double bestChord2 = double.PositiveInfinity; var nearestSample = p;
            foreach (var s in samples)
            {
                double dx = p.X - s.X, dy = p.Y - s.Y, dz = p.Z - s.Z, c2 = dx * dx + dy * dy + dz * dz;
                if (c2 < bestChord2) { bestChord2 = c2; nearestSample = s; }
            }
            double brute = Vec3.Angle(p, nearestSample);
            Assert.That(d.Radians, Is.LessThanOrEqualTo(brute + 1e-12), "the true minimum cannot exceed a sample");
            Assert.That(brute - d.Radians, Is.LessThanOrEqualTo(h / 2 + 1e-12), "sampling resolution");
            Assert.That(Vec3.Angle(p, d.Nearest), Is.EqualTo(d.Radians).Within(1e-12));
            Assert.That(k.PlanarBoundaryDistance(d.Nearest), Is.LessThan(1e-9), "nearest point on the boundary");
        }
        // Points on edges are at distance ~0.
        for (int q = 0; q < 20; q++)
        {
            int i = rng.Next(k.V.Length);
            var p = Slerp(k.V[i], k.V[(i + 1) % k.V.Length], rng.NextDouble());
            Assert.That(k.Region.DistanceToBoundary(p).Radians, Is.LessThan(1e-12));
        }
    }
}
