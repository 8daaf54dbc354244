using System.Collections;
using System.Diagnostics.CodeAnalysis;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Airspaces;

/// <summary>
/// An immutable set of airspaces looked up by id, case-insensitively (<c>svzm</c> finds <c>SVZM</c>).
/// </summary>
/// <remarks>Enumeration follows <see cref="Ids"/> (ordinal order of the ids). Safe to share between threads. The
/// bundled catalogs (<see cref="World"/>, <see cref="Bundled"/>) are lazy: their ids are known at once, and an
/// airspace is built the first time it is looked up, so enumerating them builds every airspace.</remarks>
public sealed class AirspaceCatalog : IReadOnlyCollection<Airspace>
{
    private static readonly Lazy<AirspaceCatalog> WorldLazy = new(WorldFirs.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<AirspaceCatalog> BundledLazy = new(() => LoadBundled(() => World), LazyThreadSafetyMode.ExecutionAndPublication);

    // Every entry (an airspace is built on first look-up). Building the map itself may be deferred too, for a catalog
    // over the bundled world: then _known holds the entries known to win without it (the project's SVZM and TNCF,
    // a user's files), so that a command closing only those never indexes the world.
    private readonly Lazy<Dictionary<string, Lazy<Airspace>>> _all;
    private readonly Dictionary<string, Lazy<Airspace>> _known;
    private readonly bool _complete; // _known is _all
    private readonly Lazy<string[]> _ids;
    private readonly Lazy<IReadOnlyList<AirspaceLoadIssue>> _issues;

    /// <summary>Creates a catalog; when two airspaces share an id (ignoring case) the later one wins.</summary>
    public AirspaceCatalog(IEnumerable<Airspace> airspaces)
        : this(Entries(airspaces), [])
    {
    }

    /// <summary>A catalog whose airspaces may be built on first use; later ids win, as in the public constructor.</summary>
    internal AirspaceCatalog(IEnumerable<(string Id, Lazy<Airspace> Airspace)> entries, IReadOnlyList<AirspaceLoadIssue> issues)
        : this(entries, () => issues)
    {
    }

    /// <summary>The same, with the issues read only when <see cref="Issues"/> is first asked for.</summary>
    internal AirspaceCatalog(IEnumerable<(string Id, Lazy<Airspace> Airspace)> entries, Func<IReadOnlyList<AirspaceLoadIssue>> issues)
    {
        var map = Map(entries);
        _all = new Lazy<Dictionary<string, Lazy<Airspace>>>(() => map);
        _known = map;
        _complete = true;
        _ids = new Lazy<string[]>(() => Sorted(map));
        _issues = new Lazy<IReadOnlyList<AirspaceLoadIssue>>(issues, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private AirspaceCatalog(Func<Dictionary<string, Lazy<Airspace>>> all, Dictionary<string, Lazy<Airspace>> known, Func<IReadOnlyList<AirspaceLoadIssue>> issues)
    {
        _all = new Lazy<Dictionary<string, Lazy<Airspace>>>(all, LazyThreadSafetyMode.ExecutionAndPublication);
        _known = known;
        _complete = false;
        _ids = new Lazy<string[]>(() => Sorted(_all.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        _issues = new Lazy<IReadOnlyList<AirspaceLoadIssue>>(issues, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A catalog whose contents are <paramref name="build"/>'s, asked for only when a member needs them.</summary>
    internal static AirspaceCatalog Deferred(Func<AirspaceCatalog> build) =>
        new(() => build()._all.Value, new Dictionary<string, Lazy<Airspace>>(StringComparer.OrdinalIgnoreCase), () => build().Issues);

    private static Dictionary<string, Lazy<Airspace>> Map(IEnumerable<(string Id, Lazy<Airspace> Airspace)> entries)
    {
        var map = new Dictionary<string, Lazy<Airspace>>(entries.TryGetNonEnumeratedCount(out int count) ? count : 0, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, a) in entries)
        {
            if (map.TryAdd(id, a)) continue; // one hash look-up for the usual, unique id (the world's 1,089 on every look-up of a world FIR)
            map.Remove(id); // so that the later airspace's spelling of the id is kept
            map[id] = a;
        }
        return map;
    }

    private static string[] Sorted(Dictionary<string, Lazy<Airspace>> map) => map.Keys.Order(StringComparer.Ordinal).ToArray();

    private bool TryEntry(string id, [MaybeNullWhen(false)] out Lazy<Airspace> entry)
    {
        id = id.Trim();
        if (_known.TryGetValue(id, out entry)) return true;
        return !_complete && _all.Value.TryGetValue(id, out entry);
    }

    private static IEnumerable<(string, Lazy<Airspace>)> Entries(IEnumerable<Airspace> airspaces)
    {
        ArgumentNullException.ThrowIfNull(airspaces);
        foreach (var a in airspaces)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(airspaces));
            yield return (a.Id, new Lazy<Airspace>(() => a));
        }
    }

    /// <summary>A catalog with no airspaces.</summary>
    public static AirspaceCatalog Empty { get; } = new([]);

    /// <summary>
    /// The world's FIRs and UIRs as drawn by the VATSpy Data Project (CC BY-SA 4.0; see <c>data/README.md</c>), bundled
    /// compressed: 1,089 of the file's 1,102 features, exactly as <see cref="AirspaceLoader.LoadGeoJson(string, AirspaceLoadOptions?)"/>
    /// loads the file leniently; <see cref="Issues"/> lists the features left out and repaired. Indexed on first use
    /// (a few milliseconds), each airspace built when first looked up; thread-safe.
    /// </summary>
    public static AirspaceCatalog World => WorldLazy.Value;

    /// <summary>
    /// The airspaces bundled with the library: <see cref="World"/> with the project's own <c>SVZM</c> (Maiquetía) and
    /// <c>TNCF</c> (Curaçao) boundaries in place of VATSpy's, so that <c>--closed TTZP</c> needs no file and the SVZM
    /// results stay those of the published turning points. Lazy and thread-safe like <see cref="World"/>; looking up
    /// <c>SVZM</c> or <c>TNCF</c> does not even index the world (only other ids, <see cref="Ids"/>, <see cref="Count"/> do).
    /// </summary>
    public static AirspaceCatalog Bundled => BundledLazy.Value;

    /// <summary>
    /// The problems found when this catalog's airspaces were loaded, for the bundled catalogs (and catalogs made from
    /// them with <see cref="With(AirspaceCatalog)"/>); empty for a catalog made from airspaces.
    /// </summary>
    public IReadOnlyList<AirspaceLoadIssue> Issues => _issues.Value;

    /// <summary>The ids, in ordinal order.</summary>
    public IReadOnlyList<string> Ids => _ids.Value;

    /// <inheritdoc />
    public int Count => _all.Value.Count;

    /// <summary>The airspace with this id (any case).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No such id; the message lists close matches.</exception>
    public Airspace this[string id]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(id);
            if (TryEntry(id, out var a)) return a.Value;
            var close = CloseMatches(id);
            string hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : Count <= 10 && Count > 0 ? $"; known ids: {string.Join(", ", Ids)}" : "";
            throw new KeyNotFoundException($"unknown airspace id '{id}' (the catalog has {Count} airspace(s)){hint}");
        }
    }

    /// <summary>Looks an id up (any case).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public bool TryGet(string id, [MaybeNullWhen(false)] out Airspace airspace)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (TryEntry(id, out var a)) { airspace = a.Value; return true; }
        airspace = null;
        return false;
    }

    /// <summary>True if the id is present (any case); never builds the airspace.</summary>
    public bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryEntry(id, out _);
    }

