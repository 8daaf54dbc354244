using System.Globalization;
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
public sealed partial class DetourPlanner
{
    private readonly Airspace[] _closures;
    private readonly Obstacle[] _obstacles;
    private readonly Func<GeoPoint, GeoPoint, double> _legKm;

    // Flat vertex arrays over all planning loops: the hot data, kept as unit vectors.
    private readonly Vec3[] _v;
    private readonly int[] _next, _prev, _obstacleOf;
    // The planning loops of each obstacle, and the loops of its unbuffered closures (tested instead for an obstacle
    // whose band holds a route end): visibility counts crossings with their edge indexes.
    private readonly SphericalLoop[][] _loops, _originalLoops;
    private readonly double[] _obstacleCos;
    // Graph nodes are the convex vertices; adjacency in compressed sparse rows.
    private readonly int[] _nodeVertex, _vertexNode;
    private readonly int[] _adjStart, _adjTo;
    private readonly double[] _adjRad;
    // Convex hull of each obstacle's shell (counter-clockwise) and whether other obstacles stay out of it. For such a
    // "clean" obstacle a shortest path between two points outside its hull never enters a pocket (the hull edge across
    // the pocket's mouth is a free shortcut), so only hull corners can be turning points: the per-query pruning.
    private readonly Vec3[][] _hull;
    private readonly int[][] _hullVertex;
    private readonly Vec3[][] _hullNormal;
    private readonly double[][] _hullCumRad;
    private readonly int[] _hullIndexOfVertex;
    // Obstacles whose blocking routes (ends outside the hull) are answered in closed form, without the graph search.
    private readonly bool[] _wrappable;
    private readonly bool[] _clean;
    private readonly bool[] _onHull;
    // Graph nodes of each obstacle, and those on its hull boundary: the seeds of a search.
    private readonly int[][] _obstacleNodes, _hullNodes;
    // The pockets of each clean obstacle: the free regions between its shell and a hull edge, with their corners. A
    // route end inside a pocket makes that pocket's corners usable; the corners of every other pocket stay pruned.
    private readonly (SphericalLoop Region, int[] Nodes, double CosCap, int LidA, int LidB)[][] _pockets;
    private readonly int[][] _pocketOrder;
    // Neighbours of each hull-boundary vertex along the hull (-1 off the hull): with no pocket open, a route touches a
    // clean obstacle only as it would touch its convex hull, so tangency is tested against the hull, not the shell.
    private readonly int[] _hullPrev, _hullNext;
    private readonly double _bufferExcessRad;
    // Every obstacle is exactly one closure: then an obstacle blocking the direct route names the closure it crosses.
    private readonly bool _singleSources;
    // Per closure and polygon, the points where a hole touches the shell or another hole (SphericalPolygon.TouchPoints;
    // almost always none). Where there are some, the obstacles, merged by NetTopologySuite, need not tell the closure's
    // own area from its holes at that point, so the crossed list comes from the closures' polygons (CrossedClosures).
    private readonly Vec3[][][] _touch;
    private readonly bool _anyTouch;
    private readonly ThreadLocal<Scratch> _scratch;
    // Each boundary vertex as a geographic point, made once: a vertex of a closure keeps its exact input coordinates,
    // so that Vec3.FromGeo(waypoint) is that vertex again (a round trip through atan2 can move it one ulp inside).
    private readonly GeoPoint[] _vertexGeo;
    // Convex corners of each obstacle's unbuffered closures: with a buffer, the route from an end inside a band may
    // turn around them on its way out of the band (it may cross the band, never the closure).
    private readonly BandCorner[][] _bandCorners;
    // Per band, the corners that can bound an end's straight view through it (closure corners, then the band's
    // reflex corners): where the view's edge leaves the band, the strict rule's route may turn (BandExits).
    private readonly BandCorner[][] _shadowCorners;

    // The buffer kept from each closure (parallel to _closures), and by id for BufferNmOf.
    private readonly double[] _closureBufferNm;
    private readonly Dictionary<string, double> _bufferNmById;

    private DetourPlanner(Airspace[] closures, double bufferNm, double[] closureBufferNm, int cornerSegments,
        Func<GeoPoint, GeoPoint, double> legKm, bool hullShortcut, ObstacleCache? obstacleCache = null)
    {
        _closures = closures;
        _legKm = legKm;
        BufferNm = bufferNm;
        _closureBufferNm = closureBufferNm;
        _bufferNmById = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < closures.Length; i++) _bufferNmById.TryAdd(closures[i].Id, closureBufferNm[i]);
        // Each closure grown by its own buffer (one buffer for all: exactly the uniform build's obstacles).
        var built = ObstacleBuilder.Build(closures, closureBufferNm, cornerSegments, ObstacleBuilder.Offsetting.Adaptive, obstacleCache);
        _obstacles = built.Obstacles.ToArray();
        _bufferExcessRad = built.BufferExcessRad;
        _singleSources = _obstacles.All(ob => ob.SourceIds.Count == 1);
        _touch = closures.Select(c => c.Region.Polygons.Select(p => p.TouchPoints()).ToArray()).ToArray();
        _anyTouch = _touch.Any(c => c.Any(p => p.Length > 0));

