using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>
/// <see cref="LimitsMerge.ClusterIndexes"/> groups two polygons exactly when their regions grown by their buffers can
/// meet, not whenever their bounding caps do: hand-made polygons whose distances are worked out by hand.
/// </summary>
[TestFixture]
public class ClusteringTests
{
    private const double NmRad = Units.MetresPerNm / Sphere.MeanRadiusM;

    private static bool Grouped(Airspace a, Airspace b, double bufferNmA, double bufferNmB)
    {
        var parts = LimitsMerge.Parts([a, b]);
        Assert.That(parts, Has.Count.EqualTo(2));
        var groups = LimitsMerge.ClusterIndexes(parts, [bufferNmA * NmRad, bufferNmB * NmRad]).ToList();
        return groups.Count == 1;
    }

    private static bool CapsMayMeet(Airspace a, Airspace b, double widenRad = 0)
    {
        var sa = a.Region.Polygons[0].Shell; var sb = b.Region.Polygons[0].Shell;
        return CapBound.MayMeet(sa.Center, sa.CapRadiusRad + widenRad, sb.Center, sb.CapRadiusRad + widenRad);
    }

    // Squares 0..1° lat, A at 0..1° lon, B from 1° + g, g = 1 km of longitude at the equator. The nearest points are the
    // corners at lat 1° (the meridian sides converge northwards), at cos δ = sin²φ + cos²φ cos g.
    private static readonly double GapDeg = 1 / Sphere.MeanRadiusKm * 180 / Math.PI;
    private static readonly Airspace A = TestAirspaces.FromLatLon("A", (0, 0), (0, 1), (1, 1), (1, 0));
    private static readonly Airspace B = TestAirspaces.FromLatLon("B", (0, 1 + GapDeg), (0, 2), (1, 2), (1, 1 + GapDeg));
    private static readonly double GapKm = Sphere.MeanRadiusKm * Math.Acos(
        Math.Pow(Math.Sin(Math.PI / 180), 2) + Math.Pow(Math.Cos(Math.PI / 180), 2) * Math.Cos(1 / Sphere.MeanRadiusKm));

    [Test]
    public void SquaresOneKilometreApart()
    {
        Assert.That(GapKm, Is.EqualTo(1 * Math.Cos(Math.PI / 180)).Within(1e-6), "hand arithmetic: ≈ 1 km × cos 1°");
        Assert.That(CapsMayMeet(A, B), Is.True, "the caps overlap: only the refinement can split them");
        Assert.That(Grouped(A, B, 0, 0), Is.False, "1 km apart, no buffer");
        Assert.That(Grouped(A, B, 1, 1), Is.True, "1 NM each: 3.7 km > 1 km");
        Assert.That(Grouped(A, B, 0, 1), Is.True, "1 NM on one side only: 1.85 km > 1 km");
        // Just either side of the gap: 2 × 0.2695 NM = 0.99823 km < 0.99985 km < 1.00008 km = 2 × 0.27 NM.
        Assert.That(2 * 0.2695 * 1.852, Is.LessThan(GapKm)); Assert.That(2 * 0.27 * 1.852, Is.GreaterThan(GapKm));
        Assert.That(Grouped(A, B, 0.2695, 0.2695), Is.False, "buffers 1.6 m short of meeting");
        Assert.That(Grouped(A, B, 0.27, 0.27), Is.True, "buffers overlapping by 0.2 m");
        Assert.That(Grouped(A, B, 0.539, 0), Is.False, "one buffer 1.6 m short");
        Assert.That(Grouped(A, B, 0.54, 0), Is.True, "one buffer 0.2 m over");
    }

    [Test]
    public void SharedBorderWithVerticesThatDoNotCoincide()
    {
        // C's west side lies along A's east side (the meridian lon = 1) between lat 0.3 and 0.7: C's corners are on A's
        // edge, no vertex is shared (a T-junction at each).
        var c = TestAirspaces.FromLatLon("C", (0.3, 1), (0.3, 2), (0.7, 2), (0.7, 1));
        Assert.That(Grouped(A, c, 0, 0), Is.True);
        Assert.That(Grouped(c, A, 0, 0), Is.True, "either order");
        // Longer than A's side: A's corners lie on C's edge instead.
        var d = TestAirspaces.FromLatLon("D", (-0.5, 1), (-0.5, 2), (1.5, 2), (1.5, 1));
        Assert.That(Grouped(A, d, 0, 0), Is.True);
        // A single vertex of E on A's edge (E lies east of the meridian otherwise).
        var e = TestAirspaces.FromLatLon("E", (0.5, 1), (0.2, 1.5), (0.8, 1.5));
        Assert.That(Grouped(A, e, 0, 0), Is.True);
    }

