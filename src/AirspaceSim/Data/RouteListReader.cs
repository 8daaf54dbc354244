using System.Globalization;
using AirspaceSim.Infrastructure;
namespace AirspaceSim.Data;

/// <summary>What is wrong with a row of a route list (<see cref="RouteListProblem.None"/> for a good row).</summary>
public enum RouteListProblem
{
    /// <summary>A well-formed row.</summary>
    None,
    /// <summary>Malformed CSV: an unterminated quote, text after a closing quote, a quote inside an unquoted field.</summary>
    Malformed,
    /// <summary>A quoted field goes on past the end of its line; route lists keep each row on one line.</summary>
    SpansLines,
    /// <summary>More or fewer fields than the header.</summary>
    FieldCount,
    /// <summary>An empty <c>from</c> or <c>to</c> field.</summary>
    EmptyField,
    /// <summary>A field longer than <see cref="RouteListReader.MaxFieldChars"/>, or a <c>from</c> or <c>to</c> longer
    /// than <see cref="RouteListReader.MaxLocationChars"/>.</summary>
    TooLong,
    /// <summary>A <c>type</c> with a control character (U+0000–U+001F, U+007F–U+009F) or a line or paragraph
    /// separator (U+2028, U+2029) inside it: no designator has one. A <c>from</c> or <c>to</c> with one is refused when
    /// it is resolved (<see cref="AirportDirectory.Resolve"/>), after the hint for two numbers without a comma
    /// (<c>12.5&#9;-70.02</c>).</summary>
    ControlCharacter,
}

/// <summary>One row of a route list: its 1-based line number and the raw <c>from</c> and <c>to</c> texts (codes or
/// <c>LAT,LON</c>), not yet resolved; or, for a row that cannot be read, what is wrong with it.</summary>
/// <param name="LineNumber">1-based line number in the file (the first line of a row that spans lines).</param>
/// <param name="From">The origin text; for a bad row what could be read of it, clipped (possibly empty).</param>
/// <param name="To">The destination text; likewise.</param>
public sealed record RouteListRow(int LineNumber, string From, string To)
{
    /// <summary>The row's aircraft type designator from an optional <c>type</c> column, trimmed, not yet resolved; null
    /// when the list has no such column or the field is empty (the caller's default type applies).</summary>
    public string? AircraftType { get; init; }

    /// <summary>What is wrong with the row; <see cref="RouteListProblem.None"/> for a good row.</summary>
    public RouteListProblem Problem { get; init; }

    /// <summary>Why the row cannot be used (quoting at most a short prefix of the input); null for a good row.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// Reads route lists: CSV with a header naming <c>from</c> and <c>to</c> columns and optionally a <c>type</c> column (an
/// aircraft type designator per row, <see cref="RouteListRow.AircraftType"/>); other columns are ignored and listed
/// in <see cref="IgnoredColumns"/>; RFC 4180 quoting so that <c>"12.50,-70.02"</c> is one field. Blank lines and lines
/// starting with <c>#</c> are skipped.
/// </summary>
/// <remarks>
/// Only the header can fail the whole list (a <see cref="FormatException"/> from the constructor). Every other record
/// becomes exactly one <see cref="RouteListRow"/>, in order, good or not, so that one bad row never loses the others.
/// A record is one line, except when a quoted field goes on past the line break (RFC 4180): then it is the lines up to
/// the one that closes the quote, one error row. A quote that does not close within <see cref="MaxFieldChars"/>
/// characters is unterminated: that line alone is the error row and reading goes on with the next line (a stray quote
/// does not swallow the rest of the file). Rows stream: memory is bounded by the longest line, whatever the row count.
/// Hand-written rather than Sep or CsvHelper: the reader must turn each malformed record into a row with its own
/// reason and go on, which both packages leave to the caller at the level of whole records.
/// </remarks>
public sealed class RouteListReader
{
    /// <summary>The longest field accepted, in characters; a longer field makes its row an error. It also bounds how
    /// far ahead the reader looks for the quote that closes a field opened on an earlier line.</summary>
    public const int MaxFieldChars = 1024;

    /// <summary>The longest <c>from</c> or <c>to</c> accepted: no airport code or <c>LAT,LON</c> in decimal degrees
    /// comes close, so a longer one is an error row without being looked up.</summary>
    public const int MaxLocationChars = 64;

    private readonly TextReader _reader;
    private readonly List<string> _ahead = []; // lines read while looking for a closing quote, not yet handed out
    private int _aheadStart;
    private int _lineNumber; // of the last line handed out
    private readonly int _from, _to, _type, _width;
    private bool _started;

    /// <inheritdoc cref="RouteListReader(TextReader, string?)"/>
    public RouteListReader(TextReader reader) : this(reader, null) { }

