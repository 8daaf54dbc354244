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
        var airports = AirportDirectory.FromOpenFlights(BenchData.Reference("openflights/airports.dat"));
        var day = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
        var flights = new List<Flight>();
        var pairs = new List<(GeoPoint, GeoPoint)>();
        foreach (var r in OpenFlightsRoutes.Read(BenchData.Reference("openflights/routes.dat")))
        {
            if (!airports.TryGet(r.From, out var a) || !airports.TryGet(r.To, out var b) || a.Location == b.Location) continue;
            double km = Wgs84.DistanceM(a.Location, b.Location) / 1000;
            // Departures spread over the day; a narrowbody up to 5,000 km, a long-range widebody beyond.
            flights.Add(new Flight
            {
                Id = $"R{r.LineNumber}", Origin = r.From, Destination = r.To, DepartureUtc = day.AddMinutes(r.LineNumber % 1440),
                AircraftType = km <= 5000 ? "B38M" : "A359", Airline = r.Airline, OperatorState = "XX",
            });
            pairs.Add((a.Location, b.Location));
        }
        _pairs = pairs.ToArray();
        var closures = new[] { AirspaceCatalog.Bundled["SVZM"], AirspaceCatalog.Bundled["TNCF"] };
        _planner = DetourPlanner.Build(closures);
        _scenario = new Scenario
        {
            Name = "openflights-day",
            Closures = closures.Select(c => new Closure { Id = c.Id, AirspaceIds = [c.Id], Airspaces = [c], StartUtc = day.AddDays(-1), EndUtc = day.AddDays(3) }).ToArray(),
            Flights = flights,
        };
        _options = new SimulationOptions { CostModel = PerformanceCostModel.Default, Airports = airports, MaxDegreeOfParallelism = Threads };
    }

    /// <summary>The floor: the same routes planned around SVZM+TNCF by the plain planner.</summary>
    [Benchmark(Baseline = true)]
    public int PlanAllFloor() => _planner.PlanAll(_pairs, Threads).Count;

    /// <summary>The what-if run (planners built inside, as a user's run builds them).</summary>
    [Benchmark]
    public int WhatIf() => new WhatIfSimulator(_scenario, _options).Run().Flights.Count;
}
