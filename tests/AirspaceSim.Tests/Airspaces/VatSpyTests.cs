using System.Text.Json;
using AirspaceSim.Airspaces;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>Loads the real, messy VATSpy boundaries (1,102 features) and pins down exactly what the loader reports.</summary>
public class VatSpyTests
{
    private static AirspaceLoadResult? _cached;

    internal static AirspaceLoadResult Load()
    {
        var path = ReferenceData.Require("vatspy/Boundaries.geojson");
        if (_cached != null) return _cached;
        // Load time is tracked by BenchmarkDotNet, never asserted here: a wall-clock bound fails on a loaded CI machine.
        return _cached = AirspaceLoader.LoadGeoJson(path);
    }

    private static SortedSet<string> Ids(IEnumerable<AirspaceLoadIssue> issues) => new(issues.Select(i => i.FeatureId), StringComparer.Ordinal);

    /// <summary>The reference file loaded whole, or the bundled copy (lazy: ids indexed, issues as recorded).</summary>
    private static AirspaceLoadResult Load(string source) =>
        source == "bundled" ? new AirspaceLoadResult(AirspaceCatalog.World, AirspaceCatalog.World.Issues) : Load();

    [TestCase("reference")]
    [TestCase("bundled")]
    public void LoadsWithExactlyTheKnownProblems(string source)
    {
        var r = Load(source);

        // Left out because a ring crosses itself along great circles by more than a digitising glitch. LIPP-SD and the
        // four SBCW sectors (which share the border point -26.566667,-53.733333) have a near-collinear back-and-forth of
        // 40-120 m: the boundary runs to a point and returns almost along the same line, and the return leg crosses
        // the outgoing great-circle arc, while as planar lon/lat segments it stays on one side (NTS calls them valid).
        // RJTG-T35 is a true bow-tie of kilometres (edges 0 and 2 cross); UWWW-N's zig-zag crosses ~400 m from a vertex.
        string[] crossingOnSphere = ["LIPP-SD", "RJTG-T35", "SBCW-CS", "SBCW-CSE", "SBCW-S", "SBCW-SE", "UWWW-N"];
        // Ids used twice in the file (CZQM/CZQX look swapped, NZOH and ZBAA are duplicates, KZNY and SUEO have a
        // domestic and an oceanic feature): the later feature wins, the earlier is reported as left out.
        string[] duplicateIds = ["CZQM", "CZQX", "KZNY", "NZOH", "SUEO", "ZBAA"];
        var leftOut = r.Issues.Where(i => !i.Repaired).ToList();
        Assert.That(Ids(leftOut.Where(i => i.Reason.Contains("crosses itself"))), Is.EqualTo(crossingOnSphere));
        Assert.That(Ids(leftOut.Where(i => i.Reason.Contains("is used again"))), Is.EqualTo(duplicateIds));
        Assert.That(leftOut, Has.Count.EqualTo(crossingOnSphere.Length + duplicateIds.Length));

        // Repaired: the two unclosed rings; two rings with zero-area spikes A→B→A; eight rings crossing themselves in a
        // loop of a metre or less (a vertex written twice with different rounding, e.g. ENBD's 11.166666666666666 vs
        // 11.166667 on the parallel 62°N, where the great-circle arcs bulge north and cross).
        var repaired = r.Issues.Where(i => i.Repaired).ToList();
        Assert.That(Ids(repaired.Where(i => i.Reason.Contains("not closed"))), Is.EqualTo(new[] { "RJDG-W", "YTRT" }));
        Assert.That(Ids(repaired.Where(i => i.Reason.Contains("zero-area spike"))), Is.EqualTo(new[] { "VAAH", "VYYF" }));
        Assert.That(Ids(repaired.Where(i => i.Reason.Contains("crosses itself"))),
            Is.EqualTo(new[] { "DAAA-SW", "EDWW-FLG", "ENBD", "ENBD-C", "ENBD-S", "GMAC", "GMMM", "GMMM-NE" }));
        Assert.That(repaired.Where(i => !i.Reason.Contains("not closed") && !i.Reason.Contains("zero-area spike") &&
                                        !i.Reason.Contains("crosses itself") && !i.Reason.Contains("consecutively")), Is.Empty);

        Assert.That(r.Catalog.Count, Is.EqualTo(1102 - 6 - 7));
        foreach (var i in r.Issues) Assert.That(i.Message, Does.Contain("Boundaries.geojson: feature #"));
        Assert.That(r.Catalog["SVZM"].Region.Contains(new AirspaceSim.Geodesy.GeoPoint(10.6012, -66.9912)), Is.True);
        Assert.That(r.Catalog["RJDG-W"], Is.Not.Null);
        Assert.That(r.Catalog["ENBD"], Is.Not.Null);
    }

