using System.CommandLine;
using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Routing;

namespace AirspaceSim.Cli;

/// <summary>The options shared by the planning commands: which airspaces exist, which are closed, what margin.</summary>
internal sealed class PlanningOptions
{
    public Option<string[]> Closed { get; } = new("--closed")
    {
        Description = "Ids of the closed airspaces, comma-separated or repeated (default SVZM).",
        // One value per occurrence: with several, "route --closed SVZM AMS CUR" took AMS and CUR as ids.
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string[]> Airspaces { get; } = new("--airspaces")
    {
        Description = "Load more airspaces from a GeoJSON file (repeatable; ids from later files win).",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string?> Airports { get; } = new("--airports")
    {
        Description = "More airports, merged over the bundled world list (the file wins for a code both know): OpenFlights airports.dat or a CSV icao,iata,name,country,lat,lon[,iso_country,type,scheduled_service]; a code given twice in the file is an error.",
    };

    public Option<double> BufferNm { get; } = NumberOptions.Double("--buffer-nm",
        string.Create(CultureInfo.InvariantCulture, $"Lateral margin in nautical miles kept from every closed airspace, 0 to {DetourPlanner.MaxBufferNm}."),
        0, 0, DetourPlanner.MaxBufferNm, "NM", DetourPlanner.MaxBufferReason);

    public PlanningOptions()
    {
        // "--closed SVZM --closed": the second has no value, which System.CommandLine lets pass once one is given.
        foreach (var o in new[] { Closed, Airspaces }) NumberOptions.RequireValueEachTime(o);
    }

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Closed);
        cmd.Options.Add(Airspaces);
        cmd.Options.Add(Airports);
        cmd.Options.Add(BufferNm);
    }

    /// <summary>Loads airspaces and airports and builds the planner; every failure is a one-line user error.</summary>
    public PlanningContext Load(ParseResult parse, CliIO io)
    {
        var catalog = AirspaceCatalog.Bundled;
        var issues = new List<AirspaceLoadIssue>(catalog.Issues); // the bundled world's features left out, so that --closed can say why
        foreach (var file in parse.GetValue(Airspaces) ?? [])
        {
            CliApp.RequireFile(file, "--airspaces");
            var result = AirspaceLoader.LoadGeoJson(file);
            catalog = catalog.With(result.Catalog);
            issues.AddRange(result.Issues);
            int left = result.Issues.Count(i => !i.Repaired), fixedCount = result.Issues.Count(i => i.Repaired);
            if (result.Catalog.Count == 0)
                io.Err.WriteLine($"airspacesim: {file}: warning: no airspace loaded (no usable Polygon or MultiPolygon feature)");
            else if (result.Issues.Count > 0)
                io.Err.WriteLine($"airspacesim: {file}: loaded {result.Catalog.Count} airspaces; {left} feature(s) left out, {fixedCount} repaired");
        }

        var closures = new List<Airspace>();
        foreach (var (id, token) in ClosedIds(parse.GetValue(Closed) is { Length: > 0 } given ? given : ["SVZM"], catalog))
        {
            if (catalog.TryGet(id, out var a)) { closures.Add(a); continue; }
            // Which piece of which argument: "SV" of "SV,ZM" is not the id the user had in mind.
            string piece = token == id ? $"'{id}'" : $"'{id}' (in '{token}'; ids are separated by commas)";
            var why = issues.FirstOrDefault(i => !i.Repaired && string.Equals(i.FeatureId, id, StringComparison.OrdinalIgnoreCase));
            if (why != null) throw new CliException($"--closed: airspace {piece} was left out when loading: {why.Message}");
            var close = catalog.CloseMatches(id);
            throw new CliException($"--closed: unknown airspace id {piece}" +
                (close.Count > 0 ? $"; did you mean {string.Join(", ", close.Select(Quoted))}?" : $"; known ids: {string.Join(", ", catalog.Ids.Take(10).Select(Quoted))}{(catalog.Count > 10 ? ", ..." : "")}"));
        }

        double buffer = parse.GetValue(BufferNm);

        var airports = AirportDirectory.Bundled;
        if (parse.GetValue(Airports) is { } airportsFile)
        {
            CliApp.RequireFile(airportsFile, "--airports");
            AirportDirectory file;
            if (airportsFile.EndsWith(".dat", StringComparison.OrdinalIgnoreCase)) file = AirportDirectory.FromOpenFlights(airportsFile);
            else
            {
                using var reader = File.OpenText(airportsFile);
                file = AirportDirectory.FromCsv(reader, airportsFile);
            }
            airports = airports.With(file);
        }
        DetourPlanner planner;
        try { planner = DetourPlanner.Build(closures, buffer); }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "bufferNm")
        {
            throw new CliException($"--buffer-nm: {buffer.ToString(CultureInfo.InvariantCulture)}: {CliApp.OneLine(e)}");
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentOutOfRangeException)
        {
            throw new CliException($"cannot plan around {string.Join(", ", closures.Select(c => c.Id))}: {CliApp.OneLine(e)}");
        }
        return new PlanningContext(catalog, airports, closures, planner);
    }

    /// <summary>
    /// The closed ids with the argument each came from, duplicates dropped: an argument is a comma-separated list of
    /// ids, unless it is itself a known id (an id may contain a comma). An empty piece (<c>SVZM,</c>) is an error.
    /// </summary>
    private static List<(string Id, string Token)> ClosedIds(IEnumerable<string> tokens, AirspaceCatalog catalog)
    {
        var ids = new List<(string Id, string Token)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in tokens)
        {
            string token = raw.Trim();
            var pieces = catalog.Contains(token) ? [token] : token.Split(',', StringSplitOptions.TrimEntries);
            if (pieces.All(p => p.Length == 0))
                throw new CliException($"--closed: no airspace ids given in '{raw}'; give ids separated by commas, e.g. SVZM,TNCF");
            if (pieces.Any(p => p.Length == 0))
                throw new CliException($"--closed: '{raw}' has an empty id; ids are separated by single commas, e.g. SVZM,TNCF");
            foreach (var id in pieces)
                if (seen.Add(id)) ids.Add((id, token));
        }
        return ids;
    }

    // Ids are quoted in hints, so that an id with a comma or a blank reads as one id.
    private static string Quoted(string id) => id.AsSpan().IndexOfAny(", ") >= 0 ? $"'{id}'" : id;
}

/// <summary>Everything a planning command needs, loaded once.</summary>
internal sealed record PlanningContext(AirspaceCatalog Catalog, AirportDirectory Airports, IReadOnlyList<Airspace> Closures, DetourPlanner Planner);
