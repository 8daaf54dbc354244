using System.CommandLine;
using System.Globalization;
using AirspaceSim.Cli;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Simulation;

/// <summary><c>whatif --monte-carlo / --shard / --sweep</c> and <c>merge</c>, in-process with the test double.</summary>
public class MonteCarloCommandTests
{
    private string _dir = "";
    private string _scenario = "";

    [OneTimeSetUp]
    public void WriteScenario()
    {
        _dir = Path.Combine(Path.GetTempPath(), "airspacesim-mc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _scenario = Path.Combine(_dir, "mc.json");
        // No drawn margin: every CLI run builds its simulator, and a buffered planner is the costly part to build.
        File.WriteAllText(_scenario, ScenarioJson.Write(MonteCarloTests.Uncertain(Distribution.Uniform(0, 96), margin: false)));
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    private static CliResult Run(string[] args, bool terminal = false, CancellationToken cancel = default)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var io = new CliIO(new StringReader(""), output, error) { ErrIsTerminal = terminal, Cancellation = cancel };
        var root = new RootCommand { WhatIfCommand.Create(io, new InterimCostModel()), MergeCommand.Create(io) };
        var parse = root.Parse(args);
        int exit = parse.Errors.Count > 0 ? 2 : parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    [Test]
    public void ShardsMergedAreTheSingleRunsBytes_InEveryFormat()
    {
        var parts = new List<string>();
        foreach (var k in new[] { 2, 0, 1 })
        {
            string path = Path.Combine(_dir, $"part{k}.json");
            var r = Run(["whatif", _scenario, "--monte-carlo", "17", "--seed", "5", "--shard", $"{k}/3", "--out", path]);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            Assert.That(r.Out, Is.Empty);
            parts.Add(path);
        }
        foreach (var format in new[] { "table", "csv", "json" })
        {
            var single = Run(["whatif", _scenario, "--monte-carlo", "17", "--seed", "5", "--format", format]);
            Assert.That(single.Exit, Is.EqualTo(0), single.ToString());
            var merged = Run(["merge", .. parts, "--format", format]);
            Assert.That(merged.Exit, Is.EqualTo(0), merged.ToString());
            Assert.That(merged.Out, Is.EqualTo(single.Out), format);
        }
        var json = Run(["whatif", _scenario, "--monte-carlo", "17", "--seed", "5", "--format", "json"]).Json().GetProperty("monteCarlo");
        Assert.That(json.GetProperty("draws").GetInt32(), Is.EqualTo(17));
        Assert.That(json.GetProperty("percentiles").GetString(), Does.StartWith("R-7"));
        var flight = json.GetProperty("flights")[0];
        Assert.That(flight.GetProperty("id").GetString(), Is.EqualTo("CCS-PTY"));
        int cancelled = flight.GetProperty("outcomeDraws").GetProperty("cancelled").GetInt32();
        Assert.That(flight.GetProperty("outcomeProbability").GetProperty("cancelled").GetDecimal(), Is.EqualTo(Math.Round(cancelled / 17m, 4)));
        foreach (var key in new[] { "extraKm", "extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd", "cancelled" })
            foreach (var p in new[] { "mean", "p5", "p50", "p95" })
                Assert.That(json.GetProperty("totals").GetProperty(key).TryGetProperty(p, out _), Is.True, $"{key}.{p}");

        var missing = Run(["merge", parts[0], parts[1]]);
        Assert.That(missing.Exit, Is.EqualTo(2));
        Assert.That(missing.Err, Does.Contain("merge: missing shard 1/3"));
        var twice = Run(["merge", parts[0], parts[0], parts[1]]);
        Assert.That(twice.Err, Does.Contain($"{parts[0]} (shard 2/3) is given twice"));
        var notPartial = Run(["merge", _scenario]);
        Assert.That(notPartial.Exit, Is.EqualTo(2));
        Assert.That(notPartial.Err, Does.Contain($"{_scenario}:1:1: $: not a Monte Carlo partial"));
    }

    [Test]
    public void Sweep_FuelPrice_CostChangesByPriceTimesExtraFuel()
    {
        var r = Run(["whatif", _scenario, "--sweep", "fuel-price=0.5,1.5", "--format", "csv"]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.OutLines[0], Is.EqualTo("fuel-price,flights,unaffected,rerouted,rerouted-in-flight,diverted,cancelled,needs-tech-stop,error,extraKm,extraMinutes,extraFuelKg,extraCo2Kg,extraCostUsd"));
        var rows = r.OutLines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.That(rows.Select(c => c[0]), Is.EqualTo(new[] { "0.5", "1.5" }));
        decimal D(string[] c, int i) => decimal.Parse(c[i], CultureInfo.InvariantCulture);
        // The test double prices fuel × price + hours × hourly cost: the price step of 1 US$/kg adds 1 × the extra fuel
        // (the same route and fuel at both prices), within the per-flight rounding to the cent.
        Assert.That(D(rows[1], 11), Is.EqualTo(D(rows[0], 11)));
        Assert.That(D(rows[1], 13) - D(rows[0], 13), Is.EqualTo(1m * D(rows[0], 11)).Within(0.01m * 4));

        var table = Run(["whatif", _scenario, "--sweep", "buffer=0,25"]);
        Assert.That(table.Exit, Is.EqualTo(0), table.ToString());
        Assert.That(table.OutLines[0], Does.StartWith("mc-test: sweep of buffer (NM) over 2 values; 4 flights"));
        var json = Run(["whatif", _scenario, "--sweep", "speed-factor=0.9,1.1", "--format", "json"]).Json().GetProperty("sweep");
        Assert.That(json.GetProperty("parameter").GetString(), Is.EqualTo("speed-factor"));
        var pts = json.GetProperty("points");
        Assert.That(pts[1].GetProperty("plannersBuilt").GetInt32(), Is.Zero, "the second point shares the first's planners");
        Assert.That(pts[0].GetProperty("totals").GetProperty("extraMinutes").GetDecimal(), Is.GreaterThan(pts[1].GetProperty("totals").GetProperty("extraMinutes").GetDecimal()),
            "slower cruise, longer detours in minutes");
    }

    [TestCase(new[] { "--sweep", "fuel=1,2" }, "unknown sweep parameter 'fuel'; known: buffer, fuel-price, co2")]
    [TestCase(new[] { "--sweep", "buffer" }, "give NAME=V1,V2")]
    [TestCase(new[] { "--sweep", "buffer=0,x" }, "--sweep buffer:")]
    [TestCase(new[] { "--sweep", "wind=500" }, "sweep wind: value 500 is outside [0, 400] kt")]
    [TestCase(new[] { "--monte-carlo", "5", "--sweep", "buffer=1" }, "give one of them")]
    [TestCase(new[] { "--shard", "0/2" }, "give --monte-carlo N too")]
    [TestCase(new[] { "--monte-carlo", "5", "--shard", "2/2" }, "K must be in [0, N)")]
    [TestCase(new[] { "--monte-carlo", "5", "--shard", "a/b" }, "give K/N")]
    [TestCase(new[] { "--monte-carlo", "5", "--shard", "0/2", "--format", "csv" }, "--shard writes its partial result as JSON")]
    [TestCase(new[] { "--monte-carlo", "5", "--format", "geojson" }, "not with --monte-carlo")]
    public void Errors(string[] args, string fragment)
    {
        var r = Run(["whatif", _scenario, .. args]);
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Err, Does.Contain(fragment));
        Assert.That(r.Out, Is.Empty);
    }

    [Test]
    public void DrawCountOutOfRange_IsAUsageError()
    {
        var err = new StringWriter();
        int exit = CliApp.Run(["whatif", _scenario, "--monte-carlo", "0"], new CliIO(new StringReader(""), new StringWriter(), err));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err.ToString(), Does.Contain("--monte-carlo: 0 is outside [1, 10000000] (the number of draws)"));
    }

