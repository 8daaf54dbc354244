using System.Text;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace AirspaceSim.Tests.Data;

/// <summary>
/// The span-based CSV splitter and the streaming route list reader against a straightforward reference (the earlier
/// splitter, kept here, and a reader over the whole text split into lines): the same fields, rows, error rows and
/// messages on random lines of CSV's special characters.
/// </summary>
public class CsvTests
{
    /// <summary>The reference splitter: a list, a builder and a string per field.</summary>
    private static List<string>? ReferenceSplit(string line, out string? error) =>
        ReferenceSplit(line, out var fields, out error) ? fields : null;

    /// <summary>The reference splitter; on an error, <paramref name="fields"/> holds the fields read before it.</summary>
    private static bool ReferenceSplit(string line, out List<string> fields, out string? error)
    {
        fields = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        error = null;
        while (true)
        {
            int start = i;
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                sb.Clear();
                while (true)
                {
                    if (i >= line.Length) { error = $"unterminated quoted field starting at column {start + 1}"; return false; }
                    char c = line[i++];
                    if (c != '"') { sb.Append(c); continue; }
                    if (i < line.Length && line[i] == '"') { sb.Append('"'); i++; continue; }
                    break;
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',') { error = $"unexpected text after a closing quote at column {i + 1}"; return false; }
                fields.Add(sb.ToString());
            }
            else
            {
                i = start;
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                var field = line[i..end];
                if (field.Contains('"')) { error = $"a quote inside an unquoted field at column {i + field.IndexOf('"') + 1}"; return false; }
                fields.Add(field.Trim());
                i = end;
            }
            if (i >= line.Length) return true;
            i++;
        }
    }

    private enum QuoteState { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterQuote }

