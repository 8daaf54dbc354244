using System.Text;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Data;

/// <summary>
/// The bundled airports are looked up through a code index that parses only the rows asked for (issue 9); a full
/// read of the same bytes (<see cref="AirportDirectory.FromCsv(TextReader, string?)"/>) is the reference, on every
/// code of the world list in several spellings, and on small files whose answers are worked out by hand.
/// </summary>
public class AirportCodeIndexTests
{
    private static AirportDirectory Lazy(string csv) => AirportDirectory.FromCsvBytesLazily(() => Encoding.UTF8.GetBytes(csv), "t.csv");

    private static AirportDirectory Full(string csv) => AirportDirectory.FromCsv(new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(csv))), "t.csv");

    /// <summary>Each code as written, lower-cased, in alternating case and padded with blanks: what a user may type.</summary>
    private static IEnumerable<string> Spellings(string code)
    {
        yield return code;
        yield return code.ToLowerInvariant();
        yield return string.Concat(code.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : c));
        yield return " \t" + code + " ";
    }

    private static void AssertSame(AirportDirectory lazy, AirportDirectory full, IEnumerable<string> queries)
    {
        int n = 0;
        foreach (var q in queries)
        {
            bool l = lazy.TryGet(q, out var a), f = full.TryGet(q, out var b);
            Assert.That((l, a), Is.EqualTo((f, b)), $"query '{q}'");
            n++;
        }
        Assert.That(n, Is.GreaterThan(0));
    }

    [Test]
    public void EveryBundledCodeResolvesToTheAirportOfAFullRead()
    {
        var full = AirportDirectory.LoadBundled();
        var lazy = AirportDirectory.LoadBundledLazily();
        Assert.That(lazy.IsFullyRead, Is.False, "nothing is read before the first lookup");
        var codes = full.Airports.SelectMany(a => new[] { a.Icao, a.Iata }).OfType<string>().ToList();
        Assert.That(codes, Has.Count.EqualTo(4979 + 4517 - 24), "every ICAO code (24 airports have only an IATA one) and the 4,517 IATA codes");
        // Unknown codes too: near misses, an ICAO-length IATA code, empty, too long for any code.
        string[] unknown = ["ZZZZ", "ZZZ", "AMSX", "AM", "A", "", "   ", "TNCCTNCCX", "TNCC,", "12.5"];
        AssertSame(lazy, full, codes.SelectMany(Spellings).Concat(unknown));
        Assert.That(lazy.HasCodeIndex, Is.True, "the bundled extract is one the code index answers");
        Assert.That(lazy.IsFullyRead, Is.False, "every answer above came from the code index, not from a full read");
        Assert.That(lazy.Count, Is.EqualTo(full.Count));
        Assert.That(lazy.IsFullyRead, Is.False, "the count is the index's");
        // Then the whole list: the same airports in the same order.
        Assert.That(lazy.Airports, Is.EqualTo(full.Airports));
        Assert.That(lazy.IsFullyRead, Is.True);
        AssertSame(lazy, full, codes.Concat(unknown));
    }

    [Test]
    public void ARowFoundTwiceIsOneInstanceAndTheFullListSharesIt()
    {
        var lazy = AirportDirectory.LoadBundledLazily();
        var ccs = lazy["ccs"];
        Assert.That(lazy["SVMI"], Is.SameAs(ccs));
        Assert.That(ccs.Location, Is.EqualTo(new GeoPoint(10.6012, -66.9912)));
        Assert.That(lazy.IsFullyRead, Is.False);
        Assert.That(lazy.Airports.Single(a => a.Iata == "CCS"), Is.SameAs(ccs));
        Assert.That(lazy["CCS"], Is.SameAs(ccs), "after the full read too");
    }

    [Test]
    public void NonAsciiQueriesAreAnsweredByAFullRead()
    {
        // Ordinal-ignore-case is Unicode simple case mapping; rather than reason about which letters fold to ASCII (the
        // dotless i, the long s, the Kelvin sign), the index leaves any non-ASCII query to the full tables.
        var full = AirportDirectory.LoadBundled();
        var lazy = AirportDirectory.LoadBundledLazily();
        string[] queries = ["AMſ", "ıST", "SVMı", "\u212AJFK", "CUR\u00A0", "\u2003AUA", "é", "TNCÇ"];
        AssertSame(lazy, full, queries);
        Assert.That(lazy.IsFullyRead, Is.True);
        Assert.That(lazy.TryGet("\u2003AUA\u00A0", out var aua) && aua.Iata == "AUA", Is.True, "Unicode blanks are trimmed as before");
    }

    // Hand-worked: ABCD is one airport's ICAO code and another's IATA code, XYZ the reverse. A 4-character query is
    // ICAO first, anything else IATA first, so ABCD names One and XYZ names One as well; QQQ only Two's IATA.
    private const string Crossed = "icao,iata,name,country,lat,lon\nABCD,XYZ,One,C,1,1\nXYZ,ABCD,Two,C,2,2\nQQQQ,QQQ,Three,C,3,3\n";

    [TestCase("ABCD", "One")]
    [TestCase("abcd", "One")]
    [TestCase("XYZ", "One")]
    [TestCase(" xyz ", "One")]
    [TestCase("QQQ", "Three")]
    [TestCase("qqqq", "Three")]
    public void ACodeGivenAsIcaoAndIataFollowsTheLengthRule(string query, string name)
    {
        var lazy = Lazy(Crossed);
        Assert.That(lazy[query].Name, Is.EqualTo(name));
        Assert.That(lazy.HasCodeIndex && !lazy.IsFullyRead, Is.True);
        Assert.That(Full(Crossed)[query].Name, Is.EqualTo(name));
    }

    /// <summary>Files the index reads itself: line ends, a BOM, blank and comment lines, optional columns in any order.</summary>
    [TestCase("icao,iata,name,country,lat,lon\r\nABCD,XYZ,One,C,1,1\r\n,QQQ,Two,C,2,2\r\n")]
    [TestCase("\uFEFFicao,iata,name,country,lat,lon\nABCD,XYZ,One,C,1,1\n,QQQ,Two,C,2,2")]
    [TestCase("# a comment\n\nicao,iata,name,country,lat,lon\n\n#ABCD,no,Comment,C,0,0\nABCD,,One,C,1,1\n\nEFGH,QQQ,\"Two, quoted\",C,2,2\n")]
    [TestCase("icao,iata,name,country,lat,lon,scheduled_service,type,iso_country\nabcd,xyz,One,C,1,1,yes,large,cw\nEFGH,,Two,C,2,2,,,\n")]
    [TestCase("ICAO,IATA,Name,Country,Lat,Lon\nABCD,XYZ,One,Curaçao,12.5,-70\nEFGH,Q1,Two,C,2,540\n")]
    public void TheIndexAnswersAsAFullRead(string csv)
    {
        var lazy = Lazy(csv);
        var full = Full(csv);
        var codes = full.Airports.SelectMany(a => new[] { a.Icao, a.Iata }).OfType<string>().ToList();
        AssertSame(lazy, full, codes.SelectMany(Spellings).Concat(["ZZZ", "QQQQ", "ABC", "#ABCD", "no"]));
        Assert.That(lazy.HasCodeIndex && !lazy.IsFullyRead, Is.True, "answered by the index");
        Assert.That(lazy.Count, Is.EqualTo(full.Count));
        Assert.That(lazy.Airports, Is.EqualTo(full.Airports));
    }

    /// <summary>Files the index leaves to a full read, which then answers (or fails) exactly as before.</summary>
    [TestCase("icao,iata,name,country,lat,lon\n\"ABCD\",XYZ,One,C,1,1\n", TestName = "a quoted code")]
    [TestCase("icao,iata,name,country,lat,lon\n  ABCD,XYZ,One,C,1,1\n", TestName = "a line starting with blanks")]
    [TestCase("icao,iata,name,country,lat,lon\nABCD, XYZ ,One,C,1,1\n", TestName = "a code with blanks")]
    [TestCase("icao,iata,name,country,lat,lon\nABCD,XYZ,One,C,1,1\rEFGH,QQQ,Two,C,2,2\n", TestName = "a lone CR")]
    [TestCase("icao,iata,name,country,lat,lon\nÅBCD,XYZ,One,C,1,1\n", TestName = "a non-ASCII code")]
    [TestCase("icao,iata,name,country,lat,lon\nABCDEFGHI,XYZ,One,C,1,1\n", TestName = "a code of 9 characters")]
    [TestCase("   \nicao,iata,name,country,lat,lon\nABCD,XYZ,One,C,1,1\n", TestName = "a blank line of spaces")]
    public void OtherFilesAreReadInFull(string csv)
    {
        var lazy = Lazy(csv);
        var full = Full(csv);
        AssertSame(lazy, full, ["ABCD", "xyz", "EFGH", "QQQ", "ZZZ", "ÅBCD", "ABCDEFGHI"]);
        Assert.That(lazy.HasCodeIndex, Is.False);
        Assert.That(lazy.IsFullyRead, Is.True);
        Assert.That(lazy.Airports, Is.EqualTo(full.Airports));
    }

    /// <summary>A repeated code (any case), a bad header, no airport: the full read's error, at the first lookup.</summary>
    [TestCase("icao,iata,name,country,lat,lon\nABCD,XYZ,One,C,1,1\nEFGH,xyz,Two,C,2,2\n", "t.csv:3: IATA code 'xyz' is already given on line 2")]
    [TestCase("icao,iata,name,country,lat,lon\nABCD,XYZ,One,C,1,1\nabcd,,Two,C,2,2\n", "t.csv:3: ICAO code 'abcd' is already given on line 2")]
    [TestCase("icao,iata,name,country,lat\nABCD,XYZ,One,C,1\n", "t.csv:1: expected the header")]
    [TestCase("icao,iata,name,country,lat,lon\n", "t.csv: no airports after the header")]
    [TestCase("icao,iata,name,country,lat,lon\n,,Nameless,C,1,1\n", "t.csv:2: an airport needs an ICAO or an IATA code")]
    [TestCase("icao,iata,name,country,lat,lon\nABCD\n", "t.csv:2: expected 6 fields like the header, found 1")]
    [TestCase("icao,iata,name,country,lat,lon\nABCD,XYZ,One,C,abc,1\n", "t.csv:2: 'abc,1' is not a valid latitude,longitude")]
    public void AFileAFullReadRejectsIsRejectedAlike(string csv, string message)
    {
        var expected = Assert.Throws<FormatException>(() => Full(csv))!;
        Assert.That(expected.Message, Does.StartWith(message));
        var lazy = Lazy(csv);
        var e = Assert.Throws<FormatException>(() => lazy.TryGet("ABCD", out _))!;
        Assert.That(e.Message, Is.EqualTo(expected.Message));
    }

    [Test]
    public void ConcurrentFirstLookupsAndAFullReadAgreeOnEveryInstance()
    {
        var full = AirportDirectory.LoadBundled();
        var codes = full.Airports.SelectMany(a => new[] { a.Icao, a.Iata }).OfType<string>().ToArray();
        for (int round = 0; round < 3; round++)
        {
            var lazy = AirportDirectory.LoadBundledLazily();
            var found = new Airport?[codes.Length];
            IReadOnlyList<Airport>? list = null;
            // Threads resolve their ranges of codes while one of them asks for the whole list part-way through.
            Parallel.For(0, codes.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                if (i == codes.Length / 3) list = lazy.Airports;
                found[i] = lazy[codes[i]];
            });
            Assert.That(list, Is.Not.Null);
            var byCode = lazy.Airports.SelectMany(a => new[] { a.Icao, a.Iata }.OfType<string>().Select(c => (c, a))).ToDictionary(x => x.c, x => x.a);
            for (int i = 0; i < codes.Length; i++)
            {
                Assert.That(found[i], Is.SameAs(byCode[codes[i]]), codes[i]);
                Assert.That(found[i], Is.EqualTo(full[codes[i]]), codes[i]);
            }
            Assert.That(list, Is.SameAs(lazy.Airports));
        }
    }
}
