using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Reports;

/// <summary>
/// The spherical Lambert azimuthal equal-area projection centred on a map's region, with the clipping that keeps what
/// is drawn on the near side of the Earth.
/// </summary>
/// <remarks>
/// Written by hand because ScottPlot draws in plane coordinates and has no map projections. Equal-area and azimuthal:
/// areas (closed FIRs, countries) keep their relative size at any latitude, and a great circle through the centre is a
/// straight line. Centred on the region, it is continuous across the antimeridian (a Pacific map needs no cut): the only
/// singular point is the antipode of the centre, which <see cref="ClipRing"/> and <see cref="ClipLine"/> keep away.
/// Notation: φ latitude, λ longitude, (φ1, λ0) the centre, R the Earth's mean radius (<see cref="Sphere.MeanRadiusKm"/>),
/// x east and y north in km on the map plane.
/// </remarks>
internal sealed class MapProjection
{
    private readonly double _sinPhi1, _cosPhi1, _lambda0;
    private readonly Vec3 _center, _east, _north;

    /// <summary>A projection centred on <paramref name="center"/>.</summary>
    public MapProjection(GeoPoint center)
    {
        Center = center;
        double phi1 = center.LatDeg * Math.PI / 180;
        (_sinPhi1, _cosPhi1) = Math.SinCos(phi1);
        _lambda0 = center.LonDeg * Math.PI / 180;
        _center = Vec3.FromGeo(center);
        var (sl, cl) = Math.SinCos(_lambda0);
        _east = new Vec3(-sl, cl, 0);
        _north = new Vec3(-_sinPhi1 * cl, -_sinPhi1 * sl, _cosPhi1);
    }

    /// <summary>The centre of the map.</summary>
    public GeoPoint Center { get; }

    /// <summary>Map-plane coordinates (km) of a point.</summary>
    public (double X, double Y) Project(GeoPoint p) => Project(p.LatDeg * Math.PI / 180, p.LonDeg * Math.PI / 180);

    /// <summary>Map-plane coordinates (km) of a unit vector (any length but zero: it is normalised).</summary>
    public (double X, double Y) Project(in Vec3 v)
    {
        var u = v.Normalize();
        return Project(Math.Asin(Math.Clamp(u.Z, -1, 1)), Math.Atan2(u.Y, u.X));
    }

    // Snyder (1987), Map Projections — A Working Manual, USGS Professional Paper 1395, p. 185, the sphere:
    //   x  = R k' cos φ sin(λ − λ0)                                 (24-2)
    //   y  = R k' [cos φ1 sin φ − sin φ1 cos φ cos(λ − λ0)]         (24-3)
    //   k' = sqrt(2 / [1 + sin φ1 sin φ + cos φ1 cos φ cos(λ − λ0)])  (24-4)
    // The bracket of (24-4) is 1 + cos c (c the angular distance from the centre): it vanishes only at the antipode,
    // which the clipping never lets through (c stays below 90°).
    private (double X, double Y) Project(double phi, double lambda)
    {
        var (sp, cp) = Math.SinCos(phi);
        var (sd, cd) = Math.SinCos(lambda - _lambda0);
        double k = Math.Sqrt(2 / Math.Max(1 + _sinPhi1 * sp + _cosPhi1 * cp * cd, 1e-12));
        return (Sphere.MeanRadiusKm * k * cp * sd, Sphere.MeanRadiusKm * k * (_cosPhi1 * sp - _sinPhi1 * cp * cd));
    }

    /// <summary>The angular distance (radians) from the centre of the point that projects at <paramref name="rhoKm"/>
    /// from it: ρ = 2R sin(c/2) (Snyder 24-16 solved for c).</summary>
    public static double AngleAtRadius(double rhoKm) => 2 * Math.Asin(Math.Min(1, rhoKm / (2 * Sphere.MeanRadiusKm)));

