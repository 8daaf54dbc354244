using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>Sharp edges found by trying malformed invocations as a new user would (issue 8, "go looking for more").</summary>
[TestFixture]
public class CliSharpEdgeTests
{
    private TempDir _tmp = null!;

    [SetUp] public void SetUp() => _tmp = NewTempDir();
    [TearDown] public void TearDown() => _tmp.Dispose();

    // Found when merging the aircraft commands: their numbers went through System.CommandLine's own parser, which read
    // "60,000" as 60000 (a group separator) instead of refusing it like every other number option.
    [TestCase("perf", "A320", "--mass-kg", "60,000", "--mach", "0.78", "--fl", "350", "--mass-kg")]
    [TestCase("perf", "A320", "--mass-kg", "60000", "--mach", "0,78", "--fl", "350", "--mach")]
    [TestCase("perf", "A320", "--mass-kg", "60000", "--mach", "0.78", "--fl", "3,5", "--fl")]
    [TestCase("route", "AMS", "CUR", "--type", "A320", "--isa-dev-k", "1,5", "", "--isa-dev-k")]
    public void AircraftNumberOptions_RejectDecimalCommas(string a, string b, string c, string d, string e, string f, string g, string h, string option)
    {
        var args = new[] { a, b, c, d, e, f, g, h }.Where(x => x.Length > 0).ToArray();
        AssertUserError(Run(args), option, "is not a number", "decimal point");
    }

    [Test]
    public void MissingArguments_AreNamedOnce_WithTheUsage()
    {
        // Was "Required argument missing for command: 'route'." twice.
        var line = AssertUserError(Run("route"), "route: missing FROM and TO", "usage: airspacesim route FROM TO");
        Assert.That(Run("route").ErrLines.Count(l => l.Contains("missing")), Is.EqualTo(1));
        AssertUserError(Run("route", "AMS"), "route: missing TO");
        AssertUserError(Run("batch"), "batch: missing ROUTES");
        Assert.That(line, Does.Not.Contain("Required argument"));
    }

    [Test]
    public void UnknownCommand_IsOneLine_WithTheCloseCommand()
    {
        // Was three lines, one per token: 'routes', 'AMS', 'CUR'.
        var r = Run("routes", "AMS", "CUR");
        AssertUserError(r, "unknown command 'routes'", "did you mean route?", "commands: geodesic, route, batch, bench");
        AssertUserError(Run("Route", "AMS", "CUR"), "did you mean route?");
        AssertUserError(Run("bogus"), "unknown command 'bogus'", "commands:");
        AssertUserError(Run("-x"), "unknown option '-x'");
        AssertUserError(Run("route", "AMS", "CUR", "--bogus"), "route: unknown option '--bogus'", "airspacesim route --help");
    }

