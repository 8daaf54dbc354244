using System.CommandLine;
using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Cli;

/// <summary>
/// <c>airspacesim whatif [SCENARIO]</c>: runs a what-if scenario (a file, or a bundled name; default
/// <c>svzm-2025-11</c>) and writes every flight's outcome and extras with totals and groups; or, with
/// <c>--monte-carlo N</c>, N draws of its uncertain inputs (a shard of them with <c>--shard K/N</c>); or, with
/// <c>--sweep NAME=V1,V2</c>, one run per value of a parameter.
/// </summary>
internal static class WhatIfCommand
{
    private static readonly string[] FileFormats = ["table", "csv", "json", "geojson", "png", "svg", "html"];

    /// <summary>Runs over this many flights draw a progress bar (when stderr is a terminal).</summary>
    internal const int ProgressFlights = 10_000;

    /// <summary>The command; <paramref name="costModel"/> overrides the shipped <see cref="PerformanceCostModel"/> (tests).</summary>
    public static Command Create(CliIO io, IFlightCostModel? costModel = null)
    {
        var scenario = new Argument<string?>("SCENARIO")
        {
            Description = $"Scenario JSON file, or the name of a bundled one ({string.Join(", ", BundledScenarios.Names)}); default {BundledScenarios.Default}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format") { Description = "table, csv, json, geojson, png or svg (a map; with --out), or html (one self-contained page: map, charts, tables; with --out). With --monte-carlo: png/svg the cost histogram, html the report with the spread; with --sweep: png/svg the sweep chart, html the report with the sweep table and chart.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "csv", "json", "geojson", "png", "svg", "html");
        var output = new Option<string?>("--out") { Description = $"Write to this file instead of standard output (required for png, svg and html). Without --format, the extension chooses it ({OutFormat.Pairs(FileFormats)}); a known extension that contradicts --format is an error." };
        var image = new ImageOutput();
        var groupBy = new Option<string?>("--group-by") { Description = "Totals per route, operator, airport (each flight at its origin and at its destination), closure (each flight under each closure that bound it), day or week (table: one group table; json: that group only)." };
        groupBy.AcceptOnlyFromAmong("route", "operator", "airport", "closure", "day", "week");
        var airspaces = new Option<string[]>("--airspaces") { Description = "More airspaces from a GeoJSON file for the scenario's ids (repeatable; e.g. the VATSpy FIRs). A file's id wins over the bundled airspace of that id and later files over earlier ones; stderr notes each such id used." };
        var realistic = new Option<bool>("--realistic")
        {
            Description = "Run with the realism layer: the scenario's own \"realism\" settings, or the defaults (border margin, route-efficiency factor) when it has none.",
        };
        // No "[default: 0]" in the help: 0 is outside the option's own range, and means "no draws".
        var monteCarlo = NumberOptions.WithoutDefault(NumberOptions.Int("--monte-carlo", "Draw the scenario's uncertain inputs N times: P5/P50/P95 and mean of every total, and per flight the share of draws of each outcome and the spread of its extras.",
            0, 1, 10_000_000, "the number of draws"));
        var seed = NumberOptions.Long("--seed", "Seed of the draws (any 64-bit integer; default 1): the same seed gives the same bytes on any thread count and shard split.", 1);
        var shard = new Option<string?>("--shard") { Description = "With --monte-carlo: compute only draws K, K+N, K+2N, ... and write a partial result (JSON) for 'airspacesim merge'.", HelpName = "K/N" };
        var sweep = new Option<string?>("--sweep")
        {
            Description = $"Run once per value of a parameter, e.g. buffer=0,10,25,50; one line of totals per value. Parameters: {string.Join(", ", Sweeps.Described)}.",
            HelpName = "NAME=V1,V2,...",
        };
        var cmd = new Command("whatif", "What-if: a scenario's closures (in time, altitude and applicability) against its flights; outcomes, extra km, minutes, fuel, CO2 and cost per flight, with totals.");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { format, output, groupBy, airspaces, monteCarlo, seed, shard, sweep, realistic }) cmd.Options.Add(o);
        image.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            var model = costModel ?? ShippedCostModel();
            // Indexed, not built: only the airspaces the scenario names are validated (as route and batch do).
            var files = new List<AirspaceFile>();
            foreach (var file in parse.GetValue(airspaces) ?? [])
            {
                CliApp.RequireFile(file, "--airspaces");
                files.Add(AirspaceLoader.OpenGeoJson(file));
            }
            var options = new ScenarioReadOptions { AirspaceFiles = files, CostModel = model };
            string name = parse.GetValue(scenario) ?? BundledScenarios.Default;
            if (Directory.Exists(name)) throw new CliException($"scenario: {name} is a folder, not a file"); // not "not found"
            Scenario s = File.Exists(name) ? ScenarioJson.Load(name, options)
                    : BundledScenarios.Contains(name) ? BundledScenarios.Load(name, options)
                    : throw new CliException($"scenario not found: '{name}' is neither a file nor a bundled scenario ({string.Join(", ", BundledScenarios.Names)})");
            // An id the --airspaces files take from the bundled airspaces (or from an earlier file) is said, as route does.
            PlanningOptions.NoteShadowing(io, files, s.Closures.SelectMany(c => c.AirspaceIds));
            foreach (var c in s.Closures)
                foreach (var a in c.Airspaces.Skip(c.AirspaceIds.Count))
                    if (AirspaceCatalog.Bundled.Contains(a.Id) || files.Any(f => f.Contains(a.Id)))
                        io.Err.WriteLine($"airspacesim: note: closure '{c.Id}': its polygon '{a.Id}' has the id of {(files.LastOrDefault(f => f.Contains(a.Id)) is { } f ? $"an airspace of {f.FileName}" : "a bundled airspace")}; the closure uses its own polygon (give it another id to avoid the confusion)");
            // Totals of zero flights read like "no effect" (a scenario whose routes all fall outside its period, say).
            var allFlights = s.AllFlights();
            if (allFlights.Count == 0)
                io.Err.WriteLine($"airspacesim: note: scenario '{s.Name}' has no flights (no \"flights\", and no \"routes\" departing in its period): every total is 0");
            else NoteUnmatchedApplicability(io, s, allFlights);
            if (parse.GetValue(realistic) && s.Realism is null) s = s with { Realism = Routing.RealismOptions.Default };
            GroupBy? g = parse.GetValue(groupBy) is { } gb ? Enum.Parse<GroupBy>(gb, ignoreCase: true) : null;
            // Chosen by --format or by --out's extension (x.csv is csv): either way a --shard must be json.
            var (fmt, formatGiven) = OutFormat.Resolve(parse, format, output, "whatif", FileFormats);
            int draws = parse.GetValue(monteCarlo);
            string? shardText = parse.GetValue(shard), sweepText = parse.GetValue(sweep);
            var sim = new SimulationOptions { CostModel = model };
            var text = new StringWriter { NewLine = "\n" };
            string? outFile = ImageOutput.IsFile(fmt) ? ImageOutput.RequireOut(parse.GetValue(output), fmt) : null;
            var sizes = image.Read(parse, fmt);

            // Only the table and json have groups; csv (one row per flight), geojson and the images ignored it silently.
            if (g != null && fmt is not ("table" or "json") && draws == 0 && sweepText == null)
                throw new CliException($"--group-by: only with --format table or json (--format {fmt} has no groups{(fmt == "csv" ? "; its rows are flights, with operator, from, to and departure columns to group by" : "")})");
            if (shardText != null && draws == 0) throw new CliException("--shard K/N: give --monte-carlo N too (a shard is a part of a Monte Carlo run)");
            // Was ignored silently: a run without draws has nothing to seed, and "--seed 5" reads as if it changed something.
            if (draws == 0 && parse.GetResult(seed) is { Implicit: false })
                throw new CliException("--seed: give --monte-carlo N too (the seed is that of the Monte Carlo draws; a run without draws has none)");
            if (draws > 0 || sweepText != null)
            {
                if (draws > 0 && sweepText != null) throw new CliException("--monte-carlo and --sweep: give one of them");
                if (fmt == "geojson")
                    throw new CliException($"--format {fmt}: not with {(draws > 0 ? "--monte-carlo" : "--sweep")} (table, csv, json, png, svg or html)");
                if (g != null) throw new CliException($"--group-by: not with {(draws > 0 ? "--monte-carlo" : "--sweep")}");
            }
            if (draws > 0)
            {
                if (s.Uncertainty.IsEmpty)
                    io.Err.WriteLine($"airspacesim: note: scenario '{s.Name}' has no uncertain inputs (an \"uncertainty\" object); every draw is the same run");
                var mc = new MonteCarloOptions { Draws = draws, Seed = parse.GetValue(seed) };
                if (shardText != null)
                {
                    // merge writes table, csv and json only: the advice to "merge --format html" led to merge's own refusal.
                    if (formatGiven && fmt != "json")
                        throw new CliException(fmt is "table" or "csv"
                            ? $"--shard writes its partial result as JSON; choose --format {fmt} when merging ('airspacesim merge PARTS --format {fmt}')"
                            : $"--shard writes its partial result as JSON, and merge writes table, csv or json; for --format {fmt} run the Monte Carlo whole, without --shard");
                    var (k, n) = ParseShard(shardText, draws);
                    var part = CliProgress.Run(io, true, $"{s.Name} shard {k}/{n}", "draws", p => MonteCarlo.RunShard(s, sim, mc with { ShardIndex = k, ShardCount = n }, io.Cancellation, p));
                    text.WriteLine(MonteCarloReport.PartialJson(part));
                }
                else
                {
                    // html also shows the nominal run: computed once, on the simulator of the draws (MonteCarloResult.Nominal).
                    var r = CliProgress.Run(io, true, s.Name, "draws", p => MonteCarlo.Run(s, sim, mc with { IncludeNominal = fmt == "html" }, io.Cancellation, p));
                    switch (fmt)
                    {
                        // png/svg: the cost histogram; html: the scenario's own report with the Monte Carlo section.
                        case "png" or "svg": File.WriteAllBytes(outFile!, Reports.Charts.CostDistribution(r, ImageOutput.Format(fmt), sizes)); break;
                        case "html":
                            File.WriteAllText(outFile!, Reports.HtmlReport.Write([r.Nominal!], new Reports.HtmlReportOptions { Map = sizes, MonteCarlo = r }));
                            break;
                        default: WriteMonteCarlo(text, r, fmt); break;
                    }
                    return Emit(io, outFile == null ? text : null, parse.GetValue(output), MonteCarloErrors(io, r));
                }
                return Emit(io, outFile == null ? text : null, parse.GetValue(output), 0);
            }
            if (sweepText != null)
            {
                var (parameter, values) = ParseSweep(sweepText);
                // The library runs a --sweep in place of the scenario's own buffer sweep; said, as a Monte Carlo run
                // refuses one: `whatif buffer-sweep --sweep fuel-price=...` ran every price at 0 NM alone, silently.
                if (s.Parameters.BufferSweepNm.Count > 0)
                    io.Err.WriteLine($"airspacesim: note: scenario '{s.Name}' has its own buffer sweep (bufferSweepNm: {string.Join(", ", s.Parameters.BufferSweepNm.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)))} NM), which --sweep {Sweeps.Name(parameter)} replaces: "
                        + (parameter == SweepParameter.BufferNm ? "the buffers given are run" : "each value is run once, with every closure at its own bufferNm"));
                // A speed swept without a direction blew from 0 degrees, silently (a scenario file with windKt and no
                // windFromDeg is refused for it; the sweep keeps running, as the docs' `--sweep wind=0,80` does).
                if (parameter == SweepParameter.WindKt && s.Parameters.Cost.WindFromDeg == null && values.Any(v => v > 0))
                    io.Err.WriteLine($"airspacesim: note: scenario '{s.Name}' gives no windFromDeg, so each wind of --sweep wind blows from 0 degrees (north); give \"windFromDeg\" in its parameters for another direction");
                int flights = allFlights.Count;
                SweepResult r;
                // What the library refuses about the sweep (a value out of range, wind-from in still air: checked before
                // anything runs) is said with the option's name (was "sweep buffer: value -5 is outside ...").
                try
                {
                    r = CliProgress.Run(io, (long)flights * values.Count >= ProgressFlights, $"{s.Name} sweep {Sweeps.Name(parameter)}", "flights",
                        p => Sweeps.Run(s, sim, parameter, values, io.Cancellation, p));
                }
                catch (ArgumentException e) when (e.Message.StartsWith("sweep ", StringComparison.Ordinal)) { throw new CliException($"--{CliApp.OneLine(e)}"); }
                switch (fmt)
                {
                    case "png" or "svg": File.WriteAllBytes(outFile!, Reports.Charts.Sweep(r, ImageOutput.Format(fmt), sizes)); break;
                    case "html": File.WriteAllText(outFile!, Reports.HtmlReport.Write(r, new Reports.HtmlReportOptions { Map = sizes })); break;
                    case "json": text.WriteLine(Sweeps.Json(r)); break;
                    case "csv": Sweeps.WriteCsv(text, r); break;
                    default: Sweeps.WriteTable(text, r); break;
                }
                return Emit(io, outFile == null ? text : null, parse.GetValue(output), r.Points.Sum(p => p.Result.Errors), r.Points[0].Result);
            }
            int count = allFlights.Count * Math.Max(1, s.Parameters.BufferSweepNm.Count);
            var runs = CliProgress.Run(io, count >= ProgressFlights, s.Name, "flights", p => WhatIfSimulator.RunSweep(s, sim, io.Cancellation, p));
            if (fmt == "csv" && parse.GetValue(output) is null)
            {
                // Straight to stdout, not through a string: a day of 67,000 flights is 10 MB of CSV (40 MB of
                // StringBuilder, a 20 MB string and its encoding, the largest allocations of the process). Rows end
                // in \n on every system, as the text does.
                string newLine = io.Out.NewLine;
                io.Out.NewLine = "\n";
                try { SimulationReport.WriteCsv(io.Out, runs); }
                finally { io.Out.NewLine = newLine; }
                return Emit(io, null, null, runs.Sum(r => r.Errors), runs[0]);
            }
            switch (fmt)
            {
                // A map (or report) of the first run, as geojson does: a sweep's runs share their flights and closures.
                case "png" or "svg": File.WriteAllBytes(outFile!, Reports.MapImage.Render(Reports.MapContent.FromSimulation(runs[0]), ImageOutput.Format(fmt), sizes)); break;
                case "html": File.WriteAllText(outFile!, Reports.HtmlReport.Write(runs, new Reports.HtmlReportOptions { Map = sizes })); break;
                case "json": text.WriteLine(SimulationReport.Json(runs, g)); break;
                case "csv": SimulationReport.WriteCsv(text, runs); break;
                case "geojson": text.WriteLine(SimulationReport.GeoJson(runs[0])); break;
                default: SimulationReport.WriteTable(text, runs, g); break;
            }
            return Emit(io, outFile == null ? text : null, parse.GetValue(output), runs.Sum(r => r.Errors), runs[0]);
        }));
        return cmd;
    }

    /// <summary>Says on stderr each flight that is an <c>error</c> in some draw and returns how many there are, for the
    /// exit code: a Monte Carlo run of a scenario with error flights (an unknown type, a level above the type's ceiling)
    /// exited 0 in silence, where the same scenario run once, or swept, exits 1 and names them.</summary>
    internal static int MonteCarloErrors(CliIO io, MonteCarloResult r)
    {
        int errors = 0;
        foreach (var f in r.Flights)
            if (f.OutcomeDraws.TryGetValue(FlightOutcome.Error, out int n) && n > 0)
            {
                errors++;
                io.Err.WriteLine($"airspacesim: flight {f.Flight.Id}: error in {n} of {r.Draws.Count} draws (run the scenario without --monte-carlo for the reason)");
            }
        return errors;
    }

    /// <summary>The Monte Carlo result in the chosen format (shared with <c>merge</c>, so both write the same bytes).</summary>
    internal static void WriteMonteCarlo(TextWriter text, MonteCarloResult r, string format)
    {
        switch (format)
        {
            case "json": text.WriteLine(MonteCarloReport.Json(r)); break;
            case "csv": MonteCarloReport.WriteCsv(text, r); break;
            default: MonteCarloReport.WriteTable(text, r); break;
        }
    }

    /// <summary>Writes the text to the file or stdout (none when null: an image or report already went to its file); error
    /// flights (of the first run) go to stderr; exit 1 if any.</summary>
    internal static int Emit(CliIO io, StringWriter? text, string? path, int errors, SimulationResult? first = null)
    {
        if (text is null) { }
        else if (path != null) File.WriteAllText(path, text.ToString());
        else io.Out.Write(text.ToString());
        foreach (var f in first?.Flights.Where(f => f.Outcome == FlightOutcome.Error) ?? [])
            io.Err.WriteLine($"airspacesim: flight {f.Flight.Id}: {f.Reason}");
        return errors > 0 ? 1 : 0;
    }

    private static (int K, int N) ParseShard(string text, int draws)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !InvariantNumber.TryParseInt(parts[0].Trim(), out int k) || !InvariantNumber.TryParseInt(parts[1].Trim(), out int n))
            throw new CliException($"--shard {InvariantNumber.Quote(text)}: give K/N, e.g. 0/4 (shard K of N, 0 ≤ K < N)");
        if (n < 1 || k < 0 || k >= n) throw new CliException($"--shard {text}: K must be in [0, N) and N ≥ 1, e.g. 0/4 … 3/4");
        if (n > draws) throw new CliException($"--shard {text}: {n} shards for {draws} draws; give at most as many shards as draws");
        return (k, n);
    }

    private static (SweepParameter Parameter, IReadOnlyList<double> Values) ParseSweep(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new CliException($"--sweep {InvariantNumber.Quote(text)}: give NAME=V1,V2,..., e.g. buffer=0,10,25,50 (parameters: {string.Join(", ", Sweeps.Described)})");
        SweepParameter p;
        try { p = Sweeps.Parse(text[..eq]); }
        catch (ArgumentException e) { throw new CliException($"--sweep: {e.Message}"); }
        var values = new List<double>();
        foreach (var item in text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!InvariantNumber.TryParse(item, out double v)) throw new CliException($"--sweep {Sweeps.Name(p)}: {InvariantNumber.Problem(item)}");
            // A value given twice ran twice, as two identical lines of totals (buffer=5,5).
            if (values.Contains(v + 0.0)) throw new CliException($"--sweep {Sweeps.Name(p)}: the value {InvariantNumber.Quote(item, quotes: false)} is given twice; give each value once");
            values.Add(v + 0.0);
        }
        // The range is the library's to check (Sweeps.Run, before anything runs); its message gets the option's name there.
        return (p, values);
    }

    // The shipped cost model: the aircraft-performance layer, through its adapter.
    private static IFlightCostModel ShippedCostModel() => PerformanceCostModel.Default;

    // An appliesTo code that no flight carries binds nothing, silently: "airlines": ["KL"] (the IATA code) for KLM's
    // flights left every one unaffected, and the totals read as "the closure costs KLM nothing" (new-user sweep 7).
    // A note, not an error: a closure may rightly bind no flight of this scenario.
    internal static void NoteUnmatchedApplicability(CliIO io, Scenario s, IReadOnlyList<Flight> flights)
    {
        HashSet<string>? airlines = null, states = null;
        foreach (var c in s.Closures)
        {
            if (c.AppliesTo.Kind == ApplicabilityKind.Everyone) continue;
            bool byAirline = c.AppliesTo.Kind == ApplicabilityKind.Airlines;
            var known = byAirline
                ? airlines ??= new HashSet<string>(flights.Select(f => f.Airline), StringComparer.OrdinalIgnoreCase)
                : states ??= new HashSet<string>(flights.Select(f => f.OperatorState), StringComparer.OrdinalIgnoreCase);
            var missing = c.AppliesTo.Codes.Where(x => !known.Contains(x)).ToList();
            if (missing.Count == 0) continue;
            string what = byAirline ? "airlines" : "states";
            string field = c.AppliesTo.Kind switch { ApplicabilityKind.Airlines => "airlines", ApplicabilityKind.States => "states", _ => "exceptStates" };
            var have = known.Order(StringComparer.Ordinal).ToList();
            string list = string.Join(", ", have.Take(12)) + (have.Count > 12 ? $", ... ({have.Count})" : "");
            string effect = missing.Count == 1 ? "that code matches nothing" : "those codes match nothing";
            string hint = byAirline ? "; airlines are ICAO designators, e.g. KLM (not the IATA KL)" : "";
            io.Err.WriteLine($"airspacesim: note: closure '{c.Id}': appliesTo.{field} names {string.Join(", ", missing)}, which no flight of the scenario has ({what} of its flights: {list}): {effect}{hint}");
        }
    }
}
