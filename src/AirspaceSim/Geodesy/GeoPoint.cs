using System.Globalization;

namespace AirspaceSim.Geodesy;

/// <summary>
/// A validated geographic position in degrees: latitude in [-90, 90], longitude normalised to [-180, 180).
/// </summary>
/// <remarks>
/// Construction rejects NaN, infinities and latitudes outside [-90, 90] with an <see cref="ArgumentOutOfRangeException"/>
/// that names the offending value. Any finite longitude is accepted and wrapped, so 190 becomes -170 and 180 becomes -180.
/// </remarks>
public readonly record struct GeoPoint
{
    /// <summary>Latitude in degrees, in [-90, 90].</summary>
    public double LatDeg { get; }

    /// <summary>Longitude in degrees, in [-180, 180).</summary>
    public double LonDeg { get; }

    /// <summary>Creates a point, validating the latitude and normalising the longitude.</summary>
    /// <param name="latDeg">Latitude in degrees, in [-90, 90].</param>
    /// <param name="lonDeg">Longitude in degrees, any finite value.</param>
    public GeoPoint(double latDeg, double lonDeg)
    {
        if (!double.IsFinite(latDeg) || latDeg < -90 || latDeg > 90)
            throw new ArgumentOutOfRangeException(nameof(latDeg), latDeg,
                $"latitude {Fmt(latDeg)} is not a finite number in [-90, 90]");
        if (!double.IsFinite(lonDeg))
            throw new ArgumentOutOfRangeException(nameof(lonDeg), lonDeg,
                $"longitude {Fmt(lonDeg)} is not a finite number");
        LatDeg = latDeg;
        LonDeg = NormalizeLonDeg(lonDeg);
    }

    /// <summary>Wraps any finite longitude into [-180, 180).</summary>
    public static double NormalizeLonDeg(double lonDeg)
    {
        if (lonDeg >= -180 && lonDeg < 180) return lonDeg;
        double r = Math.IEEERemainder(lonDeg, 360.0); // in [-180, 180]
        return r >= 180 ? r - 360 : r;
    }

    /// <summary>Parses <c>"LAT,LON"</c> (decimal degrees, invariant culture).</summary>
    /// <exception cref="FormatException">The text is not two comma-separated numbers or is out of range.</exception>
    public static GeoPoint Parse(string text)
    {
        if (TryParse(text, out var p, out var error)) return p;
        throw new FormatException(error);
    }

    /// <summary>Tries to parse <c>"LAT,LON"</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out GeoPoint point, out string error)
    {
        point = default;
        if (string.IsNullOrWhiteSpace(text)) { error = "empty coordinate: expected LAT,LON in decimal degrees"; return false; }
        var parts = text.Split(',');
        if (parts.Length != 2) { error = $"'{text}' is not LAT,LON in decimal degrees"; return false; }
        const NumberStyles style = NumberStyles.Float;
        if (!double.TryParse(parts[0].Trim(), style, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(parts[1].Trim(), style, CultureInfo.InvariantCulture, out var lon))
        { error = $"'{text}' is not LAT,LON in decimal degrees"; return false; }
        if (!double.IsFinite(lat) || lat < -90 || lat > 90) { error = $"latitude {Fmt(lat)} in '{text}' is outside [-90, 90]"; return false; }
        if (!double.IsFinite(lon) || lon < -180 || lon > 180) { error = $"longitude {Fmt(lon)} in '{text}' is outside [-180, 180]"; return false; }
        point = new GeoPoint(lat, lon);
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{LatDeg:0.######},{LonDeg:0.######}");

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