    /// <summary>The quote state after a record's text, one character at a time from <paramref name="state"/> (RFC
    /// 4180's grammar: a quote opens a field only at its start, after blanks; "" inside quotes is a quote). The record
    /// ends inside a quoted field when the result is <see cref="QuoteState.Quoted"/>.</summary>
    private static QuoteState ReferenceQuoteState(string text, QuoteState state = QuoteState.FieldStart)
    {
        foreach (char c in text)
            state = (state, c) switch
            {
                (QuoteState.FieldStart, ' ' or '\t') => QuoteState.FieldStart,
                (QuoteState.FieldStart, '"') => QuoteState.Quoted,
                (QuoteState.Quoted, '"') => QuoteState.QuoteInQuoted,
                (QuoteState.Quoted, _) => QuoteState.Quoted,
                (QuoteState.QuoteInQuoted, '"') => QuoteState.Quoted,
                (_, ',') => QuoteState.FieldStart,
                (QuoteState.QuoteInQuoted or QuoteState.AfterQuote, _) => QuoteState.AfterQuote,
                _ => QuoteState.Unquoted,
            };
        return state;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : $"{s[..40]}… ({s.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} chars)";

    private static RouteListRow Bad(int line, string from, string to, RouteListProblem problem, string error) =>
        new(line, Clip(from), Clip(to)) { Problem = problem, Error = error };

    /// <summary>The reference route list reader, on the reference splitter, over the whole text split into lines: a
    /// record that ends inside quotes goes on to the line that closes them, if that is within 1,024 characters.</summary>
    private static List<RouteListRow> ReferenceRead(string text, string src)
    {
        var lines = System.Text.RegularExpressions.Regex.Split(text, "\r\n|\n|\r").ToList();
        if (text.Length == 0 || text.EndsWith('\n') || text.EndsWith('\r')) lines.RemoveAt(lines.Count - 1); // no line after the last break
        var rows = new List<RouteListRow>();
        int from = -1, to = -1, width = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            int lineNo = i + 1;
            if (lineNo == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            if (from < 0)
            {
                var f0 = ReferenceSplit(line, out var err0) ?? throw new FormatException($"{src}: line {lineNo}: {err0}");
                var names = f0.Select(x => x.Trim().ToLowerInvariant()).ToList();
                for (int b = 1; b < names.Count; b++)
                    for (int a = 0; a < b; a++)
                        if (names[a].Length > 0 && names[a] == names[b])
                            throw new FormatException($"{src}: line {lineNo}: duplicate column '{f0[b].Trim()}' (columns {a + 1} and {b + 1}); each column name may appear once");
                from = names.IndexOf("from"); to = names.IndexOf("to"); width = f0.Count;
                if (from < 0 || to < 0)
                    throw new FormatException($"{src}: line {lineNo}: expected a header with 'from' and 'to' columns, found '{Clip(line)}'");
                continue;
            }
            var state = ReferenceQuoteState(line);
            if (state == QuoteState.Quoted)
            {
                int j = i, chars = 0;
                while (state == QuoteState.Quoted && ++j < lines.Count && (chars += lines[j].Length + 1) <= 1024)
                    state = ReferenceQuoteState("\n" + lines[j], state);
                if (j < lines.Count && chars <= 1024)
                {
                    rows.Add(Bad(lineNo, "", "", RouteListProblem.SpansLines,
                        $"a quoted field spans lines {lineNo}–{j + 1}: each row must be on one line (a line break inside quotes is not accepted)"));
                    i = j;
                    continue;
                }
            }
            bool ok = ReferenceSplit(line, out var f, out var err);
            string a0 = from < f.Count ? f[from].Trim() : "", b0 = to < f.Count ? f[to].Trim() : "";
            if (!ok) rows.Add(Bad(lineNo, a0, b0, RouteListProblem.Malformed, err!));
            else if (f.Count != width)
                rows.Add(Bad(lineNo, a0, b0, RouteListProblem.FieldCount, $"expected {width} fields like the header, found {f.Count} in '{Clip(line)}' (quote a LAT,LON as \"lat,lon\")"));
            else if (a0.Length == 0 || b0.Length == 0)
                rows.Add(Bad(lineNo, a0, b0, RouteListProblem.EmptyField, $"empty '{(a0.Length == 0 ? "from" : "to")}' field"));
            else if (a0.Length > 64 || b0.Length > 64)
                rows.Add(Bad(lineNo, a0, b0, RouteListProblem.TooLong,
                    $"'{(a0.Length > 64 ? "from" : "to")}' is {(a0.Length > 64 ? a0 : b0).Length} characters long: not an airport code or LAT,LON (at most 64)"));
            else rows.Add(new RouteListRow(lineNo, a0, b0));
        }
        if (from < 0) throw new FormatException($"{src}: no header line; expected 'from,to'");
        return rows;
    }

    /// <summary>Short lines of the characters that matter to CSV, with a little ordinary text (line breaks inside quotes
    /// come from joining lines).</summary>
    private static readonly Gen<string> Lines =
        Gen.ArrayOf(Gen.Elements('"', '"', ',', ',', ' ', '\t', '\u00A0', 'a', 'B', '1', '.', '#')).Select(cs => new string(cs));

    [FsCheck.NUnit.Property(MaxTest = 5_000)]
    public Property SplitMatchesTheReference() => Prop.ForAll(Arb.From(Lines), line =>
    {
        var expected = ReferenceSplit(line, out var expectedError);
        var actual = Csv.Split(line, out var actualError);
        return (actualError == expectedError && (expected == null ? actual == null : actual != null && actual.SequenceEqual(expected)))
            .Label($"'{line}': [{Show(actual)}] {actualError} vs [{Show(expected)}] {expectedError}");
    });

    /// <summary>Route lists: a header with from and to among other columns, then random rows (some well formed).</summary>
    private static readonly Gen<string> Lists =
        from header in Gen.Elements("from,to", "to , From", "x,\"from\",to,y", "id,to,from", "from,to,FROM", "from,to,,")
        from rows in Gen.ArrayOf(Gen.OneOf(Lines, WellFormedRows))
        from newline in Gen.Elements("\n", "\r\n", "\r")
        select string.Join(newline, rows.Prepend(header)) + newline;

    private static readonly Gen<string> WellFormedRows =
        from fields in Gen.ArrayOf(Gen.Elements("AMS", " cur ", "\"12.5,-70\"", " \"say \"\"hi\"\"\" ", "\"  x \"", "", "\" \""), 2)
        from extra in Gen.Elements("", ",z", ",\"q,r\",s")
        select string.Join(',', fields) + extra;

    [FsCheck.NUnit.Property(MaxTest = 5_000)]
    public Property RouteListReaderMatchesTheReference() => Prop.ForAll(Arb.From(Lists), text =>
    {
        string expected, actual;
        try { expected = string.Join(" | ", ReferenceRead(text, "r.csv")); } catch (FormatException e) { expected = "error: " + e.Message; }
        try { actual = string.Join(" | ", RouteListReader.Parse(text, "r.csv")); } catch (FormatException e) { actual = "error: " + e.Message; }
        return (actual == expected).Label($"{text.ReplaceLineEndings("⏎")}: {actual} vs {expected}");
    });

    [TestCase("a, \"b,c\" ,\"\"\"x\"\"\",, d ", new[] { "a", "b,c", "\"x\"", "", "d" })]
    [TestCase("", new[] { "" })]
    [TestCase(",", new[] { "", "" })]
    [TestCase(" \" a \" ", new[] { " a " })]
    public void SplitsFields(string line, string[] fields)
    {
        Assert.That(Csv.Split(line, out var error), Is.EqualTo(fields));
        Assert.That(error, Is.Null);
    }

    [TestCase("a,\"b", "unterminated quoted field starting at column 3")]
    [TestCase("\"a\" b", "unexpected text after a closing quote at column 5")]
    [TestCase("a,b\"c", "a quote inside an unquoted field at column 4")]
    public void NamesTheColumnOfAnError(string line, string message)
    {
        Assert.That(Csv.Split(line, out var error), Is.Null);
        Assert.That(error, Is.EqualTo(message));
    }

    private static string Show(List<string>? fields) => fields == null ? "null" : string.Join("|", fields);
}
