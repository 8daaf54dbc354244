using System.Xml.Linq;
using AirspaceSim.Reports;
using AirspaceSim.Simulation;
using MathNet.Numerics.Distributions;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>The charts: size, content and order; the percentiles against hand-worked values and a known distribution.</summary>
public class ChartsTests
{
    private static readonly ImageOptions Size = new() { WidthPx = 700, HeightPx = 450 };
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static List<string> Texts(byte[] svg) =>
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg)).Descendants(Ns + "text").Select(t => t.Value.Trim()).ToList();

    [Test]
    public void ExtraMinutesByRoute_BarsSortedLargestFirst()
    {
        var r = ReportFixtures.Svzm2025;
        var png = Charts.ExtraMinutesByRoute(r, ImageFormat.Png, Size);
        Assert.That(ImageStats.PngSize(png), Is.EqualTo((700, 450)));
        using (var bmp = ImageStats.Decode(png))
            Assert.That(ImageStats.CountNear(bmp, SKColor.Parse("#e07b00")), Is.GreaterThan(2000), "orange bars");
        // The route labels read top to bottom in decreasing extra minutes, as the result's groups give them.
        var expected = r.Group(GroupBy.Route).Where(g => g.Totals.ExtraMinutes != 0)
            .OrderByDescending(g => g.Totals.ExtraMinutes).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        Assert.That(expected, Has.Count.GreaterThan(5));
        // Each SVG text is placed by transform="translate(x y)": read top to bottom.
        var labels = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Charts.ExtraMinutesByRoute(r, ImageFormat.Svg, Size)))
            .Descendants(Ns + "text").Where(t => expected.Contains(t.Value.Trim()))
            .OrderBy(t => double.Parse(((string)t.Attribute("transform")!).Split(' ', '(', ')')[2], System.Globalization.CultureInfo.InvariantCulture))
            .Select(t => t.Value.Trim()).ToList();
        Assert.That(labels, Is.EqualTo(expected));
    }

    [Test]
    public void ExtraCostByOperator_HasEveryOperatorWithACost()
    {
        var r = ReportFixtures.Svzm2025;
        var operators = r.Group(GroupBy.Operator).Where(g => g.Totals.ExtraCostUsd != 0).Select(g => g.Key).ToList();
        var texts = Texts(Charts.ExtraCostByOperator(r, ImageFormat.Svg, Size));
        Assert.That(texts.Intersect(operators), Is.EquivalentTo(operators));
        Assert.That(texts, Does.Contain("extra cost, US$"));
    }

    [Test]
    public void Charts_AreTheSameWhateverTheCallersCulture()
    {
        // ScottPlot formats its numeric tick labels in the current culture: a consumer running in de-DE got "2.000" on
        // the cost axis where the tables say 2,000 (found auditing issue 11 with the CLI in LANG=de_DE). The tests run
        // with invariant globalization, so the caller's culture is a modified clone of the invariant one (de-DE's
        // separators), which the invariant mode allows. SVG bytes are not compared: ScottPlot numbers its clip paths
        // per process, so two renders differ in those ids; their texts and the PNG bytes must not.
        var r = ReportFixtures.Svzm2025;
        var german = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberGroupSeparator = ".";
        german.NumberFormat.NumberDecimalSeparator = ",";
        var invariantTexts = Texts(Charts.ExtraCostByOperator(r, ImageFormat.Svg, Size));
        byte[] invariantPng = Charts.ExtraCostByOperator(r, ImageFormat.Png, Size);
        Assert.That(invariantTexts, Has.Some.Matches(@"^\d{1,3}(,\d{3})+$"), "the premise: a tick label with a thousands separator");
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = german;
            Assert.That(Texts(Charts.ExtraCostByOperator(r, ImageFormat.Svg, Size)), Is.EqualTo(invariantTexts));
            Assert.That(Charts.ExtraCostByOperator(r, ImageFormat.Png, Size), Is.EqualTo(invariantPng));
            Assert.That(System.Globalization.CultureInfo.CurrentCulture, Is.SameAs(german), "the caller's culture is restored");
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = saved; }
    }

    [Test]
    public void Percentiles_AreR7AsTheMonteCarloTables_HandWorked()
    {
        // R-7: h = (N − 1) p + 1, x = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋); for 1..20: h = 1.95, 10.5, 19.05.
        var p = Percentiles.Of(Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList());
        Assert.That(p.P5, Is.EqualTo(1.95).Within(1e-12));
        Assert.That(p.P50, Is.EqualTo(10.5).Within(1e-12));
        Assert.That(p.P95, Is.EqualTo(19.05).Within(1e-12));
        Assert.Throws<ArgumentException>(() => Percentiles.Of([]));
        Assert.Throws<ArgumentException>(() => Percentiles.Of([1, double.NaN]));
    }

    [Test]
    public void CostDistribution_OfSyntheticDraws_MarksThePercentiles()
    {
        // 4,000 draws of N(120,000, 15,000): P5 and P95 lie at μ ∓ 1.645 σ (standard error about 0.03 σ).
        var rng = new Random(20251121);
        var samples = Enumerable.Range(0, 4000).Select(_ => Normal.Sample(rng, 120_000, 15_000)).ToList();
        var p = Percentiles.Of(samples);
        Assert.That(p.P5, Is.EqualTo(120_000 - 1.645 * 15_000).Within(0.15 * 15_000));
        Assert.That(p.P50, Is.EqualTo(120_000).Within(0.1 * 15_000));
        Assert.That(p.P95, Is.EqualTo(120_000 + 1.645 * 15_000).Within(0.15 * 15_000));
        var png = Charts.CostDistribution(samples, p, "Monte Carlo: total extra cost", ImageFormat.Png, Size);
        Assert.That(ImageStats.PngSize(png), Is.EqualTo((700, 450)));
        using (var bmp = ImageStats.Decode(png))
        {
            Assert.That(ImageStats.CountNear(bmp, SKColor.Parse("#9bb7d4")), Is.GreaterThan(5000), "histogram bars");
            Assert.That(ImageStats.CountNear(bmp, SKColor.Parse("#d62728")), Is.GreaterThan(300), "the P50 line");
        }
        var texts = Texts(Charts.CostDistribution(samples, p, "Monte Carlo: total extra cost", ImageFormat.Svg, Size));
        Assert.That(texts.Count(t => t.StartsWith("P5 ", StringComparison.Ordinal) || t.StartsWith("P50 ", StringComparison.Ordinal) || t.StartsWith("P95 ", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(texts, Does.Contain("Monte Carlo: total extra cost"));
        Assert.Throws<ArgumentException>(() => Charts.CostDistribution([], p, "x", ImageFormat.Png, Size));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.CostDistribution(samples, p, "x", ImageFormat.Png, new ImageOptions { WidthPx = 10 }));
    }
}