        // Flatten.
        var v = new List<Vec3>(); var next = new List<int>(); var prev = new List<int>(); var obs = new List<int>();
        _obstacleCos = new double[_obstacles.Length];
        _loops = _obstacles.Select(ob => ob.Loops.ToArray()).ToArray();
        _originalLoops = _obstacles.Select(ob => ob.OriginalPolygons.SelectMany(p => p).ToArray()).ToArray();
        for (int o = 0; o < _obstacles.Length; o++)
        {
            _obstacleCos[o] = CapBound.CapCos(_obstacles[o].CapRadiusRad);
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
            }
        }
        _v = v.ToArray(); _next = next.ToArray(); _prev = prev.ToArray(); _obstacleOf = obs.ToArray();

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
        (_hull, _hullVertex, _onHull) = BuildHulls();
        (_hullNormal, _hullCumRad) = BuildHullEdges();
        _hullIndexOfVertex = BuildHullIndex();
        _obstacleNodes = new int[_obstacles.Length][]; _hullNodes = new int[_obstacles.Length][];
        for (int k = 0; k < _obstacles.Length; k++)
        {
            _obstacleNodes[k] = Enumerable.Range(0, _nodeVertex.Length).Where(i => _obstacleOf[_nodeVertex[i]] == k).ToArray();
            _hullNodes[k] = _obstacleNodes[k].Where(i => _onHull[_nodeVertex[i]]).ToArray();
        }
        _clean = new bool[_obstacles.Length];
        for (int k = 0; k < _obstacles.Length; k++) _clean[k] = IsClean(k);
        _wrappable = new bool[_obstacles.Length];
        for (int k = 0; k < _obstacles.Length; k++) _wrappable[k] = hullShortcut && IsWrappable(k);
        _pockets = new (SphericalLoop, int[], double, int, int)[_obstacles.Length][];
        _hullPrev = new int[_v.Length]; _hullNext = new int[_v.Length];
        Array.Fill(_hullPrev, -1); Array.Fill(_hullNext, -1);
        for (int k = 0; k < _obstacles.Length; k++) _pockets[k] = BuildPockets(k);
        _pocketOrder = _pockets.Select(ps => Enumerable.Range(0, ps.Length).OrderBy(j => ps[j].Region.CapRadiusRad).ToArray()).ToArray();
        (_adjStart, _adjTo, _adjRad) = BuildGraph();
        var inputPoints = new Dictionary<Vec3, GeoPoint>();
        foreach (var a in closures)
            foreach (var c in a.SharedGeometry.Coordinates)
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
            // Per obstacle, not per planner: an obstacle of closures without a buffer has no band (its planning boundary
            // is its closures' own), so no route end lies in it and its corners are graph nodes already.
            if (_obstacles[k].BufferRad > 0)
                foreach (var poly in _obstacles[k].OriginalPolygons)
                    foreach (var loop in poly)
                        for (int i = 0; i < loop.Count; i++)
                            if (Predicates.Sign(loop[i - 1], loop[i], loop[i + 1]) > 0)
                                list.Add(new BandCorner(loop[i], loop[i - 1], loop[i + 1],
                                    inputPoints.TryGetValue(loop[i], out var cg) ? cg : loop[i].ToGeo()));
            _bandCorners[k] = list.ToArray();
        }
        _shadowCorners = BuildShadowCorners();
        // Extra search nodes: the corners of one band (the corner rule), or the band exits of both ends (the strict rule).
        int maxCorners = _shadowCorners.Length == 0 ? 0 : _shadowCorners.Max(c => c.Length);
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(_nodeVertex.Length + 2 * maxCorners, _obstacles.Length, _v.Length));
    }

    /// <summary>The closures this planner routes around.</summary>
    public IReadOnlyList<Airspace> Closures => _closures;

    /// <summary>Lateral buffer in nautical miles kept from every closure not given its own
    /// (<see cref="DetourPlannerOptions.BufferNmByAirspaceId"/>; <see cref="BufferNmOf"/> tells the buffer of each).</summary>
    public double BufferNm { get; }

    /// <summary>The lateral buffer in nautical miles this planner keeps from the closure with id
    /// <paramref name="airspaceId"/> (ordinal): its own from <see cref="DetourPlannerOptions.BufferNmByAirspaceId"/>, else
    /// <see cref="BufferNm"/>.</summary>
    /// <param name="airspaceId">The id of one of <see cref="Closures"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="airspaceId"/> is null.</exception>
    /// <exception cref="ArgumentException">No closure of this planner has that id.</exception>
    public double BufferNmOf(string airspaceId)
    {
        ArgumentNullException.ThrowIfNull(airspaceId);
        return _bufferNmById.TryGetValue(airspaceId, out double b) ? b
            : throw new ArgumentException($"'{airspaceId}' is not one of this planner's closures", nameof(airspaceId));
    }

    /// <summary>The largest lateral buffer in nautical miles this planner keeps from any of its closures (0 without
    /// closures).</summary>
    public double LargestBufferNm => _closureBufferNm.Length == 0 ? 0 : _closureBufferNm.Max();

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
    /// the exact buffered optimum is at most this times the route's total turning in radians. With different buffers per
    /// closure, the bound of the largest (the overshoot grows with the buffer, so it bounds every closure's).
    /// </summary>
    public double BufferOvershootKm => _bufferExcessRad * Sphere.MeanRadiusKm;

    /// <summary>Largest lateral buffer in nautical miles: 10° of arc on the mean sphere (600.4 NM), rounded down.</summary>
    public const double MaxBufferNm = 600;

    /// <summary>Why <see cref="MaxBufferNm"/> is the limit, for messages.</summary>
    public const string MaxBufferReason =
        "the planner's limit of 10° of arc: every closure grows by the buffer, and buffered groups must still fit one gnomonic frame; airline margins are tens of NM";

    /// <summary>Fewest segments per full circle for a buffer corner.</summary>
    public const int MinCornerSegments = 8;

    /// <summary>
    /// Most segments per full circle for a buffer corner. A corner polygon of k segments lies outside the exact buffer
    /// circle by d (1/cos(π/k) − 1) ≈ d π²/(2k²): 1.2e-3 d at the default 64 (56 m for a 25 NM buffer). The straight
    /// parts of the buffer are built from pieces of at most 1°, bounded by d (1/cos(0.5°) − 1) = 3.8e-5 d, so from
    /// k = 360 (1° per corner segment) on the reported bound (<see cref="BufferOvershootKm"/>) no longer improves. Up to
    /// 1024 is allowed for reference runs (corner excess 4.7e-6 d: 0.2 m at 25 NM); beyond, build time keeps growing
    /// with k for nothing (SVZM with a 25 NM buffer, one run in the Debug test host on a shared, loaded 2-core machine:
    /// 4-7 s at 64 including the first load, 9 s at 360, 20 s at 1024; 100,000 took over ten minutes).
    /// </summary>
    public const int MaxCornerSegments = 1024;

    /// <summary>Builds a planner for the given closures with no buffer and WGS84 leg lengths.</summary>
    /// <param name="closures">The closed airspaces; touching ones are merged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="closures"/> or one of its elements is null (the message
    /// names the index).</exception>
    /// <exception cref="NotSupportedException">Touching closures too large to merge in one gnomonic frame.</exception>
    public static DetourPlanner Build(IEnumerable<Airspace> closures) => Build(closures, DetourPlannerOptions.Default);

    /// <summary>Builds a planner for the given closures keeping a lateral buffer (the common case of
    /// <see cref="Build(IEnumerable{Airspace}, DetourPlannerOptions)"/>).</summary>
    /// <param name="closures">The closed airspaces; touching ones are merged.</param>
    /// <param name="bufferNm">Lateral margin in nautical miles the route keeps from every closure (0 = none), in
    /// [0, <see cref="MaxBufferNm"/>].</param>
    /// <exception cref="ArgumentNullException"><paramref name="closures"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferNm"/> is not finite or outside [0,
    /// <see cref="MaxBufferNm"/>].</exception>
    /// <exception cref="NotSupportedException">Touching closures too large to merge in one gnomonic frame.</exception>
    public static DetourPlanner Build(IEnumerable<Airspace> closures, double bufferNm) =>
        Build(closures, DetourPlannerOptions.Default with { BufferNm = bufferNm });

    /// <summary>
    /// Builds a planner for the given closures.
    /// </summary>
    /// <param name="closures">The closed airspaces; touching ones are merged.</param>
    /// <param name="options">Buffers, corner segments and leg length (see <see cref="DetourPlannerOptions"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="closures"/>, one of its elements (the message names the
    /// index) or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options' buffer, or one of
    /// <see cref="DetourPlannerOptions.BufferNmByAirspaceId"/> (the message names the id), is not finite or outside [0,
    /// <see cref="MaxBufferNm"/>], or their corner segments are outside [<see cref="MinCornerSegments"/>,
    /// <see cref="MaxCornerSegments"/>].</exception>
    /// <exception cref="ArgumentException">An id of <see cref="DetourPlannerOptions.BufferNmByAirspaceId"/> is null or
    /// names none of <paramref name="closures"/> (the message names it).</exception>
    /// <exception cref="NotSupportedException">Touching closures too large to merge in one gnomonic frame.</exception>
    public static DetourPlanner Build(IEnumerable<Airspace> closures, DetourPlannerOptions options) => Build(closures, options, null);

    /// <summary>As <see cref="Build(IEnumerable{Airspace}, DetourPlannerOptions)"/>, taking each cluster's obstacles from
    /// <paramref name="obstacleCache"/> (built there on first use) when given: planners that share closures and a buffer
    /// then build those obstacles once. The planner is the same as one built without the cache.</summary>
    internal static DetourPlanner Build(IEnumerable<Airspace> closures, DetourPlannerOptions options, ObstacleCache? obstacleCache)
    {
        ArgumentNullException.ThrowIfNull(closures);
        ArgumentNullException.ThrowIfNull(options);
        var array = closures.ToArray();
        int nullAt = Array.IndexOf(array, null);
        if (nullAt >= 0) throw new ArgumentNullException(nameof(closures), $"closures[{nullAt}] is null");
        double bufferNm = options.BufferNm;
        int cornerSegments = options.CornerSegments;
        if (!double.IsFinite(bufferNm) || bufferNm < 0 || bufferNm > MaxBufferNm)
            throw new ArgumentOutOfRangeException("options.BufferNm", bufferNm,
                string.Create(CultureInfo.InvariantCulture, $"buffer {bufferNm:R} NM is outside [0, {MaxBufferNm}] NM ({MaxBufferReason})"));
        if (cornerSegments < MinCornerSegments || cornerSegments > MaxCornerSegments)
            throw new ArgumentOutOfRangeException("options.CornerSegments", cornerSegments,
                $"{cornerSegments} corner segments is outside [{MinCornerSegments}, {MaxCornerSegments}]: beyond 360 the buffer's excess bound no longer improves (its straight parts are built from 1° pieces), and build time grows with the count");
        if (options.BufferNmByAirspaceId is { } byId)
        {
            var ids = array.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, nm) in byId)
            {
                if (id is null) throw new ArgumentException("options.BufferNmByAirspaceId holds a null id", nameof(options));
                if (!double.IsFinite(nm) || nm < 0 || nm > MaxBufferNm)
                    throw new ArgumentOutOfRangeException($"options.BufferNmByAirspaceId[{id}]", nm,
                        string.Create(CultureInfo.InvariantCulture, $"buffer {nm:R} NM of closure '{id}' is outside [0, {MaxBufferNm}] NM ({MaxBufferReason})"));
                if (!ids.Contains(id))
                    throw new ArgumentException($"options.BufferNmByAirspaceId names '{id}', which is not one of the closures ({string.Join(", ", array.Select(a => a.Id))}); ids match exactly, case included{Hint(id, array)}", nameof(options));
            }
        }
        return new DetourPlanner(array, bufferNm, ClosureBuffers(array, options), cornerSegments, options.LegLengthKm ?? DefaultLegKm, hullShortcut: true, obstacleCache);
    }

    /// <summary>A planner that always runs the graph search (no closed-form hull wraps): for tests that compare the two.</summary>
    internal static DetourPlanner BuildWithoutHullShortcut(IEnumerable<Airspace> closures, double bufferNm = 0,
        Func<GeoPoint, GeoPoint, double>? legLengthKm = null) =>
        BuildWithoutHullShortcut(closures, DetourPlannerOptions.Default with { BufferNm = bufferNm, LegLengthKm = legLengthKm });

    /// <summary>As <see cref="BuildWithoutHullShortcut(IEnumerable{Airspace}, double, Func{GeoPoint, GeoPoint, double}?)"/>
    /// with every option (the buffers per closure among them); the options are not validated (tests).</summary>
    internal static DetourPlanner BuildWithoutHullShortcut(IEnumerable<Airspace> closures, DetourPlannerOptions options)
    {
        var array = closures.ToArray();
        return new(array, options.BufferNm, ClosureBuffers(array, options), options.CornerSegments, options.LegLengthKm ?? DefaultLegKm, hullShortcut: false);
    }

    // The catalogs find "svzm" as SVZM, so a per-closure buffer keyed "svzm" was the likely slip; say so.
    private static string Hint(string id, Airspace[] closures) =>
        closures.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase)) is { } near ? $": did you mean '{near.Id}'?" : "";

    // The buffer kept from each closure, parallel to `closures`: its own from BufferNmByAirspaceId, else BufferNm.
    private static double[] ClosureBuffers(Airspace[] closures, DetourPlannerOptions options) =>
        closures.Select(a => options.BufferNmByAirspaceId is { } byId && byId.TryGetValue(a.Id, out double nm) ? nm : options.BufferNm).ToArray();

    /// <summary>Whether this thread's last detour came from the closed-form wrap: 0 not, 1 around a hull, 2 into a
    /// pocket (tests).</summary>
    internal int LastPlanWrapKind => _scratch.Value!.Wrapped;

    private static double DefaultLegKm(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;

    /// <summary>Plans the shortest route from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">The ends are antipodal: the direct great-circle route is not unique.</exception>
    public RoutePlan Plan(GeoPoint from, GeoPoint to) => Plan(from, to, default(DistanceCost));

    // The planner over any arc cost: the distance (the default, whose code the JIT specialises to the plain search) or
    // the flight time in a wind (DetourPlanner.Wind.cs).
    private RoutePlan Plan<TCost>(GeoPoint from, GeoPoint to, in TCost cost) where TCost : struct, IArcCost
    {
        var o = Vec3.FromGeo(from);
        var d = Vec3.FromGeo(to);
        double directKm = _legKm(from, to);
        if (o == d)
            return Direct(from, to, directKm, 0);
        if (Predicates.NearlyAntipodal(o, d))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{from} and {to} are antipodal (within {Predicates.AntipodalToleranceRad} rad, ") +
                                        "about 6 cm): the direct great-circle route is not unique");

        // Cheap rejection: an arc that reaches no obstacle's bounding cap is the answer.
        var x = new EdgeCrosser(o, d);
        bool near = false;
        for (int k = 0; k < _obstacles.Length && !near; k++)
            near = x.MayHitCap(_obstacles[k].Center, _obstacleCos[k]);
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
                    return Unreachable(from, to, directKm, UnreachableReason.OriginInside, $"origin {from} is inside closed airspace {InsideWhich(o)}", CrossedClosures(o, d));
                bandO = k;
            }
            if (locD[k] <= NoPocket && ob.Contains(d))
            {
                if (ob.OriginalContains(d))
                    return Unreachable(from, to, directKm, UnreachableReason.DestinationInside, $"destination {to} is inside closed airspace {InsideWhich(d)}", CrossedClosures(o, d));
                bandD = k;
            }
        }

        // One pass over the obstacles decides whether the direct route is blocked and, when every obstacle is a single
        // unbuffered closure, which closures it crosses (ends inside closures have returned above).
        // Planner-wide, not per obstacle: with any buffer the crossed list comes from the closures' own polygons, the
        // same answer by the exact test (only slower), whatever each obstacle's buffer.
        bool perObstacle = _bufferExcessRad == 0 && _singleSources && !_anyTouch;
        int blocker = -1; // the first obstacle the direct route crosses
        IReadOnlyList<string>? crossedIds = null;
        for (int k = 0; k < _obstacles.Length; k++)
        {
            if (!BlockedBy(k, x, bandO, bandD)) continue;
            if (blocker < 0) blocker = k;
            if (!perObstacle) break;
            // Usually one: the obstacle's own read-only id list, shared by every answer (no allocation per query).
            if (crossedIds == null) crossedIds = _obstacles[k].SourceIds;
            else if (!crossedIds.Contains(_obstacles[k].SourceIds[0])) crossedIds = [.. crossedIds, _obstacles[k].SourceIds[0]];
        }
        if (blocker < 0 &&
            (bandO < 0 || BandCrossings(x, bandO) <= (bandD == bandO ? 2 : 1)) &&
            (bandD < 0 || bandD == bandO || BandCrossings(x, bandD) <= 1))
        {
            var plan = Direct(from, to, directKm, Vec3.Angle(o, d));
            return plan with
            {
                DepartsThroughBuffer = bandO >= 0, ArrivesThroughBuffer = bandD >= 0,
                DepartureBufferRule = bandO >= 0 ? BufferEndRule.StraightLeg : BufferEndRule.None,
                ArrivalBufferRule = bandD >= 0 ? BufferEndRule.StraightLeg : BufferEndRule.None,
            };
        }
        IReadOnlyList<string> crossed = perObstacle ? crossedIds ?? [] : CrossedClosures(o, d);
        // One clean obstacle in the way, ends outside its hull or one of them in a pocket: the answer in closed form.
        if (TCost.IsDistance && bandO < 0 && bandD < 0 && _wrappable[blocker])
        {
            int lo = locO[blocker], ld = locD[blocker];
            int first = -1, last = -1; bool ccw = false; double wrapRad = 0;
            bool backwards = lo >= 0;
            bool wrapped = lo == OutsideHull
                ? ld == OutsideHull ? TryWrap(blocker, o, d, out first, out last, out ccw, out wrapRad)
                : ld >= 0 && TryPocketWrap(blocker, ld, o, d, out first, out last, out ccw, out wrapRad)
                : lo >= 0 && ld == OutsideHull && TryPocketWrap(blocker, lo, d, o, out first, out last, out ccw, out wrapRad);
            if (wrapped)
            {
                s.Wrapped = lo == OutsideHull && ld == OutsideHull ? 1 : 2;
                return WrapPlan(blocker, from, to, o, d, first, last, ccw, backwards, wrapRad, directKm, crossed);
            }
        }
        if (bandO < 0 && bandD < 0)
            return Search(s, from, to, o, d, directKm, bandO, bandD, locO, locD, crossed, cost);
        // An end in a band: first the strict rule (one straight leg through the band, DetourPlanner.BandExits.cs).
        if (StrictSearch(s, from, to, o, d, directKm, bandO, bandD, locO, locD, crossed, cost) is { } strict)
            return strict;
        // No such route (an end deep in a pocket of its closure): the corner rule, where the search's origin side may
        // turn around closure corners inside its band; when only the destination lies in a band, search the reverse
        // route (same length) and turn it around.
        s.NextQuery();
        if (bandO < 0)
            return Reversed(WithCornerRule(Search(s, to, from, d, o, directKm, bandD, -1, locD, locO, crossed, new ReversedCost<TCost>(cost)), -1), from, to);
        return WithCornerRule(Search(s, from, to, o, d, directKm, bandO, bandD, locO, locD, crossed, cost), bandD);
    }

    /// <summary>
    /// Plans many routes, in parallel over all cores; results come back in input order. A pair that cannot be
    /// planned (antipodal ends) yields an exception in its slot rather than failing the whole batch.
    /// </summary>
    /// <param name="pairs">The origin–destination pairs.</param>
    /// <param name="maxDegreeOfParallelism">Most threads to use: -1 for all cores, or a count ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    // RS0027 wants the optional parameter on the longest overload; this one shipped in 0.1.0 with it, and moving it
    // would change a shipped signature (callers compiled against 0.1.0 pass -1 themselves, so both keep working).
