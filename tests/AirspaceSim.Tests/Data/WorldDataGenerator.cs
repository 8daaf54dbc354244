using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;

namespace AirspaceSim.Tests.Data;

/// <summary>
/// Writes the bundled world data of <c>data/world/</c> from the reference data in <c>../shared/reference/</c>: the
/// airport extract of OurAirports, the compressed VATSpy boundaries and the list of the loader's repairs. Test-only:
/// the shipped library reads the results, never the sources. <see cref="WorldDataTests"/> holds the committed files
/// to what this writes and, with <c>AIRSPACESIM_REGENERATE=1</c>, rewrites them (the command is in data/README.md).
/// </summary>
internal static class WorldDataGenerator
{
    /// <summary>Where the outputs live in the repository.</summary>
    public static string WorldDir => ReferenceData.RepoData("world");

    /// <summary>File names inside <see cref="WorldDir"/>; the csproj embeds them under the same names.</summary>
    public const string AirportsFile = "airports.csv", BoundariesFile = "vatspy-boundaries.geojson.br", IssuesFile = "vatspy-issues.tsv",
        IndexFile = "vatspy-index.tsv", ChunksFile = "vatspy-chunks.bin";

    /// <summary>A chunk closes at the first feature that starts this many bytes or more after the chunk's start: one
    /// look-up decompresses about 32 KiB (0.15 ms at about 200 MB/s) instead of the 2 MB file (10 ms), and the chunks
    /// together are 1.6 times the whole-file Brotli stream, since each starts with an empty window (64 KiB: 1.4 times,
    /// 0.4 ms; 16 KiB: 1.8 times, 0.07 ms).</summary>
    public const int ChunkTargetBytes = 32 * 1024;

    /// <summary>
    /// The airport extract: every OurAirports medium or large airport with an ICAO or IATA code, one line each, sorted
    /// by code, with the columns <c>icao,iata,name,country,lat,lon,iso_country,type,scheduled_service</c>.
    /// </summary>
    /// <remarks>
    /// ICAO code: OurAirports' <c>ident</c> when it is four letters (it is the ICAO code there), else its
    /// <c>gps_code</c> when that is four letters and no other airport's ident; otherwise none (local codes such as
    /// <c>5A8</c> or <c>US-1234</c> are not ICAO codes). Coordinates are rounded to 6 decimals (≤ 0.11 m). The airports
    /// of <paramref name="recordCsv"/> (the project's 52 airports of record, data/airports.csv) keep their name,
    /// country name and position, so that every distance computed before the extract existed stays the same; the
    /// extract adds their ISO country, type and scheduled service.
    /// </remarks>
    public static string AirportsCsv(string airportsJson, string countriesJson, string recordCsv)
    {
        using var airportsDoc = JsonDocument.Parse(File.ReadAllBytes(airportsJson));
        using var countriesDoc = JsonDocument.Parse(File.ReadAllBytes(countriesJson));
        var countries = countriesDoc.RootElement.EnumerateArray().ToDictionary(c => S(c, "code"), c => S(c, "name"), StringComparer.Ordinal);
        var record = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(recordCsv).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(','); // the record file has no quoted fields
            record.Add(f[0], f);
        }

