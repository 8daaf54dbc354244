using AirspaceSim.Airspaces;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

/// <summary>
/// One connected closed area as the planner sees it: touching closures merged, optionally buffered. Every loop is
/// oriented with the obstacle on its left (the shell counter-clockwise, holes clockwise around their free enclave),
/// so one convexity rule serves both.
/// </summary>
internal sealed class Obstacle
{
    public Obstacle(IReadOnlyList<SphericalLoop> loops, IReadOnlyList<IReadOnlyList<SphericalLoop>> originalPolygons,
        IReadOnlyList<string> sourceIds, double bufferRad)
    {
        BufferRad = bufferRad;
        Loops = loops;
        OriginalPolygons = originalPolygons;
        SourceIds = sourceIds.ToArray().AsReadOnly(); // shared by the answers that cross it: must not be mutable
        var shell = loops[0];
        Center = shell.Center;
        CapRadiusRad = shell.CapRadiusRad; // holes lie inside the shell, so the shell's cap bounds everything
    }

    /// <summary>The planning boundary (buffered if a buffer is set): <c>[0]</c> the shell, then the holes.</summary>
    public IReadOnlyList<SphericalLoop> Loops { get; }

    /// <summary>The unbuffered closed polygons inside this obstacle, same loop convention; equal to
    /// <see cref="Loops"/> without a buffer.</summary>
    public IReadOnlyList<IReadOnlyList<SphericalLoop>> OriginalPolygons { get; }

    /// <summary>The largest buffer (angle) of the closures merged into this obstacle: 0 when none of them is buffered, so
    /// that its planning boundary is its closures' own and no route end can lie in a band of it.</summary>
    public double BufferRad { get; }

    /// <summary>Ids of the closures merged into this obstacle.</summary>
    public IReadOnlyList<string> SourceIds { get; }

    /// <summary>Centre of the bounding cap.</summary>
    public Vec3 Center { get; }

    /// <summary>Angular radius of a cap around <see cref="Center"/> holding the whole obstacle.</summary>
    public double CapRadiusRad { get; }

    /// <summary>Strictly inside the planning boundary (a point on it, vertex or edge, is outside).</summary>
    public bool Contains(in Vec3 p) => PolygonContains(Loops, p);

    /// <summary>Strictly inside one of the unbuffered closed polygons (a point on one's boundary is outside).</summary>
    public bool OriginalContains(in Vec3 p)
    {
        // Indexed, not foreach: an IReadOnlyList's enumerator is boxed, an allocation per call on the what-if's path.
        var polys = OriginalPolygons;
        for (int i = 0; i < polys.Count; i++) if (PolygonContains(polys[i], p)) return true;
        return false;
    }

    // The planner's rule for a route end is the merged limits' (MergedArea.PolygonContains): the boundary is flyable.
    internal static bool PolygonContains(IReadOnlyList<SphericalLoop> loops, in Vec3 p) => MergedArea.PolygonContains(loops, p);
}
