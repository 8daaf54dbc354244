namespace AirspaceSim.Geodesy;

/// <summary>Unit conversions and the Earth constants used across the library.</summary>
public static class Units
{
    /// <summary>IUGG mean Earth radius R1 = (2a + b)/3 for WGS84, in metres: the sphere on which routes are chosen.</summary>
    public const double EarthMeanRadiusM = 6_371_008.8;

    /// <summary>Metres in one international nautical mile.</summary>
    public const double MetresPerNm = 1852.0;
}
