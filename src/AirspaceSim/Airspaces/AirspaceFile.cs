using AirspaceSim.Infrastructure;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AirspaceSim.Airspaces;

/// <summary>
/// A GeoJSON airspace file, read and indexed by id, whose airspaces are validated and built on first use: opening the
/// 1,102-feature VATSpy file parses the JSON and each feature's header; a command that closes two FIRs then validates
/// and builds two. Made by <see cref="AirspaceLoader.OpenGeoJson(string, AirspaceLoadOptions?)"/> and its overloads.
/// </summary>
/// <remarks>
/// <para>Ids are case-insensitive. When a file uses an id twice the later feature wins (even if its geometry then
/// fails), and the earlier is reported among <see cref="IndexIssues"/>. <see cref="LoadAll()"/> builds everything and gives
/// the same result as <see cref="AirspaceLoader.LoadGeoJson(string, AirspaceLoadOptions?)"/>.</para>
/// <para>Thread-safe: each feature is built once, by whichever thread asks first. The file keeps the JSON document
/// (about three times the file size) for the features not built yet.</para>
/// </remarks>
public sealed class AirspaceFile
{
    /// <summary>One indexed feature and its lazily built airspace.</summary>
    internal sealed class Entry(int index, string path, string id, string name, AirspaceKind kind, RingInterior interior,
        JsonElement geometry, double toleranceDeg)
    {
        public int Index { get; } = index;
        public string Path { get; } = path;
        public string Id { get; } = id;
        public string Name { get; } = name;
        public AirspaceKind Kind { get; } = kind;
        public RingInterior Interior { get; } = interior;
        public JsonElement Geometry { get; } = geometry;
        public double ToleranceDeg { get; } = toleranceDeg;
        public Lazy<AirspaceBuildResult>? Built;
    }

    private readonly Dictionary<string, Entry> _byId;
    private readonly Entry[] _inFileOrder;
    private readonly bool _strict;

    internal AirspaceFile(string? fileName, int featureCount, Dictionary<string, Entry> byId, IReadOnlyList<AirspaceLoadIssue> indexIssues, bool strict)
    {
        FileName = fileName;
        FeatureCount = featureCount;
        _byId = byId;
        _strict = strict;
        IndexIssues = ReadOnlyLists.Of(indexIssues);
        _inFileOrder = byId.Values.OrderBy(e => e.Index).ToArray();
        foreach (var e in _inFileOrder)
            e.Built = new Lazy<AirspaceBuildResult>(() => AirspaceLoader.BuildEntry(e, FileName, _strict), LazyThreadSafetyMode.ExecutionAndPublication);
        Ids = byId.Keys.Order(StringComparer.Ordinal).ToArray().AsReadOnly();
    }

    /// <summary>The file name used in messages, when known.</summary>
    public string? FileName { get; }

    /// <summary>Number of features in the file, usable or not.</summary>
    public int FeatureCount { get; }

    /// <summary>The ids of the features that passed indexing, in ordinal order (not yet validated: see <see cref="Build"/>).</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>
    /// Problems found while indexing: features left out for their structure or header (no id, unsupported geometry type,
    /// bad <c>"interior"</c>), and earlier features whose id a later one reuses. Geometry problems appear per feature when
    /// it is built.
    /// </summary>
    public IReadOnlyList<AirspaceLoadIssue> IndexIssues { get; }

    /// <summary>True if a feature with this id (any case) passed indexing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.ContainsKey(id.Trim());
    }

    /// <summary>Validates and builds the feature with this id (once; later calls return the same result).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No indexed feature has this id.</exception>
    /// <exception cref="AirspaceFormatException">Strict mode only: the feature has a problem.</exception>
    public AirspaceBuildResult Build(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_byId.TryGetValue(id.Trim(), out var e))
            throw new KeyNotFoundException($"{(FileName is null ? "" : FileName + ": ")}no feature with id '{id}'");
        return e.Built!.Value;
    }

    /// <summary>The airspace with this id (any case), built on first use; false if there is none or it was left out.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="AirspaceFormatException">Strict mode only: the feature has a problem.</exception>
    public bool TryGet(string id, [MaybeNullWhen(false)] out Airspace airspace)
    {
        ArgumentNullException.ThrowIfNull(id);
        airspace = _byId.TryGetValue(id.Trim(), out var e) ? e.Built!.Value.Airspace : null;
        return airspace is not null;
    }

    /// <summary>As <see cref="LoadAll(CancellationToken)"/>, without cancellation.</summary>
    /// <exception cref="AirspaceFormatException">Strict mode only: the first feature with a problem.</exception>
    public AirspaceLoadResult LoadAll() => LoadAll(CancellationToken.None);

    /// <summary>
    /// Builds every feature (in file order; features already built are not built again) and returns the catalog with
    /// every issue, in file order of the feature concerned.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="AirspaceFormatException">Strict mode only: the first feature with a problem.</exception>
    public AirspaceLoadResult LoadAll(CancellationToken cancellationToken)
    {
        var issues = new List<AirspaceLoadIssue>(IndexIssues);
        var airspaces = new List<Airspace>(_inFileOrder.Length);
        foreach (var e in _inFileOrder)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r = e.Built!.Value;
            issues.AddRange(r.Issues);
            if (r.Airspace is { } a) airspaces.Add(a);
        }
        return new AirspaceLoadResult(new AirspaceCatalog(airspaces), issues.OrderBy(i => i.FeatureIndex).ToList());
    }
}
