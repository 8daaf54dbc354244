using AirspaceSim.Infrastructure;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.Statistics;

namespace AirspaceSim.Simulation;

/// <summary>What a Monte Carlo run draws: how many draws, the seed, the shard, the threads.</summary>
public sealed record MonteCarloOptions
{
    /// <summary>Number of draws in the whole run (all shards), ≥ 1.</summary>
    public required int Draws { get; init; }

    /// <summary>The seed; the same seed gives the same draws on any thread count and in any shard split.</summary>
    public long Seed { get; init; }

    /// <summary>This shard's index K in [0, <see cref="ShardCount"/>): it computes draws K, K+N, K+2N, ...</summary>
    public int ShardIndex { get; init; }

    /// <summary>Number of shards N (1 = the whole run).</summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>Threads (draws run in parallel, each draw's flights on one thread); -1 = all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Also run the scenario as it is (no draw) on the same simulator, sharing its planners, and return it as
    /// <see cref="MonteCarloResult.Nominal"/> (<see cref="MonteCarlo.Run(Scenario, SimulationOptions, MonteCarloOptions)"/> only; a shard never carries it). Default false.</summary>
    public bool IncludeNominal { get; init; }
}

/// <summary>One drawn input as reported: its name, unit and the distribution it comes from.</summary>
/// <param name="Name">E.g. <c>closureEnd:SVZM</c> or <c>fuelPriceUsdPerKg</c>.</param>
/// <param name="Unit">E.g. <c>hours after start</c>, <c>USD/kg</c>.</param>
/// <param name="Distribution">The distribution in words, with how draws are clamped or rounded.</param>
public sealed record MonteCarloInput(string Name, string Unit, string Distribution);

/// <summary>A flight as the Monte Carlo summary names it (the scenario's codes as given).</summary>
/// <param name="Id">Flight id.</param>
/// <param name="From">Origin as given.</param>
/// <param name="To">Destination as given.</param>
/// <param name="Operator">ICAO airline designator.</param>
public sealed record MonteCarloFlight(string Id, string From, string To, string Operator);

/// <summary>
/// One draw's result, exactly: the drawn inputs (in <see cref="MonteCarloHeader.Inputs"/> order), the totals and per
/// flight (in scenario order) the outcome, extra cost and extra minutes as written in a plain run.
/// </summary>
public sealed record MonteCarloDraw
{
    /// <summary>Draw index in [0, draws).</summary>
    public required int Index { get; init; }

