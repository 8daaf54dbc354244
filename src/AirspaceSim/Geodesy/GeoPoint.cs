using System.Globalization;

namespace AirspaceSim.Geodesy;

/// <summary>
/// A validated geographic position in degrees: latitude in [-90, 90], longitude normalised to [-180, 180).
/// </summary>
/// <remarks>
/// Construction rejects NaN, infinities, latitudes outside [-90, 90] and longitudes outside [-540, 540] with an
/// <see cref="ArgumentOutOfRangeException"/> that names the offending value and the accepted range. Longitudes in
/// [-540, 540] are wrapped, so 190 becomes -170 and 180 becomes -180: the range of GeographicLib's tools (GeodSolve),
/// wide enough for continuous-longitude lists across the antimeridian (188.75 for -171.25) and for one unwrapping
/// either way, narrow enough that a longitude such as 1e6 (almost always a unit or column mix-up) is not silently
/// wrapped.
/// <para>Text is always the invariant <c>LAT,LON</c> (decimal point, one comma): the <see cref="IFormatProvider"/> of
/// <see cref="ISpanParsable{TSelf}"/> and <see cref="ISpanFormattable"/> is accepted and ignored, because a culture's
/// decimal comma would make the separator ambiguous.</para>
/// <para>Equality compares the two coordinates as stored (the longitude normalised, so (0, 180) equals (0, -180)):
/// a pole with two longitudes, (90, 10) and (90, 20), is one place but two unequal values; compare places with
/// <see cref="Wgs84.DistanceM(GeoPoint, GeoPoint)"/>.</para>
/// </remarks>
public readonly record struct GeoPoint : ISpanParsable<GeoPoint>, ISpanFormattable
{
    /// <summary>Largest accepted |longitude| in degrees before normalisation.</summary>
    public const double MaxInputLonDeg = 540;

    /// <summary>Latitude in degrees, in [-90, 90].</summary>
    public double LatDeg { get; }

    /// <summary>Longitude in degrees, in [-180, 180).</summary>
    public double LonDeg { get; }

    /// <summary>Creates a point, validating the latitude and normalising the longitude.</summary>
    /// <param name="latDeg">Latitude in degrees, in [-90, 90].</param>
    /// <param name="lonDeg">Longitude in degrees, in [-540, 540]; wrapped into [-180, 180).</param>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is not finite or outside its range.</exception>
    public GeoPoint(double latDeg, double lonDeg)
    {
        if (LatProblem(latDeg) is { } lat) throw new ArgumentOutOfRangeException(nameof(latDeg), latDeg, lat);
        if (LonProblem(lonDeg) is { } lon) throw new ArgumentOutOfRangeException(nameof(lonDeg), lonDeg, lon);
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

    /// <summary>
    /// Parses <c>"LAT,LON"</c>: two numbers in decimal degrees (invariant culture, decimal point, no group separators)
    /// separated by one comma; latitude in [-90, 90], longitude in [-540, 540] (normalised).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not two comma-separated numbers or is out of range.</exception>
    public static GeoPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var p, out var error)) return p;
        throw new FormatException(error);
    }

    /// <summary>Tries to parse <c>"LAT,LON"</c> (see <see cref="Parse(string)"/>); on failure <paramref name="error"/> says what
    /// is wrong and what is accepted.</summary>
    public static bool TryParse(string? text, out GeoPoint point, out string error)
    {
        if (TryParseDetail(text, out point, out error)) return true;
        if (!string.IsNullOrWhiteSpace(text)) error = $"{InvariantNumber.Quote(text.AsSpan().Trim())} is not a valid LAT,LON: {error}";
        return false;
    }

    /// <summary>Parses <c>"LAT,LON"</c> (see <see cref="Parse(string)"/>); <paramref name="provider"/> is ignored (always invariant).</summary>
    /// <exception cref="FormatException">The text is not two comma-separated numbers or is out of range.</exception>
    public static GeoPoint Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
    {
        if (TryParseDetail(s, out var p, out var error)) return p;
        throw new FormatException(s.IsWhiteSpace() ? error : $"{InvariantNumber.Quote(s.Trim())} is not a valid LAT,LON: {error}");
    }

    /// <summary>Tries to parse <c>"LAT,LON"</c>; <paramref name="provider"/> is ignored (always invariant).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out GeoPoint result) => TryParseDetail(s, out result, out _);

    /// <summary>Parses <c>"LAT,LON"</c>; <paramref name="provider"/> is ignored (always invariant).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not two comma-separated numbers or is out of range.</exception>
    public static GeoPoint Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse <c>"LAT,LON"</c>; <paramref name="provider"/> is ignored (always invariant).</summary>
    public static bool TryParse(string? s, IFormatProvider? provider, out GeoPoint result) => TryParseDetail(s, out result, out _);

    /// <summary><see cref="TryParse(string?, out GeoPoint, out string)"/> with an error that does not quote the text (for callers that already do).</summary>
    internal static bool TryParseDetail(string? text, out GeoPoint point, out string error)
    {
        if (text is null) { point = default; error = "empty coordinate: expected LAT,LON in decimal degrees"; return false; }
        return TryParseDetail(text.AsSpan(), out point, out error);
    }

    /// <summary>The one LAT,LON parser: the string and span entry points all come here.</summary>
    internal static bool TryParseDetail(ReadOnlySpan<char> text, out GeoPoint point, out string error)
    {
        point = default;
        if (text.IsWhiteSpace()) { error = "empty coordinate: expected LAT,LON in decimal degrees"; return false; }
        int commas = text.Count(',');
        if (commas != 1)
        {
            // 12,5,-70,02 (decimal commas) or 1,2,3: say why rather than what.
            bool emptyPart = text.Trim() is [',', ..] or [.., ','] || text.IndexOf(",,", StringComparison.Ordinal) >= 0;
            error = commas == 0 ? "expected LAT,LON in decimal degrees, two numbers separated by a comma"
                : emptyPart ? $"expected LAT,LON in decimal degrees, found {commas + 1} parts separated by commas, some of them empty"
                : $"expected LAT,LON in decimal degrees, found {commas + 1} parts separated by commas; write decimals with a point (12.5,-70.02)";
            return false;
        }
        int comma = text.IndexOf(',');
        var latText = text[..comma].Trim();
        var lonText = text[(comma + 1)..].Trim();
        if (latText.IsEmpty || lonText.IsEmpty)
        { error = $"the {(latText.IsEmpty ? "latitude" : "longitude")} is missing; expected LAT,LON in decimal degrees"; return false; }
        if (!InvariantNumber.TryParse(latText, out var lat)) { error = "latitude " + InvariantNumber.Problem(latText); return false; }
        if (!InvariantNumber.TryParse(lonText, out var lon)) { error = "longitude " + InvariantNumber.Problem(lonText); return false; }
        if ((LatProblem(lat) ?? LonProblem(lon)) is { } range) { error = range; return false; }
        point = new GeoPoint(lat, lon is >= -180 and < 180 ? lon : NormalizeLonText(lonText));
        error = "";
        return true;
    }

    /// <summary>
    /// A longitude outside [-180, 180) wrapped in decimal, then read as a double: 291.04 then gives the double of
    /// -68.96 exactly, as its normalised twin does, where 291.04 - 360 in doubles is -68.95999999999998. (Wrapping the
    /// double is exact too, but 291.04 was rounded on reading.) The text is a valid finite number within ±540.
    /// </summary>
    private static double NormalizeLonText(ReadOnlySpan<char> lonText)
    {
        if (!decimal.TryParse(lonText, InvariantNumber.Style, CultureInfo.InvariantCulture, out decimal m))
            return NormalizeLonDeg(double.Parse(lonText, InvariantNumber.Style, CultureInfo.InvariantCulture)); // beyond decimal's 28 digits
        while (m >= 180) m -= 360;
        while (m < -180) m += 360;
        return double.Parse(m.ToString(CultureInfo.InvariantCulture), InvariantNumber.Style, CultureInfo.InvariantCulture);
    }

    /// <summary><c>LAT,LON</c> with up to six decimals (about 0.1 m), invariant; <see cref="Parse(string)"/> reads it back.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{LatDeg:0.######},{LonDeg:0.######}");

    /// <summary><c>LAT,LON</c> with <paramref name="format"/> (a standard or custom numeric format, e.g. <c>R</c> or
    /// <c>F3</c>) applied to each number; null or empty is <see cref="ToString()"/>'s. <paramref name="formatProvider"/>
    /// is ignored: always invariant.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.IsNullOrEmpty(format) ? ToString()
        : string.Concat(LatDeg.ToString(format, CultureInfo.InvariantCulture), ",", LonDeg.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>Writes what <see cref="ToString(string?, IFormatProvider?)"/> returns; <paramref name="provider"/> is ignored.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (format.IsEmpty) format = "0.######";
        charsWritten = 0;
        if (!LatDeg.TryFormat(destination, out int a, format, CultureInfo.InvariantCulture) || a >= destination.Length) return false;
        destination[a] = ',';
        if (!LonDeg.TryFormat(destination[(a + 1)..], out int b, format, CultureInfo.InvariantCulture)) return false;
        charsWritten = a + 1 + b;
        return true;
    }

    private static string? LatProblem(double latDeg) =>
        double.IsNaN(latDeg) ? "latitude NaN is not a number"
        : !double.IsFinite(latDeg) ? $"latitude {Fmt(latDeg)} is not a finite number in [-90, 90]"
        : latDeg is < -90 or > 90 ? $"latitude {Fmt(latDeg)} is outside [-90, 90]"
        : null;

    private static string? LonProblem(double lonDeg) =>
        double.IsNaN(lonDeg) ? "longitude NaN is not a number"
        : !double.IsFinite(lonDeg) ? $"longitude {Fmt(lonDeg)} is not a finite number in [-540, 540]"
        : Math.Abs(lonDeg) > MaxInputLonDeg ? $"longitude {Fmt(lonDeg)} is outside [-540, 540] (degrees east; longitudes are normalised to [-180, 180))"
        : null;

    private static string Fmt(double v) => InvariantNumber.Format(v);
}
