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
