using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Data;

/// <summary>The bundled world data as a user meets it: any FIR closed and any airport named with no file.</summary>
public class BundledWorldTests
{
    [Test]
    public void ClosingTrinidadNeedsNoFile()
    {
        var r = Run("route", "AMS", "POS", "--closed", "TTZP", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var j = r.Json();
        // Piarco (POS) lies inside the Piarco FIR: a flight there is cancelled.
        Assert.That(j.GetProperty("status").GetString(), Is.EqualTo("unreachable"), r.ToString());
        Assert.That(AirspaceCatalog.Bundled["TTZP"].Region.Contains(AirportDirectory.Bundled["TTPP"].Location), Is.True);
    }

    [Test]
    public void AnyCommercialCodeResolvesWithItsState()
    {
        var r = Run("route", "LHR", "NRT", "--closed", "UUWV", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Json().GetProperty("to").GetProperty("code").GetString(), Is.EqualTo("NRT"));
        Assert.That(AirportDirectory.Bundled["RJAA"].IsoCountry, Is.EqualTo("JP"));
    }

    [Test]
    public void AFeatureLeftOutOfTheWorldSaysWhy()
    {
        AssertUserError(Run("route", "AMS", "CUR", "--closed", "RJTG-T35"), "RJTG-T35", "left out when loading", "crosses itself");
        Assert.That(AirspaceCatalog.Bundled.Contains("RJTG-T35"), Is.False);
    }

    [Test]
    public void TheWorldIsIndexedNotBuilt()
    {
        // A fresh index knows every id, and a feature is parsed only when looked up; the two lookups share one instance.
        var world = WorldFirs.Load();
        Assert.That(world.Count, Is.EqualTo(1102 - 13));
        Assert.That(world.Contains("ttzp") && world.Contains("UUWV"), Is.True);
        var ttzp = world["TTZP"];
        Assert.That(world["ttzp"], Is.SameAs(ttzp));
        Assert.That(ttzp.Region.Contains(new GeoPoint(10.5954, -61.3372)), Is.True, "Piarco airport");
        // Merging with a file keeps the world lazy and lets the file win.
        var mine = AirspaceLoader.ParseGeoJson("""{"type":"Feature","properties":{"id":"TTZP"},"geometry":{"type":"Polygon","coordinates":[[[-70,10],[-68,10],[-68,12],[-70,10]]]}}""").Catalog;
        var merged = world.With(mine);
        Assert.That(merged["TTZP"].Geometry.NumPoints, Is.EqualTo(4));
        Assert.That(merged.Issues, Is.EqualTo(world.Issues));
        Assert.That(merged.Count, Is.EqualTo(world.Count));
    }
}
