using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// The three defects the fifth new-user sweep noted and left (docs/audit-8-12.md, "New-user sweep 6"): control
/// characters in ids, batch's <c>--out</c> advice, and a per-closure buffer on the command line.
/// </summary>
public class NewUserSweep6Tests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    // ------------------------------------------------------------------------------------- control characters in ids

    // Every identifier field of a scenario once, each value unique in the text so that a test case can replace it.
    private const string Scenario = """
        {"name": "ctl",
         "sources": [{"id": "src1", "title": "a source"}],
         "period": {"first": "2025-11-22", "last": "2025-11-23"},
         "closures": [
          {"id": "SV", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "appliesTo": {"airlines": ["KLM"]}, "bans": "overflight"},
          {"id": "PG", "polygons": [{"type": "Feature", "id": "PG1", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[-40, 40], [-39, 40], [-39, 41], [-40, 41], [-40, 40]]]}}], "start": "2025-11-22T00:00Z", "appliesTo": {"everyone": true}, "bans": "overflight"},
          {"id": "AP", "airports": ["BON"], "start": "2025-11-22T00:00Z", "appliesTo": {"everyone": true}, "bans": "airports"}],
         "flights": [
          {"id": "F1", "from": "AMS", "to": "CUR", "departure": "2025-11-22T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}],
         "routes": [
          {"flightNumber": "KL785", "from": "AMS", "to": "AUA", "departureTime": "10:00", "type": "A333", "airline": "TFL", "state": "NL", "days": ["Sat"]}]}
        """;

    [Test]
    public void TheScenarioOfTheseTestsRuns()
    {
        var r = Run("whatif", _dir.Write("s.json", Scenario));
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("F1 ").And.Contain("KL785"));
    }

    // Each field with a control character inside it (after the trimming the reader does), written as a JSON escape.
    [TestCase("\"ctl\"", "\"c\\u0007tl\"", "$.name", "U+0007")]
    [TestCase("\"src1\"", "\"s\\u0001rc1\"", "$.sources[0].id", "U+0001")]
    [TestCase("\"SV\"", "\"S\\u000AV\"", "$.closures[0].id", "U+000A")]
    [TestCase("\"SVZM\"", "\"SV\\u0009ZM\"", "$.closures[0].airspaces[0]", "U+0009")]
    [TestCase("[\"KLM\"]", "[\"K\\u001FLM\"]", "$.closures[0].appliesTo.airlines[0]", "U+001F")]
    [TestCase("\"PG1\"", "\"P\\u0085G1\"", "$.closures[1].polygons[0].id", "U+0085")]
    [TestCase("\"BON\"", "\"B\\u007FON\"", "$.closures[2].airports[0]", "U+007F")]
    [TestCase("\"F1\"", "\"F\\u20281\"", "$.flights[0].id", "U+2028")]
    [TestCase("\"from\": \"AMS\", \"to\": \"CUR\"", "\"from\": \"A\\u2029MS\", \"to\": \"CUR\"", "$.flights[0].from", "U+2029")]
    [TestCase("\"CUR\"", "\"C\\u009FUR\"", "$.flights[0].to", "U+009F")]
    [TestCase("\"A332\"", "\"A3\\u000D32\"", "$.flights[0].type", "U+000D")]
    [TestCase("\"airline\": \"KLM\"", "\"airline\": \"K\\u0000LM\"", "$.flights[0].airline", "U+0000")]
    [TestCase("\"KL785\"", "\"KL\\u0080785\"", "$.routes[0].flightNumber", "U+0080")]
    [TestCase("\"TFL\"", "\"T\\u001BFL\"", "$.routes[0].airline", "U+001B")]
    [TestCase("\"A333\"", "\"A\\u000B333\"", "$.routes[0].type", "U+000B")]
    public void AControlCharacterInAnIdIsALocatedError(string before, string after, string path, string codePoint)
    {
        // Was: accepted, and the table printed a newline or tab raw inside its row. Now a located error, exit 2, as
        // the scenario reader reports every other bad field: file:line:column, JSON path, the field and the code point.
        Assert.That(Scenario.Split(before).Length, Is.EqualTo(2), "the test's text to replace is unique");
        string json = Scenario.Replace(before, after, StringComparison.Ordinal);
        // The position of the value, found in the text here: the quote that opens the string with the escape.
        int escape = json.IndexOf("\\u", StringComparison.Ordinal);
        int quote = json.LastIndexOf('"', escape);
        int line = json[..quote].Count(c => c == '\n') + 1;
        int column = quote - json.LastIndexOf('\n', quote);
        string file = _dir.Write("bad.json", json);
        string error = AssertUserError(Run("whatif", file), $"bad.json:{line}:{column}: {path}: ", codePoint, "control character");
        Assert.That(error, Does.Contain("U+0000–U+001F, U+007F–U+009F, U+2028, U+2029"), "says what is accepted");
    }

    // The characters just outside the forbidden ranges, and blanks, are ordinary text in an id.
    [TestCase("F 1")]
    [TestCase("F~1")]        // U+007E, below DEL
    [TestCase("F\u00A01")]   // U+00A0, above C1
    [TestCase("F\u20271")]   // below U+2028
    [TestCase("F\u202A1")]   // above U+2029
    [TestCase("F-é-中")]
    public void TheCharactersBesideTheForbiddenRangesAreAccepted(string id)
    {
        string json = Scenario.Replace("\"F1\"", JsonSerializer.Serialize(id), StringComparison.Ordinal);
        var r = Run("whatif", _dir.Write("ok.json", json));
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.OutLines.Count(l => l.StartsWith(id + " ", StringComparison.Ordinal)), Is.EqualTo(1), r.Out);
    }

    [Test]
    public void AControlCharacterAroundAnIdIsTrimmedAsBefore()
    {
        // The reader trims white space (a tab or newline around an id is a blank, not part of it): unchanged.
        string json = Scenario.Replace("\"F1\"", "\"\\tF1\\n\"", StringComparison.Ordinal);
        var r = Run("whatif", _dir.Write("trim.json", json));
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.OutLines.Count(l => l.StartsWith("F1 ", StringComparison.Ordinal)), Is.EqualTo(1), r.Out);
    }

    [Test]
    public void AControlCharacterInARouteListIsAnErrorRowAndTheOthersGoOn()
    {
        // Was: "AM\u0001S" looked up as a code and "A3\t32" as a type, each with a message that printed the character
        // raw. Now the row is an error naming the field and the code point; the rows after it are planned. A type is
        // refused by the reader; a from or to when resolved, after the hint for two numbers without a comma.
        string csv = "from,to,type\nAMS,CUR,A332\nAM\u0001S,CUR,\nAMS,C\u2028UR,\nAMS,CUR,A3\t32\n12.5\t-70.02,CUR,\nAMS,CUR,\n";
        var rows = RouteListReader.Parse(csv, "r.csv");
        Assert.That(rows.Select(x => (x.LineNumber, x.Problem)), Is.EqualTo(new[]
        {
            (2, RouteListProblem.None), (3, RouteListProblem.None), (4, RouteListProblem.None),
            (5, RouteListProblem.ControlCharacter), (6, RouteListProblem.None), (7, RouteListProblem.None),
        }));
        Assert.That(rows[3].Error, Does.StartWith("'type' has the control character U+0009 at character 3 (of 5)"));

        var r = RunWithInput(csv, "batch", "-");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        Assert.That(r.ErrLines, Is.EqualTo(new[]
        {
            "airspacesim: standard input: line 3: from: invalid location: the code has the control character U+0001 at character 3 (of 4); ids are one line of text without control characters (U+0000–U+001F, U+007F–U+009F, U+2028, U+2029)",
            "airspacesim: standard input: line 4: to: invalid location: the code has the control character U+2028 at character 2 (of 4); ids are one line of text without control characters (U+0000–U+001F, U+007F–U+009F, U+2028, U+2029)",
            "airspacesim: standard input: line 5: 'type' has the control character U+0009 at character 3 (of 5); ids are one line of text without control characters (U+0000–U+001F, U+007F–U+009F, U+2028, U+2029)",
            "airspacesim: standard input: line 6: from: invalid location '12.5\t-70.02': two numbers without a comma between them; write LAT,LON, e.g. 12.5,-70.02",
        }));
        var data = r.OutLines.Where(l => !l.StartsWith('#')).Skip(1).ToList();
        Assert.That(data.Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "2", "3", "4", "5", "6", "7" }));
        Assert.That(data.Select(l => l.Split(',')[3]), Is.EqualTo(new[] { "detour", "error", "error", "error", "error", "detour" }));
    }

    [Test]
    public void AControlCharacterInARouteEndIsRefusedWithoutEchoingIt()
    {
        // route's FROM and TO go through the same resolver: "unknown airport code 'AM\u0007S'" printed the bell.
        string error = AssertUserError(Run("route", "AM\u0007S", "CUR"), "FROM: invalid location: the code has the control character U+0007 at character 3");
        Assert.That(error, Does.Not.Contain("\u0007"));
        Assert.That(() => AirportDirectory.Bundled.Resolve("C\u0085UR"), Throws.TypeOf<FormatException>().With.Message.Contains("U+0085"));
        // A known code and blanks around it resolve as before.
        Assert.That(AirportDirectory.Bundled.Resolve("\tCUR\n").Code, Is.EqualTo("CUR"));
    }

    [Test]
    public void AControlCharacterInAnAirportsFileIsALocatedError()
    {
        var csv = new StringReader("icao,iata,name,country,lat,lon\nXXAA,XA,Test,NL,52,4\nXXAB,X\u007FB,Test,NL,52,4\n");
        var e = Assert.Throws<FormatException>(() => AirportDirectory.FromCsv(csv, "ap.csv"))!;
        Assert.That(e.Message, Does.StartWith("ap.csv:3: IATA code has the control character U+007F at character 2"));

        var dat = new StringReader("1,\"Goroka\",\"Goroka\",\"Papua New Guinea\",\"GKA\",\"AY\u0001GA\",-6.08,145.39,5282,10,\"U\",\"Pacific/Port_Moresby\",\"airport\",\"OurAirports\"\n");
        e = Assert.Throws<FormatException>(() => AirportDirectory.FromOpenFlights(dat, "ap.dat"))!;
        Assert.That(e.Message, Does.StartWith("ap.dat:1: ICAO code has the control character U+0001 at character 3"));

        // The name is free text, printed too (maps, reports): its control characters become spaces, in both formats,
        // and the file is read (refusing a whole file for one name would lose every other row).
        var named = new StringReader("icao,iata,name,country,lat,lon\nXXAA,XA,Te\u0085st\u0007,NL,52,4\nXXAB,XB,Ok,NL,52,5\n");
        var dir = AirportDirectory.FromCsv(named, "n.csv");
        Assert.That(dir["XXAA"].Name, Is.EqualTo("Te st"), "trimmed as every field, after the replacement");
        Assert.That(dir["XXAB"].Name, Is.EqualTo("Ok"));
        var datNamed = new StringReader("1,\"Gor\u0001oka\",\"Goroka\",\"Papua New Guinea\",\"GKA\",\"AYGA\",-6.08,145.39,5282,10,\"U\",\"Pacific/Port_Moresby\",\"airport\",\"OurAirports\"\n");
        Assert.That(AirportDirectory.FromOpenFlights(datNamed, "n.dat")["AYGA"].Name, Is.EqualTo("Gor oka"));

        string file = _dir.Write("ap.csv", "icao,iata,name,country,lat,lon\nXXAA,X\u0007A,Test,NL,52,4\n");
        AssertUserError(Run("route", "AMS", "CUR", "--airports", file), "--airports:", "ap.csv:2: IATA code has the control character U+0007");
    }

    [Test]
    public void AControlCharacterInAnAirspaceFileIdLeavesTheFeatureOutWithItsReason()
    {
        string ring = "[[[-70,10],[-60,10],[-60,15],[-70,15],[-70,10]]]";
        string Feature(string head) => "{\"type\":\"Feature\"," + head + ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + ring + "}}";
        string geojson = "{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join(",\n",
            Feature("\"properties\":{\"id\":\"MY\\u0007A\"}"), Feature("\"id\":\"TOP\\u0001\",\"properties\":{}"), Feature("\"properties\":{\"id\":\"OK\"}")) + "]}";
        string path = _dir.Write("a.geojson", geojson);
        var file = AirspaceLoader.OpenGeoJson(path);
        Assert.That(file.Ids, Is.EqualTo(new[] { "OK" }));
        Assert.That(file.IndexIssues.Select(i => (i.FeatureIndex, i.Problem)), Is.EqualTo(new[] { (0, AirspaceProblem.BadProperty), (1, AirspaceProblem.BadProperty) }));
        Assert.That(file.IndexIssues[0].Message, Does.Contain("id has the control character U+0007 at character 3").And.Contain("$.features[0].properties.id"));
        Assert.That(file.IndexIssues[1].Message, Does.Contain("id has the control character U+0001 at character 4").And.Contain("$.features[1].id"));
        var r = Run("route", "AMS", "CUR", "--airspaces", path, "--closed", "OK");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Does.Contain("2 feature(s) left out").And.Contain("U+0007"));
    }

    // ------------------------------------------------------------------------------------------------ batch --out

    private string RouteList() => _dir.Write("routes.csv", "from,to\nAMS,CUR\nMIA,BOG\nXXX,CUR\nGEO,CUR\n");

    [TestCase("csv", "out.csv")]
    [TestCase("json", "out.json")]
    [TestCase("csv", "out.txt")]
    [TestCase("json", "out.data")]
    public void BatchWritesItsTextFormatsToOutAsWhatIfDoes(string format, string name)
    {
        // Was: "--out x.csv: only with --format png or svg". Now csv and json go to --out, the same bytes as stdout,
        // with the same error lines on stderr and the same exit code.
        string routes = RouteList(), outFile = Path.Combine(_dir.Path, name);
        var toStdout = Run("batch", routes, "--format", format);
        var toFile = Run("batch", routes, "--format", format, "--out", outFile);
        Assert.That(toFile.Exit, Is.EqualTo(1).And.EqualTo(toStdout.Exit), toFile.ToString());
        Assert.That(toFile.Out, Is.Empty);
        Assert.That(toFile.Err, Is.EqualTo(toStdout.Err));
        Assert.That(toFile.Err, Does.Contain("line 4:"));
        Assert.That(File.ReadAllText(outFile), Is.EqualTo(toStdout.Out));
    }

    [TestCase("out.json", "json")]
    [TestCase("out.csv", "csv")]
    [TestCase("out.txt", "csv")]
    public void BatchOutChoosesTheFormatByItsExtension(string name, string format)
    {
        string routes = RouteList(), outFile = Path.Combine(_dir.Path, name);
        var r = Run("batch", routes, "--out", outFile);
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        Assert.That(File.ReadAllText(outFile), Is.EqualTo(Run("batch", routes, "--format", format).Out));
    }

    [Test]
    public void BatchCsvToAJsonFileSaysWhatTheExtensionIsFor()
    {
        // The sweep-5 message, now true for batch: --format json does write x.json.
        string routes = RouteList(), outFile = Path.Combine(_dir.Path, "x.json");
        AssertUserError(Run("batch", routes, "--format", "csv", "--out", outFile),
            "the extension .json is for --format json, not --format csv", "csv .csv/.txt, json .json/.txt, png .png, svg .svg");
        Assert.That(File.Exists(outFile), Is.False);
        Assert.That(Run("batch", routes, "--format", "json", "--out", outFile).Exit, Is.EqualTo(1));
        Assert.That(JsonDocument.Parse(File.ReadAllText(outFile)).RootElement.GetProperty("results").GetArrayLength(), Is.EqualTo(4));
    }

    [Test]
    public void BatchDoesNotWriteOverTheRouteListItReads()
    {
        // Rows stream from the list to the file: the list would be truncated before it is read.
        string routes = RouteList();
        string before = File.ReadAllText(routes);
        AssertUserError(Run("batch", routes, "--out", routes), "that is the route list being read");
        Assert.That(File.ReadAllText(routes), Is.EqualTo(before));
    }

    [TestCase("csv", "x.json", "route writes only png or svg to a file; --format csv goes to standard output")]
    [TestCase("json", "x.json", "route writes only png or svg to a file; --format json goes to standard output")]
    [TestCase("table", "x.txt", "route writes only png or svg to a file; --format table goes to standard output")]
    public void RouteSaysItWritesOnlyImagesToAFile(string format, string name, string message)
    {
        // Was, for --format csv --out x.json: "the extension .json is for --format json", which route also prints only
        // to standard output.
        AssertUserError(Run("route", "AMS", "CUR", "--format", format, "--out", Path.Combine(_dir.Path, name)), message);
    }

    // ------------------------------------------------------------------------------------------ --closure-buffer-nm

    private static readonly Airspace Svzm = AirspaceCatalog.Bundled["SVZM"], Ttzp = AirspaceCatalog.Bundled["TTZP"];

    private static GeoPoint At(string code) => AirportDirectory.Bundled[code].Location;

    private static RoutePlan Library(double bufferNm, Dictionary<string, double>? byId) =>
        DetourPlanner.Build([Svzm, Ttzp], DetourPlannerOptions.Default with { BufferNm = bufferNm, BufferNmByAirspaceId = byId }).Plan(At("GEO"), At("CUR"));

    private static void AssertSameRoute(JsonElement cli, RoutePlan lib)
    {
        Assert.That(cli.Status(), Is.EqualTo("detour"));
        Assert.That(cli.Km("routeKm"), Is.EqualTo(lib.RouteKm!.Value).Within(0.0005)); // written to the metre
        var w = cli.Waypoints();
        Assert.That(w, Has.Length.EqualTo(lib.Waypoints.Count));
        for (int i = 0; i < w.Length; i++)
        {
            Assert.That(w[i].Lat, Is.EqualTo(lib.Waypoints[i].LatDeg).Within(5e-7), $"waypoint {i}");
            Assert.That(w[i].Lon, Is.EqualTo(lib.Waypoints[i].LonDeg).Within(5e-7), $"waypoint {i}");
        }
    }

    [Test]
    public void AClosureBufferPlansAsTheLibraryWithItsOwnBuffers()
    {
        // Georgetown to Curaçao runs along the north of SVZM past TTZP, so both buffers shape it.
        var r = Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--closure-buffer-nm", "SVZM=25,TTZP=0", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var j = r.Json();
        var mixed = Library(0, new() { ["SVZM"] = 25, ["TTZP"] = 0 });
        AssertSameRoute(j, mixed);
        Assert.That(j.GetProperty("buffersNm").GetRawText(), Is.EqualTo("{\"SVZM\":25,\"TTZP\":0}"));

        // Independent of the planner's code: growing a closure's buffer only shrinks the free space, so the shortest
        // route with {0, 0} ≤ {25, 0} ≤ {25, 25}; strictly here (TTZP's 25 NM and SVZM's both bind on this pair).
        double none = Library(0, null).RouteKm!.Value, both = Library(25, null).RouteKm!.Value;
        Assert.That(j.Km("routeKm"), Is.GreaterThan(none + 1).And.LessThan(both - 1));
        foreach (var uniform in new[] { "0", "25" })
        {
            var u = Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--buffer-nm", uniform, "--format", "json").Json();
            Assert.That(Math.Abs(u.Km("routeKm") - j.Km("routeKm")), Is.GreaterThan(1), $"--buffer-nm {uniform}");
            // Without --closure-buffer-nm the object is the library's RouteJson, byte for byte (RouteJsonTests).
            Assert.That(u.TryGetProperty("buffersNm", out _), Is.False, $"--buffer-nm {uniform}");
        }
    }

    [Test]
    public void TheClosuresNotNamedKeepBufferNm()
    {
        // --buffer-nm stays the common buffer; the id is matched as --closed matches it (case-insensitively).
        var j = Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--buffer-nm", "10", "--closure-buffer-nm", "svzm=25", "--format", "json").Json();
        AssertSameRoute(j, Library(10, new() { ["SVZM"] = 25 }));
        Assert.That(j.GetProperty("buffersNm").GetRawText(), Is.EqualTo("{\"SVZM\":25,\"TTZP\":10}"));
        // Repeated options are one list, as --closed's are.
        var repeated = Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--closure-buffer-nm", "SVZM=25", "--closure-buffer-nm", "TTZP=0", "--format", "json").Json();
        AssertSameRoute(repeated, Library(0, new() { ["SVZM"] = 25, ["TTZP"] = 0 }));
    }

    [Test]
    public void TheTableSaysEachClosuresBuffer()
    {
        var r = Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--closure-buffer-nm", "SVZM=25,TTZP=0");
        Assert.That(r.OutLines[1], Is.EqualTo("Closed     SVZM with a 25 NM buffer, TTZP without one"));
        // One buffer for all: the line as before.
        Assert.That(Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--buffer-nm", "10").OutLines[1], Is.EqualTo("Closed     SVZM, TTZP with a 10 NM buffer"));
        Assert.That(Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--closure-buffer-nm", "SVZM=10,TTZP=10").OutLines[1], Is.EqualTo("Closed     SVZM, TTZP with a 10 NM buffer"));
    }

    [Test]
    public void BatchTakesClosureBuffersAsRouteDoes()
    {
        string routes = _dir.Write("geo.csv", "from,to\nGEO,CUR\n");
        var b = Run("batch", routes, "--closed", "SVZM,TTZP", "--closure-buffer-nm", "SVZM=25,TTZP=0", "--format", "json");
        Assert.That(b.Exit, Is.EqualTo(0), b.ToString());
        AssertSameRoute(b.Json().GetProperty("results")[0], Library(0, new() { ["SVZM"] = 25, ["TTZP"] = 0 }));
    }

    [TestCase("XXXX=5", "'XXXX' is not a closed airspace; closed: SVZM, TTZP")]
    [TestCase("SVZM=5,svzm=6", "SVZM is given twice ('SVZM=5' and 'svzm=6')")]
    [TestCase("SVZM=-1", "--closure-buffer-nm SVZM: -1 is outside [0, 600] NM")]
    [TestCase("SVZM=600.5", "--closure-buffer-nm SVZM: 600.5 is outside [0, 600] NM")]
    [TestCase("SVZM=NaN", "--closure-buffer-nm SVZM: 'NaN' is not a finite number")]
    [TestCase("SVZM=Infinity", "--closure-buffer-nm SVZM: 'Infinity' is not a finite number")]
    [TestCase("SVZM=1e999", "'1e999' is not a finite number")]
    [TestCase("SVZM=0,5", "'5' is not ID=NM; give ID=NM pairs separated by commas, e.g. --closure-buffer-nm SVZM=25,TTZP=0")]
    [TestCase("SVZM", "'SVZM' is not ID=NM")]
    [TestCase("=5", "'=5' has no airspace id before '='")]
    [TestCase("SVZM=5,", "has an empty pair")]
    [TestCase("SVZM=", "SVZM:")]
    public void ABadClosureBufferSaysWhatIsAccepted(string value, string message)
    {
        AssertUserError(Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--closure-buffer-nm", value), "--closure-buffer-nm", message);
    }

    [Test]
    public void AClosureBufferWithoutClosedNamesTheDefaultClosure()
    {
        // --closed defaults to SVZM: its buffer may be given alone; another id says what is closed.
        var j = Run("route", "GEO", "CUR", "--closure-buffer-nm", "SVZM=25", "--format", "json").Json();
        Assert.That(j.GetProperty("buffersNm").GetRawText(), Is.EqualTo("{\"SVZM\":25}"));
        Assert.That(j.Km("routeKm"), Is.EqualTo(DetourPlanner.Build([Svzm], 25).Plan(At("GEO"), At("CUR")).RouteKm!.Value).Within(0.0005));
        AssertUserError(Run("route", "GEO", "CUR", "--closure-buffer-nm", "TTZP=25"), "'TTZP' is not a closed airspace; closed: SVZM");
    }

    [Test]
    public void RealisticWithClosureBuffersIsRefusedByName()
    {
        // The realism layer's planner keeps one buffer from every closure: the per-closure buffers would be dropped.
        AssertUserError(Run("route", "GEO", "CUR", "--closed", "SVZM,TTZP", "--closure-buffer-nm", "SVZM=25", "--realistic"),
            "--realistic: not available with --closure-buffer-nm");
    }
}
