using AirspaceSim.Reports;
using FsCheck;
using FsCheck.Fluent;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>What keeps the map's SVG small without changing the picture: Douglas–Peucker to 0.35 px and path data at
/// 0.1 px. (That the picture does not change is the golden-image test's: it passes against the image drawn before.)</summary>
public class SvgCompactionTests
{
    private static double Distance(SKPoint p, SKPoint a, SKPoint b)
    {
        // Brute force: the nearest of 2,001 points along the segment.
        double best = double.MaxValue;
        for (int k = 0; k <= 2000; k++)
        {
            double t = k / 2000.0, x = a.X + t * (b.X - a.X), y = a.Y + t * (b.Y - a.Y);
            best = Math.Min(best, Math.Sqrt((x - p.X) * (x - p.X) + (y - p.Y) * (y - p.Y)));
        }
        return best;
    }

    private static readonly Gen<SKPoint[]> Polylines =
        from n in Gen.Choose(2, 60)
        from xy in Gen.ArrayOf(Gen.Choose(-3000, 3000), 2 * n)
        select Enumerable.Range(0, n).Select(i => new SKPoint(xy[2 * i] / 100f, xy[2 * i + 1] / 100f)).ToArray();

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Simplify_KeepsTheEnds_AndEveryPointLeftOutIsWithinEpsilonOfItsSegment() => Prop.ForAll(Arb.From(Polylines), pts =>
    {
        const double eps = PathLayer.SimplifyPx;
        var kept = PathLayer.Simplify(pts, eps);
        if (kept[0] != pts[0] || kept[^1] != pts[^1]) return false;
        // The kept points are a subsequence; each point left out lies within eps (plus the brute force's step) of the
        // segment between the kept points around it.
        int j = 0;
        for (int i = 0; i < pts.Length; i++)
        {
            if (j < kept.Count && pts[i] == kept[j]) { j++; continue; }
            if (j == 0 || j >= kept.Count) return false;
            if (Distance(pts[i], kept[j - 1], kept[j]) > eps + 0.05) return false;
        }
        return j == kept.Count;
    });

    [Test]
    public void Simplify_CollapsesAStraightRun_AndKeepsAZigzagAboveEpsilon()
    {
        var line = Enumerable.Range(0, 100).Select(i => new SKPoint(i * 2f, i * 1f)).ToList();
        Assert.That(PathLayer.Simplify(line, PathLayer.SimplifyPx), Is.EqualTo(new[] { line[0], line[^1] }));
        var zigzag = Enumerable.Range(0, 50).Select(i => new SKPoint(i * 3f, i % 2 == 0 ? 0 : 1f)).ToList();
        Assert.That(PathLayer.Simplify(zigzag, PathLayer.SimplifyPx), Has.Count.EqualTo(zigzag.Count), "a 1 px wiggle is visible: kept");
    }

    [Test]
    public void RoundPathData_RoundsOnlyPathCoordinates_ToATenthOfAPixel_WritingLinesRelative()
    {
        // Pairs after an m are relative lines (SVG 1.1 §8.3.2), so no l is written; a close returns to the subpath's start.
        string svg = "<svg width=\"800\"><path stroke-width=\"0.69999999\" d=\"M1070.2449 153.45L-0.04 2.96M3 4.05L3 4.05ZM1 1L2 2\"/>" +
            "<path d=\"M1.26 2C3 4 5 6 7.04 8\"/><text x=\"1.23456\">1.23456</text></svg>";
        Assert.That(Svg.RoundPathData(svg), Is.EqualTo("<svg width=\"800\"><path stroke-width=\"0.69999999\" d=\"m1070.2 153.5-1070.2-150.5m3 1.1 0 0zm-2-3.1 1 1\"/>" +
            "<path d=\"M 1.3 2 C 3 4 5 6 7 8\"/><text x=\"1.23456\">1.23456</text></svg>"));
    }

    [Test]
    public void RoundPathData_OfTheMap_DrawsTheSamePointsAsSkiaWroteThem_WithinATwentiethOfAPixel()
    {
        // Every path of the svzm map: the compacted data, read back by an SVG path reader written from the specification,
        // has the same subpaths and points as the data Skia wrote, each within 0.05 px (rounding; relative steps between
        // rounded points add no drift).
        var content = MapContent.FromSimulation(ReportFixtures.Svzm2025);
        var size = new ImageOptions { WidthPx = 1000, HeightPx = 640 };
        string svg = MapImage.Svg(content, size);
        string raw = MapImage.RawSvg(content, size);
        var compact = System.Text.RegularExpressions.Regex.Matches(svg, " d=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        var original = System.Text.RegularExpressions.Regex.Matches(raw, " d=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.That(compact, Has.Count.EqualTo(original.Count));
        long points = 0;
        for (int i = 0; i < compact.Count; i++)
        {
            if (original[i].IndexOfAny(['C', 'Q', 'A', 'H', 'V']) >= 0) continue; // marker circles: rounded only
            var a = SvgPath.Subpaths(original[i]);
            var b = SvgPath.Subpaths(compact[i]);
            Assert.That(b.Select(p => p.Count), Is.EqualTo(a.Select(p => p.Count)), $"path {i}");
            for (int k = 0; k < a.Count; k++)
                for (int j = 0; j < a[k].Count; j++, points++)
                {
                    Assert.That(b[k][j].X, Is.EqualTo(a[k][j].X).Within(0.0501), $"path {i} subpath {k} point {j}");
                    Assert.That(b[k][j].Y, Is.EqualTo(a[k][j].Y).Within(0.0501), $"path {i} subpath {k} point {j}");
                }
        }
        Assert.That(points, Is.GreaterThan(10_000));
        Assert.That(svg.Length, Is.LessThan(0.6 * raw.Length), $"{svg.Length} of {raw.Length} characters");
    }
}
