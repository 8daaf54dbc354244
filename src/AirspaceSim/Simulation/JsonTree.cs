using System.Text;
using System.Text.Json;

namespace AirspaceSim.Simulation;

/// <summary>
/// A JSON value with where it came from (line, column, JSON path), so that a scenario's semantic errors (unknown id,
/// window ending before it starts) point at the offending text. Written by hand because System.Text.Json's DOM keeps
/// no positions; parsing itself is Utf8JsonReader's.
/// </summary>
internal sealed class JsonTree
{
    public JsonValueKind Kind { get; private init; }
    public string Path { get; private init; } = "$";
    public int Line { get; private init; }
    public int Column { get; private init; }
    public string? Text { get; private init; } // string value or raw number text
    public List<(string Name, JsonTree Value)> Properties { get; } = [];
    public List<JsonTree> Items { get; } = [];
    public int Start { get; private init; }
    public int End { get; private set; }

    /// <summary>Parses <paramref name="utf8"/>; syntax errors become <see cref="ScenarioFormatException"/>.</summary>
    public static JsonTree Parse(byte[] utf8, string file)
    {
        var lines = new LineMap(utf8);
        // Utf8JsonReader checks structure, not the bytes inside strings: an invalid sequence there would surface later
        // as an InvalidOperationException from GetString. Refuse it here, where its position is known (found by fuzzing).
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            System.Text.Unicode.Utf8.ToUtf16(utf8, new char[utf8.Length], out int valid, out _, replaceInvalidSequences: false);
            var (l, c) = lines.At(valid);
            throw new ScenarioFormatException(file, l, c, "$", ScenarioProblem.InvalidJson, $"not valid UTF-8 at byte {valid}: save the file as UTF-8");
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) throw new ScenarioFormatException(file, 1, 1, "$", ScenarioProblem.InvalidJson, "the file is empty: expected a JSON object");
            var root = ReadValue(ref reader, "$", lines);
            if (reader.Read()) { var (l, c) = lines.At((int)reader.TokenStartIndex); throw new ScenarioFormatException(file, l, c, "$", ScenarioProblem.InvalidJson, "more than one JSON value in the file"); }
            return root;
        }
        catch (JsonException e)
        {
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

    private static JsonTree ReadValue(ref Utf8JsonReader r, string path, LineMap lines)
    {
        int start = (int)r.TokenStartIndex;
        var (line, col) = lines.At(start);
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new JsonTree { Kind = JsonValueKind.Object, Path = path, Line = line, Column = col, Start = start };
                while (r.Read() && r.TokenType != JsonTokenType.EndObject)
                {
                    string name = r.GetString()!;
                    r.Read();
                    node.Properties.Add((name, ReadValue(ref r, $"{path}.{name}", lines)));
                }
                node.End = (int)r.TokenStartIndex + 1;
                return node;
            }
            case JsonTokenType.StartArray:
            {
                var node = new JsonTree { Kind = JsonValueKind.Array, Path = path, Line = line, Column = col, Start = start };
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    node.Items.Add(ReadValue(ref r, $"{path}[{node.Items.Count}]", lines));
                node.End = (int)r.TokenStartIndex + 1;
                return node;
            }
            case JsonTokenType.String:
                return new JsonTree { Kind = JsonValueKind.String, Path = path, Line = line, Column = col, Text = r.GetString(), Start = start };
            case JsonTokenType.Number:
                return new JsonTree { Kind = JsonValueKind.Number, Path = path, Line = line, Column = col, Text = Encoding.UTF8.GetString(r.ValueSpan), Start = start };
            case JsonTokenType.True: return new JsonTree { Kind = JsonValueKind.True, Path = path, Line = line, Column = col, Start = start };
            case JsonTokenType.False: return new JsonTree { Kind = JsonValueKind.False, Path = path, Line = line, Column = col, Start = start };
            default: return new JsonTree { Kind = JsonValueKind.Null, Path = path, Line = line, Column = col, Start = start };
        }
    }

    /// <summary>Line starts of a UTF-8 buffer: byte offset → 1-based line and column (in characters).</summary>
    private sealed class LineMap
    {
        private readonly byte[] _utf8;
        private readonly List<int> _starts = [0];

        public LineMap(byte[] utf8)
        {
            _utf8 = utf8;
            for (int i = 0; i < utf8.Length; i++)
                if (utf8[i] == (byte)'\n') _starts.Add(i + 1);
        }

        public (int Line, int Column) At(int offset)
        {
            int k = _starts.BinarySearch(offset);
            if (k < 0) k = ~k - 1;
            int col = 1;
            for (int i = _starts[k]; i < offset && i < _utf8.Length; i++)
                if ((_utf8[i] & 0xC0) != 0x80) col++; // count characters, not continuation bytes
            return (k + 1, col);
        }
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