    [Test]
    public void PlusShapedCrossingWithNoVertexInsideTheOther()
    {
        var h = TestAirspaces.FromLatLon("H", (-0.1, -1), (-0.1, 1), (0.1, 1), (0.1, -1));
        var v = TestAirspaces.FromLatLon("V", (-1, -0.1), (-1, 0.1), (1, 0.1), (1, -0.1));
        // Premise: every vertex of each is outside the other and about 0.9° (100 km) from its boundary.
        foreach (var (p, q) in new[] { (h, v), (v, h) })
            foreach (var x in p.Region.Polygons[0].Shell.Vertices)
            {
                Assert.That(q.Region.Contains(x), Is.False);
                Assert.That(q.Region.DistanceToBoundary(x).Radians, Is.GreaterThan(0.8 * Math.PI / 180));
            }
        Assert.That(Grouped(h, v, 0, 0), Is.True);
        Assert.That(Grouped(v, h, 0, 0), Is.True);
    }

    [Test]
    public void PolygonInsideAnother()
    {
        var big = TestAirspaces.FromLatLon("BIG", (0, 0), (0, 10), (10, 10), (10, 0));
        var small = TestAirspaces.FromLatLon("SMALL", (4, 4), (4, 5), (5, 5), (5, 4));
        Assert.That(Grouped(big, small, 0, 0), Is.True);
        Assert.That(Grouped(small, big, 0, 0), Is.True);
    }

    [Test]
    public void SmallPolygonInsideALargeOnesCapButFarFromIt()
    {
        // An L of two 2° arms, 20° long; a half-degree square in its crook, 4.5° (500 km) from both arms' inner sides.
        var l = TestAirspaces.FromLatLon("L", (0, 0), (0, 20), (2, 20), (2, 2), (20, 2), (20, 0));
        var s = TestAirspaces.FromLatLon("S", (6.5, 6.5), (6.5, 7), (7, 7), (7, 6.5));
        var shell = l.Region.Polygons[0].Shell;
        foreach (var x in s.Region.Polygons[0].Shell.Vertices)
            Assert.That(Vec3.Angle(x, shell.Center), Is.LessThan(shell.CapRadiusRad), "premise: the square lies inside the L's cap");
        double km = Sphere.MeanRadiusKm * l.Region.DistanceToBoundary(Vec3.FromLatLonDeg(6.5, 6.5)).Radians;
        Assert.That(km, Is.EqualTo(4.5 * Math.PI / 180 * Sphere.MeanRadiusKm).Within(10), "premise: about 500 km (the arm's side bows a little)");
        Assert.That(Grouped(l, s, 0, 0), Is.False);
        Assert.That(Grouped(l, s, 5, 5), Is.False, "5 NM each");
        Assert.That(Grouped(l, s, 150, 150), Is.True, "150 NM each: 556 km > 500 km");
    }

    [Test]
    public void ChainsStillGroupThroughAMiddlePolygon()
    {
        // A and B are 1 km apart; a bridge touching both joins them, and the groups keep the parts' order.
        var bridge = TestAirspaces.FromLatLon("BR", (0.4, 0.9), (0.4, 1.1), (0.6, 1.1), (0.6, 0.9));
        var parts = LimitsMerge.Parts([A, B, bridge]);
        var groups = LimitsMerge.ClusterIndexes(parts, [0.0, 0.0, 0.0]).ToList();
        Assert.That(groups, Has.Count.EqualTo(1));
        Assert.That(groups[0], Is.EqualTo(new[] { 0, 1, 2 }));
        var apart = LimitsMerge.ClusterIndexes(LimitsMerge.Parts([A, B]), [0.0, 0.0]).ToList();
        Assert.That(apart.Select(g => g.ToArray()), Is.EqualTo(new[] { new[] { 0 }, new[] { 1 } }));
    }
}
