using System.Text;
using AirspaceSim.Data;
using FsCheck;
using FsCheck.Fluent;

namespace AirspaceSim.Tests.Data;

/// <summary>
/// The span-based CSV splitter and route list reader against a straightforward reference (the earlier
/// implementation, kept here): the same fields, rows and error messages on random lines of CSV's special characters.
/// </summary>
public class CsvTests
{
    /// <summary>The reference splitter: a list, a builder and a string per field.</summary>
    private static List<string>? ReferenceSplit(string line, out string? error)
    {
        var fields = new List<string>();
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
                    if (i >= line.Length) { error = $"unterminated quoted field starting at column {start + 1}"; return null; }
                    char c = line[i++];
                    if (c != '"') { sb.Append(c); continue; }
                    if (i < line.Length && line[i] == '"') { sb.Append('"'); i++; continue; }
                    break;
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',') { error = $"unexpected text after a closing quote at column {i + 1}"; return null; }
                fields.Add(sb.ToString());
            }
            else
            {
                i = start;
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                var field = line[i..end];
                if (field.Contains('"')) { error = $"a quote inside an unquoted field at column {i + field.IndexOf('"') + 1}"; return null; }
                fields.Add(field.Trim());
                i = end;
            }
            if (i >= line.Length) return fields;
            i++;
        }
    }

    /// <summary>The reference route list reader, on the reference splitter.</summary>
    private static List<RouteListRow> ReferenceRead(string text, string src)
    {
        var reader = new StringReader(text);
        var rows = new List<RouteListRow>();
        int lineNo = 0, from = -1, to = -1, width = 0;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (lineNo == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var f = ReferenceSplit(line, out var err) ?? throw new FormatException($"{src}: line {lineNo}: {err}");
            if (from < 0)
            {
                var names = f.Select(x => x.Trim().ToLowerInvariant()).ToList();
                from = names.IndexOf("from"); to = names.IndexOf("to"); width = f.Count;
                if (from < 0 || to < 0)
                    throw new FormatException($"{src}: line {lineNo}: expected a header with 'from' and 'to' columns, found '{line}'");
                continue;
            }
            if (f.Count != width)
                throw new FormatException($"{src}: line {lineNo}: expected {width} fields like the header, found {f.Count} in '{line}' (quote a LAT,LON as \"lat,lon\")");
            string a = f[from].Trim(), b = f[to].Trim();
            if (a.Length == 0 || b.Length == 0)
                throw new FormatException($"{src}: line {lineNo}: empty '{(a.Length == 0 ? "from" : "to")}' field");
            rows.Add(new RouteListRow(lineNo, a, b));
        }
        if (from < 0) throw new FormatException($"{src}: no header line; expected 'from,to'");
        return rows;
    }

    /// <summary>Short lines of the characters that matter to CSV, with a little ordinary text.</summary>
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
        from header in Gen.Elements("from,to", "to , From", "x,\"from\",to,y", "id,to,from")
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
