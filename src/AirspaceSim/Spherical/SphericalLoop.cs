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
    /// <summary>Edges per block of the two-level edge index.</summary>
    internal const int BlockSize = 16;

    private readonly Vec3[] _v;
    private readonly Vec3 _ref;
    private readonly bool _refInside;
    private readonly bool _leftIsSmall;
    // Edge index, built once: edge i runs from vertex i to vertex i + 1; blocks of BlockSize consecutive edges carry a
    // bounding cap so that a query far from a block skips all of its edges.
    private readonly GreatCircleArc[] _edges;
    private readonly Vec3[] _blockCenter;
    private readonly double[] _blockRadius;
    private readonly double[] _blockCos;
    private readonly double _capCos;

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
        _capCos = GreatCircleArc.CapCos(cap);
        int n = ccw.Length;
        _edges = new GreatCircleArc[n];
        for (int i = 0; i < n; i++) _edges[i] = new GreatCircleArc(ccw[i], ccw[i + 1 == n ? 0 : i + 1]);
        int nb = (n + BlockSize - 1) / BlockSize;
        _blockCenter = new Vec3[nb];
        _blockRadius = new double[nb];
        _blockCos = new double[nb];
        for (int k = 0; k < nb; k++)
        {
            int start = k * BlockSize, end = Math.Min(n, start + BlockSize);
            var s = new Vec3(0, 0, 0);
            for (int i = start; i < end; i++) s += _edges[i].Mid;
            var c = s.Norm2 > 1e-20 ? s.Normalize() : _edges[start].Mid;
            double r = 0;
            // An arc lies within its half length of its midpoint, so the triangle inequality bounds the block.
            for (int i = start; i < end; i++) r = Math.Max(r, Vec3.Angle(c, _edges[i].Mid) + _edges[i].Half);
            _blockCenter[k] = c;
            _blockRadius[k] = Math.Min(r * (1 + 1e-12) + 1e-12, Math.PI);
            _blockCos[k] = GreatCircleArc.CapCos(_blockRadius[k]);
        }

        // Reference point for crossing parity: the antipode of the centre. Its side is decided once, exactly, by counting
        // crossings from a probe point known to lie just left of edge 0 (closer to that edge than to any other). Winding
        // sums cannot decide it: on the sphere they are ±2π both near the loop and near its antipode.
        _ref = -Center;
        _leftIsSmall = TotalTurning(ccw) > 0;
        InteriorProbe = LeftProbe(ccw);
        _refInside = !CrossingParity(InteriorProbe, _ref);
    }

    // A point strictly left of the middle of edge 0, nearer to it than to any other edge, so certainly in the left region.
    private static Vec3 LeftProbe(Vec3[] v)
    {
        var first = new GreatCircleArc(v[0], v[1]);
        var m = first.Mid;
        var n = v[0].Cross(v[1]).Normalize();
        double clearance = first.Half;
        for (int i = 1; i < v.Length; i++)
            clearance = Math.Min(clearance, new GreatCircleArc(v[i], v[(i + 1) % v.Length]).Distance(m));
        double eps = 0.25 * clearance;
        return (Math.Cos(eps) * m + Math.Sin(eps) * n).Normalize();
    }

    /// <summary>A point certainly inside the left region: just left of the middle of edge 0.</summary>
    public Vec3 InteriorProbe { get; }

    /// <summary>True if the interior lies to the left of the edges: the smaller region for loops from
    /// <see cref="FromPoints"/>, possibly the larger one for loops from <see cref="FromCcwVertices"/>.</summary>
    public bool LeftIsSmall => _leftIsSmall;

    /// <summary>Prepared edges; edge i joins vertex i to vertex i + 1 (mod <see cref="Count"/>).</summary>
    internal ReadOnlySpan<GreatCircleArc> Edges => _edges;

    /// <summary>Number of edge blocks of the index.</summary>
    internal int BlockCount => _blockCenter.Length;

    /// <summary>Bounding cap of block <paramref name="k"/> (edges k·BlockSize up to the next block).</summary>
    internal (Vec3 Center, double Radius) BlockCap(int k) => (_blockCenter[k], _blockRadius[k]);

    /// <summary>Index of the vertex equal to <paramref name="p"/>, or −1; only blocks whose cap holds p are scanned.</summary>
    internal int IndexOfVertex(in Vec3 p)
    {
        int n = _v.Length;
        for (int k = 0; k < _blockCenter.Length; k++)
        {
            if (_blockCos[k] > 0 && p.Dot(_blockCenter[k]) < _blockCos[k]) continue;
            int start = k * BlockSize, end = Math.Min(n, start + BlockSize);
            for (int i = start; i < end; i++) if (_v[i] == p) return i;
        }
        return -1;
    }

    /// <summary>
    /// True if the direction from vertex <paramref name="i"/> towards <paramref name="toward"/> points into the
    /// interior: strictly inside the wedge swept counter-clockwise from the next vertex to the previous one.
    /// </summary>
    internal bool WedgePointsInside(int i, in Vec3 toward)
    {
        int n = _v.Length;
        return Predicates.OrderedCcw(_v[i + 1 == n ? 0 : i + 1], toward, _v[i == 0 ? n - 1 : i - 1], _v[i]);
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

    /// <summary>
    /// True if <paramref name="p"/> lies strictly inside the region to the left of the edges (a point equal to a vertex
    /// is on the boundary: false). Exact: parity of proper crossings on the arc from p to a reference point.
    /// </summary>
    public bool Contains(in Vec3 p)
    {
        // Outside the bounding cap, p is in the same region as the reference point (the cap's complement is connected).
        if (_capCos > 0 && p.Dot(Center) < _capCos) return _refInside;
        var r = _ref;
        if ((p + r).Norm2 < 1e-20)
        {
            // p is the reference's antipode (the centre itself): go through a second reference 45° away.
            r = (Center.Cross(_v[0]).Normalize() + r).Normalize();
            bool rInside = CrossingParity(-Center, r) ? !_refInside : _refInside;
            return CrossingParity(p, r) ? !rInside : rInside;
        }
        if (IndexOfVertex(p) >= 0) return false;
        return CrossingParity(p, r) ? !_refInside : _refInside;
    }

    /// <summary>True if the arc p→q properly crosses an edge of this loop (touching at a vertex does not count).</summary>
    public bool IsCrossedBy(in Vec3 p, in Vec3 q) => CrossingCount(p, q, stopAtFirst: true) > 0;

    // True if the number of boundary crossings on the arc p→r is odd.
    private bool CrossingParity(in Vec3 p, in Vec3 r) => (CrossingCount(p, r, stopAtFirst: false) & 1) == 1;

    // Proper crossings of the arc p→q with the edges. Blocks whose cap the arc misses are skipped; within a block each
    // vertex's side of the arc is computed once and shared by its two edges (S2's chain edge crosser), and only edges
    // with ends on opposite sides get the full test.
    private int CrossingCount(in Vec3 p, in Vec3 q, bool stopAtFirst)
    {
        int n = _v.Length, count = 0;
        var normal = p.Cross(q);
        var nh = normal.Normalize();
        // The block filter needs a well-conditioned arc normal.
        bool filter = _blockCenter.Length > 1 && (p - q).Norm2 > 1e-12 && (p + q).Norm2 > 1e-12;
        for (int k = 0; k < _blockCenter.Length; k++)
        {
            if (filter && !GreatCircleArc.MayHitCap(p, q, nh, _blockCenter[k], _blockCos[k])) continue;
            int start = k * BlockSize, end = Math.Min(n, start + BlockSize);
            int sa = Predicates.SideOfArc(p, q, normal, _v[start]);
            for (int i = start; i < end; i++)
            {
                int j = i + 1 == n ? 0 : i + 1;
                int sb = Predicates.SideOfArc(p, q, normal, _v[j]);
                if (sa != sb && Predicates.CrossingSign(p, q, _v[i], _v[j]) > 0)
                {
                    count++;
                    if (stopAtFirst) return count;
                }
                sa = sb;
            }
        }
        return count;
    }

    /// <summary>True if <paramref name="p"/> is one of the vertices.</summary>
    public bool HasVertex(in Vec3 p) => IndexOfVertex(p) >= 0;

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
