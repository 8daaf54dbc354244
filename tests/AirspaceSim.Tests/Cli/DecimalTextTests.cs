using System.Globalization;
using System.Text;
using AirspaceSim.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// <see cref="DecimalText"/> against .NET's own formatting, the independent reference: <c>x.ToString("F" + d)</c> and
/// <c>Math.Round(x, d).ToString()</c>, invariant culture, for every supported number of decimals.
/// </summary>
/// <remarks>Pure functions of their arguments: every test may run beside the others.</remarks>
[Parallelizable(ParallelScope.All)]
public class DecimalTextTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Fixed(double x, int d) => new StringBuilder().AppendFixed(x, d).ToString();
    private static string Rounded(double x, int d) => new StringBuilder().AppendRounded(x, d).ToString();

    /// <summary>Both formats of <paramref name="x"/> agree with .NET for 0 to 6 decimals; a failure names x and d.</summary>
    private static readonly string[] FixedFormats = Enumerable.Range(0, DecimalText.MaxDecimals + 1).Select(d => "F" + d).ToArray();

    private static string? Mismatch(double x)
    {
        for (int d = 0; d <= DecimalText.MaxDecimals; d++)
        {
            string f = x.ToString(FixedFormats[d], Inv), fast = Fixed(x, d);
            if (fast != f) return $"F{d} of {x.ToString("R", Inv)}: {fast} vs {f}";
            string r = Math.Round(x, d).ToString(Inv);
            fast = Rounded(x, d);
            if (fast != r) return $"Round({x.ToString("R", Inv)}, {d}): {fast} vs {r}";
        }
        return null;
    }

    private const int Resolution = 1 << 30;

    private static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(0, Resolution).Select(k => lo + (hi - lo) * k / Resolution);

    /// <summary>Any bit pattern: every magnitude, subnormals, infinities, NaN, negative zero.</summary>
    private static readonly Gen<double> AnyBits =
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select BitConverter.Int64BitsToDouble(((long)hi << 32) | (uint)lo);

    /// <summary>Short decimals k / 10^e (like 1.2345 or 0.0005, ties for fewer decimals), nudged by up to 3 ulps.</summary>
    private static readonly Gen<double> NearTies =
        from k in Gen.OneOf(Gen.Choose(-100_000, 100_000), Gen.Choose(-2_000_000_000, 2_000_000_000))
        from e in Gen.Choose(0, 9)
        from ulps in Gen.Choose(-3, 3)
        select Nudge(k / Math.Pow(10, e), ulps);

    /// <summary>Magnitudes from 1e-9 to 1e13 on a log scale, either sign, across the fast path's limits.</summary>
    private static readonly Gen<double> LogScale =
        from u in Uniform(-9, 13)
        from negative in Gen.Elements(false, true)
        select (negative ? -1 : 1) * Math.Pow(10, u);

    private static readonly Gen<double> Values = Gen.OneOf(
        Uniform(-180, 180), Uniform(-20_000, 20_000), Uniform(-1, 1), Uniform(-0.002, 0.002), NearTies, LogScale, AnyBits);

    private static double Nudge(double x, int ulps)
    {
        for (; ulps > 0; ulps--) x = Math.BitIncrement(x);
        for (; ulps < 0; ulps++) x = Math.BitDecrement(x);
        return x;
    }

    [FsCheck.NUnit.Property(MaxTest = 20_000)]
    public Property MatchesDotNetFormatting() => Prop.ForAll(Arb.From(Values), x =>
    {
        string? mismatch = Mismatch(x);
        return (mismatch == null).Label(mismatch ?? "");
    });

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(-0.0001)]
    [TestCase(-1e-7)]
    [TestCase(0.0005)]
    [TestCase(-0.0005)]
    [TestCase(0.00049999999999999)]
    [TestCase(0.125)]
    [TestCase(2.5)]
    [TestCase(-2.5)]
    [TestCase(1.2345)]
    [TestCase(-1.2345)]
    [TestCase(0.9999995)]
    [TestCase(999_999.9999995)]
    [TestCase(0.001)]
    [TestCase(0.0001)]
    [TestCase(0.00001)]
    [TestCase(0.000015)]
    [TestCase(52.308601)]
    [TestCase(-68.959801)]
    [TestCase(15.683333333333334)]
    [TestCase(123_456_789.123456)]
    [TestCase(999_999_999.9)]
    [TestCase(1e9)]
    [TestCase(1e15)]
    [TestCase(-1e300)]
    [TestCase(double.Epsilon)]
    [TestCase(double.MaxValue)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void SpecialValuesMatchDotNetFormatting(double x) => Assert.That(Mismatch(x), Is.Null);

    /// <summary>Every tie k + 1/2 at every scale up to 10^6, and its neighbouring doubles, for 0 to 6 decimals: one
    /// case per scale, run in parallel (the scales were one 25 s test, the suite's fourth slowest).</summary>
    [TestCase(1)] [TestCase(2)] [TestCase(3)] [TestCase(4)] [TestCase(5)] [TestCase(6)] [TestCase(7)]
    public void TiesAndTheirNeighboursMatchDotNetFormatting(int e)
    {
        for (int k = -20_000; k <= 20_000; k++)
        {
            double tie = (k + 0.5) / Math.Pow(10, e);
            foreach (double x in (ReadOnlySpan<double>)[Math.BitDecrement(tie), tie, Math.BitIncrement(tie)])
            {
                string? mismatch = Mismatch(x);
                if (mismatch != null) Assert.Fail(mismatch);
            }
        }
    }

    /// <summary>Ordinary batch values take the fast path (the general formatter is only the exception).</summary>
    [TestCase(7838.3241, 3)]
    [TestCase(-0.1044, 4)]
    [TestCase(-68.959801, 6)]
    public void OrdinaryValuesTakeTheFastPath(double x, int decimals)
    {
        Span<char> buf = stackalloc char[24];
        Assert.That(Fixed(x, decimals), Is.EqualTo(x.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(DecimalText.TryFormatRounded(x, decimals, buf), Is.GreaterThan(0));
    }
}
