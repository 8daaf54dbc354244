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
        TryParsePlainDecimal(text, out value) ||
        double.TryParse(text, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// The common case of <see cref="TryParse"/> without the general parser: <c>[+-]digits[.digits]</c> (or
    /// <c>[+-].digits</c>) with no blanks or exponent, at most 15 significant digits and at most 22 after the point.
    /// False for anything else, which the caller then gives to the general parser; never a different value.
    /// </summary>
    /// <remarks>
    /// Why it is exact (Clinger 1990, "How to read floating point numbers accurately", the fast path): the digits m
    /// (below 10¹⁵ &lt; 2⁵³) and 10^k (k ≤ 22, since 10²² = 2²² · 5²² with 5²² &lt; 2⁵³) are both doubles exactly, and
    /// IEEE division rounds m / 10^k correctly, which is the value the general parser gives. The general parser spends
    /// about a third of <c>geodesic -i</c>'s time per line; this path is several times quicker on GeodSolve-style input.
    /// </remarks>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        int i = 0, n = text.Length;
        if (n == 0 || n > 40) return false;
        bool negative = false;
        if (text[0] is '-' or '+') { negative = text[0] == '-'; i = 1; }
        long m = 0;
        int significant = 0, fraction = 0, digits = 0;
        bool point = false;
        for (; i < n; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                if (point) return false;
                point = true;
                continue;
            }
            uint d = (uint)(c - '0');
            if (d > 9) return false;
            digits++;
            if (point) fraction++;
            if (m == 0 && d == 0) continue; // leading zeros are not significant
            if (++significant > 15) return false;
            m = m * 10 + d;
        }
        if (digits == 0 || fraction > 22) return false;
        double x = m / Pow10[fraction];
        value = negative ? -x : x;
        return true;
    }

    // 10^0 … 10^22, each exactly representable (see TryParsePlainDecimal).
    private static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

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
            // A decimal comma (0,5) or a thousands separator (1,000): either way the comma has to go. Text grouped in
            // threes could be either, so the hint must not guess: "1,000" is one thousand in English and one in German.
            string dotted = t.ToString().Replace(',', '.');
            string undivided = t.ToString().Replace(",", "");
            if (ThousandsGrouped(t) && TryParse(undivided, out _))
                return t.Count(',') == 1 && !t.Contains('.')
                    ? $"{Quote(t)} is not a number; no thousands separators and a decimal point: write {Quote(undivided, quotes: false)} if the comma groups thousands, or {Quote(dotted, quotes: false)} if it is a decimal comma"
                    : $"{Quote(t)} is not a number; no thousands separators, e.g. {Quote(undivided, quotes: false)}";
            return TryParse(dotted, out _) && t.Count(',') == 1
                ? $"{Quote(t)} is not a number; use a decimal point, e.g. {Quote(dotted, quotes: false)}, and no thousands separators"
                : $"{Quote(t)} is not a number; use a decimal point and no thousands separators, e.g. 1000.5";
        }
        return $"{Quote(t)} is not a number (expected decimal digits with an optional sign, point and exponent, e.g. -12.5 or 1e3)";
    }

    // Optional sign, 1-3 digits, then one or more ",ddd" groups, then optionally a point and a fraction: "1,000",
    // "-12,345,678.5".
    private static bool ThousandsGrouped(ReadOnlySpan<char> t)
    {
        int i = t.Length > 0 && (t[0] == '+' || t[0] == '-') ? 1 : 0;
        int lead = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; lead++; }
        if (lead is < 1 or > 3) return false;
        int groups = 0;
        while (i + 3 < t.Length && t[i] == ',' && char.IsAsciiDigit(t[i + 1]) && char.IsAsciiDigit(t[i + 2]) && char.IsAsciiDigit(t[i + 3])
               && (i + 4 == t.Length || !char.IsAsciiDigit(t[i + 4])))
        {
            i += 4;
            groups++;
        }
        if (groups == 0) return false;
        if (i == t.Length) return true;
        if (t[i] != '.') return false;
        for (i++; i < t.Length; i++) if (!char.IsAsciiDigit(t[i])) return false;
        return true;
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
