using System.Globalization;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>All rows of the GeographicLib 2.1.2 reference file (GeodSolve -i -p 9).</summary>
public class GeodesicReferenceTests
{
    private const double DistanceTolM = 1e-6;
    private const double AzimuthTolDeg = 1e-9;
    private const double EndShiftTolM = 1e-9;

    [Test]
    public void AllReferenceRowsMatchGeographicLib()
    {
        var path = ReferenceData.Require("geodesic/geodsolve-10k.txt");
        int rows = 0, nonUnique = 0, illConditioned = 0;
        double maxShift = 0;
        double maxDs = 0, maxDa = 0;
        var failures = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            rows++;
            var r = Wgs84.Inverse(f[0], f[1], f[2], f[3]);
            double ds = Math.Abs(r.DistanceM - f[4]);
            double da = Math.Max(GeodesicAssert.AngleDiffDeg(r.Azi1Deg, f[5]), GeodesicAssert.AngleDiffDeg(r.Azi2Deg, f[6]));
            maxDs = Math.Max(maxDs, ds);
            if (ds > DistanceTolM) failures.Add($"row {rows}: s12 {r.DistanceM:R} vs {f[4]:R} (|d| {ds:E2} m): {line}");
            // An azimuth is only as well determined as the end points: a round-off shift of either end by a fraction of
            // a nanometre (an ulp of the inputs is ~1e-9 m) turns the azimuth of a 0.1 mm line by ~1e-4 degrees. So the
            // azimuth test is: within 1e-9 degrees, or turning the line by less than EndShiftTolM at its far end.
            double shiftM = da * (Math.PI / 180) * Math.Max(r.DistanceM, f[4]);
            if (da > AzimuthTolDeg && shiftM <= EndShiftTolM)
            {
                illConditioned++;
                maxShift = Math.Max(maxShift, shiftM);
            }
            else if (da > AzimuthTolDeg)
            {
                if (GeodesicAssert.AzimuthsNotUnique(f[0], f[1], f[2], f[3]))
                {
                    // Any azimuth pair that realises the shortest distance is right; check ours does.
                    nonUnique++;
                    string? why = GeodesicAssert.CheckAzimuthsRealiseGeodesic(f[0], f[1], f[2], f[3], r);
                    if (why != null) failures.Add($"row {rows}: non-unique azimuths, ours invalid: {why}: {line}");
                }
                else
                {
                    failures.Add($"row {rows}: azimuths {r.Azi1Deg:R} {r.Azi2Deg:R} (|d| {da:E2} deg): {line}");
                }
            }
            else
            {
                maxDa = Math.Max(maxDa, da);
            }
        }
        TestContext.Out.WriteLine($"{rows} rows; max |ds| = {maxDs:E2} m; max |dazi| (unique) = {maxDa:E2} deg; {nonUnique} rows with non-unique azimuths differing from GeographicLib; {illConditioned} short lines with azimuth differences above {AzimuthTolDeg} deg that move the far end by at most {maxShift:E2} m");
        Assert.That(rows, Is.EqualTo(10_000));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(30)));
    }
}
