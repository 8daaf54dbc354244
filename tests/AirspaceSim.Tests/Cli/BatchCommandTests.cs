using System.Globalization;
using System.Text;
using System.Text.Json;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary><c>airspacesim batch</c>: CSV and JSON output, order, summary, stdin, row errors, header errors.</summary>
[TestFixture]
public class BatchCommandTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string Caribbean = ReferenceData.RepoData("routes/caribbean.csv");
    private static readonly string[] CsvHeader =
        ["line", "from", "to", "status", "direct_km", "route_km", "extra_km", "extra_percent", "crossed", "reason", "waypoints"];

    private TempDir _tmp = null!;

    [SetUp] public void SetUp() => _tmp = NewTempDir();
    [TearDown] public void TearDown() => _tmp.Dispose();

    /// <summary>RFC 4180 fields of one line (quotes and doubled quotes).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(); var sb = new StringBuilder(); bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') sb.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        Assert.That(quoted, Is.False, $"unterminated quote in '{line}'");
        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>The input rows of a route list: (line number, from, to), skipping the header, blanks and comments.</summary>
    private static List<(int Line, string From, string To)> InputRows(string path)
    {
        var rows = new List<(int, string, string)>();
        var lines = File.ReadAllLines(path);
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#')) continue;
            var f = SplitCsv(lines[i]);
            rows.Add((i + 1, f[0].Trim(), f[1].Trim()));
        }
        return rows;
    }

    private sealed record CsvOutput(List<Dictionary<string, string>> Rows, Dictionary<string, double> Summary);

    private static readonly System.Text.RegularExpressions.Regex SummaryLine = new(
        @"^# summary: routes (?<routes>\d+), affected (?<affected>\d+) \(detour (?<detour>\d+), unreachable (?<unreachable>\d+)\), direct (?<direct>\d+), errors (?<errors>\d+), total extra (?<total>[\d.]+) km, mean extra (?<mean>[\d.]+) km per detoured route$");

    private static CsvOutput ParseCsvOutput(CliResult r)
    {
        var lines = r.OutLines;
        Assert.That(SplitCsv(lines[0]), Is.EqualTo(CsvHeader), r.ToString());
        var m = SummaryLine.Match(lines[^1]);
        Assert.That(m.Success, Is.True, $"last line is the summary: '{lines[^1]}'");
        var summary = new[] { "routes", "affected", "detour", "unreachable", "direct", "errors", "total", "mean" }
            .ToDictionary(k => k, k => double.Parse(m.Groups[k].Value, Inv));
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines[1..^1])
        {
            Assert.That(line, Does.Not.StartWith("#"), "only the last line is a comment");
            var f = SplitCsv(line);
            Assert.That(f, Has.Count.EqualTo(CsvHeader.Length), line);
            rows.Add(CsvHeader.Zip(f).ToDictionary(p => p.First, p => p.Second));
        }
        return new CsvOutput(rows, summary);
    }

    private static void AssertSummaryMatches(IReadOnlyList<string> statuses, Func<string, double> summary, IEnumerable<double> extraKmOfDetours)
    {
        int Count(string s) => statuses.Count(x => x == s);
        Assert.That(summary("routes"), Is.EqualTo(statuses.Count));
        Assert.That(summary("direct"), Is.EqualTo(Count("direct")));
        Assert.That(summary("detour"), Is.EqualTo(Count("detour")));
        Assert.That(summary("unreachable"), Is.EqualTo(Count("unreachable")));
        Assert.That(summary("errors"), Is.EqualTo(Count("error")));
        Assert.That(summary("affected"), Is.EqualTo(Count("detour") + Count("unreachable")));
        Assert.That(statuses, Is.All.AnyOf("direct", "detour", "unreachable", "error"));
        var extras = extraKmOfDetours.ToList();
        Assert.That(summary("total"), Is.EqualTo(extras.Sum()).Within(0.1));
        Assert.That(summary("mean"), Is.EqualTo(extras.Count > 0 ? extras.Sum() / extras.Count : 0).Within(0.1));
    }

    // ---- CSV output ----

    [Test]
    public void BundledCaribbean_Csv_OneRowPerInputRowInOrderWithSummary()
    {
        var r = Run("batch", Caribbean);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Empty);
        var input = InputRows(Caribbean);
        var output = ParseCsvOutput(r);
        Assert.That(output.Rows, Has.Count.EqualTo(input.Count));
        Assert.That(output.Rows.Select(x => int.Parse(x["line"], Inv)), Is.EqualTo(Enumerable.Range(2, input.Count)));
        for (int i = 0; i < input.Count; i++)
        {
            Assert.That(output.Rows[i]["from"], Is.EqualTo(input[i].From), $"row {i}");
            Assert.That(output.Rows[i]["to"], Is.EqualTo(input[i].To), $"row {i}");
        }
        var statuses = output.Rows.Select(x => x["status"]).ToList();
        Assert.That(statuses, Has.No.EqualTo("error"));
        AssertSummaryMatches(statuses, k => output.Summary[k],
            output.Rows.Where(x => x["status"] == "detour").Select(x => double.Parse(x["extra_km"], Inv)));

        var amsCur = output.Rows.Single(x => x["from"] == "AMS" && x["to"] == "CUR");
        Assert.That(amsCur["status"], Is.EqualTo("detour"));
        Assert.That(amsCur["crossed"], Is.EqualTo("SVZM"));
        Assert.That(amsCur["waypoints"].Split(';'), Has.Length.GreaterThanOrEqualTo(3));
        var lisCcs = output.Rows.Single(x => x["from"] == "LIS" && x["to"] == "CCS");
        Assert.That(lisCcs["status"], Is.EqualTo("unreachable"));
        Assert.That(lisCcs["route_km"], Is.Empty);
        Assert.That(lisCcs["reason"], Does.Contain("SVZM"));
        foreach (var row in output.Rows.Where(x => x["status"] != "unreachable"))
        {
            double direct = double.Parse(row["direct_km"], Inv), route = double.Parse(row["route_km"], Inv), extra = double.Parse(row["extra_km"], Inv);
            Assert.That(route, Is.GreaterThanOrEqualTo(direct));
            Assert.That(extra, Is.EqualTo(route - direct).Within(0.002));
            Assert.That(row["status"] == "direct", Is.EqualTo(extra == 0), $"{row["from"]}-{row["to"]}");
        }
    }

    [Test]
    public void BundledCaribbean_RowsAgreeWithTheRouteCommand()
    {
        var output = ParseCsvOutput(Run("batch", Caribbean, "--format", "csv"));
        foreach (var (from, to) in new[] { ("AMS", "CUR"), ("MIA", "AUA"), ("LIS", "CCS"), ("GRU", "MIA") })
        {
            var row = output.Rows.Single(x => x["from"] == from && x["to"] == to);
            var route = Run("route", from, to, "--format", "json").Json();
            Assert.That(row["status"], Is.EqualTo(route.Status()), $"{from}-{to}");
            Assert.That(double.Parse(row["direct_km"], Inv), Is.EqualTo(route.Km("directKm")).Within(0.001));
            if (route.Status() != "unreachable")
                Assert.That(double.Parse(row["route_km"], Inv), Is.EqualTo(route.Km("routeKm")).Within(0.001));
        }
    }

    // ---- JSON output ----

    [Test]
    public void BundledCaribbean_Json_ResultsInOrderAndSummaryConsistent()
    {
        var r = Run("batch", Caribbean, "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var j = r.Json();
        Assert.That(j.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "results", "summary" }));
        var results = j.GetProperty("results").EnumerateArray().ToList();
        var input = InputRows(Caribbean);
        Assert.That(results, Has.Count.EqualTo(input.Count));
        for (int i = 0; i < input.Count; i++)
        {
            Assert.That(results[i].GetProperty("line").GetInt32(), Is.EqualTo(input[i].Line));
            Assert.That(results[i].GetProperty("from").GetProperty("code").GetString(), Is.EqualTo(input[i].From));
            Assert.That(results[i].GetProperty("to").GetProperty("code").GetString(), Is.EqualTo(input[i].To));
        }
        var summary = j.GetProperty("summary");
        AssertSummaryMatches(results.Select(x => x.Status()).ToList(),
            k => summary.GetProperty(k switch { "total" => "totalExtraKm", "mean" => "meanExtraKm", _ => k }).GetDouble(),
            results.Where(x => x.Status() == "detour").Select(x => x.Km("extraKm")));

        // Each result is the route command's object plus its line.
        var amsCur = results.Single(x => x.GetProperty("line").GetInt32() == 2);
        var route = Run("route", "AMS", "CUR", "--format", "json").Json();
        Assert.That(amsCur.EnumerateObject().Select(p => p.Name).Where(n => n != "line"),
            Is.EqualTo(route.EnumerateObject().Select(p => p.Name)));
        Assert.That(amsCur.GetProperty("waypoints").GetRawText(), Is.EqualTo(route.GetProperty("waypoints").GetRawText()));
        Assert.That(amsCur.Km("routeKm"), Is.EqualTo(route.Km("routeKm")));
    }

    [Test]
    public void OptionsApplyToEveryRow()
    {
        (string From, string To)[] pairs = [("AMS", "CUR"), ("AUA", "MIA"), ("AMS", "POS"), ("MIA", "POS"), ("GRU", "MIA")];
        var list = _tmp.Write("r.csv", "from,to\n" + string.Concat(pairs.Select(p => $"{p.From},{p.To}\n")));
        string[] options = ["--closed", "SVZM,TNCF", "--buffer-nm", "25", "--format", "json"];
        var r = Run(["batch", list, .. options]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var results = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(results[0].Status(), Is.EqualTo("unreachable"), "CUR lies inside TNCF");
        Assert.That(results[1].Status(), Is.EqualTo("unreachable"), "AUA lies inside TNCF");
        Assert.That(results.Count(x => x.Status() == "detour"), Is.GreaterThan(0));
        for (int i = 0; i < pairs.Length; i++)
        {
            var route = Run(["route", pairs[i].From, pairs[i].To, .. options]).Json();
            Assert.That(results[i].Status(), Is.EqualTo(route.Status()), $"{pairs[i]}");
            Assert.That(results[i].GetProperty("routeKm").GetRawText(), Is.EqualTo(route.GetProperty("routeKm").GetRawText()), $"{pairs[i]}");
            Assert.That(results[i].GetProperty("arrivesThroughBuffer").GetRawText(), Is.EqualTo(route.GetProperty("arrivesThroughBuffer").GetRawText()), $"{pairs[i]}");
        }
    }

    // ---- standard input, quoting, layout ----

    [Test]
    public void Stdin_WithQuotedCoordinates()
    {
        var r = RunWithInput("from,to\n\"12.50,-70.02\",MIA\nAMS,\"12.1889, -68.9598\"\n", "batch", "-", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var results = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(results[0].Status(), Is.EqualTo("direct"));
        Assert.That(results[0].GetProperty("from").GetProperty("lat").GetDouble(), Is.EqualTo(12.5));
        Assert.That(results[0].GetProperty("from").GetProperty("lon").GetDouble(), Is.EqualTo(-70.02));
        Assert.That(results[1].Status(), Is.EqualTo("detour"));
        Assert.That(results[1].Km("routeKm"), Is.EqualTo(Run("route", "AMS", "CUR", "--format", "json").Json().Km("routeKm")).Within(0.01));

        var csv = RunWithInput("from,to\n\"12.50,-70.02\",MIA\n", "batch", "-");
        Assert.That(csv.Exit, Is.EqualTo(0), csv.ToString());
        var row = ParseCsvOutput(csv).Rows.Single();
        Assert.That(row["from"], Is.EqualTo("12.5,-70.02"), "coordinates are written normalised, and quoted in the CSV");
        Assert.That(csv.OutLines[1], Does.StartWith("2,\"12.5,-70.02\",MIA,direct,"));
    }

    [Test]
    public void ExtraColumnsBlankLinesAndComments_KeepLineNumbers()
    {
        var r = RunWithInput("id,to,note,from\r\n\r\n# a comment\r\n1,CUR,\"x, y\",AMS\r\n\r\n2,AUA,,MIA\r\n", "batch", "-", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var results = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(x => x.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 4, 6 }));
        Assert.That(results[0].GetProperty("from").GetProperty("code").GetString(), Is.EqualTo("AMS"));
        Assert.That(results[0].Status(), Is.EqualTo("detour"));
        Assert.That(results[1].GetProperty("from").GetProperty("code").GetString(), Is.EqualTo("MIA"));
    }

    [Test]
    public void HeaderOnly_IsAnEmptyBatch()
    {
        var r = RunWithInput("from,to\n", "batch", "-");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var output = ParseCsvOutput(r);
        Assert.That(output.Rows, Is.Empty);
        Assert.That(output.Summary["routes"], Is.Zero);
        Assert.That(output.Summary["mean"], Is.Zero);
    }

    [Test]
    public void EveryRowAnError_IsStillAFullReport()
    {
        var r = RunWithInput("from,to\nAMS,XXX\nQQQ,CUR\n", "batch", "-");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        var output = ParseCsvOutput(r);
        Assert.That(output.Rows.Select(x => x["status"]), Is.EqualTo(new[] { "error", "error" }));
        Assert.That(output.Summary["errors"], Is.EqualTo(2));
        Assert.That(r.ErrLines, Has.Length.EqualTo(2));
        Assert.That(r.Err, Does.Not.Contain("airspacesim: error:"));
    }

    // ---- row errors ----

    [Test]
    public void UnknownCodeInARow_IsAnErrorInItsSlotAndExitCode1()
    {
        // Unquoted coordinates are two fields: 95 and 3 are read as (unknown) codes.
        var unquoted = RunWithInput("from,to\n95,3\n", "batch", "-", "--format", "json");
        Assert.That(unquoted.Exit, Is.EqualTo(1), unquoted.ToString());
        Assert.That(unquoted.Json().GetProperty("results")[0].GetProperty("reason").GetString(), Does.Contain("'95'"));

        const string good = "from,to\nAMS,CUR\nAMS,XXX\n\"95,3\",CUR\nMIA,AUA\n";
        foreach (var format in new[] { "csv", "json" })
        {
            var r = RunWithInput(good, "batch", "-", "--format", format);
            Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
            Assert.That(r.ErrLines, Has.Length.EqualTo(2), r.ToString());
            Assert.That(r.ErrLines[0], Does.StartWith("airspacesim: standard input: line 3: to: ").And.Contain("'XXX'"));
            Assert.That(r.ErrLines[1], Does.Contain("line 4").And.Contain("latitude 95"));
            List<(string Status, string Reason, int Line)> rows;
            if (format == "csv")
            {
                var output = ParseCsvOutput(r);
                rows = output.Rows.Select(x => (x["status"], x["reason"], int.Parse(x["line"], Inv))).ToList();
                Assert.That(output.Summary["errors"], Is.EqualTo(2));
                Assert.That(output.Summary["routes"], Is.EqualTo(4));
                Assert.That(output.Rows[1]["to"], Is.EqualTo("XXX"));
                Assert.That(output.Rows[1]["direct_km"], Is.Empty);
            }
            else
            {
                var j = r.Json();
                rows = j.GetProperty("results").EnumerateArray()
                    .Select(x => (x.Status(), x.GetProperty("reason").GetString() ?? "", x.GetProperty("line").GetInt32())).ToList();
                Assert.That(j.GetProperty("summary").GetProperty("errors").GetInt32(), Is.EqualTo(2));
                Assert.That(j.GetProperty("summary").GetProperty("routes").GetInt32(), Is.EqualTo(4));
            }
            Assert.That(rows.Select(x => x.Line), Is.EqualTo(new[] { 2, 3, 4, 5 }), format);
            Assert.That(rows.Select(x => x.Status), Is.EqualTo(new[] { "detour", "error", "error", "direct" }), format);
            Assert.That(rows[1].Reason, Does.Contain("XXX").And.StartWith("to:"), format);
            Assert.That(rows[2].Reason, Does.Contain("latitude 95").And.StartWith("from:"), format);
        }
    }

    [Test]
    public void ErrorRowsInJson_HaveTheSameFieldsAsOtherRows()
    {
        var r = RunWithInput("from,to\nAMS,CUR\nAMS,XXX\nAMS,CCS\n", "batch", "-", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        var results = r.Json().GetProperty("results").EnumerateArray().ToList();
        var names = results.Select(x => x.EnumerateObject().Select(p => p.Name).ToList()).ToList();
        Assert.That(names[1], Is.EqualTo(names[0]), "an error row has every field of a route row");
        Assert.That(names[2], Is.EqualTo(names[0]));
        Assert.That(results[1].GetProperty("routeKm").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(results[1].GetProperty("legsKm").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void RowErrorsInAFile_NameTheFileAndLine()
    {
        var f = _tmp.Write("routes.csv", "from,to\nAMS,CUR\n\nAMS,XXX\n");
        var r = Run("batch", f);
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        Assert.That(r.ErrLines.Single(), Does.StartWith($"airspacesim: {f}: line 4: to: "));
    }

    [Test]
    public void AntipodalRow_IsARowError()
    {
        var r = RunWithInput("from,to\n\"0,0\",\"0,180\"\nMIA,AUA\n", "batch", "-", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        var results = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(results[0].Status(), Is.EqualTo("error"));
        Assert.That(results[0].GetProperty("reason").GetString(), Does.Contain("antipodal"));
        Assert.That(results[1].Status(), Is.EqualTo("direct"));
        Assert.That(r.Err, Does.Contain("line 2").And.Contain("antipodal"));
    }

    // ---- whole-file errors ----

    [TestCase("origin,dest\nAMS,CUR\n", "line 1", "'from' and 'to'")]
    [TestCase("", "no header")]
    [TestCase("# only a comment\n", "no header")]
    [TestCase("from,to,From\nAMS,CUR,X\n", "line 1", "duplicate column 'From' (columns 1 and 3)")]
    public void MalformedList_IsAUserError(string text, params string[] fragments)
    {
        AssertUserError(RunWithInput(text, "batch", "-"), fragments);
        var f = _tmp.Write("routes.csv", text);
        AssertUserError(Run("batch", f, "--format", "json"), ["routes.csv", .. fragments]);
    }

    /// <summary>Malformed rows of every kind are error rows in their slots: K rows in, K results out, in order, each
    /// bad one with its reason on stdout and on stderr, exit code 1; the good rows are planned as usual.</summary>
    [Test]
    public void MalformedRows_AreErrorRowsAndNothingIsLost()
    {
        const string text = "from,to\nAMS,CUR\nAMS,CUR,JFK\nAMS,\nAMS\n\"AM\nS\",CUR\n\"AMS\"x,CUR\n\"AMS,CUR\nMIA,AUA\n";
        string[] reasons =
        [
            "", "expected 2 fields", "empty 'to' field", "expected 2 fields", "a quoted field spans lines 6–7",
            "unexpected text after a closing quote", "unterminated quoted field", "",
        ];
        int[] lines = [2, 3, 4, 5, 6, 8, 9, 10];
        foreach (var format in new[] { "csv", "json" })
        {
            var r = RunWithInput(text, "batch", "-", "--format", format);
            Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
            List<(int Line, string Status, string Reason)> rows = format == "csv"
                ? ParseCsvOutput(r).Rows.Select(x => (int.Parse(x["line"], Inv), x["status"], x["reason"])).ToList()
                : r.Json().GetProperty("results").EnumerateArray()
                    .Select(x => (x.GetProperty("line").GetInt32(), x.Status(), x.GetProperty("reason").GetString() ?? "")).ToList();
            Assert.That(rows.Select(x => x.Line), Is.EqualTo(lines), format);
            Assert.That(rows.Select(x => x.Status), Is.EqualTo(new[] { "detour", "error", "error", "error", "error", "error", "error", "direct" }), format);
            for (int i = 0; i < reasons.Length; i++)
                if (reasons[i].Length > 0) Assert.That(rows[i].Reason, Does.StartWith(reasons[i]), $"{format} row {i}");
            Assert.That(r.ErrLines, Has.Length.EqualTo(6), r.ToString());
            Assert.That(r.ErrLines[3], Does.StartWith("airspacesim: standard input: line 6: a quoted field spans lines 6–7"));
        }
    }

    /// <summary>A 5 MB unknown code is one error row: quoted by a short prefix, once, and the batch goes on.</summary>
    [Test]
    public void AHugeCode_IsAShortErrorRow()
    {
        string huge = new('Q', 5_000_000);
        var r = RunWithInput($"from,to\n{huge},CUR\nMIA,AUA\n", "batch", "-");
        Assert.That(r.Exit, Is.EqualTo(1));
        Assert.That(r.Out.Length + r.Err.Length, Is.LessThan(2000), "no echo of the whole field");
        var rows = ParseCsvOutput(r).Rows;
        Assert.That(rows.Select(x => x["status"]), Is.EqualTo(new[] { "error", "direct" }));
        Assert.That(rows[0]["from"], Is.EqualTo(new string('Q', 40) + "… (5,000,000 chars)"));
        Assert.That(rows[0]["reason"], Does.Contain("5,000,000 characters long"));
        // Just over the location limit, and just under: either way a short message.
        var longish = RunWithInput($"from,to\n{new string('Q', 64)},CUR\n{new string('Q', 65)},CUR\n", "batch", "-", "--format", "json");
        var results = longish.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(results[0].GetProperty("reason").GetString(), Does.StartWith("from: unknown airport code 'QQQQ").And.Contain("… (64 chars)"));
        Assert.That(results[1].GetProperty("reason").GetString(), Does.StartWith("'from' is 65 characters long"));
    }

    [Test]
    public void IgnoredColumns_AreNamedOnStderr()
    {
        var r = RunWithInput("id,from,to,\n1,AMS,CUR,\n", "batch", "-");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.ErrLines.Single(), Is.EqualTo("airspacesim: standard input: line 1: note: ignoring columns 1 'id', 4 (unnamed); only 'from' and 'to' are read"));
        Assert.That(ParseCsvOutput(r).Rows.Single()["status"], Is.EqualTo("detour"));
    }

    /// <summary>Coordinates in the list are read with the invariant culture whatever the user's culture: a comma
    /// culture neither changes the numbers read nor those written.</summary>
    [Test]
    public void Coordinates_AreReadAndWrittenInvariantly()
    {
        const string text = "from,to\n\"12.50,-70.02\",MIA\n\"12,5,-70\",MIA\n";
        var invariant = RunWithInput(text, "batch", "-");
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // A decimal-comma culture built by hand: the test host may run without ICU culture data.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            var german = RunWithInput(text, "batch", "-");
            Assert.That(german.Out, Is.EqualTo(invariant.Out));
            Assert.That(german.Err, Is.EqualTo(invariant.Err));
        }
        finally { CultureInfo.CurrentCulture = saved; }
        var rows = ParseCsvOutput(invariant).Rows;
        Assert.That(rows[0]["from"], Is.EqualTo("12.5,-70.02"));
        Assert.That(rows[1]["status"], Is.EqualTo("error"), "a decimal comma is not a decimal point");
    }

    [Test]
    public void MissingListFile()
    {
        var missing = Path.Combine(_tmp.Path, "nope.csv");
        AssertUserError(Run("batch", missing), "route list: file not found", missing);
        // A folder was reported as "not found".
        AssertUserError(Run("batch", _tmp.Path), "route list", "is a folder, not a file");
    }

    [Test]
    public void PlanningOptionErrors_AreUserErrorsToo()
    {
        AssertUserError(Run("batch", Caribbean, "--closed", "SVZX"), "did you mean SVZM");
        AssertUserError(Run("batch", Caribbean, "--buffer-nm", "-3"), "--buffer-nm");
    }

    // ---- the 52 reference cases ----

    [Test]
    public void ReferenceCases_ByCoordinates_AgreeWithRoute()
    {
        var cases = File.ReadAllLines(ReferenceData.Require("routes/svzm-cases.csv"));
        var header = SplitCsv(cases[0]);
        int I(string name) => header.IndexOf(name);
        var rows = cases.Skip(1).Where(l => l.Length > 0).Select(SplitCsv).ToList();
        Assert.That(rows, Has.Count.EqualTo(52));
        var sb = new StringBuilder("case,from,to\n");
        var ends = new List<(string Id, string From, string To)>();
        foreach (var f in rows)
        {
            string from = $"{f[I("from_lat")]},{f[I("from_lon")]}", to = $"{f[I("to_lat")]},{f[I("to_lon")]}";
            ends.Add((f[I("case_id")], from, to));
            sb.Append(f[I("case_id")]).Append(",\"").Append(from).Append("\",\"").Append(to).Append("\"\n");
        }
        var list = _tmp.Write("svzm-cases.csv", sb.ToString());
        var r = Run("batch", list, "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var results = r.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(52));
        Assert.That(results.Select(x => x.GetProperty("line").GetInt32()), Is.EqualTo(Enumerable.Range(2, 52)));
        Assert.That(results.Select(x => x.Status()), Is.All.AnyOf("direct", "detour", "unreachable"));
        Assert.That(results.Count(x => x.Status() == "detour"), Is.GreaterThan(0));

        // Every status once, plus the first and last case.
        var pick = new SortedSet<int> { 0, results.Count - 1 };
        foreach (var s in new[] { "direct", "detour", "unreachable" })
        {
            int k = results.FindIndex(x => x.Status() == s);
            if (k >= 0) pick.Add(k);
        }
        foreach (int k in pick)
        {
            var route = Run("route", ends[k].From, ends[k].To, "--format", "json");
            Assert.That(route.Exit, Is.EqualTo(0), route.ToString());
            var j = route.Json();
            Assert.That(results[k].Status(), Is.EqualTo(j.Status()), ends[k].Id);
            Assert.That(results[k].Km("directKm"), Is.EqualTo(j.Km("directKm")), ends[k].Id);
            Assert.That(results[k].GetProperty("routeKm").GetRawText(), Is.EqualTo(j.GetProperty("routeKm").GetRawText()), ends[k].Id);
            Assert.That(results[k].GetProperty("waypoints").GetRawText(), Is.EqualTo(j.GetProperty("waypoints").GetRawText()), ends[k].Id);
        }
    }
}
