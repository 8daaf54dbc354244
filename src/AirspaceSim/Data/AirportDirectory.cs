using System.Diagnostics.CodeAnalysis;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Data;

/// <summary>
/// An immutable set of airports looked up by IATA or ICAO code, case-insensitively. The first airport listed with a
/// code keeps it.
/// </summary>
public sealed class AirportDirectory
{
    private static readonly Lazy<AirportDirectory> BundledLazy = new(LoadBundledLazily, LazyThreadSafetyMode.ExecutionAndPublication);

    // A directory is either given its airports (_eager) or reads them from a CSV on demand (the bundled one): then a
    // code index (one pass over the bytes, no row parsed) answers lookups, parsing only the rows asked for, and the
    // full tables are built only when a caller needs every airport (Airports, With, an unknown code's suggestions).
    private readonly Tables? _eager;
    private readonly Lazy<AirportCodeIndex?>? _index;
    private readonly Lazy<Tables>? _lazy;
    private readonly Lazy<OneEditIndex> _oneEdit;

    /// <summary>The airports in input order and by code; the first airport listed with a code keeps it.</summary>
    private sealed class Tables
    {
        public readonly Dictionary<string, Airport> Iata = new(StringComparer.OrdinalIgnoreCase);
        public readonly Dictionary<string, Airport> Icao = new(StringComparer.OrdinalIgnoreCase);
        public readonly IReadOnlyList<Airport> Airports;

        public Tables(IEnumerable<Airport> airports)
        {
            ArgumentNullException.ThrowIfNull(airports);
            var list = new List<Airport>();
            foreach (var a in airports)
            {
                ArgumentNullException.ThrowIfNull(a, nameof(airports));
                list.Add(a);
                if (a.Iata is { Length: > 0 } iata) Iata.TryAdd(iata, a);
                if (a.Icao is { Length: > 0 } icao) Icao.TryAdd(icao, a);
            }
            // Read-only: the bundled directory is shared by the whole process, and a List<T> behind the interface
            // could be cleared through a cast.
            Airports = list.AsReadOnly();
        }
    }

    private Tables All => _eager ?? _lazy!.Value;

    /// <summary>
    /// The codes (upper-cased) within one edit (insertion, deletion, substitution) of a query, by single-deletion
    /// signatures: k is one edit from q iff q = k, q = k minus one character, k = q minus one character, or both minus the
    /// character at the same position are equal (a substitution there). Every code of each table is one entry, so the
    /// candidates are exactly those the edit distance to every code would keep, each once; the caller orders them.
    /// </summary>
    private sealed class OneEditIndex
    {
        private readonly Dictionary<string, List<int>> _exact = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _deleted = new(StringComparer.Ordinal);
        private readonly Dictionary<(int, string), List<int>> _substituted = new();
        private readonly List<KeyValuePair<string, Airport>> _entries = new();
        private readonly int _maxLength;

        public OneEditIndex(IEnumerable<KeyValuePair<string, Airport>> codes)
        {
            foreach (var (code, airport) in codes)
            {
                string k = code.ToUpperInvariant();
                int id = _entries.Count;
                _entries.Add(new(k, airport));
                _maxLength = Math.Max(_maxLength, k.Length);
                Add(_exact, k, id);
                for (int i = 0; i < k.Length; i++)
                {
                    string d = k.Remove(i, 1);
                    Add(_deleted, d, id);
                    Add(_substituted, (i, d), id);
                }
            }
        }

