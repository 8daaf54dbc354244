using System.Globalization;
using System.Runtime.CompilerServices;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using AirspaceSim.Weather;

namespace AirspaceSim.Routing;

/// <summary>What a wind-optimal query needs: the wind, the true airspeed and the cruise level.</summary>
/// <param name="Wind">The wind field.</param>
/// <param name="TrueAirspeedKt">Cruise true airspeed, kt; must exceed the field's <see cref="WindField.MaxSpeedKt"/>.</param>
/// <param name="FlightLevel">Cruise flight level at which the field is read.</param>
public sealed record WindRouteOptions(WindField Wind, double TrueAirspeedKt, double FlightLevel);

// The planner's edge weight, pluggable: the search adds Arc(a, b, θ) for every leg a→b (θ its angle). A cost must be
// at least θ so that the chord heuristic stays admissible and consistent (chord(u, d) ≤ chord(u, v) + chord(v, d) ≤
// cost(u, v) + chord(v, d)).
internal interface IArcCost
{
    /// <summary>True for the distance cost: the closed-form hull wraps and the precomputed edge lengths apply.</summary>
    static abstract bool IsDistance { get; }

    /// <summary>The cost of the arc a→b whose angle is <paramref name="rad"/>.</summary>
    double Arc(in Vec3 a, in Vec3 b, double rad);

    /// <summary>The cost of graph edge <paramref name="k"/> (a→b, angle <paramref name="rad"/>); a cost may cache it.</summary>
    double Edge(int k, in Vec3 a, in Vec3 b, double rad);
}

/// <summary>The default cost: the arc's angle (the route length on the unit sphere).</summary>
internal readonly struct DistanceCost : IArcCost
{
    public static bool IsDistance => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Arc(in Vec3 a, in Vec3 b, double rad) => rad;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Edge(int k, in Vec3 a, in Vec3 b, double rad) => rad;
}

/// <summary>
/// Flight time in a wind, scaled to radians: τ = t (V + W_max) / R, with t the time along the arc (the wind
/// integrated by <see cref="ArcWind"/>), V the airspeed, W_max the field's speed bound and R the Earth's radius. The
/// ground speed never exceeds V + W_max, so τ ≥ θ and the distance heuristic (the chord) is still a lower bound: A*
/// stays exact over the graph.
/// </summary>
internal readonly struct TimeCost(WindField wind, double tasMs, double maxGroundMs, double flightLevel, double[] edgeCache) : IArcCost
{
    public static bool IsDistance => false;

    public double Arc(in Vec3 a, in Vec3 b, double rad) =>
        rad == 0 ? 0 : ArcWind.SecondsPerMetre(a, b, tasMs, wind, flightLevel) * maxGroundMs * rad;

    // The graph's edges are the same for every query: each edge's time is computed once per options instance. Racing
    // threads may both compute an edge; they store the same value (a double is written atomically), so no lock.
    public double Edge(int k, in Vec3 a, in Vec3 b, double rad)
    {
        double c = Volatile.Read(ref edgeCache[k]);
        if (!double.IsNaN(c)) return c;
        c = Arc(a, b, rad);
        Volatile.Write(ref edgeCache[k], c);
        return c;
    }
}

/// <summary>A cost searched from the destination back to the origin: each arc is flown the other way.</summary>
internal readonly struct ReversedCost<TCost>(TCost inner) : IArcCost where TCost : struct, IArcCost
{
    public static bool IsDistance => TCost.IsDistance;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Arc(in Vec3 a, in Vec3 b, double rad) => inner.Arc(b, a, rad);

    // Edge k runs a→b; flown backwards it is another cost, so it is not taken from the cache.
    public double Edge(int k, in Vec3 a, in Vec3 b, double rad) => inner.Arc(b, a, rad);
}

public sealed partial class DetourPlanner
{
    // Edge times per wind query options (by reference): the graph search reuses them across queries.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<WindRouteOptions, double[]> _edgeTimes = new();

    /// <summary>
    /// Plans the fastest route from <paramref name="from"/> to <paramref name="to"/> in a wind, over the same
    /// visibility graph as <see cref="Plan(GeoPoint, GeoPoint)"/> (turning points at obstacle corners, bitangent
    /// legs), with every leg costed by its flight time: the wind is integrated along the great circle.
    /// </summary>
    /// <remarks>
    /// In a uniform wind the flight time is a norm on directions (the set reached in unit time is a disc shifted by
    /// the wind, which is convex), and shortest paths of a norm around polygons turn only at obstacle corners, so the
    /// answer is the exact fastest route up to the sphere's curvature. In a gridded field the fastest free path may
    /// bend between corners; the result is then the fastest route among the graph's paths (great-circle legs between
    /// corners), the approximation the tests bound. Legs are timed with 8-point Gauss–Legendre quadrature.
    /// The returned plan's <see cref="RoutePlan.SphereRad"/> is its length on the unit sphere, as for the shortest.
    /// The time of every graph edge is computed once per <paramref name="wind"/> instance and kept while it lives: reuse
    /// one instance for the flights of one wind, type and level.
    /// </remarks>
    /// <exception cref="ArgumentException">The ends are antipodal.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The airspeed is not above the field's speed bound.</exception>
    public RoutePlan PlanFastest(GeoPoint from, GeoPoint to, WindRouteOptions wind)
    {
        ArgumentNullException.ThrowIfNull(wind);
        ArgumentNullException.ThrowIfNull(wind.Wind);
        if (!(wind.TrueAirspeedKt > wind.Wind.MaxSpeedKt && double.IsFinite(wind.TrueAirspeedKt)))
            throw new ArgumentOutOfRangeException(nameof(wind), wind.TrueAirspeedKt, string.Create(CultureInfo.InvariantCulture,
                $"true airspeed {wind.TrueAirspeedKt} kt must exceed the wind field's maximum speed {wind.Wind.MaxSpeedKt:0.#} kt"));
        const double msPerKt = Units.MetresPerNm / 3600;
        double tas = wind.TrueAirspeedKt * msPerKt, maxGround = (wind.TrueAirspeedKt + wind.Wind.MaxSpeedKt) * msPerKt;
        var cache = _edgeTimes.GetValue(wind, _ =>
        {
            var a = new double[_adjTo.Length];
            Array.Fill(a, double.NaN);
            return a;
        });
        var plan = Plan(from, to, new TimeCost(wind.Wind, tas, maxGround, wind.FlightLevel, cache));
        if (plan.Status != RouteStatus.Detour) return plan;
        double rad = 0;
        for (int i = 0; i + 1 < plan.Waypoints.Count; i++) rad += Vec3.Angle(Vec3.FromGeo(plan.Waypoints[i]), Vec3.FromGeo(plan.Waypoints[i + 1]));
        return plan with { SphereRad = rad };
    }
}
