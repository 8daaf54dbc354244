using AirspaceSim.Airspaces;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// The buffered obstacle's two ways of offsetting a loop (one curve per loop where it crosses itself little, chunks of
/// 8 edges unioned otherwise; <see cref="ObstacleBuilder"/>) give the same region within the snap grid: for every
/// bundled FIR at one of 5, 10, 25 and 50 NM (FIR k of the catalog at buffer k mod 4, so that every FIR and every buffer is
/// checked on a quarter of the cost of all 4,356 pairs, each pair being two full builds), the same number of obstacles and loops, and every boundary vertex of each
/// within a few grid cells of the other's boundary (spherical point–arc distance, <see cref="SphereTestGeometry"/>).
/// And a closure with a hole keeps its enclave's free space whichever way each of its loops is offset.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class AdaptiveOffsetTests
{
    // The grid is 1e-9 in the gnomonic plane (about 6 mm); both ways snap their own crossings, so their vertices on a
    // shared stretch of boundary may differ by a few cells. 1e-8 rad is 6 cm.
    private const double SameRegionToleranceRad = 1e-8;

    [TestCase(5.0, 0), TestCase(10.0, 1), TestCase(25.0, 2), TestCase(50.0, 3)]
    public void AdaptiveAndChunkedGiveTheSameRegionForEveryBundledFir(double bufferNm, int slot)
    {
        var catalog = AirspaceCatalog.Bundled;
        int compared = 0, differing = 0, k = -1;
        double worst = 0; string worstId = "";
        foreach (var id in catalog.Ids)
        {
            if (++k % 4 != slot) continue;
            var fir = catalog[id];
            var adaptive = ObstacleBuilder.Build([fir], bufferNm, 64, ObstacleBuilder.Offsetting.Adaptive).Obstacles;
            var chunked = ObstacleBuilder.Build([fir], bufferNm, 64, ObstacleBuilder.Offsetting.Chunked).Obstacles;
            string ctx = $"{id} at {bufferNm} NM";
            Assert.That(adaptive.Select(o => o.Loops.Count), Is.EquivalentTo(chunked.Select(o => o.Loops.Count)), $"{ctx}: obstacles and their loops");
            compared++;
            if (SameVertices(adaptive, chunked)) continue; // every loop chunked either way: nothing to compare
            differing++;
            double dev = Math.Max(Deviation(adaptive, chunked), Deviation(chunked, adaptive));
            if (dev > worst) (worst, worstId) = (dev, id);
            Assert.That(dev, Is.LessThanOrEqualTo(SameRegionToleranceRad),
                $"{ctx}: a boundary vertex lies {dev * KmPerRad * 1e6:F1} mm from the other way's boundary");
        }
        TestContext.Out.WriteLine($"{bufferNm} NM: {compared} FIRs, {differing} offset differently, largest deviation {worst * KmPerRad * 1e6:F1} mm ({worstId})");
        Assert.That(differing, Is.GreaterThan(compared / 4), "most FIRs are offset as one curve per loop by the adaptive way");
    }

    // A square closure with a square hole around a free enclave, one of the two loops densified past the chunk size so
    // that the adaptive way offsets one loop whole and chunks the other (or, with a small buffer, both whole), against
    // the brute-force distance: enclave points farther than d from the closure are free, nearer ones blocked.
    [TestCase(true, 10.0), TestCase(false, 10.0), TestCase(true, 40.0), TestCase(false, 40.0)]
    public void AHoleKeepsItsEnclaveWhicheverWayItsLoopsAreOffset(bool denseShell, double bufferNm)
    {
        var shell = Square(0, 0, 3, denseShell ? 12 : 1);
        var hole = Square(0, 0, 1.5, denseShell ? 1 : 12);
        var f = TestAirspaces.Factory;
        var closure = new Airspace("HOLE", "HOLE", AirspaceKind.Other, f.CreatePolygon(f.CreateLinearRing(shell), [f.CreateLinearRing(hole)]));
        foreach (var way in Enum.GetValues<ObstacleBuilder.Offsetting>())
        {
            var result = ObstacleBuilder.Build([closure], bufferNm, 64, way);
            double d = result.BufferRad, r = d + result.BufferExcessRad;
            bool Inside(in Vec3 p) { foreach (var ob in result.Obstacles) if (ob.Contains(p)) return true; return false; }
            int free = 0, blocked = 0;
            for (double lat = -1.45; lat <= 1.45; lat += 0.05)
                for (double lon = -1.45; lon <= 1.45; lon += 0.05)
                {
                    var p = Vec3.FromGeo(new AirspaceSim.Geodesy.GeoPoint(lat, lon));
                    double dist = DistanceToClosure(p, closure);
                    string ctx = $"{way}, dense {(denseShell ? "shell" : "hole")}, {bufferNm} NM: ({lat:F2}, {lon:F2}) is {dist * KmPerRad:F3} km from the closure";
                    if (dist > r + 1e-8) { Assert.That(Inside(p), Is.False, ctx + ", beyond R, but blocked"); free++; }
                    else if (dist < d - 1e-8) { Assert.That(Inside(p), Is.True, ctx + ", within d, but free"); blocked++; }
                }
            Assert.That(free, Is.GreaterThan(0), $"{way}: some of the enclave is free");
            Assert.That(blocked, Is.GreaterThan(0), $"{way}: its band is blocked");
        }
    }

    // A lon/lat square of half-width h around (lat0, lon0), each side split into n edges, counter-clockwise, closed.
    private static Coordinate[] Square(double lat0, double lon0, double h, int n)
    {
        var corners = new[] { (-h, -h), (-h, h), (h, h), (h, -h) };
        var pts = new List<Coordinate>();
        for (int s = 0; s < 4; s++)
        {
            var (la, lo) = corners[s]; var (lb, lob) = corners[(s + 1) % 4];
            for (int i = 0; i < n; i++) pts.Add(new Coordinate(lon0 + lo + (lob - lo) * i / n, lat0 + la + (lb - la) * i / n));
        }
        pts.Add(pts[0].Copy());
        return pts.ToArray();
    }

    private static bool SameVertices(IReadOnlyList<Obstacle> a, IReadOnlyList<Obstacle> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Loops.Count == p.Second.Loops.Count &&
            p.First.Loops.Zip(p.Second.Loops).All(l => l.First.Vertices.SequenceEqual(l.Second.Vertices)));

    // The largest distance from a boundary vertex of a to the boundary of b. b's arcs are bucketed by the cells of a 3D
    // grid that their bounding boxes (widened by the arc's bulge and the tolerance) touch, so a vertex reads only the
    // arcs that can lie within the tolerance of it; a vertex with none there is reported at its true distance.
    private static double Deviation(IReadOnlyList<Obstacle> a, IReadOnlyList<Obstacle> b)
    {
        const double cell = 0.02; // about 1.1°: the longest strip piece is 1°
        var arcs = new List<(Vec3 A, Vec3 B)>();
        foreach (var ob in b) foreach (var loop in ob.Loops) for (int i = 0; i < loop.Count; i++) arcs.Add((loop[i], loop[i + 1]));
        var grid = new Dictionary<(int, int, int), List<int>>();
        static int C(double x) => (int)Math.Floor(x / cell);
        for (int k = 0; k < arcs.Count; k++)
        {
            var (p, q) = arcs[k];
            double w = Vec3.Angle(p, q), pad = w * w / 8 + 2 * SameRegionToleranceRad;
            for (int x = C(Math.Min(p.X, q.X) - pad); x <= C(Math.Max(p.X, q.X) + pad); x++)
                for (int y = C(Math.Min(p.Y, q.Y) - pad); y <= C(Math.Max(p.Y, q.Y) + pad); y++)
                    for (int z = C(Math.Min(p.Z, q.Z) - pad); z <= C(Math.Max(p.Z, q.Z) + pad); z++)
                    {
                        if (!grid.TryGetValue((x, y, z), out var list)) grid[(x, y, z)] = list = [];
                        list.Add(k);
                    }
        }
        double worst = 0;
        foreach (var ob in a)
            foreach (var loop in ob.Loops)
                foreach (var v in loop.Vertices)
                {
                    double best = double.PositiveInfinity;
                    if (grid.TryGetValue((C(v.X), C(v.Y), C(v.Z)), out var near))
                        foreach (int k in near) best = Math.Min(best, DistanceToArc(v, arcs[k].A, arcs[k].B));
                    if (best > SameRegionToleranceRad) best = arcs.Min(s => DistanceToArc(v, s.A, s.B));
                    worst = Math.Max(worst, best);
                }
        return worst;
    }
}
