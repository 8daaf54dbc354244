using AirspaceSim.Reports;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>
/// The map of the bundled svzm-2025-11 scenario against a committed golden PNG, with a tolerance for anti-aliasing and
/// font rasterisation. After an intended change, regenerate it (and look at it) with
/// <c>AIRSPACESIM_UPDATE_GOLDEN=1 dotnet test AirspaceSim.sln --filter "FullyQualifiedName~GoldenImageTests"</c>.
/// </summary>
public class GoldenImageTests
{
    /// <summary>The golden image's size.</summary>
    internal static ImageOptions Size { get; } = new() { WidthPx = 900, HeightPx = 580 };

    private static string GoldenPath => Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Tests", "Reports", "golden", "svzm-2025-11-map.png");

    [Test]
    public void SvzmMap_MatchesTheGoldenImage()
    {
        var png = MapImageTests.SvzmMapPng;
        if (Environment.GetEnvironmentVariable("AIRSPACESIM_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(GoldenPath)!);
            File.WriteAllBytes(GoldenPath, png);
            Assert.Ignore($"golden image rewritten: {GoldenPath}");
        }
        Assert.That(File.Exists(GoldenPath), $"no golden image at {GoldenPath}; create it with AIRSPACESIM_UPDATE_GOLDEN=1");
        using var expected = ImageStats.Decode(File.ReadAllBytes(GoldenPath));
        using var actual = ImageStats.Decode(png);
        Assert.That((actual.Width, actual.Height), Is.EqualTo((expected.Width, expected.Height)));
        var (differing, meanDelta) = Compare(expected, actual);
        // Anti-aliasing and hinting move edge pixels by a few levels; a moved route, label or coast changes far more.
        Assert.That(differing, Is.LessThan(0.005), $"{differing:P2} of pixels differ by more than 64 levels (mean {meanDelta:F2}); " +
            "if the change is intended, regenerate with AIRSPACESIM_UPDATE_GOLDEN=1");
        Assert.That(meanDelta, Is.LessThan(1.5));
    }

    [Test]
    public void TheComparisonSeesAMovedRoute()
    {
        // The tolerance must not hide a real change: the same map without its flown routes fails it.
        var r = ReportFixtures.Svzm2025;
        var content = MapContent.FromSimulation(r);
        var changed = content with { Routes = content.Routes.Where(x => x.Category != "rerouted").ToList() };
        using var a = ImageStats.Decode(MapImageTests.SvzmMapPng);
        using var b = ImageStats.Decode(MapImage.Png(changed, Size));
        var (differing, _) = Compare(a, b);
        Assert.That(differing, Is.GreaterThan(0.005));
    }

    /// <summary>The fraction of pixels whose channels differ by more than 64 in sum, and the mean summed difference.</summary>
    private static (double Differing, double MeanDelta) Compare(SKBitmap a, SKBitmap b)
    {
        long total = 0; int bad = 0, n = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
            {
                SKColor p = a.GetPixel(x, y), q = b.GetPixel(x, y);
                int d = Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
                total += d; n++;
                if (d > 64) bad++;
            }
        return ((double)bad / n, (double)total / n);
    }
}
