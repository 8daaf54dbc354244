using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Tests.Cli;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Data;

/// <summary><c>--airports</c> files: merged over the bundled list, a repeated code or an empty file is an error.</summary>
public class AirportFileTests
{
    private TempDir _tmp = null!;
    private const string Header = "icao,iata,name,country,lat,lon\n";

    [SetUp] public void SetUp() => _tmp = NewTempDir();
    [TearDown] public void TearDown() => _tmp.Dispose();

    [Test]
    public void AFileMergesOverTheBundledAirportsAndWinsOnConflict()
    {
        // XAAA is new; CUR is moved to a made-up position; AMS still comes from the bundled list.
        var f = _tmp.Write("mine.csv", Header + "XAAA,XAA,Test A,Nowhere,1.5,2.5\nTNCC,CUR,My Curaçao,Curaçao,12.0,-69.0\n");
        var r = Run("route", "AMS", "CUR", "--airports", f, "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var to = r.Json().GetProperty("to");
        Assert.That((to.GetProperty("lat").GetDouble(), to.GetProperty("lon").GetDouble()), Is.EqualTo((12.0, -69.0)));
        Assert.That(Run("route", "XAA", "GRU", "--airports", f).Exit, Is.EqualTo(0));

        using var reader = new StringReader(Header + "XAAA,XAA,Test A,Nowhere,1.5,2.5\nTNCC,CUR,My Curaçao,Curaçao,12.0,-69.0\nTNCA,,Aruba by ICAO only,Aruba,12.5,-70.0\n");
        var merged = AirportDirectory.Bundled.With(AirportDirectory.FromCsv(reader));
        Assert.That(merged["TNCC"].Name, Is.EqualTo("My Curaçao"));
        Assert.That(merged["cur"], Is.SameAs(merged["TNCC"]));
        Assert.That(merged["TNCA"].Name, Is.EqualTo("Aruba by ICAO only"), "the file's ICAO code wins");
        Assert.That(merged["AUA"].Name, Is.EqualTo("Queen Beatrix International Airport"), "the bundled IATA code it did not give stays");
        Assert.That(merged["AMS"], Is.SameAs(AirportDirectory.Bundled["AMS"]));
        // The replaced Hato airport is gone from the list; the partly shadowed Queen Beatrix stays (AUA still names it).
        Assert.That(merged.Count, Is.EqualTo(AirportDirectory.Bundled.Count + 3 - 1));
        Assert.That(merged.Airports.Count(a => a.Iata == "CUR"), Is.EqualTo(1));
    }

    [TestCase("XAAA,XAA,A,N,1,2\nXBBB,xaa,B,N,3,4\n", "mine.csv:3: IATA code 'xaa' is already given on line 2")]
    [TestCase("XAAA,XAA,A,N,1,2\n\n# comment\nxaaa,XBB,B,N,3,4\n", "mine.csv:5: ICAO code 'xaaa' is already given on line 2")]
    public void ACodeGivenTwiceIsAnErrorNamingBothLines(string rows, string message)
    {
        var f = _tmp.Write("mine.csv", Header + rows);
        AssertUserError(Run("route", "AMS", "CUR", "--airports", f), message);
    }

    [Test]
    public void ACodeGivenTwiceInOpenFlightsFormatIsAnError()
    {
        const string dat = "1,\"A\",\"X\",\"Y\",\"XAA\",\"XAAA\",1,2,0,0,\"U\",\\N,\"airport\",\"OurAirports\"\n" +
                           "2,\"B\",\"X\",\"Y\",\"XAA\",\"XBBB\",3,4,0,0,\"U\",\\N,\"airport\",\"OurAirports\"\n";
        var ex = Assert.Throws<FormatException>(() => AirportDirectory.FromOpenFlights(new StringReader(dat), "a.dat"))!;
        Assert.That(ex.Message, Is.EqualTo("a.dat:2: IATA code 'XAA' is already given on line 1; each code may name one airport only"));
    }

    [TestCase("", "no header line")]
    [TestCase("\n\n", "no header line")]
    [TestCase(Header, "no airports after the header")]
    [TestCase(Header + "# only a comment\n", "no airports after the header")]
    public void AnEmptyFileIsAnError(string text, string message)
    {
        var f = _tmp.Write("empty.csv", text);
        AssertUserError(Run("route", "AMS", "CUR", "--airports", f), "empty.csv", message);
        if (text.Trim().Length > 0) return;
        var dat = _tmp.Write("empty.dat", text);
        AssertUserError(Run("route", "AMS", "CUR", "--airports", dat), "empty.dat", "no airport");
    }

    [Test]
    public void OptionalColumnsAreReadAndChecked()
    {
        using var ok = new StringReader("icao,iata,name,country,lat,lon,type,iso_country,scheduled_service\nXAAA,,A,N,1,2,large_airport,nl,yes\nXBBB,,B,N,1,2,,,\n");
        var d = AirportDirectory.FromCsv(ok);
        Assert.That((d["XAAA"].Type, d["XAAA"].IsoCountry, d["XAAA"].ScheduledService), Is.EqualTo((AirportType.Large, "NL", (bool?)true)));
        Assert.That((d["XBBB"].Type, d["XBBB"].IsoCountry, d["XBBB"].ScheduledService), Is.EqualTo((AirportType.Unknown, (string?)null, (bool?)null)));
        Assert.That(d["XBBB"].Location, Is.EqualTo(new GeoPoint(1, 2)));

        string Error(string text) => Assert.Throws<FormatException>(() => AirportDirectory.FromCsv(new StringReader(text), "f.csv"))!.Message;
        Assert.That(Error(Header.TrimEnd() + ",runways\nXAAA,,A,N,1,2,3\n"), Does.StartWith("f.csv:1: header column 7 'runways' is not known"));
        Assert.That(Error(Header.TrimEnd() + ",type,type\n"), Does.StartWith("f.csv:1: header column 8 'type' is given twice"));
        Assert.That(Error(Header.TrimEnd() + ",type\nXAAA,,A,N,1,2,huge\n"), Does.StartWith("f.csv:2: type 'huge' is not large, medium or small"));
        Assert.That(Error(Header.TrimEnd() + ",scheduled_service\nXAAA,,A,N,1,2,maybe\n"), Does.StartWith("f.csv:2: scheduled_service 'maybe' is not yes or no"));
        Assert.That(Error(Header + "XAAA,,A,N,1\n"), Does.StartWith("f.csv:2: expected 6 fields like the header, found 5"));
        Assert.That(Error(Header + ",,A,N,1,2\n"), Does.StartWith("f.csv:2: an airport needs an ICAO or an IATA code"));
    }

    [Test]
    public void HelpSaysTheFileMerges()
    {
        var r = Run("route", "--help");
        Assert.That(r.Out, Does.Contain("merged over the bundled"));
    }
}
