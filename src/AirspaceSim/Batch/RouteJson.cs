using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.IO;
using AirspaceSim.Routing;

namespace AirspaceSim.Batch;

/// <summary>How <see cref="RouteJson.WriteRoute(Utf8JsonWriter, RouteEnd, RouteEnd, RoutePlan, RouteJsonOptions)"/>
/// writes one route object.</summary>
public sealed record RouteJsonOptions
{
    /// <summary>The input line, written first as <c>"line"</c> (a batch row); null (the default) for none.</summary>
    public int? LineNumber { get; init; }

    /// <summary>Writes further properties at the end of the route object (e.g. the command line's <c>"performance"</c>
    /// object); null (the default) for none. It must write whole properties and leave the object open.</summary>
    public Action<Utf8JsonWriter>? WriteExtraProperties { get; init; }
}

/// <summary>
/// The JSON and GeoJSON forms of routes and batch rows: the objects that <c>airspacesim route --format json</c>,
/// <c>--format geojson</c> and <c>batch --format json</c> print, here so that a library user writes the same bytes.
/// </summary>
/// <remarks>
/// Every number is written by <see cref="Utf8JsonWriter"/>, which is culture-invariant; lengths are rounded to 1e-3 km
/// (1 m), percentages to 1e-4, positions to 1e-6 degrees (0.11 m). A batch error row has the same fields as a planned
/// one, null or empty, so that a reader handles every row alike. GeoJSON is RFC 7946: longitudes in [-180, 180], lines
/// and polygons cut at the antimeridian, outer rings counter-clockwise (<see cref="GeoJsonGeometry"/>). Stateless and
/// thread-safe.
/// </remarks>
public static class RouteJson
{
    /// <summary>The encoder the writers' output is meant for: readable text, quotes and apostrophes in reasons left as
    /// they are (the output is not meant to be embedded in HTML unescaped).</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The <c>"status"</c> text of a plan: <c>direct</c>, <c>detour</c> or <c>unreachable</c>.</summary>
    public static string StatusName(RouteStatus status) => status switch
    {
        RouteStatus.Direct => "direct",
        RouteStatus.Detour => "detour",
        _ => "unreachable",
    };

    /// <summary>The <c>"reasonCode"</c> of an error row, words a program can match: <c>bad-row</c>,
    /// <c>unknown-origin</c>, <c>unknown-destination</c>, <c>route-rejected</c>, <c>unknown-aircraft-type</c>; empty for
    /// <see cref="BatchErrorKind.None"/>.</summary>
    public static string ErrorCode(BatchErrorKind kind) => kind switch
    {
        BatchErrorKind.Row => "bad-row",
        BatchErrorKind.From => "unknown-origin",
        BatchErrorKind.To => "unknown-destination",
        BatchErrorKind.Route => "route-rejected",
        BatchErrorKind.AircraftType => "unknown-aircraft-type",
        BatchErrorKind.AircraftLimit => "aircraft-limit",
        _ => "",
    };

    /// <summary>As <see cref="WriteRoute(Utf8JsonWriter, RouteEnd, RouteEnd, RoutePlan, RouteJsonOptions)"/> with the
    /// default options.</summary>
    public static void WriteRoute(Utf8JsonWriter writer, RouteEnd from, RouteEnd to, RoutePlan plan) =>
        WriteRoute(writer, from, to, plan, new RouteJsonOptions());

    /// <summary>Writes one route object: <c>{"from": {"code", "lat", "lon"}, "to": ..., "status", "reason",
    /// "reasonCode", "directKm", "routeKm", "extraKm", "extraPercent", "crossed", "waypoints", "legsKm",
    /// "departsThroughBuffer", "arrivesThroughBuffer", "bufferExcessBoundKm"}</c>, preceded by <c>"line"</c> and
    /// followed by the extra properties when the options give them.</summary>
    public static void WriteRoute(Utf8JsonWriter writer, RouteEnd from, RouteEnd to, RoutePlan plan, RouteJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        WriteRoute(writer, from, to, plan, options.LineNumber, options.WriteExtraProperties, InvokeExtra);
    }

    private static readonly Action<Utf8JsonWriter, Action<Utf8JsonWriter>?> InvokeExtra = static (w, extra) => extra?.Invoke(w);