    /// <summary>Reads and checks the header; the rows are read by <see cref="ReadRows"/>.</summary>
    /// <param name="reader">The route list text; the caller disposes it.</param>
    /// <param name="source">The file name (or other source) messages name; default "route list".</param>
    /// <exception cref="FormatException">No header, a header without <c>from</c> or <c>to</c>, a duplicate column, or a
    /// malformed header line; the message names the source and line.</exception>
    public RouteListReader(TextReader reader, string? source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        Source = source ?? "route list";
        string? line;
        while ((line = NextLine()) != null)
        {
            if (_lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (!IsSkipped(line)) break;
        }
        if (line == null) throw new FormatException($"{Source}: no header line; expected 'from,to'");
        HeaderLineNumber = _lineNumber;
        var fields = Csv.Split(line, out var error) ?? throw new FormatException($"{Source}: line {_lineNumber}: {error}");
        var names = fields.Select(x => x.Trim()).ToList();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0) continue; // unnamed columns (a trailing comma) are ignored, never duplicates
            if (seen.TryGetValue(names[i], out int first))
                throw new FormatException($"{Source}: line {_lineNumber}: duplicate column '{Csv.Clip(names[i])}' (columns {first + 1} and {i + 1}); each column name may appear once");
            seen[names[i]] = i;
        }
        _from = seen.GetValueOrDefault("from", -1);
        _to = seen.GetValueOrDefault("to", -1);
        _type = seen.GetValueOrDefault("type", -1);
        _width = names.Count;
        if (_from < 0 || _to < 0)
            throw new FormatException($"{Source}: line {_lineNumber}: expected a header with 'from' and 'to' columns, found '{Csv.Clip(line)}'{SeparatorHint(line)}");
        Columns = ReadOnlyLists.Of(names);
        IgnoredColumns = Enumerable.Range(0, names.Count).Where(i => i != _from && i != _to && i != _type).ToArray().AsReadOnly();
    }

    /// <summary>The source named in messages.</summary>
    public string Source { get; }

    /// <summary>1-based line number of the header.</summary>
    public int HeaderLineNumber { get; }

    /// <summary>The column names of the header, trimmed, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether the header has a <c>type</c> column (aircraft type designators per row).</summary>
    public bool HasTypeColumn => _type >= 0;

    /// <summary>0-based positions of the columns other than <c>from</c>, <c>to</c> and <c>type</c>, which are read past.</summary>
    public IReadOnlyList<int> IgnoredColumns { get; }

    /// <summary>The rows after the header, one per record, in order, read as they are enumerated (once).</summary>
    /// <exception cref="InvalidOperationException">The rows were already read.</exception>
    public IEnumerable<RouteListRow> ReadRows()
    {
        if (_started) throw new InvalidOperationException("the rows of a RouteListReader can be read once");
        _started = true;
        return Rows();
    }

    private IEnumerable<RouteListRow> Rows()
    {
        for (string? line; (line = NextLine()) != null;)
        {
            if (IsSkipped(line)) continue;
            int lineNumber = _lineNumber;
            if (Csv.EndsInsideQuotes(line, false) && FindClosingLine() is int more and > 0)
            {
                for (int k = 0; k < more; k++) NextLine();
                yield return Bad(lineNumber, "", "", RouteListProblem.SpansLines,
                    $"a quoted field spans lines {lineNumber}–{_lineNumber}: each row must be on one line (a line break inside quotes is not accepted)");
                continue;
            }
            yield return ReadRow(line, lineNumber);
        }
    }

    /// <summary>
    /// How many lines after the current one a quoted field left open takes to close, within <see cref="MaxFieldChars"/>
    /// characters; 0 when it does not close in time (or the file ends). The lines looked at stay queued for reading.
    /// </summary>
    private int FindClosingLine()
    {
        int budget = MaxFieldChars;
        for (int k = 0; ; k++)
        {
            var next = PeekLine(k);
            if (next == null || (budget -= next.Length + 1) < 0) return 0;
            if (!Csv.EndsInsideQuotes(next, true)) return k + 1;
        }
    }

