using AirspaceSim.Data;

namespace AirspaceSim.Tests.Data;

public class RouteListReaderTests
{
    [Test]
    public void QuotingAndLineNumbers()
    {
        const string text = "from,to\nAMS,CUR\n\n# a comment\n\"12.50,-70.02\",\"CCS\"\n  MIA , \"10.6,-66.99\"\n\"say \"\"hi\"\"\",X\n";
        var rows = RouteListReader.Parse(text, "r.csv");
        Assert.That(rows, Is.EqualTo(new[]
        {
            new RouteListRow(2, "AMS", "CUR"),
            new RouteListRow(5, "12.50,-70.02", "CCS"),
            new RouteListRow(6, "MIA", "10.6,-66.99"),
            new RouteListRow(7, "say \"hi\"", "X"),
        }));
    }

    [Test]
    public void ExtraColumnsAndColumnOrderFollowTheHeader()
    {
        var rows = RouteListReader.Parse("note,TO,From\nx,CUR,AMS\n");
        Assert.That(rows.Single(), Is.EqualTo(new RouteListRow(2, "AMS", "CUR")));
    }

    [TestCase("from,to\nAMS\n", "r.csv: line 2: expected 2 fields")]
    [TestCase("from,to\nAMS,CUR\n12.5,-70.02,CCS\n", "r.csv: line 3: expected 2 fields")]
    [TestCase("from,to\n\"AMS,CUR\n", "r.csv: line 2: unterminated quoted field")]
    [TestCase("from,to\n\"AMS\"x,CUR\n", "r.csv: line 2: unexpected text after a closing quote")]
    [TestCase("origin,dest\nAMS,CUR\n", "r.csv: line 1: expected a header with 'from' and 'to'")]
    [TestCase("from,to\n,CUR\n", "r.csv: line 2: empty 'from' field")]
    [TestCase("", "r.csv: no header line")]
    public void ErrorsNameTheLine(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => RouteListReader.Parse(text, "r.csv"))!;
        Assert.That(ex.Message, Does.StartWith(message));
    }

    [Test]
    public void BundledCaribbeanRoutesResolve()
    {
        var rows = BundledData.CaribbeanRoutes;
        Assert.That(rows, Has.Count.EqualTo(66));
        Assert.That(rows[0], Is.EqualTo(new RouteListRow(2, "AMS", "CUR")));
        foreach (var r in rows)
        {
            Assert.DoesNotThrow(() => AirportDirectory.Bundled.ResolveLocation(r.From), r.ToString());
            Assert.DoesNotThrow(() => AirportDirectory.Bundled.ResolveLocation(r.To), r.ToString());
        }
    }

    [Test]
    public void BundledDataStreams()
    {
        Assert.That(BundledData.AirspaceResourceNames, Is.EqualTo(new[] { "AirspaceSim.Data.airspaces.SVZM.geojson", "AirspaceSim.Data.airspaces.TNCF.geojson" }));
        Assert.That(BundledData.AirportsCsv, Does.StartWith("icao,iata,name,country,lat,lon,iso_country,type,scheduled_service\n"));
        Assert.That(BundledData.CaribbeanRoutesCsv, Does.StartWith("from,to"));
        Assert.That(BundledData.Airspaces["TNCF"].Name, Is.EqualTo("Curaçao FIR"));
        var ex = Assert.Throws<FileNotFoundException>(() => BundledData.Open("nope"))!;
        Assert.That(ex.Message, Does.Contain("AirspaceSim.Data.world.airports.csv"));
    }
}
