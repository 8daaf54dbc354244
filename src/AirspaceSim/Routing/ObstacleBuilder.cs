using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Noding;
using NetTopologySuite.Noding.Snapround;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;

namespace AirspaceSim.Routing;

/// <summary>
/// Turns closures into planner obstacles: closures whose polygons touch or overlap are merged (so that no route can
/// slip along a shared border or through a shared corner; <see cref="LimitsMerge"/>, the same merge as the route-end
/// rule's <see cref="LateralLimits"/>), and the lateral buffer is added. Both are unions of great-circle polygons,
/// done exactly in a gnomonic frame with NetTopologySuite's snap-rounding overlay.
/// </summary>
internal static class ObstacleBuilder
{
    private static readonly PrecisionModel Grid = LimitsMerge.Grid;

    private static readonly GeometryFactory Factory = LimitsMerge.Factory;

    /// <summary>Longest great-circle piece a buffer strip is built on: its outer edge then bulges outward by at most
    /// tan(d)/cos(0.5°) − tan(d), under 0.004 % of the buffer.</summary>
    private const double MaxStripPieceRad = Math.PI / 180;

    /// <summary>Edges per offset chunk, for a loop whose whole curve crosses itself too often (a loop of at most this
    /// many is always offset whole). Chosen by timing every bundled FIR at 5, 10, 25 and 50 NM with 4, 8, 16, 32 and
    /// whole loops: 8 had the least worst case against the cascaded union, whole loops the least total but ten times the
    /// union's time on a few dense FIRs, which <see cref="CrossingsPerEdge"/> now sends to the chunks.</summary>
    private const int ChunkEdges = 8;

    /// <summary>How much nearer than the buffer a hole's vertex may be before the hole counts as a snap-rounding gap
    /// (1e-8 rad ≈ 6 cm, ten times the grid's reach on the sphere).</summary>
    private const double SliverToleranceRad = 1e-8;

    /// <summary>The obstacles, the largest buffer of the closures (angle) and the bound on how far any buffered boundary
    /// lies outside its exact buffer (per the largest buffer: the corner and strip overshoots grow with it).</summary>
    public sealed record Result(IReadOnlyList<Obstacle> Obstacles, double BufferRad, double BufferExcessRad);

    /// <summary>How a loop longer than <see cref="ChunkEdges"/> is offset: by its curve's self-crossings
    /// (<see cref="Adaptive"/>, what planners use), or always one way (tests compare the two; probes time them).</summary>
    internal enum Offsetting { Adaptive, Chunked, Whole }

    /// <summary>The obstacles of <paramref name="closures"/>; each cluster's taken from <paramref name="cache"/> when
    /// given (built there once), else built here.</summary>
    public static Result Build(IReadOnlyList<Airspace> closures, double bufferNm, int cornerSegments, ObstacleCache? cache = null) =>
        Build(closures, bufferNm, cornerSegments, Offsetting.Adaptive, cache);

    internal static Result Build(IReadOnlyList<Airspace> closures, double bufferNm, int cornerSegments, Offsetting offsetting,
        ObstacleCache? cache = null) =>
        Build(closures, Enumerable.Repeat(bufferNm, closures.Count).ToArray(), cornerSegments, offsetting, cache);

