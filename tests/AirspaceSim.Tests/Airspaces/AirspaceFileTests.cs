using System.Text;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>Argument checks of the public entry points, and the lazily built <see cref="AirspaceFile"/>.</summary>
public class AirspaceFileTests
{
    private const string Square = "[[[-70,10],[-68,10],[-68,12],[-70,12],[-70,10]]]";
    private const string Bowtie = "[[[0,0],[10,10],[10,0],[0,10],[0,0]]]";

    private static string Feature(string id, string coords, string type = "Polygon") =>
        $$$"""{"type":"Feature","properties":{"id":"{{{id}}}"},"geometry":{"type":"{{{type}}}","coordinates":{{{coords}}}}}""";

    private static byte[] Collection(params string[] features) =>
        Encoding.UTF8.GetBytes($$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");

    [Test]
    public void EntryPointsThrowTheDocumentedExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => AirspaceLoader.LoadGeoJson((string)null!));
        Assert.Throws<ArgumentNullException>(() => AirspaceLoader.LoadGeoJson((Stream)null!));
        Assert.Throws<ArgumentNullException>(() => AirspaceLoader.ParseGeoJson(null!));
        Assert.Throws<ArgumentNullException>(() => AirspaceLoader.OpenGeoJson((string)null!));
        Assert.Throws<ArgumentException>(() => AirspaceLoader.LoadGeoJson(" "));
        var dir = Path.GetTempPath();
        var ex = Assert.Throws<IOException>(() => AirspaceLoader.LoadGeoJson(dir))!;
        Assert.That(ex, Is.Not.InstanceOf<FileNotFoundException>());
        Assert.That(ex.Message, Does.Contain(dir).And.Contain("is a directory"));
        var missing = Path.Combine(dir, $"airspacesim-{Guid.NewGuid():N}.geojson");
        var nf = Assert.Throws<FileNotFoundException>(() => AirspaceLoader.LoadGeoJson(missing))!;
        Assert.That((nf.FileName, nf.Message), Is.EqualTo((missing, $"{missing}: file not found")));
        using (var writeOnly = new MemoryStream([], writable: false))
        {
            writeOnly.Dispose(); // a closed stream cannot be read
            Assert.Throws<ArgumentException>(() => AirspaceLoader.LoadGeoJson(writeOnly));
        }
        Assert.Throws<ArgumentException>(() => AirspaceLoader.ParseGeoJson("{}", new AirspaceLoadOptions { IdProperty = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AirspaceLoader.ParseGeoJson("{}", new AirspaceLoadOptions { SelfIntersectionRepairToleranceDeg = double.NaN }));
        Assert.Throws<ArgumentNullException>(() => AirspaceLoader.LoadWkt(null!, "X"));
        Assert.Throws<ArgumentException>(() => AirspaceLoader.ParsePolygonStrict("10,-70; 10,-68; 12,-68", " "));
        var file = AirspaceLoader.OpenGeoJson(Collection(Feature("A", Square)));
        Assert.Throws<ArgumentNullException>(() => file.Build(null!));
        var unknown = Assert.Throws<KeyNotFoundException>(() => file.Build("NOPE"))!;
        Assert.That(unknown.Message, Does.Contain("'NOPE'"));
    }

    [Test]
    public void AByteOrderMarkIsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Collection(Feature("A", Square))).ToArray();
        using var s = new MemoryStream(bytes);
        Assert.That(AirspaceLoader.LoadGeoJson(s).Catalog.Ids, Is.EqualTo(new[] { "A" }));
    }

    [Test]
    public void OpeningIndexesHeadersAndGeometryIsCheckedOnFirstUse()
    {
        var file = AirspaceLoader.OpenGeoJson(Collection(Feature("A", Square), Feature("BOW", Bowtie), Feature("LINE", "[[0,0],[1,1]]", "LineString")),
            new AirspaceLoadOptions { FileName = "lazy.geojson" });
        Assert.That((file.FeatureCount, file.Ids), Is.EqualTo((3, new[] { "A", "BOW" })));
        // The unsupported geometry type is found while indexing; the bow tie only when it is built.
        Assert.That(file.IndexIssues.Single().Message, Does.StartWith("lazy.geojson: feature #2 'LINE'").And.Contain("LineString is not supported"));
        Assert.That(file.TryGet("bow", out _), Is.False);
        var bow = file.Build("BOW");
        Assert.That(bow.Airspace, Is.Null);
        Assert.That(bow.Issues.Single().Reason, Does.Contain("crosses itself"));
        Assert.That(file.TryGet("a", out var a) && a.Region.Contains(new GeoPoint(11, -69)), Is.True);
        Assert.That(file.Build("A").Airspace, Is.SameAs(a), "built once");
    }

    [Test]
    public void LoadAllGivesTheEagerResult()
    {
        var bytes = Collection(Feature("A", Square), Feature("BOW", Bowtie), Feature("A", "[[[0,0],[1,0],[1,1],[0,1]]]"), Feature("LINE", "[[0,0],[1,1]]", "LineString"));
        var file = AirspaceLoader.OpenGeoJson(bytes);
        _ = file.Build("BOW"); // building some first changes nothing
        var lazy = file.LoadAll();
        var eager = AirspaceLoader.ParseGeoJson(Encoding.UTF8.GetString(bytes));
        Assert.That(lazy.Issues.Select(i => i.Message), Is.EqualTo(eager.Issues.Select(i => i.Message)));
        Assert.That(lazy.Catalog.Ids, Is.EqualTo(eager.Catalog.Ids));
        Assert.That(lazy.Issues.Select(i => i.FeatureIndex), Is.Ordered, "file order");
        Assert.That(lazy.Issues.Select(i => (i.FeatureId, i.Kind)), Is.EqualTo(new[]
        {
            ("A", AirspaceIssueKind.LeftOut), ("BOW", AirspaceIssueKind.LeftOut), ("A", AirspaceIssueKind.Repaired), ("LINE", AirspaceIssueKind.LeftOut),
        }));
        Assert.That(lazy.Catalog["A"].Region.Contains(new GeoPoint(0.5, 0.5)), Is.True, "the later feature wins");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => AirspaceLoader.OpenGeoJson(bytes).LoadAll(cancelled.Token));
    }

    [Test]
    public void ConcurrentFirstUseBuildsOnce()
    {
        var file = AirspaceLoader.OpenGeoJson(Collection(Feature("A", Square)));
        var seen = new Airspace?[16];
        Parallel.For(0, seen.Length, i => file.TryGet("A", out seen[i]));
        Assert.That(seen.Distinct().Count(), Is.EqualTo(1));
        Assert.That(seen[0], Is.Not.Null);
    }

    [Test]
    public void VatSpyOpenedLazilyBuildsWhatIsAskedAndLoadAllMatchesTheEagerLoad()
    {
        var path = ReferenceData.Require("vatspy/Boundaries.geojson");
        var file = AirspaceLoader.OpenGeoJson(path);
        Assert.That(file.FeatureCount, Is.EqualTo(1102));
        // Only the duplicate ids are known before building.
        Assert.That(file.IndexIssues.Select(i => i.FeatureId).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "CZQM", "CZQX", "KZNY", "NZOH", "SUEO", "ZBAA" }));
        Assert.That(file.TryGet("TTZP", out var ttzp) && ttzp.Region.Contains(new GeoPoint(10.5954, -61.3372)), Is.True, "Port of Spain");
        var all = file.LoadAll();
        var eager = VatSpyTests.Load();
        Assert.That(all.Issues.Select(i => i.Message), Is.EquivalentTo(eager.Issues.Select(i => i.Message)));
        Assert.That(all.Catalog.Ids, Is.EqualTo(eager.Catalog.Ids));
    }
}
