using System.Text;
using System.Text.Json;

namespace AirspaceSim.Simulation;

/// <summary>
/// A JSON value with where it came from (line, column, JSON path), so that a scenario's semantic errors (unknown id,
/// window ending before it starts) point at the offending text. Written by hand because System.Text.Json's DOM keeps
/// no positions; parsing itself is Utf8JsonReader's, over the bytes in chunks (<see cref="JsonChunks"/>), so a file is
/// never held whole. A root array can be streamed (<see cref="StreamedItems"/>): each item's tree is handed over as
/// soon as it is read and not kept, which is how a scenario's flights are read without a tree for the whole file.
/// </summary>
internal sealed class JsonTree
{
    private static readonly List<(string Name, JsonTree Value)> NoProperties = [];
    private static readonly List<JsonTree> NoItems = [];
    private List<(string Name, JsonTree Value)>? _properties;
    private List<JsonTree>? _items;
    private string? _path;
    private JsonTree? _parent;
    private string? _name; // property name under an object parent, else null (an array item at _index)
    private int _index;

    public JsonValueKind Kind { get; private set; }

    /// <summary>JSON path (built when asked: it is only needed for a message).</summary>
    public string Path => _path ??= _parent is null ? "$" : _name != null ? $"{_parent.Path}.{_name}" : $"{_parent.Path}[{_index}]";

    public int Line { get; private set; }
    public int Column { get; private set; }
    public string? Text { get; private set; } // string value or raw number text
    public List<(string Name, JsonTree Value)> Properties => _properties ?? (Kind == JsonValueKind.Object ? _properties = [] : NoProperties);
    public List<JsonTree> Items => _items ?? (Kind == JsonValueKind.Array ? _items = [] : NoItems);

    /// <summary>The value's own text (UTF-8 decoded), for the items of a <c>polygons</c> array only (re-read as GeoJSON).</summary>
    public string? Raw { get; private set; }

    /// <summary>For a streamed array: what its items were handed to (its <see cref="Items"/> stay empty).</summary>
    public StreamedItems? Streamed { get; private set; }

    private static JsonTree Node(NodePool? pool, JsonValueKind kind, int line, int column, JsonTree? parent, string? name, int index, string? text = null)
    {
        var node = pool?.Rent() ?? new JsonTree();
        node.Kind = kind; node.Line = line; node.Column = column; node._parent = parent; node._name = name; node._index = index; node.Text = text;
        return node;
    }

    // The nodes of one streamed item, used again for the next (an item's tree is not kept: StreamedItems.Add).
    private sealed class NodePool
    {
        private readonly List<JsonTree> _nodes = [];
        private int _used;

        public JsonTree Rent()
        {
            if (_used == _nodes.Count) _nodes.Add(new JsonTree());
            var node = _nodes[_used++];
            node._path = null; node.Raw = null; node.Streamed = null;
            node._properties?.Clear(); node._items?.Clear();
            return node;
        }

        public void ReturnAll() => _used = 0;
    }

    /// <summary>Parses <paramref name="utf8"/> (no BOM handling); syntax errors become <see cref="ScenarioFormatException"/>.</summary>
    public static JsonTree Parse(byte[] utf8, string file) => Parse(utf8, file, null);

    /// <summary>As <see cref="Parse(byte[], string)"/>, with root arrays streamed as <see cref="Parse(Stream, string, bool, int, Func{string, StreamedItems})"/> does.</summary>
    public static JsonTree Parse(byte[] utf8, string file, Func<string, StreamedItems?>? streamed)
    {
        var src = new JsonChunks(utf8, file);
        return Parse(ref src, file, streamed);
    }

