using AirspaceSim.Routing;
using AirspaceSim.Weather;

namespace AirspaceSim.Performance;

/// <summary>
/// How much of a planned route and of its direct route (its first waypoint to its last) lie outside a wind grid, where
/// the field holds the wind of the grid's nearest edge (<see cref="GriddedWindField.Coverage"/>), and the assumptions
/// that adds to a costed route, in words. Here rather than in Weather, which sits below Routing and cannot see a
/// <see cref="RoutePlan"/>.
/// </summary>
/// <param name="Flown">The planned route's waypoints at the flight level.</param>
/// <param name="Direct">The great circle from the route's first waypoint to its last at the same level.</param>
public sealed record RouteWindGridCoverage(WindGridCoverage Flown, WindGridCoverage Direct)
{
    /// <summary>The coverage of <paramref name="plan"/> at <paramref name="flightLevel"/> when <paramref name="field"/>
    /// is a <see cref="GriddedWindField"/> and the plan has a route to fly; null otherwise (no grid, no plan, or an
    /// unreachable one): a uniform wind or still air has no outside.</summary>
    /// <exception cref="ArgumentException">The flight level is not finite (with a grid and a route to fly).</exception>
    public static RouteWindGridCoverage? Of(WindField? field, RoutePlan? plan, double flightLevel) =>
        field is GriddedWindField g && plan is { Status: not RouteStatus.Unreachable, Waypoints.Count: >= 2 } p
            ? new(g.Coverage(p.Waypoints, flightLevel), g.Coverage([p.Waypoints[0], p.Waypoints[^1]], flightLevel))
            : null;

    /// <summary>The assumptions the grid adds, for a result's list: what of the flown route lay outside it (or its
    /// levels) and what was used there, then the same of the direct route when it differs from the flown one and leaves
    /// the grid (a route that is the direct one is said once). Empty when both lie on the grid.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            var notes = new List<string>(2);
            if (Flown.Note("the flown route") is { } f) notes.Add(f);
            if (Direct != Flown && Direct.OutsideKm > 0 && Direct.Note("the direct route") is { } d) notes.Add(d);
            return notes;
        }
    }
}
