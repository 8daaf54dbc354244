using System.Runtime.CompilerServices;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>
/// A 3-vector; on the unit sphere a point is (cos φ cos λ, cos φ sin λ, sin φ), which makes the antimeridian
/// and the poles ordinary places (S2's representation).
/// </summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>The unit vector of a geographic point (spherical latitude = geodetic latitude, as for great-circle routes).</summary>
    public static Vec3 FromGeo(GeoPoint p) => FromLatLonDeg(p.LatDeg, p.LonDeg);

    /// <summary>The unit vector of a latitude and longitude in degrees.</summary>
    public static Vec3 FromLatLonDeg(double latDeg, double lonDeg)
    {
        double phi = latDeg * (Math.PI / 180), lam = lonDeg * (Math.PI / 180);
        var (sp, cp) = Math.SinCos(phi);
        var (sl, cl) = Math.SinCos(lam);
        // Exact poles and meridians keep exact zeros so that predicates see the intended degeneracies.
        if (Math.Abs(latDeg) == 90) { cp = 0; sp = Math.Sign(latDeg); }
        return new Vec3(cp * cl, cp * sl, sp);
    }

    /// <summary>Latitude and longitude in degrees of the direction of this vector.</summary>
    public GeoPoint ToGeo()
    {
        double lat = Math.Atan2(Z, Math.Sqrt(X * X + Y * Y)) * (180 / Math.PI);
        double lon = Math.Atan2(Y, X) * (180 / Math.PI);
        return new GeoPoint(Math.Clamp(lat, -90, 90), lon);
    }

    /// <summary>Dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Dot(in Vec3 o) => X * o.X + Y * o.Y + Z * o.Z;

    /// <summary>Cross product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec3 Cross(in Vec3 o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);

    /// <summary>Euclidean norm.</summary>
    public double Norm => Math.Sqrt(X * X + Y * Y + Z * Z);

    /// <summary>Squared Euclidean norm.</summary>
    public double Norm2 => X * X + Y * Y + Z * Z;

    /// <summary>This vector scaled to unit length (the zero vector stays zero).</summary>
    public Vec3 Normalize()
    {
        double n = Norm;
        return n == 0 ? this : new Vec3(X / n, Y / n, Z / n);
    }

    /// <summary>
    /// An orthonormal basis (U, V) of the plane tangent at this unit vector, right-handed: U × V is this vector.
    /// </summary>
    internal (Vec3 U, Vec3 V) TangentBasis()
    {
        // Any axis works; the one least aligned with the point keeps the cross product well conditioned.
        var axis = Math.Abs(X) < 0.6 ? new Vec3(1, 0, 0) : Math.Abs(Y) < 0.6 ? new Vec3(0, 1, 0) : new Vec3(0, 0, 1);
        var u = axis.Cross(this).Normalize();
        return (u, Cross(u));
    }

    /// <summary>Angle between two vectors in radians, accurate for tiny and near-antipodal angles (unlike acos of the dot product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Angle(in Vec3 a, in Vec3 b) => Math.Atan2(a.Cross(b).Norm, a.Dot(b));

    /// <summary>Sum.</summary>
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    /// <summary>Difference.</summary>
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    /// <summary>Negation.</summary>
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    /// <summary>Scaling.</summary>
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);

    /// <summary>Lexicographic comparison (X, then Y, then Z), used to order points for symbolic perturbation.</summary>
    internal static int CompareLex(in Vec3 a, in Vec3 b)
    {
        int c = a.X.CompareTo(b.X);
        if (c != 0) return c;
        c = a.Y.CompareTo(b.Y);
        return c != 0 ? c : a.Z.CompareTo(b.Z);
    }
}
