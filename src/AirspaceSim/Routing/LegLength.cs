using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

/// <summary>The length of a route leg in km.</summary>
internal static class LegLength
{
    public static double Km(GeoPoint a, GeoPoint b) =>
        Vec3.Angle(Vec3.FromGeo(a), Vec3.FromGeo(b)) * Units.EarthMeanRadiusM / 1000; // Replaced by Wgs84 on merge.
}