    /// <summary>
    /// Parses <paramref name="stream"/> read <paramref name="chunkBytes"/> at a time (a UTF-8 BOM at the start skipped
    /// when <paramref name="skipBom"/>): errors and positions are those of <see cref="Parse(byte[], string)"/> on the
    /// whole content. <paramref name="streamed"/> names the root arrays to stream: for a root property name it gives
    /// the sink of that array's items, or null to keep it in the tree.
    /// </summary>
    public static JsonTree Parse(Stream stream, string file, bool skipBom, int chunkBytes, Func<string, StreamedItems?>? streamed)
    {
        var src = new JsonChunks(stream, file, chunkBytes, skipBom);
        return Parse(ref src, file, streamed);
    }

    private static JsonTree Parse(ref JsonChunks src, string file, Func<string, StreamedItems?>? streamed)
    {
        try
        {
            if (!src.Read()) throw new ScenarioFormatException(file, 1, 1, "$", ScenarioProblem.InvalidJson, "the file is empty: expected a JSON object");
            var root = ReadValue(ref src, null, null, 0, streamed, false, null);
            if (src.Read()) { var (l, c) = src.TokenPosition(); src.CheckRestIsUtf8(); throw new ScenarioFormatException(file, l, c, "$", ScenarioProblem.InvalidJson, "more than one JSON value in the file"); }
            return root;
        }
        catch (JsonException e)
        {
            // The whole file is checked as UTF-8 before its syntax (as when it was read whole): an invalid byte after
            // the syntax error is the error given.
            src.CheckRestIsUtf8();
            // A file of nothing but blanks (or comments) reaches the end without a token: System.Text.Json's "The input
            // does not contain any JSON tokens. ... when isFinalBlock is true." says it in its reader's terms. (The
            // runtime's messages are not localised, so the text is a stable marker.)
            if (e.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
                throw new ScenarioFormatException(file, 1, 1, "$", ScenarioProblem.InvalidJson, "the file is empty: expected a JSON object");
            throw new ScenarioFormatException(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e.Path ?? "$", ScenarioProblem.InvalidJson,
                $"not valid JSON: {FirstSentence(e.Message)}");
        }
    }

    // System.Text.Json appends " Path: $.x | LineNumber: l | BytePositionInLine: b." (0-based) or, without a path, only
    // the " LineNumber: ..." part: the position is said once, 1-based, by the exception's own line and column.
    private static string FirstSentence(string m)
    {
        int i = m.IndexOf(" Path:", StringComparison.Ordinal);
        if (i < 0) i = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (i > 0 ? m[..i] : m).Trim();
    }

    // One value from the current token; `streamed` only at the root object's properties. `capture`: keep the value's
    // own text (an item of a polygons array). `pool`: where the nodes come from inside a streamed item.
    private static JsonTree ReadValue(ref JsonChunks r, JsonTree? parent, string? name, int index, Func<string, StreamedItems?>? streamed, bool capture, NodePool? pool)
    {
        long start = r.TokenStart;
        long saved = r.CaptureFrom;
        if (capture && saved < 0) r.CaptureFrom = start;
        var (line, col) = r.TokenPosition();
        JsonTree node;
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                node = Node(pool, JsonValueKind.Object, line, col, parent, name, index);
                bool root = parent is null;
                while (r.Read() && r.TokenType != JsonTokenType.EndObject)
                {
                    string propertyName = r.PropertyName();
                    r.Read();
                    var sink = root && streamed != null && r.TokenType == JsonTokenType.StartArray ? streamed(propertyName) : null;
                    node.Properties.Add((propertyName, sink is null
                        ? ReadValue(ref r, node, propertyName, 0, null, false, pool)
                        : ReadStreamed(ref r, node, propertyName, sink)));
                }
                break;
            }
            case JsonTokenType.StartArray:
            {
                node = Node(pool, JsonValueKind.Array, line, col, parent, name, index);
                bool polygons = name == "polygons";
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    node.Items.Add(ReadValue(ref r, node, null, node.Items.Count, null, polygons, pool));
                break;
            }
            case JsonTokenType.String: node = Node(pool, JsonValueKind.String, line, col, parent, name, index, r.GetString()); break;
            case JsonTokenType.Number: node = Node(pool, JsonValueKind.Number, line, col, parent, name, index, Encoding.UTF8.GetString(r.ValueSpan)); break;
            case JsonTokenType.True: node = Node(pool, JsonValueKind.True, line, col, parent, name, index); break;
            case JsonTokenType.False: node = Node(pool, JsonValueKind.False, line, col, parent, name, index); break;
            default: node = Node(pool, JsonValueKind.Null, line, col, parent, name, index); break;
        }
        if (capture)
        {
            node.Raw = r.Text(start, r.ValueEnd);
            r.CaptureFrom = saved;
        }
        return node;
    }

    private static JsonTree ReadStreamed(ref JsonChunks r, JsonTree parent, string name, StreamedItems sink)
    {
        var (line, col) = r.TokenPosition();
        var node = new JsonTree { Kind = JsonValueKind.Array, Line = line, Column = col, _parent = parent, _name = name, Streamed = sink };
        var pool = new NodePool();
        int i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            sink.Add(ReadValue(ref r, node, null, i++, null, false, pool));
            pool.ReturnAll();
        }
        return node;
    }
}

