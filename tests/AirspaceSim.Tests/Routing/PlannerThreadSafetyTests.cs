using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Tests.Routing;

/// <summary>One planner shared by many threads answers exactly as it does sequentially.</summary>
[TestFixture]
public class PlannerThreadSafetyTests
{
    [Test]
    public void ParallelQueriesMatchSequential()
    {
        var planner = DetourPlanner.Build([TestAirspaces.Bundled("SVZM"), TestAirspaces.Bundled("TNCF")], bufferNm: 25);
        var rng = new Random(20240611);
        var queries = Enumerable.Range(0, 600).Select(_ =>
            (new GeoPoint(-15 + 50 * rng.NextDouble(), -95 + 60 * rng.NextDouble()),
             new GeoPoint(-15 + 50 * rng.NextDouble(), -95 + 60 * rng.NextDouble()))).ToArray();
        var sequential = queries.Select(q => planner.Plan(q.Item1, q.Item2)).ToArray();
        var parallel = new RoutePlan[queries.Length];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i] = planner.Plan(queries[i].Item1, queries[i].Item2));
        for (int i = 0; i < queries.Length; i++)
        {
            var s = sequential[i]; var p = parallel[i];
            string what = $"query {i} {queries[i].Item1}→{queries[i].Item2}";
            Assert.That(p.Status, Is.EqualTo(s.Status), what);
            Assert.That(p.SphereRad, Is.EqualTo(s.SphereRad), what);
            Assert.That(p.RouteKm, Is.EqualTo(s.RouteKm), what);
            Assert.That(p.Waypoints, Is.EqualTo(s.Waypoints), what);
            Assert.That(p.Reason, Is.EqualTo(s.Reason), what);
            Assert.That(p.BufferExcessBoundKm, Is.EqualTo(s.BufferExcessBoundKm), what);
        }
        Assert.That(sequential.Count(r => r.Status == RouteStatus.Detour), Is.GreaterThan(50), "too few detours to exercise the search");
    }
}
