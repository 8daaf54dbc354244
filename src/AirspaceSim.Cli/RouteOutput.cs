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

    /// <summary>A human-readable account of one route.</summary>
    public static void WriteTable(TextWriter o, RouteEnd from, RouteEnd to, RoutePlan p, IReadOnlyList<Airspace> closures, double bufferNm)
    {
        o.WriteLine($"Route      {from.Code} ({from.Point}) -> {to.Code} ({to.Point})");
        o.WriteLine($"Closed     {string.Join(", ", closures.Select(c => c.Id))}{(bufferNm > 0 ? $" with a {Nm(bufferNm)} NM buffer" : "")}");
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
