using AirspaceSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Monte Carlo cost: N = 20 draws of the bundled svzm-2025-11-uncertain (149 flights, the shipped Poll–Schumann cost
/// model) against one deterministic run of the same scenario as written (the baseline). Target: ratio ≤ 1.2 × N, i.e.
/// ratio / 20 ≤ 1.2. One thread for both, so the ratio is the work's and not the scheduler's. Run with
/// <c>--filter '*MonteCarlo*' --job short</c> (<c>--job dry</c> only proves it runs).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("MonteCarlo")]
[GcServer(true), GcConcurrent(false)] // as the CLI runs (AirspaceSim.Cli.csproj)
public class MonteCarloBenchmarks
{
    private Scenario _scenario = null!;
    private SimulationOptions _options = null!;

    /// <summary>Draws per Monte Carlo run.</summary>
    public const int Draws = 20;

    /// <summary>
    /// Whether the extra lateral margin is drawn (the scenario's discrete 0/10/25 NM). With it each run builds the 10 and
    /// 25 NM planners once (shared by the draws; about 5 ms of obstacle build each for SVZM since its loop is offset
    /// as one curve, 13 ms with the chunks' cascaded union before), routes near a buffered closure cost more to plan (an A* search when an airport lies in the band; each pair
    /// once per planner, then shared) and legs near it are checked for grazing the buffer while it is active (the
    /// distances once per leg): work the nominal run (0 NM) does not do. Without it every draw shares the nominal run's
    /// one planner. docs/uncertainty.md says how the target reads with the margin drawn.
    /// </summary>
    [Params(false, true)]
    public bool DrawBuffer { get; set; }

    /// <summary>Loads the scenario.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var s = BundledScenarios.Load("svzm-2025-11-uncertain", new ScenarioReadOptions { CostModel = PerformanceCostModel.Default });
        _scenario = DrawBuffer ? s : s with
        {
            Uncertainty = s.Uncertainty with
            {
                Inputs = new SortedDictionary<UncertainInput, Distribution>(s.Uncertainty.Inputs.Where(kv => kv.Key != UncertainInput.ExtraBufferNm).ToDictionary()),
            },
        };
        _options = new SimulationOptions { CostModel = PerformanceCostModel.Default, MaxDegreeOfParallelism = 1 };
    }

    /// <summary>One deterministic run (simulator and planners built inside, as a user's run builds them).</summary>
    [Benchmark(Baseline = true)]
    public int Deterministic() => new WhatIfSimulator(_scenario, _options).Run().Flights.Count;

    /// <summary>The same twenty drawn scenarios run one by one, each with its own simulator (nothing shared): what
    /// the Monte Carlo run saves by sharing planners and flights.</summary>
    [Benchmark]
    public int SeparateRuns20()
    {
        int n = 0;
        for (int k = 0; k < Draws; k++) n += new WhatIfSimulator(MonteCarlo.Draw(_scenario, 1, k).Scenario, _options).Run().Flights.Count;
        return n;
    }

    /// <summary>Twenty draws: one simulator, planners shared across draws by active set and buffer.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int MonteCarlo20() => MonteCarlo.Run(_scenario, _options, new MonteCarloOptions { Draws = Draws, Seed = 1, MaxDegreeOfParallelism = 1 }).Draws.Count;

    /// <summary>Two hundred draws (the run the scenario's description suggests): what is built once per run (the
    /// buffered planners) spread over ten times the draws. Per draw: ratio / 200.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int MonteCarlo200() => MonteCarlo.Run(_scenario, _options, new MonteCarloOptions { Draws = 10 * Draws, Seed = 1, MaxDegreeOfParallelism = 1 }).Draws.Count;
}
