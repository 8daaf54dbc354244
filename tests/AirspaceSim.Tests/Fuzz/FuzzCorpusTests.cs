using AirspaceSim.Fuzz;

namespace AirspaceSim.Tests.Fuzz;

/// <summary>
/// CI's share of the fuzzing: every fuzz target (tests/AirspaceSim.Fuzz/FuzzTargets.cs, the same code AFL++ drives
/// through fuzz/run.sh) replays its seed corpus, every regression input that a fuzzing run found, and a fixed set of
/// seeded mutations of the seeds. A target fails on an undocumented exception, a stack trace, a NaN or a bad exit
/// code; a documented refusal of bad input passes.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class FuzzCorpusTests
{
    private const int MutantsPerSeed = 150;

    // Tokens that parsers trip on: separators, quotes, line breaks, non-finite and boundary numbers, JSON structure.
    private static readonly string[] Tokens =
    [
        ",", "\"", "\n", "\r\n", " ", "\t", "NaN", "Infinity", "-0", "1e308", "1e-320", "180", "-180", "540", "90", "-90.0000001",
        "[", "]", "{", "}", ":", "null", "\"id\"", "\"coordinates\"", "\"type\":\"Polygon\"", "0,5", "1,000", "\u00a0", "\uFEFF", "@",
    ];

    private static IEnumerable<TestCaseData> Cases()
    {
        string root = Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Fuzz", "corpus");
        foreach (var target in FuzzTargets.All.Keys)
            yield return new TestCaseData(target, Path.Combine(root, FuzzTargets.CorpusOf(target))).SetName($"Fuzz corpus: {target}");
    }

    [TestCaseSource(nameof(Cases))]
    public void TargetSurvivesItsCorpusAndSeededMutations(string target, string dir)
    {
        var run = FuzzTargets.All[target];
        var seeds = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.That(seeds, Is.Not.Empty, $"no seed inputs in {dir}");
        var rng = new Random(20261201); // fixed: CI replays the same inputs every run
        int runs = 0;
        foreach (var file in seeds)
        {
            byte[] seed = File.ReadAllBytes(file);
            Check(run, seed, file);
            runs++;
            if (file.Contains($"{Path.DirectorySeparatorChar}regressions{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            for (int m = 0; m < MutantsPerSeed; m++, runs++)
                Check(run, Mutate(seed, rng), $"{file} mutant {m}");
        }
        TestContext.Out.WriteLine($"{target}: {runs} inputs");
    }

    private static void Check(Action<byte[]> run, byte[] input, string what)
    {
        try { run(input); }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}\ninput (UTF-8): {System.Text.Encoding.UTF8.GetString(input)}\n{e.StackTrace}");
        }
    }

    /// <summary>One to four edits of AFL's havoc kinds: flip a byte, delete a span, duplicate a span, insert a token.</summary>
    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var b = new List<byte>(seed);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = b.Count == 0 ? 0 : rng.Next(b.Count);
            switch (rng.Next(4))
            {
                case 0 when b.Count > 0: b[at] = (byte)rng.Next(256); break;
                case 1 when b.Count > 0: b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(8))); break;
                case 2 when b.Count > 0:
                    int len = Math.Min(b.Count - at, 1 + rng.Next(16));
                    b.InsertRange(rng.Next(b.Count + 1), b.GetRange(at, len));
                    break;
                default: b.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(Tokens[rng.Next(Tokens.Length)])); break;
            }
        }
        return b.ToArray();
    }
}
