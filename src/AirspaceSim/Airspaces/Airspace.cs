using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Airspaces;

/// <summary>What kind of airspace a polygon describes.</summary>
public enum AirspaceKind
{
    /// <summary>Flight information region.</summary>
    Fir,
    /// <summary>Upper flight information region.</summary>
    Uir,
    /// <summary>Restricted, prohibited or danger area.</summary>
    Restricted,
    /// <summary>Anything else (sectors, user-drawn areas).</summary>
    Other,
}

/// <summary>
/// A named airspace: an id such as <c>SVZM</c>, a name, a kind, and its lateral limits as a NetTopologySuite
/// <see cref="Polygon"/> or <see cref="MultiPolygon"/> with x = longitude and y = latitude in degrees.
/// </summary>
/// <remarks>
/// Edges are great-circle arcs, as ICAO boundary definitions mean them; every spatial question is answered on the
/// sphere by <see cref="Region"/>, never by planar predicates on the degrees. A ring that crosses the antimeridian is
/// stored with continuous longitudes (they may run past ±180) so that planar drawing stays sane; the sphere does not
/// care.
/// <para>
/// <b>Equality:</b> by id (ordinal, ignoring case, as catalogs look ids up) and geometry content: the same rings with
/// the same coordinates in the same order (NetTopologySuite's <c>EqualsExact</c>) and the same regions on the sphere
/// (the same loops, so the same side of each ring is inside). <see cref="Name"/> and <see cref="Kind"/> are
/// descriptive and not compared. Two loads of one file give equal airspaces.
/// </para>
/// <para>
/// <b>Immutability:</b> NetTopologySuite geometries are mutable and have no read-only form, so the airspace never
/// hands its own out: the constructor copies the geometry it is given, and <see cref="Geometry"/> returns a new copy on
/// every access, which the caller may change freely without affecting the airspace (read it once into a local when
/// reading it often). <see cref="Region"/>, which every query uses, is immutable and shared.
/// </para>
/// <para>
/// <b>Thread safety:</b> an immutable reference type; every member may be called from any number of threads at once.
/// </para>
/// </remarks>
public sealed record Airspace
{
    /// <summary>
    /// Creates an airspace; <paramref name="geometry"/> must be a valid (Multi)Polygon, as the loader produces. Each ring
    /// bounds the smaller of its two regions (use <see cref="AirspaceLoader"/> with an <c>"interior"</c> property for others).
    /// </summary>
    /// <exception cref="ArgumentException">Blank id, or a geometry that is not a (Multi)Polygon or whose rings are unusable on the sphere.</exception>
    /// <exception cref="ArgumentNullException">A null id or geometry.</exception>
    public Airspace(string id, string name, AirspaceKind kind, Geometry geometry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry is not (Polygon or MultiPolygon))
            throw new ArgumentException($"airspace '{id}': geometry must be a Polygon or MultiPolygon, not {geometry.GeometryType}", nameof(geometry));
        Id = id;
        Name = name ?? id;
        Kind = kind;
        _geometry = geometry.Copy();
        Region = SphericalRegion.FromGeometry(_geometry, id);
    }

    /// <summary>The loader's constructor: the geometry is its own (not copied) and the region is built from the validated
    /// vertices with the orientation the file asked for.</summary>
    internal Airspace(string id, string name, AirspaceKind kind, Geometry geometry, SphericalRegion region)
    {
        Id = id;
        Name = name;
        Kind = kind;
        _geometry = geometry;
        Region = region;
    }

    /// <summary>The identifier, e.g. <c>SVZM</c>.</summary>
    public string Id { get; }

    /// <summary>Human-readable name, e.g. <c>Maiquetía FIR</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of airspace.</summary>
    public AirspaceKind Kind { get; }

    // Never handed out (NetTopologySuite geometries are mutable): the library reads it through SharedGeometry.
    private readonly Geometry _geometry;

    /// <summary>Lateral limits in lon/lat degrees (x = longitude): a new copy on every access, the caller's to change
    /// (see the remarks of <see cref="Airspace"/>).</summary>
    public Geometry Geometry => _geometry.Copy();

    /// <summary>The airspace's own geometry, not copied, for the library's writers and the planner: read-only by
    /// contract (never mutated, never returned to a caller).</summary>
    internal Geometry SharedGeometry => _geometry;

    /// <summary>The same limits on the unit sphere, prepared for repeated queries.</summary>
    public SphericalRegion Region { get; }

    /// <summary>
    /// True if the airspace reaches or crosses the antimeridian: a ring stored with continuous longitudes running past
    /// ±180, or a part (of a MultiPolygon cut as RFC 7946 asks) with a vertex on ±180.
    /// </summary>
    public bool CrossesAntimeridian
    {
        get
        {
            foreach (var c in _geometry.Coordinates)
                if (Math.Abs(c.X) >= 180) return true;
            return false;
        }
    }

    /// <summary>Equal ids (ordinal, ignoring case) and equal geometry content (see the remarks of <see cref="Airspace"/>).</summary>
    public bool Equals(Airspace? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            string.Equals(Id, other.Id, StringComparison.OrdinalIgnoreCase) && _geometry.EqualsExact(other._geometry) && SameRegion(Region, other.Region));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Id), _geometry.NumPoints);

    private static bool SameRegion(SphericalRegion a, SphericalRegion b)
    {
        if (a.Polygons.Count != b.Polygons.Count) return false;
        for (int i = 0; i < a.Polygons.Count; i++)
        {
            SphericalPolygon p = a.Polygons[i], q = b.Polygons[i];
            if (!SameLoop(p.Shell, q.Shell) || p.Holes.Count != q.Holes.Count) return false;
            for (int h = 0; h < p.Holes.Count; h++)
                if (!SameLoop(p.Holes[h], q.Holes[h])) return false;
        }
        return true;
    }

    private static bool SameLoop(SphericalLoop a, SphericalLoop b) => a.Vertices.SequenceEqual(b.Vertices);
}
