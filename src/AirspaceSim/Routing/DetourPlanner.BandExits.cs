using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

// Route ends inside a buffer band, the strict rule: the route keeps the buffer everywhere but on one straight leg from
// the end (departure or arrival), which leaves (enters) the band at most once and never crosses a closure. The rest of
// the route runs outside every buffered obstacle, as for ends outside the bands.
//
// The set of points such a leg reaches is the end's view through its band, so the shortest route turns either at a
// buffered corner (as any route) or where the edge of that view leaves the band: the ray from the end past a corner
// that bounds the view inside the band (a convex corner of a closure, or a reflex corner of the band's own boundary),
// at its exit from the band. Those "band exits" are not vertices of anything; each is found by bisection on the ray
// with the exact crossing count, and kept just outside the band (within ExitToleranceRad), where it is a free point.
public sealed partial class DetourPlanner
{
    // How far beyond the band's boundary a band exit lies at most (6 µm on the Earth): the bisection stops there. The
    // route is longer than through the exact exit by at most twice this per exit.
    private const double ExitToleranceRad = 1e-12;

    // A band exit: the corner (index into the band's shadow corners) the straight leg passes, and the point just
    // outside the band where the leg leaves it.
    private readonly record struct BandExit(int Corner, Vec3 Q);

    // The corners that can bound an end's view inside band k: the closures' convex corners and the band boundary's
    // reflex corners (seen from inside, the boundary bulges in there).
    private BandCorner[][] BuildShadowCorners()
    {
        var result = new BandCorner[_obstacles.Length][];
        for (int k = 0; k < _obstacles.Length; k++)
        {
            var list = new List<BandCorner>(_bandCorners[k]);
            if (_bandCorners[k].Length > 0)
                for (int i = 0; i < _v.Length; i++)
                    if (_obstacleOf[i] == k && Predicates.Sign(_v[_prev[i]], _v[i], _v[_next[i]]) < 0)
                        list.Add(new BandCorner(_v[i], _v[_prev[i]], _v[_next[i]], _vertexGeo[i]));
            result[k] = list.ToArray();
        }
        return result;
    }

