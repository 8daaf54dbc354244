using AirspaceSim.Geodesy;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Spherical;

/// <summary>One polygon on the sphere: a shell and zero or more holes, each a <see cref="SphericalLoop"/> around the
/// area it encloses.</summary>
public sealed record SphericalPolygon(SphericalLoop Shell, IReadOnlyList<SphericalLoop> Holes)
{
    /// <summary>Strictly inside the shell and not inside (or on) any hole.</summary>
    public bool Contains(in Vec3 p)
    {
        if (!Shell.Contains(p)) return false;
        foreach (var h in Holes) if (h.Contains(p) || h.HasVertex(p)) return false;
        return true;
    }

    /// <summary>Strictly inside, decided exactly: a point on the shell or on a hole's boundary (a vertex, or exactly on
    /// an edge, <see cref="SphericalLoop.OnBoundary"/>) is outside, as the planner's route-end rule has it (Obstacle,
    /// LateralLimits), where <see cref="Contains"/> puts an edge point on one side by symbolic perturbation.</summary>
    internal bool ContainsOpen(in Vec3 p)
    {
        if (!Shell.Contains(p) || Shell.OnBoundary(p)) return false;
        foreach (var h in Holes) if (h.Contains(p) || h.OnBoundary(p)) return false;
        return true;
    }

    /// <summary>
    /// The points where two of the polygon's loops meet: a hole touching the shell or another hole at a point, which a
    /// valid polygon allows (each such point is a vertex of at least one of the two, since two great-circle arcs that
    /// meet inside both cross). Empty for a polygon without holes. Near such a point the polygon's area is not one
    /// loop's side: <see cref="IsEnteredOpenBy"/> decides contacts there with every loop.
    /// </summary>
    internal Vec3[] TouchPoints()
    {
        if (Holes.Count == 0) return [];
        var loops = new List<SphericalLoop>(Holes.Count + 1) { Shell };
        loops.AddRange(Holes);
        var found = new List<Vec3>();
        for (int i = 0; i < loops.Count; i++)
            for (int j = 0; j < loops.Count; j++)
            {
                if (i == j || !CapsMeet(loops[i], loops[j])) continue;
                foreach (var v in loops[i].Vertices)
                    if (loops[j].OnBoundary(v) && !found.Contains(v)) found.Add(v);
            }
        return found.ToArray();

        static bool CapsMeet(SphericalLoop a, SphericalLoop b) =>
            Vec3.Angle(a.Center, b.Center) <= a.CapRadiusRad + b.CapRadiusRad + 1e-9;
    }

    /// <summary>
    /// True if the arc of <paramref name="x"/> passes through the open polygon: an end strictly inside it, or a contact
    /// with a loop (a crossing, a vertex on the arc, an end on an edge) from which the arc goes strictly into the
    /// polygon's area, holes respected. <paramref name="touch"/> is <see cref="TouchPoints"/>: contacts there are
    /// decided against every loop at once (an arc through the point where a hole touches the shell may go from outside
    /// straight into the hole, never into the area), the others by the loop they are on.
    /// </summary>
    internal bool IsEnteredOpenBy(in EdgeCrosser x, ReadOnlySpan<Vec3> touch)
    {
        if (x.P == x.Q) return ContainsOpen(x.P);
        if (ContainsOpen(x.P) || ContainsOpen(x.Q)) return true;
        if (Shell.IsEnteredBy(x, interiorRight: false, touch)) return true;
        foreach (var h in Holes) if (h.IsEnteredBy(x, interiorRight: true, touch)) return true; // a hole loop encloses the hole
        foreach (var t in touch)
            if (x.OnClosedArc(t) && ((t != x.Q && OpensToward(t, x.Q)) || (t != x.P && OpensToward(t, x.P)))) return true;
        return false;
    }

