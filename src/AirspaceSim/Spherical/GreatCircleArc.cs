using System.Runtime.CompilerServices;

namespace AirspaceSim.Spherical;

/// <summary>
/// A great-circle arc a→b (shorter than a half circle) with the vectors that make distance and position queries cheap:
/// the unit normal, the two "end planes" that bound the lune of points whose foot lies on the arc, and the bounding cap
/// (midpoint, half length). Prepared once per boundary edge and once per query route.
/// </summary>
internal readonly struct GreatCircleArc
{
    public readonly Vec3 A, B;
    /// <summary>Unit normal of the great circle, a × b normalised (left side positive).</summary>
    public readonly Vec3 N;
    /// <summary>N × A: unit tangent at A pointing towards B. Points p with p·TA ≥ 0 lie on B's side of A.</summary>
    public readonly Vec3 TA;
    /// <summary>B × N: points p with p·TB ≥ 0 lie on A's side of B.</summary>
    public readonly Vec3 TB;
    /// <summary>Midpoint of the arc: the centre of its bounding cap.</summary>
    public readonly Vec3 Mid;
    /// <summary>Length in radians, measured as the angle of B in the (A, TA) frame.</summary>
    public readonly double Length;

    public GreatCircleArc(in Vec3 a, in Vec3 b)
    {
        A = a; B = b;
        // (a − b) × (a + b) = 2 a × b, but keeps its relative accuracy for nearby points.
        var n = (a - b).Cross(a + b);
        double nn = n.Norm;
        N = nn > 0 ? (1 / nn) * n : Orthogonal(a);
        TA = N.Cross(a);
        TB = b.Cross(N);
        var m = a + b;
        Mid = m.Norm2 > 0 ? m.Normalize() : a;
        Length = Math.Atan2(b.Dot(TA), b.Dot(a));
        if (Length < 0) Length = 0;
    }

    /// <summary>Half the length: the radius of the bounding cap around <see cref="Mid"/>.</summary>
    public double Half => 0.5 * Length;

    /// <summary>Angle from A of a point on (or near) the great circle, measured towards B; in (−π, π].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AngleAlong(in Vec3 x) => Math.Atan2(x.Dot(TA), x.Dot(A));

    /// <summary>The point at angle <paramref name="s"/> from A along the great circle towards B.</summary>
    public Vec3 PointAt(double s)
    {
        if (s == 0) return A;
        if (s == Length) return B;
        var (sn, cs) = Math.SinCos(s);
        return (cs * A + sn * TA).Normalize();
    }

    /// <summary>Distance in radians from <paramref name="p"/> to the closest point of the arc, and that point.</summary>
    public double Distance(in Vec3 p, out Vec3 nearest)
    {
        if (p.Dot(TA) >= 0 && p.Dot(TB) >= 0)
        {
            double pn = p.Dot(N);
            var foot = p - pn * N;
            double fn = foot.Norm;
            if (fn > 0)
            {
                nearest = (1 / fn) * foot;
                return Math.Atan2(Math.Abs(pn), fn);
            }
        }
        double da = Vec3.Angle(p, A), db = Vec3.Angle(p, B);
        nearest = da <= db ? A : B;
        return Math.Min(da, db);
    }

    /// <summary>Distance in radians from <paramref name="p"/> to the arc.</summary>
    public double Distance(in Vec3 p) => Distance(p, out _);

    /// <summary>
    /// Where the great circles of two arcs that cross meet: the one of the two points ±(n₁ × n₂) on both arcs (the
    /// crossing itself is decided by <see cref="Predicates.CrossingSign"/>; this only locates it). For nearly parallel
    /// circles the direction of n₁ × n₂ is noise, and the end of either arc closest to the other is taken.
    /// </summary>
    public static Vec3 Intersection(in GreatCircleArc a, in GreatCircleArc b)
    {
        var x = a.N.Cross(b.N);
        double nx = x.Norm;
        if (nx < 1e-13)
        {
            double best = double.PositiveInfinity; var pick = a.A;
            Consider(b.A, a.Distance(b.A)); Consider(b.B, a.Distance(b.B));
            Consider(a.A, b.Distance(a.A)); Consider(a.B, b.Distance(a.B));
            return pick;

            void Consider(Vec3 p, double dist) { if (dist < best) { best = dist; pick = p; } }
        }
        x = (1 / nx) * x;
        return x.Dot(a.Mid) + x.Dot(b.Mid) < 0 ? -x : x;
    }

    private static Vec3 Orthogonal(in Vec3 a)
    {
        var t = Math.Abs(a.X) < 0.6 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        return a.Cross(t).Normalize();
    }
}

/// <summary>
/// Bounding caps: the one formula and the one padding rule for every cap in the library (loops, edge blocks, regions,
/// the ring validator's edges). A great-circle arc lies within half its length of its midpoint, so by the triangle
/// inequality a set of arcs lies within max(angle(c, midᵢ) + halfᵢ) of any centre c.
/// </summary>
/// <remarks>
/// Error bound: the angles (atan2 of |a × b| and a · b) and midpoints of unit vectors carry absolute errors of a few
/// 1e-16 rad, so <see cref="Pad"/>'s 1e-12 (absolute, plus 1e-12 relative) makes every computed radius a true bound;
/// tests against a cap then widen it by <see cref="CapSlack"/> for the rounding of the test itself.
/// </remarks>
internal static class CapBound
{
    /// <summary>Slack added to every cap comparison; the floating-point errors it covers are ~1e-15 rad.</summary>
    internal const double CapSlack = 1e-9;

    /// <summary>A computed radius widened to a safe bound (at most π).</summary>
    public static double Pad(double radiusRad) => Math.Min(radiusRad * (1 + 1e-12) + 1e-12, Math.PI);

    /// <summary>Radius of a cap around <paramref name="c"/> holding all of <paramref name="arcs"/>.</summary>
    public static double AroundArcs(in Vec3 c, ReadOnlySpan<GreatCircleArc> arcs)
    {
        double r = 0;
        foreach (ref readonly var e in arcs) r = Math.Max(r, Vec3.Angle(c, e.Mid) + e.Half);
        return Pad(r);
    }

    /// <summary>A cap holding all of <paramref name="arcs"/>, centred at the normalised sum of their midpoints.</summary>
    public static (Vec3 Center, double Radius) OfArcs(ReadOnlySpan<GreatCircleArc> arcs)
    {
        var s = new Vec3(0, 0, 0);
        foreach (ref readonly var e in arcs) s += e.Mid;
        var c = s.Norm2 > 1e-20 ? s.Normalize() : arcs[0].Mid;
        return (c, AroundArcs(c, arcs));
    }

    /// <summary>Cosine of a cap radius widened by <see cref="CapSlack"/>; 0 for caps of 90° or more (never pruned).</summary>
    public static double CapCos(double radiusRad) =>
        radiusRad + CapSlack >= Math.PI / 2 ? 0 : Math.Cos(radiusRad + CapSlack);

    /// <summary>False only if the two caps certainly do not meet.</summary>
    public static bool MayMeet(in Vec3 c1, double r1, in Vec3 c2, double r2) => Vec3.Angle(c1, c2) <= r1 + r2 + CapSlack;
}
