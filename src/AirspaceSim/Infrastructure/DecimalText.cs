using System.Globalization;
using System.Text;

namespace AirspaceSim.Infrastructure;

/// <summary>
/// Fast exact versions of the two number formats of the batch CSV output, both invariant culture:
/// <c>x.ToString("F3")</c> (fixed decimals, through <see cref="FixedText"/>, exact in integer arithmetic) and
/// <c>Math.Round(x, 6).ToString()</c> (rounded, then shortest round trip: the rounded value is scaled to an integer
/// whose digits are written directly, about ten times cheaper than the general formatter). What the rounded path cannot
/// settle exactly goes to the general formatter: magnitudes of <see cref="Limit"/> and up, non-finite values, and
/// rounded values below 0.001 (which .NET may print in exponent notation, or as "-0").
/// </summary>
internal static class DecimalText
{
    /// <summary>The most decimals supported.</summary>
    public const int MaxDecimals = 6;

    /// <summary>Below 1e9 (&lt; 2^30) a rounded value scaled by 10^decimals is within half an ulp, 2^-24 (6e-8), of its
    /// integer, so Math.Round recovers it.</summary>
    private const double Limit = 1e9;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly double[] Scale = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    private static readonly uint[] ScaleInt = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
    private static readonly string[] FixedFormats = ["F0", "F1", "F2", "F3", "F4", "F5", "F6"];

    /// <summary>Appends <c>x.ToString("F" + decimals, InvariantCulture)</c>, through <see cref="FixedText"/> (exact for
    /// every |x| below 2^77); larger and non-finite values, whose text outgrows a stack buffer, through .NET.</summary>
    public static StringBuilder AppendFixed(this StringBuilder sb, double x, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)decimals, (uint)MaxDecimals, nameof(decimals));
        if (!(Math.Abs(x) < 1e20)) return sb.Append(x.ToString(FixedFormats[decimals], Inv));
        Span<char> buf = stackalloc char[64];
        return sb.Append(buf[..FixedText.Format(x, decimals, buf)]);
    }

    /// <summary>Appends <c>Math.Round(x, decimals).ToString(InvariantCulture)</c>.</summary>
    public static StringBuilder AppendRounded(this StringBuilder sb, double x, int decimals)
    {
        Span<char> buf = stackalloc char[24];
        int n = TryFormatRounded(x, decimals, buf);
        return n > 0 ? sb.Append(buf[^n..]) : sb.Append(Math.Round(x, decimals).ToString(Inv));
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
        return WriteDigits((uint)(int)Math.Round(scaled), decimals, double.IsNegative(r), buf);
    }

    /// <summary>Writes digits / 10^decimals right-aligned in <paramref name="buf"/>, trailing zeros trimmed; returns the
    /// length.</summary>
    private static int WriteDigits(uint digits, int decimals, bool negative, Span<char> buf)
    {
        int pos = buf.Length;
        var (whole, fraction) = Math.DivRem(digits, ScaleInt[decimals]);
        int fractionDigits = decimals;
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

/// <summary>
/// <c>x.ToString("F" + decimals, InvariantCulture)</c> for up to 15 decimals, exactly and without allocating: the
/// double m 2^e times 10^decimals is an exact 128-bit integer product, rounded once (ties to even, as .NET and C's
/// printf round the exact binary value) by the shift. About ten times cheaper than the general formatter, which is
/// kept for what the fast path does not cover (results of 2^64 and up after scaling, NaN, infinities).
/// </summary>
/// <remarks>
/// Written here rather than in <see cref="DecimalText"/>, whose double-product method is exact only to 6 decimals
/// below 1e9; GeodSolve's format needs up to 15 decimals of degrees.
/// </remarks>
internal static class FixedText
{
    /// <summary>The most decimals of the fast path.</summary>
    public const int MaxDecimals = 15;

    private static readonly ulong[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
    ];

    private static readonly string[] Formats = [.. Enumerable.Range(0, MaxDecimals + 1).Select(d => "F" + d)];

    /// <summary>Writes x with <paramref name="decimals"/> fixed decimals at the start of <paramref name="dest"/>
    /// (at least 64 chars for finite x) and returns the count written.</summary>
    public static int Format(double x, int decimals, Span<char> dest)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)decimals, (uint)MaxDecimals, nameof(decimals));
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        int biased = (int)(bits >> 52) & 0x7FF;
        ulong mant = bits & ((1UL << 52) - 1);
        if (biased == 0x7FF) return General(x, decimals, dest);
        if (biased != 0) mant |= 1UL << 52;
        int e = (biased == 0 ? 1 : biased) - 1075; // x = ±mant 2^e exactly
        UInt128 v = (UInt128)mant * Pow10[decimals]; // < 2^103
        ulong q;
        if (e >= 0)
        {
            if (e > 24 || (v << e) >> 64 != 0) return General(x, decimals, dest);
            q = (ulong)(v << e);
        }
        else
        {
            int sh = -e;
            if (sh > 104) q = 0; // v < 2^103 <= half of 2^sh: rounds to 0
            else
            {
                UInt128 whole = v >> sh;
                UInt128 rem = v - (whole << sh), half = UInt128.One << (sh - 1);
                if (rem > half || (rem == half && (whole & 1) != 0)) whole++;
                if (whole >> 64 != 0) return General(x, decimals, dest);
                q = (ulong)whole;
            }
        }
        return WriteDigits(q, decimals, (long)bits < 0, dest);
    }

    private static int WriteDigits(ulong q, int decimals, bool negative, Span<char> dest)
    {
        // Digits right to left into a scratch span, then copied: at most 20 digits, a point and a sign.
        Span<char> t = stackalloc char[24];
        int pos = t.Length;
        for (int i = 0; i < decimals; i++) { t[--pos] = (char)('0' + q % 10); q /= 10; }
        if (decimals > 0) t[--pos] = '.';
        do { t[--pos] = (char)('0' + q % 10); q /= 10; } while (q != 0);
        if (negative) t[--pos] = '-'; // .NET keeps the sign of -0 and of negatives that round to zero ("-0.000")
        t[pos..].CopyTo(dest);
        return t.Length - pos;
    }

    private static int General(double x, int decimals, Span<char> dest)
    {
        if (!x.TryFormat(dest, out int n, Formats[decimals], CultureInfo.InvariantCulture))
            throw new ArgumentException("destination too short", nameof(dest));
        return n;
    }
}