/// <summary>Takes the items of a streamed array as they are read (<see cref="JsonTree.Parse(Stream, string, bool, int, Func{string, StreamedItems})"/>).</summary>
internal abstract class StreamedItems
{
    /// <summary>One item, whose tree is not used after this returns.</summary>
    public abstract void Add(JsonTree item);
}

/// <summary>
/// Utf8JsonReader over a stream in chunks, with absolute offsets and the line and column (in characters) of each
/// token counted as the bytes go by, and each chunk checked as UTF-8 before the reader sees it (Utf8JsonReader checks
/// structure, not the bytes inside strings: an invalid sequence would surface later as an InvalidOperationException from
/// GetString; found by fuzzing). A whole buffer is the one-chunk case.
/// </summary>
internal ref struct JsonChunks
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly Stream? _stream;
    private readonly string _file;
    private byte[] _buf;
    private int _len;          // bytes in _buf
    private long _base;        // offset of _buf[0] in the content (after a skipped BOM)
    private int _start;        // where in _buf the reader's span starts (after bytes kept for a capture)
    private bool _eof;
    private long _validated;   // content up to here is valid UTF-8
    private long _pos;         // line and column counted up to here
    private int _line, _col;
    // The line feeds of the validated content that is all ASCII, as content offsets, found once per chunk: between two
    // tokens the count then moves by a compare or two instead of three vector searches of a few bytes (a day's 67,000
    // flights have half a million positioned tokens). Content before _slowUntil (a chunk with a non-ASCII byte) is
    // counted byte by byte as before.
    private long[] _nl = [];
    private int _nlCount, _nlNext; // entries held; the first at or after _pos
    private long _slowUntil;
    private Utf8JsonReader _r;

    /// <summary>While ≥ 0, bytes from here on are kept (a value whose own text is wanted).</summary>
    public long CaptureFrom;

    public JsonChunks(byte[] utf8, string file)
    {
        _file = file; _buf = utf8; _len = utf8.Length; _eof = true; _line = 1; _col = 1; CaptureFrom = -1;
        Validate();
        _r = new Utf8JsonReader(utf8, Options);
    }

    public JsonChunks(Stream stream, string file, int chunkBytes, bool skipBom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 4);
        _stream = stream; _file = file; _buf = new byte[chunkBytes]; _line = 1; _col = 1; CaptureFrom = -1;
        while (!_eof && _len < 3) Fill();
        if (skipBom && _len >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF)
        {
            Buffer.BlockCopy(_buf, 3, _buf, 0, _len - 3);
            _len -= 3;
        }
        Validate();
        _r = new Utf8JsonReader(_buf.AsSpan(0, _len), _eof, new JsonReaderState(Options));
    }

    public readonly JsonTokenType TokenType => _r.TokenType;
    public readonly ReadOnlySpan<byte> ValueSpan => _r.ValueSpan;

    // Short ASCII strings seen before, by a hash of their bytes (a slot holds the last one seen). A day's 67,000
    // flights name a few thousand distinct ends, types, airlines and states, so most of their strings are found here:
    // one compare instead of a decode and an allocation (the strings are equal either way; only fewer of them exist).
    private readonly string?[] _strings = new string?[4096];

    /// <summary>The current string value (as Utf8JsonReader.GetString).</summary>
    public readonly string? GetString()
    {
        if (_r.TokenType == JsonTokenType.String && !_r.ValueIsEscaped)
        {
            var span = _r.ValueSpan;
            if (span.Length is > 0 and <= 32 && System.Text.Ascii.IsValid(span))
            {
                // The length and the first and last 8 bytes (all of a shorter one) are enough to tell ends, codes and
                // names apart; a collision only costs a decode.
                ulong h;
                if (span.Length >= 8)
                    h = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span) * 0x9E3779B97F4A7C15
                        ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span[^8..]) * 0xC2B2AE3D27D4EB4F;
                else
                {
                    h = 0;
                    foreach (byte b in span) h = h << 8 | b;
                    h *= 0x9E3779B97F4A7C15;
                }
                ref string? slot = ref _strings[(int)((h >> 52) ^ (ulong)span.Length) & (_strings.Length - 1)];
                if (slot is { } seen && seen.Length == span.Length && System.Text.Ascii.Equals(span, seen)) return seen;
                return slot = Encoding.ASCII.GetString(span);
            }
        }
        return _r.GetString();
    }

    // The field names of a flight or route without a string each (67,000 flights have eight each).
    private static readonly (byte[] Utf8, string Name)[] KnownNames =
        [.. new[] { "id", "from", "to", "departure", "type", "airline", "state", "cruiseFl", "source", "flightNumber", "departureTime", "days", "weeklyFrequency", "firstDate", "lastDate" }
            .Select(n => (Encoding.UTF8.GetBytes(n), n))];

    /// <summary>The current property name (a known one without allocating).</summary>
    public readonly string PropertyName()
    {
        if (!_r.ValueIsEscaped)
        {
            var span = _r.ValueSpan;
            foreach (var (utf8, name) in KnownNames)
                if (span.SequenceEqual(utf8)) return name;
        }
        return _r.GetString()!;
    }

    /// <summary>Content offset of the current token.</summary>
    public readonly long TokenStart => _base + _start + _r.TokenStartIndex;

    /// <summary>Content offset just past the current token.</summary>
    public readonly long ValueEnd => _base + _start + _r.BytesConsumed;

    public bool Read()
    {
        while (!_r.Read())
        {
            if (_eof) return false;
            Refill();
        }
        return true;
    }

    /// <summary>1-based line and column (characters) of the current token.</summary>
    public (int Line, int Column) TokenPosition()
    {
        AdvanceTo(TokenStart);
        return (_line, _col);
    }

    /// <summary>The content between two offsets that are still held (see <see cref="CaptureFrom"/>).</summary>
    public readonly string Text(long from, long to) => Encoding.UTF8.GetString(_buf, (int)(from - _base), (int)(to - from));

    /// <summary>Reads the rest of the stream only to check it as UTF-8 (before a syntax error is given).</summary>
    public void CheckRestIsUtf8()
    {
        while (!_eof)
        {
            AdvanceTo(_validated);
            int keep = (int)(_validated - _base);
            Buffer.BlockCopy(_buf, keep, _buf, 0, _len - keep);
            _len -= keep; _base += keep;
            Fill();
            Validate();
        }
    }

    private void Refill()
    {
        long consumed = _base + _start + _r.BytesConsumed;
        AdvanceTo(consumed); // the bytes dropped are counted first
        int keep = (int)((CaptureFrom >= 0 ? Math.Min(CaptureFrom, consumed) : consumed) - _base);
        if (keep > 0)
        {
            Buffer.BlockCopy(_buf, keep, _buf, 0, _len - keep);
            _len -= keep; _base += keep;
        }
        Fill();
        Validate();
        _start = (int)(consumed - _base);
        _r = new Utf8JsonReader(_buf.AsSpan(_start, _len - _start), _eof, _r.CurrentState);
    }

    private void Fill()
    {
        if (_len == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2); // one token (or a kept value) longer than the buffer
        int n = _stream!.Read(_buf, _len, _buf.Length - _len);
        if (n == 0) _eof = true;
        else _len += n;
    }

    // Checks the held bytes past _validated, except an incomplete sequence at the end of a chunk that is not the last.
    private void Validate()
    {
        int from = (int)(_validated - _base), to = _len;
        if (!_eof)
            for (int k = 1; k <= 3 && to - k >= from; k++)
            {
                byte b = _buf[to - k];
                if ((b & 0xC0) == 0x80) continue;
                if (b >= 0xC0 && k < (b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2)) to -= k;
                break;
            }
        var span = _buf.AsSpan(from, to - from);
        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            System.Text.Unicode.Utf8.ToUtf16(span, new char[span.Length], out int valid, out _, replaceInvalidSequences: false);
            long at = _validated + valid;
            AdvanceTo(at);
            throw new ScenarioFormatException(_file, _line, _col, "$", ScenarioProblem.InvalidJson, $"not valid UTF-8 at byte {at}: save the file as UTF-8");
        }
        Index(from, to);
        _validated = _base + to;
    }

    // Records the line feeds of newly validated bytes [from, to) of the buffer, or marks them for the byte count.
    private void Index(int from, int to)
    {
        var span = _buf.AsSpan(from, to - from);
        if (!System.Text.Ascii.IsValid(span))
        {
            _slowUntil = _base + to;
            return;
        }
        if (_nlNext == _nlCount) _nlCount = _nlNext = 0;
        for (int i = span.IndexOf((byte)'\n'); i >= 0;)
        {
            if (_nlCount == _nl.Length)
            {
                int held = _nlCount - _nlNext;
                if (_nl.Length > 0 && held <= _nl.Length / 2)
                {
                    Array.Copy(_nl, _nlNext, _nl, 0, held); // drop those already passed
                    _nlCount = held; _nlNext = 0;
                }
                else Array.Resize(ref _nl, Math.Max(64, _nl.Length * 2));
            }
            _nl[_nlCount++] = _base + from + i;
            int next = span[(i + 1)..].IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    // Moves the line and column count forward to `offset` (offsets only grow: tokens come in order).
    private void AdvanceTo(long offset)
    {
        if (offset <= _pos) return;
        if (_pos >= _slowUntil && offset <= _validated)
        {
            // All ASCII (a byte is a character): the line feeds before `offset` come from the index.
            int i = _nlNext;
            while (i < _nlCount && _nl[i] < offset) i++;
            if (i > _nlNext)
            {
                _line += i - _nlNext;
                _col = (int)(offset - _nl[i - 1]);
            }
            else _col += (int)(offset - _pos);
            _nlNext = i;
            _pos = offset;
            return;
        }
        var span = _buf.AsSpan((int)(_pos - _base), (int)(offset - _pos));
        int nl = span.LastIndexOf((byte)'\n');
        if (nl >= 0)
        {
            _line += span.Count((byte)'\n');
            _col = 1 + Characters(span[(nl + 1)..]);
        }
        else _col += Characters(span);
        _pos = offset;
        while (_nlNext < _nlCount && _nl[_nlNext] < offset) _nlNext++; // indexed line feeds counted by the bytes
    }

    // Characters, not continuation bytes.
    private static int Characters(ReadOnlySpan<byte> s)
    {
        if (System.Text.Ascii.IsValid(s)) return s.Length;
        int n = 0;
        foreach (byte b in s)
            if ((b & 0xC0) != 0x80) n++;
        return n;
    }
}

/// <summary>
/// A scenario file that cannot be run: syntax, an unknown field, a wrong type, an unknown airspace, airport or aircraft
/// type, a window that ends before it starts, a band whose lower limit is not below its upper. The message reads
/// <c>FILE:LINE:COLUMN: JSON-PATH: what is wrong (what is accepted)</c>.
/// </summary>
public sealed class ScenarioFormatException : FormatException
{
    /// <summary>Creates the exception with <see cref="ProblemCode"/> <see cref="ScenarioProblem.Other"/>.</summary>
    public ScenarioFormatException(string file, int line, int column, string jsonPath, string problem)
        : this(file, line, column, jsonPath, ScenarioProblem.Other, problem)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException(string file, int line, int column, string jsonPath, ScenarioProblem code, string problem)
        : base($"{file}:{line}:{column}: {jsonPath}: {problem}")
    {
        FileName = file; Line = line; Column = column; JsonPath = jsonPath; ProblemCode = code; Problem = problem;
    }

    /// <summary>The file (or resource) read.</summary>
    public string FileName { get; }

    /// <summary>1-based line of the offending value.</summary>
    public int Line { get; }

    /// <summary>1-based column (characters) of the offending value.</summary>
    public int Column { get; }

    /// <summary>JSON path of the offending value, e.g. <c>$.closures[0].end</c>.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the location (free text for people; branch on <see cref="ProblemCode"/>).</summary>
    public string Problem { get; }

    /// <summary>What is wrong, as a code for callers and tests.</summary>
    public ScenarioProblem ProblemCode { get; }
}

/// <summary>The kind of a <see cref="ScenarioFormatException"/> (its <see cref="ScenarioFormatException.Problem"/> says the details).</summary>
public enum ScenarioProblem
{
    /// <summary>Not one of the kinds below (e.g. an exception created without a code).</summary>
    Other = 0,

    /// <summary>Not a JSON document: a syntax error, invalid UTF-8, an empty file or more than one value.</summary>
    InvalidJson,

    /// <summary>A field the format does not know.</summary>
    UnknownField,

    /// <summary>A field, id or key given twice.</summary>
    Duplicate,

    /// <summary>A required field is missing.</summary>
    MissingField,

    /// <summary>A value of the wrong JSON type (an object, array, string, number, whole number or true/false expected).</summary>
    WrongType,

    /// <summary>A number outside its accepted range, or too many items.</summary>
    OutOfRange,

    /// <summary>A value of the right type that does not parse: an instant, date, time of day, level, day, state code, ...</summary>
    InvalidValue,

    /// <summary>Fields that must come as exactly one of a set, or that contradict each other.</summary>
    Conflict,

    /// <summary>A period, window or band whose end is not after its start (or a notice after the start).</summary>
    Order,

    /// <summary>An airspace id that the catalog and the scenario's files do not have, or that failed to load.</summary>
    UnknownAirspace,

    /// <summary>An airport code that the airport directory does not have.</summary>
    UnknownAirport,

    /// <summary>An aircraft type that the cost model does not know.</summary>
    UnknownAircraftType,

    /// <summary>A closure id that the scenario does not define.</summary>
    UnknownClosure,

    /// <summary>A polygon that is not valid GeoJSON geometry.</summary>
    InvalidGeometry,

    /// <summary>A distribution that is unknown, not accepted here, or whose parameters are invalid.</summary>
    InvalidDistribution,

    /// <summary>A wind that is neither DIR/SPEED, a bundled climatology nor a readable wind grid file.</summary>
    InvalidWind,

    /// <summary>A Monte Carlo partial of another format or version.</summary>
    UnsupportedFormat,
}
