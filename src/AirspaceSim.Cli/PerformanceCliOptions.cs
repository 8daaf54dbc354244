using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Cli;

/// <summary>The aircraft-performance options of <c>route</c> and <c>batch</c>: <c>--type</c>, <c>--wind</c>, <c>--isa-dev-k</c>.</summary>
internal sealed class PerformanceCliOptions
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public Option<string?> Type { get; } = new("--type") { HelpName = "TYPE", Description = "ICAO aircraft type (e.g. B38M): adds block minutes, fuel, CO2 and cost for the direct and the flown route, and the extras." };
    public Option<string?> Wind { get; } = new("--wind")
    {
        HelpName = "DIR/SPEED|GRID",
        Description = $"Uniform wind DIR/SPEED (from DIR degrees true at SPEED kt, e.g. 270/80), or a wind grid: a CSV file lat,lon,fl,u_kt,v_kt, a NetCDF-4 file (u, v over level, latitude, longitude) or a bundled climatology ({string.Join(", ", Weather.GriddedWindField.BundledNames)}) (with --type).",
    };
    public Option<double> IsaDevK { get; } = NumberOptions.Double("--isa-dev-k", "Temperature deviation from ISA at the cruise level, K (with --type).", 0, -100, 100, "K", "the atmosphere's plausible range", "K");
    // A whole flight level, as a scenario flight's cruiseFl: the same question asked of route and of whatif gets the
    // same answer (the range at that level, docs/simulator.md).
    public Option<int> CruiseFl { get; } = NumberOptions.Int("--fl", "Cruise flight level (with --type; default the type's own, `aircraft TYPE` shows it; up to its ceiling).", 0, 0, 600, "flight levels; the type's ceiling is checked next");

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Type);
        cmd.Options.Add(Wind);
        cmd.Options.Add(IsaDevK);
        cmd.Options.Add(CruiseFl);
    }

    /// <summary>The type and conditions asked for, or null without <c>--type</c>.</summary>
    public (AircraftType Type, FlightConditions Conditions)? Read(ParseResult parse) =>
        Read(parse, false) is { Type: { } t } r ? (t, r.Conditions) : null;

    /// <summary>The <c>--type</c> (null without it) and the conditions; null without <c>--type</c> unless
    /// <paramref name="typesElsewhere"/> (a route list with a <c>type</c> column), when the conditions still apply.</summary>
    public (AircraftType? Type, FlightConditions Conditions)? Read(ParseResult parse, bool typesElsewhere)
    {
        var icao = parse.GetValue(Type);
        if (icao is null && !typesElsewhere)
        {
            if (parse.GetValue(Wind) is not null) throw new CliException("--wind needs --type");
            if (parse.GetResult(CruiseFl) is { Implicit: false }) throw new CliException("--fl needs --type");
            return null;
        }
        AircraftType? type = icao is null ? null : AircraftCommand.Find(icao, "--type");
        Wind? wind = null;
        Weather.WindField? field = null;
        if (parse.GetValue(Wind) is { } text)
        {
            if (Performance.Wind.TryParse(text, out var w, out var error)) wind = w;
            else if (!text.Contains('/') || File.Exists(text)) field = ReadGrid(text, error);
            else throw new CliException($"--wind: {error}");
        }
        int? fl = parse.GetResult(CruiseFl) is { Implicit: false } ? parse.GetValue(CruiseFl) : null;
        if (fl is { } level && type is not null && level > type.CeilingFl)
            throw new CliException(string.Create(Inv, $"--fl: FL{level} is above the {type.Icao}'s maximum operating level FL{type.CeilingFl:0}"));
        return (type, new FlightConditions { Wind = wind, WindField = field, IsaDeviationK = parse.GetValue(IsaDevK), CruiseFl = fl });
    }

    // A bundled climatology by name, else a grid file; a name that is neither gets both explanations.
    private static Weather.GriddedWindField ReadGrid(string text, string uniformError)
    {
        if (Weather.GriddedWindField.BundledNames.Contains(text.Trim().ToLowerInvariant())) return Weather.GriddedWindField.Bundled(text);
        if (!File.Exists(text))
            throw new CliException($"--wind: '{text}' is neither DIR/SPEED ({uniformError}) nor a wind grid file nor a bundled climatology ({string.Join(", ", Weather.GriddedWindField.BundledNames)})");
        CliApp.RequireFile(text, "--wind");
        try { return Weather.GriddedWindField.Load(text); }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException) { throw new CliException($"--wind: {e.Message}"); }
    }

    /// <summary>The wind as reported: DIR/SPEED, the grid's description, or null for still air.</summary>
    public static string? WindText(FlightConditions c) => c.WindField?.Description ?? c.Wind?.ToString();

    /// <summary>The costing of <c>route</c> and <c>batch</c> rows: <paramref name="type"/> (null: only rows with a
    /// <c>type</c> column are costed) under <paramref name="conditions"/> with the default cost model, the technical
    /// stop searched among the open large and medium airports of <paramref name="ctx"/> (null: no range status).</summary>
    public static BatchCosting Costing(AircraftType? type, FlightConditions conditions, PlanningContext? ctx) => new(new BatchCostingOptions
    {
        DefaultType = type,
        Conditions = conditions,
        CatalogName = "'airspacesim aircraft'",
        TechStops = ctx is null ? null : TechStopSearch.Default(ctx.Planner, ctx.Airports),
    });

    /// <summary>The range status and technical stop of a flown route (<see cref="TechStopSearch"/>) with the legs planned
    /// by <paramref name="planner"/> (the realism layer's, which keeps its margin) among the open large and medium
    /// airports of <paramref name="ctx"/>, costed under <paramref name="perf"/>'s conditions (the layer's efficiency
    /// factor and wind); null when nothing is flown (<paramref name="d"/> null: unreachable).</summary>
    public static TechStop? FindStop(PlanningContext ctx, DetourPlanner planner, (AircraftType Type, FlightConditions Conditions) perf, RoutePlan plan, DetourCost? d) =>
        d is null ? null : TechStopSearch.Default(planner, ctx.Airports).Find(FlightCostModel.Default, perf.Type, perf.Conditions, plan, d);

    /// <summary>The <c>performance</c> object of the route JSON.</summary>
    public static void WriteJson(Utf8JsonWriter w, AircraftType type, FlightConditions c, DetourCost? d, TechStop? stop = null, RoutePlan? plan = null)
    {
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
        WriteRange(w, stop);
        w.WriteStartArray("assumptions");
        foreach (var a in d?.Direct.Assumptions ?? []) w.WriteStringValue(a);
        foreach (var a in grid?.Notes ?? []) w.WriteStringValue(a);
        w.WriteEndArray();
        WriteWindGrid(w, grid);
        w.WriteEndObject();
    }

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

    /// <summary>A figure for a table cell: "-" where the model has no finite value.</summary>
    internal static string Cell(double v, string format) => double.IsFinite(v) ? v.ToString(format, Inv) : "-";

    /// <summary>The <c>range</c> object: status code, technical stop (code, <c>none</c>, or null when it fits), the legs
    /// and their total (null without a stop) and the reason; null when nothing is flown.</summary>
    public static void WriteRange(Utf8JsonWriter w, TechStop? stop)
    {
        if (stop is null) { w.WriteNull("range"); return; }
        w.WriteStartObject("range");
        w.WriteString("status", stop.StatusCode);
        if (stop.Needed) w.WriteString("techStop", stop.Stop?.Code ?? "none"); else w.WriteNull("techStop");
        if (stop.FirstLeg is { } l1) w.WriteNumber("leg1Km", Math.Round(l1.DistanceKm, 3)); else w.WriteNull("leg1Km");
        if (stop.SecondLeg is { } l2) w.WriteNumber("leg2Km", Math.Round(l2.DistanceKm, 3)); else w.WriteNull("leg2Km");
        if (stop.TotalKm is { } t) w.WriteNumber("totalKm", Math.Round(t, 3)); else w.WriteNull("totalKm");
        w.WriteString("reason", stop.Reason);
        w.WriteEndObject();
    }

    /// <summary>The lines added to the route table.</summary>
    public static void WriteTable(TextWriter o, AircraftType type, FlightConditions c, DetourCost? d, TechStop? stop = null, RoutePlan? plan = null)
    {
        o.WriteLine();
        o.WriteLine($"{type.Icao} ({type.Name}, {type.ModelName}){(c.CruiseFl is { } fl ? string.Create(Inv, $", FL{fl:0}") : "")}{(WindText(c) is { } w ? $", wind {w}" : "")}");
        if (d is null) { o.WriteLine("  unreachable: no flight to cost"); return; }
        o.WriteLine(string.Create(Inv, $"  {"",-8} {"block min",10} {"fuel kg",10} {"CO2 kg",10} {"cost USD",10}  range"));
        Row(o, "direct", d.Direct);
        Row(o, "flown", d.Flown);
        o.WriteLine(string.Create(Inv, $"  {"extra",-8} {d.ExtraMinutes,10:0.0} {Cell(d.ExtraFuelKg, "0"),10} {Cell(d.ExtraCo2Kg, "0"),10} {Cell(d.ExtraCostUsd, "0"),10}"));
        if (stop is not null) o.WriteLine($"  range: {stop.StatusCode}: {stop.Reason}");
        foreach (var note in RouteWindGridCoverage.Of(c.WindField, plan, c.CruiseFl ?? type.CruiseFl)?.Notes ?? []) o.WriteLine($"  wind grid: {note}");
    }

    private static void Row(TextWriter o, string name, FlightEstimate e) =>
        o.WriteLine(string.Create(Inv, $"  {name,-8} {e.BlockMinutes,10:0.0} {Cell(e.FuelKg, "0"),10} {Cell(e.Co2Kg, "0"),10} {Cell(e.CostUsd, "0"),10}  {(e.FitsRange ? "fits" : e.RangeReason)}"));
}
