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
    // Edge index, built once: edge i runs from vertex i to vertex i + 1; blocks of BlockSize consecutive edges carry a
    // bounding cap so that a query far from a block skips all of its edges.
    private readonly GreatCircleArc[] _edges;
    private readonly Vec3[] _blockCenter;
    private readonly double[] _blockRadius;

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
        // Reference point for crossing parity: the antipode of the centre, its side decided once by its signed winding
        // angle (robust because the reference lies far from the boundary of any airspace-sized loop). The winding angle
        // around q is +2π when q is enclosed and −q is not, −2π when −q is enclosed and q is not, and 0 when q and −q
        // are on the same side (which for a loop larger than a hemisphere means both inside).
        _ref = -Center;
        double w = WindingAngle(_ref);
        _refInside = w > Math.PI || (w >= -Math.PI && 2 * Math.PI - TotalTurning(ccw) > 2 * Math.PI);

        int n = ccw.Length;
        _edges = new GreatCircleArc[n];
        for (int i = 0; i < n; i++) _edges[i] = new GreatCircleArc(ccw[i], ccw[i + 1 == n ? 0 : i + 1]);
        int nb = (n + BlockSize - 1) / BlockSize;
        _blockCenter = new Vec3[nb];
        _blockRadius = new double[nb];
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
        }
    }

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
            if (Vec3.Angle(p, _blockCenter[k]) > _blockRadius[k] + GreatCircleArc.CapSlack) continue;
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

    /// <summary>True if <paramref name="p"/> lies strictly inside (a point equal to a vertex is on the boundary: false).</summary>
    public bool Contains(in Vec3 p)
    {
        if (Vec3.Angle(p, Center) > CapRadiusRad) return false;
        var r = _ref;
        bool inside = _refInside;
        // The arc p→ref is undefined when p is the reference's antipode; step the reference off by a fixed rotation.
        if ((p + r).Norm2 < 1e-24) return ContainsSlow(p);
        if (IndexOfVertex(p) >= 0) return false;
        int n = _v.Length;
        // Skip blocks whose cap the arc p→ref misses; only when that arc's normal is well conditioned (p not within
        // 1e-6 rad of the centre), otherwise test every edge.
        bool filter = _blockCenter.Length > 1 && (p - Center).Norm2 > 1e-12;
        var arc = filter ? new GreatCircleArc(p, r) : default;
        for (int k = 0; k < _blockCenter.Length; k++)
        {
            if (filter && !arc.MayIntersectCap(_blockCenter[k], _blockRadius[k])) continue;
            int start = k * BlockSize, end = Math.Min(n, start + BlockSize);
            for (int i = start; i < end; i++)
                if (Predicates.CrossingSign(p, r, _v[i], _v[i + 1 == n ? 0 : i + 1]) > 0) inside = !inside;
        }
        return inside;
    }

    /// <summary>True if <paramref name="p"/> is one of the vertices.</summary>
    public bool HasVertex(in Vec3 p) => IndexOfVertex(p) >= 0;

    private bool ContainsSlow(in Vec3 p)
    {
        double w = WindingAngle(p);
        return w > Math.PI || (w >= -Math.PI && AreaSr > 2 * Math.PI);
    }

    // Sum of the angles the edges subtend at q: ±2π if q is enclosed on the left, 0 otherwise.
    private double WindingAngle(in Vec3 q)
    {
        double sum = 0;
        for (int i = 0; i < _v.Length; i++)
        {
            var a = _v[i]; var b = _v[(i + 1) % _v.Length];
            var qa = q.Cross(a); var qb = q.Cross(b);
            sum += Math.Atan2(qa.Cross(qb).Dot(q), qa.Dot(qb));
        }
        return sum;
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