    /// <summary>Drawn inputs, in the header's order.</summary>
    public required IReadOnlyList<double> Inputs { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Totals of the draw.</summary>
    public required Totals Totals { get; init; }

    /// <summary>Outcome per flight.</summary>
    public required IReadOnlyList<FlightOutcome> Outcomes { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Extra cost per flight, US$ (0.01).</summary>
    public required IReadOnlyList<decimal> ExtraCostUsd { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Extra minutes per flight (0.1).</summary>
    public required IReadOnlyList<decimal> ExtraMinutes { get; init => field = ReadOnlyLists.Of(value); }

    // The other three totals' figures per flight: with them every total of the draw can be checked against its flights
    // (a partial carried only cost and minutes, so an edited extraKm, extraFuelKg or extraCo2Kg total merged silently).
    // Not required, so that a draw made in code as before still builds; empty = not given (then not checked).

    /// <summary>Extra km per flight (0.1); empty when not given.</summary>
    public IReadOnlyList<decimal> ExtraKm { get; init => field = ReadOnlyLists.Of(value); } = [];

    /// <summary>Extra fuel per flight, kg (0.1); empty when not given.</summary>
    public IReadOnlyList<decimal> ExtraFuelKg { get; init => field = ReadOnlyLists.Of(value); } = [];

    /// <summary>Extra CO₂ per flight, kg (0.1); empty when not given.</summary>
    public IReadOnlyList<decimal> ExtraCo2Kg { get; init => field = ReadOnlyLists.Of(value); } = [];

    /// <summary>The draw's five totals by name, each with its flights' figures (null when the draw does not give
    /// them): what <see cref="MonteCarloReport.ReadPartial"/> and <see cref="MonteCarlo.Merge"/> check, one list.</summary>
    internal (string Name, decimal Total, IReadOnlyList<decimal>? Flights)[] TotalsAndFlights() =>
    [
        ("extraKm", Totals.ExtraKm, ExtraKm.Count > 0 ? ExtraKm : null),
        ("extraMinutes", Totals.ExtraMinutes, ExtraMinutes),
        ("extraFuelKg", Totals.ExtraFuelKg, ExtraFuelKg.Count > 0 ? ExtraFuelKg : null),
        ("extraCo2Kg", Totals.ExtraCo2Kg, ExtraCo2Kg.Count > 0 ? ExtraCo2Kg : null),
        ("extraCostUsd", Totals.ExtraCostUsd, ExtraCostUsd),
    ];
}

/// <summary>What every shard of one run shares: the scenario's identity, seed, draws, model, inputs and flights.</summary>
public sealed record MonteCarloHeader
{
    /// <summary>Scenario name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>SHA-256 (hex) of the scenario as <see cref="ScenarioJson.Write(Scenario)"/> writes it: shards of one run share it.</summary>
    public required string ScenarioSha256 { get; init; }

    /// <summary>Seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Draws in the whole run.</summary>
    public required int Draws { get; init; }

    /// <summary>Cost model name.</summary>
    public required string CostModel { get; init; }

    /// <summary>The cost model's and the simulator's assumptions (for the scenario's parameters as given).</summary>
    public required IReadOnlyList<string> Assumptions { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>The drawn inputs.</summary>
    public required IReadOnlyList<MonteCarloInput> Inputs { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>The flights, in scenario order.</summary>
    public required IReadOnlyList<MonteCarloFlight> Flights { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Structural equality (lists element by element).</summary>
    public bool Equals(MonteCarloHeader? o) =>
        o is not null && ScenarioName == o.ScenarioName && ScenarioSha256 == o.ScenarioSha256 && Seed == o.Seed && Draws == o.Draws &&
        CostModel == o.CostModel && Assumptions.SequenceEqual(o.Assumptions) && Inputs.SequenceEqual(o.Inputs) && Flights.SequenceEqual(o.Flights);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ScenarioSha256, Seed, Draws);
}

/// <summary>A shard's draws (<see cref="MonteCarloOptions.ShardIndex"/> of <see cref="MonteCarloOptions.ShardCount"/>), in index order.</summary>
/// <param name="Header">What the shards share.</param>
/// <param name="ShardIndex">K.</param>
/// <param name="ShardCount">N.</param>
/// <param name="Draws">Draws K, K+N, ... below <see cref="MonteCarloHeader.Draws"/>, in order.</param>
public sealed record MonteCarloPartial(MonteCarloHeader Header, int ShardIndex, int ShardCount, IReadOnlyList<MonteCarloDraw> Draws)
{
    /// <summary>Draws K, K+N, ... below <see cref="MonteCarloHeader.Draws"/>, in order.</summary>
    public IReadOnlyList<MonteCarloDraw> Draws { get; init => field = ReadOnlyLists.Of(value); } = ReadOnlyLists.Of(Draws);
}

/// <summary>Mean and percentiles of one figure over the draws, rounded as the figure is written.</summary>
/// <param name="Mean">Arithmetic mean (exact in decimal, then rounded).</param>
/// <param name="P5">5th percentile (<see cref="MonteCarlo.PercentileDefinition"/>).</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
public sealed record Spread(decimal Mean, decimal P5, decimal P50, decimal P95);

/// <summary>Per flight: in how many draws each outcome happened, and the spread of its extras.</summary>
/// <param name="Flight">The flight.</param>
/// <param name="OutcomeDraws">Draws per outcome (every outcome present, zero when none).</param>
/// <param name="ExtraCostUsd">Extra cost, US$.</param>
/// <param name="ExtraMinutes">Extra minutes.</param>
public sealed record FlightSpread(MonteCarloFlight Flight, IReadOnlyDictionary<FlightOutcome, int> OutcomeDraws, Spread ExtraCostUsd, Spread ExtraMinutes)
{
    /// <summary>Draws per outcome (every outcome present, zero when none).</summary>
    public IReadOnlyDictionary<FlightOutcome, int> OutcomeDraws { get; init => field = ReadOnlyLists.Of(value); } = ReadOnlyLists.Of(OutcomeDraws);
}

/// <summary>
/// The result of a Monte Carlo run: every draw in index order and the summaries computed from them alone, so the same
/// draws (from one process or merged from shards) give the same result.
/// </summary>
public sealed record MonteCarloResult
{
    /// <summary>The run's header.</summary>
    public required MonteCarloHeader Header { get; init; }

    /// <summary>Every draw, index 0 to draws − 1.</summary>
    public required IReadOnlyList<MonteCarloDraw> Draws { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Spread of each drawn input (rounded to 0.001).</summary>
    public required IReadOnlyList<Spread> Inputs { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Spread of each total, by name: <c>extraKm</c>, <c>extraMinutes</c>, <c>extraFuelKg</c>, <c>extraCo2Kg</c>,
    /// <c>extraCostUsd</c>, then the flights per outcome (<c>cancelled</c>...), in that order.</summary>
    public required IReadOnlyList<(string Name, Spread Spread)> Totals { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Per flight, in scenario order.</summary>
    public required IReadOnlyList<FlightSpread> Flights { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>The scenario run as it is, without drawing, when <see cref="MonteCarloOptions.IncludeNominal"/> asked for
    /// it (computed on the simulator that ran the draws, so with the planners they built); otherwise null. Not part of
    /// the draws or of the summaries, and not carried by <see cref="MonteCarlo.Merge"/>.</summary>
    public SimulationResult? Nominal { get; init; }

    /// <summary>Share of draws in which <paramref name="flight"/> (index) had <paramref name="outcome"/>.</summary>
    public double Probability(int flight, FlightOutcome outcome) => (double)Flights[flight].OutcomeDraws[outcome] / Draws.Count;
}

/// <summary>
/// Monte Carlo over a scenario's <see cref="Scenario.Uncertainty"/>: each draw k draws every uncertain input, runs the
/// scenario with them and keeps the totals and per-flight outcomes and extras; summaries are means and P5/P50/P95.
/// </summary>
/// <remarks>
/// Reproducibility: draw k's input in slot j (closure i: slot i; scalar input e: slot 64 + e) is the inverse CDF of
/// <see cref="Uniform"/>(seed, k, j), a counter-based stream, so a draw depends on (seed, k) only — not on the thread
/// that runs it, the shard, or the other draws — and the summaries aggregate the draws in index order. Speed: one
/// simulator serves every draw (<see cref="WhatIfSimulator"/> variants), so draws with the same active closure set and
/// buffer share its planner and the flights are expanded once.
/// </remarks>
public static class MonteCarlo
{
    /// <summary>The percentile definition, as written in the outputs.</summary>
    public const string PercentileDefinition =
        "R-7 (Hyndman & Fan 1996 type 7: linear between order statistics at h = (n-1)p + 1; MathNet Statistics.QuantileCustom with QuantileDefinition.R7; numpy's and Excel's default)";

    /// <summary>The <paramref name="tau"/>-quantile of <paramref name="data"/> by <see cref="PercentileDefinition"/> (R-7): the
    /// one definition every summary and chart of a Monte Carlo run uses. <paramref name="data"/> is reordered in place.</summary>
    public static double Quantile(double[] data, double tau) => Statistics.QuantileCustom(data, tau, QuantileDefinition.R7);

    /// <summary>The random stream, as written in the outputs.</summary>
    public const string Generator =
        "counter-based SplitMix64: u(seed, draw, slot) = (mix64(mix64(seed + γ·(draw+1)) + γ·(slot+1)) >> 11 + 0.5) / 2^53, γ = 0x9E3779B97F4A7C15";

    private const int ScalarSlot = 64;

    /// <summary>
    /// The uniform number in (0, 1) of (seed, draw, slot): SplitMix64's output function (Steele, Lea &amp; Flood 2014)
    /// applied twice, keyed first by the draw and then by the slot. Written by hand: MathNet's generators are
    /// sequential streams seeded from 32 bits, and a counter-based stream is what makes a draw independent of the
    /// others (and stable across .NET versions, unlike <see cref="Random"/>).
    /// </summary>
    public static double Uniform(long seed, int draw, int slot)
    {
        ulong x = Mix((ulong)seed + Gamma * (ulong)(draw + 1));
        x = Mix(x + Gamma * (ulong)(slot + 1));
        return ((x >> 11) + 0.5) / (1UL << 53);
    }

    private const ulong Gamma = 0x9E3779B97F4A7C15;

    /// <summary>SplitMix64's output function (the finaliser of MurmurHash3's variant 13).</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The drawn inputs of <paramref name="scenario"/>: closure ends in scenario order, then the scalar inputs.</summary>
    public static IReadOnlyList<MonteCarloInput> Inputs(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var u = scenario.Uncertainty;
        var list = new List<MonteCarloInput>();
        foreach (var c in scenario.Closures)
            if (u.ClosureEnds.FirstOrDefault(e => e.ClosureId == c.Id) is { } e)
                list.Add(new MonteCarloInput($"closureEnd:{c.Id}", "hours after start", $"{e.HoursAfterStart}, rounded to the minute, at least 1 minute"));
        foreach (var (input, d) in u.Inputs)
        {
            var (lo, hi) = ScenarioUncertainty.Range(input);
            string how = input == UncertainInput.WindFromDeg ? ", taken modulo 360" : string.Create(CultureInfo.InvariantCulture, $", clamped to [{lo}, {hi}]");
            if (input == UncertainInput.ExtraBufferNm) how += string.Create(CultureInfo.InvariantCulture, $", added to every closure's buffer (at most {ParameterRanges.BufferNm.Max} NM in all)");
            list.Add(new MonteCarloInput(ScenarioUncertainty.Name(input), Unit(input), d + how));
        }
        return list;
    }

    private static string Unit(UncertainInput i) => i switch
    {
        UncertainInput.FuelPriceUsdPerKg => "USD/kg", UncertainInput.WindKt => "kt", UncertainInput.WindFromDeg => "deg true",
        UncertainInput.ExtraBufferNm => "NM", _ => "factor",
    };

    /// <summary>Draw <paramref name="index"/> of <paramref name="seed"/>: the scenario with its inputs drawn, and the values drawn.</summary>
    public static (Scenario Scenario, IReadOnlyList<double> Values) Draw(Scenario scenario, long seed, int index)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var u = scenario.Uncertainty;
        var closures = scenario.Closures.ToArray();
        var values = new List<double>();
        for (int i = 0; i < closures.Length; i++)
        {
            if (u.ClosureEnds.FirstOrDefault(e => e.ClosureId == closures[i].Id) is not { } e) continue;
            double hours = e.HoursAfterStart.Quantile(Uniform(seed, index, i));
            // Whole minutes (NOTAM times are to the minute): the drawn end is then an exact instant and reads back the same.
            double minutes = Math.Max(1, Math.Round(Math.Min(hours, 24 * 366 * 100) * 60, MidpointRounding.AwayFromZero));
            closures[i] = closures[i] with { EndUtc = closures[i].StartUtc.AddMinutes(minutes) };
            values.Add(minutes / 60);
        }
        var cost = scenario.Parameters.Cost;
        foreach (var (input, d) in u.Inputs)
        {
            double x = d.Quantile(Uniform(seed, index, ScalarSlot + (int)input));
            var (lo, hi) = ScenarioUncertainty.Range(input);
            x = input == UncertainInput.WindFromDeg ? (x % 360 + 360) % 360 : Math.Clamp(x, lo, hi);
            values.Add(x);
            switch (input)
            {
                case UncertainInput.FuelPriceUsdPerKg: cost = cost with { FuelPriceUsdPerKg = x }; break;
                case UncertainInput.WindKt: cost = cost with { WindKt = x }; break;
                case UncertainInput.WindFromDeg: cost = cost with { WindFromDeg = x }; break;
                case UncertainInput.CruiseSpeedFactor: cost = cost with { CruiseSpeedFactor = x }; break;
                default:
                    for (int i = 0; i < closures.Length; i++) closures[i] = closures[i] with { BufferNm = Math.Min(ParameterRanges.BufferNm.Max, closures[i].BufferNm + x) };
                    break;
            }
        }
        return (scenario with { Closures = closures, Parameters = scenario.Parameters with { Cost = cost } }, values);
    }

    /// <summary>SHA-256 (lower-case hex) of the scenario's JSON.</summary>
    public static string Sha256(Scenario scenario) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ScenarioJson.Write(scenario))));

    /// <summary>The header of a run of <paramref name="scenario"/> with these options.</summary>
    public static MonteCarloHeader Header(Scenario scenario, SimulationOptions simulation, MonteCarloOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(options);
        return new MonteCarloHeader
        {
            ScenarioName = scenario.Name, ScenarioSha256 = Sha256(scenario), Seed = options.Seed, Draws = options.Draws,
            CostModel = simulation.CostModel.Name,
            Assumptions = [.. simulation.CostModel.Assumptions(scenario.Parameters.Cost), .. WhatIfSimulator.SimulatorAssumptions(scenario.Parameters)],
            Inputs = Inputs(scenario),
            Flights = scenario.AllFlights().Select(f => new MonteCarloFlight(f.Id, f.Origin, f.Destination, f.Airline)).ToArray(),
        };
    }

    /// <summary>Runs every draw and summarises them. A scenario without uncertain inputs
    /// (<see cref="ScenarioUncertainty.IsEmpty"/>) is run all the same: every draw is the nominal run (the CLI notes it).</summary>
    /// <exception cref="ArgumentException">Bad options, or a scenario with a buffer sweep.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the message says how many draws were done.</exception>
    public static MonteCarloResult Run(Scenario scenario, SimulationOptions simulation, MonteCarloOptions options) =>
        Run(scenario, simulation, options, CancellationToken.None, null);

    /// <summary>As <see cref="Run(Scenario, SimulationOptions, MonteCarloOptions)"/>, with cancellation and progress (draws
    /// done: after each draw, from the worker threads, one report at a time, never going back).</summary>
    /// <exception cref="ArgumentException">Bad options, or a scenario with a buffer sweep.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the message says how many draws were done.</exception>
    public static MonteCarloResult Run(Scenario scenario, SimulationOptions simulation, MonteCarloOptions options,
        CancellationToken cancellationToken, IProgress<SimulationProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (part, template) = RunShardOn(scenario, simulation, options with { ShardIndex = 0, ShardCount = 1 }, cancellationToken, progress);
        var result = Merge([part]);
        // After the draws: the nominal run finds the planners of its closure sets already built.
        return options.IncludeNominal ? result with { Nominal = template.Run(cancellationToken) } : result;
    }

    /// <summary>Runs the shard's draws (K, K+N, ...); <see cref="Merge"/> combines the shards into the run's result.</summary>
    /// <exception cref="ArgumentException">Bad options, or a scenario with a buffer sweep.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the message says how many draws were done (progress
    /// counts draws).</exception>
    public static MonteCarloPartial RunShard(Scenario scenario, SimulationOptions simulation, MonteCarloOptions options) =>
        RunShard(scenario, simulation, options, CancellationToken.None, null);

    /// <summary>As <see cref="RunShard(Scenario, SimulationOptions, MonteCarloOptions)"/>, with cancellation and progress (draws).</summary>
    /// <exception cref="ArgumentException">Bad options, or a scenario with a buffer sweep.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the message says how many draws were done.</exception>
    public static MonteCarloPartial RunShard(Scenario scenario, SimulationOptions simulation, MonteCarloOptions options,
        CancellationToken cancellationToken, IProgress<SimulationProgress>? progress) =>
        RunShardOn(scenario, simulation, options, cancellationToken, progress).Part;

    // The shard and the simulator that ran it (whose variants ran the draws), for a nominal run that shares its planners.
    private static (MonteCarloPartial Part, WhatIfSimulator Template) RunShardOn(Scenario scenario, SimulationOptions simulation, MonteCarloOptions options,
        CancellationToken cancellationToken, IProgress<SimulationProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Draws < 1) throw new ArgumentException($"draws {options.Draws}: give at least 1");
        if (options.ShardCount < 1 || options.ShardIndex < 0 || options.ShardIndex >= options.ShardCount)
            throw new ArgumentException($"shard {options.ShardIndex}/{options.ShardCount}: give K/N with 0 ≤ K < N");
        if (scenario.Parameters.BufferSweepNm.Count > 0)
            throw new ArgumentException($"scenario '{scenario.Name}' has a buffer sweep (bufferSweepNm); a Monte Carlo run draws one scenario: remove the sweep, or draw extraBufferNm");
        scenario.Uncertainty.Check(scenario.Closures);
        var header = Header(scenario, simulation, options);
        var indices = new List<int>();
        for (int k = options.ShardIndex; k < options.Draws; k += options.ShardCount) indices.Add(k);
        var template = new WhatIfSimulator(scenario, simulation);
        var draws = new MonteCarloDraw[indices.Count];
        int done = 0;
        var serial = new SerialProgress(progress, indices.Count);
        try
        {
            Parallel.For(0, indices.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, j =>
            {
                var (variant, values) = Draw(scenario, options.Seed, indices[j]);
                var results = template.Variant(variant).SimulateAll(1, cancellationToken);
                draws[j] = new MonteCarloDraw
                {
                    Index = indices[j], Inputs = values, Totals = Totals.Of(results), Outcomes = results.Select(r => r.Outcome).ToArray(),
                    ExtraCostUsd = results.Select(r => r.ExtraCostUsd).ToArray(), ExtraMinutes = results.Select(r => r.ExtraMinutes).ToArray(),
                    ExtraKm = results.Select(r => r.ExtraKm).ToArray(), ExtraFuelKg = results.Select(r => r.ExtraFuelKg).ToArray(),
                    ExtraCo2Kg = results.Select(r => r.ExtraCo2Kg).ToArray(),
                };
                serial.Report(Interlocked.Increment(ref done));
            });
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or AggregateException)
        {
            throw new OperationCanceledException($"cancelled after {Volatile.Read(ref done)} of {indices.Count} draws", cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A draw's own failure (a flight's errors are rows, not exceptions): the first one, as a single run throws it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        return (new MonteCarloPartial(header, options.ShardIndex, options.ShardCount, draws), template);
    }

    /// <summary>
    /// Combines the shards of one run into its result: the same header (scenario hash, seed, draws, model, inputs,
    /// flights) and shard count, each shard once, every draw once.
    /// </summary>
    /// <exception cref="ArgumentException">The parts are not exactly the shards of one run; the message says which and why.</exception>
    public static MonteCarloResult Merge(IReadOnlyList<MonteCarloPartial> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("no partial results to merge");
        var h = parts[0].Header ?? throw new ArgumentException("part 1 has no header");
        int n = parts[0].ShardCount;
        // Sizes come from the parts' own counts, so bound them before anything is allocated by them.
        if (h.Draws < 1) throw new ArgumentException($"part 1 is of a {h.Draws}-draw run: a run has at least one draw");
        if (n < 1 || n > h.Draws) throw new ArgumentException($"part 1 splits the run in {n} shards: between 1 and its {h.Draws} draws");
        if (h.Flights is null || h.Inputs is null) throw new ArgumentException("part 1's header lists no flights or inputs");
        static string Short(string? sha) => sha is { Length: > 12 } ? sha[..12] + "…" : sha ?? "";
        var byShard = new MonteCarloPartial?[n];
        for (int p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            var g = part.Header;
            string which = $"part {p + 1} (shard {part.ShardIndex}/{part.ShardCount})";
            if (g.ScenarioSha256 != h.ScenarioSha256 || g.ScenarioName != h.ScenarioName)
                throw new ArgumentException($"{which} is of scenario '{g.ScenarioName}' (sha256 {Short(g.ScenarioSha256)}), part 1 of '{h.ScenarioName}' (sha256 {Short(h.ScenarioSha256)}): merge the shards of one run");
            if (g.Seed != h.Seed) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{which} has seed {g.Seed}, part 1 seed {h.Seed}: merge the shards of one run"));
            if (g.Draws != h.Draws) throw new ArgumentException($"{which} is of a {g.Draws}-draw run, part 1 of a {h.Draws}-draw run");
            if (part.ShardCount != n) throw new ArgumentException($"{which} splits the run in {part.ShardCount} shards, part 1 in {n}");
            if (g != h) throw new ArgumentException($"{which} differs from part 1 in its cost model, assumptions, inputs or flights (another version of the program?)");
            if (part.ShardIndex < 0 || part.ShardIndex >= n) throw new ArgumentException($"{which}: shard index outside [0, {n})");
            if (byShard[part.ShardIndex] != null) throw new ArgumentException($"{which} is given twice: each shard once");
            // Counted before listed: a part that holds fewer draws than its run needs is refused without listing them.
            int expectedCount = (int)(((long)h.Draws - part.ShardIndex + n - 1) / n);
            if (part.Draws is null || part.Draws.Count != expectedCount ||
                !part.Draws.Select(d => d.Index).SequenceEqual(Enumerable.Range(0, expectedCount).Select(k => part.ShardIndex + k * n)))
                throw new ArgumentException($"{which} does not hold exactly draws {part.ShardIndex}, {part.ShardIndex + n}, ... below {h.Draws} ({part.Draws?.Count ?? 0} draws, {expectedCount} expected)");
            foreach (var d in part.Draws)
            {
                if (d.Outcomes.Count != h.Flights.Count || d.ExtraCostUsd.Count != h.Flights.Count || d.ExtraMinutes.Count != h.Flights.Count || d.Inputs.Count != h.Inputs.Count ||
                    d.ExtraKm.Count is not 0 && d.ExtraKm.Count != h.Flights.Count || d.ExtraFuelKg.Count is not 0 && d.ExtraFuelKg.Count != h.Flights.Count ||
                    d.ExtraCo2Kg.Count is not 0 && d.ExtraCo2Kg.Count != h.Flights.Count)
                    throw new ArgumentException($"{which}: draw {d.Index} has {d.Outcomes.Count} flights and {d.Inputs.Count} inputs; the header lists {h.Flights.Count} and {h.Inputs.Count}");
                // The reader checks this with the file's position; a partial made in code is held to the same rule.
                foreach (var (name, total, flights) in d.TotalsAndFlights())
                    if (flights is not null && flights.Sum() is var sum && sum != total)
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{which}: draw {d.Index}: the total {name} {total} is not the sum of its flights' {name} ({sum})"));
            }
            byShard[part.ShardIndex] = part;
        }
        var missing = Enumerable.Range(0, n).Where(k => byShard[k] == null).ToList();
        if (missing.Count > 0) throw new ArgumentException($"missing shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(k => $"{k}/{n}"))}: give every shard of the run");
        var all = new MonteCarloDraw[h.Draws];
        foreach (var part in byShard)
            foreach (var d in part!.Draws) all[d.Index] = d;
        return Summarise(h, all);
    }

    private static MonteCarloResult Summarise(MonteCarloHeader h, MonteCarloDraw[] draws)
    {
        var inputs = Enumerable.Range(0, h.Inputs.Count).Select(i => Of(draws.Select(d => (decimal)d.Inputs[i]).ToArray(), 3)).ToList();
        var totals = new List<(string, Spread)>
        {
            ("extraKm", Of(draws.Select(d => d.Totals.ExtraKm).ToArray(), 1)),
            ("extraMinutes", Of(draws.Select(d => d.Totals.ExtraMinutes).ToArray(), 1)),
            ("extraFuelKg", Of(draws.Select(d => d.Totals.ExtraFuelKg).ToArray(), 1)),
            ("extraCo2Kg", Of(draws.Select(d => d.Totals.ExtraCo2Kg).ToArray(), 1)),
            ("extraCostUsd", Of(draws.Select(d => d.Totals.ExtraCostUsd).ToArray(), 2)),
        };
        foreach (var o in Enum.GetValues<FlightOutcome>())
            totals.Add((SimulationReport.Text(o), Of(draws.Select(d => (decimal)d.Totals.ByOutcome[o]).ToArray(), 2)));
        var flights = new FlightSpread[h.Flights.Count];
        for (int f = 0; f < flights.Length; f++)
        {
            var counts = Enum.GetValues<FlightOutcome>().ToDictionary(o => o, _ => 0);
            foreach (var d in draws) counts[d.Outcomes[f]]++;
            flights[f] = new FlightSpread(h.Flights[f], counts, Of(draws.Select(d => d.ExtraCostUsd[f]).ToArray(), 2), Of(draws.Select(d => d.ExtraMinutes[f]).ToArray(), 1));
        }
        return new MonteCarloResult { Header = h, Draws = draws, Inputs = inputs, Totals = totals, Flights = flights };
    }

    /// <summary>Mean and P5/P50/P95 (<see cref="PercentileDefinition"/>) of <paramref name="values"/>, rounded to <paramref name="digits"/>.</summary>
    public static Spread Of(IReadOnlyList<decimal> values, int digits)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        decimal sum = 0;
        foreach (var v in values) sum += v;
        var data = values.Select(v => (double)v).ToArray();
        decimal Q(double tau) => Round(Quantile(data, tau), digits);
        return new Spread(Math.Round(sum / values.Count, digits, MidpointRounding.AwayFromZero), Q(0.05), Q(0.50), Q(0.95));
    }

    private static decimal Round(double v, int digits) => Math.Round((decimal)v, digits, MidpointRounding.AwayFromZero);
}
