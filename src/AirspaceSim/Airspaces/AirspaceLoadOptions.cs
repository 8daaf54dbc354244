namespace AirspaceSim.Airspaces;

/// <summary>How <see cref="AirspaceLoader"/> reads a file.</summary>
public sealed record AirspaceLoadOptions
{
    /// <summary>Lenient defaults: bad features are reported and repaired or left out.</summary>
    public static AirspaceLoadOptions Default { get; } = new();

    /// <summary>Strict defaults: the first problem throws <see cref="AirspaceFormatException"/>.</summary>
    public static AirspaceLoadOptions StrictDefault { get; } = new() { Strict = true };

    /// <summary>
    /// Name of the feature property holding the airspace id; <c>id</c> by default. When the property is absent or blank,
    /// the Feature's top-level <c>"id"</c> (RFC 7946 §3.2, string or number) is used.
    /// </summary>
    public string IdProperty { get; init; } = "id";

    /// <summary>
    /// When true the first problem of any kind (even one that could be repaired, such as an unclosed ring) throws
    /// <see cref="AirspaceFormatException"/>; when false (the default) problems become <see cref="AirspaceLoadIssue"/>s.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Kind given to features without a <c>kind</c> or <c>type</c> property; <see cref="AirspaceKind.Fir"/> by default.</summary>
    public AirspaceKind DefaultKind { get; init; } = AirspaceKind.Fir;

    /// <summary>
    /// A ring that crosses itself is repaired (in lenient mode) when the smaller loop it cuts off lies entirely within
    /// this many degrees of arc of the crossing point: a digitising glitch, such as a vertex written twice with
    /// slightly different rounding. 1e-5° (about 1 m) by default; 0 disables the repair.
    /// </summary>
    public double SelfIntersectionRepairToleranceDeg { get; init; } = 1e-5;

    /// <summary>Name of the file being read, used in messages; set automatically when loading from a path.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// Which side of a ring is the inside when a feature has no <c>"interior"</c> property; see <see cref="RingInterior"/>.
    /// <see cref="RingInterior.Smaller"/> by default.
    /// </summary>
    public RingInterior DefaultInterior { get; init; } = RingInterior.Smaller;

    /// <summary>Throws <see cref="ArgumentException"/> for options no file could be read with.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(IdProperty))
            throw new ArgumentException("AirspaceLoadOptions.IdProperty must name a property (it is empty)", "options");
        if (!(SelfIntersectionRepairToleranceDeg >= 0 && SelfIntersectionRepairToleranceDeg < 1))
            throw new ArgumentOutOfRangeException("options", SelfIntersectionRepairToleranceDeg,
                "AirspaceLoadOptions.SelfIntersectionRepairToleranceDeg must be in [0, 1) degrees");
        if (!Enum.IsDefined(DefaultKind)) throw new ArgumentOutOfRangeException("options", DefaultKind, "AirspaceLoadOptions.DefaultKind is not an AirspaceKind");
        if (!Enum.IsDefined(DefaultInterior)) throw new ArgumentOutOfRangeException("options", DefaultInterior, "AirspaceLoadOptions.DefaultInterior is not a RingInterior");
    }
}

/// <summary>
/// Which of the two regions a ring bounds on the sphere is meant. A feature says it with the property
/// <c>"interior"</c>: <c>"smaller"</c>, <c>"left"</c> (alias <c>"ccw"</c>) or <c>"right"</c> (alias <c>"cw"</c>).
/// </summary>
public enum RingInterior
{
    /// <summary>
    /// The smaller of the two regions (the airspace convention; rings may come in either orientation). When the smaller
    /// side covers more than <see cref="AirspaceLoader.AmbiguousAreaFraction"/> of the sphere the choice is reported as
    /// a warning (strict mode: an error), because the two sides are then too close in size to tell which was meant.
    /// </summary>
    Smaller,
    /// <summary>
    /// RFC 7946 §3.1.6 winding: the polygon's inside lies to the left of every ring as written (outer rings
    /// counter-clockwise, holes clockwise), whatever its size.
    /// </summary>
    Left,
    /// <summary>The opposite winding: the inside lies to the right of every ring as written.</summary>
    Right,
}

/// <summary>What became of a feature with a problem.</summary>
public enum AirspaceIssueKind
{
    /// <summary>Kept after an unambiguous repair.</summary>
    Repaired,
    /// <summary>Left out: the feature is not in the catalog.</summary>
    LeftOut,
    /// <summary>Kept as read, but a choice was made that the file may not mean (e.g. an ambiguous ring).</summary>
    Warning,
}

