using AirspaceSim.Airspaces;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

/// <summary>
/// The one "inside the lateral limits" predicate for a point such as a route end or an airport: strictly inside the union
/// of the airspaces' polygons, touching or overlapping parts merged (a seam between two parts of one airspace, or
/// between two airspaces of one closure, is inside), and a point on the outer boundary (a vertex, or exactly on an edge)
/// outside. It is the planner's own rule for a route end (<see cref="Obstacle.OriginalContains"/> of obstacles built
/// by <see cref="ObstacleBuilder"/> without a buffer), decided exactly by <see cref="SphericalLoop.OnBoundary"/>, not by
/// the symbolic perturbation of <see cref="SphericalRegion.Contains(in Vec3)"/>, which puts an edge point on one side or
/// the other. The simulator's airport rule uses it so that an airport the planner can route from is never banned by
/// the simulator as inside, and conversely. A buffer never enters: an end in a buffer band but outside the airspace is
/// outside (the planner crosses the band on the first or last leg, <see cref="RoutePlan.DepartsThroughBuffer"/>).
/// </summary>
internal sealed class LateralLimits
{
    private readonly Obstacle[] _obstacles;
    private readonly double[] _capCos;

    private LateralLimits(Obstacle[] obstacles)
    {
        _obstacles = obstacles;
        _capCos = obstacles.Select(o => CapBound.CapCos(o.CapRadiusRad)).ToArray();
    }

    /// <summary>The limits of <paramref name="airspaces"/> as the planner merges them.</summary>
    /// <remarks>Parts too large to merge in one gnomonic frame (where <see cref="DetourPlanner.Build(IEnumerable{Airspace})"/>
    /// itself throws <see cref="NotSupportedException"/>) are kept apart: each part's open interior, so a seam between them
    /// is outside (the planner cannot be built for them, so there is nothing to disagree with).</remarks>
    public static LateralLimits Of(IReadOnlyList<Airspace> airspaces)
    {
        try
        {
            return new LateralLimits(ObstacleBuilder.Build(airspaces, 0, DetourPlannerOptions.Default.CornerSegments).Obstacles.ToArray());
        }
        catch (NotSupportedException)
        {
            var parts = new List<Obstacle>();
            foreach (var a in airspaces)
                foreach (var p in a.Region.Polygons)
                {
                    var loops = new List<SphericalLoop> { p.Shell };
                    foreach (var h in p.Holes) loops.Add(ObstacleBuilder.Reverse(h));
                    parts.Add(new Obstacle(loops, [loops], [a.Id]));
                }
            return new LateralLimits(parts.ToArray());
        }
    }

    // One airspace's limits for AirspaceQueries.Contains, built on first need (a point on a part's boundary of a
    // multipolygon) and kept as long as the airspace lives.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Airspace, LateralLimits> OfOne = new();

    /// <summary>Hands the route-end rule to <see cref="AirspaceQueries.Contains"/> (Airspaces cannot reference Routing)
    /// when the assembly loads, before any of its code runs.</summary>
#pragma warning disable CA2255 // a library's module initializer: here it only sets an internal delegate of this library
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void SupplyAirspaceRule() =>
        AirspaceQueries.SeamRule = static (a, p) => OfOne.GetValue(a, static a => Of([a])).Contains(p);

    /// <summary>True if <paramref name="p"/> lies exactly on the boundary of the limits (a vertex or exactly on an edge).</summary>
    public bool OnBoundary(in Vec3 p)
    {
        for (int k = 0; k < _obstacles.Length; k++)
        {
            if (_capCos[k] > 0 && p.Dot(_obstacles[k].Center) < _capCos[k]) continue;
            var polys = _obstacles[k].OriginalPolygons; // indexed: an IReadOnlyList's enumerator is boxed
            for (int i = 0; i < polys.Count; i++)
                for (int j = 0; j < polys[i].Count; j++)
                    if (polys[i][j].OnBoundary(p)) return true;
        }
        return false;
    }

    /// <summary>True if one connected closed area of the limits holds airspaces of both sides (ids by
    /// <paramref name="left"/> and <paramref name="right"/>): the two touch or overlap, and the planner merges them.</summary>
    public bool Merges(Func<string, bool> left, Func<string, bool> right)
    {
        foreach (var o in _obstacles)
            if (o.SourceIds.Any(left) && o.SourceIds.Any(right)) return true;
        return false;
    }

    /// <summary>True if the arc <paramref name="x"/> passes through the open interior of a shell of the limits, or ends
    /// strictly inside the limits (holes are not subtracted: an arc through an enclave counts, as in the planner's
    /// crossed list).</summary>
    public bool IsEnteredBy(in EdgeCrosser x, in Vec3 a, in Vec3 b)
    {
        for (int k = 0; k < _obstacles.Length; k++)
        {
            if (!x.MayHitCap(_obstacles[k].Center, _capCos[k])) continue;
            var polys = _obstacles[k].OriginalPolygons; // indexed: an IReadOnlyList's enumerator is boxed
            for (int i = 0; i < polys.Count; i++)
            {
                var poly = polys[i];
                if (poly[0].IsEnteredBy(x) || Obstacle.PolygonContains(poly, a) || Obstacle.PolygonContains(poly, b)) return true;
            }
        }
        return false;
    }

    /// <summary>True if <paramref name="p"/> is strictly inside the limits (on the boundary: false).</summary>
    public bool Contains(in Vec3 p)
    {
        for (int k = 0; k < _obstacles.Length; k++)
            if ((_capCos[k] <= 0 || p.Dot(_obstacles[k].Center) >= _capCos[k]) && _obstacles[k].OriginalContains(p)) return true;
        return false;
    }
}
