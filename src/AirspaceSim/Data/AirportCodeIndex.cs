using System.Numerics;
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
    // A packed code is at most 8 bytes below 0x7F, so its top bit is free to tell the IATA table from the ICAO one: both
    // live in one open-addressing table (linear probing, 0 = empty), which the pass fills several times faster than
    // two Dictionary<ulong, int> (0.49 ms of the first lookup's 0.54 went to them and to per-line scans).
    private const ulong IataTag = 1UL << 63;
    private readonly byte[] _bytes;
    private readonly string _source;
    private readonly AirportDirectory.CsvLayout _layout;
    private readonly int[] _start, _lineNo; // per data row: where its bytes start, and its line number for messages
    private readonly ulong[] _keys;
    private readonly int[] _rowOf;
    private readonly Airport?[] _rows;

    private AirportCodeIndex(byte[] bytes, string source, AirportDirectory.CsvLayout layout, int[] start, int[] lineNo, int count, ulong[] keys, int[] rowOf)
    {
        _bytes = bytes;
        _source = source;
        _layout = layout;
        _start = start;
        _lineNo = lineNo;
        _keys = keys;
        _rowOf = rowOf;
        _rows = new Airport?[count];
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
        // One vectorised count sizes everything: at most a row per line and two codes per row, the table at most 2/3 full.
        int lines = span.Count((byte)'\n') + 1;
        bool anyCr = span.Contains((byte)'\r');
        var start = new int[lines];
        var lineNos = new int[lines];
        int size = (int)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(16, 3L * lines));
        var keys = new ulong[size];
        var rowOf = new int[size];
        AirportDirectory.CsvLayout? layout = null;
        int count = 0;
        for (int lineNo = 1; pos < span.Length; lineNo++)
        {
            int nl = span[pos..].IndexOf((byte)'\n');
            int end = nl < 0 ? span.Length : pos + nl, next = nl < 0 ? span.Length : end + 1;
            ReadOnlySpan<byte> line = span[pos..end];
            if (anyCr)
            {
                if (line.EndsWith((ReadOnlySpan<byte>)[(byte)'\r'])) line = line[..^1];
                if (line.Contains((byte)'\r')) return null; // a lone CR ends a line for the reader
            }
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
            if (!TryCode(ref line, out ulong icaoKey) || !TryCode(ref line, out ulong iataKey)) return null;
            if (icaoKey == 0 && iataKey == 0) return null; // the full read's error: neither code
            // A repeated code is the full read's error.
            if (icaoKey != 0 && !TryAdd(keys, rowOf, icaoKey, count)) return null;
            if (iataKey != 0 && !TryAdd(keys, rowOf, iataKey | IataTag, count)) return null;
            start[count] = pos;
            lineNos[count] = lineNo;
            count++;
            pos = next;
        }
        if (layout is null || count == 0) return null;
        return new AirportCodeIndex(bytes, source, layout, start, lineNos, count, keys, rowOf);
    }

    private static int Slot(ulong key, int mask) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & mask; // Fibonacci hashing: the product's high bits

    private static bool TryAdd(ulong[] keys, int[] rowOf, ulong key, int row)
    {
        int mask = keys.Length - 1;
        for (int s = Slot(key, mask); ; s = (s + 1) & mask)
        {
            if (keys[s] == key) return false;
            if (keys[s] != 0) continue;
            keys[s] = key;
            rowOf[s] = row;
            return true;
        }
    }

    private bool TryFind(ulong key, out int row)
    {
        int mask = _keys.Length - 1;
        for (int s = Slot(key, mask); _keys[s] != 0; s = (s + 1) & mask)
        {
            if (_keys[s] != key) continue;
            row = _rowOf[s];
            return true;
        }
        row = -1;
        return false;
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
        var (first, second) = trimmed.Length == 4 ? (key, key | IataTag) : (key | IataTag, key);
        if (!TryFind(first, out int row) && !TryFind(second, out row)) return false;
        airport = Row(row);
        return true;
    }

    /// <summary>The airport of data row <paramref name="row"/>, parsed on first use; thread-safe (a race parses twice, one result wins).</summary>
    /// <exception cref="FormatException">The row is malformed (a full read would have failed).</exception>
    public Airport Row(int row)
    {
        if (Volatile.Read(ref _rows[row]) is { } done) return done;
        var rest = _bytes.AsSpan(_start[row]);
        int end = rest.IndexOf((byte)'\n');
        var bytes = end < 0 ? rest : rest[..end];
        if (bytes.EndsWith((ReadOnlySpan<byte>)[(byte)'\r'])) bytes = bytes[..^1];
        var line = Encoding.UTF8.GetString(bytes);
        var parsed = _layout.ParseRow(line, _lineNo[row], _source);
        return Interlocked.CompareExchange(ref _rows[row], parsed, null) ?? parsed;
    }
}
