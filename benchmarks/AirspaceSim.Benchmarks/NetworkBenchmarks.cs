using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Target 4: the whole OpenFlights network (~67,000 routes) against SVZM and against SVZM+TNCF+TTZP, on one and two
/// cores, against the floor of computing every route's WGS84 length on one core. Run with <c>--filter '*Network*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Network")]
[GcServer(true), GcConcurrent(false)] // as the CLI runs (AirspaceSim.Cli.csproj)
public class NetworkBenchmarks
{
    private (GeoPoint From, GeoPoint To)[] _pairs = [];
    private DetourPlanner _planner = null!;

    /// <summary>The closure set.</summary>
    [Params("SVZM", "SVZM+TNCF+TTZP")]
    public string Closed { get; set; } = "SVZM";

    /// <summary>Cores used by <see cref="DetourPlanner.PlanAll"/>.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>Loads the network and builds the planner.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pairs = BenchData.OpenFlightsPairs.ToArray();
        _planner = DetourPlanner.Build(BenchData.Closures(Closed));
    }

    /// <summary>The floor: every route's WGS84 length, one core.</summary>
    [Benchmark(Baseline = true)]
    public double LengthsFloor()
    {
        double m = 0;
        foreach (var (a, b) in _pairs) m += Wgs84.DistanceM(a, b);
        return m;
    }

    /// <summary>Every route planned.</summary>
    [Benchmark]
    public int PlanAll() => _planner.PlanAll(_pairs, Threads).Count;
}

/// <summary>
/// Target 5: building the planner (merging, convex corners, bitangent visibility graph) for growing closure sets:
/// SVZM, SVZM+TNCF+TTZP, and 1 to 12 top-level Russian FIRs (about 2,900 vertices, across the antimeridian).
/// Run with <c>--filter '*Build*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Build")]
public class BuildBenchmarks
{
    private IReadOnlyList<Airspaces.Airspace> _closures = [];

    /// <summary>The closure set; RU-n = the first n Russian FIRs.</summary>
    [Params("SVZM", "SVZM+TNCF+TTZP", "RU-1", "RU-3", "RU-6", "RU-12")]
    public string Closed { get; set; } = "SVZM";

    /// <summary>Loads the closures (outside the measurement).</summary>
    [GlobalSetup]
    public void Setup() => _closures = BenchData.Closures(Closed);

    /// <summary>Builds the planner.</summary>
    [Benchmark]
    public int Build() => DetourPlanner.Build(_closures).EdgeCount;
}
