using System.Runtime.CompilerServices;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

/// <summary>
/// Exact shortest routes around closed airspace. Built once per set of closures (and buffer) and then shared: it is
/// immutable, and <see cref="Plan(GeoPoint, GeoPoint)"/> may be called from many threads at once.
/// </summary>
/// <remarks>
/// <para>
/// On a sphere with polygonal obstacles whose edges are great-circle arcs, a shortest path is a chain of great-circle
/// arcs whose inner turning points are convex obstacle vertices. The planner therefore precomputes a visibility
/// graph over those vertices, keeping only bitangent edges (the line touches the obstacle at both ends without
/// entering it); a query connects origin and destination to the vertices they see along tangents and runs A* with
/// the chord to the destination (a lower bound of the great-circle distance) as the admissible, consistent
/// heuristic. Links from the ends are verified lazily, when A* pops them, and corners inside an obstacle's convex
/// hull ("pockets") are used only when an end lies in that pocket. Nothing is gridded or sampled, so the result is the
/// exact optimum on the sphere, up to floating-point rounding of the vertex positions.
/// </para>
/// <para>
/// Written by hand because no .NET package plans on the sphere: NetTopologySuite is planar, and a planar
/// longitude/latitude visibility graph gets both the obstacle edges and the route legs wrong.
/// </para>
/// <para>
/// The route is chosen on the sphere and its legs are measured on the WGS84 ellipsoid. Choosing on the ellipsoid
/// would move the turning points by far less than the lateral margins airlines keep.
/// </para>
/// </remarks>
public sealed class DetourPlanner
{
    private const int ChunkSize = 8;

    private readonly Airspace[] _closures;
    private readonly Obstacle[] _obstacles;
    private readonly Func<GeoPoint, GeoPoint, double> _legKm;

    // Flat vertex arrays over all planning loops: the hot data, kept as unit vectors.
    private readonly Vec3[] _v;
    private readonly int[] _next, _prev, _obstacleOf;
    // Edge chunks: runs of consecutive edges of one loop with a bounding cap, for cheap rejection of whole runs.
    private readonly int[] _chunkFirst, _chunkCount;
    private readonly Vec3[] _chunkCenter;
    private readonly double[] _chunkCos;
    private readonly int[] _obstacleChunkStart, _obstacleChunkEnd;
    private readonly double[] _obstacleCos;
    // Graph nodes are the convex vertices; adjacency in compressed sparse rows.
    private readonly int[] _nodeVertex, _vertexNode;
    private readonly int[] _adjStart, _adjTo;
    private readonly double[] _adjRad;
    // Convex hull of each obstacle's shell (counter-clockwise) and whether other obstacles stay out of it. For such a
    // "clean" obstacle a shortest path between two points outside its hull never enters a pocket (the hull edge across
    // the pocket's mouth is a free shortcut), so only hull corners can be turning points: the per-query pruning.
    private readonly Vec3[][] _hull;
    private readonly bool[] _clean;
    private readonly bool[] _onHull;
    // The pockets of each clean obstacle: the free regions between its shell and a hull edge, with their corners. A
    // route end inside a pocket makes that pocket's corners usable; the corners of every other pocket stay pruned.
    private readonly (SphericalLoop Region, int[] Nodes, double CosCap, int LidA, int LidB)[][] _pockets;
    // Neighbours of each hull-boundary vertex along the hull (-1 off the hull): with no pocket open, a route touches a
    // clean obstacle only as it would touch its convex hull, so tangency is tested against the hull, not the shell.
    private readonly int[] _hullPrev, _hullNext;
    private readonly double _bufferExcessRad;
    // Every obstacle is exactly one closure: then an obstacle blocking the direct route names the closure it crosses.
    private readonly bool _singleSources;
    private readonly ThreadLocal<Scratch> _scratch;
    // Each boundary vertex as a geographic point, made once: a vertex of a closure keeps its exact input coordinates,
    // so that Vec3.FromGeo(waypoint) is that vertex again (a round trip through atan2 can move it one ulp inside).
    private readonly GeoPoint[] _vertexGeo;
    // Convex corners of each obstacle's unbuffered closures: with a buffer, the route from an end inside a band may
    // turn around them on its way out of the band (it may cross the band, never the closure).
    private readonly BandCorner[][] _bandCorners;

    private readonly record struct BandCorner(Vec3 V, Vec3 Prev, Vec3 Next, GeoPoint Geo);

