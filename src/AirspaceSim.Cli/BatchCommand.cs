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

    // Every format can go to --out, as for whatif; csv and json go to standard output without it.
    private static readonly string[] FileFormats = ["csv", "json", "png", "svg"];

    public static Command Create(CliIO io)
    {
        var routes = new Argument<string>("ROUTES") { Description = "CSV with columns from,to (codes or quoted \"LAT,LON\"); - reads standard input." };
        var format = new Option<string>("--format") { Description = "csv, json, or png or svg (a map of every route; with --out).", DefaultValueFactory = _ => "csv" };
        format.OneOf("csv", "json", "png", "svg");
        var output = new Option<string?>("--out") { Description = $"Write to this file instead of standard output (required for png and svg). Without --format, the extension chooses it ({OutFormat.Pairs(FileFormats)}); a known extension that contradicts --format is an error." };
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
            string? outFile = ImageOutput.IsFile(fmt) ? ImageOutput.RequireOut(parse.GetValue(output), fmt) : null;
            string? textFile = outFile == null ? parse.GetValue(output) : null; // csv or json to a file (checked by Resolve)
            var sizes = image.Read(parse, fmt);
            var ctx = planning.Load(parse, io);
            string path = parse.GetValue(routes)!;
            string source = path == "-" ? "standard input" : path;
            if (path != "-") CliApp.RequireFile(path, "route list");
            // The rows stream from the list to the file: writing over the list would truncate it before it is read.
            if (path != "-" && (textFile ?? outFile) is { } target && string.Equals(Path.GetFullPath(target), Path.GetFullPath(path), StringComparison.Ordinal))
                throw new CliException($"--out {target}: that is the route list being read; give another file");
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
            bool show = bytes != null && io.ErrIsTerminal && (outFile != null || textFile != null || !io.OutIsTerminal) && length > LargeBytes;
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
                    if (textFile == null) return fmt == "json" ? BatchJsonWriter.Write(io.Out, results) : BatchCsvWriter.Write(io.Out, results, costing);
                    // Streamed to the file as to stdout (a million rows are not held), with the same bytes: the
                    // writer of Program's stdout (UTF-8 without a BOM, 64 KiB buffer).
                    using var text = new StreamWriter(textFile, false, new UTF8Encoding(false), 64 * 1024);
                    return fmt == "json" ? BatchJsonWriter.Write(text, results) : BatchCsvWriter.Write(text, results, costing);
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

    /// <summary>Batches of more rows than this draw a progress bar (see <see cref="CliProgress"/>).</summary>
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

    /// <summary>Rows without figures (no <c>--type</c> nor <c>type</c> column, or a map).</summary>
    internal static IEnumerable<CostedBatchRow> Uncosted(IEnumerable<BatchRow> rows) => rows.Select(r => new CostedBatchRow(r, null));
}