#pragma warning disable RS0027
    public IReadOnlyList<(RoutePlan? Plan, Exception? Error)> PlanAll(IReadOnlyList<(GeoPoint From, GeoPoint To)> pairs,
        int maxDegreeOfParallelism = -1) => PlanAll(pairs, maxDegreeOfParallelism, CancellationToken.None);
#pragma warning restore RS0027

    /// <summary>As <see cref="PlanAll(IReadOnlyList{ValueTuple{GeoPoint, GeoPoint}}, int)"/>, stopping when
    /// <paramref name="cancellationToken"/> is cancelled (checked before each route; a network of 67k routes takes
    /// about 50 ms a core).</summary>
    /// <param name="pairs">The origin–destination pairs.</param>
    /// <param name="maxDegreeOfParallelism">Most threads to use: -1 for all cores, or a count ≥ 1.</param>
    /// <param name="cancellationToken">Stops the batch; nothing is returned then.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public IReadOnlyList<(RoutePlan? Plan, Exception? Error)> PlanAll(IReadOnlyList<(GeoPoint From, GeoPoint To)> pairs,
        int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "-1 (all cores) or a count ≥ 1");
        cancellationToken.ThrowIfCancellationRequested();
        var results = new (RoutePlan?, Exception?)[pairs.Count];
        if (pairs.Count == 0) return results; // Partitioner.Create rejects an empty range
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        // Ranges of a few hundred routes keep the per-item scheduling cost far below one query.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, pairs.Count, 256), options, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                // Also within a range: ForEach takes ranges in chunks, so between ranges alone a cancelled batch ran
                // up to a thousand more routes; the loop then throws when it sees the token.
                if (cancellationToken.IsCancellationRequested) return;
                try { results[i] = (Plan(pairs[i].From, pairs[i].To), null); }
                catch (ArgumentException e) { results[i] = (null, e); }
            }
        });
        return results;
    }

    // A* with lazy edge evaluation (as in lazy PRM / LazySP): links from the origin and to the destination are pushed
    // after the cheap tangent test and their visibility is checked only when popped. The heuristic keeps the number of
    // pops small, so a query tests few lines for visibility; every accepted edge is verified, so the result is exact.
    private RoutePlan Search<TCost>(Scratch s, GeoPoint from, GeoPoint to, Vec3 o, Vec3 d, double directKm, int bandO, int bandD,
        int[] locO, int[] locD, IReadOnlyList<string> crossed, in TCost cost) where TCost : struct, IArcCost
    {
        int nodeCount = _nodeVertex.Length;
        SeedCorners(s, o, d, bandO, locO, locD, null);
        // Nodes nodeCount.. are the closure corners of the origin's band, reached only from the origin or each other.
        var corners = bandO >= 0 ? _bandCorners[bandO] : [];

        for (int j = 0; j < corners.Length; j++)
            if (InBandLeg(o, null, corners[j], bandO, out double rad))
            {
                double c0 = cost.Arc(o, corners[j].V, rad);
                s.Push(c0 + Heuristic(corners[j].V, d), nodeCount + j, c0, -1, Scratch.Verified);
            }

        int reached = -1; double best = 0;
        while (s.TryPop(out var e))
        {
            if (e.Kind == Scratch.ToTarget)
            {
                // The cheapest open bound is a line to the destination: if it is clear, no other route can be shorter.
                bool ok = e.Node >= nodeCount
                    ? CornerSeesEnd(corners[e.Node - nodeCount], d, bandO, bandD, out _)
                    : Sees(d, e.Node, bandD, HullTangentObstacle(e.Node, locD, s));
                if (!ok) continue;
                reached = e.Node; best = e.G;
                break;
            }
            if (s.IsClosed(e.Node)) continue;
            if (e.Kind == Scratch.FromOrigin)
            {
                if (!CostOriginLink(s, o, d, ref e, cost)) continue;
                if (!Sees(o, e.Node, bandO, HullTangentObstacle(e.Node, locO, s))) continue;
            }
            s.Close(e.Node, e.G, e.Parent);
            int u = e.Node;
            double gu = e.G;
            if (u >= nodeCount)
            {
                // A closure corner inside the band: its links are found on demand (band queries are rare).
                var c = corners[u - nodeCount];
                if (TangentAt(c, d))
                {
                    double gd = gu + cost.Arc(c.V, d, Vec3.Angle(c.V, d));
                    s.Push(gd, u, gd, u, Scratch.ToTarget);
                }
                for (int j = 0; j < corners.Length; j++)
                {
                    if (j == u - nodeCount || s.IsClosed(nodeCount + j) || !InBandLeg(c.V, c, corners[j], bandO, out double rad)) continue;
                    double gj = gu + cost.Arc(c.V, corners[j].V, rad);
                    s.Relax(nodeCount + j, gj, u, gj + Heuristic(corners[j].V, d));
                }
                for (int i = 0; i < nodeCount; i++)
                {
                    if (!Usable(i, s) || s.IsClosed(i) || !TangentAt(c, _v[_nodeVertex[i]]) || !Sees(c.V, i, bandO)) continue;
                    double gi = gu + cost.Arc(c.V, _v[_nodeVertex[i]], Vec3.Angle(c.V, _v[_nodeVertex[i]]));
                    s.Relax(i, gi, u, gi + Heuristic(_v[_nodeVertex[i]], d));
                }
                continue;
            }
            var vu = _v[_nodeVertex[u]];
            if (TangentFrom(d, u, bandD, s))
            {
                double gt = gu + cost.Arc(vu, d, Vec3.Angle(vu, d));
                s.Push(gt, u, gt, u, Scratch.ToTarget);
            }
            for (int k = _adjStart[u]; k < _adjStart[u + 1]; k++)
            {
                int w = _adjTo[k];
                if (!Usable(w, s) || s.IsClosed(w)) continue;
                // IsDistance is a constant of the instantiation: the distance search reads the precomputed edge length only.
                double g = gu + (TCost.IsDistance ? _adjRad[k] : cost.Edge(k, vu, _v[_nodeVertex[w]], _adjRad[k]));
                s.Relax(w, g, u, g + Heuristic(_v[_nodeVertex[w]], d));
            }
        }
        if (reached < 0)
            return Unreachable(from, to, directKm, UnreachableReason.Enclosed,
                "no route around the closures: the origin or the destination is enclosed by closed airspace", crossed);

        int count = 2;
        for (int u = reached; u >= 0; u = s.Parent(u)) count++;
        // Ends keep their exact input coordinates; inner points are the corners' own (input) coordinates.
        var chain = new GeoPoint[count];
        chain[0] = from; chain[^1] = to;
        int k2 = count - 2;
        for (int u = reached; u >= 0; u = s.Parent(u), k2--)
            chain[k2] = u >= nodeCount ? corners[u - nodeCount].Geo : _vertexGeo[_nodeVertex[u]];
        return Measured(from, to, RouteStatus.Detour, chain, directKm, best, crossed, bandO >= 0, bandD >= 0, BufferExcessKm(chain, o, d));
    }

    // A link from the origin seeded with G = NaN (Seed) is costed when it is first popped. False when its exact key is
    // no longer the cheapest: it is queued again under that key (and `e` is left as it was); else `e` carries the key.
    private bool CostOriginLink<TCost>(Scratch s, in Vec3 o, in Vec3 d, ref Scratch.Entry e, in TCost cost)
        where TCost : struct, IArcCost
    {
        if (!double.IsNaN(e.G)) return true;
        var v = _v[_nodeVertex[e.Node]];
        double g = cost.Arc(o, v, Vec3.Angle(o, v));
        double f = g + Heuristic(v, d);
        if (f > s.MinKey) { s.Push(f, e.Node, g, -1, Scratch.FromOrigin); return false; }
        e = e with { F = f, G = g };
        return true;
    }

    // Seeds the links from the origin to the usable corners of every obstacle (marking the open pockets). `extra`
    // names obstacles that keep every corner besides those an end makes so (null: none).
    private void SeedCorners(Scratch s, in Vec3 o, in Vec3 d, int bandO, int[] locO, int[] locD, bool[]? extra)
    {
        var all = s.AllCorners;
        for (int k = 0; k < _obstacles.Length; k++)
        {
            // Pocket corners are usable only from inside their pocket; an end that may be inside the obstacle (a band
            // or an enclave) or an obstacle without a hull keeps every corner.
            all[k] = !_clean[k] || locO[k] <= NoPocket || locD[k] <= NoPocket || extra != null && extra[k];
            // Seeds: the usable corners (all of them, or the hull corners and those of the open pockets).
            if (all[k])
            {
                foreach (int i in _obstacleNodes[k]) Seed(s, o, d, i, bandO);
                continue;
            }
            // A pocket holding an end is open: the corners at its mouth are tangent-tested against the shell (so they
            // are marked before the hull corners are seeded), and its own corners become usable.
            int pocketO = locO[k], pocketD = locD[k] != locO[k] ? locD[k] : -1;
            foreach (int j in (ReadOnlySpan<int>)[pocketO, pocketD])
                if (j >= 0) { s.MarkLid(_pockets[k][j].LidA); s.MarkLid(_pockets[k][j].LidB); }
            foreach (int i in _hullNodes[k]) Seed(s, o, d, i, bandO);
            foreach (int j in (ReadOnlySpan<int>)[pocketO, pocketD])
                if (j >= 0)
                    foreach (int i in _pockets[k][j].Nodes) { s.MarkPocket(i); Seed(s, o, d, i, bandO); }
        }
    }

    // The bound of BufferExcessBoundKm for a route: the buffer's overshoot times the route's total turning. With different
    // buffers per closure the overshoot is the largest buffer's for every turn: still a bound (a smaller buffer's is
    // smaller), and telling which obstacle each turn goes round would cost a lookup per waypoint for a bound of metres.
    private double BufferExcessKm(GeoPoint[] chain, in Vec3 o, in Vec3 d)
    {
        if (_bufferExcessRad == 0) return 0;
        var pts = new List<Vec3>(chain.Length) { o };
        for (int i = 1; i < chain.Length - 1; i++) pts.Add(Vec3.FromGeo(chain[i]));
        pts.Add(d);
        return _bufferExcessRad * TotalTurning(pts) * Sphere.MeanRadiusKm;
    }

    // A link from the origin to corner i, if tangent there. Keyed by the chord, a lower bound of the arc: the exact
    // length (an atan2) is paid only when popped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Seed(Scratch s, in Vec3 o, in Vec3 d, int i, int bandO)
    {
        if (!TangentFrom(o, i, bandO, s)) return;
        var v = _v[_nodeVertex[i]];
        s.Push(Heuristic(o, v) + Heuristic(v, d), i, double.NaN, -1, Scratch.FromOrigin);
    }

    // A* heuristic: the chord to the destination. It never exceeds the arc (chord = 2 sin(θ/2) ≤ θ) and obeys the
    // triangle inequality, so it is admissible and consistent, and costs one square root instead of an atan2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Heuristic(in Vec3 v, in Vec3 d) => (v - d).Norm;

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

    // The closures whose own area (holes respected) the direct route passes through or starts/ends in. An end counts
    // when it is inside by the route-end rule (on the boundary is outside), as for the decision. Was the shell's test
    // or'ed with the holes': a route through the point where a hole touches the shell, from outside into the hole, or
    // from that point along the hole, "entered" the shell there and was reported crossing a closure it never entered.
    private List<string> CrossedClosures(in Vec3 o, in Vec3 d)
    {
        var ids = new List<string>();
        var x = new EdgeCrosser(o, d);
        for (int c = 0; c < _closures.Length; c++)
        {
            var polys = _closures[c].Region.Polygons;
            for (int k = 0; k < polys.Count; k++)
                if (polys[k].IsEnteredOpenBy(x, _touch[c][k])) { ids.Add(_closures[c].Id); break; }
        }
        return ids;
    }

    private RoutePlan Direct(GeoPoint from, GeoPoint to, double directKm, double rad) => new()
    {
        From = from, To = to, Status = RouteStatus.Direct,
        Waypoints = [from, to], LegKm = [directKm], RouteKm = directKm, DirectKm = directKm,
        Crossed = [], SphereRad = rad,
    };

    private static RoutePlan Unreachable(GeoPoint from, GeoPoint to, double directKm, UnreachableReason code, string reason,
        IReadOnlyList<string>? crossed = null) => new()
    {
        From = from, To = to, Status = RouteStatus.Unreachable, Reason = reason, ReasonCode = code,
        Waypoints = [], LegKm = [], RouteKm = null, DirectKm = directKm, Crossed = crossed ?? [],
    };

    private RoutePlan Measured(GeoPoint from, GeoPoint to, RouteStatus status, GeoPoint[] chain, double directKm,
        double rad, IReadOnlyList<string> crossed, bool departsThroughBuffer, bool arrivesThroughBuffer, double excessKm)
    {
        var legs = new double[chain.Length - 1];
        double total = 0;
        for (int i = 0; i < legs.Length; i++) { legs[i] = _legKm(chain[i], chain[i + 1]); total += legs[i]; }
        return new RoutePlan
        {
            From = from, To = to, Status = status, Waypoints = chain, LegKm = legs, RouteKm = total,
            DirectKm = directKm, Crossed = crossed, SphereRad = rad,
            DepartsThroughBuffer = departsThroughBuffer, ArrivesThroughBuffer = arrivesThroughBuffer,
            BufferExcessBoundKm = excessKm,
        };
    }
}
