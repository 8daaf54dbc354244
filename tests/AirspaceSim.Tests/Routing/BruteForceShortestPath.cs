using AirspaceSim.Airspaces;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Independent reference solver for the shortest path on the unit sphere around closed polygons: a full visibility
/// graph over ALL polygon vertices (no convexity, tangent or bitangent pruning, no bounding caps, no A*) and plain
/// O(n²) Dijkstra. Shares nothing with the planner but the exact orientation predicate and loop containment.
/// </summary>
/// <remarks>
/// A great-circle segment p→q is allowed iff
/// <list type="bullet">
/// <item>it properly crosses no polygon edge at a point interior to both, decided with exact, unperturbed orientations
/// (<see cref="SphereTestGeometry.ProperlyCrossesExactly"/>: touching a vertex or running along an edge is allowed, the
/// boundary is flyable; a pass through a vertex into the interior is caught by the samples), and</item>
/// <item>none of its interior sample points (fractions <see cref="Fractions"/>) is blocked. A point is blocked if it
/// lies strictly inside a polygon (<see cref="SphericalRegion.Contains(in Vec3)"/>) by more than
/// <see cref="SphereTestGeometry.SampleToleranceRad"/> (a sample of a segment running along an edge is a few ulps off), or if it lies on a border shared
/// by touching polygons: all of eight points at 1e-7 rad around it are strictly inside some polygon (the point is in
/// the interior of the union although in the interior of no single polygon).</item>
/// </list>
/// Every path the planner may take turns at polygon vertices only, so Dijkstra over {origin, destination, vertices}
/// with these edges gives the optimum. Building is O(n³) (n² pairs × n edges); fine for a few hundred vertices.
/// </remarks>
internal sealed class BruteForceShortestPath
{
    private static readonly double[] Fractions = [0.5, 0.125, 0.25, 0.375, 0.625, 0.75, 0.875, 0.01, 0.99];
    private const double NeighbourRad = 1e-7;

    private readonly Airspace[] _closures;
    private readonly List<(Vec3 A, Vec3 B)> _edges = [];
    private readonly Vec3[] _vertices;
    private readonly double[,] _vertexLinks;

    public BruteForceShortestPath(IEnumerable<Airspace> closures)
    {
        _closures = closures.ToArray();
        var verts = new List<Vec3>();
        foreach (var a in _closures)
            foreach (var ring in SphereTestGeometry.Rings(a))
                for (int i = 0; i < ring.Length; i++)
                {
                    _edges.Add((ring[i], ring[(i + 1) % ring.Length]));
                    if (!verts.Contains(ring[i])) verts.Add(ring[i]); // shared vertices of touching polygons once
                }
        _vertices = verts.ToArray();
        int n = _vertices.Length;
        _vertexLinks = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            _vertexLinks[i, i] = 0;
            for (int j = i + 1; j < n; j++)
                _vertexLinks[i, j] = _vertexLinks[j, i] = SegmentLength(_vertices[i], _vertices[j]);
        }
    }

    public int VertexCount => _vertices.Length;

    /// <summary>Every polygon vertex (the nodes of the visibility graph).</summary>
    public IReadOnlyList<Vec3> Vertices => _vertices;

    /// <summary>Shortest length in radians from each vertex to t avoiding the closures (+∞ where none): Dijkstra from t
    /// over the same graph as <see cref="Shortest"/>.</summary>
    public double[] DistancesTo(in Vec3 t)
    {
        int n = _vertices.Length;
        var dist = new double[n];
        var done = new bool[n];
        for (int i = 0; i < n; i++) dist[i] = SegmentLength(_vertices[i], t);
        while (true)
        {
            int u = -1;
            for (int i = 0; i < n; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
            if (u < 0 || double.IsPositiveInfinity(dist[u])) break;
            done[u] = true;
            for (int v = 0; v < n; v++)
                if (!done[v] && dist[u] + _vertexLinks[u, v] < dist[v]) dist[v] = dist[u] + _vertexLinks[u, v];
        }
        return dist;
    }

    /// <summary>True if p lies strictly inside a closure or on a border between touching closures.</summary>
    public bool Blocked(in Vec3 p)
    {
        foreach (var a in _closures) if (SphereTestGeometry.InsideBeyondTolerance(p, a)) return true;
        for (int k = 0; k < 8; k++)
        {
            var q = SphereTestGeometry.Offset(p, NeighbourRad, k * Math.PI / 4 + 0.1);
            bool inside = false;
            foreach (var a in _closures) if (a.Region.Contains(q)) { inside = true; break; }
            if (!inside) return false;
        }
        return true;
    }

    /// <summary>Length in radians of the segment p→q if it is allowed, else +∞.</summary>
    public double SegmentLength(in Vec3 p, in Vec3 q)
    {
        if (p == q) return 0;
        if (Predicates.NearlyAntipodal(p, q)) return double.PositiveInfinity; // antipodal: no unique arc
        foreach (var (a, b) in _edges)
            if (SphereTestGeometry.ProperlyCrossesExactly(p, q, a, b)) return double.PositiveInfinity;
        foreach (var t in Fractions)
            if (Blocked(SphereTestGeometry.Slerp(p, q, t))) return double.PositiveInfinity;
        return Vec3.Angle(p, q);
    }

    /// <summary>Shortest length in radians from o to d avoiding the closures; +∞ if there is none (or an end is blocked).</summary>
    public double Shortest(in Vec3 o, in Vec3 d)
    {
        if (Blocked(o) || Blocked(d)) return double.PositiveInfinity;
        int n = _vertices.Length;
        // Nodes 0..n-1 vertices, n origin, n+1 destination.
        var oLinks = new double[n]; var dLinks = new double[n];
        for (int i = 0; i < n; i++) { oLinks[i] = SegmentLength(o, _vertices[i]); dLinks[i] = SegmentLength(_vertices[i], d); }
        double direct = SegmentLength(o, d);
        var dist = new double[n + 2];
        var done = new bool[n + 2];
        Array.Fill(dist, double.PositiveInfinity);
        dist[n] = 0;
        double Weight(int u, int v)
        {
            if (u == n && v == n + 1) return direct;
            if (u == n) return v == n ? 0 : oLinks[v];
            if (v == n + 1) return dLinks[u];
            if (v == n) return double.PositiveInfinity;
            return _vertexLinks[u, v];
        }
        while (true)
        {
            int u = -1;
            for (int i = 0; i < n + 2; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
            if (u < 0 || double.IsPositiveInfinity(dist[u])) break;
            if (u == n + 1) break;
            done[u] = true;
            for (int v = 0; v < n + 2; v++)
            {
                if (done[v] || v == u) continue;
                double w = Weight(u, v);
                if (dist[u] + w < dist[v]) dist[v] = dist[u] + w;
            }
        }
        return dist[n + 1];
    }
}
