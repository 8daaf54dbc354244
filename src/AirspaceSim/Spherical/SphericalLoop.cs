using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>
/// A simple closed ring of great-circle edges on the unit sphere, stored counter-clockwise around the region it
/// encloses: the interior lies to the left of every edge.
/// </summary>
/// <remarks>
/// A ring splits the sphere into two regions and files do not orient rings reliably, so <see cref="FromPoints(IReadOnlyList{GeoPoint})"/>
/// keeps the smaller region (the airspace convention). Closing points and consecutive repeats are dropped. The loop is
/// immutable and safe to share between threads.
/// </remarks>
public sealed class SphericalLoop
{
    private readonly Vec3[] _v;
    private readonly bool _outsideCapInside;
    private readonly bool _leftIsSmall;
    private readonly EdgeIndex _index;
    private readonly double _capCos;
    private readonly Vec3 _hop;
    private readonly bool _hopInside;

    private SphericalLoop(Vec3[] ccw)
    {
        _v = ccw;
        _index = new EdgeIndex(ccw);
        var sum = new Vec3(0, 0, 0);
        foreach (var p in ccw) sum += p;
        Center = sum.Norm2 > 1e-20 ? sum.Normalize() : ccw[0];
        CapRadiusRad = CapBound.AroundArcs(Center, _index.Edges);
        _capCos = CapBound.CapCos(CapRadiusRad);
        _leftIsSmall = TotalTurning(ccw) > 0;

        // Reference point for crossing parity: the interior probe, inside by construction (strictly left of edge 0,
        // nearer to it than to any other edge) and never a vertex, so the parity of proper crossings on the arc from p
        // to it decides p exactly. Winding sums cannot: on the sphere they are ±2π both near the loop and near its
        // antipode. (The antipode of the centre, the reference once, is a vertex for a centrally symmetric ring, where
        // the centre falls back to vertex 0, and parity through a vertex is meaningless.) For p within
        // Predicates.AntipodalToleranceRad of the probe's antipode the arc has no great circle: go through a hop point
        // 90° from the probe instead, its side decided once the same way.
        InteriorProbe = LeftProbe(_index.Edges);
        _hop = Perpendicular(InteriorProbe);
        _hopInside = !CrossingParity(_hop, InteriorProbe);
        // Outside the bounding cap (when it is smaller than a hemisphere) every point is on the side of the centre's
        // antipode: the cap's complement is connected and holds no edge.
        _outsideCapInside = _capCos > 0 && SideByParity(-Center);
    }

