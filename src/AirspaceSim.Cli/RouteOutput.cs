using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.IO;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Cli;

/// <summary>Formats route results: the JSON object of the route command (also each batch row), tables, GeoJSON.</summary>
internal static class RouteOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Readable JSON text: quotes and apostrophes in reasons stay as they are (output is not embedded in HTML).</summary>
    public static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder =
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>A named end of a route as given by the user: code (or normalised coordinates) and position.</summary>
    public readonly record struct End(string Code, GeoPoint Point);

    public static string Status(RouteStatus s) => s switch
    {
        RouteStatus.Direct => "direct",
        RouteStatus.Detour => "detour",
        _ => "unreachable",
    };

    /// <summary>Writes the route object of <c>route --format json</c>.</summary>
    public static void WriteJson(Utf8JsonWriter w, End from, End to, RoutePlan p, int? line = null, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        if (line is { } lineNumber) w.WriteNumber("line", lineNumber);
        WriteEnd(w, "from", from);
        WriteEnd(w, "to", to);
        w.WriteString("status", Status(p.Status));
        if (p.Reason is null) w.WriteNull("reason"); else w.WriteString("reason", p.Reason);
        w.WriteNull("reasonCode"); // planned: no error code (a batch error row has one; route and batch rows share fields)
        w.WriteNumber("directKm", Math.Round(p.DirectKm, 3));
        WriteNullable(w, "routeKm", p.RouteKm, 3);
        WriteNullable(w, "extraKm", p.ExtraKm, 3);
        WriteNullable(w, "extraPercent", p.ExtraPercent, 4);
        w.WriteStartArray("crossed");
        foreach (var id in p.Crossed) w.WriteStringValue(id);
        w.WriteEndArray();
        WriteWaypoints(w, p.Waypoints);
        w.WriteStartArray("legsKm");
        foreach (var l in p.LegKm) w.WriteNumberValue(Math.Round(l, 3));
        w.WriteEndArray();
        w.WriteBoolean("departsThroughBuffer", p.DepartsThroughBuffer);
        w.WriteBoolean("arrivesThroughBuffer", p.ArrivesThroughBuffer);
        w.WriteNumber("bufferExcessBoundKm", Math.Round(p.BufferExcessBoundKm, 6));
        extra?.Invoke(w); // e.g. the "performance" object of --type
        w.WriteEndObject();
    }

    /// <summary>The route object of a batch row that could not be computed.</summary>
    public static void WriteErrorJson(Utf8JsonWriter w, int line, string from, string to, string reason) => WriteErrorJson(w, line, from, to, reason, null);

    /// <summary>The route object of a batch row that could not be computed, with the error's code (<c>reasonCode</c>).</summary>
    public static void WriteErrorJson(Utf8JsonWriter w, int line, string from, string to, string reason, string? reasonCode)
    {
        w.WriteStartObject();
        w.WriteNumber("line", line);
        w.WriteStartObject("from"); w.WriteString("code", from); w.WriteEndObject();
        w.WriteStartObject("to"); w.WriteString("code", to); w.WriteEndObject();
        w.WriteString("status", "error");
        w.WriteString("reason", reason);
        if (reasonCode != null) w.WriteString("reasonCode", reasonCode); else w.WriteNull("reasonCode");
        w.WriteNull("directKm"); w.WriteNull("routeKm"); w.WriteNull("extraKm"); w.WriteNull("extraPercent");
        w.WriteStartArray("crossed"); w.WriteEndArray();
        w.WriteStartArray("waypoints"); w.WriteEndArray();
        // The same fields as a route row, so that consumers can read every result alike.
        w.WriteStartArray("legsKm"); w.WriteEndArray();
        w.WriteNull("departsThroughBuffer"); w.WriteNull("arrivesThroughBuffer"); w.WriteNull("bufferExcessBoundKm");
        w.WriteEndObject();
    }

    private static void WriteEnd(Utf8JsonWriter w, string name, End e)
    {
        w.WriteStartObject(name);
        w.WriteString("code", e.Code);
        w.WriteNumber("lat", e.Point.LatDeg);
        w.WriteNumber("lon", e.Point.LonDeg);
        w.WriteEndObject();
    }

    /// <summary>The <c>"waypoints"</c> array: <c>[lat, lon]</c> pairs rounded to 1e-6 degrees (0.11 m).</summary>
    internal static void WriteWaypoints(Utf8JsonWriter w, IReadOnlyList<GeoPoint> waypoints)
    {
        w.WriteStartArray("waypoints");
        foreach (var g in waypoints)
        {
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(g.LatDeg, 6));
            w.WriteNumberValue(Math.Round(g.LonDeg, 6));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>A number rounded to <paramref name="digits"/>, or null.</summary>
    internal static void WriteNullable(Utf8JsonWriter w, string name, double? v, int digits)
    {
        if (v is { } x) w.WriteNumber(name, Math.Round(x, digits)); else w.WriteNull(name);
    }

    /// <summary>A buffer for people: up to 3 decimals, but never "0" for a buffer that is not 0 (1e-320 printed "0 NM").</summary>
    public static string Nm(double bufferNm) =>
        bufferNm >= 0.0005 || bufferNm == 0 ? bufferNm.ToString("0.###", Inv) : bufferNm.ToString("R", Inv);

    /// <summary>A human-readable account of one route.</summary>
    public static void WriteTable(TextWriter o, End from, End to, RoutePlan p, IReadOnlyList<Airspace> closures, double bufferNm)
    {
        o.WriteLine($"Route      {from.Code} ({from.Point}) -> {to.Code} ({to.Point})");
        o.WriteLine($"Closed     {string.Join(", ", closures.Select(c => c.Id))}{(bufferNm > 0 ? $" with a {Nm(bufferNm)} NM buffer" : "")}");
        o.WriteLine($"Status     {Status(p.Status)}{(p.Reason is null ? "" : ": " + p.Reason)}");
        o.WriteLine(string.Create(Inv, $"Direct     {p.DirectKm,10:F1} km{(p.Crossed.Count > 0 ? "   crosses " + string.Join(", ", p.Crossed) : "")}"));
        if (p.RouteKm is { } r)
        {
            // No percentage of a zero-length route: origin and destination are the same point.
            o.WriteLine(p.ExtraPercent is { } percent
                ? string.Create(Inv, $"Route      {r,10:F1} km   extra {p.ExtraKm,8:F1} km ({percent:F2} %)")
                : string.Create(Inv, $"Route      {r,10:F1} km   origin and destination are the same point: no extra distance"));
            o.WriteLine("Waypoints");
            for (int i = 0; i < p.Waypoints.Count; i++)
            {
                var g = p.Waypoints[i];
                string leg = i == 0 ? "" : string.Create(Inv, $"   leg {p.LegKm[i - 1],9:F1} km");
                o.WriteLine(string.Create(Inv, $"  {i,2}  {g.LatDeg,10:F5} {g.LonDeg,11:F5}{leg}"));
            }
            if (p.DepartsThroughBuffer) o.WriteLine("Note       the departure crosses the buffer band (never the closure)");
            if (p.ArrivesThroughBuffer) o.WriteLine("Note       the arrival crosses the buffer band (never the closure)");
            if (p.BufferExcessBoundKm > 0)
                o.WriteLine(string.Create(Inv, $"Note       at most {p.BufferExcessBoundKm:F3} km longer than the exact buffered optimum (buffer corners approximated from outside)"));
        }
    }

    /// <summary>
    /// A FeatureCollection with the closed areas, the direct route and the flown route, densified along great circles and
    /// written as RFC 7946 asks (longitudes in [-180, 180], cut at the antimeridian) by <see cref="GeoJsonGeometry"/>.
    /// </summary>
    public static string GeoJson(End from, End to, RoutePlan p, IReadOnlyList<Airspace> closures)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = RouteOutput.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var a in closures)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                w.WriteString("role", "closed"); w.WriteString("id", a.Id); w.WriteString("name", a.Name);
                GeoJsonGeometry.WriteInteriorProperty(w, a.Region);
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                GeoJsonGeometry.WriteMultiPolygon(w, a.Region);
                w.WriteEndObject();
            }
            WriteLine(w, "direct", [from.Point, to.Point], p.DirectKm, from, to);
            if (p.Status == RouteStatus.Detour) WriteLine(w, "detour", p.Waypoints, p.RouteKm ?? 0, from, to);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteLine(Utf8JsonWriter w, string role, IReadOnlyList<GeoPoint> pts, double km, End from, End to)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("properties");
        w.WriteString("role", role); w.WriteString("from", from.Code); w.WriteString("to", to.Code);
        w.WriteNumber("km", Math.Round(km, 3));
        w.WriteEndObject();
        w.WritePropertyName("geometry");
        GeoJsonGeometry.WriteLine(w, pts);
        w.WriteEndObject();
    }
}
