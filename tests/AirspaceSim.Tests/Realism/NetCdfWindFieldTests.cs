using AirspaceSim.Geodesy;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Realism;

/// <summary>
/// NetCDF-4 wind grids read through PureHDF, against files written by Unidata's own netCDF library (ncgen, Debian
/// netcdf-bin; the .cdl sources beside them): the same nodes as a CSV grid give the same field, an ERA5-style file
/// (packed shorts, descending latitudes, hPa levels, a time dimension) gives its hand-unpacked values, and NetCDF-3 and
/// GRIB files are rejected with a message that says what is read.
/// </summary>
public class NetCdfWindFieldTests
{
    private static string Fixture(string name) => Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Tests", "Realism", "winds", name);

    // fl-grid.cdl's nodes as a CSV grid (u, v in kt).
    private static readonly string Csv = "lat,lon,fl,u_kt,v_kt\n" +
        "0,-80,300,10,-5\n0,-40,300,20,0\n20,-80,300,30,5\n20,-40,300,40,10\n40,-80,300,50,-10\n40,-40,300,60,0\n" +
        "0,-80,400,15,-6\n0,-40,400,25,1\n20,-80,400,35,6\n20,-40,400,45,11\n40,-80,400,55,-11\n40,-40,400,65,1\n";

    [Test]
    public void NetCdf4GridIsTheSameFieldAsTheSameNodesInCsv()
    {
        var nc = GriddedWindField.Load(Fixture("fl-grid.nc"));
        var csv = GriddedWindField.Parse(Csv, "fl-grid.csv");
        Assert.That(nc.LatitudesDeg, Is.EqualTo(csv.LatitudesDeg));
        Assert.That(nc.LongitudesDeg, Is.EqualTo(csv.LongitudesDeg));
        Assert.That(nc.FlightLevels, Is.EqualTo(csv.FlightLevels));
        // kt stored as kt: the conversion to m/s and back may differ in the last bits only.
        Assert.That(nc.MaxSpeedKt, Is.EqualTo(csv.MaxSpeedKt).Within(1e-9));
        var rng = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            var p = new GeoPoint(-5 + rng.NextDouble() * 50, -85 + rng.NextDouble() * 50);
            double fl = 250 + rng.NextDouble() * 200;
            var a = nc.At(p, fl); var b = csv.At(p, fl);
            Assert.That(a.EastKt, Is.EqualTo(b.EastKt).Within(1e-9), $"{p} FL{fl}");
            Assert.That(a.NorthKt, Is.EqualTo(b.NorthKt).Within(1e-9), $"{p} FL{fl}");
        }
        Assert.That(nc.Description, Does.Contain("NetCDF-4"));
    }

    [Test]
    public void Era5StyleFileIsUnpackedReorderedAndOnFlightLevels()
    {
        var f = GriddedWindField.Load(Fixture("era5-style.nc"));
        Assert.That(f.LatitudesDeg, Is.EqualTo(new[] { 20.0, 40.0 }), "descending latitudes are reordered");
        Assert.That(f.LongitudesDeg, Is.EqualTo(new[] { -60.0, -50.0, -40.0 }));
        // ISA pressure altitude by hand: 250 hPa → 44330.77 (1 − (250/1013.25)^0.190263) = 10,363.6 m = FL340.0;
        // 200 hPa (above the 226.32 hPa tropopause) → 11000 − 6341.62 ln(200/226.32) = 11,784.1 m = FL386.6.
        Assert.That(f.FlightLevels[0], Is.EqualTo(340.0).Within(0.05));
        Assert.That(f.FlightLevels[1], Is.EqualTo(386.6).Within(0.05));
        const double kt = 3600 / 1852.0; // kt per m/s
        // Node latitude 40, longitude -60 at 250 hPa: u = -1000 × 0.01 + 10 = 0 m/s, v = 0 × 0.01 = 0.
        Assert.That(f.At(new GeoPoint(40, -60), f.FlightLevels[0]).EastKt, Is.EqualTo(0).Within(1e-6));
        // Latitude 20, longitude -40 at 200 hPa (FL386.6): u = 6000 × 0.01 + 10 = 70 m/s, v = -300 × 0.01 = -3 m/s.
        var w = f.At(new GeoPoint(20, -40), f.FlightLevels[1]);
        Assert.That(w.EastKt, Is.EqualTo(70 * kt).Within(1e-6));
        Assert.That(w.NorthKt, Is.EqualTo(-3 * kt).Within(1e-6));
        // Latitude 20, longitude -50 at 250 hPa: u = 3000 × 0.01 + 10 = 40 m/s, v = 500 × 0.01 = 5 m/s.
        var q = f.At(new GeoPoint(20, -50), f.FlightLevels[0]);
        Assert.That(q.EastKt, Is.EqualTo(40 * kt).Within(1e-6));
        Assert.That(q.NorthKt, Is.EqualTo(5 * kt).Within(1e-6));
        Assert.That(f.MaxSpeedKt, Is.EqualTo(Math.Sqrt(70 * 70 + 3 * 3) * kt).Within(1e-6));
    }

    [Test]
    public void ClassicNetCdfAndGribAreRejectedWithTheWayOut()
    {
        var classic = Assert.Throws<WindGridFormatException>(() => GriddedWindField.Load(Fixture("classic.nc")))!;
        Assert.That(classic.Message, Does.Contain("NetCDF-3 classic").And.Contain("nccopy -k nc4"));
        var grib = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(grib, "GRIB\0\0\0\u0002"u8.ToArray());
            var e = Assert.Throws<WindGridFormatException>(() => GriddedWindField.Load(grib))!;
            Assert.That(e.Message, Does.Contain("GRIB2 is not read"));
            // An HDF5 signature on a damaged file: one clear line naming the file, not PureHDF's exception.
            File.WriteAllBytes(grib, [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
            var bad = Assert.Throws<WindGridFormatException>(() => GriddedWindField.Load(grib))!;
            Assert.That(bad.Message, Does.StartWith(grib + ": not a readable NetCDF-4 file"));
        }
        finally { File.Delete(grib); }
    }

    [Test]
    public void AnObjectHeaderContinuedIntoItselfIsAnErrorNotAStackOverflow()
    {
        // Found by the netcdf fuzz target (about 26,000 executions): PureHDF follows header continuations by
        // recursion, and this damaged era5-style.nc loops, which killed the process with a stack overflow.
        string file = Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Fuzz", "corpus", "netcdf", "regressions", "continuation-loop.nc");
        var e = Assert.Throws<WindGridFormatException>(() => GriddedWindField.Load(file))!;
        Assert.That(e.Message, Does.StartWith(file + ": not a readable NetCDF-4 file: its HDF5 structure nests without end"));
    }
}
