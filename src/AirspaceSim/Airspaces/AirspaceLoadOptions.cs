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
}

/// <summary>
/// One problem found while loading: the feature (id and 0-based index), the coordinate as <c>lat,lon</c> when there is
/// one, what is wrong, and whether the loader repaired it (true) or left the feature out (false).
/// </summary>
/// <param name="FeatureId">The feature's id, or <c>#index</c> when it has none.</param>
/// <param name="FeatureIndex">0-based index of the feature in the file.</param>
/// <param name="Coordinate">The offending coordinate as <c>lat,lon</c>, or null.</param>
/// <param name="Reason">What is wrong (and, for repairs, what was done).</param>
/// <param name="Repaired">True if the feature was kept after an unambiguous repair; false if it was left out.</param>
public sealed record AirspaceLoadIssue(string FeatureId, int FeatureIndex, string? Coordinate, string Reason, bool Repaired)
{
    /// <summary>The file the issue was found in, when known.</summary>
    public string? FileName { get; init; }

    /// <summary>The full message: file, feature, coordinate, reason and outcome.</summary>
    public string Message =>
        $"{(FileName is null ? "" : FileName + ": ")}feature #{FeatureIndex} '{FeatureId}'" +
        $"{(Coordinate is null ? "" : " at " + Coordinate)}: {Reason}" +
        (Repaired ? " (repaired)" : " (feature left out)");

    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>The airspaces read from a file and the problems found on the way.</summary>
/// <param name="Catalog">The airspaces that loaded (repaired ones included).</param>
/// <param name="Issues">Every problem, in file order; empty for a clean file.</param>
public sealed record AirspaceLoadResult(AirspaceCatalog Catalog, IReadOnlyList<AirspaceLoadIssue> Issues);
