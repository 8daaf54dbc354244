using System.Runtime.CompilerServices;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

// Convex hulls and pockets: which corners a query may use at all.
public sealed partial class DetourPlanner
{
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
        // Smallest caps first: a point in a small pocket (an island's bay) is found before the large pockets, whose
        // caps often hold it too, are tested.
        foreach (int j in _pocketOrder[k])
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
                pockets.Add((region, nodes.ToArray(), CapBound.CapCos(region.CapRadiusRad), start + a, start + (a + len) % n));
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
            if (HullSide(k, i, p) <= 0) return false;
        return true;
    }

    private (Vec3[][] hull, int[][] hullVertex, bool[] onHull) BuildHulls()
    {
        var hulls = new Vec3[_obstacles.Length][];
        var hullVertex = new int[_obstacles.Length][];
        var onHull = new bool[_v.Length];
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        for (int k = 0; k < _obstacles.Length; k++)
        {
            var shell = _obstacles[k].Loops[0];
            hulls[k] = [];
            hullVertex[k] = [];
            int shellStart = Array.IndexOf(_obstacleOf, k);
            if (_obstacles[k].CapRadiusRad > Gnomonic.MaxAngleDeg * Math.PI / 180 * 0.9)
            {
                for (int i = 0; i < _v.Length; i++) if (_obstacleOf[i] == k) onHull[i] = true;
                continue;
            }
            // Gnomonic projection maps great circles to lines, so the planar hull of the projected corners is the
            // spherical hull; its corners are mapped back to the exact vertex vectors.
            var frame = new Gnomonic(_obstacles[k].Center);
            var byCoord = new Dictionary<(double, double), int>();
            var coords = new NetTopologySuite.Geometries.Coordinate[shell.Count];
            for (int i = 0; i < shell.Count; i++)
            {
                coords[i] = frame.Project(shell[i]);
                byCoord.TryAdd((coords[i].X, coords[i].Y), shellStart + i);
            }
            var hullGeom = new NetTopologySuite.Algorithm.ConvexHull(coords, factory).GetConvexHull();
            if (hullGeom is not NetTopologySuite.Geometries.Polygon hp)
            {
                for (int i = 0; i < _v.Length; i++) if (_obstacleOf[i] == k) onHull[i] = true;
                continue;
            }
            var ring = hp.ExteriorRing;
            var hc = ring.Coordinates;
            var list = new List<int>();
            for (int i = 0; i < hc.Length - 1; i++) list.Add(byCoord[(hc[i].X, hc[i].Y)]);
            if (!NetTopologySuite.Algorithm.Orientation.IsCCW(ring.CoordinateSequence)) list.Reverse();
            hullVertex[k] = list.ToArray();
            hulls[k] = list.Select(i => _v[i]).ToArray();
            // Shell vertices on the hull boundary (corners and points on hull edges) keep their role as turning points:
            // within 1e-12 (1 + |x| + |y|) of a hull edge. The distance of a point to a ring is the least of its
            // distances to the ring's segments (what NetTopologySuite's DistanceOp computes for a line and a point, as
            // DistanceComputer.PointToSegment), so the first segment within the tolerance decides, without the
            // operation's point, locations and closest-point copies per vertex (a tenth of a buffered build).
            // A segment whose bounding box, widened by twice the tolerance, misses the point is skipped (a conservative
            // rejection): the point is then more than 2 tol from the box, so from the segment, and PointToSegment's
            // rounding (differences, products and the square root each correctly rounded: a few ulps of distances of
            // at most a few frame units, under 1e-14, as a hull is built only within 72° of the frame's centre, where
            // |x|, |y| < tan 72° ≈ 3.1) cannot bring its answer within the tolerance of at least 1e-12. So the segments
            // skipped are segments the old loop passed over too, and the flags are the same; the distances are computed
            // for the few segments near the point only (every shell vertex against every hull edge was about a
            // twentieth of a buffered SVZM build).
            int hn = hc.Length - 1;
            var box = new (double MinX, double MaxX, double MinY, double MaxY)[hn];
            for (int j = 0; j < hn; j++)
                box[j] = (Math.Min(hc[j].X, hc[j + 1].X), Math.Max(hc[j].X, hc[j + 1].X), Math.Min(hc[j].Y, hc[j + 1].Y), Math.Max(hc[j].Y, hc[j + 1].Y));
            for (int i = 0; i < shell.Count; i++)
            {
                var c = coords[i];
                double tol = 1e-12 * (1 + Math.Abs(c.X) + Math.Abs(c.Y)), reach = 2 * tol;
                for (int j = 0; j < hn; j++)
                {
                    var b = box[j];
                    if (c.X < b.MinX - reach || c.X > b.MaxX + reach || c.Y < b.MinY - reach || c.Y > b.MaxY + reach) continue;
                    if (NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(c, hc[j], hc[j + 1]) <= tol) { onHull[shellStart + i] = true; break; }
                }
            }
        }
        return (hulls, hullVertex, onHull);
    }

    // No other obstacle has a vertex inside, or an edge across, this obstacle's hull.
    private bool IsClean(int k)
    {
        var h = _hull[k];
        if (h.Length == 0) return true;
        for (int m = 0; m < _obstacles.Length; m++)
        {
            if (m == k) continue;
            if (!CapBound.MayMeet(_obstacles[k].Center, _obstacles[k].CapRadiusRad, _obstacles[m].Center, _obstacles[m].CapRadiusRad)) continue;
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
}
