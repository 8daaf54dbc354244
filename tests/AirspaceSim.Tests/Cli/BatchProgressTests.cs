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
        Assert.That(bar.Err, Does.Contain("rows"));
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
