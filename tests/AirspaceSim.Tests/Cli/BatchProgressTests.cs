using AirspaceSim.Cli;

namespace AirspaceSim.Tests.Cli;

/// <summary>batch over more than 10,000 rows: a progress bar on a terminal stderr only, stdout unchanged; Ctrl-C exits 130.</summary>
public class BatchProgressTests
{
    private static string _file = "";

    [OneTimeSetUp]
    public static void Write()
    {
        _file = Path.Combine(Path.GetTempPath(), $"airspacesim-batch-{Guid.NewGuid():N}.csv");
        // Two pairs repeated: the codes resolve once, the planner answers from its cache; 10,001 rows.
        File.WriteAllLines(_file, ["from,to", .. Enumerable.Range(0, BatchCommand.LargeRows + 1).Select(i => i % 2 == 0 ? "AMS,CUR" : "GRU,MIA")]);
    }

    [OneTimeTearDown]
    public static void Delete() => File.Delete(_file);

    private static CliResult Run(bool errTerminal, bool outTerminal, CancellationToken cancel = default)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CliApp.Run(["batch", _file], new CliIO(new StringReader(""), output, error) { ErrIsTerminal = errTerminal, OutIsTerminal = outTerminal, Cancellation = cancel });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    [Test]
    public void ProgressOnlyOnATerminalStderr_WithStdoutRedirected_AndStdoutTheSame()
    {
        // Both on the terminal: no bar over rows streamed to the same terminal (the same path as a redirected stderr).
        var plain = Run(true, true);
        Assert.That(plain.Exit, Is.EqualTo(0), plain.Err);
        Assert.That(plain.Err, Is.Empty);
        var bar = Run(true, false);
        Assert.That(bar.Out, Is.EqualTo(plain.Out));
        Assert.That(bar.Err, Does.Contain(" kB").And.Contain("79/79"), "kilobytes read of the file's 79 kB, to the end");
    }

    [Test]
    public void TheBarMeasuresBytesRead_NoSecondRead()
    {
        // The measure: every byte of the file passes through the counter once, so read to the end it is the length.
        using (var counted = new BatchCommand.CountingStream(File.OpenRead(_file)))
        using (var reader = new StreamReader(counted))
        {
            Assert.That(counted.SourceLength, Is.EqualTo(new FileInfo(_file).Length));
            Assert.That(counted.SourceLength, Is.GreaterThan(BatchCommand.LargeBytes), "the premise: a bar for this file");
            _ = reader.ReadToEnd();
            Assert.That(counted.BytesRead, Is.EqualTo(new FileInfo(_file).Length));
        }
        // A named pipe can be read once only: with the bar asked for, every row still comes out (the old row count read
        // the file a second time first). A pipe has no length, so it draws no bar.
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "mkfifo");
        string fifo = Path.Combine(Path.GetTempPath(), $"airspacesim-fifo-{Guid.NewGuid():N}");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo)) mk.WaitForExit();
        try
        {
            var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(_file)));
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            int exit = CliApp.Run(["batch", fifo], new CliIO(new StringReader(""), output, error) { ErrIsTerminal = true, OutIsTerminal = false });
            Assert.That(writer.Wait(TimeSpan.FromMinutes(2)), Is.True);
            Assert.That(exit, Is.EqualTo(0), error.ToString());
            Assert.That(output.ToString(), Is.EqualTo(Run(false, false).Out));
            Assert.That(error.ToString(), Does.Not.Contain(" kB"));
        }
        finally { File.Delete(fifo); }
    }

    [Test]
    public void Cancelled_Exit130_SaysHowFar()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = Run(false, false, cts.Token);
        Assert.That(r.Exit, Is.EqualTo(130));
        Assert.That(r.ErrLines[^1], Does.StartWith("airspacesim: cancelled after 0 rows"));
    }
}
