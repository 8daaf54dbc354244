using System.Text;

namespace AirspaceSim.Data;

/// <summary>
/// The codes of an airport CSV (the bundled extract) and where each row is, found by one pass over the bytes that
/// parses no row: a command that resolves a few codes parses only their rows (issue 9: parsing all 4,979 rows was
/// most of a cold <c>route AMS CUR</c>). Each row is parsed on first use, by the same
/// <see cref="AirportDirectory"/> row parser as a full read, and kept (write-once slots), so that every code of a row
/// gives the same <see cref="Airport"/> instance and the full list built from the index shares them.
/// </summary>
/// <remarks>
/// The pass only accepts what it can answer exactly as <see cref="AirportDirectory.FromCsv(TextReader, string?)"/>
/// would: lines ended by LF or CRLF; no BOM other than UTF-8's; blank lines empty and comment lines starting with
/// <c>#</c>; both code fields unquoted printable ASCII without blanks, at most 8 characters; no code (ignoring
/// ASCII case) given twice. Anything else makes <see cref="TryBuild"/> return null and the caller reads the file
/// in full, so that it fails (or succeeds) as before. On ASCII text ordinal-ignore-case equality is ASCII
/// upper-casing, so the codes are kept as their upper-cased bytes packed into a <see cref="ulong"/>.
/// </remarks>
internal sealed class AirportCodeIndex
{
    private const int MaxCodeLength = 8;
    private readonly byte[] _bytes;
    private readonly string _source;
    private readonly AirportDirectory.CsvLayout _layout;
    private readonly int[] _start, _length, _lineNo; // per data row: its bytes (no line end) and its line number
    private readonly Dictionary<ulong, int> _icao, _iata;
    private readonly Airport?[] _rows;

    private AirportCodeIndex(byte[] bytes, string source, AirportDirectory.CsvLayout layout, List<(int Start, int Length, int LineNo)> rows,
        Dictionary<ulong, int> icao, Dictionary<ulong, int> iata)
    {
        _bytes = bytes;
        _source = source;
        _layout = layout;
        _start = new int[rows.Count];
        _length = new int[rows.Count];
        _lineNo = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++) (_start[i], _length[i], _lineNo[i]) = rows[i];
        _icao = icao;
        _iata = iata;
        _rows = new Airport?[rows.Count];
    }

    /// <summary>Number of data rows (every one an airport: a full read keeps them all or throws).</summary>
    public int Count => _rows.Length;

    /// <summary>
    /// The index of a CSV in the project's format, or null when the file has anything the pass does not answer
    /// exactly like a full read (see the type); a malformed header or row is left to the full read as well.
    /// </summary>
    public static AirportCodeIndex? TryBuild(byte[] bytes, string source)
    {
        ReadOnlySpan<byte> span = bytes;
        int pos = 0;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) pos = 3;
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return null; // UTF-16 or -32: the reader would detect it
        AirportDirectory.CsvLayout? layout = null;
        var rows = new List<(int, int, int)>(capacity: 5000);
        var icao = new Dictionary<ulong, int>(capacity: 5000);
        var iata = new Dictionary<ulong, int>(capacity: 5000);
        for (int lineNo = 1; pos < span.Length; lineNo++)
        {
            int nl = span[pos..].IndexOf((byte)'\n');
            int end = nl < 0 ? span.Length : pos + nl, next = nl < 0 ? span.Length : end + 1;
            ReadOnlySpan<byte> line = span[pos..end];
            if (line.EndsWith((ReadOnlySpan<byte>)[(byte)'\r'])) line = line[..^1];
            if (line.IndexOf((byte)'\r') >= 0) return null; // a lone CR ends a line for the reader
            if (line.IsEmpty || line[0] == (byte)'#') { pos = next; continue; }
            if (!IsCodeByte(line[0]) && line[0] != (byte)',') return null; // leading blanks, quotes, non-ASCII: not the pass's business
            if (layout is null)
            {
                // The header is parsed by the full reader's own code; a bad one is the full read's error to give.
                try { layout = AirportDirectory.CsvLayout.Parse(Encoding.UTF8.GetString(line), lineNo, source); }
                catch (FormatException) { return null; }
                pos = next;
                continue;
            }
            int row = rows.Count;
            if (!TryCode(ref line, out ulong icaoKey) || !TryCode(ref line, out ulong iataKey)) return null;
            if (icaoKey == 0 && iataKey == 0) return null; // the full read's error: neither code
            if (icaoKey != 0 && !icao.TryAdd(icaoKey, row)) return null; // a repeated code: the full read's error
            if (iataKey != 0 && !iata.TryAdd(iataKey, row)) return null;
            rows.Add((pos, LineLength(span[pos..end]), lineNo));
            pos = next;
        }
        if (layout is null || rows.Count == 0) return null;
        return new AirportCodeIndex(bytes, source, layout, rows, icao, iata);

        static int LineLength(ReadOnlySpan<byte> raw) => raw.EndsWith((ReadOnlySpan<byte>)[(byte)'\r']) ? raw.Length - 1 : raw.Length;
    }

    private static bool IsCodeByte(byte b) => b is > 0x20 and < 0x7F and not (byte)'"' and not (byte)',';

    /// <summary>Reads one code field off the front of <paramref name="line"/> (and its comma); 0 for an empty field.</summary>
    private static bool TryCode(ref ReadOnlySpan<byte> line, out ulong key)
    {
        key = 0;
        int comma = line.IndexOf((byte)',');
        if (comma < 0) return false; // too few fields: the full read's error
        var field = line[..comma];
        line = line[(comma + 1)..];
        if (field.Length > MaxCodeLength) return false;
        for (int i = 0; i < field.Length; i++)
        {
            if (!IsCodeByte(field[i])) return false;
            key |= (ulong)Upper(field[i]) << (8 * i);
        }
        return true;
    }

    private static byte Upper(byte b) => b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;

    /// <summary>
    /// Looks a trimmed code up as <see cref="AirportDirectory.TryGet"/> does on the full tables (ICAO first for four
    /// characters, else IATA first). Returns null when it cannot answer exactly: a code with a non-ASCII character,
    /// which ordinal-ignore-case might equate with an ASCII one.
    /// </summary>
    public bool? TryGet(string trimmed, out Airport? airport)
    {
        airport = null;
        ulong key = 0;
        foreach (char c in trimmed)
            if (c > 0x7F) return null;
        if (trimmed.Length is 0 or > MaxCodeLength) return false; // every code here is 1 to 8 ASCII characters
        for (int i = 0; i < trimmed.Length; i++) key |= (ulong)Upper((byte)trimmed[i]) << (8 * i);
        var (first, second) = trimmed.Length == 4 ? (_icao, _iata) : (_iata, _icao);
        if (!first.TryGetValue(key, out int row) && !second.TryGetValue(key, out row)) return false;
        airport = Row(row);
        return true;
    }

    /// <summary>The airport of data row <paramref name="row"/>, parsed on first use; thread-safe (a race parses twice, one result wins).</summary>
    /// <exception cref="FormatException">The row is malformed (a full read would have failed).</exception>
    public Airport Row(int row)
    {
        if (Volatile.Read(ref _rows[row]) is { } done) return done;
        var line = Encoding.UTF8.GetString(_bytes, _start[row], _length[row]);
        var parsed = _layout.ParseRow(line, _lineNo[row], _source);
        return Interlocked.CompareExchange(ref _rows[row], parsed, null) ?? parsed;
    }
}
