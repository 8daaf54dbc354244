using System.Text;
using AirspaceSim.Airspaces;
using AirspaceSim.Cli;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Fuzz;

/// <summary>
/// One fuzz target per parser that reads user input. Each takes raw bytes and fails (throws
/// <see cref="FuzzFailure"/> or lets an unexpected exception escape) only on a real defect: an exception type the
/// entry point does not document, a stack trace or a missing "airspacesim: error:" line on the CLI's stderr, an exit
/// code other than 0, 1 or 2. Hangs are the fuzzer's timeout. The same targets run under AFL++ (Program) and replay
/// the seed corpus in the unit tests (FuzzCorpusTests), so CI and the long runs check one definition.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets by name, as <c>fuzz/run.sh NAME</c> and the corpus folders call them.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["geojson"] = GeoJson,
        ["wkt"] = Wkt,
        ["csv"] = Csv,
        ["geodesic"] = Geodesic,
        ["latlon"] = LatLon,
        ["scenario"] = ScenarioJsonText,
        ["batch"] = Batch,
        ["route"] = Route,
        ["wind"] = WindCsv,
        ["airports"] = AirportsFile,
        ["airports-index"] = AirportsIndexAgrees,
        ["partial"] = MonteCarloPartialJson,
        ["netcdf"] = NetCdfWind,
    };

    /// <summary>The seed corpus folder of a target: the CLI targets share their parser's seeds.</summary>
    public static string CorpusOf(string target) => target switch { "batch" => "csv", "route" => "latlon", "airports-index" => "airports", _ => target };

    // Inputs are decoded leniently (invalid UTF-8 becomes U+FFFD), as File.ReadAllText and Console.In do.
    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>GeoJSON airspaces, lenient and strict; what loads is then planned around (hostile geometry reaches
    /// the planner: slivers, poles, antimeridian, near-duplicate vertices).</summary>
    public static void GeoJson(byte[] data)
    {
        string json = Text(data);
        try { AirspaceLoader.ParseGeoJson(json, AirspaceLoadOptions.StrictDefault); }
        catch (AirspaceFormatException) { }
        AirspaceLoadResult loaded;
        try { loaded = AirspaceLoader.ParseGeoJson(json); }
        catch (AirspaceFormatException) { return; }
        PlanAround(loaded.Catalog.ToList());
    }

    /// <summary>WKT polygons.</summary>
    public static void Wkt(byte[] data)
    {
        Airspace a;
        try { a = AirspaceLoader.LoadWkt(Text(data), "FUZZ"); }
        catch (AirspaceFormatException) { return; }
        PlanAround([a]);
    }

    // Built on first use, not in a static initialiser of this class: SharpFuzz's instrumented code must not run
    // before Fuzzer.OutOfProcess.Run has mapped AFL's coverage memory (it crashes with an access violation).
    private static class Probe
    {
        public static readonly (GeoPoint From, GeoPoint To)[] Routes =
        [
            (new GeoPoint(52.3086, 4.7639), new GeoPoint(12.1889, -68.9598)),   // AMS-CUR
            (new GeoPoint(10.0, -60.0), new GeoPoint(-10.0, 119.0)),           // nearly antipodal, across everything
            (new GeoPoint(89.9, 0), new GeoPoint(-89.9, 10)),                  // pole to pole
            (new GeoPoint(0, 179.9), new GeoPoint(0, -179.9)),                 // across the antimeridian
            (new GeoPoint(1, 1), new GeoPoint(1.0000001, 1.0000001)),          // a centimetre-scale route
        ];
    }

    private static void PlanAround(IReadOnlyList<Airspace> closures)
    {
        if (closures.Count == 0) return;
        DetourPlanner planner;
        // Documented refusals: a merged group too large for one gnomonic frame.
        try { planner = DetourPlanner.Build(closures); }
        catch (NotSupportedException) { return; }
        foreach (var (from, to) in Probe.Routes)
        {
            var plan = planner.Plan(from, to);
            if (plan.Status != RouteStatus.Unreachable && !(plan.RouteKm is { } km && km >= 0 && double.IsFinite(km)))
                throw new FuzzFailure($"route length {plan.RouteKm} for status {plan.Status}");
        }
    }

    /// <summary>The route list reader (the parser <c>batch</c> streams through): only the header may fail the list,
    /// with a <see cref="FormatException"/>; every other record is a row, and a bad row carries its problem code and a
    /// short reason. Each good row's ends resolve against the bundled airports or fail with a FormatException or KeyNotFoundException (unknown code).</summary>
    /// <remarks>The parser alone, not the whole <c>batch</c> command (target <c>batch</c>, which plans every row and
    /// runs at a few hundred executions a second); the parser runs at tens of thousands a second.</remarks>
    public static void Csv(byte[] data)
    {
        IReadOnlyList<RouteListRow> rows;
        try { rows = RouteListReader.Parse(Text(data), "fuzz.csv"); }
        catch (FormatException) { return; }
        int line = 0;
        foreach (var row in rows)
        {
            if (row.LineNumber <= line) throw new FuzzFailure($"row line {row.LineNumber} after {line}: rows out of order");
            line = row.LineNumber;
            if ((row.Problem == RouteListProblem.None) != (row.Error is null) || row.Error is { Length: > 2000 })
                throw new FuzzFailure($"row {row.LineNumber}: problem {row.Problem} with error '{row.Error}'");
            if (row.Problem != RouteListProblem.None) continue;
            foreach (var end in new[] { row.From, row.To })
            {
                try { AirportDirectory.Bundled.Resolve(end); }
                catch (Exception e) when (e is FormatException or KeyNotFoundException) { }
            }
        }
    }

    /// <summary>A route list through <c>batch -</c>, both output formats (end to end; slow, see <see cref="Csv"/>).</summary>
    /// <remarks>One format per input, by the input's length (even: csv, odd: json), so that each execution runs one
    /// command: both formats are reached (a mutation that adds or removes a byte switches), at half the cost.</remarks>
    public static void Batch(byte[] data)
    {
        string text = Text(data);
        if (data.Length % 2 == 0) Cli(text, "batch", "-");
        else Cli(text, "batch", "-", "--format", "json");
    }

    /// <summary>GeodSolve-format lines through <c>geodesic</c>, inverse and direct.</summary>
    public static void Geodesic(byte[] data)
    {
        string text = Text(data);
        Cli(text, "geodesic", "-i", "-p", "9");
        Cli(text, "geodesic");
    }

    /// <summary>A position or code as typed: <see cref="GeoPoint.TryParse"/> never throws, gives a point in range or
    /// a reason; resolving it against the bundled airports gives a location, a FormatException or a KeyNotFoundException (the parsers alone;
    /// target <c>route</c> runs the command).</summary>
    public static void LatLon(byte[] data)
    {
        string text = ArgvText(data);
        if (GeoPoint.TryParse(text, out var p, out var error))
        {
            if (!(Math.Abs(p.LatDeg) <= 90 && Math.Abs(p.LonDeg) <= 180))
                throw new FuzzFailure($"'{text}' parsed to {p.LatDeg:R},{p.LonDeg:R}, out of range");
        }
        else if (string.IsNullOrWhiteSpace(error)) throw new FuzzFailure($"'{text}' refused without a reason");
        try { AirportDirectory.Bundled.Resolve(text); }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or ArgumentException) { }
    }

    /// <summary>A position or code through <c>route</c>, which either plans or says why (end to end).</summary>
    public static void Route(byte[] data) => Cli("", "route", ArgvText(data), "CUR", "--format", "json");

    private static string ArgvText(byte[] data)
    {
        string text = Text(data);
        if (text.Length > 256) text = text[..256]; // argv is short; long inputs are the CSV target's
        return text.Replace("\0", "", StringComparison.Ordinal); // a Unix argv cannot hold NUL (C strings)
    }

    /// <summary>Scenario JSON (bundled catalog and airports): every refusal is a <see cref="ScenarioFormatException"/>
    /// with a position and a JSON path, never another exception; what is accepted writes back to JSON that reads
    /// again (the round trip the reader documents).</summary>
    public static void ScenarioJsonText(byte[] data)
    {
        Scenario s;
        try { s = ScenarioJson.Parse(data, "fuzz.json"); }
        catch (ScenarioFormatException e)
        {
            if (e.Line < 1 || e.Column < 1 || !e.JsonPath.StartsWith('$') || string.IsNullOrWhiteSpace(e.Problem))
                throw new FuzzFailure($"error without a position or path: {Prefix(e.Message)}");
            return;
        }
        string written = ScenarioJson.Write(s);
        try { ScenarioJson.Parse(written, "written.json"); }
        catch (ScenarioFormatException e) { throw new FuzzFailure($"the written scenario does not read back: {e.Message}"); }
    }

    /// <summary>A wind grid CSV (<c>--wind FILE</c>, a scenario's <c>wind</c>): a refusal is a
    /// <see cref="WindGridFormatException"/> naming the line; a grid that loads gives finite winds everywhere, poles and
    /// antimeridian included, at and beyond its levels.</summary>
    public static void WindCsv(byte[] data)
    {
        Weather.GriddedWindField field;
        try { field = Weather.GriddedWindField.Parse(Text(data), "fuzz.csv"); }
        catch (Weather.WindGridFormatException) { return; }
        foreach (var (lat, lon) in WindProbe.Points)
            foreach (double fl in WindProbe.Levels)
            {
                field.VelocityMs(AirspaceSim.Spherical.Vec3.FromLatLonDeg(lat, lon), fl, out double n, out double e);
                if (!double.IsFinite(n) || !double.IsFinite(e)) throw new FuzzFailure($"wind {n},{e} at {lat},{lon} FL{fl}");
            }
    }

    /// <summary>A NetCDF-4 wind file (<c>--wind FILE.nc</c>, binary HDF5 read by PureHDF), from memory: a refusal is
    /// a <see cref="Weather.WindGridFormatException"/> (PureHDF's own errors on a damaged file become one); a grid that
    /// loads gives finite winds everywhere, as <see cref="WindCsv"/>.</summary>
    public static void NetCdfWind(byte[] data)
    {
        Weather.GriddedWindField field;
        try { field = Weather.GriddedWindField.ReadNetCdf(new MemoryStream(data, writable: false), "fuzz.nc"); }
        catch (Weather.WindGridFormatException) { return; }
        foreach (var (lat, lon) in WindProbe.Points)
            foreach (double fl in WindProbe.Levels)
            {
                field.VelocityMs(AirspaceSim.Spherical.Vec3.FromLatLonDeg(lat, lon), fl, out double n, out double e);
                if (!double.IsFinite(n) || !double.IsFinite(e)) throw new FuzzFailure($"wind {n},{e} at {lat},{lon} FL{fl}");
            }
    }

    private static class WindProbe
    {
        public static readonly (double Lat, double Lon)[] Points = [(0, 0), (90, 0), (-90, 0), (12.5, -179.999), (45, 180), (-33.3, 151.2), (60, -60)];
        public static readonly double[] Levels = [0, 250, 390, 600, 1000];
    }

    /// <summary>An <c>--airports</c> file: the project's CSV (even length) or OpenFlights <c>airports.dat</c> (odd);
    /// a refusal is a <see cref="FormatException"/>; what loads resolves its own codes and a few others, or says why.</summary>
    public static void AirportsFile(byte[] data)
    {
        string text = Text(data);
        AirportDirectory dir;
        try { dir = data.Length % 2 == 0 ? AirportDirectory.FromCsv(new StringReader(text), "fuzz.csv") : AirportDirectory.FromOpenFlights(new StringReader(text), "fuzz.dat"); }
        catch (FormatException) { return; }
        foreach (var code in new[] { "AMS", "EHAM", "CUR", "12.5,-69", "X", "" }.Concat(dir.Airports.Take(20).SelectMany(a => new[] { a.Iata, a.Icao })))
        {
            if (code is null) continue;
            try
            {
                var end = dir.Resolve(code);
                if (!(Math.Abs(end.Point.LatDeg) <= 90 && Math.Abs(end.Point.LonDeg) <= 180)) throw new FuzzFailure($"'{code}' resolved out of range");
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or ArgumentException) { }
        }
    }

    /// <summary>
    /// The code index the bundled airports are read through (<see cref="AirportDirectory.FromCsvBytesLazily"/>) against
    /// a full read of the same bytes (a <see cref="StreamReader"/>, as the bundled resource is read): what loads resolves
    /// every code, in any case and padded, and a few others to the same airport, with the same count and list; what a
    /// full read refuses, the lazy directory refuses with the same message once it needs every airport (a lookup before
    /// may find a good row: only a <see cref="FormatException"/> is allowed there).
    /// </summary>
    public static void AirportsIndexAgrees(byte[] data)
    {
        AirportDirectory? full = null;
        string? refusal = null;
        try { full = AirportDirectory.FromCsv(new StreamReader(new MemoryStream(data)), "fuzz.csv"); }
        catch (FormatException e) { refusal = e.Message; }
        var lazy = AirportDirectory.FromCsvBytesLazily(() => data, "fuzz.csv");
        string[] others = ["AMS", "EHAM", "X", "", "  ", "abcd", "ABCDEFGHI", "AMſ", "\u00a0CUR", ",", "#"];
        var codes = full is null ? [] : full.Airports.SelectMany(a => new[] { a.Iata, a.Icao }).OfType<string>().Take(200).ToArray();
        foreach (var code in others.Concat(codes).Concat(codes.Select(c => " " + c.ToLowerInvariant() + "\t")))
        {
            bool found;
            Airport? airport;
            try { found = lazy.TryGet(code, out airport); }
            catch (FormatException e)
            {
                if (refusal is null) throw new FuzzFailure($"'{Prefix(code)}': the lazy directory refuses ({Prefix(e.Message)}) what a full read loads");
                continue;
            }
            if (full is null) continue;
            bool expected = full.TryGet(code, out var want);
            if (found != expected || !Equals(airport, want)) throw new FuzzFailure($"'{Prefix(code)}': the lazy directory gives {airport?.Code ?? "nothing"}, a full read {want?.Code ?? "nothing"}");
        }
        if (full is not null)
        {
            if (lazy.Count != full.Count || !lazy.Airports.SequenceEqual(full.Airports)) throw new FuzzFailure("the lazy directory's list is not the full read's");
            return;
        }
        try { _ = lazy.Airports; }
        catch (FormatException e)
        {
            if (e.Message != refusal) throw new FuzzFailure($"the lazy directory refuses with '{Prefix(e.Message)}', a full read with '{Prefix(refusal!)}'");
            return;
        }
        throw new FuzzFailure($"the lazy directory loads what a full read refuses ({Prefix(refusal!)})");
    }

    /// <summary>A Monte Carlo partial (<c>airspacesim merge PARTS</c>): a refusal is a <see cref="ScenarioFormatException"/>
    /// with a position (reading) or a plain <see cref="ArgumentException"/> saying why the parts do not merge
    /// (merging the part with itself and alone); what merges writes its three formats.</summary>
    public static void MonteCarloPartialJson(byte[] data)
    {
        MonteCarloPartial part;
        try { part = MonteCarloReport.ReadPartial(data, "fuzz.json"); }
        catch (ScenarioFormatException e)
        {
            if (e.Line < 1 || e.Column < 1 || !e.JsonPath.StartsWith('$')) throw new FuzzFailure($"error without a position or path: {Prefix(e.Message)}");
            return;
        }
        foreach (var parts in new[] { new[] { part }, new[] { part, part } })
        {
            MonteCarloResult r;
            try { r = MonteCarlo.Merge(parts); }
            catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException)) { continue; }
            foreach (var format in new[] { "table", "csv", "json" })
            {
                var w = new StringWriter { NewLine = "\n" };
                WhatIfCommand.WriteMonteCarlo(w, r, format);
            }
        }
    }

    // The planners the CLI targets' commands plan with, built on first use and kept for the process (a persistent
    // harness runs one input after another): the command line, the reading, planning and writing still run per input,
    // as a user's command does, but the closures' visibility graph (milliseconds, the same for every input) is built
    // once. Keyed by the closures themselves (the bundled catalog's instances) and the buffer.
    // In a nested class, built on first use, for the reason Probe is: a static field of this class typed with the
    // library's types loads them when the target table is read, before Fuzzer.Run, and that runs the library's module
    // initializer (LateralLimits.SupplyAirspaceRule), instrumented code, before AFL's map exists: an access violation
    // in every target.
    private static class PlannerCache
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<Airspace> Closures, DetourPlanner Planner)> Planners = new();
    }

    private static DetourPlanner CachedPlanner(IReadOnlyList<Airspace> closures, double bufferNm)
    {
        string key = string.Join('\n', closures.Select(c => c.Id)) + "\n" + bufferNm.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (PlannerCache.Planners.TryGetValue(key, out var hit) && hit.Closures.Count == closures.Count && hit.Closures.Zip(closures).All(p => ReferenceEquals(p.First, p.Second)))
            return hit.Planner;
        var planner = DetourPlanner.Build(closures, bufferNm); // throws as the command's own build would
        PlannerCache.Planners[key] = (closures.ToArray(), planner);
        return planner;
    }

    /// <summary>Runs the CLI in-process; only exit codes 0, 1, 2 and clean stderr lines are acceptable.</summary>
    private static void Cli(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, new CliIO(new StringReader(stdin), output, error) { BuildPlanner = CachedPlanner });
        string err = error.ToString();
        if (exit is < 0 or > 2) throw new FuzzFailure($"exit code {exit}: {Prefix(err)}");
        if (err.Contains("   at ", StringComparison.Ordinal)) throw new FuzzFailure($"stack trace on stderr: {Prefix(err)}");
        if (exit == 2 && !err.Contains("airspacesim: error: ", StringComparison.Ordinal))
            throw new FuzzFailure($"exit 2 without an error line: {Prefix(err)}");
        // A NaN that the input did not contain (echoing a bad code such as "MIANaN" is fine).
        string all = err + output;
        if (all.Contains("NaN", StringComparison.Ordinal) && !string.Concat(args).Contains("NaN", StringComparison.OrdinalIgnoreCase) &&
            !stdin.Contains("NaN", StringComparison.OrdinalIgnoreCase))
            throw new FuzzFailure($"NaN in the output: {Prefix(all)}");
    }

    private static string Prefix(string s) => s.Length <= 400 ? s : s[..400] + "…";
}

/// <summary>A target's invariant was broken (as opposed to a documented refusal of bad input).</summary>
public sealed class FuzzFailure(string message) : Exception(message);
