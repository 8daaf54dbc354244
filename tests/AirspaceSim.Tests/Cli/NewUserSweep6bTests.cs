using System.Globalization;
using System.Text.RegularExpressions;
using AirspaceSim.Airspaces;
using AirspaceSim.Simulation;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// Findings of the sixth new-user sweep (docs/audit-8-12.md, "New-user sweep 6b"): a scenario written from the docs
/// alone, the limits that `aircraft` prints against what `perf` and `route` accept, every sweep parameter at the ends of
/// the range its help gives, the library's builder against the JSON reader, and the help against docs/cli.md.
/// </summary>
public class NewUserSweep6bTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private const string OneFlight = """
        {"id": "F1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "B789", "airline": "KLM", "state": "NL"}
        """;

    private string ScenarioFile(string closures, string parameters = "{}") => _dir.Write("s.json",
        $$"""{"name": "s", "parameters": {{parameters}}, "closures": [{{closures}}], "flights": [{{OneFlight}}]}""");

    [Test]
    public void NamedAirportsUnderAnOverflightBanAloneAreRefusedNotClosed()
    {
        // ClosureBans.Overflight is "flight within the band inside the lateral limits" and the named airports belong to
        // the airport ban (ClosureBans.Airports, docs/simulator.md). A closure {"airports": ["CUR"], "bans":
        // "overflight"} cancelled every flight to CUR all the same. Now the file says the closure cannot mean that.
        string file = ScenarioFile("""{"id": "C", "airports": ["CUR"], "start": "2025-11-24T00:00Z", "bans": "overflight"}""");
        var line = AssertUserError(Run("whatif", file), "s.json:1:", "$.closures[0].airports", "bans only overflight", "\"airports\" or \"both\"");
        Assert.That(line, Does.Contain("(CUR)"));
        // The same closure with an airport ban cancels the flight (it lands at CUR the same evening).
        var ok = Run("whatif", ScenarioFile("""{"id": "C", "airports": ["CUR"], "start": "2025-11-24T00:00Z", "bans": "airports"}"""), "--format", "csv");
        Assert.That(ok.Exit, Is.EqualTo(0), ok.ToString());
        Assert.That(ok.OutLines[1], Does.Contain(",cancelled,destination-closed,"));

        // The builder refuses it as the reader does ...
        var builder = new ScenarioBuilder("b");
        var e = Assert.Throws<ArgumentException>(() => builder.CloseAirports("C", ["CUR"], T0, c => c with { Bans = ClosureBans.Overflight }));
        Assert.That(e!.Message, Does.Contain("bans only overflight"));
        // ... and a scenario made without either (a record built by hand) is run as the enum documents: an overflight
        // ban names no airport, and CUR has no airspace around it here, so the flight lands.
        var handMade = new Scenario
        {
            Name = "hand",
            Closures = [new Closure { Id = "C", Airports = ["CUR"], StartUtc = T0, Bans = ClosureBans.Overflight }],
            Flights = [new Flight { Id = "F1", Origin = "AMS", Destination = "CUR", DepartureUtc = T0.AddHours(10), AircraftType = "B789", Airline = "KLM", OperatorState = "NL" }],
        };
        var r = new WhatIfSimulator(handMade, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();
        Assert.That(r.Flights[0].Outcome, Is.EqualTo(FlightOutcome.Unaffected), r.Flights[0].Reason);
    }

    [Test]
    public void TheBuilderRefusesAnUncertainEndOfAClosureThatHasAFixedEndAsTheReaderDoes()
    {
        // Built without a word, written by ScenarioJson.Write, and the written file then failed to read back
        // ("closure 'TTZP' has a fixed end ...; remove it to make the end uncertain"): the round trip was broken.
        var b = new ScenarioBuilder("u")
            .Close("TTZP", T0, c => c with { EndUtc = T0.AddHours(30) })
            .Flight("F1", "MIA", "GRU", T0.AddHours(1), "B772", "AAL", "US")
            .UncertainEnd("TTZP", Distribution.Uniform(10, 40));
        var e = Assert.Throws<ArgumentException>(() => b.Build());
        Assert.That(e!.Message, Does.Contain("fixed end").And.Contain("2025-11-25T06:00Z"));

        // Without the fixed end it builds, and writes a file that reads back to the same model.
        var s = new ScenarioBuilder("u").Close("TTZP", T0).Flight("F1", "MIA", "GRU", T0.AddHours(1), "B772", "AAL", "US")
            .UncertainEnd("TTZP", Distribution.Uniform(10, 40)).Build();
        Assert.That(ScenarioJson.Parse(ScenarioJson.Write(s), "u.json"), Is.EqualTo(s));
    }

    // The cost model's ranges (PerformanceOptions.Validate): CO2 per kg of fuel in (0, 10), load factor in (0, 1], final
    // reserve in [0, 600) minutes. The reader accepted 0 and 600 (and any CO2 figure), and the run then failed with the
    // model's own name and no place: "airspacesim: error: LoadFactor = 0: must be in (0, 1]".
    [TestCase("co2KgPerFuelKg", "0", "(0, 10)")]
    [TestCase("co2KgPerFuelKg", "10", "(0, 10)")]
    [TestCase("loadFactor", "0", "(0, 1]")]
    [TestCase("reserveMinutes", "600", "[0, 600)")]
    public void AScenarioParameterAtAnExcludedEndIsALocatedError(string name, string value, string interval)
    {
        string file = ScenarioFile("""{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}""", $$"""{"{{name}}": {{value}}}""");
        var line = AssertUserError(Run("whatif", file), "s.json:1:", $"$.parameters.{name}", $"{name} {value} is outside {interval}");
        Assert.That(line, Does.Not.Contain("must be in"));
    }

    [TestCase("co2KgPerFuelKg", "9.99")]
    [TestCase("loadFactor", "1")]
    [TestCase("reserveMinutes", "599.5")]
    [TestCase("reserveMinutes", "0")]
    public void AScenarioParameterJustInsideRuns(string name, string value)
    {
        string file = ScenarioFile("""{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}""", $$"""{"{{name}}": {{value}}}""");
        var r = Run("whatif", file, "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
    }

    [TestCase("co2=0", "--sweep co2: value 0 is outside (0, 10) kg CO2/kg fuel")]
    [TestCase("co2=10", "--sweep co2: value 10 is outside (0, 10)")]
    [TestCase("load-factor=0", "--sweep load-factor: value 0 is outside (0, 1] fraction of the maximum payload")]
    [TestCase("reserve=600", "--sweep reserve: value 600 is outside [0, 600) min")]
    public void ASweepValueAtAnExcludedEndIsRefusedWithTheOption(string sweep, string message)
    {
        // The help promised "co2 (kg CO2/kg fuel, 0–10)", "reserve (min, 0–600)" and "load-factor (..., 0–1)"; each end
        // then failed in the cost model: "airspacesim: error: Co2KgPerKgFuel = 0: must be in (0, 10)".
        string file = ScenarioFile("""{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}""");
        AssertUserError(Run("whatif", file, "--sweep", sweep), message);
    }

    [Test]
    public void TheSweepHelpGivesTheRangesTheRunAccepts()
    {
        var help = Run("whatif", "--help").Out;
        Assert.That(help, Does.Contain("co2 (kg CO2/kg fuel, (0, 10))"));
        Assert.That(help, Does.Contain("load-factor (fraction of the maximum payload, (0, 1])"));
        Assert.That(help, Does.Contain("reserve (min, [0, 600))"));
        Assert.That(help, Does.Contain("buffer (NM, [0, 600])"));
        // Each end the help includes runs (the two open ones just inside).
        string file = ScenarioFile("""{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}""");
        foreach (var sweep in new[] { "co2=0.01,9.99", "load-factor=0.01,1", "reserve=0,599.9", "fuel-price=0,100", "hourly-cost=0,1000000",
                     "speed-factor=0.5,1.5", "tech-stop=0,1440", "wind=0,400", "buffer=0,600" })
        {
            var r = Run("whatif", file, "--sweep", sweep, "--format", "csv");
            Assert.That(r.Exit, Is.EqualTo(0), $"--sweep {sweep}\n{r}");
        }
    }

    private static Dictionary<string, string> AircraftFields(string type) =>
        Run("aircraft", type).OutLines.ToDictionary(l => l[..22].Trim(), l => l[23..].Trim());

    [Test]
    public void PerfAcceptsEveryLimitThatAircraftPrintsForEveryType()
    {
        // `aircraft A339` printed "MMO / ceiling 0.86 / FL415" (the ceiling FL414.5 rounded up), and perf and route then
        // refused FL415: "flight level 415 is outside [0, 414.5]". Every type, every printed limit, both masses.
        var types = Run("aircraft").OutLines.Skip(1).Select(l => l.Split(' ')[0]).ToList();
        Assert.That(types, Has.Count.EqualTo(27));
        var failures = new List<string>();
        foreach (var t in types)
        {
            var f = AircraftFields(t);
            var limits = f["MMO / ceiling"].Split(" / ");
            string mmo = limits[0], ceiling = limits[1]["FL".Length..];
            foreach (var mass in new[] { f["OEM kg"], f["MTOM kg"] })
            {
                var r = Run("perf", t, "--mass-kg", mass, "--mach", mmo, "--fl", ceiling, "--format", "json");
                if (r.Exit != 0) failures.Add($"{t} {mass} kg Mach {mmo} FL{ceiling}: {r.Err.Trim()}");
            }
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void ALevelAboveTheCeilingIsSaidWithTheCeilingItself()
    {
        // Was "--fl: FL415 is above the A339's maximum operating level FL415".
        AssertUserError(Run("route", "AMS", "CUR", "--type", "A339", "--fl", "415"), "FL415 is above the A339's maximum operating level FL414.5");
    }

    [Test]
    public void AMassJustOutsideTheLimitsIsShownAsGiven()
    {
        // Was "mass 79000 kg is outside [43644, 79000] kg": the value rounded into its own range.
        AssertUserError(Run("perf", "A20N", "--mass-kg", "79000.0001", "--mach", "0.78", "--fl", "350"), "mass 79000.0001 kg is outside [43644, 79000] kg");
        AssertUserError(Run("perf", "A20N", "--mass-kg", "43643.9999", "--mach", "0.78", "--fl", "350"), "mass 43643.9999 kg is outside [43644, 79000] kg");
        // And the mass given is the mass in the heading (was rounded to the kilogram).
        var r = Run("perf", "A20N", "--mass-kg", "60000.4", "--mach", "0.78", "--fl", "350");
        Assert.That(r.OutLines[0], Does.Contain("at 60000.4 kg"), r.ToString());
    }

    [Test]
    public void ABreguetTypesMissingThrustHasNoUnit()
    {
        // Was "thrust               n/a (breguet-dot model) kN".
        var r = Run("perf", "AT76", "--mass-kg", "20000", "--mach", "0.443", "--fl", "170");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var thrust = r.OutLines.Single(l => l.TrimStart().StartsWith("thrust", StringComparison.Ordinal));
        Assert.That(thrust.TrimEnd(), Does.EndWith("n/a (breguet-dot model)"));
        // A Poll–Schumann type keeps its unit.
        var ps = Run("perf", "A20N", "--mass-kg", "60000", "--mach", "0.78", "--fl", "350");
        Assert.That(ps.OutLines.Single(l => l.TrimStart().StartsWith("thrust", StringComparison.Ordinal)), Does.Match(@"thrust +\d+\.\d{3} kN$"));
    }

    [TestCase("route")]
    [TestCase("batch")]
    public void AnIsaDeviationOutsideTheFuelModelsRangeNamesTheOption(string command)
    {
        // The option accepted ±100 K ("the atmosphere's plausible range"), and 80 then failed in the model without the
        // option's name: "ISA deviation 80 K is outside [-60, 60] K" (perf's option was fixed so in sweep 2).
        string[] args = command == "route"
            ? ["route", "AMS", "CUR", "--type", "A20N", "--isa-dev-k", "80"]
            : ["batch", _dir.Write("r.csv", "from,to\nAMS,CUR\n"), "--type", "A20N", "--isa-dev-k", "80"];
        AssertUserError(Run(args), "--isa-dev-k: 80 is outside [-60, 60] K");
        args[^1] = "60";
        Assert.That(Run(args).Exit, Is.EqualTo(0));
    }

    [Test]
    public void HelpShowsNoDefaultThatIsNotOne()
    {
        // "--fl <N>  ... default the type's own ... [default: 0]", "--mass-kg <KG> (REQUIRED) ... [default: 0]" and
        // "--monte-carlo <N> ... [default: 0]" (0 outside the option's own range [1, 10000000]).
        static string OptionLine(string help, string option) => help.Split('\n').Single(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.That(OptionLine(Run("route", "--help").Out, "--fl"), Does.Not.Contain("[default"));
        Assert.That(OptionLine(Run("batch", "--help").Out, "--fl"), Does.Not.Contain("[default"));
        Assert.That(OptionLine(Run("whatif", "--help").Out, "--monte-carlo"), Does.Not.Contain("[default"));
        var perf = Run("perf", "--help").Out;
        foreach (var o in new[] { "--mass-kg", "--mach", "--fl" })
            Assert.That(OptionLine(perf, o), Does.Not.Contain("[default").And.Contain("Required"));
        // Still one line naming all three when they are missing, and the type's own level without --fl.
        AssertUserError(Run("perf", "A20N"), "perf: missing --mass-kg and --mach and --fl");
        var r = Run("route", "AMS", "CUR", "--type", "A339", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
    }

    private static readonly string[] Commands = ["whatif", "route", "batch", "bench", "perf", "aircraft", "report", "geodesic", "merge"];

    [Test]
    public void EveryOptionOfEveryCommandIsInThisPage()
    {
        // README calls docs/cli.md "every option and format", but --min-routes, geodesic's -i/-d/-p, perf's --mass-kg and
        // --mach, --group-by, --monte-carlo, --seed, --shard, --sweep, --width, --height and --out were not in it.
        string doc = File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "docs", "cli.md"));
        var missing = new List<string>();
        foreach (var c in Commands)
        {
            var help = Run(c, "--help");
            Assert.That(help.Exit, Is.EqualTo(0), help.ToString());
            var options = help.Out[help.Out.IndexOf("Options:", StringComparison.Ordinal)..];
            foreach (Match m in Regex.Matches(options, @"^\s+(?:-\w, )?(--[a-z][a-z-]*)", RegexOptions.Multiline))
            {
                string o = m.Groups[1].Value;
                if (o is "--help" or "--version") continue;
                if (!doc.Contains($"`{o}", StringComparison.Ordinal)) missing.Add($"{c} {o}");
            }
        }
        Assert.That(missing, Is.Empty, "options the help lists that docs/cli.md does not name");
    }

    [Test]
    public void EveryScenarioFieldTheReaderAcceptsIsInTheFormatSection()
    {
        // README promised "the scenario JSON format" in docs/simulator.md, which gave no field list: weeklyFrequency,
        // departureTime, exceptStates, bans, notice and the rest were found only in the bundled files or the reader.
        // The accepted fields are taken from the reader's own unknown-field messages, object by object.
        string doc = File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "docs", "simulator.md"));
        string closure = """{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z", "zz": 1}""";
        string[] probes =
        [
            """{"name": "p", "zz": 1}""",
            """{"name": "p", "period": {"first": "2025-11-24", "last": "2025-11-24", "zz": 1}}""",
            """{"name": "p", "sources": [{"id": "a", "title": "b", "zz": 1}]}""",
            """{"name": "p", "parameters": {"zz": 1}}""",
            $$"""{"name": "p", "closures": [{{closure}}]}""",
            """{"name": "p", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z", "appliesTo": {"zz": 1}}]}""",
            """{"name": "p", "flights": [{"id": "F", "zz": 1}]}""",
            """{"name": "p", "routes": [{"from": "AMS", "zz": 1}]}""",
            """{"name": "p", "uncertainty": {"zz": 1}}""",
            """{"name": "p", "realism": {"zz": 1}}""",
        ];
        var missing = new List<string>();
        foreach (var json in probes)
        {
            var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(json, "p.json"));
            var accepted = Regex.Match(e!.Message, @"accepted: (.*)$").Groups[1].Value;
            Assert.That(accepted, Is.Not.Empty, e.Message);
            foreach (var field in accepted.Split(", "))
                if (!doc.Contains($"`{field}`", StringComparison.Ordinal) && !doc.Contains($"`{{\"{field}\"", StringComparison.Ordinal)) missing.Add(field);
        }
        Assert.That(missing.Distinct(), Is.Empty, "fields the reader accepts that docs/simulator.md does not name");
    }

    [Test]
    public void ABandIsLowerInclusiveAndUpperExclusiveAtTheCruiseLevelAsTheFormatSays()
    {
        // The docs' example: "lower": "FL350" binds a flight at FL350 and "upper": "FL350" does not. MIA–GRU's direct
        // route crosses SVZM (it flies around it when bound).
        string Flights(string fl) => $$"""{"id": "AA{{fl}}", "from": "MIA", "to": "GRU", "departure": "2025-11-24T01:00Z", "type": "B772", "airline": "AAL", "state": "US", "cruiseFl": {{fl}}}""";
        string BandFile(string band) => _dir.Write("band.json",
            $$"""{"name": "b", "closures": [{"id": "C", "airspaces": ["SVZM"], {{band}}, "start": "2025-11-01T00:00Z", "bans": "overflight"}], "flights": [{{Flights("340")}}, {{Flights("350")}}, {{Flights("360")}}]}""");
        string[] Outcomes(string band) => Run("whatif", BandFile(band), "--format", "csv").OutLines.Skip(1).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')[0] + ":" + l.Split(',')[7]).ToArray();
        Assert.That(Outcomes("\"lower\": \"FL350\""), Is.EqualTo(new[] { "AA340:unaffected", "AA350:rerouted", "AA360:rerouted" }));
        Assert.That(Outcomes("\"upper\": \"FL350\""), Is.EqualTo(new[] { "AA340:rerouted", "AA350:unaffected", "AA360:unaffected" }));
    }
    [Test]
    public void MergeRefusesAPartialWhoseDrawTotalIsNotTheSumOfItsFlights()
    {
        // A total changed by hand (or damaged) merged into the percentiles without a word: merge checked the header,
        // the shards and the shapes, not that a draw's totals are the sums of its flights' figures.
        string p0 = Path.Combine(_dir.Path, "p0.json"), p1 = Path.Combine(_dir.Path, "p1.json");
        foreach (var (k, file) in new[] { (0, p0), (1, p1) })
            Assert.That(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "4", "--shard", $"{k}/2", "--out", file).Exit, Is.EqualTo(0));
        var whole = Run("merge", p0, p1, "--format", "json");
        Assert.That(whole.Exit, Is.EqualTo(0), whole.ToString());
        Assert.That(whole.Out, Is.EqualTo(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "4", "--format", "json").Out));

        string original = File.ReadAllText(p0);
        var node = System.Text.Json.Nodes.JsonNode.Parse(original)!;
        var totals = node["results"]![0]!["totals"]!;
        decimal cost = totals["extraCostUsd"]!.GetValue<decimal>();
        totals["extraCostUsd"] = cost + 1;
        File.WriteAllText(p0, node.ToJsonString());
        AssertUserError(Run("merge", p0, p1), "p0.json:1:", "$.results[0].totals.extraCostUsd",
            string.Create(CultureInfo.InvariantCulture, $"the total extraCostUsd {cost + 1} is not the sum of its flights' extraCostUsd"));

        // A flight's figure changed instead: the same.
        File.WriteAllText(p0, original);
        node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(p1))!;
        var minutes = node["results"]![0]!["extraMinutes"]!.AsArray();
        minutes[0] = minutes[0]!.GetValue<decimal>() + 0.1m;
        File.WriteAllText(p1, node.ToJsonString());
        AssertUserError(Run("merge", p0, p1), "p1.json:1:", "$.results[0].totals.extraMinutes");
    }
    [Test]
    public void RouteTakesTheCruiseLevelsAScenarioFlightTakes()
    {
        // A scenario flight's cruiseFl is a whole level in [10, 600]; route --fl took 0 and costed AMS–CUR cruising at sea
        // level (49 t of fuel, "take-off mass 114034 kg exceeds the A20N's MTOM"), a question whatif refuses.
        AssertUserError(Run("route", "AMS", "CUR", "--type", "A20N", "--fl", "0"), "--fl: 0 is outside [10, 600]");
        AssertUserError(Run("batch", _dir.Write("r.csv", "from,to\nAMS,CUR\n"), "--type", "A20N", "--fl", "5"), "--fl: 5 is outside [10, 600]");
        Assert.That(Run("route", "AMS", "CUR", "--type", "A20N", "--fl", "10").Exit, Is.EqualTo(0));
        var scenario = ScenarioFile("""{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}""");
        File.WriteAllText(scenario, File.ReadAllText(scenario).Replace("\"state\": \"NL\"}", "\"state\": \"NL\", \"cruiseFl\": 0}"));
        AssertUserError(Run("whatif", scenario), "cruiseFl 0 is outside [10, 600]");
    }
}
