using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AirspaceSim.Airspaces;

/// <summary>
/// An immutable set of airspaces looked up by id, case-insensitively (<c>svzm</c> finds <c>SVZM</c>).
/// </summary>
/// <remarks>Enumeration follows <see cref="Ids"/> (ordinal order of the ids). Safe to share between threads. The
/// bundled catalogs (<see cref="World"/>, <see cref="Bundled"/>) are lazy: their ids are known at once, and an
/// airspace is built the first time it is looked up, so enumerating them builds every airspace.</remarks>
public sealed class AirspaceCatalog : IReadOnlyCollection<Airspace>
{
    private static readonly Lazy<AirspaceCatalog> WorldLazy = new(Data.WorldFirs.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<AirspaceCatalog> BundledLazy = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, Lazy<Airspace>> _byId;

    /// <summary>Creates a catalog; when two airspaces share an id (ignoring case) the later one wins.</summary>
    public AirspaceCatalog(IEnumerable<Airspace> airspaces)
        : this(Entries(airspaces), [])
    {
    }

    /// <summary>A catalog whose airspaces may be built on first use; later ids win, as in the public constructor.</summary>
    internal AirspaceCatalog(IEnumerable<(string Id, Lazy<Airspace> Airspace)> entries, IReadOnlyList<AirspaceLoadIssue> issues)
    {
        _byId = new Dictionary<string, Lazy<Airspace>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, a) in entries)
        {
            _byId.Remove(id); // so that the later airspace's spelling of the id is kept
            _byId[id] = a;
        }
        Ids = _byId.Keys.Order(StringComparer.Ordinal).ToArray();
        Issues = issues;
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
    /// results stay those of the published turning points. Lazy and thread-safe like <see cref="World"/>.
    /// </summary>
    public static AirspaceCatalog Bundled => BundledLazy.Value;

    /// <summary>
    /// The problems found when this catalog's airspaces were loaded, for the bundled catalogs (and catalogs made from
    /// them with <see cref="With(AirspaceCatalog)"/>); empty for a catalog made from airspaces.
    /// </summary>
    public IReadOnlyList<AirspaceLoadIssue> Issues { get; }

    /// <summary>The ids, in ordinal order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <inheritdoc />
    public int Count => _byId.Count;

    /// <summary>The airspace with this id (any case).</summary>
    /// <exception cref="KeyNotFoundException">No such id; the message lists close matches.</exception>
    public Airspace this[string id]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(id);
            if (_byId.TryGetValue(id.Trim(), out var a)) return a.Value;
            var close = CloseMatches(id);
            string hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : Count <= 10 && Count > 0 ? $"; known ids: {string.Join(", ", Ids)}" : "";
            throw new KeyNotFoundException($"unknown airspace id '{id}' (the catalog has {Count} airspace(s)){hint}");
        }
    }

    /// <summary>Looks an id up (any case).</summary>
    public bool TryGet(string id, [MaybeNullWhen(false)] out Airspace airspace)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.TryGetValue(id.Trim(), out var a)) { airspace = a.Value; return true; }
        airspace = null;
        return false;
    }

    /// <summary>True if the id is present (any case); never builds the airspace.</summary>
    public bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.ContainsKey(id.Trim());
    }

    /// <summary>A new catalog with this catalog's airspaces and <paramref name="other"/>'s; ids in <paramref name="other"/> win.</summary>
    /// <remarks>Airspaces not yet built stay unbuilt; <see cref="Issues"/> are this catalog's followed by <paramref name="other"/>'s.</remarks>
    public AirspaceCatalog With(AirspaceCatalog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AirspaceCatalog(Pairs().Concat(other.Pairs()), [.. Issues, .. other.Issues]);
    }

    private IEnumerable<(string, Lazy<Airspace>)> Pairs() => _byId.Select(p => (p.Key, p.Value));

    /// <summary>A new catalog with <paramref name="airspaces"/> added; they replace airspaces with the same ids.</summary>
    public AirspaceCatalog With(params IEnumerable<Airspace> airspaces)
    {
        ArgumentNullException.ThrowIfNull(airspaces);
        return new AirspaceCatalog(Pairs().Concat(Entries(airspaces)), Issues);
    }

    /// <summary>
    /// Up to <paramref name="max"/> ids close to <paramref name="id"/>: same prefix or containing it, or within edit
    /// distance 2, nearest first.
    /// </summary>
    public IReadOnlyList<string> CloseMatches(string id, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(id);
        var q = id.Trim().ToUpperInvariant();
        if (q.Length == 0) return [];
        return Ids
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
        foreach (var id in Ids) yield return _byId[id].Value;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static AirspaceCatalog LoadBundled()
    {
        // The hand-made files are looked up by the id in their resource name and read strictly when first asked for.
        var own = Data.BundledData.AirspaceResourceNames.Select(resource =>
        {
            string id = resource.Split('.')[^2];
            return (id, new Lazy<Airspace>(() =>
            {
                using var s = Data.BundledData.Open(resource);
                return AirspaceLoader.LoadGeoJson(s, AirspaceLoadOptions.StrictDefault with { FileName = resource }).Catalog[id];
            }));
        });
        return World.With(new AirspaceCatalog(own, []));
    }
}