    // The band exits of end e inside band k: for every shadow corner c that e sees inside the band along a tangent,
    // the ray e→c continued past c to its first crossing of the band's boundary, if it gets there clear of the
    // closures and of the other obstacles.
    private List<BandExit> BandExits(in Vec3 e, int k)
    {
        var exits = new List<BandExit>();
        var corners = _shadowCorners[k];
        var ob = _obstacles[k];
        for (int j = 0; j < corners.Length; j++)
        {
            var c = corners[j];
            if (!InBandLeg(e, null, c, k, out _)) continue;
            // The ray's direction at c, away from e, and far enough that its end is outside the obstacle's cap.
            var dir = e.Cross(c.V).Cross(c.V).Normalize();
            if (dir.Norm2 == 0) continue;
            double tMax = Vec3.Angle(c.V, ob.Center) + ob.CapRadiusRad + 1e-9;
            if (tMax >= 3) continue; // the arc must stay well short of a half circle
            Vec3 At(double t) => (Math.Cos(t) * c.V + Math.Sin(t) * dir).Normalize();
            if (BandCrossings(new EdgeCrosser(c.V, At(tMax)), k) == 0) continue;
            // Bisection: no crossing from c to lo, at least one from c to hi.
            double lo = 0, hi = tMax;
            while (hi - lo > ExitToleranceRad)
            {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi) break;
                if (BandCrossings(new EdgeCrosser(c.V, At(mid)), k) == 0) lo = mid; else hi = mid;
            }
            var q = At(hi);
            if (q == c.V || ob.Contains(q)) continue;
            var x = new EdgeCrosser(c.V, q);
            if (Blocked(x, k, -1) || BandCrossings(x, k) != 1) continue;
            exits.Add(new BandExit(j, q));
        }
        return exits;
    }

    // The leg from a band end (p, inside band `band`) to a point outside it that leaves the band at most once and
    // enters neither a closure nor another obstacle.
    private bool EndLeg(in Vec3 p, in Vec3 q, int band)
    {
        if (p == q || Predicates.NearlyAntipodal(p, q)) return false;
        var x = new EdgeCrosser(p, q);
        return !Blocked(x, band, -1) && BandCrossings(x, band) <= 1;
    }

    // A leg from free point p to the destination d (in band bandD, or -1): clear of every obstacle, entering d's band
    // at most once.
    private bool FreeLegToEnd(in Vec3 p, in Vec3 d, int bandD)
    {
        if (p == d || Predicates.NearlyAntipodal(p, d)) return false;
        var x = new EdgeCrosser(p, d);
        return !Blocked(x, bandD, -1) && (bandD < 0 || BandCrossings(x, bandD) <= 1);
    }

    private bool FreeLeg(in Vec3 p, in Vec3 q)
    {
        if (p == q) return true;
        if (Predicates.NearlyAntipodal(p, q)) return false;
        return !Blocked(new EdgeCrosser(p, q), -1, -1);
    }

    // The search under the strict rule, for ends in bands (either or both). Null when it finds no route: the caller
    // then falls back to the corner rule (DetourPlanner.Bands.cs).
    private RoutePlan? StrictSearch<TCost>(Scratch s, GeoPoint from, GeoPoint to, Vec3 o, Vec3 d, double directKm, int bandO, int bandD,
        int[] locO, int[] locD, IReadOnlyList<string> crossed, in TCost cost) where TCost : struct, IArcCost
    {
        int nodeCount = _nodeVertex.Length;
        var srcs = bandO >= 0 ? BandExits(o, bandO) : [];
        var snks = bandD >= 0 ? BandExits(d, bandD) : [];
        int s0 = nodeCount, t0 = nodeCount + srcs.Count, end = t0 + snks.Count;
        var srcCorners = bandO >= 0 ? _shadowCorners[bandO] : [];
        var snkCorners = bandD >= 0 ? _shadowCorners[bandD] : [];
        Vec3 Point(int n) => n < s0 ? _v[_nodeVertex[n]] : n < t0 ? srcs[n - s0].Q : snks[n - t0].Q;

        // A band exit may lie in another obstacle's hull (a band inside a closure's bay): that obstacle keeps every corner.
        var extra = new bool[_obstacles.Length];
        foreach (var q in srcs.Select(e => e.Q).Concat(snks.Select(e => e.Q)))
            for (int k = 0; k < _obstacles.Length; k++)
                if (!extra[k] && Locate(k, q) != OutsideHull) extra[k] = true;
        SeedCorners(s, o, d, bandO, locO, locD, extra);

        for (int j = 0; j < srcs.Count; j++)
        {
            var c = srcCorners[srcs[j].Corner];
            double g = cost.Arc(o, c.V, Vec3.Angle(o, c.V)) + cost.Arc(c.V, srcs[j].Q, Vec3.Angle(c.V, srcs[j].Q));
            s.Push(g + Heuristic(srcs[j].Q, d), s0 + j, g, -1, Scratch.Verified);
        }
        for (int j = 0; j < snks.Count; j++)
        {
            double g = cost.Arc(o, snks[j].Q, Vec3.Angle(o, snks[j].Q));
            s.Push(g + Heuristic(snks[j].Q, d), t0 + j, g, -1, Scratch.ToSink);
        }

        int reached = -1; double best = 0;
        while (s.TryPop(out var e))
        {
            if (e.Kind == Scratch.ToTarget)
            {
                bool ok = e.Node >= t0 || (e.Node >= s0
                    ? FreeLegToEnd(Point(e.Node), d, bandD)
                    : Sees(d, e.Node, bandD, HullTangentObstacle(e.Node, locD, s)));
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
            else if (e.Kind == Scratch.FromSource)
            {
                if (!Sees(Point(e.Parent), e.Node, -1)) continue;
            }
            else if (e.Kind == Scratch.ToSink)
            {
                var q = Point(e.Node);
                bool ok = e.Parent < 0 ? bandO >= 0 ? EndLeg(o, q, bandO) : FreeLeg(o, q)
                    : e.Parent >= s0 ? FreeLeg(Point(e.Parent), q)
                    : Sees(q, e.Parent, -1);
                if (!ok) continue;
            }
            s.Close(e.Node, e.G, e.Parent);
            int u = e.Node;
            double gu = e.G;
            var pu = Point(u);
            if (u >= t0)
            {
                // A band exit of the destination: the rest, past its corner to the destination, was checked when found.
                var c = snkCorners[snks[u - t0].Corner];
                double gd = gu + cost.Arc(pu, c.V, Vec3.Angle(pu, c.V)) + cost.Arc(c.V, d, Vec3.Angle(c.V, d));
                s.Push(gd, u, gd, u, Scratch.ToTarget);
                continue;
            }
            bool isSource = u >= s0;
            if (isSource || TangentFrom(d, u, bandD, s))
            {
                double gt = gu + cost.Arc(pu, d, Vec3.Angle(pu, d));
                s.Push(gt, u, gt, u, Scratch.ToTarget);
            }
            for (int j = t0; j < end; j++)
            {
                if (s.IsClosed(j)) continue;
                var q = Point(j);
                if (!isSource && !TangentFrom(q, u, -1, s)) continue;
                double gj = gu + cost.Arc(pu, q, Vec3.Angle(pu, q));
                s.Push(gj + Heuristic(q, d), j, gj, u, Scratch.ToSink);
            }
            if (isSource)
            {
                // From a band exit (a free point) to the usable corners it sees along a tangent.
                for (int i = 0; i < nodeCount; i++)
                {
                    if (!Usable(i, s) || s.IsClosed(i) || !TangentFrom(pu, i, -1, s)) continue;
                    var v = _v[_nodeVertex[i]];
                    double gi = gu + cost.Arc(pu, v, Vec3.Angle(pu, v));
                    s.Push(gi + Heuristic(v, d), i, gi, u, Scratch.FromSource);
                }
                continue;
            }
            for (int k = _adjStart[u]; k < _adjStart[u + 1]; k++)
            {
                int w = _adjTo[k];
                if (!Usable(w, s) || s.IsClosed(w)) continue;
                double g = gu + (TCost.IsDistance ? _adjRad[k] : cost.Edge(k, pu, _v[_nodeVertex[w]], _adjRad[k]));
                s.Relax(w, g, u, g + Heuristic(_v[_nodeVertex[w]], d));
            }
        }
        if (reached < 0) return null;

        var chain = new List<GeoPoint> { to };
        for (int u = reached; u >= 0; u = s.Parent(u))
        {
            if (u >= t0) { chain.Add(snkCorners[snks[u - t0].Corner].Geo); chain.Add(snks[u - t0].Q.ToGeo()); }
            else if (u >= s0) { chain.Add(srcs[u - s0].Q.ToGeo()); chain.Add(srcCorners[srcs[u - s0].Corner].Geo); }
            else chain.Add(_vertexGeo[_nodeVertex[u]]);
        }
        chain.Add(from);
        chain.Reverse();
        var points = chain.ToArray();
        return Measured(from, to, RouteStatus.Detour, points, directKm, best, crossed, bandO >= 0, bandD >= 0, BufferExcessKm(points, o, d)) with
        {
            DepartureBufferRule = bandO >= 0 ? BufferEndRule.StraightLeg : BufferEndRule.None,
            ArrivalBufferRule = bandD >= 0 ? BufferEndRule.StraightLeg : BufferEndRule.None,
        };
    }
}