    [Test]
    public void ExtraArgument_AfterAnOptionValue_SaysAnOptionTakesOneValue()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "SVZM", "TNCF"), "unexpected argument 'TNCF' after --closed SVZM", "A,B");
        var line = AssertUserError(Run("route", "AMS", "CUR", "EXTRA"), "route: unexpected argument 'EXTRA'");
        Assert.That(line, Does.Not.Contain("after"));
    }

    [Test]
    public void AnOptionsOwnValueErrors_NameTheOption()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--format", "xml"), "--format:", "'xml'", "table");
        AssertUserError(Run("batch", "-", "--format", "table"), "--format:", "'table'");
    }

    [Test]
    public void FilesThatAreFoldersOrEmpty_AreNamedAsSuch()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--airports", _tmp.Path), "--airports", "is a folder, not a file");
        AssertUserError(Run("route", "AMS", "CUR", "--airspaces", ""), "--airspaces", "empty file name");
        AssertUserError(Run("bench", _tmp.Path), "route list", "is a folder");
        var file = _tmp.Write("routes.dat", "");
        AssertUserError(Run("bench", "--openflights", file), "--openflights", "is a file; give the folder");
        AssertUserError(Run("bench", "--openflights", Path.Combine(_tmp.Path, "nope")), "--openflights", "folder not found");
    }

    [Test]
    public void EmptyAirportsFile_IsAnError_NotEveryCodeUnknown()
    {
        var empty = _tmp.Write("airports.csv", "");
        AssertUserError(Run("route", "AMS", "CUR", "--airports", empty), "--airports", "no header line");
        var headerOnly = _tmp.Write("header.csv", "icao,iata,name,country,lat,lon\n");
        AssertUserError(Run("route", "AMS", "CUR", "--airports", headerOnly), "no airports");
    }

    [TestCase("12.5 -70.02", "12.5,-70.02")]
    [TestCase("12.5;-70.02", "12.5,-70.02")]
    [TestCase(" 10\t20 ", "10,20")]
    public void TwoNumbersWithoutAComma_AreALocationMistake_NotAnUnknownCode(string text, string suggestion)
    {
        var line = AssertUserError(Run("route", text, "CUR"), "FROM:", "two numbers without a comma", $"e.g. {suggestion}");
        Assert.That(line, Does.Not.Contain("unknown airport code"));
    }

    [Test]
    public void GeodesicPrecision_UsesTheSharedNumberSyntax()
    {
        var line = AssertUserError(RunWithInput("", "geodesic", "-p", "abc"), "--precision", "'abc' is not a whole number");
        Assert.That(line, Does.Not.Contain("System.Int32"));
        AssertUserError(RunWithInput("", "geodesic", "-p", "11"), "--precision", "11 is outside [0, 10]");
        AssertUserError(RunWithInput("", "geodesic", "-p", "1,5"), "--precision", "'1,5'");
        var ok = RunWithInput("0 0 1 1\n", "geodesic", "-i", "-p", "0");
        Assert.That(ok.Exit, Is.EqualTo(0), ok.ToString());
    }

    [Test]
    public void ACommandOption_GivenToTheMainJob_SaysWhichCommandsTakeIt()
    {
        AssertUserError(Run("--closed", "SVZM"), "'--closed' is an option of route, batch, bench", "main job");
        AssertUserError(Run("--nope"), "unknown option '--nope'");
    }

    [Test]
    public void MessagesDoNotRepeatTheOptionName()
    {
        var r = Run("route", "AMS", "CUR", "--closed");
        Assert.That(r.Err, Does.Not.Contain("--closed: Required"), r.ToString());
    }

    [Test]
    public void ATrailingComma_IsNotCalledADecimalComma()
    {
        var line = AssertUserError(Run("route", "12.5,-70.02,", "CUR"), "3 parts", "some of them empty");
        Assert.That(line, Does.Not.Contain("decimals with a point"));
        AssertUserError(Run("route", "12,5,-70,02", "CUR"), "decimals with a point");
    }

    [Test]
    public void Help_ShowsWhatEachOptionTakes_AndItsRange()
    {
        var r = Run("route", "--help");
        Assert.That(r.Out, Does.Contain("--closed <ID[,ID...]>").And.Contain("--airspaces <FILE>").And.Contain("--buffer-nm <NM>")
            .And.Contain("0 to 600").And.Contain("merged over the bundled world list").And.Contain("[-540, 540]"), r.ToString());
        Assert.That(Run("bench", "--help").Out, Does.Contain("--min-routes <N>").And.Contain("1 to 10000000").And.Contain("--openflights <FOLDER>"));
    }

    [Test]
    public void BenchWithNoUsableRow_SaysWhyTheRowsWereSkipped()
    {
        var f = _tmp.Write("bad.csv", "from,to\nXXX,YYY\nAMS,AMS\n");
        AssertUserError(Run("bench", f), "no routes to time", "all 2 rows skipped", "line 2", "unknown airport code 'XXX'");
    }

    [Test]
    public void ATinyBuffer_IsNotShownAsZero()
    {
        var r = Run("route", "AMS", "CUR", "--buffer-nm", "1e-9");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("with a 1E-09 NM buffer").And.Not.Contain("with a 0 NM buffer"));
        Assert.That(Run("route", "AMS", "CUR", "--buffer-nm", "25").Out, Does.Contain("with a 25 NM buffer"));
    }
}
