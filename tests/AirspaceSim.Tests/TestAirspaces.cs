using System.Text.Json;
using AirspaceSim.Airspaces;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests;

/// <summary>
/// Test fixtures: airspaces built from plain rings and from the bundled files, read with System.Text.Json only so that
/// geometry and planner tests do not depend on the loader under test elsewhere.
/// </summary>
internal static class TestAirspaces
{
    public static readonly GeometryFactory Factory = new();

    private static readonly Lazy<Airspace> SvzmLazy = new(() => Bundled("SVZM"));

    /// <summary>The bundled Maiquetía FIR.</summary>
    public static Airspace Svzm => SvzmLazy.Value;

    /// <summary>An airspace from (lat, lon) pairs, any orientation, unclosed.</summary>
    public static Airspace FromLatLon(string id, params (double Lat, double Lon)[] ring) =>
        new(id, id, AirspaceKind.Other, Poly(ring));

    /// <summary>The first feature's outer ring of data/airspaces/{id}.geojson as a lon/lat polygon.</summary>
    public static Airspace Bundled(string id) => Load(id, AirspaceKind.Fir);

    /// <summary>Reads the first feature's outer ring of data/airspaces/{id}.geojson as a lon/lat polygon.</summary>
    public static Airspace Load(string id, AirspaceKind kind)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.RepoData($"airspaces/{id}.geojson")));
        var feature = doc.RootElement.GetProperty("features")[0];
        string name = feature.GetProperty("properties").GetProperty("name").GetString() ?? id;
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0];
        var coords = new List<Coordinate>();
        foreach (var c in ring.EnumerateArray()) coords.Add(new Coordinate(c[0].GetDouble(), c[1].GetDouble()));
        if (!coords[0].Equals2D(coords[^1])) coords.Add(coords[0].Copy());
        return new Airspace(id, name, kind, Factory.CreatePolygon(coords.ToArray()));
    }

    /// <summary>A lon/lat polygon from (lat, lon) pairs (closed automatically).</summary>
    public static Polygon Poly(params (double Lat, double Lon)[] pts) => Factory.CreatePolygon(Ring(pts));

    /// <summary>A lon/lat ring from (lat, lon) pairs.</summary>
    public static LinearRing Ring(params (double Lat, double Lon)[] pts)
    {
        var coords = pts.Select(p => new Coordinate(p.Lon, p.Lat)).ToList();
        coords.Add(coords[0].Copy());
        return Factory.CreateLinearRing(coords.ToArray());
    }
}
