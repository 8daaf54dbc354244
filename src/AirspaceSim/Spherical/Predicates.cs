using System.Numerics;
using System.Runtime.CompilerServices;

namespace AirspaceSim.Spherical;

/// <summary>
/// Exact-sign spherical predicates on unit vectors, after S2 (Google): a fast floating-point determinant with an error
/// bound, an exact big-integer fallback when the bound says the sign is uncertain, and symbolic perturbation
/// (Edelsbrunner–Mücke "simulation of simplicity") so that three distinct points are never reported collinear.
/// </summary>
/// <remarks>
/// Written by hand because no .NET package offers robust predicates on the sphere: NetTopologySuite's robust
/// orientation is planar. Every crossing and containment decision in the library reduces to <see cref="Sign"/>, so
/// all decisions are mutually consistent, including for degenerate inputs such as shared FIR borders.
/// </remarks>
internal static class Predicates
{
    // |det| error bound for the triple product of unit-length doubles. S2 derives 1.8274 * DBL_EPSILON; the margin
    // here also covers inputs whose length is off unity by a few ulps (points from Vec3.Normalize).
    internal const double MaxDeterminantError = 3.5e-15;

    /// <summary>
    /// Orientation of three points: +1 if <paramref name="c"/> lies to the left of the great circle a→b (a, b, c
    /// counter-clockwise), −1 if to the right, 0 only if two of the points are equal.
    /// </summary>
    /// <remarks>
    /// Exact for the given doubles, never 0 for distinct points (symbolic perturbation), antisymmetric under swapping
    /// two arguments and invariant under rotating them. The fast path is taken when |det| exceeds
    /// <see cref="MaxDeterminantError"/>, a bound on the rounding error of the triple product of unit-length doubles.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sign(in Vec3 a, in Vec3 b, in Vec3 c)
    {
        // Triple product (a × b) · c, expanded so that the JIT keeps everything in registers.
        double det = (a.Y * b.Z - a.Z * b.Y) * c.X + (a.Z * b.X - a.X * b.Z) * c.Y + (a.X * b.Y - a.Y * b.X) * c.Z;
        if (det > MaxDeterminantError) return 1;
        if (det < -MaxDeterminantError) return -1;
        return ExpensiveSign(a, b, c);
    }

    /// <summary>
    /// The fast determinant sign, or 0 when it cannot be trusted; a building block for callers that batch the exact
    /// fallback.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TriageSign(in Vec3 a, in Vec3 b, in Vec3 c)
    {
        double det = (a.Y * b.Z - a.Z * b.Y) * c.X + (a.Z * b.X - a.X * b.Z) * c.Y + (a.X * b.Y - a.Y * b.X) * c.Z;
        return det > MaxDeterminantError ? 1 : det < -MaxDeterminantError ? -1 : 0;
    }

    /// <summary>
    /// <see cref="Sign"/>(p, q, x) for many x against one arc p→q whose normal <paramref name="n"/> = p × q
    /// (<see cref="Vec3.Cross"/>, not normalised) is computed once: n·x is then the very determinant Sign evaluates, so
    /// the same error bound tells when the exact predicate must decide.
    /// </summary>
    /// <remarks>
    /// Not a unit normal: normalising divides the cross product's absolute rounding error by sin|pq|, so for short arcs
    /// no fixed threshold on the normalised product is safe (with 1e-14, arcs of 0.0001–0.1 rad gave the wrong side for
    /// about 1 in 130 points within 1e-12 of their great circle).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SideOfArc(in Vec3 p, in Vec3 q, in Vec3 n, in Vec3 x)
    {
        double det = n.Dot(x);
        return det > MaxDeterminantError ? 1 : det < -MaxDeterminantError ? -1 : Sign(p, q, x);
    }

    /// <summary>Sign with exact arithmetic and symbolic perturbation; 0 only for repeated points.</summary>
    public static int ExpensiveSign(Vec3 a, Vec3 b, Vec3 c)
    {
        if (a == b || b == c || a == c) return 0;
        // Sort lexicographically, tracking the permutation's parity, so that the perturbation is canonical.
        int perm = 1;
        if (Vec3.CompareLex(a, b) > 0) { (a, b) = (b, a); perm = -perm; }
        if (Vec3.CompareLex(b, c) > 0) { (b, c) = (c, b); perm = -perm; }
        if (Vec3.CompareLex(a, b) > 0) { (a, b) = (b, a); perm = -perm; }
        var ea = Ex3.From(a); var eb = Ex3.From(b); var ec = Ex3.From(c);
        var bxc = Ex3.Cross(eb, ec);
        int s = Ex3.Dot(ea, bxc).Sign;
        if (s != 0) return perm * s;
        return perm * SymbolicallyPerturbedSign(ea, eb, ec, bxc);
    }

