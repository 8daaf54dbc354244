using System.Globalization;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>The main job (no arguments) and the help texts.</summary>
[TestFixture]
public class ReportAndHelpTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static List<(string From, string To)> CaribbeanRoutes() =>
        File.ReadAllLines(ReferenceData.RepoData("routes/caribbean.csv")).Skip(1)
            .Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split(',')).Select(f => (f[0].Trim(), f[1].Trim())).ToList();

    /// <summary>The report's row for each route, by "FROM-TO", as whitespace-separated fields.</summary>
    private static Dictionary<string, string[]> ReportRows(CliResult r) =>
        r.OutLines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(f[0], "^[A-Z]{3}-[A-Z]{3}$"))
            .ToDictionary(f => f[0], f => f);

    [Test]
    public void MainJob_IsTheDefaultWhatIf()
    {
        var main = Run();
        Assert.That(main.Exit, Is.EqualTo(0), main.ToString());
        Assert.That(main.Out, Is.EqualTo(Run("whatif").Out));
        Assert.That(main.OutLines[0], Does.StartWith("svzm-2025-11:"));
        Assert.That(main.OutLines[^1], Does.StartWith("total"));
    }

    [Test]
    public void MainJob_PrintsOneRowPerCaribbeanRoute()
    {
        var r = Run("report");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Empty);
        var routes = CaribbeanRoutes();
        var rows = ReportRows(r);
        Assert.That(rows.Keys, Is.EqualTo(routes.Select(x => $"{x.From}-{x.To}")), "one row per route, in file order");
        Assert.That(r.OutLines[0], Does.Contain($"{routes.Count} routes").And.Contain("SVZM"));

        var amsCur = rows["AMS-CUR"];
        Assert.That(amsCur, Does.Contain("yes").And.Contain("detour"));
        var lisCcs = rows["LIS-CCS"];
        Assert.That(lisCcs, Does.Contain("yes").And.Contain("unreachable").And.Contain("inside)"));
        var amsAua = rows["AMS-AUA"];
        Assert.That(amsAua, Does.Contain("no").And.Contain("direct"));
    }

    /// <summary>The report's closing hint names no repository file (an installed tool has none), and each command in it
    /// runs as typed: the batch one with the printf text (its escapes expanded, as the shell's printf does) on stdin.</summary>
    [Test]
    public void ReportHintWorksForAnInstalledTool()
    {
        var r = Run("report");
        string hint = r.OutLines[^1];
        Assert.That(hint, Does.StartWith("Try: ").And.Not.Contain("data/"));
        var parts = hint["Try: ".Length..].Split("   |   ");
        Assert.That(parts, Has.Length.EqualTo(2));
        var route = Run(parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.That(route.Exit, Is.EqualTo(0), route.ToString());
        var m = System.Text.RegularExpressions.Regex.Match(parts[1], @"^printf '([^']*)' \| airspacesim (.*)$");
        Assert.That(m.Success, Is.True, parts[1]);
        string stdin = m.Groups[1].Value.Replace("\\n", "\n", StringComparison.Ordinal);
        var batch = RunWithInput(stdin, m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.That(batch.Exit, Is.EqualTo(0), batch.ToString());
        Assert.That(batch.Out, Does.Contain("AMS").And.Contain("CUR").And.Contain("POS"));
    }

    [Test]
    public void MainJob_AgreesWithBatchAndItsSummaryLine()
    {
        var report = Run("report");
        var rows = ReportRows(report);
        var batch = Run("batch", ReferenceData.RepoData("routes/caribbean.csv"), "--format", "json").Json();
        int detours = 0, unreachable = 0, crossing = 0;
        foreach (var res in batch.GetProperty("results").EnumerateArray())
        {
            string key = $"{res.GetProperty("from").GetProperty("code").GetString()}-{res.GetProperty("to").GetProperty("code").GetString()}";
            var f = rows[key];
            string status = res.Status();
            Assert.That(f, Does.Contain(status), key);
            Assert.That(double.Parse(f[1], Inv), Is.EqualTo(res.Km("directKm")).Within(0.051), key);
            bool crosses = f[2] == "yes";
            Assert.That(f[2], Is.AnyOf("yes", "no"), key);
            Assert.That(crosses, Is.EqualTo(res.Crossed().Length > 0), $"{key}: crosses column vs. crossed");
            if (status == "detour")
            {
                detours++;
                Assert.That(f, Does.Contain(res.Km("routeKm").ToString("F1", Inv)), key);
            }
            if (status == "unreachable") unreachable++;
            if (crosses) crossing++;
        }
        var summary = report.OutLines.Single(l => l.Contains("direct routes cross SVZM"));
        Assert.That(summary, Does.StartWith($"{crossing} of {rows.Count} direct routes cross SVZM"));
        Assert.That(summary, Does.Contain($"{detours} fly a detour").And.Contain($"{unreachable} are cancelled"));
    }

    [TestCase("route")]
    [TestCase("batch")]
    public void SubcommandHelp_ExitsZero(string command)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var r = Run(command, flag);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            Assert.That(r.Err, Is.Empty, r.ToString());
            Assert.That(r.Out, Does.Contain("Usage:").And.Contain(command).And.Contain("--closed").And.Contain("--airspaces")
                .And.Contain("--buffer-nm").And.Contain("--format"), r.ToString());
        }
    }

    [Test]
    public void RootHelp_ListsTheCommands()
    {
        var r = Run("--help");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out, Does.Contain("route").And.Contain("batch").And.Contain("geodesic"));
        Assert.That(r.Out, Does.Contain("Usage:"));
    }

    [Test]
    public void Usage_NamesTheTool()
    {
        var r = Run("route", "--help");
        var usage = r.OutLines.SkipWhile(l => !l.StartsWith("Usage:")).Skip(1).First();
        Assert.That(usage.Trim(), Does.StartWith("airspacesim route <FROM> <TO>"), r.ToString());
    }

    [Test]
    public void Version_ExitsZero()
    {
        var r = Run("--version");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Out.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public void UnknownCommand_IsAParseError()
    {
        var r = Run("rout", "AMS", "CUR");
        Assert.That(r.Exit, Is.Not.EqualTo(0), r.ToString());
        Assert.That(r.Err, Is.Not.Empty);
    }
}
