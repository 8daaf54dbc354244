using System.Globalization;
using AirspaceSim.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// The short paths of the what-if CSV's number and instant formatting (<see cref="SimulationReport.CsvRow"/>) against
/// .NET's general formatting (the independent reference, and what the CSV wrote before): the same characters for every
/// value, the edges (negative zero, midpoints, huge, NaN, infinite, scales beyond 19, 96-bit decimals) included.
/// </summary>
public class SimulationReportCsvTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Km(double v)
    {
        var row = new SimulationReport.CsvRow();
        row.Km(v);
        return new string(row.Chars);
    }

    private static string Dec(decimal d)
    {
        Span<char> b = stackalloc char[64];
        return new string(b[..SimulationReport.FormatDecimal(d, b)]);
    }

    private static string Instant(DateTime t)
    {
        Span<char> b = stackalloc char[64];
        return new string(b[..SimulationReport.FormatInstant(t, b)]);
    }

    // Doubles as km figures come (0 to 40,000 with any fraction) and across every magnitude and bit pattern.
    private static readonly Gen<double> Doubles = Gen.OneOf(
        from k in Gen.Choose(0, 400_000) from f in Gen.Choose(-1000, 1000) select k / 10.0 + f * 1e-5,
        from k in Gen.Choose(-2_000_000, 2_000_000) select k / 20.0, // exact midpoints of 0.1 (x.x5) and their neighbours
        from bits in Gen.Choose(int.MinValue, int.MaxValue) from bits2 in Gen.Choose(int.MinValue, int.MaxValue)
        select BitConverter.Int64BitsToDouble((long)bits << 32 | (uint)bits2),
        from m in Gen.Choose(-1_000_000, 1_000_000) from e in Gen.Choose(-30, 20) select m * Math.Pow(10, e));

    /// <summary>Km: as <c>Math.Round(v, 1).ToString("F1")</c> for any double.</summary>
    [FsCheck.NUnit.Property(MaxTest = 50000)]
    public Property KmIsTheGeneralF1() => Prop.ForAll(Arb.From(Doubles), v => Km(v) == Math.Round(v, 1).ToString("F1", Inv));

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(-0.04)]
    [TestCase(-0.05)]
    [TestCase(0.05)]
    [TestCase(0.15)]
    [TestCase(0.25)]
    [TestCase(1508.04999999999)]
    [TestCase(12345.65)]
    [TestCase(99999999999999.9)]
    [TestCase(1e14)]
    [TestCase(1e16)]
    [TestCase(1e300)]
    [TestCase(-1e300)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(double.Epsilon)]
    [TestCase(double.MaxValue)]
    public void KmEdgesAreTheGeneralF1(double v) => Assert.That(Km(v), Is.EqualTo(Math.Round(v, 1).ToString("F1", Inv)));

    // Decimals of every scale (0-28), sign and size (32, 64 and 96 bits), as the cost model's sums and products give them.
    private static readonly Gen<decimal> Decimals =
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Choose(int.MinValue, int.MaxValue)
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from size in Gen.Choose(0, 3)
        from negative in Gen.Elements(true, false)
        from scale in Gen.Choose(0, 28)
        select new decimal(size == 0 ? 0 : lo, size >= 2 ? mid : 0, size == 3 ? hi : 0, negative, (byte)scale);

    /// <summary>Decimals: as <c>decimal.ToString(Inv)</c>.</summary>
    [FsCheck.NUnit.Property(MaxTest = 50000)]
    public Property DecimalIsTheGeneralText() => Prop.ForAll(Arb.From(Decimals), d => Dec(d) == d.ToString(Inv));

    [Test]
    public void DecimalEdgesAreTheGeneralText()
    {
        decimal[] edges =
        [
            0m, 0.00m, -0m, new decimal(0, 0, 0, true, 2), 1m, -1m, 0.1m, -0.001m, 1.50m, 123.4500m, decimal.MaxValue, decimal.MinValue,
            new decimal(-1, -1, 0, false, 19), new decimal(-1, -1, 0, true, 19), new decimal(-1, -1, 0, false, 20), new decimal(1, 0, 0, false, 28),
            new decimal(0, 0, 1, false, 0), 12345.678m * 1.0000m, 0.5m / 3m,
        ];
        foreach (var d in edges) Assert.That(Dec(d), Is.EqualTo(d.ToString(Inv)), d.ToString(Inv));
    }

    private static readonly Gen<DateTime> Instants =
        from a in Gen.Choose(0, int.MaxValue)
        from b in Gen.Choose(0, int.MaxValue)
        from scale in Gen.Elements(TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond, 1L, TimeSpan.TicksPerDay)
        let ticks = ((long)a << 31 | (uint)b) % (DateTime.MaxValue.Ticks + 1)
        select new DateTime(ticks - ticks % scale, DateTimeKind.Utc);

    /// <summary>Instants (to the minute, second or tick, years 1-9999): as <see cref="ScenarioJson.Instant(DateTime)"/>.</summary>
    [FsCheck.NUnit.Property(MaxTest = 20000)]
    public Property InstantIsTheScenarioText() => Prop.ForAll(Arb.From(Instants), t => Instant(t) == ScenarioJson.Instant(t));

    [Test]
    public void InstantEdgesAreTheScenarioText()
    {
        DateTime[] edges =
        [
            DateTime.MinValue, DateTime.MaxValue, new(1, 1, 1, 0, 1, 0, DateTimeKind.Utc), new(9999, 12, 31, 23, 59, 0, DateTimeKind.Utc),
            new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc), new(2025, 11, 24, 0, 0, 1, DateTimeKind.Utc), new(2025, 11, 24, 0, 0, 0, 1, DateTimeKind.Utc),
            new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc).AddTicks(1), new(999, 2, 3, 4, 5, 0, DateTimeKind.Utc),
        ];
        foreach (var t in edges) Assert.That(Instant(t), Is.EqualTo(ScenarioJson.Instant(t)), t.ToString("O", Inv));
    }

    /// <summary>Fields are quoted, and their quotes doubled, exactly when they hold a comma, quote or line break.</summary>
    [TestCase("R1", "R1")]
    [TestCase("55.6,49.2", "\"55.6,49.2\"")]
    [TestCase("a\"b", "\"a\"\"b\"")]
    [TestCase("a\nb", "\"a\nb\"")]
    [TestCase("a\rb", "\"a\rb\"")]
    [TestCase("\"", "\"\"\"\"")]
    [TestCase("", "")]
    public void FieldsAreQuotedAsCsvWants(string field, string written)
    {
        var row = new SimulationReport.CsvRow();
        row.Field(field);
        Assert.That(new string(row.Chars), Is.EqualTo(written));
    }

    /// <summary>A row longer than the row buffer's first size grows it and keeps every character.</summary>
    [Test]
    public void LongRowsGrowTheBuffer()
    {
        var row = new SimulationReport.CsvRow();
        string big = new('x', 1000);
        row.Field(big); row.Append(','); row.Field("a,b"); row.Km(1.25); row.Number(1.50m);
        Assert.That(new string(row.Chars), Is.EqualTo(big + ",\"a,b\"" + Math.Round(1.25, 1).ToString("F1", Inv) + "1.50"));
    }
}
