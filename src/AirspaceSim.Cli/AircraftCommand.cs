using System.CommandLine;
using System.Globalization;
using AirspaceSim.Performance;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim aircraft [TYPE]</c>: the bundled aircraft types and their data with sources.</summary>
internal static class AircraftCommand
{
    public static Command Create(CliIO io)
    {
        var type = new Argument<string?>("TYPE") { Description = "One ICAO type to show in full (default: list all).", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("aircraft", "The aircraft types: model, masses, cruise Mach and level, range, seats, hourly cost, sources (see data/README.md).");
        cmd.Arguments.Add(type);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            var inv = CultureInfo.InvariantCulture;
            if (parse.GetValue(type) is { } icao)
            {
                var t = Find(icao, "aircraft TYPE");
                foreach (var (k, v) in (ReadOnlySpan<(string, string)>)[
                    ("icao", t.Icao), ("name", t.Name), ("model", t.ModelName), ("class", t.Class.ToString()),
                    ("MTOM kg", t.MaxTakeoffMassKg.ToString("0", inv)), ("MLM kg", t.MaxLandingMassKg.ToString("0", inv)),
                    ("OEM kg", t.OperatingEmptyMassKg.ToString("0", inv)), ("max payload kg", t.MaxPayloadKg.ToString("0", inv)),
                    ("max fuel kg", t.MaxFuelKg.ToString("0", inv)), ("cruise", string.Create(inv, $"Mach {t.CruiseMach} FL{t.CruiseFl}")),
                    ("MMO / ceiling", string.Create(inv, $"{t.MaxMach} / FL{t.CeilingFl:0.##}")), ("range km (published)", t.RangeKm.ToString("0", inv)),
                    ("typical seats", t.TypicalSeats.ToString(inv)),
                    ("cost", string.Create(inv, $"{t.CostFamily}: {t.AcmgCostUsdPerFlightHour:0} US$/FH incl. fuel x {t.AirborneBlockRatio:0.0000} airborne h per block h x (1 - {AircraftCatalog.AcmgFuelShare:0.000} fuel) -> {t.TimeCostUsdPerBlockHour:0} US$/block h without fuel")),
                    ("sources", string.Join(", ", t.Sources))])
                    io.Out.WriteLine($"{k,-22} {v}");
                // Every figure's own source key (data/aircraft/sources.tsv says what each one is and whether it was checked).
                io.Out.WriteLine($"{"figure sources",-22} {string.Join(", ", AircraftCatalog.FigureColumns.Where(t.FigureSources.ContainsKey).Select(c => $"{c}: {t.FigureSources[c]}"))}");
                return 0;
            }
            io.Out.WriteLine($"{"type",-5} {"name",-26} {"model",-14} {"MTOM kg",8} {"Mach",5} {"FL",4} {"range km",9} {"seats",5} {"US$/blk h",9}  sources");
            foreach (var t in AircraftCatalog.Bundled.Types)
                io.Out.WriteLine(string.Create(inv,
                    $"{t.Icao,-5} {t.Name,-26} {t.ModelName,-14} {t.MaxTakeoffMassKg,8:0} {t.CruiseMach,5:0.00#} {t.CruiseFl,4:0} {t.RangeKm,9:0} {t.TypicalSeats,5} {t.TimeCostUsdPerBlockHour,9:0}  {string.Join(", ", t.Sources)}"));
            return 0;
        }));
        return cmd;
    }

    /// <summary>A bundled type by designator, or a user error naming the argument, the close designators and where the
    /// list is (was "unknown aircraft type 'XXXX'" alone, and for an empty argument "did you mean A20N, A21N, A319?").</summary>
    internal static AircraftType Find(string text, string what)
    {
        var catalog = AircraftCatalog.Bundled;
        string list = $"one of the {catalog.Types.Count} types of 'airspacesim aircraft'";
        if (string.IsNullOrWhiteSpace(text)) throw new CliException($"{what}: empty aircraft type; give an ICAO type designator, e.g. B38M ({list})");
        if (catalog.TryGet(text, out var type)) return type;
        var close = text.Length <= 64 ? catalog.Closest(text) : [];
        throw new CliException($"{what}: unknown aircraft type {Geodesy.InvariantNumber.Quote(text)}" +
                               (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "") + $" ({list})");
    }
}