    /// <summary>The obstacles of <paramref name="closures"/>, each grown by its own buffer
    /// (<paramref name="bufferNm"/>, parallel to <paramref name="closures"/>). With one buffer for all, exactly the
    /// obstacles of the uniform build (the same clusters, curves and order).</summary>
    internal static Result Build(IReadOnlyList<Airspace> closures, IReadOnlyList<double> bufferNm, int cornerSegments, Offsetting offsetting,
        ObstacleCache? cache)
    {
        if (bufferNm.Count != closures.Count) throw new ArgumentException("one buffer per closure", nameof(bufferNm));
        foreach (double b in bufferNm)
            if (!(b >= 0) || double.IsInfinity(b))
                throw new ArgumentOutOfRangeException(nameof(bufferNm), b, "buffer must be a finite number of nautical miles ≥ 0");
        if (cornerSegments < 8) throw new ArgumentOutOfRangeException(nameof(cornerSegments), cornerSegments, "at least 8 segments per full circle");
        var dOf = bufferNm.Select(b => b * Units.MetresPerNm / Sphere.MeanRadiusM).ToArray();
        double d = 0;
        foreach (double x in dOf) if (x > d) d = x;
        if (d > 10 * Math.PI / 180)
            throw new ArgumentOutOfRangeException(nameof(bufferNm), bufferNm.Max(), "buffer larger than 10° of arc (600 NM) is not supported");

        // Corner fans circumscribe the radius-d circle with steps of at most 2π/k, so their corners lie at most R from the
        // vertex with tan d = tan R cos(π/k) (spherical right triangle), as a full circumscribed k-gon's would. Per the
        // largest buffer: the overshoot grows with d, so this bounds every closure's (a smaller buffer's is smaller).
        double cornerR = d > 0 ? Math.Atan(Math.Tan(d) / Math.Cos(Math.PI / cornerSegments)) : 0;
        double stripR = d > 0 ? Math.Atan(Math.Tan(d) / Math.Cos(MaxStripPieceRad / 2)) : 0;
        double excess = Math.Max(cornerR - d, stripR - d);

        // Without a buffer the obstacles are the merged lateral limits themselves: LimitsMerge.Merge's clusters and merge,
        // taken cluster by cluster so that a cache can keep each (a lone part is its own obstacle, nothing to keep; the
        // corner segments and offsetting do not matter without a buffer, so the cache keys them as 0 and Adaptive).
        var obstacles = new List<Obstacle>();
        var parts = LimitsMerge.Parts(closures);
        if (d == 0)
        {
            foreach (var members in LimitsMerge.Clusters(parts, 0)) obstacles.AddRange(UnbufferedCluster(members, cache));
            return new Result(obstacles, d, excess);
        }

        // Each part's buffer: Parts lists every closure's polygons in order.
        var partD = new double[parts.Count];
        for (int a = 0, i = 0; a < closures.Count; a++)
            for (int j = 0; j < closures[a].Region.Polygons.Count; j++) partD[i++] = dOf[a];
        // Clustered by whether the parts grown by their own buffers can meet (bounding caps first, then exactly:
        // LimitsMerge.CanMeet), with each side's overshoot of the built buffer beyond the exact one (excess) as slack, so
        // that two obstacles built apart never overlap: only clusters need an overlay. A cluster none of whose members is buffered is merged
        // as without a buffer, so that a closure at 0 NM far from the buffered ones gets the very obstacle (and routes)
        // of a planner without a buffer.
        foreach (var indexes in LimitsMerge.ClusterIndexes(parts, partD, 2 * excess))
        {
            var members = indexes.Select(i => parts[i]).ToList();
            var ds = indexes.Select(i => partD[i]).ToArray();
            if (ds.All(x => x == 0)) { obstacles.AddRange(UnbufferedCluster(members, cache)); continue; }
            obstacles.AddRange(cache is null ? BuildCluster(members, ds, cornerSegments, offsetting)
                : cache.GetOrBuild(members, ds, cornerSegments, offsetting, () => BuildCluster(members, ds, cornerSegments, offsetting)));
        }
        return new Result(obstacles, d, excess);
    }

    private static IEnumerable<Obstacle> UnbufferedCluster(List<LimitsMerge.Part> members, ObstacleCache? cache) =>
        cache is null || members.Count == 1 ? Unbuffered(members)
            : cache.GetOrBuild(members, new double[members.Count], 0, Offsetting.Adaptive, () => Unbuffered(members));

    private static IEnumerable<Obstacle> Unbuffered(List<LimitsMerge.Part> members) =>
        LimitsMerge.MergeCluster(members).Select(a => new Obstacle(a.Loops, [a.Loops], a.SourceIds, 0));

