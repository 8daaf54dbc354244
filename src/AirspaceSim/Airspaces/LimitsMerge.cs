using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace AirspaceSim.Airspaces;

/// <summary>
/// One connected closed area of merged lateral limits: touching or overlapping polygons of one or more airspaces as a
/// single polygon, every loop oriented with the area on its left (the shell counter-clockwise, holes clockwise around
/// their free enclave), with the ids of the airspaces merged into it.
/// </summary>
internal sealed class MergedArea
{
    public MergedArea(IReadOnlyList<SphericalLoop> loops, IReadOnlyList<string> sourceIds)
    {
        Loops = loops;
        SourceIds = sourceIds.ToArray().AsReadOnly(); // shared by the answers that use it: must not be mutable
        Center = loops[0].Center;
        CapRadiusRad = loops[0].CapRadiusRad; // holes lie inside the shell, so the shell's cap bounds everything
    }

    /// <summary><c>[0]</c> the shell, then the holes, the area on the left of each.</summary>
    public IReadOnlyList<SphericalLoop> Loops { get; }

    /// <summary>Ids of the airspaces merged into this area.</summary>
    public IReadOnlyList<string> SourceIds { get; }

    /// <summary>Centre of the bounding cap.</summary>
    public Vec3 Center { get; }

    /// <summary>Angular radius of a cap around <see cref="Center"/> holding the whole area.</summary>
    public double CapRadiusRad { get; }

    // With the area on the left of every loop, the shell contains the inside of the polygon and each hole loop contains
    // everything but its enclave, so the polygon is the intersection of its loops' left regions; its open interior, the
    // intersection of their open left regions. The boundary is flyable, for route ends as for routes: a point on a loop
    // (a vertex, or exactly on an edge) is not inside, decided exactly by SphericalLoop.OnBoundary rather than by
    // Contains's symbolic perturbation, which puts an edge point on one side or the other (the right rule for a seam
    // between two parts of one airspace, which merged areas no longer have).
    /// <summary>Strictly inside the polygon of <paramref name="loops"/> (area-on-the-left loops; a point on a loop is outside).</summary>
    internal static bool PolygonContains(IReadOnlyList<SphericalLoop> loops, in Vec3 p)
    {
        for (int i = 0; i < loops.Count; i++) if (!loops[i].Contains(p)) return false; // indexed: no boxed enumerator
        for (int i = 0; i < loops.Count; i++) if (loops[i].OnBoundary(p)) return false;
        return true;
    }
}

/// <summary>
/// Merges the polygons of airspaces that touch or overlap (so that no route can slip along a shared border or through
/// a shared corner): the union of great-circle polygons, done exactly in a gnomonic frame with NetTopologySuite's
/// snap-rounding overlay. The one merge behind both the planner's obstacles (Routing.ObstacleBuilder, which adds the
/// lateral buffer in the same frame) and the route-end rule of <see cref="LateralLimits"/>.
/// </summary>
internal static class LimitsMerge
{
    /// <summary>Snap-rounding grid of the gnomonic plane (unit = one Earth radius): 1e-9 ≈ 6 mm on the ground.</summary>
    internal static readonly PrecisionModel Grid = new(1e9);

    internal static readonly GeometryFactory Factory = new(Grid);

    /// <summary>One closed polygon of an airspace: loops with the area on the left (holes reversed), its id and region,
    /// and the polygon's index in the region (with the region and id, what identifies the part to a cache of obstacles).</summary>
    internal readonly record struct Part(List<SphericalLoop> Loops, string Id, SphericalRegion Region, int Polygon);

    /// <summary>Every closed polygon of <paramref name="airspaces"/>, in order.</summary>
    internal static List<Part> Parts(IReadOnlyList<Airspace> airspaces)
    {
        var parts = new List<Part>();
        foreach (var a in airspaces)
            for (int i = 0; i < a.Region.Polygons.Count; i++)
            {
                var p = a.Region.Polygons[i];
                var loops = new List<SphericalLoop> { p.Shell };
                foreach (var h in p.Holes) loops.Add(Reverse(h));
                parts.Add(new Part(loops, a.Id, a.Region, i));
            }
        return parts;
    }

