using System.Buffers;
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
        var perf = new PerformanceCliOptions();
        var cmd = new Command("batch", "Shortest routes around the closed airspaces for every row of a route list.");
        cmd.Arguments.Add(routes);
        cmd.Options.Add(format);
        planning.AddTo(cmd);
        perf.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            var ctx = planning.Load(parse, io);
            string path = parse.GetValue(routes)!;
            IReadOnlyList<RouteListRow> rows;
            if (path == "-") rows = RouteListReader.Read(io.In, "standard input");
            else if (!File.Exists(path)) throw new CliException($"route list not found: {path}");
            else rows = RouteListReader.ReadFile(path);
            var result = Run(ctx, rows);
            var aircraft = perf.Read(parse);
            if (parse.GetValue(format) == "json") WriteJson(io.Out, result, aircraft); else WriteCsv(io.Out, result, aircraft);
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
        var cache = new Dictionary<string, (RouteOutput.End End, string? Error)>(StringComparer.OrdinalIgnoreCase);
        (RouteOutput.End End, string? Error) Resolve(string text)
        {
            if (cache.TryGetValue(text, out var hit)) return hit;
            try
            {
                var (code, p) = ctx.Airports.ResolveLocation(text);
                hit = (new RouteOutput.End(code, p), null);
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException) { hit = (default, e.Message); }
            cache[text] = hit;
            return hit;
        }

        // Rows that do not resolve are done; the others are planned together.
        var list = new BatchRow[rows.Count];
        var pending = new List<(int Row, RouteOutput.End From, RouteOutput.End To)>(rows.Count);
        var pairs = new List<(GeoPoint, GeoPoint)>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var (from, fromError) = Resolve(rows[i].From);
            var (to, toError) = Resolve(rows[i].To);
            string? error = fromError != null ? "from: " + fromError : toError != null ? "to: " + toError : null;
            if (error != null) list[i] = new BatchRow(rows[i], from, to, null, error);
            else { pending.Add((i, from, to)); pairs.Add((from.Point, to.Point)); }
        }
        var plans = ctx.Planner.PlanAll(pairs, maxDegreeOfParallelism);
        for (int k = 0; k < pending.Count; k++)
        {
            var (i, from, to) = pending[k];
            var (plan, error) = plans[k];
            list[i] = new BatchRow(rows[i], from, to, error == null ? plan : null, error?.Message);
        }

        var tally = new Tally();
        foreach (var r in list) tally.Add(r.Plan); // in row order: the total extra is a floating-point sum
        return new BatchResult(list, tally.Summary);
    }

    /// <summary>Totals over plans; a null plan is a row that could not be computed.</summary>
    internal static BatchSummary Summarize(IEnumerable<RoutePlan?> plans)
    {
        var tally = new Tally();
        foreach (var plan in plans) tally.Add(plan);
        return tally.Summary;
    }

    private struct Tally
    {
        private int _routes, _direct, _detour, _unreachable, _errors;
        private double _extra;

        public void Add(RoutePlan? plan)
        {
            _routes++;
            switch (plan?.Status)
            {
                case null: _errors++; break;
                case RouteStatus.Direct: _direct++; break;
                case RouteStatus.Detour: _detour++; _extra += plan.ExtraKm ?? 0; break;
                default: _unreachable++; break;
            }
        }

        public readonly BatchSummary Summary => new(_routes, _direct, _detour, _unreachable, _errors, _extra);
    }

    private const int ChunkChars = 16 * 1024;

    internal static void WriteCsv(TextWriter o, BatchResult result, (Performance.AircraftType Type, Performance.FlightConditions Conditions)? aircraft = null)
    {
        // Numbers go through DecimalText, straight into the builder: the output is most of a batch's cost after planning.
        // The text goes out in pieces of about ChunkChars, which stay in the cache and on the small-object heap.
        var sb = new StringBuilder(ChunkChars + 1024);
        sb.Append("line,from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints")
          .Append(aircraft is null ? "\n" : ",type,block_min_direct,block_min,fuel_kg_direct,fuel_kg,co2_kg,cost_usd,extra_minutes,extra_fuel_kg,extra_co2_kg,extra_cost_usd\n");
        foreach (var r in result.Rows)
        {
            if (sb.Length >= ChunkChars) { o.Write(sb.ToString()); sb.Clear(); }
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
        var s = result.Summary;
        sb.Append(Inv,
            $"# summary: routes {s.Routes}, affected {s.Affected} (detour {s.Detour}, unreachable {s.Unreachable}), direct {s.Direct}, errors {s.Errors}, total extra {s.TotalExtraKm:F1} km, mean extra {s.MeanExtraKm:F1} km per detoured route\n");
        o.Write(sb.ToString());
    }

    internal static void WriteJson(TextWriter o, BatchResult result, (Performance.AircraftType Type, Performance.FlightConditions Conditions)? aircraft = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = RouteOutput.Encoder }))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var r in result.Rows)
            {
                if (r.Error != null) RouteOutput.WriteErrorJson(w, r.Row.LineNumber, r.Row.From, r.Row.To, r.Error);
                else RouteOutput.WriteJson(w, r.From, r.To, r.Plan!, r.Row.LineNumber, aircraft is { } ac
                    ? jw => PerformanceCliOptions.WriteJson(jw, ac.Type, ac.Conditions, PerformanceCliOptions.Estimate(ac, r.Plan!)) : null);
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

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\n\r");

    private static StringBuilder Field(StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny(NeedsQuotes) < 0) return sb.Append(text);
        if (!text.Contains('"')) return sb.Append('"').Append(text).Append('"');
        return sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }
}
