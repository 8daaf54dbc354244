using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;
using NetTopologySuite.Geometries;

namespace AirspaceSim.Simulation;

/// <summary>What the scenario reader resolves names against.</summary>
public sealed record ScenarioReadOptions
{
    /// <summary>Catalog for closure airspace ids (default the bundled one).</summary>
    public AirspaceCatalog Catalog { get; init; } = AirspaceCatalog.Bundled;

    /// <summary>
    /// Airspace files indexed but not built (<see cref="AirspaceLoader.OpenGeoJson(string, AirspaceLoadOptions?)"/>),
    /// searched before <see cref="Catalog"/>, the last file first: only the ids the scenario names are validated and
    /// built, and a named feature that the file leaves out is an error that gives its problem. Default none.
    /// </summary>
    public IReadOnlyList<AirspaceFile> AirspaceFiles { get; init; } = [];

    /// <summary>Airports that flights and airport closures must name (default the bundled directory); null = not checked.</summary>
    public AirportDirectory? Airports { get; init; } = AirportDirectory.Bundled;

    /// <summary>Cost model whose types flights must name; null = types not checked (they fail per flight when run).</summary>
    public IFlightCostModel? CostModel { get; init; }
}

/// <summary>
/// Reads and writes scenario JSON. Reading is strict: an unknown field, a wrong type, an unknown airspace id, airport
/// or type, a window that ends at or before its start, a notice after the start, or a band whose lower limit is not
/// below its upper raises <see cref="ScenarioFormatException"/> with file, line, column and JSON path. Writing gives
/// the same model back when read (round trip).
/// </summary>
public static class ScenarioJson
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <inheritdoc cref="Load(string, ScenarioReadOptions?)"/>
    public static Scenario Load(string path) => Load(path, null);

    /// <summary>Reads a scenario file.</summary>
    /// <exception cref="ScenarioFormatException">Anything that would make the scenario wrong to run.</exception>
    public static Scenario Load(string path, ScenarioReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Read in chunks, not whole: the flights are read as they come (no tree, no copy of the file).
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return Read(stream, path, options, ChunkBytes);
    }

    /// <summary>What <see cref="Load(string, ScenarioReadOptions?)"/> reads at a time (a token or polygon longer than this grows it).</summary>
    internal const int ChunkBytes = 64 * 1024;

    /// <summary>Reads scenario JSON from <paramref name="stream"/>, <paramref name="chunkBytes"/> at a time; as <see cref="Parse(byte[], string, ScenarioReadOptions?)"/> on its content.</summary>
    internal static Scenario Read(Stream stream, string file, ScenarioReadOptions? options, int chunkBytes)
    {
        var reader = new Reader(file, options ?? new ScenarioReadOptions());
        return reader.Scenario(JsonTree.Parse(stream, file, skipBom: true, chunkBytes, reader.StreamedArray));
    }

    /// <inheritdoc cref="Parse(string, string, ScenarioReadOptions?)"/>
    public static Scenario Parse(string json) => Parse(json, "scenario", null);

    /// <inheritdoc cref="Parse(string, string, ScenarioReadOptions?)"/>
    public static Scenario Parse(string json, string file) => Parse(json, file, null);

    /// <summary>Reads scenario JSON text; <paramref name="file"/> names it in messages.</summary>
    public static Scenario Parse(string json, string file, ScenarioReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), file, options);
    }

    /// <inheritdoc cref="Parse(byte[], string, ScenarioReadOptions?)"/>
    public static Scenario Parse(byte[] utf8, string file) => Parse(utf8, file, null);

    /// <summary>Reads scenario JSON bytes (UTF-8, an optional BOM skipped).</summary>
    public static Scenario Parse(byte[] utf8, string file, ScenarioReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF) utf8 = utf8[3..];
        var reader = new Reader(file, options ?? new ScenarioReadOptions());
        return reader.Scenario(JsonTree.Parse(utf8, file, reader.StreamedArray));
    }

    // The flights, read one by one as the parser reaches them (no tree kept). The first flight error is held and given
    // where the whole-tree reader gave it: after any syntax error in the rest of the file and after the errors of the
    // fields read before the flights (Reader.Scenario's order).
    private sealed class FlightSink(Reader reader) : StreamedItems
    {
        public List<Flight> Flights { get; } = [];

        public ScenarioFormatException? Error { get; private set; }

        public override void Add(JsonTree item)
        {
            if (Error != null) return;
            try { Flights.Add(reader.Flight(item)); }
            catch (ScenarioFormatException e) { Error = e; }
        }
    }

    private sealed class Reader(string file, ScenarioReadOptions options)
    {
        public StreamedItems? StreamedArray(string rootProperty) => rootProperty == "flights" ? new FlightSink(this) : null;

        private List<Flight> Flights(JsonTree n) =>
            n.Streamed is FlightSink sink ? sink.Error is { } e ? throw e : sink.Flights : Arr(n, "flights").Select(Flight).ToList();

        private ScenarioFormatException Fail(JsonTree at, ScenarioProblem code, string problem) => new(file, at.Line, at.Column, at.Path, code, problem);

        // Every object is read through this: unknown fields are errors that list the accepted ones.
        private Dictionary<string, JsonTree> Fields(JsonTree node, string what, params string[] accepted) =>
            Fields(new Dictionary<string, JsonTree>(StringComparer.Ordinal), node, what, accepted);

        // `map` emptied and filled (a flight's, used again for the next flight).
        private Dictionary<string, JsonTree> Fields(Dictionary<string, JsonTree> map, JsonTree node, string what, string[] accepted)
        {
            if (node.Kind != JsonValueKind.Object) throw Fail(node, ScenarioProblem.WrongType, $"{what} must be a JSON object, not {Kind(node)}");
            map.Clear();
            foreach (var (name, value) in node.Properties)
            {
                if (!IsAccepted(accepted, name)) throw Fail(value, ScenarioProblem.UnknownField, $"unknown field '{name}' in {what}; accepted: {string.Join(", ", accepted)}");
                if (!map.TryAdd(name, value)) throw Fail(value, ScenarioProblem.Duplicate, $"field '{name}' given twice");
            }
            return map;
        }

        // Array.IndexOf's ordinal match by a plain loop (the generic one costs a comparer lookup per call: eight calls a flight).
        private static bool IsAccepted(string[] accepted, string name)
        {
            foreach (var a in accepted)
                if (string.Equals(a, name, StringComparison.Ordinal)) return true;
            return false;
        }

        private static string Kind(JsonTree n) => n.Kind switch
        {
            JsonValueKind.Object => "an object", JsonValueKind.Array => "an array", JsonValueKind.String => $"the string \"{n.Text}\"",
            JsonValueKind.Number => $"the number {n.Text}", JsonValueKind.True => "true", JsonValueKind.False => "false", _ => "null",
        };

        private JsonTree Required(Dictionary<string, JsonTree> f, JsonTree owner, string name, string what) =>
            f.TryGetValue(name, out var v) ? v : throw new ScenarioFormatException(file, owner.Line, owner.Column, $"{owner.Path}.{name}", ScenarioProblem.MissingField, $"{what}: the field '{name}' is required");

        private string Str(JsonTree n, string what) =>
            n.Kind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.Text) ? n.Text!.Trim() : throw Fail(n, ScenarioProblem.WrongType, $"{what} must be a non-empty string, not {Kind(n)}");

        private string? OptStr(Dictionary<string, JsonTree> f, string name, string what) =>
            f.TryGetValue(name, out var v) && v.Kind != JsonValueKind.Null ? Str(v, what) : null;

        // An identifier: a string (trimmed) without control characters, which broke the table's rows (IdentifierText).
        private string Id(JsonTree n, string what)
        {
            string s = Str(n, what);
            return IdentifierText.Problem(s, what) is { } problem ? throw Fail(n, ScenarioProblem.InvalidValue, problem) : s;
        }

        private string? OptId(Dictionary<string, JsonTree> f, string name, string what) =>
            f.TryGetValue(name, out var v) && v.Kind != JsonValueKind.Null ? Id(v, what) : null;

        private double Num(JsonTree n, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        {
            if (n.Kind != JsonValueKind.Number || !double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw Fail(n, ScenarioProblem.WrongType, $"{what} must be a number, not {Kind(n)}");
            if (v < min || v > max) throw Fail(n, ScenarioProblem.OutOfRange, $"{what} {n.Text} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return v;
        }

        private double? OptNum(Dictionary<string, JsonTree> f, string name, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
            f.TryGetValue(name, out var v) && v.Kind != JsonValueKind.Null ? Num(v, what, min, max) : null;

        private int Int(JsonTree n, string what, int min, int max)
        {
            double v = Num(n, what, min, max);
            return v == Math.Floor(v) ? (int)v : throw Fail(n, ScenarioProblem.WrongType, $"{what} must be a whole number, not {n.Text}");
        }

        private List<JsonTree> Arr(JsonTree n, string what) => n.Kind == JsonValueKind.Array ? n.Items : throw Fail(n, ScenarioProblem.WrongType, $"{what} must be an array, not {Kind(n)}");

        private List<string> Strings(Dictionary<string, JsonTree> f, string name, string what) =>
            f.TryGetValue(name, out var v) ? Arr(v, what).Select(x => Str(x, $"{what} item")).ToList() : [];

        private DateTime Instant(JsonTree n, string what)
        {
            var s = Str(n, what);
            if (MinuteInstant(s) is { } minute) return minute;
            if (!DateTime.TryParseExact(s, [MinuteInstantFormat, "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                throw Fail(n, ScenarioProblem.InvalidValue, $"{what} '{s}' is not a UTC instant like 2025-11-22T00:00Z (ISO 8601 with Z)");
            return DateTime.SpecifyKind(t, DateTimeKind.Utc);
        }

        // yyyy-MM-ddTHH:mmZ, the form of nearly every instant, without TryParseExact: a subset of what it accepts
        // (ASCII digits, a valid date and time), with the same value; anything else goes through it.
        private static DateTime? MinuteInstant(string s)
        {
            if (s.Length != 17 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != 'Z') return null;
            int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2), h = Digits(s, 11, 2), mi = Digits(s, 14, 2);
            if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) return null;
            return new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc);
        }

        private static int Digits(string s, int at, int count)
        {
            int v = 0;
            for (int i = at; i < at + count; i++)
            {
                if (!char.IsAsciiDigit(s[i])) return -1;
                v = v * 10 + (s[i] - '0');
            }
            return v;
        }

        private DateOnly Date(JsonTree n, string what)
        {
            var s = Str(n, what);
            return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw Fail(n, ScenarioProblem.InvalidValue, $"{what} '{s}' is not a date like 2025-11-24");
        }

        private int Level(JsonTree n, string what, bool upper, out bool unlimited)
        {
            unlimited = false;
            if (n.Kind == JsonValueKind.Number) return Int(n, what, 0, 999);
            var s = Str(n, what).ToUpperInvariant();
            if (s == "SFC" && !upper) return 0;
            if (s == "UNL" && upper) { unlimited = true; return 0; }
            if (s.StartsWith("FL", StringComparison.Ordinal) && int.TryParse(s.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int fl) && fl <= 999) return fl;
            throw Fail(n, ScenarioProblem.InvalidValue, $"{what} '{s}' is not a level: give {(upper ? "UNL" : "SFC")}, FLnnn or a flight level number");
        }

        public Scenario Scenario(JsonTree root)
        {
            var f = Fields(root, "the scenario", "name", "description", "sources", "assumptions", "period", "parameters", "closures", "flights", "routes", "uncertainty", "realism");
            DateOnly? first = null, last = null;
            if (f.TryGetValue("period", out var per))
            {
                var pf = Fields(per, "period", "first", "last");
                first = Date(Required(pf, per, "first", "period"), "period.first");
                var lastNode = Required(pf, per, "last", "period");
                last = Date(lastNode, "period.last");
                if (last < first) throw Fail(lastNode, ScenarioProblem.Order, string.Create(CultureInfo.InvariantCulture, $"the period ends {last:yyyy-MM-dd} before it starts {first:yyyy-MM-dd}"));
            }
            var closures = f.TryGetValue("closures", out var cs) ? Arr(cs, "closures").Select(Closure).ToList() : [];
            var dup = closures.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dup != null) throw Fail(cs!.Items[closures.FindLastIndex(c => string.Equals(c.Id, dup.Key, StringComparison.OrdinalIgnoreCase))], ScenarioProblem.Duplicate, $"closure id '{dup.Key}' is used twice");
            if (closures.Count > WhatIfSimulator.MaxClosures) throw Fail(cs!, ScenarioProblem.OutOfRange, $"{closures.Count} closures; at most {WhatIfSimulator.MaxClosures} are supported");
            var routes = new List<ScheduledRoute>();
            if (f.TryGetValue("routes", out var rs))
                foreach (var n in Arr(rs, "routes"))
                {
                    var route = Route(n, first, last);
                    // A route pasted twice flew every one of its flights twice, counted twice (as a flight id given
                    // twice did); two services of one number at other times or dates are two routes, and fine.
                    int same = routes.IndexOf(route);
                    if (same >= 0)
                        throw Fail(n, ScenarioProblem.Duplicate, $"this route is the same as routes[{same}] (every field equal): its flights would be flown and counted twice; give it once");
                    routes.Add(route);
                }
            var realism = f.TryGetValue("realism", out var rn) ? Realism(rn) : null;
            if (realism != null && rn!.Properties.FirstOrDefault(p => p.Name == "closureMarginsNm").Value is { } marginsNode)
                foreach (var (cid, node) in marginsNode.Properties)
                    if (!closures.Any(c => string.Equals(c.Id, cid, StringComparison.OrdinalIgnoreCase)))
                        throw Fail(node, ScenarioProblem.UnknownClosure, $"closureMarginsNm names '{cid}', which is not a closure of the scenario ({string.Join(", ", closures.Select(c => c.Id))})");
            var scenario = new Scenario
            {
                Name = Id(Required(f, root, "name", "the scenario"), "name"),
                Description = OptStr(f, "description", "description"),
                Sources = f.TryGetValue("sources", out var src) ? Arr(src, "sources").Select(Source).ToList() : [],
                Assumptions = Strings(f, "assumptions", "assumptions"),
                PeriodStart = first, PeriodEnd = last,
                Parameters = f.TryGetValue("parameters", out var p) ? Parameters(p) : new ScenarioParameters(),
                Closures = closures,
                Flights = f.TryGetValue("flights", out var fs) ? Flights(fs) : [],
                Routes = routes,
                Uncertainty = f.TryGetValue("uncertainty", out var un) ? Uncertainty(un, closures) : ScenarioUncertainty.None,
                Realism = realism,
            };
            // After every field is read, so that errors still come in the order of the file's fields.
            CheckWindHasDirection(f, scenario.Parameters, scenario.Uncertainty);
            return scenario;
        }

        // A wind speed without a direction ran as a north wind (the cost model's 0 degrees), without a word: a planner
        // who wrote "windKt": 100 for the jet over the Atlantic got a headwind on every southbound leg.
        private void CheckWindHasDirection(Dictionary<string, JsonTree> f, ScenarioParameters parameters, ScenarioUncertainty uncertainty)
        {
            bool direction = parameters.Cost.WindFromDeg != null || uncertainty.Inputs.ContainsKey(UncertainInput.WindFromDeg);
            if (direction) return;
            if (parameters.Cost.WindKt > 0)
                throw Fail(f["parameters"].Properties.First(x => x.Name == "windKt").Value, ScenarioProblem.Conflict,
                    string.Create(CultureInfo.InvariantCulture, $"windKt {parameters.Cost.WindKt} without windFromDeg: give the direction the wind blows from (degrees true, e.g. \"windFromDeg\": 270, in parameters or as an uncertain input); without it the wind would blow from 0 degrees (north)"));
            if (uncertainty.Inputs.ContainsKey(UncertainInput.WindKt))
                throw Fail(f["uncertainty"].Properties.First(x => x.Name == "windKt").Value, ScenarioProblem.Conflict,
                    "windKt without windFromDeg: give the direction the wind blows from (degrees true, e.g. \"windFromDeg\": 270 in parameters, or a distribution here); without it the wind would blow from 0 degrees (north)");
        }

        // ------------------------------------------------------------------------------------ uncertainty

        private static readonly string[] DistributionKinds = ["fixed", "uniform", "normal", "triangular", "lognormal", "discrete"];

        private ScenarioUncertainty Uncertainty(JsonTree n, List<Closure> closures)
        {
            var names = Enum.GetValues<UncertainInput>().Select(ScenarioUncertainty.Name).ToArray();
            var f = Fields(n, "uncertainty", ["closureEnds", .. names]);
            var ends = new List<ClosureEndUncertainty>();
            if (f.TryGetValue("closureEnds", out var en))
                foreach (var item in Arr(en, "closureEnds"))
                {
                    var ef = Fields(item, "a closure end (give closure and one of hoursAfterStart, end)", "closure", "hoursAfterStart", "end");
                    var idNode = Required(ef, item, "closure", "a closure end");
                    string id = Str(idNode, "closure");
                    var closure = closures.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
                        ?? throw Fail(idNode, ScenarioProblem.UnknownClosure, $"no closure '{id}' in the scenario (closures: {string.Join(", ", closures.Select(c => c.Id))})");
                    if (ends.Any(e => string.Equals(e.ClosureId, closure.Id, StringComparison.Ordinal))) throw Fail(idNode, ScenarioProblem.Duplicate, $"the end of closure '{id}' is given twice");
                    if (ef.ContainsKey("hoursAfterStart") == ef.ContainsKey("end")) throw Fail(item, ScenarioProblem.Conflict, "a closure end needs exactly one of hoursAfterStart (a distribution of hours) and end (a distribution of UTC instants)");
                    if (closure.EndUtc != null) throw Fail(item, ScenarioProblem.Conflict, $"closure '{id}' has a fixed end ({ScenarioJson.Instant(closure.EndUtc.Value)}); remove it to make the end uncertain");
                    Distribution d;
                    if (ef.TryGetValue("hoursAfterStart", out var hn)) d = Dist(hn, $"hoursAfterStart of '{id}'", x => Num(x, "hours"));
                    else
                    {
                        // A distribution of instants, held as hours after the start: sd stays in hours.
                        var start = closure.StartUtc;
                        d = Dist(ef["end"], $"end of '{id}'", x => (Instant(x, "end instant") - start).TotalHours, allowLogNormal: false);
                    }
                    var e = new ClosureEndUncertainty(closure.Id, d);
                    Checked(hn ?? ef["end"], () => new ScenarioUncertainty { ClosureEnds = [e] }.Check(closures));
                    ends.Add(e);
                }
            var inputs = new SortedDictionary<UncertainInput, Distribution>();
            foreach (var input in Enum.GetValues<UncertainInput>())
                if (f.TryGetValue(ScenarioUncertainty.Name(input), out var dn))
                {
                    var d = Dist(dn, ScenarioUncertainty.Name(input), x => Num(x, ScenarioUncertainty.Name(input)));
                    Checked(dn, () => new ScenarioUncertainty { Inputs = new SortedDictionary<UncertainInput, Distribution> { [input] = d } }.Check(closures));
                    inputs[input] = d;
                }
            return ends.Count == 0 && inputs.Count == 0 ? ScenarioUncertainty.None : new ScenarioUncertainty { ClosureEnds = ends, Inputs = inputs };
        }

        private void Checked(JsonTree at, Action check)
        {
            try { check(); }
            catch (ArgumentException e) { throw Fail(at, ScenarioProblem.InvalidDistribution, e.Message); }
        }

        // A distribution: one field naming the family, e.g. {"uniform": {"min": 1, "max": 2}} or {"fixed": 3}.
        private Distribution Dist(JsonTree n, string what, Func<JsonTree, double> value, bool allowLogNormal = true)
        {
            string accepted = "fixed, uniform {min, max}, normal {mean, sd}, triangular {min, mode, max}, lognormal {mu, sigma}, discrete {values, weights}";
            if (n.Kind != JsonValueKind.Object || n.Properties.Count != 1)
                throw Fail(n, ScenarioProblem.InvalidDistribution, $"{what} must be a distribution: an object with one of {accepted}, e.g. {{\"uniform\": {{\"min\": 1, \"max\": 2}}}}");
            var (kind, p) = n.Properties[0];
            if (Array.IndexOf(DistributionKinds, kind) < 0) throw Fail(p, ScenarioProblem.InvalidDistribution, $"unknown distribution '{kind}' for {what}; accepted: {accepted}");
            if (kind == "lognormal" && !allowLogNormal) throw Fail(p, ScenarioProblem.InvalidDistribution, $"lognormal is not accepted for {what} (its parameters are of ln X); give hoursAfterStart instead");
            try
            {
                switch (kind)
                {
                    case "fixed": return Distribution.Fixed(value(p));
                    case "uniform":
                    {
                        var f = Fields(p, "a uniform distribution", "min", "max");
                        return Distribution.Uniform(value(Required(f, p, "min", "uniform")), value(Required(f, p, "max", "uniform")));
                    }
                    case "normal":
                    {
                        var f = Fields(p, "a normal distribution", "mean", "sd");
                        return Distribution.Normal(value(Required(f, p, "mean", "normal")), Num(Required(f, p, "sd", "normal"), "sd"));
                    }
                    case "triangular":
                    {
                        var f = Fields(p, "a triangular distribution", "min", "mode", "max");
                        return Distribution.Triangular(value(Required(f, p, "min", "triangular")), value(Required(f, p, "mode", "triangular")), value(Required(f, p, "max", "triangular")));
                    }
                    case "lognormal":
                    {
                        var f = Fields(p, "a lognormal distribution", "mu", "sigma");
                        return Distribution.LogNormal(Num(Required(f, p, "mu", "lognormal"), "mu"), Num(Required(f, p, "sigma", "lognormal"), "sigma"));
                    }
                    default:
                    {
                        var f = Fields(p, "a discrete distribution", "values", "weights");
                        var values = Arr(Required(f, p, "values", "discrete"), "values").Select(value).ToList();
                        var weights = f.TryGetValue("weights", out var w) ? Arr(w, "weights").Select(x => Num(x, "weight")).ToList() : null;
                        return Distribution.Discrete(values, weights);
                    }
                }
            }
            catch (ArgumentException e) { throw Fail(p, ScenarioProblem.InvalidDistribution, $"{what}: {e.Message}"); }
        }

        // The realism layer (README "Realism"): its presence turns it on; every part defaults to RealismOptions.Default.
        private Routing.RealismOptions Realism(JsonTree n)
        {
            var f = Fields(n, "realism", "borderMarginNm", "closureMarginsNm", "routeEfficiencyFactor", "wind", "windOptimal");
            var d = Routing.RealismOptions.Default;
            var margins = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            if (f.TryGetValue("closureMarginsNm", out var cm))
            {
                if (cm.Kind != JsonValueKind.Object) throw Fail(cm, ScenarioProblem.WrongType, "closureMarginsNm must be an object of closure id: NM");
                foreach (var (id, v) in cm.Properties)
                    if (!margins.TryAdd(id, Ranged(v, $"closureMarginsNm.{id}", ParameterRanges.BufferNm))) throw Fail(v, ScenarioProblem.Duplicate, $"closure '{id}' is given twice");
            }
            bool windOptimal = d.WindOptimal;
            if (f.TryGetValue("windOptimal", out var wo))
                windOptimal = wo.Kind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Fail(wo, ScenarioProblem.WrongType, "windOptimal must be true or false") };
            return new Routing.RealismOptions
            {
                BorderMarginNm = OptRanged(f, "borderMarginNm", ParameterRanges.BufferNm) ?? d.BorderMarginNm,
                ClosureMarginsNm = margins,
                RouteEfficiencyFactor = OptNum(f, "routeEfficiencyFactor", "routeEfficiencyFactor", 1, 1.5) ?? d.RouteEfficiencyFactor,
                Wind = f.TryGetValue("wind", out var wn) ? Wind(wn) : null,
                WindOptimal = windOptimal,
            };
        }

        // "DIR/SPEED", a bundled climatology name, or a wind grid file (relative to the scenario file's folder).
        private Weather.WindField Wind(JsonTree n)
        {
            var text = Str(n, "realism.wind");
            if (Performance.Wind.TryParse(text, out var w, out var error)) return new Weather.UniformWindField(w.FromDeg, w.SpeedKt);
            if (Weather.GriddedWindField.BundledNames.Contains(text.Trim().ToLowerInvariant())) return Weather.GriddedWindField.Bundled(text);
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            var path = Path.IsPathRooted(text) || dir is null || !File.Exists(Path.Combine(dir, text)) ? text : Path.Combine(dir, text);
            if (!File.Exists(path))
                throw Fail(n, ScenarioProblem.InvalidWind, $"wind '{text}' is neither DIR/SPEED ({error}) nor a bundled climatology ({string.Join(", ", Weather.GriddedWindField.BundledNames)}) nor a wind grid file");
            try { return Weather.GriddedWindField.Load(path); }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException) { throw Fail(n, ScenarioProblem.InvalidWind, $"wind grid: {e.Message}"); }
        }

        private ScenarioSource Source(JsonTree n)
        {
            var f = Fields(n, "a source", "id", "title", "url");
            return new ScenarioSource(Id(Required(f, n, "id", "a source"), "source id"), Str(Required(f, n, "title", "a source"), "title"), OptStr(f, "url", "url"));
        }

        private ScenarioParameters Parameters(JsonTree n)
        {
            var f = Fields(n, "parameters", "fuelPriceUsdPerKg", "co2KgPerFuelKg", "hourlyCostUsd", "reserveMinutes", "loadFactor", "windFromDeg", "windKt",
                "techStopGroundMinutes", "bufferSweepNm", "cruiseSpeedFactor");
            return new ScenarioParameters
            {
                Cost = new CostParameters
                {
                    FuelPriceUsdPerKg = OptRanged(f, "fuelPriceUsdPerKg", ParameterRanges.FuelPriceUsdPerKg),
                    Co2KgPerFuelKg = OptRanged(f, "co2KgPerFuelKg", ParameterRanges.Co2KgPerFuelKg),
                    HourlyCostUsd = OptRanged(f, "hourlyCostUsd", ParameterRanges.HourlyCostUsd),
                    ReserveMinutes = OptRanged(f, "reserveMinutes", ParameterRanges.ReserveMinutes),
                    LoadFactor = OptRanged(f, "loadFactor", ParameterRanges.LoadFactor),
                    WindFromDeg = OptRanged(f, "windFromDeg", ParameterRanges.WindFromDeg),
                    WindKt = OptRanged(f, "windKt", ParameterRanges.WindKt),
                    CruiseSpeedFactor = OptRanged(f, "cruiseSpeedFactor", ParameterRanges.CruiseSpeedFactor),
                },
                TechStopGroundMinutes = OptRanged(f, "techStopGroundMinutes", ParameterRanges.TechStopGroundMinutes) ?? 60,
                BufferSweepNm = f.TryGetValue("bufferSweepNm", out var b) ? Arr(b, "bufferSweepNm").Select(x => Ranged(x, "bufferSweepNm item", ParameterRanges.BufferNm)).ToList() : [],
            };
        }

        // A quantity with a range in the one table (ParameterRanges) that the builder, the sweep and the Monte Carlo
        // inputs check too, in the same words: an open end as the cost model has it (0 CO2 per kg, a load factor of 0
        // or a 600 min reserve passed the reader and failed the run with the model's internal name and no location).
        private double Ranged(JsonTree n, string what, ParameterRange range)
        {
            double v = Num(n, what);
            if (!range.Contains(v)) throw Fail(n, ScenarioProblem.OutOfRange, $"{what} {range.Outside(n.Text!)}");
            return v;
        }

        private double? OptRanged(Dictionary<string, JsonTree> f, string name, ParameterRange range) =>
            f.TryGetValue(name, out var v) && v.Kind != JsonValueKind.Null ? Ranged(v, name, range) : null;

        // An airspace id: from the files (last first, built now), else from the catalog.
        private Airspace Airspace(JsonTree item, string aid)
        {
            var files = options.AirspaceFiles;
            for (int i = files.Count - 1; i >= 0; i--)
            {
                if (!files[i].Contains(aid)) continue;
                var built = files[i].Build(aid);
                if (built.Airspace is { } fromFile) return fromFile;
                throw Fail(item, ScenarioProblem.UnknownAirspace, $"airspace '{aid}' was left out when loading {files[i].FileName ?? "its file"}: {built.Issues.FirstOrDefault(x => !x.Repaired)?.Message ?? "no usable geometry"}");
            }
            if (options.Catalog.TryGet(aid, out var a)) return a;
            // A feature of a file whose header was already rejected when indexing (no geometry type, bad "interior").
            var why = files.SelectMany(f => f.IndexIssues).LastOrDefault(x => !x.Repaired && string.Equals(x.FeatureId, aid.Trim(), StringComparison.OrdinalIgnoreCase));
            if (why != null) throw Fail(item, ScenarioProblem.UnknownAirspace, $"airspace '{aid}' was left out when loading: {why.Message}");
            var known = files.Count == 0 ? options.Catalog.Ids : files.SelectMany(f => f.Ids).Concat(options.Catalog.Ids).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var close = AirspaceCatalog.CloseMatches(known, aid);
            throw Fail(item, ScenarioProblem.UnknownAirspace, $"unknown airspace id '{aid}'" + (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : $"; known ids: {string.Join(", ", known.Take(10))}{(known.Count > 10 ? ", ..." : "")}"));
        }

        private Closure Closure(JsonTree n)
        {
            var f = Fields(n, "a closure", "id", "airspaces", "polygons", "airports", "bufferNm", "lower", "upper", "start", "end", "notice", "appliesTo", "bans", "source");
            string id = Id(Required(f, n, "id", "a closure"), "closure id");
            var airspaces = new List<Airspace>();
            var ids = new List<string>();
            if (f.TryGetValue("airspaces", out var an))
                foreach (var item in Arr(an, "airspaces"))
                {
                    var a = Airspace(item, Id(item, "airspace id"));
                    ids.Add(a.Id); airspaces.Add(a);
                }
            if (f.TryGetValue("polygons", out var pn))
                foreach (var item in Arr(pn, "polygons"))
                {
                    string pid = $"{id}#{airspaces.Count - ids.Count + 1}";
                    if (item.Kind == JsonValueKind.Object && item.Properties.FirstOrDefault(p => p.Name == "id").Value is { Kind: JsonValueKind.String } idNode)
                    {
                        pid = idNode.Text!;
                        if (IdentifierText.Problem(pid, "polygon id") is { } problem) throw Fail(idNode, ScenarioProblem.InvalidValue, problem);
                    }
                    try { airspaces.Add(AirspaceLoader.ParsePolygonStrict(item.Raw!, pid)); }
                    catch (AirspaceFormatException e) { throw Fail(item, ScenarioProblem.InvalidGeometry, $"polygon is not a valid GeoJSON Polygon, MultiPolygon or Feature: {e.Message}"); }
                }
            var airports = f.TryGetValue("airports", out var airportsNode) ? Arr(airportsNode, "airports").Select(x => Id(x, "airports item")).ToList() : [];
            if (options.Airports is { } dir && f.TryGetValue("airports", out var apn))
                for (int i = 0; i < airports.Count; i++)
                    if (!dir.TryGet(airports[i], out _)) throw Fail(apn.Items[i], ScenarioProblem.UnknownAirport, $"unknown airport '{airports[i]}' (not in the airport directory, {dir.Count} airports)");
            if (airspaces.Count == 0 && airports.Count == 0) throw Fail(n, ScenarioProblem.MissingField, $"closure '{id}' closes nothing: give airspaces, polygons or airports");

            int lower = f.TryGetValue("lower", out var lo) ? Level(lo, "lower", false, out _) : 0;
            int? upper = null;
            if (f.TryGetValue("upper", out var up))
            {
                int u = Level(up, "upper", true, out bool unl);
                if (!unl)
                {
                    if (u <= lower) throw Fail(up, ScenarioProblem.Order, $"the band's upper limit FL{u:D3} is not above its lower limit {VerticalBand.Text(lower)}");
                    upper = u;
                }
            }
            var startNode = Required(f, n, "start", "a closure");
            var start = Instant(startNode, "start");
            DateTime? end = null, notice = null;
            if (f.TryGetValue("end", out var en) && en.Kind != JsonValueKind.Null)
            {
                end = Instant(en, "end");
                if (end <= start) throw Fail(en, ScenarioProblem.Order, string.Create(CultureInfo.InvariantCulture, $"the window ends {end:yyyy-MM-dd'T'HH:mm'Z'} at or before it starts {start:yyyy-MM-dd'T'HH:mm'Z'} (the end is exclusive and must be later)"));
            }
            if (f.TryGetValue("notice", out var nn) && nn.Kind != JsonValueKind.Null)
            {
                notice = Instant(nn, "notice");
                if (notice > start) throw Fail(nn, ScenarioProblem.Order, string.Create(CultureInfo.InvariantCulture, $"the notice {notice:yyyy-MM-dd'T'HH:mm'Z'} is after the start {start:yyyy-MM-dd'T'HH:mm'Z'}; a closure is announced at or before it starts"));
            }
            var bans = ClosureBans.Both;
            if (f.TryGetValue("bans", out var bn))
                bans = Str(bn, "bans").ToLowerInvariant() switch
                {
                    "overflight" => ClosureBans.Overflight, "airports" => ClosureBans.Airports, "both" => ClosureBans.Both,
                    var s => throw Fail(bn, ScenarioProblem.InvalidValue, $"bans '{s}' is not one of overflight, airports, both"),
                };
            // Named airports are closed by an airport ban (ClosureBans.Airports); with an overflight ban alone they
            // were closed all the same, against the documented meaning of "overflight".
            if (airports.Count > 0 && bans == ClosureBans.Overflight)
                throw Fail(f["airports"], ScenarioProblem.Conflict, $"closure '{id}' names airports ({string.Join(", ", airports)}) but bans only overflight: named airports are closed by an airport ban; give bans \"airports\" or \"both\", or remove them");
            return new Closure
            {
                Id = id, AirspaceIds = ids, Airspaces = airspaces, Airports = airports,
                BufferNm = OptRanged(f, "bufferNm", ParameterRanges.BufferNm) ?? 0,
                Band = new VerticalBand(lower, upper), StartUtc = start, EndUtc = end, NoticeUtc = notice,
                AppliesTo = f.TryGetValue("appliesTo", out var ap) ? Applies(ap) : Applicability.Everyone,
                Bans = bans, Source = OptStr(f, "source", "source"),
            };
        }

        private Applicability Applies(JsonTree n)
        {
            var f = Fields(n, "appliesTo (give exactly one of everyone: true, states, airlines, exceptStates)", "everyone", "states", "airlines", "exceptStates");
            if (f.Count != 1) throw Fail(n, ScenarioProblem.Conflict, "appliesTo must have exactly one of everyone: true, states, airlines, exceptStates");
            var (name, v) = f.First();
            if (name == "everyone")
                return v.Kind == JsonValueKind.True ? Applicability.Everyone : throw Fail(v, ScenarioProblem.WrongType, $"everyone must be true, not {Kind(v)}");
            var codes = Arr(v, name).Select(x => Id(x, $"{name} item")).ToList();
            if (codes.Count == 0) throw Fail(v, ScenarioProblem.OutOfRange, $"{name} is empty: list at least one code");
            if (name != "airlines")
                foreach (var (c, item) in codes.Zip(v.Items))
                    if (c.Length != 2 || !c.All(char.IsAsciiLetter)) throw Fail(item, ScenarioProblem.InvalidValue, $"'{c}' is not an ISO 3166-1 alpha-2 state code like US");
            return name switch
            {
                "states" => Applicability.States(codes), "airlines" => Applicability.Airlines(codes), _ => Applicability.EveryoneExceptStates(codes),
            };
        }

        private void CheckAirport(JsonTree n, string code)
        {
            // A LAT,LON the directory cannot read ("95,0", "12,5;-70,02") was passed on to the run and became an error
            // row without the file's line and column (exit 1), where an unknown code is a located error (exit 2).
            if (code.Contains(','))
            {
                if (!Geodesy.GeoPoint.TryParseDetail(code.Trim(), out _, out var error))
                    throw Fail(n, ScenarioProblem.InvalidValue, $"invalid location '{code}': {error}");
                return;
            }
            if (options.Airports is not { } dir || dir.TryGet(code, out _)) return;
            // "12.5 -70.02": a position without its comma, said as route says it, not as an unknown code.
            try { dir.Resolve(code); }
            catch (FormatException e) { throw Fail(n, ScenarioProblem.InvalidValue, e.Message); }
            catch (KeyNotFoundException) { }
            throw Fail(n, ScenarioProblem.UnknownAirport, $"unknown airport '{code}' (not in the airport directory, {dir.Count} airports; or give LAT,LON)");
        }

        // Types the cost model knows, asked once each (a day of flights has a handful of types).
        private readonly HashSet<string> _knownTypes = new(StringComparer.Ordinal);

        private void CheckType(JsonTree n, string type)
        {
            if (options.CostModel is not { } m || _knownTypes.Contains(type)) return;
            if (!m.TryGetType(type, out _, out var err)) throw Fail(n, ScenarioProblem.UnknownAircraftType, $"unknown aircraft type '{type}': {err}");
            _knownTypes.Add(type);
        }

        private (string From, string To, string Type) Common(Dictionary<string, JsonTree> f, JsonTree n, string what)
        {
            var fromN = Required(f, n, "from", what); var toN = Required(f, n, "to", what); var typeN = Required(f, n, "type", what);
            string from = Id(fromN, "from"), to = Id(toN, "to"), type = Id(typeN, "type").ToUpperInvariant();
            CheckAirport(fromN, from); CheckAirport(toN, to); CheckType(typeN, type);
            return (from, to, type);
        }

        private string State(JsonTree n)
        {
            var s = Str(n, "state").ToUpperInvariant();
            return s.Length == 2 && char.IsAsciiLetter(s[0]) && char.IsAsciiLetter(s[1]) ? s : throw Fail(n, ScenarioProblem.InvalidValue, $"state '{s}' is not an ISO 3166-1 alpha-2 code like US");
        }

        private static readonly string[] FlightFields = ["id", "from", "to", "departure", "type", "airline", "state", "cruiseFl", "source"];

        private readonly Dictionary<string, JsonTree> _flightFields = new(StringComparer.Ordinal);
        // Flight ids seen, with the line of the first: a flight pasted twice was run and counted twice.
        private readonly Dictionary<string, int> _flightIds = new(StringComparer.Ordinal);

        public Flight Flight(JsonTree n)
        {
            var f = Fields(_flightFields, n, "a flight", FlightFields);
            var idNode = Required(f, n, "id", "a flight");
            string flightId = Id(idNode, "flight id");
            if (!_flightIds.TryAdd(flightId, idNode.Line))
                throw Fail(idNode, ScenarioProblem.Duplicate, $"flight id '{flightId}' is used twice (first on line {_flightIds[flightId]}); give each flight its own id");
            var (from, to, type) = Common(f, n, "a flight");
            return new Flight
            {
                Id = flightId, Origin = from, Destination = to,
                DepartureUtc = Instant(Required(f, n, "departure", "a flight"), "departure"), AircraftType = type,
                Airline = Id(Required(f, n, "airline", "a flight"), "airline").ToUpperInvariant(),
                OperatorState = State(Required(f, n, "state", "a flight")),
                CruiseFl = f.TryGetValue("cruiseFl", out var fl) ? Int(fl, "cruiseFl", 10, 600) : null,
                Source = OptStr(f, "source", "source"),
            };
        }

        private ScheduledRoute Route(JsonTree n, DateOnly? periodFirst, DateOnly? periodLast)
        {
            var f = Fields(n, "a route", "flightNumber", "from", "to", "departureTime", "type", "airline", "state", "cruiseFl", "days", "weeklyFrequency", "firstDate", "lastDate", "source");
            var (from, to, type) = Common(f, n, "a route");
            var tn = Required(f, n, "departureTime", "a route");
            var ts = Str(tn, "departureTime");
            if (!TimeOnly.TryParseExact(ts, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                throw Fail(tn, ScenarioProblem.InvalidValue, $"departureTime '{ts}' is not a UTC time of day like 10:35");
            var days = new List<DayOfWeek>();
            if (f.TryGetValue("days", out var dn))
                foreach (var item in Arr(dn, "days"))
                {
                    var s = Str(item, "day");
                    int k = Array.FindIndex(DayNames, d => string.Equals(d, s, StringComparison.OrdinalIgnoreCase));
                    if (k < 0) throw Fail(item, ScenarioProblem.InvalidValue, $"day '{s}' is not one of {string.Join(", ", DayNames)}");
                    days.Add((DayOfWeek)k);
                }
            int? freq = f.TryGetValue("weeklyFrequency", out var fq) ? Int(fq, "weeklyFrequency", 1, 700) : null;
            if ((days.Count > 0) == freq.HasValue) throw Fail(n, ScenarioProblem.Conflict, "a route needs exactly one of days (e.g. [\"Mon\",\"Thu\"]) and weeklyFrequency");
            DateOnly? firstDate = f.TryGetValue("firstDate", out var fd) ? Date(fd, "firstDate") : null;
            DateOnly? lastDate = f.TryGetValue("lastDate", out var ld) ? Date(ld, "lastDate") : null;
            if ((firstDate ?? periodFirst) is null || (lastDate ?? periodLast) is null) throw Fail(n, ScenarioProblem.MissingField, "a route needs firstDate and lastDate, or the scenario a period");
            if ((lastDate ?? periodLast) < (firstDate ?? periodFirst)) throw Fail(ld ?? n, ScenarioProblem.Order, "the route's last date is before its first date");
            return new ScheduledRoute
            {
                FlightNumber = OptId(f, "flightNumber", "flightNumber"), Origin = from, Destination = to, DepartureTimeUtc = time,
                AircraftType = type, Airline = Id(Required(f, n, "airline", "a route"), "airline").ToUpperInvariant(),
                OperatorState = State(Required(f, n, "state", "a route")),
                CruiseFl = f.TryGetValue("cruiseFl", out var fl) ? Int(fl, "cruiseFl", 10, 600) : null,
                Days = days, WeeklyFrequency = freq, FirstDate = firstDate, LastDate = lastDate, Source = OptStr(f, "source", "source"),
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /// <summary>The scenario as indented JSON (reads back to an equal model).</summary>
    public static string Write(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, scenario);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the scenario as one JSON object.</summary>
    public static void Write(Utf8JsonWriter w, Scenario s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        if (s.Description != null) w.WriteString("description", s.Description);
        if (s.Sources.Count > 0)
        {
            w.WriteStartArray("sources");
            foreach (var src in s.Sources)
            {
                w.WriteStartObject(); w.WriteString("id", src.Id); w.WriteString("title", src.Title);
                if (src.Url != null) w.WriteString("url", src.Url);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (s.Assumptions.Count > 0) { w.WriteStartArray("assumptions"); foreach (var a in s.Assumptions) w.WriteStringValue(a); w.WriteEndArray(); }
        if (s.PeriodStart is { } ps && s.PeriodEnd is { } pe)
        {
            w.WriteStartObject("period"); w.WriteString("first", Date(ps)); w.WriteString("last", Date(pe)); w.WriteEndObject();
        }
        WriteParameters(w, s.Parameters);
        if (!s.Uncertainty.IsEmpty) WriteUncertainty(w, s.Uncertainty);
        if (s.Realism is { } realism) WriteRealism(w, realism);
        w.WriteStartArray("closures");
        foreach (var c in s.Closures) WriteClosure(w, c);
        w.WriteEndArray();
        if (s.Flights.Count > 0)
        {
            w.WriteStartArray("flights");
            foreach (var f in s.Flights)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Id); w.WriteString("from", f.Origin); w.WriteString("to", f.Destination);
                w.WriteString("departure", Instant(f.DepartureUtc)); w.WriteString("type", f.AircraftType);
                w.WriteString("airline", f.Airline); w.WriteString("state", f.OperatorState);
                if (f.CruiseFl is { } fl) w.WriteNumber("cruiseFl", fl);
                if (f.Source != null) w.WriteString("source", f.Source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (s.Routes.Count > 0)
        {
            w.WriteStartArray("routes");
            foreach (var r in s.Routes)
            {
                w.WriteStartObject();
                if (r.FlightNumber != null) w.WriteString("flightNumber", r.FlightNumber);
                w.WriteString("from", r.Origin); w.WriteString("to", r.Destination);
                w.WriteString("departureTime", r.DepartureTimeUtc.ToString("HH:mm", CultureInfo.InvariantCulture));
                w.WriteString("type", r.AircraftType); w.WriteString("airline", r.Airline); w.WriteString("state", r.OperatorState);
                if (r.CruiseFl is { } fl) w.WriteNumber("cruiseFl", fl);
                if (r.Days.Count > 0) { w.WriteStartArray("days"); foreach (var d in r.Days) w.WriteStringValue(DayNames[(int)d]); w.WriteEndArray(); }
                if (r.WeeklyFrequency is { } fq) w.WriteNumber("weeklyFrequency", fq);
                if (r.FirstDate is { } fd) w.WriteString("firstDate", Date(fd));
                if (r.LastDate is { } ld) w.WriteString("lastDate", Date(ld));
                if (r.Source != null) w.WriteString("source", r.Source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteParameters(Utf8JsonWriter w, ScenarioParameters p)
    {
        var c = p.Cost;
        w.WriteStartObject("parameters");
        Opt(w, "fuelPriceUsdPerKg", c.FuelPriceUsdPerKg); Opt(w, "co2KgPerFuelKg", c.Co2KgPerFuelKg); Opt(w, "hourlyCostUsd", c.HourlyCostUsd);
        Opt(w, "reserveMinutes", c.ReserveMinutes); Opt(w, "loadFactor", c.LoadFactor); Opt(w, "windFromDeg", c.WindFromDeg); Opt(w, "windKt", c.WindKt);
        Opt(w, "cruiseSpeedFactor", c.CruiseSpeedFactor);
        w.WriteNumber("techStopGroundMinutes", p.TechStopGroundMinutes);
        if (p.BufferSweepNm.Count > 0) { w.WriteStartArray("bufferSweepNm"); foreach (var b in p.BufferSweepNm) w.WriteNumberValue(b); w.WriteEndArray(); }
        w.WriteEndObject();
    }

    private static void WriteUncertainty(Utf8JsonWriter w, ScenarioUncertainty u)
    {
        w.WriteStartObject("uncertainty");
        if (u.ClosureEnds.Count > 0)
        {
            w.WriteStartArray("closureEnds");
            foreach (var e in u.ClosureEnds)
            {
                w.WriteStartObject(); w.WriteString("closure", e.ClosureId); w.WritePropertyName("hoursAfterStart"); WriteDistribution(w, e.HoursAfterStart); w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        foreach (var (input, d) in u.Inputs) { w.WritePropertyName(ScenarioUncertainty.Name(input)); WriteDistribution(w, d); }
        w.WriteEndObject();
    }

    /// <summary>Writes a distribution as the reader takes it, e.g. <c>{"uniform":{"min":1,"max":2}}</c>.</summary>
    internal static void WriteDistribution(Utf8JsonWriter w, Distribution d)
    {
        w.WriteStartObject();
        switch (d.Kind)
        {
            case DistributionKind.Fixed: w.WriteNumber("fixed", d.Value); break;
            case DistributionKind.Uniform: w.WriteStartObject("uniform"); w.WriteNumber("min", d.Min); w.WriteNumber("max", d.Max); w.WriteEndObject(); break;
            case DistributionKind.Normal: w.WriteStartObject("normal"); w.WriteNumber("mean", d.Mean); w.WriteNumber("sd", d.StdDev); w.WriteEndObject(); break;
            case DistributionKind.Triangular:
                w.WriteStartObject("triangular"); w.WriteNumber("min", d.Min); w.WriteNumber("mode", d.Mode); w.WriteNumber("max", d.Max); w.WriteEndObject(); break;
            case DistributionKind.LogNormal: w.WriteStartObject("lognormal"); w.WriteNumber("mu", d.Mu); w.WriteNumber("sigma", d.Sigma); w.WriteEndObject(); break;
            default:
                w.WriteStartObject("discrete");
                w.WriteStartArray("values"); foreach (var v in d.Values) w.WriteNumberValue(v); w.WriteEndArray();
                w.WriteStartArray("weights"); foreach (var v in d.Weights) w.WriteNumberValue(v); w.WriteEndArray();
                w.WriteEndObject();
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteRealism(Utf8JsonWriter w, Routing.RealismOptions r)
    {
        w.WriteStartObject("realism");
        w.WriteNumber("borderMarginNm", r.BorderMarginNm);
        if (r.ClosureMarginsNm.Count > 0)
        {
            w.WriteStartObject("closureMarginsNm");
            foreach (var (id, nm) in r.ClosureMarginsNm) w.WriteNumber(id, nm);
            w.WriteEndObject();
        }
        w.WriteNumber("routeEfficiencyFactor", r.RouteEfficiencyFactor);
        switch (r.Wind)
        {
            case Weather.UniformWindField u: w.WriteString("wind", new Performance.Wind(u.FromDeg, u.SpeedKt).ToString()); break;
            case Weather.GriddedWindField g: w.WriteString("wind", g.Source); break;
        }
        w.WriteBoolean("windOptimal", r.WindOptimal);
        w.WriteEndObject();
    }

    private static void Opt(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x) w.WriteNumber(name, x);
    }

    private static void WriteClosure(Utf8JsonWriter w, Closure c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        if (c.AirspaceIds.Count > 0) { w.WriteStartArray("airspaces"); foreach (var a in c.AirspaceIds) w.WriteStringValue(a); w.WriteEndArray(); }
        var inline = c.Airspaces.Skip(c.AirspaceIds.Count).ToList();
        if (inline.Count > 0)
        {
            w.WriteStartArray("polygons");
            foreach (var a in inline)
            {
                w.WriteStartObject(); w.WriteString("type", "Feature"); w.WriteString("id", a.Id);
                w.WriteStartObject("properties"); w.WriteEndObject();
                w.WriteStartObject("geometry");
                if (a.SharedGeometry is Polygon p) { w.WriteString("type", "Polygon"); w.WritePropertyName("coordinates"); WritePolygon(w, p); }
                else
                {
                    var mp = (MultiPolygon)a.SharedGeometry;
                    w.WriteString("type", "MultiPolygon"); w.WriteStartArray("coordinates");
                    for (int i = 0; i < mp.NumGeometries; i++) WritePolygon(w, (Polygon)mp.GetGeometryN(i));
                    w.WriteEndArray();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (c.Airports.Count > 0) { w.WriteStartArray("airports"); foreach (var a in c.Airports) w.WriteStringValue(a); w.WriteEndArray(); }
        if (c.BufferNm != 0) w.WriteNumber("bufferNm", c.BufferNm);
        w.WriteString("lower", VerticalBand.Text(c.Band.LowerFl));
        w.WriteString("upper", c.Band.UpperFl is { } u ? $"FL{u:D3}" : "UNL");
        w.WriteString("start", Instant(c.StartUtc));
        if (c.EndUtc is { } e) w.WriteString("end", Instant(e));
        if (c.NoticeUtc is { } n) w.WriteString("notice", Instant(n));
        w.WriteStartObject("appliesTo");
        switch (c.AppliesTo.Kind)
        {
            case ApplicabilityKind.Everyone: w.WriteBoolean("everyone", true); break;
            default:
                w.WriteStartArray(c.AppliesTo.Kind switch { ApplicabilityKind.States => "states", ApplicabilityKind.Airlines => "airlines", _ => "exceptStates" });
                foreach (var code in c.AppliesTo.Codes) w.WriteStringValue(code);
                w.WriteEndArray();
                break;
        }
        w.WriteEndObject();
        w.WriteString("bans", c.Bans.ToString().ToLowerInvariant());
        if (c.Source != null) w.WriteString("source", c.Source);
        w.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter w, Polygon p)
    {
        w.WriteStartArray();
        foreach (var ring in new[] { p.ExteriorRing }.Concat(p.InteriorRings))
        {
            w.WriteStartArray();
            foreach (var co in ring.Coordinates) { w.WriteStartArray(); w.WriteNumberValue(co.X); w.WriteNumberValue(co.Y); w.WriteEndArray(); }
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Instant(DateTime t) => t.ToString(InstantFormat(t), CultureInfo.InvariantCulture);

    /// <summary>The format of <see cref="Instant(DateTime)"/>: minutes when there are no seconds.</summary>
    internal static string InstantFormat(DateTime t) => IsWholeMinute(t) ? MinuteInstantFormat : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>The format of an instant on a whole minute (<see cref="IsWholeMinute"/>).</summary>
    internal const string MinuteInstantFormat = "yyyy-MM-dd'T'HH:mm'Z'";

    /// <summary>No seconds or fraction: written as <see cref="MinuteInstantFormat"/>.</summary>
    internal static bool IsWholeMinute(DateTime t) => t.Second == 0 && t.Millisecond == 0 && t.Ticks % TimeSpan.TicksPerSecond == 0;
}
