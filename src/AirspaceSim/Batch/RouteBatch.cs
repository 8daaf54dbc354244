using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Batch;

/// <summary>Why a batch row has no plan.</summary>
public enum BatchErrorKind
{
    /// <summary>The row was planned.</summary>
    None,
    /// <summary>The row could not be read (<see cref="RouteListRow.Problem"/> says how).</summary>
    Row,
    /// <summary>The origin is an unknown code or invalid coordinates.</summary>
    From,
    /// <summary>The destination is an unknown code or invalid coordinates.</summary>
    To,
    /// <summary>The planner rejected the pair (antipodal ends).</summary>
    Route,
    /// <summary>The row's aircraft type is unknown (set by a caller that costs the rows, such as the command line's
    /// <c>batch</c> with a <c>type</c> column or <c>--type</c>).</summary>
    AircraftType,
    /// <summary>The row's aircraft type cannot fly the conditions asked for (a cruise level above its ceiling, a wind
    /// not below its airspeed; set by a caller that costs the rows, as <see cref="AircraftType"/>).</summary>
    AircraftLimit,
}

/// <summary>One row's outcome: the resolved ends and plan, or why it could not be computed.</summary>
/// <param name="Row">The input row.</param>
/// <param name="From">The resolved origin; default when it did not resolve.</param>
/// <param name="To">The resolved destination; default when it did not resolve.</param>
/// <param name="Plan">The plan; null for an error row.</param>
/// <param name="ErrorKind">What failed, or <see cref="BatchErrorKind.None"/>.</param>
/// <param name="Error">Why the row has no plan (prefixed <c>from: </c> or <c>to: </c> for an end that did not
/// resolve); null when planned.</param>
public sealed record BatchRow(RouteListRow Row, RouteEnd From, RouteEnd To, RoutePlan? Plan, BatchErrorKind ErrorKind, string? Error);

/// <summary>Totals over a batch.</summary>
/// <param name="Routes">Rows, errors included.</param>
/// <param name="Direct">Rows whose direct route is clear.</param>
/// <param name="Detour">Rows that detour.</param>
/// <param name="Unreachable">Rows with no route.</param>
/// <param name="Errors">Rows that could not be computed.</param>
/// <param name="TotalExtraKm">Extra km of the detours, summed in row order.</param>
public sealed record BatchSummary(int Routes, int Direct, int Detour, int Unreachable, int Errors, double TotalExtraKm)
{
    /// <summary>Rows whose direct route crosses a closure (detour or unreachable).</summary>
    public int Affected => Detour + Unreachable;

    /// <summary>Mean extra km per detoured row; 0 without detours.</summary>
    public double MeanExtraKm => Detour > 0 ? TotalExtraKm / Detour : 0;

    /// <summary>Totals over plans; a null plan is a row that could not be computed.</summary>
    public static BatchSummary Of(IEnumerable<RoutePlan?> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var tally = new BatchTally();
        foreach (var plan in plans) tally.Add(plan);
        return tally.Summary;
    }
}

/// <summary>Adds up a batch row by row, as it streams (not thread-safe: one consumer, rows in order).</summary>
public sealed class BatchTally
{
    private int _routes, _direct, _detour, _unreachable, _errors;
    private double _extra;

    /// <summary>Counts one row: its plan, or null for a row that could not be computed.</summary>
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

    /// <summary>The totals so far.</summary>
    public BatchSummary Summary => new(_routes, _direct, _detour, _unreachable, _errors, _extra);
}

/// <summary>How a batch runs.</summary>
public sealed record BatchOptions
{
    /// <summary>Rows read, planned and handed out together (default 8,192): memory is bounded by a chunk, not by the
    /// list, and a chunk is large enough for the cores to share evenly.</summary>
    public int ChunkRows { get; init; } = 8192;

    /// <summary>Most threads planning a chunk; -1 (the default) for all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>
/// Plans a stream of route list rows: reads a chunk of rows, resolves their ends (each distinct text once), plans the
/// chunk on all cores and hands its results out in input order, while the next chunks are read and planned (at most
/// two ahead). Memory is bounded by a few chunks whatever the number of rows, and the first results come out while
/// the rest is still being read.
/// </summary>
public static class RouteBatch
{
    /// <summary>Distinct texts whose resolution is remembered; the cache starts afresh past this, so that a list of
    /// millions of distinct coordinates does not grow it without bound.</summary>
    private const int CacheLimit = 1 << 16;

    /// <summary>As <see cref="Plan(IEnumerable{RouteListRow}, AirportDirectory, DetourPlanner, BatchOptions?, IProgress{long}?, CancellationToken)"/>
    /// with the default options, no progress and no cancellation.</summary>
    public static IEnumerable<BatchRow> Plan(IEnumerable<RouteListRow> rows, AirportDirectory airports, DetourPlanner planner) =>
        Plan(rows, airports, planner, null, null, CancellationToken.None);

    /// <summary>As <see cref="Plan(IEnumerable{RouteListRow}, AirportDirectory, DetourPlanner, BatchOptions?, IProgress{long}?, CancellationToken)"/>
    /// with no progress and no cancellation.</summary>
    public static IEnumerable<BatchRow> Plan(IEnumerable<RouteListRow> rows, AirportDirectory airports, DetourPlanner planner, BatchOptions? options) =>
        Plan(rows, airports, planner, options, null, CancellationToken.None);

