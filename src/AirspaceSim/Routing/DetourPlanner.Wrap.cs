using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

// The common query in closed form: one clean obstacle blocks the route and both ends lie outside its convex hull.
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

    // Predicates.Sign(h[i], h[i+1], p) from the edge's stored normal: the same floating-point determinant (same
    // operations in the same order), so the same error bound tells when the exact predicate must decide.
    private int HullSide(int k, int i, in Vec3 p)
    {
        double det = _hullNormal[k][i].Dot(p);
        if (det > Predicates.MaxDeterminantError) return 1;
        if (det < -Predicates.MaxDeterminantError) return -1;
        var h = _hull[k];
        return Predicates.Sign(h[i], h[i + 1 == h.Length ? 0 : i + 1], p);
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

    // Shortest route around obstacle k alone, for ends o and d outside its hull when the direct arc crosses it.
    //
    // Pockets are never entered (the hull edge across a pocket's mouth is a free shortcut), so the route is the shorter
    // of the two ways around the convex hull. The hull edges an end sees (it lies on their outer side) form one run;
    // the run's first and last corners are the end's two tangent corners. Since the direct arc crosses the hull, no
    // edge is seen from both ends (else both would lie in that edge's open outer hemisphere, and so would the arc
    // between them), so the runs are disjoint and the two ways are: o → its last seen corner → on along the hull
    // (counter-clockwise) → d's first seen corner → d, and the mirror image. One pass over the hull edges finds all four
    // corners. Returns false (the general search decides) for anything unexpected, such as an end on a hull edge's
    // great circle that leaves no proper run.
    private bool TryWrap(int k, in Vec3 o, in Vec3 d, out int first, out int last, out bool ccw, out double rad)
    {
        first = last = -1; ccw = false; rad = 0;
        var h = _hull[k];
        int m = h.Length;
        int oStart = -1, oEnd = -1, dStart = -1, dEnd = -1;
        bool lastO = HullSide(k, m - 1, o) < 0, lastD = HullSide(k, m - 1, d) < 0;
        bool prevO = lastO, prevD = lastD;
        for (int i = 0; i < m; i++)
        {
            bool seeO = i == m - 1 ? lastO : HullSide(k, i, o) < 0;
            bool seeD = i == m - 1 ? lastD : HullSide(k, i, d) < 0;
            if (seeO && seeD) return false;
            // Corner i is where edge i-1 meets edge i.
            if (seeO != prevO)
            {
                if (seeO) { if (oStart >= 0) return false; oStart = i; }
                else { if (oEnd >= 0) return false; oEnd = i; }
            }
            if (seeD != prevD)
            {
                if (seeD) { if (dStart >= 0) return false; dStart = i; }
                else { if (dEnd >= 0) return false; dEnd = i; }
            }
            prevO = seeO; prevD = seeD;
        }
        if (oStart < 0 || oEnd < 0 || dStart < 0 || dEnd < 0) return false;

        double ccwRad = Vec3.Angle(o, h[oEnd]) + HullArcRad(k, oEnd, dStart) + Vec3.Angle(h[dStart], d);
        double cwRad = Vec3.Angle(o, h[oStart]) + HullArcRad(k, dEnd, oStart) + Vec3.Angle(h[dEnd], d);
        ccw = ccwRad <= cwRad;
        (first, last, rad) = ccw ? (oEnd, dStart, ccwRad) : (oStart, dEnd, cwRad);
        if (_obstacles.Length == 1) return true;
        // Hull edges of a clean obstacle are clear of every other obstacle; the two tangent legs must be checked.
        return LegClearExcept(k, o, h[first]) && LegClearExcept(k, h[last], d);
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
        var nh = p.Cross(q).Normalize();
        for (int j = 0; j < _obstacles.Length; j++)
            if (j != k && BlockedBy(j, p, q, nh, -1, -1)) return false;
        return true;
    }

    // The waypoints of a wrap: origin, the hull corners from `first` to `last` in the chosen direction, destination.
    private RoutePlan WrapPlan(int k, GeoPoint from, GeoPoint to, in Vec3 o, in Vec3 d, int first, int last, bool ccw,
        double rad, double directKm, IReadOnlyList<string> crossed)
    {
        var hv = _hullVertex[k];
        int m = hv.Length;
        int corners = (ccw ? last - first : first - last) + 1;
        if (corners <= 0) corners += m;
        var chain = new GeoPoint[corners + 2];
        chain[0] = from; chain[^1] = to;
        for (int j = 0, i = first; j < corners; j++, i = ccw ? (i + 1 == m ? 0 : i + 1) : (i == 0 ? m - 1 : i - 1))
            chain[j + 1] = _vertexGeo[hv[i]];
        return Measured(from, to, RouteStatus.Detour, chain, directKm, rad, crossed, false, false, BufferExcessKm(chain, o, d));
    }
}
