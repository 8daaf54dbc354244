using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>
/// Great-circle navigation on a sphere of radius <see cref="MeanRadiusM"/>: the fast approximation (about 0.5 %) of the
/// WGS84 geodesics in <see cref="Wgs84"/>. Computations go through unit vectors (<see cref="Vec3"/>) and atan2, which
/// stay accurate for tiny and nearly antipodal separations where the haversine or acos forms lose digits.
/// </summary>
/// <remarks>
/// Spherical latitude is taken equal to geodetic latitude. Courses are degrees clockwise from north in [0, 360); at a
/// pole "north" is the direction of the point's own meridian continued across the pole (as if approached along it), so
/// results there depend on the longitude given.
/// In <c>AirspaceSim.Spherical</c> after 0.1.0 (it was in <c>AirspaceSim.Geodesy</c>): its vector forms take <see cref="Vec3"/>,
/// and Geodesy, the lowest layer, references nothing above it.
/// </remarks>
public static class Sphere
{
    /// <summary>IUGG mean Earth radius R1 = (2a + b)/3 of WGS84, in metres (Moritz, Geodetic Reference System 1980).</summary>
    public const double MeanRadiusM = 6_371_008.8;

    /// <summary><see cref="MeanRadiusM"/> in kilometres.</summary>
    public const double MeanRadiusKm = MeanRadiusM / 1000;

    private const double Deg = Math.PI / 180;

