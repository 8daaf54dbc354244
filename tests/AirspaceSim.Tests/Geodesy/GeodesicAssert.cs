using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>Comparison helpers for geodesic results.</summary>
internal static class GeodesicAssert
{
    /// <summary>|a - b| reduced modulo 360 (so 180 and -180 agree).</summary>
    public static double AngleDiffDeg(double a, double b)
    {
        double d = Math.Abs(Math.IEEERemainder(a - b, 360));
        return d;
    }

    /// <summary>
    /// True where the azimuths of the shortest geodesic are not unique: an end at a pole (the azimuth there depends on
    /// the meridian convention) or exactly antipodal points (a family of geodesics, or both meridians, realise the
    /// distance). GeographicLib picks one by convention; an implementation may legitimately pick another.
    /// </summary>
    public static bool AzimuthsNotUnique(double lat1, double lon1, double lat2, double lon2)
    {
        if (Math.Abs(lat1) == 90 || Math.Abs(lat2) == 90) return true;
        double dlon = Math.Abs(Math.IEEERemainder(lon2 - lon1, 360));
        return lat1 == -lat2 && dlon == 180;
    }

    /// <summary>
    /// Null if following our azimuth from point 1 for the distance reaches point 2 (within 1 mm), with our azi2 on
    /// arrival, and likewise backwards from point 2; else a description of the mismatch.
    /// </summary>
    public static string? CheckAzimuthsRealiseGeodesic(double lat1, double lon1, double lat2, double lon2, GeodesicInverseResult r)
    {
        var fwd = Wgs84.Direct(lat1, lon1, r.Azi1Deg, r.DistanceM);
        double miss = Wgs84.DistanceM(fwd.Lat2Deg, fwd.Lon2Deg, lat2, lon2);
        if (miss > 1e-3) return $"forward miss {miss:E2} m";
        var back = Wgs84.Direct(lat2, lon2, r.Azi2Deg + 180, r.DistanceM);
        double missBack = Wgs84.DistanceM(back.Lat2Deg, back.Lon2Deg, lat1, lon1);
        if (missBack > 1e-3) return $"backward miss {missBack:E2} m";
        return null;
    }
}
