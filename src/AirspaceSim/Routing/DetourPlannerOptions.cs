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

    /// <summary>Lateral margin in nautical miles the route keeps from every closure (0 = none), in
    /// [0, <see cref="DetourPlanner.MaxBufferNm"/>].</summary>
    public double BufferNm { get; init; }

    /// <summary>Segments per full circle approximating buffer corners from outside, in
    /// [<see cref="DetourPlanner.MinCornerSegments"/>, <see cref="DetourPlanner.MaxCornerSegments"/>]; default 64.</summary>
    public int CornerSegments { get; init; } = 64;

    /// <summary>Length of a leg in km; null (the default) for the WGS84 geodesic length.</summary>
    public Func<GeoPoint, GeoPoint, double>? LegLengthKm { get; init; }
}