    [Test]
    public void CtrlC_StopsWithExit130AndSaysHowFarItGot()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = Run(["whatif", _scenario, "--monte-carlo", "20"], cancel: cts.Token);
        Assert.That(r.Exit, Is.EqualTo(130), r.ToString());
        Assert.That(r.ErrLines, Is.EqualTo(new[] { "airspacesim: cancelled after 0 of 20 draws" }));
        Assert.That(r.Out, Is.Empty);
        var plain = Run(["whatif", _scenario], cancel: cts.Token);
        Assert.That(plain.Exit, Is.EqualTo(130));
        Assert.That(plain.Err, Does.Match("cancelled after 0 of 4 flights"));
    }

    [Test]
    public void Progress_OnlyOnATerminalStderr_NeverOnStdout()
    {
        var redirected = Run(["whatif", _scenario, "--monte-carlo", "6"]);
        Assert.That(redirected.Exit, Is.EqualTo(0), redirected.ToString());
        Assert.That(redirected.Err, Is.Empty, "redirected: no progress");
        var terminal = Run(["whatif", _scenario, "--monte-carlo", "6"], terminal: true);
        Assert.That(terminal.Exit, Is.EqualTo(0), terminal.ToString());
        Assert.That(terminal.Out, Is.EqualTo(redirected.Out), "stdout is the same with a progress bar");
        Assert.That(terminal.Err, Does.Contain("draws"), "the bar names what it counts");
    }

    [Test]
    public void HelpListsTheSweepParameters()
    {
        var r = Run(["whatif", "--help"]);
        foreach (var name in new[] { "buffer (NM", "fuel-price", "wind (kt", "speed-factor", "co2", "--monte-carlo", "--seed", "--shard" })
            Assert.That(r.Out, Does.Contain(name));
    }

    [Test]
    public void MonteCarloAndSweepDrawTheirCharts_MarkingTheTablesPercentiles()
    {
        // The histogram marks the P5/P50/P95 that the json prints (one percentile definition for both).
        string svg = Path.Combine(_dir, "mc.svg"), png = Path.Combine(_dir, "sweep.png"), html = Path.Combine(_dir, "mc.html");
        var r = Run(["whatif", _scenario, "--monte-carlo", "12", "--seed", "3", "--format", "svg", "--out", svg]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Is.Empty);
        var cost = Run(["whatif", _scenario, "--monte-carlo", "12", "--seed", "3", "--format", "json"]).Json()
            .GetProperty("monteCarlo").GetProperty("totals").GetProperty("extraCostUsd");
        var texts = System.Xml.Linq.XDocument.Load(svg).Descendants((System.Xml.Linq.XNamespace)"http://www.w3.org/2000/svg" + "text").Select(t => t.Value.Trim()).ToList();
        foreach (var (label, field) in new[] { ("P5", "p5"), ("P50", "p50"), ("P95", "p95") })
            Assert.That(texts, Does.Contain($"{label} {cost.GetProperty(field).GetDecimal().ToString("N0", CultureInfo.InvariantCulture)}"), label);

        var sweep = Run(["whatif", _scenario, "--sweep", "buffer=0,25", "--format", "png", "--out", png, "--width", "640", "--height", "400"]);
        Assert.That(sweep.Exit, Is.EqualTo(0), sweep.ToString());
        Assert.That(AirspaceSim.Tests.Reports.ImageStats.PngSize(File.ReadAllBytes(png)), Is.EqualTo((640, 400)));

        var report = Run(["whatif", _scenario, "--monte-carlo", "12", "--seed", "3", "--format", "html", "--out", html]);
        Assert.That(report.Exit, Is.EqualTo(0), report.ToString());
        string page = File.ReadAllText(html);
        Assert.That(page, Does.Contain("<h2>Uncertainty (Monte Carlo)</h2>").And.Contain("12 draws, seed 3"));
        Assert.That(page, Does.Contain("id=\"flights\""), "the nominal run's flight table is there too");

        // A sweep's html is the sweep report (one row per value); its svg stays the sweep chart.
        var sweepReport = Run(["whatif", _scenario, "--sweep", "buffer=0,25", "--format", "html", "--out", html]);
        Assert.That(sweepReport.Exit, Is.EqualTo(0), sweepReport.ToString());
        Assert.That(AirspaceSim.Tests.Reports.HtmlReportTests.TableRows(File.ReadAllText(html), AirspaceSim.Reports.HtmlReport.SweepTableId), Is.EqualTo(2));
        var sweepSvg = Run(["whatif", _scenario, "--sweep", "buffer=0,25", "--format", "svg", "--out", svg]);
        Assert.That(sweepSvg.Exit, Is.EqualTo(0), sweepSvg.ToString());
        Assert.That(File.ReadAllText(svg), Does.Contain(": sweep of buffer"));
        var refused = Run(["whatif", _scenario, "--sweep", "buffer=0,25", "--format", "geojson"]);
        Assert.That(refused.Exit, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Err, Does.Contain("--format geojson: not with --sweep"));
    }
}
