using System.Globalization;
using AirspaceSim.Geodesy;
using FsCheck;
using FsCheck.Fluent;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// Numbers and values on the command line: one invariant number syntax that rejects group separators, every option
/// value checked against a stated range, every missing value an error (issue 8).
/// </summary>
[TestFixture]
public class CliInputTests
{
    // ---- the shared number syntax ----

    [TestCase("0.5", 0.5)]
    [TestCase(" -12.25 ", -12.25)]
    [TestCase("+3", 3)]
    [TestCase("1e3", 1000)]
    [TestCase("1E-3", 0.001)]
    [TestCase(".5", 0.5)]
    [TestCase("-0", 0)]
    public void InvariantNumber_Accepts(string text, double expected)
    {
        Assert.That(InvariantNumber.TryParse(text, out double x), Is.True);
        Assert.That(x, Is.EqualTo(expected));
    }

    [TestCase("0,5", "use a decimal point, e.g. 0.5")]
    [TestCase("1,000", "no thousands separators")]
    [TestCase("1,000,000", "no thousands separators")]
    // Grouped in threes, one comma: one thousand or one, so the hint gives both readings and guesses neither.
    [TestCase("1,000", "write 1000 if the comma groups thousands, or 1.000 if it is a decimal comma")]
    [TestCase("-12,500", "write -12500 if the comma groups thousands, or -12.500 if it is a decimal comma")]
    // Several groups, or a point after the group: only thousands separators can be meant.
    [TestCase("1,000,000", "no thousands separators, e.g. 1000000")]
    [TestCase("12,345.5", "no thousands separators, e.g. 12345.5")]
    // Not grouped in threes: a decimal comma.
    [TestCase("12,5", "use a decimal point, e.g. 12.5")]
    [TestCase("1234,567", "use a decimal point, e.g. 1234.567")]
    [TestCase("NaN", "'NaN' is not a finite number")]
    [TestCase("Infinity", "not a finite number")]
    [TestCase("-Infinity", "not a finite number")]
    [TestCase("1e999", "'1e999' is not a finite number")]
    [TestCase("", "empty value")]
    [TestCase("abc", "'abc' is not a number")]
    [TestCase("0x10", "is not a number")]
    [TestCase("$5", "is not a number")]
    [TestCase("1 000", "is not a number")]
    [TestCase("5NM", "is not a number")]
    public void InvariantNumber_Rejects(string text, string why)
    {
        Assert.That(InvariantNumber.TryParse(text, out _), Is.False);
        Assert.That(InvariantNumber.Problem(text), Does.Contain(why));
    }

    [Test]
    public void InvariantNumber_QuotesAtMostAShortPrefix()
    {
        var junk = new string('x', 1_000_000);
        string why = InvariantNumber.Problem(junk);
        Assert.That(why.Length, Is.LessThan(200));
        Assert.That(why, Does.Contain("'" + new string('x', InvariantNumber.MaxQuotedChars) + "...'"));
    }

    /// <summary>Every finite double's round-trip text reads back exactly; with its point turned into a comma (what a
    /// comma-decimal locale would write) it is rejected, never read as another number.</summary>
    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property InvariantNumber_RoundTripsAndRejectsDecimalCommas() => Prop.ForAll(
        ArbMap.Default.ArbFor<NormalFloat>(), f =>
        {
            double x = f.Get;
            string text = x.ToString("R", CultureInfo.InvariantCulture);
            bool back = InvariantNumber.TryParse(text, out double y) && y.Equals(x);
            string comma = text.Replace('.', ',');
            bool rejected = comma == text || !InvariantNumber.TryParse(comma, out _);
            return (back && rejected).Label($"{text}: read back {back}, comma form rejected {rejected}");
        });

