namespace AirspaceSim.Infrastructure;

/// <summary>Exception messages as one line of text for a result row or an error line.</summary>
internal static class ExceptionText
{
    /// <summary>
    /// The message without the " (Parameter 'x')" and "Actual value was …" parts that <see cref="ArgumentException"/>
    /// and <see cref="ArgumentOutOfRangeException"/> append, line breaks folded into spaces: a what-if reason or a CSV
    /// field must stay on its row.
    /// </summary>
    public static string OneLine(Exception e)
    {
        string m = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: not null })
        {
            int nl = m.LastIndexOf('\n');
            if (nl >= 0) m = m[..nl].TrimEnd('\r');
        }
        if (e is ArgumentException { ParamName: { } name }) m = m.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        return string.Join(' ', m.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
