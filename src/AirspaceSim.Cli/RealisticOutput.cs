using System.Globalization;
using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Batch;

namespace AirspaceSim.Cli;

/// <summary>The <c>--realistic</c> part of <c>route</c>: the route under the realism layer at its defaults, and its output.</summary>
internal static class RealisticOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The realistic route and, with a type, its range under the layer (null without a type or when unreachable).</summary>
    public sealed record Result(RealisticRoute Route, TechStop? Stop);

    /// <summary>Plans (and with a type costs) the route with <see cref="RealismOptions.Default"/>; the closures keep
    /// the larger of --buffer-nm and the margin. With a type, the range is judged on the realistic route (the layer's
    /// efficiency factor and wind make it longer or slower than the geometric one, so a route that fits geometrically
    /// may not), and a technical stop is searched with the layer's planner and conditions, as the what-if simulator
    /// does with the layer on.</summary>
    public static Result Plan(PlanningContext ctx, GeoPoint from, GeoPoint to, (AircraftType Type, FlightConditions Conditions)? aircraft)
    {
        var options = RealismOptions.Default;
        double buffer = RealisticRoute.PlannerBufferNm(ctx.Closures, ctx.Planner.BufferNm, options);
        var planner = buffer == ctx.Planner.BufferNm ? ctx.Planner : DetourPlanner.Build(ctx.Closures, buffer);
        try
        {
            var route = RealisticRoute.Plan(planner, from, to, options, aircraft?.Type, aircraft?.Conditions ?? FlightConditions.Default, FlightCostModel.Default);
            TechStop? stop = aircraft is { } ac
                ? PerformanceCliOptions.FindStop(ctx, planner, (ac.Type, RealisticRoute.Conditions(ac.Conditions, options)), route.Flown, route.Cost)
                : null;
            return new Result(route, stop);
        }
        catch (ArgumentException e) { throw new CliException($"--realistic: {CliApp.OneLine(e)}"); }
    }

    /// <summary>The <c>realistic</c> object of the route JSON.</summary>
    public static void WriteJson(Utf8JsonWriter w, Result result, FlightConditions? conditions)
    {
        var r = result.Route;
        var o = r.Options;
        var p = r.Flown;
        w.WriteStartObject("realistic");
        w.WriteNumber("borderMarginNm", o.BorderMarginNm);
        w.WriteNumber("bufferNm", r.BufferNm);
        w.WriteNumber("routeEfficiencyFactor", o.RouteEfficiencyFactor);
        if (conditions is { } c && PerformanceJson.WindText(c) is { } wind) w.WriteString("wind", wind); else w.WriteNull("wind");
        bool fastest = !ReferenceEquals(r.Flown, r.Shortest);
        w.WriteString("chosenBy", fastest ? "time" : "distance");
        w.WriteString("status", RouteJson.StatusName(p.Status));
        if (p.Reason is null) w.WriteNull("reason"); else w.WriteString("reason", p.Reason);
        w.WriteNumber("directKm", Math.Round(p.DirectKm * o.RouteEfficiencyFactor, 3));
        RouteJson.WriteNullable(w, "routeKm", p.RouteKm * o.RouteEfficiencyFactor, 3);
        RouteJson.WriteNullable(w, "extraKm", r.ExtraKm, 3);
        RouteJson.WriteNullable(w, "extraMinutes", r.Cost?.ExtraMinutes, 2);
        RouteJson.WriteNullable(w, "extraFuelKg", r.Cost?.ExtraFuelKg, 1);
        RouteJson.WriteNullable(w, "extraCo2Kg", r.Cost?.ExtraCo2Kg, 1);
        RouteJson.WriteNullable(w, "extraCostUsd", r.Cost?.ExtraCostUsd, 2);
        RouteJson.WriteNullable(w, "shortestExtraKm", r.Shortest.ExtraKm * o.RouteEfficiencyFactor, 3);
        RouteJson.WriteNullable(w, "shortestExtraMinutes", r.ShortestCost?.ExtraMinutes, 2);
        RouteJson.WriteNullable(w, "minutesSavedByTime", r.MinutesSavedByTime, 2);
        PerformanceJson.WriteRange(w, result.Stop); // null without a type, as the extras are
        RouteJson.WriteWaypoints(w, p.Waypoints);
        var grid = Grid(r, conditions);
        if (grid is not null)
        {
            w.WriteStartArray("assumptions");
            foreach (var a in grid.Notes) w.WriteStringValue(a);
            w.WriteEndArray();
        }
        PerformanceJson.WriteWindGrid(w, grid);
        w.WriteEndObject();
    }

    /// <summary>The lines added to the route table.</summary>
    public static void WriteTable(TextWriter t, Result result, FlightConditions? conditions)
    {
        var r = result.Route;
        var o = r.Options;
        t.WriteLine();
        string wind = conditions is { } c && PerformanceJson.WindText(c) is { } ws ? $", wind {ws}" : "";
        t.WriteLine(string.Create(Inv, $"Realistic  margin {RouteOutput.Nm(o.BorderMarginNm)} NM (buffer kept {RouteOutput.Nm(r.BufferNm)} NM), route efficiency x{o.RouteEfficiencyFactor}{wind}"));
        t.WriteLine($"  status   {RouteJson.StatusName(r.Flown.Status)}{(r.Flown.Reason is null ? "" : ": " + r.Flown.Reason)}{(ReferenceEquals(r.Flown, r.Shortest) ? "" : " (fastest route in the wind)")}");
        if (r.ExtraKm is { } km) t.WriteLine(string.Create(Inv, $"  extra    {km,10:F1} km"));
        if (r.Cost is { } cost)
            t.WriteLine(string.Create(Inv, $"  extra    {cost.ExtraMinutes,10:F1} min {cost.ExtraFuelKg,10:F0} kg fuel {cost.ExtraCostUsd,10:F0} USD"));
        if (r.MinutesSavedByTime is { } saved && !ReferenceEquals(r.Flown, r.Shortest))
            t.WriteLine(string.Create(Inv, $"  fastest  saves {saved:F1} min over the shortest route in the same wind"));
        if (result.Stop is { } stop) t.WriteLine($"  range: {stop.StatusCode}: {stop.Reason}");
        foreach (var note in Grid(r, conditions)?.Notes ?? []) t.WriteLine($"  wind grid: {note}");
    }

    // The realistic route's wind grid (the layer's, else the flight's: RealisticRoute.Conditions) and how much of its
    // routes lie outside it; the level is the one the flight was costed at (null without a type: nothing is timed in the
    // wind).
    private static RouteWindGridCoverage? Grid(RealisticRoute r, FlightConditions? conditions)
    {
        if (r.Cost is null || conditions is null) return null;
        return RouteWindGridCoverage.Of(RealisticRoute.Conditions(conditions, r.Options).WindField, r.Flown, r.Cost.Flown.CruiseFl);
    }
}
