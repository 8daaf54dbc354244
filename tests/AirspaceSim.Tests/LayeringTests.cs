using System.Text.RegularExpressions;

namespace AirspaceSim.Tests;

/// <summary>
/// The library's namespaces form layers and a lower layer never references a higher one (nor a sibling of its own
/// rank): Infrastructure, Geodesy → Spherical → Airspaces, Weather → IO, Data, Routing → Batch, Performance → Simulation.
/// Infrastructure (internal: the embedded-file reader, the CSV splitter) is under everything, so that Airspaces (the bundled
/// world FIRs) and Weather (the bundled climatology) read their files without Data; Data (airports, route lists, the
/// public face of the bundled resources) sits above Airspaces because it hands out the bundled catalogs; IO (GeoJSON
/// writing of regions and lines) needs only the sphere; Batch plans route lists (Data + Routing). Checked by scanning
/// every source file's <c>using</c> directives and qualified names outside comments.
/// </summary>
public class LayeringTests
{
    private static readonly Dictionary<string, int> Rank = new()
    {
        ["Infrastructure"] = -1, ["Geodesy"] = 0, ["Spherical"] = 1, ["Airspaces"] = 2, ["Weather"] = 2, ["IO"] = 3, ["Data"] = 3, ["Routing"] = 3,
        ["Batch"] = 4, ["Performance"] = 4, ["Simulation"] = 5,
    };

    // The references that still go the wrong way, each to be removed (then delete its line here); none today. A new
    // wrong-way reference fails the test; so does an entry here that no longer occurs.
    private static readonly HashSet<string> Known = [];

    [Test]
    public void LowerLayersNeverReferenceHigherOnes()
    {
        var src = Path.Combine(ReferenceData.RepoRoot, "src", "AirspaceSim");
        var names = string.Join("|", Rank.Keys);
        var reference = new Regex($@"(?<![\w.])(?:AirspaceSim\.)?({names})\.[A-Z]|^\s*using\s+(?:static\s+)?AirspaceSim\.({names})\b");
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            var ns = Regex.Match(text, @"^namespace\s+AirspaceSim\.(\w+)", RegexOptions.Multiline);
            Assert.That(ns.Success && Rank.ContainsKey(ns.Groups[1].Value), Is.True, $"{rel}: namespace not in the layer table");
            string own = ns.Groups[1].Value;
            foreach (var line in text.Split('\n'))
            {
                var code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue; // comments and XML docs
                int comment = code.IndexOf("//", StringComparison.Ordinal);
                if (comment >= 0) code = code[..comment];
                foreach (Match m in reference.Matches(code))
                {
                    string target = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                    if (target != own && Rank[target] >= Rank[own]) found.Add($"{rel} -> {target}");
                }
            }
        }
        Assert.That(found.Except(Known), Is.Empty, "references from a lower layer to a higher one (or a sibling)");
        Assert.That(Known.Except(found), Is.Empty, "fixed: remove these from the known list");
    }

    [Test]
    public void NoModuleInitializer()
    {
        // A module initializer is how a higher layer could hand a lower one its code at run time (Routing once set
        // Airspaces' boundary rule that way), a dependency the scan above cannot see; and it runs in every consumer
        // at load. The library has none.
        var initializers = typeof(AirspaceSim.Geodesy.GeoPoint).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(System.Runtime.CompilerServices.ModuleInitializerAttribute), false))
            .Select(m => $"{m.DeclaringType}.{m.Name}");
        Assert.That(initializers, Is.Empty);
    }
}
