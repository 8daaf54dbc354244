using System.Globalization;
using System.Text.Json;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Airspaces;

/// <summary>
/// The bundled VATSpy world boundaries as a lazy catalog. At first use the Brotli resource is decompressed and the
/// features are indexed by id with one forward pass of <see cref="Utf8JsonReader"/> that skips every geometry; an
/// airspace (rings, validation, <see cref="Spherical.SphericalRegion"/>) is built from its feature's bytes only when
/// its id is asked for, so a command pays only for the airspaces it uses. The loader's lenient issues for the whole
/// file were recorded when the resource was generated (<c>data/world/vatspy-issues.tsv</c>): the features left out
/// there are not in the catalog, and a test holds the record to a fresh whole-file load.
/// </summary>
internal static class WorldFirs
{
    /// <summary>The file name that issues and messages give.</summary>
    internal const string FileName = "bundled VATSpy Boundaries.geojson";

    /// <summary>Decompresses and indexes the resource (uncached: <see cref="AirspaceCatalog.World"/> caches it).</summary>
    internal static AirspaceCatalog Load()
    {
        ReadOnlyMemory<byte> json = EmbeddedResources.ReadBytes(EmbeddedResources.WorldBoundaries);
        var issues = ReadIssues();
        var leftOut = issues.Where(i => !i.Repaired).Select(i => i.FeatureIndex).ToHashSet();
        var options = AirspaceLoadOptions.Default with { FileName = FileName };
        var entries = new List<(string, Lazy<Airspace>)>();
        foreach (var (index, id, start, length) in Index(json.Span))
        {
            if (leftOut.Contains(index)) continue;
            if (id == null) throw new InvalidDataException($"{FileName}: feature #{index} has no properties.id and was not recorded as left out");
            var bytes = json.Slice(start, length);
            entries.Add((id, new Lazy<Airspace>(() => Build(bytes, index, id, options))));
        }
        return new AirspaceCatalog(entries, issues);
    }

    private static Airspace Build(ReadOnlyMemory<byte> bytes, int index, string id, AirspaceLoadOptions options)
    {
        // The repairs found here were recorded at generation time (and are the catalog's Issues); not collected again.
        var a = AirspaceLoader.LoadFeature(bytes, index, options, []);
        if (a == null || !string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{FileName}: feature #{index} '{id}' did not load as recorded; regenerate data/world (see data/README.md)");
        return a;
    }

    /// <summary>
    /// Each feature of <c>$.features</c> in order: its index, <c>properties.id</c> (trimmed; null when absent) and the
    /// byte range of the feature object. Geometries are skipped token by token, never materialised.
    /// </summary>
    internal static List<(int Index, string? Id, int Start, int Length)> Index(ReadOnlySpan<byte> json)
    {
        var list = new List<(int, string?, int, int)>(1200);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool features = reader.ValueTextEquals("features"u8);
            reader.Read();
            if (!features) { reader.Skip(); continue; }
            if (reader.TokenType != JsonTokenType.StartArray) throw new InvalidDataException($"{FileName}: $.features is not an array");
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                int start = (int)reader.TokenStartIndex;
                string? id = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool properties = reader.ValueTextEquals("properties"u8);
                    reader.Read();
                    if (!properties || reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isId = reader.ValueTextEquals("id"u8);
                        reader.Read();
                        if (isId && reader.TokenType == JsonTokenType.String) id = reader.GetString()?.Trim();
                        else reader.Skip();
                    }
                }
                list.Add((list.Count, string.IsNullOrEmpty(id) ? null : id, start, (int)reader.BytesConsumed - start));
            }
        }
        return list;

        static void Expect(ref Utf8JsonReader r, JsonTokenType t)
        {
            if (!r.Read() || r.TokenType != t) throw new InvalidDataException($"{FileName}: expected {t} at byte {r.TokenStartIndex}");
        }
    }

    /// <summary>Reads the recorded issues: index, id, <c>repaired</c>|<c>left out</c>, coordinate, reason, problem code
    /// (<see cref="AirspaceProblem"/>), tab-separated.</summary>
    internal static IReadOnlyList<AirspaceLoadIssue> ReadIssues()
    {
        var list = new List<AirspaceLoadIssue>();
        using var reader = EmbeddedResources.OpenText(EmbeddedResources.WorldBoundariesIssues);
        bool header = false;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (!header) { header = true; continue; }
            var f = line.Split('\t');
            if (f.Length != 6 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || f[2] is not ("repaired" or "left out")
                || !Enum.TryParse<AirspaceProblem>(f[5], ignoreCase: false, out var problem) || !Enum.IsDefined(problem))
                throw new InvalidDataException($"{EmbeddedResources.WorldBoundariesIssues}: malformed line '{line}'");
            list.Add(new AirspaceLoadIssue(f[1], index, f[3].Length == 0 ? null : f[3], f[4], f[2] == "repaired") { FileName = FileName, Problem = problem });
        }
        return list;
    }
}