    // Each member's loops are offset by that member's own buffer ds[i]; a member at 0 contributes its own loops (its
    // unbuffered region). The union is then exactly the set of points within each closure's own buffer of it.
    private static IEnumerable<Obstacle> BuildCluster(List<LimitsMerge.Part> members, double[] ds, int cornerSegments, Offsetting offsetting)
    {
        var frame = new LimitsMerge.Frame(members);
        var merged = frame.Union();

        Geometry planning;
        bool chunked = false;
        // A loop is offset as one closed curve when the curve crosses itself little, otherwise in chunks of ChunkEdges
        // consecutive edges, each closed back along the closure's own edges (see OffsetCurve), their regions then
        // unioned with the closure. One curve per loop is 3-4x faster for SVZM (one noding, no union) but up to 10x
        // slower than the chunks where many vertices lie within a buffer's width of each other (ENBD's coast, CZQX,
        // CZZV): its self-crossings grow with the square of their number, and the snap-rounding noder tests every
        // segment against every hot pixel (crossing) in its envelope. Chunks bound both; their regions are small
        // outlines. So the whole curve is built first (cheap: no noding) and its crossings counted by a monotone-chain
        // index that stops at the limit (a fraction of the cost of noding it); past the limit the loop is chunked.
        var whole = new List<(SphericalLoop Loop, ISegmentString Curve, double D)>();
        var chunks = new List<ISegmentString>();
        // The loops of unbuffered members, as they are: with only whole curves they join the winding sum (+1 inside the
        // closure, 0 in its enclaves), so the region covers the closure itself; with chunks, the union with the merged
        // closures below covers it.
        var unbuffered = new List<ISegmentString>();
        for (int mi = 0; mi < members.Count; mi++)
            foreach (var loop in members[mi].Loops)
            {
                double d = ds[mi];
                if (d == 0)
                {
                    if (Ring(loop.Vertices.ToArray()) is { } r0) unbuffered.Add(r0);
                    continue;
                }
                if (loop.Count <= ChunkEdges || offsetting != Offsetting.Chunked)
                {
                    var curve = Ring(OffsetCurve(loop, d, cornerSegments, 0, loop.Count, chunk: false));
                    if (curve is null) continue;
                    if (loop.Count <= ChunkEdges || offsetting == Offsetting.Whole || FewCrossings(curve, CrossingLimit(loop.Count)))
                    {
                        whole.Add((loop, curve, d));
                        continue;
                    }
                }
                int pieces = (loop.Count + ChunkEdges - 1) / ChunkEdges;
                for (int c = 0; c < pieces; c++)
                    if (Ring(OffsetCurve(loop, d, cornerSegments, c * loop.Count / pieces, (c + 1) * loop.Count / pieces, chunk: true)) is { } r)
                        chunks.Add(r);
            }
        // Every loop whole: the sum of the curves (each a loop plus its pieces) has as winding number the number of
        // closures and pieces covering a point, so its region is the buffered union at once, holes and enclaves
        // included. With chunks beside them the whole loops' region is unioned with the chunks' and the closure's, so
        // it must be their pieces only, like a chunk's: a hole's curve alone (winding −1 in its enclave) or a shell's
        // alone (+1 over its enclaves) would drop or fill the free space of an enclave.
        if (chunks.Count == 0) planning = CoveredRegion([.. whole.Select(w => w.Curve), .. unbuffered]);
        else
        {
            chunked = true;
            var regions = new List<Geometry> { merged };
            var wholePieces = new List<ISegmentString>();
            foreach (var (loop, _, d) in whole)
                if (Ring(OffsetCurve(loop, d, cornerSegments, 0, loop.Count, chunk: true)) is { } r) wholePieces.Add(r);
            if (wholePieces.Count > 0) regions.Add(CoveredRegion(wholePieces));
            foreach (var c in chunks) regions.Add(CoveredRegion([c]));
            planning = UnaryUnionNG.Union(regions, Factory, Grid);
        }

        NodedSegmentString? Ring(IEnumerable<Vec3> curve)
        {
            var ring = new List<Coordinate>();
            foreach (var v in curve)
            {
                var c = frame.P(v);
                if (ring.Count == 0 || !ring[^1].Equals2D(c)) ring.Add(c);
            }
            if (ring.Count > 1 && ring[^1].Equals2D(ring[0])) ring.RemoveAt(ring.Count - 1);
            if (ring.Count < 2) return null;
            ring.Add(ring[0].Copy());
            return new NodedSegmentString(ring.ToArray(), null);
        }

        var mergedPolys = frame.ToLoops(merged);
        // Buffered members only: an unbuffered one has no band within which a hole could be a gap.
        var closureRegions = members.Zip(ds).Where(p => p.Second > 0).Select(p => (p.First.Region, D: p.Second)).Distinct().ToList();
        double dMax = ds.Max();
        foreach (var poly in LimitsMerge.Polygons(planning))
        {
            var loops = frame.PolygonLoops(poly);
            if (chunked) loops = [loops[0], .. loops.Skip(1).Where(h => !IsSliver(h))];
            // The unbuffered polygons inside this planning polygon.
            var inside = mergedPolys.Where(mp => MergedArea.PolygonContains(loops, mp[0].InteriorProbe)).ToList();
            // Its buffer: the largest of the members inside it (a 0 NM closure that no buffered one reaches is its own
            // obstacle at 0, with no band), the cluster's if no member's probe is found inside (rounding: keep the bands).
            double bufferRad = 0; bool any = false;
            for (int mi = 0; mi < members.Count; mi++)
                if (MergedArea.PolygonContains(loops, members[mi].Loops[0].InteriorProbe)) { any = true; bufferRad = Math.Max(bufferRad, ds[mi]); }
            yield return new Obstacle(loops, inside, frame.SourcesIn(loops), any ? bufferRad : dMax);
        }

        // Every boundary point of the exact union of the closures and their pieces is at least d from each closure buffered
        // by d (a nearer point has a neighbourhood within d, all covered), so a hole with a vertex nearer than a closure's
        // d (less the snap error, under 1e-9 rad) is not free space but a gap of a grid cell's width: the cascaded union
        // of the chunks nodes the copies of a shared side (a closure edge along a chunk's return path, the radial side
        // where two chunks meet) with different crossings, and their copies part by up to a cell between shared end points.
        bool IsSliver(SphericalLoop hole)
        {
            foreach (var v in hole.Vertices)
                foreach (var (r, d) in closureRegions)
                    if (r.DistanceToBoundary(v).Radians < d - SliverToleranceRad) return true;
            return false;
        }
    }

