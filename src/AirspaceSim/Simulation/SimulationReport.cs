using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.IO;
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
        w.WriteLine((sweep ? "bufferNm," : "") + "id,from,to,departure,operator,operatorState,type,outcome,reasonCode,reason,alternate,directKm,routeKm,extraKm,extraMinutes,extraFuelKg,extraCo2Kg,extraCostUsd,boundBy");
        // Each row is put together in one char buffer and handed to the writer in one call: 67,000 rows of a day are
        // most of a run's output, and some 40 small writes per row cost more than the formatting (a process writing a
        // day's CSV spent a fifth of its time here; docs/performance.md).
        var row = new CsvRow();
        foreach (var r in runs)
        {
            string prefix = sweep ? r.Scenario.Closures.Select(c => c.BufferNm).DefaultIfEmpty(0).Max().ToString(Inv) + "," : "";
            foreach (var f in r.Flights)
            {
                row.Clear();
                row.Append(prefix);
                row.Field(f.Flight.Id); row.Append(','); row.Field(f.From); row.Append(','); row.Field(f.To); row.Append(',');
                row.Instant(f.Flight.DepartureUtc); row.Append(',');
                row.Field(f.Flight.Airline); row.Append(','); row.Field(f.Flight.OperatorState); row.Append(','); row.Field(f.Flight.AircraftType); row.Append(',');
                row.Append(Text(f.Outcome)); row.Append(','); row.Append(Text(f.ReasonCode)); row.Append(','); row.Field(f.Reason); row.Append(',');
                row.Field(f.Alternate ?? ""); row.Append(',');
                row.Km(f.DirectKm); row.Append(','); row.Km(f.RouteKm); row.Append(',');
                row.Number(f.ExtraKm); row.Append(','); row.Number(f.ExtraMinutes); row.Append(','); row.Number(f.ExtraFuelKg); row.Append(',');
                row.Number(f.ExtraCo2Kg); row.Append(','); row.Number(f.ExtraCostUsd); row.Append(',');
                row.Field(f.BoundBy.Count switch { 0 => "", 1 => f.BoundBy[0], _ => string.Join(";", f.BoundBy) });
                w.WriteLine(row.Chars);
            }
            var t = r.Totals;
            w.WriteLine($"# totals{(sweep ? $" (buffer {prefix.TrimEnd(',')} NM)" : "")}: flights={t.Flights} {string.Join(" ", t.ByOutcome.Select(kv => $"{Text(kv.Key)}={kv.Value}"))} " +
                $"extraKm={t.ExtraKm.ToString(Inv)} extraMinutes={t.ExtraMinutes.ToString(Inv)} extraFuelKg={t.ExtraFuelKg.ToString(Inv)} extraCo2Kg={t.ExtraCo2Kg.ToString(Inv)} extraCostUsd={t.ExtraCostUsd.ToString(Inv)}");
        }
    }

    /// <summary>
    /// One CSV row being put together. Its numbers are written as the general formatting writes them
    /// (<c>Math.Round(km, 1).ToString("F1")</c>, <c>decimal.ToString()</c>, <see cref="ScenarioJson.Instant(DateTime)"/>),
    /// by short paths for the common cases and by the general formatting otherwise; tests compare the two
    /// (SimulationReportCsvTests).
    /// </summary>
    internal sealed class CsvRow
    {
        private char[] _buf = new char[256];
        private int _len;

        public ReadOnlySpan<char> Chars => _buf.AsSpan(0, _len);

        public void Clear() => _len = 0;

        // At least n characters free past the end.
        private Span<char> Room(int n)
        {
            if (_len + n > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + n));
            return _buf.AsSpan(_len);
        }

        public void Append(char c)
        {
            if (_len == _buf.Length) Room(1);
            _buf[_len++] = c;
        }

        public void Append(string s)
        {
            if (_len + s.Length > _buf.Length) Room(s.Length);
            s.CopyTo(0, _buf, _len, s.Length);
            _len += s.Length;
        }

        /// <summary>A text field, quoted (and its quotes doubled) when it holds a comma, quote or line break.</summary>
        public void Field(string s)
        {
            if (s.AsSpan().IndexOfAny(Infrastructure.Csv.NeedsQuotes) < 0) { Append(s); return; }
            Append('"');
            foreach (char c in s)
            {
                if (c == '"') Append('"');
                Append(c);
            }
            Append('"');
        }

        /// <summary>Km to 0.1 as <c>Math.Round(km, 1).ToString("F1", Inv)</c> writes it; nothing when null.</summary>
        public void Km(double? km)
        {
            if (km is not { } v) return;
            int n = FormatKm(v, Room(64));
            if (n >= 0) _len += n;
            else Append(Math.Round(v, 1).ToString("F1", Inv)); // beyond 64 characters (a double near its largest)
        }

        /// <summary>As <c>d.ToString(Inv)</c>.</summary>
        public void Number(decimal d) => _len += FormatDecimal(d, Room(64));

        /// <summary>As <see cref="ScenarioJson.Instant(DateTime)"/>.</summary>
        public void Instant(DateTime t) => _len += FormatInstant(t, Room(64));
    }

    // Math.Round(v, 1) is Math.Round(v * 10) / 10 below 1e16: an integer k divided by 10, correctly rounded, so the
    // nearest double to k/10. Its exact value is within half an ulp of k/10, far closer than the 0.05 that "F1" rounds
    // at, so "F1" writes k/10: the digits of k with a point before the last. k is read back exactly from r * 10 (an
    // error of at most |k|·2^-52, below 0.5 for |k| < 2^50). The sign is the double's own, so -0.0 stays "-0.0" as "F1"
    // writes it. Anything else (huge, NaN, infinite) goes to the general formatting; -1 when that does not fit.
    internal static int FormatKm(double v, Span<char> buffer)
    {
        double r = Math.Round(v, 1);
        if (double.IsFinite(r) && Math.Abs(r) < 1e14)
        {
            ulong k = (ulong)Math.Round(Math.Abs(r) * 10);
            int n = 0;
            if (double.IsNegative(r)) buffer[n++] = '-';
            if (!(k / 10).TryFormat(buffer[n..], out int digits, default, Inv)) throw new InvalidOperationException("a km figure longer than its buffer");
            n += digits;
            buffer[n++] = '.';
            buffer[n++] = (char)('0' + (int)(k % 10));
            return n;
        }
        return r.TryFormat(buffer, out int m, "F1", Inv) ? m : -1;
    }

    // decimal.ToString() writes every digit of the unscaled integer with the point `scale` digits from the right
    // (trailing zeros kept, never an exponent), after a minus when negative. Done here for an unscaled integer below
    // 2^64 and a scale up to 19; a negative zero and the rest go to the general formatting.
    internal static int FormatDecimal(decimal d, Span<char> buffer)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        ulong u = (uint)bits[0] | (ulong)(uint)bits[1] << 32;
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        if (bits[2] != 0 || scale > 19 || negative && u == 0)
        {
            if (!d.TryFormat(buffer, out int m, default, Inv)) throw new InvalidOperationException("a decimal longer than its buffer");
            return m;
        }
        int n = 0;
        if (negative) buffer[n++] = '-';
        if (scale == 0)
        {
            u.TryFormat(buffer[n..], out int digits, default, Inv);
            return n + digits;
        }
        ulong pow = Pow10[scale];
        (u / pow).TryFormat(buffer[n..], out int whole, default, Inv);
        n += whole;
        buffer[n++] = '.';
        ulong frac = u % pow;
        for (int i = n + scale - 1; i >= n; i--)
        {
            buffer[i] = (char)('0' + (int)(frac % 10));
            frac /= 10;
        }
        return n + scale;
    }

    private static readonly ulong[] Pow10 = [.. Enumerable.Range(0, 20).Select(i => (ulong)Math.Pow(10, i))];

    // ScenarioJson.Instant: its minute format written digit by digit on a whole minute, the general formatting with
    // seconds.
    internal static int FormatInstant(DateTime t, Span<char> buffer)
    {
        if (!ScenarioJson.IsWholeMinute(t))
        {
            if (!t.TryFormat(buffer, out int m, ScenarioJson.InstantFormat(t), Inv)) throw new InvalidOperationException("an instant longer than its buffer");
            return m;
        }
        Digits(buffer[..4], t.Year); buffer[4] = '-'; Digits(buffer.Slice(5, 2), t.Month); buffer[7] = '-'; Digits(buffer.Slice(8, 2), t.Day);
        buffer[10] = 'T'; Digits(buffer.Slice(11, 2), t.Hour); buffer[13] = ':'; Digits(buffer.Slice(14, 2), t.Minute); buffer[16] = 'Z';
        return 17;

        static void Digits(Span<char> to, int value)
        {
            for (int i = to.Length - 1; i >= 0; i--) { to[i] = (char)('0' + value % 10); value /= 10; }
        }
    }


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

    /// <summary>GeoJSON (RFC 7946): the closures' lateral limits and each flown route as a great-circle-densified line
    /// (first run), written as <c>route --format geojson</c> writes them (<see cref="GeoJsonGeometry"/>): longitudes in
    /// [-180, 180], outer rings counter-clockwise and holes clockwise, and a route or area that crosses ±180 cut there
    /// into MultiLineString/MultiPolygon parts.</summary>
    public static string GeoJson(SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            // The closures' limits from their regions on the sphere, not their NTS geometry: that one keeps the file's
            // ring order (clockwise rings as given) and continuous longitudes (190 for a ring across ±180), which
            // RFC 7946 viewers draw wrongly or refuse.
            foreach (var c in r.Scenario.Closures)
                foreach (var a in c.Airspaces)
                {
                    w.WriteStartObject(); w.WriteString("type", "Feature");
                    w.WriteStartObject("properties"); w.WriteString("kind", "closure"); w.WriteString("closure", c.Id); w.WriteString("airspace", a.Id);
                    w.WriteString("band", c.Band.ToString());
                    GeoJsonGeometry.WriteInteriorProperty(w, a.Region);
                    w.WriteEndObject();
                    w.WritePropertyName("geometry");
                    GeoJsonGeometry.WriteMultiPolygon(w, a.Region);
                    w.WriteEndObject();
                }
            foreach (var f in r.Flights.Where(f => f.Waypoints.Count >= 2))
            {
                w.WriteStartObject(); w.WriteString("type", "Feature");
                w.WriteStartObject("properties"); w.WriteString("kind", "flight"); w.WriteString("id", f.Flight.Id); w.WriteString("outcome", Text(f.Outcome));
                w.WriteNumber("extraCostUsd", f.ExtraCostUsd); w.WriteEndObject();
                // A point every ~100 km follows the great circle (as before: a day of 67,000 flights stays a few MB);
                // a route across ±180 was one line with longitudes past 180, now MultiLineString parts ending on it.
                w.WritePropertyName("geometry");
                GeoJsonGeometry.WriteLine(w, f.Waypoints, 100);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
