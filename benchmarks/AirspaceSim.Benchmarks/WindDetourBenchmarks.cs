using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Weather;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// The realism layer's target: a wind-optimal detour query around SVZM in the bundled January climatology (B38M true
/// airspeed about 450 kt at FL370) against the distance-optimal query on the same cases; target ≤ 5×. Run with
/// <c>--filter '*WindDetour*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Detour")]
public class WindDetourBenchmarks
{
    private DetourPlanner _planner = null!;
    private (GeoPoint A, GeoPoint B)[] _pairs = [];
    private WindRouteOptions _wind = null!;

    /// <summary>GRU–MIA (C13) alone, or ALL = the 28 SVZM cases that detour (reported per batch).</summary>
    [Params("C13", "ALL")]
    public string Case { get; set; } = "C13";

    /// <summary>Builds the planner and loads the field.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _planner = DetourPlanner.Build(BenchData.Closures("SVZM"));
        _pairs = BenchData.Cases.Where(x => Case == "ALL" || x.Id == Case).Select(c => (c.A, c.B))
            .Where(p => _planner.Plan(p.A, p.B).Status == RouteStatus.Detour).ToArray();
        _wind = new WindRouteOptions(GriddedWindField.Bundled("caribbean-north-atlantic-january"), 450, 370);
    }

    /// <summary>The shortest routes (the plain planner, closed-form wraps included).</summary>
    [Benchmark(Baseline = true)]
    public double Shortest()
    {
        double km = 0;
        foreach (var (a, b) in _pairs) km += _planner.Plan(a, b).RouteKm ?? 0;
        return km;
    }

    /// <summary>The fastest routes in the gridded wind (graph search with every leg's time integrated).</summary>
    [Benchmark]
    public double Fastest()
    {
        double km = 0;
        foreach (var (a, b) in _pairs) km += _planner.PlanFastest(a, b, _wind).RouteKm ?? 0;
        return km;
    }
}
