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
        Description = "More airports, merged over the bundled world list (the file wins for a code both know): OpenFlights airports.dat or a CSV icao,iata,name,country,lat,lon[,iso_country,type,scheduled_service]; a code given twice in the file is an error.",
    };

    public Option<double> BufferNm { get; } = new("--buffer-nm")
    {
        Description = "Lateral margin in nautical miles kept from every closed airspace.",
        DefaultValueFactory = _ => 0,
    };

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
        var issues = new List<AirspaceLoadIssue>();
        foreach (var file in parse.GetValue(Airspaces) ?? [])
        {
            if (!File.Exists(file)) throw new CliException($"--airspaces: file not found: {file}");
            var result = AirspaceLoader.LoadGeoJson(file);
            catalog = catalog.With(result.Catalog);
            issues.AddRange(result.Issues);
            int left = result.Issues.Count(i => !i.Repaired), fixedCount = result.Issues.Count(i => i.Repaired);
            if (result.Catalog.Count == 0)
                io.Err.WriteLine($"airspacesim: {file}: warning: no airspace loaded (no usable Polygon or MultiPolygon feature)");
            else if (result.Issues.Count > 0)
                io.Err.WriteLine($"airspacesim: {file}: loaded {result.Catalog.Count} airspaces; {left} feature(s) left out, {fixedCount} repaired");
        }

        var ids = (parse.GetValue(Closed) is { Length: > 0 } given ? given : ["SVZM"])
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0) throw new CliException("--closed: no airspace ids given");
        var closures = new List<Airspace>();
        foreach (var id in ids)
        {
            if (catalog.TryGet(id, out var a)) { closures.Add(a); continue; }
            // The files' and the bundled world's features left out.
            var why = issues.Concat(catalog.Issues).FirstOrDefault(i => !i.Repaired && string.Equals(i.FeatureId, id, StringComparison.OrdinalIgnoreCase));
            if (why != null) throw new CliException($"--closed: airspace '{id}' was left out when loading: {why.Message}");
            var close = catalog.CloseMatches(id);
            throw new CliException($"--closed: unknown airspace id '{id}'" +
                (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : $"; known ids: {string.Join(", ", catalog.Ids.Take(10))}{(catalog.Count > 10 ? ", ..." : "")}"));
        }

        double buffer = parse.GetValue(BufferNm);
        if (!double.IsFinite(buffer) || buffer < 0) throw new CliException($"--buffer-nm: {buffer.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a finite number ≥ 0");

        var airports = AirportDirectory.Bundled;
        if (parse.GetValue(Airports) is { } airportsFile)
        {
            if (!File.Exists(airportsFile)) throw new CliException($"--airports: file not found: {airportsFile}");
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
            throw new CliException($"--buffer-nm: {buffer.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {CliApp.OneLine(e)}");
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentOutOfRangeException)
        {
            throw new CliException($"cannot plan around {string.Join(", ", ids)}: {CliApp.OneLine(e)}");
        }
        return new PlanningContext(catalog, airports, closures, planner);
    }
}

/// <summary>Everything a planning command needs, loaded once.</summary>
internal sealed record PlanningContext(AirspaceCatalog Catalog, AirportDirectory Airports, IReadOnlyList<Airspace> Closures, DetourPlanner Planner);