    /// <summary>True if, leaving boundary point <paramref name="t"/> along the arc towards <paramref name="target"/>,
    /// the first stretch is strictly inside the polygon: strictly inside the shell's side there and strictly outside
    /// every hole (the direction of an edge is on the boundary, which is flyable).</summary>
    internal bool OpensToward(in Vec3 t, in Vec3 target)
    {
        if (!Side(Shell, t, target, polygonLeft: true)) return false;
        foreach (var h in Holes) if (!Side(h, t, target, polygonLeft: false)) return false;
        return true;

        // Strictly on the polygon's side of one loop, near t, towards target: at a vertex its wedge; inside an edge the
        // edge's great circle (the arc leaves it to the side its far end is on, being shorter than a half circle); off
        // the loop, the side t is on.
        static bool Side(SphericalLoop loop, in Vec3 t, in Vec3 target, bool polygonLeft)
        {
            var v = loop.Vertices;
            int n = v.Length;
            for (int i = 0; i < n; i++)
            {
                if (v[i] != t) continue;
                var prev = v[i == 0 ? n - 1 : i - 1]; var next = v[i + 1 == n ? 0 : i + 1];
                return polygonLeft ? Predicates.StrictlyInsideWedge(prev, t, next, target) : Predicates.StrictlyInsideWedge(next, t, prev, target);
            }
            for (int i = 0; i < n; i++)
            {
                var a = v[i]; var b = v[i + 1 == n ? 0 : i + 1];
                if (!Predicates.StrictlyInsideArc(a, b, new GreatCircleArc(a, b).N, t)) continue;
                int s = Predicates.UnperturbedSign(a, b, target);
                return polygonLeft ? s > 0 : s < 0;
            }
            return loop.Contains(t) == polygonLeft;
        }
    }
}

/// <summary>An airspace's lateral limits on the unit sphere: one or more polygons, prepared for repeated queries.</summary>
public sealed partial class SphericalRegion
{
    /// <summary>Creates a region from polygons and prepares it for queries (bounding cap, flat loop table).</summary>
    public SphericalRegion(IReadOnlyList<SphericalPolygon> polygons)
    {
        ArgumentNullException.ThrowIfNull(polygons);
        Polygons = polygons;
        Prepare(polygons, out _loops, out _loopPolygon, out _loopHole, out _polyStart, out var center, out var cap);
        Center = center;
        CapRadiusRad = cap;
        _capCos = CapBound.CapCos(cap);
    }

    /// <summary>The polygons (parts of a multipolygon, e.g. the two halves of a FIR cut at the antimeridian).</summary>
    public IReadOnlyList<SphericalPolygon> Polygons { get; }

    /// <summary>True if the point lies strictly inside any part.</summary>
    public bool Contains(in Vec3 p)
    {
        if (Vec3.Angle(p, Center) > CapRadiusRad) return false;
        for (int k = 0; k + 1 < _polyStart.Length; k++)
        {
            int start = _polyStart[k], end = _polyStart[k + 1];
            if (!_loops[start].Contains(p)) continue;
            bool inHole = false;
            for (int j = start + 1; j < end && !inHole; j++) inHole = _loops[j].Contains(p) || _loops[j].HasVertex(p);
            if (!inHole) return true;
        }
        return false;
    }

    /// <summary>True if the point lies strictly inside any part.</summary>
    public bool Contains(GeoPoint p) => Contains(Vec3.FromGeo(p));

    /// <summary>True if <paramref name="p"/> lies exactly on a loop of any part (a vertex, or exactly on an edge:
    /// <see cref="SphericalLoop.OnBoundary"/>); the region's padded cap rejects far points, each loop's edge blocks
    /// their own.</summary>
    internal bool OnAnyBoundary(in Vec3 p)
    {
        if (Vec3.Angle(p, Center) > CapRadiusRad) return false;
        foreach (var loop in _loops) if (loop.OnBoundary(p)) return true;
        return false;
    }

    /// <summary>Builds the spherical region of a lon/lat (Multi)Polygon; edges become great-circle arcs.</summary>
    public static SphericalRegion FromGeometry(Geometry g, string what)
    {
        var polys = new List<SphericalPolygon>();
        void Add(Polygon p, int part)
        {
            string name = g is MultiPolygon ? $"{what} part {part + 1}" : what;
            var shell = SphericalLoop.FromPoints(ToPoints(p.ExteriorRing), $"{name} outer ring");
            var holes = new List<SphericalLoop>();
            for (int i = 0; i < p.NumInteriorRings; i++)
                holes.Add(SphericalLoop.FromPoints(ToPoints(p.GetInteriorRingN(i)), $"{name} hole {i + 1}"));
            polys.Add(new SphericalPolygon(shell, holes));
        }
        switch (g)
        {
            case Polygon p: Add(p, 0); break;
            case MultiPolygon mp:
                for (int i = 0; i < mp.NumGeometries; i++) Add((Polygon)mp.GetGeometryN(i), i);
                break;
            default: throw new ArgumentException($"{what}: not a Polygon or MultiPolygon");
        }
        return new SphericalRegion(polys);
    }

    private static List<GeoPoint> ToPoints(LineString ring)
    {
        var list = new List<GeoPoint>(ring.NumPoints);
        foreach (var c in ring.Coordinates) list.Add(new GeoPoint(c.Y, c.X));
        return list;
    }
}
