using System.Text.Json;
using AirspaceSim.Batch;
using AirspaceSim.Performance;

namespace AirspaceSim.Simulation;

/// <summary>
/// The JSON of a costed batch, as <c>airspacesim batch --format json</c> prints it: the rows of
/// <see cref="RouteJson.WriteBatch(TextWriter, IEnumerable{BatchRow})"/>, each row with figures followed by its
/// <c>"performance"</c> object (<see cref="PerformanceJson.WritePerformance"/>, its <c>"range"</c> inside), here so that a
/// library user who costs a batch with <see cref="BatchCosting"/> writes the same bytes.
/// </summary>
/// <remarks>Each row's figures are handed to the row writer with the row itself (no state kept between rows), and the
/// rows are written as they come, a few kilobytes at a time. Stateless and thread-safe.</remarks>
public static class BatchJsonWriter
{
    // Static and capture-free: the figures arrive with each row.
    private static readonly Action<Utf8JsonWriter, CostedBatchRow> WritePerformance = static (w, c) =>
    {
        if (c.Cost is { } f) PerformanceJson.WritePerformance(w, f.Type, f.Conditions, f.Cost, f.Range, c.Row.Plan);
    };

    /// <summary>
    /// Writes <c>{"results": [row, ...], "summary": {...}}</c> and a newline, the rows as they come; a row with
    /// <see cref="CostedBatchRow.Cost"/> gets its <c>"performance"</c> object, an error row (<c>"status": "error"</c>,
    /// its reason and <c>"reasonCode"</c>) and a row without figures do not. Returns the summary.
    /// </summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="rows">The rows, e.g. from <see cref="BatchCosting.Cost(IEnumerable{BatchRow})"/>; enumerated once.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">Raised while writing for a default <see cref="CostedBatchRow"/> (no row).</exception>
    public static BatchSummary Write(TextWriter output, IEnumerable<CostedBatchRow> rows) =>
        RouteJson.WriteBatch(output, rows, static c => c.Row, WritePerformance);

    /// <summary>Writes one row as <see cref="Write"/> does (<see cref="RouteJson.WriteRow(Utf8JsonWriter, BatchRow)"/>
    /// and its <c>"performance"</c> object when it has figures).</summary>
    /// <exception cref="ArgumentNullException">A null writer, or a default <paramref name="row"/> (no row).</exception>
    public static void WriteRow(Utf8JsonWriter writer, CostedBatchRow row)
    {
        ArgumentNullException.ThrowIfNull(row.Row, nameof(row));
        RouteJson.WriteRow(writer, row.Row, row, WritePerformance);
    }
}
