using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// Airports exactly on a closure's boundary (issue 8): the simulator's airport rule and the planner's route-end rule are
/// one predicate (LateralLimits): a vertex or a point exactly on an edge is outside, so such an airport is open and the
/// planner routes from it. Exact on-edge points as in <see cref="AirspaceSim.Tests.Routing.BoundaryEndTests"/>: the
/// equator (z = 0 exactly) and the prime meridian (y = 0 exactly) are edges, plus the vertices; a square in each
/// quadrant at (0, 0) puts the closure on either side of each edge. Symbolic perturbation, which the simulator used
/// before, put some of these airports inside (banned) while the planner routed from them.
/// </summary>
[TestFixture]
public class AirportOnBoundaryTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private static readonly (int, int)[] Quadrants = [(1, 1), (1, -1), (-1, 1), (-1, -1)];

    private static Airspace Square(int sLat, int sLon) =>
        TestAirspaces.FromLatLon($"SQ{sLat}{sLon}", (0, 0), (0, 4 * sLon), (4 * sLat, 4 * sLon), (4 * sLat, 0));

    // Airports in units of the quadrant's signs: on the boundary (two vertices, two edges), just inside, just outside
    // within a 25 NM buffer, and two far ends: one whose line to the boundary airports leaves the square, one whose
    // line crosses it.
    private static readonly (string Code, double Lat, double Lon)[] Places =
    [
        ("VTX0", 0, 0), ("VTX4", 0, 4), ("EDGE", 0, 2), ("MERI", 2, 0),
        ("JIN", 1e-9, 2), ("BUF", -0.1, 2), ("AWAY", -10, 2), ("ACROSS", 10, 2),
    ];

    private static AirportDirectory Directory(int sLat, int sLon) =>
        new(Places.Select(p => new Airport(null, p.Code, p.Code, "XX", new GeoPoint(sLat * p.Lat, sLon * p.Lon))));

    private static FlightResult Fly(Closure c, AirportDirectory dir, string from, string to) =>
        new WhatIfSimulator(new Scenario { Name = "t", Closures = [c], Flights = [new Flight { Id = "F", Origin = from, Destination = to, DepartureUtc = T0, AircraftType = "B38M", Airline = "GLO", OperatorState = "BR" }] },
            new SimulationOptions { CostModel = new InterimCostModel(), Airports = dir, AlternateAirports = [] }).Run().Flights.Single();

    private static Closure Closure(Airspace a, ClosureBans bans, double bufferNm = 0) =>
        new() { Id = a.Id, AirspaceIds = [a.Id], Airspaces = [a], StartUtc = T0.AddDays(-1), Bans = bans, BufferNm = bufferNm };

    [TestCase("VTX0")]
    [TestCase("VTX4")]
    [TestCase("EDGE")]
    [TestCase("MERI")]
    public void AirportOnTheBoundaryIsOpenAndRoutedAsThePlannerRoutesIt(string code)
    {
        foreach (var (sLat, sLon) in Quadrants)
        {
            var sq = Square(sLat, sLon); var dir = Directory(sLat, sLon);
            var planner = DetourPlanner.Build([sq]);
            foreach (var far in new[] { "AWAY", "ACROSS" })
                foreach (var (from, to) in new[] { (code, far), (far, code) })
                {
                    string what = $"quadrant ({sLat}, {sLon}) {from}->{to}";
                    // Airports only: the boundary airport is not inside, so nothing binds.
                    var airportsOnly = Fly(Closure(sq, ClosureBans.Airports), dir, from, to);
                    Assert.That(airportsOnly.Outcome, Is.EqualTo(FlightOutcome.Unaffected), $"{what}: {airportsOnly.Reason}");
                    // Overflight and airports at every level: the outcome is the planner's, called directly.
                    var plan = planner.Plan(dir[from].Location, dir[to].Location);
                    var both = Fly(Closure(sq, ClosureBans.Both), dir, from, to);
                    Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), what);
                    Assert.That(both.Outcome, Is.EqualTo(plan.Status == RouteStatus.Direct ? FlightOutcome.Unaffected : FlightOutcome.Rerouted), $"{what}: {both.Reason}");
                    // By construction (AWAY due south of the equator edge, ACROSS due north): the line to AWAY leaves the square,
                    // the one to ACROSS crosses it (from the meridian edge both cross it).
                    if (code != "MERI" || far == "ACROSS")
                        Assert.That(both.Outcome, Is.EqualTo(far == "AWAY" ? FlightOutcome.Unaffected : FlightOutcome.Rerouted), what);
                    if (plan.Status != RouteStatus.Direct)
                        Assert.That(both.Waypoints, Is.EqualTo(plan.Waypoints), what);
                }
        }
    }

    [Test]
    public void AirportJustInsideIsClosed()
    {
        // 1e-9 deg (0.1 mm) inside the equator edge: inside, so the rule is exact, not a tolerance around the boundary.
        foreach (var (sLat, sLon) in Quadrants)
        {
            var sq = Square(sLat, sLon); var dir = Directory(sLat, sLon);
            Assert.That(Fly(Closure(sq, ClosureBans.Airports), dir, "JIN", "AWAY").ReasonCode, Is.EqualTo(OutcomeReason.OriginClosed));
            Assert.That(Fly(Closure(sq, ClosureBans.Airports), dir, "AWAY", "JIN").ReasonCode, Is.EqualTo(OutcomeReason.DestinationClosed));
            Assert.That(DetourPlanner.Build([sq]).Plan(dir["JIN"].Location, dir["AWAY"].Location).ReasonCode, Is.EqualTo(UnreachableReason.OriginInside));
        }
    }

    [TestCase("EDGE")]
    [TestCase("VTX0")]
    [TestCase("BUF")]
    public void AirportInTheBufferButOutsideTheLimitsIsOpenAndDepartsThroughTheBand(string code)
    {
        // The planner lets a route end in the buffer band (outside the closure) and crosses the band on the first or last
        // leg; the simulator's airport rule is on the lateral limits, not the buffer, so the airport is open and the
        // flight flies the planner's route.
        foreach (var (sLat, sLon) in Quadrants)
        {
            var sq = Square(sLat, sLon); var dir = Directory(sLat, sLon);
            var planner = DetourPlanner.Build([sq], 25);
            var depart = planner.Plan(dir[code].Location, dir["AWAY"].Location);
            var arrive = planner.Plan(dir["AWAY"].Location, dir[code].Location);
            Assert.That(depart.DepartsThroughBuffer && arrive.ArrivesThroughBuffer, Is.True, $"quadrant ({sLat}, {sLon}) {code}");
            foreach (var bans in new[] { ClosureBans.Airports, ClosureBans.Both })
            {
                var d = Fly(Closure(sq, bans, 25), dir, code, "AWAY");
                var a = Fly(Closure(sq, bans, 25), dir, "AWAY", code);
                Assert.That(d.Outcome, Is.Not.EqualTo(FlightOutcome.Cancelled), $"quadrant ({sLat}, {sLon}) {bans} {code}: {d.Reason}");
                Assert.That(a.Outcome, Is.Not.EqualTo(FlightOutcome.Cancelled), $"quadrant ({sLat}, {sLon}) {bans} {code}: {a.Reason}");
                if (bans == ClosureBans.Both && depart.Status == RouteStatus.Detour)
                    Assert.That(d.Waypoints, Is.EqualTo(depart.Waypoints));
            }
        }
    }

    [Test]
    public void SeamBetweenTwoPartsOfOneClosureIsInside()
    {
        // Two squares sharing the prime-meridian edge, one closure: the planner merges them, so a point on the seam is
        // inside the closed area, and so is it for the simulator; the seam's ends on the outer boundary stay outside.
        var west = Square(1, -1);
        var east = Square(1, 1);
        var dir = new AirportDirectory([
            new Airport(null, "SEAM", "SEAM", "XX", new GeoPoint(2, 0)), new Airport(null, "TIP", "TIP", "XX", new GeoPoint(0, 0)),
            new Airport(null, "AWAY", "AWAY", "XX", new GeoPoint(-10, 2))]);
        var c = new Closure { Id = "WE", AirspaceIds = ["SQ1-1", "SQ11"], Airspaces = [west, east], StartUtc = T0.AddDays(-1), Bans = ClosureBans.Airports };
        Assert.That(Fly(c, dir, "SEAM", "AWAY").ReasonCode, Is.EqualTo(OutcomeReason.OriginClosed));
        Assert.That(DetourPlanner.Build([west, east]).Plan(dir["SEAM"].Location, dir["AWAY"].Location).ReasonCode, Is.EqualTo(UnreachableReason.OriginInside));
        Assert.That(Fly(c, dir, "TIP", "AWAY").Outcome, Is.EqualTo(FlightOutcome.Unaffected));
        // Two closures sharing that seam: the seam is a border between two closed areas, so every way out of SEAM leads
        // into one of them; the planner holding both merges them and has SEAM inside, and so does the simulator now
        // (closed by both; it was "open per closure" before, and the route slipped along the shared border).
        var scenario = new Scenario { Name = "t", Closures = [Closure(west, ClosureBans.Both), Closure(east, ClosureBans.Both)],
            Flights = [new Flight { Id = "F", Origin = "SEAM", Destination = "AWAY", DepartureUtc = T0, AircraftType = "B38M", Airline = "GLO", OperatorState = "BR" },
                       new Flight { Id = "G", Origin = "TIP", Destination = "AWAY", DepartureUtc = T0, AircraftType = "B38M", Airline = "GLO", OperatorState = "BR" }] };
        var two = new WhatIfSimulator(scenario, new SimulationOptions { CostModel = new InterimCostModel(), Airports = dir, AlternateAirports = [] }).Run().Flights;
        Assert.That(two[0].ReasonCode, Is.EqualTo(OutcomeReason.OriginClosed), two[0].Reason);
        Assert.That(two[0].BoundBy, Is.EquivalentTo(new[] { west.Id, east.Id }));
        Assert.That(DetourPlanner.Build([west, east]).Plan(dir["SEAM"].Location, dir["AWAY"].Location).ReasonCode, Is.EqualTo(UnreachableReason.OriginInside));
        // The seam's end on the outer boundary is outside the merged area: open, and it departs as the planner has it.
        Assert.That(two[1].Outcome, Is.Not.EqualTo(FlightOutcome.Cancelled), two[1].Reason);
    }

    [Test]
    public void RouteAlongABorderSharedByTwoClosuresGoesAroundBoth()
    {
        // Two closures sharing the prime-meridian edge (0,0)-(4*sLat,0), north and south of the equator; a flight due
        // north along the meridian runs exactly on the shared border: it enters neither closure alone, but the border
        // is inside the closed area they form, so the planner holding both plans a detour, and the simulator flies it.
        foreach (var sLat in new[] { 1, -1 })
        {
            Airspace west = Square(sLat, -1), east = Square(sLat, 1);
            var dir = new AirportDirectory([
                new Airport(null, "S", "S", "XX", new GeoPoint(-1.0 * sLat, 0)), new Airport(null, "N", "N", "XX", new GeoPoint(5.0 * sLat, 0))]);
            var plan = DetourPlanner.Build([west, east]).Plan(dir["S"].Location, dir["N"].Location);
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour));
            var scenario = new Scenario { Name = "t", Closures = [Closure(west, ClosureBans.Overflight), Closure(east, ClosureBans.Overflight)],
                Flights = [new Flight { Id = "F", Origin = "S", Destination = "N", DepartureUtc = T0, AircraftType = "B38M", Airline = "GLO", OperatorState = "BR" }] };
            var r = new WhatIfSimulator(scenario, new SimulationOptions { CostModel = new InterimCostModel(), Airports = dir, AlternateAirports = [] }).Run().Flights.Single();
            Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Rerouted), r.Reason);
            Assert.That(r.BoundBy, Is.EquivalentTo(new[] { west.Id, east.Id }));
            Assert.That(r.Waypoints, Is.EqualTo(plan.Waypoints));
            // One closure alone: the border is its boundary, flyable, so the flight is direct.
            var one = new WhatIfSimulator(scenario with { Closures = [Closure(east, ClosureBans.Overflight)] },
                new SimulationOptions { CostModel = new InterimCostModel(), Airports = dir, AlternateAirports = [] }).Run().Flights.Single();
            Assert.That(one.Outcome, Is.EqualTo(FlightOutcome.Unaffected), one.Reason);
        }
    }
}