    // A unit vector at 90° from p that is not a vertex (a computed point equals an input vertex only by construction).
    private Vec3 Perpendicular(in Vec3 p)
    {
        foreach (var axis in (ReadOnlySpan<Vec3>)[new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)])
        {
            var h = p.Cross(axis);
            if (h.Norm2 < 0.25) continue; // axis too close to ±p
            h = h.Normalize();
            if (IndexOfVertex(h) < 0) return h;
        }
        throw new InvalidOperationException("no reference point off the vertices"); // unreachable: three tries, one vertex set
    }

    // The side of a point that is not a vertex, by crossing parity from the probe (or from the hop point when the point
    // is nearly antipodal to the probe).
    private bool SideByParity(in Vec3 p)
    {
        if (!Predicates.NearlyAntipodal(p, InteriorProbe)) return !CrossingParity(p, InteriorProbe);
        return CrossingParity(p, _hop) ? !_hopInside : _hopInside;
    }

    // A point strictly left of the middle of edge 0, nearer to it than to any other edge, so certainly in the left region.
    private static Vec3 LeftProbe(ReadOnlySpan<GreatCircleArc> edges)
    {
        var first = edges[0];
        var m = first.Mid;
        var n = first.A.Cross(first.B).Normalize();
        double clearance = first.Half;
        for (int i = 1; i < edges.Length; i++) clearance = Math.Min(clearance, edges[i].Distance(m));
        double eps = 0.25 * clearance;
        return (Math.Cos(eps) * m + Math.Sin(eps) * n).Normalize();
    }

    /// <summary>A point certainly inside the left region: just left of the middle of edge 0.</summary>
    internal Vec3 InteriorProbe { get; }

    /// <summary>True if the interior lies to the left of the edges: the smaller region for loops from
    /// <see cref="FromPoints(IReadOnlyList{GeoPoint})"/>, possibly the larger one for loops from <see cref="FromCcwVertices"/>.</summary>
    internal bool LeftIsSmall => _leftIsSmall;

    /// <summary>The edge index: edge i joins vertex i to vertex i + 1 (mod <see cref="Count"/>).</summary>
    internal EdgeIndex Index => _index;

    /// <summary><see cref="CapBound.CapCos"/> of <see cref="CapRadiusRad"/>.</summary>
    internal double CapCos => _capCos;

    /// <summary>Index of the vertex equal to <paramref name="p"/>, or −1.</summary>
    internal int IndexOfVertex(in Vec3 p) => _index.IndexOfVertex(p);

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

    /// <inheritdoc cref="FromPoints(IReadOnlyList{GeoPoint}, string?)"/>
    public static SphericalLoop FromPoints(IReadOnlyList<GeoPoint> ring) => FromPoints(ring, null);

    /// <summary>
    /// Builds a loop from a ring of points in either orientation, closed or not, keeping the smaller of the two regions.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than three distinct points, or an edge joins antipodal points.</exception>
    public static SphericalLoop FromPoints(IReadOnlyList<GeoPoint> ring, string? what)
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
            if (Predicates.NearlyAntipodal(a, b))
                throw new ArgumentException($"{what ?? "ring"}: edge from {a.ToGeo()} to {b.ToGeo()} joins antipodal points " +
                                            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(within {Predicates.AntipodalToleranceRad} rad); its great circle is undefined"));
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
    /// is on the boundary: false; a point exactly on an edge is put on one side by symbolic perturbation, consistently,
    /// so a seam shared by two loops belongs to exactly one). Exact for every point, the centre's antipode included:
    /// parity of proper crossings on the arc from p to a reference point inside the loop.
    /// </summary>
    public bool Contains(in Vec3 p)
    {
        if (_capCos > 0 && p.Dot(Center) < _capCos) return _outsideCapInside;
        if (IndexOfVertex(p) >= 0) return false;
        return SideByParity(p);
    }

    /// <summary>
    /// True if <paramref name="p"/> lies exactly on the boundary: a vertex or a point of an edge (exact, without
    /// perturbation). With <see cref="Contains(in Vec3)"/> this gives the open interior, where a point on an edge is
    /// outside: the rule of the detour planner, for which the boundary is flyable.
    /// </summary>
    public bool OnBoundary(in Vec3 p) => _index.OnBoundary(p);

    /// <summary>True if the arc p→q properly crosses an edge of this loop (touching at a vertex does not count; a vertex
    /// on the arc's great circle is put on one side by symbolic perturbation, consistently for every test).</summary>
    /// <exception cref="ArgumentException">p and q are antipodal (<see cref="Predicates.NearlyAntipodal"/>).</exception>
    public bool IsCrossedBy(in Vec3 p, in Vec3 q)
    {
        if (Predicates.NearlyAntipodal(p, q))
            throw new ArgumentException($"arc from {p.ToGeo()} to {q.ToGeo()}: endpoints are antipodal, the great circle is undefined");
        return _index.CrossingCount(new EdgeCrosser(p, q), stopAtFirst: true) > 0;
    }

    /// <summary>True if the prepared arc properly crosses an edge (the caller has ruled out antipodal ends).</summary>
    internal bool IsCrossedBy(in EdgeCrosser x) => _index.CrossingCount(x, stopAtFirst: true) > 0;

    /// <summary>
    /// True if the arc p→q passes through the interior (the open region left of the edges). Exact, without
    /// perturbation; the boundary is flyable: touching a vertex, running along an edge or ending on the boundary does
    /// not count, while passing through a vertex into the interior, or leaving a boundary point into it, does.
    /// </summary>
    /// <exception cref="ArgumentException">p and q are antipodal (<see cref="Predicates.NearlyAntipodal"/>).</exception>
    public bool IsEnteredBy(in Vec3 p, in Vec3 q)
    {
        if (Predicates.NearlyAntipodal(p, q))
            throw new ArgumentException($"arc from {p.ToGeo()} to {q.ToGeo()}: endpoints are antipodal, the great circle is undefined");
        return _index.IsEntered(new EdgeCrosser(p, q));
    }

    /// <summary><see cref="IsEnteredBy(in Vec3, in Vec3)"/> for a prepared arc (the caller has ruled out antipodal ends).</summary>
    internal bool IsEnteredBy(in EdgeCrosser x) => _index.IsEntered(x);

    /// <summary>True if the arc p→q passes through the open region to the <b>right</b> of the edges (for a hole loop,
    /// which encloses the hole: the polygon around it); otherwise as <see cref="IsEnteredBy(in Vec3, in Vec3)"/>.</summary>
    /// <exception cref="ArgumentException">p and q are antipodal (<see cref="Predicates.NearlyAntipodal"/>).</exception>
    public bool IsEnteredFromOutsideBy(in Vec3 p, in Vec3 q)
    {
        if (Predicates.NearlyAntipodal(p, q))
            throw new ArgumentException($"arc from {p.ToGeo()} to {q.ToGeo()}: endpoints are antipodal, the great circle is undefined");
        return _index.IsEntered(new EdgeCrosser(p, q), interiorRight: true);
    }

    /// <summary>The prepared arc enters the open region left (or, with <paramref name="interiorRight"/>, right) of the
    /// edges at a contact other than the <paramref name="touch"/> points (<see cref="EdgeCrosser.ChainEnters"/>).</summary>
    internal bool IsEnteredBy(in EdgeCrosser x, bool interiorRight, ReadOnlySpan<Vec3> touch) => _index.IsEntered(x, interiorRight, touch);

    /// <summary>Number of proper crossings of the prepared arc with the edges.</summary>
    internal int CrossingCount(in EdgeCrosser x) => _index.CrossingCount(x, stopAtFirst: false);

    // True if the number of boundary crossings on the arc p→r is odd.
    private bool CrossingParity(in Vec3 p, in Vec3 r) => (_index.CrossingCount(new EdgeCrosser(p, r), stopAtFirst: false) & 1) == 1;

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
