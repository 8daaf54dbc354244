using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>
/// A simple closed ring of great-circle edges on the unit sphere, stored counter-clockwise around the region it
/// encloses: the interior lies to the left of every edge.
/// </summary>
/// <remarks>
/// A ring splits the sphere into two regions and files do not orient rings reliably, so <see cref="FromPoints"/>
/// keeps the smaller region (the airspace convention). Closing points and consecutive repeats are dropped. The loop is
/// immutable and safe to share between threads.
/// </remarks>
public sealed class SphericalLoop
{
    private readonly Vec3[] _v;
    private readonly Vec3 _ref;
    private readonly bool _refInside;
    private readonly bool _leftIsSmall;

    private SphericalLoop(Vec3[] ccw)
    {
        _v = ccw;
        var sum = new Vec3(0, 0, 0);
        foreach (var p in ccw) sum += p;
        Center = sum.Norm2 > 1e-20 ? sum.Normalize() : ccw[0];
        // Bounding cap: the largest angle from the centre to any point of any edge. An edge's farthest point from the
        // centre is an endpoint unless the edge's great circle passes closer to the antipode in between; bounding by
        // endpoint angle plus half the edge length is always safe.
        double cap = 0;
        for (int i = 0; i < ccw.Length; i++)
        {
            var a = ccw[i]; var b = ccw[(i + 1) % ccw.Length];
            double ea = Vec3.Angle(Center, a), eb = Vec3.Angle(Center, b);
            cap = Math.Max(cap, Math.Min(Math.Max(ea, eb) + 0.5 * Vec3.Angle(a, b), Math.PI));
        }
        CapRadiusRad = cap;
        // Reference point for crossing parity: the antipode of the centre. Its side is decided once, exactly, by counting
        // crossings from a probe point known to lie just left of edge 0 (closer to that edge than to any other).
        _ref = -Center;
        _leftIsSmall = TotalTurning(ccw) > 0;
        _refInside = false;
        var probe = LeftProbe(ccw);
        InteriorProbe = probe;
        bool probeInsideIfRefOutside = CrossingParity(probe, _ref);
        _refInside = !probeInsideIfRefOutside;
    }

    // A point strictly left of the middle of edge 0, nearer to it than to any other edge, so certainly in the left region.
    private static Vec3 LeftProbe(Vec3[] v)
    {
        var a = v[0]; var b = v[1];
        var m = (a + b).Normalize();
        var n = a.Cross(b).Normalize();
        double clearance = 0.5 * Vec3.Angle(a, b);
        for (int i = 1; i < v.Length; i++)
            clearance = Math.Min(clearance, DistanceToArc(m, v[i], v[(i + 1) % v.Length]));
        double eps = 0.25 * clearance;
        return (Math.Cos(eps) * m + Math.Sin(eps) * n).Normalize();
    }

    /// <summary>Angle in radians from <paramref name="p"/> to the arc a→b.</summary>
    internal static double DistanceToArc(in Vec3 p, in Vec3 a, in Vec3 b)
    {
        var n = a.Cross(b);
        double nn = n.Norm;
        if (nn > 0)
        {
            var nh = (1 / nn) * n;
            // The foot of the perpendicular lies within the arc iff p is past a and before b, seen along the arc's direction.
            if (nh.Cross(a).Dot(p) >= 0 && b.Cross(nh).Dot(p) >= 0)
                return Math.Abs(Math.Asin(Math.Clamp(p.Dot(nh), -1, 1)));
        }
        return Math.Min(Vec3.Angle(p, a), Vec3.Angle(p, b));
    }

    // True if the number of boundary crossings on the arc p→r is odd. Each vertex's side of the arc is computed once
    // and shared by its two edges (S2's chain edge crosser); only edges with ends on opposite sides get the full test.
    private bool CrossingParity(in Vec3 p, in Vec3 r)
    {
        var nh = p.Cross(r).Normalize();
        bool odd = false;
        int sa = Side(p, r, nh, _v[0]);
        for (int i = 0; i < _v.Length; i++)
        {
            int j = i + 1 == _v.Length ? 0 : i + 1;
            int sb = Side(p, r, nh, _v[j]);
            if (sa != sb && Predicates.CrossingSign(p, r, _v[i], _v[j]) > 0) odd = !odd;
            sa = sb;
        }
        return odd;
    }

    /// <summary>True if the arc p→q properly crosses an edge of this loop (touching at a vertex does not count).</summary>
    public bool IsCrossedBy(in Vec3 p, in Vec3 q)
    {
        var nh = p.Cross(q).Normalize();
        int sa = Side(p, q, nh, _v[0]);
        for (int i = 0; i < _v.Length; i++)
        {
            int j = i + 1 == _v.Length ? 0 : i + 1;
            int sb = Side(p, q, nh, _v[j]);
            if (sa != sb && Predicates.CrossingSign(p, q, _v[i], _v[j]) > 0) return true;
            sa = sb;
        }
        return false;
    }