    /// <summary>Self-crossings per edge up to which a loop is offset as one curve. Chosen by timing every bundled FIR
    /// with more than 8 edges at 5, 10, 25 and 50 NM both ways (docs/uncertainty.md): at up to 2 crossings per edge the
    /// whole curve was the faster in all but noise (median 0.4-0.5 of the chunks' time), from 4 to 8 either way, and from
    /// 16 (ENBD, ENOR, ULLL: tens of thousands of crossings) 4 to 45 times slower.</summary>
    private const double CrossingsPerEdge = 2;

    private static int CrossingLimit(int edges) => (int)(CrossingsPerEdge * edges);

    // Whether the closed curve crosses or touches itself (segments other than neighbours along it) at most limit times:
    // the monotone-chain index's candidate pairs, each tested exactly, stopping as soon as the limit is passed.
    private static bool FewCrossings(NodedSegmentString curve, int limit)
    {
        var counter = new CrossingCounter(curve.Count - 1, limit);
        new MCIndexNoder(counter).ComputeNodes([curve]);
        return counter.Count <= limit;
    }

    private sealed class CrossingCounter(int segments, int limit) : ISegmentIntersector
    {
        private readonly RobustLineIntersector _li = new();

        public int Count { get; private set; }

        public bool IsDone => Count > limit;

        public void ProcessIntersections(ISegmentString e0, int i0, ISegmentString e1, int i1)
        {
            int gap = Math.Abs(i0 - i1);
            if (gap <= 1 || gap == segments - 1) return; // the same segment, or neighbours sharing an end
            var c0 = e0.Coordinates; var c1 = e1.Coordinates;
            _li.ComputeIntersection(c0[i0], c0[i0 + 1], c1[i1], c1[i1 + 1]);
            if (_li.HasIntersection) Count++;
        }
    }

