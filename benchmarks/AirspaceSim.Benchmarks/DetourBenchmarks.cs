using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Target 1: one detour query around SVZM (114 vertices) for routes that cross it, against the floor — computing the
/// WGS84 lengths of the result's legs, which any answer must at least do. Run with <c>--filter '*Detour*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Detour")]
public class DetourQueryBenchmarks
{
    private DetourPlanner _planner = null!;
    private (GeoPoint A, GeoPoint B)[] _pairs = [];
    private GeoPoint[][] _waypoints = [];

    /// <summary>Cases of svzm-cases.csv: AMS–CUR (2 legs), GRU–MIA (3 legs), BOG–POS (7 legs); ALL = the 28 cases that
    /// detour, one after the other (reported per query).</summary>
    [Params("C01", "C13", "C28", "ALL")]
    public string Case { get; set; } = "C01";

    /// <summary>Builds the planner and takes the waypoints of the answers for the floor.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _planner = DetourPlanner.Build(BenchData.Closures("SVZM"));
        var cases = BenchData.Cases.Where(x => Case == "ALL" || x.Id == Case).Select(c => (c.A, c.B))
            .Where(p => _planner.Plan(p.A, p.B).Status == RouteStatus.Detour).ToArray();
        if (cases.Length == 0 || Case == "ALL" && cases.Length != 28) throw new InvalidOperationException($"{Case}: unexpected detour count {cases.Length}");
        _pairs = cases;
        _waypoints = cases.Select(p => _planner.Plan(p.A, p.B).Waypoints.ToArray()).ToArray();
    }

    /// <summary>The floor: WGS84 lengths of the detours' legs.</summary>
    [Benchmark(Baseline = true)]
    public double LegLengthsFloor()
    {
        double m = 0;
        foreach (var w in _waypoints)
            for (int i = 0; i + 1 < w.Length; i++) m += Wgs84.DistanceM(w[i], w[i + 1]);
        return m;
    }

    /// <summary>The full queries: rejection tests, graph search, waypoints and WGS84 lengths (legs and direct).</summary>
    [Benchmark]
    public double Plan()
    {
        double km = 0;
        foreach (var (a, b) in _pairs) km += _planner.Plan(a, b).RouteKm ?? 0;
        return km;
    }
}

/// <summary>
/// Target 1 case by case: each of the 28 SVZM detours as its own parameter, so that the ratio column gives the
/// per-case distribution and its median. About ten minutes with <c>--job short</c>:
/// <c>--filter '*DetourEachCase*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Detour")]
public class DetourEachCaseBenchmarks
{
    private DetourPlanner _planner = null!;
    private GeoPoint _a, _b;
    private GeoPoint[] _waypoints = [];

    /// <summary>The ids of the cases of svzm-cases.csv that detour around SVZM.</summary>
    public static IEnumerable<string> DetourCases()
    {
        var planner = DetourPlanner.Build(BenchData.Closures("SVZM"));
        return BenchData.Cases.Where(c => planner.Plan(c.A, c.B).Status == RouteStatus.Detour).Select(c => c.Id).ToList();
    }

    /// <summary>Case id.</summary>
    [ParamsSource(nameof(DetourCases))]
    public string Case { get; set; } = "C01";

    /// <summary>Builds the planner and takes the waypoints of the answer for the floor.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _planner = DetourPlanner.Build(BenchData.Closures("SVZM"));
        var c = BenchData.Cases.Single(x => x.Id == Case);
        (_a, _b) = (c.A, c.B);
        _waypoints = _planner.Plan(_a, _b).Waypoints.ToArray();
    }

    /// <summary>The floor: WGS84 lengths of the detour's legs.</summary>
    [Benchmark(Baseline = true)]
    public double LegLengthsFloor()
    {
        double m = 0;
        for (int i = 0; i + 1 < _waypoints.Length; i++) m += Wgs84.DistanceM(_waypoints[i], _waypoints[i + 1]);
        return m;
    }

    /// <summary>The full query.</summary>
    [Benchmark]
    public RoutePlan Plan() => _planner.Plan(_a, _b);
}

/// <summary>
/// Target 2: a route that does not come near any closure, against one WGS84 inverse (which the answer needs anyway
/// for the direct length). Run with <c>--filter '*Rejection*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Rejection")]
public class RejectionBenchmarks
{
    private DetourPlanner _planner = null!;
    private GeoPoint _a, _b;

    /// <summary>Routes far from SVZM: London–New York, Madrid–São Paulo (C51), Lima–Miami (C50).</summary>
    [Params("LHR-JFK", "C51", "C50")]
    public string Route { get; set; } = "LHR-JFK";

    /// <summary>Builds the planner.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _planner = DetourPlanner.Build(BenchData.Closures("SVZM"));
        if (Route == "LHR-JFK") (_a, _b) = (new GeoPoint(51.4706, -0.4619), new GeoPoint(40.6398, -73.7789));
        else { var c = BenchData.Cases.Single(x => x.Id == Route); (_a, _b) = (c.A, c.B); }
        if (_planner.Plan(_a, _b).Status != RouteStatus.Direct) throw new InvalidOperationException($"{Route} is not direct");
    }

    /// <summary>The floor: one WGS84 inverse.</summary>
    [Benchmark(Baseline = true)]
    public double InverseFloor() => Wgs84.DistanceM(_a, _b);

    /// <summary>The full query for a route that needs no detour.</summary>
    [Benchmark]
    public RoutePlan Plan() => _planner.Plan(_a, _b);
}
