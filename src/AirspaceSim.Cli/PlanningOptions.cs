using System.CommandLine;
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
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Airspaces { get; } = new("--airspaces")
    {
        Description = "Load more airspaces from a GeoJSON file (repeatable; ids from later files win).",
    };

    public Option<string?> Airports { get; } = new("--airports")
    {
        Description = "Airport directory to resolve codes with: OpenFlights airports.dat or a CSV icao,iata,name,country,lat,lon (default: the bundled airports).",
    };

    public Option<double> BufferNm { get; } = new("--buffer-nm")
    {
        Description = "Lateral margin in nautical miles kept from every closed airspace.",
        DefaultValueFactory = _ => 0,
    };

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
        cmd.Options.Add(Verbose);
    }

    /// <summary>Loads airspaces and airports and builds the planner; every failure is a one-line user error.</summary>
    public PlanningContext Load(ParseResult parse, CliIO io)
    {
        bool verbose = parse.GetValue(Verbose);
        // Files are indexed, not built: only the closed airspaces are validated (all of them with --verbose), which is
        // what makes naming the 1,102-feature VATSpy file cheap.
        var files = new List<AirspaceFile>();
        foreach (var path in parse.GetValue(Airspaces) ?? [])
        {
            if (Directory.Exists(path)) throw new CliException($"--airspaces: {path} is a directory, not a GeoJSON file");
            if (!File.Exists(path)) throw new CliException($"--airspaces: file not found: {path}");
            var file = AirspaceLoader.OpenGeoJson(path);
            if (file.Ids.Count == 0)
                throw new CliException($"--airspaces: {path}: no airspace in the file ({file.FeatureCount} feature(s), none a usable Polygon or MultiPolygon with an id)" +
                                       (file.IndexIssues.Count > 0 ? $"; first: {file.IndexIssues[0].Message}" : ""));
            files.Add(file);
        }

        var ids = (parse.GetValue(Closed) is { Length: > 0 } given ? given : ["SVZM"])
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0) throw new CliException("--closed: no airspace ids given");
        var closures = new List<Airspace>();
        var used = files.ToDictionary(f => f, _ => new List<AirspaceLoadIssue>());
        string? failure = null;
        foreach (var id in ids)
        {
            // Later files win, then the bundled airspaces.
            var file = files.LastOrDefault(f => f.Contains(id));
            if (file is not null)
            {
                var built = file.Build(id);
                used[file].AddRange(built.Issues);
                if (built.Airspace is { } a) { closures.Add(a); continue; }
                failure ??= $"--closed: airspace '{id}' was left out when loading: {built.Issues.First(i => !i.Repaired).Message}";
                continue;
            }
            if (AirspaceCatalog.Bundled.TryGet(id, out var bundled)) { closures.Add(bundled); continue; }
            var why = files.SelectMany(f => f.IndexIssues).LastOrDefault(i => !i.Repaired && string.Equals(i.FeatureId, id, StringComparison.OrdinalIgnoreCase));
            if (why != null) { failure ??= $"--closed: airspace '{id}' was left out when loading: {why.Message}"; continue; }
            var known = files.SelectMany(f => f.Ids).Concat(AirspaceCatalog.Bundled.Ids).ToList();
            var close = AirspaceCatalog.CloseMatches(known, id);
            failure ??= $"--closed: unknown airspace id '{id}'" +
                (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : $"; known ids: {string.Join(", ", known.Take(10))}{(known.Count > 10 ? ", ..." : "")}");
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
        if (failure is not null) throw new CliException(failure);
        var catalog = AirspaceCatalog.Bundled.With(loaded).With(closures);

        double buffer = parse.GetValue(BufferNm);
        if (!double.IsFinite(buffer) || buffer < 0) throw new CliException($"--buffer-nm: {buffer.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a finite number ≥ 0");

        var airports = AirportDirectory.Bundled;
        if (parse.GetValue(Airports) is { } airportsFile)
        {
            if (!File.Exists(airportsFile)) throw new CliException($"--airports: file not found: {airportsFile}");
            if (airportsFile.EndsWith(".dat", StringComparison.OrdinalIgnoreCase)) airports = AirportDirectory.FromOpenFlights(airportsFile);
            else
            {
                using var reader = File.OpenText(airportsFile);
                airports = AirportDirectory.FromCsv(reader, airportsFile);
            }
        }
        DetourPlanner planner;
        try { planner = DetourPlanner.Build(closures, buffer); }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "bufferNm")
        {
            throw new CliException($"--buffer-nm: {buffer.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {CliApp.OneLine(e)}");
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentOutOfRangeException)
        {
            throw new CliException($"cannot plan around {string.Join(", ", ids)}: {CliApp.OneLine(e)}");
        }
        return new PlanningContext(catalog, airports, closures, planner);
    }

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