    /// <summary>A new catalog with this catalog's airspaces and <paramref name="other"/>'s; ids in <paramref name="other"/> win.</summary>
    /// <remarks>Airspaces not yet built stay unbuilt; <see cref="Issues"/> are this catalog's followed by <paramref name="other"/>'s.</remarks>
    public AirspaceCatalog With(AirspaceCatalog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_complete && other._complete)
            return new AirspaceCatalog(Pairs(_known).Concat(Pairs(other._known)), [.. Issues, .. other.Issues]);
        // Other's known entries win; this catalog's known ones still win when other is complete (it hides no id).
        var known = Map(other._complete ? Pairs(_known).Concat(Pairs(other._known)) : Pairs(other._known));
        return new AirspaceCatalog(() => Map(Pairs(_all.Value).Concat(Pairs(other._all.Value))), known, () => [.. Issues, .. other.Issues]);
    }

    private static IEnumerable<(string, Lazy<Airspace>)> Pairs(Dictionary<string, Lazy<Airspace>> map) => map.Select(p => (p.Key, p.Value));

    /// <summary>A new catalog with <paramref name="airspaces"/> added; they replace airspaces with the same ids.</summary>
    public AirspaceCatalog With(params IEnumerable<Airspace> airspaces)
    {
        ArgumentNullException.ThrowIfNull(airspaces);
        return With(new AirspaceCatalog(airspaces));
    }

    /// <inheritdoc cref="CloseMatches(string, int)"/>
    public IReadOnlyList<string> CloseMatches(string id) => CloseMatches(id, 5);

    /// <summary>
    /// Up to <paramref name="max"/> ids close to <paramref name="id"/>: same prefix or containing it, or within edit
    /// distance 2, nearest first.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public IReadOnlyList<string> CloseMatches(string id, int max) => CloseMatchesOf(Ids, id, max);

    /// <inheritdoc cref="CloseMatches(IEnumerable{string}, string, int)"/>
    public static IReadOnlyList<string> CloseMatches(IEnumerable<string> ids, string id) => CloseMatches(ids, id, 5);

    /// <summary>The same rule over any list of ids (e.g. those of several <see cref="AirspaceFile"/>s and a catalog).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> or <paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public static IReadOnlyList<string> CloseMatches(IEnumerable<string> ids, string id, int max)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return CloseMatchesOf(ids, id, max);
    }

    private static IReadOnlyList<string> CloseMatchesOf(IEnumerable<string> ids, string id, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var q = id.Trim().ToUpperInvariant();
        if (q.Length == 0) return [];
        return ids.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (Id: k, D: Score(q, k.ToUpperInvariant())))
            .Where(x => x.D <= 2)
            .OrderBy(x => x.D).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(max).Select(x => x.Id).ToList();

        static int Score(string q, string k)
        {
            if (k.StartsWith(q, StringComparison.Ordinal) || q.StartsWith(k, StringComparison.Ordinal)) return Math.Min(1, Levenshtein(q, k));
            return Levenshtein(q, k);
        }
    }

    internal static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <inheritdoc />
    public IEnumerator<Airspace> GetEnumerator()
    {
        foreach (var id in Ids) yield return _all.Value[id].Value;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The world (asked for only when needed) with the hand-made airspaces over it (uncached: the benchmarks time this).</summary>
    internal static AirspaceCatalog LoadBundled(Func<AirspaceCatalog> world)
    {
        // The hand-made files are looked up by the id in their resource name and read strictly when first asked for.
        var own = EmbeddedResources.AirspaceNames.Select(resource =>
        {
            string id = resource.Split('.')[^2];
            return (id, new Lazy<Airspace>(() =>
            {
                using var s = EmbeddedResources.Open(resource);
                return AirspaceLoader.LoadGeoJson(s, AirspaceLoadOptions.StrictDefault with { FileName = resource }).Catalog[id];
            }));
        });
        return Deferred(world).With(new AirspaceCatalog(own, []));
    }
}
