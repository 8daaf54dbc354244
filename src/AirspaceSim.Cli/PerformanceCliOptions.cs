using System.CommandLine;
using System.Globalization;
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
    // The fuel model's range, as perf's option has it: ±100 was accepted here and 80 then failed in the model without
    // the option's name ("ISA deviation 80 K is outside [-60, 60] K").
    public Option<double> IsaDevK { get; } = NumberOptions.Double("--isa-dev-k", "Temperature deviation from ISA at the cruise level, K, -60 to 60 (with --type).", 0, -60, 60, "K", "the fuel model's range", "K");
    // A whole flight level, as a scenario flight's cruiseFl and in its range (10 to 600; FL0 was accepted here and
    // costed a cruise at sea level): the same question asked of route and of whatif gets the same answer (the range
    // at that level, docs/simulator.md).
    public Option<int> CruiseFl { get; } = NumberOptions.WithoutDefault(NumberOptions.Int("--fl", "Cruise flight level, 10 to the type's ceiling (with --type; default the type's own, `aircraft TYPE` shows it).", 0, 10, 600, "a scenario flight's cruiseFl range; the type's ceiling is checked next"));

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
            // Was ignored silently (route AMS CUR --isa-dev-k 10 printed the route alone), unlike --fl and --wind.
            if (parse.GetResult(IsaDevK) is { Implicit: false }) throw new CliException("--isa-dev-k needs --type");
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
            throw new CliException(string.Create(Inv, $"--fl: FL{level} is above the {type.Icao}'s maximum operating level FL{type.CeilingFl:0.##}"));
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

    /// <summary>A figure for a table cell: "-" where the model has no finite value.</summary>
    internal static string Cell(double v, string format) => double.IsFinite(v) ? v.ToString(format, Inv) : "-";

    /// <summary>The lines added to the route table.</summary>
    /// <remarks>A row costed through a technical stop (<see cref="BatchRowCost"/>: <paramref name="noClosureStop"/> for
    /// the direct row, <paramref name="stop"/>'s airport for the flown row) says so in its range column.</remarks>
    public static void WriteTable(TextWriter o, AircraftType type, FlightConditions c, DetourCost? d, TechStop? stop = null, RoutePlan? plan = null, TechStop? noClosureStop = null)
    {
        o.WriteLine();
        o.WriteLine($"{type.Icao} ({type.Name}, {type.ModelName}){(c.CruiseFl is { } fl ? string.Create(Inv, $", FL{fl:0}") : "")}{(PerformanceJson.WindText(c) is { } w ? $", wind {w}" : "")}");
        if (d is null) { o.WriteLine("  unreachable: no flight to cost"); return; }
        o.WriteLine(string.Create(Inv, $"  {"",-8} {"block min",10} {"fuel kg",10} {"CO2 kg",10} {"cost USD",10}  range"));
        Row(o, "direct", d.Direct, noClosureStop?.Stop);
        Row(o, "flown", d.Flown, stop?.Stop);
        o.WriteLine(string.Create(Inv, $"  {"extra",-8} {d.ExtraMinutes,10:0.0} {Cell(d.ExtraFuelKg, "0"),10} {Cell(d.ExtraCo2Kg, "0"),10} {Cell(d.ExtraCostUsd, "0"),10}"));
        if (stop is not null) o.WriteLine($"  range: {stop.StatusCode}: {stop.Reason}");
        foreach (var note in RouteWindGridCoverage.Of(c.WindField, plan, c.CruiseFl ?? type.CruiseFl)?.Notes ?? []) o.WriteLine($"  wind grid: {note}");
    }

    private static void Row(TextWriter o, string name, FlightEstimate e, Data.Airport? through = null) =>
        o.WriteLine(string.Create(Inv, $"  {name,-8} {e.BlockMinutes,10:0.0} {Cell(e.FuelKg, "0"),10} {Cell(e.Co2Kg, "0"),10} {Cell(e.CostUsd, "0"),10}  {(through is not null ? $"fits through {through.Code} (two legs)" : e.FitsRange ? "fits" : e.RangeReason)}"));
}
