using System.IO.Compression;
using System.Text.Json;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Reports;

/// <summary>A country of the base map: its name and its polygons, each a list of rings (the first the shell) of lon/lat
/// points in degrees, as Natural Earth draws them (cut at the antimeridian).</summary>
/// <param name="Name">The country's name.</param>
/// <param name="Polygons">The polygons; each ring is closed implicitly (first point not repeated at the end).</param>
internal sealed record Country(string Name, IReadOnlyList<IReadOnlyList<GeoPoint[]>> Polygons);

/// <summary>
/// The Natural Earth 1:50m countries (public domain), bundled as the <c>world-atlas</c> 2.0.2 TopoJSON
/// (<c>data/natural-earth/</c>), decoded once on first use. Read-only after that.
/// </summary>
internal static class NaturalEarth
{
    /// <summary>The embedded resource.</summary>
    public const string Resource = "AirspaceSim.Reports.countries-50m.json.br";

    private static readonly Lazy<IReadOnlyList<Country>> CountriesLazy = new(() => Decode(Open()));

    /// <summary>Every country.</summary>
    public static IReadOnlyList<Country> Countries => CountriesLazy.Value;

    private static JsonDocument Open()
    {
        using var s = typeof(NaturalEarth).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing from {typeof(NaturalEarth).Assembly.GetName().Name}");
        using var b = new BrotliStream(s, CompressionMode.Decompress);
        return JsonDocument.Parse(b);
    }

    /// <summary>
    /// Decodes a TopoJSON topology's <c>countries</c> object: each arc's quantized positions are delta-encoded (running
    /// sums), then scaled and translated (TopoJSON specification, "transforms"); a ring lists arc indices, ~i meaning arc i
    /// reversed, and consecutive arcs share their joining point (dropped once).
    /// </summary>
    internal static IReadOnlyList<Country> Decode(JsonDocument doc)
    {
        using (doc)
        {
            var root = doc.RootElement;
            var tr = root.GetProperty("transform");
            double sx = tr.GetProperty("scale")[0].GetDouble(), sy = tr.GetProperty("scale")[1].GetDouble();
            double tx = tr.GetProperty("translate")[0].GetDouble(), ty = tr.GetProperty("translate")[1].GetDouble();
            var arcs = new List<GeoPoint[]>();
            foreach (var arc in root.GetProperty("arcs").EnumerateArray())
            {
                var pts = new GeoPoint[arc.GetArrayLength()];
                long x = 0, y = 0;
                int i = 0;
                foreach (var pos in arc.EnumerateArray())
                {
                    x += pos[0].GetInt64(); y += pos[1].GetInt64();
                    pts[i++] = new GeoPoint(Math.Clamp(y * sy + ty, -90, 90), x * sx + tx);
                }
                arcs.Add(pts);
            }
            var countries = new List<Country>();
            foreach (var g in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
            {
                string name = g.TryGetProperty("properties", out var pr) && pr.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                string type = g.GetProperty("type").GetString() ?? "";
                if (type is not ("Polygon" or "MultiPolygon")) continue;
                var polys = new List<IReadOnlyList<GeoPoint[]>>();
                var rings = g.GetProperty("arcs");
                if (type == "Polygon") polys.Add(Polygon(rings, arcs));
                else foreach (var p in rings.EnumerateArray()) polys.Add(Polygon(p, arcs));
                countries.Add(new Country(name, polys));
            }
            return countries;
        }
    }

    private static List<GeoPoint[]> Polygon(JsonElement rings, List<GeoPoint[]> arcs)
    {
        var list = new List<GeoPoint[]>();
        foreach (var ring in rings.EnumerateArray())
        {
            var pts = new List<GeoPoint>();
            foreach (var idx in ring.EnumerateArray())
            {
                int k = idx.GetInt32();
                var arc = arcs[k >= 0 ? k : ~k];
                for (int j = pts.Count == 0 ? 0 : 1; j < arc.Length; j++) pts.Add(arc[k >= 0 ? j : arc.Length - 1 - j]);
            }
            if (pts.Count > 1 && pts[0] == pts[^1]) pts.RemoveAt(pts.Count - 1);
            if (pts.Count >= 3) list.Add([.. pts]);
        }
        return list;
    }
}
