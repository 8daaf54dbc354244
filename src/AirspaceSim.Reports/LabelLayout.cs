using ScottPlot;

namespace AirspaceSim.Reports;

/// <summary>A rectangle in image pixels (y down).</summary>
internal readonly record struct PixelBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public (double X, double Y) Center => ((Left + Right) / 2, (Top + Bottom) / 2);

    /// <summary>The box of size <paramref name="w"/> × <paramref name="h"/> centred on (x, y).</summary>
    public static PixelBox Centered(double x, double y, double w, double h) => new(x - w / 2, y - h / 2, x + w / 2, y + h / 2);

    /// <summary>True when the interiors overlap (touching edges do not).</summary>
    public bool Intersects(in PixelBox o) => Left < o.Right && o.Left < Right && Top < o.Bottom && o.Top < Bottom;

    public bool Contains(in PixelBox o) => o.Left >= Left && o.Right <= Right && o.Top >= Top && o.Bottom <= Bottom;

    public PixelBox Grow(double d) => new(Left - d, Top - d, Right + d, Bottom + d);

    /// <summary>The point of the box nearest to (x, y).</summary>
    public (double X, double Y) Nearest(double x, double y) => (Math.Clamp(x, Left, Right), Math.Clamp(y, Top, Bottom));

    /// <summary>True when the segment from a to b passes through the box's interior (Liang–Barsky).</summary>
    public bool Crosses((double X, double Y) a, (double X, double Y) b)
    {
        double t0 = 0, t1 = 1, dx = b.X - a.X, dy = b.Y - a.Y;
        foreach (var (p, q) in new[] { (-dx, a.X - Left), (dx, Right - a.X), (-dy, a.Y - Top), (dy, Bottom - a.Y) })
        {
            if (p == 0) { if (q <= 0) return false; continue; }
            double r = q / p;
            if (p < 0) t0 = Math.Max(t0, r); else t1 = Math.Min(t1, r);
            if (t0 >= t1) return false;
        }
        return true;
    }
}

/// <summary>How a label may be placed.</summary>
internal enum LabelKind
{
    /// <summary>A closed area's id: inside its polygon, as near its interior point as a free slot allows.</summary>
    Area,
    /// <summary>An airport's code: in one of eight slots around the point, or farther out with a leader line, or dropped.</summary>
    Point,
    /// <summary>A FIR id: centred where it is, or dropped.</summary>
    Fixed,
}

/// <summary>A label to place: text, its measured size and where it belongs, all in image pixels.</summary>
/// <param name="Text">The text.</param>
/// <param name="Kind">How it may be placed.</param>
/// <param name="X">The anchor (the point, the area's interior point, the FIR's label position).</param>
/// <param name="Y">The anchor.</param>
/// <param name="Width">The text's measured width.</param>
/// <param name="Height">The text's measured height (line height).</param>
/// <param name="Polygon">For <see cref="LabelKind.Area"/>: the area's rings in pixels (even-odd).</param>
internal sealed record LabelRequest(string Text, LabelKind Kind, double X, double Y, double Width, double Height,
    IReadOnlyList<(double X, double Y)[]>? Polygon = null);

/// <summary>A placed label: its box and, when moved away from its point, the leader line's far end (on the box).</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Box">The text's box.</param>
/// <param name="LeaderTo">The end of the leader line from the anchor, or null when the label sits next to its point.</param>
internal sealed record PlacedLabel(LabelRequest Request, PixelBox Box, (double X, double Y)? LeaderTo);

/// <summary>
/// Deterministic greedy label placement (the "candidate positions" method of cartographic label placement; Imhof's
/// preference for the upper right of a point first): labels in priority order, each takes its first candidate box that
/// is inside the frame and meets no placed label, no obstacle (airport markers, legend, credits) and — for a leader —
/// whose leader crosses no placed label. Areas first, inside their polygon; then every point in its eight near slots;
/// then the points still without a slot farther out with a leader line; then the fixed labels. What finds no slot is
/// dropped (an airport keeps its marker).
/// </summary>
internal static class LabelLayout
{
    /// <summary>Space kept between a label and whatever is next to it, pixels.</summary>
    public const double GapPx = 1.5;