    private RouteListRow ReadRow(string line, int lineNumber)
    {
        // Every field is checked, but only the two that are kept are copied.
        var fields = new Csv.FieldReader(line);
        Csv.Field fromField = default, toField = default, typeField = default;
        int count = 0, tooLong = -1, tooLongChars = 0;
        string? err;
        for (; fields.Next(out var field, out err); count++)
        {
            if (count == _from) fromField = field;
            if (count == _to) toField = field;
            if (count == _type) typeField = field;
            if (tooLong < 0 && field.Text.Length > MaxFieldChars) { tooLong = count; tooLongChars = field.Text.Length; }
        }
        string from = Shown(fromField), to = Shown(toField);
        if (err != null) return Bad(lineNumber, from, to, RouteListProblem.Malformed, err);
        if (tooLong >= 0)
            return Bad(lineNumber, from, to, RouteListProblem.TooLong,
                string.Create(CultureInfo.InvariantCulture, $"field {tooLong + 1} is {tooLongChars:N0} characters long, more than the {MaxFieldChars:N0} accepted"));
        if (count != _width)
            return Bad(lineNumber, from, to, RouteListProblem.FieldCount,
                $"expected {_width} fields like the header, found {count} in '{Csv.Clip(line)}' (quote a LAT,LON as \"lat,lon\")");
        bool emptyFrom = fromField.Text.IsWhiteSpace();
        if (emptyFrom || toField.Text.IsWhiteSpace())
            return Bad(lineNumber, from, to, RouteListProblem.EmptyField, $"empty '{(emptyFrom ? "from" : "to")}' field");
        ReadOnlySpan<char> fromText = fromField.Text.Trim(), toText = toField.Text.Trim();
        if (fromText.Length > MaxLocationChars || toText.Length > MaxLocationChars)
        {
            bool isFrom = fromText.Length > MaxLocationChars;
            return Bad(lineNumber, from, to, RouteListProblem.TooLong,
                $"'{(isFrom ? "from" : "to")}' is {(isFrom ? fromText : toText).Length:N0} characters long: not an airport code or LAT,LON (at most {MaxLocationChars})");
        }
        string? type = _type < 0 || typeField.Text.IsWhiteSpace() ? null : typeField.ToTrimmedString();
        // On the value (escaped quotes undone), so that the position counts its characters.
        if (IdentifierText.Problem(type, "'type'") is { } control)
            return Bad(lineNumber, from, to, RouteListProblem.ControlCharacter, control);
        return new RouteListRow(lineNumber, fromField.ToTrimmedString(), toField.ToTrimmedString()) { AircraftType = type };
    }

    /// <summary>A field of a bad row as the row shows it: its value, clipped (a long field is not copied whole).</summary>
    private static string Shown(Csv.Field field) =>
        field.Text.Length > MaxFieldChars ? Csv.Clip(field.Text.Trim()) : Csv.Clip(field.ToTrimmedString());

    private static RouteListRow Bad(int lineNumber, string from, string to, RouteListProblem problem, string error) =>
        new(lineNumber, from, to) { Problem = problem, Error = error };

    // A header written with another separator (a spreadsheet's ';' export, a tab-separated file) says so.
    private static string SeparatorHint(string line)
    {
        string lower = line.ToLowerInvariant();
        if (!lower.Contains("from", StringComparison.Ordinal) || !lower.Contains("to", StringComparison.Ordinal) || line.Contains(',', StringComparison.Ordinal)) return "";
        foreach (var (c, name) in new[] { (';', "semicolons"), ('\t', "tabs"), ('|', "'|'") })
            if (line.Contains(c, StringComparison.Ordinal)) return $"; the fields are separated by {name}: the route list is comma-separated (from,to)";
        return "";
    }

    private static bool IsSkipped(string line) => string.IsNullOrWhiteSpace(line) || line.AsSpan().TrimStart() is ['#', ..];

    private string? NextLine()
    {
        string? line;
        if (_aheadStart < _ahead.Count)
        {
            line = _ahead[_aheadStart++];
            if (_aheadStart == _ahead.Count) { _ahead.Clear(); _aheadStart = 0; }
        }
        else line = _reader.ReadLine();
        if (line != null) _lineNumber++;
        return line;
    }

    private string? PeekLine(int k)
    {
        while (_ahead.Count - _aheadStart <= k)
        {
            var line = _reader.ReadLine();
            if (line == null) return null;
            _ahead.Add(line);
        }
        return _ahead[_aheadStart + k];
    }

    /// <summary>Reads a whole route list file.</summary>
    /// <exception cref="FormatException">A malformed header; the message names the file and line.</exception>
    public static IReadOnlyList<RouteListRow> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <inheritdoc cref="Parse(string, string?)"/>
    public static IReadOnlyList<RouteListRow> Parse(string text) => Parse(text, null);

    /// <summary>Reads route list text.</summary>
    /// <exception cref="FormatException">A malformed header; the message names the source and line.</exception>
    public static IReadOnlyList<RouteListRow> Parse(string text, string? source)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader, source);
    }

    /// <inheritdoc cref="Read(TextReader, string?)"/>
    public static IReadOnlyList<RouteListRow> Read(TextReader reader) => Read(reader, null);

    /// <summary>Reads a whole route list (see <see cref="ReadRows"/> to stream one instead).</summary>
    /// <exception cref="FormatException">A malformed header; the message names the source and line.</exception>
    public static IReadOnlyList<RouteListRow> Read(TextReader reader, string? source) =>
        new RouteListReader(reader, source).ReadRows().ToList();
}
