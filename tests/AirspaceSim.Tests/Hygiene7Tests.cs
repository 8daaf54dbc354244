using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using Wind = AirspaceSim.Performance.Wind;
using AircraftCatalog = AirspaceSim.Performance.AircraftCatalog;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Weather;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests;

/// <summary>
/// Hygiene 7 (docs/audit-8-12.md): one range per quantity (a closure's buffer, the cost parameters) in the scenario
/// file, the builder, the sweep, the Monte Carlo draws and the switches; merge checking every total of a partial;
/// exception messages in the invariant culture; results whose lists a cast cannot write.
/// </summary>
public class Hygiene7Tests
{
    private Cli.TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private const string OneFlight = """
        {"id": "F1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "B789", "airline": "KLM", "state": "NL"}
        """;

    private string ScenarioFile(string closure, string parameters = "{}", string extra = "") => _dir.Write("s.json",
        $$"""{"name": "s", "parameters": {{parameters}}, "closures": [{{closure}}], "flights": [{{OneFlight}}]{{extra}}}""");

    private const string Svzm = """{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}""";

    private static string SvzmWithBuffer(string nm) => $$"""{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z", "bufferNm": {{nm}}}""";

    // ------------------------------------------------------------------------------------------ 1. buffer cap

    [Test]
    public void AClosureBufferAtThePlannersCapRunsInTheFileTheSweepAndTheBuilder()
    {
        // The planner takes 600 NM (DetourPlanner.MaxBufferNm, and so --buffer-nm and the realism margins); the file and
        // --sweep buffer stopped at 500, the builder at nothing.
        Assert.That(Run("whatif", ScenarioFile(SvzmWithBuffer("600")), "--format", "csv").Exit, Is.EqualTo(0));
        Assert.That(Run("whatif", ScenarioFile(Svzm), "--sweep", "buffer=550,600", "--format", "csv").Exit, Is.EqualTo(0));
        Assert.That(Run("route", "GRU", "MIA", "--closed", "SVZM", "--buffer-nm", "600").Exit, Is.EqualTo(0));

        // What the cap does: a larger buffer never gives a shorter route around the same closure (geometry, not the
        // code), and 600 NM still plans a detour of GRU-MIA around SVZM.
        var gru = AirportDirectory.Bundled["GRU"].Location; var mia = AirportDirectory.Bundled["MIA"].Location;
        double Extra(double nm) => DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]], nm).Plan(gru, mia).ExtraKm!.Value;
        var at600 = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]], 600).Plan(gru, mia);
        Assert.That(at600.Status, Is.EqualTo(RouteStatus.Detour));
        Assert.That(Extra(600), Is.GreaterThan(Extra(500)));
        Assert.That(Extra(500), Is.GreaterThan(Extra(0)));

        var built = new ScenarioBuilder("b").Close("SVZM", T0, c => c with { BufferNm = 600 }).Build();
        Assert.That(built.Closures[0].BufferNm, Is.EqualTo(600));
    }

    [Test]
    public void AClosureBufferAboveTheCapIsRefusedEverywhereWithItsPlaceAndTheRange()
    {
        AssertUserError(Run("whatif", ScenarioFile(SvzmWithBuffer("600.5"))), "s.json:1:", "$.closures[0].bufferNm", "bufferNm 600.5 is outside [0, 600] NM");
        AssertUserError(Run("whatif", ScenarioFile(Svzm, """{"bufferSweepNm": [0, 601]}""")), "$.parameters.bufferSweepNm[1]", "is outside [0, 600] NM");
        AssertUserError(Run("whatif", ScenarioFile(Svzm), "--sweep", "buffer=600.5"), "--sweep buffer: value 600.5 is outside [0, 600] NM");
        AssertUserError(Run("route", "GRU", "MIA", "--buffer-nm", "600.5"), "--buffer-nm: 600.5 is outside [0, 600] NM");
        AssertUserError(Run("whatif", ScenarioFile(Svzm, extra: """, "realism": {"borderMarginNm": 600.5}""")), "$.realism.borderMarginNm", "600.5 is outside [0, 600] NM");
        var e = Assert.Throws<ArgumentException>(() => new ScenarioBuilder("b").Close("SVZM", T0, c => c with { BufferNm = 600.5 }))!;
        Assert.That(e.Message, Does.Contain("closure 'SVZM': BufferNm 600.5 is outside [0, 600] NM"));
        Assert.That(e.ParamName, Is.EqualTo("closure"));
    }

    [Test]
    public void ADrawnExtraBufferStopsAtTheSameCap()
    {
        // A closure at 590 NM with 25 NM drawn on top: 600 in all (it was cut at 500, below the closure's own buffer).
        var s = new ScenarioBuilder("mc").Close("SVZM", T0.AddDays(-1), c => c with { BufferNm = 590 })
            .Flight("F1", "AMS", "CUR", T0, "B789", "KLM", "NL")
            .Uncertain(UncertainInput.ExtraBufferNm, Distribution.Fixed(25)).Build();
        Assert.That(MonteCarlo.Draw(s, 1, 0).Scenario.Closures[0].BufferNm, Is.EqualTo(600));
        Assert.That(ScenarioUncertainty.Range(UncertainInput.ExtraBufferNm), Is.EqualTo((0.0, 600.0)));
        Assert.That(MonteCarlo.Inputs(s).Single().Distribution, Does.EndWith("clamped to [0, 600], added to every closure's buffer (at most 600 NM in all)"));
    }

    // ------------------------------------------------------------------------------------------ 2. one range table

    private static CostParameters With(CostParameters c, string json, double v) => json switch
    {
        "fuelPriceUsdPerKg" => c with { FuelPriceUsdPerKg = v }, "hourlyCostUsd" => c with { HourlyCostUsd = v },
        "co2KgPerFuelKg" => c with { Co2KgPerFuelKg = v }, "reserveMinutes" => c with { ReserveMinutes = v },
        "loadFactor" => c with { LoadFactor = v }, "windKt" => c with { WindKt = v }, "windFromDeg" => c with { WindFromDeg = v },
        "cruiseSpeedFactor" => c with { CruiseSpeedFactor = v }, _ => throw new ArgumentException(json),
    };

    // JSON name, sweep name, the last value accepted, the first refused, and the range and unit as the message says it.
    [TestCase("fuelPriceUsdPerKg", "fuel-price", "100", "100.5", "[0, 100] USD/kg")]
    [TestCase("hourlyCostUsd", "hourly-cost", "1000000", "1000000.5", "[0, 1000000] USD/block hour")]
    [TestCase("techStopGroundMinutes", "tech-stop", "1440", "1440.5", "[0, 1440] min")]
    [TestCase("windKt", "wind", "400", "400.5", "[0, 400] kt")]
    [TestCase("co2KgPerFuelKg", "co2", "9.99", "10", "(0, 10) kg CO2/kg fuel")]
    [TestCase("reserveMinutes", "reserve", "599.9", "600", "[0, 600) min")]
    [TestCase("loadFactor", "load-factor", "1", "0", "(0, 1] fraction of the maximum payload")]
    [TestCase("cruiseSpeedFactor", "speed-factor", "1.5", "1.51", "[0.5, 1.5] factor")]
    public void TheFileTheSweepAndTheBuilderTakeTheSameRangeInTheSameWords(string json, string sweep, string inside, string outside, string range)
    {
        // The reader took any fuel price, hourly cost and tech-stop time (1e300 USD/kg ended the run with an unhandled
        // OverflowException) where the sweep stopped at 100, 1e6 and 1440; windKt stopped at 300 where a wind written
        // DIR/SPEED (--wind, realism.wind) took 400.
        // A speed needs its direction (new-user sweep 7: without one it blew from the north, silently).
        string wind = json switch { "windKt" => ", \"windFromDeg\": 270", "windFromDeg" => ", \"windKt\": 10", _ => ", \"windKt\": 10, \"windFromDeg\": 270" };
        string P(string v) => $$"""{"{{json}}": {{v}}{{wind}}}""";
        Assert.That(Run("whatif", ScenarioFile(Svzm, P(inside)), "--format", "csv").Exit, Is.Not.EqualTo(2), $"file {json} {inside}");
        Assert.That(Run("whatif", ScenarioFile(Svzm, P("1")), "--sweep", $"{sweep}={inside}", "--format", "csv").Exit, Is.Not.EqualTo(2), $"sweep {sweep}={inside}");
        AssertUserError(Run("whatif", ScenarioFile(Svzm, P(outside))), "s.json:1:", $"$.parameters.{json}", $"{json} {outside} is outside {range}");
        AssertUserError(Run("whatif", ScenarioFile(Svzm, P("1")), "--sweep", $"{sweep}={outside}"), $"--sweep {sweep}: value {outside} is outside {range}");

        double In = double.Parse(inside, CultureInfo.InvariantCulture), Out = double.Parse(outside, CultureInfo.InvariantCulture);
        ScenarioParameters Params(double v) => json == "techStopGroundMinutes" ? new ScenarioParameters { TechStopGroundMinutes = v }
            : new ScenarioParameters { Cost = With(json == "windKt" ? CostParameters.Defaults with { WindFromDeg = 270 } : CostParameters.Defaults, json, v) }; // a speed needs its direction
        Assert.DoesNotThrow(() => new ScenarioBuilder("b").With(Params(In)));
        var e = Assert.Throws<ArgumentException>(() => new ScenarioBuilder("b").With(Params(Out)))!;
        Assert.That(e.Message, Does.Contain($"parameters: {json} {outside} is outside {range}"));
    }

    [Test]
    public void AHugeFuelPriceIsALocatedErrorNotACrash()
    {
        AssertUserError(Run("whatif", ScenarioFile(Svzm, """{"fuelPriceUsdPerKg": 1e300}""")), "$.parameters.fuelPriceUsdPerKg", "is outside [0, 100] USD/kg");
    }

    [Test]
    public void AUniformWindTakesTheSameSpeedsWrittenEitherWay()
    {
        Assert.That(Wind.TryParse("270/400", out _, out _), Is.True);
        Assert.That(Wind.TryParse("270/400.5", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("outside [0, 400] kt"));
        Assert.That(ScenarioUncertainty.Range(UncertainInput.WindKt), Is.EqualTo((0.0, 400.0)));
    }

    // ------------------------------------------------------------------------------------------ 3. merge checks every total

    private (string P0, string P1) Shards()
    {
        string p0 = Path.Combine(_dir.Path, "p0.json"), p1 = Path.Combine(_dir.Path, "p1.json");
        foreach (var (k, file) in new[] { (0, p0), (1, p1) })
            Assert.That(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "4", "--shard", $"{k}/2", "--out", file).Exit, Is.EqualTo(0));
        return (p0, p1);
    }

    // The draw of p0 with the most extra km (every figure of it non-zero, so each total is a real sum).
    private static int BusyDraw(JsonNode node) =>
        Enumerable.Range(0, node["results"]!.AsArray().Count).MaxBy(i => node["results"]![i]!["totals"]!["extraKm"]!.GetValue<decimal>());

    [TestCase("extraKm")]
    [TestCase("extraMinutes")]
    [TestCase("extraFuelKg")]
    [TestCase("extraCo2Kg")]
    [TestCase("extraCostUsd")]
    public void MergeRefusesAnEditedTotal(string name)
    {
        var (p0, p1) = Shards();
        var node = JsonNode.Parse(File.ReadAllText(p0))!;
        int d = BusyDraw(node);
        var draw = node["results"]![d]!;
        decimal sum = draw[name]!.AsArray().Sum(x => x!.GetValue<decimal>());
        decimal total = draw["totals"]![name]!.GetValue<decimal>();
        Assert.That(total, Is.EqualTo(sum), "as written, the total is its flights' sum");
        Assert.That(total, Is.Not.EqualTo(0m));
        draw["totals"]![name] = total + 1;
        File.WriteAllText(p0, node.ToJsonString());
        AssertUserError(Run("merge", p0, p1), "p0.json:1:", $"$.results[{d}].totals.{name}",
            string.Create(CultureInfo.InvariantCulture, $"the total {name} {total + 1} is not the sum of its flights' {name} ({sum})"));
    }

    [TestCase("extraKm")]
    [TestCase("extraFuelKg")]
    [TestCase("extraCo2Kg")]
    public void MergeRefusesAnEditedOrMissingFlightFigure(string name)
    {
        var (p0, p1) = Shards();
        string original = File.ReadAllText(p0);
        var node = JsonNode.Parse(original)!;
        int d = BusyDraw(node);
        var figures = node["results"]![d]![name]!.AsArray();
        figures[0] = figures[0]!.GetValue<decimal>() + 0.1m;
        File.WriteAllText(p0, node.ToJsonString());
        AssertUserError(Run("merge", p0, p1), "p0.json:1:", $"$.results[{d}].totals.{name}", "is not the sum of its flights'");

        node = JsonNode.Parse(original)!;
        node["results"]![d]![name]!.AsArray().RemoveAt(0);
        File.WriteAllText(p0, node.ToJsonString());
        AssertUserError(Run("merge", p0, p1), "p0.json:1:", $"$.results[{d}].{name}", $"figures in {name} for 149 flights");
    }

    [Test]
    public void AVersion1PartialIsRefusedByItsVersion()
    {
        var (p0, p1) = Shards();
        File.WriteAllText(p0, File.ReadAllText(p0).Replace("\"version\":2,", "\"version\":1,", StringComparison.Ordinal));
        AssertUserError(Run("merge", p0, p1), "$.version", "partial format version 1; this program reads version 2");
    }

    [Test]
    public void MergeChecksThePartialsMadeInCodeToo()
    {
        var (p0, p1) = Shards();
        var a = MonteCarloReport.ReadPartial(File.ReadAllBytes(p0), "p0.json");
        var b = MonteCarloReport.ReadPartial(File.ReadAllBytes(p1), "p1.json");
        var d = a.Draws.MaxBy(x => x.Totals.ExtraKm)!;
        var edited = d with { Totals = d.Totals with { ExtraFuelKg = d.Totals.ExtraFuelKg + 1 } };
        var bad = a with { Draws = a.Draws.Select(x => x == d ? edited : x).ToArray() };
        Assert.That(() => MonteCarlo.Merge([bad, b]), Throws.ArgumentException.With.Message.Contains("the total extraFuelKg"));
        // A draw made in code without the three new lists (as before them) still merges.
        var old = a with { Draws = a.Draws.Select(x => x with { ExtraKm = [], ExtraFuelKg = [], ExtraCo2Kg = [] }).ToArray() };
        Assert.That(MonteCarloReport.Json(MonteCarlo.Merge([old, b])), Is.EqualTo(MonteCarloReport.Json(MonteCarlo.Merge([a, b]))));
    }

    // ------------------------------------------------------------------------------------------ 4. invariant messages

    // The tests run with invariant globalization (Directory.Build.props), where CultureInfo.GetCultureInfo("de-DE")
    // throws; a clone of the invariant culture with de-DE's separators and infinity sign is what the mode allows, and
    // what a caller in de-DE formats with (as ChartsTests does).
    private static T UnderGerman<T>(Func<T> f)
    {
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        german.NumberFormat.PositiveInfinitySymbol = "∞";
        german.NumberFormat.NegativeInfinitySymbol = "-∞";
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = german;
            Assert.That(1.5.ToString(), Is.EqualTo("1,5"), "the premise: the current culture writes a decimal comma");
            return f();
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }

    // The test double with a ground speed no model should give: the simulator refuses it, naming the figure.
    private sealed class BadSpeedModel : IFlightCostModel
    {
        private readonly Simulation.InterimCostModel _m = new();
        public string Name => "bad speed";
        public IReadOnlyList<string> Assumptions(CostParameters parameters) => [];
        public bool TryGetType(string typeIcao, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out AircraftProfile profile, out string error) => _m.TryGetType(typeIcao, out profile, out error);
        public double GroundSpeedKt(AircraftProfile type, int cruiseFl, GeoPoint from, GeoPoint to, CostParameters parameters) => -0.5;
        public FlightCost Estimate(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters parameters) => _m.Estimate(type, waypoints, cruiseFl, parameters);
        public double MaxRangeKm(AircraftProfile type, CostParameters parameters) => _m.MaxRangeKm(type, parameters);
    }

    [Test]
    public void TheSimulatorsOwnMessagesWriteNumbersTheSameUnderAGermanCulture()
    {
        // A flight that meets a closure is timed along its route: with a ground speed of -0.5 kt it is an error row
        // whose reason says "-0.5 kt" (it said "-0,5 kt" under de-DE).
        var s = new ScenarioBuilder("b").Close("SVZM", T0).Flight("F1", "MIA", "POS", T0.AddHours(1), "A320", "AAL", "US").Build();
        var r = UnderGerman(() => new WhatIfSimulator(s, new SimulationOptions { CostModel = new BadSpeedModel() }).Run().Flights.Single());
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Error), r.Reason);
        Assert.That(r.Reason, Does.Contain("ground speed -0.5 kt"));
    }

    [Test]
    public void ExceptionMessagesWriteNumbersTheSameUnderAGermanCulture()
    {
        string buffer = UnderGerman(() => Assert.Throws<ArgumentException>(() =>
            new ScenarioBuilder("b").Close("SVZM", T0, c => c with { BufferNm = -0.5 }))!.Message);
        Assert.That(buffer, Does.Contain("BufferNm -0.5 is outside [0, 600] NM"));

        string price = UnderGerman(() => Assert.Throws<ArgumentException>(() =>
            new ScenarioBuilder("b").With(new ScenarioParameters { Cost = new CostParameters { FuelPriceUsdPerKg = 100.5 } }))!.Message);
        Assert.That(price, Does.Contain("fuelPriceUsdPerKg 100.5 is outside [0, 100] USD/kg"));

        string sweep = UnderGerman(() => Assert.Throws<ArgumentException>(() =>
            Sweeps.Apply(new ScenarioBuilder("b").Build(), SweepParameter.LoadFactor, 1.5))!.Message);
        Assert.That(sweep, Does.Contain("value 1.5 is outside (0, 1] fraction of the maximum payload"));

        // Group separators too: "2.000 characters ... the 1.024 accepted" under de-DE.
        string tooLong = UnderGerman(() => RouteListReader.Parse("from,to\n" + new string('A', 2000) + ",CUR\n").Single().Error!);
        Assert.That(tooLong, Does.Contain("2,000 characters long, more than the 1,024 accepted"));

        string level = UnderGerman(() => Assert.Throws<ArgumentException>(() =>
            GriddedWindField.Bundled(GriddedWindField.BundledNames[0]).Coverage([new GeoPoint(10, -60), new GeoPoint(12, -62)], double.PositiveInfinity))!.Message);
        Assert.That(level, Does.Contain("flight level Infinity is not finite"));

        string sample = UnderGerman(() => Assert.Throws<ArgumentException>(() =>
            AirspaceSim.Reports.Charts.CheckSamples([1.5, double.PositiveInfinity]))!.Message);
        Assert.That(sample, Does.Contain("sample 1 is Infinity, not a finite number"));
    }

    // ------------------------------------------------------------------------------------------ 5. read-only results

    private static void AssertNotWritable<T>(IReadOnlyList<T> list, string what)
    {
        Assert.That(list, Is.Not.InstanceOf<T[]>().Or.Empty, $"{what}: an array a cast writes");
        Assert.That(list, Is.Not.InstanceOf<List<T>>(), $"{what}: a List a cast writes");
        if (list is IList<T> l && l.Count > 0)
        {
            Assert.That(() => l[0] = l[0], Throws.TypeOf<NotSupportedException>(), $"{what}: indexer");
            Assert.That(() => l.Add(l[0]), Throws.TypeOf<NotSupportedException>(), $"{what}: Add");
        }
    }

    [Test]
    public void ARoutePlansListsCannotBeWrittenThroughACast()
    {
        var plan = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]], 0).Plan(AirportDirectory.Bundled["GRU"].Location, AirportDirectory.Bundled["MIA"].Location);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour));
        var first = plan.Waypoints[1];
        AssertNotWritable(plan.Waypoints, "Waypoints");
        AssertNotWritable(plan.LegKm, "LegKm");
        AssertNotWritable(plan.Crossed, "Crossed");
        Assert.That(plan.Waypoints[1], Is.EqualTo(first));
        // A copy made with `with` and an array of its own is wrapped too.
        AssertNotWritable((plan with { Waypoints = new[] { plan.From, plan.To } }).Waypoints, "with Waypoints");
    }

    [Test]
    public void AFlightResultsWaypointsAndBoundByCannotBeWrittenThroughACast()
    {
        // Left by hygiene 7 for the simulator: an in-flight reroute's path (a List), a technical stop's and BoundBy (an
        // array per flight) were writable; the simulator now hands out read-only lists, and BoundBy is one per closure
        // set, shared by the flights it binds.
        var scenario = new ScenarioBuilder("r").Close("SVZM", T0.AddDays(-1)).Flight("F1", "GRU", "MIA", T0, "B789", "TAM", "BR")
            .Flight("F2", "GRU", "MIA", T0.AddHours(1), "B789", "TAM", "BR").Flight("F3", "MIA", "LIM", T0, "E190", "GLO", "BR").Build();
        var r = new WhatIfSimulator(scenario, new SimulationOptions { CostModel = new Simulation.InterimCostModel() }).Run();
        foreach (var f in r.Flights)
        {
            AssertNotWritable(f.Waypoints, $"{f.Flight.Id} Waypoints");
            AssertNotWritable(f.BoundBy, $"{f.Flight.Id} BoundBy");
        }
        Assert.That(r.Flights[0].BoundBy, Is.EqualTo(new[] { "SVZM" }));
        Assert.That(r.Flights[0].BoundBy, Is.SameAs(r.Flights[1].BoundBy), "one list per closure set");
        Assert.That(r.Flights[2].Outcome, Is.EqualTo(FlightOutcome.NeedsTechStop), "a stop's path is made of its two legs");
        // A list set in code stays the caller's own (records compare lists by reference, so a result made with the same
        // list equals itself; FlightResultStorageTests).
    }

    [Test]
    public void SimulationMonteCarloAndSweepResultsCannotBeWrittenThroughACast()
    {
        var scenario = new ScenarioBuilder("r").Close("SVZM", T0.AddDays(-1)).Flight("F1", "AMS", "CUR", T0, "B789", "KLM", "NL")
            .Flight("F2", "GRU", "MIA", T0, "B789", "TAM", "BR").Uncertain(UncertainInput.FuelPriceUsdPerKg, Distribution.Uniform(0.6, 0.8)).Build();
        var options = new SimulationOptions { CostModel = PerformanceCostModel.Default };
        var r = new WhatIfSimulator(scenario, options).Run();
        AssertNotWritable(r.Flights, "Flights");
        AssertNotWritable(r.Assumptions, "Assumptions");
        AssertNotWritable((r with { Flights = r.Flights.ToList() }).Flights, "with Flights");
        Assert.That(() => ((IDictionary<FlightOutcome, int>)r.Totals.ByOutcome)[FlightOutcome.Error] = 5, Throws.TypeOf<NotSupportedException>());

        var mc = MonteCarlo.Run(scenario, options, new MonteCarloOptions { Draws = 3, Seed = 1 });
        AssertNotWritable(mc.Draws, "Draws");
        AssertNotWritable(mc.Inputs, "Inputs");
        AssertNotWritable(mc.Totals, "Totals");
        AssertNotWritable(mc.Flights, "Flights");
        AssertNotWritable(mc.Header.Flights, "Header.Flights");
        AssertNotWritable(mc.Header.Assumptions, "Header.Assumptions");
        foreach (var d in mc.Draws)
        {
            AssertNotWritable(d.Outcomes, "Outcomes"); AssertNotWritable(d.ExtraCostUsd, "ExtraCostUsd"); AssertNotWritable(d.ExtraKm, "ExtraKm");
            AssertNotWritable(d.Inputs, "draw Inputs");
        }
        Assert.That(() => ((IDictionary<FlightOutcome, int>)mc.Flights[0].OutcomeDraws)[FlightOutcome.Error] = 5, Throws.TypeOf<NotSupportedException>());
        var part = MonteCarlo.RunShard(scenario, options, new MonteCarloOptions { Draws = 2, Seed = 1, ShardIndex = 0, ShardCount = 2 });
        AssertNotWritable(part.Draws, "partial Draws");
        AssertNotWritable(new MonteCarloPartial(part.Header, 0, 2, part.Draws.ToList()).Draws, "partial Draws (constructor)");

        var sweep = Sweeps.Run(scenario with { Uncertainty = ScenarioUncertainty.None }, options, SweepParameter.FuelPriceUsdPerKg, [0.5, 1]);
        AssertNotWritable(sweep.Points, "Points");
        AssertNotWritable(new SweepResult(sweep.Parameter, sweep.Points.ToList()).Points, "Points (constructor)");
        AssertNotWritable(AircraftCatalog.Bundled.Types, "AircraftCatalog.Bundled.Types");
    }
}
