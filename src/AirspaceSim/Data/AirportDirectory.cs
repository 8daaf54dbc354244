using System.Diagnostics.CodeAnalysis;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Data;

/// <summary>
/// An immutable set of airports looked up by IATA or ICAO code, case-insensitively. The first airport listed with a
/// code keeps it.
/// </summary>
public sealed class AirportDirectory
{
    private static readonly Lazy<AirportDirectory> BundledLazy = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, Airport> _iata = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Airport> _icao = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a directory.</summary>
    public AirportDirectory(IEnumerable<Airport> airports)
    {
        ArgumentNullException.ThrowIfNull(airports);
        var list = new List<Airport>();
        foreach (var a in airports)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(airports));
            list.Add(a);
            if (a.Iata is { Length: > 0 } iata) _iata.TryAdd(iata, a);
            if (a.Icao is { Length: > 0 } icao) _icao.TryAdd(icao, a);
        }
        Airports = list;
    }

    /// <summary>The 52 airports bundled with the library (embedded <c>airports.csv</c>), read on first use; thread-safe.</summary>
    public static AirportDirectory Bundled => BundledLazy.Value;

    /// <summary>All airports in input order.</summary>
    public IReadOnlyList<Airport> Airports { get; }

    /// <summary>Number of airports.</summary>
    public int Count => Airports.Count;

    /// <summary>Looks up an IATA or ICAO code (any case).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public bool TryGet(string code, [MaybeNullWhen(false)] out Airport airport)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Trim();
        // A 4-letter code is ICAO first; anything else IATA first. Both maps are tried.
        if (code.Length == 4) return _icao.TryGetValue(code, out airport) || _iata.TryGetValue(code, out airport);
        return _iata.TryGetValue(code, out airport) || _icao.TryGetValue(code, out airport);
    }

    /// <summary>The airport with this IATA or ICAO code.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">Unknown code.</exception>
    public Airport this[string code] => TryGet(code, out var a) ? a : throw Unknown(code);

    /// <summary>
    /// Resolves an airport code (IATA or ICAO) or a <c>LAT,LON</c> position in decimal degrees; the code returned is
    /// the airport's display code (IATA if it has one) or the normalised coordinate text.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="codeOrLatLon"/> is null.</exception>
    /// <exception cref="FormatException">Empty text, text with a comma that is not a valid <c>LAT,LON</c>, or two
    /// numbers without a comma.</exception>
    /// <exception cref="KeyNotFoundException">An unknown airport code.</exception>
    public (string Code, GeoPoint Location) ResolveLocation(string codeOrLatLon)
    {
        ArgumentNullException.ThrowIfNull(codeOrLatLon);
        var t = codeOrLatLon.Trim();
        if (t.Length == 0) throw new FormatException("empty location: give an airport code (IATA or ICAO) or LAT,LON in decimal degrees");
        if (t.Contains(','))
        {
            if (!GeoPoint.TryParseDetail(t, out var p, out var error))
                throw new FormatException($"invalid location {InvariantNumber.Quote(t)}: {error}");
            return (p.ToString(), p);
        }
        if (TryGet(t, out var a)) return (a.Code, a.Location);
        // "12.5 -70.02" or "12.5;-70.02": a position without its comma, not an unknown airport code.
        var parts = t.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && InvariantNumber.TryParse(parts[0], out _) && InvariantNumber.TryParse(parts[1], out _))
            throw new FormatException($"invalid location {InvariantNumber.Quote(t)}: two numbers without a comma between them; write LAT,LON, e.g. {parts[0]},{parts[1]}");
        throw Unknown(t);
    }

    private KeyNotFoundException Unknown(string code)
    {
        var q = code.Trim().ToUpperInvariant();
        var close = _iata.Keys.Concat(_icao.Keys)
            .Select(k => (K: k.ToUpperInvariant(), D: Airspaces.AirspaceCatalog.Levenshtein(q, k.ToUpperInvariant())))
            .Where(x => x.D <= 1).OrderBy(x => x.D).ThenBy(x => x.K, StringComparer.Ordinal)
            .Select(x => x.K).Distinct().Take(5).ToList();
        string hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "";
        return new KeyNotFoundException(
            $"unknown airport code '{code}': not an IATA or ICAO code in the directory ({Count} airports); give a known code or LAT,LON in decimal degrees{hint}");
    }

    /// <summary>Reads the project's CSV format: header <c>icao,iata,name,country,lat,lon</c>; empty codes are absent.</summary>
    /// <exception cref="FormatException">A malformed line; the message names the source and line.</exception>
    public static AirportDirectory FromCsv(TextReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string src = source ?? "airports csv";
        var list = new List<Airport>();
        int lineNo = 0;
        string[]? header = null;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{src}:{lineNo}: {err}");
            if (header == null)
            {
                header = f.Select(x => x.Trim().ToLowerInvariant()).ToArray();
                if (!header.SequenceEqual(["icao", "iata", "name", "country", "lat", "lon"]))
                    throw new FormatException($"{src}:{lineNo}: expected the header icao,iata,name,country,lat,lon, found '{line}'");
                continue;
            }
            if (f.Count != 6) throw new FormatException($"{src}:{lineNo}: expected 6 fields, found {f.Count}");
            list.Add(new Airport(NullIfEmpty(f[0]), NullIfEmpty(f[1]), f[2], f[3], Point(f[4], f[5], src, lineNo)));
        }
        return new AirportDirectory(list);
    }

    /// <summary>
    /// Reads OpenFlights <c>airports.dat</c>: CSV without header,
    /// <c>id,name,city,country,IATA,ICAO,lat,lon,alt_ft,utc_offset,dst,tz,type,source</c>, <c>\N</c> for null. Both
    /// codes are optional; airports with neither are skipped.
    /// </summary>
    /// <exception cref="FormatException">A malformed line; the message names the file and line.</exception>
    public static AirportDirectory FromOpenFlights(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return FromOpenFlights(reader, path);
    }

    /// <summary>Reads OpenFlights <c>airports.dat</c> content; see <see cref="FromOpenFlights(string)"/>.</summary>
    public static AirportDirectory FromOpenFlights(TextReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string src = source ?? "airports.dat";
        var list = new List<Airport>();
        int lineNo = 0;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{src}:{lineNo}: {err}");
            if (f.Count < 8) throw new FormatException($"{src}:{lineNo}: expected at least 8 fields, found {f.Count}");
            string? iata = Null(f[4]), icao = Null(f[5]);
            if (iata == null && icao == null) continue;
            list.Add(new Airport(icao, iata, Null(f[1]) ?? "", Null(f[3]) ?? "", Point(f[6], f[7], src, lineNo)));
        }
        return new AirportDirectory(list);

        static string? Null(string s) => s is "\\N" || string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static GeoPoint Point(string lat, string lon, string src, int lineNo)
    {
        // The same syntax and ranges as a LAT,LON on the command line (longitudes in [-540, 540], normalised).
        if (!GeoPoint.TryParseDetail(string.Concat(lat, ",", lon), out var p, out var error))
            throw new FormatException($"{src}:{lineNo}: '{lat},{lon}' is not a valid latitude,longitude: {error}");
        return p;
    }

    private static AirportDirectory LoadBundled()
    {
        using var reader = new StringReader(BundledData.AirportsCsv);
        return FromCsv(reader, BundledData.AirportsResource);
    }
}
