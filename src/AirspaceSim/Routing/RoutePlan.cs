using AirspaceSim.Infrastructure;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Routing;

/// <summary>How a route fares against the closures.</summary>
public enum RouteStatus
{
    /// <summary>The direct great-circle route is clear of every closure (and buffer).</summary>
    Direct,
    /// <summary>The direct route is blocked; the result is the shortest route around the closures.</summary>
    Detour,
    /// <summary>No route exists: an end lies inside a closure, or is enclosed by closures.</summary>
    Unreachable,
}

/// <summary>Why a route is unreachable, as a code beside <see cref="RoutePlan.Reason"/>.</summary>
public enum UnreachableReason
{
    /// <summary>The route is reachable (direct or detour).</summary>
    None,
    /// <summary>The origin lies inside a closure.</summary>
    OriginInside,
    /// <summary>The destination lies inside a closure.</summary>
    DestinationInside,
    /// <summary>Both ends are outside the closures, but no path joins them: one of them is enclosed by closed airspace.</summary>
    Enclosed,
}

/// <summary>How a route end inside a buffer band (outside the closure) joins the route, as a code beside the notes of
/// <see cref="RoutePlan.DepartsThroughBuffer"/> and <see cref="RoutePlan.ArrivesThroughBuffer"/>.</summary>
public enum BufferEndRule
{
    /// <summary>The end is not inside a buffer band (or the route is unreachable).</summary>
    None,
    /// <summary>Only the straight leg from (to) the end lies inside the band: it leaves (enters) the band once and never
    /// crosses a closure; the rest of the route keeps the full buffer.</summary>
    StraightLeg,
    /// <summary>No such straight leg leads anywhere (the end is deep in a pocket of its closure): the route crosses the
    /// band turning around the closure's own corners, never entering the closure and never re-entering the band.</summary>
    AroundClosure,
}

/// <summary>
/// The planner's answer for one origin–destination pair. Waypoints are the great-circle solution on the sphere
/// (origin, turning points on closure vertices, destination); every length is the WGS84 geodesic length of a leg.
/// Its lists are read-only (a cast to an array or a list cannot write them).
/// </summary>
public sealed record RoutePlan
{
    /// <summary>Origin.</summary>
    public required GeoPoint From { get; init; }

    /// <summary>Destination.</summary>
    public required GeoPoint To { get; init; }

    /// <summary>Direct, detour or unreachable.</summary>
    public required RouteStatus Status { get; init; }

    /// <summary>Why the route is unreachable; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Why the route is unreachable, as a code; <see cref="UnreachableReason.None"/> otherwise.</summary>
    public UnreachableReason ReasonCode { get; init; }

    /// <summary>Origin, turning points and destination; empty when unreachable.</summary>
    public required IReadOnlyList<GeoPoint> Waypoints { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>WGS84 length in km of each leg between consecutive waypoints.</summary>
    public required IReadOnlyList<double> LegKm { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Total WGS84 length in km of the flown route; null when unreachable.</summary>
    public double? RouteKm { get; init; }

    /// <summary>WGS84 length in km of the direct route.</summary>
    public required double DirectKm { get; init; }

    /// <summary>Extra distance over the direct route in km; null when unreachable.</summary>
    public double? ExtraKm => RouteKm - DirectKm;

    /// <summary>Extra distance as a percentage of the direct route; null when unreachable or the direct length is 0.</summary>
    public double? ExtraPercent => RouteKm is { } r && DirectKm > 0 ? 100 * (r - DirectKm) / DirectKm : null;

    /// <summary>Ids of the closures the direct route would cross (or that contain an end).</summary>
    public required IReadOnlyList<string> Crossed { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>True if the origin lies in a buffer band (outside the closure) and the first leg crosses that band.</summary>
    public bool DepartsThroughBuffer { get; init; }

    /// <summary>True if the destination lies in a buffer band and the last leg crosses that band.</summary>
    public bool ArrivesThroughBuffer { get; init; }

    /// <summary>How the origin, if inside a buffer band, joins the route: <see cref="BufferEndRule.StraightLeg"/> when
    /// the band can be left on one straight leg, else <see cref="BufferEndRule.AroundClosure"/>.</summary>
    public BufferEndRule DepartureBufferRule { get; init; }

    /// <summary>How the destination, if inside a buffer band, joins the route (see <see cref="DepartureBufferRule"/>).</summary>
    public BufferEndRule ArrivalBufferRule { get; init; }

    /// <summary>
    /// Upper bound in km on how much longer this route can be than the exact shortest route keeping the full buffer
    /// (the buffer's circular corners are approximated from outside by great-circle pieces); 0 without a buffer.
    /// </summary>
    public double BufferExcessBoundKm { get; init; }

    /// <summary>Length of the route on the unit sphere in radians (the quantity the planner minimises).</summary>
    public double SphereRad { get; init; }
}