        private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int id) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<int>(1);
            list.Add(id);
        }

        public IEnumerable<KeyValuePair<string, Airport>> Near(string q)
        {
            if (q.Length > _maxLength + 1) return []; // no code is within one edit: nothing to build per position
            var ids = new SortedSet<int>();
            void Take<TKey>(Dictionary<TKey, List<int>> map, TKey key) where TKey : notnull
            {
                if (map.TryGetValue(key, out var list)) ids.UnionWith(list);
            }
            Take(_exact, q);
            Take(_deleted, q);
            for (int i = 0; i < q.Length; i++)
            {
                string d = q.Remove(i, 1);
                Take(_exact, d);
                Take(_substituted, (i, d));
            }
            return ids.Select(id => _entries[id]);
        }
    }

    /// <summary>Creates a directory.</summary>
    public AirportDirectory(IEnumerable<Airport> airports)
    {
        _eager = new Tables(airports);
        _oneEdit = new Lazy<OneEditIndex>(() => new OneEditIndex(All.Iata.Concat(All.Icao)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// A directory read from a CSV on demand (see the fields): <paramref name="readAll"/> reads it in full, the way
    /// to the same answers when the code index cannot be built (<see cref="AirportCodeIndex.TryBuild"/>).
    /// </summary>
    private AirportDirectory(Func<byte[]> bytes, string source, Func<AirportDirectory> readAll)
    {
        _index = new Lazy<AirportCodeIndex?>(() => AirportCodeIndex.TryBuild(bytes(), source), LazyThreadSafetyMode.ExecutionAndPublication);
        // The full tables come from the index's rows when there is one, so that an airport found before and after they
        // exist is the same instance, whichever thread built what first.
        _lazy = new Lazy<Tables>(() => _index.Value is { } ix ? new Tables(Enumerable.Range(0, ix.Count).Select(ix.Row)) : readAll().All,
            LazyThreadSafetyMode.ExecutionAndPublication);
        _oneEdit = new Lazy<OneEditIndex>(() => new OneEditIndex(All.Iata.Concat(All.Icao)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The world's medium and large airports bundled with the library (an extract of OurAirports, public domain; see
    /// <c>data/README.md</c>), read from the embedded resource on first use; thread-safe. Every airport has its ISO
    /// country, type and scheduled-service flag. A lookup reads only an index of the codes and the row it finds; the
    /// whole list is parsed when first needed (<see cref="Airports"/>, <see cref="With"/>, an unknown code's
    /// suggestions), with the same answers.
    /// </summary>
    public static AirportDirectory Bundled => BundledLazy.Value;

    /// <summary>All airports in input order.</summary>
    public IReadOnlyList<Airport> Airports => All.Airports;

    /// <summary>Whether every airport has been parsed (always for a directory given its airports); for the tests.</summary>
    internal bool IsFullyRead => _lazy?.IsValueCreated ?? true;

    /// <summary>Whether lookups are answered from the code index (false: it could not be built, or is not built yet); for the tests.</summary>
    internal bool HasCodeIndex => _index is { IsValueCreated: true, Value: not null };

    /// <summary>Number of airports.</summary>
    public int Count => _eager?.Airports.Count ?? (_index!.Value is { } ix ? ix.Count : All.Airports.Count);

    /// <summary>
    /// A new directory with <paramref name="other"/>'s airports over this one's: a code (IATA or ICAO) that
    /// <paramref name="other"/> knows resolves to its airport; every other code still resolves here. An airport of this
    /// directory all of whose codes <paramref name="other"/> takes is dropped from <see cref="Airports"/>.
    /// </summary>
    public AirportDirectory With(AirportDirectory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        bool Taken(string? code, Dictionary<string, Airport> map) => code == null || map.ContainsKey(code);
        // The constructor gives each code to the first airport listed with it: listing other's airports first makes them win.
        var o = other.All;
        return new AirportDirectory(other.Airports.Concat(Airports.Where(a => (a.Iata ?? a.Icao) == null || !(Taken(a.Iata, o.Iata) && Taken(a.Icao, o.Icao)))));
    }

    /// <summary>Looks up an IATA or ICAO code (any case).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public bool TryGet(string code, [MaybeNullWhen(false)] out Airport airport)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Trim();
        // Until every airport is needed, the code index answers (the same rule), parsing only the row found.
        if (_lazy is { IsValueCreated: false } && _index!.Value is { } ix && ix.TryGet(code, out var found) is { } known)
        {
            airport = found!;
            return known;
        }
        var all = All;
        // A 4-letter code is ICAO first; anything else IATA first. Both maps are tried.
        if (code.Length == 4) return all.Icao.TryGetValue(code, out airport) || all.Iata.TryGetValue(code, out airport);
        return all.Iata.TryGetValue(code, out airport) || all.Icao.TryGetValue(code, out airport);
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
    [Obsolete("Use Resolve, which returns the library's one place type, RouteEnd (Code, Point).")]
    public (string Code, GeoPoint Location) ResolveLocation(string codeOrLatLon)
    {
        var end = Resolve(codeOrLatLon);
        return (end.Code, end.Point);
    }

    /// <summary>
    /// Resolves an airport code (IATA or ICAO) or a <c>LAT,LON</c> position in decimal degrees to a route end: the
    /// airport's display code (IATA if it has one) and its position, or the normalised coordinate text and the position.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="codeOrLatLon"/> is null.</exception>
    /// <exception cref="FormatException">Empty text, text with a comma that is not a valid <c>LAT,LON</c>, two
    /// numbers without a comma, or an unknown code with a control character in it.</exception>
    /// <exception cref="KeyNotFoundException">An unknown airport code.</exception>
    public RouteEnd Resolve(string codeOrLatLon)
    {
        ArgumentNullException.ThrowIfNull(codeOrLatLon);
        var t = codeOrLatLon.Trim();
        if (t.Length == 0) throw new FormatException("empty location: give an airport code (IATA or ICAO) or LAT,LON in decimal degrees");
        if (t.Contains(','))
        {
            if (!GeoPoint.TryParseDetail(t, out var p, out var error))
                throw new FormatException($"invalid location {InvariantNumber.Quote(t)}: {error}");
            return new RouteEnd(p.ToString(), p);
        }
        if (TryGet(t, out var a)) return new RouteEnd(a.Code, a.Location);
        // "12.5 -70.02" or "12.5;-70.02": a position without its comma, not an unknown airport code.
        var parts = t.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && InvariantNumber.TryParse(parts[0], out _) && InvariantNumber.TryParse(parts[1], out _))
            throw new FormatException($"invalid location {InvariantNumber.Quote(t)}: two numbers without a comma between them; write LAT,LON, e.g. {parts[0]},{parts[1]}");
        // No code has one (a file's are refused when read), and the "unknown airport" message printed it raw.
        if (IdentifierText.Problem(t, "the code") is { } control) throw new FormatException($"invalid location: {control}");
        throw Unknown(t);
    }

    private KeyNotFoundException Unknown(string code)
    {
        var q = code.Trim().ToUpperInvariant();
        // Among the many codes one edit away in a world list, those sharing the longest prefix come first, then the
        // larger airports (AMX: AMS before Amarillo's AMA).
        // Only codes within one character of the length can be one edit away: a long text costs no edit distances.
        // The codes one edit away come from an index of single deletions (see OneEditIndex) rather than an edit distance
        // to every code: a batch of unknown codes cost 3.5 ms each against the ~9,000 codes of the world list.
        var close = _oneEdit.Value.Near(q)
            .Select(p => (K: p.Key, D: Airspaces.AirspaceCatalog.Levenshtein(q, p.Key), A: p.Value))
            .Where(x => x.D <= 1).OrderBy(x => x.D).ThenByDescending(x => q.AsSpan().CommonPrefixLength(x.K))
            .ThenByDescending(x => x.A.Type).ThenByDescending(x => x.A.ScheduledService ?? false).ThenBy(x => x.K, StringComparer.Ordinal)
            .Select(x => x.K).Distinct().Take(5).ToList();
        string hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "";
        return new KeyNotFoundException(
            $"unknown airport code '{Csv.Clip(code)}': not an IATA or ICAO code in the directory ({Count} airports); give a known code or LAT,LON in decimal degrees{hint}");
    }

    /// <summary>The columns every airport CSV starts with, in this order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["icao", "iata", "name", "country", "lat", "lon"];

    /// <summary>Optional columns an airport CSV may add after <see cref="CsvColumns"/>, in any order.</summary>
    public static IReadOnlyList<string> OptionalCsvColumns { get; } = ["iso_country", "type", "scheduled_service"];

    /// <inheritdoc cref="FromCsv(TextReader, string?)"/>
    public static AirportDirectory FromCsv(TextReader reader) => FromCsv(reader, null);

    /// <summary>
    /// Reads the project's CSV format: header <c>icao,iata,name,country,lat,lon</c>, optionally followed by
    /// <c>iso_country</c> (ISO 3166-1 alpha-2), <c>type</c> (<c>large|medium|small</c>, with or without OurAirports'
    /// <c>_airport</c> suffix) and <c>scheduled_service</c> (<c>yes|no</c>) in any order; empty fields are absent.
    /// </summary>
    /// <exception cref="FormatException">A malformed line, a code (IATA or ICAO, any case) given twice (the message
    /// names both lines), or no airport at all; the message names the source and line.</exception>
    public static AirportDirectory FromCsv(TextReader reader, string? source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string src = source ?? "airports csv";
        var list = new List<Airport>();
        var seen = new CodeLines(src);
        int lineNo = 0;
        CsvLayout? layout = null;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (lineNo == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line) || line.AsSpan().TrimStart() is ['#', ..]) continue;
            if (layout is null)
            {
                layout = CsvLayout.Parse(line, lineNo, src);
                continue;
            }
            list.Add(layout.ParseRow(line, lineNo, src));
            seen.Add(list[^1], lineNo);
        }
        if (layout is null) throw new FormatException($"{src}: no header line; expected {string.Join(',', CsvColumns)} and one airport per line");
        if (list.Count == 0) throw new FormatException($"{src}: no airports after the header (an empty directory is not allowed)");
        return new AirportDirectory(list);
    }

    /// <summary>The columns of an airport CSV as its header gives them: the row parser of a full read and of the code index.</summary>
    internal sealed class CsvLayout
    {
        private int _width, _iso = -1, _type = -1, _scheduled = -1;

        private CsvLayout() { }

        /// <summary>Reads the header line (<paramref name="line"/>, without a BOM).</summary>
        /// <exception cref="FormatException">Not the project's header; the message names the source and line.</exception>
        public static CsvLayout Parse(string line, int lineNo, string src)
        {
            var layout = new CsvLayout();
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{src}:{lineNo}: {err}");
            var names = f.Select(x => x.Trim().ToLowerInvariant()).ToList();
            if (names.Count < CsvColumns.Count || !names.Take(CsvColumns.Count).SequenceEqual(CsvColumns))
                throw new FormatException($"{src}:{lineNo}: expected the header {string.Join(',', CsvColumns)} (optionally then {string.Join(", ", OptionalCsvColumns)}), found '{Quote(line)}'");
            for (int k = CsvColumns.Count; k < names.Count; k++)
            {
                if (names.IndexOf(names[k]) < k)
                    throw new FormatException($"{src}:{lineNo}: header column {k + 1} '{Quote(names[k])}' is given twice");
                switch (names[k])
                {
                    case "iso_country": layout._iso = k; break;
                    case "type": layout._type = k; break;
                    case "scheduled_service": layout._scheduled = k; break;
                    default:
                        throw new FormatException($"{src}:{lineNo}: header column {k + 1} '{Quote(names[k])}' is not known; after {string.Join(',', CsvColumns)} the optional columns are {string.Join(", ", OptionalCsvColumns)}");
                }
            }
            layout._width = names.Count;
            return layout;
        }

        /// <summary>Parses one data line.</summary>
        /// <exception cref="FormatException">A malformed line; the message names the source and line.</exception>
        public Airport ParseRow(string line, int lineNo, string src) => AirportDirectory.ParseRow(line, lineNo, _width, _iso, _type, _scheduled, src);
    }

    private static Airport ParseRow(string line, int lineNo, int width, int iso, int type, int scheduled, string src)
    {
        // Field by field without a list: this runs for every row of the bundled 5,000-airport extract on first use.
        var fields = new Csv.FieldReader(line);
        string? icao = null, iata = null, name = null, country = null, isoCountry = null;
        string lat = "", lon = "";
        var kind = AirportType.Unknown;
        bool? service = null;
        int count = 0;
        string? err;
        for (; fields.Next(out var field, out err); count++)
        {
            if (count >= width) continue;
            var text = field.Text.Trim();
            if (count == 0) icao = text.IsEmpty ? null : field.ToTrimmedString();
            else if (count == 1) iata = text.IsEmpty ? null : field.ToTrimmedString();
            else if (count == 2) name = field.ToTrimmedString();
            else if (count == 3) country = field.ToTrimmedString();
            else if (count == 4) lat = text.ToString();
            else if (count == 5) lon = text.ToString();
            else if (count == iso) isoCountry = text.IsEmpty ? null : field.ToTrimmedString().ToUpperInvariant();
            else if (count == type) kind = ParseType(text, src, lineNo);
            else if (count == scheduled) service = ParseYesNo(text, src, lineNo);
        }
        if (err != null) throw new FormatException($"{src}:{lineNo}: {err}");
        if (count != width) throw new FormatException($"{src}:{lineNo}: expected {width} fields like the header, found {count}");
        if (icao == null && iata == null) throw new FormatException($"{src}:{lineNo}: an airport needs an ICAO or an IATA code (both are empty)");
        CheckIds(icao, iata, src, lineNo);
        return new Airport(icao, iata, IdentifierText.Clean(name!), country!, Point(lat, lon, src, lineNo)) { IsoCountry = isoCountry, Type = kind, ScheduledService = service };
    }

    // The codes are keys and are printed in tables and map labels: a control character in one broke the line. The name
    // is free text: its control characters become spaces (IdentifierText.Clean).
    private static void CheckIds(string? icao, string? iata, string src, int lineNo)
    {
        if ((IdentifierText.Problem(icao, "ICAO code") ?? IdentifierText.Problem(iata, "IATA code")) is { } problem)
            throw new FormatException($"{src}:{lineNo}: {problem}");
    }

    private static AirportType ParseType(ReadOnlySpan<char> t, string src, int lineNo)
    {
        if (t.EndsWith("_airport", StringComparison.OrdinalIgnoreCase)) t = t[..^"_airport".Length];
        if (t.IsEmpty) return AirportType.Unknown;
        if (t.Equals("large", StringComparison.OrdinalIgnoreCase)) return AirportType.Large;
        if (t.Equals("medium", StringComparison.OrdinalIgnoreCase)) return AirportType.Medium;
        if (t.Equals("small", StringComparison.OrdinalIgnoreCase)) return AirportType.Small;
        throw new FormatException($"{src}:{lineNo}: type '{Quote(t.ToString())}' is not large, medium or small (nor large_airport, medium_airport, small_airport)");
    }

    private static bool? ParseYesNo(ReadOnlySpan<char> t, string src, int lineNo)
    {
        if (t.IsEmpty) return null;
        if (t.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.Equals("no", StringComparison.OrdinalIgnoreCase)) return false;
        throw new FormatException($"{src}:{lineNo}: scheduled_service '{Quote(t.ToString())}' is not yes or no");
    }

    /// <summary>At most a short prefix of user text in a message.</summary>
    private static string Quote(string s) => s.Length <= 80 ? s : s[..80] + "...";

    /// <summary>The line each code of a file was first given on, so that a repeated code names both lines.</summary>
    private sealed class CodeLines(string src)
    {
        private readonly Dictionary<string, int> _iata = new(StringComparer.OrdinalIgnoreCase), _icao = new(StringComparer.OrdinalIgnoreCase);

        public void Add(Airport a, int lineNo)
        {
            Check(_iata, "IATA", a.Iata);
            Check(_icao, "ICAO", a.Icao);

            void Check(Dictionary<string, int> lines, string kind, string? code)
            {
                if (code == null) return;
                if (!lines.TryAdd(code, lineNo))
                    throw new FormatException($"{src}:{lineNo}: {kind} code '{Quote(code)}' is already given on line {lines[code]}; each code may name one airport only");
            }
        }
    }

    /// <summary>
    /// Reads OpenFlights <c>airports.dat</c>: CSV without header,
    /// <c>id,name,city,country,IATA,ICAO,lat,lon,alt_ft,utc_offset,dst,tz,type,source</c>, <c>\N</c> for null. Both
    /// codes are optional; airports with neither are skipped.
    /// </summary>
    /// <exception cref="FormatException">A malformed line, a code given twice (the message names both lines), or no
    /// airport at all; the message names the file and line.</exception>
    public static AirportDirectory FromOpenFlights(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return FromOpenFlights(reader, path);
    }

    /// <inheritdoc cref="FromOpenFlights(TextReader, string?)"/>
    public static AirportDirectory FromOpenFlights(TextReader reader) => FromOpenFlights(reader, null);

    /// <summary>Reads OpenFlights <c>airports.dat</c> content; see <see cref="FromOpenFlights(string)"/>.</summary>
    public static AirportDirectory FromOpenFlights(TextReader reader, string? source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string src = source ?? "airports.dat";
        var list = new List<Airport>();
        var seen = new CodeLines(src);
        int lineNo = 0;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{src}:{lineNo}: {err}");
            if (f.Count < 8) throw new FormatException($"{src}:{lineNo}: expected at least 8 fields, found {f.Count}");
            string? iata = Null(f[4]), icao = Null(f[5]);
            if (iata == null && icao == null) continue;
            CheckIds(icao, iata, src, lineNo);
            list.Add(new Airport(icao, iata, IdentifierText.Clean(Null(f[1]) ?? ""), Null(f[3]) ?? "", Point(f[6], f[7], src, lineNo)));
            seen.Add(list[^1], lineNo);
        }
        if (list.Count == 0) throw new FormatException($"{src}: no airport with an IATA or ICAO code (an empty directory is not allowed)");
        return new AirportDirectory(list);

        static string? Null(string s) => s is "\\N" || string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    private static GeoPoint Point(string lat, string lon, string src, int lineNo)
    {
        // The same syntax and ranges as a LAT,LON on the command line (longitudes in [-540, 540], normalised).
        if (!GeoPoint.TryParseDetail(string.Concat(lat, ",", lon), out var p, out var error))
            throw new FormatException($"{src}:{lineNo}: '{lat},{lon}' is not a valid latitude,longitude: {error}");
        return p;
    }

    /// <summary>Reads the embedded extract in full (uncached; the benchmarks time this, and the lazy directory falls
    /// back to it when its code index cannot be built).</summary>
    internal static AirportDirectory LoadBundled()
    {
        using var reader = BundledData.OpenText(BundledData.AirportsResource);
        return FromCsv(reader, BundledData.AirportsResource);
    }

    /// <summary>
    /// The embedded extract read on demand (uncached: <see cref="Bundled"/> caches one): nothing is read until a code
    /// is looked up, then the code index, and every row only when every airport is needed.
    /// </summary>
    internal static AirportDirectory LoadBundledLazily() => FromCsvBytesLazily(() => BundledData.ReadBytes(BundledData.AirportsResource), BundledData.AirportsResource);

    /// <summary>
    /// A directory over CSV bytes read on demand, answering exactly as <see cref="FromCsv(TextReader, string?)"/> over
    /// the same bytes would (the tests compare the two on every code); the bundled directory and the tests use it.
    /// </summary>
    internal static AirportDirectory FromCsvBytesLazily(Func<byte[]> bytes, string source) =>
        new(bytes, source, () => FromCsv(new StreamReader(new MemoryStream(bytes())), source));
}
