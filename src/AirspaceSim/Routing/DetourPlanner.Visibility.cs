using System.Runtime.CompilerServices;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

// Visibility: which lines are clear of the obstacles, decided exactly and cheaply (chain crossing, cap prefilters).
public sealed partial class DetourPlanner
{
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
        if (v == p) return false;
        // Both signs from one cross product: the same floating-point determinant as Predicates.Sign, so the same
        // error bound decides when to fall back to the exact predicate.
        var n = p.Cross(v);
        double sa = n.Dot(_v[a]), sb = n.Dot(_v[b]);
        const double eps = Predicates.MaxDeterminantError;
        if ((sa > eps || sa < -eps) && (sb > eps || sb < -eps)) return sa > 0 == sb > 0;
        // Exact fallback; a zero sign means p is that neighbour (a route end at a vertex): the line runs along the
        // edge, which is tangent, as for graph edges.
        return Tangent(p, v, _v[a], _v[b]);
    }

    // Whether the free point p sees graph node i along a tangent (or, for a vertex of the buffered obstacle whose band
    // holds p, along any line that stays out of the closure itself).
    // `clearOf` names an obstacle the line is known not to enter (a tangent to its hull from outside), or -1.
    private bool Sees(in Vec3 p, int node, int band, int clearOf = -1)
    {
        int vi = _nodeVertex[node];
        var v = _v[vi];
        if (v == p) return true;
        int ob = _obstacleOf[vi];
        if (ob != band)
        {
            var a = _v[_prev[vi]]; var b = _v[_next[vi]];
            // Not a tangent: a shortest path cannot turn here. A tangent also never arrives through the corner's
            // inside, since the inside wedge of a convex corner lies strictly on the neighbours' side of the line.
            // p equal to a neighbour (a route end at a vertex) runs along the edge: tangent.
            if (!Tangent(p, v, a, b)) return false;
        }
        if (Predicates.NearlyAntipodal(p, v)) return false;
        var x = new EdgeCrosser(p, v);
        if (Blocked(x, band, -1, clearOf)) return false;
        // From inside a band the leg may cross the band's boundary once, on its way out, and never come back into it.
        // A corner of the band's own boundary may be reached from inside (no crossing) or, after leaving, from outside
        // (one crossing): touching the boundary at a corner is not entering.
        return band < 0 || BandCrossings(x, band) <= 1;
    }

    // The obstacle whose hull the line from p to node touches only at the node, or -1: p lies outside that clean
    // obstacle's hull and the node is a hull corner tangent-tested against the hull (not the mouth of an open pocket).
    // Such a line cannot cross the obstacle's edges, all inside the hull, so visibility need not test them.
    private int HullTangentObstacle(int node, int[] location, Scratch s)
    {
        int vi = _nodeVertex[node];
        int k = _obstacleOf[vi];
        return location[k] == OutsideHull && _hullPrev[vi] >= 0 && !s.AllCorners[k] && !s.IsLid(vi) ? k : -1;
    }

    // Proper crossings of the arc with the planning (buffered) boundary of obstacle k.
    private int BandCrossings(in EdgeCrosser x, int k)
    {
        int count = 0;
        foreach (var loop in _loops[k]) count += loop.CrossingCount(x);
        return count;
    }

    /// <summary>
    /// True if the arc passes through the interior of a planning (buffered) obstacle; touching its boundary does not
    /// count (<see cref="SphericalLoop.IsEnteredBy(in Vec3, in Vec3)"/>). Obstacles <paramref name="bandA"/> and
    /// <paramref name="bandB"/> (buffer bands holding a route end) are tested against their unbuffered polygons.
    /// Edges through an end of the arc touch it and never count as crossings.
    /// </summary>
    private bool Blocked(in EdgeCrosser x, int bandA, int bandB, int clearOf = -1)
    {
        for (int k = 0; k < _obstacles.Length; k++)
            if (k != clearOf && BlockedBy(k, x, bandA, bandB)) return true;
        return false;
    }

    private bool BlockedBy(int k, in EdgeCrosser x, int bandA, int bandB)
    {
        if (!x.MayHitCap(_obstacles[k].Center, _obstacleCos[k])) return false;
        foreach (var loop in k == bandA || k == bandB ? _originalLoops[k] : _loops[k])
            if (loop.IsEnteredBy(x)) return true;
        return false;
    }

    private (int[] start, int[] to, double[] rad) BuildGraph()
    {
        int n = _nodeVertex.Length;
        var lists = new List<(int, double)>[n];
        for (int i = 0; i < n; i++) lists[i] = new List<(int, double)>();
        // Pairs are independent: test them in parallel, then assemble deterministically. NonBlockingFor, not
        // Parallel.For: a build may run where other pool threads wait for it (the what-if's shared planners).
        var found = new List<(int, int, double)>[n];
        // The tangency test of a pair, the build's bulk (SVZM buffered: 100,000-160,000 pairs, a few hundred tangent),
        // from normals made once per node: Tangent(u, v, p, q) is the pair of exact signs of det(u, v, p) and
        // det(u, v, q), i.e. of det(p, u, v) and det(q, u, v) (cyclic permutations), i.e. of the products
        // (p × u) · v and (q × u) · v, which are exactly the floating-point determinants Predicates.Sign(p, u, v) and
        // Sign(q, u, v) evaluate (Vec3.Cross then Dot, the same operations in the same order). So where such a product
        // exceeds Predicates.MaxDeterminantError in magnitude its sign is the exact sign, and where both do they decide
        // the test as Tangent would (same side or not); where either does not, Tangent itself decides. At v the products
        // (p' × v) · u are det(p', v, u) = −det(u, v, p'): both negated, so "same side" and "zero" read the same. The
        // answer is the exact test's for every pair; only the cross products per pair (four in Tangent) are gone.
        var nodeV = new Vec3[n]; var nodePrev = new Vec3[n]; var nodeNext = new Vec3[n];
        for (int i = 0; i < n; i++)
        {
            int vi = _nodeVertex[i];
            nodeV[i] = _v[vi];
            nodePrev[i] = _v[_prev[vi]].Cross(_v[vi]);
            nodeNext[i] = _v[_next[vi]].Cross(_v[vi]);
        }
        NonBlockingFor.Run(n, Row);
        void Row(int i)
        {
            var local = new List<(int, int, double)>();
            int ui = _nodeVertex[i];
            var u = _v[ui]; var up = _v[_prev[ui]]; var un = _v[_next[ui]];
            var pu = nodePrev[i]; var nu = nodeNext[i];
            // Locals, so that the loop reads the arrays without the closure's fields and without bounds checks.
            var vs = nodeV; var ps = nodePrev; var ns = nodeNext;
            for (int j = i + 1; j < vs.Length; j++)
            {
                var v = vs[j];
                if (!SameSide(pu.Dot(v), nu.Dot(v), u, v, up, un)) continue;
                int vi = _nodeVertex[j];
                if (!SameSide(ps[j].Dot(u), ns[j].Dot(u), u, v, _v[_prev[vi]], _v[_next[vi]])) continue;
                if (u == v || Predicates.NearlyAntipodal(u, v)) continue;
                if (Blocked(new EdgeCrosser(u, v), -1, -1)) continue;
                local.Add((i, j, Vec3.Angle(u, v)));
            }
            found[i] = local;
        }
        foreach (var l in found)
            foreach (var (i, j, w) in l) { lists[i].Add((j, w)); lists[j].Add((i, w)); }
        var start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + lists[i].Count;
        var to = new int[start[n]]; var rad = new double[start[n]];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < lists[i].Count; k++) { to[start[i] + k] = lists[i][k].Item1; rad[start[i] + k] = lists[i][k].Item2; }
        return (start, to, rad);
    }

    // Tangent(u, v, prev, next) given the floating-point determinants of its two signs (BuildGraph says which): decided
    // by them where both exceed the error bound, else by Tangent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameSide(double detPrev, double detNext, in Vec3 u, in Vec3 v, in Vec3 prev, in Vec3 next)
    {
        const double eps = Predicates.MaxDeterminantError;
        if ((detPrev > eps || detPrev < -eps) && (detNext > eps || detNext < -eps)) return detPrev > 0 == detNext > 0;
        return Tangent(u, v, prev, next);
    }

    // The line u→v is tangent at u: both neighbours of u on the same side, or one of them exactly on the line (it runs
    // along an edge of the loop, or an end on an edge's great circle sees the edge's corner along it). Unperturbed
    // signs: symbolic perturbation would put a neighbour exactly on the line on one side, and then an end exactly on an
    // edge (outside: the boundary is flyable) could not see that edge's corners. Tangency only prunes; every line kept
    // is still checked for visibility, so being permissive on exact degeneracies cannot make a route enter a closure.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Tangent(in Vec3 u, in Vec3 v, in Vec3 prev, in Vec3 next)
    {
        int s1 = Predicates.UnperturbedSign(u, v, prev), s2 = Predicates.UnperturbedSign(u, v, next);
        return s1 == 0 || s2 == 0 || s1 == s2;
    }
}