/// <summary>What is wrong with airspace input, as a code beside the words of <see cref="AirspaceLoadIssue.Reason"/> and
/// <see cref="AirspaceFormatException"/>, so that callers branch on codes, not on message text.</summary>
public enum AirspaceProblem
{
    /// <summary>Anything not listed below.</summary>
    Other,
    /// <summary>Not JSON, not WKT, or not <c>LAT,LON</c> text: the input cannot be read at all.</summary>
    Syntax,
    /// <summary>The wrong GeoJSON structure: not a FeatureCollection or Feature, a position that is not an array of
    /// numbers, a polygon that is not an array of rings.</summary>
    Structure,
    /// <summary>A feature without an id.</summary>
    MissingId,
    /// <summary>An id used by two features (the later one wins).</summary>
    DuplicateId,
    /// <summary>A feature without a geometry, or a geometry without coordinates, polygons or rings.</summary>
    MissingGeometry,
    /// <summary>A geometry that is not a Polygon or MultiPolygon.</summary>
    UnsupportedGeometry,
    /// <summary>A property with a value the loader does not accept (e.g. <c>"interior"</c>).</summary>
    BadProperty,
    /// <summary>A latitude outside [−90, 90] or a longitude that is not finite or out of range.</summary>
    OutOfRange,
    /// <summary>A ring whose last point is not its first (repaired by closing it).</summary>
    UnclosedRing,
    /// <summary>A point repeated consecutively (repaired by dropping the repeats).</summary>
    RepeatedPoint,
    /// <summary>A zero-area spike out and straight back (repaired by removing it).</summary>
    Spike,
    /// <summary>Fewer than three distinct points in a ring.</summary>
    TooFewPoints,
    /// <summary>An edge joining antipodal points (its great circle is undefined).</summary>
    AntipodalEdge,
    /// <summary>A ring that touches itself at a repeated vertex.</summary>
    SelfTouching,
    /// <summary>A ring that crosses itself or another ring of its polygon (along great circles).</summary>
    SelfCrossing,
    /// <summary>A ring whose two sides are too close in size to tell which is meant (a warning).</summary>
    AmbiguousRing,
}

/// <summary>
/// One problem found while loading: the feature (id and 0-based index), the coordinate as <c>lat,lon</c> when there is
/// one, what is wrong, and whether the loader repaired it (true) or left the feature out (false).
/// </summary>
/// <param name="FeatureId">The feature's id, or <c>#index</c> when it has none.</param>
/// <param name="FeatureIndex">0-based index of the feature in the file.</param>
/// <param name="Coordinate">The offending coordinate as <c>lat,lon</c>, or null.</param>
/// <param name="Reason">What is wrong (and, for repairs, what was done).</param>
/// <param name="Repaired">True if the feature was kept (after an unambiguous repair, or with a warning); false if it was left out.</param>
public sealed record AirspaceLoadIssue(string FeatureId, int FeatureIndex, string? Coordinate, string Reason, bool Repaired)
{
    /// <summary>The file the issue was found in, when known.</summary>
    public string? FileName { get; init; }

    /// <summary>What is wrong, as a code.</summary>
    public AirspaceProblem Problem { get; init; }

    /// <summary>What became of the feature; <see cref="AirspaceIssueKind.Warning"/> issues have <see cref="Repaired"/> true.</summary>
    public AirspaceIssueKind Kind { get; init; } = Repaired ? AirspaceIssueKind.Repaired : AirspaceIssueKind.LeftOut;

    /// <summary>The full message: file, feature, coordinate, reason and outcome.</summary>
    public string Message =>
        $"{(FileName is null ? "" : FileName + ": ")}feature #{FeatureIndex} '{FeatureId}'" +
        $"{(Coordinate is null ? "" : " at " + Coordinate)}: {Reason}" +
        Kind switch { AirspaceIssueKind.Repaired => " (repaired)", AirspaceIssueKind.Warning => " (warning; feature kept)", _ => " (feature left out)" };

    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>The airspaces read from a file and the problems found on the way.</summary>
/// <param name="Catalog">The airspaces that loaded (repaired ones included).</param>
/// <param name="Issues">Every problem, in file order; empty for a clean file.</param>
public sealed record AirspaceLoadResult(AirspaceCatalog Catalog, IReadOnlyList<AirspaceLoadIssue> Issues);

/// <summary>One feature of an <see cref="AirspaceFile"/>, validated and built.</summary>
/// <param name="Airspace">The airspace, or null when the feature was left out (the reason is among the issues).</param>
/// <param name="Issues">The feature's problems: repairs, warnings, or why it was left out.</param>
public sealed record AirspaceBuildResult(Airspace? Airspace, IReadOnlyList<AirspaceLoadIssue> Issues);
