using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Buffered obstacles kept by cluster and buffer (<see cref="ObstacleCache"/>): planners built with one shared cache
/// are the planners built without it (the same boundary bits, the same routes), and each cluster of closures is built
/// once per buffer however many planners use it, in a what-if run too.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ObstacleCacheTests
{
    private static readonly Airspace Svzm = AirspaceCatalog.Bundled["SVZM"];

    // Two squares that share a side (one cluster, merged even without a buffer) and one far from both (its own cluster).
    private static readonly Airspace West = TestAirspaces.FromLatLon("W", (10, 20), (10, 22), (12, 22), (12, 20));
    private static readonly Airspace East = TestAirspaces.FromLatLon("E", (10, 22), (10, 24), (12, 24), (12, 22));
    private static readonly Airspace Far = TestAirspaces.FromLatLon("F", (40, 60), (40, 62), (42, 62), (42, 60));

    private static List<List<(long, long, long)>> Bits(DetourPlanner p) =>
        p.PlanningBoundaries.SelectMany(o => o).Select(l => l.Select(v =>
            (BitConverter.DoubleToInt64Bits(v.X), BitConverter.DoubleToInt64Bits(v.Y), BitConverter.DoubleToInt64Bits(v.Z))).ToList()).ToList();

    [Test]
    public void PlannersSharingACacheAreThePlannersBuiltAlone_AndEachClusterIsBuiltOncePerBuffer()
    {
        var cache = new ObstacleCache();
        Airspace[][] sets = [[Svzm], [Svzm, Far], [West, East], [Far, West, East], [Svzm, West, East, Far], [Far]];
        var routes = new (GeoPoint, GeoPoint)[]
        {
            (new(11, 18), new(11, 26)), (new(9, 23), new(13, 23)), (new(39, 61), new(43, 61)),
            (AirportDirectory.Bundled["GRU"].Location, AirportDirectory.Bundled["MIA"].Location),
            (AirportDirectory.Bundled["AUA"].Location, AirportDirectory.Bundled["MIA"].Location), // Aruba: in SVZM's 25 NM band
        };
        foreach (double buffer in new[] { 0.0, 10, 25 })
            foreach (var set in sets)
            {
                var options = DetourPlannerOptions.Default with { BufferNm = buffer };
                var alone = DetourPlanner.Build(set, options);
                var shared = DetourPlanner.Build(set, options, cache);
                string ctx = $"{string.Join("+", set.Select(a => a.Id))} at {buffer} NM";
                Assert.That(Bits(shared), Is.EqualTo(Bits(alone)), ctx + ": boundaries");
                Assert.That((shared.NodeCount, shared.EdgeCount), Is.EqualTo((alone.NodeCount, alone.EdgeCount)), ctx + ": graph");
                foreach (var (a, b) in routes)
                {
                    var x = shared.Plan(a, b); var y = alone.Plan(a, b);
                    Assert.That((x.Status, x.Waypoints, x.LegKm, x.Crossed), Is.EqualTo((y.Status, y.Waypoints, y.LegKm, y.Crossed)),
                        $"{ctx}: {a} → {b}");
                }
            }
        // Per buffered case three clusters (SVZM, W+E, F); without a buffer only W+E is merged (a lone part is its own
        // obstacle, nothing to keep): 1 + 3 + 3, whatever the six sets.
        Assert.That(cache.ClustersBuilt, Is.EqualTo(7));
        Assert.That(cache.ClustersRequested, Is.EqualTo(3 + 2 * 10), "without the cache: W+E in 3 sets at 0 NM, 1+2+1+2+3+1 clusters per buffer");
    }

    /// <summary>Closures of one cluster at buffers of their own (W at 0 and E at 25 NM, swapped, both at 25, one unlisted):
    /// the cache keys each member's buffer, so every combination is its own obstacle (no combination is handed another's)
    /// and each equals the planner built alone; a repeated combination is not built again.</summary>
    [Test]
    public void PerClosureBuffersAreKeyedByEachMembersBuffer()
    {
        var cache = new ObstacleCache();
        Dictionary<string, double>[] combos =
        [
            new() { ["W"] = 0, ["E"] = 25 }, new() { ["W"] = 25, ["E"] = 0 }, new() { ["W"] = 25, ["E"] = 25 },
            new() { ["E"] = 10 }, new() { ["W"] = 0, ["E"] = 25 },
        ];
        var seen = new List<List<List<(long, long, long)>>>();
        foreach (var byId in combos)
        {
            var options = DetourPlannerOptions.Default with { BufferNm = 5, BufferNmByAirspaceId = byId };
            var alone = DetourPlanner.Build([West, East], options);
            var shared = DetourPlanner.Build([West, East], options, cache);
            string ctx = string.Join(", ", byId.Select(e => $"{e.Key} {e.Value}"));
            Assert.That(Bits(shared), Is.EqualTo(Bits(alone)), ctx);
            var q = shared.Plan(new(13, 21), new(9, 23.5)); var r = alone.Plan(new(13, 21), new(9, 23.5));
            Assert.That((q.Status, q.Waypoints, q.LegKm), Is.EqualTo((r.Status, r.Waypoints, r.LegKm)), ctx);
            seen.Add(Bits(alone));
        }
        Assert.That(seen.Take(4).Distinct(new BitsComparer()).Count(), Is.EqualTo(4), "four different combinations, four boundaries");
        Assert.That(Bits(DetourPlanner.Build([West, East], 25)), Is.EqualTo(seen[2]), "both listed at 25 NM: the one-buffer planner at 25");
        Assert.That(cache.ClustersBuilt, Is.EqualTo(4), "the repeated combination comes from the cache");
        Assert.That(cache.ClustersRequested, Is.EqualTo(5));
    }

    private sealed class BitsComparer : IEqualityComparer<List<List<(long, long, long)>>>
    {
        public bool Equals(List<List<(long, long, long)>>? a, List<List<(long, long, long)>>? b) =>
            a!.Count == b!.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));

        public int GetHashCode(List<List<(long, long, long)>> a) => a.Sum(l => l.Count);
    }

    /// <summary>A what-if run whose active set grows over time ({SVZM}, then {SVZM, X} with X a square on the route
    /// south of SVZM, apart from it): two planners, but SVZM's buffered obstacle built once; and the later flight's
    /// answer is that of a run where it flies alone (whose simulator builds SVZM's obstacle itself).</summary>
    [Test]
    public void AWhatIfRunBuildsEachBufferedObstacleOnce()
    {
        var t0 = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
        var gru = AirportDirectory.Bundled["GRU"].Location; var mia = AirportDirectory.Bundled["MIA"].Location;
        var m = AirspaceSim.Spherical.Sphere.Intermediate(gru, mia, 0.2);
        var x = TestAirspaces.FromLatLon("X", (m.LatDeg - 1, m.LonDeg - 1), (m.LatDeg - 1, m.LonDeg + 1), (m.LatDeg + 1, m.LonDeg + 1), (m.LatDeg + 1, m.LonDeg - 1));
        Closure[] closures =
        [
            new() { Id = "SVZM", AirspaceIds = ["SVZM"], Airspaces = [Svzm], StartUtc = t0.AddDays(-1), BufferNm = 10 },
            new() { Id = "X", AirspaceIds = ["X"], Airspaces = [x], StartUtc = t0.AddDays(1), BufferNm = 10 },
        ];
        Flight F(string id, DateTime dep) => new() { Id = id, Origin = "GRU", Destination = "MIA", DepartureUtc = dep, AircraftType = "B38M", Airline = "GLO", OperatorState = "BR" };
        var options = new SimulationOptions { CostModel = new AirspaceSim.Tests.Simulation.InterimCostModel(), MaxDegreeOfParallelism = 1 };
        var both = new AirspaceSim.Simulation.Scenario { Name = "t", Closures = closures, Flights = [F("early", t0), F("late", t0.AddDays(2))] };
        var sim = new WhatIfSimulator(both, options);
        var r = sim.Run();
        Assert.That(r.Flights.Select(f => f.Outcome), Is.EqualTo(new[] { FlightOutcome.Rerouted, FlightOutcome.Rerouted }));
        Assert.That(r.Flights[1].BoundBy, Is.EquivalentTo(new[] { "SVZM", "X" }), "the later flight is bound by both");
        Assert.That(r.PlannersBuilt, Is.EqualTo(2), "{SVZM} and {SVZM, X}");
        Assert.That(sim.ObstacleClustersBuilt, Is.EqualTo(2), "SVZM at 10 NM once for both planners, X at 10 NM once");

        var alone = new WhatIfSimulator(both with { Flights = [F("late", t0.AddDays(2))] }, options).Run().Flights.Single();
        Assert.That((r.Flights[1].ExtraKm, r.Flights[1].ExtraMinutes, r.Flights[1].ExtraCostUsd), Is.EqualTo((alone.ExtraKm, alone.ExtraMinutes, alone.ExtraCostUsd)));
    }
}
