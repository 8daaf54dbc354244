using System.Globalization;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>
/// Short and very short lines against exact answers (short-lines-exact.txt: 40-digit solutions of Karney's exact
/// integrals for the double inputs; see its header). Azimuths of short lines are the sensitive part: an error of
/// 1e-16 in any O(1) intermediate turns a 1 mm line by 1e-5 degrees.
/// </summary>
public class GeodesicShortLineTests
{
    private const double AzimuthTolDeg = 1e-9;
    private const double DistanceTolM = 1e-8;

    [Test]
    public void EveryLineLongerThan1MmIsWithin1e9DegreesOfTheExactAnswer()
    {
        var path = Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Tests", "Geodesy", "short-lines-exact.txt");
        int rows = 0, checkedRows = 0;
        double maxDa = 0, maxDs = 0, maxDaE = 0;
        var failures = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            rows++;
            if (f[6] <= 1e-3) continue; // below 1 mm the inputs' own ulp (~1e-9 m) moves the azimuth by > 1e-7 degrees
            checkedRows++;
            var r = Wgs84.Inverse(f[0], f[1], f[2], f[3]);
            double da = Math.Max(GeodesicAssert.AngleDiffDeg(r.Azi1Deg, f[4]), GeodesicAssert.AngleDiffDeg(r.Azi2Deg, f[5]));
            double ds = Math.Abs(r.DistanceM - f[6]);
            maxDa = Math.Max(maxDa, da); maxDs = Math.Max(maxDs, ds);
            maxDaE = Math.Max(maxDaE, Math.Max(GeodesicAssert.AngleDiffDeg(f[7], f[4]), GeodesicAssert.AngleDiffDeg(f[8], f[5])));
            if (da > AzimuthTolDeg || ds > DistanceTolM)
                failures.Add($"row {rows} ({f[6]:G6} m): azimuths {r.Azi1Deg:R} {r.Azi2Deg:R} (|d| {da:E2} deg), s12 {r.DistanceM:R} (|d| {ds:E2} m): {line}");
        }
        TestContext.Out.WriteLine($"{checkedRows} of {rows} lines longer than 1 mm: max |dazi| = {maxDa:E2} deg, max |ds| = {maxDs:E2} m; GeodSolve -E on the same lines: max |dazi| = {maxDaE:E2} deg");
        Assert.That(rows, Is.EqualTo(600));
        Assert.That(checkedRows, Is.GreaterThan(550));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
    }

    [TestCase(-32.047327572109, 101.267369168373, -32.04732757210898, 101.26736765482681,
        -89.99999976994238847, -89.99999896682513498, 0.14294622071310390)]
    [TestCase(24.906049404140, 7.521722068244, 24.906063401551627, 7.521749761471474,
        61.00480699419397101, 61.00481865668964064, 3.1986764950962331)]
    public void NearlyEastWestShortLines(double lat1, double lon1, double lat2, double lon2, double azi1, double azi2, double s12)
    {
        // A 14 cm line whose latitudes differ by 2e-14 degrees: its azimuth rests on sin(beta2 - beta1), which the
        // difference of rounded sines and cosines gets wrong by 7e-8 degrees (so does GeodSolve, -E or not).
        var r = Wgs84.Inverse(lat1, lon1, lat2, lon2);
        Assert.That(r.Azi1Deg, Is.EqualTo(azi1).Within(AzimuthTolDeg));
        Assert.That(r.Azi2Deg, Is.EqualTo(azi2).Within(AzimuthTolDeg));
        Assert.That(r.DistanceM, Is.EqualTo(s12).Within(DistanceTolM));
    }
}
