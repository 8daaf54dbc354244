using System.Globalization;
using AirspaceSim.Geodesy;
using FsCheck;
using FsCheck.Fluent;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>
/// The plain-decimal fast path of <see cref="InvariantNumber"/> against .NET's general parser (the independent
/// reference): the same bits whenever the fast path answers, and no answer for what it must leave to the general one.
/// </summary>
public class InvariantNumberTests
{
    private static double General(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    // Decimal text as people and GeodSolve write it: a sign, 0-12 integer digits (leading zeros included), an optional
    // point with 0-24 fraction digits, so that both sides of the 15-digit and 22-place limits are generated.
    private static readonly Gen<string> Decimals =
        from sign in Gen.Elements("", "-", "+")
        from intDigits in Gen.Choose(0, 12)
        from fracDigits in Gen.Choose(0, 24)
        from point in Gen.Elements(true, false)
        from digits in Gen.ArrayOf(Gen.Choose(0, 9), 36)
        let ip = string.Concat(digits.Take(intDigits))
        let fp = string.Concat(digits.Skip(12).Take(fracDigits))
        where ip.Length + (point ? fp.Length : 0) > 0
        select sign + ip + (point ? "." + fp : "");

    /// <summary>Wherever the fast path answers, its value has the general parser's bits (sign of zero included).</summary>
    [FsCheck.NUnit.Property(MaxTest = 20000)]
    public Property FastPathGivesTheGeneralParsersBits() => Prop.ForAll(Arb.From(Decimals), s =>
    {
        if (!InvariantNumber.TryParsePlainDecimal(s, out double fast)) return true;
        return BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(General(s));
    });

    [TestCase("120.19623592", 120.19623592)]
    [TestCase("-0", -0.0)]
    [TestCase("+5.", 5.0)]
    [TestCase(".5", 0.5)]
    [TestCase("-.25", -0.25)]
    [TestCase("0.1", 0.1)]
    [TestCase("999999999999999", 999999999999999.0)]
    [TestCase("0.0000000000000000000001", 1e-22)]
    [TestCase("000000000000000000001.5", 1.5)] // leading zeros are not significant digits
    public void PlainDecimalsTakeTheFastPath(string s, double expected)
    {
        Assert.That(InvariantNumber.TryParsePlainDecimal(s, out double v), Is.True);
        Assert.That(BitConverter.DoubleToInt64Bits(v), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)));
    }

    // Beyond the exactness conditions or outside the plain syntax: left to the general parser (or rejected by it).
    [TestCase("1234567890123456")]          // 16 significant digits
    [TestCase("0.00000000000000000000001")] // 23 places
    [TestCase("1e3")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("0,5")]
    [TestCase("1,000")]
    [TestCase("1.2.3")]
    [TestCase(".")]
    [TestCase("-")]
    [TestCase("")]
    [TestCase("NaN")]
    [TestCase("١٢")] // Arabic-Indic digits
    public void OtherTextIsLeftToTheGeneralParser(string s) =>
        Assert.That(InvariantNumber.TryParsePlainDecimal(s, out _), Is.False);

    /// <summary>The public syntax is unchanged by the fast path: blanks and exponents still parse, separators do not.</summary>
    [TestCase(" 12.5 ", true, 12.5)]
    [TestCase("1e3", true, 1000.0)]
    [TestCase("0,5", false, 0.0)]
    [TestCase("1,000", false, 0.0)]
    public void TryParseKeepsItsSyntax(string s, bool ok, double expected)
    {
        Assert.That(InvariantNumber.TryParse(s, out double v), Is.EqualTo(ok));
        if (ok) Assert.That(v, Is.EqualTo(expected));
    }
}