    /// <summary>
    /// The planar view (NTS IsValid on the raw lon/lat rings, closed) finds 16 invalid features. Compared with the sphere:
    /// ENBD, ENBD-C, ENBD-S, DAAA-SW, EDWW-FLG, GMAC, GMMM, GMMM-NE, RJTG-T35 and UWWW-N are invalid in both views
    /// (the first eight are the metre-sized loops the loader repairs); VAAH and VYYF are the zero-area spikes (the
    /// loader drops them before the check); LDZO, LDZO-N and LDZO-S are invalid only because parts of the MultiPolygon
    /// touch or overlap each other, which the loader does not check (parts are validated one by one; the planner merges
    /// parts); UWWW-E has a zig-zag whose middle vertex lies on the other side of a ~1° edge once the edge is a great
    /// circle, so it is valid on the sphere. Conversely LIPP-SD and SBCW-CS/-CSE/-S/-SE are invalid only on the sphere.
    /// </summary>
    [Test]
    public void PlanarValidityDiffersFromTheSphere()
    {
        var path = ReferenceData.Require("vatspy/Boundaries.geojson");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var f = NtsGeometryServices.Instance.CreateGeometryFactory();
        var planar = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var feat in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var polys = new List<Polygon>();
            foreach (var p in feat.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            {
                var rings = p.EnumerateArray().Select(ring =>
                {
                    var cs = ring.EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToList();
                    if (!cs[0].Equals2D(cs[^1])) cs.Add(cs[0].Copy());
                    return f.CreateLinearRing(cs.ToArray());
                }).ToList();
                polys.Add(f.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
            }
            if (!new IsValidOp(f.CreateMultiPolygon(polys.ToArray())).IsValid)
                planar.Add(feat.GetProperty("properties").GetProperty("id").GetString()!);
        }
        Assert.That(planar, Is.EqualTo(new[]
        {
            "DAAA-SW", "EDWW-FLG", "ENBD", "ENBD-C", "ENBD-S", "GMAC", "GMMM", "GMMM-NE", "LDZO", "LDZO-N", "LDZO-S",
            "RJTG-T35", "UWWW-E", "UWWW-N", "VAAH", "VYYF",
        }));

        var r = Load();
        var sphere = Ids(r.Issues.Where(i => i.Reason.Contains("crosses itself") || i.Reason.Contains("zero-area spike")));
        Assert.That(sphere.Except(planar), Is.EqualTo(new[] { "LIPP-SD", "SBCW-CS", "SBCW-CSE", "SBCW-S", "SBCW-SE" }));
        Assert.That(planar.Except(sphere), Is.EqualTo(new[] { "LDZO", "LDZO-N", "LDZO-S", "UWWW-E" }));
        Assert.That(r.Catalog.Contains("UWWW-E") && r.Catalog.Contains("LDZO"), Is.True);
    }

    [Test]
    public void StrictModeStopsAtTheFirstBadFeature()
    {
        var path = ReferenceData.Require("vatspy/Boundaries.geojson");
        var ex = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.LoadGeoJson(path, AirspaceLoadOptions.StrictDefault))!;
        Assert.That(ex.FileName, Is.EqualTo(path));
        Assert.That(ex.FeatureIndex, Is.GreaterThanOrEqualTo(0));
        Assert.That(ex.Message, Does.Contain($"feature #{ex.FeatureIndex} '{ex.FeatureId}'"));
    }
}
