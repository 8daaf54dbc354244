using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AirspaceSim.Simulation;

/// <summary>
/// Writers for Monte Carlo results (table, CSV, JSON) and the shard partials (JSON, read back exactly by
/// <see cref="ReadPartial"/>). Every output is a function of the <see cref="MonteCarloResult"/> alone, so a run merged
/// from shards writes the same bytes as the single run.
/// </summary>
public static class MonteCarloReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The format name written in partials.</summary>
    public const string PartialFormat = "airspacesim-montecarlo-partial";

    /// <summary>The partial format's version.</summary>
    public const int PartialVersion = 2;

    // One letter per outcome in a partial's per-draw outcome string.
    private static readonly Dictionary<FlightOutcome, char> Letter = new()
    {
        [FlightOutcome.Unaffected] = 'U', [FlightOutcome.Rerouted] = 'R', [FlightOutcome.ReroutedInFlight] = 'I', [FlightOutcome.Diverted] = 'D',
        [FlightOutcome.Cancelled] = 'C', [FlightOutcome.NeedsTechStop] = 'T', [FlightOutcome.Error] = 'E',
    };

    private static string Pct(int count, int n) => (100m * count / n).ToString("F1", Inv) + " %";

    private static string Probability(int count, int n) => Math.Round((decimal)count / n, 4, MidpointRounding.AwayFromZero).ToString(Inv);

    /// <summary>The table: inputs, totals (mean, P5, P50, P95), then per flight the outcome shares and the spread of its extras.</summary>
    public static void WriteTable(TextWriter w, MonteCarloResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        var h = r.Header;
        w.WriteLine($"{h.ScenarioName}: Monte Carlo, {h.Draws} draws, seed {h.Seed.ToString(Inv)}; {h.Flights.Count} flights; cost model: {h.CostModel}");
        w.WriteLine($"percentiles: {MonteCarlo.PercentileDefinition}");
        w.WriteLine();
        const string sf = "{0,-36} {1,12} {2,12} {3,12} {4,12}  {5}";
        w.WriteLine(string.Format(Inv, sf, "input", "mean", "P5", "P50", "P95", "distribution"));
        for (int i = 0; i < h.Inputs.Count; i++)
        {
            var s = r.Inputs[i];
            w.WriteLine(string.Format(Inv, sf, $"{h.Inputs[i].Name} ({h.Inputs[i].Unit})", s.Mean, s.P5, s.P50, s.P95, h.Inputs[i].Distribution));
        }
        w.WriteLine();
        w.WriteLine(string.Format(Inv, sf, "total", "mean", "P5", "P50", "P95", ""));
        foreach (var (name, s) in r.Totals)
            w.WriteLine(string.Format(Inv, sf, name, s.Mean, s.P5, s.P50, s.P95, "").TrimEnd());
        w.WriteLine();
        const string ff = "{0,-24} {1,-9} {2,-4} {3,11} {4,11} {5,11} {6,9} {7,9} {8,9}  {9}";
        w.WriteLine(string.Format(Inv, ff, "flight", "route", "op", "cost P5", "cost P50", "cost P95", "min P5", "min P50", "min P95", "outcomes (share of draws)"));
        w.WriteLine(new string('-', 130));
        foreach (var f in r.Flights)
            w.WriteLine(string.Format(Inv, ff, f.Flight.Id, $"{f.Flight.From}-{f.Flight.To}", f.Flight.Operator, f.ExtraCostUsd.P5, f.ExtraCostUsd.P50,
                f.ExtraCostUsd.P95, f.ExtraMinutes.P5, f.ExtraMinutes.P50, f.ExtraMinutes.P95,
                string.Join(", ", f.OutcomeDraws.Where(kv => kv.Value > 0).Select(kv => $"{SimulationReport.Text(kv.Key)} {Pct(kv.Value, h.Draws)}"))));
    }

    /// <summary>CSV: one row per flight (outcome shares, spreads), then <c># total:</c> and <c># input:</c> lines.</summary>
    public static void WriteCsv(TextWriter w, MonteCarloResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        var outcomes = Enum.GetValues<FlightOutcome>();
        w.WriteLine("id,from,to,operator," + string.Join(",", outcomes.Select(o => "p_" + SimulationReport.Text(o))) +
            ",extraCostUsdMean,extraCostUsdP5,extraCostUsdP50,extraCostUsdP95,extraMinutesMean,extraMinutesP5,extraMinutesP50,extraMinutesP95");
        int n = r.Header.Draws;
        foreach (var f in r.Flights)
            w.WriteLine(string.Join(",", Csv(f.Flight.Id), Csv(f.Flight.From), Csv(f.Flight.To), Csv(f.Flight.Operator),
                string.Join(",", outcomes.Select(o => Probability(f.OutcomeDraws[o], n))), S(f.ExtraCostUsd), S(f.ExtraMinutes)));
        foreach (var (name, s) in r.Totals)
            w.WriteLine($"# total {name}: mean={s.Mean.ToString(Inv)} p5={s.P5.ToString(Inv)} p50={s.P50.ToString(Inv)} p95={s.P95.ToString(Inv)}");
        for (int i = 0; i < r.Header.Inputs.Count; i++)
        {
            var s = r.Inputs[i];
            w.WriteLine($"# input {r.Header.Inputs[i].Name} ({r.Header.Inputs[i].Unit}; {r.Header.Inputs[i].Distribution}): mean={s.Mean.ToString(Inv)} p5={s.P5.ToString(Inv)} p50={s.P50.ToString(Inv)} p95={s.P95.ToString(Inv)}");
        }
        w.WriteLine($"# draws={n} seed={r.Header.Seed.ToString(Inv)} scenarioSha256={r.Header.ScenarioSha256} percentiles={MonteCarlo.PercentileDefinition}");

        static string S(Spread s) => string.Join(",", s.Mean.ToString(Inv), s.P5.ToString(Inv), s.P50.ToString(Inv), s.P95.ToString(Inv));
    }

    private static string Csv(string s) => Infrastructure.Csv.Quoted(s);

    /// <summary>
    /// JSON: <c>{"scenario":{"name","sha256"},"costModel","assumptions":[...],"monteCarlo":{"draws","seed","generator",
    /// "percentiles","inputs":[{"name","unit","distribution","mean","p5","p50","p95"}],"totals":{"extraCostUsd":{"mean",
    /// "p5","p50","p95"},...,"cancelled":{...},...},"flights":[{"id","from","to","operator","outcomeDraws":{"cancelled":300,...},
    /// "outcomeProbability":{"cancelled":0.3,...},"extraCostUsd":{...},"extraMinutes":{...}}]}}</c>; outcomes with no
    /// draw are left out of a flight's maps.
    /// </summary>
    public static string Json(MonteCarloResult r) => Json(r, false);

    /// <summary>As <see cref="Json(MonteCarloResult)"/>, indented when <paramref name="indented"/> is true.</summary>
    public static string Json(MonteCarloResult r, bool indented)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Write(w =>
        {
            var h = r.Header;
            w.WriteStartObject();
            w.WriteStartObject("scenario"); w.WriteString("name", h.ScenarioName); w.WriteString("sha256", h.ScenarioSha256); w.WriteEndObject();
            w.WriteString("costModel", h.CostModel);
            w.WriteStartArray("assumptions"); foreach (var a in h.Assumptions) w.WriteStringValue(a); w.WriteEndArray();
            w.WriteStartObject("monteCarlo");
            w.WriteNumber("draws", h.Draws); w.WriteNumber("seed", h.Seed);
            w.WriteString("generator", MonteCarlo.Generator); w.WriteString("percentiles", MonteCarlo.PercentileDefinition);
            w.WriteStartArray("inputs");
            for (int i = 0; i < h.Inputs.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", h.Inputs[i].Name); w.WriteString("unit", h.Inputs[i].Unit); w.WriteString("distribution", h.Inputs[i].Distribution);
                SpreadFields(w, r.Inputs[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("totals");
            foreach (var (name, s) in r.Totals) { w.WriteStartObject(name); SpreadFields(w, s); w.WriteEndObject(); }
            w.WriteEndObject();
            w.WriteStartArray("flights");
            foreach (var f in r.Flights)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Flight.Id); w.WriteString("from", f.Flight.From); w.WriteString("to", f.Flight.To); w.WriteString("operator", f.Flight.Operator);
                w.WriteStartObject("outcomeDraws");
                foreach (var (o, c) in f.OutcomeDraws) if (c > 0) w.WriteNumber(SimulationReport.Text(o), c);
                w.WriteEndObject();
                w.WriteStartObject("outcomeProbability");
                foreach (var (o, c) in f.OutcomeDraws) if (c > 0) w.WriteNumber(SimulationReport.Text(o), Math.Round((decimal)c / h.Draws, 4, MidpointRounding.AwayFromZero));
                w.WriteEndObject();
                w.WriteStartObject("extraCostUsd"); SpreadFields(w, f.ExtraCostUsd); w.WriteEndObject();
                w.WriteStartObject("extraMinutes"); SpreadFields(w, f.ExtraMinutes); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }, indented);
    }

    private static void SpreadFields(Utf8JsonWriter w, Spread s)
    {
        w.WriteNumber("mean", s.Mean); w.WriteNumber("p5", s.P5); w.WriteNumber("p50", s.P50); w.WriteNumber("p95", s.P95);
    }

    private static string Write(Action<Utf8JsonWriter> body, bool indented)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // ------------------------------------------------------------------------------------------ partials

    /// <summary>
    /// A shard's partial as JSON: <c>{"format":"airspacesim-montecarlo-partial","version":1,"scenario":{"name","sha256"},
    /// "seed","draws","shard":{"index","count"},"costModel","assumptions":[...],"inputs":[{"name","unit","distribution"}],
    /// "flights":[{"id","from","to","operator"}],"results":[{"draw","inputs":[...],"totals":{"extraKm","extraMinutes",
    /// "extraFuelKg","extraCo2Kg","extraCostUsd"},"outcomes":"URC...","extraCostUsd":[...],"extraMinutes":[...],"extraKm":[...],
    /// "extraFuelKg":[...],"extraCo2Kg":[...]}]}</c> (version 2: the per-flight km, fuel and CO₂, so that every total is checked
    /// against its flights on reading; version 1 had cost and minutes only).
    /// Outcome letters: U unaffected, R rerouted, I rerouted-in-flight, D diverted, C cancelled, T needs-tech-stop, E error.
    /// Inputs are doubles written round-trip; the figures are the exact decimals of the run.
    /// </summary>
    public static string PartialJson(MonteCarloPartial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Write(w =>
        {
            var h = p.Header;
            w.WriteStartObject();
            w.WriteString("format", PartialFormat); w.WriteNumber("version", PartialVersion);
            w.WriteStartObject("scenario"); w.WriteString("name", h.ScenarioName); w.WriteString("sha256", h.ScenarioSha256); w.WriteEndObject();
            w.WriteNumber("seed", h.Seed); w.WriteNumber("draws", h.Draws);
            w.WriteStartObject("shard"); w.WriteNumber("index", p.ShardIndex); w.WriteNumber("count", p.ShardCount); w.WriteEndObject();
            w.WriteString("costModel", h.CostModel);
            w.WriteStartArray("assumptions"); foreach (var a in h.Assumptions) w.WriteStringValue(a); w.WriteEndArray();
            w.WriteStartArray("inputs");
            foreach (var i in h.Inputs) { w.WriteStartObject(); w.WriteString("name", i.Name); w.WriteString("unit", i.Unit); w.WriteString("distribution", i.Distribution); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteStartArray("flights");
            foreach (var f in h.Flights) { w.WriteStartObject(); w.WriteString("id", f.Id); w.WriteString("from", f.From); w.WriteString("to", f.To); w.WriteString("operator", f.Operator); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteStartArray("results");
            foreach (var d in p.Draws)
            {
                w.WriteStartObject();
                w.WriteNumber("draw", d.Index);
                w.WriteStartArray("inputs"); foreach (var x in d.Inputs) w.WriteNumberValue(x); w.WriteEndArray();
                w.WriteStartObject("totals");
                w.WriteNumber("extraKm", d.Totals.ExtraKm); w.WriteNumber("extraMinutes", d.Totals.ExtraMinutes); w.WriteNumber("extraFuelKg", d.Totals.ExtraFuelKg);
                w.WriteNumber("extraCo2Kg", d.Totals.ExtraCo2Kg); w.WriteNumber("extraCostUsd", d.Totals.ExtraCostUsd);
                w.WriteEndObject();
                w.WriteString("outcomes", new string(d.Outcomes.Select(o => Letter[o]).ToArray()));
                w.WriteStartArray("extraCostUsd"); foreach (var x in d.ExtraCostUsd) w.WriteNumberValue(x); w.WriteEndArray();
                w.WriteStartArray("extraMinutes"); foreach (var x in d.ExtraMinutes) w.WriteNumberValue(x); w.WriteEndArray();
                w.WriteStartArray("extraKm"); foreach (var x in d.ExtraKm) w.WriteNumberValue(x); w.WriteEndArray();
                w.WriteStartArray("extraFuelKg"); foreach (var x in d.ExtraFuelKg) w.WriteNumberValue(x); w.WriteEndArray();
                w.WriteStartArray("extraCo2Kg"); foreach (var x in d.ExtraCo2Kg) w.WriteNumberValue(x); w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, indented: false);
    }

    /// <summary>Reads a partial written by <see cref="PartialJson"/>; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ScenarioFormatException">Not a partial, another version, or a field missing or of the wrong type
    /// (with file, line, column and JSON path).</exception>
    public static MonteCarloPartial ReadPartial(byte[] utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(file);
        var root = JsonTree.Parse(utf8, file);
        ScenarioFormatException Fail(JsonTree at, ScenarioProblem code, string problem) => new(file, at.Line, at.Column, at.Path, code, problem);
        JsonTree Get(JsonTree n, string name)
        {
            if (n.Kind != JsonValueKind.Object) throw Fail(n, ScenarioProblem.WrongType, "expected an object");
            foreach (var (k, v) in n.Properties) if (k == name) return v;
            throw Fail(n, ScenarioProblem.MissingField, $"the field '{name}' is required in a Monte Carlo partial");
        }
        string Str(JsonTree n) => n.Kind == JsonValueKind.String ? n.Text! : throw Fail(n, ScenarioProblem.WrongType, "expected a string");
        List<JsonTree> Arr(JsonTree n) => n.Kind == JsonValueKind.Array ? n.Items : throw Fail(n, ScenarioProblem.WrongType, "expected an array");
        // Figures are bounded by MaxFigure, far beyond any real one, so that merging (decimal sums over the draws and
        // a double input's conversion to decimal) cannot overflow: 1.1e53 as an input threw OverflowException (fuzzing).
        decimal Dec(JsonTree n) => n.Kind == JsonValueKind.Number && decimal.TryParse(n.Text, NumberStyles.Float, Inv, out var d)
            ? Math.Abs(d) <= MaxFigure ? d : throw Fail(n, ScenarioProblem.OutOfRange, "outside [-1e15, 1e15]")
            : throw Fail(n, ScenarioProblem.WrongType, "expected a number");
        double Dbl(JsonTree n) => n.Kind == JsonValueKind.Number && double.TryParse(n.Text, NumberStyles.Float, Inv, out var d) && double.IsFinite(d)
            ? Math.Abs(d) <= (double)MaxFigure ? d : throw Fail(n, ScenarioProblem.OutOfRange, "outside [-1e15, 1e15]")
            : throw Fail(n, ScenarioProblem.WrongType, "expected a number");
        long Lng(JsonTree n) => n.Kind == JsonValueKind.Number && long.TryParse(n.Text, NumberStyles.AllowLeadingSign, Inv, out var d) ? d : throw Fail(n, ScenarioProblem.WrongType, "expected a whole number");
        int Int(JsonTree n) => Lng(n) is var v && v >= int.MinValue && v <= int.MaxValue ? (int)v : throw Fail(n, ScenarioProblem.OutOfRange, "expected a 32-bit whole number");

        if (root.Kind != JsonValueKind.Object || !root.Properties.Any(p => p.Name == "format") || Str(Get(root, "format")) != PartialFormat)
            throw Fail(root, ScenarioProblem.UnsupportedFormat, $"not a Monte Carlo partial (expected \"format\": \"{PartialFormat}\"; write one with whatif --monte-carlo N --shard K/N)");
        var version = Get(root, "version");
        if (Int(version) != PartialVersion) throw Fail(version, ScenarioProblem.UnsupportedFormat, $"partial format version {version.Text}; this program reads version {PartialVersion}");
        var scenario = Get(root, "scenario");
        var shard = Get(root, "shard");
        var byLetter = Letter.ToDictionary(kv => kv.Value, kv => kv.Key);
        var header = new MonteCarloHeader
        {
            ScenarioName = Str(Get(scenario, "name")), ScenarioSha256 = Str(Get(scenario, "sha256")), Seed = Lng(Get(root, "seed")),
            Draws = Int(Get(root, "draws")), CostModel = Str(Get(root, "costModel")),
            Assumptions = Arr(Get(root, "assumptions")).Select(Str).ToArray(),
            Inputs = Arr(Get(root, "inputs")).Select(i => new MonteCarloInput(Str(Get(i, "name")), Str(Get(i, "unit")), Str(Get(i, "distribution")))).ToArray(),
            Flights = Arr(Get(root, "flights")).Select(f => new MonteCarloFlight(Str(Get(f, "id")), Str(Get(f, "from")), Str(Get(f, "to")), Str(Get(f, "operator")))).ToArray(),
        };
        var draws = Arr(Get(root, "results")).Select(d =>
        {
            var t = Get(d, "totals");
            var oNode = Get(d, "outcomes");
            var outcomes = Str(oNode).Select(c => byLetter.TryGetValue(c, out var o) ? o : throw Fail(oNode, ScenarioProblem.InvalidValue, $"unknown outcome letter '{c}' (UR IDCTE)")).ToArray();
            var counts = Enum.GetValues<FlightOutcome>().ToDictionary(o => o, _ => 0);
            foreach (var o in outcomes) counts[o]++;
            var draw = new MonteCarloDraw
            {
                Index = Int(Get(d, "draw")), Inputs = Arr(Get(d, "inputs")).Select(Dbl).ToArray(),
                Totals = new Totals
                {
                    Flights = outcomes.Length, ByOutcome = counts, ExtraKm = Dec(Get(t, "extraKm")), ExtraMinutes = Dec(Get(t, "extraMinutes")),
                    ExtraFuelKg = Dec(Get(t, "extraFuelKg")), ExtraCo2Kg = Dec(Get(t, "extraCo2Kg")), ExtraCostUsd = Dec(Get(t, "extraCostUsd")),
                },
                Outcomes = outcomes, ExtraCostUsd = Arr(Get(d, "extraCostUsd")).Select(Dec).ToArray(), ExtraMinutes = Arr(Get(d, "extraMinutes")).Select(Dec).ToArray(),
                ExtraKm = Arr(Get(d, "extraKm")).Select(Dec).ToArray(), ExtraFuelKg = Arr(Get(d, "extraFuelKg")).Select(Dec).ToArray(),
                ExtraCo2Kg = Arr(Get(d, "extraCo2Kg")).Select(Dec).ToArray(),
            };
            return draw;
        }).ToArray();
        // The run's shape, checked here with a position (and so that merging never sizes anything by a count the file
        // states but does not hold: "draws": 2000000000 with no results would have listed two billion draw numbers).
        var drawsNode = Get(root, "draws");
        var countNode = Get(shard, "count");
        var indexNode = Get(shard, "index");
        int shardCount = Int(countNode), shardIndex = Int(indexNode);
        if (header.Draws < 1) throw Fail(drawsNode, ScenarioProblem.OutOfRange, "a run has at least one draw");
        if (shardCount < 1 || shardCount > header.Draws) throw Fail(countNode, ScenarioProblem.OutOfRange, $"the shard count is outside [1, {header.Draws}] (the run's draws)");
        if (shardIndex < 0 || shardIndex >= shardCount) throw Fail(indexNode, ScenarioProblem.OutOfRange, $"the shard index is outside [0, {shardCount})");
        int expected = (int)(((long)header.Draws - shardIndex + shardCount - 1) / shardCount);
        var resultsNode = Get(root, "results");
        if (draws.Length != expected)
            throw Fail(resultsNode, ScenarioProblem.InvalidValue, $"{draws.Length} draw result(s); shard {shardIndex}/{shardCount} of a {header.Draws}-draw run holds {expected}");
        // A draw's five totals are the exact sums of its flights' figures (decimal, rounded as written): a partial whose
        // total or flight figure was changed by hand, or damaged, merged without a word into the percentiles. Each
        // per-flight list holds one figure per flight (a short one summed to a wrong total that looked like an edit).
        for (int i = 0; i < draws.Length; i++)
            foreach (var (name, total, flights) in draws[i].TotalsAndFlights())
            {
                var node = resultsNode.Items[i];
                if (Get(node, name).Items.Count != draws[i].Outcomes.Count)
                    throw Fail(Get(node, name), ScenarioProblem.InvalidValue,
                        string.Create(Inv, $"draw {draws[i].Index}: {Get(node, name).Items.Count} figures in {name} for {draws[i].Outcomes.Count} flights (outcomes); one per flight"));
                if ((flights ?? []).Sum() is var sum && sum != total)
                    throw Fail(Get(Get(node, "totals"), name), ScenarioProblem.InvalidValue,
                        string.Create(Inv, $"draw {draws[i].Index}: the total {name} {total} is not the sum of its flights' {name} ({sum}); the file was changed since it was written"));
            }
        return new MonteCarloPartial(header, shardIndex, shardCount, draws);
    }

    /// <summary>The largest magnitude a partial's figure may have (1e15: a cost in US$ or a count of kilometres far
    /// beyond any real run; the sums over two billion draws then stay within <see cref="decimal"/>).</summary>
    private const decimal MaxFigure = 1e15m;
}
