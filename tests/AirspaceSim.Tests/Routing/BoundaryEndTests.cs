using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Route ends exactly on a closure's boundary. The boundary is flyable (a route that touches it is direct), so an end
/// on it is outside: reachable, and the route may leave it into free space but not into the closure. Exact on-edge
/// points come from edges where the arithmetic is exact: the equator (z = 0 for every latitude-0 point) and the prime
/// meridian (y = 0 for every longitude-0 point), plus the vertices themselves. A square in each of the four quadrants
/// at (0, 0): symbolic perturbation, which decided such points before, put some of them inside.
/// </summary>
[TestFixture]
public class BoundaryEndTests
{
    // Edges (0,0)–(0,4·sLon) on the equator and (0,0)–(4·sLat,0) on the prime meridian are exact great-circle arcs.
    private static Airspace Square(int sLat, int sLon) =>
        TestAirspaces.FromLatLon($"SQ{sLat}{sLon}", (0, 0), (0, 4 * sLon), (4 * sLat, 4 * sLon), (4 * sLat, 0));

    private static readonly (int, int)[] Quadrants = [(1, 1), (1, -1), (-1, 1), (-1, -1)];

    [TestCase(0, 2, true, TestName = "OnBoundary: equator edge, inside the arc")]
    [TestCase(0, 4, true, TestName = "OnBoundary: a vertex")]
    [TestCase(2, 0, true, TestName = "OnBoundary: prime meridian edge")]
    [TestCase(0, 5, false, TestName = "OnBoundary: on the edge's great circle beyond the arc")]
    [TestCase(0, -1, false, TestName = "OnBoundary: on the great circle before the arc")]
    [TestCase(1e-12, 2, false, TestName = "OnBoundary: 1e-12 deg inside")]
    [TestCase(-1e-12, 2, false, TestName = "OnBoundary: 1e-12 deg outside")]
    [TestCase(2, 2, false, TestName = "OnBoundary: the middle")]
    public void OnBoundaryIsExact(double lat, double lon, bool expected)
    {
        var loop = Square(1, 1).Region.Polygons[0].Shell;
        Assert.That(loop.OnBoundary(Vec3.FromLatLonDeg(lat, lon)), Is.EqualTo(expected));
    }

    // (end on the boundary, a point outside the direct line to which leaves the closure, one whose line enters it), in
    // units of the quadrant's signs.
    private static readonly ((double, double) End, (double, double) Away, (double, double) Across)[] Ends =
    [
        ((0, 2), (-10, 2), (10, 2)),     // on the equator edge
        ((0, 1), (-10, 1), (10, 3)),
        ((0, 3.5), (-10, 3), (10, 0.5)),
        ((2, 0), (2, -10), (2, 10)),     // on the meridian edge
        ((1, 0), (1, -10), (3, 10)),
        ((3.25, 0), (3, -10), (0.5, 10)),
        ((0, 0), (-10, -10), (8, 8)),    // the vertex between them
    ];

    [Test]
    public void EndOnTheBoundaryIsOutside()
    {
        foreach (var (sLat, sLon) in Quadrants)
        {
            var square = Square(sLat, sLon);
            var planner = DetourPlanner.Build([square]);
            GeoPoint P((double Lat, double Lon) p) => new(sLat * p.Lat, sLon * p.Lon);
            foreach (var (end, away, across) in Ends)
            {
                string what = $"quadrant ({sLat}, {sLon}), end {P(end)}";
                foreach (var (from, to) in new[] { (P(end), P(away)), (P(away), P(end)) })
                    Assert.That(planner.Plan(from, to).Status, Is.EqualTo(RouteStatus.Direct), $"{what}: {Describe(planner.Plan(from, to))}");
                foreach (var (from, to) in new[] { (P(end), P(across)), (P(across), P(end)) })
                {
                    var plan = planner.Plan(from, to);
                    Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), $"{what}: {Describe(plan)}");
                    AssertNeverEnters(plan, [square], context: what);
                    Assert.That(plan.SphereRad, Is.GreaterThan(Vec3.Angle(Vec3.FromGeo(from), Vec3.FromGeo(to)) + 1e-6), what);
                }
            }
        }
    }

    [Test]
    public void AClosureWhoseBoundaryAnEndIsOnIsNotListedAsCrossed()
    {
        // The end on the square's equator edge leaves it; the route then crosses a box further out. The crossed list (with
        // a buffer, computed per closure) names the box only: the end is outside the square by the same exact rule that
        // decided the route, where symbolic perturbation put it inside the square for some quadrants.
        foreach (var (sLat, sLon) in Quadrants)
        {
            var square = Square(sLat, sLon);
            var box = TestAirspaces.FromLatLon($"BOX{sLat}{sLon}", (-4 * sLat, 1 * sLon), (-4 * sLat, 3 * sLon), (-6 * sLat, 3 * sLon), (-6 * sLat, 1 * sLon));
            var plan = DetourPlanner.Build([square, box], 1).Plan(new GeoPoint(0, 2 * sLon), new GeoPoint(-10 * sLat, 2 * sLon));
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), Describe(plan));
            Assert.That(plan.Crossed, Is.EqualTo(new[] { box.Id }), $"quadrant ({sLat}, {sLon}): {Describe(plan)}");
        }
    }

    [Test]
    public void EndsAlongOneEdgeAreDirect()
    {
        var planner = DetourPlanner.Build([Square(1, 1)]);
        Assert.That(planner.Plan(new GeoPoint(0, 1), new GeoPoint(0, 3)).Status, Is.EqualTo(RouteStatus.Direct));
        Assert.That(planner.Plan(new GeoPoint(1, 0), new GeoPoint(3, 0)).Status, Is.EqualTo(RouteStatus.Direct));
    }

    [Test]
    public void EndJustInsideIsInside()
    {
        // 1e-9 deg (0.1 mm) inside the equator edge: inside, so the rule is exact, not a tolerance around the boundary.
        var planner = DetourPlanner.Build([Square(1, 1)]);
        Assert.That(planner.Plan(new GeoPoint(1e-9, 2), new GeoPoint(-10, 2)).ReasonCode, Is.EqualTo(UnreachableReason.OriginInside));
        Assert.That(planner.Plan(new GeoPoint(-10, 2), new GeoPoint(1e-9, 2)).ReasonCode, Is.EqualTo(UnreachableReason.DestinationInside));
        Assert.That(planner.Plan(new GeoPoint(-1e-9, 2), new GeoPoint(-10, 2)).Status, Is.EqualTo(RouteStatus.Direct));
    }

    [Test]
    public void EndOnTheClosureBoundaryInsideItsBufferDepartsThroughTheBand()
    {
        foreach (var (sLat, sLon) in Quadrants)
        {
            var planner = DetourPlanner.Build([Square(sLat, sLon)], 25);
            var edge = new GeoPoint(0, 2 * sLon); var meridian = new GeoPoint(2 * sLat, 0);
            var plan = planner.Plan(edge, new GeoPoint(-10 * sLat, 2 * sLon));
            Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), Describe(plan));
            Assert.That(plan.DepartsThroughBuffer, Is.True, Describe(plan));
            var arrive = planner.Plan(new GeoPoint(2 * sLat, -10 * sLon), meridian);
            Assert.That(arrive.Status, Is.Not.EqualTo(RouteStatus.Unreachable), Describe(arrive));
            Assert.That(arrive.ArrivesThroughBuffer, Is.True, Describe(arrive));
        }
    }
}
