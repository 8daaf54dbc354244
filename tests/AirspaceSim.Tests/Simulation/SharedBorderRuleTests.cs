using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// The simulator's shared-border rule made exact (issue 8, docs/audit-8-12.md "Left"): a leg that runs along the border
/// two closures share is inside the closed area they form only while both are active at the moment the leg is on
/// that border (from the leg's own timing, not over the whole leg), and only where the merged area is closed (its
/// holes, enclaves free of both closures, are subtracted). References: the planner holding exactly the closures active
/// at that moment (an independent decision: it merges touching closures itself), and the flight times from the model's
/// ground speed.
/// </summary>
[TestFixture]
public class SharedBorderRuleTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    // Two squares sharing the prime meridian from the equator to 4 N: west (lon -4..0) and east (0..4).
    private static readonly Airspace West = TestAirspaces.FromLatLon("WEST", (0, 0), (0, -4), (4, -4), (4, 0));
    private static readonly Airspace East = TestAirspaces.FromLatLon("EAST", (0, 0), (0, 4), (4, 4), (4, 0));

    private static Closure Closure(Airspace a, DateTime start, DateTime? end = null) =>
        new() { Id = a.Id, AirspaceIds = [a.Id], Airspaces = [a], StartUtc = start, EndUtc = end, NoticeUtc = T0.AddDays(-1), Bans = ClosureBans.Overflight };
    // (Announced the day before: the flight plans with every closure known, no in-flight notice.)

    // The interim model with one ground speed everywhere, so that the moments on the border follow from distances.
    private sealed class ConstantSpeed : IFlightCostModel
    {
        public const double Kt = 480;
        private readonly InterimCostModel _m = new();
        public string Name => "constant " + Kt + " kt";
        public IReadOnlyList<string> Assumptions(CostParameters parameters) => _m.Assumptions(parameters);
        public bool TryGetType(string typeIcao, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out AircraftProfile profile, out string error) => _m.TryGetType(typeIcao, out profile, out error);
        public double GroundSpeedKt(AircraftProfile type, int cruiseFl, GeoPoint from, GeoPoint to, CostParameters parameters) => Kt;
        public FlightCost Estimate(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters parameters) => _m.Estimate(type, waypoints, cruiseFl, parameters);
        public double MaxRangeKm(AircraftProfile type, CostParameters parameters) => _m.MaxRangeKm(type, parameters);
    }

    private static FlightResult Fly(IReadOnlyList<Closure> closures, AirportDirectory dir, string from, string to) =>
        new WhatIfSimulator(new Scenario { Name = "t", Closures = closures, Flights = [new Flight { Id = "F", Origin = from, Destination = to, DepartureUtc = T0, AircraftType = "B38M", Airline = "GLO", OperatorState = "BR" }] },
            new SimulationOptions { CostModel = new ConstantSpeed(), Airports = dir, AlternateAirports = [] }).Run().Flights.Single();

    // Due north along the meridian from 20 S: 20 degrees (about 1,200 NM) before the shared border, then 4 on it.
    private static readonly AirportDirectory Meridian = new([
        new Airport(null, "S", "S", "XX", new GeoPoint(-20, 0)), new Airport(null, "N", "N", "XX", new GeoPoint(5, 0))]);

    // The moments the direct flight S→N is at the equator and at 4 N (where the shared border starts and ends): the
    // leg's WGS84 length at the constant speed, and the fraction of the arc flown (20/25 and 24/25 along a meridian),
    // as the simulator times a point of a leg. About 150 and 180 minutes after departure.
    private static (DateTime AtBorder, DateTime OffBorder) BorderTimes()
    {
        double minutes = Wgs84.DistanceM(new GeoPoint(-20, 0), new GeoPoint(5, 0)) / Units.MetresPerNm / ConstantSpeed.Kt * 60;
        return (T0.AddMinutes(minutes * 20 / 25), T0.AddMinutes(minutes * 24 / 25));
    }

    [Test]
    public void AClosureThatEndsBeforeTheLegReachesTheBorderDoesNotCloseIt()
    {
        var (at, off) = BorderTimes();
        Assert.That(at - T0, Is.GreaterThan(TimeSpan.FromHours(2)), "the border comes late in the leg");
        // East ends half an hour after departure, long before the flight is on the border: there the border is West's
        // boundary alone, flyable, as the planner holding West alone says. (Over the whole leg both were active: the
        // old rule rerouted around both.)
        var closures = new[] { Closure(West, T0.AddDays(-1)), Closure(East, T0.AddDays(-1), T0.AddMinutes(30)) };
        Assert.That(DetourPlanner.Build([West]).Plan(Meridian["S"].Location, Meridian["N"].Location).Status, Is.EqualTo(RouteStatus.Direct));
        var r = Fly(closures, Meridian, "S", "N");
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Unaffected), r.Reason);
        Assert.That(r.BoundBy, Is.Empty);
        // East starting (3 minutes) after the flight leaves the border: also open. Before it does: both, a detour.
        var late = Fly([Closure(West, T0.AddDays(-1)), Closure(East, off.AddMinutes(3))], Meridian, "S", "N");
        Assert.That(late.Outcome, Is.EqualTo(FlightOutcome.Unaffected), late.Reason);
        var onTime = Fly([Closure(West, T0.AddDays(-1)), Closure(East, off.AddMinutes(-3))], Meridian, "S", "N");
        Assert.That(onTime.Outcome, Is.EqualTo(FlightOutcome.Rerouted), onTime.Reason);
        Assert.That(onTime.BoundBy, Is.EquivalentTo(new[] { "WEST", "EAST" }));
        Assert.That(onTime.Waypoints, Is.EqualTo(DetourPlanner.Build([West, East]).Plan(Meridian["S"].Location, Meridian["N"].Location).Waypoints));
    }

    [Test]
    public void TheTwoClosuresMustBeActiveAtTheSameMoment()
    {
        var (at, off) = BorderTimes();
        var mid = at + (off - at) / 2;
        // West closes (ends) halfway along the border and East opens (starts) there: at no moment on the border are both
        // active, so the border is never inside a closed area (each is the boundary of one active closure at a time).
        var r = Fly([Closure(West, T0.AddDays(-1), mid.AddMinutes(-2)), Closure(East, mid.AddMinutes(2))], Meridian, "S", "N");
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Unaffected), r.Reason);
        // Overlapping by six minutes on the border: closed.
        var o = Fly([Closure(West, T0.AddDays(-1), mid.AddMinutes(3)), Closure(East, mid.AddMinutes(-3))], Meridian, "S", "N");
        Assert.That(o.Outcome, Is.EqualTo(FlightOutcome.Rerouted), o.Reason);
    }

    [Test]
    public void AHoleOfTheMergedAreaIsNotClosed()
    {
        // West with an enclave (1..3 N, 0.2..3 W), East beside it. A flight from the enclave due west: in the enclave
        // while West is active (its first minutes), then across West's strip (3..4 W) once West has ended, never in
        // East. It is never in a closed area: the enclave is free of both (a hole of the area they form) and the strip
        // is crossed while West is inactive. The old entering test took the merged shell (the enclave inside it) over
        // the whole leg, so both closures bound the flight, and with West bound the origin was enclosed: cancelled.
        var holed = new Airspace("HOLED", "HOLED", AirspaceKind.Other, TestAirspaces.Factory.CreatePolygon(
            TestAirspaces.Ring((0, 0), (0, -4), (4, -4), (4, 0)), [TestAirspaces.Ring((1, -0.2), (1, -3), (3, -3), (3, -0.2))]));
        var dir = new AirportDirectory([
            new Airport(null, "E1", "E1", "XX", new GeoPoint(2, -0.5)), new Airport(null, "X", "X", "XX", new GeoPoint(2, -10))]);
        // 2.5 degrees in the enclave (about 19 minutes at 480 kt) before the strip: West ends 5 minutes after departure.
        var r = Fly([Closure(holed, T0.AddDays(-1), T0.AddMinutes(5)), Closure(East, T0.AddDays(-1))], dir, "E1", "X");
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Unaffected), r.Reason);
        Assert.That(r.BoundBy, Is.Empty);
        // The planner holding only East (the closure active where the flight is in a closed area's reach) flies it direct.
        Assert.That(DetourPlanner.Build([East]).Plan(dir["E1"].Location, dir["X"].Location).Status, Is.EqualTo(RouteStatus.Direct));
    }
}
