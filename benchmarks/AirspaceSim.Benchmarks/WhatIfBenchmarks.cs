using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// What-if over the OpenFlights network as one day of flights (one per route, ~67,000) with SVZM+TNCF closed to
/// everyone all day, with times, fuel and costs, against the floor of planning the same routes with the plain planner
/// (closures constant). Target: ≤ 3× the floor. Run with <c>--filter '*WhatIf*'</c>. Priced with the shipped
/// <see cref="PerformanceCostModel"/>; 74 flights (34 pairs, all A359 on 12,480–13,800 km routes) need a technical stop (counted on 2026-12-02 after the range fix, as before it); see docs/simulator.md.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("WhatIf")]
[GcServer(true), GcConcurrent(false)] // as the CLI runs (AirspaceSim.Cli.csproj)
public class WhatIfBenchmarks
{
    private (GeoPoint From, GeoPoint To)[] _pairs = [];
    private DetourPlanner _planner = null!;
    private Scenario _scenario = null!;
    private SimulationOptions _options = null!;

    /// <summary>Cores used.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the day of flights and the plain planner.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var day = BenchData.OpenFlightsDay(endsAsPositions: false);
        _pairs = day.Pairs;
        _planner = DetourPlanner.Build(day.Closures);
        _scenario = day.Scenario;
        var airports = day.Airports;
        _options = new SimulationOptions { CostModel = PerformanceCostModel.Default, Airports = airports, MaxDegreeOfParallelism = Threads };
    }

    /// <summary>The floor: the same routes planned around SVZM+TNCF by the plain planner.</summary>
    [Benchmark(Baseline = true)]
    public int PlanAllFloor() => _planner.PlanAll(_pairs, Threads).Count;

    /// <summary>The what-if run (planners built inside, as a user's run builds them).</summary>
    [Benchmark]
    public int WhatIf() => new WhatIfSimulator(_scenario, _options).Run().Flights.Count;
}