        var all = airportsDoc.RootElement.EnumerateArray().ToList();
        static bool Letters4(string s) => s.Length == 4 && s.All(char.IsAsciiLetterUpper);
        var idents = all.Select(a => S(a, "ident")).Where(Letters4).ToHashSet(StringComparer.Ordinal);
        var rows = new List<(string Key, string Line)>();
        var usedIcao = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in all)
        {
            string ident = S(a, "ident"), gps = S(a, "gps_code"), iata = S(a, "iata_code");
            string icao = Letters4(ident) ? ident : Letters4(gps) && !idents.Contains(gps) ? gps : "";
            if (icao.Length > 0 && !usedIcao.Add(icao)) icao = ""; // two airports claim one gps_code: neither is sure, the first keeps it
            if (icao.Length == 0 && iata.Length == 0) continue;
            string iso = S(a, "iso_country");
            string name = S(a, "name"), country = countries.TryGetValue(iso, out var cn) ? cn : iso;
            string lat = Deg(S(a, "latitude_deg")), lon = Deg(S(a, "longitude_deg"));
            if (record.TryGetValue(icao, out var r))
            {
                if (r[1] != iata) throw new InvalidDataException($"{recordCsv}: {icao} has IATA {r[1]}, OurAirports {iata}");
                (name, country, lat, lon) = (r[2], r[3], r[4], r[5]);
                record.Remove(icao);
            }
            string type = S(a, "type") switch { "large_airport" => "large", "medium_airport" => "medium", var t => throw new InvalidDataException($"type {t}") };
            string line = string.Join(',', icao, iata, Field(name), Field(country), lat, lon, iso, type, S(a, "scheduled_service"));
            rows.Add((icao.Length > 0 ? icao : iata, line));
        }
        if (record.Count > 0) throw new InvalidDataException($"{recordCsv}: not in OurAirports: {string.Join(", ", record.Keys)}");
        var sb = new StringBuilder("icao,iata,name,country,lat,lon,iso_country,type,scheduled_service\n");
        foreach (var (_, line) in rows.OrderBy(r => r.Key, StringComparer.Ordinal)) sb.Append(line).Append('\n');
        return sb.ToString();

        static string S(JsonElement e, string p) => e.GetProperty(p).GetString()!.Trim();
        static string Deg(string s) => Math.Round(double.Parse(s, CultureInfo.InvariantCulture), 6).ToString("0.######", CultureInfo.InvariantCulture);
        static string Field(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    /// <summary>
    /// The loader's lenient issues for the VATSpy file as a tab-separated table, one issue per line, in file order:
    /// feature index, feature id, <c>repaired</c> or <c>left out</c>, coordinate (<c>lat,lon</c> or empty), reason, problem code.
    /// </summary>
    public static string IssuesTsv(IReadOnlyList<AirspaceLoadIssue> issues)
    {
        var sb = new StringBuilder();
        sb.Append("# The lenient load of the bundled VATSpy Boundaries.geojson (generated; see data/README.md).\n");
        sb.Append($"# {issues.Count(i => !i.Repaired)} feature(s) left out, {issues.Count(i => i.Repaired)} repair(s).\n");
        sb.Append("index\tid\toutcome\tcoordinate\treason\tproblem\n");
        foreach (var i in issues)
            sb.Append(CultureInfo.InvariantCulture, $"{i.FeatureIndex}\t{i.FeatureId}\t{(i.Repaired ? "repaired" : "left out")}\t{i.Coordinate}\t{i.Reason}\t{i.Problem}\n");
        return sb.ToString();
    }

    /// <summary>
    /// Where the chunks of the VATSpy file start and end: consecutive runs of whole features (the first chunk also holds
    /// the file's opening bytes, the last its closing ones), so that together they are the file.
    /// </summary>
    public static List<(int Start, int Length)> ChunkRanges(byte[] file)
    {
        var starts = new List<int> { 0 };
        foreach (var f in WorldFirs.Index(file))
            if (f.Start - starts[^1] >= ChunkTargetBytes) starts.Add(f.Start);
        starts.Add(file.Length);
        return [.. starts.Zip(starts.Skip(1), (a, b) => (a, b - a))];
    }

    /// <summary>Each chunk Brotli-compressed on its own (quality 11, window 22), stored one after another.</summary>
    public static (byte[] Bytes, List<int> CompressedLengths) Chunks(byte[] file, IReadOnlyList<(int Start, int Length)> ranges)
    {
        using var all = new MemoryStream();
        var lengths = new List<int>(ranges.Count);
        foreach (var (start, length) in ranges)
        {
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(length)];
            if (!BrotliEncoder.TryCompress(file.AsSpan(start, length), buffer, out int written, quality: 11, window: 22))
                throw new InvalidOperationException("Brotli compression failed");
            all.Write(buffer, 0, written);
            lengths.Add(written);
        }
        return (all.ToArray(), lengths);
    }

    /// <summary>
    /// The feature index the library reads (<see cref="WorldFirs.ParseIndex"/>; format in data/README.md): the file's
    /// SHA-256 and length and the length of its whole-file Brotli resource, the chunks with their compressed lengths,
    /// and every feature the lenient load keeps (not one <paramref name="issues"/> leaves out), with its chunk and range.
    /// </summary>
    public static string IndexTsv(byte[] file, IReadOnlyList<AirspaceLoadIssue> issues, long wholeFileBrotliLength,
        IReadOnlyList<(int Start, int Length)> ranges, IReadOnlyList<int> compressedLengths)
    {
        var leftOut = issues.Where(i => !i.Repaired).Select(i => i.FeatureIndex).ToHashSet();
        var sb = new StringBuilder();
        sb.Append(WorldFirs.IndexFormat).Append('\n');
        sb.Append("# The feature index of the bundled VATSpy Boundaries.geojson (generated with vatspy-chunks.bin; see data/README.md).\n");
        sb.Append("# source: SHA-256 of the file, its length, the length of vatspy-boundaries.geojson.br\n");
        sb.Append("# chunk: start and length in the file, compressed length (the chunks are stored one after another in vatspy-chunks.bin)\n");
        sb.Append($"# feature: index in $.features, id, chunk, start and length in the file ({leftOut.Count} feature(s) left out by the loader are not listed)\n");
        sb.Append(CultureInfo.InvariantCulture, $"source\t{Convert.ToHexStringLower(SHA256.HashData(file))}\t{file.Length}\t{wholeFileBrotliLength}\n");
        for (int k = 0; k < ranges.Count; k++)
            sb.Append(CultureInfo.InvariantCulture, $"chunk\t{ranges[k].Start}\t{ranges[k].Length}\t{compressedLengths[k]}\n");
        int chunk = 0;
        foreach (var (index, id, start, length) in WorldFirs.Index(file))
        {
            if (leftOut.Contains(index)) continue;
            if (id == null) throw new InvalidDataException($"feature #{index} has no properties.id and was not left out by the loader");
            while (chunk + 1 < ranges.Count && ranges[chunk + 1].Start <= start) chunk++;
            sb.Append(CultureInfo.InvariantCulture, $"feature\t{index}\t{id}\t{chunk}\t{start}\t{length}\n");
        }
        return sb.ToString();
    }

    /// <summary>Brotli at its smallest setting (quality 11, window 22): decoding is as fast as at any quality.</summary>
    public static byte[] Brotli(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var b = new BrotliStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) b.Write(data);
        return ms.ToArray();
    }
}
