using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var planning = new PlanningOptions();
        var cmd = new Command("batch", "Shortest routes around the closed airspaces for every row of a route list.");
        cmd.Arguments.Add(routes);
        cmd.Options.Add(format);
        planning.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            var ctx = planning.Load(parse, io);
            string path = parse.GetValue(routes)!;
            IReadOnlyList<RouteListRow> rows;
            if (path == "-") rows = RouteListReader.Read(io.In, "standard input");
            else if (!File.Exists(path)) throw new CliException($"route list not found: {path}");
            else rows = RouteListReader.ReadFile(path);
            var result = Run(ctx, rows);
            if (parse.GetValue(format) == "json") WriteJson(io.Out, result); else WriteCsv(io.Out, result);
            foreach (var r in result.Rows)
                if (r.Error != null) io.Err.WriteLine($"airspacesim: {(path == "-" ? "standard input" : path)}: line {r.Row.LineNumber}: {r.Error}");
            return result.Summary.Errors > 0 ? 1 : 0;
        }));
        return cmd;
    }

    /// <summary>One row's outcome: the resolved ends and plan, or why it could not be computed.</summary>
    internal sealed record BatchRow(RouteListRow Row, RouteOutput.End From, RouteOutput.End To, RoutePlan? Plan, string? Error);

    /// <summary>Totals over a batch. Affected = the direct route crosses a closure (detour or unreachable).</summary>
    internal sealed record BatchSummary(int Routes, int Direct, int Detour, int Unreachable, int Errors, double TotalExtraKm)
    {
        public int Affected => Detour + Unreachable;
        public double MeanExtraKm => Detour > 0 ? TotalExtraKm / Detour : 0;
    }

    internal sealed record BatchResult(IReadOnlyList<BatchRow> Rows, BatchSummary Summary);

    /// <summary>Resolves every row (codes cached), plans the valid ones in parallel and totals the results.</summary>
    internal static BatchResult Run(PlanningContext ctx, IReadOnlyList<RouteListRow> rows, int maxDegreeOfParallelism = -1)
    {
        var cache = new Dictionary<string, (RouteOutput.End? End, string? Error)>(StringComparer.OrdinalIgnoreCase);
        (RouteOutput.End? End, string? Error) Resolve(string text)
        {
            if (cache.TryGetValue(text, out var hit)) return hit;
            try
            {
                var (code, p) = ctx.Airports.ResolveLocation(text);
                hit = (new RouteOutput.End(code, p), null);
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException) { hit = (null, e.Message); }
            cache[text] = hit;
            return hit;
        }

        var ends = new (RouteOutput.End From, RouteOutput.End To, string? Error)[rows.Count];
        var pairs = new List<(GeoPoint, GeoPoint)>(rows.Count);
        var index = new List<int>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var a = Resolve(rows[i].From); var b = Resolve(rows[i].To);
            string? err = a.Error != null ? $"from: {a.Error}" : b.Error != null ? $"to: {b.Error}" : null;
            ends[i] = (a.End ?? default, b.End ?? default, err);
            if (err == null) { pairs.Add((a.End!.Value.Point, b.End!.Value.Point)); index.Add(i); }
        }
        var plans = ctx.Planner.PlanAll(pairs, maxDegreeOfParallelism);
        var planned = new (RoutePlan?, string?)[rows.Count];
        for (int k = 0; k < index.Count; k++) planned[index[k]] = (plans[k].Plan, plans[k].Error?.Message);

        var list = new BatchRow[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var (plan, planError) = planned[i];
            string? error = ends[i].Error ?? planError;
            list[i] = new BatchRow(rows[i], ends[i].From, ends[i].To, error == null ? plan : null, error);
        }
        return new BatchResult(list, Summarize(list.Select(r => r.Plan)));
    }

    /// <summary>Totals over plans; a null plan is a row that could not be computed.</summary>
    internal static BatchSummary Summarize(IEnumerable<RoutePlan?> plans)
    {
        int routes = 0, direct = 0, detour = 0, unreachable = 0, errors = 0;
        double extra = 0;
        foreach (var plan in plans)
        {
            routes++;
            switch (plan?.Status)
            {
                case null: errors++; break;
                case RouteStatus.Direct: direct++; break;
                case RouteStatus.Detour: detour++; extra += plan.ExtraKm ?? 0; break;
                default: unreachable++; break;
            }
        }
        return new BatchSummary(routes, direct, detour, unreachable, errors, extra);
    }

    internal static void WriteCsv(TextWriter o, BatchResult result)
    {
        var sb = new StringBuilder(result.Rows.Count * 96);
        sb.Append("line,from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints\n");
        foreach (var r in result.Rows)
        {
            sb.Append(r.Row.LineNumber).Append(',');
            Field(sb, r.Error == null ? r.From.Code : r.Row.From).Append(',');
            Field(sb, r.Error == null ? r.To.Code : r.Row.To).Append(',');
            if (r.Error != null)
            {
                sb.Append("error,,,,,,");
                Field(sb, r.Error).Append(",\n");
                continue;
            }
            var p = r.Plan!;
            // Formatted straight into the builder (no per-row strings): the output is most of a batch's cost.
            sb.Append(RouteOutput.Status(p.Status)).Append(',');
            sb.Append(Inv, $"{p.DirectKm:F3},");
            if (p.RouteKm is { } km) sb.Append(Inv, $"{km:F3},{p.ExtraKm!.Value:F3},{p.ExtraPercent ?? 0:F4},");
            else sb.Append(",,,");
            if (p.Crossed.Count > 0) Field(sb, p.Crossed.Count == 1 ? p.Crossed[0] : string.Join(' ', p.Crossed));
            sb.Append(',');
            Field(sb, p.Reason ?? "").Append(',');
            // Waypoints "lat lon;lat lon": digits, signs, dots, blanks and semicolons need no CSV quoting.
            for (int i = 0; i < p.Waypoints.Count; i++)
            {
                if (i > 0) sb.Append(';');
                // Rounded to 6 decimals (0.1 m) and printed shortest-round-trip: a custom format string costs ~10× more.
                sb.Append(Inv, $"{Math.Round(p.Waypoints[i].LatDeg, 6)} {Math.Round(p.Waypoints[i].LonDeg, 6)}");
            }
            sb.Append('\n');
        }
        var s = result.Summary;
        sb.Append(string.Create(Inv,
            $"# summary: routes {s.Routes}, affected {s.Affected} (detour {s.Detour}, unreachable {s.Unreachable}), direct {s.Direct}, errors {s.Errors}, total extra {s.TotalExtraKm:F1} km, mean extra {s.MeanExtraKm:F1} km per detoured route\n"));
        o.Write(sb.ToString());
    }

    internal static void WriteJson(TextWriter o, BatchResult result)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = RouteOutput.Encoder }))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var r in result.Rows)
            {
                if (r.Error != null) RouteOutput.WriteErrorJson(w, r.Row.LineNumber, r.Row.From, r.Row.To, r.Error);
                else RouteOutput.WriteJson(w, r.From, r.To, r.Plan!, r.Row.LineNumber);
            }
            w.WriteEndArray();
            var s = result.Summary;
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
        }
        o.WriteLine(Encoding.UTF8.GetString(ms.ToArray()));
    }

    private static StringBuilder Field(StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\n\r") < 0) return sb.Append(text);
        if (!text.Contains('"')) return sb.Append('"').Append(text).Append('"');
        return sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }
}
