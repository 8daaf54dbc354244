namespace AirspaceSim.Geodesy;

/// <summary>Unit conversions used across the library (the Earth radius is <c>Spherical.Sphere.MeanRadiusM</c>).</summary>
public static class Units
{
    /// <summary>Metres in one international nautical mile.</summary>
    public const double MetresPerNm = 1852.0;
}