    // Pieces whose union with the closure holds every point within d of it. A point x outside the closure at distance
    // ≤ d has a nearest boundary point p, and the arc p→x leaves the closure there: p inside an edge means x lies on the
    // perpendicular through p (an edge strip); p a vertex means the arc makes at least 90° with both edges, i.e. its
    // direction lies in the vertex's exterior angle, from the outward normal of the edge in to that of the edge out,
    // which is empty at a reflex vertex. So a convex vertex needs only that sector of the radius-d circle (a fan, here),
    // not the whole circle (the full k-gons, 64 vertices each and mostly inside the union, made the overlay 2.5× slower).
    //
    // The pieces are not built one by one and unioned (a cascaded snap-rounding union of one piece per fan and per 1°
    // strip piece, most of the cost of a buffered planner). Each edge a→b contributes one counter-clockwise piece: the
    // fan at a, the strip's outer side along the edge, back along the edge itself. Summed as oriented boundaries with
    // the closure's own loops, every edge of the closure cancels (traversed once each way), as does every radial side
    // shared by a fan and a strip (the same expressions, so the same points); what is left is this raw offset curve: per
    // vertex its fan (or, at a reflex vertex, a return to the vertex itself), then the strip's outer side. Its winding
    // number at a point is the number of pieces and closures covering it, so the buffered region is exactly where the
    // winding number is ≥ 1 (see CoveredRegion).
    // A chunk (edges first..last−1 of the loop) is the sum of only its own edges' pieces: it starts at its first vertex
    // with that vertex's whole fan (the previous edge's last outer point is not emitted by a neighbour here), and after
    // the last strip returns to the chunk's end vertex and back along the closure's edges to its start, so that it is
    // closed; its winding region is the union of its pieces, without the closure.
    private static IEnumerable<Vec3> OffsetCurve(SphericalLoop loop, double d, int k, int first, int last, bool chunk)
    {
        var (sd, cd) = Math.SinCos(d);
        var fan = new List<Vec3>();
        for (int i = first; i < last; i++)
        {
            var a = loop[i]; var b = loop[i + 1];
            var outward = Outward(a, b);
            fan.Clear();
            // The previous edge's last outer point is this fan's first ray (already emitted), its last ray the strip's
            // first outer point, emitted below.
            bool hasFan = AddCornerFan(loop[i - 1], a, b, d, k, fan);
            if (chunk && i == first)
            {
                yield return a;
                if (hasFan) yield return cd * a + sd * Outward(loop[i - 1], a);
            }
            else if (!hasFan) yield return a;
            foreach (var f in fan) yield return f;
            // The edge plane's normal is tangent at every point of the edge, so rotating towards it by d lands exactly d
            // from the great circle; the chord between two such points bulges further out, never in.
            int n = Math.Max(1, (int)Math.Ceiling(Vec3.Angle(a, b) / MaxStripPieceRad));
            yield return cd * a + sd * outward;
            for (int j = 1; j <= n; j++)
            {
                var q = j == n ? b : Sphere.Intermediate(a, b, (double)j / n);
                yield return cd * q + sd * outward;
            }
        }
        if (chunk)
            for (int i = last; i > first; i--) yield return loop[i];
    }

    // The obstacle is on the left of a→b: free space towards the pole on the right.
    private static Vec3 Outward(in Vec3 a, in Vec3 b) => -a.Cross(b).Normalize();

