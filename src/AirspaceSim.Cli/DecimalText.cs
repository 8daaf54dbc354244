using System.Globalization;
using System.Text;

namespace AirspaceSim.Cli;

/// <summary>
/// Fast exact versions of the two number formats of the batch CSV output, both invariant culture:
/// <c>x.ToString("F3")</c> (fixed decimals) and <c>Math.Round(x, 6).ToString()</c> (rounded, then shortest round
/// trip). The value is scaled to an integer whose digits are written directly, about ten times cheaper than the
/// general formatter. Whatever the fast path cannot settle exactly goes to the general formatter: a scaled value
/// within <see cref="TieMargin"/> of a rounding tie, magnitudes of <see cref="Limit"/> and up, non-finite values,
/// and rounded values below 0.001 (which .NET may print in exponent notation, or as "-0").
/// </summary>
internal static class DecimalText
{
    /// <summary>The most decimals supported.</summary>
    public const int MaxDecimals = 6;

    /// <summary>
    /// Below 1e9 (&lt; 2^30) the scaled product is within half an ulp, 2^-24 (6e-8), of the exact scaled value: well
    /// inside <see cref="TieMargin"/>, so away from ties the fast path rounds as the exact decimal value does.
    /// </summary>
    private const double Limit = 1e9;

    /// <summary>How close to a tie (fraction .5) a scaled value may come before the general formatter decides.</summary>
    private const double TieMargin = 1e-6;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly double[] Scale = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    private static readonly uint[] ScaleInt = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
    private static readonly string[] FixedFormats = ["F0", "F1", "F2", "F3", "F4", "F5", "F6"];

    /// <summary>Appends <c>x.ToString("F" + decimals, InvariantCulture)</c>.</summary>
    public static StringBuilder AppendFixed(this StringBuilder sb, double x, int decimals)
    {
        Span<char> buf = stackalloc char[24];
        int n = TryFormatFixed(x, decimals, buf);
        return n > 0 ? sb.Append(buf[^n..]) : sb.Append(x.ToString(FixedFormats[decimals], Inv));
    }

    /// <summary>Appends <c>Math.Round(x, decimals).ToString(InvariantCulture)</c>.</summary>
    public static StringBuilder AppendRounded(this StringBuilder sb, double x, int decimals)
    {
        Span<char> buf = stackalloc char[24];
        int n = TryFormatRounded(x, decimals, buf);
        return n > 0 ? sb.Append(buf[^n..]) : sb.Append(Math.Round(x, decimals).ToString(Inv));
    }

    /// <summary>
    /// Writes <c>x.ToString("F" + decimals)</c> at the end of <paramref name="buf"/> (24 chars at least) and returns
    /// its length, or 0 when the general formatter must decide.
    /// </summary>
    internal static int TryFormatFixed(double x, int decimals, Span<char> buf)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)decimals, (uint)MaxDecimals, nameof(decimals));
        // Powers of ten up to 10^22 are exact, so the product is the exact scaled value rounded once.
        double scaled = Math.Abs(x) * Scale[decimals];
        if (!(scaled < Limit)) return 0; // also NaN
        double whole = Math.Floor(scaled), fraction = scaled - whole; // both exact
        if (Math.Abs(fraction - 0.5) < TieMargin) return 0;
        uint digits = (uint)(int)whole + (fraction > 0.5 ? 1u : 0u); // below Limit, within int range
        // .NET keeps the sign of negative values that round to zero, and of -0.0: "-0.000".
        return WriteDigits(digits, decimals, trimZeros: false, double.IsNegative(x), buf);
    }

    /// <summary>
    /// Writes <c>Math.Round(x, decimals).ToString()</c> at the end of <paramref name="buf"/> (24 chars at least) and
    /// returns its length, or 0 when the general formatter must decide.
    /// </summary>
    /// <remarks>
    /// The rounded double r is the double nearest to n / 10^decimals for an integer n, so that decimal (trailing zeros
    /// trimmed) reads back as r; no shorter decimal does, because any other decimal with as few digits is at least
    /// 10^-decimals away from it, far more than the spacing of doubles below <see cref="Limit"/>. It is therefore the
    /// shortest round-trip text .NET prints, as long as .NET prints positional notation (|r| ≥ 1e-4).
    /// </remarks>
    internal static int TryFormatRounded(double x, int decimals, Span<char> buf)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)decimals, (uint)MaxDecimals, nameof(decimals));
        double r = Math.Round(x, decimals);
        double scaled = Math.Abs(r) * Scale[decimals];
        if (!(Math.Abs(r) >= 1e-3 && scaled < Limit)) return 0; // also NaN and zero
        return WriteDigits((uint)(int)Math.Round(scaled), decimals, trimZeros: true, double.IsNegative(r), buf);
    }

    /// <summary>Writes digits / 10^decimals right-aligned in <paramref name="buf"/>; returns the length.</summary>
    private static int WriteDigits(uint digits, int decimals, bool trimZeros, bool negative, Span<char> buf)
    {
        int pos = buf.Length;
        var (whole, fraction) = Math.DivRem(digits, ScaleInt[decimals]);
        int fractionDigits = decimals;
        if (trimZeros)
            while (fractionDigits > 0 && fraction % 10 == 0) { fraction /= 10; fractionDigits--; }
        if (fractionDigits > 0)
        {
            for (int i = 0; i < fractionDigits; i++) { buf[--pos] = (char)('0' + fraction % 10); fraction /= 10; }
            buf[--pos] = '.';
        }
        do { buf[--pos] = (char)('0' + whole % 10); whole /= 10; } while (whole != 0);
        if (negative) buf[--pos] = '-';
        return buf.Length - pos;
    }
}
