using AirspaceSim.Cli;
using AirspaceSim.Infrastructure;

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

    [TestCase("0 0 1\n", "line 1: expected 4 numbers (lat1 lon1 lat2 lon2), got 3")]
    [TestCase("0 0 1 1\n\n0 0 x 1\n", "line 3: lat2 'x' is not a number (expected a decimal number")]
    [TestCase("91 0 1 1\n", "line 1: lat1 91 is outside [-90, 90]")]
    [TestCase("0 0 -90.5 1\n", "line 1: lat2 -90.5 is outside [-90, 90]")]
    [TestCase("0 0 NaN 1\n", "line 1: lat2 'NaN' is not a finite number (expected a finite decimal number in [-90, 90])")]
    [TestCase("0 Infinity 1 1\n", "line 1: lon1 'Infinity' is not a finite number (expected a finite decimal number in [-540, 540])")]
    [TestCase("0 0 1 1e400\n", "line 1: lon2 '1e400' is not a finite number")]
    [TestCase("0 0 1 540.5\n", "line 1: lon2 540.5 is outside [-540, 540]")]
    [TestCase("0 0 1 1 1\n", "line 1: expected 4 numbers (lat1 lon1 lat2 lon2), got more than 4")]
    [TestCase("0,5 1 2\n", "line 1: mixes commas and blanks")] // a decimal comma, not 4 numbers
    [TestCase("1,000 2 3 4\n", "line 1: mixes commas and blanks")] // a group separator
    [TestCase("0,,1,2\n", "line 1: lon1 is empty")]
    [TestCase("0 0x10 1 2\n", "line 1: lon1 '0x10' is not a number")]
    public void BadLinesAreReportedAndExitCodeIs1(string stdin, string message)
    {
        var (code, _, err) = Run(stdin, "-i");
        Assert.That(code, Is.EqualTo(1));
        var lines = err.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.StartWith("airspacesim: error: " + message));
        Assert.That(lines, Has.Length.EqualTo(2)); // the line's error and the count
        Assert.That(lines[1], Does.Match(@"^airspacesim: error: 1 of \d+ input lines were bad"));
    }

    [Test]
    public void DirectFieldsAreNamed()
    {
        var (code, _, err) = Run("0 0 600 1\n0 0 1 -Infinity\n0 0 -540 1\n");
        Assert.That(code, Is.EqualTo(1));
        var lines = err.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.StartWith("airspacesim: error: line 1: azi1 600 is outside [-540, 540]"));
        Assert.That(lines[1], Does.StartWith("airspacesim: error: line 2: s12 '-Infinity' is not a finite number (expected a finite decimal number)"));
        Assert.That(lines[2], Is.EqualTo("airspacesim: error: 2 of 3 input lines were bad and gave no output line"));
    }

    [Test]
    public void GoesOnAfterABadLine()
    {
        // Like GeodSolve: every good line is answered, in order; each bad one is reported with its number.
        var (code, output, err) = Run("0 0 0 1\nbad\n0 0 0 2\n0 0 95 0\n\n0 0 0 3\n", "-i");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.EqualTo(
            "90.00000000 90.00000000 111319.491\n90.00000000 90.00000000 222638.982\n90.00000000 90.00000000 333958.472\n"));
        Assert.That(err, Does.Contain("line 2: expected 4 numbers (lat1 lon1 lat2 lon2), got 1: 'bad'"));
        Assert.That(err, Does.Contain("line 4: lat2 95 is outside [-90, 90]"));
        Assert.That(err, Does.EndWith("2 of 6 input lines were bad and gave no output line\n"));
    }

    [Test]
    public void LongitudesUpTo540AreNormalised()
    {
        // GeodSolve's range; 188.75 is -171.25 and -540 is 180, to the last digit.
        var (code, output, err) = Run("10 188.75 20 -540\n10 -171.25 20 180\n10,188.75,20,-540\n", "-i", "-p", "9");
        Assert.That(err, Is.Empty);
        Assert.That(code, Is.Zero);
        var lines = output.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[1], Is.EqualTo(lines[0]));
        Assert.That(lines[2], Is.EqualTo(lines[0]));
    }

    [Test]
    public void LongLinesAreSkippedWithoutBeingHeldAndCrLfIsAccepted()
    {
        string huge = string.Concat(Enumerable.Repeat("1 ", 100_000));
        var (code, output, err) = Run($"0 0 0 1\r\n{huge}\n0 0 0 2\r\n{huge}", "-i");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.EqualTo("90.00000000 90.00000000 111319.491\n90.00000000 90.00000000 222638.982\n"));
        Assert.That(err, Does.Contain($"line 2: longer than {GeodesicCommand.MaxLineChars} characters"));
        Assert.That(err, Does.Contain($"line 4: longer than {GeodesicCommand.MaxLineChars} characters"));
        Assert.That(err, Does.EndWith("2 of 4 input lines were bad and gave no output line\n"));
    }

    [Test]
    public void StreamsWithoutAllocatingPerLine()
    {
        // Bounded memory whatever the input size: 200,000 lines read from a reader that makes them on the fly and
        // written to a writer that keeps nothing allocate a few fixed buffers, not something per line.
        var input = new RepeatingReader("12.5 -70.25 -33.9 151.2\n", 200_000);
        var output = new CountingWriter();
        var io = new CliIO(input, output, TextWriter.Null);
        GeodesicCommand.Run(io, inverse: true, direct: false, precision: 9); // warm-up: code paths and statics
        input.Reset();
        output.Chars = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int code = GeodesicCommand.Run(io, inverse: true, direct: false, precision: 9);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(code, Is.Zero);
        string one = Run("12.5 -70.25 -33.9 151.2\n", "-i", "-p", "9").Out;
        Assert.That(output.Chars, Is.EqualTo(200_000L * one.Length));
        Assert.That(allocated, Is.LessThan(256 * 1024), "bytes allocated for 200,000 lines");
    }

    [Test]
    public void FixedTextEqualsTheGeneralFormatter()
    {
        var rng = new Random(20261201);
        Span<char> buf = stackalloc char[64];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < 300_000; i++)
        {
            double x = (i % 4) switch
            {
                0 => (rng.NextDouble() - 0.5) * 360,                         // azimuths, longitudes
                1 => rng.NextDouble() * 2e7,                                  // distances
                2 => Math.ScaleB(rng.Next(-1 << 20, 1 << 20), -rng.Next(0, 60)), // short binary fractions: exact ties
                _ => Math.CopySign(Math.Pow(10, rng.NextDouble() * 40 - 25), rng.NextDouble() - 0.5),
            };
            int d = rng.Next(0, FixedText.MaxDecimals + 1);
            int n = FixedText.Format(x, d, buf);
            string expected = x.ToString("F" + d, inv);
            if (buf[..n].ToString() != expected)
                Assert.Fail($"{x:R} F{d}: {buf[..n].ToString()} vs {expected}");
        }
        foreach (double x in new[] { 0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 1e-300, -1e-300, double.Epsilon, 179.99999999999997, 1e19, 1e20, -1e25 })
            for (int d = 0; d <= FixedText.MaxDecimals; d++)
                Assert.That(buf[..FixedText.Format(x, d, buf)].ToString(), Is.EqualTo(x.ToString("F" + d, inv)), $"{x:R} F{d}");
    }

    /// <summary>A reader giving the same line <c>count</c> times, without allocating.</summary>
    private sealed class RepeatingReader(string line, int count) : TextReader
    {
        private long _pos;
        public void Reset() => _pos = 0;
        public override int Read(char[] buffer, int index, int n) => Read(buffer.AsSpan(index, n));
        public override int Read(Span<char> buffer)
        {
            long total = (long)line.Length * count;
            int k = 0;
            while (k < buffer.Length && _pos < total)
            {
                int off = (int)(_pos % line.Length);
                int m = Math.Min(buffer.Length - k, line.Length - off);
                line.AsSpan(off, m).CopyTo(buffer[k..]);
                k += m; _pos += m;
            }
            return k;
        }
    }

    /// <summary>A writer that only counts what it is given.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public long Chars;
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        [System.Diagnostics.CodeAnalysis.AllowNull] public override string NewLine { get => "\n"; set { } }
        public override void Write(char value) => Chars++;
        public override void Write(ReadOnlySpan<char> buffer) => Chars += buffer.Length;
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
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("90.00000000 90.00000000 111319.491"));
    }
}