    // The sector of the radius-d circle around vertex v between the outward normals n1 (edge prev→v) and n2 (edge
    // v→next), swept counter-clockwise through the exterior angle τ, circumscribed from outside: m ≥ τ/(2π/k) equal
    // steps δ, each side on the great circle tangent to the circle at the step's ends, its corner at radius R with
    // tan R = tan d / cos(δ/2) ≤ tan d / cos(π/k) (the full k-gon's), so the overshoot bound is unchanged. Its first and last
    // rays are exactly the adjacent strips' end sides (the same expressions), so the pieces meet without a seam. Adds the
    // fan's corners between those rays and returns true; false at a reflex or straight vertex, which has no fan.
    private static bool AddCornerFan(in Vec3 prev, in Vec3 v, in Vec3 next, double d, int k, List<Vec3> corners)
    {
        int turn = Predicates.Sign(prev, v, next);
        var n1 = Outward(prev, v); var n2 = Outward(v, next);
        // A reflex vertex (right turn) is never the nearest point of a free point; nor is a straight one (sign 0 with
        // the edges going on). Sign 0 with the edges doubling back (a spike, which the loaders remove) sweeps π.
        if (turn < 0 || turn == 0 && n1.Dot(n2) >= 0) return false;
        var t1 = v.Cross(n1); // n1 turned 90° counter-clockwise about v: the direction of travel along prev→v
        double tau = turn == 0 ? Math.PI : Math.Atan2(n2.Dot(t1), n2.Dot(n1));
        if (!(tau > 0)) tau = Math.PI; // the exact sign says left turn; a rounded angle of 0 or below is a near-spike
        int m = Math.Max(1, (int)Math.Ceiling(tau / (2 * Math.PI / k)));
        double delta = tau / m;
        double r = Math.Atan(Math.Tan(d) / Math.Cos(delta / 2));
        var (sr, cr) = Math.SinCos(r);
        for (int j = 0; j < m; j++)
        {
            var (st, ct) = Math.SinCos(delta * (j + 0.5));
            corners.Add(cr * v + sr * (ct * n1 + st * t1));
        }
        return true;
    }

    // The region where the closed curves' winding number is ≥ 1. The curves are snap-rounded and noded once; then every
    // distinct noded edge gets the winding number just to its right, w_r (the crossings of a ray from its midpoint that
    // are not the edge itself: the edge is crossed only by rays from its left, and no other edge comes near its
    // midpoint, as the noded edges meet only at grid points), and just to its left, w_r + m, m the number of curve
    // segments along it in its direction minus those against. The region's boundary is the edges with exactly one side
    // ≥ 1; they are polygonized and each face is kept if the winding number inside it is ≥ 1. Only the boundary is
    // polygonized, not the whole arrangement, whose faces inside the region are many where a buffer fills a fjord.
    private static Geometry CoveredRegion(List<ISegmentString> curves)
    {
        if (curves.Count == 0) return Factory.CreatePolygon();
        var noder = new SnapRoundingNoder(Grid);
        noder.ComputeNodes(curves);
        var segments = new List<(Coordinate A, Coordinate B)>();
        var multiplicity = new Dictionary<(double, double, double, double), int>();
        foreach (var ss in noder.GetNodedSubstrings())
            for (int i = 0; i + 1 < ss.Count; i++)
            {
                var a = ss.Coordinates[i]; var b = ss.Coordinates[i + 1];
                if (a.Equals2D(b)) continue;
                segments.Add((a, b));
                var (key, sign) = Key(a, b);
                multiplicity[key] = multiplicity.GetValueOrDefault(key) + sign;
            }
        var index = new WindingIndex(segments);
        var lines = new List<Geometry>();
        foreach (var (key, m) in multiplicity)
        {
            if (m == 0) continue; // traversed as often each way: the same winding number on both sides
            var a = new Coordinate(key.Item1, key.Item2); var b = new Coordinate(key.Item3, key.Item4);
            // The ray from the midpoint misses the edge itself: it is the winding number on the side the ray leaves
            // into; on the other side the edge's segments add their crossings, m for an edge running up (or, for the
            // ray towards +y of a horizontal edge, running towards −x), −m otherwise.
            int near = index.Winding(new Coordinate(0.5 * (a.X + b.X), 0.5 * (a.Y + b.Y)), key);
            int far = near + (a.Y != b.Y ? (b.Y > a.Y ? m : -m) : (b.X < a.X ? m : -m));
            if ((near >= 1) != (far >= 1)) lines.Add(Factory.CreateLineString([a, b]));
        }
        if (lines.Count == 0) return Factory.CreatePolygon();
        var polygonizer = new Polygonizer();
        polygonizer.Add(lines);
        var faces = polygonizer.GetPolygons().ToList();
        var kept = faces.Where(f => index.Winding(f.InteriorPoint.Coordinate, null) >= 1).ToList();
        return kept.Count switch { 0 => Factory.CreatePolygon(), 1 => kept[0], _ => Factory.CreateMultiPolygon(kept.Cast<Polygon>().ToArray()) };
    }

