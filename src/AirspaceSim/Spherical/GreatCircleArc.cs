using System.Runtime.CompilerServices;

namespace AirspaceSim.Spherical;

/// <summary>
/// A great-circle arc a→b (shorter than a half circle) with the vectors that make distance and position queries cheap:
/// the unit normal, the two "end planes" that bound the lune of points whose foot lies on the arc, and the bounding cap
/// (midpoint, half length). Prepared once per boundary edge and once per query route.
/// </summary>
internal readonly struct GreatCircleArc
{
    /// <summary>Slack added to every cap comparison; floating-point errors here are ~1e-15 rad.</summary>
    internal const double CapSlack = 1e-9;

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
    /// False only if the arc certainly misses the cap (centre, radius): first the cheap cap–cap test, then, for arcs
    /// long enough to have a well-conditioned normal, the exact point–arc distance. Conservative by
    /// <see cref="CapSlack"/>.
    /// </summary>
    public bool MayIntersectCap(in Vec3 center, double radius)
    {
        if (Vec3.Angle(Mid, center) > Half + radius + CapSlack) return false;
        if (Length < 1e-6) return true;
        return Distance(center) <= radius + CapSlack;
    }

    /// <summary>
    /// Conservative, trigonometry-free test whether the arc p→q (unit normal <paramref name="nh"/>) comes within the
    /// cap of centre <paramref name="c"/> whose angular radius has cosine <paramref name="cosR"/> (see
    /// <see cref="CapCos"/>). False only when the arc certainly misses; the hot-path twin of
    /// <see cref="MayIntersectCap"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool MayHitCap(in Vec3 p, in Vec3 q, in Vec3 nh, in Vec3 c, double cosR)
    {
        if (cosR <= 0) return true; // caps of a hemisphere or more: not worth a test
        if (p.Dot(c) >= cosR || q.Dot(c) >= cosR) return true;
        // Distance from c to the great circle is asin|c·n|: compare squared sines (the cap is under 90°).
        double cn = c.Dot(nh);
        if (cn * cn > 1 - cosR * cosR) return false;
        // The closest point of the great circle to c lies within the arc iff c is past p and before q.
        return nh.Cross(p).Dot(c) >= 0 && q.Cross(nh).Dot(c) >= 0;
    }

    /// <summary>Cosine of a cap radius widened by <see cref="CapSlack"/>; 0 for caps of 90° or more (never pruned).</summary>
    internal static double CapCos(double radiusRad) =>
        radiusRad + CapSlack >= Math.PI / 2 ? 0 : Math.Cos(radiusRad + CapSlack);

    private static Vec3 Orthogonal(in Vec3 a)
    {
        var t = Math.Abs(a.X) < 0.6 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        return a.Cross(t).Normalize();
    }
}