    // Near slots: the box's corner or edge midpoint this far from the point: clear of the point's own marker (radius 3
    // as an obstacle) by more than the gap.
    private const double NearPx = 5;

    // Leader slots: rings at these distances (box edge to point).
    private static readonly double[] LeaderPx = [14, 24, 36, 50];

    // Directions in order of preference: NE, E, SE, NW, W, SW, N, S (unit steps in x right, y down).
    private static readonly (int Dx, int Dy)[] Directions = [(1, -1), (1, 0), (1, 1), (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1)];

    /// <summary>Places <paramref name="requests"/> (in priority order within each kind) inside <paramref name="frame"/>.</summary>
    public static List<PlacedLabel> Place(IReadOnlyList<LabelRequest> requests, IReadOnlyList<PixelBox> obstacles, PixelBox frame)
    {
        var placed = new List<PlacedLabel>();
        var pending = new List<LabelRequest>();
        foreach (var r in requests.Where(r => r.Kind == LabelKind.Area))
            if (PlaceArea(r, placed, obstacles, frame) is { } p) placed.Add(p);
        foreach (var r in requests.Where(r => r.Kind == LabelKind.Point))
        {
            if (First(Directions.Select(d => Slot(r, d, NearPx)), b => Free(b, placed, obstacles, frame)) is { } b) placed.Add(new PlacedLabel(r, b, null));
            else pending.Add(r);
        }
        foreach (var r in pending)
        {
            foreach (double dist in LeaderPx)
            {
                var hit = First(Directions.Select(d => Slot(r, d, dist)),
                    b => Free(b, placed, obstacles, frame) && !placed.Any(p => p.Box.Grow(GapPx).Crosses((r.X, r.Y), b.Nearest(r.X, r.Y))));
                if (hit is { } b) { placed.Add(new PlacedLabel(r, b, b.Nearest(r.X, r.Y))); break; }
            }
        }
        foreach (var r in requests.Where(r => r.Kind == LabelKind.Fixed))
        {
            var b = PixelBox.Centered(r.X, r.Y, r.Width, r.Height);
            if (Free(b, placed, obstacles, frame)) placed.Add(new PlacedLabel(r, b, null));
        }
        return placed;
    }

    private static PixelBox? First(IEnumerable<PixelBox> boxes, Func<PixelBox, bool> ok)
    {
        foreach (var b in boxes) if (ok(b)) return b;
        return null;
    }

    // The box in direction d from the point, its nearest corner or edge midpoint at distance dist.
    private static PixelBox Slot(LabelRequest r, (int Dx, int Dy) d, double dist)
    {
        double cx = r.X + d.Dx * (dist + r.Width / 2), cy = r.Y + d.Dy * (dist + r.Height / 2);
        return PixelBox.Centered(cx, cy, r.Width, r.Height);
    }

    private static bool Free(in PixelBox b, List<PlacedLabel> placed, IReadOnlyList<PixelBox> obstacles, in PixelBox frame)
    {
        if (!frame.Contains(b)) return false;
        var g = b.Grow(GapPx);
        foreach (var p in placed) if (p.Box.Intersects(g)) return false;
        foreach (var o in obstacles) if (o.Intersects(g)) return false;
        return true;
    }

