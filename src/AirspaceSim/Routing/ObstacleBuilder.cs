using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace AirspaceSim.Routing;

/// <summary>
/// Turns closures into planner obstacles: closures whose polygons touch or overlap are merged (so that no route can
/// slip along a shared border or through a shared corner), and the lateral buffer is added. Both are unions of
/// great-circle polygons, done exactly in a gnomonic frame with NetTopologySuite's snap-rounding overlay.
/// </summary>
internal static class ObstacleBuilder
{
    /// <summary>Snap-rounding grid of the gnomonic plane (unit = one Earth radius): 1e-9 ≈ 6 mm on the ground.</summary>
    private static readonly PrecisionModel Grid = new(1e9);

    private static readonly GeometryFactory Factory = new(Grid);

    /// <summary>Longest great-circle piece a buffer strip is built on: its outer edge then bulges outward by at most
    /// tan(d)/cos(0.5°) − tan(d), under 0.004 % of the buffer.</summary>
    private const double MaxStripPieceRad = Math.PI / 180;

    public sealed record Result(IReadOnlyList<Obstacle> Obstacles, double BufferRad, double BufferExcessRad);

    public static Result Build(IReadOnlyList<Airspace> closures, double bufferNm, int cornerSegments)
    {
        if (!(bufferNm >= 0) || double.IsInfinity(bufferNm))
            throw new ArgumentOutOfRangeException(nameof(bufferNm), bufferNm, "buffer must be a finite number of nautical miles ≥ 0");
        if (cornerSegments < 8) throw new ArgumentOutOfRangeException(nameof(cornerSegments), cornerSegments, "at least 8 segments per full circle");
        double d = bufferNm * Units.MetresPerNm / Sphere.MeanRadiusM;
        if (d > 10 * Math.PI / 180) throw new ArgumentOutOfRangeException(nameof(bufferNm), bufferNm, "buffer larger than 10° of arc (600 NM) is not supported");

        // Circumscribed corner polygons: inradius exactly d (spherical right triangle: tan r = tan R cos(π/k)).
        double cornerR = d > 0 ? Math.Atan(Math.Tan(d) / Math.Cos(Math.PI / cornerSegments)) : 0;
        double stripR = d > 0 ? Math.Atan(Math.Tan(d) / Math.Cos(MaxStripPieceRad / 2)) : 0;
        double excess = Math.Max(cornerR - d, stripR - d);

        // Every closed polygon with its source id, loops in obstacle-on-the-left orientation.
        var polys = new List<(List<SphericalLoop> Loops, string Id)>();
        foreach (var a in closures)
            foreach (var p in a.Region.Polygons)
            {
                var loops = new List<SphericalLoop> { p.Shell };
                foreach (var h in p.Holes) loops.Add(Reverse(h));
                polys.Add((loops, a.Id));
            }

        // Cluster by overlapping bounding caps (widened by the buffer): only clusters need an overlay.
        var parent = Enumerable.Range(0, polys.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (int i = 0; i < polys.Count; i++)
            for (int j = i + 1; j < polys.Count; j++)
            {
                var si = polys[i].Loops[0]; var sj = polys[j].Loops[0];
                if (CapBound.MayMeet(si.Center, si.CapRadiusRad + d, sj.Center, sj.CapRadiusRad + d))
                    parent[Find(i)] = Find(j);
            }

        var obstacles = new List<Obstacle>();
        foreach (var group in Enumerable.Range(0, polys.Count).GroupBy(Find))
        {
            var members = group.Select(i => polys[i]).ToList();
            if (members.Count == 1 && d == 0)
            {
                var m = members[0];
                obstacles.Add(new Obstacle(m.Loops, [m.Loops], [m.Id]));
                continue;
            }
            obstacles.AddRange(BuildCluster(members, d, cornerSegments, cornerR));
        }
        return new Result(obstacles, d, excess);
    }

    private static IEnumerable<Obstacle> BuildCluster(List<(List<SphericalLoop> Loops, string Id)> members, double d,
        int cornerSegments, double cornerR)
    {
        var sum = new Vec3(0, 0, 0);
        foreach (var m in members) foreach (var l in m.Loops) foreach (var v in l.Vertices) sum += v;
        var frame = new Gnomonic(sum.Norm2 > 0 ? sum : members[0].Loops[0].Center);
        string ids = string.Join("+", members.Select(m => m.Id).Distinct());

        // Original vertices by their snapped plane position, so that merged loops reuse the exact input vectors.
        var exact = new Dictionary<(double, double), Vec3>();
        Coordinate P(in Vec3 v)
        {
            Coordinate c;
            try { c = frame.Project(v); }
            catch (InvalidOperationException e)
            {
                throw new NotSupportedException($"closures {ids} are too large to merge in one frame: {e.Message}", e);
            }
            Grid.MakePrecise(c);
            return c;
        }

        var originals = new List<Geometry>();
        foreach (var m in members)
        {
            var rings = m.Loops.Select(l =>
            {
                var coords = new List<Coordinate>(l.Count + 1);
                foreach (var v in l.Vertices) { var c = P(v); exact.TryAdd((c.X, c.Y), v); coords.Add(c); }
                coords.Add(coords[0].Copy());
                return Factory.CreateLinearRing(coords.ToArray());
            }).ToList();
            originals.Add(Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
        }
        var merged = UnaryUnionNG.Union(originals, Factory, Grid);

        Geometry planning = merged;
        if (d > 0)
        {
            var pieces = new List<Geometry> { merged };
            foreach (var m in members)
                foreach (var loop in m.Loops)
                    AddBufferPieces(loop, d, cornerSegments, cornerR, v => P(v), pieces);
            planning = UnaryUnionNG.Union(pieces, Factory, Grid);
        }

        var mergedPolys = ToLoops(merged, frame, exact);
        foreach (var poly in Polygons(planning))
        {
            var loops = PolygonLoops(poly, frame, exact);
            // The unbuffered polygons inside this planning polygon (all of them when there is no buffer).
            var inside = d == 0
                ? [loops]
                : mergedPolys.Where(mp => Obstacle.PolygonContains(loops, mp[0].InteriorProbe)).ToList();
            var sources = members.Where(m => Obstacle.PolygonContains(loops, m.Loops[0].InteriorProbe)).Select(m => m.Id).Distinct().ToList();
            yield return new Obstacle(loops, inside, sources);
        }
    }

    private static void AddBufferPieces(SphericalLoop loop, double d, int k, double cornerR, Func<Vec3, Coordinate> project,
        List<Geometry> pieces)
    {
        var (sd, cd) = Math.SinCos(d);
        for (int i = 0; i < loop.Count; i++)
        {
            var a = loop[i]; var b = loop[i + 1];
            int n = Math.Max(1, (int)Math.Ceiling(Vec3.Angle(a, b) / MaxStripPieceRad));
            var outward = -a.Cross(b).Normalize(); // obstacle on the left: free space on the right
            for (int j = 0; j < n; j++)
            {
                var p = j == 0 ? a : Sphere.Intermediate(a, b, (double)j / n);
                var q = j + 1 == n ? b : Sphere.Intermediate(a, b, (double)(j + 1) / n);
                // The edge plane's normal is tangent at every point of the edge, so rotating towards it by d lands exactly
                // d from the great circle; the chord between two such points bulges further out, never in.
                var p2 = cd * p + sd * outward; var q2 = cd * q + sd * outward;
                pieces.Add(Ring(project, p, q, q2, p2));
            }
            // Corner: a regular k-gon circumscribing the circle of radius d around the vertex.
            var (u1, u2) = a.TangentBasis();
            var (sr, cr) = Math.SinCos(cornerR);
            var fan = new Vec3[k];
            for (int j = 0; j < k; j++)
            {
                var (st, ct) = Math.SinCos(2 * Math.PI * j / k);
                fan[j] = cr * a + sr * (ct * u1 + st * u2);
            }
            pieces.Add(Ring(project, fan));
        }
    }

    private static Polygon Ring(Func<Vec3, Coordinate> project, params Vec3[] pts)
    {
        var coords = new Coordinate[pts.Length + 1];
        for (int i = 0; i < pts.Length; i++) coords[i] = project(pts[i]);
        coords[^1] = coords[0].Copy();
        var poly = Factory.CreatePolygon(coords);
        return poly.IsValid ? poly : (Polygon)poly.Buffer(0);
    }

    private static SphericalLoop Reverse(SphericalLoop l) => SphericalLoop.FromCcwVertices(l.Vertices.ToArray().Reverse());

    private static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon p && !p.IsEmpty) yield return p;
    }