    /// <summary>How near two parts' regions (grown by their buffers) may come apart and still be grouped: 1e-9 rad ≈ 6 mm,
    /// the snap grid's size on the ground, so that parts whose borders touch (a shared border, a vertex on the other's
    /// edge) are grouped whatever the rounding of the distances; grouping more is always safe, grouping less is wrong.</summary>
    internal const double MeetToleranceRad = 1e-9;

    /// <summary>The parts grouped by whether their regions, each grown by <paramref name="widenRad"/> (a buffer), can
    /// meet (<see cref="CanMeet"/>): only a group of two or more needs an overlay. Groups in the order of their first
    /// part, parts in order.</summary>
    internal static IEnumerable<List<Part>> Clusters(List<Part> parts, double widenRad) =>
        ClusterIndexes(parts, Enumerable.Repeat(widenRad, parts.Count).ToArray()).Select(g => g.Select(i => parts[i]).ToList());

    /// <summary>As <see cref="Clusters"/> with each part grown by its own amount (<paramref name="widenRad"/>, parallel
    /// to <paramref name="parts"/>: each closure's own buffer), as indexes into <paramref name="parts"/>: two parts whose
    /// regions grown by their own buffers come within <paramref name="extraRad"/> + <see cref="MeetToleranceRad"/> of
    /// each other are in one group (<paramref name="extraRad"/>: how far a built buffer may reach beyond the exact one).</summary>
    /// <remarks>Bounding caps alone are coarse (a large FIR's cap overlaps the caps of FIRs hundreds of km away, which
    /// chained unrelated closures into one huge cluster, rebuilt whenever any of them came or went): the caps are only
    /// the first, cheap filter, and each pair whose grown caps may meet is then decided exactly by
    /// <see cref="CanMeet"/>. A pair already in one group is not tested.</remarks>
    internal static IEnumerable<List<int>> ClusterIndexes(List<Part> parts, IReadOnlyList<double> widenRad, double extraRad = 0)
    {
        var parent = Enumerable.Range(0, parts.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (int i = 0; i < parts.Count; i++)
            for (int j = i + 1; j < parts.Count; j++)
            {
                var si = parts[i].Loops[0]; var sj = parts[j].Loops[0];
                if (!CapBound.MayMeet(si.Center, si.CapRadiusRad + widenRad[i], sj.Center, sj.CapRadiusRad + widenRad[j])) continue;
                int ri = Find(i), rj = Find(j);
                if (ri == rj) continue;
                if (CanMeet(parts[i], parts[j], widenRad[i] + widenRad[j] + extraRad + MeetToleranceRad)) parent[ri] = rj;
            }
        return Enumerable.Range(0, parts.Count).GroupBy(Find).Select(g => g.ToList());
    }

    /// <summary>
    /// True if the closed polygons of <paramref name="a"/> and <paramref name="b"/> come within
    /// <paramref name="withinRad"/> of each other (touching or overlapping: distance 0), exactly up to the rounding of
    /// the point–arc distances (~1e-16 rad, far inside <see cref="MeetToleranceRad"/>), and conservatively: a part is
    /// measured against its whole airspace's boundary (<see cref="SphericalRegion.DistanceToBoundary(in Vec3)"/>),
    /// which is never farther than its own polygon's, so a part near a sibling polygon may be grouped too (merging more
    /// is safe).
    /// </summary>
    /// <remarks>
    /// Two closed polygons meet iff (b) a loop of one lies in the other, or their boundaries meet: (a) an edge of one
    /// properly crosses an edge of the other, or (c) a vertex of one lies on the other's boundary (every other contact
    /// — a T-junction, a shared border whose vertices do not coincide, collinear overlapping edges — puts a vertex of one
    /// on an edge of the other). If they do not meet, their distance is that of their boundaries, and the minimum
    /// distance between two great-circle arcs (minor arcs) that do not cross is attained at an end of one of them (S2's
    /// edge-pair distance), so it is the least distance from a vertex of one to the other's boundary: (c) with
    /// distance ≤ <paramref name="withinRad"/> covers touching and nearness at once, and (a)-(c) together are exact.
    /// For (b) one vertex per loop suffices: if the boundaries do not meet, each loop lies wholly inside or wholly
    /// outside the other polygon; if every loop of each lay outside the other, the boundary of b would miss a and the
    /// boundary of a miss b, so the connected b would lie wholly in a's interior or wholly outside a, and then b's
    /// boundary lies in a, or the two are apart. Cheapest first: (b) a handful of points, (c) only the vertices in the
    /// other's bounding cap grown by the distance, (a) only the edges whose arc reaches the other's cap, each against
    /// the other's edge index (blocks pruned by their caps).
    /// </remarks>
    internal static bool CanMeet(in Part a, in Part b, double withinRad)
    {
        if (LoopInside(a, b) || LoopInside(b, a)) return true;
        if (VertexNear(a, b, withinRad) || VertexNear(b, a, withinRad)) return true;
        // (a) once: a proper crossing of an edge of a with one of b is found from either side; take the smaller part's edges.
        var (p, q) = PartVertices(a) <= PartVertices(b) ? (a, b) : (b, a);
        foreach (var loop in p.Loops)
        {
            var v = loop.Vertices;
            for (int i = 0; i < v.Length; i++)
            {
                var x = new EdgeCrosser(v[i], v[i + 1 == v.Length ? 0 : i + 1]);
                foreach (var other in q.Loops)
                    if (x.MayHitCap(other.Center, other.CapCos) && other.IsCrossedBy(x)) return true;
            }
        }
        return false;
    }

    private static int PartVertices(in Part p) { int n = 0; foreach (var l in p.Loops) n += l.Count; return n; }

    // The first vertex of some loop of p lies in the closed polygon of q (inside or on the boundary): the polygon is the
    // intersection of its loops' left regions (holes reversed), each closed by its boundary.
    private static bool LoopInside(in Part p, in Part q)
    {
        foreach (var loop in p.Loops)
        {
            var v = loop.Vertices[0];
            bool inside = true;
            foreach (var l in q.Loops) if (!l.Contains(v) && !l.OnBoundary(v)) { inside = false; break; }
            if (inside) return true;
        }
        return false;
    }

    // Some vertex of p lies within withinRad of q's boundary (q's whole airspace's: no farther than q's own).
    private static bool VertexNear(in Part p, in Part q, double withinRad)
    {
        // Each loop of q grown by withinRad: a vertex outside all of them is farther than that from q's boundary.
        var cos = q.Loops.Select(l => CapBound.CapCos(l.CapRadiusRad + withinRad)).ToArray();
        foreach (var loop in p.Loops)
            foreach (var v in loop.Vertices)
            {
                bool near = false;
                for (int k = 0; k < cos.Length && !near; k++) near = cos[k] <= 0 || v.Dot(q.Loops[k].Center) >= cos[k];
                if (near && q.Region.DistanceToBoundary(v).Radians <= withinRad) return true;
            }
        return false;
    }

    /// <summary>The merged lateral limits of <paramref name="airspaces"/>: one area per connected closed area.</summary>
    /// <exception cref="NotSupportedException">Touching parts too large to merge in one gnomonic frame.</exception>
    internal static List<MergedArea> Merge(IReadOnlyList<Airspace> airspaces)
    {
        var areas = new List<MergedArea>();
        foreach (var members in Clusters(Parts(airspaces), 0)) areas.AddRange(MergeCluster(members));
        return areas;
    }

    /// <summary>The merged lateral limits of one cluster of <see cref="Clusters"/> (a function of its members alone, so
    /// that a cache may keep it by them).</summary>
    /// <exception cref="NotSupportedException">Touching parts too large to merge in one gnomonic frame.</exception>
    internal static List<MergedArea> MergeCluster(List<Part> members)
    {
        if (members.Count == 1) return [new MergedArea(members[0].Loops, [members[0].Id])];
        var areas = new List<MergedArea>();
        var frame = new Frame(members);
        foreach (var poly in Polygons(frame.Union()))
        {
            var loops = frame.PolygonLoops(poly);
            areas.Add(new MergedArea(loops, frame.SourcesIn(loops)));
        }
        return areas;
    }

    /// <summary>A cluster's gnomonic frame: projection snapped to <see cref="Grid"/>, the union of its parts, and the
    /// way back to loops that reuse the exact input vectors.</summary>
    internal sealed class Frame
    {
        private readonly Gnomonic _frame;
        private readonly string _ids;
        // Original vertices by their snapped plane position, so that merged loops reuse the exact input vectors.
        private readonly Dictionary<(double, double), Vec3> _exact = new();

        public Frame(List<Part> members)
        {
            Members = members;
            var sum = new Vec3(0, 0, 0);
            foreach (var m in members) foreach (var l in m.Loops) foreach (var v in l.Vertices) sum += v;
            _frame = new Gnomonic(sum.Norm2 > 0 ? sum : members[0].Loops[0].Center);
            _ids = string.Join("+", members.Select(m => m.Id).Distinct());
        }

        public List<Part> Members { get; }

        /// <summary>The snapped plane position of <paramref name="v"/>.</summary>
        /// <exception cref="NotSupportedException">Too far from the frame's centre.</exception>
        public Coordinate P(in Vec3 v)
        {
            Coordinate c;
            try { c = _frame.Project(v); }
            catch (InvalidOperationException e)
            {
                throw new NotSupportedException($"closures {_ids} are too large to merge in one frame: {e.Message}", e);
            }
            Grid.MakePrecise(c);
            return c;
        }

        /// <summary>The union of the members' polygons (call once: it records their vertices for the way back).</summary>
        public Geometry Union()
        {
            var originals = new List<Geometry>();
            foreach (var m in Members)
            {
                var rings = m.Loops.Select(l =>
                {
                    var coords = new List<Coordinate>(l.Count + 1);
                    foreach (var v in l.Vertices) { var c = P(v); _exact.TryAdd((c.X, c.Y), v); coords.Add(c); }
                    coords.Add(coords[0].Copy());
                    return Factory.CreateLinearRing(coords.ToArray());
                }).ToList();
                originals.Add(Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
            }
            return UnaryUnionNG.Union(originals, Factory, Grid);
        }

        /// <summary>Ids of the members whose polygon lies in the polygon of <paramref name="loops"/>.</summary>
        public List<string> SourcesIn(IReadOnlyList<SphericalLoop> loops) =>
            Members.Where(m => MergedArea.PolygonContains(loops, m.Loops[0].InteriorProbe)).Select(m => m.Id).Distinct().ToList();

        public List<List<SphericalLoop>> ToLoops(Geometry g) => Polygons(g).Select(PolygonLoops).ToList();

        public List<SphericalLoop> PolygonLoops(Polygon p)
        {
            var loops = new List<SphericalLoop> { LoopOf(p.Shell, ccw: true) };
            foreach (var h in p.Holes) loops.Add(LoopOf(h, ccw: false));
            return loops;
        }

        // Gnomonic planes are right-handed as seen from outside, so planar orientation is spherical orientation: shells
        // counter-clockwise and holes clockwise put the area on the left.
        private SphericalLoop LoopOf(LineString ring, bool ccw)
        {
            var cs = ring.Coordinates;
            var pts = new List<Vec3>(cs.Length);
            for (int i = 0; i < cs.Length - 1; i++)
            {
                var v = _exact.TryGetValue((cs[i].X, cs[i].Y), out var e) ? e : _frame.Unproject(cs[i]);
                if (pts.Count == 0 || pts[^1] != v) pts.Add(v);
            }
            while (pts.Count > 1 && pts[^1] == pts[0]) pts.RemoveAt(pts.Count - 1);
            if (NetTopologySuite.Algorithm.Orientation.IsCCW(ring.CoordinateSequence) != ccw) pts.Reverse();
            return SphericalLoop.FromCcwVertices(pts);
        }
    }

    internal static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon p && !p.IsEmpty) yield return p;
    }

    internal static SphericalLoop Reverse(SphericalLoop l) => SphericalLoop.FromCcwVertices(l.Vertices.ToArray().Reverse());
}
