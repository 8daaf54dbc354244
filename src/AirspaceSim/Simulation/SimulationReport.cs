using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Simulation;

/// <summary>
/// Writers for what-if results: a table sorted by extra cost with totals, CSV, JSON and GeoJSON. Every number is
/// written in the invariant culture; the totals are the exact sums of the figures written per flight.
/// </summary>
public static class SimulationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The outcome as written: <c>unaffected</c>, <c>rerouted-in-flight</c>, <c>needs-tech-stop</c>...</summary>
    public static string Text(FlightOutcome o) => (uint)o < (uint)OutcomeTexts.Length ? OutcomeTexts[(int)o] : OutcomeText(o);

    // Every text computed once (a CSV row wants two of them; OutcomeReason's takes a string per character).
    private static readonly string[] OutcomeTexts = Texts<FlightOutcome>(OutcomeText);
    private static readonly string[] ReasonTexts = Texts<OutcomeReason>(ReasonText);

    private static string[] Texts<T>(Func<T, string> text) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var texts = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int k = Convert.ToInt32(values[i], CultureInfo.InvariantCulture);
            if (k < 0 || k >= texts.Length) return []; // not 0..n-1: computed each time
            texts[k] = text(values[i]);
        }
        return texts;
    }

    private static string OutcomeText(FlightOutcome o) => o switch
    {
        FlightOutcome.ReroutedInFlight => "rerouted-in-flight",
        FlightOutcome.NeedsTechStop => "needs-tech-stop",
        _ => o.ToString().ToLowerInvariant(),
    };

    /// <summary>The reason code as written, e.g. <c>destination-closed</c>.</summary>
    public static string Text(OutcomeReason r) => (uint)r < (uint)ReasonTexts.Length ? ReasonTexts[(int)r] : ReasonText(r);

    private static string ReasonText(OutcomeReason r) =>
        string.Concat(r.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The group key kind as written (<c>route</c>, <c>operator</c>...).</summary>
    public static string Text(GroupBy g) => g.ToString().ToLowerInvariant();

    private static string Heading(SimulationResult r, bool sweep) =>
        sweep ? $"{r.Scenario.Name}, buffer {r.Scenario.Closures.Select(c => c.BufferNm).DefaultIfEmpty(0).Max().ToString(Inv)} NM" : r.Scenario.Name;

    /// <inheritdoc cref="WriteTable(TextWriter, IReadOnlyList{SimulationResult}, GroupBy?)"/>
    public static void WriteTable(TextWriter w, IReadOnlyList<SimulationResult> runs) => WriteTable(w, runs, null);

    /// <summary>The table: flights sorted by extra cost (highest first), totals, then the groups if asked for.</summary>
    public static void WriteTable(TextWriter w, IReadOnlyList<SimulationResult> runs, GroupBy? groupBy)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var r in runs)
        {
            w.WriteLine($"{Heading(r, runs.Count > 1)}: {r.Flights.Count} flights; cost model: {r.CostModel}; planners built: {r.PlannersBuilt}");
            const string fmt = "{0,-24} {1,-9} {2,-4} {3,-4} {4,-18} {5,9} {6,8} {7,10} {8,10} {9,11}  {10}";
            w.WriteLine(string.Format(Inv, fmt, "flight", "route", "op", "type", "outcome", "extra km", "extra min", "fuel kg", "CO2 kg", "cost USD", "reason"));
            w.WriteLine(new string('-', 130));
            foreach (var f in r.Flights.OrderByDescending(f => f.ExtraCostUsd).ThenBy(f => f.Outcome).ThenBy(f => f.Flight.Id, StringComparer.Ordinal))
                w.WriteLine(string.Format(Inv, fmt, f.Flight.Id, $"{f.From}-{f.To}", f.Flight.Airline, f.Flight.AircraftType, Text(f.Outcome),
                    f.ExtraKm.ToString("F1", Inv), f.ExtraMinutes.ToString("F1", Inv), f.ExtraFuelKg.ToString("F1", Inv), f.ExtraCo2Kg.ToString("F1", Inv),
                    f.ExtraCostUsd.ToString("F2", Inv), f.Reason + (f.Alternate != null ? $" [{f.Alternate}]" : "")));
            w.WriteLine(new string('-', 130));
            var t = r.Totals;
            w.WriteLine(string.Format(Inv, fmt, "total", "", "", "", $"{t.Flights} flights", t.ExtraKm.ToString("F1", Inv), t.ExtraMinutes.ToString("F1", Inv),
                t.ExtraFuelKg.ToString("F1", Inv), t.ExtraCo2Kg.ToString("F1", Inv), t.ExtraCostUsd.ToString("F2", Inv), Counts(t)));
            if (t.MinutesSavedByTime is { } saved)
                w.WriteLine($"routes chosen by time in the wind: {saved.ToString("F1", Inv)} min saved over the shortest routes flown in the same wind");
            if (groupBy is { } g)
            {
                w.WriteLine();
                const string gf = "{0,-24} {1,7} {2,9} {3,8} {4,10} {5,10} {6,11}  {7}";
                w.WriteLine(string.Format(Inv, gf, Text(g), "flights", "extra km", "extra min", "fuel kg", "CO2 kg", "cost USD", "outcomes"));
                foreach (var (key, gt) in r.Group(g).OrderByDescending(x => x.Totals.ExtraCostUsd).ThenBy(x => x.Key, StringComparer.Ordinal))
                    w.WriteLine(string.Format(Inv, gf, key, gt.Flights, gt.ExtraKm.ToString("F1", Inv), gt.ExtraMinutes.ToString("F1", Inv), gt.ExtraFuelKg.ToString("F1", Inv),
                        gt.ExtraCo2Kg.ToString("F1", Inv), gt.ExtraCostUsd.ToString("F2", Inv), Counts(gt)));
            }
            w.WriteLine();
        }
    }

    private static string Counts(Totals t) =>
        string.Join(", ", t.ByOutcome.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {Text(kv.Key)}"));

    /// <summary>CSV: one row per flight in scenario order (a <c>bufferNm</c> column when swept), then <c># totals:</c> lines.</summary>
    public static void WriteCsv(TextWriter w, IReadOnlyList<SimulationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(runs);
        bool sweep = runs.Count > 1;
        Span<char> number = stackalloc char[64];
        w.WriteLine((sweep ? "bufferNm," : "") + "id,from,to,departure,operator,operatorState,type,outcome,reasonCode,reason,alternate,directKm,routeKm,extraKm,extraMinutes,extraFuelKg,extraCo2Kg,extraCostUsd,boundBy");
        foreach (var r in runs)
        {
            string prefix = sweep ? r.Scenario.Closures.Select(c => c.BufferNm).DefaultIfEmpty(0).Max().ToString(Inv) + "," : "";
            // Written field by field into the writer (no string per row): 67,000 rows of a day are most of a run's output.
            foreach (var f in r.Flights)
            {
                w.Write(prefix);
                CsvField(w, f.Flight.Id); w.Write(','); CsvField(w, f.From); w.Write(','); CsvField(w, f.To); w.Write(',');
                Instant(w, f.Flight.DepartureUtc, number); w.Write(',');
                CsvField(w, f.Flight.Airline); w.Write(','); CsvField(w, f.Flight.OperatorState); w.Write(','); CsvField(w, f.Flight.AircraftType); w.Write(',');
                w.Write(Text(f.Outcome)); w.Write(','); w.Write(Text(f.ReasonCode)); w.Write(','); CsvField(w, f.Reason); w.Write(',');
                CsvField(w, f.Alternate ?? ""); w.Write(',');
                Km(w, f.DirectKm, number); w.Write(','); Km(w, f.RouteKm, number); w.Write(',');
                Number(w, f.ExtraKm, number); w.Write(','); Number(w, f.ExtraMinutes, number); w.Write(','); Number(w, f.ExtraFuelKg, number); w.Write(',');
                Number(w, f.ExtraCo2Kg, number); w.Write(','); Number(w, f.ExtraCostUsd, number); w.Write(',');
                CsvField(w, f.BoundBy.Count switch { 0 => "", 1 => f.BoundBy[0], _ => string.Join(";", f.BoundBy) });
                w.WriteLine();
            }
            var t = r.Totals;
            w.WriteLine($"# totals{(sweep ? $" (buffer {prefix.TrimEnd(',')} NM)" : "")}: flights={t.Flights} {string.Join(" ", t.ByOutcome.Select(kv => $"{Text(kv.Key)}={kv.Value}"))} " +
                $"extraKm={t.ExtraKm.ToString(Inv)} extraMinutes={t.ExtraMinutes.ToString(Inv)} extraFuelKg={t.ExtraFuelKg.ToString(Inv)} extraCo2Kg={t.ExtraCo2Kg.ToString(Inv)} extraCostUsd={t.ExtraCostUsd.ToString(Inv)}");
        }
    }

    // The km to 0.1 ("F1"), the instant as ScenarioJson.Instant and a decimal as decimal.ToString(Inv) give it,
    // formatted into `buffer`.
    private static void Km(TextWriter w, double? km, Span<char> buffer)
    {
        if (km is not { } v) return;
        if (!Math.Round(v, 1).TryFormat(buffer, out int n, "F1", Inv)) throw new InvalidOperationException("a km figure longer than its buffer");
        w.Write(buffer[..n]);
    }

    private static void Number(TextWriter w, decimal d, Span<char> buffer)
    {
        if (!d.TryFormat(buffer, out int n, default, Inv)) throw new InvalidOperationException("a decimal longer than its buffer");
        w.Write(buffer[..n]);
    }

    private static void Instant(TextWriter w, DateTime t, Span<char> buffer)
    {
        if (!t.TryFormat(buffer, out int n, ScenarioJson.InstantFormat(t), Inv)) throw new InvalidOperationException("an instant longer than its buffer");
        w.Write(buffer[..n]);
    }

    private static void CsvField(TextWriter w, string s)
    {
        if (s.AsSpan().IndexOfAny(CsvSpecial) < 0) w.Write(s);
        else w.Write(Csv(s));
    }

    private static readonly System.Buffers.SearchValues<char> CsvSpecial = System.Buffers.SearchValues.Create(",\"\n\r");

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <inheritdoc cref="WriteJson(Utf8JsonWriter, IReadOnlyList{SimulationResult}, GroupBy?)"/>
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<SimulationResult> runs) => WriteJson(w, runs, null);

    /// <summary>
    /// JSON: <c>{"scenario":{...},"costModel","assumptions","plannersBuilt","flights":[...],"totals":{...},"groups":{...}}</c>;
    /// with a buffer sweep the per-run part is in <c>"sweep":[{"bufferNm",...}]</c>. Groups: the one asked for, or all.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<SimulationResult> runs, GroupBy? groupBy)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("no runs", nameof(runs));
        w.WriteStartObject();
        w.WritePropertyName("scenario");
        var scenario = runs.Count > 1 ? runs[0].Scenario with { Parameters = runs[0].Scenario.Parameters with { BufferSweepNm = runs.Select(r => r.Scenario.Closures.Select(c => c.BufferNm).DefaultIfEmpty(0).Max()).ToArray() } } : runs[0].Scenario;
        ScenarioJson.Write(w, scenario);
        w.WriteString("costModel", runs[0].CostModel);
        w.WriteStartArray("assumptions");
        foreach (var a in runs[0].Assumptions) w.WriteStringValue(a);
        w.WriteEndArray();
        if (runs.Count == 1) WriteRun(w, runs[0], groupBy);
        else
        {
            w.WriteStartArray("sweep");
            foreach (var r in runs)
            {
                w.WriteStartObject();
                w.WriteNumber("bufferNm", r.Scenario.Closures.Select(c => c.BufferNm).DefaultIfEmpty(0).Max());
                WriteRun(w, r, groupBy);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <inheritdoc cref="Json(IReadOnlyList{SimulationResult}, GroupBy?, bool)"/>
    public static string Json(IReadOnlyList<SimulationResult> runs) => Json(runs, null, false);

    /// <inheritdoc cref="Json(IReadOnlyList{SimulationResult}, GroupBy?, bool)"/>
    public static string Json(IReadOnlyList<SimulationResult> runs, GroupBy? groupBy) => Json(runs, groupBy, false);

    /// <summary>The JSON as a string.</summary>
    public static string Json(IReadOnlyList<SimulationResult> runs, GroupBy? groupBy, bool indented)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(w, runs, groupBy);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRun(Utf8JsonWriter w, SimulationResult r, GroupBy? groupBy)
    {
        w.WriteNumber("plannersBuilt", r.PlannersBuilt);
        w.WriteStartArray("flights");
        foreach (var f in r.Flights)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Flight.Id); w.WriteString("from", f.From); w.WriteString("to", f.To);
            w.WriteString("departure", ScenarioJson.Instant(f.Flight.DepartureUtc));
            w.WriteString("operator", f.Flight.Airline); w.WriteString("operatorState", f.Flight.OperatorState); w.WriteString("type", f.Flight.AircraftType);
            if (f.CruiseFl is { } fl) w.WriteNumber("cruiseFl", fl);
            w.WriteString("outcome", Text(f.Outcome)); w.WriteString("reason", f.Reason); w.WriteString("reasonCode", Text(f.ReasonCode));
            if (f.Alternate != null) w.WriteString("alternate", f.Alternate);
            Num(w, "directKm", f.DirectKm); Num(w, "routeKm", f.RouteKm);
            w.WriteNumber("extraKm", f.ExtraKm); w.WriteNumber("extraMinutes", f.ExtraMinutes); w.WriteNumber("extraFuelKg", f.ExtraFuelKg);
            w.WriteNumber("extraCo2Kg", f.ExtraCo2Kg); w.WriteNumber("extraCostUsd", f.ExtraCostUsd);
            w.WriteStartArray("boundBy"); foreach (var b in f.BoundBy) w.WriteStringValue(b); w.WriteEndArray();
            if (f.InFlightPosition is { } p) { w.WriteStartArray("inFlightPosition"); w.WriteNumberValue(p.LatDeg); w.WriteNumberValue(p.LonDeg); w.WriteEndArray(); }
            if (f.InFlightAtUtc is { } at) w.WriteString("inFlightAt", ScenarioJson.Instant(at));
            if (f.ArrivalUtc is { } arr) w.WriteString("arrival", ScenarioJson.Instant(arr));
            if (f.ChosenBy is { } by)
            {
                w.WriteString("chosenBy", by == RouteChoice.Time ? "time" : "distance");
                if (f.ShortestExtraKm is { } sk) w.WriteNumber("shortestExtraKm", sk);
                if (f.ShortestExtraMinutes is { } sm) w.WriteNumber("shortestExtraMinutes", sm);
                if (f.MinutesSavedByTime is { } ms) w.WriteNumber("minutesSavedByTime", ms);
            }
            w.WriteStartArray("waypoints");
            foreach (var q in f.Waypoints) { w.WriteStartArray(); w.WriteNumberValue(Math.Round(q.LatDeg, 6)); w.WriteNumberValue(Math.Round(q.LonDeg, 6)); w.WriteEndArray(); }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("totals");
        WriteTotals(w, r.Totals);
        w.WriteStartObject("groups");
        foreach (var g in groupBy is { } one ? [one] : Enum.GetValues<GroupBy>())
        {
            w.WriteStartArray(Text(g));
            foreach (var (key, t) in r.Group(g))
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WritePropertyName("totals");
                WriteTotals(w, t);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x) w.WriteNumber(name, Math.Round(x, 1));
        else w.WriteNull(name);
    }

    private static void WriteTotals(Utf8JsonWriter w, Totals t)
    {
        w.WriteStartObject();
        w.WriteNumber("flights", t.Flights);
        foreach (var (o, n) in t.ByOutcome) w.WriteNumber(Text(o), n);
        w.WriteNumber("extraKm", t.ExtraKm); w.WriteNumber("extraMinutes", t.ExtraMinutes); w.WriteNumber("extraFuelKg", t.ExtraFuelKg);
        w.WriteNumber("extraCo2Kg", t.ExtraCo2Kg); w.WriteNumber("extraCostUsd", t.ExtraCostUsd);
        if (t.MinutesSavedByTime is { } saved) w.WriteNumber("minutesSavedByTime", saved);
        w.WriteEndObject();
    }

    /// <summary>GeoJSON: the closures' lateral limits and each flown route as a great-circle-densified line (first run).</summary>
    public static string GeoJson(SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var c in r.Scenario.Closures)
                foreach (var a in c.Airspaces)
                {
                    w.WriteStartObject(); w.WriteString("type", "Feature");
                    w.WriteStartObject("properties"); w.WriteString("kind", "closure"); w.WriteString("closure", c.Id); w.WriteString("airspace", a.Id);
                    w.WriteString("band", c.Band.ToString()); w.WriteEndObject();
                    w.WriteStartObject("geometry");
                    var polys = a.SharedGeometry is Polygon p ? [p] : Enumerable.Range(0, a.SharedGeometry.NumGeometries).Select(i => (Polygon)a.SharedGeometry.GetGeometryN(i)).ToList();
                    w.WriteString("type", "MultiPolygon"); w.WriteStartArray("coordinates");
                    foreach (var poly in polys)
                    {
                        w.WriteStartArray();
                        foreach (var ring in new[] { poly.ExteriorRing }.Concat(poly.InteriorRings))
                        {
                            w.WriteStartArray();
                            foreach (var co in ring.Coordinates) { w.WriteStartArray(); w.WriteNumberValue(co.X); w.WriteNumberValue(co.Y); w.WriteEndArray(); }
                            w.WriteEndArray();
                        }
                        w.WriteEndArray();
                    }
                    w.WriteEndArray(); w.WriteEndObject(); w.WriteEndObject();
                }
            foreach (var f in r.Flights.Where(f => f.Waypoints.Count >= 2))
            {
                w.WriteStartObject(); w.WriteString("type", "Feature");
                w.WriteStartObject("properties"); w.WriteString("kind", "flight"); w.WriteString("id", f.Flight.Id); w.WriteString("outcome", Text(f.Outcome));
                w.WriteNumber("extraCostUsd", f.ExtraCostUsd); w.WriteEndObject();
                w.WriteStartObject("geometry"); w.WriteString("type", "LineString"); w.WriteStartArray("coordinates");
                double lastLon = double.NaN;
                for (int i = 0; i + 1 < f.Waypoints.Count; i++)
                {
                    var (a, b) = (f.Waypoints[i], f.Waypoints[i + 1]);
                    int n = Math.Max(1, (int)(Sphere.DistanceKm(a, b) / 100)); // a point every ~100 km follows the great circle
                    for (int k = i == 0 ? 0 : 1; k <= n; k++)
                    {
                        var q = Sphere.Intermediate(a, b, (double)k / n);
                        double lon = q.LonDeg;
                        if (!double.IsNaN(lastLon)) lon += 360 * Math.Round((lastLon - lon) / 360); // continuous across ±180
                        lastLon = lon;
                        w.WriteStartArray(); w.WriteNumberValue(Math.Round(lon, 5)); w.WriteNumberValue(Math.Round(q.LatDeg, 5)); w.WriteEndArray();
                    }
                }
                w.WriteEndArray(); w.WriteEndObject(); w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
