using System.CommandLine;
using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Cli;

/// <summary>The options shared by the planning commands: which airspaces exist, which are closed, what margin.</summary>
internal sealed class PlanningOptions
{
    public Option<string[]> Closed { get; } = new("--closed")
    {
        Description = "Ids of the closed airspaces, comma-separated or repeated (default SVZM).",
        HelpName = "ID[,ID...]",
        // One value per occurrence: with several, "route --closed SVZM AMS CUR" took AMS and CUR as ids.
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string[]> Airspaces { get; } = new("--airspaces")
    {
        Description = "Load more airspaces from a GeoJSON file (repeatable). A file's id wins over the bundled airspace of that id and later files over earlier ones; stderr notes each such id used.",
        HelpName = "FILE",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string?> Airports { get; } = new("--airports")
    {
        Description = "More airports, merged over the bundled world list (the file wins for a code both know): OpenFlights airports.dat or a CSV icao,iata,name,country,lat,lon[,iso_country,type,scheduled_service]; a code given twice in the file is an error.",
        HelpName = "FILE",
    };

    public Option<double> BufferNm { get; } = NumberOptions.Double("--buffer-nm",
        string.Create(CultureInfo.InvariantCulture, $"Lateral margin in nautical miles kept from every closed airspace, 0 to {DetourPlanner.MaxBufferNm}."),
        0, 0, DetourPlanner.MaxBufferNm, "NM", DetourPlanner.MaxBufferReason, "NM");

    public Option<string[]> ClosureBufferNm { get; } = new("--closure-buffer-nm")
    {
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Each closure's own lateral margin in nautical miles, 0 to {DetourPlanner.MaxBufferNm}, comma-separated or repeated (e.g. SVZM=25,TTZP=0); each ID one of --closed, given once; the closures not named keep --buffer-nm."),
        HelpName = "ID=NM[,ID=NM...]",
        Arity = ArgumentArity.OneOrMore,
    };

    public PlanningOptions()
    {
        // "--closed SVZM --closed": the second has no value, which System.CommandLine lets pass once one is given.
        foreach (var o in new[] { Closed, Airspaces, ClosureBufferNm }) NumberOptions.RequireValueEachTime(o);
    }

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Validate every feature of the --airspaces files (not only the closed ones) and list every feature left out, repaired or warned about.",
    };

    /// <summary>How many load problems stderr shows without --verbose.</summary>
    internal const int IssuesShown = 5;

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Closed);
        cmd.Options.Add(Airspaces);
        cmd.Options.Add(Airports);
        cmd.Options.Add(BufferNm);
        cmd.Options.Add(ClosureBufferNm);
        cmd.Options.Add(Verbose);
    }

    /// <summary>Loads airspaces and airports and builds the planner; every failure is a one-line user error.</summary>
    public PlanningContext Load(ParseResult parse, CliIO io)
    {
        bool verbose = parse.GetValue(Verbose);
        // Its syntax and numbers are checked before anything is loaded; its ids once the closures are known.
        var ownBuffers = ClosureBuffers(parse.GetValue(ClosureBufferNm) ?? []);
        // Files are indexed, not built: only the closed airspaces are validated (all of them with --verbose), which is
        // what makes naming the 1,102-feature VATSpy file cheap.
        var files = new List<AirspaceFile>();
        foreach (var path in parse.GetValue(Airspaces) ?? [])
        {
            CliApp.RequireFile(path, "--airspaces");
            var file = AirspaceLoader.OpenGeoJson(path);
            if (file.Ids.Count == 0)
                throw new CliException($"--airspaces: {path}: no airspace in the file ({file.FeatureCount} feature(s), none a usable Polygon or MultiPolygon with an id)" +
                                       (file.IndexIssues.Count > 0 ? $"; first: {file.IndexIssues[0].Message}" : ""));
            files.Add(file);
        }

        var closures = new List<Airspace>();
        var used = files.ToDictionary(f => f, _ => new List<AirspaceLoadIssue>());
        string? failure = null;
        var shadowing = new List<string>(); // closed ids taken from a file, which may hide a bundled one or an earlier file's
        bool Known(string id) => files.Any(f => f.Contains(id)) || AirspaceCatalog.Bundled.Contains(id);
        foreach (var (id, token) in ClosedIds(parse.GetValue(Closed) is { Length: > 0 } given ? given : ["SVZM"], Known))
        {
            // Which piece of which argument: "SV" of "SV,ZM" is not the id the user had in mind.
            string piece = token == id ? $"'{id}'" : $"'{id}' (in '{token}'; ids are separated by commas)";
            // Later files win, then the bundled airspaces.
            var file = files.LastOrDefault(f => f.Contains(id));
            if (file is not null)
            {
                var built = file.Build(id);
                used[file].AddRange(built.Issues);
                if (built.Airspace is { } a) { closures.Add(a); shadowing.Add(a.Id); continue; }
                failure ??= $"--closed: airspace {piece} was left out when loading: {built.Issues.First(i => !i.Repaired).Message}";
                continue;
            }
            if (AirspaceCatalog.Bundled.TryGet(id, out var bundled)) { closures.Add(bundled); continue; }
            var why = files.SelectMany(f => f.IndexIssues).Concat(AirspaceCatalog.Bundled.Issues)
                .LastOrDefault(i => !i.Repaired && string.Equals(i.FeatureId, id, StringComparison.OrdinalIgnoreCase));
            if (why != null) { failure ??= $"--closed: airspace {piece} was left out when loading: {why.Message}"; continue; }
            var known = files.SelectMany(f => f.Ids).Concat(AirspaceCatalog.Bundled.Ids).ToList();
            var close = AirspaceCatalog.CloseMatches(known, id);
            failure ??= $"--closed: unknown airspace id {piece}" +
                (close.Count > 0 ? $"; did you mean {string.Join(", ", close.Select(Quoted))}?" : $"; known ids: {string.Join(", ", known.Take(10).Select(Quoted))}{(known.Count > 10 ? ", ..." : "")}");
        }

        // The load report comes first, so that a failure below is read with it.
        var loaded = new List<Airspace>();
        foreach (var file in files)
        {
            IReadOnlyList<AirspaceLoadIssue> issues;
            string scope;
            if (verbose)
            {
                var all = file.LoadAll();
                loaded.AddRange(all.Catalog);
                issues = all.Issues;
                scope = $"{all.Catalog.Count} of {file.FeatureCount} feature(s) loaded";
            }
            else
            {
                issues = file.IndexIssues.Concat(used[file]).OrderBy(i => i.FeatureIndex).ToList();
                scope = $"{file.Ids.Count} of {file.FeatureCount} feature(s) indexed, only the closed ones validated; --verbose validates all";
            }
            ReportIssues(io, file.FileName!, scope, issues, verbose);
        }
        NoteShadowing(io, files, shadowing);
        if (failure is not null) throw new CliException(failure);
        var catalog = AirspaceCatalog.Bundled.With(loaded).With(closures);

        double buffer = parse.GetValue(BufferNm);

        var airports = AirportDirectory.Bundled;
        if (parse.GetValue(Airports) is { } airportsFile)
        {
            CliApp.RequireFile(airportsFile, "--airports");
            AirportDirectory file;
            try
            {
                if (airportsFile.EndsWith(".dat", StringComparison.OrdinalIgnoreCase)) file = AirportDirectory.FromOpenFlights(airportsFile);
                else
                {
                    using var reader = File.OpenText(airportsFile);
                    file = AirportDirectory.FromCsv(reader, airportsFile);
                }
            }
            catch (FormatException e) { throw new CliException($"--airports: {e.Message}"); }
            airports = airports.With(file);
        }
        var byId = ClosureBufferIds(ownBuffers, closures);
        DetourPlanner planner;
        try
        {
            // The host's planner cache (the fuzz harness) knows one buffer; per-closure buffers are built here.
            planner = byId is not null ? DetourPlanner.Build(closures, DetourPlannerOptions.Default with { BufferNm = buffer, BufferNmByAirspaceId = byId })
                : io.BuildPlanner is { } build ? build(closures, buffer) : DetourPlanner.Build(closures, buffer);
        }
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
    /// The pairs of <c>--closure-buffer-nm</c> as given (id trimmed, in order), each value a finite number in [0,
    /// <see cref="DetourPlanner.MaxBufferNm"/>]: what is wrong is said with the piece and what is accepted.
    /// </summary>
    internal static List<(string Id, double Nm, string Piece)> ClosureBuffers(IEnumerable<string> tokens)
    {
        const string Form = "give ID=NM pairs separated by commas, e.g. --closure-buffer-nm SVZM=25,TTZP=0";
        var pairs = new List<(string, double, string)>();
        foreach (var raw in tokens)
            foreach (var piece in raw.Split(',', StringSplitOptions.TrimEntries))
            {
                if (piece.Length == 0) throw new CliException($"--closure-buffer-nm: '{raw}' has an empty pair; {Form}");
                int eq = piece.LastIndexOf('=');
                if (eq < 0) throw new CliException($"--closure-buffer-nm: '{piece}' is not ID=NM; {Form}");
                string id = piece[..eq].Trim(), value = piece[(eq + 1)..].Trim();
                if (id.Length == 0) throw new CliException($"--closure-buffer-nm: '{piece}' has no airspace id before '='; {Form}");
                if (!InvariantNumber.TryParse(value, out double nm))
                    throw new CliException($"--closure-buffer-nm {id}: {InvariantNumber.Problem(value)}");
                if (nm < 0 || nm > DetourPlanner.MaxBufferNm)
                    throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--closure-buffer-nm {id}: {nm:R} is outside [0, {DetourPlanner.MaxBufferNm}] NM ({DetourPlanner.MaxBufferReason})"));
                pairs.Add((id, nm + 0.0, piece)); // -0 is 0
            }
        return pairs;
    }

    /// <summary>The buffers by the closures' own ids (as --closed resolves them, case-insensitively); null when none are
    /// given. An id that is not closed, or a closure given twice, is an error naming the closed ids.</summary>
    private static Dictionary<string, double>? ClosureBufferIds(List<(string Id, double Nm, string Piece)> pairs, IReadOnlyList<Airspace> closures)
    {
        if (pairs.Count == 0) return null;
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        var firstPiece = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, nm, piece) in pairs)
        {
            var closure = closures.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal))
                ?? closures.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException($"--closure-buffer-nm: '{id}' is not a closed airspace; closed: {string.Join(", ", closures.Select(c => Quoted(c.Id)))} (add it to --closed, or give one of these)");
            if (!firstPiece.TryAdd(closure.Id, piece))
                throw new CliException($"--closure-buffer-nm: {Quoted(closure.Id)} is given twice ('{firstPiece[closure.Id]}' and '{piece}'); give each closure one buffer");
            byId[closure.Id] = nm;
        }
        return byId;
    }

    /// <summary>
    /// The closed ids with the argument each came from, duplicates dropped: an argument is a comma-separated list of
    /// ids, unless it is itself a known id (an id may contain a comma). An empty piece (<c>SVZM,</c>) is an error.
    /// </summary>
    private static List<(string Id, string Token)> ClosedIds(IEnumerable<string> tokens, Func<string, bool> isKnownId)
    {
        var ids = new List<(string Id, string Token)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in tokens)
        {
            string token = raw.Trim();
            var pieces = isKnownId(token) ? [token] : token.Split(',', StringSplitOptions.TrimEntries);
            if (pieces.All(p => p.Length == 0))
                throw new CliException($"--closed: no airspace ids given in '{raw}'; give ids separated by commas, e.g. SVZM,TNCF");
            if (pieces.Any(p => p.Length == 0))
                throw new CliException($"--closed: '{raw}' has an empty id; ids are separated by single commas, e.g. SVZM,TNCF");
            foreach (var id in pieces)
                if (seen.Add(id)) ids.Add((id, token));
        }
        return ids;
    }

    /// <summary>
    /// One note on stderr per used id that an --airspaces file takes from the bundled airspaces or from an earlier file:
    /// the file named last wins (the user named it), but silently flying around another SVZM than the bundled one is a
    /// surprise. Only ids that are used are named (a 1,102-feature file shadows many ids that nothing asks for).
    /// </summary>
    internal static void NoteShadowing(CliIO io, IReadOnlyList<AirspaceFile> files, IEnumerable<string> usedIds)
    {
        foreach (var id in usedIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            int last = -1;
            for (int i = files.Count - 1; i >= 0 && last < 0; i--) if (files[i].Contains(id)) last = i;
            if (last < 0) continue;
            var hidden = new List<string>();
            if (AirspaceCatalog.Bundled.Contains(id)) hidden.Add($"the bundled {Quoted(id)}");
            for (int i = 0; i < last; i++) if (files[i].Contains(id)) hidden.Add($"the one in {files[i].FileName}");
            if (hidden.Count == 0) continue;
            io.Err.WriteLine($"airspacesim: {files[last].FileName}: note: airspace {Quoted(id)} from this file overrides {string.Join(" and ", hidden)} (the --airspaces file named last wins)");
        }
    }

    // Ids are quoted in hints, so that an id with a comma or a blank reads as one id.
    private static string Quoted(string id) => id.AsSpan().IndexOfAny(", ") >= 0 ? $"'{id}'" : id;

    /// <summary>
    /// One summary line per file with problems (counts of left out, repaired, warnings), then each problem with its
    /// feature id and reason: the first <see cref="IssuesShown"/>, or all with --verbose.
    /// </summary>
    private static void ReportIssues(CliIO io, string file, string scope, IReadOnlyList<AirspaceLoadIssue> issues, bool verbose)
    {
        if (issues.Count == 0) return;
        int left = issues.Count(i => i.Kind == AirspaceIssueKind.LeftOut), repaired = issues.Count(i => i.Kind == AirspaceIssueKind.Repaired);
        int warned = issues.Count(i => i.Kind == AirspaceIssueKind.Warning);
        io.Err.WriteLine($"airspacesim: {file}: warning: {left} feature(s) left out, {repaired} repaired, {warned} warning(s) ({scope}):");
        int shown = verbose ? issues.Count : Math.Min(IssuesShown, issues.Count);
        for (int i = 0; i < shown; i++) io.Err.WriteLine($"airspacesim:   {issues[i].Message}");
        if (shown < issues.Count) io.Err.WriteLine($"airspacesim:   ... and {issues.Count - shown} more (--verbose lists all)");
    }
}

/// <summary>Everything a planning command needs, loaded once; the catalog holds the bundled airspaces and those built from
/// --airspaces files (the closed ones; every one with --verbose).</summary>
internal sealed record PlanningContext(AirspaceCatalog Catalog, AirportDirectory Airports, IReadOnlyList<Airspace> Closures, DetourPlanner Planner);