    /// <summary>
    /// The clip region: a convex spherical polygon of <paramref name="sides"/> great-circle sides, each at angular distance
    /// <paramref name="radiusRad"/> (below π/2) from the centre, as the planes n·p ≥ 0 through the Earth's centre.
    /// </summary>
    /// <remarks>
    /// Clipping against planes through the origin is Sutherland–Hodgman on homogeneous coordinates, as a graphics pipeline
    /// clips before the perspective divide: correct for any ring whose edges are minor arcs, with the closing edges on the
    /// region's sides (outside the view), and no vertex ever near the antipode. The side at bearing β is the great circle
    /// tangent to the small circle of radius r there: n = sin r · c − cos r · t(β), t the unit tangent towards β.
    /// </remarks>
    public Vec3[] ClipPlanes(double radiusRad, int sides = 48)
    {
        var planes = new Vec3[sides];
        var (sr, cr) = Math.SinCos(Math.Min(radiusRad, Math.PI / 2 - 1e-3));
        for (int i = 0; i < sides; i++)
        {
            var (sb, cb) = Math.SinCos(2 * Math.PI * i / sides);
            var t = cb * _north + sb * _east;
            planes[i] = sr * _center - cr * t;
        }
        return planes;
    }

    // Most rings of a world map lie wholly on the outer side of one plane (or inside them all): a pass of dot products
    // settles them without building anything.
    private static bool OutsideOne(IReadOnlyList<Vec3> points, Vec3[] planes)
    {
        foreach (var n in planes)
        {
            bool all = true;
            for (int i = 0; i < points.Count && all; i++) all = n.Dot(points[i]) < 0;
            if (all) return true;
        }
        return false;
    }

    private static bool InsideAll(IReadOnlyList<Vec3> points, Vec3[] planes)
    {
        foreach (var p in points)
            foreach (var n in planes)
                if (n.Dot(p) < 0) return false;
        return true;
    }

    /// <summary>A closed ring clipped to the region of <paramref name="planes"/> (Sutherland–Hodgman); empty when outside.</summary>
    public static List<Vec3> ClipRing(IReadOnlyList<Vec3> ring, Vec3[] planes)
    {
        if (OutsideOne(ring, planes)) return [];
        if (InsideAll(ring, planes)) return [.. ring];
        var current = new List<Vec3>(ring);
        var next = new List<Vec3>();
        foreach (var n in planes)
        {
            if (current.Count == 0) break;
            next.Clear();
            var a = current[^1];
            double da = n.Dot(a);
            foreach (var b in current)
            {
                double db = n.Dot(b);
                if (db >= 0)
                {
                    if (da < 0) next.Add(Cut(a, b, da, db));
                    next.Add(b);
                }
                else if (da >= 0) next.Add(Cut(a, b, da, db));
                a = b; da = db;
            }
            (current, next) = (next, current);
        }
        return current;
    }

    /// <summary>An open polyline clipped to the region of <paramref name="planes"/>: the pieces inside, in order.</summary>
    public static List<List<Vec3>> ClipLine(IReadOnlyList<Vec3> line, Vec3[] planes)
    {
        var pieces = new List<List<Vec3>>();
        if (line.Count < 2 || OutsideOne(line, planes)) return pieces;
        List<Vec3>? piece = null;
        for (int i = 0; i + 1 < line.Count; i++)
        {
            // Cyrus–Beck: the part t ∈ [t0, t1] of the chord a + t(b − a) on the inner side of every plane.
            Vec3 a = line[i], b = line[i + 1];
            double t0 = 0, t1 = 1;
            foreach (var n in planes)
            {
                double da = n.Dot(a), db = n.Dot(b);
                if (da < 0 && db < 0) { t0 = 1; t1 = 0; break; }
                if (da < 0) t0 = Math.Max(t0, da / (da - db));
                else if (db < 0) t1 = Math.Min(t1, da / (da - db));
            }
            if (t0 > t1) { piece = null; continue; }
            var p = t0 == 0 ? a : a + t0 * (b - a);
            var q = t1 == 1 ? b : a + t1 * (b - a);
            if (piece == null || t0 > 0) { piece = [p]; pieces.Add(piece); }
            piece.Add(q);
            if (t1 < 1) piece = null;
        }
        return pieces;
    }

    private static Vec3 Cut(in Vec3 a, in Vec3 b, double da, double db) => a + da / (da - db) * (b - a);
}
