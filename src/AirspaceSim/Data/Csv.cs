using System.Text;

namespace AirspaceSim.Data;

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
        var sb = new StringBuilder();
        int i = 0;
        error = null;
        while (true)
        {
            // Leading blanks before a quote are allowed.
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
            i++; // skip the comma
        }
    }
}
