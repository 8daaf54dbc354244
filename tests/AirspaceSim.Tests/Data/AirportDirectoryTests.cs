using AirspaceSim.Data;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Data;

public class AirportDirectoryTests
{
    [Test]
    public void BundledAirportsResolveByIataAndIcaoInAnyCase()
    {
        var d = AirportDirectory.Bundled;
        Assert.That(d.Count, Is.EqualTo(4979), "OurAirports' 5,210 medium and large airports less the 231 with neither an ICAO nor an IATA code");
        Assert.That(BundledData.Airports, Is.SameAs(d));
        var ccs = d["ccs"];
        Assert.That((ccs.Icao, ccs.Iata, ccs.Country, ccs.IsoCountry, ccs.Type, ccs.ScheduledService),
            Is.EqualTo(("SVMI", "CCS", "Venezuela", "VE", AirportType.Large, (bool?)true)));
        Assert.That(d["svmi"], Is.SameAs(ccs));
        Assert.That(ccs.Location, Is.EqualTo(new GeoPoint(10.6012, -66.9912)));
        Assert.That(d.Resolve(" AUA "), Is.EqualTo(new RouteEnd("AUA", new GeoPoint(12.5014, -70.0152))));
        Assert.That(d.Resolve("TNCC").Code, Is.EqualTo("CUR"));
    }

    /// <summary>The tuple form, obsolete since <see cref="AirportDirectory.Resolve"/> returns the one place type, still agrees.</summary>
    [TestCase(" AUA ")]
    [TestCase("TNCC")]
    [TestCase("12.50,-70.02")]
    public void ObsoleteResolveLocationAgreesWithResolve(string text)
    {
        var end = AirportDirectory.Bundled.Resolve(text);
#pragma warning disable CS0618
        Assert.That(AirportDirectory.Bundled.ResolveLocation(text), Is.EqualTo((end.Code, end.Point)));
#pragma warning restore CS0618
    }

    [Test]
    public void LatLonParses()
    {
        var (code, p) = AirportDirectory.Bundled.Resolve("12.50,-70.02");
        Assert.That(p, Is.EqualTo(new GeoPoint(12.5, -70.02)));
        Assert.That(code, Is.EqualTo("12.5,-70.02"));
        var ex = Assert.Throws<FormatException>(() => AirportDirectory.Bundled.Resolve("95,-70"))!;
        Assert.That(ex.Message, Does.Contain("invalid location '95,-70'").And.Contain("latitude 95"));
        Assert.Throws<FormatException>(() => AirportDirectory.Bundled.Resolve("12.5,abc"));
        Assert.Throws<FormatException>(() => AirportDirectory.Bundled.Resolve("  "));
    }

    [Test]
    public void UnknownCodeMessage()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => AirportDirectory.Bundled.Resolve("TNCCX"))!;
        Assert.That(ex.Message, Does.StartWith("unknown airport code 'TNCCX'").And.Contain("4979 airports").And.Contain("LAT,LON").And.EndWith("did you mean TNCC?"));
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
    public void TheAirportsOfRecordKeepTheirPositionsAndMatchOpenFlights()
    {
        // data/airports.csv, the 52 airports of record, is kept position for position in the bundled extract.
        using var reader = File.OpenText(ReferenceData.RepoData("airports.csv"));
        var record = AirportDirectory.FromCsv(reader, "airports.csv");
        Assert.That(record.Count, Is.EqualTo(52));
        var of = AirportDirectory.FromOpenFlights(ReferenceData.Require("openflights/airports.dat"));
        foreach (var a in record.Airports)
        {
            var b = AirportDirectory.Bundled[a.Icao!];
            Assert.That((b.Iata, b.Name, b.Country, b.Location), Is.EqualTo((a.Iata, a.Name, a.Country, a.Location)), a.Icao);
            var o = of[a.Icao!];
            Assert.That(o.Iata, Is.EqualTo(a.Iata), a.Icao);
            Assert.That(o.Location.LatDeg, Is.EqualTo(a.Location.LatDeg).Within(1.5e-4), a.Icao);
            Assert.That(o.Location.LonDeg, Is.EqualTo(a.Location.LonDeg).Within(1.5e-4), a.Icao);
        }
    }

    [Test]
    public void TheExtractAgreesWithOpenFlights()
    {
        // An independent list: of the 4,413 IATA codes both know, 99.1 % lie within 2 km of each other; the rest are
        // airports that moved (Qingdao's new airport, 2021: 28 km) or codes given to another airport since 2014.
        var of = AirportDirectory.FromOpenFlights(ReferenceData.Require("openflights/airports.dat"));
        int both = 0, near = 0;
        foreach (var a in AirportDirectory.Bundled.Airports)
        {
            if (a.Iata == null || !of.TryGet(a.Iata, out var o) || o.Iata != a.Iata) continue;
            both++;
            if (AirspaceSim.Spherical.Sphere.DistanceKm(a.Location, o.Location) < 2) near++;
        }
        Assert.That(both, Is.GreaterThan(4300));
        Assert.That(near, Is.GreaterThan(0.99 * both));
    }

    [Test]
    public void EveryBundledAirportHasItsStateTypeAndService()
    {
        var all = AirportDirectory.Bundled.Airports;
        Assert.That(all.All(a => a.IsoCountry is { Length: 2 } && a.Type is AirportType.Large or AirportType.Medium && a.ScheduledService != null), Is.True);
        Assert.That(all.Count(a => a.Type == AirportType.Large), Is.EqualTo(462), "463 in OurAirports; one has no code");
        Assert.That(AirportDirectory.Bundled["NRT"].IsoCountry, Is.EqualTo("JP"));
        Assert.That(AirportDirectory.Bundled["TNCB"].IsoCountry, Is.EqualTo("BQ"), "Bonaire is its own ISO entry");
        Assert.That(AirportDirectory.Bundled["UUEE"].Iata, Is.EqualTo("SVO"));
    }
}
