namespace AirspaceSim.Data;

/// <summary>One row of a route list: its 1-based line number and the raw <c>from</c> and <c>to</c> texts (codes or
/// <c>LAT,LON</c>), not yet resolved.</summary>
/// <param name="LineNumber">1-based line number in the file.</param>
/// <param name="From">The origin text.</param>
/// <param name="To">The destination text.</param>
public sealed record RouteListRow(int LineNumber, string From, string To);

/// <summary>
/// Reads route lists: CSV with a header naming <c>from</c> and <c>to</c> columns (other columns are ignored), RFC 4180
/// quoting so that <c>"12.50,-70.02"</c> is one field. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class RouteListReader
{
    /// <summary>Reads a route list file.</summary>
    /// <exception cref="FormatException">A malformed header or row; the message names the file and line.</exception>
    public static IReadOnlyList<RouteListRow> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads route list text.</summary>
    /// <exception cref="FormatException">A malformed header or row; the message names the source and line.</exception>
    public static IReadOnlyList<RouteListRow> Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader, source);
    }

    /// <summary>Reads a route list.</summary>
    /// <exception cref="FormatException">A malformed header or row; the message names the source and line.</exception>
    public static IReadOnlyList<RouteListRow> Read(TextReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string src = source ?? "route list";
        var rows = new List<RouteListRow>();
        int lineNo = 0, from = -1, to = -1, width = 0;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (lineNo == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line) || line.AsSpan().TrimStart() is ['#', ..]) continue;
            if (from < 0)
            {
                var f = Csv.Split(line, out var headerError) ?? throw new FormatException($"{src}: line {lineNo}: {headerError}");
                var names = f.Select(x => x.Trim().ToLowerInvariant()).ToList();
                from = names.IndexOf("from"); to = names.IndexOf("to"); width = f.Count;
                if (from < 0 || to < 0)
                    throw new FormatException($"{src}: line {lineNo}: expected a header with 'from' and 'to' columns, found '{line}'");
                continue;
            }
            // A row: every field is checked, but only the two that are kept are copied.
            var fields = new Csv.FieldReader(line);
            Csv.Field fromField = default, toField = default;
            int count = 0;
            string? err;
            for (; fields.Next(out var field, out err); count++)
            {
                if (count == from) fromField = field;
                if (count == to) toField = field;
            }
            if (err != null) throw new FormatException($"{src}: line {lineNo}: {err}");
            if (count != width)
                throw new FormatException($"{src}: line {lineNo}: expected {width} fields like the header, found {count} in '{line}' (quote a LAT,LON as \"lat,lon\")");
            bool emptyFrom = fromField.Text.IsWhiteSpace();
            if (emptyFrom || toField.Text.IsWhiteSpace())
                throw new FormatException($"{src}: line {lineNo}: empty '{(emptyFrom ? "from" : "to")}' field");
            rows.Add(new RouteListRow(lineNo, fromField.ToTrimmedString(), toField.ToTrimmedString()));
        }
        if (from < 0) throw new FormatException($"{src}: no header line; expected 'from,to'");
        return rows;
    }
}
