using AirspaceSim.Cli;

namespace AirspaceSim.Tests.Cli;

public class GeodesicCommandTests
{
    private static (int Code, string Out, string Err) Run(string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = CliApp.Run(["geodesic", .. args], new CliIO(new StringReader(stdin), output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void InverseMatchesGeodSolveFormat()
    {
        // Expected lines from GeographicLib 2.1.2: printf '...' | GeodSolve -i
        var (code, output, err) = Run("40.6 -73.8 49.01 2.55\n\n  0 0   0 180  \n-30,170,35,-150\n", "-i");
        Assert.That(err, Is.Empty);
        Assert.That(code, Is.Zero);
        Assert.That(output, Is.EqualTo(
            "53.47801391 111.59841024 5853499.136\n" +
            "0.00000000 180.00000000 20003931.459\n" +
            "33.15889435 35.31756481 8328475.966\n"));
    }

    [Test]
    public void InversePrecision()
    {
        var (code, output, _) = Run("40.6 -73.8 49.01 2.55\n", "--inverse", "-p", "9");
        Assert.That(code, Is.Zero);
        // The exact answer (GeodSolve -E, 12 decimals) is 5853499.1356389336 m: printed to 9 decimals that is ...934,
        // which this gives; GeographicLib's double-precision GeodSolve prints ...935 (both within a nanometre).
        Assert.That(output, Is.EqualTo("53.47801390896323 111.59841024068160 5853499.135638934\n"));
    }

    [Test]
    public void DirectIsTheDefault()
    {
        // GeodSolve: "52.65522134 -8.38516412 101.79759298" and "0.00000000 0.00898315 90.00000000".
        var (code, output, _) = Run("40.6 -73.8 51.5 5000000\n0 0 90 1000\n");
        Assert.That(code, Is.Zero);
        Assert.That(output, Is.EqualTo("52.65522134 -8.38516412 101.79759298\n0.00000000 0.00898315 90.00000000\n"));
        var (code2, output2, _) = Run("40.6 -73.8 51.5 5000000\n", "--direct", "--precision", "0");
        Assert.That(code2, Is.Zero);
        Assert.That(output2, Is.EqualTo("52.65522 -8.38516 101.79759\n"));
    }

    [TestCase("0 0 1\n", "line 1: expected 4 numbers")]
    [TestCase("0 0 1 1\n\n0 0 x 1\n", "line 3: 'x' is not a finite number")]
    [TestCase("91 0 1 1\n", "line 1: lat1 91 is outside [-90, 90]")]
    [TestCase("0 0 -90.5 1\n", "line 1: lat2 -90.5 is outside [-90, 90]")]
    [TestCase("0 0 NaN 1\n", "line 1: 'NaN' is not a finite number")]
    public void MalformedLinesFailWithExitCode2(string stdin, string message)
    {
        var (code, _, err) = Run(stdin, "-i");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("airspacesim: error: " + message));
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void ConflictingModesAreRejected()
    {
        var (code, _, err) = Run("", "-i", "-d");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("exclude each other"));
    }

    [Test]
    public void OutputBeforeABadLineIsKept()
    {
        var (code, output, _) = Run("0 0 0 1\nbad\n", "-i");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.StartWith("90.00000000 90.00000000 111319.491"));
    }
}
