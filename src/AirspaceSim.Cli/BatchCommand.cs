using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim batch ROUTES.csv</c>: every route of a list, in order, planned on all cores, then a summary.</summary>
internal static class BatchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliIO io)
    {
        var routes = new Argument<string>("ROUTES") { Description = "CSV with columns from,to (codes or quoted \"LAT,LON\"); - reads standard input." };
        var format = new Option<string>("--format") { Description = "csv, json, or png or svg (a map of every route; with --out).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json", "png", "svg");
        var output = new Option<string?>("--out") { Description = "The image file (png, svg); csv and json go to standard output." };
        var image = new ImageOutput();
        var planning = new PlanningOptions();
        var perf = new PerformanceCliOptions();
        var cmd = new Command("batch", "Shortest routes around the closed airspaces for every row of a route list.");
        cmd.Arguments.Add(routes);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        image.AddTo(cmd);
        planning.AddTo(cmd);
        perf.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            string fmt = parse.GetValue(format)!;
            string? outFile = ImageOutput.IsFile(fmt) ? ImageOutput.RequireOut(parse.GetValue(output), fmt)
                : parse.GetValue(output) is { } o ? throw new CliException($"--out {o}: only with --format png or svg (--format {fmt} writes to standard output)") : null;
            var sizes = image.Read(parse, fmt);
            var ctx = planning.Load(parse, io);
            string path = parse.GetValue(routes)!;
            string source = path == "-" ? "standard input" : path;
            if (path != "-") CliApp.RequireFile(path, "route list");
            using var file = path == "-" ? null : new StreamReader(path);
            // The header is checked before anything is written: a list without from and to is a user error (exit 2).
            var list = new RouteListReader(file ?? io.In, source);
            if (list.IgnoredColumns.Count > 0)
                io.Err.WriteLine($"airspacesim: {source}: line {list.HeaderLineNumber}: note: ignoring column{(list.IgnoredColumns.Count > 1 ? "s" : "")} " +
                    string.Join(", ", list.IgnoredColumns.Select(i => list.Columns[i].Length == 0 ? $"{i + 1} (unnamed)" : $"{i + 1} '{list.Columns[i]}'")) +
                    "; only 'from' and 'to' are read");
            var aircraft = perf.Read(parse);
            // A progress bar for a large file when stderr is a terminal and stdout is not (the bar would interleave with
            // rows streamed to the same terminal); rows are counted up front for the total (one fast read of the file).
            bool show = path != "-" && io.ErrIsTerminal && (outFile != null || !io.OutIsTerminal) && File.ReadLines(path).Skip(list.HeaderLineNumber).Take(LargeRows + 1).Count() > LargeRows;
            long total = show ? File.ReadLines(path).Skip(list.HeaderLineNumber).LongCount() : 0, done = 0;
            try
            {
                var summary = CliProgress.Run(io, show, Path.GetFileName(path), "rows", p =>
                {
                    var progress = new Rows(n => { done = n; p?.Report(new Simulation.SimulationProgress((int)Math.Min(n, int.MaxValue), (int)Math.Min(Math.Max(total, n), int.MaxValue))); });
                    var results = ReportErrors(RouteBatch.Plan(list.ReadRows(), ctx.Airports, ctx.Planner, null, progress, io.Cancellation), io.Err, source);
                    if (outFile != null) return WriteMap(outFile, source, ctx, results.ToList(), fmt, sizes);
                    return fmt == "json" ? WriteJson(io.Out, results, aircraft) : WriteCsv(io.Out, results, aircraft);
                });
                return summary.Errors > 0 ? 1 : 0;
            }
            catch (OperationCanceledException) when (io.Cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException($"cancelled after {done} {(total > 0 ? $"of {total} " : "")}rows (the rows before were written)", io.Cancellation);
            }
        }));
        return cmd;
    }

    /// <summary>Batches of more rows than this draw a progress bar (see <see cref="CliProgress"/>).</summary>
    // A map of every planned row (error rows have no plan): the summary as its title.
    private static BatchSummary WriteMap(string outFile, string source, PlanningContext ctx, List<BatchRow> rows, string fmt, Reports.ImageOptions sizes)
    {
        var s = BatchSummary.Of(rows.Select(r => r.Plan));
        string title = string.Create(Inv, $"{Path.GetFileName(source)}: {s.Routes} routes") +
            (ctx.Closures.Count > 0 ? $" around {string.Join(", ", ctx.Closures.Select(c => c.Id))}" : "") +
            string.Create(Inv, $"\n{s.Detour} detour, {s.Unreachable} unreachable, {s.Direct} direct, {s.Errors} errors; total extra {s.TotalExtraKm:N0} km");
        var map = Reports.MapContent.FromPlans(title, ctx.Closures, rows.Where(r => r.Plan != null).Select(r => (r.From, r.To, r.Plan!)));
        File.WriteAllBytes(outFile, Reports.MapImage.Render(map, ImageOutput.Format(fmt), sizes));
        return s;
    }

    internal const int LargeRows = 10_000;

    private sealed class Rows(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Totals over plans; a null plan is a row that could not be computed.</summary>
    internal static BatchSummary Summarize(IEnumerable<RoutePlan?> plans) => BatchSummary.Of(plans);

    /// <summary>The rows, passing through; each error row also goes to stderr as "SOURCE: line N: reason", written
    /// a few kilobytes at a time (stderr is unbuffered: one write per row would cost a system call each).</summary>
    private static IEnumerable<BatchRow> ReportErrors(IEnumerable<BatchRow> rows, TextWriter err, string source)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            if (r.Error != null)
            {
                sb.Append("airspacesim: ").Append(source).Append(": line ").Append(r.Row.LineNumber).Append(": ").Append(r.Error).Append(err.NewLine);
                if (sb.Length >= 8192) { err.Write(sb); sb.Clear(); }
            }
            yield return r;
        }
        err.Write(sb);
    }

    private const int ChunkChars = 16 * 1024;

    /// <summary>Writes the CSV header, one line per row as the rows come, then the summary line; returns the summary.
    /// With <c>--type</c>, each row also gets the flight's time, fuel, CO₂ and cost columns.</summary>
    internal static BatchSummary WriteCsv(TextWriter o, IEnumerable<BatchRow> rows, (Performance.AircraftType Type, Performance.FlightConditions Conditions)? aircraft = null)
    {
        var tally = new BatchTally();
        // Numbers go through DecimalText, straight into the builder: the output is most of a batch's cost after planning.
        // The text goes out in pieces of about ChunkChars, which stay in the cache and on the small-object heap.
        var sb = new StringBuilder(ChunkChars + 1024);
        sb.Append("line,from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints")
          .Append(aircraft is null ? "\n" : ",type,block_min_direct,block_min,fuel_kg_direct,fuel_kg,co2_kg,cost_usd,extra_minutes,extra_fuel_kg,extra_co2_kg,extra_cost_usd\n");
        foreach (var r in rows)
        {
            tally.Add(r.Plan);
            if (sb.Length >= ChunkChars) { o.Write(sb); sb.Clear(); }
            sb.Append(r.Row.LineNumber).Append(',');
            Field(sb, r.Error == null ? r.From.Code : r.Row.From).Append(',');
            Field(sb, r.Error == null ? r.To.Code : r.Row.To).Append(',');
            if (r.Error != null)
            {
                sb.Append("error,,,,,,");
                Field(sb, r.Error).Append(aircraft is null ? ",\n" : ",,,,,,,,,,,,\n");
                continue;
            }
            var p = r.Plan!;
            sb.Append(RouteOutput.Status(p.Status)).Append(',');
            sb.AppendFixed(p.DirectKm, 3).Append(',');
            if (p.RouteKm is { } km)
            {
                sb.AppendFixed(km, 3).Append(',');
                sb.AppendFixed(p.ExtraKm!.Value, 3).Append(',');
                sb.AppendFixed(p.ExtraPercent ?? 0, 4).Append(',');
            }
            else sb.Append(",,,");
            if (p.Crossed.Count > 0) Field(sb, p.Crossed.Count == 1 ? p.Crossed[0] : string.Join(' ', p.Crossed));
            sb.Append(',');
            Field(sb, p.Reason ?? "").Append(',');
            // Waypoints "lat lon;lat lon", rounded to 6 decimals (0.1 m) and printed shortest-round-trip: digits,
            // signs, dots, blanks and semicolons need no CSV quoting.
            var waypoints = p.Waypoints;
            for (int i = 0; i < waypoints.Count; i++)
            {
                if (i > 0) sb.Append(';');
                sb.AppendRounded(waypoints[i].LatDeg, 6).Append(' ').AppendRounded(waypoints[i].LonDeg, 6);
            }
            if (aircraft is { } ac) // --type: the flight's figures (empty when unreachable)
            {
                sb.Append(',').Append(ac.Type.Icao);
                var d = PerformanceCliOptions.Estimate(ac, p);
                foreach (var v in (double?[])[d?.Direct.BlockMinutes, d?.Flown.BlockMinutes, d?.Direct.FuelKg, d?.Flown.FuelKg, d?.Flown.Co2Kg,
                             d?.Flown.CostUsd, d?.ExtraMinutes, d?.ExtraFuelKg, d?.ExtraCo2Kg, d?.ExtraCostUsd])
                    if (v is { } x) sb.Append(',').AppendFixed(x, 1); else sb.Append(',');
            }
            sb.Append('\n');
        }
        var s = tally.Summary;
        sb.Append(Inv,
            $"# summary: routes {s.Routes}, affected {s.Affected} (detour {s.Detour}, unreachable {s.Unreachable}), direct {s.Direct}, errors {s.Errors}, total extra {s.TotalExtraKm:F1} km, mean extra {s.MeanExtraKm:F1} km per detoured route\n");
        o.Write(sb);
        return s;
    }

    /// <summary>Writes <c>{"results": [...], "summary": {...}}</c>, the results as the rows come (a few kilobytes at a
    /// time), the summary at the end; returns the summary.</summary>
    internal static BatchSummary WriteJson(TextWriter o, IEnumerable<BatchRow> rows, (Performance.AircraftType Type, Performance.FlightConditions Conditions)? aircraft = null)
    {
        var tally = new BatchTally();
        var bytes = new ArrayBufferWriter<byte>(ChunkChars + 4096);
        char[] chars = [];
        using (var w = new Utf8JsonWriter(bytes, new JsonWriterOptions { Encoder = RouteOutput.Encoder }))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var r in rows)
            {
                tally.Add(r.Plan);
                if (r.Error != null) RouteOutput.WriteErrorJson(w, r.Row.LineNumber, r.Row.From, r.Row.To, r.Error);
                else RouteOutput.WriteJson(w, new(r.From.Code, r.From.Point), new(r.To.Code, r.To.Point), r.Plan!, r.Row.LineNumber, aircraft is { } ac
                    ? jw => PerformanceCliOptions.WriteJson(jw, ac.Type, ac.Conditions, PerformanceCliOptions.Estimate(ac, r.Plan!)) : null);
                if (w.BytesPending + bytes.WrittenCount >= ChunkChars) Drain();
            }
            w.WriteEndArray();
            var s = tally.Summary;
            w.WriteStartObject("summary");
            w.WriteNumber("routes", s.Routes);
            w.WriteNumber("affected", s.Affected);
            w.WriteNumber("direct", s.Direct);
            w.WriteNumber("detour", s.Detour);
            w.WriteNumber("unreachable", s.Unreachable);
            w.WriteNumber("errors", s.Errors);
            w.WriteNumber("totalExtraKm", Math.Round(s.TotalExtraKm, 3));
            w.WriteNumber("meanExtraKm", Math.Round(s.MeanExtraKm, 3));
            w.WriteEndObject();
            w.WriteEndObject();
            Drain();

            // The writer flushes between tokens, so a piece always ends on a whole UTF-8 character.
            void Drain()
            {
                w.Flush();
                var span = bytes.WrittenSpan;
                int max = Encoding.UTF8.GetMaxCharCount(span.Length);
                if (chars.Length < max) chars = new char[max];
                o.Write(chars, 0, Encoding.UTF8.GetChars(span, chars));
                bytes.ResetWrittenCount();
            }
        }
        o.WriteLine();
        return tally.Summary;
    }

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\n\r");

    private static StringBuilder Field(StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny(NeedsQuotes) < 0) return sb.Append(text);
        if (!text.Contains('"')) return sb.Append('"').Append(text).Append('"');
        return sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }
}
