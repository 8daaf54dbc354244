using System.Text.Json;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// Findings of the fifth new-user sweep of the CLI (docs/audit-8-12.md, "New-user sweep 5"): combinations of options
/// and output validity that the earlier sweeps did not try.
/// </summary>
public class NewUserSweep5Tests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    // An inline closure given clockwise across the antimeridian (lon 170 → -170), and flights across ±180.
    private const string PacificScenario = """
        {"name": "pacific",
         "closures": [
           {"id": "AM", "polygons": [{"type": "Polygon", "coordinates": [[[170, -30], [170, -10], [-170, -10], [-170, -30], [170, -30]]]}],
            "start": "2025-11-22T00:00Z", "appliesTo": {"everyone": true}, "bans": "overflight"},
           {"id": "NZ", "airspaces": ["NZZO"], "start": "2025-11-22T00:00Z", "appliesTo": {"everyone": true}, "bans": "overflight"}],
         "flights": [
           {"id": "F1", "from": "SYD", "to": "PPT", "departure": "2025-11-22T10:00Z", "type": "B789", "airline": "QFA", "state": "AU"},
           {"id": "F2", "from": "NRT", "to": "ANC", "departure": "2025-11-22T10:00Z", "type": "B789", "airline": "JAL", "state": "JP"}]}
        """;

    // Twice the signed planar area of a ring in (lon, lat): positive counter-clockwise (shoelace formula), computed
    // here on the written numbers, independently of the writer.
    private static double SignedArea2(JsonElement ring)
    {
        var p = ring.EnumerateArray().Select(c => (X: c[0].GetDouble(), Y: c[1].GetDouble())).ToArray();
        double s = 0;
        for (int i = 0; i + 1 < p.Length; i++) s += p[i].X * p[i + 1].Y - p[i + 1].X * p[i].Y;
        return s;
    }

    private static IEnumerable<JsonElement> Positions(JsonElement coordinates) =>
        coordinates[0].ValueKind == JsonValueKind.Number ? [coordinates] : coordinates.EnumerateArray().SelectMany(Positions);

    [TestCase("svzm-2025-11")]
    [TestCase("tncf-2026-01-03")]
    [TestCase("pacific")]
    public void WhatIfGeoJsonIsRfc7946(string scenario)
    {
        // Was: closures written from their NTS geometry, so the bundled SVZM (clockwise in its source) and the world FIRs
        // came out clockwise, and an inline ring across ±180 kept lon 190; flight lines were made continuous across
        // ±180 (lon 180.7 ... 187.9 on SYD–PPT). RFC 7946 §3.1.6 and §3.1.9: positions in [-180, 180], outer rings
        // counter-clockwise, holes clockwise, lines and polygons crossing ±180 cut there.
        string arg = scenario == "pacific" ? _dir.Write("pacific.json", PacificScenario) : scenario;
        var r = Run("whatif", arg, "--format", "geojson");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var features = r.Json().GetProperty("features").EnumerateArray().ToList();
        int closures = 0, flights = 0;
        foreach (var f in features)
        {
            var g = f.GetProperty("geometry");
            string kind = f.GetProperty("properties").GetProperty("kind").GetString()!;
            foreach (var pos in Positions(g.GetProperty("coordinates")))
            {
                double lon = pos[0].GetDouble(), lat = pos[1].GetDouble();
                Assert.That(lon, Is.InRange(-180.0, 180.0), $"{kind} {f.GetProperty("properties")}: longitude {lon}");
                Assert.That(lat, Is.InRange(-90.0, 90.0));
            }
            if (kind == "closure")
            {
                closures++;
                Assert.That(f.GetProperty("properties").TryGetProperty("interior", out _), Is.False, "no closure here is larger than a hemisphere");
                foreach (var poly in g.GetProperty("coordinates").EnumerateArray())
                {
                    var rings = poly.EnumerateArray().ToList();
                    Assert.That(SignedArea2(rings[0]), Is.GreaterThan(0), $"outer ring of {f.GetProperty("properties")} is clockwise");
                    foreach (var hole in rings.Skip(1)) Assert.That(SignedArea2(hole), Is.LessThan(0), "a hole is counter-clockwise");
                }
            }
            else flights++;
        }
        Assert.That(closures, Is.GreaterThan(0));
        Assert.That(flights, Is.GreaterThan(0));
        if (scenario == "pacific")
        {
            // SYD–PPT flies round the area across ±180: its line is cut there, into parts ending on ±180.
            var syd = features.Single(f => f.GetProperty("properties").TryGetProperty("id", out var id) && id.GetString() == "F1").GetProperty("geometry");
            Assert.That(syd.GetProperty("type").GetString(), Is.EqualTo("MultiLineString"));
            var ends = syd.GetProperty("coordinates").EnumerateArray().Select(part => Math.Abs(part[part.GetArrayLength() - 1][0].GetDouble())).ToList();
            Assert.That(ends[0], Is.EqualTo(180.0));
            // The inline area across ±180 is two parts, each with a side on ±180.
            var am = features.Single(f => f.GetProperty("properties").GetProperty("kind").GetString() == "closure"
                && f.GetProperty("properties").GetProperty("closure").GetString() == "AM").GetProperty("geometry");
            Assert.That(am.GetProperty("coordinates").GetArrayLength(), Is.EqualTo(2));
        }
    }

    [TestCase("html", "x.html")]
    [TestCase("svg", "x.svg")]
    [TestCase("png", "x.png")]
    public void AShardInAnImageOrReportFormatDoesNotAdviseAMergeThatRefusesIt(string format, string file)
    {
        // Was "choose --format html when merging ('airspacesim merge PARTS --format html')", and merge then said
        // "Argument 'html' not recognized. Must be one of: 'table' 'csv' 'json'".
        string outFile = System.IO.Path.Combine(_dir.Path, file);
        var line = AssertUserError(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "4", "--shard", "0/2", "--format", format, "--out", outFile),
            "--shard writes its partial result as JSON, and merge writes table, csv or json", $"for --format {format} run the Monte Carlo whole, without --shard");
        Assert.That(line, Does.Not.Contain("merge PARTS --format"));
        // The advice for the formats merge does write stands, and merge takes it.
        AssertUserError(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "4", "--shard", "0/2", "--format", "csv"),
            "choose --format csv when merging ('airspacesim merge PARTS --format csv')");
    }

    [Test]
    public void ASweepOnAScenarioWithItsOwnBufferSweepSaysItReplacesIt()
    {
        // buffer-sweep runs at 0, 10, 25 and 50 NM; `--sweep fuel-price=...` (docs/uncertainty.md's example) ran each
        // price once at 0 NM, silently, while a Monte Carlo run of the same scenario is refused for its buffer sweep.
        var r = Run("whatif", "buffer-sweep", "--sweep", "fuel-price=0.5,1", "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.OutLines, Has.Length.EqualTo(1 + 2), "one line per price, not per price and buffer");
        Assert.That(r.Err, Does.Contain("airspacesim: note: scenario 'buffer-sweep' has its own buffer sweep (bufferSweepNm: 0, 10, 25, 50 NM), which --sweep fuel-price replaces: each value is run once, with every closure at its own bufferNm"));
        var b = Run("whatif", "buffer-sweep", "--sweep", "buffer=5", "--format", "csv");
        Assert.That(b.Err, Does.Contain("which --sweep buffer replaces: the buffers given are run"));
        // A scenario without one says nothing.
        Assert.That(Run("whatif", "svzm-2025-11", "--sweep", "fuel-price=0.5", "--format", "csv").Err, Is.Empty);
    }

    [TestCase("whatif --formt json", "whatif: unknown option '--formt'")]
    [TestCase("whatif --formt", "whatif: unknown option '--formt'")]
    [TestCase("batch --formt json routes.csv", "batch: unknown option '--formt'")]
    [TestCase("aircraft --format json", "aircraft: unknown option '--format'")]
    [TestCase("route --formt AMS CUR", "route: unknown option '--formt'")]
    [TestCase("merge --formt json p0.json", "merge: unknown option '--formt'")]
    public void AMisspeltOptionBeforeTheArgumentIsAnUnknownOption(string command, string said)
    {
        // Was "scenario not found: '--formt' is neither a file nor a bundled scenario", "unexpected arguments 'json
        // routes.csv'", "unexpected argument 'json'": the unknown option was taken as the command's argument.
        var line = AssertUserError(Run(command.Split(' ')), said, "for the options");
        Assert.That(line, Does.Not.Contain("unexpected").And.Not.Contain("not found"));
    }

    [Test]
    public void ATokenAfterALoneDoubleDashIsAnArgumentStill()
    {
        // "--" ends the options: what follows is the argument as written (here an unknown type, said as such).
        AssertUserError(Run("aircraft", "--", "--x"), "unknown aircraft type '--x'");
    }

    [Test]
    public void AnIsaDeviationWithoutATypeNeedsTheTypeAsFlAndWindDo()
    {
        // Was accepted and ignored: `route AMS CUR --isa-dev-k 10` printed the route without any performance figure.
        AssertUserError(Run("route", "AMS", "CUR", "--isa-dev-k", "10"), "--isa-dev-k needs --type");
        AssertUserError(Run("route", "AMS", "CUR", "--isa-dev-k", "0"), "--isa-dev-k needs --type");
        string list = _dir.Write("routes.csv", "from,to\nAMS,CUR\n");
        AssertUserError(Run("batch", list, "--isa-dev-k", "10"), "--isa-dev-k needs --type");
        // With a type (the option, or a type column of the list) it applies.
        Assert.That(Run("route", "AMS", "CUR", "--type", "A332", "--isa-dev-k", "10").Exit, Is.EqualTo(0));
        string typed = _dir.Write("typed.csv", "from,to,type\nAMS,CUR,A332\n");
        Assert.That(Run("batch", typed, "--isa-dev-k", "10").Exit, Is.EqualTo(0));
    }

    [TestCase("svzm-2025-11")]
    [TestCase("buffer-sweep", "--sweep", "buffer=0,10")]
    public void ASeedWithoutDrawsIsAnErrorAsAShardIs(string scenario, params string[] more)
    {
        // Was accepted and ignored: `whatif --seed 5` printed the deterministic run, as if the seed had been used.
        AssertUserError(Run(["whatif", scenario, "--seed", "5", .. more]), "--seed: give --monte-carlo N too");
        Assert.That(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "2", "--seed", "5", "--format", "csv").Exit, Is.EqualTo(0));
    }

    private const string ScheduleScenario = """
        {"name": "schedule", "period": {"first": "2025-11-24", "last": "2025-11-24"},
         "closures": [{"id": "C1", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "appliesTo": {"everyone": true}}],
         "flights": [{"id": "AAL-MIA-GRU-20251124", "from": "MIA", "to": "GRU", "departure": "2025-11-24T05:00Z", "type": "B772", "airline": "AAL", "state": "US"}],
         "routes": [
           {"from": "MIA", "to": "GRU", "departureTime": "10:00", "type": "B772", "airline": "AAL", "state": "US", "weeklyFrequency": 14},
           {"from": "MIA", "to": "GRU", "departureTime": "23:00", "type": "B772", "airline": "AAL", "state": "US", "days": ["Mon"]}]}
        """;

    [Test]
    public void EveryScheduledFlightHasItsOwnId()
    {
        // Was three rows "AAL-MIA-GRU-20251124" (the listed flight, the first departure of route 1, route 2's),
        // told apart only by their departure: ids are NUMBER-YYYYMMDD, and two services without a flight number
        // share the number AAL-MIA-GRU.
        var r = Run("whatif", _dir.Write("schedule.json", ScheduleScenario), "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var rows = r.OutLines.Skip(1).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).ToList();
        Assert.That(rows.Select(x => (x[0], x[3])), Is.EqualTo(new[]
        {
            ("AAL-MIA-GRU-20251124", "2025-11-24T05:00Z"),     // listed: its id as given
            ("AAL-MIA-GRU-20251124-r1", "2025-11-24T10:00Z"),  // route 1, taken by the listed flight
            ("AAL-MIA-GRU-20251124-2", "2025-11-24T22:00Z"),   // route 1's second departure that day (14/week: 12 h on)
            ("AAL-MIA-GRU-20251124-r2", "2025-11-24T23:00Z"),  // route 2
        }));
    }

    [Test]
    public void ARoutePastedTwiceIsAnError()
    {
        // Was flown and counted twice, as a flight id given twice was before sweep 2.
        const string second = """{"from": "MIA", "to": "GRU", "departureTime": "23:00", "type": "B772", "airline": "AAL", "state": "US", "days": ["Mon"]}""";
        string twice = ScheduleScenario.Replace(second + "]}", second + ",\n   " + second + "]}");
        Assert.That(twice, Is.Not.EqualTo(ScheduleScenario));
        AssertUserError(Run("whatif", _dir.Write("twice.json", twice)), "twice.json:7:4:", "$.routes[2]: this route is the same as routes[1]");
    }

    [TestCase("whatif", "--format", "csv")]
    [TestCase("whatif", "--format", "json")]
    [TestCase("whatif")]
    public void ATextOutFileThatCannotBeWrittenIsSaidBeforeTheWork(params string[] command)
    {
        // Was .NET's words after the whole run: "Access to the path '/tmp' is denied." for a folder, "Could not find a
        // part of the path" for a missing folder, "The value cannot be an empty string." for --out "".
        AssertUserError(Run([.. command, "--out", _dir.Path]), $"--out: {_dir.Path} is a folder, not a file");
        string missing = System.IO.Path.Combine(_dir.Path, "no-such-folder", "x.csv");
        AssertUserError(Run([.. command, "--out", missing]), "--out: folder", "does not exist");
        AssertUserError(Run([.. command, "--out", ""]), "--out: empty file name");
    }

    [Test]
    public void MergeChecksItsOutFileBeforeReadingTheParts()
    {
        AssertUserError(Run("merge", "no-such-part.json", "--out", _dir.Path), $"--out: {_dir.Path} is a folder, not a file");
    }

    // F1 is an error in every run (FL450 is above the A20N's ceiling, FL410); F2 is a plain flight.
    private const string ErrorFlightScenario = """
        {"name": "errors", "closures": [{"id": "C1", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "appliesTo": {"everyone": true}}],
         "flights": [
           {"id": "F1", "from": "MIA", "to": "GRU", "departure": "2025-11-22T10:00Z", "type": "A20N", "airline": "AAL", "state": "US", "cruiseFl": 450},
           {"id": "F2", "from": "MIA", "to": "GRU", "departure": "2025-11-22T10:00Z", "type": "B772", "airline": "AAL", "state": "US"}]}
        """;

    [Test]
    public void AMonteCarloRunWithErrorFlightsExitsOneAndNamesThemAsTheSingleRunDoes()
    {
        // Was exit 0 and nothing on stderr (the single run and a sweep of the same file exit 1 and name F1): a script
        // checking the exit code took the Monte Carlo totals for complete.
        string f = _dir.Write("errors.json", ErrorFlightScenario);
        var single = Run("whatif", f, "--format", "csv");
        Assert.That(single.Exit, Is.EqualTo(1), single.ToString());
        var mc = Run("whatif", f, "--monte-carlo", "3", "--format", "csv");
        Assert.That(mc.Exit, Is.EqualTo(1), mc.ToString());
        Assert.That(mc.Err, Does.Contain("airspacesim: flight F1: error in 3 of 3 draws"));
        Assert.That(mc.Err, Does.Not.Contain("flight F2"));
        // merge writes the single run's bytes, and its exit code and stderr lines too.
        string p0 = System.IO.Path.Combine(_dir.Path, "p0.json"), p1 = System.IO.Path.Combine(_dir.Path, "p1.json");
        Assert.That(Run("whatif", f, "--monte-carlo", "3", "--shard", "0/2", "--out", p0).Exit, Is.EqualTo(0));
        Assert.That(Run("whatif", f, "--monte-carlo", "3", "--shard", "1/2", "--out", p1).Exit, Is.EqualTo(0));
        var merged = Run("merge", p0, p1, "--format", "csv");
        Assert.That(merged.Exit, Is.EqualTo(1), merged.ToString());
        Assert.That(merged.Out, Is.EqualTo(mc.Out));
        Assert.That(merged.Err, Does.Contain("airspacesim: flight F1: error in 3 of 3 draws"));
        // Without error flights: exit 0, as before.
        Assert.That(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "3", "--format", "csv").Exit, Is.EqualTo(0));
    }

    // A scenario with its own realism layer (a wind grid of the bundled climatology, the default margin and factor).
    private const string RealismScenario = """
        {"name": "realism", "realism": {"wind": "caribbean-north-atlantic-january"},
         "closures": [{"id": "C1", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "end": "2025-11-23T00:00Z", "appliesTo": {"everyone": true}}],
         "flights": [
           {"id": "F1", "from": "MIA", "to": "GRU", "departure": "2025-11-22T10:00Z", "type": "B772", "airline": "AAL", "state": "US"},
           {"id": "F2", "from": "AMS", "to": "CUR", "departure": "2025-11-22T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}]}
        """;

    private static Dictionary<string, string> CsvTotals(CliResult r) =>
        r.OutLines.Single(l => l.StartsWith("# totals: ", StringComparison.Ordinal))["# totals: ".Length..]
            .Split(' ').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);

    [TestCase(false)]
    [TestCase(true)]
    public void SweepPointsAndMonteCarloDrawsRunUnderTheRealismLayer(bool ownRealism)
    {
        // A sweep of the fuel price at the scenario's own price (US$0.71/kg) is the scenario, and a Monte Carlo run of a
        // scenario with no uncertain input draws the scenario every time: both must give the single run's totals. Under
        // the realism layer (the scenario's own, or --realistic) they gave the geometric totals (extraKm 77.6 for MIA-GRU,
        // not the realistic run's 83.0): each point and draw was made from the scenario as written and ran without it.
        string f = ownRealism ? _dir.Write("realism.json", RealismScenario)
            : _dir.Write("plain.json", RealismScenario.Replace("\"realism\": {\"wind\": \"caribbean-north-atlantic-january\"},", ""));
        string[] realistic = ownRealism ? [] : ["--realistic"];
        var single = Run(["whatif", f, "--format", "csv", .. realistic]);
        Assert.That(single.Exit, Is.EqualTo(0), single.ToString());
        var totals = CsvTotals(single);
        var geometric = CsvTotals(Run("whatif", _dir.Write("geometric.json", RealismScenario.Replace("\"realism\": {\"wind\": \"caribbean-north-atlantic-january\"},", "")), "--format", "csv"));
        Assert.That(totals["extraKm"], Is.Not.EqualTo(geometric["extraKm"]), "the realism layer changes this scenario's answer");

        var sweep = Run(["whatif", f, "--sweep", "fuel-price=0.71", "--format", "csv", .. realistic]);
        Assert.That(sweep.Exit, Is.EqualTo(0), sweep.ToString());
        var header = sweep.OutLines[0].Split(',');
        var point = sweep.OutLines[1].Split(',');
        foreach (var k in new[] { "extraKm", "extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd" })
            Assert.That(point[Array.IndexOf(header, k)], Is.EqualTo(totals[k]), $"sweep point {k}");

        var mc = Run(["whatif", f, "--monte-carlo", "2", "--format", "csv", .. realistic]);
        Assert.That(mc.Exit, Is.EqualTo(0), mc.ToString());
        foreach (var k in new[] { "extraKm", "extraCostUsd" })
            Assert.That(mc.OutLines.Single(l => l.StartsWith($"# total {k}: ", StringComparison.Ordinal)),
                Does.StartWith($"# total {k}: mean={totals[k]} "), $"Monte Carlo {k}");
    }
}
