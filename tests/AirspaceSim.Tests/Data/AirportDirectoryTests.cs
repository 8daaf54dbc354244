using AirspaceSim.Data;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Data;

public class AirportDirectoryTests
{
    [Test]
    public void BundledAirportsResolveByIataAndIcaoInAnyCase()
    {
        var d = AirportDirectory.Bundled;
        Assert.That(d.Count, Is.EqualTo(52));
        Assert.That(BundledData.Airports, Is.SameAs(d));
        var ccs = d["ccs"];
        Assert.That((ccs.Icao, ccs.Iata, ccs.Country), Is.EqualTo(("SVMI", "CCS", "Venezuela")));
        Assert.That(d["svmi"], Is.SameAs(ccs));
        Assert.That(ccs.Location, Is.EqualTo(new GeoPoint(10.6012, -66.9912)));
        Assert.That(d.ResolveLocation(" AUA "), Is.EqualTo(("AUA", new GeoPoint(12.5014, -70.0152))));
        Assert.That(d.ResolveLocation("TNCC").Code, Is.EqualTo("CUR"));
    }

    [Test]
    public void LatLonParses()
    {
        var (code, p) = AirportDirectory.Bundled.ResolveLocation("12.50,-70.02");
        Assert.That(p, Is.EqualTo(new GeoPoint(12.5, -70.02)));
        Assert.That(code, Is.EqualTo("12.5,-70.02"));
        var ex = Assert.Throws<FormatException>(() => AirportDirectory.Bundled.ResolveLocation("95,-70"))!;
        Assert.That(ex.Message, Does.Contain("invalid location '95,-70'").And.Contain("latitude 95"));
        Assert.Throws<FormatException>(() => AirportDirectory.Bundled.ResolveLocation("12.5,abc"));
        Assert.Throws<FormatException>(() => AirportDirectory.Bundled.ResolveLocation("  "));
    }

    [Test]
    public void UnknownCodeMessage()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => AirportDirectory.Bundled.ResolveLocation("CCX"))!;
        Assert.That(ex.Message, Does.StartWith("unknown airport code 'CCX'").And.Contain("52 airports").And.Contain("LAT,LON").And.Contain("did you mean CCS"));
        Assert.Throws<KeyNotFoundException>(() => _ = AirportDirectory.Bundled["ZZZZ"]);
        Assert.That(AirportDirectory.Bundled.TryGet("ZZZ", out _), Is.False);
    }

    [Test]
    public void OpenFlightsFormatWithQuotesAndNulls()
    {
        const string dat = "1,\"Goroka Airport\",\"Goroka\",\"Papua New Guinea\",\"GKA\",\"AYGA\",-6.081689834590001,145.391998291,5282,10,\"U\",\"Pacific/Port_Moresby\",\"airport\",\"OurAirports\"\n" +
                           "2,\"Some \"\"Quoted\"\", Field\",\"X\",\"Y\",\\N,\"ZZZZ\",1.5,2.5,0,0,\"U\",\\N,\"airport\",\"OurAirports\"\n" +
                           "3,\"No codes\",\"X\",\"Y\",\\N,\\N,1,2,0,0,\"U\",\\N,\"airport\",\"OurAirports\"\n";
        var d = AirportDirectory.FromOpenFlights(new StringReader(dat));
        Assert.That(d.Count, Is.EqualTo(2));
        Assert.That(d["gka"].Icao, Is.EqualTo("AYGA"));
        var z = d["ZZZZ"];
        Assert.That((z.Iata, z.Name, z.Code), Is.EqualTo(((string?)null, "Some \"Quoted\", Field", "ZZZZ")));
        var bad = Assert.Throws<FormatException>(() => AirportDirectory.FromOpenFlights(new StringReader("1,\"A\",\"B\",\"C\",\"D\"\n"), "x.dat"))!;
        Assert.That(bad.Message, Does.StartWith("x.dat:1:"));
    }

    [Test]
    public void BundledAirportsMatchOpenFlights()
    {
        var path = ReferenceData.Require("openflights/airports.dat");
        var of = AirportDirectory.FromOpenFlights(path);
        Assert.That(of.Count, Is.GreaterThan(7000));
        foreach (var a in AirportDirectory.Bundled.Airports)
        {
            var o = of[a.Icao!];
            Assert.That(o.Iata, Is.EqualTo(a.Iata), a.Icao);
            Assert.That(o.Location.LatDeg, Is.EqualTo(a.Location.LatDeg).Within(1.5e-4), a.Icao);
            Assert.That(o.Location.LonDeg, Is.EqualTo(a.Location.LonDeg).Within(1.5e-4), a.Icao);
        }
    }
}
