using SkiaSharp;

namespace AirspaceSim.Reports;

/// <summary>What the maps and charts share.</summary>
internal static class PlotStyle
{
    private static readonly Lazy<string> Sans = new(() =>
    {
        // ScottPlot's default sans-serif is a family a Linux box may not have (Skia then falls back to a serif).
        using var dejavu = SKFontManager.Default.MatchFamily("DejaVu Sans");
        return dejavu?.FamilyName ?? ScottPlot.Fonts.Sans;
    });

    /// <summary>The sans-serif family used for every text.</summary>
    public static string SansFont => Sans.Value;
}