    // The route object, its extra properties written from an explicit state (a batch item) rather than a closure.
    private static void WriteRoute<T>(Utf8JsonWriter w, RouteEnd from, RouteEnd to, RoutePlan plan, int? lineNumber, T state, Action<Utf8JsonWriter, T>? writeExtraProperties)
    {
        w.WriteStartObject();
        if (lineNumber is { } line) w.WriteNumber("line", line);
        WriteEnd(w, "from", from);
        WriteEnd(w, "to", to);
        w.WriteString("status", StatusName(plan.Status));
        if (plan.Reason is null) w.WriteNull("reason"); else w.WriteString("reason", plan.Reason);
        w.WriteNull("reasonCode"); // planned: no error code (an error row has one; route and batch rows share fields)
        w.WriteNumber("directKm", Math.Round(plan.DirectKm, 3));
        WriteNullable(w, "routeKm", plan.RouteKm, 3);
        WriteNullable(w, "extraKm", plan.ExtraKm, 3);
        WriteNullable(w, "extraPercent", plan.ExtraPercent, 4);
        w.WriteStartArray("crossed");
        foreach (var id in plan.Crossed) w.WriteStringValue(id);
        w.WriteEndArray();
        WriteWaypoints(w, plan.Waypoints);
        w.WriteStartArray("legsKm");
        foreach (var l in plan.LegKm) w.WriteNumberValue(Math.Round(l, 3));
        w.WriteEndArray();
        w.WriteBoolean("departsThroughBuffer", plan.DepartsThroughBuffer);
        w.WriteBoolean("arrivesThroughBuffer", plan.ArrivesThroughBuffer);
        w.WriteNumber("bufferExcessBoundKm", Math.Round(plan.BufferExcessBoundKm, 6));
        writeExtraProperties?.Invoke(w, state);
        w.WriteEndObject();
    }

    /// <summary>As <see cref="WriteRow(Utf8JsonWriter, BatchRow, Action{Utf8JsonWriter})"/> with no extra properties.</summary>
    public static void WriteRow(Utf8JsonWriter writer, BatchRow row) => WriteRow(writer, row, null);

