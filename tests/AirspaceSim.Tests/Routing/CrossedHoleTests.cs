using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using static AirspaceSim.Tests.TestAirspaces;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// <see cref="RoutePlan.Crossed"/> names a closure only if the direct route passes through its area, holes respected,
/// checked against a brute-force sampling of the route. The old test or'ed the shell's "entered" with the holes': a
/// route through the point where a hole touches the shell, from outside straight into the hole, "entered" the shell
/// there and was reported crossing the closure. The routes start inside a closure C outside A, so that every one is
/// unreachable and its crossed list comes from the closures' own polygons.
/// </summary>
public class CrossedHoleTests
{
    // C: south-west of both polygons, holding every origin; it touches neither.
    private static readonly Airspace C = FromLatLon("C", (-40, -40), (-40, -0.5), (-0.5, -0.5), (-0.5, -40));

    // A diamond whose west vertex (0,0) is also a vertex of its hole: the point (1,0,0) exactly.
    private static readonly Airspace PinchAtVertex = new("V", "V", AirspaceKind.Other,
        Factory.CreatePolygon(Ring((0, 0), (-10, 10), (0, 20), (10, 10)), [Ring((0, 0), (-3, 6), (0, 12), (3, 6))]));

    // A box whose south edge runs along the equator through (0,0), where a vertex of its hole touches it.
    private static readonly Airspace PinchOnEdge = new("E", "E", AirspaceKind.Other,
        Factory.CreatePolygon(Ring((0, -10), (0, 10), (10, 10), (10, -10)), [Ring((0, 0), (4, 3), (6, 0), (4, -3))]));

    // A box with a hole that touches nothing, and an island B in the hole (routes inside the hole cross B only).
    private static readonly Airspace Plain = new("P", "P", AirspaceKind.Other,
        Factory.CreatePolygon(Ring((0, 0), (0, 20), (20, 20), (20, 0)), [Ring((5, 5), (15, 5), (15, 15), (5, 15))]));
    private static readonly Airspace Island = FromLatLon("B", (9, 9), (9, 11), (11, 11), (11, 9));

    // Brute force: a point of the open arc strictly inside the area (samples at irrational-ish fractions, none at the
    // touch point), or an end inside it.
    private static bool PassesThrough(Airspace a, GeoPoint from, GeoPoint to)
    {
        Vec3 p = Vec3.FromGeo(from), q = Vec3.FromGeo(to);
        if (a.Region.Contains(p) || a.Region.Contains(q)) return true;
        const int n = 40_001;
        for (int i = 1; i < n; i++)
        {
            double s = (i + 0.37) / (n + 1);
            if (a.Region.Contains(((1 - s) * p + s * q).Normalize())) return true;
        }
        return false;
    }

