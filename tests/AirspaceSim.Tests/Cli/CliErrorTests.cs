using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>Bad input: one clear <c>airspacesim: error:</c> line on stderr, exit code 2, nothing on stdout.</summary>
[TestFixture]
public class CliErrorTests
{
    private TempDir _tmp = null!;

    [SetUp] public void SetUp() => _tmp = NewTempDir();
    [TearDown] public void TearDown() => _tmp.Dispose();

    [Test]
    public void UnknownAirportCode()
    {
        AssertUserError(Run("route", "XXX", "CUR"), "FROM:", "unknown airport code 'XXX'", "LAT,LON");
        AssertUserError(Run("route", "AMS", "QQQQ"), "TO:", "unknown airport code 'QQQQ'");
    }

    [Test]
    public void UnknownCodeCloseToAKnownOne_SuggestsIt()
    {
        // AMX is one edit away from AMS (and possibly others); the hint lists close codes.
        AssertUserError(Run("route", "AMX", "CUR"), "unknown airport code 'AMX'", "did you mean", "AMS");
    }

    [TestCase("95,3", "latitude 95")]
    [TestCase("-91,3", "latitude -91")]
    [TestCase("12,541", "longitude 541 is outside [-540, 540]")]
    [TestCase("abc,def", "invalid location 'abc,def'", "latitude 'abc' is not a number")]
    [TestCase("12.5,", "invalid location")]
    [TestCase("1,2,3", "invalid location")]
    public void MalformedCoordinates(string text, params string[] fragments)
    {
        AssertUserError(Run("route", text, "CUR"), ["FROM:", .. fragments]);
        AssertUserError(Run("route", "CUR", text), ["TO:", .. fragments]);
    }

    [Test]
    public void ANumberWithoutComma_IsTakenAsACodeAndTheMessageExplainsBoth()
    {
        AssertUserError(Run("route", "12.5", "CUR"), "FROM:", "'12.5'", "LAT,LON");
    }

