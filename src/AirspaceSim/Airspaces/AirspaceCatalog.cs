using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AirspaceSim.Airspaces;

/// <summary>
/// An immutable set of airspaces looked up by id, case-insensitively (<c>svzm</c> finds <c>SVZM</c>).
/// </summary>
/// <remarks>Enumeration follows <see cref="Ids"/> (ordinal order of the ids). Safe to share between threads.</remarks>
public sealed class AirspaceCatalog : IReadOnlyCollection<Airspace>
{
    private static readonly Lazy<AirspaceCatalog> BundledLazy = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, Airspace> _byId;

    /// <summary>Creates a catalog; when two airspaces share an id (ignoring case) the later one wins.</summary>
    public AirspaceCatalog(IEnumerable<Airspace> airspaces)
    {
        ArgumentNullException.ThrowIfNull(airspaces);
        _byId = new Dictionary<string, Airspace>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in airspaces)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(airspaces));
            _byId.Remove(a.Id); // so that the later airspace's spelling of the id is kept
            _byId[a.Id] = a;
        }
        Ids = _byId.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A catalog with no airspaces.</summary>
    public static AirspaceCatalog Empty { get; } = new([]);

    /// <summary>
    /// The airspaces bundled with the library (<c>SVZM</c> Maiquetía, <c>TNCF</c> Curaçao), read from embedded
    /// resources on first use; thread-safe.
    /// </summary>
    public static AirspaceCatalog Bundled => BundledLazy.Value;

    /// <summary>The ids, in ordinal order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <inheritdoc />
    public int Count => _byId.Count;

    /// <summary>The airspace with this id (any case).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No such id; the message lists close matches.</exception>
    public Airspace this[string id]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(id);
            if (_byId.TryGetValue(id.Trim(), out var a)) return a;
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
        return _byId.TryGetValue(id.Trim(), out airspace);
    }

    /// <summary>True if the id is present (any case).</summary>
    public bool Contains(string id) => TryGet(id, out _);

    /// <summary>A new catalog with this catalog's airspaces and <paramref name="other"/>'s; ids in <paramref name="other"/> win.</summary>
    public AirspaceCatalog With(AirspaceCatalog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AirspaceCatalog(this.Concat(other));
    }

    /// <summary>A new catalog with <paramref name="airspaces"/> added; they replace airspaces with the same ids.</summary>
    public AirspaceCatalog With(params IEnumerable<Airspace> airspaces)
    {
        ArgumentNullException.ThrowIfNull(airspaces);
        return new AirspaceCatalog(this.Concat(airspaces));
    }

    /// <summary>
    /// Up to <paramref name="max"/> ids close to <paramref name="id"/>: same prefix or containing it, or within edit
    /// distance 2, nearest first.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public IReadOnlyList<string> CloseMatches(string id, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
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
        foreach (var id in Ids) yield return _byId[id];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static AirspaceCatalog LoadBundled()
    {
        var catalog = Empty;
        foreach (var resource in Data.BundledData.AirspaceResourceNames)
        {
            using var s = Data.BundledData.Open(resource);
            var result = AirspaceLoader.LoadGeoJson(s, AirspaceLoadOptions.StrictDefault with { FileName = resource });
            catalog = catalog.With(result.Catalog);
        }
        return catalog;
    }
}
