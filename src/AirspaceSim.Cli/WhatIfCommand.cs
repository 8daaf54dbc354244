using System.CommandLine;
using AirspaceSim.Airspaces;
using AirspaceSim.Simulation;

namespace AirspaceSim.Cli;

/// <summary>
/// <c>airspacesim whatif [SCENARIO]</c>: runs a what-if scenario (a file, or a bundled name; default
/// <c>svzm-2025-11</c>) and writes every flight's outcome and extras with totals and groups.
/// </summary>
internal static class WhatIfCommand
{
    /// <summary>The command; <paramref name="costModel"/> overrides the shipped <see cref="PerformanceCostModel"/> (tests).</summary>
    public static Command Create(CliIO io, IFlightCostModel? costModel = null)
    {
        var scenario = new Argument<string?>("SCENARIO")
        {
            Description = $"Scenario JSON file, or the name of a bundled one ({string.Join(", ", BundledScenarios.Names)}); default {BundledScenarios.Default}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format") { Description = "table, csv, json, geojson, png or svg (a map; with --out), or html (one self-contained page: map, charts, tables; with --out).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json", "geojson", "png", "svg", "html");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output (required for png, svg and html)." };
        var image = new ImageOutput();
        var groupBy = new Option<string?>("--group-by") { Description = "Totals per route, operator, airport, closure, day or week (table: one group table; json: that group only)." };
        groupBy.AcceptOnlyFromAmong("route", "operator", "airport", "closure", "day", "week");
        var airspaces = new Option<string[]>("--airspaces") { Description = "More airspaces from a GeoJSON file for the scenario's ids (repeatable; e.g. the VATSpy FIRs)." };
        var cmd = new Command("whatif", "What-if: a scenario's closures (in time, altitude and applicability) against its flights; outcomes, extra km, minutes, fuel, CO2 and cost per flight, with totals.");
        cmd.Arguments.Add(scenario);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        cmd.Options.Add(groupBy);
        cmd.Options.Add(airspaces);
        image.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            var model = costModel ?? ShippedCostModel();
            var catalog = AirspaceCatalog.Bundled;
            foreach (var file in parse.GetValue(airspaces) ?? [])
            {
                CliApp.RequireFile(file, "--airspaces");
                catalog = catalog.With(AirspaceLoader.LoadGeoJson(file).Catalog);
            }
            var options = new ScenarioReadOptions { Catalog = catalog, CostModel = model };
            string name = parse.GetValue(scenario) ?? BundledScenarios.Default;
            Scenario s = File.Exists(name) ? ScenarioJson.Load(name, options)
                    : BundledScenarios.Contains(name) ? BundledScenarios.Load(name, options)
                    : throw new CliException($"scenario not found: '{name}' is neither a file nor a bundled scenario ({string.Join(", ", BundledScenarios.Names)})");
            GroupBy? g = parse.GetValue(groupBy) is { } gb ? Enum.Parse<GroupBy>(gb, ignoreCase: true) : null;
            string fmt = parse.GetValue(format)!;
            string? outFile = ImageOutput.IsFile(fmt) ? ImageOutput.RequireOut(parse.GetValue(output), fmt) : null;
            var sizes = image.Read(parse, fmt);
            var runs = WhatIfSimulator.RunSweep(s, new SimulationOptions { CostModel = model });
            var text = new StringWriter { NewLine = "\n" };
            switch (fmt)
            {
                // A map (or report) of the first run, as geojson does: a sweep's runs share their flights and closures.
                case "png" or "svg": File.WriteAllBytes(outFile!, Reports.MapImage.Render(Reports.MapContent.FromSimulation(runs[0]), ImageOutput.Format(fmt), sizes)); break;
                case "html": File.WriteAllText(outFile!, Reports.HtmlReport.Write(runs, new Reports.HtmlReportOptions { Map = sizes })); break;
                case "json": text.WriteLine(SimulationReport.Json(runs, g)); break;
                case "csv": SimulationReport.WriteCsv(text, runs); break;
                case "geojson": text.WriteLine(SimulationReport.GeoJson(runs[0])); break;
                default: SimulationReport.WriteTable(text, runs, g); break;
            }
            if (outFile != null) { }
            else if (parse.GetValue(output) is { } path) File.WriteAllText(path, text.ToString());
            else io.Out.Write(text.ToString());
            int errors = runs.Sum(r => r.Errors);
            foreach (var f in runs[0].Flights.Where(f => f.Outcome == FlightOutcome.Error))
                io.Err.WriteLine($"airspacesim: flight {f.Flight.Id}: {f.Reason}");
            return errors > 0 ? 1 : 0;
        }));
        return cmd;
    }

    // The shipped cost model: the aircraft-performance layer, through its adapter.
    private static IFlightCostModel ShippedCostModel() => PerformanceCostModel.Default;
}
