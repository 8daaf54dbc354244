using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using FsCheck;
using FsCheck.Fluent;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>
/// The proven lower bound b θ of the geodesic length from the reduced latitudes' unit vectors
/// (<see cref="GeodesicBound.DistanceLowerBoundKm"/>, which the what-if's tech-stop search uses to skip WGS84 inverses): never
/// above the geodesic, and never below (1 − f) times it (the companion bound s ≤ a θ, by the same argument with the
/// inverse map), against GeographicLib's answers and on random pairs, near-antipodal ones included.
/// </summary>
public class GeodesicLowerBoundTests
{
    private const double F = Wgs84.Flattening;

    private static double BoundKm(double lat1, double lon1, double lat2, double lon2) =>
        GeodesicBound.DistanceLowerBoundKm(GeodesicBound.ReducedUnitVector(Vec3.FromLatLonDeg(lat1, lon1)), GeodesicBound.ReducedUnitVector(Vec3.FromLatLonDeg(lat2, lon2)));

    [Test]
    public void BelowGeographicLibOnEveryReferenceRow()
    {
        var path = ReferenceData.Require("geodesic/geodsolve-10k.txt");
        int rows = 0;
        double tightest = double.PositiveInfinity; // least (s − bound) / s over lines longer than 1 km
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            rows++;
            double sKm = f[4] / 1000, lb = BoundKm(f[0], f[1], f[2], f[3]);
            // GeographicLib is accurate to ~15 nm; the implementation under test to 1e-6 m of it (GeodesicReferenceTests).
            Assert.That(lb, Is.LessThanOrEqualTo(sKm), line);
            Assert.That(lb, Is.LessThanOrEqualTo(Wgs84.DistanceM(f[0], f[1], f[2], f[3]) / 1000), line);
            Assert.That(lb, Is.GreaterThanOrEqualTo((1 - F) * sKm * (1 - 2e-9) - 1e-6), line); // the margin of the bound is 1e-9 relative
            if (sKm > 1) tightest = Math.Min(tightest, (sKm - lb) / sKm);
        }
        Assert.That(rows, Is.EqualTo(10_000));
        TestContext.Out.WriteLine($"{rows} rows; least relative slack {tightest:E3}");
    }

    private const int Resolution = 1 << 30;

    private static Gen<double> Uniform(double lo, double hi) => Gen.Choose(0, Resolution).Select(k => lo + (hi - lo) * k / Resolution);

    // Uniform pairs, pairs within a few km, and pairs within a few km of each other's antipode.
    private static readonly Gen<(double Lat1, double Lon1, double Lat2, double Lon2)> Pairs =
        from lat1 in Uniform(-90, 90)
        from lon1 in Uniform(-180, 180)
        from kind in Gen.Choose(0, 2)
        from dlat in Gen.OneOf(Uniform(-180, 180), Uniform(-0.05, 0.05), Uniform(-1e-6, 1e-6))
        from dlon in Gen.OneOf(Uniform(-360, 360), Uniform(-0.05, 0.05), Uniform(-1e-6, 1e-6))
        let lat2 = kind == 0 ? Math.Clamp(dlat / 2, -90, 90) : Math.Clamp((kind == 1 ? lat1 : -lat1) + dlat, -90, 90)
        let lon2 = kind == 0 ? dlon / 2 : (kind == 1 ? lon1 : lon1 + 180) + dlon
        select (lat1, lon1, lat2, lon2);

    [FsCheck.NUnit.Property(MaxTest = 20_000)]
    public Property BelowTheGeodesicOnRandomPairs() => Prop.ForAll(Arb.From(Pairs), p =>
    {
        double sKm = Wgs84.DistanceM(p.Lat1, p.Lon1, p.Lat2, p.Lon2) / 1000, lb = BoundKm(p.Lat1, p.Lon1, p.Lat2, p.Lon2);
        return (lb <= sKm).Label($"bound {lb:R} above s {sKm:R}").And((lb >= (1 - F) * sKm * (1 - 2e-9) - 1e-6).Label($"bound {lb:R} below (1-f) s {sKm:R}"));
    });

    [Test]
    public void BelowTheGeodesicOnAMillionSeededPairs()
    {
        // Uniform on the sphere (the what-if's legs), a third of them moved next to the first point's antipode.
        var rng = new Random(20261202);
        double worst = double.PositiveInfinity;
        for (int i = 0; i < 1_000_000; i++)
        {
            double lat1 = Math.Asin(2 * rng.NextDouble() - 1) * (180 / Math.PI), lon1 = 360 * rng.NextDouble() - 180;
            double lat2 = Math.Asin(2 * rng.NextDouble() - 1) * (180 / Math.PI), lon2 = 360 * rng.NextDouble() - 180;
            if (i % 3 == 0) { lat2 = Math.Clamp(-lat1 + (rng.NextDouble() - 0.5) * 1e-3, -90, 90); lon2 = lon1 + 180 + (rng.NextDouble() - 0.5) * 1e-2; }
            double sKm = Wgs84.DistanceM(lat1, lon1, lat2, lon2) / 1000, lb = BoundKm(lat1, lon1, lat2, lon2);
            if (!(lb <= sKm)) Assert.Fail($"bound {lb:R} above s {sKm:R} for {lat1:R} {lon1:R} {lat2:R} {lon2:R}");
            worst = Math.Min(worst, sKm - lb);
        }
        TestContext.Out.WriteLine($"least slack {worst:E3} km");
    }
}
