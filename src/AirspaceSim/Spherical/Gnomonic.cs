using NetTopologySuite.Geometries;

namespace AirspaceSim.Spherical;

/// <summary>
/// A gnomonic frame: central projection onto the plane tangent at <see cref="Center"/>. It maps every great circle
/// to a straight line, so NetTopologySuite's planar union is exact for great-circle polygons inside the frame —
/// which is why merging and buffering closures is done here rather than on raw longitudes and latitudes.
/// </summary>
internal sealed class Gnomonic
{
    /// <summary>Largest angle from the centre a point may have; beyond it the projection stretches without bound.</summary>
    public const double MaxAngleDeg = 80;

    private readonly Vec3 _e1, _e2;

    public Gnomonic(Vec3 center)
    {
        Center = center.Normalize();
        // Right-handed: e1 × e2 = centre, so planar CCW is CCW seen from outside the sphere.
        (_e1, _e2) = Center.TangentBasis();
    }

    public Vec3 Center { get; }

    public Coordinate Project(in Vec3 p)
    {
        double w = p.Dot(Center);
        if (w <= Math.Cos(MaxAngleDeg * Math.PI / 180) * 0.999)
            throw new InvalidOperationException($"point {p.ToGeo()} is more than {MaxAngleDeg}° from the projection centre {Center.ToGeo()}");
        return new Coordinate(p.Dot(_e1) / w, p.Dot(_e2) / w);
    }

    public Vec3 Unproject(Coordinate c) => (Center + c.X * _e1 + c.Y * _e2).Normalize();
}
