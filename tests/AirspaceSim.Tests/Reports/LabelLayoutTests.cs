using AirspaceSim.Reports;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>Map label placement: no two drawn label boxes meet (boxes re-measured here with Skia's own font metrics),
/// closed areas' ids inside their polygon, dense clusters resolved with leader lines or by dropping, deterministic.</summary>
public class LabelLayoutTests
{
    private static readonly Lazy<(IReadOnlyList<PlacedLabel> Labels, MapFrame Frame)> Svzm =
        new(() => MapImage.Labels(MapContent.FromSimulation(ReportFixtures.Svzm2025), GoldenImageTests.Size));

    // The text's box by Skia directly (not by ScottPlot's measurement the layout uses): advance width, ascent to descent.
    private static (double Width, double Height) SkiaBox(string text, float size, bool bold)
    {
        using var typeface = SKTypeface.FromFamilyName(PlotStyle.SansFont, bold ? SKFontStyle.Bold : SKFontStyle.Normal);
        using var font = new SKFont(typeface, size);
        font.GetFontMetrics(out var m);
        return (font.MeasureText(text), m.Descent - m.Ascent);
    }

    [Test]
    public void SvzmMap_NoTwoLabelBoxesIntersect_EachCoversItsText_InsideTheImage()
    {
        var (labels, frame) = Svzm.Value;
        var content = MapContent.FromSimulation(ReportFixtures.Svzm2025);
        Assert.That(labels.Where(l => l.Request.Kind == LabelKind.Point).Select(l => l.Request.Text), Is.EquivalentTo(content.Airports.Select(a => a.Code)),
            "every airport of the bundled scenario keeps its label (leader lines, not drops, in the Caribbean)");
        Assert.That(labels.Count(l => l.Request.Kind == LabelKind.Fixed), Is.GreaterThan(10), "FIR ids where there is room");
        foreach (var l in labels)
        {
            var (size, bold) = l.Request.Kind switch { LabelKind.Area => (14f, true), LabelKind.Point => (10f, true), _ => (9f, false) };
            var (w, h) = SkiaBox(l.Request.Text, size, bold);
            Assert.That(l.Box.Width, Is.GreaterThanOrEqualTo(w - 0.5), $"{l.Request.Text}: box width covers the text's advance");
            Assert.That(l.Box.Height, Is.GreaterThanOrEqualTo(h - 0.5), $"{l.Request.Text}: box height covers ascent to descent");
            Assert.That(frame.Area.Contains(l.Box), $"{l.Request.Text} inside the map");
        }
        for (int i = 0; i < labels.Count; i++)
            for (int j = i + 1; j < labels.Count; j++)
                Assert.That(labels[i].Box.Intersects(labels[j].Box), Is.False, $"{labels[i].Request.Text} {labels[i].Box} meets {labels[j].Request.Text} {labels[j].Box}");
        var svzm = labels.Single(l => l.Request.Kind == LabelKind.Area);
        Assert.That(svzm.Request.Text, Is.EqualTo("SVZM"));
        Assert.That(LabelLayout.Inside(svzm.Request.Polygon!, svzm.Box.Center.X, svzm.Box.Center.Y), "SVZM written inside SVZM");
        // A leader starts at its airport and ends on its label's box.
        foreach (var l in labels.Where(l => l.LeaderTo != null))
            Assert.That(l.Box.Grow(1e-9).Contains(new PixelBox(l.LeaderTo!.Value.X, l.LeaderTo.Value.Y, l.LeaderTo.Value.X, l.LeaderTo.Value.Y)));
    }

    [Test]
    public void TheLayoutsPixels_AreWhereScottPlotDraws()
    {
        // The layout works in pixels from its own transform; ScottPlot's, after rendering, must agree.
        var content = MapContent.FromSimulation(ReportFixtures.Svzm2025);
        var (_, frame) = Svzm.Value;
        var data = new[] { (frame.X0, frame.Y0), (frame.X1, frame.Y1), ((frame.X0 + frame.X1) / 2, frame.Y0 * 0.3 + frame.Y1 * 0.7) };
        var drawn = MapImage.RenderedPixels(content, GoldenImageTests.Size, data);
        for (int i = 0; i < data.Length; i++)
        {
            var ours = frame.ToPixel(data[i].Item1, data[i].Item2);
            Assert.That(ours.X, Is.EqualTo(drawn[i].X).Within(0.75), $"x of point {i}");
            Assert.That(ours.Y, Is.EqualTo(drawn[i].Y).Within(0.75), $"y of point {i}");
            var back = frame.ToData(ours.X, ours.Y);
            Assert.That(back.X, Is.EqualTo(data[i].Item1).Within(1e-6));
            Assert.That(back.Y, Is.EqualTo(data[i].Item2).Within(1e-6));
        }
    }

    [Test]
    public void ADenseCluster_GetsDisjointBoxes_LeadersOrDrops_TheSameEveryTime()
    {
        // 40 points within 30 px: far more labels than fit next to their points.
        var rng = new Random(7);
        // One point stands alone, first in priority.
        var requests = Enumerable.Range(0, 40).Select(i => new LabelRequest($"P{i:D2}", LabelKind.Point, 300 + rng.NextDouble() * 30, 200 + rng.NextDouble() * 30, 24, 12))
            .Prepend(new LabelRequest("SOLO", LabelKind.Point, 100, 100, 24, 12)).ToList();
        var obstacles = requests.Select(r => PixelBox.Centered(r.X, r.Y, 6, 6)).ToList();
        var frame = new PixelBox(0, 0, 600, 400);
        var placed = LabelLayout.Place(requests, obstacles, frame);
        Assert.That(placed.Count, Is.LessThan(41), "some dropped");
        Assert.That(placed.Count(p => p.LeaderTo != null), Is.GreaterThan(0), "some moved out with a leader");
        Assert.That(placed.Count(p => p.LeaderTo == null), Is.GreaterThan(0), "some next to their point");
        for (int i = 0; i < placed.Count; i++)
        {
            foreach (var o in obstacles) Assert.That(placed[i].Box.Intersects(o), Is.False, "no label covers a marker");
            for (int j = i + 1; j < placed.Count; j++) Assert.That(placed[i].Box.Intersects(placed[j].Box), Is.False);
        }
        // Greedy by priority: the first request, with room around it, gets its first choice, the upper right of its point.
        Assert.That(placed[0].Request, Is.SameAs(requests[0]));
        Assert.That(placed[0].LeaderTo, Is.Null);
        Assert.That(placed[0].Box.Left, Is.GreaterThan(requests[0].X));
        Assert.That(placed[0].Box.Bottom, Is.LessThan(requests[0].Y));
        Assert.That(LabelLayout.Place(requests, obstacles, frame).Select(p => (p.Request.Text, p.Box, p.LeaderTo)),
            Is.EqualTo(placed.Select(p => (p.Request.Text, p.Box, p.LeaderTo))), "deterministic");
    }

    [Test]
    public void AnAreasId_StaysInsideItsPolygon_AroundAMarkerOnItsInteriorPoint()
    {
        // An L-shaped area whose interior point carries a marker: the id moves to a free spot wholly inside the L.
        (double, double)[] l = [(100, 100), (300, 100), (300, 140), (140, 140), (140, 300), (100, 300)];
        var r = new LabelRequest("AREA", LabelKind.Area, 120, 120, 40, 16, [l]);
        var marker = PixelBox.Centered(120, 120, 6, 6);
        var p = LabelLayout.Place([r], [marker], new PixelBox(0, 0, 400, 400)).Single();
        Assert.That(p.Box.Intersects(marker), Is.False);
        foreach (var (x, y) in new[] { (p.Box.Left, p.Box.Top), (p.Box.Right, p.Box.Top), (p.Box.Left, p.Box.Bottom), (p.Box.Right, p.Box.Bottom) })
            Assert.That(LabelLayout.Inside([l], x, y), $"corner ({x}, {y}) inside the L");
    }
}
