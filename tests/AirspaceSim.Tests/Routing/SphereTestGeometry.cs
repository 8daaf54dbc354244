using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Small spherical helpers for the planner tests, written independently of the planner: offsets, slerp, point–arc
/// distance, the closures' rings, and the route assertions shared by several fixtures.
/// </summary>
internal static class SphereTestGeometry
{
    public const double KmPerRad = Sphere.MeanRadiusKm;

    /// <summary>Spherical leg length in km, so that km results compare exactly with <see cref="RoutePlan.SphereRad"/>.</summary>
    public static double SphereKm(GeoPoint a, GeoPoint b) => Vec3.Angle(Vec3.FromGeo(a), Vec3.FromGeo(b)) * KmPerRad;

    /// <summary>The point at angular distance <paramref name="distRad"/> from c in direction <paramref name="azRad"/>
    /// (from north, clockwise; any fixed tangent basis at the poles).</summary>
    public static Vec3 Offset(in Vec3 c, double distRad, double azRad)
    {
        var east = new Vec3(0, 0, 1).Cross(c);
        if (east.Norm2 < 1e-20) east = new Vec3(0, 1, 0);
        east = east.Normalize();
        var north = c.Cross(east);
        var (sa, ca) = Math.SinCos(azRad);
        var (sd, cd) = Math.SinCos(distRad);
        return (cd * c + sd * (ca * north + sa * east)).Normalize();
    }

    /// <summary>Point at fraction t of the great-circle arc a→b.</summary>
    public static Vec3 Slerp(in Vec3 a, in Vec3 b, double t)
    {
        double w = Vec3.Angle(a, b);
        if (w == 0) return a;
        double s = Math.Sin(w);
        return (Math.Sin((1 - t) * w) / s * a + Math.Sin(t * w) / s * b).Normalize();
    }

    /// <summary>Angle from p to the great-circle arc a→b (shorter than a half circle).</summary>
    public static double DistanceToArc(in Vec3 p, in Vec3 a, in Vec3 b)
    {
        var n = a.Cross(b);
        if (n.Norm2 > 0)
        {
            n = n.Normalize();
            // Foot of the perpendicular from p on the great circle, inside the arc iff it lies after a and before b.
            var foot = p - p.Dot(n) * n;
            if (a.Cross(foot).Dot(n) >= 0 && foot.Cross(b).Dot(n) >= 0)
                return Math.Asin(Math.Min(1, Math.Abs(p.Dot(n))));
        }
        return Math.Min(Vec3.Angle(p, a), Vec3.Angle(p, b));
    }

    /// <summary>All rings (shells and holes) of a closure as vertex arrays.</summary>
    public static IEnumerable<Vec3[]> Rings(Airspace a)
    {
        foreach (var poly in a.Region.Polygons)
        {
            yield return poly.Shell.Vertices.ToArray();
            foreach (var h in poly.Holes) yield return h.Vertices.ToArray();
        }
    }

    /// <summary>Angular distance from p to the closure: 0 inside, else the distance to its nearest edge.</summary>
    public static double DistanceToClosure(in Vec3 p, Airspace a)
    {
        if (a.Region.Contains(p)) return 0;
        double best = double.PositiveInfinity;
        foreach (var ring in Rings(a))
            for (int i = 0; i < ring.Length; i++)
                best = Math.Min(best, DistanceToArc(p, ring[i], ring[(i + 1) % ring.Length]));
        return best;
    }

    /// <summary>
    /// Tolerance for sampled points: a point computed by slerp on a leg that runs along a closure edge may land a few
    /// ulps inside. 1e-11 rad is 0.06 mm on the ground; a real incursion is many orders of magnitude deeper.
    /// </summary>
    public const double SampleToleranceRad = 1e-11;

    /// <summary>Strictly inside the closure by more than <see cref="SampleToleranceRad"/>.</summary>
    public static bool InsideBeyondTolerance(in Vec3 p, Airspace a)
    {
        if (!a.Region.Contains(p)) return false;
        foreach (var ring in Rings(a))
            for (int i = 0; i < ring.Length; i++)
                if (DistanceToArc(p, ring[i], ring[(i + 1) % ring.Length]) <= SampleToleranceRad) return false;
        return true;
    }

    public static Vec3[] WaypointVectors(RoutePlan plan) => plan.Waypoints.Select(Vec3.FromGeo).ToArray();

    /// <summary>
    /// The route never enters a closure: no leg properly crosses a closure edge (exact orientations, all four nonzero:
    /// touching a vertex or running along an edge is not crossing), and no point of
    /// <paramref name="samplesPerLeg"/> per leg lies strictly inside a closure (beyond <see cref="SampleToleranceRad"/>).
    /// </summary>
    public static void AssertNeverEnters(RoutePlan plan, IReadOnlyList<Airspace> closures, int samplesPerLeg = 200, string context = "")
    {
        var w = WaypointVectors(plan);
        for (int l = 0; l + 1 < w.Length; l++)
        {
            foreach (var a in closures)
            {
                foreach (var ring in Rings(a))
                    for (int i = 0; i < ring.Length; i++)
                        if (ProperlyCrossesExactly(w[l], w[l + 1], ring[i], ring[(i + 1) % ring.Length]))
                            Assert.Fail($"{context} leg {l} {plan.Waypoints[l]}→{plan.Waypoints[l + 1]} properly crosses edge {i} of {a.Id} " +
                                        $"({ring[i].ToGeo()}→{ring[(i + 1) % ring.Length].ToGeo()}); route {Describe(plan)}");
                for (int s = 1; s < samplesPerLeg; s++)
                {
                    var p = Slerp(w[l], w[l + 1], (double)s / samplesPerLeg);
                    if (InsideBeyondTolerance(p, a))
                        Assert.Fail($"{context} leg {l} sample {s}/{samplesPerLeg} ({p.ToGeo()}) is inside {a.Id}; route {Describe(plan)}");
                }
            }
        }
    }

    /// <summary>Arcs a→b and c→d cross at a point interior to both: c, d strictly on opposite sides of a→b, a, b
    /// strictly on opposite sides of c→d, and the two on the same side of the sphere (S2's four-orientation rule).</summary>
    public static bool ProperlyCrossesExactly(in Vec3 a, in Vec3 b, in Vec3 c, in Vec3 d)
    {
        int acb = -Predicates.UnperturbedSign(a, b, c), bda = Predicates.UnperturbedSign(a, b, d);
        int cbd = -Predicates.UnperturbedSign(c, d, b), dac = Predicates.UnperturbedSign(c, d, a);
        return acb != 0 && acb == bda && bda == cbd && cbd == dac;
    }

    public static string Describe(RoutePlan p) =>
        $"{p.Status} {p.SphereRad:R} rad via [{string.Join(" ", p.Waypoints)}] {p.Reason}";
}
