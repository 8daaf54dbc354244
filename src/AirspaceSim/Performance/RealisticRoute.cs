using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Weather;

namespace AirspaceSim.Performance;

/// <summary>
/// One route with the realism layer on: the route planned with the border margin (the fastest one in the wind when
/// <see cref="RealismOptions.WindOptimal"/> and a wind are given, else the shortest), and, with an aircraft type, its
/// time and fuel with the route-efficiency factor and the wind.
/// </summary>
/// <param name="Options">The realism options used.</param>
/// <param name="BufferNm">The buffer the route keeps from every closure (the largest of the given buffer and the margins).</param>
/// <param name="Shortest">The shortest route keeping that buffer.</param>
/// <param name="Flown">The route chosen: the fastest in the wind, or <paramref name="Shortest"/>.</param>
/// <param name="ExtraKm">Flown minus direct ground distance with the efficiency factor applied to both, km; null when unreachable.</param>
/// <param name="Cost">The flown route's cost against the direct route (same factor and wind); null without a type or when unreachable.</param>
/// <param name="ShortestCost">The shortest route's cost in the same wind; null without a type or when unreachable.</param>
public sealed record RealisticRoute(RealismOptions Options, double BufferNm, RoutePlan Shortest, RoutePlan Flown, double? ExtraKm,
    DetourCost? Cost, DetourCost? ShortestCost)
{
    /// <summary>Block minutes that choosing the fastest route saves over flying the shortest one in the same wind
    /// (0 when they are the same route); null without a cost.</summary>
    public double? MinutesSavedByTime => Cost is { } c && ShortestCost is { } s ? s.Flown.BlockMinutes - c.Flown.BlockMinutes : null;

    /// <summary>The buffer a planner keeps under the layer: the given buffer or the margins of the closures, whichever
    /// is largest (one planner keeps one buffer from every closure).</summary>
    public static double PlannerBufferNm(IEnumerable<Airspace> closures, double bufferNm, RealismOptions options)
    {
        ArgumentNullException.ThrowIfNull(closures);
        ArgumentNullException.ThrowIfNull(options);
        double b = Math.Max(bufferNm, options.BorderMarginNm);
        foreach (var a in closures) b = Math.Max(b, options.EffectiveBufferNm(a.Id, bufferNm));
        return b;
    }

    /// <summary>The flight conditions with the layer's efficiency factor and wind (a given field replaces a uniform wind).</summary>
    public static FlightConditions Conditions(FlightConditions conditions, RealismOptions options)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(options);
        return conditions with
        {
            RouteEfficiencyFactor = options.RouteEfficiencyFactor,
            WindField = options.Wind ?? conditions.WindField,
        };
    }

    /// <summary>
    /// Plans and (with a type) costs one route under the layer. <paramref name="planner"/> must keep
    /// <see cref="PlannerBufferNm"/> (build it with that buffer once and share it across routes).
    /// </summary>
    /// <exception cref="ArgumentException">The ends are antipodal.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The wind reaches the airspeed, or a limit of the type is exceeded.</exception>
    public static RealisticRoute Plan(DetourPlanner planner, GeoPoint from, GeoPoint to, RealismOptions options,
        AircraftType? type, FlightConditions conditions, FlightCostModel model)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(model);
        options.Validate();
        var c = Conditions(conditions, options);
        var shortest = planner.Plan(from, to);
        var flown = shortest;
        WindField? wind = c.WindField ?? (c.Wind is { SpeedKt: > 0 } w ? new UniformWindField(w.FromDeg, w.SpeedKt) : null);
        if (options.WindOptimal && wind != null && type != null && shortest.Status == RouteStatus.Detour)
        {
            double tasKt = model.Cruise(type, type.OperatingEmptyMassKg, c.CruiseMach ?? type.CruiseMach, c.CruiseFl ?? type.CruiseFl, c.IsaDeviationK).TrueAirspeedKt;
            flown = planner.PlanFastest(from, to, new WindRouteOptions(wind, tasKt, c.CruiseFl ?? type.CruiseFl));
        }
        double? extraKm = flown.ExtraKm * options.RouteEfficiencyFactor;
        if (type is null || flown.Status == RouteStatus.Unreachable) return new RealisticRoute(options, planner.BufferNm, shortest, flown, extraKm, null, null);
        var cost = model.EstimateDetour(type, flown, c);
        var shortestCost = ReferenceEquals(flown, shortest) ? cost : model.EstimateDetour(type, shortest, c);
        return new RealisticRoute(options, planner.BufferNm, shortest, flown, extraKm, cost, shortestCost);
    }
}
