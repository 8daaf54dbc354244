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

    [TestCase("origin,dest\nAMS,CUR\n", "r.csv: line 1: expected a header with 'from' and 'to'")]
    [TestCase("", "r.csv: no header line")]
    [TestCase("\"from,to\n", "r.csv: line 1: unterminated quoted field")]
    [TestCase("# c\nfrom,to,From\nAMS,CUR,X\n", "r.csv: line 2: duplicate column 'From' (columns 1 and 3)")]
    [TestCase("id,to,from,x,ID\n", "r.csv: line 1: duplicate column 'ID' (columns 1 and 5)")]
    public void HeaderErrorsFailTheList(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => RouteListReader.Parse(text, "r.csv"))!;
        Assert.That(ex.Message, Does.StartWith(message));
    }

    [Test]
    public void IgnoredColumnsAreListed()
    {
        var reader = new RouteListReader(new StringReader("note, To ,from,,x\nn,CUR,AMS,,y\n"), "r.csv");
        Assert.That(reader.Columns, Is.EqualTo(new[] { "note", "To", "from", "", "x" }));
        Assert.That(reader.IgnoredColumns, Is.EqualTo(new[] { 0, 3, 4 }));
        Assert.That(reader.ReadRows().Single(), Is.EqualTo(new RouteListRow(2, "AMS", "CUR")));
        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    [Test]
    public void ATypeColumnIsReadPerRow()
    {
        var reader = new RouteListReader(new StringReader("note,from,to, Type \nn,AMS,CUR, B789 \nn,AMS,CUR,\n"), "r.csv");
        Assert.That(reader.HasTypeColumn, Is.True);
        Assert.That(reader.IgnoredColumns, Is.EqualTo(new[] { 0 }));
        var rows = reader.ReadRows().ToList();
        Assert.That(rows.Select(r => r.AircraftType), Is.EqualTo(new[] { "B789", null }));
        Assert.That(new RouteListReader(new StringReader("from,to\nAMS,CUR\n")).HasTypeColumn, Is.False);
    }

    /// <summary>Every record is one row, in order: K records give K rows, the bad ones with their problem and reason.</summary>
    [Test]
    public void BadRowsAreRowsWithAReason()
    {
        const string text = "from,to\nAMS\nAMS,CUR\n12.5,-70.02,CCS\n\"AMS\"x,CUR\n,CUR\nAMS,\" \"\nAMS,CUR\"\nMIA,AUA\n";
        var rows = RouteListReader.Parse(text, "r.csv");
        Assert.That(rows.Select(r => (r.LineNumber, r.Problem)), Is.EqualTo(new[]
        {
            (2, RouteListProblem.FieldCount), (3, RouteListProblem.None), (4, RouteListProblem.FieldCount),
            (5, RouteListProblem.Malformed), (6, RouteListProblem.EmptyField), (7, RouteListProblem.EmptyField),
            (8, RouteListProblem.Malformed), (9, RouteListProblem.None),
        }));
        Assert.That(rows[0].Error, Is.EqualTo("expected 2 fields like the header, found 1 in 'AMS' (quote a LAT,LON as \"lat,lon\")"));
        Assert.That(rows[0].From, Is.EqualTo("AMS"));
        Assert.That(rows[0].To, Is.Empty);
        Assert.That(rows[3].Error, Is.EqualTo("unexpected text after a closing quote at column 6"));
        Assert.That(rows[4].Error, Is.EqualTo("empty 'from' field"));
        Assert.That(rows[5].Error, Is.EqualTo("empty 'to' field"));
        Assert.That(rows[6].Error, Is.EqualTo("a quote inside an unquoted field at column 8"));
        Assert.That(rows.Where(r => r.Problem == RouteListProblem.None).Select(r => r.Error), Is.All.Null);
    }

    [Test]
    public void AQuotedFieldSpanningLinesIsOneErrorRow()
    {
        var rows = RouteListReader.Parse("from,to\n\"AMS\n\n# not a comment\nX\",CUR\nMIA,AUA\n", "r.csv");
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].LineNumber, Is.EqualTo(2));
        Assert.That(rows[0].Problem, Is.EqualTo(RouteListProblem.SpansLines));
        Assert.That(rows[0].Error, Does.StartWith("a quoted field spans lines 2–5"));
        Assert.That(rows[1], Is.EqualTo(new RouteListRow(6, "MIA", "AUA")));
    }

    [Test]
    public void AnUnterminatedQuoteIsOneErrorRowAndTheRestIsRead()
    {
        // At the end of the file.
        var atEnd = RouteListReader.Parse("from,to\nMIA,AUA\n\"AMS,CUR\nBOG,POS\n", "r.csv");
        Assert.That(atEnd.Select(r => (r.LineNumber, r.Problem)), Is.EqualTo(new[]
            { (2, RouteListProblem.None), (3, RouteListProblem.Malformed), (4, RouteListProblem.None) }));
        Assert.That(atEnd[1].Error, Is.EqualTo("unterminated quoted field starting at column 1"));
        // A closing quote further than MaxFieldChars away does not swallow the rows in between.
        var text = "from,to\n\"AMS,CUR\n" + string.Concat(Enumerable.Repeat("BOG,POS\n", 2000)) + "X\",Y\n";
        var rows = RouteListReader.Parse(text, "r.csv");
        Assert.That(rows, Has.Count.EqualTo(2002));
        Assert.That(rows[0].Problem, Is.EqualTo(RouteListProblem.Malformed));
        Assert.That(rows.Skip(1).Take(2000), Is.All.Property(nameof(RouteListRow.Problem)).EqualTo(RouteListProblem.None));
        Assert.That(rows[^1].Error, Does.StartWith("a quote inside an unquoted field"));
    }

    /// <summary>A 5 MB field (an unknown code, or a note) is one error row with a short message; reading it is linear.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void AHugeFieldIsAnErrorRowQuotedShort(bool quoted)
    {
        string huge = new('A', 5_000_000);
        string field = quoted ? $"\"{huge}\"" : huge;
        var rows = RouteListReader.Parse($"from,to,note\n{field},CUR,x\nAMS,CUR,{field}\nMIA,AUA,\n", "r.csv");
        Assert.That(rows.Select(r => r.Problem), Is.EqualTo(new[] { RouteListProblem.TooLong, RouteListProblem.TooLong, RouteListProblem.None }));
        Assert.That(rows[0].Error, Is.EqualTo($"field 1 is 5,000,000 characters long, more than the {RouteListReader.MaxFieldChars:N0} accepted"));
        Assert.That(rows[1].Error, Does.StartWith("field 3 is 5,000,000 characters long"));
        Assert.That(rows[0].From, Is.EqualTo(new string('A', 40) + "… (5,000,000 chars)"));
        Assert.That(rows[1].From, Is.EqualTo("AMS"));
    }

    [Test]
    public void ALocationLongerThanAnyCodeOrCoordinateIsAnErrorRow()
    {
        string longCode = new('B', RouteListReader.MaxLocationChars + 1);
        var rows = RouteListReader.Parse($"from,to\nAMS,{longCode}\n", "r.csv");
        Assert.That(rows.Single().Problem, Is.EqualTo(RouteListProblem.TooLong));
        Assert.That(rows.Single().Error, Is.EqualTo($"'to' is 65 characters long: not an airport code or LAT,LON (at most {RouteListReader.MaxLocationChars})"));
        Assert.That(rows.Single().To, Has.Length.LessThan(70));
    }

    [Test]
    public void RowsStreamAsTheyAreRead()
    {
        // The reader hands out a row before the text after it exists: nothing is read ahead of the current row.
        var input = new LineByLine("from,to", "AMS,CUR", "MIA,AUA");
        var rows = new RouteListReader(input, "r.csv").ReadRows().GetEnumerator();
        Assert.That(rows.MoveNext(), Is.True);
        Assert.That(rows.Current.From, Is.EqualTo("AMS"));
        Assert.That(input.LinesRead, Is.EqualTo(2));
    }

    private sealed class LineByLine(params string[] lines) : TextReader
    {
        public int LinesRead { get; private set; }
        public override string? ReadLine() => LinesRead < lines.Length ? lines[LinesRead++] : null;
    }

    [Test]
    public void BundledCaribbeanRoutesResolve()
    {
        var rows = BundledData.CaribbeanRoutes;
        Assert.That(rows, Has.Count.EqualTo(66));
        Assert.That(rows[0], Is.EqualTo(new RouteListRow(2, "AMS", "CUR")));
        foreach (var r in rows)
        {
            Assert.DoesNotThrow(() => AirportDirectory.Bundled.Resolve(r.From), r.ToString());
            Assert.DoesNotThrow(() => AirportDirectory.Bundled.Resolve(r.To), r.ToString());
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
