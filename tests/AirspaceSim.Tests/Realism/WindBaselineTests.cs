using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Realism;

/// <summary>Choosing routes by time, a closure never saves time or fuel: the route flown around it is open with no
/// closure too, so the route with no closure is taken as the faster of the direct route and the flown one. FRA–HKG round
/// Russia's FIRs in the bundled eurasia-january climatology dips into the jet and beats the great circle; it read as a
/// saving of 0.9 minutes and 133 kg. Choosing by distance the direct route stays the base (the flight would fly it).</summary>
public class WindBaselineTests
{
    private static readonly DateTime T0 = new(2022, 3, 10, 10, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Russia = ["UWWW", "ULLL", "UNKL", "UNNT", "UIII", "UHHH", "UHMM", "USSV", "USTV", "URRV", "UEEE", "UUWV"];
    private static readonly (string, string)[] Pairs =
    [
        ("FRA", "HKG"), ("LHR", "NRT"), ("NRT", "LHR"), ("FRA", "PEK"), ("PEK", "FRA"), ("HEL", "ICN"), ("ICN", "HEL"), ("AMS", "PVG"), ("PVG", "AMS"),
    ];

    private static Scenario S(string wind, bool windOptimal, params (string, string)[] pairs) => new()
    {
        Name = "ru",
        Closures = [new Closure { Id = "RU", AirspaceIds = Russia, Airspaces = Russia.Select(id => AirspaceCatalog.Bundled[id]).ToArray(), StartUtc = T0.AddDays(-9) }],
        Flights = pairs.Select(p => new Flight
        {
            Id = $"{p.Item1}-{p.Item2}", Origin = p.Item1, Destination = p.Item2, DepartureUtc = T0, AircraftType = "B77W", Airline = "BAW", OperatorState = "GB",
        }).ToArray(),
        // No border margin: the unbuffered planner of the twelve FIRs builds in milliseconds; the rule does not depend on it.
        Realism = RealismOptions.Default with { BorderMarginNm = 0, Wind = GriddedWindField.Bundled(wind), WindOptimal = windOptimal },
    };

    private static SimulationResult Run(Scenario s) => new WhatIfSimulator(s, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();

    [Test]
    public void ARouteFasterThanTheDirectOneInTheWindCostsNothing()
    {
        var r = Run(S("eurasia-january", true, ("FRA", "HKG"))).Flights.Single();
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Rerouted), r.Reason);
        // The premise, from the cost model called directly: the flown route beats the great circle in this wind.
        var s = S("eurasia-january", true);
        var sim = WhatIfSimulator.WithRealism(s);
        var p = sim.Parameters.Cost;
        var model = PerformanceCostModel.Default;
        model.TryGetType("B77W", out var type, out _);
        int fl = r.CruiseFl!.Value;
        var flown = model.Estimate(type!, r.Waypoints, fl, p);
        var direct = model.Estimate(type!, [AirportDirectory.Bundled["FRA"].Location, AirportDirectory.Bundled["HKG"].Location], fl, p);
        Assert.That(flown.BlockMinutes, Is.LessThan(direct.BlockMinutes), "faster than the direct route in the jet");
        Assert.That(flown.DistanceKm, Is.GreaterThan(direct.DistanceKm + 300), "though some 500 km longer");
        Assert.That(new[] { r.ExtraKm, r.ExtraMinutes, r.ExtraFuelKg, r.ExtraCo2Kg, r.ExtraCostUsd }, Is.All.EqualTo(0m), r.Reason);
        Assert.That(r.Reason, Does.EndWith("in the wind it is faster than the direct route, so it costs nothing against it"));
        Assert.That(r.BoundBy, Is.EqualTo(new[] { "RU" }), "it is still bound: it flies around the closure");
        // The shortest route beside it is measured from the same base: what choosing by time saves, never negative.
        Assert.That(r.ShortestExtraMinutes, Is.GreaterThanOrEqualTo(0m));
        Assert.That(r.MinutesSavedByTime, Is.GreaterThanOrEqualTo(0m));
    }

    [Test]
    public void ChoosingByDistanceTheDirectRouteStaysTheBase()
    {
        var r = Run(S("eurasia-january", false, ("FRA", "HKG"))).Flights.Single();
        Assert.That(r.Outcome, Is.EqualTo(FlightOutcome.Rerouted), r.Reason);
        var p = WhatIfSimulator.WithRealism(S("eurasia-january", false)).Parameters.Cost;
        var model = PerformanceCostModel.Default;
        model.TryGetType("B77W", out var type, out _);
        int fl = r.CruiseFl!.Value;
        var flown = model.Estimate(type!, r.Waypoints, fl, p);
        var direct = model.Estimate(type!, [AirportDirectory.Bundled["FRA"].Location, AirportDirectory.Bundled["HKG"].Location], fl, p);
        Assert.That((double)r.ExtraMinutes, Is.EqualTo(flown.BlockMinutes - direct.BlockMinutes).Within(0.05 + 1e-9));
        Assert.That((double)r.ExtraFuelKg, Is.EqualTo(flown.FuelKg - direct.FuelKg).Within(0.05 + 1e-9));
        Assert.That(r.Reason, Does.Not.Contain("faster than the direct route"));
    }

    [TestCase("eurasia-january")]
    [TestCase("eurasia-july")]
    public void ChoosingByTimeNoClosureIsASaving(string wind)
    {
        var result = Run(S(wind, true, Pairs));
        foreach (var r in result.Flights.Where(f => f.Outcome == FlightOutcome.Rerouted))
        {
            Assert.That(new[] { r.ExtraKm, r.ExtraMinutes, r.ExtraFuelKg, r.ExtraCo2Kg, r.ExtraCostUsd }, Is.All.GreaterThanOrEqualTo(0m), $"{r.Flight.Id}: {r.Reason}");
            Assert.That(r.MinutesSavedByTime, Is.GreaterThanOrEqualTo(0m), r.Flight.Id);
        }
        Assert.That(result.Flights.Count(f => f.Outcome == FlightOutcome.Rerouted), Is.GreaterThanOrEqualTo(Pairs.Length - 1));
    }
}
