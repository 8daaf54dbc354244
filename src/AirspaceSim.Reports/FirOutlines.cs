using System.Globalization;
using System.Text.Json;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Reports;

/// <summary>A FIR drawn for orientation: its id, outline rings and VATSpy's label position.</summary>
/// <param name="Id">The id, e.g. <c>TTZP</c>.</param>
/// <param name="Rings">Outline rings (implicitly closed), lon/lat degrees; edges are great-circle arcs.</param>
/// <param name="LabelAt">Where VATSpy writes the label, if given.</param>
internal sealed record FirOutline(string Id, IReadOnlyList<GeoPoint[]> Rings, GeoPoint? LabelAt);

/// <summary>
/// The bundled VATSpy FIR boundaries (CC BY-SA 4.0) read as plain outlines, once: a map needs their lines, not
/// <see cref="Airspaces.AirspaceCatalog.World"/>'s validated spherical regions, which take seconds to build for all 1,089.
/// </summary>
internal static class FirOutlines
{
    private static readonly Lazy<IReadOnlyList<FirOutline>> AllLazy = new(Read);

    /// <summary>Every outline of the file (a feature whose geometry cannot be read is left out: it is only a backdrop).</summary>
    public static IReadOnlyList<FirOutline> All => AllLazy.Value;

    private static List<FirOutline> Read()
    {
        using var doc = JsonDocument.Parse(BundledData.ReadBytes(BundledData.WorldBoundariesResource));
        var list = new List<FirOutline>();
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            try
            {
                var props = f.GetProperty("properties");
                string id = props.GetProperty("id").GetString() ?? "";
                var g = f.GetProperty("geometry");
                var coords = g.GetProperty("coordinates");
                var rings = new List<GeoPoint[]>();
                if (g.GetProperty("type").GetString() == "Polygon") AddRings(coords, rings);
                else foreach (var poly in coords.EnumerateArray()) AddRings(poly, rings);
                GeoPoint? label = props.TryGetProperty("label_lon", out var lon) && props.TryGetProperty("label_lat", out var lat) &&
                    double.TryParse(lon.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) &&
                    double.TryParse(lat.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double y) && Math.Abs(y) <= 90 && Math.Abs(x) <= 540
                    ? new GeoPoint(y, x) : null;
                if (id.Length > 0 && rings.Count > 0) list.Add(new FirOutline(id, rings, label));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException) { }
        }
        return list;
    }

    private static void AddRings(JsonElement polygon, List<GeoPoint[]> rings)
    {
        foreach (var ring in polygon.EnumerateArray())
        {
            var pts = ring.EnumerateArray().Select(c => new GeoPoint(Math.Clamp(c[1].GetDouble(), -90, 90), c[0].GetDouble())).ToList();
            if (pts.Count > 1 && pts[0] == pts[^1]) pts.RemoveAt(pts.Count - 1);
            if (pts.Count >= 3) rings.Add([.. pts]);
        }
    }
}