    /// <summary>
    /// Sign of the triple product (a × b) · c evaluated exactly, without symbolic perturbation: 0 exactly when the
    /// three points lie on one great circle (or two coincide). Used to recognise true degeneracies (a route through a
    /// vertex or along an edge) after the perturbed predicates have classified them.
    /// </summary>
    internal static int UnperturbedSign(in Vec3 a, in Vec3 b, in Vec3 c)
    {
        int t = TriageSign(a, b, c);
        if (t != 0) return t;
        // Two equal points make the determinant exactly 0: the common uncertain case (a line from a vertex, tested
        // against the edges at that vertex), answered without the big-integer evaluation.
        if (a == b || b == c || a == c) return 0;
        var ea = Ex3.From(a); var eb = Ex3.From(b); var ec = Ex3.From(c);
        return Ex3.Dot(ea, Ex3.Cross(eb, ec)).Sign;
    }

    /// <summary>
    /// Whether arcs a→b and c→d cross: +1 at a point interior to both, 0 if they share a vertex (the caller decides
    /// such touches), −1 otherwise. Arcs must be shorter than a half circle (not <see cref="NearlyAntipodal"/>).
    /// </summary>
    /// <remarks>
    /// Exact and consistent with <see cref="Sign"/>: the arcs cross iff ACB, BDA, CBD and DAC all have the same
    /// orientation (S2's formulation), which also rules out the antipodal intersection of the two great circles.
    /// Symmetric under swapping the arcs and reversing either; with symbolic perturbation a vertex of one arc lying on
    /// the other's great circle is put on one side, consistently for every test, so an arc through a ring vertex
    /// crosses exactly one of the two edges meeting there or neither.
    /// </remarks>
    public static int CrossingSign(in Vec3 a, in Vec3 b, in Vec3 c, in Vec3 d)
    {
        if (a == c || a == d || b == c || b == d) return 0;
        if (a == b || c == d) return -1;
        return CrossingGivenSides(a, b, c, d, Sign(a, b, c), Sign(a, b, d));
    }

    /// <summary>
    /// <see cref="CrossingSign(in Vec3, in Vec3, in Vec3, in Vec3)"/> when the sides <paramref name="sideC"/> =
    /// Sign(a, b, c) and <paramref name="sideD"/> = Sign(a, b, d) are already known (a chain edge crosser computes
    /// each vertex's side once): the same decision without evaluating them again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CrossingSignWithSides(in Vec3 a, in Vec3 b, in Vec3 c, in Vec3 d, int sideC, int sideD)
    {
        if (a == c || a == d || b == c || b == d) return 0;
        if (a == b || c == d) return -1;
        return CrossingGivenSides(a, b, c, d, sideC, sideD);
    }

    private static int CrossingGivenSides(in Vec3 a, in Vec3 b, in Vec3 c, in Vec3 d, int sideC, int sideD)
    {
        int acb = -sideC;
        if (sideD != acb) return -1;            // bda
        if (-Sign(c, d, b) != acb) return -1;   // cbd
        return Sign(c, d, a) == acb ? 1 : -1;   // dac
    }

    /// <summary>
    /// Ends of an arc closer than this (radians, about 6.4 cm on the Earth) to antipodal define no usable great
    /// circle: the library refuses such ring edges, routes and legs (<see cref="NearlyAntipodal"/>).
    /// </summary>
    /// <remarks>
    /// Exactly antipodal ends have no great circle at all. Nearly antipodal ones do, and the exact predicates decide
    /// it, but the input does not: a point read from degrees carries ~1e-16 rad of rounding, which turns the circle
    /// through ends δ from antipodal by ~1e-16/δ rad, i.e. moves its far side by 2e-8 rad (13 cm) at δ = 1e-8. Below
    /// that the answer would depend on the last bits of the input, so it is refused rather than given.
    /// </remarks>
    public const double AntipodalToleranceRad = 1e-8;

    /// <summary>
    /// True if <paramref name="a"/> and <paramref name="b"/> are within <see cref="AntipodalToleranceRad"/> of
    /// antipodal: |a + b| = 2 sin(δ/2) for unit vectors δ short of antipodal, and a + b is computed almost exactly
    /// there (Sterbenz), so the test is well conditioned. The one definition of a degenerate (antipodal) arc.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NearlyAntipodal(in Vec3 a, in Vec3 b) => (a + b).Norm2 < AntipodalToleranceRad * AntipodalToleranceRad;

    /// <summary>
    /// True if b lies strictly inside the angle a→o→c swept counter-clockwise (all three vectors around the vertex
    /// <paramref name="o"/>); used for wedge tests at polygon vertices.
    /// </summary>
    public static bool OrderedCcw(in Vec3 a, in Vec3 b, in Vec3 c, in Vec3 o)
    {
        // S2's OrderedCCW: a, b, c are encountered in this order turning counter-clockwise around o.
        int sum = 0;
        if (Sign(b, o, a) >= 0) ++sum;
        if (Sign(c, o, b) >= 0) ++sum;
        if (Sign(a, o, c) > 0) ++sum;
        return sum >= 2;
    }

