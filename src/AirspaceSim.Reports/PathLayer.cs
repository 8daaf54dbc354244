using ScottPlot;
using SkiaSharp;

namespace AirspaceSim.Reports;

/// <summary>One drawn shape: polylines in map-plane coordinates, filled and/or stroked, as one path.</summary>
/// <param name="Parts">The polylines (subpaths).</param>
/// <param name="Closed">Close each part (a polygon ring) and fill it with <paramref name="Fill"/>.</param>
/// <param name="Fill">Fill colour, or null.</param>
/// <param name="Stroke">Stroke colour, or null.</param>
/// <param name="WidthPx">Stroke width in pixels.</param>
/// <param name="Dashed">Stroke as dashes.</param>
/// <param name="TolerancePx">Points closer than this to the last one kept are left out (a 1:50m coast has thousands
/// per view, far below a pixel apart).</param>
/// <param name="Tag">When set, the SVG element of the stroke gets <c>class</c> = <see cref="SvgTag.Class"/> and
/// <c>data-id</c> = <see cref="SvgTag.Id"/> (see <see cref="Svg.Tag"/>).</param>
internal sealed record PathItem(IReadOnlyList<(double X, double Y)[]> Parts, bool Closed, SKColor? Fill, SKColor? Stroke, float WidthPx,
    bool Dashed = false, float TolerancePx = 0.5f, SvgTag? Tag = null);

/// <summary>A class and id to give the SVG element of a stroke.</summary>
/// <param name="Class">The class (a CSS identifier).</param>
/// <param name="Id">The value of <c>data-id</c>.</param>
internal sealed record SvgTag(string Class, string Id);

/// <summary>
/// A ScottPlot plottable that draws many shapes, each as one Skia path (ScottPlot's own scatter and polygon plottables
/// draw one shape each, cannot leave out a polygon's edges from its stroke, and dash through a Skia path effect that the
/// SVG backend does not support). Dashes are cut here, in pixels, so PNG and SVG look the same.
/// </summary>
internal sealed class PathLayer : IPlottable
{
    private static readonly float[] DashPattern = [7f, 5f];

    /// <summary>The shapes, drawn in order.</summary>
    public List<PathItem> Items { get; } = [];

    /// <summary>The tags of the tagged strokes drawn by the last render, in drawing order (<see cref="Svg.Tag"/> matches
    /// them to the SVG elements).</summary>
    public List<SvgTag> Drawn { get; } = [];

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new Axes();

    /// <inheritdoc />
    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    /// <inheritdoc />
    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        Drawn.Clear();
        using var paint = new SKPaint { IsAntialias = true, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round };
        foreach (var item in Items)
        {
            using var path = new SKPath { FillType = SKPathFillType.EvenOdd };
            foreach (var part in item.Parts) AddPart(path, part, item.Closed, item.TolerancePx);
            if (path.IsEmpty) continue;
            if (item.Fill is { } fill)
            {
                paint.Style = SKPaintStyle.Fill; paint.Color = fill;
                rp.Canvas.DrawPath(path, paint);
            }
            if (item.Stroke is not { } stroke) continue;
            paint.Style = SKPaintStyle.Stroke; paint.Color = stroke; paint.StrokeWidth = item.WidthPx;
            if (item.Dashed)
            {
                using var dashes = new SKPath();
                foreach (var part in item.Parts) AddDashes(dashes, part);
                if (dashes.IsEmpty) continue;
                Draw(rp, dashes, paint, item.Tag);
            }
            else Draw(rp, path, paint, item.Tag);
        }
    }

    private void Draw(RenderPack rp, SKPath path, SKPaint paint, SvgTag? tag)
    {
        if (tag != null)
        {
            paint.Color = paint.Color.WithAlpha(Svg.MarkerAlpha);
            Drawn.Add(tag);
        }
        rp.Canvas.DrawPath(path, paint);
    }

    /// <summary>Largest distance, pixels, by which <see cref="Simplify"/> moves a drawn line: below what anti-aliasing
    /// shows, so the picture does not change while an SVG loses most of the points of straight FIR edges.</summary>
    public const double SimplifyPx = 0.35;

    private void AddPart(SKPath path, (double X, double Y)[] part, bool closed, float tolerance)
    {
        if (part.Length < 2) return;
        var first = Pixel(part[0]);
        var kept = new List<SKPoint>(part.Length) { first };
        var last = first;
        for (int i = 1; i < part.Length; i++)
        {
            var p = Pixel(part[i]);
            if (i < part.Length - 1 && Math.Abs(p.X - last.X) < tolerance && Math.Abs(p.Y - last.Y) < tolerance) continue;
            kept.Add(p); last = p;
        }
        var points = Simplify(kept, SimplifyPx);
        path.MoveTo(points[0]);
        for (int i = 1; i < points.Count; i++) path.LineTo(points[i]);
        if (closed) path.Close();
    }

    /// <summary>
    /// Douglas–Peucker (Douglas and Peucker 1973, Cartographica 10(2)): the fewest of <paramref name="points"/>, ends kept,
    /// such that every point left out lies within <paramref name="epsilonPx"/> of the segment that replaces it.
    /// </summary>
    internal static List<SKPoint> Simplify(IReadOnlyList<SKPoint> points, double epsilonPx)
    {
        if (points.Count <= 2) return [.. points];
        var keep = new bool[points.Count];
        keep[0] = keep[^1] = true;
        var stack = new Stack<(int From, int To)>();
        stack.Push((0, points.Count - 1));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            double worst = -1; int at = -1;
            for (int i = a + 1; i < b; i++)
            {
                double d = SegmentDistance(points[i], points[a], points[b]);
                if (d > worst) { worst = d; at = i; }
            }
            if (worst <= epsilonPx) continue;
            keep[at] = true;
            stack.Push((a, at));
            stack.Push((at, b));
        }
        var list = new List<SKPoint>();
        for (int i = 0; i < points.Count; i++) if (keep[i]) list.Add(points[i]);
        return list;
    }

    private static double SegmentDistance(SKPoint p, SKPoint a, SKPoint b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.Clamp(((p.X - a.X) * dx + (p.Y - a.Y) * dy) / len2, 0, 1);
        double ex = a.X + t * dx - p.X, ey = a.Y + t * dy - p.Y;
        return Math.Sqrt(ex * ex + ey * ey);
    }

    private void AddDashes(SKPath path, (double X, double Y)[] part)
    {
        float carry = 0; // distance already covered in the current dash/gap
        int phase = 0;
        for (int i = 0; i + 1 < part.Length; i++)
        {
            SKPoint a = Pixel(part[i]), b = Pixel(part[i + 1]);
            float len = SKPoint.Distance(a, b), at = 0;
            while (at < len)
            {
                float step = Math.Min(DashPattern[phase] - carry, len - at);
                if (phase == 0)
                {
                    var p = a + new SKPoint((b.X - a.X) * at / len, (b.Y - a.Y) * at / len);
                    var q = a + new SKPoint((b.X - a.X) * (at + step) / len, (b.Y - a.Y) * (at + step) / len);
                    path.MoveTo(p); path.LineTo(q);
                }
                at += step; carry += step;
                if (carry >= DashPattern[phase]) { carry = 0; phase = 1 - phase; }
            }
        }
    }

    private SKPoint Pixel((double X, double Y) c)
    {
        var px = Axes.GetPixel(new Coordinates(c.X, c.Y));
        return new SKPoint(px.X, px.Y);
    }
}
