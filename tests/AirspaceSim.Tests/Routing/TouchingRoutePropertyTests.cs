using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using FsProperty = FsCheck.NUnit.PropertyAttribute;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// The boundary convention as properties on random convex polygons (vertices on a small circle of radius 1–15° about a
/// random centre, so in convex position): a route along an edge, from one vertex to the next, touches the closure and
/// is direct; a route between two non-adjacent vertices is a chord through the interior and must detour, as must a
/// route through both of them from beyond. Route ends are the
/// polygon's own vertices (the same doubles), so the degenerate contacts are exact, not approximate.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TouchingRoutePropertyTests
{
    private static (Airspace Closure, GeoPoint[] Vertices) RandomConvex(int seed)
    {
        var rng = new Random(seed);
        var c = Vec3.FromLatLonDeg(160 * rng.NextDouble() - 80, 360 * rng.NextDouble() - 180);
        double r = (1 + 14 * rng.NextDouble()) * Math.PI / 180;
        int n = rng.Next(4, 12);
        var az = Enumerable.Range(0, n).Select(i => 2 * Math.PI * (i + 0.8 * rng.NextDouble()) / n).ToArray();
        // Round-trip through degrees: the loop's vertices are then exactly Vec3.FromGeo of the route ends.
        var v = az.Select(a => Offset(c, r, a).ToGeo()).ToArray();
        return (TestAirspaces.FromLatLon("CONVEX", v.Select(g => (g.LatDeg, g.LonDeg)).ToArray()), v);
    }

    private static double Direct(GeoPoint a, GeoPoint b) => Vec3.Angle(Vec3.FromGeo(a), Vec3.FromGeo(b));

    [FsProperty(MaxTest = 60)]
    public void RoutesAlongAnEdgeAreDirect(int seed)
    {
        var (a, v) = RandomConvex(seed);
        var planner = DetourPlanner.Build([a], new DetourPlannerOptions { LegLengthKm = SphereKm });
        int n = v.Length, i = Math.Abs(seed % n);
        foreach (var (from, to) in new[] { (v[i], v[(i + 1) % n]), (v[(i + 1) % n], v[i]) })
        {
            var plan = planner.Plan(from, to);
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Direct), $"seed {seed}: along edge {i}: {Describe(plan)}");
            Assert.That(plan.Crossed, Is.Empty);
            Assert.That(a.Region.Polygons[0].Shell.IsEnteredBy(Vec3.FromGeo(from), Vec3.FromGeo(to)), Is.False);
        }
    }

    [FsProperty(MaxTest = 60)]
    public void ChordsThroughTheInteriorDetour(int seed)
    {
        var (a, v) = RandomConvex(seed);
        var planner = DetourPlanner.Build([a], new DetourPlannerOptions { LegLengthKm = SphereKm });
        var brute = new BruteForceShortestPath([a]);
        int n = v.Length, i = Math.Abs(seed % n), j = (i + 2 + Math.Abs(seed / 7 % (n - 3))) % n; // not adjacent to i
        var (u, w) = (Vec3.FromGeo(v[i]), Vec3.FromGeo(v[j]));
        // From beyond both ends, on the chord's great circle (as close to it as doubles allow): through two vertices.
        var beyondU = Slerp(w, u, 1.5).ToGeo();
        var beyondW = Slerp(u, w, 1.5).ToGeo();
        foreach (var (from, to) in new[] { (v[i], v[j]), (beyondU, beyondW) })
        {
            var plan = planner.Plan(from, to);
            string ctx = $"seed {seed}: chord {i}–{j} {from} -> {to}: {Describe(plan)}";
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), ctx);
            Assert.That(plan.SphereRad, Is.GreaterThan(Direct(from, to)), ctx);
            double expected = brute.Shortest(Vec3.FromGeo(from), Vec3.FromGeo(to));
            Assert.That(plan.SphereRad, Is.EqualTo(expected).Within(1e-9 * expected), ctx);
            AssertNeverEnters(plan, [a], 50, ctx);
        }
        Assert.That(a.Region.Polygons[0].Shell.IsEnteredBy(u, w), Is.True, "the chord enters the interior");
    }
}