    private static int Side(in Vec3 p, in Vec3 r, in Vec3 nh, in Vec3 x)
    {
        // Beyond a few ulps the sign of nh·x is certain; otherwise ask the exact predicate.
        double t = nh.Dot(x);
        return t > 1e-14 ? 1 : t < -1e-14 ? -1 : Predicates.Sign(p, r, x);
    }

    /// <summary>Vertices, counter-clockwise around the interior, without the closing repeat.</summary>
    public ReadOnlySpan<Vec3> Vertices => _v;

    /// <summary>Number of vertices.</summary>
    public int Count => _v.Length;

    /// <summary>Vertex <paramref name="i"/>, taken modulo <see cref="Count"/>.</summary>
    public Vec3 this[int i] => _v[((i % _v.Length) + _v.Length) % _v.Length];

    /// <summary>Unit vector at the mean of the vertices: the centre of <see cref="CapRadiusRad"/>.</summary>
    public Vec3 Center { get; }

    /// <summary>Angular radius in radians of a cap around <see cref="Center"/> that contains the whole loop.</summary>
    public double CapRadiusRad { get; }

    /// <summary>Signed enclosed area in steradians (Gauss–Bonnet: 2π minus the total turning).</summary>
    public double AreaSr => 2 * Math.PI - TotalTurning(_v);

    /// <summary>
    /// Builds a loop from a ring of points in either orientation, closed or not, keeping the smaller of the two regions.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than three distinct points, or an edge joins antipodal points.</exception>
    public static SphericalLoop FromPoints(IReadOnlyList<GeoPoint> ring, string? what = null)
    {
        var pts = new List<Vec3>(ring.Count);
        foreach (var g in ring)
        {
            var v = Vec3.FromGeo(g);
            if (pts.Count == 0 || pts[^1] != v) pts.Add(v);
        }
        while (pts.Count > 1 && pts[^1] == pts[0]) pts.RemoveAt(pts.Count - 1);
        if (pts.Count < 3)
            throw new ArgumentException($"{what ?? "ring"}: fewer than three distinct points");
        for (int i = 0; i < pts.Count; i++)
        {
            var a = pts[i]; var b = pts[(i + 1) % pts.Count];
            if (a.Dot(b) < -1 + 1e-15 || a.Cross(b).Norm2 < 1e-30 && a.Dot(b) < 0)
                throw new ArgumentException($"{what ?? "ring"}: edge from {a.ToGeo()} to {b.ToGeo()} joins antipodal points; its great circle is undefined");
        }
        var arr = pts.ToArray();
        if (TotalTurning(arr) < 0) Array.Reverse(arr); // left region larger than a hemisphere: take the other side
        return new SphericalLoop(arr);
    }

    /// <summary>Wraps vertices already known to be counter-clockwise around the intended interior.</summary>
    public static SphericalLoop FromCcwVertices(IEnumerable<Vec3> ccw)
    {
        var arr = ccw.ToArray();
        if (arr.Length < 3) throw new ArgumentException("a loop needs at least three vertices");
        return new SphericalLoop(arr);
    }

    /// <summary>A point certainly inside the left region: just left of the middle of edge 0.</summary>
    public Vec3 InteriorProbe { get; }

    /// <summary>True if the interior lies to the left of the edges: the smaller region for loops from
    /// <see cref="FromPoints"/>, possibly the larger one for loops from <see cref="FromCcwVertices"/>.</summary>
    public bool LeftIsSmall => _leftIsSmall;

    /// <summary>
    /// True if <paramref name="p"/> lies strictly inside the region to the left of the edges (a point equal to a vertex
    /// is on the boundary: false). Exact: parity of proper crossings on the arc from p to a reference point.
    /// </summary>
    public bool Contains(in Vec3 p)
    {
        // Outside the bounding cap, p is in the same region as the reference point (the cap's complement is connected).
        if (CapRadiusRad < Math.PI / 2 && Vec3.Angle(p, Center) > CapRadiusRad) return _refInside;
        var r = _ref;
        if ((p + r).Norm2 < 1e-20)
        {
            // p is the reference's antipode (the centre itself): use the probe-free route via a second reference.
            r = (Center.Cross(_v[0]).Normalize() + r).Normalize();
            bool rInside = CrossingParity(-Center, r) ? !_refInside : _refInside;
            return CrossingParity(p, r) ? !rInside : rInside;
        }
        foreach (var v in _v) if (v == p) return false;
        return CrossingParity(p, r) ? !_refInside : _refInside;
    }

    /// <summary>Total signed turning of a closed ring (left turns positive): 2π for a small counter-clockwise loop.</summary>
    internal static double TotalTurning(ReadOnlySpan<Vec3> v)
    {
        double sum = 0;
        int n = v.Length;
        for (int i = 0; i < n; i++)
        {
            var a = v[(i + n - 1) % n]; var b = v[i]; var c = v[(i + 1) % n];
            var n1 = a.Cross(b); var n2 = b.Cross(c);
            sum += Math.Atan2(n1.Cross(n2).Dot(b), n1.Dot(n2));
        }
        return sum;
    }
}
