using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>A proven lower bound of the WGS84 geodesic length from unit vectors (here, not in Geodesy, which ranks
/// below the spherical layer).</summary>
internal static class GeodesicBound
{
    /// <summary>
    /// The unit vector (cos β cos λ, cos β sin λ, sin β) of the reduced (parametric) latitude β, tan β = (1 − f) tan φ,
    /// from the geodetic unit vector <paramref name="v"/> = (cos φ cos λ, cos φ sin λ, sin φ) (<see cref="Vec3.FromGeo"/>):
    /// (cos β, sin β) is (cos φ, (1 − f) sin φ) normalised, so it is <paramref name="v"/> with its z scaled by 1 − f, normalised.
    /// </summary>
    internal static Vec3 ReducedUnitVector(in Vec3 v) => new Vec3(v.X, v.Y, (1 - Wgs84.Flattening) * v.Z).Normalize();

    /// <summary>
    /// A proven lower bound in km of the length of the shortest geodesic between two points given by their
    /// <see cref="ReducedUnitVector"/>s: b θ, θ the angle between the two vectors, less a margin for rounding. Proof: the
    /// linear map L(x, y, z) = ((b/a) x, (b/a) y, z) takes the ellipsoid's point of reduced latitude β and longitude λ,
    /// (a cos β cos λ, a cos β sin λ, b sin β), to b times its reduced unit vector, on the sphere of radius b; L's
    /// operator norm is 1 (its singular values are b/a, b/a, 1), so it lengthens no curve, and it takes the geodesic to
    /// a curve on that sphere between the two images, which is at least the great-circle arc b θ long. Tight (to
    /// 0.34 %) for lines near a meridian close to the poles; within f of the length for any line. The margin (1e-9
    /// relative and 1e-9 km) covers the rounding of the vectors and the angle (~1e-15 relative) and the error of
    /// <see cref="Wgs84.DistanceM(GeoPoint, GeoPoint)"/> (~15 nm), so the bound is below that method's answer too.
    /// </summary>
    internal static double DistanceLowerBoundKm(in Vec3 reduced1, in Vec3 reduced2) =>
        Wgs84.SemiMinorAxisM / 1000 * Vec3.Angle(reduced1, reduced2) * (1 - 1e-9) - 1e-9;
}
