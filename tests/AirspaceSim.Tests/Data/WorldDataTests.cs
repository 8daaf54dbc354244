using System.IO.Compression;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;

namespace AirspaceSim.Tests.Data;

/// <summary>
/// The committed world data (data/world/) is exactly what <see cref="WorldDataGenerator"/> writes from the reference
/// data. With the environment variable <c>AIRSPACESIM_REGENERATE=1</c> these tests rewrite the files instead (the
/// command is in data/README.md); rebuild afterwards so that the library embeds them.
/// </summary>
public class WorldDataTests
{
    private static bool Regenerate => Environment.GetEnvironmentVariable("AIRSPACESIM_REGENERATE") == "1";

    [Test]
    public void AirportExtractIsWhatTheGeneratorWrites()
    {
        var csv = WorldDataGenerator.AirportsCsv(ReferenceData.Require("ourairports/airports.json"),
            ReferenceData.Require("ourairports/countries.json"), ReferenceData.RepoData("airports.csv"));
        var path = Path.Combine(WorldDataGenerator.WorldDir, WorldDataGenerator.AirportsFile);
        if (Regenerate) File.WriteAllText(path, csv);
        Assert.That(File.ReadAllText(path), Is.EqualTo(csv), $"{path} is stale: regenerate it (data/README.md)");
        Assert.That(BundledData.AirportsCsv, Is.EqualTo(csv), "the library embeds the committed file (rebuild after regenerating)");
    }

    [Test]
    public void BundledBoundariesAreTheReferenceFileWithTheRecordedIssues()
    {
        var reference = File.ReadAllBytes(ReferenceData.Require("vatspy/Boundaries.geojson"));
        var compressed = Path.Combine(WorldDataGenerator.WorldDir, WorldDataGenerator.BoundariesFile);
        var issuesPath = Path.Combine(WorldDataGenerator.WorldDir, WorldDataGenerator.IssuesFile);
        var fresh = AirspaceLoader.LoadGeoJson(new MemoryStream(reference), AirspaceLoadOptions.Default with { FileName = WorldFirs.FileName });
        var tsv = WorldDataGenerator.IssuesTsv(fresh.Issues);
        if (Regenerate)
        {
            File.WriteAllBytes(compressed, WorldDataGenerator.Brotli(reference));
            File.WriteAllText(issuesPath, tsv);
        }
        using (var b = new BrotliStream(File.OpenRead(compressed), CompressionMode.Decompress))
        using (var ms = new MemoryStream())
        {
            b.CopyTo(ms);
            Assert.That(ms.ToArray(), Is.EqualTo(reference), $"{compressed} is not the reference file: regenerate it (data/README.md)");
        }
        Assert.That(File.ReadAllText(issuesPath), Is.EqualTo(tsv), $"{issuesPath} is stale: regenerate it (data/README.md)");
        Assert.That(BundledData.ReadBytes(BundledData.WorldBoundariesResource), Is.EqualTo(reference), "the library embeds the committed file");

        // The lazy catalog has the same ids and issues as the whole-file load, and every airspace built from its
        // feature's bytes is the one the whole-file load builds.
        var world = WorldFirs.Load();
        Assert.That(world.Ids, Is.EqualTo(fresh.Catalog.Ids));
        Assert.That(world.Issues.Select(i => i.Message), Is.EqualTo(fresh.Issues.Select(i => i.Message)));
        foreach (var a in fresh.Catalog)
        {
            var lazy = world[a.Id];
            Assert.That((lazy.Id, lazy.Name, lazy.Kind), Is.EqualTo((a.Id, a.Name, a.Kind)), a.Id);
            Assert.That(lazy.Geometry.EqualsExact(a.Geometry), Is.True, a.Id);
        }
    }

    [Test]
    public void TheFileFormatOfTheIndexIsChecked()
    {
        Assert.Throws<InvalidDataException>(() => WorldFirs.Index("[1,2]"u8));
        var index = WorldFirs.Index("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"coordinates":[[[1,2]]]},"properties":{"name":"x","id":" AB "}},{"properties":{}}]}"""u8);
        Assert.That(index.Select(f => (f.Index, f.Id)), Is.EqualTo(new[] { (0, (string?)"AB"), (1, null) }));
        Assert.That(index[0].Start, Is.EqualTo(40));
    }
}
