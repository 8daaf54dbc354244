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
    private readonly Vec3 _inner;

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
        // Reference point for crossing parity: the antipode of the centre. Its side is decided once by the crossing parity
        // from a point known to be inside (just left of an edge). A tangent-plane winding number cannot decide it: a loop
        // winds around a point and around its antipode alike, so the antipode of the centre always looked "inside".
        _ref = -Center;
        _inner = InteriorPoint(ccw);
        _refInside = (CrossingCount(_inner, _ref) & 1) == 0;
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

    /// <summary>True if <paramref name="p"/> lies strictly inside (a point equal to a vertex is on the boundary: false).</summary>
    public bool Contains(in Vec3 p)
    {
        if (Vec3.Angle(p, Center) > CapRadiusRad) return false;
        var r = _ref;
        bool inside = _refInside;
        // The arc p→ref is undefined when p is the reference's antipode; step the reference off by a fixed rotation.
        if ((p + r).Norm2 < 1e-24) return ContainsSlow(p);
        foreach (var v in _v) if (v == p) return false;
        for (int i = 0; i < _v.Length; i++)
        {
            if (Predicates.CrossingSign(p, r, _v[i], _v[i + 1 == _v.Length ? 0 : i + 1]) > 0) inside = !inside;
        }
        return inside;
    }

    private bool ContainsSlow(in Vec3 p)
    {
        foreach (var v in _v) if (v == p) return false;
        return (CrossingCount(_inner, p) & 1) == 0;
    }

    private int CrossingCount(in Vec3 from, in Vec3 to)
    {
        int n = 0;
        for (int i = 0; i < _v.Length; i++)
            if (Predicates.CrossingSign(from, to, _v[i], _v[i + 1 == _v.Length ? 0 : i + 1]) > 0) n++;
        return n;
    }

    // A point strictly inside: just left of the middle of the longest edge, in a thin triangle (a, b, q) that no other
    // edge enters (no vertex inside it, no edge crossing its two new sides); the offset shrinks until that holds.
    private static Vec3 InteriorPoint(Vec3[] v)
    {
        int n = v.Length, best = 0;
        double longest = -1;
        for (int i = 0; i < n; i++)
        {
            double len = Vec3.Angle(v[i], v[(i + 1) % n]);
            if (len > longest) { longest = len; best = i; }
        }
        var a = v[best]; var b = v[(best + 1) % n];
        var m = (a + b).Normalize();
        var left = a.Cross(b).Normalize();
        double delta = Math.Min(1e-6, 0.25 * longest);
        Vec3 q = m;
        for (int attempt = 0; attempt < 60; attempt++, delta *= 0.5)
        {
            q = (m + delta * left).Normalize();
            if (Predicates.Sign(a, b, q) <= 0) continue;
            bool clear = true;
            for (int j = 0; j < n && clear; j++)
            {
                var c = v[j]; var d = v[(j + 1) % n];
                if (j != best && c != a && c != b &&
                    Predicates.Sign(a, b, c) > 0 && Predicates.Sign(b, q, c) > 0 && Predicates.Sign(q, a, c) > 0) clear = false;
                else if (j != best && (Predicates.CrossingSign(a, q, c, d) > 0 || Predicates.CrossingSign(q, b, c, d) > 0)) clear = false;
            }
            if (clear) return q;
        }
        return q;
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
