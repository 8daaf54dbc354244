using System.Globalization;
using System.IO.Compression;
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
    public const string AirportsFile = "airports.csv", BoundariesFile = "vatspy-boundaries.geojson.br", IssuesFile = "vatspy-issues.tsv";

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

    /// <summary>Brotli at its smallest setting (quality 11, window 22): decoding is as fast as at any quality.</summary>
    public static byte[] Brotli(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var b = new BrotliStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) b.Write(data);
        return ms.ToArray();
    }
}
