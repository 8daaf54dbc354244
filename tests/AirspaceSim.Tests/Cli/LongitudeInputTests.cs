using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using FsCheck;
using FsCheck.Fluent;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// Longitudes in [-540, 540] are accepted everywhere (as GeodSolve does) and normalised to [-180, 180): a Pacific route
/// list written with continuous longitudes (188.75) plans exactly as its normalised twin (-171.25) (issue 8).
/// </summary>
[TestFixture]
public class LongitudeInputTests
{
    private TempDir _tmp = null!;
    private string _pacific = null!;

    [SetUp]
    public void SetUp()
    {
        _tmp = NewTempDir();
        // A 10° x 10° box across the antimeridian, itself written in continuous longitudes.
        _pacific = _tmp.Write("pacific.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"PACX","name":"Pacific box"},
               "geometry":{"type":"Polygon","coordinates":[[[175,-5],[185,-5],[185,5],[175,5],[175,-5]]]}}]}
            """);
    }

    [TearDown] public void TearDown() => _tmp.Dispose();

    [TestCase(188.75, -171.25)]
    [TestCase(540.0, -180.0)]
    [TestCase(-540.0, -180.0)]
    [TestCase(-190.0, 170.0)]
    [TestCase(360.0, 0.0)]
    [TestCase(539.999, 179.999)]
    public void GeoPoint_WrapsLongitudesUpTo540(double lon, double normalised)
    {
        Assert.That(new GeoPoint(10, lon).LonDeg, Is.EqualTo(normalised).Within(1e-12));
        Assert.That(GeoPoint.Parse($"10,{lon.ToString(System.Globalization.CultureInfo.InvariantCulture)}").LonDeg, Is.EqualTo(normalised).Within(1e-12));
    }

    /// <summary>A longitude written with up to 6 decimals, shifted by ±360 or 720 in the text, reads as exactly the
    /// same double as the text itself (the wrap is done in decimal, not on the rounded double).</summary>
    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public FsCheck.Property ShiftedLongitudeText_ReadsAsTheSameDouble() => FsCheck.Fluent.Prop.ForAll(
        FsCheck.Fluent.Gen.Choose(-180_000_000, 179_999_999).ToArbitrary(), FsCheck.Fluent.Gen.Elements(-360, 360, 720, -720).ToArbitrary(),
        (micro, shift) =>
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            decimal lon = micro / 1_000_000m, shifted = lon + shift;
            if (Math.Abs(shifted) > 540) return true.ToProperty();
            var a = GeoPoint.Parse("1," + lon.ToString(inv));
            var b = GeoPoint.Parse("1," + shifted.ToString(inv));
            return (a == b).Label($"{lon} vs {shifted}: {a.LonDeg:R} vs {b.LonDeg:R}");
        });

    [TestCase(540.0001)]
    [TestCase(-541.0)]
    [TestCase(1e6)]
    public void GeoPoint_RejectsLongitudesBeyond540_NamingTheRange(double lon)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GeoPoint(0, lon))!;
        Assert.That(e.ParamName, Is.EqualTo("lonDeg"));
        Assert.That(e.Message, Does.Contain("[-540, 540]"));
        Assert.That(GeoPoint.TryParse($"0,{lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", out _, out var why), Is.False);
        Assert.That(why, Does.Contain("outside [-540, 540]"));
    }

    [Test]
    public void GeoPoint_NaNIsNotANumber_NotOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GeoPoint(double.NaN, 0))!;
        Assert.That(e.Message, Does.Contain("latitude NaN is not a number").And.Not.Contain("outside"));
        e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GeoPoint(0, double.NaN))!;
        Assert.That(e.Message, Does.Contain("longitude NaN is not a number"));
        Assert.That(GeoPoint.TryParse("NaN,0", out _, out var why), Is.False);
        Assert.That(why, Does.Contain("'NaN' is not a finite number").And.Not.Contain("outside"));
    }

    [TestCase("table")]
    [TestCase("json")]
    [TestCase("geojson")]
    public void ContinuousLongitudes_PlanExactlyAsTheirNormalisedTwins(string format)
    {
        var continuous = Run("route", "0.5,170", "-1,188.75", "--airspaces", _pacific, "--closed", "PACX", "--format", format);
        var normalised = Run("route", "0.5,170", "-1,-171.25", "--airspaces", _pacific, "--closed", "PACX", "--format", format);
        Assert.That(continuous.Exit, Is.EqualTo(0), continuous.ToString());
        Assert.That(continuous.Out, Is.EqualTo(normalised.Out));
        Assert.That(continuous.Out, Does.Contain("detour"), "the route has to go around the box");
        var west = Run("route", "0.5,-190", "-1,-171.25", "--airspaces", _pacific, "--closed", "PACX", "--format", format);
        Assert.That(west.Out, Is.EqualTo(normalised.Out));
    }

    [Test]
    public void ContinuousLongitudes_InABatch_GiveTheSameRowsAsTheNormalisedList()
    {
        var continuous = _tmp.Write("cont.csv", "from,to\n\"0.5,170\",\"-1,188.75\"\n\"-2,181\",\"3,-185\"\n\"10,540\",\"10,-179\"\nAMS,\"12.2,291.04\"\n");
        var normalised = _tmp.Write("norm.csv", "from,to\n\"0.5,170\",\"-1,-171.25\"\n\"-2,-179\",\"3,175\"\n\"10,-180\",\"10,-179\"\nAMS,\"12.2,-68.96\"\n");
        foreach (var format in new[] { "csv", "json" })
        {
            var a = Run("batch", continuous, "--airspaces", _pacific, "--closed", "PACX,SVZM", "--format", format);
            var b = Run("batch", normalised, "--airspaces", _pacific, "--closed", "PACX,SVZM", "--format", format);
            Assert.That(a.Exit, Is.EqualTo(0), a.ToString());
            Assert.That(a.Out, Is.EqualTo(b.Out), format);
            Assert.That(a.Out, Does.Contain("detour"));
        }
    }

    [Test]
    public void AirportFileLongitudesUpTo540_AreNormalised()
    {
        var csv = "icao,iata,name,country,lat,lon\nXAAA,XAA,East,FJ,-17.75,177.44\nXBBB,XBB,West,WS,-13.8,188.0\n";
        var d = AirportDirectory.FromCsv(new StringReader(csv), "a.csv");
        Assert.That(d["XBB"].Location, Is.EqualTo(new GeoPoint(-13.8, -172.0)));
        var bad = "icao,iata,name,country,lat,lon\nXAAA,XAA,East,FJ,-17.75,541\n";
        var e = Assert.Throws<FormatException>(() => AirportDirectory.FromCsv(new StringReader(bad), "b.csv"))!;
        Assert.That(e.Message, Does.Contain("b.csv:2").And.Contain("[-540, 540]"));
        var comma = "icao,iata,name,country,lat,lon\nXAAA,XAA,East,FJ,\"-17,75\",177.44\n";
        e = Assert.Throws<FormatException>(() => AirportDirectory.FromCsv(new StringReader(comma), "c.csv"))!;
        Assert.That(e.Message, Does.Contain("c.csv:2").And.Contain("decimal"));
    }

    [Test]
    public void CommandLineLongitudeBeyond540_IsAnErrorNamingTheRange()
    {
        AssertUserError(Run("route", "10,541", "CUR"), "FROM:", "invalid location '10,541'", "longitude 541 is outside [-540, 540]");
        AssertUserError(Run("route", "NaN,0", "CUR"), "FROM:", "latitude 'NaN' is not a finite number");
    }
}
