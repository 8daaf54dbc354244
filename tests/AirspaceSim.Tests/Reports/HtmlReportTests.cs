using System.Diagnostics;
using System.Text.RegularExpressions;
using AirspaceSim.Reports;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;
using SkiaSharp;

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

    private static int FlightRows(string html)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{HtmlReport.FlightTableId}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.That(table.Success, "the flight table is in the page");
        var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.That(body.Success, "the flight table has a tbody");
        return Regex.Matches(body.Groups[1].Value, "<tr[\\s>]").Count;
    }

    [Test]
    public void Report_IsSelfContained_WithEverySection_AndOneRowPerFlight()
    {
        var html = File.ReadAllText(Page.Value);
        var r = ReportFixtures.Svzm2025;
        Assert.That(FlightRows(html), Is.EqualTo(r.Flights.Count));
        // Nothing from the network: no external script, style sheet, font or image (links in the sources are text).
        Assert.That(html, Does.Not.Match("<script[^>]+src|<link|<img|@import|@font-face|url\\(\\s*['\"]?(https?:)?//"));
        Assert.That(Regex.Matches(html, "<svg").Count, Is.EqualTo(3), "map and two charts inline");
        Assert.That(html, Does.Contain("class=\"flown-route\"").And.Contain("Assumptions and model limits").And.Contain(HtmlReport.ModelLimits));
        foreach (var a in r.Assumptions) Assert.That(html, Does.Contain(System.Net.WebUtility.HtmlEncode(a)));
        foreach (var g in Enum.GetValues<GroupBy>()) Assert.That(html, Does.Contain($"<h3>By {SimulationReport.Text(g)}</h3>"));
        Assert.That(html, Does.Contain(r.Totals.ExtraCostUsd.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
        // The inlined SVGs' ids are unique on the page (ScottPlot numbers them the same in every image).
        var ids = Regex.Matches(html, "(?<![\\w-])id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(ids, Is.Unique);
        foreach (Match m in Regex.Matches(html, "url\\(#([^)]+)\\)")) Assert.That(ids, Does.Contain(m.Groups[1].Value));
    }

    [Test]
    public void Report_EncodesEveryText()
    {
        // Three flights of the scenario (a small map is quick to draw), with markup in every kind of text.
        var r = ReportFixtures.Svzm2025;
        r = r with { Flights = r.Flights.Where(f => f.Flight.Origin is "CUR" or "AUA").Take(3).ToList() };
        var evil = r with
        {
            Scenario = r.Scenario with { Name = "a<b>&\"c\"", Description = "<script>alert(1)</script>", Assumptions = ["x<y"] },
            Flights = r.Flights.Select((f, i) => i == 0 ? f with { Flight = f.Flight with { Id = "<i>x</i>", Airline = "A&B" }, Reason = "1 < 2" } : f).ToList(),
        };
        var html = HtmlReport.Write([evil]);
        Assert.That(html, Does.Not.Contain("<script>alert").And.Not.Contain("<i>x</i>").And.Not.Contain("a<b>"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("&lt;i&gt;x&lt;/i&gt;").And.Contain("A&amp;B").And.Contain("1 &lt; 2").And.Contain("x&lt;y"));
        Assert.That(FlightRows(html), Is.EqualTo(r.Flights.Count));
    }

    [Test]
    public void Cli_WhatIfHtml_NeedsOut() => CliRunner.AssertUserError(CliRunner.Run("whatif", "--format", "html"), "--out");

    [Test]
    public void Report_RendersInHeadlessChromium_NotBlank_OneDomRowPerFlight()
    {
        string? chromium = new[] { "chromium", "chromium-browser", "google-chrome" }.Select(FindOnPath).FirstOrDefault(p => p != null);
        if (chromium == null) Assert.Ignore("headless Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it when apt-get is available)");
        string page = Page.Value, dir = Path.GetDirectoryName(page)!;
        try
        {
            string shot = Path.Combine(dir, "shot.png");
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                $"--user-data-dir={Path.Combine(dir, "profile")}", "--window-size=1280,1600"];
            var (exit, dom, err) = Run(chromium!, [.. common, "--dump-dom", new Uri(page).AbsoluteUri]);
            if (exit != 0 || dom.Length == 0) Assert.Ignore($"Chromium cannot run here (exit {exit}): {err.Trim().Split('\n').LastOrDefault()}");
            Assert.That(FlightRows(dom), Is.EqualTo(ReportFixtures.Svzm2025.Flights.Count), "rows in the DOM Chromium built");
            (exit, _, err) = Run(chromium!, [.. common, $"--screenshot={shot}", new Uri(page).AbsoluteUri]);
            Assert.That(exit, Is.EqualTo(0), err);
            var png = File.ReadAllBytes(shot);
            Assert.That(ImageStats.PngSize(png), Is.EqualTo((1280, 1600)));
            using var bmp = ImageStats.Decode(png);
            Assert.That(ImageStats.DistinctColours(bmp), Is.GreaterThan(20), "text, tables and the map");
            Assert.That(ImageStats.NonBackgroundFraction(bmp, SKColors.White, 0.0, 1.0), Is.GreaterThan(0.1), "not a blank page");
        }
        finally
        {
            try { Directory.Delete(Path.Combine(dir, "profile"), recursive: true); } catch (IOException) { }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static (int Exit, string Out, string Err) Run(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Ignore("Chromium did not finish within 120 s on this machine");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