    private static void Check(Airspace a, IEnumerable<(GeoPoint From, GeoPoint To)> routes, Airspace[] closures, ref int through, ref int clear)
    {
        var planner = DetourPlanner.Build(closures);
        foreach (var (from, to) in routes)
        {
            var plan = planner.Plan(from, to);
            Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Direct), $"{from} -> {to}: the test needs the crossed list");
            bool expected = PassesThrough(a, from, to);
            Assert.That(plan.Crossed.Contains(a.Id), Is.EqualTo(expected),
                $"{from} -> {to}: crossed [{string.Join(", ", plan.Crossed)}], brute force says {(expected ? "through" : "clear of")} {a.Id}");
            if (expected) through++; else clear++;
        }
    }

    // Routes from (-lat, -lon) in C to (lat, lon): exactly through (0,0), since the two ends' vectors sum to a multiple
    // of (1,0,0) in every bit (cos and sin are even and odd functions in IEEE arithmetic, as the planner's exact
    // predicates then see).
    private static IEnumerable<(GeoPoint, GeoPoint)> ThroughOrigin(Random rng, int count, double minLon, double maxLon, double minLat, double maxLat)
    {
        for (int i = 0; i < count; i++)
        {
            double lat = minLat + (maxLat - minLat) * rng.NextDouble(), lon = minLon + (maxLon - minLon) * rng.NextDouble();
            yield return (new GeoPoint(-lat, -lon), new GeoPoint(lat, lon));
        }
    }

    [Test]
    public void ARouteThroughTheVertexWhereAHoleTouchesTheShellCrossesOnlyIfItEntersTheArea()
    {
        int through = 0, clear = 0;
        var rng = new Random(8);
        // Heading east from (0,0) between north-east and south-east: into the hole (|lat| < lon / 2), into the area
        // beside it, or out of the diamond; and lengths that end in the hole, in the area or beyond the diamond.
        Check(PinchAtVertex, ThroughOrigin(rng, 150, 1, 25, -20, 20), [C, PinchAtVertex], ref through, ref clear);
        Assert.That(through, Is.GreaterThan(20)); Assert.That(clear, Is.GreaterThan(20));
    }

    [Test]
    public void ARouteThroughTheEdgePointWhereAHoleTouchesTheShellCrossesOnlyIfItEntersTheArea()
    {
        int through = 0, clear = 0;
        var rng = new Random(9);
        // From the south through (0,0), on the box's south edge: into the hole above it or into the box beside it, ending
        // in the hole or past it.
        Check(PinchOnEdge, ThroughOrigin(rng, 200, -6, 6, 0.5, 5.5), [C, PinchOnEdge], ref through, ref clear);
        Assert.That(through, Is.GreaterThan(20)); Assert.That(clear, Is.GreaterThan(20));
    }

    [Test]
    public void AnyOtherRouteAgreesWithTheBruteForce()
    {
        // Generic routes from C to anywhere around the three polygons (no exact contact with a touch point).
        int through = 0, clear = 0;
        var rng = new Random(10);
        foreach (var a in new[] { PinchAtVertex, PinchOnEdge })
        {
            var routes = Enumerable.Range(0, 100).Select(_ => (new GeoPoint(-1 - 20 * rng.NextDouble(), -1 - 20 * rng.NextDouble()),
                new GeoPoint(-15 + 30 * rng.NextDouble(), -15 + 40 * rng.NextDouble()))).ToList();
            Check(a, routes, [C, a], ref through, ref clear);
        }
        Assert.That(through, Is.GreaterThan(20)); Assert.That(clear, Is.GreaterThan(20));
    }

    [Test]
    public void ARouteThatStaysInAHoleDoesNotCrossIt()
    {
        // Origins in the island B, inside P's hole; destinations in the hole (clear of P) or beyond it (through P).
        int through = 0, clear = 0;
        var rng = new Random(11);
        var routes = Enumerable.Range(0, 150).Select(i => (new GeoPoint(9.2 + 1.6 * rng.NextDouble(), 9.2 + 1.6 * rng.NextDouble()),
            i % 2 == 0 ? new GeoPoint(5.5 + 9 * rng.NextDouble(), 5.5 + 9 * rng.NextDouble()) : new GeoPoint(-5 + 30 * rng.NextDouble(), -5 + 30 * rng.NextDouble()))).ToList();
        // The brute force (40,000 points a route, most of the test's time) depends on the route only: computed once for
        // both buffers, on every core, as are the plans (the planner is thread-safe); asserted in the routes' order.
        var passes = routes.AsParallel().AsOrdered().Select(r => PassesThrough(Plain, r.Item1, r.Item2)).ToList();
        foreach (double bufferNm in new[] { 0.0, 10 })
        {
            var planner = DetourPlanner.Build([Plain, Island], bufferNm);
            var plans = routes.AsParallel().AsOrdered().Select(r => planner.Plan(r.Item1, r.Item2)).ToList();
            for (int k = 0; k < routes.Count; k++)
            {
                var (from, to) = routes[k];
                var plan = plans[k];
                bool expected = passes[k];
                Assert.That(plan.Crossed.Contains("P"), Is.EqualTo(expected), $"{from} -> {to} (buffer {bufferNm} NM): crossed [{string.Join(", ", plan.Crossed)}]");
                Assert.That(plan.Crossed, Does.Contain("B"), $"{from} -> {to}: starts in B");
                if (expected) through++; else clear++;
            }
        }
        Assert.That(through, Is.GreaterThan(20)); Assert.That(clear, Is.GreaterThan(20));
    }
}
