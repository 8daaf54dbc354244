using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Airspaces;

/// <summary>
/// The bundled VATSpy world boundaries as a lazy catalog. The file was cut at generation time into consecutive runs of
/// whole features, each Brotli-compressed on its own (<c>data/world/vatspy-chunks.bin</c>), and indexed
/// (<c>data/world/vatspy-index.tsv</c>: each kept feature's id and byte range in the file, each chunk's range); so at
/// first use only the small index is read, and an airspace (rings, validation, <see cref="Spherical.SphericalRegion"/>)
/// is built when its id is asked for, from its feature's bytes, decompressing the one chunk (about 32 KiB) that holds
/// them: a command pays only for the airspaces it uses, with no pass over the 2 MB file. The loader's lenient issues
/// for the whole file were recorded at generation time too (<c>data/world/vatspy-issues.tsv</c>, read only when
/// <see cref="AirspaceCatalog.Issues"/> is asked for): the features left out there are not in the index. WorldDataTests
/// hold the index, the chunks and the issues to a fresh generation from the reference file, and every airspace to the
/// one a whole-file load builds.
/// </summary>
internal static class WorldFirs
{
    /// <summary>The file name that issues and messages give.</summary>
    internal const string FileName = "bundled VATSpy Boundaries.geojson";

    /// <summary>The first line of the index resource (its format version).</summary>
    internal const string IndexFormat = "# vatspy-index 1";

