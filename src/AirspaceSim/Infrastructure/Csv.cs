namespace AirspaceSim.Infrastructure;

/// <summary>A tiny RFC 4180 field splitter for one line: commas separate, double quotes quote, <c>""</c> escapes a quote.</summary>
internal static class Csv
{
    /// <summary>
    /// Splits a line into fields; unquoted fields are trimmed. Returns null and an error for a malformed line (an
    /// unterminated quote or text after a closing quote).
    /// </summary>
    public static List<string>? Split(string line, out string? error)
    {
        var fields = new List<string>();
        var reader = new FieldReader(line);
        while (reader.Next(out var field, out error)) fields.Add(field.ToString());
        return error == null ? fields : null;
    }

    /// <summary>The characters that make a field need quotes when written (RFC 4180): comma, quote, CR, LF.</summary>
    public static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\n\r");

    /// <summary>Appends <paramref name="text"/> as an RFC 4180 field: as it is, or quoted with its quotes doubled when it
    /// holds a comma, quote or line break.</summary>
    public static System.Text.StringBuilder AppendField(this System.Text.StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny(NeedsQuotes) < 0) return sb.Append(text);
        if (!text.Contains('"')) return sb.Append('"').Append(text).Append('"');
        return sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }

    /// <summary><paramref name="text"/> as an RFC 4180 field, quoted where it must be (see <see cref="AppendField"/>).</summary>
    public static string Quoted(string text) => text.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? text : new System.Text.StringBuilder(text.Length + 2).AppendField(text).ToString();

    /// <summary>How many characters of bad input a message quotes: enough to recognise it, never a whole file.</summary>
    public const int QuotedChars = 40;

    /// <summary>Text to quote in a message: whole when short, else its first <see cref="QuotedChars"/> characters and
    /// the length, e.g. <c>AAAA… (5,000,000 chars)</c>.</summary>
    public static string Clip(ReadOnlySpan<char> text) =>
        text.Length <= QuotedChars ? text.ToString()
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text[..QuotedChars]}… ({text.Length:N0} chars)");

    /// <summary>
    /// Whether a line of a record ends inside a quoted field (RFC 4180: the record goes on after the line break).
    /// <paramref name="inside"/> is the state at the start of the line: false at the start of a record. A quote opens a
    /// field only at its start (after blanks); whatever else is malformed is left to <see cref="FieldReader"/>. One
    /// pass over the line.
    /// </summary>
    public static bool EndsInsideQuotes(ReadOnlySpan<char> line, bool inside)
    {
        int i = 0;
        bool fieldStart = !inside;
        while (true)
        {
            if (inside)
            {
                int quote = line[i..].IndexOf('"');
                if (quote < 0) return true;
                i += quote + 1;
                if (i < line.Length && line[i] == '"') { i++; continue; } // an escaped quote
                inside = false;
                continue;
            }
            if (fieldStart)
            {
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                fieldStart = false;
                if (i < line.Length && line[i] == '"') { i++; inside = true; continue; }
            }
            int comma = line[i..].IndexOf(',');
            if (comma < 0) return false;
            i += comma + 1;
            fieldStart = true;
        }
    }

    /// <summary>
    /// One field of a line, not yet copied: unquoted fields trimmed, quoted ones between their quotes with <c>""</c>
    /// for each quote.
    /// </summary>
    public readonly ref struct Field(ReadOnlySpan<char> text, bool hasEscapedQuotes)
    {
        /// <summary>The field as written (see the type).</summary>
        public ReadOnlySpan<char> Text { get; } = text;

        /// <summary>The value: the text with escaped quotes unescaped.</summary>
        public override string ToString() => Unescape(Text);

        /// <summary>The value without surrounding white space.</summary>
        public string ToTrimmedString() => Unescape(Text.Trim()); // an escaped quote is no white space

        private string Unescape(ReadOnlySpan<char> text) =>
            hasEscapedQuotes ? text.ToString().Replace("\"\"", "\"") : text.ToString();
    }

    /// <summary>Reads the fields of one line in order, without allocating.</summary>
    public ref struct FieldReader(ReadOnlySpan<char> line)
    {
        private readonly ReadOnlySpan<char> _line = line;
        private int _next; // where the next field starts; past the end once the last field is read

        /// <summary>
        /// Reads the next field. Returns false after the last field, or with an error for a malformed field (an
        /// unterminated quote, text after a closing quote, a quote inside an unquoted field).
        /// </summary>
        public bool Next(out Field field, out string? error)
        {
            field = default;
            error = null;
            var line = _line;
            if (_next > line.Length) return false;
            // Leading blanks before a quote are allowed.
            int start = _next, i = start;
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                int content = ++i;
                bool escaped = false;
                while (true)
                {
                    int quote = line[i..].IndexOf('"');
                    if (quote < 0) { error = $"unterminated quoted field starting at column {start + 1}"; return false; }
                    i += quote + 1;
                    if (i < line.Length && line[i] == '"') { escaped = true; i++; continue; }
                    break;
                }
                field = new Field(line[content..(i - 1)], escaped);
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',') { error = $"unexpected text after a closing quote at column {i + 1}"; return false; }
            }
            else
            {
                i = start;
                int comma = line[i..].IndexOf(',');
                int end = comma < 0 ? line.Length : i + comma;
                var text = line[i..end];
                int quote = text.IndexOf('"');
                if (quote >= 0) { error = $"a quote inside an unquoted field at column {i + quote + 1}"; return false; }
                field = new Field(text.Trim(), false);
                i = end;
            }
            _next = i + 1; // past the comma, or past the end after the last field
            return true;
        }
    }
}
