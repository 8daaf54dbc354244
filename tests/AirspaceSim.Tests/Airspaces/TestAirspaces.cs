using System.Text.Json;
using AirspaceSim.Airspaces;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>Builds test airspaces without the (separately developed) loader: the bundled GeoJSON ring read directly.</summary>
internal static class TestAirspaces
{
    public static readonly GeometryFactory Factory = new();

    private static readonly Lazy<Airspace> SvzmLazy = new(() => Load("SVZM", AirspaceKind.Fir));

    /// <summary>The bundled Maiquetía FIR.</summary>
    public static Airspace Svzm => SvzmLazy.Value;

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
