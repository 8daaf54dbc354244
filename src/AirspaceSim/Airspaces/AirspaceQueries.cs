using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Airspaces;

/// <summary>One stretch of a route strictly inside an airspace.</summary>
/// <param name="Entry">Where the route enters (the departure point if <paramref name="StartsInside"/>).</param>
/// <param name="Exit">Where the route leaves (the destination if <paramref name="EndsInside"/>).</param>
/// <param name="EntryFraction">Position of the entry along the route, 0..1 of its great-circle angle.</param>
/// <param name="ExitFraction">Position of the exit along the route, 0..1 of its great-circle angle.</param>
/// <param name="InsideKm">Length of the stretch from entry to exit in kilometres.</param>
/// <param name="StartsInside">The stretch begins at the departure point (inside, or on the boundary heading in).</param>
/// <param name="EndsInside">The stretch runs to the destination.</param>
public sealed record CrossingInterval(
    GeoPoint Entry, GeoPoint Exit, double EntryFraction, double ExitFraction, double InsideKm, bool StartsInside, bool EndsInside);

/// <summary>How a great-circle route meets an airspace.</summary>
/// <param name="Crosses">True if any stretch of the route lies strictly inside.</param>
/// <param name="Intervals">The stretches inside, in order along the route; empty if none.</param>
/// <param name="InsideKm">Total kilometres inside (sum over <paramref name="Intervals"/>).</param>
public sealed record RouteCrossing(bool Crosses, IReadOnlyList<CrossingInterval> Intervals, double InsideKm)
{
    /// <summary>The answer for a route that never enters.</summary>
    public static RouteCrossing None { get; } = new(false, Array.Empty<CrossingInterval>(), 0);
}

/// <summary>
/// Spatial queries on an <see cref="Airspace"/>, answered exactly on the sphere by its prepared
/// <see cref="Airspace.Region"/> (edges are great-circle arcs). Thread-safe; a query whose route or point is far from
/// the airspace returns after one bounding-cap test.
/// </summary>
public static class AirspaceQueries
{
    /// <summary>
    /// True if <paramref name="point"/> lies strictly inside the airspace's lateral limits, by the rule the detour planner
    /// and the what-if simulator apply to a route end or an airport: a point exactly on the boundary (a vertex, or exactly
    /// on an edge, decided exactly, without tolerance) is outside; a point on a seam where two parts of a multipolygon
    /// touch (e.g. the two halves of a FIR cut at the antimeridian) is inside, as the planner merges touching parts.
    /// </summary>
    /// <remarks>
    /// <see cref="SphericalRegion.Contains(in Vec3)"/> (the airspace's <see cref="Airspace.Region"/>) differs only for
    /// points exactly on an edge: it puts them on one side by symbolic perturbation (consistently, so that a seam shared
    /// by two loops belongs to exactly one), which is what a point-in-polygon partition needs but not what a route end
    /// needs. Points off the boundary get the same answer from both.
    /// </remarks>
    public static bool Contains(this Airspace airspace, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(airspace);
        var region = airspace.Region;
        var v = Vec3.FromGeo(point);
        // Off every boundary the perturbed answer is the exact one; on a boundary, a one-part airspace has the point on
        // its outer boundary (shell or hole), and a multipolygon needs its parts merged to tell a seam from the outside.
        if (!region.OnAnyBoundary(v)) return region.Contains(v);
        // LateralLimits is the planner's own route-end rule (its obstacles' unbuffered polygons are the same merge).
        return region.Polygons.Count > 1 && LateralLimits.OfOne(airspace).Contains(v);
    }

    /// <summary>
    /// The stretches of the great-circle route <paramref name="from"/>→<paramref name="to"/> (the shorter arc) strictly
    /// inside the airspace, with entry and exit points, their fractions along the route and the kilometres inside.
    /// Touching the boundary or flying along it is not entering; crossing the seam between two parts of a
    /// multipolygon airspace does not split a stretch.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> and <paramref name="to"/> are antipodal.</exception>
    public static RouteCrossing Cross(this Airspace airspace, GeoPoint from, GeoPoint to)
    {
        ArgumentNullException.ThrowIfNull(airspace);
        var raw = airspace.Region.CrossRoute(Vec3.FromGeo(from), Vec3.FromGeo(to));
        if (raw.Count == 0) return RouteCrossing.None;
        var list = new CrossingInterval[raw.Count];
        double total = 0;
        for (int i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            var entry = r.StartsInside ? from : r.Entry.ToGeo();
            var exit = r.EndsInside ? to : r.Exit.ToGeo();
            double km = LegKm(entry, exit);
            total += km;
            list[i] = new CrossingInterval(entry, exit, r.EntryFraction, r.ExitFraction, km, r.StartsInside, r.EndsInside);
        }
        return new RouteCrossing(true, list, total);
    }

    /// <summary>
    /// Distance in kilometres from <paramref name="point"/> to the nearest point of the airspace's boundary (shells
    /// and holes). Always ≥ 0, inside or outside: use <see cref="Contains"/> for the side
    /// (or <see cref="SignedDistanceToBoundaryKm"/>).
    /// </summary>
    public static double DistanceToBoundaryKm(this Airspace airspace, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(airspace);
        var d = airspace.Region.DistanceToBoundary(point);
        if (double.IsPositiveInfinity(d.Radians)) return double.PositiveInfinity;
        return LegKm(point, d.Nearest.ToGeo());
    }

    /// <summary>
    /// <see cref="DistanceToBoundaryKm"/> with a sign: negative inside the airspace, positive outside, 0 on a vertex.
    /// </summary>
    public static double SignedDistanceToBoundaryKm(this Airspace airspace, GeoPoint point)
    {
        double d = airspace.DistanceToBoundaryKm(point);
        return airspace.Contains(point) ? -d : d;
    }

    /// <summary>The nearest boundary point to <paramref name="point"/>, with the edge it lies on.</summary>
    public static BoundaryDistance NearestBoundary(this Airspace airspace, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(airspace);
        return airspace.Region.DistanceToBoundary(point);
    }

    // The one place where a leg becomes kilometres: points are found on the sphere, lengths measured on WGS84.
    private static double LegKm(GeoPoint a, GeoPoint b) => Wgs84.DistanceM(a, b) / 1000;
}
