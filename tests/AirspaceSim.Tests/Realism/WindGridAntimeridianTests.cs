using System.Globalization;
using System.Text;
using AirspaceSim.Geodesy;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Realism;

/// <summary>
/// Wind grid longitudes round the circle (issue 8: any finite longitude in [-540, 540], normalised as everywhere
/// else). References are independent of the interpolation code: bilinear interpolation reproduces a field that is
/// linear in (latitude, unwrapped longitude) exactly, so across the antimeridian the wind must be that linear function
/// of the continuous longitude; and a grid written in continuous longitudes is the same field as its normalised twin.
/// </summary>
public class WindGridAntimeridianTests
{
    // u linear in the continuous longitude (170..190), v linear in latitude: what any correct bilinear grid gives.
    private static double U(double lonContinuous, double lat) => 2 * (lonContinuous - 180) + 0.5 * lat;
    private static double V(double lat) => lat - 10;

    private static string Grid(Func<double, double> writtenLon, double west = 170, double east = 190, double step = 5)
    {
        var sb = new StringBuilder("lat,lon,fl,u_kt,v_kt\n");
        foreach (double fl in new[] { 300.0, 400.0 })
            for (double lat = 0; lat <= 20; lat += 10)
                for (double lon = west; lon <= east; lon += step)
                    sb.Append(CultureInfo.InvariantCulture, $"{lat},{writtenLon(lon)},{fl},{U(lon, lat) + (fl - 300) / 100},{V(lat)}\n");
        return sb.ToString();
    }

    // The grid's own normalisation keeps 180 (a grid may hold both 180 and -180); GeoPoint's makes it -180.
    private static double Normalised(double lon) => lon > 180 ? lon - 360 : lon;
    private static double NormalisedToMinus180(double lon) => lon >= 180 ? lon - 360 : lon;

    [Test]
    public void ContinuousLongitudesGiveTheSameWindsAsTheNormalisedTwin()
    {
        var continuous = GriddedWindField.Parse(Grid(lon => lon), "continuous.csv");
        var twin = GriddedWindField.Parse(Grid(Normalised), "twin.csv");
        var twin180 = GriddedWindField.Parse(Grid(NormalisedToMinus180), "twin-180.csv"); // the 180 column written -180
        Assert.That(continuous.LongitudesDeg, Is.EqualTo(twin.LongitudesDeg));
        Assert.That(continuous.LongitudesDeg, Is.EqualTo(new[] { -175.0, -170.0, 170.0, 175.0, 180.0 }));
        Assert.That(twin180.LongitudesDeg, Is.EqualTo(new[] { -180.0, -175.0, -170.0, 170.0, 175.0 }));
        Assert.That(continuous.CrossesAntimeridian && twin.CrossesAntimeridian && twin180.CrossesAntimeridian);
        var rng = new Random(8);
        for (int k = 0; k < 500; k++)
        {
            var p = new GeoPoint(-5 + 30 * rng.NextDouble(), 160 + 40 * rng.NextDouble()); // beyond the grid too
            double fl = 280 + 140 * rng.NextDouble();
            var a = continuous.At(p, fl);
            foreach (var other in new[] { twin, twin180 })
            {
                var b = other.At(p, fl);
                Assert.That(a.EastKt, Is.EqualTo(b.EastKt), $"{p} FL{fl} {other.Source}"); // the same field, bit for bit
                Assert.That(a.NorthKt, Is.EqualTo(b.NorthKt), $"{p} FL{fl} {other.Source}");
            }
        }
        Assert.That(continuous.Description, Does.Contain("170..-170 (across the antimeridian) E"));
    }

    [Test]
    public void InterpolationAcrossTheAntimeridianIsTheLinearFieldOfTheContinuousLongitude()
    {
        var f = GriddedWindField.Parse(Grid(Normalised), "pacific.csv");
        var rng = new Random(80);
        for (int k = 0; k < 500; k++)
        {
            double lat = 20 * rng.NextDouble(), lonC = 170 + 20 * rng.NextDouble(), fl = 300 + 100 * rng.NextDouble();
            var w = f.At(new GeoPoint(lat, lonC), fl); // GeoPoint normalises 185 to -175
            Assert.That(w.EastKt, Is.EqualTo(U(lonC, lat) + (fl - 300) / 100).Within(1e-9), $"{lat},{lonC} FL{fl}");
            Assert.That(w.NorthKt, Is.EqualTo(V(lat)).Within(1e-9), $"{lat},{lonC} FL{fl}");
        }
        // Just either side of ±180: the two columns 175 and -175 (185) blend, nothing from the far side of the globe.
        Assert.That(f.At(new GeoPoint(10, 179.999), 300).EastKt, Is.EqualTo(U(179.999, 10)).Within(1e-9));
        Assert.That(f.At(new GeoPoint(10, -179.999), 300).EastKt, Is.EqualTo(U(180.001, 10)).Within(1e-9));
    }

