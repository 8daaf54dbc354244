using System.Globalization;

namespace AirspaceSim.Geodesy;

/// <summary>
/// The one number syntax of every text the project reads (command-line options, <c>LAT,LON</c>, CSV fields): invariant
/// culture, <see cref="NumberStyles.Float"/> (sign, decimal point, exponent, surrounding blanks) and finite. Group
/// separators are rejected, not skipped: .NET's default double style takes <c>0,5</c> as 5 and <c>1,000</c> as 1000,
/// a silent wrong answer for anyone whose decimal separator is a comma.
/// </summary>
/// <remarks>Lives beside <see cref="GeoPoint"/>, the lowest layer that parses text, so that every layer can use it.</remarks>
internal static class InvariantNumber
{
    /// <summary>The accepted style: no <see cref="NumberStyles.AllowThousands"/>, no currency, no hexadecimal.</summary>
    public const NumberStyles Style = NumberStyles.Float;

    /// <summary>Longest input quoted back in a message; longer input is cut with "...", so that a megabyte of garbage
    /// does not come back as a megabyte of message.</summary>
    public const int MaxQuotedChars = 40;

    /// <summary>Parses a finite number (see the type); false for anything else, including NaN, infinities and
    /// values that overflow (1e999).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses a whole number in <see cref="int"/> range: optional sign, digits, surrounding blanks.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Why <paramref name="text"/> is not a number this syntax accepts, as the tail of a message: "'0,5' is not a
    /// number; use a decimal point, e.g. 0.5". For text that <see cref="TryParse"/> rejects.
    /// </summary>
    public static string Problem(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.IsEmpty) return "empty value; expected a number, e.g. 0.5";
        if (double.TryParse(t, Style, CultureInfo.InvariantCulture, out _))
            return $"{Quote(t)} is not a finite number"; // NaN, Infinity, or an overflow such as 1e999
        if (t.Contains(','))
        {
            // A decimal comma (0,5) or a thousands separator (1,000): either way the comma has to go.
            string dotted = t.ToString().Replace(',', '.');
            return TryParse(dotted, out _) && t.Count(',') == 1
                ? $"{Quote(t)} is not a number; use a decimal point, e.g. {Quote(dotted, quotes: false)}, and no thousands separators"
                : $"{Quote(t)} is not a number; use a decimal point and no thousands separators, e.g. 1000.5";
        }
        return $"{Quote(t)} is not a number (expected decimal digits with an optional sign, point and exponent, e.g. -12.5 or 1e3)";
    }

    /// <summary>Why <paramref name="text"/> is not a whole number, as the tail of a message.</summary>
    public static string IntProblem(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.IsEmpty) return "empty value; expected a whole number, e.g. 100";
        if (double.TryParse(t, Style, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x))
            return x == Math.Floor(x) && !t.ContainsAny('.', 'e', 'E')
                ? $"{Quote(t)} is out of range (a whole number in [{int.MinValue.ToString(CultureInfo.InvariantCulture)}, {int.MaxValue.ToString(CultureInfo.InvariantCulture)}])"
                : $"{Quote(t)} is not a whole number; give digits only, e.g. 100";
        return $"{Quote(t)} is not a whole number; give digits only, without separators, e.g. 10000";
    }

    /// <summary>The text in single quotes, cut to <see cref="MaxQuotedChars"/> characters.</summary>
    public static string Quote(ReadOnlySpan<char> text, bool quotes = true)
    {
        string s = text.Length <= MaxQuotedChars ? text.ToString() : string.Concat(text[..MaxQuotedChars], "...");
        return quotes ? $"'{s}'" : s;
    }

    /// <summary>Shortest round-trip text of a number, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
