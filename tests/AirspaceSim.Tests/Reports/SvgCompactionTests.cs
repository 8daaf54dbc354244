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
    public void RoundPathData_RoundsOnlyPathCoordinates_ToATenthOfAPixel()
    {
        string svg = "<svg width=\"800\"><path stroke-width=\"0.69999999\" d=\"M1070.2449 153.45L-0.04 2.96M3 4.05\"/><text x=\"1.23456\">1.23456</text></svg>";
        Assert.That(Svg.RoundPathData(svg), Is.EqualTo("<svg width=\"800\"><path stroke-width=\"0.69999999\" d=\"M1070.2 153.5L0 3M3 4.1\"/><text x=\"1.23456\">1.23456</text></svg>"));
    }
}