    /// <summary>
    /// True if <paramref name="t"/> lies strictly inside the arc <paramref name="a"/> → <paramref name="b"/> (on its great
    /// circle, between its ends, neither end itself). Exact and unperturbed; <paramref name="n"/> is the arc's (rounded)
    /// normal (<see cref="GreatCircleArc.N"/>).
    /// </summary>
    /// <remarks>On the great circle, (a × t)·n̂ has the sign of the turn from a to t along the arc and is far from 0
    /// unless t = ±a (likewise (t × b)·n̂), so the exact sign taken with the rounded n̂ is the true one.</remarks>
    internal static bool StrictlyInsideArc(in Vec3 a, in Vec3 b, in Vec3 n, in Vec3 t) =>
        UnperturbedSign(a, b, t) == 0 && UnperturbedSign(a, t, n) > 0 && UnperturbedSign(t, b, n) > 0;

    /// <summary>
    /// True if the direction from vertex <paramref name="v"/> towards <paramref name="t"/> points strictly into the
    /// interior wedge of a ring that runs <paramref name="prev"/> → v → <paramref name="next"/> with its interior on the
    /// left. Exact and unperturbed: a direction along either edge is on the boundary, not inside.
    /// </summary>
    /// <remarks>
    /// At v the wedge is bounded by the great circles of the two edges, and (a × v)·t has the sign of (a × v)·t′ for the
    /// tangent t′ = t − (t·v)v towards t, so the sides of t are sides of the direction. Convex vertex (left turn): inside
    /// both half-spaces; reflex (right turn): inside either; straight on: left of the line. A spike (next back along the
    /// incoming edge) has a wedge of 0 or 2π that only the rest of the ring decides; the perturbed
    /// <see cref="OrderedCcw"/> answers for it.
    /// </remarks>
    internal static bool StrictlyInsideWedge(in Vec3 prev, in Vec3 v, in Vec3 next, in Vec3 t)
    {
        int s0 = UnperturbedSign(prev, v, t), s1 = UnperturbedSign(v, next, t);
        int turn = UnperturbedSign(prev, v, next);
        if (turn > 0) return s0 > 0 && s1 > 0;
        if (turn < 0) return s0 > 0 || s1 > 0;
        // Collinear: the two edge normals agree when the ring goes straight on, and are opposite for a spike; they are
        // parallel, so the sign of their dot product is far from 0 and floating point decides it.
        if (prev.Cross(v).Dot(v.Cross(next)) > 0) return s0 > 0;
        return OrderedCcw(next, t, prev, v);
    }

    // Simulation of simplicity for the triple product, with the points in lexicographic order (S2's
    // SymbolicallyPerturbedSign). Each test is the coefficient of the next-larger infinitesimal.
    private static int SymbolicallyPerturbedSign(in Ex3 a, in Ex3 b, in Ex3 c, in Ex3 bxc)
    {
        int s = bxc.Z.Sign; if (s != 0) return s;
        s = bxc.Y.Sign; if (s != 0) return s;
        s = bxc.X.Sign; if (s != 0) return s;
        s = (c.X * a.Y - c.Y * a.X).Sign; if (s != 0) return s;
        s = c.X.Sign; if (s != 0) return s;
        s = -c.Y.Sign; if (s != 0) return s;
        s = (c.Z * a.X - c.X * a.Z).Sign; if (s != 0) return s;
        s = c.Z.Sign; if (s != 0) return s;
        s = (a.X * b.Y - a.Y * b.X).Sign; if (s != 0) return s;
        s = -b.X.Sign; if (s != 0) return s;
        s = b.Y.Sign; if (s != 0) return s;
        s = a.X.Sign; if (s != 0) return s;
        return 1;
    }

    /// <summary>An exact binary floating value m·2^e with a big-integer mantissa.</summary>
    private readonly struct Ex
    {
        private readonly BigInteger _m;
        private readonly int _e;
        private Ex(BigInteger m, int e) { _m = m; _e = e; }
        public int Sign => _m.Sign;

        public static Ex From(double v)
        {
            if (v == 0) return new Ex(BigInteger.Zero, 0);
            long bits = BitConverter.DoubleToInt64Bits(v);
            bool neg = bits < 0;
            int exp = (int)((bits >> 52) & 0x7FF);
            long man = bits & 0xFFFFFFFFFFFFFL;
            if (exp == 0) exp = 1; else man |= 1L << 52;
            var m = new BigInteger(neg ? -man : man);
            return new Ex(m, exp - 1075);
        }

        public static Ex operator *(Ex x, Ex y) => new(x._m * y._m, x._e + y._e);
        public static Ex operator -(Ex x) => new(-x._m, x._e);
        public static Ex operator -(Ex x, Ex y) => x + (-y);
        public static Ex operator +(Ex x, Ex y)
        {
            if (x._m.IsZero) return y;
            if (y._m.IsZero) return x;
            return x._e <= y._e
                ? new Ex(x._m + (y._m << (y._e - x._e)), x._e)
                : new Ex((x._m << (x._e - y._e)) + y._m, y._e);
        }
    }

    private readonly record struct Ex3(Ex X, Ex Y, Ex Z)
    {
        public static Ex3 From(in Vec3 v) => new(Ex.From(v.X), Ex.From(v.Y), Ex.From(v.Z));
        public static Ex3 Cross(in Ex3 a, in Ex3 b) =>
            new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);
        public static Ex Dot(in Ex3 a, in Ex3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;
    }
}