    private static List<List<SphericalLoop>> ToLoops(Geometry g, Gnomonic frame, Dictionary<(double, double), Vec3> exact) =>
        Polygons(g).Select(p => PolygonLoops(p, frame, exact)).ToList();

    private static List<SphericalLoop> PolygonLoops(Polygon p, Gnomonic frame, Dictionary<(double, double), Vec3> exact)
    {
        var loops = new List<SphericalLoop> { LoopOf(p.Shell, frame, exact, ccw: true) };
        foreach (var h in p.Holes) loops.Add(LoopOf(h, frame, exact, ccw: false));
        return loops;
    }

    // Gnomonic planes are right-handed as seen from outside, so planar orientation is spherical orientation: shells
    // counter-clockwise and holes clockwise put the obstacle on the left.
    private static SphericalLoop LoopOf(LineString ring, Gnomonic frame, Dictionary<(double, double), Vec3> exact, bool ccw)
    {
        var cs = ring.Coordinates;
        var pts = new List<Vec3>(cs.Length);
        for (int i = 0; i < cs.Length - 1; i++)
        {
            var v = exact.TryGetValue((cs[i].X, cs[i].Y), out var e) ? e : frame.Unproject(cs[i]);
            if (pts.Count == 0 || pts[^1] != v) pts.Add(v);
        }
        while (pts.Count > 1 && pts[^1] == pts[0]) pts.RemoveAt(pts.Count - 1);
        if (NetTopologySuite.Algorithm.Orientation.IsCCW(ring.CoordinateSequence) != ccw) pts.Reverse();
        return SphericalLoop.FromCcwVertices(pts);
    }
}
