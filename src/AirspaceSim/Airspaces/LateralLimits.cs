using System.Runtime.CompilerServices;
using AirspaceSim.Spherical;

namespace AirspaceSim.Airspaces;

/// <summary>
/// The one "inside the lateral limits" predicate for a point such as a route end or an airport: strictly inside the union
/// of the airspaces' polygons, touching or overlapping parts merged (a seam between two parts of one airspace, or
/// between two airspaces of one closure, is inside), and a point on the outer boundary (a vertex, or exactly on an edge)
/// outside. It is the planner's own rule for a route end (Routing.Obstacle.OriginalContains of obstacles built by
/// Routing.ObstacleBuilder, whose unbuffered polygons are these same <see cref="LimitsMerge"/> areas), and
/// <see cref="AirspaceQueries.Contains"/>'s for a point on a part's boundary of a multipolygon, decided exactly by
/// <see cref="SphericalLoop.OnBoundary"/>, not by the symbolic perturbation of
/// <see cref="SphericalRegion.Contains(in Vec3)"/>, which puts an edge point on one side or the other. The simulator's airport rule uses it so that an airport the planner can route from is never banned by
/// the simulator as inside, and conversely. A buffer never enters: an end in a buffer band but outside the airspace is
/// outside (the planner crosses the band on the first or last leg, Routing.RoutePlan.DepartsThroughBuffer). It sits
/// here, below Routing, so that Airspaces answers with it directly (LayeringTests: Airspaces never references Routing).
/// </summary>
internal sealed class LateralLimits
{
    private readonly MergedArea[] _areas;
    private readonly double[] _capCos;

    private LateralLimits(MergedArea[] areas)
    {
        _areas = areas;
        _capCos = areas.Select(o => CapBound.CapCos(o.CapRadiusRad)).ToArray();
    }

    /// <summary>The limits of <paramref name="airspaces"/> as the planner merges them.</summary>
    /// <remarks>Parts too large to merge in one gnomonic frame (where the planner, Routing.DetourPlanner.Build,
    /// itself throws <see cref="NotSupportedException"/>) are kept apart: each part's open interior, so a seam between them
    /// is outside (the planner cannot be built for them, so there is nothing to disagree with).</remarks>
    public static LateralLimits Of(IReadOnlyList<Airspace> airspaces)
    {
        try
        {
            return new LateralLimits(LimitsMerge.Merge(airspaces).ToArray());
        }
        catch (NotSupportedException)
        {
            return new LateralLimits(LimitsMerge.Parts(airspaces).Select(p => new MergedArea(p.Loops, [p.Id])).ToArray());
        }
    }

    // One airspace's limits for AirspaceQueries.Contains, built on first need (a point on a part's boundary of a
    // multipolygon) and kept as long as the airspace lives.
    private static readonly ConditionalWeakTable<Airspace, LateralLimits> OfOneTable = new();

    /// <summary>The limits of one airspace, its parts merged; cached per airspace instance.</summary>
    public static LateralLimits OfOne(Airspace airspace) => OfOneTable.GetValue(airspace, static a => Of([a]));

    /// <summary>True if <paramref name="p"/> lies exactly on the boundary of the limits (a vertex or exactly on an edge).</summary>
    public bool OnBoundary(in Vec3 p)
    {
        for (int k = 0; k < _areas.Length; k++)
        {
            if (_capCos[k] > 0 && p.Dot(_areas[k].Center) < _capCos[k]) continue;
            var loops = _areas[k].Loops; // indexed: an IReadOnlyList's enumerator is boxed, an allocation per call
            for (int i = 0; i < loops.Count; i++)
                if (loops[i].OnBoundary(p)) return true;
        }
        return false;
    }

    /// <summary>True if one connected closed area of the limits holds airspaces of both sides (ids by
    /// <paramref name="left"/> and <paramref name="right"/>): the two touch or overlap, and the planner merges them.</summary>
    public bool Merges(Func<string, bool> left, Func<string, bool> right)
    {
        foreach (var o in _areas)
            if (o.SourceIds.Any(left) && o.SourceIds.Any(right)) return true;
        return false;
    }

    // The limits as a region (holes as loops around the hole, SphericalRegion's convention; an area's hole loops have
    // the area on their left, so they are reversed back), built on first use: only the simulator's shared-border rule
    // asks for stretches.
    private SphericalRegion? _region;

    /// <summary>The stretches of the arc <paramref name="a"/>→<paramref name="b"/> strictly inside the limits, in order:
    /// holes subtracted (an enclave is free), seams between merged parts inside (the merged loops have no seam), the
    /// boundary outside (<see cref="SphericalRegion.CrossRoute(in Vec3, in Vec3)"/>).</summary>
    public IReadOnlyList<RouteInterval> Stretches(in Vec3 a, in Vec3 b) => (_region ??= Region()).CrossRoute(a, b);

    private SphericalRegion Region() => new(_areas
        .Select(o => new SphericalPolygon(o.Loops[0], o.Loops.Skip(1).Select(LimitsMerge.Reverse).ToArray())).ToArray());

    /// <summary>True if <paramref name="p"/> is strictly inside the limits (on the boundary: false).</summary>
    public bool Contains(in Vec3 p)
    {
        for (int k = 0; k < _areas.Length; k++)
            if ((_capCos[k] <= 0 || p.Dot(_areas[k].Center) >= _capCos[k]) && MergedArea.PolygonContains(_areas[k].Loops, p)) return true;
        return false;
    }
}
