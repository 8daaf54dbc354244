using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AirspaceSim.Performance;
using AirspaceSim.Batch;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim perf TYPE --mass-kg M --mach X --fl FL</c>: one cruise point of the fuel model.</summary>
internal static class PerfCommand
{
    public static Command Create(CliIO io)
    {
        var type = new Argument<string>("TYPE") { Description = "ICAO aircraft type, e.g. A320." };
        var mass = NumberOptions.Double("--mass-kg", "Required: aircraft mass, kg (within the type's [OEM, MTOM]).", 0, 0, 1e6, "kg", "the type's own limits are checked next", "KG");
        NumberOptions.WithoutDefault(mass);
        var mach = NumberOptions.Double("--mach", "Required: Mach number (up to the type's MMO).", 0, 0, 1, "", "subsonic cruise; the type's MMO is checked next", "MACH");
        NumberOptions.WithoutDefault(mach);
        var fl = NumberOptions.Double("--fl", "Required: flight level (up to the type's ceiling).", 0, 0, 600, "", "flight levels; the type's ceiling is checked next", "FL");
        NumberOptions.WithoutDefault(fl);
        var dev = NumberOptions.Double("--isa-dev-k", "Deviation from ISA temperature, K, -60 to 60.", 0, -60, 60, "K", "the fuel model's range", "K");
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json");
        var cmd = new Command("perf", "The cruise point in steady level flight: lift and drag coefficients, thrust, overall efficiency, fuel flow.");
        cmd.Arguments.Add(type);
        foreach (var o in (Option[])[mass, mach, fl, dev, format]) cmd.Options.Add(o);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            // Required options are checked here, in one line: "perf A20N" alone said "mass 0 kg is outside [43644,
            // 79000] kg" (the options' default), and System.CommandLine's own check writes one error per option.
            var missing = new[] { mass, mach, fl }.Where(o => parse.GetResult(o) is null or { Implicit: true }).Select(o => o.Name).ToList();
            if (missing.Count > 0)
                throw new CliException($"perf: missing {string.Join(" and ", missing)} (usage: airspacesim perf TYPE --mass-kg KG --mach MACH --fl FL)");
            var t = AircraftCommand.Find(parse.GetValue(type)!, "perf TYPE");
            double m = parse.GetValue(mass), mc = parse.GetValue(mach), level = parse.GetValue(fl), d = parse.GetValue(dev);
            var p = FlightCostModel.Default.Cruise(t, m, mc, level, d);
            double tk = Isa.TemperatureK(Isa.FlightLevelToMetres(level), d);
            // A point the aircraft cannot fly (perf A20N --mass-kg 79000 --mach 0.2 --fl 390 gave CL 11.5 and a fuel
            // flow without a word): the formula has an answer, the wing has not.
            if (p.LiftCoefficient is > MaxCleanLiftCoefficient and var cl)
                io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"airspacesim: warning: lift coefficient {cl:0.00} is above {MaxCleanLiftCoefficient}, more than an airliner's clean wing gives before it stalls: the {t.Icao} cannot hold level flight at {m:0} kg, Mach {mc}, FL{level}; the figures are the model's formula outside the flight envelope (fly faster, lower or lighter)"));
            if (parse.GetValue(format) == "json")
            {
                var buffer = new MemoryStream();
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RouteJson.Encoder }))
                {
                    w.WriteStartObject();
                    w.WriteString("type", t.Icao);
                    w.WriteString("model", t.ModelName);
                    w.WriteNumber("massKg", m);
                    w.WriteNumber("mach", mc);
                    w.WriteNumber("flightLevel", level);
                    w.WriteNumber("temperatureK", Math.Round(tk, 3));
                    Nullable(w, "liftCoefficient", p.LiftCoefficient);
                    Nullable(w, "dragCoefficient", p.DragCoefficient);
                    Nullable(w, "thrustN", p.ThrustN);
                    Nullable(w, "overallEfficiency", p.OverallEfficiency);
                    w.WriteNumber("fuelFlowKgPerS", p.FuelFlowKgPerS);
                    w.WriteNumber("fuelFlowKgPerH", p.FuelFlowKgPerH);
                    w.WriteNumber("trueAirspeedKt", Math.Round(p.TrueAirspeedKt, 2));
                    w.WriteEndObject();
                }
                io.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                var inv = CultureInfo.InvariantCulture;
                io.Out.WriteLine(string.Create(inv, $"{t.Icao} ({t.Name}, {t.ModelName}) at {m} kg, Mach {mc}, FL{level}, {tk:0.00} K"));
                io.Out.WriteLine(string.Create(inv, $"  lift coefficient     {Text(p.LiftCoefficient, "0.0000")}"));
                io.Out.WriteLine(string.Create(inv, $"  drag coefficient     {Text(p.DragCoefficient, "0.00000")}"));
                io.Out.WriteLine(string.Create(inv, $"  thrust               {Text(p.ThrustN / 1000, "0.000", " kN")}"));
                io.Out.WriteLine(string.Create(inv, $"  overall efficiency   {Text(p.OverallEfficiency, "0.0000")}"));
                io.Out.WriteLine(string.Create(inv, $"  fuel flow            {p.FuelFlowKgPerS:0.0000} kg/s = {p.FuelFlowKgPerH:0} kg/h"));
                io.Out.WriteLine(string.Create(inv, $"  true airspeed        {p.TrueAirspeedKt:0.0} kt"));
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Above this lift coefficient no clean (flaps-up) airliner wing holds level flight: their maximum lift
    /// coefficients lie near 1.2 to 1.6 at low Mach, and less at cruise Mach.</summary>
    internal const double MaxCleanLiftCoefficient = 1.6;

    // The unit goes with the figure: "n/a (breguet-dot model) kN" read as if n/a were in kN.
    private static string Text(double? v, string format, string unit = "") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) + unit : "n/a (breguet-dot model)";

    private static void Nullable(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x) w.WriteNumber(name, x); else w.WriteNull(name);
    }
}