    /// <summary>As <see cref="Plan(IEnumerable{RouteListRow}, AirportDirectory, DetourPlanner, BatchOptions?, IProgress{long}?, CancellationToken)"/>
    /// with no cancellation.</summary>
    public static IEnumerable<BatchRow> Plan(IEnumerable<RouteListRow> rows, AirportDirectory airports, DetourPlanner planner, BatchOptions? options,
        IProgress<long>? progress) =>
        Plan(rows, airports, planner, options, progress, CancellationToken.None);

    /// <summary>
    /// One result per row, in input order, computed a chunk at a time as the results are enumerated. A row that
    /// cannot be read, resolved or planned is an error row; it never stops the batch.
    /// </summary>
    /// <param name="rows">The rows, e.g. <see cref="RouteListReader.ReadRows"/>; enumerated once, lazily, on a
    /// background thread (one at a time).</param>
    /// <param name="airports">Resolves codes.</param>
    /// <param name="planner">Plans the routes.</param>
    /// <param name="options">Chunk size and parallelism; null for the defaults.</param>
    /// <param name="progress">Told the number of rows done after each chunk.</param>
    /// <param name="cancellationToken">Checked between chunks. Stopping the enumeration early stops the planning too.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A chunk size below 1.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (raised while enumerating).</exception>
    public static IEnumerable<BatchRow> Plan(IEnumerable<RouteListRow> rows, AirportDirectory airports, DetourPlanner planner,
        BatchOptions? options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(airports);
        ArgumentNullException.ThrowIfNull(planner);
        options ??= new BatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkRows, 1, nameof(options));
        return Chunks(rows, airports, planner, options, progress, cancellationToken);
    }

    /// <summary>Chunks planned ahead: one being handed out, up to this many ready behind it.</summary>
    private const int ChunksAhead = 2;

    // The chunks are planned on a background task, ChunksAhead chunks ahead of the consumer, so that writing the
    // results of one chunk (sequential, often a third of a batch's time) overlaps with planning the next.
    private static IEnumerable<BatchRow> Chunks(IEnumerable<RouteListRow> rows, AirspaceSim.Data.AirportDirectory airports, DetourPlanner planner,
        BatchOptions options, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var ready = new System.Collections.Concurrent.BlockingCollection<BatchRow[]>(ChunksAhead);
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var chunk in PlanChunks(rows, airports, planner, options, stop.Token)) ready.Add(chunk, stop.Token);
            }
            finally { ready.CompleteAdding(); }
        });
        long done = 0;
        try
        {
            foreach (var chunk in ready.GetConsumingEnumerable())
            {
                foreach (var row in chunk) yield return row;
                done += chunk.Length;
                progress?.Report(done);
            }
            producer.GetAwaiter().GetResult(); // the reader's or planner's exception, if any, or the cancellation
        }
        finally
        {
            // An abandoned enumeration stops the producer, which ends at its next chunk.
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
        }
    }

    /// <summary>The results, a chunk at a time, each chunk in input order.</summary>
    private static IEnumerable<BatchRow[]> PlanChunks(IEnumerable<RouteListRow> rows, AirspaceSim.Data.AirportDirectory airports,
        DetourPlanner planner, BatchOptions options, CancellationToken cancellationToken)
    {
        var cache = new Dictionary<string, (RouteEnd End, string? Error)>(StringComparer.OrdinalIgnoreCase);
        int n = options.ChunkRows;
        var chunk = new List<RouteListRow>(n);
        var pending = new List<(int Row, RouteEnd From, RouteEnd To)>(n);
        var pairs = new List<(GeoPoint, GeoPoint)>(n);
        using var e = rows.GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            chunk.Clear();
            while (chunk.Count < n && e.MoveNext()) chunk.Add(e.Current ?? throw new ArgumentException("a null row", nameof(rows)));
            if (chunk.Count == 0) yield break;

            // Rows that do not resolve are done; the others are planned together.
            var results = new BatchRow[chunk.Count];
            pending.Clear();
            pairs.Clear();
            for (int i = 0; i < chunk.Count; i++)
            {
                var row = chunk[i];
                if (row.Error != null) { results[i] = new BatchRow(row, default, default, null, BatchErrorKind.Row, row.Error); continue; }
                var (from, fromError) = Resolve(row.From);
                var (to, toError) = Resolve(row.To);
                if (fromError != null) results[i] = new BatchRow(row, from, to, null, BatchErrorKind.From, "from: " + fromError);
                else if (toError != null) results[i] = new BatchRow(row, from, to, null, BatchErrorKind.To, "to: " + toError);
                else { pending.Add((i, from, to)); pairs.Add((from.Point, to.Point)); }
            }
            var plans = planner.PlanAll(pairs, options.MaxDegreeOfParallelism);
            for (int k = 0; k < pending.Count; k++)
            {
                var (i, from, to) = pending[k];
                var (plan, error) = plans[k];
                results[i] = error == null
                    ? new BatchRow(chunk[i], from, to, plan, BatchErrorKind.None, null)
                    : new BatchRow(chunk[i], from, to, null, BatchErrorKind.Route, error.Message);
            }
            yield return results;
            if (chunk.Count < n) yield break;
        }

        (RouteEnd End, string? Error) Resolve(string text)
        {
            if (cache.TryGetValue(text, out var hit)) return hit;
            try
            {
                hit = (airports.Resolve(text), null);
            }
            catch (Exception ex) when (ex is FormatException or KeyNotFoundException) { hit = (default, ex.Message); }
            if (cache.Count >= CacheLimit) cache.Clear();
            cache[text] = hit;
            return hit;
        }
    }
}
