using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Each closure keeps its own lateral buffer (<see cref="DetourPlannerOptions.BufferNmByAirspaceId"/>). Checked against
/// references that share nothing with the planner's buffering: planners of one closure at its own buffer, the routes
/// sampled every ~1 km and measured to each closure's polygon with this fixture's own spherical point-to-edge distance
/// and gnomonic point-in-polygon test, the bounds set by planners whose every buffer is the largest and the smallest,
/// and the brute-force shortest path (<see cref="BruteForceShortestPath"/>) over the planner's boundary.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PerClosureBufferTests
{
    private const double KmPerRad = Sphere.MeanRadiusKm;
    private static double NmToRad(double nm) => nm * Units.MetresPerNm / Sphere.MeanRadiusM;

    // On the sphere, so that lengths compare exactly as the planner chooses them (the WGS84 measure is not what it minimises).
    private static double SphereKm(GeoPoint a, GeoPoint b) => Angle(Vec3.FromGeo(a), Vec3.FromGeo(b)) * KmPerRad;

    private static double Angle(in Vec3 a, in Vec3 b) => Math.Atan2(a.Cross(b).Norm, a.Dot(b));

    private static DetourPlanner Planner(IEnumerable<Airspace> closures, double bufferNm, IReadOnlyDictionary<string, double>? byId = null,
        int cornerSegments = 64) =>
        DetourPlanner.Build(closures, new DetourPlannerOptions
        {
            BufferNm = bufferNm, BufferNmByAirspaceId = byId, CornerSegments = cornerSegments, LegLengthKm = SphereKm,
        });

    // A concave "C" (its mouth towards the east) and a square 40° away: no cap widened by 25 NM reaches the other.
    private static readonly Airspace Cee = TestAirspaces.FromLatLon("CEE", (10, 20), (10, 24), (11, 24), (11, 21), (13, 21), (13, 24), (14, 24), (14, 20));
    private static readonly Airspace Box = TestAirspaces.FromLatLon("BOX", (40, 60), (40, 62), (42, 62), (42, 60));

    [Test]
    public void FarApartClosuresEachKeepTheirOwnBuffer_AsAPlannerOfThatClosureAlone()
    {
        foreach (var (cee, box) in new[] { (0.0, 25.0), (25.0, 0.0) })
        {
            var both = Planner([Cee, Box], 0, new Dictionary<string, double> { ["CEE"] = cee, ["BOX"] = box });
            Assert.That(both.BufferNmOf("CEE"), Is.EqualTo(cee));
            Assert.That(both.BufferNmOf("BOX"), Is.EqualTo(box));
            var alone = new Dictionary<string, DetourPlanner> { ["CEE"] = Planner([Cee], cee), ["BOX"] = Planner([Box], box) };
            // Around each closure: across it, into its mouth (an end in the pocket), from just off its edge (in its
            // band if buffered: 0.1° is 6 NM), and along it.
            var routes = new (string Id, GeoPoint From, GeoPoint To)[]
            {
                ("CEE", new(12, 17), new(12, 27)), ("CEE", new(12, 22.5), new(12, 30)), ("CEE", new(12, 22.5), new(12, 10)),
                ("CEE", new(14.1, 22), new(9, 22)), ("CEE", new(9.9, 19), new(14.2, 25)), ("CEE", new(15, 19), new(9, 25)),
                ("BOX", new(41, 57), new(41, 65)), ("BOX", new(42.1, 61), new(39, 61)), ("BOX", new(38, 59), new(44, 63)),
            };
            int detours = 0;
            foreach (var (id, from, to) in routes)
            {
                var p = both.Plan(from, to);
                var q = alone[id].Plan(from, to);
                string what = $"CEE {cee} NM, BOX {box} NM, around {id}: {from} -> {to}: both {Describe(p)}; alone {Describe(q)}";
                Assert.That(p.Status, Is.EqualTo(q.Status), what);
                Assert.That(p.RouteKm, Is.EqualTo(q.RouteKm).Within(1e-9), what);
                Assert.That(p.DepartsThroughBuffer, Is.EqualTo(q.DepartsThroughBuffer), what);
                Assert.That(p.ArrivesThroughBuffer, Is.EqualTo(q.ArrivesThroughBuffer), what);
                if (p.Status == RouteStatus.Detour) detours++;
            }
            Assert.That(detours, Is.GreaterThanOrEqualTo(6), "the routes must go round the closures");
        }
        // And the per-closure buffer is not the largest: across the C at 0 NM the route is shorter than at 25 NM.
        var mixed = Planner([Cee, Box], 0, new Dictionary<string, double> { ["BOX"] = 25 });
        var largest = Planner([Cee, Box], 25);
        Assert.That(mixed.Plan(new(12, 17), new(12, 27)).RouteKm, Is.LessThan(largest.Plan(new(12, 17), new(12, 27)).RouteKm! - 1));
    }

    // ---- The fixture's own geometry (independent of the planner's and of the Spherical layer's predicates). ----

    // Angle from p to the great-circle arc a→b (shorter than a half circle): to the foot of the perpendicular on the
    // arc's great circle when it falls between a and b, else to the nearer end.
    private static double PointToArcRad(in Vec3 p, in Vec3 a, in Vec3 b)
    {
        var n = a.Cross(b);
        double nn = n.Norm;
        if (nn > 0)
        {
            n = (1 / nn) * n;
            double s = p.Dot(n);
            var foot = p - s * n;
            if (foot.Norm > 0 && a.Cross(foot).Dot(n) >= 0 && foot.Cross(b).Dot(n) >= 0)
                return Math.Asin(Math.Min(1, Math.Abs(s)));
        }
        return Math.Min(Angle(p, a), Angle(p, b));
    }

    // A closure polygon as this fixture sees it: its vertices and a gnomonic frame at its centre (great circles are
    // straight lines there, so the planar crossing test is the spherical one).
    private sealed class TestPolygon
    {
        private readonly Vec3[] _v;
        private readonly Vec3 _c, _e1, _e2;
        private readonly (double X, double Y)[] _plane;

        public TestPolygon(Vec3 centre, Vec3[] vertices)
        {
            _c = centre; _v = vertices;
            var t = Math.Abs(centre.Z) < 0.9 ? new Vec3(0, 0, 1) : new Vec3(1, 0, 0);
            _e1 = t.Cross(centre).Normalize(); _e2 = centre.Cross(_e1);
            _plane = vertices.Select(Project).ToArray();
        }

        public IReadOnlyList<Vec3> Vertices => _v;

        private (double X, double Y) Project(Vec3 p) => (p.Dot(_e1) / p.Dot(_c), p.Dot(_e2) / p.Dot(_c));

        private bool Inside(in Vec3 p)
        {
            if (p.Dot(_c) <= 0) return false; // the far hemisphere: the polygons span a few degrees
            var (x, y) = Project(p);
            bool inside = false;
            for (int i = 0, j = _plane.Length - 1; i < _plane.Length; j = i++)
            {
                var (xi, yi) = _plane[i]; var (xj, yj) = _plane[j];
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
            }
            return inside;
        }

        /// <summary>Signed angle from p to the polygon's boundary: negative inside.</summary>
        public double SignedDistanceRad(in Vec3 p)
        {
            double best = double.PositiveInfinity;
            for (int i = 0; i < _v.Length; i++) best = Math.Min(best, PointToArcRad(p, _v[i], _v[(i + 1) % _v.Length]));
            return Inside(p) ? -best : best;
        }

        public Airspace ToAirspace(string id) =>
            TestAirspaces.FromLatLon(id, _v.Select(v => v.ToGeo()).Select(g => (g.LatDeg, g.LonDeg)).ToArray());
    }

    private static Vec3 Offset(in Vec3 c, double distRad, double azRad) => SphereTestGeometry.Offset(c, distRad, azRad);

    // A star-shaped polygon (often concave) of 5-8 vertices around c, radius 0.6°-2.5°.
    private static TestPolygon StarPolygon(Random rng, Vec3 c)
    {
        int n = rng.Next(5, 9);
        double r = (0.6 + 1.9 * rng.NextDouble()) * Math.PI / 180;
        var az = Enumerable.Range(0, n).Select(i => (i + 0.2 + 0.6 * rng.NextDouble()) * 2 * Math.PI / n).ToArray();
        var v = az.Select(a => Offset(c, r * (0.45 + 0.55 * rng.NextDouble()), a)).ToArray();
        // Round-trip through lat/lon, as the airspace will hold them.
        v = v.Select(x => Vec3.FromGeo(new GeoPoint(x.ToGeo().LatDeg, x.ToGeo().LonDeg))).ToArray();
        return new TestPolygon(c, v);
    }

    // Legs sampled every ~1 km (both ends included).
    private static IEnumerable<Vec3> Samples(RoutePlan plan)
    {
        var w = plan.Waypoints.Select(Vec3.FromGeo).ToArray();
        for (int i = 0; i + 1 < w.Length; i++)
        {
            double ang = Angle(w[i], w[i + 1]);
            int n = Math.Max(1, (int)Math.Ceiling(ang * KmPerRad));
            for (int j = 0; j <= n; j++) yield return SphereTestGeometry.Slerp(w[i], w[i + 1], (double)j / n);
        }
    }

    private static readonly double[] Buffers = [0, 5, 10, 25, 40];

    // How much nearer than its buffer a route may come to a closure: the buffered boundary lies outside the exact
    // buffer (fans circumscribe the circle, strips bulge outward), less the snap rounding of its vertices (6 mm).
    private const double ToleranceRad = 2e-8;

    /// <summary>
    /// Random pairs of overlapping or near closures (star-shaped, often concave) with different buffers, ends outside
    /// every buffer: each route keeps at least each closure's own buffer from it (sampled every ~1 km), is no longer than
    /// the route with every buffer the largest and no shorter than with every buffer the smallest, and (for a first few
    /// cases, 8 corner segments to keep the O(n³) reference small) has the length of the brute-force shortest path
    /// around the planner's own boundary.
    /// </summary>
    [Test]
    public void RandomPairsKeepEachOwnBuffer_BetweenTheAllSmallestAndAllLargestRoutes()
    {
        var rng = new Random(20261207);
        int cases = 0, detours = 0, strictlyShorter = 0, nearerThanLargest = 0, bruteForced = 0;
        while (cases < 36)
        {
            var c1 = Vec3.FromGeo(new GeoPoint(-30 + 60 * rng.NextDouble(), -180 + 360 * rng.NextDouble()));
            var p1 = StarPolygon(rng, c1);
            var p2 = StarPolygon(rng, Offset(c1, (0.5 + 3.5 * rng.NextDouble()) * Math.PI / 180, 2 * Math.PI * rng.NextDouble()));
            double b1 = Buffers[rng.Next(Buffers.Length)], b2;
            do b2 = Buffers[rng.Next(Buffers.Length)]; while (b2 == b1);
            var polys = new[] { p1, p2 };
            var bufNm = new[] { b1, b2 };
            var closures = new[] { p1.ToAirspace("P1"), p2.ToAirspace("P2") };
            var byId = new Dictionary<string, double> { ["P1"] = b1, ["P2"] = b2 };
            double lo = Math.Min(b1, b2), hi = Math.Max(b1, b2);
            DetourPlanner mixed, largest, smallest;
            try
            {
                mixed = Planner(closures, 0, byId);
                largest = Planner(closures, hi);
                smallest = Planner(closures, lo);
            }
            catch (ArgumentException) { continue; } // a self-intersecting draw (the loaders reject it): draw again
            cases++;
            for (int r = 0; r < 4; r++)
            {
                // Ends 4°-9° from the first centre on roughly opposite sides, outside every buffer by 1 km.
                double az = 2 * Math.PI * rng.NextDouble();
                var o = Offset(c1, (4 + 5 * rng.NextDouble()) * Math.PI / 180, az);
                var d = Offset(c1, (4 + 5 * rng.NextDouble()) * Math.PI / 180, az + Math.PI + (rng.NextDouble() - 0.5));
                if (polys.Zip(bufNm).Any(p => Math.Min(p.First.SignedDistanceRad(o), p.First.SignedDistanceRad(d)) < NmToRad(hi) + 1 / KmPerRad)) continue;
                var from = o.ToGeo(); var to = d.ToGeo();
                var plan = mixed.Plan(from, to);
                string what = $"case {cases}: P1 {b1} NM [{Ring(p1)}], P2 {b2} NM [{Ring(p2)}], {from} -> {to}: {Describe(plan)}";
                Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), what);
                Assert.That(plan.DepartsThroughBuffer || plan.ArrivesThroughBuffer, Is.False, what);
                if (plan.Status == RouteStatus.Detour) detours++;
                // Each closure's own buffer, by sampling.
                var nearest = new[] { double.PositiveInfinity, double.PositiveInfinity };
                foreach (var x in Samples(plan))
                    for (int k = 0; k < 2; k++) nearest[k] = Math.Min(nearest[k], polys[k].SignedDistanceRad(x));
                for (int k = 0; k < 2; k++)
                    Assert.That(nearest[k], Is.GreaterThanOrEqualTo(NmToRad(bufNm[k]) - ToleranceRad),
                        $"{what}: {nearest[k] * KmPerRad:F6} km from P{k + 1}, buffer {NmToRad(bufNm[k]) * KmPerRad:F6} km");
                int small = b1 < b2 ? 0 : 1;
                if (nearest[small] < NmToRad(hi) - 1e-6) nearerThanLargest++;
                // Between the all-smallest and all-largest routes (the regions nest: smallest ⊆ mixed ⊆ largest), up to
                // the snap rounding of the buffered vertices (6 mm each; the unions are noded differently): 0.1 m.
                double km = plan.RouteKm!.Value, kmHi = largest.Plan(from, to).RouteKm!.Value, kmLo = smallest.Plan(from, to).RouteKm!.Value;
                Assert.That(km, Is.LessThanOrEqualTo(kmHi + 1e-4), $"{what}; all {hi} NM: {kmHi:R} km");
                Assert.That(km, Is.GreaterThanOrEqualTo(kmLo - 1e-4), $"{what}; all {lo} NM: {kmLo:R} km");
                if (km < kmHi - 1e-3) strictlyShorter++;
                // The exact optimum around the planner's own obstacles.
                if (bruteForced < 6 && plan.Status == RouteStatus.Detour)
                {
                    var coarse = Planner(closures, 0, byId, cornerSegments: 8);
                    var cp = coarse.Plan(from, to);
                    if (cp.DepartsThroughBuffer || cp.ArrivesThroughBuffer) continue;
                    var boundary = coarse.PlanningBoundaries.Select((loops, i) => AsAirspace($"B{i}", loops)).ToArray();
                    double expected = new BruteForceShortestPath(boundary).Shortest(o, d);
                    Assert.That(cp.SphereRad, Is.EqualTo(expected).Within(1e-9 * expected), $"{what}; 8 corner segments {Describe(cp)}; brute force {expected:R}");
                    bruteForced++;
                }
            }
        }
        TestContext.Out.WriteLine($"{cases} cases, {detours} detours, {strictlyShorter} shorter than all-largest, {nearerThanLargest} nearer the smaller-buffer closure than the larger buffer, {bruteForced} brute-forced");
        Assert.That(detours, Is.GreaterThan(20), "too few blocked routes: the generator does not exercise the planner");
        Assert.That(strictlyShorter, Is.GreaterThan(5), "the mixed buffers must make some routes shorter than the largest buffer's");
        Assert.That(nearerThanLargest, Is.GreaterThan(5), "some routes must come nearer the smaller-buffer closure than the larger buffer");
        Assert.That(bruteForced, Is.GreaterThanOrEqualTo(3));
    }

    private static string Ring(TestPolygon p) =>
        string.Join(", ", p.Vertices.Select(v => v.ToGeo()).Select(g => string.Create(CultureInfo.InvariantCulture, $"({g.LatDeg:R},{g.LonDeg:R})")));

    private static string Describe(RoutePlan p) => SphereTestGeometry.Describe(p);

    private static Airspace AsAirspace(string id, IReadOnlyList<Vec3[]> loops)
    {
        var rings = loops.Select(l => TestAirspaces.Ring(l.Select(v => v.ToGeo()).Select(g => (g.LatDeg, g.LonDeg)).ToArray())).ToArray();
        return new Airspace(id, id, AirspaceKind.Other, TestAirspaces.Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
    }

    /// <summary>
    /// A closure at 0 NM overlapping one at 25 NM (one cluster, merged): a route may run along the unbuffered one's
    /// border (its boundary is part of the obstacle's, the band is the buffered one's alone), and an end 6 NM off the
    /// unbuffered one is outside every band while 6 NM off the buffered one is inside its band.
    /// </summary>
    [Test]
    public void AnUnbufferedClosureMergedWithABufferedOneKeepsItsOwnBoundary()
    {
        var west = TestAirspaces.FromLatLon("W", (10, 20), (10, 22), (12, 22), (12, 20));
        var east = TestAirspaces.FromLatLon("E", (10.5, 21.5), (10.5, 24), (11.5, 24), (11.5, 21.5));
        var planner = Planner([west, east], 0, new Dictionary<string, double> { ["E"] = 25 });
        // 0.1° (6 NM) north of W and 0.6° (36 NM) north of E's top: outside every band, so the route along W's north side
        // is direct (with W's buffer the largest, 25 NM, it would start in W's band).
        var p = planner.Plan(new(12.1, 18), new(12.1, 21.9));
        Assert.That(p.Status, Is.EqualTo(RouteStatus.Direct), Describe(p));
        Assert.That(p.DepartsThroughBuffer || p.ArrivesThroughBuffer, Is.False);
        // An end 0.1° east of E is in E's band; one 0.1° west of W is not in any band.
        Assert.That(planner.Plan(new(11, 24.1), new(11, 30)).DepartsThroughBuffer, Is.True);
        Assert.That(planner.Plan(new(11, 19.9), new(11, 10)).DepartsThroughBuffer, Is.False);
        // Across both, south to north: around W's corners (0 NM) where E's band does not reach.
        var across = planner.Plan(new(9, 20.5), new(13, 20.5));
        Assert.That(across.Status, Is.EqualTo(RouteStatus.Detour), Describe(across));
        var w = new TestPolygon(Vec3.FromGeo(new GeoPoint(11, 21)), [.. new (double, double)[] { (10, 20), (10, 22), (12, 22), (12, 20) }.Select(q => Vec3.FromGeo(new GeoPoint(q.Item1, q.Item2)))]);
        double nearestW = Samples(across).Min(x => w.SignedDistanceRad(x));
        Assert.That(nearestW, Is.GreaterThanOrEqualTo(-ToleranceRad), Describe(across));
        Assert.That(nearestW, Is.LessThan(1e-6), $"the route turns at W's own corner: {Describe(across)}");
        // The same route of a planner of W alone without a buffer (E is not in the way of the western turn).
        Assert.That(across.RouteKm, Is.EqualTo(Planner([west], 0).Plan(new(9, 20.5), new(13, 20.5)).RouteKm).Within(1e-9));
    }

    [Test]
    public void BufferValidation_NamesTheId()
    {
        Airspace[] closures = [Cee, Box];
        DetourPlanner Build(IReadOnlyDictionary<string, double> byId) =>
            DetourPlanner.Build(closures, DetourPlannerOptions.Default with { BufferNm = 5, BufferNmByAirspaceId = byId });
        foreach (double bad in new[] { -1, double.NaN, double.PositiveInfinity, DetourPlanner.MaxBufferNm + 1, -1e-300 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Build(new Dictionary<string, double> { ["BOX"] = bad }), bad.ToString(CultureInfo.InvariantCulture));
            Assert.That(e!.Message, Does.Contain("BOX"));
        }
        var unknown = Assert.Throws<ArgumentException>(() => Build(new Dictionary<string, double> { ["CEE"] = 5, ["NOPE"] = 10 }));
        Assert.That(unknown!.Message, Does.Contain("NOPE"));
        Assert.That(unknown, Is.Not.InstanceOf<ArgumentOutOfRangeException>());
        // Ids are ordinal: "box" is not BOX.
        Assert.That(Assert.Throws<ArgumentException>(() => Build(new Dictionary<string, double> { ["box"] = 10 }))!.Message, Does.Contain("box"));
        // The bounds themselves are allowed, and unlisted ids keep the default.
        var ok = Build(new Dictionary<string, double> { ["BOX"] = DetourPlanner.MaxBufferNm, ["CEE"] = 0 });
        Assert.That((ok.BufferNm, ok.BufferNmOf("BOX"), ok.BufferNmOf("CEE"), ok.LargestBufferNm), Is.EqualTo((5.0, DetourPlanner.MaxBufferNm, 0.0, DetourPlanner.MaxBufferNm)));
        var partial = Build(new Dictionary<string, double> { ["BOX"] = 1 });
        Assert.That((partial.BufferNmOf("CEE"), partial.BufferNmOf("BOX")), Is.EqualTo((5.0, 1.0)));
        Assert.Throws<ArgumentException>(() => partial.BufferNmOf("NOPE"));
        Assert.Throws<ArgumentNullException>(() => partial.BufferNmOf(null!));
    }
}