    // An undirected edge's key (lower endpoint first) and +1 if a→b runs in the key's direction, −1 if against.
    private static ((double, double, double, double) Key, int Sign) Key(Coordinate a, Coordinate b) =>
        a.X < b.X || a.X == b.X && a.Y < b.Y ? ((a.X, a.Y, b.X, b.Y), 1) : ((b.X, b.Y, a.X, a.Y), -1);

    // Winding numbers of the directed segments by crossings of a ray from the point, the segments bucketed by the band of
    // the ray's coordinate they span so that a query reads only the segments that can cross it. The ray runs towards +x;
    // from a point on a horizontal edge (excluded from the count, the only case where it matters) towards +y instead.
    private sealed class WindingIndex
    {
        private readonly List<(Coordinate A, Coordinate B)> _segments;
        private readonly List<int>[] _byY, _byX;
        private readonly double _minY, _minX, _bandY, _bandX;

        public WindingIndex(List<(Coordinate A, Coordinate B)> segments)
        {
            _segments = segments;
            int bands = Math.Max(1, segments.Count / 4);
            (_byY, _minY, _bandY) = Bands(segments, bands, c => c.Y);
            (_byX, _minX, _bandX) = Bands(segments, bands, c => c.X);
        }

        private static (List<int>[], double, double) Bands(List<(Coordinate A, Coordinate B)> segments, int bands, Func<Coordinate, double> coord)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var (a, b) in segments) { lo = Math.Min(lo, Math.Min(coord(a), coord(b))); hi = Math.Max(hi, Math.Max(coord(a), coord(b))); }
            double width = hi > lo ? (hi - lo) / bands : 1;
            var lists = new List<int>[bands];
            for (int i = 0; i < bands; i++) lists[i] = [];
            for (int s = 0; s < segments.Count; s++)
            {
                var (a, b) = segments[s];
                int i0 = Band(Math.Min(coord(a), coord(b)), lo, width, bands), i1 = Band(Math.Max(coord(a), coord(b)), lo, width, bands);
                for (int i = i0; i <= i1; i++) lists[i].Add(s);
            }
            return (lists, lo, width);
        }

        private static int Band(double v, double lo, double width, int bands) => Math.Clamp((int)Math.Floor((v - lo) / width), 0, bands - 1);

        /// <summary>The winding number at p, leaving out the segments along the edge <paramref name="skip"/>.</summary>
        public int Winding(Coordinate p, (double, double, double, double)? skip)
        {
            bool vertical = skip is { } k && k.Item2 == k.Item4;
            var candidates = vertical ? _byX[Band(p.X, _minX, _bandX, _byX.Length)] : _byY[Band(p.Y, _minY, _bandY, _byY.Length)];
            int w = 0;
            foreach (int s in candidates)
            {
                var (a, b) = _segments[s];
                if (skip is { } key && Key(a, b).Key == key) continue;
                if (!vertical)
                {
                    // Upward crossings with p on their left count +1, downward ones with p on their right −1.
                    if (a.Y <= p.Y) { if (b.Y > p.Y && Orientation.Index(a, b, p) == OrientationIndex.Left) w++; }
                    else if (b.Y <= p.Y && Orientation.Index(a, b, p) == OrientationIndex.Right) w--;
                }
                else
                {
                    // The same towards +y: leftward crossings with p on their left count +1 (the x-axis turned 90°).
                    if (a.X >= p.X) { if (b.X < p.X && Orientation.Index(a, b, p) == OrientationIndex.Left) w++; }
                    else if (b.X >= p.X && Orientation.Index(a, b, p) == OrientationIndex.Right) w--;
                }
            }
            return w;
        }
    }
}