    // Candidate centres on a grid over the polygon's box (at most ~2,500), nearest the anchor first: the first free box
    // wholly inside the polygon; else the first free one centred inside it; else, ignoring the obstacles (an area's id
    // matters more than the marker it may cover), the first that meets no other label.
    private static PlacedLabel? PlaceArea(LabelRequest r, List<PlacedLabel> placed, IReadOnlyList<PixelBox> obstacles, PixelBox frame)
    {
        var rings = r.Polygon ?? [];
        if (rings.Count == 0) return null;
        double bx0 = Math.Max(rings.Min(g => g.Min(p => p.X)), frame.Left), bx1 = Math.Min(rings.Max(g => g.Max(p => p.X)), frame.Right);
        double by0 = Math.Max(rings.Min(g => g.Min(p => p.Y)), frame.Top), by1 = Math.Min(rings.Max(g => g.Max(p => p.Y)), frame.Bottom);
        if (bx1 <= bx0 || by1 <= by0) return null;
        double step = Math.Max(2, Math.Sqrt((bx1 - bx0) * (by1 - by0) / 2500));
        var centres = new List<(double X, double Y)> { (r.X, r.Y) };
        for (double y = by0 + step / 2; y < by1; y += step)
            for (double x = bx0 + step / 2; x < bx1; x += step) centres.Add((x, y));
        var inside = centres.Where(c => Inside(rings, c.X, c.Y))
            .OrderBy(c => (c.X - r.X) * (c.X - r.X) + (c.Y - r.Y) * (c.Y - r.Y)).ThenBy(c => c.Y).ThenBy(c => c.X).ToList();
        var boxes = inside.Select(c => PixelBox.Centered(c.X, c.Y, r.Width, r.Height)).ToList();
        foreach (var b in boxes)
            if (Free(b, placed, obstacles, frame) && BoxInside(rings, b)) return new PlacedLabel(r, b, null);
        foreach (var b in boxes)
            if (Free(b, placed, obstacles, frame)) return new PlacedLabel(r, b, null);
        foreach (var b in boxes)
            if (Free(b, placed, [], frame)) return new PlacedLabel(r, b, null);
        return null;
    }

    /// <summary>Even-odd point in polygon (rings implicitly closed).</summary>
    internal static bool Inside(IReadOnlyList<(double X, double Y)[]> rings, double x, double y)
    {
        bool inside = false;
        foreach (var ring in rings)
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Y > y) != (b.Y > y) && x < (b.X - a.X) * (y - a.Y) / (b.Y - a.Y) + a.X) inside = !inside;
            }
        return inside;
    }

    // Wholly inside: the four corners inside and no polygon edge through the box.
    private static bool BoxInside(IReadOnlyList<(double X, double Y)[]> rings, in PixelBox b)
    {
        if (!Inside(rings, b.Left, b.Top) || !Inside(rings, b.Right, b.Top) || !Inside(rings, b.Left, b.Bottom) || !Inside(rings, b.Right, b.Bottom)) return false;
        foreach (var ring in rings)
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
                if (b.Crosses(ring[j], ring[i])) return false;
        return true;
    }

    /// <summary>The box ScottPlot draws <paramref name="text"/> (one line) in: its own measurement (the advance width, the
    /// line height), made no smaller than the font's ascent-to-descent span, which holds every glyph (for DejaVu Sans the
    /// span exceeds ScottPlot's line height by about 2 %).</summary>
    public static (double Width, double Height) Measure(string text, float sizePx, bool bold)
    {
        var style = new LabelStyle { Text = text, FontSize = sizePx, Bold = bold, FontName = PlotStyle.SansFont };
        using var paint = Paint.NewDisposablePaint();
        var m = style.Measure(paint);
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(PlotStyle.SansFont, bold ? SkiaSharp.SKFontStyle.Bold : SkiaSharp.SKFontStyle.Normal);
        using var font = new SkiaSharp.SKFont(typeface, sizePx);
        font.GetFontMetrics(out var metrics);
        return (Math.Max(m.Width, font.MeasureText(text)), Math.Max(m.Height, metrics.Descent - metrics.Ascent));
    }
}

/// <summary>The map's data-to-pixel transform as ScottPlot lays it out: the data area is the whole image below the title
/// band (fixed padding), with the view's limits and square units (the view already has the data area's shape).</summary>
internal sealed record MapFrame(double X0, double X1, double Y0, double Y1, int WidthPx, int HeightPx, double TitlePx)
{
    public (double X, double Y) ToPixel(double x, double y) =>
        ((x - X0) / (X1 - X0) * WidthPx, TitlePx + (Y1 - y) / (Y1 - Y0) * (HeightPx - TitlePx));

    public (double X, double Y) ToData(double px, double py) =>
        (X0 + px / WidthPx * (X1 - X0), Y1 - (py - TitlePx) / (HeightPx - TitlePx) * (Y1 - Y0));

    /// <summary>The data area in pixels.</summary>
    public PixelBox Area => new(0, TitlePx, WidthPx, HeightPx);
}
