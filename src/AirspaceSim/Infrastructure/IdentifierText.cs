using System.Buffers;
using System.Globalization;

namespace AirspaceSim.Infrastructure;

/// <summary>
/// The rule for identifiers a user gives (flight, closure, airspace and source ids, airport codes, operators, flight
/// numbers, type designators): no control character, C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F), nor the line and
/// paragraph separators U+2028 and U+2029. An id is printed in table rows, CSV fields and map labels; one of these
/// characters broke the table's line (a newline, a tab) or hid in it unseen (U+0007, U+0085), and no airline or
/// authority writes one in an identifier. Checked after the trimming each reader already does, so a tab or newline
/// around an id is still accepted as blank.
/// </summary>
internal static class IdentifierText
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(Characters());

    private static string Characters()
    {
        var chars = new List<char>();
        for (char c = '\u0000'; c <= '\u001F'; c++) chars.Add(c);
        for (char c = '\u007F'; c <= '\u009F'; c++) chars.Add(c);
        chars.Add('\u2028');
        chars.Add('\u2029');
        return new string([.. chars]);
    }

    /// <summary>What the rule accepts, for messages.</summary>
    public const string Rule = "ids are one line of text without control characters (U+0000–U+001F, U+007F–U+009F, U+2028, U+2029)";

    /// <summary>The 0-based index of the first forbidden character, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text) => text.IndexOfAny(Forbidden);

    /// <summary>Free text (an airport's name) with each forbidden character replaced by a space: a name is printed in
    /// tables and map labels as an id is, but it is not a key, and refusing a whole airports file for one name (real
    /// OpenFlights data has such names) would lose every other row for a character nobody reads.</summary>
    public static string Clean(string text)
    {
        int i = IndexOfForbidden(text);
        if (i < 0) return text;
        var chars = text.ToCharArray();
        for (; i < chars.Length; i++) if (Forbidden.Contains(chars[i])) chars[i] = ' ';
        return new string(chars).Trim(); // a replaced character at either end trims as a blank there did
    }

    /// <summary>Null when <paramref name="text"/> obeys the rule; else the problem, naming <paramref name="what"/>, the
    /// code point as U+XXXX and its 1-based position, e.g. <c>flight id has the control character U+000A at character 4; ...</c>.</summary>
    public static string? Problem(ReadOnlySpan<char> text, string what)
    {
        int i = IndexOfForbidden(text);
        if (i < 0) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} has the control character U+{(int)text[i]:X4} at character {i + 1} (of {text.Length}); {Rule}");
    }
}
