using System.Text.RegularExpressions;
using AirspaceSim.Reports;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Reports;

/// <summary>The HTML report: self-contained, encoded, one row per flight; rendered in headless Chromium where it can run.</summary>
public class HtmlReportTests
{
    // The page as the CLI writes it (whatif --format html), made once for these tests.
    private static readonly Lazy<string> Page = new(() =>
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("airspacesim-html-").FullName, "report.html");
        var r = CliRunner.Run("whatif", "--format", "html", "--out", path);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        return path;
    });

    [OneTimeTearDown]
    public void RemoveThePage()
    {
        if (!Page.IsValueCreated) return;
        try { Directory.Delete(Path.GetDirectoryName(Page.Value)!, recursive: true); } catch (IOException) { }
    }

    private static int FlightRows(string html) => TableRows(html, HtmlReport.FlightTableId);

    /// <summary>The rows in the tbody of the table with id <paramref name="id"/> (fails when there is no such table).</summary>
    internal static int TableRows(string html, string id)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{id}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.That(table.Success, $"the table {id} is in the page");
        var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.That(body.Success, $"the table {id} has a tbody");
        return Regex.Matches(body.Groups[1].Value, "<tr[\\s>]").Count;
    }

    [Test]
    public void Report_IsSelfContained_WithEverySection_AndOneRowPerFlight()
    {
        var html = File.ReadAllText(Page.Value);
        var r = ReportFixtures.Svzm2025;
        Assert.That(FlightRows(html), Is.EqualTo(r.Flights.Count));
        AssertSelfContained(html, svgs: 3); // the map and two charts
        // The scenario: one row per closure, with its airspaces and window.
        Assert.That(TableRows(html, HtmlReport.ClosureTableId), Is.EqualTo(r.Scenario.Closures.Count));
        foreach (var c in r.Scenario.Closures)
            Assert.That(html, Does.Contain($"<tr><td>{System.Net.WebUtility.HtmlEncode(c.Id)}</td>").And.Contain(c.StartUtc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        // The inline map is compacted (simplified to 0.35 px, path data at 0.1 px): 1.63 MB before, about 0.61 MB after.
        Assert.That(new FileInfo(Page.Value).Length, Is.LessThan(900_000), "the page's size");
        Assert.That(html, Does.Contain("class=\"flown-route\"").And.Contain("Assumptions and model limits").And.Contain(HtmlReport.ModelLimits));
        foreach (var a in r.Assumptions) Assert.That(html, Does.Contain(System.Net.WebUtility.HtmlEncode(a)));
        foreach (var g in Enum.GetValues<GroupBy>()) Assert.That(html, Does.Contain($"<h3>By {SimulationReport.Text(g)}</h3>"));
        Assert.That(html, Does.Contain(r.Totals.ExtraCostUsd.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Nothing from the network, <paramref name="svgs"/> inline SVGs, and ids unique on the page.</summary>
    internal static void AssertSelfContained(string html, int svgs)
    {
        // Nothing from the network: no external script, style sheet, font or image (links in the sources are text).
        Assert.That(html, Does.Not.Match("<script[^>]+src|<link|<img|<iframe|<object|<embed|@import|@font-face|url\\(\\s*['\"]?(https?:)?//|(src|href)=\"(https?:)?//"));
        Assert.That(Regex.Matches(html, "<svg").Count, Is.EqualTo(svgs), "inline SVGs");
        // The inlined SVGs' ids are unique on the page (ScottPlot numbers them the same in every image).
        var ids = Regex.Matches(html, "(?<![\\w-])id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(ids, Is.Unique);
        foreach (Match m in Regex.Matches(html, "url\\(#([^)]+)\\)")) Assert.That(ids, Does.Contain(m.Groups[1].Value));
    }

    [Test]
    public void Report_EncodesEveryText()
    {
        var evil = ReportFixtures.WithMarkupInEveryText();
        var html = HtmlReport.Write([evil]);
        ReportFixtures.AssertMarkupEncoded(html);
        Assert.That(FlightRows(html), Is.EqualTo(evil.Flights.Count));
    }

    [Test]
    public void Cli_WhatIfHtml_NeedsOut() => CliRunner.AssertUserError(CliRunner.Run("whatif", "--format", "html"), "--out");

    [Test]
    public void Report_RendersInHeadlessChromium_NotBlank_OneDomRowPerFlight()
    {
        string dom = HeadlessChromium.DomOfAPageThatIsNotBlank(Page.Value, 1280, 1600);
        Assert.That(FlightRows(dom), Is.EqualTo(ReportFixtures.Svzm2025.Flights.Count), "rows in the DOM Chromium built");
    }
}