    [Test]
    public void UnknownAirspaceId_SuggestsTheCloseOne()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZX"), "--closed", "unknown airspace id 'SVZX'", "did you mean SVZM");
    }

    [Test]
    public void UnknownAirspaceId_WithoutCloseMatch_ListsKnownIds()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM,QWERTY"), "unknown airspace id 'QWERTY'", "known ids", "ADR, ADR-E", ", ...");
    }

    [Test]
    public void EmptyClosedList()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--closed", ","), "--closed", "no airspace ids");
    }

    [Test]
    public void MissingAirspacesFile()
    {
        var missing = Path.Combine(_tmp.Path, "nope.geojson");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", missing), "--airspaces", "file not found", missing);
    }

    [Test]
    public void AirspacesFileThatIsAFolder()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", _tmp.Path), "--airspaces", "is a folder, not a file");
    }

    [Test]
    public void AirspacesFileThatIsNotJson()
    {
        var f = _tmp.Write("hello.geojson", "hello, world\n");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", f), "hello.geojson", "not valid JSON");
    }

    [Test]
    public void AirspacesFileThatIsEmpty()
    {
        var f = _tmp.Write("empty.geojson", "");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", f), "empty.geojson");
    }

    [Test]
    public void AirspacesFileThatIsJsonButNotGeoJson()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", _tmp.Write("arr.geojson", "[1,2]")), "arr.geojson", "expected a GeoJSON object");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", _tmp.Write("foo.geojson", """{"type":"Foo"}""")), "foo.geojson", "\"Foo\" is not supported");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", _tmp.Write("nf.geojson", """{"type":"FeatureCollection"}""")), "nf.geojson", "\"features\"");
    }

    [Test]
    public void AirspacesFileThatYieldsNoAirspace_IsAnError()
    {
        var f = _tmp.Write("none.geojson", """{"type":"FeatureCollection","features":[]}""");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", f), "none.geojson", "no airspace", "0 feature(s)");
        var lines = _tmp.Write("lines.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"L1"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}
            """);
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", lines), "lines.geojson", "no airspace", "'L1'", "LineString is not supported");
    }

    private string ManyBadFeatures(int bad)
    {
        var features = Enumerable.Range(0, bad).Select(i =>
                $$$"""{"type":"Feature","properties":{"id":"BAD{{{i}}}"},"geometry":{"type":"Point","coordinates":[0,0]}}""")
            .Append("""{"type":"Feature","properties":{"id":"GOOD"},"geometry":{"type":"Polygon","coordinates":[[[20,20],[21,20],[21,21],[20,21]]]}}""");
        return _tmp.Write("many.geojson", $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
    }

    [Test]
    public void LoadProblems_CountAndTheFirstFewOnStderr_AllWithVerbose()
    {
        var f = ManyBadFeatures(8);
        var r = Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "GOOD,SVZM", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.ErrLines[0], Does.Contain("many.geojson: warning: 8 feature(s) left out, 1 repaired, 0 warning(s)"), r.ToString());
        // The first five problems with their feature ids and reasons, then a count of the rest.
        Assert.That(r.ErrLines.Count(l => l.Contains("Point is not supported") && l.Contains("(feature left out)")), Is.EqualTo(5), r.ToString());
        Assert.That(r.Err, Does.Contain("'BAD0'").And.Contain("'BAD4'").And.Not.Contain("'BAD5'"));
        Assert.That(r.ErrLines[^1], Does.Contain("... and 4 more (--verbose lists all)"), r.ToString());

        var v = Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "GOOD,SVZM", "--format", "json", "--verbose");
        Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
        for (int i = 0; i < 8; i++) Assert.That(v.Err, Does.Contain($"feature #{i} 'BAD{i}'"), v.ToString());
        Assert.That(v.Err, Does.Contain("'GOOD'").And.Contain("not closed").And.Contain("(repaired)"));
        Assert.That(v.Err, Does.Not.Contain("more (--verbose"));
    }

    [Test]
    public void Verbose_ValidatesFeaturesThatAreNotClosed()
    {
        var f = _tmp.Write("bow2.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"BOWT"},
               "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}}]}
            """);
        var quiet = Run("route", "AMS", "CUR", "--airspaces", f, "--format", "json");
        Assert.That((quiet.Exit, quiet.Err), Is.EqualTo((0, "")), quiet.ToString());
        var v = Run("route", "AMS", "CUR", "--airspaces", f, "--format", "json", "--verbose");
        Assert.That(v.Exit, Is.EqualTo(0), v.ToString());
        Assert.That(v.Err, Does.Contain("1 feature(s) left out").And.Contain("'BOWT'").And.Contain("crosses itself"), v.ToString());
    }

    [Test]
    public void SelfIntersectingAirspace_IsLeftOutAndClosingItSaysWhy()
    {
        var f = _tmp.Write("bow.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"BOWT","name":"Bow tie"},
               "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}},
              {"type":"Feature","properties":{"id":"GOOD","name":"Square"},
               "geometry":{"type":"Polygon","coordinates":[[[20,20],[21,20],[21,21],[20,21],[20,20]]]}}]}
            """);
        var r = Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "BOWT");
        var line = AssertUserError(r, "--closed", "'BOWT'", "left out", "crosses itself");
        Assert.That(r.ErrLines[0], Does.Contain("bow.geojson: warning: 1 feature(s) left out"), r.ToString());
        Assert.That(r.ErrLines[1], Does.Contain("feature #0 'BOWT'").And.Contain("crosses itself"), r.ToString());
        Assert.That(line, Does.Not.Contain("did you mean"));

        // The valid feature of the same file can be closed; the load note stays on stderr.
        var ok = Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "GOOD,SVZM", "--format", "json");
        Assert.That(ok.Exit, Is.EqualTo(0), ok.ToString());
        Assert.That(ok.Json().Status(), Is.EqualTo("detour"));
        Assert.That(ok.Err, Is.Empty, "BOWT is not closed, so it is not validated (--verbose validates all)");
    }

    [TestCase("-1", "-1 is outside [0, 600] NM")]
    [TestCase("NaN", "'NaN' is not a finite number")]
    [TestCase("Infinity", "'Infinity' is not a finite number")]
    [TestCase("1e999", "'1e999' is not a finite number")]
    public void BadBuffer(string value, string shown)
    {
        AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", value), "--buffer-nm", shown);
    }

    [Test]
    public void TooLargeBuffer_IsOneLine()
    {
        var line = AssertUserError(Run("route", "AMS", "CUR", "--buffer-nm", "5000"), "--buffer-nm", "5000", "[0, 600] NM", "10° of arc");
        Assert.That(line, Does.Not.Contain("(Parameter"));
    }

    [Test]
    public void AntipodalEnds()
    {
        AssertUserError(Run("route", "0,0", "0,180"), "antipodal");
    }

    [Test]
    public void AntipodalEnds_EchoTheUserInput_AndSayWhenPositionsAreNormalised()
    {
        // 0,180 is shown as 0,-180 by the planner: the message quotes what was typed and says why it differs.
        AssertUserError(Run("route", "0,0", "0,180"), "route '0,0' -> '0,180'", "0,-180", "normalised to [-180, 180)");
        var line = AssertUserError(Run("route", "10,10", "-10,-170"), "route '10,10' -> '-10,-170'", "antipodal");
        Assert.That(line, Does.Not.Contain("normalised"));
    }

    [TestCase("NaN,0", "latitude 'NaN' is not a finite number")]
    [TestCase("0,NaN", "longitude 'NaN' is not a finite number")]
    [TestCase("Infinity,0", "latitude 'Infinity' is not a finite number")]
    [TestCase("12,5,-70,02", "4 parts separated by commas", "decimals with a point")]
    [TestCase("12.5,-70,02", "3 parts")]
    [TestCase(",-70", "the latitude is missing")]
    public void CoordinateMessagesSayWhatIsWrong(string text, params string[] fragments)
    {
        var line = AssertUserError(Run("route", text, "CUR"), ["FROM:", .. fragments]);
        Assert.That(line, Does.Not.Contain("outside [-90, 90]"));
    }

    [Test]
    public void ZeroLengthRoute_SaysSamePoint_NoEmptyPercentage()
    {
        foreach (var (from, to) in new[] { ("AMS", "AMS"), ("10,10", "10,10"), ("10,190", "10,-170") })
        {
            var r = Run("route", from, to);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            Assert.That(r.Out, Does.Contain("same point").And.Not.Contain("( %)").And.Not.Contain("%"), r.ToString());
            var j = Run("route", from, to, "--format", "json").Json();
            Assert.That(j.GetProperty("extraPercent").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(j.Km("extraKm"), Is.Zero);
        }
    }

    [Test]
    public void ClosedIds_CommaInsideAnId_AndUnknownPieces()
    {
        var f = _tmp.Write("comma.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"ZONE,A","name":"Comma zone"},
               "geometry":{"type":"Polygon","coordinates":[[[20,20],[21,20],[21,21],[20,21],[20,20]]]}}]}
            """);
        // An argument that is itself a known id is taken whole, so the id with a comma can be closed.
        var ok = Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "ZONE,A", "--format", "json");
        Assert.That(ok.Exit, Is.EqualTo(0), ok.ToString());
        Assert.That(ok.Json().Status(), Is.EqualTo("direct"));
        // A piece of a list: the message says which piece of which argument, and quotes a suggestion with a comma.
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "ZONE"), "unknown airspace id 'ZONE'", "did you mean 'ZONE,A'");
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM,TNCX"), "unknown airspace id 'TNCX' (in 'SVZM,TNCX'; ids are separated by commas)", "did you mean TNCF?");
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SV,ZM"), "'SV' (in 'SV,ZM'");
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM,"), "--closed", "'SVZM,' has an empty id", "separated by single commas");
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM,,TNCF"), "'SVZM,,TNCF' has an empty id");
        AssertUserError(Run("route", "AMS", "CUR", "--closed", ""), "--closed", "no airspace ids");
    }

    [Test]
    public void MissingAndMalformedAirportsFile()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--airports", Path.Combine(_tmp.Path, "nope.csv")), "--airports", "file not found");
        var bad = _tmp.Write("airports.csv", "from,to\nAMS,CUR\n");
        AssertUserError(Run("route", "AMS", "CUR", "--airports", bad), "airports.csv", "icao,iata,name,country,lat,lon");
    }

    [Test]
    public void OwnAirportsFile_ResolvesItsCodes()
    {
        var f = _tmp.Write("airports.csv", "icao,iata,name,country,lat,lon\nXAAA,XAA,Test A,NL,52.3,4.76\nXBBB,,Test B,CW,12.19,-68.96\n");
        var r = Run("route", "XAA", "XBBB", "--airports", f, "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Json().Status(), Is.EqualTo("detour"));
        Assert.That(Run("route", "AMS", "XBBB", "--airports", f).Exit, Is.EqualTo(0), "the file merges over the bundled airports");
    }

    [Test]
    public void BadFormat_IsRejectedBySystemCommandLine()
    {
        var r = Run("route", "AMS", "CUR", "--format", "xml");
        Assert.That(r.Exit, Is.EqualTo(2), "usage errors are user errors: exit 2, like ours; " + r);
        Assert.That(r.Err, Does.Contain("airspacesim: error:").And.Contain("xml"), r.ToString());
        Assert.That(r.Out, Does.Not.Contain("\"status\""));
        var b = Run("batch", "-", "--format", "table");
        Assert.That(b.Exit, Is.EqualTo(2), b.ToString());
        Assert.That(b.Err, Does.Contain("table"), b.ToString());
    }

    [Test]
    public void ArgumentStartingWithAt_IsAnArgumentNotAResponseFile()
    {
        // Found by the route fuzz target: "@." made System.CommandLine read the directory "." as a response file, and its
        // UnauthorizedAccessException escaped with a stack trace. Response files are off: "@..." is an unknown code.
        foreach (var arg in new[] { "@.", "@/nonexistent/file", "@" })
        {
            var r = Run("route", arg, "CUR");
            Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
            Assert.That(r.Err, Does.StartWith("airspacesim: error: ").And.Contain(arg).And.Not.Contain("   at "), r.ToString());
        }
    }

    [Test]
    public void MissingArgumentAndUnknownOption_AreParseErrors()
    {
        var r = Run("route", "AMS");
        Assert.That(r.Exit, Is.Not.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Not.Empty);
        var u = Run("route", "AMS", "CUR", "--bogus");
        Assert.That(u.Exit, Is.Not.EqualTo(0), u.ToString());
        Assert.That(u.Err, Does.Contain("--bogus"), u.ToString());
        var n = Run("route", "AMS", "CUR", "--buffer-nm", "lots");
        Assert.That(n.Exit, Is.Not.EqualTo(0), n.ToString());
        Assert.That(n.Err, Does.Contain("lots"), n.ToString());
    }
}
