using System.Text.Json;
using AirspaceSim.Routing;

namespace AirspaceSim.Performance;

/// <summary>
/// The JSON of a flight's figures: the <c>"performance"</c> and <c>"range"</c> objects that <c>airspacesim route
/// --format json</c> and <c>batch --format json</c> add to a route object, here so that a library user writes the same
/// bytes (e.g. through <see cref="Batch.RouteJsonOptions.WriteExtraProperties"/>).
/// </summary>
/// <remarks>
/// Each method writes one whole property (name and value) into an object the caller holds open. Minutes are rounded to
/// 0.01, fuel and CO₂ to 0.1 kg, costs to 0.01 US$, masses to 1 kg, distances to 1e-3 km; a figure with no finite value
/// (fuel far beyond the type's range) is null, never NaN. Stateless and thread-safe.
/// </remarks>
public static class PerformanceJson
{
    /// <summary>
    /// Writes <c>"performance": {"type", "model", "wind", "isaDeviationK", "cruiseFl", "direct", "flown",
    /// "extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd", "range", "assumptions"}</c>, followed by
    /// <c>"windGrid"</c> inside it when the conditions have a wind grid (the part of the routes outside it).
    /// </summary>
    /// <param name="writer">The writer, inside an open object.</param>
    /// <param name="type">The aircraft type flown.</param>
    /// <param name="conditions">The conditions the flight was costed under.</param>
    /// <param name="cost">The direct and the flown flight; null when nothing is flown (an unreachable route): the
    /// flights and extras are null.</param>
    /// <param name="range">Whether the flown route fits the range, else the technical stop (<see cref="WriteRange"/>);
    /// null for none.</param>
    /// <param name="plan">The planned route, for the wind grid's coverage; null for none.</param>
    /// <exception cref="ArgumentNullException">A null writer, type or conditions.</exception>
    public static void WritePerformance(Utf8JsonWriter writer, AircraftType type, FlightConditions conditions, DetourCost? cost, TechStop? range, RoutePlan? plan)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(conditions);
        var w = writer;
        var c = conditions;
        var d = cost;
        var grid = RouteWindGridCoverage.Of(c.WindField, plan, c.CruiseFl ?? type.CruiseFl);
        w.WriteStartObject("performance");
        w.WriteString("type", type.Icao);
        w.WriteString("model", type.ModelName);
        if (WindText(c) is { } wind) w.WriteString("wind", wind); else w.WriteNull("wind");
        w.WriteNumber("isaDeviationK", c.IsaDeviationK);
        w.WriteNumber("cruiseFl", c.CruiseFl ?? type.CruiseFl);
        if (d is null) w.WriteNull("direct"); else WriteFlight(w, "direct", d.Direct);
        if (d is null) w.WriteNull("flown"); else WriteFlight(w, "flown", d.Flown);
        if (d is null)
        {
            foreach (var n in (string[])["extraMinutes", "extraFuelKg", "extraCo2Kg", "extraCostUsd"]) w.WriteNull(n);
        }
        else
        {
            w.WriteNumber("extraMinutes", Math.Round(d.ExtraMinutes, 2));
            Number(w, "extraFuelKg", d.ExtraFuelKg, 1);
            Number(w, "extraCo2Kg", d.ExtraCo2Kg, 1);
            Number(w, "extraCostUsd", d.ExtraCostUsd, 2);
        }
        WriteRange(w, range);
        w.WriteStartArray("assumptions");
        foreach (var a in d?.Direct.Assumptions ?? []) w.WriteStringValue(a);
        foreach (var a in grid?.Notes ?? []) w.WriteStringValue(a);
        w.WriteEndArray();
        WriteWindGrid(w, grid);
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>"range": {"status", "techStop", "leg1Km", "leg2Km", "totalKm", "reason"}</c>: the status code
    /// (<see cref="TechStop.StatusCode"/>), the stop's code (<c>none</c> when no airport works, null when none is
    /// needed), the legs and their total (null without a stop) and the reason; <c>"range": null</c> for a null
    /// <paramref name="range"/> (nothing flown, or no search).
    /// </summary>
    /// <exception cref="ArgumentNullException">A null writer.</exception>
    public static void WriteRange(Utf8JsonWriter writer, TechStop? range)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var w = writer;
        if (range is null) { w.WriteNull("range"); return; }
        w.WriteStartObject("range");
        w.WriteString("status", range.StatusCode);
        if (range.Needed) w.WriteString("techStop", range.Stop?.Code ?? "none"); else w.WriteNull("techStop");
        if (range.FirstLeg is { } l1) w.WriteNumber("leg1Km", Math.Round(l1.DistanceKm, 3)); else w.WriteNull("leg1Km");
        if (range.SecondLeg is { } l2) w.WriteNumber("leg2Km", Math.Round(l2.DistanceKm, 3)); else w.WriteNull("leg2Km");
        if (range.TotalKm is { } t) w.WriteNumber("totalKm", Math.Round(t, 3)); else w.WriteNull("totalKm");
        w.WriteString("reason", range.Reason);
        w.WriteEndObject();
    }

    /// <summary>The wind as reported: the grid's description, DIR/SPEED, or null for still air.</summary>
    internal static string? WindText(FlightConditions c) => c.WindField?.Description ?? c.Wind?.ToString();

    /// <summary>The <c>windGrid</c> object (only with a wind grid): the part of the flown and direct routes outside the
    /// grid and what the field used there (<c>edge</c>: the wind of the grid's nearest edge).</summary>
    internal static void WriteWindGrid(Utf8JsonWriter w, RouteWindGridCoverage? g)
    {
        if (g is null) return;
        w.WriteStartObject("windGrid");
        w.WriteNumber("flownOutsideKm", Math.Round(g.Flown.OutsideKm, 1));
        w.WriteNumber("flownOutsideFraction", Math.Round(g.Flown.OutsideFraction, 4));
        w.WriteNumber("directOutsideKm", Math.Round(g.Direct.OutsideKm, 1));
        w.WriteNumber("directOutsideFraction", Math.Round(g.Direct.OutsideFraction, 4));
        w.WriteNumber("flightLevel", g.Flown.FlightLevel);
        w.WriteNumber("levelUsed", g.Flown.LevelUsed);
        w.WriteString("outside", "edge");
        w.WriteEndObject();
    }

    private static void WriteFlight(Utf8JsonWriter w, string name, FlightEstimate e)
    {
        w.WriteStartObject(name);
        w.WriteNumber("distanceKm", Math.Round(e.DistanceKm, 3));
        w.WriteNumber("blockMinutes", Math.Round(e.BlockMinutes, 2));
        Number(w, "fuelKg", e.FuelKg, 1);
        Number(w, "co2Kg", e.Co2Kg, 1);
        Number(w, "costUsd", e.CostUsd, 2);
        Number(w, "fuelCostUsd", e.FuelCostUsd, 2);
        w.WriteNumber("timeCostUsd", Math.Round(e.TimeCostUsd, 2));
        Number(w, "takeoffMassKg", e.TakeoffMassKg, 0);
        w.WriteNumber("landingMassKg", Math.Round(e.LandingMassKg, 0));
        w.WriteBoolean("fitsRange", e.FitsRange);
        w.WriteString("rangeReason", e.RangeReason);
        w.WriteEndObject();
    }

    // Far beyond the type's range the fuel has no finite value (the range reason says so): null, not NaN.
    private static void Number(Utf8JsonWriter w, string name, double v, int digits)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, digits)); else w.WriteNull(name);
    }
}
