using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>Closures that share borders: no route may slip between them, and enclaves are unreachable.</summary>
[TestFixture]
public class TouchingClosureTests
{
    // Two squares sharing the side lon = 2 (a meridian, so the shared edge is the same great-circle arc in both).
    private static readonly Airspace West = TestAirspaces.FromLatLon("W", (10, 0), (10, 2), (12, 2), (12, 0));
    private static readonly Airspace East = TestAirspaces.FromLatLon("E", (10, 2), (10, 4), (12, 4), (12, 2));
    // Their union, by hand: the shared side's ends stay vertices (the long sides are two great-circle arcs each).
    private static readonly Airspace Union = TestAirspaces.FromLatLon("W+E", (10, 0), (10, 2), (10, 4), (12, 4), (12, 2), (12, 0));

    /// <summary>No sample of any leg lies in the interior of the union (the shared border included).</summary>
    private static void AssertNeverInUnion(RoutePlan plan, BruteForceShortestPath unionAware)
    {
        var w = WaypointVectors(plan);
        for (int l = 0; l + 1 < w.Length; l++)
            for (int k = 1; k < 400; k++)
            {
                var p = Slerp(w[l], w[l + 1], k / 400.0);
                Assert.That(unionAware.Blocked(p), Is.False, $"leg {l} sample {k}/400 at {p.ToGeo()} is inside the merged closures; {Describe(plan)}");
            }
    }

    [TestCase(5, 2, 17, 2, TestName = "Squares: direct line runs along the shared side")]
    [TestCase(5, 1.5, 17, 2.5, TestName = "Squares: direct line crosses the shared side")]
    [TestCase(11, -3, 11, 7, TestName = "Squares: direct line crosses both squares")]
    public void NoRouteSlipsBetweenTwoSquares(double lat1, double lon1, double lat2, double lon2)
    {
        var from = new GeoPoint(lat1, lon1); var to = new GeoPoint(lat2, lon2);
        var plan = DetourPlanner.Build([West, East]).Plan(from, to);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), Describe(plan));
        var o = Vec3.FromGeo(from); var d = Vec3.FromGeo(to);
        double onUnion = new BruteForceShortestPath([Union]).Shortest(o, d);
        double onPair = new BruteForceShortestPath([West, East]).Shortest(o, d);
        Assert.That(onPair, Is.EqualTo(onUnion).Within(1e-12 * onUnion), "brute force on the pair vs on the hand-built union");
        Assert.That(plan.SphereRad, Is.EqualTo(onUnion).Within(1e-9 * onUnion), Describe(plan));
        AssertNeverEnters(plan, [Union]);
        AssertNeverInUnion(plan, new BruteForceShortestPath([West, East]));
        // Between the two squares there is nothing to turn at but the ends of the shared side.
        Assert.That(plan.SphereRad, Is.GreaterThan(Vec3.Angle(o, d) + 1e-6));
    }

    [Test]
    public void NoRouteSlipsBetweenSvzmAndTncf()
    {
        var svzm = TestAirspaces.Bundled("SVZM"); var tncf = TestAirspaces.Bundled("TNCF");
        var shared = Rings(tncf).First().Where(v => Rings(svzm).First().Contains(v)).ToList();
        Assert.That(shared, Has.Count.GreaterThanOrEqualTo(2), "SVZM and TNCF share border vertices");
        var ring = Rings(tncf).First();
        var bf = new BruteForceShortestPath([svzm, tncf]);
        int tested = 0;
        for (int i = 0; i < ring.Length; i++)
        {
            var a = ring[i]; var b = ring[(i + 1) % ring.Length];
            if (!shared.Contains(a) || !shared.Contains(b)) continue;
            // The great circle of the shared edge, extended beyond both ends: the direct route runs along the border.
            foreach (var (t0, t1) in new[] { (-0.5, 1.5), (-1.0, 2.0), (-2.0, 3.0) })
            {
                var o = Slerp(a, b, t0); var d = Slerp(a, b, t1);
                if (bf.Blocked(o) || bf.Blocked(d)) continue;
                var from = o.ToGeo(); var to = d.ToGeo();
                var plan = DetourPlanner.Build([svzm, tncf]).Plan(from, to);
                double expected = bf.Shortest(Vec3.FromGeo(from), Vec3.FromGeo(to));
                Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), $"{from}→{to}: {Describe(plan)}");
                Assert.That(plan.SphereRad, Is.EqualTo(expected).Within(1e-9 * expected), $"{from}→{to}: {Describe(plan)}");
                AssertNeverEnters(plan, [svzm, tncf]);
                AssertNeverInUnion(plan, bf);
                tested++;
                break;
            }
        }
        Assert.That(tested, Is.GreaterThan(0), "no shared edge of SVZM/TNCF had both extensions outside the closures");
        TestContext.Out.WriteLine($"{tested} routes along shared SVZM/TNCF edges");
    }

    // Two C-shaped closures that together form a ring around the hole lat 23..27, lon 23..27.
    private static readonly Airspace LeftC = TestAirspaces.FromLatLon("LC",
        (20, 20), (20, 25), (23, 25), (23, 23), (27, 23), (27, 25), (30, 25), (30, 20));
    private static readonly Airspace RightC = TestAirspaces.FromLatLon("RC",
        (20, 25), (20, 30), (30, 30), (30, 25), (27, 25), (27, 27), (23, 27), (23, 25));

    [Test]
    public void EnclaveIsUnreachableFromOutside()
    {
        var planner = DetourPlanner.Build([LeftC, RightC]);
        var hole = new GeoPoint(25, 24); var outside = new GeoPoint(25, 40);
        foreach (var (a, b) in new[] { (hole, outside), (outside, hole) })
        {
            var plan = planner.Plan(a, b);
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Unreachable), Describe(plan));
            Assert.That(plan.Reason, Is.Not.Null.And.Not.Empty);
            Assert.That(plan.Waypoints, Is.Empty);
            Assert.That(plan.RouteKm, Is.Null);
            Assert.That(new BruteForceShortestPath([LeftC, RightC]).Shortest(Vec3.FromGeo(a), Vec3.FromGeo(b)), Is.EqualTo(double.PositiveInfinity));
        }
        // Inside the enclave, routes exist.
        var inner = planner.Plan(new GeoPoint(24, 24), new GeoPoint(26, 26));
        Assert.That(inner.Status, Is.EqualTo(RouteStatus.Direct), Describe(inner));
    }
}
