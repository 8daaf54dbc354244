using System.Globalization;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// Findings of the seventh new-user sweep (docs/audit-8-12.md, "New-user sweep 7"): scenario files with mistakes a
/// planner or a journalist makes (a price typed in the wrong unit, a wind without its direction, a position with a bad
/// coordinate, an airline's IATA code where the ICAO one belongs) and an --out file that cannot be created.
/// </summary>
public class NewUserSweep7Tests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private const string Closure = """{"id": "C1", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z", "end": "2025-11-25T00:00Z"}""";

    private static string Flight(string from = "AMS", string airline = "KLM") =>
        $$"""{"id": "F1", "from": "{{from}}", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "B789", "airline": "{{airline}}", "state": "NL"}""";

    private string ScenarioFile(string parameters = "{}", string closure = Closure, string? flight = null, string extra = "") => _dir.Write("s.json",
        $$"""{"name": "s", "parameters": {{parameters}}, "closures": [{{closure}}], "flights": [{{flight ?? Flight()}}]{{extra}}}""");

    [TestCase("fuelPriceUsdPerKg", "1e300", "[0, 100]")]
    [TestCase("hourlyCostUsd", "1e300", "[0, 1000000]")]
    [TestCase("fuelPriceUsdPerKg", "100.5", "[0, 100]")]
    [TestCase("techStopGroundMinutes", "100000", "[0, 1440]")]
    public void AParameterBeyondTheSweepsRangeIsALocatedErrorNotAStackTrace(string name, string value, string range)
    {
        // fuelPriceUsdPerKg or hourlyCostUsd 1e300 passed the reader ([0, Infinity]) and the run died in the decimal
        // totals: "Unhandled exception: System.AggregateException ... Value was either too large or too small for a
        // Decimal", a stack trace and exit 1. The file now takes the ranges the sweep of the same parameter takes.
        var r = Run("whatif", ScenarioFile($$"""{"{{name}}": {{value}}}"""), "--format", "csv");
        AssertUserError(r, "s.json:1:", $"$.parameters.{name}", $"{name} {value} is outside {range}");
    }

    [TestCase("fuelPriceUsdPerKg", "100")]
    [TestCase("hourlyCostUsd", "1000000")]
    [TestCase("techStopGroundMinutes", "1440")]
    public void AParameterAtTheEndOfItsRangeRuns(string name, string value)
    {
        var r = Run("whatif", ScenarioFile($$"""{"{{name}}": {{value}}}"""), "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.OutLines[1], Does.Contain(",rerouted,"));
    }

    [Test]
    public void TheExtraCostIsFuelTimesPricePlusBlockHoursTimesHourlyCost()
    {
        // Hand arithmetic on the printed figures: with 2 US$/kg and 600 US$ per block hour, the rerouted flight's cost
        // is 2 x extra fuel + 10 x extra minutes, within the rounding of the printed fuel (0.05 kg) and minutes (0.05).
        var r = Run("whatif", ScenarioFile("""{"fuelPriceUsdPerKg": 2, "hourlyCostUsd": 600}"""), "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var header = r.OutLines[0].Split(',');
        var row = r.OutLines[1].Split(',');
        double Field(string n) => double.Parse(row[Array.IndexOf(header, n)], CultureInfo.InvariantCulture);
        double fuel = Field("extraFuelKg"), minutes = Field("extraMinutes"), cost = Field("extraCostUsd");
        Assert.That(fuel, Is.GreaterThan(10), "the detour burns fuel");
        Assert.That(cost, Is.EqualTo(2 * fuel + 600 * minutes / 60).Within(2 * 0.05 + 10 * 0.05 + 0.005), r.ToString());
    }

    [Test]
    public void AWindSpeedWithoutADirectionIsRefusedNotBlownFromTheNorth()
    {
        // "windKt": 100 alone ran as a wind from 0 degrees: the same figures as "windFromDeg": 0, without a word.
        var alone = Run("whatif", ScenarioFile("""{"windKt": 100}"""), "--format", "csv");
        AssertUserError(alone, "s.json:1:", "$.parameters.windKt", "without windFromDeg", "blows from");
        var fromNorth = Run("whatif", ScenarioFile("""{"windKt": 100, "windFromDeg": 0}"""), "--format", "csv");
        Assert.That(fromNorth.Exit, Is.EqualTo(0), fromNorth.ToString());
        // Still air needs no direction; a direction drawn in the uncertainty serves the speed of the parameters.
        Assert.That(Run("whatif", ScenarioFile("""{"windKt": 0}"""), "--format", "csv").Exit, Is.EqualTo(0));
        var drawn = Run("whatif", ScenarioFile("""{"windKt": 50}""", extra: """, "uncertainty": {"windFromDeg": {"uniform": {"min": 0, "max": 360}}}"""),
            "--monte-carlo", "2", "--format", "csv");
        Assert.That(drawn.Exit, Is.EqualTo(0), drawn.ToString());
        // An uncertain speed without any direction is the same mistake.
        var uncertain = Run("whatif", ScenarioFile(extra: """, "uncertainty": {"windKt": {"fixed": 50}}"""), "--monte-carlo", "2", "--format", "csv");
        AssertUserError(uncertain, "s.json:1:", "$.uncertainty.windKt", "without windFromDeg");
    }

    [Test]
    public void AWindSweptWithoutADirectionSaysItBlowsFromTheNorth()
    {
        // `--sweep wind=0,50` on a scenario without windFromDeg ran every speed from 0 degrees, silently (the file form
        // of the same mistake is now refused, above). The sweep still runs, as docs/simulator.md's `--sweep wind=0,80`.
        var r = Run("whatif", ScenarioFile(), "--sweep", "wind=0,50", "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Does.Contain("gives no windFromDeg, so each wind of --sweep wind blows from 0 degrees (north)"), r.ToString());
        // The 50 kt point is the file's 50 kt from 0 degrees, byte for byte: what the note says is what was run.
        var north = Run("whatif", ScenarioFile("""{"windKt": 50, "windFromDeg": 0}"""), "--format", "csv");
        string total = north.OutLines.Single(l => l.StartsWith("# totals:", StringComparison.Ordinal));
        string extraCost = total.Split(' ').Single(x => x.StartsWith("extraCostUsd=", StringComparison.Ordinal))["extraCostUsd=".Length..];
        Assert.That(r.OutLines[2].Split(',')[^1], Is.EqualTo(extraCost), r.ToString());
        // No note with a direction, or for still air alone.
        Assert.That(Run("whatif", ScenarioFile("""{"windFromDeg": 270}"""), "--sweep", "wind=0,50", "--format", "csv").Err, Is.Empty);
        Assert.That(Run("whatif", ScenarioFile(), "--sweep", "wind=0", "--format", "csv").Err, Is.Empty);
    }

    [Test]
    public void ABadLatLonInAScenarioIsALocatedErrorAsAnUnknownCodeIs()
    {
        // An unknown code was a located error (exit 2); "95,0" ran and became an error row without the file's line and
        // column (exit 1), and "52.3086 4.7639" was an "unknown airport" without route's hint for the missing comma.
        var bad = Run("whatif", ScenarioFile(flight: Flight(from: "95,0")), "--format", "csv");
        AssertUserError(bad, "s.json:1:", "$.flights[0].from", "invalid location '95,0'", "latitude 95 is outside [-90, 90]");
        var noComma = Run("whatif", ScenarioFile(flight: Flight(from: "52.3086 4.7639")), "--format", "csv");
        AssertUserError(noComma, "s.json:1:", "$.flights[0].from", "two numbers without a comma", "52.3086,4.7639");
        var ok = Run("whatif", ScenarioFile(flight: Flight(from: "52.3086,4.7639")), "--format", "csv");
        Assert.That(ok.Exit, Is.EqualTo(0), ok.ToString());
        Assert.That(ok.OutLines[1], Does.Contain(",rerouted,"));
        // The same in a schedule's route.
        string route = """{"from": "AMS", "to": "12.2,-69,5", "departureTime": "10:00", "type": "B789", "airline": "KLM", "state": "NL", "days": ["Mon"], "firstDate": "2025-11-24", "lastDate": "2025-11-24"}""";
        var file = _dir.Write("r.json", $$"""{"name": "r", "closures": [{{Closure}}], "routes": [{{route}}]}""");
        AssertUserError(Run("whatif", file, "--format", "csv"), "r.json:1:", "$.routes[0].to", "invalid location '12.2,-69,5'");
    }

    [Test]
    public void AnAppliesToCodeThatNoFlightHasIsNoted()
    {
        // "airlines": ["KL"] (KLM's IATA code) matched no flight: the KLM flight through SVZM was unaffected and the
        // totals read "the closure costs KLM nothing", silently. The run stands (a closure may bind no flight of a
        // scenario), with a note naming the code and the flights' own.
        var iata = Run("whatif", ScenarioFile(closure: Closure[..^1] + """, "appliesTo": {"airlines": ["KL"]}}"""), "--format", "csv");
        Assert.That(iata.Exit, Is.EqualTo(0), iata.ToString());
        Assert.That(iata.OutLines[1], Does.Contain(",unaffected,"));
        var note = iata.ErrLines.Single(l => l.StartsWith("airspacesim: note: closure 'C1'", StringComparison.Ordinal));
        Assert.That(note, Does.Contain("appliesTo.airlines names KL, which no flight of the scenario has").And.Contain("KLM").And.Contain("ICAO"));

        var states = Run("whatif", ScenarioFile(closure: Closure[..^1] + """, "appliesTo": {"exceptStates": ["US", "NL"]}}"""), "--format", "csv");
        Assert.That(states.Err, Does.Contain("appliesTo.exceptStates names US, which no flight").And.Not.Contain("names US, NL"), states.ToString());

        var icao = Run("whatif", ScenarioFile(closure: Closure[..^1] + """, "appliesTo": {"airlines": ["klm"]}}"""), "--format", "csv");
        Assert.That(icao.Err, Is.Empty, icao.ToString());
        Assert.That(icao.OutLines[1], Does.Contain(",rerouted,"));
    }

    [Test]
    public void AnOutFileThatCannotBeCreatedIsSaidWithTheOptionBeforeTheWork()
    {
        // /proc takes no new file: .NET's "Could not find file '/proc/x.csv'" came after the run, without --out.
        Assume.That(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc");
        foreach (var (args, file) in new[]
                 {
                     (new[] { "whatif", "--format", "csv" }, "/proc/airspacesim-sweep7.csv"),
                     (new[] { "whatif", "--format", "svg" }, "/proc/airspacesim-sweep7.svg"),
                     (new[] { "route", "AMS", "CUR", "--format", "png" }, "/proc/airspacesim-sweep7.png"),
                 })
            AssertUserError(Run([.. args, "--out", file]), $"--out: cannot write {file}: a file cannot be created there");
    }

    [Test]
    public void TheProbeOfTheOutFileLeavesNothingBehindWhenTheRunFails()
    {
        // The --out check creates the file and removes it: a run refused afterwards (here a bad scenario) leaves no file.
        string outFile = Path.Combine(_dir.Path, "x.csv");
        var r = Run("whatif", ScenarioFile("""{"windKt": 100}"""), "--out", outFile);
        AssertUserError(r, "without windFromDeg");
        Assert.That(File.Exists(outFile), Is.False);
        // And an existing file is not emptied by a refused run.
        File.WriteAllText(outFile, "keep");
        AssertUserError(Run("whatif", ScenarioFile("""{"windKt": 100}"""), "--out", outFile), "without windFromDeg");
        Assert.That(File.ReadAllText(outFile), Is.EqualTo("keep"));
    }
}

/// <summary>What new-user sweep 7 found and left for the lead: a scenario made in code bypassed the reader's ranges, the
/// builder took a wind with no direction, and an unexpected exception printed a stack trace.</summary>
public class NewUserSweep7LeadTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public void AScenarioMadeInCodeTakesTheReadersRanges()
    {
        // FuelPriceUsdPerKg = 1e300 set on a scenario made in code died in the decimal totals (OverflowException in an
        // AggregateException); the simulator now refuses it as the reader does, naming the field and the range.
        var s = new AirspaceSim.Simulation.ScenarioBuilder("s").Close("SVZM", T0).Flight("F1", "AMS", "CUR", T0.AddHours(1), "B789", "KLM", "NL").Build();
        var bad = s with { Parameters = s.Parameters with { Cost = s.Parameters.Cost with { FuelPriceUsdPerKg = 1e300 } } };
        var e = Assert.Throws<ArgumentException>(() => new AirspaceSim.Simulation.WhatIfSimulator(bad, new AirspaceSim.Simulation.SimulationOptions { CostModel = AirspaceSim.Simulation.PerformanceCostModel.Default }));
        Assert.That(e!.Message, Does.Contain("fuelPriceUsdPerKg 1E+300 is outside [0, 100] USD/kg").Or.Contain("fuelPriceUsdPerKg 1e+300 is outside [0, 100] USD/kg"));
    }

    [Test]
    public void TheBuilderRefusesAWindSpeedWithNoDirectionAsTheReaderDoes()
    {
        var b = new AirspaceSim.Simulation.ScenarioBuilder("s");
        var e = Assert.Throws<ArgumentException>(() => b.With(new AirspaceSim.Simulation.ScenarioParameters { Cost = new AirspaceSim.Simulation.CostParameters { WindKt = 100 } }));
        Assert.That(e!.Message, Does.Contain("WindKt 100 without WindFromDeg"));
        Assert.DoesNotThrow(() => b.With(new AirspaceSim.Simulation.ScenarioParameters { Cost = new AirspaceSim.Simulation.CostParameters { WindKt = 100, WindFromDeg = 270 } }));
        Assert.DoesNotThrow(() => b.With(new AirspaceSim.Simulation.ScenarioParameters { Cost = new AirspaceSim.Simulation.CostParameters { WindKt = 0 } }), "still air needs no direction");
    }

    [TestCase("route", "AMS", "CUR", "--format", "CSV")]
    [TestCase("route", "AMS", "CUR", "--format", "Json")]
    [TestCase("batch", "data/routes/caribbean.csv", "--format", "JSON")]
    [TestCase("whatif", "tncf-2026-01-03", "--format", "Csv")]
    public void FormatsAreTakenInAnyCaseAsCodesAre(params string[] args)
    {
        // "--format CSV" was refused ("Argument 'CSV' not recognized"), though codes, types and --sweep names take any
        // case: the same bytes as the lower-case spelling now.
        var lower = args.Select((a, i) => i > 0 && args[i - 1] == "--format" ? a.ToLowerInvariant() : a).ToArray();
        var mixed = CliRunner.Run(args.Select(a => a.StartsWith("data/", StringComparison.Ordinal) ? Path.Combine(ReferenceData.RepoRoot, a) : a).ToArray());
        var plain = CliRunner.Run(lower.Select(a => a.StartsWith("data/", StringComparison.Ordinal) ? Path.Combine(ReferenceData.RepoRoot, a) : a).ToArray());
        Assert.That(mixed.Exit, Is.EqualTo(0), mixed.Err);
        Assert.That(mixed.Out, Is.EqualTo(plain.Out));
        Assert.That(mixed.Out, Is.Not.Empty);
    }

    [Test]
    public void AnUnknownFormatStillSaysWhatIsAccepted()
    {
        var r = CliRunner.Run("route", "AMS", "CUR", "--format", "XML");
        Assert.That(r.Exit, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("--format: Argument 'XML' not recognized. Must be one of: 'table' 'json' 'csv' 'geojson' 'png' 'svg'"));
    }

    [Test]
    public void AnUnexpectedExceptionIsOneLineAndExit70NotAStackTrace()
    {
        var (o, err) = (new StringWriter(), new StringWriter());
        var io = new AirspaceSim.Cli.CliIO(TextReader.Null, o, err);
        int code = AirspaceSim.Cli.CliApp.Guard(io, () => throw new NullReferenceException("Object reference not set to an instance of an object."));
        Assert.That(code, Is.EqualTo(70));
        var text = err.ToString();
        Assert.That(text, Does.StartWith("airspacesim: internal error (NullReferenceException): Object reference not set"));
        Assert.That(text.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
    }
}
