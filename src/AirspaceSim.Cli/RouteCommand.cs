using System.CommandLine;
using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Batch;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim route FROM TO</c>: the shortest route around the closures for one pair.</summary>
internal static class RouteCommand
{
    public static Command Create(CliIO io)
    {
        var from = new Argument<string>("FROM") { Description = "Origin: IATA or ICAO code of a known airport, or LAT,LON in decimal degrees (longitude in [-540, 540], shown normalised to [-180, 180))." };
        var to = new Argument<string>("TO") { Description = "Destination: code or LAT,LON." };
        var format = new Option<string>("--format") { Description = "table, json, csv (the columns of batch, without line), geojson, or png or svg (a map; with --out).", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json", "csv", "geojson", "png", "svg");
        var output = new Option<string?>("--out") { Description = $"The image file (png, svg); text formats go to standard output. Without --format, the extension chooses it ({OutFormat.Pairs(FileFormats)}); a known extension that contradicts --format is an error." };
        var image = new ImageOutput();
        var realistic = new Option<bool>("--realistic")
        {
            Description = "Also report the route with the realism layer at its defaults (border margin, route-efficiency factor, the --wind and, with --type, the fastest route in it): extraKm, extraMinutes and extraFuelKg beside the geometric figures.",
        };
        var planning = new PlanningOptions();
        var perf = new PerformanceCliOptions();
        var cmd = new Command("route", "Shortest route from FROM to TO around the closed airspaces.");
        cmd.Arguments.Add(from);
        cmd.Arguments.Add(to);
        cmd.Options.Add(format);
        cmd.Options.Add(realistic);
        cmd.Options.Add(output);
        image.AddTo(cmd);
        planning.AddTo(cmd);
        perf.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            string fmt = OutFormat.Resolve(parse, format, output, "route", FileFormats).Format;
            // A text format with --out was refused by Resolve when chosen by --format; by default (table) it is refused here.
            string? outFile = ImageOutput.IsFile(fmt) ? ImageOutput.RequireOut(parse.GetValue(output), fmt)
                : parse.GetValue(output) is { } o ? throw new CliException($"--out {o}: route writes only png or svg to a file; --format {fmt} goes to standard output") : null;
            // Only table and json carry the realistic figures: for the other formats the option is an error, found
            // before anything is loaded, planned or costed (a technical-stop search plans up to a few legs).
            if (fmt is not ("table" or "json") && parse.GetValue(realistic)) throw new CliException($"--realistic: not available with --format {fmt} (use table or json)");
            // The realism layer's planner keeps one buffer (the largest of --buffer-nm and the margins) from every closure.
            if (parse.GetValue(realistic) && parse.GetResult(planning.ClosureBufferNm) is { Implicit: false })
                throw new CliException("--realistic: not available with --closure-buffer-nm (the realism layer keeps one buffer, the larger of --buffer-nm and its border margin, from every closure); use --buffer-nm");
            var sizes = image.Read(parse, fmt);
            var ctx = planning.Load(parse, io);
            string fromText = parse.GetValue(from)!, toText = parse.GetValue(to)!;
            var a = Resolve(ctx, fromText, "FROM");
            var b = Resolve(ctx, toText, "TO");
            RoutePlan plan;
            try { plan = ctx.Planner.Plan(a.Point, b.Point); }
            catch (ArgumentException e)
            {
                // The planner names the positions as normalised (0,180 is 0,-180): echo what the user typed as well.
                bool normalised = IsCoordinate(fromText) && a.Code != fromText.Trim() || IsCoordinate(toText) && b.Code != toText.Trim();
                throw new CliException($"route {InvariantNumber.Quote(fromText.Trim())} -> {InvariantNumber.Quote(toText.Trim())}: {CliApp.OneLine(e)}" +
                    (normalised ? " (positions shown with longitudes normalised to [-180, 180))" : ""));
            }
            var aircraft = perf.Read(parse);
            // The formats that show the range status search the technical stop; the others only cost the flight.
            var costing = aircraft is { } ac ? PerformanceCliOptions.Costing(ac.Type, ac.Conditions, fmt is "table" or "json" or "csv" ? ctx : null) : null;
            var figures = aircraft is { } acf ? costing!.Estimate(acf.Type, plan) : null;
            var cost = figures?.Cost;
            var stop = figures?.Range;
            var real = parse.GetValue(realistic) ? RealisticOutput.Plan(ctx, a.Point, b.Point, aircraft) : null;
            switch (fmt)
            {
                case "png" or "svg":
                {
                    string title = $"{a.Code} to {b.Code}" + (ctx.Closures.Count > 0 ? $" around {string.Join(", ", ctx.Closures.Select(c => c.Id))}" : "") + ": " + RouteJson.StatusName(plan.Status) +
                        (plan.ExtraKm is { } x && plan.Status == RouteStatus.Detour ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {plan.RouteKm:F0} km, +{x:F0} km ({plan.ExtraPercent:F1} %)") : "");
                    var map = Reports.MapContent.FromPlans(title, ctx.Closures, [(a, b, plan)]);
                    File.WriteAllBytes(outFile!, Reports.MapImage.Render(map, ImageOutput.Format(fmt), sizes));
                    break;
                }
                case "json":
                {
                    var buffer = new MemoryStream();
                    using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RouteJson.Encoder })) RouteJson.WriteRoute(w, a, b, plan, new RouteJsonOptions { WriteExtraProperties = jw =>
                    {
                        // Only then: without it the object is the library's RouteJson, byte for byte (batch's rows).
                        if (parse.GetResult(planning.ClosureBufferNm) is { Implicit: false }) RouteOutput.WriteBuffers(jw, ctx.Planner);
                        if (aircraft is { } aj) PerformanceJson.WritePerformance(jw, aj.Type, aj.Conditions, cost, stop, plan);
                        if (real is not null) RealisticOutput.WriteJson(jw, real, aircraft?.Conditions);
                    } });
                    io.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                    break;
                }
                case "csv":
                {
                    // One row in batch's columns (and its performance block with --type), so both read alike.
                    var row = new Batch.BatchRow(new Data.RouteListRow(1, a.Code, b.Code), a, b, plan, Batch.BatchErrorKind.None, null);
                    Simulation.BatchCsvWriter.WriteRoute(io.Out, new Simulation.CostedBatchRow(row, figures), costing);
                    break;
                }
                case "geojson":
                    io.Out.WriteLine(Batch.RouteJson.ToGeoJson(a, b, plan, ctx.Closures));
                    break;
                default:
                    RouteOutput.WriteTable(io.Out, a, b, plan, ctx.Planner);
                    if (aircraft is { } at) PerformanceCliOptions.WriteTable(io.Out, at.Type, at.Conditions, cost, stop, plan, figures?.NoClosureStop);
                    if (real is not null) RealisticOutput.WriteTable(io.Out, real, aircraft?.Conditions);
                    break;
            }
            return 0;
        }));
        return cmd;
    }

    private static readonly string[] FileFormats = ["png", "svg"];

    private static bool IsCoordinate(string text) => text.Contains(',');

    private static Data.RouteEnd Resolve(PlanningContext ctx, string text, string what)
    {
        try
        {
            return ctx.Airports.Resolve(text);
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException)
        {
            throw new CliException($"{what}: {e.Message}");
        }
    }
}
