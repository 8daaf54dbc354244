using System.Globalization;
using System.Text;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Simulation;

/// <summary>
/// The CSV of a batch, as <c>airspacesim batch --format csv</c> prints it (and <c>route --format csv</c> for one
/// route), here so that a library user who plans (<see cref="RouteBatch"/>) and costs (<see cref="BatchCosting"/>) a
/// batch writes the same bytes.
/// </summary>
/// <remarks>
/// <para>Columns: <c>line,from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints</c>; with a
/// costing, also <c>type,block_min_direct,block_min,fuel_kg_direct,fuel_kg,co2_kg,cost_usd,extra_minutes,extra_fuel_kg,
/// extra_co2_kg,extra_cost_usd,error_code,co2_kg_direct,cost_usd_direct,range_status,tech_stop,tech_stop_leg1_km,
/// tech_stop_leg2_km</c>. Then a last line <c># summary: ...</c>. Lines end in <c>\n</c>; numbers are invariant culture:
/// kilometres with 3 decimals, the percentage with 4, the flight's figures with 1, waypoints <c>lat lon;lat lon</c>
/// rounded to 1e-6 degrees (0.1 m). Fields are quoted as RFC 4180 asks (commas, quotes, line breaks).</para>
/// <para>An error row has <c>status</c> <c>error</c>, its reason in <c>reason</c>, the ends as the row gave them and,
/// with a costing, the type it asked for and its <c>error_code</c> (<see cref="RouteJson.ErrorCode"/>). A figure the
/// model has no finite value for (fuel far beyond the range), and every figure of a row with none, is empty.</para>
/// <para>Rows are written as they come, a few kilobytes at a time: a batch of millions of rows is never held.
/// Stateless and thread-safe.</para>
/// </remarks>
public static class BatchCsvWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // The text goes out in pieces of about this many chars, which stay in the cache and on the small-object heap.
    private const int ChunkChars = 16 * 1024;

    /// <summary>As <see cref="Write(TextWriter, IEnumerable{CostedBatchRow}, BatchCosting)"/> for rows without
    /// figures: the route columns only.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static BatchSummary Write(TextWriter output, IEnumerable<BatchRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Write(output, rows.Select(r => new CostedBatchRow(r, null)), null);
    }

    /// <summary>
    /// Writes the header, one line per row as the rows come, then the summary line; returns the summary.
    /// </summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="rows">The rows, e.g. from <see cref="BatchCosting.Cost(IEnumerable{BatchRow})"/>; enumerated once.</param>
    /// <param name="costing">The costing that gave the rows their figures: with it, every row also gets the
    /// performance columns (its type: the row's own, else the default; empty figures for a row without
    /// <see cref="CostedBatchRow.Cost"/>); null for the route columns only.</param>
    /// <exception cref="ArgumentNullException">A null output or rows.</exception>
    /// <exception cref="ArgumentException">Raised while writing for a default <see cref="CostedBatchRow"/> (no row).</exception>
    public static BatchSummary Write(TextWriter output, IEnumerable<CostedBatchRow> rows, BatchCosting? costing)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var tally = new BatchTally();
        // Numbers go through DecimalText, straight into the builder: the output is most of a batch's cost after planning.
        var sb = new StringBuilder(ChunkChars + 1024);
        sb.Append("line,").Append(Columns(costing is not null)).Append('\n');
        foreach (var c in rows)
        {
            var row = c.Row ?? throw new ArgumentException("a costed row without its row (default(CostedBatchRow))", nameof(rows));
            tally.Add(row.Plan);
            if (sb.Length >= ChunkChars) { output.Write(sb); sb.Clear(); }
            sb.Append(row.Row.LineNumber).Append(',');
            AppendRow(sb, c, costing);
        }
        var s = tally.Summary;
        sb.Append(Inv,
            $"# summary: routes {s.Routes}, affected {s.Affected} (detour {s.Detour}, unreachable {s.Unreachable}), direct {s.Direct}, errors {s.Errors}, total extra {s.TotalExtraKm:F1} km, mean extra {s.MeanExtraKm:F1} km per detoured route\n");
        output.Write(sb);
        return s;
    }

    /// <summary>
    /// Writes the CSV of one route, as <c>airspacesim route --format csv</c> prints it: the header without
    /// <c>line</c> and the row, without a summary.
    /// </summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="row">The route (or error row) and its figures.</param>
    /// <param name="costing">As for <see cref="Write(TextWriter, IEnumerable{CostedBatchRow}, BatchCosting)"/>.</param>
    /// <exception cref="ArgumentNullException">A null output, or a default <paramref name="row"/> (no row).</exception>
    public static void WriteRoute(TextWriter output, CostedBatchRow row, BatchCosting? costing)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(row.Row, nameof(row));
        var sb = new StringBuilder(Columns(costing is not null)).Append('\n');
        AppendRow(sb, row, costing);
        output.Write(sb);
    }

    /// <summary>The columns after <c>line</c>; with the performance block when rows are costed.</summary>
    internal static string Columns(bool costed) => "from,to,status,direct_km,route_km,extra_km,extra_percent,crossed,reason,waypoints" +
        (costed ? ",type,block_min_direct,block_min,fuel_kg_direct,fuel_kg,co2_kg,cost_usd,extra_minutes,extra_fuel_kg,extra_co2_kg,extra_cost_usd,error_code,co2_kg_direct,cost_usd_direct,range_status,tech_stop,tech_stop_leg1_km,tech_stop_leg2_km" : "");

    /// <summary>One CSV row from <c>from</c> on (the caller writes <c>line</c>), ending in a newline. With a
    /// <paramref name="costing"/>, rows add the row's type (its <c>type</c> column, else the default), its figures
    /// (<see cref="CostedBatchRow.Cost"/>) and, for an error row, the error code.</summary>
    internal static void AppendRow(StringBuilder sb, CostedBatchRow c, BatchCosting? costing)
    {
        var r = c.Row;
        sb.AppendField(r.Error == null ? r.From.Code : r.Row.From).Append(',');
        sb.AppendField(r.Error == null ? r.To.Code : r.Row.To).Append(',');
        if (r.Error != null)
        {
            sb.Append("error,,,,,,");
            sb.AppendField(r.Error);
            if (costing is null) { sb.Append(",\n"); return; }
            sb.Append(",,");
            sb.AppendField(Csv.Clip(costing.TypeText(r.Row) ?? ""));
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
        if (p.Crossed.Count > 0) sb.AppendField(p.Crossed.Count == 1 ? p.Crossed[0] : string.Join(' ', p.Crossed));
        sb.Append(',');
        sb.AppendField(p.Reason ?? "").Append(',');
        // Waypoints "lat lon;lat lon", rounded to 6 decimals (0.1 m) and printed shortest-round-trip: digits, signs,
        // dots, blanks and semicolons need no CSV quoting.
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
            Figures(sb, d?.Direct.BlockMinutes, d?.Flown.BlockMinutes, d?.Direct.FuelKg, d?.Flown.FuelKg, d?.Flown.Co2Kg,
                d?.Flown.CostUsd, d?.ExtraMinutes, d?.ExtraFuelKg, d?.ExtraCo2Kg, d?.ExtraCostUsd);
            sb.Append(','); // error_code: none
            Figures(sb, d?.Direct.Co2Kg, d?.Direct.CostUsd);
            // Whether the flown route fits the range; beyond it, the technical stop ("none": no open airport works).
            var stop = ac?.Range;
            sb.Append(',').Append(stop is null ? "" : stop.StatusCode);
            sb.Append(',').Append(stop is not { Needed: true } ? "" : stop.Stop?.Code ?? "none");
            Figures(sb, stop?.FirstLeg?.DistanceKm, stop?.SecondLeg?.DistanceKm);
        }
        sb.Append('\n');
    }

    // Each a comma and the figure with 1 decimal, or nothing where there is none or it is not finite (no finite fuel
    // far beyond the range).
    private static void Figures(StringBuilder sb, params ReadOnlySpan<double?> values)
    {
        foreach (var v in values)
            if (v is { } x && double.IsFinite(x)) sb.Append(',').AppendFixed(x, 1); else sb.Append(',');
    }
}