    /// <summary>Writes one batch row: a planned row is the route object with its <c>"line"</c> (and the extra
    /// properties, if given); an error row has <c>"status": "error"</c>, the reason and its <c>"reasonCode"</c>
    /// (<see cref="ErrorCode(BatchErrorKind)"/>), the ends as the row gave them and the other fields null or empty.</summary>
    public static void WriteRow(Utf8JsonWriter writer, BatchRow row, Action<Utf8JsonWriter>? writeExtraProperties)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(row);
        WriteRow(writer, row, writeExtraProperties, InvokeExtra);
    }

    /// <summary>As <see cref="WriteRow(Utf8JsonWriter, BatchRow, Action{Utf8JsonWriter})"/>, the extra properties of a
    /// planned row written by <paramref name="writeExtraProperties"/> from <paramref name="state"/> (e.g. the row's
    /// figures), which is handed over explicitly rather than captured; not called for an error row.</summary>
    /// <typeparam name="T">What the extra properties are written from.</typeparam>
    /// <exception cref="ArgumentNullException">A null writer or row.</exception>
    public static void WriteRow<T>(Utf8JsonWriter writer, BatchRow row, T state, Action<Utf8JsonWriter, T>? writeExtraProperties)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(row);
        if (row.Error is null && row.Plan is { } plan)
        {
            WriteRoute(writer, row.From, row.To, plan, row.Row.LineNumber, state, writeExtraProperties);
            return;
        }
        var w = writer;
        w.WriteStartObject();
        w.WriteNumber("line", row.Row.LineNumber);
        w.WriteStartObject("from"); w.WriteString("code", row.Row.From); w.WriteEndObject();
        w.WriteStartObject("to"); w.WriteString("code", row.Row.To); w.WriteEndObject();
        w.WriteString("status", "error");
        w.WriteString("reason", row.Error ?? "no plan");
        string code = ErrorCode(row.ErrorKind);
        if (code.Length > 0) w.WriteString("reasonCode", code); else w.WriteNull("reasonCode");
        w.WriteNull("directKm"); w.WriteNull("routeKm"); w.WriteNull("extraKm"); w.WriteNull("extraPercent");
        w.WriteStartArray("crossed"); w.WriteEndArray();
        w.WriteStartArray("waypoints"); w.WriteEndArray();
        w.WriteStartArray("legsKm"); w.WriteEndArray();
        w.WriteNull("departsThroughBuffer"); w.WriteNull("arrivesThroughBuffer"); w.WriteNull("bufferExcessBoundKm");
        w.WriteEndObject();
    }

    /// <summary>As <see cref="WriteBatch(TextWriter, IEnumerable{BatchRow}, Func{BatchRow, Action{Utf8JsonWriter}})"/>
    /// with no extra properties.</summary>
    public static BatchSummary WriteBatch(TextWriter output, IEnumerable<BatchRow> rows) => WriteBatch(output, rows, null);

    /// <summary>
    /// Writes <c>{"results": [row, ...], "summary": {"routes", "affected", "direct", "detour", "unreachable", "errors",
    /// "totalExtraKm", "meanExtraKm"}}</c> and a newline, the rows as they come (a few kilobytes at a time, so that a
    /// stream of millions of rows is never held), the summary at the end; returns the summary.
    /// </summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="rows">The rows, e.g. from <see cref="RouteBatch"/>; enumerated once.</param>
    /// <param name="extraProperties">Per row, what to write after its fields (or null for nothing); null for none.</param>
    /// <exception cref="ArgumentNullException">A null output or rows.</exception>
    public static BatchSummary WriteBatch(TextWriter output, IEnumerable<BatchRow> rows, Func<BatchRow, Action<Utf8JsonWriter>?>? extraProperties) =>
        extraProperties is null
            ? WriteBatch(output, rows, static r => r, null)
            : WriteBatch(output, rows, static r => r, (w, r) => extraProperties(r)?.Invoke(w));

    /// <summary>
    /// As <see cref="WriteBatch(TextWriter, IEnumerable{BatchRow}, Func{BatchRow, Action{Utf8JsonWriter}})"/>, from
    /// items that carry more than the batch row (e.g. its figures): <paramref name="batchRow"/> gives each item's row,
    /// and <paramref name="writeExtraProperties"/>, handed that same item, writes what follows the fields of a planned
    /// row (it is not called for an error row). Streams as the other overload does.
    /// </summary>
    /// <typeparam name="TRow">The items.</typeparam>
    /// <param name="output">Where the text goes.</param>
    /// <param name="rows">The items, enumerated once.</param>
    /// <param name="batchRow">The batch row of an item.</param>
    /// <param name="writeExtraProperties">Writes whole properties after a planned row's fields, from its item; null
    /// for none.</param>
    /// <exception cref="ArgumentNullException">A null output, rows or <paramref name="batchRow"/>.</exception>
    public static BatchSummary WriteBatch<TRow>(TextWriter output, IEnumerable<TRow> rows, Func<TRow, BatchRow> batchRow, Action<Utf8JsonWriter, TRow>? writeExtraProperties)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(batchRow);
        const int chunkBytes = 16 * 1024;
        var tally = new BatchTally();
        var bytes = new ArrayBufferWriter<byte>(chunkBytes + 4096);
        char[] chars = [];
        using (var w = new Utf8JsonWriter(bytes, new JsonWriterOptions { Encoder = Encoder }))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var item in rows)
            {
                var r = batchRow(item) ?? throw new ArgumentException("a null batch row", nameof(batchRow));
                tally.Add(r.Plan);
                WriteRow(w, r, item, writeExtraProperties);
                if (w.BytesPending + bytes.WrittenCount >= chunkBytes) Drain();
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
                output.Write(chars, 0, Encoding.UTF8.GetChars(span, chars));
                bytes.ResetWrittenCount();
            }
        }
        output.WriteLine();
        return tally.Summary;
    }

    /// <summary>A GeoJSON FeatureCollection of one route (as <see cref="WriteGeoJson"/>), indented.</summary>
    public static string ToGeoJson(RouteEnd from, RouteEnd to, RoutePlan plan, IReadOnlyList<Airspace> closures)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Encoder }))
            WriteGeoJson(w, from, to, plan, closures);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a GeoJSON FeatureCollection: each closed area (<c>"role": "closed"</c>, its id and name), the direct route
    /// (<c>"direct"</c>) and, for a detour, the flown route (<c>"detour"</c>) with their ends and km, the lines densified
    /// along great circles so that any viewer draws them as the arcs they are.
    /// </summary>
    public static void WriteGeoJson(Utf8JsonWriter writer, RouteEnd from, RouteEnd to, RoutePlan plan, IReadOnlyList<Airspace> closures)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(closures);
        var w = writer;
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var a in closures)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("properties");
            w.WriteString("role", "closed"); w.WriteString("id", a.Id); w.WriteString("name", a.Name);
            GeoJsonGeometry.WriteInteriorProperty(w, a.Region);
            w.WriteEndObject();
            w.WritePropertyName("geometry");
            GeoJsonGeometry.WriteMultiPolygon(w, a.Region);
            w.WriteEndObject();
        }
        WriteLineFeature(w, "direct", [from.Point, to.Point], plan.DirectKm, from, to);
        if (plan.Status == RouteStatus.Detour) WriteLineFeature(w, "detour", plan.Waypoints, plan.RouteKm ?? 0, from, to);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The <c>"waypoints"</c> array: <c>[lat, lon]</c> pairs rounded to 1e-6 degrees (0.11 m).</summary>
    internal static void WriteWaypoints(Utf8JsonWriter w, IReadOnlyList<GeoPoint> waypoints)
    {
        w.WriteStartArray("waypoints");
        foreach (var g in waypoints)
        {
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(g.LatDeg, 6));
            w.WriteNumberValue(Math.Round(g.LonDeg, 6));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>A number rounded to <paramref name="digits"/>, or null.</summary>
    internal static void WriteNullable(Utf8JsonWriter w, string name, double? v, int digits)
    {
        if (v is { } x) w.WriteNumber(name, Math.Round(x, digits)); else w.WriteNull(name);
    }

    private static void WriteEnd(Utf8JsonWriter w, string name, RouteEnd e)
    {
        w.WriteStartObject(name);
        w.WriteString("code", e.Code);
        w.WriteNumber("lat", e.Point.LatDeg);
        w.WriteNumber("lon", e.Point.LonDeg);
        w.WriteEndObject();
    }

    private static void WriteLineFeature(Utf8JsonWriter w, string role, IReadOnlyList<GeoPoint> pts, double km, RouteEnd from, RouteEnd to)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("properties");
        w.WriteString("role", role); w.WriteString("from", from.Code); w.WriteString("to", to.Code);
        w.WriteNumber("km", Math.Round(km, 3));
        w.WriteEndObject();
        w.WritePropertyName("geometry");
        GeoJsonGeometry.WriteLine(w, pts);
        w.WriteEndObject();
    }
}