    // Twice the sine of the smallest separation of two distinct points that still defines a great circle: unit vectors
    // carry ~1e-16 round-off, so below this the direction of a x b is noise. Antipodal ends are the library's one rule,
    // Predicates.NearlyAntipodal (1e-8 rad), as for ring edges, routes and legs.
    private const double CoincidentCross = 1e-14;

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b) => DistanceKm(Vec3.FromGeo(a), Vec3.FromGeo(b));

    /// <summary>Great-circle distance in kilometres between two unit vectors.</summary>
    public static double DistanceKm(in Vec3 a, in Vec3 b) => Vec3.Angle(a, b) * MeanRadiusKm;

    /// <summary>Initial course from <paramref name="a"/> towards <paramref name="b"/> in degrees in [0, 360); 0 for
    /// coincident points. Undefined (but finite) for antipodal points.</summary>
    public static double InitialCourseDeg(GeoPoint a, GeoPoint b)
    {
        double phi1 = a.LatDeg * Deg, phi2 = b.LatDeg * Deg, dLam = (b.LonDeg - a.LonDeg) * Deg;
        var (sp1, cp1) = Math.SinCos(phi1);
        var (sp2, cp2) = Math.SinCos(phi2);
        var (sdl, cdl) = Math.SinCos(dLam);
        double theta = Math.Atan2(sdl * cp2, cp1 * sp2 - sp1 * cp2 * cdl) / Deg;
        return ToCourse(theta);
    }

    /// <summary>
    /// The point a given fraction of the way along the shorter great-circle arc from <paramref name="a"/> to
    /// <paramref name="b"/> (0 gives a, 1 gives b; values outside [0, 1] extrapolate along the same great circle).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not a finite number.</exception>
    /// <exception cref="ArgumentException">The points are antipodal (<see cref="Predicates.NearlyAntipodal"/>), so the
    /// great circle is undefined.</exception>
    public static GeoPoint Intermediate(GeoPoint a, GeoPoint b, double fraction)
    {
        if (!double.IsFinite(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction is not a finite number");
        if (fraction == 0) return a;
        if (fraction == 1) return b;
        var va = Vec3.FromGeo(a);
        var vb = Vec3.FromGeo(b);
        if (Predicates.NearlyAntipodal(va, vb))
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a} and {b} are antipodal (within {Predicates.AntipodalToleranceRad} rad): the great circle through them is undefined"));
        // |(b + a) x (b - a)| = 2 sin(delta): below ~1e-15 the points are equal to within round-off.
        if (RobustCross(va, vb).Norm < CoincidentCross) return a;
        return Intermediate(va, vb, fraction).ToGeo();
    }

    /// <summary>Unit-vector form of <see cref="Intermediate(GeoPoint, GeoPoint, double)"/> (a and b neither equal nor
    /// antipodal).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not a finite number.</exception>
    /// <exception cref="ArgumentException">a and b are equal or antipodal (or not finite), so the direction from a to b
    /// is undefined.</exception>
    public static Vec3 Intermediate(in Vec3 a, in Vec3 b, double fraction)
    {
        if (!double.IsFinite(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction is not a finite number");
        // Without this the tangent below is 0/0: NaN coordinates instead of an error.
        if (Predicates.NearlyAntipodal(a, b) || !(RobustCross(a, b).Norm >= CoincidentCross))
            throw new ArgumentException("the vectors are equal or antipodal (or not finite unit vectors): the great circle through them is undefined");
        // Rotate a towards b in their plane: t is the unit tangent at a pointing to b, so no sin(delta) division is
        // needed and short arcs stay accurate.
        var t = RobustCross(a, b).Cross(a).Normalize();
        double delta = Vec3.Angle(a, b);
        var (s, c) = Math.SinCos(fraction * delta);
        return (c * a + s * t).Normalize();
    }

    /// <summary>The point reached by following a great circle from <paramref name="start"/> with the given initial
    /// course for the given distance (negative goes backwards).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The course or distance is not a finite number.</exception>
    public static GeoPoint Destination(GeoPoint start, double courseDeg, double distanceKm)
    {
        if (!double.IsFinite(courseDeg))
            throw new ArgumentOutOfRangeException(nameof(courseDeg), courseDeg, "course is not a finite number");
        if (!double.IsFinite(distanceKm))
            throw new ArgumentOutOfRangeException(nameof(distanceKm), distanceKm, "distance is not a finite number");
        double phi = start.LatDeg * Deg, lam = start.LonDeg * Deg;
        var (sp, cp) = Math.SinCos(phi);
        var (sl, cl) = Math.SinCos(lam);
        // Local east and north unit vectors (defined through the longitude even at a pole).
        var east = new Vec3(-sl, cl, 0);
        var north = new Vec3(-sp * cl, -sp * sl, cp);
        var (st, ct) = Math.SinCos(courseDeg * Deg);
        var dir = ct * north + st * east;
        var (sd, cd) = Math.SinCos(distanceKm / MeanRadiusKm);
        return (cd * Vec3.FromGeo(start) + sd * dir).ToGeo();
    }

    /// <summary>
    /// Signed distance in kilometres from <paramref name="p"/> to the great circle through <paramref name="a"/> and
    /// <paramref name="b"/>: positive when p lies to the <b>left</b> of the direction a→b (the same sense as
    /// <see cref="Predicates.Sign"/>), negative to the right, 0 on the circle.
    /// </summary>
    /// <exception cref="ArgumentException">a and b are equal or antipodal, so the great circle is undefined.</exception>
    public static double CrossTrackKm(GeoPoint a, GeoPoint b, GeoPoint p) =>
        CrossTrackKm(Vec3.FromGeo(a), Vec3.FromGeo(b), Vec3.FromGeo(p));

    /// <summary>Unit-vector form of <see cref="CrossTrackKm(GeoPoint, GeoPoint, GeoPoint)"/>.</summary>
    public static double CrossTrackKm(in Vec3 a, in Vec3 b, in Vec3 p)
    {
        var n = Normal(a, b);
        // Angle from the great circle = pi/2 - angle(n, p), taken as atan2(n.p, |n x p|) for accuracy near the circle.
        return Math.Atan2(n.Dot(p), n.Cross(p).Norm) * MeanRadiusKm;
    }

    /// <summary>
    /// Signed distance in kilometres from <paramref name="a"/> along the great circle a→b to the foot of the
    /// perpendicular from <paramref name="p"/>: positive ahead of a (towards b), negative behind, in (−πR, πR].
    /// </summary>
    /// <exception cref="ArgumentException">a and b are equal or antipodal.</exception>
    public static double AlongTrackKm(GeoPoint a, GeoPoint b, GeoPoint p) =>
        AlongTrackKm(Vec3.FromGeo(a), Vec3.FromGeo(b), Vec3.FromGeo(p));

    /// <summary>Unit-vector form of <see cref="AlongTrackKm(GeoPoint, GeoPoint, GeoPoint)"/>.</summary>
    public static double AlongTrackKm(in Vec3 a, in Vec3 b, in Vec3 p)
    {
        var n = Normal(a, b);
        // The signed angle from a to the projection of p, measured about n: neither a.p nor (a x p).n changes when
        // p is projected onto the plane of the circle, so no explicit projection is needed.
        return Math.Atan2(a.Cross(p).Dot(n), a.Dot(p)) * MeanRadiusKm;
    }

    /// <summary>
    /// Where the great-circle arcs a1→a2 and b1→b2 (each shorter than a half circle) cross, or null if they do not.
    /// Arcs that share an end point touch there and that point is returned.
    /// </summary>
    public static GeoPoint? Intersection(GeoPoint a1, GeoPoint a2, GeoPoint b1, GeoPoint b2)
    {
        var v = Intersection(Vec3.FromGeo(a1), Vec3.FromGeo(a2), Vec3.FromGeo(b1), Vec3.FromGeo(b2));
        if (v is not { } p) return null;
        // Return shared vertices exactly as given rather than through a vector round trip.
        if (a1 == b1 || a1 == b2) return a1;
        if (a2 == b1 || a2 == b2) return a2;
        return p.ToGeo();
    }

    /// <summary>Unit-vector form of <see cref="Intersection(GeoPoint, GeoPoint, GeoPoint, GeoPoint)"/>.</summary>
    public static Vec3? Intersection(in Vec3 a1, in Vec3 a2, in Vec3 b1, in Vec3 b2)
    {
        // The decision is the exact predicate, so it agrees with every other crossing test in the library; only the
        // location is computed in floating point.
        int crossing = Predicates.CrossingSign(a1, a2, b1, b2);
        if (crossing == 0)
        {
            if (a1 == b1 || a1 == b2) return a1;
            if (a2 == b1 || a2 == b2) return a2;
            return null; // a degenerate (zero-length) arc
        }
        if (crossing < 0) return null;
        // Both great circles contain the line of intersection of their planes; of its two ends take the one on the
        // arcs: every point of an arc shorter than a half circle has positive dot product with the arc's chord sum.
        var x = RobustCross(a1, a2).Cross(RobustCross(b1, b2));
        if (x.Dot(a1 + a2 + b1 + b2) < 0) x = -x;
        var p = x.Normalize();
        return p.Norm2 == 0 ? a1 : p;
    }

    // (b + a) x (b - a) = 2 a x b, but without the cancellation of a x b for nearly equal vectors (S2's
    // RobustCrossProd): b - a is formed exactly-ish before the product.
    private static Vec3 RobustCross(in Vec3 a, in Vec3 b) => (b + a).Cross(b - a);

    private static Vec3 Normal(in Vec3 a, in Vec3 b)
    {
        var n = RobustCross(a, b);
        double len = n.Norm;
        if (Predicates.NearlyAntipodal(a, b) || !(len >= CoincidentCross))
            throw new ArgumentException($"{a.ToGeo()} and {b.ToGeo()} are equal or antipodal: the great circle through them is undefined");
        return (1 / len) * n;
    }

    private static double ToCourse(double deg)
    {
        double c = deg < 0 ? deg + 360 : deg + 0.0;
        return c >= 360 ? 0 : c;
    }
}
