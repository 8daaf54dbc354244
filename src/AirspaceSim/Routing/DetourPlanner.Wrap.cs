using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

// The common query in closed form: one clean obstacle blocks the route, and both ends lie outside its convex hull or
// one of them in a pocket.
public sealed partial class DetourPlanner
{
    // Normals h[i] × h[i+1] of each hull's edges, and the hull's running length in radians (cum[i] from corner 0 to i).
    private (Vec3[][] normal, double[][] cumRad) BuildHullEdges()
    {
        var normal = new Vec3[_hull.Length][];
        var cum = new double[_hull.Length][];
        for (int k = 0; k < _hull.Length; k++)
        {
            var h = _hull[k];
            normal[k] = new Vec3[h.Length];
            cum[k] = new double[h.Length + 1];
            for (int i = 0; i < h.Length; i++)
            {
                var b = h[i + 1 == h.Length ? 0 : i + 1];
                normal[k][i] = h[i].Cross(b);
                cum[k][i + 1] = cum[k][i] + Vec3.Angle(h[i], b);
            }
        }
        return (normal, cum);
    }

    // Position of each boundary vertex among its obstacle's hull corners, or -1.
    private int[] BuildHullIndex()
    {
        var index = new int[_v.Length];
        Array.Fill(index, -1);
        foreach (var hv in _hullVertex)
            for (int i = 0; i < hv.Length; i++) index[hv[i]] = i;
        return index;
    }

    // Predicates.Sign(h[i], h[i+1], p) from the edge's stored normal.
    private int HullSide(int k, int i, in Vec3 p)
    {
        var h = _hull[k];
        return Predicates.SideOfArc(h[i], h[i + 1 == h.Length ? 0 : i + 1], _hullNormal[k][i], p);
    }

    // The closed form below trusts the hull: every vertex of the obstacle lies on it or inside it by the exact
    // predicates (the hull was found in a projected frame, whose rounding could leave a nearly collinear corner a hair
    // outside). Then no obstacle edge properly crosses a hull edge, and a tangent to the hull from outside clears the
    // obstacle.
    private bool IsWrappable(int k)
    {
        if (!_clean[k] || _hull[k].Length < 3) return false;
        for (int vi = 0; vi < _v.Length; vi++)
        {
            if (_obstacleOf[vi] != k) continue;
            for (int i = 0; i < _hull[k].Length; i++)
                if (HullSide(k, i, _v[vi]) < 0) return false;
        }
        return true;
    }

    // The hull edges that p (outside hull k) sees, lying on their outer side, form one run: edges start..end-1, whose
    // first and last corners, start and end, are p's two tangent corners. False if p sees no proper run (p on a hull
    // edge's great circle, say): then the general search decides.
    private bool SeenRun(int k, in Vec3 p, out int start, out int end)
    {
        start = end = -1;
        int m = _hull[k].Length;
        bool last = HullSide(k, m - 1, p) < 0, prev = last;
        for (int i = 0; i < m; i++)
        {
            bool see = i == m - 1 ? last : HullSide(k, i, p) < 0;
            // Corner i is where edge i-1 meets edge i.
            if (see != prev)
            {
                if (see) { if (start >= 0) return false; start = i; }
                else { if (end >= 0) return false; end = i; }
            }
            prev = see;
        }
        return start >= 0 && end >= 0;
    }

    // Shortest route around obstacle k alone, for ends o and d outside its hull when the direct arc crosses it.
    //
    // Pockets are never entered (the hull edge across a pocket's mouth is a free shortcut), so the route is the shorter
    // of the two ways around the convex hull, from a tangent corner of o to one of d. Since the direct arc crosses the
    // hull, no edge is seen from both ends (else both would lie in that edge's open outer hemisphere, and so would the
    // arc between them): d's run lies in the stretch o does not see, and the two ways are o → o's last seen corner →
    // on along the hull (counter-clockwise) → d's first seen corner → d, and the mirror image.
    private bool TryWrap(int k, in Vec3 o, in Vec3 d, out int first, out int last, out bool ccw, out double rad)
    {
        first = last = -1; ccw = false; rad = 0;
        var h = _hull[k];
        int m = h.Length;
        if (!SeenRun(k, o, out int oStart, out int oEnd) || !SeenRun(k, d, out int dStart, out int dEnd)) return false;
        // d's seen edges dStart..dEnd-1 within o's unseen edges oEnd..oStart-1 (cyclically).
        int unseen = (oStart - oEnd + m) % m, offset = (dStart - oEnd + m) % m, seen = (dEnd - dStart + m) % m;
        if (seen == 0 || offset + seen > unseen) return false;

        double ccwRad = Vec3.Angle(o, h[oEnd]) + HullArcRad(k, oEnd, dStart) + Vec3.Angle(h[dStart], d);
        double cwRad = Vec3.Angle(o, h[oStart]) + HullArcRad(k, dEnd, oStart) + Vec3.Angle(h[dEnd], d);
        ccw = ccwRad <= cwRad;
        (first, last, rad) = ccw ? (oEnd, dStart, ccwRad) : (oStart, dEnd, cwRad);
        if (_obstacles.Length == 1) return true;
        // Hull edges of a clean obstacle are clear of every other obstacle; the two tangent legs must be checked.
        return LegClearExcept(k, o, h[first]) && LegClearExcept(k, h[last], d);
    }

