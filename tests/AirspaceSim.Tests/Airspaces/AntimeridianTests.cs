using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests.Airspaces;

public class AntimeridianTests
{
    private static Airspace Load(string coords)
    {
        var r = AirspaceLoader.ParseGeoJson($$$"""{"type":"Feature","properties":{"id":"AM"},"geometry":{"type":"Polygon","coordinates":{{{coords}}}}}""");
        Assert.That(r.Issues, Is.Empty);
        return r.Catalog["AM"];
    }

    [Test]
    public void RingJumpingAcrossTheAntimeridianIsRightOnTheSphereAndUnwrapped()
    {
        var a = Load("[[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]]]");
        Assert.That(a.Region.Contains(new GeoPoint(0, 180)), Is.True);
        Assert.That(a.Region.Contains(new GeoPoint(5, -175)), Is.True);
        Assert.That(a.Region.Contains(new GeoPoint(-5, 175)), Is.True);
        Assert.That(a.Region.Contains(new GeoPoint(0, 0)), Is.False);
        Assert.That(a.Region.Contains(new GeoPoint(0, 160)), Is.False);
        Assert.That(a.Region.Polygons[0].Shell.AreaSr, Is.LessThan(0.5), "the small box, not the rest of the Earth");
        Assert.That(a.CrossesAntimeridian, Is.True);
        var env = a.Geometry.EnvelopeInternal;
        Assert.That((env.MinX, env.MaxX), Is.EqualTo((170.0, 190.0)), "stored with continuous longitudes");
        Assert.That(a.Geometry.IsValid, Is.True, "planar drawing of the unwrapped ring is sane");
    }

    [Test]
    public void ContinuousLongitudeInputIsAccepted()
    {
        var a = Load("[[[170,-10],[190,-10],[190,10],[170,10],[170,-10]]]");
        Assert.That(a.Region.Contains(new GeoPoint(0, -175)), Is.True);
        Assert.That(a.Geometry.EnvelopeInternal.MaxX, Is.EqualTo(190));
    }

    [Test]
    public void RingAroundAPoleIsKept()
    {
        var a = Load("[[[0,80],[90,80],[180,80],[-90,80],[0,80]]]");
        Assert.That(a.Region.Contains(new GeoPoint(89, 45)), Is.True);
        Assert.That(a.Region.Contains(new GeoPoint(70, 45)), Is.False);
    }

    [Test]
    public void SmallAirspaceAwayFromTheAntimeridianDoesNotCrossIt() =>
        Assert.That(Load("[[[-70,10],[-68,10],[-68,12],[-70,12],[-70,10]]]").CrossesAntimeridian, Is.False);

    [Test]
    public void VatSpyFeaturesCutAtTheAntimeridianStayOneAirspace()
    {
        var catalog = VatSpyTests.Load().Catalog;
        var uhmm = catalog["UHMM"];
        Assert.That(uhmm.Geometry, Is.InstanceOf<MultiPolygon>());
        Assert.That(uhmm.Region.Polygons, Has.Count.EqualTo(2));
        Assert.That(uhmm.CrossesAntimeridian, Is.True);
        Assert.That(uhmm.Region.Contains(new GeoPoint(64.73, 177.74)), Is.True, "Anadyr, west of 180");
        Assert.That(uhmm.Region.Contains(new GeoPoint(66.0, -172.0)), Is.True, "Chukotka east of 180");
        Assert.That(uhmm.Region.Contains(new GeoPoint(59.91, 150.72)), Is.True, "Magadan");
        Assert.That(uhmm.Region.Contains(new GeoPoint(64.8, -147.9)), Is.False, "Fairbanks");
        Assert.That(uhmm.Region.Contains(new GeoPoint(40.0, 170.0)), Is.False);

        var nfff = catalog["NFFF"];
        Assert.That(nfff.Region.Polygons, Has.Count.EqualTo(2));
        Assert.That(nfff.Region.Contains(new GeoPoint(-10.0, 175.0)), Is.True);
        Assert.That(nfff.Region.Contains(new GeoPoint(-10.0, -175.0)), Is.True);
        Assert.That(nfff.Region.Contains(new GeoPoint(-17.755, 177.443)), Is.False, "Nadi lies in the hole NFFJ fills");
        Assert.That(catalog["NFFJ"].Region.Contains(new GeoPoint(-17.755, 177.443)), Is.True);
        Assert.That(nfff.Region.Contains(new GeoPoint(-40.0, 175.0)), Is.False);
    }
}