    /// <summary>Reads the index (uncached: <see cref="AirspaceCatalog.World"/> caches it).</summary>
    internal static AirspaceCatalog Load()
    {
        var index = ParseIndex(EmbeddedResources.ReadBytes(EmbeddedResources.WorldBoundariesIndex), EmbeddedResources.WorldBoundariesIndex);
        // A cheap guard against an index generated for another file (the test checks the digest itself): the lengths
        // of the whole-file resource and of the chunk resource are the ones recorded.
        using (var whole = EmbeddedResources.Open(EmbeddedResources.WorldBoundaries))
        using (var chunks = EmbeddedResources.Open(EmbeddedResources.WorldBoundariesChunks))
        {
            if (whole.Length != index.CompressedFileLength || chunks.Length != index.Chunks[^1].CompressedStart + index.Chunks[^1].CompressedLength)
                throw new InvalidDataException($"{EmbeddedResources.WorldBoundariesIndex} was not generated for the embedded {EmbeddedResources.WorldBoundaries}; regenerate data/world (see data/README.md)");
        }
        var options = AirspaceLoadOptions.Default with { FileName = FileName };
        var chunkBytes = index.Chunks.Select(c => new Lazy<byte[]>(() => ReadChunk(c), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
        var entries = new List<(string, Lazy<Airspace>)>(index.Features.Count);
        foreach (var f in index.Features)
        {
            var chunk = index.Chunks[f.Chunk];
            var bytes = chunkBytes[f.Chunk];
            entries.Add((f.Id, new Lazy<Airspace>(() => Build(bytes.Value.AsMemory(f.Start - chunk.Start, f.Length), f.Index, f.Id, options))));
        }
        return new AirspaceCatalog(entries, ReadIssues);
    }

    /// <summary>The decompressed bytes of one chunk: the file's bytes <c>[Start, Start + Length)</c>.</summary>
    private static byte[] ReadChunk(Chunk c)
    {
        var compressed = new byte[c.CompressedLength];
        using (var s = EmbeddedResources.Open(EmbeddedResources.WorldBoundariesChunks))
        {
            s.Position = c.CompressedStart;
            s.ReadExactly(compressed);
        }
        var bytes = new byte[c.Length];
        if (!BrotliDecoder.TryDecompress(compressed, bytes, out int written) || written != c.Length)
            throw new InvalidDataException($"{EmbeddedResources.WorldBoundariesChunks}: chunk at byte {c.CompressedStart} does not decompress to the {c.Length} bytes recorded; regenerate data/world (see data/README.md)");
        return bytes;
    }

    private static Airspace Build(ReadOnlyMemory<byte> bytes, int index, string id, AirspaceLoadOptions options)
    {
        // The repairs found here were recorded at generation time (and are the catalog's Issues); not collected again.
        var a = AirspaceLoader.LoadFeature(bytes, index, options, []);
        if (a == null || !string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{FileName}: feature #{index} '{id}' did not load as recorded; regenerate data/world (see data/README.md)");
        return a;
    }

    /// <summary>A run of whole features, compressed on its own: bytes <c>[Start, Start + Length)</c> of the file,
    /// stored at <c>[CompressedStart, CompressedStart + CompressedLength)</c> of the chunk resource.</summary>
    internal readonly record struct Chunk(int Start, int Length, int CompressedStart, int CompressedLength);

    /// <summary>A kept feature: its index in <c>$.features</c>, its id, its chunk and its byte range in the file.</summary>
    internal readonly record struct IndexedFeature(int Index, string Id, int Chunk, int Start, int Length);

    /// <summary>The index resource: the digest and lengths of the file it was made for, the chunks, the kept features.</summary>
    internal sealed record FeatureIndex(string Sha256, int FileLength, long CompressedFileLength, IReadOnlyList<Chunk> Chunks, IReadOnlyList<IndexedFeature> Features);

    /// <summary>
    /// Parses the index (UTF-8; format in data/README.md): the line <see cref="IndexFormat"/>; <c>#</c> comment lines;
    /// <c>source</c>, SHA-256 of the file (hex), its length, the length of its whole-file Brotli resource; <c>chunk</c>,
    /// start, length, compressed length (stored one after another from 0); <c>feature</c>, index, id, chunk, start,
    /// length. Tab-separated. Every range is checked: chunks tile the file in order, a feature lies in its
    /// chunk, feature indexes increase. Read straight from the bytes (no string per line), because it is on the path
    /// of every command that names a world FIR.
    /// </summary>
    /// <exception cref="InvalidDataException">A line that breaks the format; the message gives its number and text.</exception>
    internal static FeatureIndex ParseIndex(ReadOnlySpan<byte> utf8, string name)
    {
        string? sha = null;
        int fileLength = 0;
        long compressedFileLength = 0;
        var chunks = new List<Chunk>(64);
        var features = new List<IndexedFeature>(1100);
        Span<Range> f = stackalloc Range[7];
        for (int number = 1; !utf8.IsEmpty; number++)
        {
            int end = utf8.IndexOf((byte)'\n');
            var line = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? default : utf8[(end + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1]; // a checkout that turned LF into CRLF
            if (number == 1)
            {
                if (!line.SequenceEqual(IndexFormatUtf8)) throw Bad(line, number, $"the first line is not '{IndexFormat}'");
                continue;
            }
            if (line.IsEmpty || line[0] == (byte)'#') continue;
            int n = Split(line, f);
            var kind = line[f[0]];
            if (kind.SequenceEqual("source"u8) && n == 4 && sha == null)
            {
                sha = Encoding.ASCII.GetString(line[f[1]]);
                fileLength = Int(line, f[2], number);
                compressedFileLength = Int(line, f[3], number);
            }
            else if (kind.SequenceEqual("chunk"u8) && n == 4 && sha != null && features.Count == 0)
            {
                int start = Int(line, f[1], number), length = Int(line, f[2], number), compressed = Int(line, f[3], number);
                var previous = chunks.Count > 0 ? chunks[^1] : default;
                if (start != previous.Start + previous.Length || length <= 0 || compressed <= 0) throw Bad(line, number, "the chunks do not tile the file in order");
                chunks.Add(new Chunk(start, length, previous.CompressedStart + previous.CompressedLength, compressed));
            }
            else if (kind.SequenceEqual("feature"u8) && n == 6 && chunks.Count > 0)
            {
                int index = Int(line, f[1], number), chunk = Int(line, f[3], number), start = Int(line, f[4], number), length = Int(line, f[5], number);
                var idBytes = line[f[2]];
                if (idBytes.IsEmpty || idBytes[0] == (byte)' ' || idBytes[^1] == (byte)' ') throw Bad(line, number, "the id is empty or not trimmed");
                if (features.Count > 0 && index <= features[^1].Index) throw Bad(line, number, "the feature indexes do not increase");
                if (chunk >= chunks.Count || start < chunks[chunk].Start || length <= 0 || start + length > chunks[chunk].Start + chunks[chunk].Length)
                    throw Bad(line, number, "the feature does not lie in its chunk");
                features.Add(new IndexedFeature(index, Encoding.UTF8.GetString(idBytes), chunk, start, length));
            }
            else throw Bad(line, number, "expected a 'source' line, then 'chunk' lines, then 'feature' lines, each with its fields");
        }
        if (sha == null || chunks.Count == 0 || chunks[^1].Start + chunks[^1].Length != fileLength)
            throw new InvalidDataException($"{name}: no 'source' line, no chunks, or the chunks do not cover the file's {fileLength} bytes");
        return new FeatureIndex(sha, fileLength, compressedFileLength, chunks, features);

        InvalidDataException Bad(ReadOnlySpan<byte> line, int number, string why) => new($"{name}: line {number}: {why}: '{Encoding.UTF8.GetString(line)}'");

        int Int(ReadOnlySpan<byte> line, Range field, int number)
        {
            // ASCII digits only, by hand (int.TryParse with its number styles made the whole parse about 15 % slower).
            var digits = line[field];
            long v = 0;
            foreach (byte b in digits)
            {
                if (b is < (byte)'0' or > (byte)'9' || (v = v * 10 + (b - '0')) > int.MaxValue) { v = -1; break; }
            }
            return digits.IsEmpty || v < 0 ? throw Bad(line, number, $"'{Encoding.UTF8.GetString(digits)}' is not a non-negative integer") : (int)v;
        }

        static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
        {
            int n = 0, from = 0;
            for (int i = 0; i <= line.Length && n < fields.Length; i++)
            {
                if (i < line.Length && line[i] != (byte)'\t') continue;
                fields[n++] = new Range(from, i);
                from = i + 1;
            }
            return n == fields.Length && from <= line.Length ? n + 1 : n; // more fields than any kind has: never a match
        }
    }

    private static ReadOnlySpan<byte> IndexFormatUtf8 => "# vatspy-index 1"u8;

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