    // Shortest route around obstacle k alone from p outside its hull to q in its pocket j, when the direct arc is
    // blocked.
    //
    // The route enters the pocket across its lid, the hull edge A–B over the pocket's mouth: at A, at B, or through
    // the lid's interior on a straight line. That line cannot come from a hull corner other than A and B (it would
    // run inside the hull outside this pocket, through the obstacle), so it comes from p, which must see the lid, and
    // it turns next at a pocket corner Z (ending at q it would be the direct arc). Before A (or B) the route stays
    // outside the hull (pockets are never entered): straight if p sees that corner, else the shorter wrap from p's
    // tangent corners. So for an entry e that q sees, route(e) = out(p, e) + |e q| is feasible and the shortest through
    // e; through an entry q does not see, no route is shorter than that sum either; through the lid's interior, none is
    // shorter than |p Z| + |Z q| for some pocket corner Z. The best seen entry is the answer if it beats those bounds.
    // If q sees both entries, the triangle q–A–B lies in the pocket (its sides do, and the pocket is simply connected),
    // and the third kind cannot be shortest: its line from p would reach q inside the triangle.
    private bool TryPocketWrap(int k, int pocket, in Vec3 p, in Vec3 q, out int first, out int last, out bool ccw, out double rad)
    {
        first = last = -1; ccw = false; rad = double.PositiveInfinity;
        var h = _hull[k];
        int m = h.Length;
        var (region, corners, _, lidA, lidB) = _pockets[k][pocket];
        int a = _hullIndexOfVertex[lidA], b = _hullIndexOfVertex[lidB];
        if (a < 0 || b != (a + 1) % m || !SeenRun(k, p, out int pStart, out int pEnd)) return false;
        int run = (pEnd - pStart + m) % m;
        double bound = double.PositiveInfinity;
        foreach (int e in (ReadOnlySpan<int>)[a, b])
        {
            var entry = h[e];
            double toQ = Vec3.Angle(entry, q);
            int f, l; bool forward; double r;
            if ((e - pStart + m) % m <= run) (f, l, forward, r) = (e, e, true, Vec3.Angle(p, entry) + toQ); // p sees e
            else
            {
                double ccwRad = Vec3.Angle(p, h[pEnd]) + HullArcRad(k, pEnd, e) + toQ;
                double cwRad = Vec3.Angle(p, h[pStart]) + HullArcRad(k, e, pStart) + toQ;
                (f, l, forward, r) = ccwRad <= cwRad ? (pEnd, e, true, ccwRad) : (pStart, e, false, cwRad);
            }
            // From a lid corner into the pocket, the line meets the obstacle only if it crosses the pocket's own edges
            // (it cannot cross the lid again: both lie on great circles through the corner).
            if (region.IsCrossedBy(entry, q)) bound = Math.Min(bound, r);
            else if (r < rad) (first, last, ccw, rad) = (f, l, forward, r);
        }
        if (first < 0) return false;
        if (!double.IsPositiveInfinity(bound))
        {
            if (bound < rad) return false;
            // p sees the lid (edge a) from outside: routes through its interior turn at a pocket corner next.
            if ((a - pStart + m) % m < run)
                foreach (int z in corners)
                {
                    var vz = _v[_nodeVertex[z]];
                    if (Vec3.Angle(p, vz) + Vec3.Angle(vz, q) < rad) return false;
                }
        }
        if (_obstacles.Length == 1) return true;
        return LegClearExcept(k, p, h[first]) && LegClearExcept(k, h[last], q);
    }

    // Length in radians along hull k counter-clockwise from corner a to corner b.
    private double HullArcRad(int k, int a, int b)
    {
        var cum = _hullCumRad[k];
        return b >= a ? cum[b] - cum[a] : cum[^1] - cum[a] + cum[b];
    }

    private bool LegClearExcept(int k, in Vec3 p, in Vec3 q)
    {
        if (p == q) return true;
        if (Predicates.NearlyAntipodal(p, q)) return false;
        var x = new EdgeCrosser(p, q);
        for (int j = 0; j < _obstacles.Length; j++)
            if (j != k && BlockedBy(j, x, -1, -1)) return false;
        return true;
    }

    // The waypoints of a wrap: origin, the hull corners from `first` to `last` in the chosen direction, destination.
    // `backwards`: the wrap was found from the destination's side (first is next to `to`).
    private RoutePlan WrapPlan(int k, GeoPoint from, GeoPoint to, in Vec3 o, in Vec3 d, int first, int last, bool ccw,
        bool backwards, double rad, double directKm, IReadOnlyList<string> crossed)
    {
        var hv = _hullVertex[k];
        int m = hv.Length;
        int corners = (ccw ? last - first : first - last) + 1;
        if (corners <= 0) corners += m;
        var chain = new GeoPoint[corners + 2];
        chain[0] = from; chain[^1] = to;
        for (int j = 0, i = first; j < corners; j++, i = ccw ? (i + 1 == m ? 0 : i + 1) : (i == 0 ? m - 1 : i - 1))
            chain[backwards ? corners - j : j + 1] = _vertexGeo[hv[i]];
        return Measured(from, to, RouteStatus.Detour, chain, directKm, rad, crossed, false, false, BufferExcessKm(chain, o, d));
    }
}
