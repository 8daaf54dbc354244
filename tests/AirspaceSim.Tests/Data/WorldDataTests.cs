using System.IO.Compression;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;
using System.Security.Cryptography;

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
        var indexPath = Path.Combine(WorldDataGenerator.WorldDir, WorldDataGenerator.IndexFile);
        var chunksPath = Path.Combine(WorldDataGenerator.WorldDir, WorldDataGenerator.ChunksFile);
        var fresh = AirspaceLoader.LoadGeoJson(new MemoryStream(reference), AirspaceLoadOptions.Default with { FileName = WorldFirs.FileName });
        var tsv = WorldDataGenerator.IssuesTsv(fresh.Issues);
        var ranges = WorldDataGenerator.ChunkRanges(reference);
        if (Regenerate)
        {
            File.WriteAllBytes(compressed, WorldDataGenerator.Brotli(reference));
            File.WriteAllText(issuesPath, tsv);
            var (chunkBytes, lengths) = WorldDataGenerator.Chunks(reference, ranges);
            File.WriteAllBytes(chunksPath, chunkBytes);
            File.WriteAllText(indexPath, WorldDataGenerator.IndexTsv(reference, fresh.Issues, new FileInfo(compressed).Length, ranges, lengths));
        }
        using (var b = new BrotliStream(File.OpenRead(compressed), CompressionMode.Decompress))
        using (var ms = new MemoryStream())
        {
            b.CopyTo(ms);
            Assert.That(ms.ToArray(), Is.EqualTo(reference), $"{compressed} is not the reference file: regenerate it (data/README.md)");
        }
        Assert.That(File.ReadAllText(issuesPath), Is.EqualTo(tsv), $"{issuesPath} is stale: regenerate it (data/README.md)");
        Assert.That(BundledData.ReadBytes(BundledData.WorldBoundariesResource), Is.EqualTo(reference), "the library embeds the committed file");

        // The index and the chunks: the index is what the generator writes for the reference file (only the compressed
        // lengths are taken from the committed chunks, so that another Brotli encoder's bytes do not fail the test),
        // and every committed chunk decompresses to exactly its range of the reference file.
        var chunks = File.ReadAllBytes(chunksPath);
        var indexText = File.ReadAllText(indexPath);
        var index = WorldFirs.ParseIndex(File.ReadAllBytes(indexPath), indexPath);
        Assert.That(index.Chunks.Select(c => (c.Start, c.Length)), Is.EqualTo(ranges), $"{indexPath} is stale: regenerate it (data/README.md)");
        Assert.That(indexText, Is.EqualTo(WorldDataGenerator.IndexTsv(reference, fresh.Issues, new FileInfo(compressed).Length, ranges, [.. index.Chunks.Select(c => c.CompressedLength)])),
            $"{indexPath} is stale: regenerate it (data/README.md)");
        Assert.That(index.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(reference))));
        Assert.That(index.Chunks[^1].CompressedStart + index.Chunks[^1].CompressedLength, Is.EqualTo(chunks.Length), chunksPath);
        foreach (var c in index.Chunks)
        {
            var bytes = new byte[c.Length];
            Assert.That(BrotliDecoder.TryDecompress(chunks.AsSpan(c.CompressedStart, c.CompressedLength), bytes, out int written) && written == c.Length, Is.True, $"chunk at {c.Start}");
            Assert.That(bytes.AsSpan().SequenceEqual(reference.AsSpan(c.Start, c.Length)), Is.True, $"chunk at {c.Start} is not the reference file's bytes: regenerate data/world");
        }
        Assert.That(BundledData.ReadBytes(EmbeddedResources.WorldBoundariesIndex), Is.EqualTo(File.ReadAllBytes(indexPath)), "the library embeds the committed index");
        Assert.That(BundledData.ReadBytes(EmbeddedResources.WorldBoundariesChunks), Is.EqualTo(chunks), "the library embeds the committed chunks");

        // Every feature the index names has the bytes a whole-file pass finds for it.
        var whole = WorldFirs.Index(reference).ToDictionary(f => f.Index);
        foreach (var f in index.Features)
            Assert.That((f.Id, f.Start, f.Length), Is.EqualTo((whole[f.Index].Id, whole[f.Index].Start, whole[f.Index].Length)), $"feature #{f.Index}");

        // The lazy catalog has the same ids and issues as the whole-file load, and every airspace built from its
        // chunk is the one the whole-file load builds.
        var world = WorldFirs.Load();
        Assert.That(world.Ids, Is.EqualTo(fresh.Catalog.Ids));
        Assert.That(world.Issues.Select(i => i.Message), Is.EqualTo(fresh.Issues.Select(i => i.Message)));
        Assert.That(world.Issues.Select(i => (i.FeatureIndex, i.FeatureId, i.Repaired, i.Problem, i.Coordinate, i.Reason)),
            Is.EqualTo(fresh.Issues.Select(i => (i.FeatureIndex, i.FeatureId, i.Repaired, i.Problem, i.Coordinate, i.Reason))));
        foreach (var a in fresh.Catalog)
        {
            var lazy = world[a.Id];
            Assert.That((lazy.Id, lazy.Name, lazy.Kind), Is.EqualTo((a.Id, a.Name, a.Kind)), a.Id);
            Assert.That(lazy.Geometry.EqualsExact(a.Geometry), Is.True, a.Id);
            Assert.That(lazy.Equals(a), Is.True, $"{a.Id}: the spherical region differs"); // id, geometry and region
        }
    }

    [TestCase("# vatspy-index 2\n", "line 1: the first line is not '# vatspy-index 1'")]
    [TestCase("# vatspy-index 1\nchunk\t0\t10\t5\n", "line 2: expected a 'source' line")]
    [TestCase("# vatspy-index 1\nsource\tab\t10\t5\nchunk\t0\t4\t3\nchunk\t5\t5\t3\n", "line 4: the chunks do not tile the file in order")]
    [TestCase("# vatspy-index 1\nsource\tab\t10\t5\nchunk\t0\t10\t3\nfeature\t0\tX\t0\t8\t3\n", "line 4: the feature does not lie in its chunk")]
    [TestCase("# vatspy-index 1\nsource\tab\t10\t5\nchunk\t0\t10\t3\nfeature\t1\tX\t0\t1\t3\nfeature\t1\tY\t0\t4\t3\n", "line 5: the feature indexes do not increase")]
    [TestCase("# vatspy-index 1\nsource\tab\t10\t5\nchunk\t0\t-10\t3\n", "line 3: '-10' is not a non-negative integer")]
    [TestCase("# vatspy-index 1\nsource\tab\t10\t5\nchunk\t0\t9\t3\n", "no 'source' line, no chunks, or the chunks do not cover the file's 10 bytes")]
    [TestCase("# vatspy-index 1\nsource\tab\t10\t5\nchunk\t0\t10\t3\nfeature\t0\t X\t0\t1\t3\n", "line 4: the id is empty or not trimmed")]
    public void ABrokenFeatureIndexSaysWhereAndWhy(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => WorldFirs.ParseIndex(System.Text.Encoding.UTF8.GetBytes(text), "index.tsv"));
        Assert.That(e!.Message, Does.StartWith("index.tsv: ").And.Contain(message));
    }

    [Test]
    public void AFeatureIndexWithCrlfLineEndsReadsTheSame()
    {
        const string text = "# vatspy-index 1\n# comment\nsource\tab\t10\t5\nchunk\t0\t6\t3\nchunk\t6\t4\t2\nfeature\t2\tXY\t1\t7\t3\n";
        var lf = WorldFirs.ParseIndex(System.Text.Encoding.UTF8.GetBytes(text), "lf");
        var crlf = WorldFirs.ParseIndex(System.Text.Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n")), "crlf");
        Assert.That(crlf.Features, Is.EqualTo(lf.Features));
        Assert.That(crlf.Chunks, Is.EqualTo(lf.Chunks));
        Assert.That(lf.Chunks[1], Is.EqualTo(new WorldFirs.Chunk(6, 4, 3, 2)), "a chunk is stored after the one before it");
        Assert.That(lf.Features[0], Is.EqualTo(new WorldFirs.IndexedFeature(2, "XY", 1, 7, 3)));
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
