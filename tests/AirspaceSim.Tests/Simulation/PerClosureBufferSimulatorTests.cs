using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// The what-if with closures of different buffers active together: each closure keeps its own (SVZM at 25 NM, its
/// neighbour TNCF at 0), so a rerouted flight flies the route of a planner built with those two buffers, not the route
/// that keeps 25 NM from both (what the simulator did before: the largest of the set's buffers from every closure).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PerClosureBufferSimulatorTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Airspace Svzm = AirspaceCatalog.Bundled["SVZM"];
    private static readonly Airspace Tncf = AirspaceCatalog.Bundled["TNCF"];

    private static Closure Closure(Airspace a, double bufferNm) =>
        new() { Id = a.Id, AirspaceIds = [a.Id], Airspaces = [a], StartUtc = T0.AddDays(-1), Bans = ClosureBans.Overflight, BufferNm = bufferNm };

    // Flights past both FIRs: north-south over the southern Caribbean, and into Venezuela's neighbours.
    private static readonly (string From, string To)[] Pairs =
        [("MIA", "GRU"), ("PTY", "POS"), ("BOG", "SXM"), ("PTY", "BGI"), ("MDE", "SJU"), ("BOG", "PUJ"), ("SDQ", "BOG"), ("POS", "PTY")];

    [Test]
    public void Svzm25AndTncf0ActiveTogether_FlyThePlannerWithThoseTwoBuffers()
    {
        var scenario = new Scenario
        {
            Name = "per-closure buffers",
            Closures = [Closure(Svzm, 25), Closure(Tncf, 0)],
            Flights = Pairs.Select((p, i) => new Flight
            {
                Id = $"F{i}", Origin = p.From, Destination = p.To, DepartureUtc = T0, AircraftType = "B789", Airline = "XXX", OperatorState = "US",
            }).ToArray(),
        };
        var result = new WhatIfSimulator(scenario, new SimulationOptions
        {
            CostModel = new InterimCostModel(), Airports = AirportDirectory.Bundled, AlternateAirports = [],
        }).Run();

        var own = DetourPlanner.Build([Svzm, Tncf], DetourPlannerOptions.Default with
        {
            BufferNmByAirspaceId = new Dictionary<string, double> { ["SVZM"] = 25, ["TNCF"] = 0 },
        });
        var largest = DetourPlanner.Build([Svzm, Tncf], 25);
        int rerouted = 0, differFromLargest = 0;
        foreach (var f in result.Flights)
        {
            var from = AirportDirectory.Bundled[f.Flight.Origin].Location;
            var to = AirportDirectory.Bundled[f.Flight.Destination].Location;
            var plan = own.Plan(from, to);
            string what = $"{f.Flight.Origin}-{f.Flight.Destination}: {f.Outcome} {f.Reason}; planner {plan.Status} {plan.RouteKm}";
            if (plan.Status == RouteStatus.Direct)
            {
                Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.Unaffected), what);
                continue;
            }
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), what);
            Assert.That(f.Outcome, Is.EqualTo(FlightOutcome.Rerouted), what);
            Assert.That(f.Waypoints, Is.EqualTo(plan.Waypoints), what);
            Assert.That(f.RouteKm, Is.EqualTo(plan.RouteKm).Within(1e-9), what);
            rerouted++;
            if (Math.Abs(largest.Plan(from, to).RouteKm!.Value - plan.RouteKm!.Value) > 1) differFromLargest++;
        }
        TestContext.Out.WriteLine($"{rerouted} rerouted, {differFromLargest} differ from the all-25-NM route by over 1 km");
        Assert.That(rerouted, Is.GreaterThanOrEqualTo(3));
        Assert.That(differFromLargest, Is.GreaterThanOrEqualTo(1), "some route must be shorter with TNCF at its own 0 NM than at 25");
        Assert.That(result.Assumptions, Has.None.Contains("largest of their buffers"));
        Assert.That(result.Assumptions, Has.Some.Contains("each closure's own buffer"));
    }
}
