using AirspaceSim.Geodesy;

namespace AirspaceSim.Routing;

/// <summary>
/// How <see cref="DetourPlanner.Build(IEnumerable{AirspaceSim.Airspaces.Airspace}, DetourPlannerOptions)"/> builds a
/// planner. A record, so that a new option is not a breaking change: <c>DetourPlannerOptions.Default with { BufferNm = 25 }</c>.
/// </summary>
public sealed record DetourPlannerOptions
{
    /// <summary>No buffer, 64 corner segments, WGS84 leg lengths.</summary>
    public static DetourPlannerOptions Default { get; } = new();

    /// <summary>Lateral margin in nautical miles the route keeps from every closure not listed in
    /// <see cref="BufferNmByAirspaceId"/> (0 = none), in [0, <see cref="DetourPlanner.MaxBufferNm"/>].</summary>
    public double BufferNm { get; init; }

    /// <summary>
    /// The lateral margin in nautical miles kept from each listed closure, by <see cref="AirspaceSim.Airspaces.Airspace.Id"/>
    /// (ordinal), each in [0, <see cref="DetourPlanner.MaxBufferNm"/>]; closures not listed keep <see cref="BufferNm"/>.
    /// Null (the default) for <see cref="BufferNm"/> from every closure. Every id must name one of the planner's
    /// closures (a misspelt id would otherwise silently keep the default). Closures with different margins that come
    /// near each other are merged as usual, each grown by its own margin: a route keeps 25 NM from a closure listed at
    /// 25 and may run along the border of one listed at 0.
    /// </summary>
    public IReadOnlyDictionary<string, double>? BufferNmByAirspaceId { get; init; }

    /// <summary>Segments per full circle approximating buffer corners from outside, in
    /// [<see cref="DetourPlanner.MinCornerSegments"/>, <see cref="DetourPlanner.MaxCornerSegments"/>]; default 64.</summary>
    public int CornerSegments { get; init; } = 64;

    /// <summary>Length of a leg in km; null (the default) for the WGS84 geodesic length.</summary>
    public Func<GeoPoint, GeoPoint, double>? LegLengthKm { get; init; }
}
