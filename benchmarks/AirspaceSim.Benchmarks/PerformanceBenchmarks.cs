using AirspaceSim.Performance;
using AirspaceSim.Routing;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Issue 9: fuel and time for planned routes must not dwarf the planner. Over the 52 cases of svzm-cases.csv around
/// SVZM: the planner's queries (baseline) against the cost layer alone — the direct and the flown flight of every
/// reachable case (an estimate each, 8-point Gauss–Legendre per leg for the wind, fixed-step RK4 for the mass).
/// Target: ratio ≤ 2. Run with <c>--filter '*FlightCost*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("FlightCost")]
public class FlightCostBenchmarks
{
    private DetourPlanner _planner = null!;
    private (Geodesy.GeoPoint A, Geodesy.GeoPoint B)[] _pairs = [];
    private RoutePlan[] _plans = [];
    private readonly AircraftType _type = AircraftCatalog.Bundled["B789"];
    private readonly FlightCostModel _model = FlightCostModel.Default;

    /// <summary>Still air, or a uniform wind (the quadrature along each leg).</summary>
    [Params("still", "270/80")]
    public string Wind { get; set; } = "still";

    private FlightConditions _conditions = FlightConditions.Default;

    /// <summary>Builds the planner and plans the cases once for the cost layer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _planner = DetourPlanner.Build(BenchData.Closures("SVZM"));
        _pairs = BenchData.Cases.Select(c => (c.A, c.B)).ToArray();
        if (_pairs.Length != 52) throw new InvalidOperationException($"expected 52 cases, got {_pairs.Length}");
        _plans = _pairs.Select(p => _planner.Plan(p.A, p.B)).Where(p => p.Status != RouteStatus.Unreachable).ToArray();
        _conditions = Wind == "still" ? FlightConditions.Default : new FlightConditions { Wind = Performance.Wind.Parse(Wind) };
    }

    /// <summary>The planner's own queries over the 52 cases.</summary>
    [Benchmark(Baseline = true)]
    public double Plan()
    {
        double km = 0;
        foreach (var (a, b) in _pairs) km += _planner.Plan(a, b).RouteKm ?? 0;
        return km;
    }

    /// <summary>Fuel and time, direct and flown, for every reachable case.</summary>
    [Benchmark]
    public double Cost()
    {
        double kg = 0;
        foreach (var p in _plans) kg += _model.EstimateDetour(_type, p, _conditions).ExtraFuelKg;
        return kg;
    }
}
