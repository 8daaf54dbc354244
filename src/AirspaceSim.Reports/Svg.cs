using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AirspaceSim.Reports;

/// <summary>What an image is written as.</summary>
public enum ImageFormat
{
    /// <summary>PNG (raster).</summary>
    Png,
    /// <summary>SVG (vector, text as text).</summary>
    Svg,
}

/// <summary>The size of an image.</summary>
public sealed record ImageOptions
{
    /// <summary>Smallest width or height accepted, pixels.</summary>
    public const int MinPx = 200;

    /// <summary>Largest width or height accepted, pixels.</summary>
    public const int MaxPx = 8000;

    /// <summary>Width in pixels (200–8000).</summary>
    public int WidthPx { get; init; } = 1400;

    /// <summary>Height in pixels (200–8000).</summary>
    public int HeightPx { get; init; } = 900;

    /// <summary>Throws unless both sizes are in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size outside 200–8000 pixels.</exception>
    public void Validate()
    {
        if (WidthPx is < MinPx or > MaxPx) throw new ArgumentOutOfRangeException(nameof(WidthPx), WidthPx, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"width {WidthPx} px is outside {MinPx}–{MaxPx} px"));
        if (HeightPx is < MinPx or > MaxPx) throw new ArgumentOutOfRangeException(nameof(HeightPx), HeightPx, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"height {HeightPx} px is outside {MinPx}–{MaxPx} px"));
    }
}

/// <summary>SVG post-processing.</summary>
internal static partial class Svg
{
    /// <summary>
    /// The stroke alpha that marks a tagged stroke (invisible: 254 of 255). Skia's SVG canvas writes every path as a bare
    /// <c>&lt;path&gt;</c> with no way to name it; a <see cref="PathLayer"/> draws its tagged strokes with this alpha, in
    /// order, so the n-th marked element is the n-th tag.
    /// </summary>
    public const byte MarkerAlpha = 254;

    [GeneratedRegex("<path (?<attrs>[^>]*?)stroke-opacity=\"0\\.996078\\d*\"")]
    private static partial Regex MarkedPath();

    /// <summary>Gives the marked paths of <paramref name="svg"/> their class and <c>data-id</c>, in order.</summary>
    /// <exception cref="InvalidOperationException">The number of marked paths is not the number of tags.</exception>
    public static string Tag(string svg, IReadOnlyList<SvgTag> tags)
    {
        int i = 0;
        string tagged = MarkedPath().Replace(svg, m =>
        {
            if (i >= tags.Count) { i++; return m.Value; }
            var t = tags[i++];
            return $"<path class=\"{Encode(t.Class)}\" data-id=\"{Encode(t.Id)}\" {m.Groups["attrs"].Value}";
        });
        if (i != tags.Count)
            throw new InvalidOperationException($"SVG tagging: {i} marked paths for {tags.Count} tags");
        return tagged;
    }

    [GeneratedRegex(" d=\"([^\"]*)\"")]
    private static partial Regex PathData();

    [GeneratedRegex("[A-Za-z]|-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?")]
    private static partial Regex PathToken();

    /// <summary>
    /// Path data at 0.1 px: every coordinate rounded to a tenth of a pixel (Skia writes six significant digits; a tenth of
    /// a pixel at the image's own size is below what anti-aliasing shows), and a path of only moves, lines and closes
    /// rewritten with relative commands between the rounded points (exact in tenths, so nothing drifts). Other paths keep
    /// their commands, rounded.
    /// </summary>
    public static string RoundPathData(string svg) => PathData().Replace(svg, m => " d=\"" + Compact(m.Groups[1].Value) + "\"");

    private static string Compact(string d)
    {
        var tokens = PathToken().Matches(d).Select(t => t.Value).ToList();
        if (tokens.Any(t => char.IsLetter(t[0]) && t is not ("M" or "L" or "Z")) || tokens.Count == 0 || tokens[0] != "M")
            return string.Join(" ", tokens.Select(t => char.IsLetter(t[0]) ? t : Tenths(Round(t))));
        var sb = new StringBuilder(d.Length / 2);
        long cx = 0, cy = 0, sx = 0, sy = 0;
        char command = ' ', last = ' ';
        for (int i = 0; i < tokens.Count;)
        {
            if (char.IsLetter(tokens[i][0])) command = tokens[i++][0];
            if (command == 'Z')
            {
                sb.Append('z'); last = 'z';
                (cx, cy) = (sx, sy);
                command = ' ';
                continue;
            }
            if (command == ' ' || i + 1 >= tokens.Count) break; // malformed: keep what was read
            long x = Round(tokens[i]), y = Round(tokens[i + 1]);
            i += 2;
            char rel = command == 'M' ? 'm' : 'l';
            if (rel != last) sb.Append(rel);
            else if (!(x - cx < 0)) sb.Append(' ');
            sb.Append(Tenths(x - cx));
            if (!(y - cy < 0)) sb.Append(' ');
            sb.Append(Tenths(y - cy));
            (cx, cy) = (x, y);
            if (command == 'M') { (sx, sy) = (x, y); command = 'L'; } // pairs after a move are lines (relative ones after an m)
            last = 'l';
        }
        return sb.ToString();
    }

    private static long Round(string number) =>
        (long)Math.Round(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture) * 10, MidpointRounding.AwayFromZero);

    private static string Tenths(long t) =>
        (t / 10.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The SVG without its XML declaration, to inline in HTML.</summary>
    public static string Inline(string svg)
    {
        int at = svg.IndexOf("<svg", StringComparison.Ordinal);
        return at > 0 ? svg[at..] : svg;
    }

    /// <summary>Text or attribute value encoded for XML and HTML.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>UTF-8 bytes.</summary>
    public static byte[] Bytes(string svg) => Encoding.UTF8.GetBytes(svg);
}
