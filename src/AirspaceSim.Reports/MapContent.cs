using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Reports;

/// <summary>One route on a map: its direct great circle (drawn dashed) and the path flown (drawn solid), coloured by
/// <see cref="Category"/>. Flights that share a path and category are one route.</summary>
public sealed record MapRoute
{
    /// <summary>What the route is, e.g. <c>AMS-CUR</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Outcome or status as written (<c>rerouted</c>, <c>cancelled</c>, <c>detour</c>...): picks the colour and the legend entry.</summary>
    public required string Category { get; init; }

    /// <summary>Origin and destination of the direct great circle, or empty when it is not drawn (the flown path is direct).</summary>
    public IReadOnlyList<GeoPoint> Direct { get; init; } = [];

    /// <summary>The flown path (great-circle legs between the points), or empty when not flown.</summary>
    public IReadOnlyList<GeoPoint> Flown { get; init; } = [];

    /// <summary>Flights on this route.</summary>
    public int Flights { get; init; } = 1;
}

/// <summary>An airport labelled on a map.</summary>
/// <param name="Code">Label (IATA code, or ICAO).</param>
/// <param name="Location">Position.</param>
public sealed record MapAirport(string Code, GeoPoint Location);

/// <summary>A closed airspace on a map: shaded and labelled.</summary>
/// <param name="Airspace">The airspace (its lateral limits).</param>
/// <param name="Label">The label, e.g. <c>SVZM</c>.</param>
public sealed record MapArea(Airspace Airspace, string Label);

/// <summary>What a map shows; <see cref="MapImage"/> draws it. Build it from a what-if result or from route plans.</summary>
public sealed record MapContent
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The title (scenario name and totals); a line break starts a second line.</summary>
    public required string Title { get; init; }

    /// <summary>Closed airspaces, shaded with their labels.</summary>
    public IReadOnlyList<MapArea> ClosedAreas { get; init; } = [];

    /// <summary>The routes, drawn in this order.</summary>
    public IReadOnlyList<MapRoute> Routes { get; init; } = [];

    /// <summary>Airports to mark and label.</summary>
    public IReadOnlyList<MapAirport> Airports { get; init; } = [];

    /// <summary>Outline the world's FIRs (the bundled VATSpy boundaries) thinly, with the ids of the larger ones, for orientation.</summary>
    public bool ShowFirs { get; init; } = true;

    /// <summary>As <see cref="FromSimulation(SimulationResult, AirportDirectory?)"/>, ends resolved in the bundled airports.</summary>
    public static MapContent FromSimulation(SimulationResult result) => FromSimulation(result, null);

    /// <summary>The map of a what-if run: its closures' airspaces, every flight's route (grouped by path and outcome),
    /// the airports flown from and to. Ends are resolved in <paramref name="airports"/> (the bundled ones when null), as
    /// the simulator resolved them.</summary>
    public static MapContent FromSimulation(SimulationResult result, AirportDirectory? airports)
    {
        ArgumentNullException.ThrowIfNull(result);
        airports ??= AirportDirectory.Bundled;
        var routes = new Dictionary<string, (MapRoute Route, int Order)>(StringComparer.Ordinal);
        var ends = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
        foreach (var f in result.Flights)
        {
            if (f.Outcome == FlightOutcome.Error) continue;
            GeoPoint? a = Locate(f.Flight.Origin, airports), b = Locate(f.Flight.Destination, airports);
            if (a is { } pa) ends.TryAdd(f.From, pa);
            if (b is { } pb) ends.TryAdd(f.To, pb);
            if (f.Alternate != null && f.Waypoints.Count > 0) ends.TryAdd(f.Alternate, f.Waypoints[^1]);
            bool flownDirect = f.Outcome == FlightOutcome.Unaffected;
            IReadOnlyList<GeoPoint> direct = !flownDirect && a is { } da && b is { } db ? [da, db] : [];
            IReadOnlyList<GeoPoint> flown = f.Waypoints.Count >= 2 ? f.Waypoints : [];
            if (direct.Count == 0 && flown.Count == 0) continue;
            string category = SimulationReport.Text(f.Outcome);
            string key = category + "|" + string.Join(";", direct.Concat(flown).Select(p => p.ToString()));
            routes[key] = routes.TryGetValue(key, out var r)
                ? (r.Route with { Flights = r.Route.Flights + 1 }, r.Order)
                : (new MapRoute { Id = $"{f.From}-{f.To}", Category = category, Direct = direct, Flown = flown }, routes.Count);
        }
        var t = result.Totals;
        string counts = string.Join(", ", t.ByOutcome.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {SimulationReport.Text(kv.Key)}"));
        string title = string.Create(Inv, $"{result.Scenario.Name}: {t.Flights} flights ({counts})\nextra {t.ExtraKm:N0} km, {t.ExtraMinutes:N0} min, {t.ExtraCo2Kg / 1000:N1} t CO2, US$ {t.ExtraCostUsd:N0}");
        return new MapContent
        {
            Title = title,
            ClosedAreas = Areas(result.Scenario.Closures.SelectMany(c => c.Airspaces)),
            Routes = routes.Values.OrderBy(v => v.Order).Select(v => v.Route).ToList(),
            Airports = ends.Select(kv => new MapAirport(kv.Key, kv.Value)).ToList(),
        };
    }

    /// <summary>The map of planned routes (the <c>route</c> and <c>batch</c> commands): the closed airspaces, each plan
    /// (coloured by its status: <c>direct</c>, <c>detour</c>, <c>unreachable</c>) and its ends.</summary>
    public static MapContent FromPlans(string title, IReadOnlyList<Airspace> closed, IEnumerable<(RouteEnd From, RouteEnd To, RoutePlan Plan)> plans)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(plans);
        var routes = new List<MapRoute>();
        var ends = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
        foreach (var (from, to, plan) in plans)
        {
            ends.TryAdd(from.Code, from.Point);
            ends.TryAdd(to.Code, to.Point);
            routes.Add(new MapRoute
            {
                Id = $"{from.Code}-{to.Code}",
                Category = plan.Status.ToString().ToLowerInvariant(),
                Direct = plan.Status == RouteStatus.Direct ? [] : [plan.From, plan.To],
                Flown = plan.Status == RouteStatus.Unreachable ? [] : plan.Waypoints,
            });
        }
        return new MapContent { Title = title, ClosedAreas = Areas(closed), Routes = routes, Airports = ends.Select(kv => new MapAirport(kv.Key, kv.Value)).ToList() };
    }

    private static List<MapArea> Areas(IEnumerable<Airspace> airspaces) =>
        airspaces.DistinctBy(a => a.Id, StringComparer.Ordinal).Select(a => new MapArea(a, a.Id)).ToList();

    private static GeoPoint? Locate(string text, AirportDirectory airports)
    {
        try { return airports.Resolve(text.Trim()).Point; }
        catch (Exception e) when (e is FormatException or KeyNotFoundException) { return null; }
    }
}
