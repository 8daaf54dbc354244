using System.Text.Json;
using AirspaceSim.Airspaces;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests;

/// <summary>Test fixtures: airspaces built from plain rings and from the bundled files (read independently of the loader).</summary>
internal static class TestAirspaces
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>An airspace from (lat, lon) pairs, any orientation, unclosed.</summary>
    public static Airspace FromLatLon(string id, params (double Lat, double Lon)[] ring)
    {
        var coords = ring.Select(p => new Coordinate(p.Lon, p.Lat)).Append(new Coordinate(ring[0].Lon, ring[0].Lat)).ToArray();
        return new Airspace(id, id, AirspaceKind.Other, Factory.CreatePolygon(coords));
    }

    /// <summary>The bundled data/airspaces/ID.geojson single polygon, parsed with System.Text.Json only.</summary>
    public static Airspace Bundled(string id)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReferenceData.RepoData($"airspaces/{id}.geojson")));
        var ring = doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0];
        var coords = ring.EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();
        return new Airspace(id, id, AirspaceKind.Fir, Factory.CreatePolygon(coords));
    }
}
