using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>
/// The public <see cref="AirspaceQueries.Contains"/> uses the planner's route-end rule (issue 8): a point exactly on the
/// boundary, a vertex or exactly on an edge, is outside; a seam where two parts of one multipolygon touch is inside.
/// Checked against an independent reference, not the code under test: the points are placed where the arithmetic is
/// exact (the equator, z = 0, and the prime meridian, y = 0, are edges; vertices are the input points), so which are on
/// the boundary is known by construction, and every one is also asked of the planner (an end the planner calls inside
/// is unreachable with <see cref="UnreachableReason.OriginInside"/>). A square in each quadrant at (0, 0) puts the
/// airspace on either side of each edge: symbolic perturbation, which the method used before, put some edge points
/// inside.
/// </summary>
[TestFixture]
public class ContainsBoundaryRuleTests
{
    private static readonly (int, int)[] Quadrants = [(1, 1), (1, -1), (-1, 1), (-1, -1)];

    private static Airspace Square(int sLat, int sLon) =>
        TestAirspaces.FromLatLon($"SQ{sLat}{sLon}", (0, 0), (0, 4 * sLon), (4 * sLat, 4 * sLon), (4 * sLat, 0));

    // (lat, lon) in units of the quadrant's signs, and whether the point is strictly inside.
    private static readonly (double Lat, double Lon, bool Inside, string What)[] Points =
    [
        (0, 0, false, "vertex at the origin"), (0, 4, false, "vertex on the equator"), (4, 4, false, "far vertex"),
        (0, 2, false, "on the equator edge"), (2, 0, false, "on the prime-meridian edge"), (0, 1e-9, false, "on the equator edge next to the vertex"),
        (1e-12, 2, true, "1e-12 deg inside the equator edge"), (-1e-12, 2, false, "1e-12 deg outside the equator edge"),
        (2, 1e-12, true, "1e-12 deg inside the meridian edge"), (2, -1e-12, false, "1e-12 deg outside the meridian edge"),
        (2, 2, true, "the middle"), (0, 5, false, "on the edge's great circle beyond the arc"),
    ];

    [Test]
    public void BoundaryPointsAreOutsideInFourQuadrantsAsThePlannerHasIt()
    {
        foreach (var (sLat, sLon) in Quadrants)
        {
            var sq = Square(sLat, sLon);
            var planner = DetourPlanner.Build([sq]);
            var away = new GeoPoint(-10 * sLat, 2 * sLon);
            foreach (var (lat, lon, inside, what) in Points)
            {
                var p = new GeoPoint(sLat * lat, sLon * lon);
                string at = $"quadrant ({sLat}, {sLon}) {what}";
                Assert.That(sq.Contains(p), Is.EqualTo(inside), at);
                Assert.That(planner.Plan(p, away).ReasonCode == UnreachableReason.OriginInside, Is.EqualTo(inside), $"{at}: the planner");
                // The signed distance follows Contains: never negative on the boundary.
                if (!inside) Assert.That(sq.SignedDistanceToBoundaryKm(p), Is.GreaterThanOrEqualTo(0).And.Not.NaN, at);
            }
        }
    }

    [Test]
    public void RegionContainsStillPerturbsAndAgreesOffTheBoundary()
    {
        // Region.Contains is the perturbed partition (documented): off the boundary the two agree; on the equator edge
        // the squares above and below it claim the point exactly once between them.
        foreach (var sLon in new[] { 1, -1 })
        {
            Airspace north = Square(1, sLon), south = Square(-1, sLon);
            var onEdge = Vec3.FromLatLonDeg(0, 2 * sLon);
            Assert.That(north.Region.Contains(onEdge) ^ south.Region.Contains(onEdge), Is.True, "a seam belongs to exactly one loop");
            Assert.That(north.Contains(new GeoPoint(0, 2 * sLon)) || south.Contains(new GeoPoint(0, 2 * sLon)), Is.False);
            var rng = new Random(8);
            for (int i = 0; i < 2000; i++)
            {
                var p = new GeoPoint(rng.NextDouble() * 10 - 5, rng.NextDouble() * 10 - 5);
                Assert.That(north.Contains(p), Is.EqualTo(north.Region.Contains(p)), $"{p}");
            }
        }
    }

    [Test]
    public void SeamBetweenTwoPartsOfOneMultipolygonIsInsideItsEndsOutside()
    {
        // Two squares sharing the prime-meridian edge as one MultiPolygon airspace, in the north and the south: the
        // planner merges them, so the seam is inside; the seam's ends lie on the outer boundary and stay outside.
        foreach (var sLat in new[] { 1, -1 })
        {
            var f = TestAirspaces.Factory;
            var multi = f.CreateMultiPolygon([TestAirspaces.Poly((0, 0), (0, -4), (4 * sLat, -4), (4 * sLat, 0)), TestAirspaces.Poly((0, 0), (0, 4), (4 * sLat, 4), (4 * sLat, 0))]);
            var a = new Airspace($"MP{sLat}", "two parts", AirspaceKind.Other, multi);
            var planner = DetourPlanner.Build([a]);
            var away = new GeoPoint(-10 * sLat, 2);
            foreach (var (lat, inside) in new[] { (2.0, true), (1e-9, true), (0.0, false), (4.0, false) })
            {
                var p = new GeoPoint(sLat * lat, 0);
                Assert.That(a.Contains(p), Is.EqualTo(inside), $"{p}");
                Assert.That(planner.Plan(p, away).ReasonCode == UnreachableReason.OriginInside, Is.EqualTo(inside), $"{p}: the planner");
            }
            // A one-part airspace whose point is on an edge is outside without any merging.
            Assert.That(a.Contains(new GeoPoint(0, 2)), Is.False);
            Assert.That(a.Contains(new GeoPoint(2 * sLat, 2)), Is.True);
        }
    }

    [Test]
    public void HoleBoundaryIsOutside()
    {
        // A 4x4 square with a 2x2 hole: the hole's edge and vertices are boundary (outside), the hole itself outside.
        var f = TestAirspaces.Factory;
        var poly = f.CreatePolygon(TestAirspaces.Ring((0, 0), (0, 4), (4, 4), (4, 0)), [TestAirspaces.Ring((1, 0.0 + 1), (1, 3), (3, 3), (3, 1))]);
        var a = new Airspace("HOLE", "with a hole", AirspaceKind.Other, poly);
        Assert.That(a.Contains(new GeoPoint(1, 1)), Is.False, "hole vertex");
        Assert.That(a.Contains(new GeoPoint(2, 2)), Is.False, "in the hole");
        Assert.That(a.Contains(new GeoPoint(0.5, 2)), Is.True, "between shell and hole");
        Assert.That(a.Contains(new GeoPoint(0, 2)), Is.False, "shell edge on the equator");
    }
}
