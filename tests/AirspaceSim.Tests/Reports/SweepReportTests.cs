using System.Globalization;
using System.Text.RegularExpressions;
using AirspaceSim.Reports;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Reports;

/// <summary>The HTML report of a sweep (<c>whatif --sweep NAME=V1,... --format html</c>): one sweep-table row per value, in
/// order, with the totals the CSV writer prints; the chart; the chosen point's map and tables.</summary>
public class SweepReportTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Values = "0.5,0.71,1.0";

    // The page as the CLI writes it, and the same sweep as CSV, made once for these tests.
    private static readonly Lazy<(string Path, string Csv)> Cli = new(() =>
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("airspacesim-sweep-html-").FullName, "sweep.html");
        var r = CliRunner.Run("whatif", "--sweep", "fuel-price=" + Values, "--format", "html", "--out", path);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Is.Empty, "the report goes to --out only");
        var csv = CliRunner.Run("whatif", "--sweep", "fuel-price=" + Values, "--format", "csv");
        Assert.That(csv.Exit, Is.EqualTo(0), csv.ToString());
        return (path, csv.Out);
    });

    // The same sweep through the library (the flights of each point for the per-point checks).
    private static readonly Lazy<SweepResult> Sweep = new(() =>
    {
        var options = new SimulationOptions { CostModel = PerformanceCostModel.Default };
        var s = BundledScenarios.Load("svzm-2025-11", new ScenarioReadOptions { CostModel = options.CostModel });
        return Sweeps.Run(s, options, SweepParameter.FuelPriceUsdPerKg, [0.5, 0.71, 1.0]);
    });

    [OneTimeTearDown]
    public void RemoveThePage()
    {
        if (!Cli.IsValueCreated) return;
        try { Directory.Delete(Path.GetDirectoryName(Cli.Value.Path)!, recursive: true); } catch (IOException) { }
    }

    /// <summary>The cells' texts of each row of the tbody of table <paramref name="id"/>.</summary>
    private static List<string[]> Rows(string html, string id)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{id}\"[^>]*>.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.That(table.Success, $"table {id}");
        return Regex.Matches(table.Groups[1].Value, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => Regex.Matches(m.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => System.Net.WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray()).ToList();
    }

    [Test]
    public void CliSweepHtml_OneRowPerValue_InOrder_WithTheCsvTotals_SelfContained()
    {
        var (path, csv) = Cli.Value;
        string html = File.ReadAllText(path);
        var rows = Rows(html, HtmlReport.SweepTableId);
        Assert.That(HtmlReportTests.TableRows(html, HtmlReport.SweepTableId), Is.EqualTo(3));
        // The CSV writer (Sweeps.WriteCsv) prints the same grid: value first, extraCostUsd last, exact decimals.
        var lines = csv.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4), csv);
        var header = lines[0].Split(',');
        int km = Array.IndexOf(header, "extraKm"), cost = Array.IndexOf(header, "extraCostUsd");
        for (int i = 0; i < 3; i++)
        {
            var c = lines[i + 1].Split(',');
            Assert.That(double.Parse(rows[i][0], Inv), Is.EqualTo(double.Parse(c[0], Inv)), $"row {i} value");
            Assert.That(rows[i][^1], Is.EqualTo(decimal.Parse(c[cost], Inv).ToString("F2", Inv)), $"row {i} extra cost");
            Assert.That(rows[i][3], Is.EqualTo(decimal.Parse(c[km], Inv).ToString("F1", Inv)), $"row {i} extra km");
        }
        // Fuel price changes the cost, not the routes: extra cost strictly rises with the price, extra km stays.
        var costs = rows.Select(r => decimal.Parse(r[^1], Inv)).ToList();
        Assert.That(costs[0], Is.LessThan(costs[1]));
        Assert.That(costs[1], Is.LessThan(costs[2]));
        Assert.That(rows.Select(r => r[3]).Distinct().Count(), Is.EqualTo(1));

        HtmlReportTests.AssertSelfContained(html, svgs: 4); // the sweep chart, the map and two charts
        Assert.That(html, Does.Contain("svzm-2025-11: sweep of fuel-price"), "the sweep chart's title");
        Assert.That(html, Does.Contain("<h2>Map (fuel-price = 0.5 USD/kg)</h2>").And.Contain("class=\"flown-route\""));
        Assert.That(HtmlReportTests.TableRows(html, HtmlReport.FlightTableId), Is.EqualTo(ReportFixtures.Svzm2025.Flights.Count));
        Assert.That(html, Does.Contain("Assumptions and model limits").And.Contain(HtmlReport.ModelLimits));
        foreach (var g in Enum.GetValues<GroupBy>()) Assert.That(html, Does.Contain($"<h3>By {SimulationReport.Text(g)}</h3>"));
    }

    [Test]
    public void CliSweepHtml_RendersInHeadlessChromium_NotBlank_OneDomRowPerValue()
    {
        string dom = HeadlessChromium.DomOfAPageThatIsNotBlank(Cli.Value.Path, 1280, 1600);
        Assert.That(HtmlReportTests.TableRows(dom, HtmlReport.SweepTableId), Is.EqualTo(3), "sweep rows in the DOM Chromium built");
        Assert.That(HtmlReportTests.TableRows(dom, HtmlReport.FlightTableId), Is.EqualTo(ReportFixtures.Svzm2025.Flights.Count));
    }

    [Test]
    public void SweepReport_ShowsTheChosenPoint_AndEveryFlightWhoseCostChanges()
    {
        var sweep = Sweep.Value;
        string html = HtmlReport.Write(sweep, new HtmlReportOptions { SweepPointIndex = 2 });
        Assert.That(html, Does.Contain("<h2>Map (fuel-price = 1 USD/kg)</h2>"));
        var shown = Regex.Matches(Regex.Match(html, "id=\"sweep\".*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr( class=\"shown\")?>").Select(m => m.Groups[1].Success).ToList();
        Assert.That(shown, Is.EqualTo(new[] { false, false, true }));
        // The flight table is point 2's: each row's extra cost is that flight's at 1 US$/kg.
        var flights = Rows(html, HtmlReport.FlightTableId);
        var at1 = sweep.Points[2].Result.Flights;
        Assert.That(flights.Select(r => r[10]), Is.EqualTo(at1.Select(f => f.ExtraCostUsd.ToString("F2", Inv))));
        Assert.That(at1.Zip(sweep.Points[0].Result.Flights).Any(p => p.First.ExtraCostUsd != p.Second.ExtraCostUsd), "the price matters");
        // A flight's cost moves with the fuel price exactly when it burns extra fuel (cancelled and unaffected flights have none).
        int burning = sweep.Points[0].Result.Flights.Count(f => f.ExtraFuelKg != 0);
        Assert.That(burning, Is.GreaterThan(0));
        var changing = Rows(html, "sweep-flights");
        Assert.That(changing, Has.Count.EqualTo(burning));
        Assert.That(changing.Select(r => r[0]), Is.EquivalentTo(sweep.Points[0].Result.Flights.Where(f => f.ExtraFuelKg != 0).Select(f => f.Flight.Id)));
        Assert.That(changing[0], Has.Length.EqualTo(2 + 3 * 3), "flight, route, then outcome, minutes and cost per value");
    }

    [Test]
    public void SweepReport_RefusesAPointNotInTheSweep()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HtmlReport.Write(Sweep.Value, new HtmlReportOptions { SweepPointIndex = 3 }));
        Assert.That(e!.Message, Does.Contain("SweepPointIndex 3").And.Contain("0–2"));
        Assert.Throws<ArgumentException>(() => HtmlReport.Write(new SweepResult(SweepParameter.BufferNm, []), new HtmlReportOptions()));
    }

    [Test]
    public void SweepReport_EncodesEveryText()
    {
        var evil = ReportFixtures.WithMarkupInEveryText();
        // Two points that differ in one flight's cost and in one assumption, so the per-flight and the varying-assumption lists show.
        var other = evil with
        {
            Flights = evil.Flights.Select((f, i) => i == 0 ? f with { ExtraCostUsd = f.ExtraCostUsd + 1 } : f).ToList(),
            Assumptions = [.. evil.Assumptions, "p<q"],
        };
        var html = HtmlReport.Write(new SweepResult(SweepParameter.FuelPriceUsdPerKg, [new SweepPoint(0.5, evil), new SweepPoint(1, other)]), new HtmlReportOptions());
        ReportFixtures.AssertMarkupEncoded(html);
        Assert.That(html, Does.Not.Contain("p<q").And.Contain("p&lt;q"), "the assumption only the second point has");
        Assert.That(Rows(html, "sweep-flights").Select(x => x[0]), Is.EqualTo(new[] { "<i>x</i>" }), "decoded, the one flight that changes");
    }
}
