using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

/// <summary>
/// One connected closed area as the planner sees it: touching closures merged, optionally buffered. Every loop is
/// oriented with the obstacle on its left (shells counter-clockwise, holes clockwise around the free enclave), so
/// one convexity rule serves both.
/// </summary>
internal sealed class Obstacle
{
    public Obstacle(IReadOnlyList<SphericalLoop> loops, IReadOnlyList<SphericalLoop> originalLoops, IReadOnlyList<string> sourceIds)
    {
        Loops = loops;
        OriginalLoops = originalLoops;
        SourceIds = sourceIds;
        // Cap of the outermost extent: every loop is inside the cap of the shells, so take the largest shell cap around
        // the mean centre.
        var sum = new Vec3(0, 0, 0);
        foreach (var l in loops) foreach (var v in l.Vertices) sum += v;
        Center = sum.Normalize();
        double r = 0;
        foreach (var l in loops)
            r = Math.Max(r, Math.Min(Math.PI, Vec3.Angle(Center, l.Center) + l.CapRadiusRad));
        CapRadiusRad = r;
    }

    /// <summary>The planning boundary (buffered if a buffer is set), obstacle on the left of each loop.</summary>
    public IReadOnlyList<SphericalLoop> Loops { get; }

    /// <summary>The unbuffered merged boundary, same convention; equal to <see cref="Loops"/> without buffer.</summary>
    public IReadOnlyList<SphericalLoop> OriginalLoops { get; }

    /// <summary>Ids of the closures merged into this obstacle.</summary>
    public IReadOnlyList<string> SourceIds { get; }

    public Vec3 Center { get; }

    public double CapRadiusRad { get; }

    /// <summary>Inside the obstacle described by <paramref name="loops"/> (obstacle-on-the-left convention).</summary>
    public static bool Contains(IReadOnlyList<SphericalLoop> loops, in Vec3 p)
    {
        // With the obstacle on the left of every loop, a shell "contains" its inside and a hole loop (clockwise around
        // the enclave) "contains" everything but the enclave; the obstacle is the intersection over the loops of one
        // polygon. Loops of different polygons are grouped by the builder as separate obstacles' polygons, so here a
        // point is inside iff it is inside every loop of some polygon. The builder stores one polygon per obstacle.
        foreach (var l in loops)
            if (!l.Contains(p)) return false;
        return true;
    }
}
