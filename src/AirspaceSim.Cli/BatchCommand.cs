using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim batch ROUTES.csv</c>: every route of a list, in order, planned on all cores, then a summary.</summary>
internal static class BatchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] FileFormats = ["png", "svg"];

    public static Command Create(CliIO io)
    {
        var routes = new Argument<string>("ROUTES") { Description = "CSV with columns from,to (codes or quoted \"LAT,LON\"); - reads standard input." };
        var format = new Option<string>("--format") { Description = "csv, json, or png or svg (a map of every route; with --out).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json", "png", "svg");
        var output = new Option<string?>("--out") { Description = $"The image file (png, svg); csv and json go to standard output. Without --format, the extension chooses it ({OutFormat.Pairs(FileFormats)}); a known extension that contradicts --format is an error." };
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
            string fmt = OutFormat.Resolve(parse, format, output, "batch", FileFormats).Format;
            string? outFile = ImageOutput.IsFile(fmt) ? ImageOutput.RequireOut(parse.GetValue(output), fmt)
                : parse.GetValue(output) is { } o ? throw new CliException($"--out {o}: only with --format png or svg (--format {fmt} writes to standard output)") : null;
            var sizes = image.Read(parse, fmt);
            var ctx = planning.Load(parse, io);
            string path = parse.GetValue(routes)!;
            string source = path == "-" ? "standard input" : path;
            if (path != "-") CliApp.RequireFile(path, "route list");
            // Counted as read, for the progress bar: the share of the file's bytes read (no second read to count rows).
            using var bytes = path == "-" ? null : new CountingStream(File.OpenRead(path));
            using var file = bytes == null ? null : new StreamReader(bytes);
            // The header is checked before anything is written: a list without from and to is a user error (exit 2).
            var list = new RouteListReader(file ?? io.In, source);
            if (list.IgnoredColumns.Count > 0)
                io.Err.WriteLine($"airspacesim: {source}: line {list.HeaderLineNumber}: note: ignoring column{(list.IgnoredColumns.Count > 1 ? "s" : "")} " +
                    string.Join(", ", list.IgnoredColumns.Select(i => list.Columns[i].Length == 0 ? $"{i + 1} (unnamed)" : $"{i + 1} '{list.Columns[i]}'")) +
                    (list.HasTypeColumn ? "; only 'from', 'to' and 'type' are read" : "; only 'from' and 'to' are read"));
            var costing = perf.Read(parse, list.HasTypeColumn) is { } pc ? PerformanceCliOptions.Costing(pc.Type, pc.Conditions, ctx) : null;
            // A progress bar for a large file when stderr is a terminal and stdout is not (the bar would interleave with
            // rows streamed to the same terminal). It measures the kilobytes read of the file's length, known without
            // reading the file twice (the reader runs a buffer ahead of the rows planned: at most a few kB early).
            long length = bytes?.SourceLength ?? 0, done = 0; // a pipe has no length: no bar
            bool show = bytes != null && io.ErrIsTerminal && (outFile != null || !io.OutIsTerminal) && length > LargeBytes;
            try
            {
                var summary = CliProgress.Run(io, show, Path.GetFileName(path), "kB", p =>
                {
                    int totalKb = (int)Math.Min((length + 1023) / 1024, int.MaxValue);
                    var progress = new Rows(n => { done = n; p?.Report(new Simulation.SimulationProgress((int)Math.Min((bytes!.BytesRead + 1023) / 1024, totalKb), totalKb)); });
                    var planned = RouteBatch.Plan(list.ReadRows(), ctx.Airports, ctx.Planner, null, progress, io.Cancellation);
                    // A map needs only the error rows of the types (no costing); csv and json cost every row as it comes.
                    if (outFile != null)
                        return WriteMap(outFile, source, ctx, ReportErrors(Uncosted(costing is null ? planned : costing.Check(planned)), io.Err, source).Select(c => c.Row).ToList(), fmt, sizes);
                    var results = ReportErrors(costing is null ? Uncosted(planned) : costing.Cost(planned), io.Err, source);
                    return fmt == "json" ? WriteJson(io.Out, results, costing) : WriteCsv(io.Out, results, costing);
                });
                return summary.Errors > 0 ? 1 : 0;
            }
            catch (OperationCanceledException) when (io.Cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException($"cancelled after {done} rows{(show ? string.Create(Inv, $", {100.0 * bytes!.BytesRead / Math.Max(1, length):0} % of the file read") : "")} (the rows before were written)", io.Cancellation);
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

    /// <summary>Files longer than this draw a progress bar: about <see cref="LargeRows"/> rows of two IATA codes
    /// ("AMS,CUR\n", 8 bytes), so a bar appears where a run starts to take seconds.</summary>
    internal const long LargeBytes = LargeRows * 8;

    /// <summary>A read-only stream that counts the bytes read through it (read from any thread for the progress bar).</summary>
    internal sealed class CountingStream(Stream inner) : Stream
    {
        private long _read;

        /// <summary>Bytes read so far.</summary>
        public long BytesRead => Interlocked.Read(ref _read);

        /// <summary>The length of the source when it has one (a file); null for a pipe.</summary>
        public long? SourceLength => inner.CanSeek ? inner.Length : null;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            Interlocked.Add(ref _read, n);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class Rows(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Totals over plans; a null plan is a row that could not be computed.</summary>
    internal static BatchSummary Summarize(IEnumerable<RoutePlan?> plans) => BatchSummary.Of(plans);

    /// <summary>The rows, passing through; each error row also goes to stderr as "SOURCE: line N: reason", written
    /// a few kilobytes at a time (stderr is unbuffered: one write per row would cost a system call each).</summary>
    private static IEnumerable<CostedBatchRow> ReportErrors(IEnumerable<CostedBatchRow> rows, TextWriter err, string source)
    {
        var sb = new StringBuilder();
        foreach (var c in rows)
        {
            var r = c.Row;
            if (r.Error != null)
            {
                sb.Append("airspacesim: ").Append(source).Append(": line ").Append(r.Row.LineNumber).Append(": ").Append(r.Error).Append(err.NewLine);
                if (sb.Length >= 8192) { err.Write(sb); sb.Clear(); }
            }
            yield return c;
        }
        err.Write(sb);
    }

    private const int ChunkChars = 16 * 1024;

    /// <summary>Rows without figures (no <c>--type</c> nor <c>type</c> column, or a map).</summary>
    internal static IEnumerable<CostedBatchRow> Uncosted(IEnumerable<BatchRow> rows) => rows.Select(r => new CostedBatchRow(r, null));

    /// <summary>As <see cref="WriteCsv(TextWriter, IEnumerable{CostedBatchRow}, BatchCosting?)"/>, uncosted.</summary>
    internal static BatchSummary WriteCsv(TextWriter o, IEnumerable<BatchRow> rows) => WriteCsv(o, Uncosted(rows), null);

    /// <summary>Writes the CSV header, one line per row as the rows come, then the summary line; returns the summary.
    /// With a <paramref name="costing"/> (<c>--type</c> or a <c>type</c> column), each row also gets the flight's time,
    /// fuel, CO₂ and cost columns, from its figures.</summary>
    internal static BatchSummary WriteCsv(TextWriter o, IEnumerable<CostedBatchRow> rows, BatchCosting? costing)
    {
        var tally = new BatchTally();
        // Numbers go through DecimalText, straight into the builder: the output is most of a batch's cost after planning.
        // The text goes out in pieces of about ChunkChars, which stay in the cache and on the small-object heap.
        var sb = new StringBuilder(ChunkChars + 1024);
        sb.Append("line,").Append(CsvHeader(costing is not null)).Append('\n');
        foreach (var c in rows)
        {
            tally.Add(c.Row.Plan);
            if (sb.Length >= ChunkChars) { o.Write(sb); sb.Clear(); }
            sb.Append(c.Row.Row.LineNumber).Append(',');
            AppendCsvRow(sb, c, costing);
        }
        var s = tally.Summary;
        sb.Append(Inv,
            $"# summary: routes {s.Routes}, affected {s.Affected} (detour {s.Detour}, unreachable {s.Unreachable}), direct {s.Direct}, errors {s.Errors}, total extra {s.TotalExtraKm:F1} km, mean extra {s.MeanExtraKm:F1} km per detoured route\n");
        o.Write(sb);
        return s;
    }

    /// <summary>The CSV columns after <c>line</c>; with the performance block when rows are costed.</summary>
    internal static string CsvHeader(bool costed) => "from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints" +
        (costed ? ",type,block_min_direct,block_min,fuel_kg_direct,fuel_kg,co2_kg,cost_usd,extra_minutes,extra_fuel_kg,extra_co2_kg,extra_cost_usd,error_code,co2_kg_direct,cost_usd_direct,range_status,tech_stop,tech_stop_leg1_km,tech_stop_leg2_km" : "");

    /// <summary>One CSV row from <c>from</c> on (the caller writes <c>line</c>), ending in a newline. With a
    /// <paramref name="costing"/>, rows add the row's type (its <c>type</c> column, else <c>--type</c>), its figures
    /// (<see cref="CostedBatchRow.Cost"/>) and, for an error row, the error code.</summary>
    internal static void AppendCsvRow(StringBuilder sb, CostedBatchRow c, BatchCosting? costing)
    {
        var r = c.Row;
        {
            Field(sb, r.Error == null ? r.From.Code : r.Row.From).Append(',');
            Field(sb, r.Error == null ? r.To.Code : r.Row.To).Append(',');
            if (r.Error != null)
            {
                sb.Append("error,,,,,,");
                Field(sb, r.Error);
                if (costing is null) { sb.Append(",\n"); return; }
                sb.Append(",,");
                Field(sb, Csv.Clip(costing.TypeText(r.Row) ?? ""));
                sb.Append(",,,,,,,,,,,").Append(RouteJson.ErrorCode(r.ErrorKind)).Append(",,,,,,\n");
                return;
            }
            var p = r.Plan!;
            sb.Append(RouteJson.StatusName(p.Status)).Append(',');
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
            if (costing is not null) // the flight's figures (empty when unreachable or when the row has no type)
            {
                var ac = c.Cost;
                sb.Append(',').Append(ac?.Type.Icao ?? "");
                var d = ac?.Cost;
                foreach (var v in (double?[])[d?.Direct.BlockMinutes, d?.Flown.BlockMinutes, d?.Direct.FuelKg, d?.Flown.FuelKg, d?.Flown.Co2Kg,
                             d?.Flown.CostUsd, d?.ExtraMinutes, d?.ExtraFuelKg, d?.ExtraCo2Kg, d?.ExtraCostUsd])
                    if (v is { } x && double.IsFinite(x)) sb.Append(',').AppendFixed(x, 1); else sb.Append(','); // no finite fuel far beyond the range
                sb.Append(','); // error_code: none
                foreach (var v in (double?[])[d?.Direct.Co2Kg, d?.Direct.CostUsd])
                    if (v is { } x && double.IsFinite(x)) sb.Append(',').AppendFixed(x, 1); else sb.Append(',');
                // Whether the flown route fits the range; beyond it, the technical stop ("none": no open airport works).
                var stop = ac?.Range;
                sb.Append(',').Append(stop is null ? "" : stop.StatusCode);
                sb.Append(',').Append(stop is not { Needed: true } ? "" : stop.Stop?.Code ?? "none");
                if (stop?.FirstLeg is { } l1) sb.Append(',').AppendFixed(l1.DistanceKm, 1); else sb.Append(',');
                if (stop?.SecondLeg is { } l2) sb.Append(',').AppendFixed(l2.DistanceKm, 1); else sb.Append(',');
            }
            sb.Append('\n');
        }
    }

    /// <summary>Writes <c>{"results": [...], "summary": {...}}</c> as the rows come (<see cref="RouteJson"/>), each
    /// costed row with its <c>"performance"</c> object; returns the summary.</summary>
    internal static BatchSummary WriteJson(TextWriter o, IEnumerable<CostedBatchRow> rows, BatchCosting? costing)
    {
        if (costing is null) return RouteJson.WriteBatch(o, rows.Select(c => c.Row));
        // The writer asks for a row's extra properties as it writes the row just taken from the sequence: that row's
        // figures are the current ones.
        CostedBatchRow current = default;
        return RouteJson.WriteBatch(o, rows.Select(c => (current = c).Row), r =>
        {
            if (!ReferenceEquals(r, current.Row)) throw new InvalidOperationException("the JSON writer asked for another row than the current one");
            return current.Cost is { } ac ? jw => PerformanceCliOptions.WriteJson(jw, ac.Type, ac.Conditions, ac.Cost, ac.Range, r.Plan) : null;
        });
    }

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\n\r");

    private static StringBuilder Field(StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny(NeedsQuotes) < 0) return sb.Append(text);
        if (!text.Contains('"')) return sb.Append('"').Append(text).Append('"');
        return sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }
}
