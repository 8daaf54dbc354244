using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Routing;

namespace AirspaceSim.Cli;

/// <summary>Formats route results for people (tables); the JSON and GeoJSON forms are the library's <see cref="RouteJson"/>.</summary>
internal static class RouteOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A buffer for people: up to 3 decimals, but never "0" for a buffer that is not 0 (1e-320 printed "0 NM").</summary>
    public static string Nm(double bufferNm) =>
        bufferNm >= 0.0005 || bufferNm == 0 ? bufferNm.ToString("0.###", Inv) : bufferNm.ToString("R", Inv);

    /// <summary>The closed ids and their buffers for people: "SVZM, TTZP with a 10 NM buffer" when they share one,
    /// else each its own ("SVZM with a 25 NM buffer, TTZP without one").</summary>
    public static string Closed(DetourPlanner planner)
    {
        var closures = planner.Closures;
        double common = closures.Count > 0 ? planner.BufferNmOf(closures[0].Id) : planner.BufferNm;
        if (closures.All(c => planner.BufferNmOf(c.Id) == common))
            return $"{string.Join(", ", closures.Select(c => c.Id))}{(common > 0 ? $" with a {Nm(common)} NM buffer" : "")}";
        return string.Join(", ", closures.Select(c => planner.BufferNmOf(c.Id) is > 0 and var b ? $"{c.Id} with a {Nm(b)} NM buffer" : $"{c.Id} without one"));
    }

    /// <summary>The <c>buffersNm</c> object of the route JSON with <c>--closure-buffer-nm</c>: each closed id with the
    /// buffer kept from it.</summary>
    public static void WriteBuffers(System.Text.Json.Utf8JsonWriter w, DetourPlanner planner)
    {
        w.WriteStartObject("buffersNm");
        foreach (var c in planner.Closures) w.WriteNumber(c.Id, planner.BufferNmOf(c.Id));
        w.WriteEndObject();
    }

    /// <summary>A human-readable account of one route.</summary>
    public static void WriteTable(TextWriter o, RouteEnd from, RouteEnd to, RoutePlan p, DetourPlanner planner)
    {
        o.WriteLine($"Route      {from.Code} ({from.Point}) -> {to.Code} ({to.Point})");
        o.WriteLine($"Closed     {Closed(planner)}");
        o.WriteLine($"Status     {RouteJson.StatusName(p.Status)}{(p.Reason is null ? "" : ": " + p.Reason)}");
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
}
