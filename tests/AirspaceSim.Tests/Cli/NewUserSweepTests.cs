using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// Findings of a new user's sweep of the CLI (docs/audit-8-12.md, "New-user sweep (harden3)"): each was a misleading
/// message for bad input; each is now a located error that says what is wrong and what is accepted.
/// </summary>
public class NewUserSweepTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [TestCase("270/NaN", "wind speed 'NaN' in '270/NaN' is not a finite number (knots in [0, 400])")]
    [TestCase("NaN/80", "wind direction 'NaN' in 'NaN/80' is not a finite number (degrees true in [0, 360])")]
    [TestCase("270/Infinity", "wind speed 'Infinity' in '270/Infinity' is not a finite number")]
    public void NonFiniteWindIsNotAFiniteNumberNotOutOfRange(string wind, string said)
    {
        // Was "wind speed NaN in '270/NaN' is outside [0, 400] kt" (the class of "latitude NaN is outside").
        var line = AssertUserError(Run("route", "AMS", "CUR", "--type", "B38M", "--wind", wind), "--wind", said);
        Assert.That(line, Does.Not.Contain("outside"));
    }

    [Test]
    public void AnInfiniteCoordinateInGeoJsonIsNotAFiniteNumber()
    {
        // 1e999 reads as Infinity: was "latitude Infinity is outside [-90, 90]".
        string f = _dir.Write("inf.geojson", """{"type":"Feature","properties":{"id":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1e999],[0,1],[0,0]]]}}""");
        var line = AssertUserError(Run("route", "-1,0.5", "2,0.5", "--airspaces", f, "--closed", "A"),
            "latitude Infinity is not a finite number", "$.geometry.coordinates[0][2]");
        Assert.That(line, Does.Not.Contain("outside [-90, 90]"));
    }

    [TestCase("")]
    [TestCase("  \n\t\n")]
    public void AnEmptyGeoJsonFileIsSaidPlainly(string text)
    {
        // Was System.Text.Json's "The input does not contain any JSON tokens. ... when isFinalBlock is true."
        string f = _dir.Write("empty.geojson", text);
        var line = AssertUserError(Run("route", "AMS", "CUR", "--airspaces", f, "--closed", "A"),
            "empty.geojson: the file is empty; expected GeoJSON (a FeatureCollection, a Feature or a geometry)");
        Assert.That(line, Does.Not.Contain("isFinalBlock"));
    }

    [Test]
    public void AScenarioThatIsAFolderIsAFolderNotNotFound()
    {
        // Was "scenario not found: '/tmp' is neither a file nor a bundled scenario (...)".
        AssertUserError(Run("whatif", _dir.Path), $"scenario: {_dir.Path} is a folder, not a file");
    }

    [TestCase("from;to\nAMS;CUR\n", "separated by semicolons: the route list is comma-separated (from,to)")]
    [TestCase("from\tto\nAMS\tCUR\n", "separated by tabs: the route list is comma-separated (from,to)")]
    public void ARouteListWithAnotherSeparatorSaysSo(string csv, string hint)
    {
        string f = _dir.Write("routes.csv", csv);
        AssertUserError(Run("batch", f), "line 1: expected a header with 'from' and 'to' columns", hint);
    }

    [Test]
    public void AHeaderWithoutFromAndToHasNoSeparatorHint()
    {
        string f = _dir.Write("routes.csv", "a;b\nAMS;CUR\n");
        var line = AssertUserError(Run("batch", f), "expected a header with 'from' and 'to' columns, found 'a;b'");
        Assert.That(line, Does.Not.Contain("separated"));
    }

    [Test]
    public void AWindGridInContinuousLongitudesPlansAsItsNormalisedTwin()
    {
        // Issue 8: a Pacific grid written 170..190 (was: "190 is outside [-180, 180]") gives the same route output as
        // the same grid written 170..180, -178..-170.
        string Grid(Func<double, double> lon)
        {
            var sb = new System.Text.StringBuilder("lat,lon,fl,u_kt,v_kt\n");
            foreach (double fl in new[] { 300.0, 400.0 })
                for (double lat = -10; lat <= 30; lat += 10)
                    for (double l = 160; l <= 200; l += 10)
                        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{lat},{lon(l)},{fl},{(l - 180) * 2 + lat},{lat - 10}\n");
            return sb.ToString();
        }
        string continuous = _dir.Write("continuous.csv", Grid(l => l));
        string twin = _dir.Write("twin.csv", Grid(l => l > 180 ? l - 360 : l));
        var a = Run("route", "10,170", "12,-170", "--type", "B38M", "--wind", continuous, "--format", "json");
        var b = Run("route", "10,170", "12,-170", "--type", "B38M", "--wind", twin, "--format", "json");
        Assert.That(a.Exit, Is.EqualTo(0), a.ToString());
        Assert.That(a.Out.Replace("continuous.csv", "GRID", StringComparison.Ordinal), Is.EqualTo(b.Out.Replace("twin.csv", "GRID", StringComparison.Ordinal)));
        Assert.That(a.Out, Does.Contain("\"wind\"").Or.Contain("wind"));
    }

    [TestCase("route", "AMS", "CUR")]
    [TestCase("whatif", "svzm-2025-11", null)]
    public void AnOutFileInAMissingFolderIsSaidBeforeTheWork(string command, string a, string? b)
    {
        // Was "airspacesim: error: Could not find a part of the path '/.../x.png'." after the whole computation.
        string missing = System.IO.Path.Combine(_dir.Path, "no-such-folder");
        var args = new List<string> { command, a };
        if (b is not null) args.Add(b);
        args.AddRange(["--format", "svg", "--out", System.IO.Path.Combine(missing, "x.svg")]);
        AssertUserError(Run(args.ToArray()), $"--out: folder {missing} does not exist");
    }

    // ---- Second sweep (harden4): whatif scenario files, --sweep, --monte-carlo/--shard/--seed, merge, aircraft, perf.

    private const string OneFlight = """
      "flights": [{"id": "KL1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}]
    """;

    private const string Closure = """
      "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-01T00:00Z", "appliesTo": {"everyone": true}, "bans": "both"}]
    """;

    [TestCase("abc", "--seed: 'abc' is not a whole number")]
    [TestCase("1.5", "--seed: '1.5' is not a whole number")]
    [TestCase("99999999999999999999", "--seed: 99999999999999999999 is outside the 64-bit range")]
    public void ASeedThatIsNotA64BitIntegerIsSaidWithTheOption(string seed, string said)
    {
        // Was System.CommandLine's "Cannot parse argument 'abc' for option '--seed' as expected type 'System.Int64'."
        var line = AssertUserError(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "2", "--seed", seed), said);
        Assert.That(line, Does.Not.Contain("System.Int64"));
    }

    [Test]
    public void AHugeDrawCountIsOutsideTheOptionsRangeNotInts()
    {
        // Was "'99999999999' is out of range (a whole number in [-2147483648, 2147483647])": a range nobody chose.
        var line = AssertUserError(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "99999999999"), "--monte-carlo: 99999999999 is outside [1, 10000000]");
        Assert.That(line, Does.Not.Contain("2147483647"));
    }

    [Test]
    public void ASweepValueGivenTwiceIsAnError()
    {
        // Was two identical lines of totals.
        AssertUserError(Run("whatif", "buffer-sweep", "--sweep", "buffer=5,10,5"), "--sweep buffer: the value 5 is given twice");
    }

    [Test]
    public void ASweepValueOutOfRangeNamesTheOption()
    {
        // Was "sweep buffer: value -5 is outside [0, 500] NM" (the cap now 600 NM, Hygiene 7), without the option's name.
        var line = AssertUserError(Run("whatif", "buffer-sweep", "--sweep", "buffer=-5"), "--sweep buffer: value -5 is outside [0, 600] NM");
        Assert.That(line, Does.StartWith("airspacesim: error: --sweep"));
    }

    [Test]
    public void WindDirectionSweptInStillAirIsRefusedAndTheLoadFactorRangeReadsPlainly()
    {
        // Were identical rows with no word that the wind is 0 kt, and "value 1.1 is outside [0, 1] 0-1" (audit 9-11).
        AssertUserError(Run("whatif", "buffer-sweep", "--sweep", "wind-from=0,90"),
            "--sweep wind-from: the scenario's uniform wind is 0 kt, so its direction changes nothing");
        AssertUserError(Run("whatif", "buffer-sweep", "--sweep", "load-factor=0.8,1.1"), "--sweep load-factor: value 1.1 is outside (0, 1] fraction of the maximum payload");
    }

    [TestCase("")]
    [TestCase("  \n\t\n")]
    public void AnEmptyScenarioOrPartialFileIsSaidPlainly(string text)
    {
        // Was System.Text.Json's "The input does not contain any JSON tokens. ... when isFinalBlock is true."
        string f = _dir.Write("empty.json", text);
        foreach (var args in new[] { new[] { "whatif", f }, ["merge", f] })
        {
            var line = AssertUserError(Run(args), "empty.json:1:1: $: the file is empty: expected a JSON object");
            Assert.That(line, Does.Not.Contain("isFinalBlock"), args[0]);
        }
    }

    [Test]
    public void AFlightIdGivenTwiceIsAnError()
    {
        // Was run and counted twice: flights=2, twice the extra cost.
        string f = _dir.Write("dup.json", $$$"""
        {"name": "dup", {{{Closure}}},
         "flights": [{"id": "KL1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"},
                     {"id": "KL1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}]}
        """);
        AssertUserError(Run("whatif", f, "--format", "csv"), "$.flights[1].id", "flight id 'KL1' is used twice (first on line 2)");
    }

    [Test]
    public void AScenarioWithoutFlightsSaysSo()
    {
        // Was a table of zeros, read as "no effect".
        string f = _dir.Write("none.json", $$$"""{"name": "none", {{{Closure}}}}""");
        var r = Run("whatif", f, "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Does.Contain("note: scenario 'none' has no flights"));
    }

    [Test]
    public void AnEmptyAircraftTypeIsEmptyNotAGuess()
    {
        // Was "unknown aircraft type ''; did you mean A20N, A21N, A319?" (every name contains the empty string).
        foreach (var args in new[] { new[] { "aircraft", "" }, ["perf", " ", "--mass-kg", "60000", "--mach", "0.78", "--fl", "350"], ["route", "AMS", "CUR", "--type", ""] })
        {
            var line = AssertUserError(Run(args), "empty aircraft type; give an ICAO type designator, e.g. B38M");
            Assert.That(line, Does.Not.Contain("did you mean"), args[0]);
        }
    }

    [Test]
    public void AnUnknownAircraftTypeSaysWhereTheListIs()
    {
        // Was "unknown aircraft type 'XXXX'" alone.
        var line = AssertUserError(Run("aircraft", "XXXX"), "aircraft TYPE: unknown aircraft type 'XXXX'", "types of 'airspacesim aircraft'");
        AssertUserError(Run("route", "AMS", "CUR", "--type", "B38X"), "--type: unknown aircraft type 'B38X'; did you mean B38M");
        Assert.That(line, Does.Contain($"one of the {AirspaceSim.Performance.AircraftCatalog.Bundled.Types.Count} types"));
    }

    [Test]
    public void PerfWithoutItsRequiredOptionsSaysWhichAreMissing()
    {
        // Was "mass 0 kg is outside [43644, 79000] kg ...": the options' default of 0 stood in for the missing value.
        AssertUserError(Run("perf", "A20N"), "perf: missing --mass-kg and --mach and --fl", "usage: airspacesim perf TYPE");
        AssertUserError(Run("perf", "A20N", "--mass-kg", "60000", "--fl", "350"), "perf: missing --mach");
    }

    [Test]
    public void PerfWarnsOfALiftCoefficientNoWingGives()
    {
        // Was CL 11.49 and a fuel flow, without a word.
        var r = Run("perf", "A20N", "--mass-kg", "79000", "--mach", "0.2", "--fl", "390");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Does.Contain("warning: lift coefficient 11.49 is above 1.6").And.Contain("cannot hold level flight"));
        var ok = Run("perf", "A20N", "--mass-kg", "60000", "--mach", "0.78", "--fl", "350");
        Assert.That(ok.Err, Is.Empty, ok.ToString());
    }

    [Test]
    public void PerfIsaDeviationRangeIsTheModelsAndNamesTheOption()
    {
        // Was accepted by the option up to 100 K, then "ISA deviation 100 K is outside [-60, 60] K" from the model.
        AssertUserError(Run("perf", "A20N", "--mass-kg", "60000", "--mach", "0.78", "--fl", "350", "--isa-dev-k", "100"), "--isa-dev-k: 100 is outside [-60, 60] K");
    }

    [TestCase("csv")]
    [TestCase("geojson")]
    [TestCase("html")]
    public void GroupByWithAFormatWithoutGroupsIsAnError(string format)
    {
        // Was ignored: every flight, no groups, exit 0.
        var args = new List<string> { "whatif", "--group-by", "operator", "--format", format };
        if (format == "html") args.AddRange(["--out", System.IO.Path.Combine(_dir.Path, "r.html")]);
        AssertUserError(Run(args.ToArray()), $"--group-by: only with --format table or json (--format {format} has no groups");
    }

    [TestCase("geojson")]
    [TestCase("svg")]
    public void RealisticWithAFormatThatCannotShowItIsAnError(string format)
    {
        // Was ignored for geojson, png and svg (csv already said so).
        var args = new List<string> { "route", "AMS", "CUR", "--realistic", "--format", format };
        if (format == "svg") args.AddRange(["--out", System.IO.Path.Combine(_dir.Path, "r.svg")]);
        AssertUserError(Run(args.ToArray()), $"--realistic: not available with --format {format} (use table or json)");
    }

    [Test]
    public void RealisticWithCsvIsRejectedBeforeTheRouteIsPlannedOrCosted()
    {
        // Was checked after planning and the technical-stop search: a TO nobody can resolve shows the check comes first.
        AssertUserError(Run("route", "LIS", "ZZZ", "--type", "A20N", "--realistic", "--format", "csv"), "--realistic: not available with --format csv (use table or json)");
    }
}
