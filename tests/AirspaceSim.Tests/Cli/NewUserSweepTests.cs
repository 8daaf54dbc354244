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
}
