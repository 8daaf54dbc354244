using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>GeoPoint as ISpanParsable/ISpanFormattable (always invariant) and Airspace equality by id and content.</summary>
public class GeoPointInterfaceTests
{
    // A provider with a decimal comma (the tests run with invariant globalization, so no named culture is at hand).
    private static readonly NumberFormatInfo Comma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    private static T ParseGeneric<T>(string s) where T : ISpanParsable<T> => T.Parse(s.AsSpan(), Comma);

    [TestCase("12.5,-70.02", 12.5, -70.02)]
    [TestCase(" 10 , 291.04 ", 10, -68.96)]
    public void SpanParse_IsTheLatLonParser_WhateverTheCulture(string text, double lat, double lon)
    {
        Assert.That(ParseGeneric<GeoPoint>(text), Is.EqualTo(new GeoPoint(lat, lon)));
        Assert.That(GeoPoint.TryParse(text.AsSpan(), CultureInfo.InvariantCulture, out var p) && p == GeoPoint.Parse(text), Is.True);
    }

    [TestCase("12,5,-70,02")]
    [TestCase("95,0")]
    [TestCase("")]
    public void SpanParse_RejectsWithTheSameMessage(string text)
    {
        Assert.That(GeoPoint.TryParse(text.AsSpan(), null, out _), Is.False);
        var e = Assert.Throws<FormatException>(() => GeoPoint.Parse(text.AsSpan(), null))!;
        GeoPoint.TryParse(text, out _, out var error);
        Assert.That(e.Message, Is.EqualTo(error));
    }

    [Test]
    public void Format_IsInvariantAndRoundTrips()
    {
        var p = new GeoPoint(12.123456789, -70.5);
        Assert.That(p.ToString(null, Comma), Is.EqualTo("12.123457,-70.5"));
        Assert.That(string.Create(Comma, $"{p:F2}"), Is.EqualTo("12.12,-70.50"));
        Assert.That(GeoPoint.Parse(p.ToString("R", null)), Is.EqualTo(p));
        Span<char> small = stackalloc char[5];
        Assert.That(p.TryFormat(small, out _, "", null), Is.False);
        Span<char> big = stackalloc char[64];
        Assert.That(p.TryFormat(big, out int n, "", null) && big[..n].SequenceEqual(p.ToString()), Is.True);
    }

    [Test]
    public void Airspaces_AreEqualByIdAndGeometry()
    {
        const string wkt = "POLYGON ((-70 10, -68 10, -68 12, -70 12, -70 10))";
        var a = AirspaceLoader.LoadWkt(wkt, "Q1");
        Assert.That(AirspaceLoader.LoadWkt(wkt, "q1", "other name"), Is.EqualTo(a));
        Assert.That(AirspaceLoader.LoadWkt(wkt, "Q1").GetHashCode(), Is.EqualTo(a.GetHashCode()));
        Assert.That(AirspaceLoader.LoadWkt(wkt, "Q2"), Is.Not.EqualTo(a));
        Assert.That(AirspaceLoader.LoadWkt("POLYGON ((-70 10, -68 10, -68 12.5, -70 12, -70 10))", "Q1"), Is.Not.EqualTo(a));
        Assert.That(AirspaceCatalog.Bundled["SVZM"], Is.EqualTo(AirspaceLoader.LoadGeoJson(AirspaceSim.Data.BundledData.OpenAirspace("SVZM")).Catalog["SVZM"]));
    }

    [Test]
    public void Airspace_NeverHandsOutItsOwnGeometry()
    {
        // The loader's airspace and the public constructor's: changing what Geometry returned, or what was passed in,
        // changes neither the airspace's geometry, nor its equality, nor its answers.
        const string wkt = "POLYGON ((-70 10, -68 10, -68 12, -70 12, -70 10))";
        var loaded = AirspaceLoader.LoadWkt(wkt, "Q1");
        var input = loaded.Geometry;
        var built = new Airspace("Q1", "Q1", AirspaceKind.Other, input);
        foreach (var a in new[] { loaded, built })
        {
            var g = a.Geometry;
            Assert.That(a.Geometry, Is.Not.SameAs(g), "a new copy on each access");
            Assert.That(a.Geometry.EqualsExact(g), Is.True);
            ((NetTopologySuite.Geometries.Polygon)g).Shell.CoordinateSequence.SetX(0, 0); // in place, as a caller might
            g.GeometryChanged();
            ((NetTopologySuite.Geometries.Polygon)input).Shell.CoordinateSequence.SetY(1, 45);
            input.GeometryChanged();
            Assert.That(g.EqualsExact(a.Geometry) || input.EqualsExact(a.Geometry), Is.False, "the copies did change");
            Assert.That(a.Geometry.EqualsExact(AirspaceLoader.LoadWkt(wkt, "Q1").Geometry), Is.True, "the airspace's own geometry is unchanged");
            Assert.That(a, Is.EqualTo(AirspaceLoader.LoadWkt(wkt, "Q1")));
            Assert.That(a.CrossesAntimeridian, Is.False);
            Assert.That(a.Contains(new GeoPoint(11, -69)), Is.True);
            Assert.That(a.Contains(new GeoPoint(11, -30)), Is.False);
        }
    }
}