    private DetourPlanner(Airspace[] closures, double bufferNm, int cornerSegments, Func<GeoPoint, GeoPoint, double> legKm)
    {
        _closures = closures;
        _legKm = legKm;
        BufferNm = bufferNm;
        var built = ObstacleBuilder.Build(closures, bufferNm, cornerSegments);
        _obstacles = built.Obstacles.ToArray();
        _bufferExcessRad = built.BufferExcessRad;
        _singleSources = _obstacles.All(ob => ob.SourceIds.Count == 1);

        // Flatten.
        var v = new List<Vec3>(); var next = new List<int>(); var prev = new List<int>(); var obs = new List<int>();
        var chunkFirst = new List<int>(); var chunkCount = new List<int>(); var chunkCenter = new List<Vec3>(); var chunkCos = new List<double>();
        _obstacleChunkStart = new int[_obstacles.Length];
        _obstacleChunkEnd = new int[_obstacles.Length];
        _obstacleCos = new double[_obstacles.Length];
        for (int o = 0; o < _obstacles.Length; o++)
        {
            _obstacleChunkStart[o] = chunkFirst.Count;
            _obstacleCos[o] = GreatCircleArc.CapCos(_obstacles[o].CapRadiusRad);
            foreach (var loop in _obstacles[o].Loops)
            {
                int start = v.Count, n = loop.Count;
                for (int i = 0; i < n; i++)
                {
                    v.Add(loop[i]);
                    next.Add(start + (i + 1) % n);
                    prev.Add(start + (i + n - 1) % n);
                    obs.Add(o);
                }
                for (int c = 0; c < n; c += ChunkSize)
                {
                    int count = Math.Min(ChunkSize, n - c);
                    var sum = new Vec3(0, 0, 0);
                    for (int i = 0; i <= count; i++) sum += loop[c + i];
                    var center = sum.Normalize();
                    double r = 0;
                    for (int i = 0; i < count; i++)
                    {
                        var a = loop[c + i]; var b = loop[c + i + 1];
                        r = Math.Max(r, Math.Max(Vec3.Angle(center, a), Vec3.Angle(center, b)) + 0.5 * Vec3.Angle(a, b));
                    }
                    chunkFirst.Add(start + c); chunkCount.Add(count); chunkCenter.Add(center); chunkCos.Add(GreatCircleArc.CapCos(r));
                }
            }
            _obstacleChunkEnd[o] = chunkFirst.Count;
        }
        _v = v.ToArray(); _next = next.ToArray(); _prev = prev.ToArray(); _obstacleOf = obs.ToArray();
        _chunkFirst = chunkFirst.ToArray(); _chunkCount = chunkCount.ToArray(); _chunkCenter = chunkCenter.ToArray(); _chunkCos = chunkCos.ToArray();

        // Convex corners (left turn with the obstacle on the left) are the only possible turning points.
        _vertexNode = new int[_v.Length];
        var nodes = new List<int>();
        for (int i = 0; i < _v.Length; i++)
        {
            bool convex = Predicates.Sign(_v[_prev[i]], _v[i], _v[_next[i]]) > 0;
            _vertexNode[i] = convex ? nodes.Count : -1;
            if (convex) nodes.Add(i);
        }
        _nodeVertex = nodes.ToArray();
        (_hull, _onHull) = BuildHulls();
        _clean = new bool[_obstacles.Length];
        for (int k = 0; k < _obstacles.Length; k++) _clean[k] = IsClean(k);
        _pockets = new (SphericalLoop, int[], double, int, int)[_obstacles.Length][];
        _hullPrev = new int[_v.Length]; _hullNext = new int[_v.Length];
        Array.Fill(_hullPrev, -1); Array.Fill(_hullNext, -1);
        for (int k = 0; k < _obstacles.Length; k++) _pockets[k] = BuildPockets(k);
        (_adjStart, _adjTo, _adjRad) = BuildGraph();
        var inputPoints = new Dictionary<Vec3, GeoPoint>();
        foreach (var a in closures)
            foreach (var c in a.Geometry.Coordinates)
            {
                var g = new GeoPoint(c.Y, c.X);
                inputPoints.TryAdd(Vec3.FromGeo(g), g);
            }
        _vertexGeo = new GeoPoint[_v.Length];
        for (int i = 0; i < _v.Length; i++) _vertexGeo[i] = inputPoints.TryGetValue(_v[i], out var g) ? g : _v[i].ToGeo();
        _bandCorners = new BandCorner[_obstacles.Length][];
        for (int k = 0; k < _obstacles.Length; k++)
        {
            var list = new List<BandCorner>();
            if (built.BufferRad > 0)
                foreach (var poly in _obstacles[k].OriginalPolygons)
                    foreach (var loop in poly)
                        for (int i = 0; i < loop.Count; i++)
                            if (Predicates.Sign(loop[i - 1], loop[i], loop[i + 1]) > 0)
                                list.Add(new BandCorner(loop[i], loop[i - 1], loop[i + 1],
                                    inputPoints.TryGetValue(loop[i], out var cg) ? cg : loop[i].ToGeo()));
            _bandCorners[k] = list.ToArray();
        }
        int maxCorners = _bandCorners.Length == 0 ? 0 : _bandCorners.Max(c => c.Length);
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(_nodeVertex.Length + maxCorners, _obstacles.Length, _v.Length));
    }

    /// <summary>The closures this planner routes around.</summary>
    public IReadOnlyList<Airspace> Closures => _closures;

    /// <summary>Lateral buffer in nautical miles kept from every closure.</summary>
    public double BufferNm { get; }

    /// <summary>Number of convex corners (graph nodes) after merging and buffering.</summary>
    public int NodeCount => _nodeVertex.Length;

    /// <summary>Number of directed bitangent visibility edges in the graph.</summary>
    public int EdgeCount => _adjTo.Length;

    /// <summary>The planning boundary of every obstacle (merged and buffered): loops of unit vectors, shell first, each
    /// with the obstacle on its left. For tests that check the planner against an independent solver.</summary>
    internal IReadOnlyList<IReadOnlyList<Vec3[]>> PlanningBoundaries =>
        _obstacles.Select(o => (IReadOnlyList<Vec3[]>)o.Loops.Select(l => l.Vertices.ToArray()).ToList()).ToList();

    /// <summary>Number of boundary vertices after merging and buffering.</summary>
    public int VertexCount => _v.Length;

    /// <summary>
    /// Largest distance in km by which the buffered obstacle may lie outside the exact buffer: the route's excess over
    /// the exact buffered optimum is at most this times the route's total turning in radians.
    /// </summary>
    public double BufferOvershootKm => _bufferExcessRad * Sphere.MeanRadiusKm;

    /// <summary>
    /// Builds a planner for the given closures.
    /// </summary>
    /// <param name="closures">The closed airspaces; touching ones are merged.</param>
    /// <param name="bufferNm">Lateral margin in nautical miles the route keeps from every closure (0 = none).</param>
    /// <param name="cornerSegments">Segments per full circle approximating buffer corners from outside (≥ 8).</param>
    /// <param name="legLengthKm">Length of a leg in km; defaults to the WGS84 geodesic length.</param>
    public static DetourPlanner Build(IEnumerable<Airspace> closures, double bufferNm = 0, int cornerSegments = 64,
        Func<GeoPoint, GeoPoint, double>? legLengthKm = null)
    {
        ArgumentNullException.ThrowIfNull(closures);
        return new DetourPlanner(closures.ToArray(), bufferNm, cornerSegments, legLengthKm ?? DefaultLegKm);
    }

    private static double DefaultLegKm(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;

    /// <summary>Plans the shortest route from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public RoutePlan Plan(GeoPoint from, GeoPoint to)
    {
        var o = Vec3.FromGeo(from);
        var d = Vec3.FromGeo(to);
        double directKm = _legKm(from, to);
        if (o == d)
            return Direct(from, to, directKm, 0);
        if ((o + d).Norm2 < 1e-24)
            throw new ArgumentException($"{from} and {to} are antipodal: the direct great-circle route is not unique");

        // Cheap rejection: an arc that reaches no obstacle's bounding cap is the answer.
        var n = o.Cross(d);
        double nNorm = n.Norm;
        var nh = (1 / nNorm) * n;
        bool near = false;
        for (int k = 0; k < _obstacles.Length && !near; k++)
            near = GreatCircleArc.MayHitCap(o, d, nh, _obstacles[k].Center, _obstacleCos[k]);
        if (!near)
            return Direct(from, to, directKm, Vec3.Angle(o, d));

        // Where each end lies relative to each obstacle: outside its hull, in one of its pockets (free space), or in
        // neither — only then can it be inside the obstacle, which the exact test decides.
        // Ends inside a closure: no route. Ends inside a buffer band only: that band is crossed on the first/last leg.
        var s = _scratch.Value!;
        s.NextQuery();
        var locO = s.LocationO; var locD = s.LocationD;
        int bandO = -1, bandD = -1;
        for (int k = 0; k < _obstacles.Length; k++)
        {
            var ob = _obstacles[k];
            locO[k] = Locate(k, o);
            locD[k] = Locate(k, d);
            if (locO[k] <= NoPocket && ob.Contains(o))
            {
                if (ob.OriginalContains(o))
                    return Unreachable(from, to, directKm, $"origin {from} is inside closed airspace {InsideWhich(o)}", CrossedClosures(o, d));
                bandO = k;
            }
            if (locD[k] <= NoPocket && ob.Contains(d))
            {
                if (ob.OriginalContains(d))
                    return Unreachable(from, to, directKm, $"destination {to} is inside closed airspace {InsideWhich(d)}", CrossedClosures(o, d));
                bandD = k;
            }
        }

        // One pass over the obstacles decides whether the direct route is blocked and, when every obstacle is a single
        // unbuffered closure, which closures it crosses (ends inside closures have returned above).
        bool perObstacle = _bufferExcessRad == 0 && _singleSources;
        bool blocked = false;
        List<string>? crossedIds = null;
        for (int k = 0; k < _obstacles.Length; k++)
        {
            if (!BlockedBy(k, o, d, nh, bandO, bandD)) continue;
            blocked = true;
            if (!perObstacle) break;
            crossedIds ??= new List<string>(1);
            if (!crossedIds.Contains(_obstacles[k].SourceIds[0])) crossedIds.Add(_obstacles[k].SourceIds[0]);
        }
        if (!blocked &&
            (bandO < 0 || BandCrossings(o, d, nh, bandO) <= (bandD == bandO ? 2 : 1)) &&
            (bandD < 0 || bandD == bandO || BandCrossings(o, d, nh, bandD) <= 1))
        {
            var plan = Direct(from, to, directKm, Vec3.Angle(o, d));
            return plan with { DepartsThroughBuffer = bandO >= 0, ArrivesThroughBuffer = bandD >= 0 };
        }
        IReadOnlyList<string> crossed = perObstacle ? crossedIds ?? [] : CrossedClosures(o, d);
        // The search lets the origin's side turn around closure corners inside its band; when only the destination
        // lies in a band, search the reverse route (same length) and turn it around.
        if (bandO < 0 && bandD >= 0)
            return Reversed(Search(s, to, from, d, o, directKm, bandD, -1, locD, locO, crossed), from, to);
        return Search(s, from, to, o, d, directKm, bandO, bandD, locO, locD, crossed);
    }

    /// <summary>
    /// Plans many routes, in parallel over all cores; results come back in input order. A pair that cannot be
    /// planned (antipodal ends) yields an exception in its slot rather than failing the whole batch.
    /// </summary>
    public IReadOnlyList<(RoutePlan? Plan, Exception? Error)> PlanAll(IReadOnlyList<(GeoPoint From, GeoPoint To)> pairs,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var results = new (RoutePlan?, Exception?)[pairs.Count];
        if (pairs.Count == 0) return results; // Partitioner.Create rejects an empty range
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        // Ranges of a few hundred routes keep the per-item scheduling cost far below one query.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, pairs.Count, 256), options, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                try { results[i] = (Plan(pairs[i].From, pairs[i].To), null); }
                catch (ArgumentException e) { results[i] = (null, e); }
            }
        });
        return results;
    }

    // A* with lazy edge evaluation (as in lazy PRM / LazySP): links from the origin and to the destination are pushed
    // after the cheap tangent test and their visibility is checked only when popped. The heuristic keeps the number of
    // pops small, so a query tests few lines for visibility; every accepted edge is verified, so the result is exact.
    private RoutePlan Search(Scratch s, GeoPoint from, GeoPoint to, Vec3 o, Vec3 d, double directKm, int bandO, int bandD,
        int[] locO, int[] locD, IReadOnlyList<string> crossed)
    {
        int nodeCount = _nodeVertex.Length;
        var all = s.AllCorners;
        for (int k = 0; k < _obstacles.Length; k++)
        {
            // Pocket corners are usable only from inside their pocket; an end that may be inside the obstacle (a band
            // or an enclave) or an obstacle without a hull keeps every corner.
            all[k] = !_clean[k] || locO[k] <= NoPocket || locD[k] <= NoPocket;
            if (all[k]) continue;
            foreach (int loc in (ReadOnlySpan<int>)[locO[k], locD[k]])
            {
                if (loc < 0) continue;
                var pocket = _pockets[k][loc];
                foreach (int n in pocket.Nodes) s.MarkPocket(n);
                s.MarkLid(pocket.LidA); s.MarkLid(pocket.LidB);
            }
        }
        // Nodes nodeCount.. are the closure corners of the origin's band, reached only from the origin or each other.
        var corners = bandO >= 0 ? _bandCorners[bandO] : [];

        for (int i = 0; i < nodeCount; i++)
        {
            if (!Usable(i, s) || !TangentFrom(o, i, bandO, s)) continue;
            // Keyed by the chord, a lower bound of the arc: the exact length (an atan2) is paid only when popped.
            var v = _v[_nodeVertex[i]];
            s.Push(Heuristic(o, v) + Heuristic(v, d), i, double.NaN, -1, Scratch.FromOrigin);
        }
        for (int j = 0; j < corners.Length; j++)
            if (InBandLeg(o, null, corners[j], bandO, out double rad))
                s.Push(rad + Heuristic(corners[j].V, d), nodeCount + j, rad, -1, Scratch.Verified);

        int reached = -1; double best = 0;
        while (s.TryPop(out var e))
        {
            if (e.Kind == Scratch.ToTarget)
            {
                // The cheapest open bound is a line to the destination: if it is clear, no other route can be shorter.
                bool ok = e.Node >= nodeCount
                    ? CornerSeesEnd(corners[e.Node - nodeCount], d, bandO, bandD, out _)
                    : Sees(d, e.Node, bandD, out _);
                if (!ok) continue;
                reached = e.Node; best = e.G;
                break;
            }
            if (s.IsClosed(e.Node)) continue;
            if (e.Kind == Scratch.FromOrigin)
            {
                if (double.IsNaN(e.G))
                {
                    var v = _v[_nodeVertex[e.Node]];
                    double g = Vec3.Angle(o, v);
                    s.Push(g + Heuristic(v, d), e.Node, g, -1, Scratch.FromOrigin);
                    continue;
                }
                if (!Sees(o, e.Node, bandO, out _)) continue;
            }
            s.Close(e.Node, e.G, e.Parent);
            int u = e.Node;
            double gu = e.G;
            if (u >= nodeCount)
            {
                // A closure corner inside the band: its links are found on demand (band queries are rare).
                var c = corners[u - nodeCount];
                if (TangentAt(c, d)) s.Push(gu + Vec3.Angle(c.V, d), u, gu + Vec3.Angle(c.V, d), u, Scratch.ToTarget);
                for (int j = 0; j < corners.Length; j++)
                {
                    if (j == u - nodeCount || s.IsClosed(nodeCount + j) || !InBandLeg(c.V, c, corners[j], bandO, out double rad)) continue;
                    s.Relax(nodeCount + j, gu + rad, u, gu + rad + Heuristic(corners[j].V, d));
                }
                for (int i = 0; i < nodeCount; i++)
                {
                    if (!Usable(i, s) || s.IsClosed(i) || !TangentAt(c, _v[_nodeVertex[i]]) || !Sees(c.V, i, bandO, out double rad)) continue;
                    s.Relax(i, gu + rad, u, gu + rad + Heuristic(_v[_nodeVertex[i]], d));
                }
                continue;
            }
            var vu = _v[_nodeVertex[u]];
            if (TangentFrom(d, u, bandD, s))
            {
                double gt = gu + Vec3.Angle(vu, d);
                s.Push(gt, u, gt, u, Scratch.ToTarget);
            }
            for (int k = _adjStart[u]; k < _adjStart[u + 1]; k++)
            {
                int w = _adjTo[k];
                if (!Usable(w, s) || s.IsClosed(w)) continue;
                double g = gu + _adjRad[k];
                s.Relax(w, g, u, g + Heuristic(_v[_nodeVertex[w]], d));
            }
        }
        if (reached < 0)
            return Unreachable(from, to, directKm,
                "no route around the closures: the origin or the destination is enclosed by closed airspace", crossed);

        var chain = new List<GeoPoint> { to };
        var pts = new List<Vec3> { d };
        for (int u = reached; u >= 0; u = s.Parent(u))
        {
            bool corner = u >= nodeCount;
            chain.Add(corner ? corners[u - nodeCount].Geo : _vertexGeo[_nodeVertex[u]]);
            pts.Add(corner ? corners[u - nodeCount].V : _v[_nodeVertex[u]]);
        }
        chain.Add(from);
        pts.Add(o);
        chain.Reverse();
        // Ends keep their exact input coordinates; inner points come from the unit vectors.
        chain[0] = from; chain[^1] = to;
        return Measured(from, to, RouteStatus.Detour, chain, directKm, best, crossed) with
        {
            DepartsThroughBuffer = bandO >= 0,
            ArrivesThroughBuffer = bandD >= 0,
            BufferExcessBoundKm = _bufferExcessRad * TotalTurning(pts) * Sphere.MeanRadiusKm,
        };
    }

    // The cheap half of Sees: the line from free point p to node i is tangent at the node (not needed for a corner of
    // the buffered obstacle whose band holds p).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TangentFrom(in Vec3 p, int node, int band, Scratch s)
    {
        int vi = _nodeVertex[node];
        int ob = _obstacleOf[vi];
        if (ob == band) return true;
        var v = _v[vi];
        int a = _prev[vi], b = _next[vi];
        // A hull corner that is not the mouth of an open pocket is touched as the hull is: test the hull's edges.
        if (_hullPrev[vi] >= 0 && !s.AllCorners[ob] && !s.IsLid(vi)) { a = _hullPrev[vi]; b = _hullNext[vi]; }
        return v != p && Predicates.Sign(p, v, _v[a]) == Predicates.Sign(p, v, _v[b]);
    }

    // The line from closure corner c towards x is tangent at c (both neighbours on one side), as at any turning point.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TangentAt(in BandCorner c, in Vec3 x)
    {
        int s1 = Predicates.Sign(c.V, x, c.Prev), s2 = Predicates.Sign(c.V, x, c.Next);
        return s1 == 0 || s2 == 0 || s1 == s2;
    }

    // A leg inside the band of obstacle `band` from p (the origin, or closure corner `from`) to closure corner c: clear
    // of the closure and of every other obstacle, and never leaving the band.
    private bool InBandLeg(in Vec3 p, BandCorner? from, in BandCorner c, int band, out double rad)
    {
        rad = 0;
        if (p == c.V || (p + c.V).Norm2 < 1e-20) return false;
        if (!TangentAt(c, p) || from is { } f && !TangentAt(f, c.V)) return false;
        var nh = p.Cross(c.V).Normalize();
        if (Blocked(p, c.V, nh, band, -1) || BandCrossings(p, c.V, nh, band) != 0) return false;
        rad = Vec3.Angle(p, c.V);
        return true;
    }

    // The last leg from closure corner c (in the origin's band) to the destination.
    private bool CornerSeesEnd(in BandCorner c, in Vec3 d, int bandO, int bandD, out double rad)
    {
        rad = 0;
        if (c.V == d || (c.V + d).Norm2 < 1e-20 || !TangentAt(c, d)) return false;
        var nh = c.V.Cross(d).Normalize();
        if (Blocked(c.V, d, nh, bandO, bandD)) return false;
        if (BandCrossings(c.V, d, nh, bandO) > (bandD == bandO ? 2 : 1)) return false;
        if (bandD >= 0 && bandD != bandO && BandCrossings(c.V, d, nh, bandD) > 1) return false;
        rad = Vec3.Angle(c.V, d);
        return true;
    }

    private RoutePlan Reversed(RoutePlan r, GeoPoint from, GeoPoint to) => r with
    {
        From = from,
        To = to,
        Waypoints = r.Waypoints.Reverse().ToArray(),
        LegKm = r.LegKm.Reverse().ToArray(),
        DepartsThroughBuffer = r.ArrivesThroughBuffer,
        ArrivesThroughBuffer = r.DepartsThroughBuffer,
        Reason = r.Reason,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Usable(int node, Scratch s)
    {
        int vi = _nodeVertex[node];
        return _onHull[vi] || s.AllCorners[_obstacleOf[vi]] || s.InPocket(node);
    }

    // Where a point lies relative to obstacle k: OutsideHull, in pocket j (≥ 0: free space between the shell and a hull
    // edge), NoPocket (inside the hull but in no pocket: inside the shell), or NoHull (the obstacle has no hull).
    private const int OutsideHull = -1, NoPocket = -2, NoHull = -3;

    private int Locate(int k, in Vec3 p)
    {
        if (_obstacleCos[k] > 0 && p.Dot(_obstacles[k].Center) < _obstacleCos[k]) return OutsideHull;
        if (_hull[k].Length == 0) return NoHull;
        if (!InsideHull(k, p)) return OutsideHull;
        var pockets = _pockets[k];
        for (int j = 0; j < pockets.Length; j++)
            if ((pockets[j].CosCap <= 0 || p.Dot(pockets[j].Region.Center) >= pockets[j].CosCap) && pockets[j].Region.Contains(p))
                return j;
        return NoPocket;
    }

    private (SphericalLoop, int[], double, int, int)[] BuildPockets(int k)
    {
        var shell = _obstacles[k].Loops[0];
        int start = Array.IndexOf(_obstacleOf, k), n = shell.Count;
        int firstHull = -1;
        for (int i = 0; i < n; i++) if (_onHull[start + i]) { firstHull = i; break; }
        if (_hull[k].Length == 0 || firstHull < 0) return [];
        var pockets = new List<(SphericalLoop, int[], double, int, int)>();
        var onHull = new List<int>();
        for (int i = 0; i < n; i++) if (_onHull[start + i]) onHull.Add(start + i);
        for (int i = 0; i < onHull.Count; i++)
        {
            _hullPrev[onHull[i]] = onHull[(i + onHull.Count - 1) % onHull.Count];
            _hullNext[onHull[i]] = onHull[(i + 1) % onHull.Count];
        }
        // Walk the shell from a hull vertex; each run of vertices off the hull is a pocket's chain, closed by the hull
        // edge across its mouth. The chain has the obstacle on its left, so the pocket is on its right: reversed, the
        // ring runs counter-clockwise around the pocket.
        for (int step = 0; step < n;)
        {
            int a = (firstHull + step) % n;
            int len = 1;
            while (len <= n && !_onHull[start + (a + len) % n]) len++;
            if (len > 1)
            {
                var ring = new List<Vec3>();
                var nodes = new List<int>();
                for (int j = len; j >= 0; j--)
                {
                    int vi = start + (a + j) % n;
                    ring.Add(_v[vi]);
                    if (j > 0 && j < len && _vertexNode[vi] >= 0) nodes.Add(_vertexNode[vi]);
                }
                var region = SphericalLoop.FromCcwVertices(ring);
                pockets.Add((region, nodes.ToArray(), GreatCircleArc.CapCos(region.CapRadiusRad), start + a, start + (a + len) % n));
            }
            step += len;
        }
        return pockets.ToArray();
    }

    // Strictly-inside test for a convex counter-clockwise hull: left of every edge.
    private bool InsideHull(int k, in Vec3 p)
    {
        var h = _hull[k];
        if (h.Length == 0) return true; // no hull (too large to project): never prune
        for (int i = 0; i < h.Length; i++)
            if (Predicates.Sign(h[i], h[i + 1 == h.Length ? 0 : i + 1], p) <= 0) return false;
        return true;
    }

    private (Vec3[][] hull, bool[] onHull) BuildHulls()
    {
        var hulls = new Vec3[_obstacles.Length][];
        var onHull = new bool[_v.Length];
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        for (int k = 0; k < _obstacles.Length; k++)
        {
            var shell = _obstacles[k].Loops[0];
            hulls[k] = [];
            if (_obstacles[k].CapRadiusRad > Gnomonic.MaxAngleDeg * Math.PI / 180 * 0.9)
            {
                for (int i = 0; i < _v.Length; i++) if (_obstacleOf[i] == k) onHull[i] = true;
                continue;
            }
            // Gnomonic projection maps great circles to lines, so the planar hull of the projected corners is the
            // spherical hull; its corners are mapped back to the exact vertex vectors.
            var frame = new Gnomonic(_obstacles[k].Center);
            var byCoord = new Dictionary<(double, double), Vec3>();
            var coords = new NetTopologySuite.Geometries.Coordinate[shell.Count];
            for (int i = 0; i < shell.Count; i++)
            {
                coords[i] = frame.Project(shell[i]);
                byCoord.TryAdd((coords[i].X, coords[i].Y), shell[i]);
            }
            var hullGeom = new NetTopologySuite.Algorithm.ConvexHull(coords, factory).GetConvexHull();
            if (hullGeom is not NetTopologySuite.Geometries.Polygon hp)
            {
                for (int i = 0; i < _v.Length; i++) if (_obstacleOf[i] == k) onHull[i] = true;
                continue;
            }
            var ring = hp.ExteriorRing;
            var hc = ring.Coordinates;
            var list = new List<Vec3>();
            for (int i = 0; i < hc.Length - 1; i++) list.Add(byCoord[(hc[i].X, hc[i].Y)]);
            if (!NetTopologySuite.Algorithm.Orientation.IsCCW(ring.CoordinateSequence)) list.Reverse();
            hulls[k] = list.ToArray();
            // Shell vertices on the hull boundary (corners and points on hull edges) keep their role as turning points.
            int shellStart = Array.IndexOf(_obstacleOf, k);
            for (int i = 0; i < shell.Count; i++)
            {
                var pt = factory.CreatePoint(coords[i]);
                if (ring.Distance(pt) <= 1e-12 * (1 + Math.Abs(coords[i].X) + Math.Abs(coords[i].Y))) onHull[shellStart + i] = true;
            }
        }
        return (hulls, onHull);
    }

    // No other obstacle has a vertex inside, or an edge across, this obstacle's hull.
    private bool IsClean(int k)
    {
        var h = _hull[k];
        if (h.Length == 0) return true;
        for (int m = 0; m < _obstacles.Length; m++)
        {
            if (m == k) continue;
            if (Vec3.Angle(_obstacles[k].Center, _obstacles[m].Center) > _obstacles[k].CapRadiusRad + _obstacles[m].CapRadiusRad + 1e-9) continue;
            for (int i = 0; i < _v.Length; i++)
            {
                if (_obstacleOf[i] != m) continue;
                if (InsideHull(k, _v[i])) return false;
                for (int j = 0; j < h.Length; j++)
                    if (Predicates.CrossingSign(_v[i], _v[_next[i]], h[j], h[j + 1 == h.Length ? 0 : j + 1]) >= 0) return false;
            }
        }
        return true;
    }

    // A* heuristic: the chord to the destination. It never exceeds the arc (chord = 2 sin(θ/2) ≤ θ) and obeys the
    // triangle inequality, so it is admissible and consistent, and costs one square root instead of an atan2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Heuristic(in Vec3 v, in Vec3 d) => (v - d).Norm;

    // Whether the free point p sees graph node i along a tangent (or, for a vertex of the buffered obstacle whose band
    // holds p, along any line that stays out of the closure itself).
    private bool Sees(in Vec3 p, int node, int band, out double rad)
    {
        int vi = _nodeVertex[node];
        var v = _v[vi];
        rad = 0;
        if (v == p) { rad = 0; return true; }
        int ob = _obstacleOf[vi];
        if (ob != band)
        {
            var a = _v[_prev[vi]]; var b = _v[_next[vi]];
            int s1 = Predicates.Sign(p, v, a), s2 = Predicates.Sign(p, v, b);
            // Not a tangent: a shortest path cannot turn here. A tangent also never arrives through the corner's
            // inside, since the inside wedge of a convex corner lies strictly on the neighbours' side of the line.
            if (s1 != s2) return false;
        }
        if ((p + v).Norm2 < 1e-20) return false;
        var nh = p.Cross(v).Normalize();
        if (Blocked(p, v, nh, band, -1)) return false;
        // From inside a band the leg may cross the band's boundary once, on its way out, and never come back into it.
        // A corner of the band's own boundary may be reached from inside (no crossing) or, after leaving, from outside
        // (one crossing): touching the boundary at a corner is not entering.
        if (band >= 0 && BandCrossings(p, v, nh, band) > 1) return false;
        rad = Vec3.Angle(p, v);
        return true;
    }

    // Proper crossings of the arc p→q with the planning (buffered) boundary of obstacle k.
    private int BandCrossings(in Vec3 p, in Vec3 q, in Vec3 nh, int k)
    {
        int count = 0;
        for (int c = _obstacleChunkStart[k]; c < _obstacleChunkEnd[k]; c++)
        {
            if (GreatCircleArc.MayHitCap(p, q, nh, _chunkCenter[c], _chunkCos[c]))
                count += ChainCrossings(p, q, nh, _chunkFirst[c], _chunkCount[c], stopAtFirst: false);
        }
        return count;
    }

    /// <summary>
    /// True if the arc p→q properly crosses a planning edge. Obstacles <paramref name="bandA"/> and
    /// <paramref name="bandB"/> (buffer bands holding a route end) are tested against their unbuffered polygons.
    /// Edges through an end of the arc touch it and never count as crossings.
    /// </summary>
    private bool Blocked(in Vec3 p, in Vec3 q, in Vec3 nh, int bandA, int bandB)
    {
        for (int k = 0; k < _obstacles.Length; k++)
            if (BlockedBy(k, p, q, nh, bandA, bandB)) return true;
        return false;
    }

    private bool BlockedBy(int k, in Vec3 p, in Vec3 q, in Vec3 nh, int bandA, int bandB)
    {
        if (!GreatCircleArc.MayHitCap(p, q, nh, _obstacles[k].Center, _obstacleCos[k])) return false;
        if (k == bandA || k == bandB)
        {
            foreach (var poly in _obstacles[k].OriginalPolygons)
                foreach (var loop in poly)
                    if (loop.IsCrossedBy(p, q)) return true;
            return false;
        }
        for (int c = _obstacleChunkStart[k]; c < _obstacleChunkEnd[k]; c++)
        {
            if (!GreatCircleArc.MayHitCap(p, q, nh, _chunkCenter[c], _chunkCos[c])) continue;
            if (ChainCrossings(p, q, nh, _chunkFirst[c], _chunkCount[c], stopAtFirst: true) > 0) return true;
        }
        return false;
    }

    // Edge crosser along a chain (after S2's S2EdgeCrosser): the side of each chain vertex with respect to the arc
    // p→q is computed once and shared by the two edges meeting there; only edges whose ends lie on opposite sides
    // need the full test. Returns the number of proper crossings (at most 1 when stopAtFirst).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ChainCrossings(in Vec3 p, in Vec3 q, in Vec3 nh, int first, int count, bool stopAtFirst)
    {
        int ai = first, crossings = 0;
        int sa = Predicates.SideOfArc(p, q, nh, _v[ai]);
        for (int e = 0; e < count; e++)
        {
            int bi = _next[ai];
            int sb = Predicates.SideOfArc(p, q, nh, _v[bi]);
            if (sa != sb && Predicates.CrossingSign(p, q, _v[ai], _v[bi]) > 0)
            {
                crossings++;
                if (stopAtFirst) return crossings;
            }
            ai = bi; sa = sb;
        }
        return crossings;
    }

    private (int[] start, int[] to, double[] rad) BuildGraph()
    {
        int n = _nodeVertex.Length;
        var lists = new List<(int, double)>[n];
        for (int i = 0; i < n; i++) lists[i] = new List<(int, double)>();
        // Pairs are independent: test them in parallel, then assemble deterministically.
        var found = new List<(int, int, double)>[n];
        Parallel.For(0, n, i =>
        {
            var local = new List<(int, int, double)>();
            int ui = _nodeVertex[i];
            var u = _v[ui]; var up = _v[_prev[ui]]; var un = _v[_next[ui]];
            for (int j = i + 1; j < n; j++)
            {
                int vi = _nodeVertex[j];
                var v = _v[vi];
                if (u == v || (u + v).Norm2 < 1e-20) continue;
                if (!Tangent(u, v, up, un) || !Tangent(u, v, _v[_prev[vi]], _v[_next[vi]])) continue;
                var nh = u.Cross(v).Normalize();
                if (Blocked(u, v, nh, -1, -1)) continue;
                local.Add((i, j, Vec3.Angle(u, v)));
            }
            found[i] = local;
        });
        foreach (var l in found)
            foreach (var (i, j, w) in l) { lists[i].Add((j, w)); lists[j].Add((i, w)); }
        var start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + lists[i].Count;
        var to = new int[start[n]]; var rad = new double[start[n]];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < lists[i].Count; k++) { to[start[i] + k] = lists[i][k].Item1; rad[start[i] + k] = lists[i][k].Item2; }
        return (start, to, rad);
    }

    // The line u→v is tangent at u: both neighbours of u on the same side (an edge of the loop itself counts).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Tangent(in Vec3 u, in Vec3 v, in Vec3 prev, in Vec3 next)
    {
        int s1 = Predicates.Sign(u, v, prev), s2 = Predicates.Sign(u, v, next);
        return s1 == 0 || s2 == 0 || s1 == s2;
    }

    private static double TotalTurning(List<Vec3> pts)
    {
        double sum = 0;
        for (int i = 1; i + 1 < pts.Count; i++)
        {
            var n1 = pts[i - 1].Cross(pts[i]); var n2 = pts[i].Cross(pts[i + 1]);
            sum += Math.Abs(Math.Atan2(n1.Cross(n2).Dot(pts[i]), n1.Dot(n2)));
        }
        return sum;
    }

    private string InsideWhich(in Vec3 p)
    {
        var ids = new List<string>();
        foreach (var a in _closures) if (a.Region.Contains(p)) ids.Add(a.Id);
        return ids.Count > 0 ? string.Join(", ", ids) : "(merged closures)";
    }

    // The closures whose own polygons the direct route crosses or starts/ends in.
    private List<string> CrossedClosures(in Vec3 o, in Vec3 d)
    {
        var ids = new List<string>();
        foreach (var a in _closures)
        {
            bool hit = a.Region.Contains(o) || a.Region.Contains(d);
            foreach (var poly in a.Region.Polygons)
            {
                hit = hit || poly.Shell.IsCrossedBy(o, d);
                foreach (var h in poly.Holes) hit = hit || h.IsCrossedBy(o, d);
            }
            if (hit) ids.Add(a.Id);
        }
        return ids;
    }

    private RoutePlan Direct(GeoPoint from, GeoPoint to, double directKm, double rad) => new()
    {
        From = from, To = to, Status = RouteStatus.Direct,
        Waypoints = [from, to], LegKm = [directKm], RouteKm = directKm, DirectKm = directKm,
        Crossed = [], SphereRad = rad,
    };

    private static RoutePlan Unreachable(GeoPoint from, GeoPoint to, double directKm, string reason, IReadOnlyList<string>? crossed = null) => new()
    {
        From = from, To = to, Status = RouteStatus.Unreachable, Reason = reason,
        Waypoints = [], LegKm = [], RouteKm = null, DirectKm = directKm, Crossed = crossed ?? [],
    };

    private RoutePlan Measured(GeoPoint from, GeoPoint to, RouteStatus status, List<GeoPoint> chain, double directKm,
        double rad, IReadOnlyList<string> crossed)
    {
        var legs = new double[chain.Count - 1];
        double total = 0;
        for (int i = 0; i < legs.Length; i++) { legs[i] = _legKm(chain[i], chain[i + 1]); total += legs[i]; }
        return new RoutePlan
        {
            From = from, To = to, Status = status, Waypoints = chain, LegKm = legs, RouteKm = total,
            DirectKm = directKm, Crossed = crossed, SphereRad = rad,
        };
    }

    /// <summary>Per-thread A* state, reset in O(1) per query by a generation stamp.</summary>
    private sealed class Scratch
    {
        /// <summary>Entry kinds: an edge known to be clear; a link from the origin not yet checked; a link from
        /// <c>Node</c> to the destination not yet checked (its G is the whole route's length).</summary>
        public const byte Verified = 0, FromOrigin = 1, ToTarget = 2;

        public readonly record struct Entry(double F, int Node, double G, int Parent, byte Kind);

        private readonly double[] _g;
        private readonly int[] _parent, _stamp;
        private readonly bool[] _closed;
        private Entry[] _heap;
        private int _heapCount, _query;

        public Scratch(int n, int obstacles, int vertices)
        {
            _lidStamp = new int[vertices];
            AllCorners = new bool[obstacles];
            LocationO = new int[obstacles]; LocationD = new int[obstacles];
            _pocketStamp = new int[n];
            _g = new double[n];
            _parent = new int[n]; _stamp = new int[n];
            _closed = new bool[n];
            _heap = new Entry[Math.Max(16, 4 * n)];
        }

        /// <summary>Per obstacle: whether every corner may be used this query (else hull corners only).</summary>
        public bool[] AllCorners { get; }

        /// <summary>Per obstacle: where the origin / destination lies (see Locate).</summary>
        public int[] LocationO { get; }

        /// <summary>Per obstacle: where the destination lies.</summary>
        public int[] LocationD { get; }

        private readonly int[] _pocketStamp;

        private readonly int[] _lidStamp;

        /// <summary>Marks a boundary vertex as the mouth of a pocket opened for this query.</summary>
        public void MarkLid(int vertex) => _lidStamp[vertex] = _query;

        /// <summary>True if the vertex is the mouth of an open pocket.</summary>
        public bool IsLid(int vertex) => _lidStamp[vertex] == _query;

        /// <summary>Makes a pocket corner usable for this query.</summary>
        public void MarkPocket(int node) => _pocketStamp[node] = _query;

        /// <summary>True if the node is a corner of a pocket opened for this query.</summary>
        public bool InPocket(int node) => _pocketStamp[node] == _query;

        public void NextQuery() { _query++; _heapCount = 0; }

        public int Parent(int i) => _parent[i];

        public bool IsClosed(int i) => _stamp[i] == _query && _closed[i];

        /// <summary>Pushes a verified edge unless the node already has a verified entry at least as short.</summary>
        public void Relax(int i, double g, int parent, double f)
        {
            if (_stamp[i] != _query) { _stamp[i] = _query; _closed[i] = false; }
            else if (_closed[i] || g >= _g[i]) return;
            _g[i] = g;
            Push(f, i, g, parent, Verified);
        }

        public void Close(int i, double g, int parent)
        {
            if (_stamp[i] != _query) _stamp[i] = _query;
            _closed[i] = true;
            _g[i] = g; _parent[i] = parent;
        }

        public void Push(double f, int node, double g, int parent, byte kind)
        {
            if (_stamp[node] != _query) { _stamp[node] = _query; _closed[node] = false; _g[node] = double.PositiveInfinity; }
            if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
            var e = new Entry(f, node, g, parent, kind);
            int i = _heapCount++;
            while (i > 0)
            {
                int p = (i - 1) >> 1;
                if (_heap[p].F <= f) break;
                _heap[i] = _heap[p]; i = p;
            }
            _heap[i] = e;
        }

        public bool TryPop(out Entry e)
        {
            if (_heapCount == 0) { e = default; return false; }
            e = _heap[0];
            var last = _heap[--_heapCount];
            int i = 0;
            while (true)
            {
                int c = 2 * i + 1;
                if (c >= _heapCount) break;
                if (c + 1 < _heapCount && _heap[c + 1].F < _heap[c].F) c++;
                if (_heap[c].F >= last.F) break;
                _heap[i] = _heap[c]; i = c;
            }
            if (_heapCount > 0) _heap[i] = last;
            return true;
        }
    }
}