    [Test]
    public void OptionValuesDoNotDependOnTheCurrentCulture()
    {
        var expected = Run("route", "AMS", "CUR", "--buffer-nm", "12.5", "--format", "json");
        Assert.That(expected.Exit, Is.EqualTo(0), expected.ToString());
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // A comma-decimal culture made by hand (the test host may run in globalization-invariant mode, without ICU).
            var commaDecimal = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commaDecimal.NumberFormat.NumberDecimalSeparator = ",";
            commaDecimal.NumberFormat.NumberGroupSeparator = ".";
            foreach (var culture in new[] { commaDecimal, CultureInfo.InvariantCulture })
            {
                CultureInfo.CurrentCulture = culture;
                var r = Run("route", "AMS", "CUR", "--buffer-nm", "12.5", "--format", "json");
                Assert.That(r.Out, Is.EqualTo(expected.Out));
                AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", "12,5"), "--buffer-nm", "'12,5' is not a number");
            }
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    // ---- option values on the command line ----

    [Test]
    public void DecimalComma_IsAnErrorNamingTheOptionAndTheAcceptedForm()
    {
        var line = AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", "0,5"));
        Assert.That(line, Is.EqualTo("airspacesim: error: --buffer-nm: '0,5' is not a number; use a decimal point, e.g. 0.5, and no thousands separators"));
        AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", "1,000"), "--buffer-nm", "'1,000' is not a number", "no thousands separators");
        AssertUserError(Run("batch", "-", "--buffer-nm", "2,5"), "--buffer-nm", "'2,5'", "e.g. 2.5");
    }

    [TestCase("abc")]
    [TestCase("lots")]
    [TestCase("25nm")]
    public void NonNumber_NamesOptionValueAndForm_NotTheDotNetType(string value)
    {
        var line = AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", value), "--buffer-nm", $"'{value}' is not a number", "e.g.");
        Assert.That(line, Does.Not.Contain("System.Double").And.Not.Contain("Cannot parse"));
    }

    [TestCase("-1", "-1 is outside [1, 10000000]")]
    [TestCase("0", "0 is outside [1, 10000000]")]
    [TestCase("10000001", "outside [1, 10000000]")]
    [TestCase("abc", "'abc' is not a whole number")]
    [TestCase("1e3", "'1e3' is not a whole number")]
    [TestCase("2.5", "'2.5' is not a whole number")]
    [TestCase("1,000", "is not a whole number")]
    [TestCase("99999999999", "99999999999 is outside [1, 10000000]")] // the option's range, not int's
    public void BenchMinRoutes_OutsideItsRange_IsAnError(string value, string why)
    {
        var line = AssertUserError(Run("bench", "--min-routes", value), "--min-routes", why);
        Assert.That(line, Does.Not.Contain("System.Int32"));
    }

    [Test]
    public void BufferAtTheStatedLimits()
    {
        // 0 and 600 NM are accepted (600 NM < 10° of arc); just above is not, and the message says why.
        AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", "600.001"), "--buffer-nm", "600.001 is outside [0, 600] NM", "10° of arc");
        AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", "-0.001"), "-0.001 is outside [0, 600] NM");
        var zero = Run("route", "AMS", "CUR", "--buffer-nm", "-0", "--format", "json");
        Assert.That(zero.Out, Is.EqualTo(Run("route", "AMS", "CUR", "--format", "json").Out), "-0 is 0");
    }

    [Test]
    public void RepeatedOptionWithoutValue_IsAnError()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM", "--closed"), "--closed", "has no value");
        AssertUserError(Run("route", "AMS", "CUR", "--closed"), "--closed");
        AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm"), "--buffer-nm");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces"), "--airspaces");
    }

    [Test]
    public void ClosedTakesOneListPerOccurrence_NotTheRouteEnds()
    {
        // With several values per occurrence, "--closed SVZM AMS CUR" took AMS and CUR as airspace ids.
        var before = Run("route", "--closed", "SVZM", "AMS", "CUR", "--format", "json");
        Assert.That(before.Exit, Is.EqualTo(0), before.ToString());
        Assert.That(before.Out, Is.EqualTo(Run("route", "AMS", "CUR", "--format", "json").Out));
        var both = Run("route", "AMS", "CUR", "--closed", "SVZM", "--closed", "TNCF", "--format", "json");
        Assert.That(both.Out, Is.EqualTo(Run("route", "AMS", "CUR", "--closed", "SVZM,TNCF", "--format", "json").Out));
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM", "TNCF"), "'TNCF'");
    }
}