    [Test]
    public void OutsideAGridAcrossTheAntimeridianTheNearerEdgeHolds()
    {
        var f = GriddedWindField.Parse(Grid(Normalised), "pacific.csv");
        // The outside is (-170, 170); its middle is 0. West of the middle is nearer -170 (190), east of it nearer 170.
        Assert.That(f.At(new GeoPoint(10, -100), 300).EastKt, Is.EqualTo(U(190, 10)).Within(1e-9));
        Assert.That(f.At(new GeoPoint(10, 100), 300).EastKt, Is.EqualTo(U(170, 10)).Within(1e-9));
    }

    [Test]
    public void TwoRowsThatAreOneNodeAfterNormalisationAreALocatedError()
    {
        string text = "lat,lon,fl,u_kt,v_kt\n0,170,300,1,1\n0,-170,300,2,2\n10,170,300,3,3\n10,-170,300,4,4\n0,190,300,5,5\n";
        var e = Assert.Throws<WindGridFormatException>(() => GriddedWindField.Parse(text, "dup.csv"))!;
        Assert.That(e.Message, Is.EqualTo("dup.csv: line 6: node lat 0, lon 190, FL 300 is also given on line 3 (longitude 190 is -170 normalised)"));
        var far = Assert.Throws<WindGridFormatException>(() => GriddedWindField.Parse("lat,lon,fl,u_kt,v_kt\n0,540.5,300,1,1\n", "far.csv"))!;
        Assert.That(far.Message, Is.EqualTo("far.csv: line 2, column 2 (lon): 540.5 is outside [-540, 540]"));
    }

    [Test]
    public void LongitudesUpTo540AreNormalised()
    {
        // 350..370 is -10..10; -540..-530 is 180..-170 (the same meridians written two turns apart).
        var f = GriddedWindField.Parse("lat,lon,fl,u_kt,v_kt\n0,350,300,1,0\n0,370,300,3,0\n10,350,300,1,0\n10,370,300,3,0\n", "wrapped.csv");
        Assert.That(f.LongitudesDeg, Is.EqualTo(new[] { -10.0, 10.0 }));
        Assert.That(f.CrossesAntimeridian, Is.False);
        Assert.That(f.At(new GeoPoint(5, 0), 300).EastKt, Is.EqualTo(2).Within(1e-12));
        var g = GriddedWindField.Parse("lat,lon,fl,u_kt,v_kt\n0,-540,300,1,0\n0,-530,300,3,0\n10,-540,300,1,0\n10,-530,300,3,0\n", "two-turns.csv");
        Assert.That(g.LongitudesDeg, Is.EqualTo(new[] { -180.0, -170.0 }));
        Assert.That(g.At(new GeoPoint(5, -175), 300).EastKt, Is.EqualTo(2).Within(1e-12));
    }

    [Test]
    public void AnEvenlySpacedGlobalGridIsPeriodic()
    {
        // 0, 90, 180, 270 (written 0..270): no gap is the largest alone, so the cell 270..360 (-90..0) interpolates
        // (the grid was clamped at its ends before: 179.9 and -0.1 both held a column's value).
        var sb = new StringBuilder("lat,lon,fl,u_kt,v_kt\n");
        foreach (double lat in new[] { 0.0, 10.0 })
            foreach (double lon in new[] { 0.0, 90.0, 180.0, 270.0 })
                sb.Append(CultureInfo.InvariantCulture, $"{lat},{lon},300,{lon / 10},0\n");
        var f = GriddedWindField.Parse(sb.ToString(), "global.csv");
        Assert.That(f.CrossesAntimeridian, Is.False);
        Assert.That(f.LongitudesDeg, Is.EqualTo(new[] { -90.0, 0.0, 90.0, 180.0 }));
        Assert.That(f.At(new GeoPoint(5, -45), 300).EastKt, Is.EqualTo((27 + 0) / 2.0).Within(1e-12)); // between 270 and 360
        Assert.That(f.At(new GeoPoint(5, 135), 300).EastKt, Is.EqualTo((9 + 18) / 2.0).Within(1e-12)); // between 90 and 180
        Assert.That(f.At(new GeoPoint(5, -135), 300).EastKt, Is.EqualTo((18 + 27) / 2.0).Within(1e-12)); // between 180 and 270
    }

    [Test]
    public void AGridWithinTheHemisphereIsClampedAsBefore()
    {
        // The gap across ±180 is the largest: nothing changes (east of the grid holds the east edge, west the west).
        var f = GriddedWindField.Parse("lat,lon,fl,u_kt,v_kt\n0,-80,300,1,0\n0,-40,300,3,0\n10,-80,300,1,0\n10,-40,300,3,0\n", "atlantic.csv");
        Assert.That(f.CrossesAntimeridian, Is.False);
        Assert.That(f.At(new GeoPoint(5, 150), 300).EastKt, Is.EqualTo(3));
        Assert.That(f.At(new GeoPoint(5, -170), 300).EastKt, Is.EqualTo(1));
        Assert.That(f.Description, Does.Contain("-80..-40 E"));
    }
}
