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
        if (WidthPx is < MinPx or > MaxPx) throw new ArgumentOutOfRangeException(nameof(WidthPx), WidthPx, $"width {WidthPx} px is outside {MinPx}–{MaxPx} px");
        if (HeightPx is < MinPx or > MaxPx) throw new ArgumentOutOfRangeException(nameof(HeightPx), HeightPx, $"height {HeightPx} px is outside {MinPx}–{MaxPx} px");
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

    [GeneratedRegex("-?\\d+\\.\\d+")]
    private static partial Regex Decimal();

    /// <summary>
    /// Path coordinates rounded to 0.1 px (Skia writes six significant digits): a tenth of a pixel at the image's own size
    /// is below what anti-aliasing shows, and the map's SVG loses about a fifth of its bytes.
    /// </summary>
    public static string RoundPathData(string svg) =>
        PathData().Replace(svg, m => " d=\"" + Decimal().Replace(m.Groups[1].Value, n =>
        {
            string r = Math.Round(double.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero)
                .ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            return r == "-0" ? "0" : r;
        }) + "\"");

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
