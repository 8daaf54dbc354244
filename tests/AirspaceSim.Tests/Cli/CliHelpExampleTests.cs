using AirspaceSim.Cli;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// The examples in every command's --help: each is shown, and each that needs no file of the user's runs on the
/// bundled data and succeeds (so that the help never advertises a command that fails).
/// </summary>
public class CliHelpExampleTests
{
    public static IEnumerable<TestCaseData> Runnable() =>
        CliApp.Examples.SelectMany(kv => kv.Value.Select((line, i) => (Name: $"{kv.Key}{i + 1}", Line: line.Split('#')[0].Trim())))
            // Lines that need a user's file or a shell (pipes, redirection) are left to their own tests.
            .Where(x => !x.Line.Contains('|') && !x.Line.Contains('<') && !x.Line.Contains("routes.csv") &&
                        !x.Line.Contains("part-") && !x.Line.Contains("../shared") && !x.Line.Contains("COMMAND") &&
                        !x.Line.StartsWith("airspacesim bench", StringComparison.Ordinal)) // a timing loop; BenchCommand's tests run it
            .Select(x => new TestCaseData(x.Line).SetName($"Example_{x.Name}"));

    [TestCaseSource(nameof(Runnable))]
    public void ExampleRuns(string line)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        string? file = null;
        int outAt = Array.IndexOf(args, "--out");
        if (outAt >= 0) args[outAt + 1] = file = Path.Combine(Path.GetTempPath(), $"airspacesim-example-{Guid.NewGuid():N}-{args[outAt + 1]}");
        try
        {
            var r = CliRunner.Run(args);
            Assert.That(r.Exit, Is.EqualTo(0), $"{line}\n{r}");
            Assert.That(file is null ? r.Out.Length : new FileInfo(file).Length, Is.GreaterThan(100), $"{line}: no output\n{r}");
        }
        finally
        {
            if (file != null) File.Delete(file);
        }
    }

    [TestCase("route")]
    [TestCase("batch")]
    [TestCase("whatif")]
    [TestCase("geodesic")]
    [TestCase("merge")]
    [TestCase("perf")]
    [TestCase("aircraft")]
    [TestCase("bench")]
    [TestCase("report")]
    public void HelpShowsTheExamples(string command)
    {
        var r = CliRunner.Run(command, "--help");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("Examples:"), r.ToString());
        foreach (var example in CliApp.Examples[command])
            Assert.That(r.Out, Does.Contain(example.Split('#')[0].Trim()), r.ToString());
    }

    [Test]
    public void RootHelpShowsItsExamples() => Assert.That(CliRunner.Run("--help").Out, Does.Contain("airspacesim route AMS CUR --closed SVZM,TNCF"));
}
