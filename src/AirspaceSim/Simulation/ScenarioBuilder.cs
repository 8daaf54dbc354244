using AirspaceSim.Airspaces;

namespace AirspaceSim.Simulation;

/// <summary>
/// A small fluent way to build a <see cref="Scenario"/> in C#: <c>new ScenarioBuilder("svzm").Close("SVZM", from)
/// .Flight(...).Build()</c>. Airspace ids are resolved in the catalog given (default the bundled one) when added.
/// </summary>
public sealed class ScenarioBuilder
{
    private readonly AirspaceCatalog _catalog;
    private readonly List<Closure> _closures = [];
    private readonly List<Flight> _flights = [];
    private readonly List<ScheduledRoute> _routes = [];
    private readonly List<ScenarioSource> _sources = [];
    private readonly List<string> _assumptions = [];
    private string? _description;
    private DateOnly? _periodStart, _periodEnd;
    private ScenarioParameters _parameters = new();
    private readonly string _name;
    private readonly List<ClosureEndUncertainty> _ends = [];
    private readonly SortedDictionary<UncertainInput, Distribution> _inputs = [];

    /// <inheritdoc cref="ScenarioBuilder(string, AirspaceCatalog?)"/>
    public ScenarioBuilder(string name) : this(name, null) { }

    /// <summary>Starts a scenario; airspace ids resolve in <paramref name="catalog"/> (default <see cref="AirspaceCatalog.Bundled"/>).</summary>
    public ScenarioBuilder(string name, AirspaceCatalog? catalog)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ScenarioValidation.CheckId(name, "name");
        _name = name;
        _catalog = catalog ?? AirspaceCatalog.Bundled;
    }

    /// <summary>Sets the description.</summary>
    public ScenarioBuilder Describe(string description) { _description = description; return this; }

    /// <inheritdoc cref="Close(string, DateTime, Func{Closure, Closure}?)"/>
    public ScenarioBuilder Close(string airspaceIds, DateTime startUtc) => Close(airspaceIds, startUtc, null);

    /// <summary>
    /// Closes the catalog airspaces <paramref name="airspaceIds"/> (comma-separated or several) from
    /// <paramref name="startUtc"/>; <paramref name="configure"/> sets the rest (band, end, notice, applicability, bans,
    /// buffer) on the closure record.
    /// </summary>
    /// <exception cref="KeyNotFoundException">An airspace id the catalog does not know.</exception>
    public ScenarioBuilder Close(string airspaceIds, DateTime startUtc, Func<Closure, Closure>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(airspaceIds);
        var ids = airspaceIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var c = new Closure
        {
            Id = string.Join("+", ids), AirspaceIds = ids, Airspaces = ids.Select(id => _catalog[id]).ToArray(),
            StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc),
        };
        return Add(configure?.Invoke(c) ?? c);
    }

    /// <inheritdoc cref="Close(Airspace, DateTime, Func{Closure, Closure}?)"/>
    public ScenarioBuilder Close(Airspace polygon, DateTime startUtc) => Close(polygon, startUtc, null);

    /// <summary>Closes an inline polygon (any <see cref="Airspace"/>, e.g. from <see cref="AirspaceLoader.ParsePolygonStrict(string, string)"/>).</summary>
    public ScenarioBuilder Close(Airspace polygon, DateTime startUtc, Func<Closure, Closure>? configure)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var c = new Closure { Id = polygon.Id, Airspaces = [polygon], StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc) };
        return Add(configure?.Invoke(c) ?? c);
    }

    /// <inheritdoc cref="CloseAirports(string, IEnumerable{string}, DateTime, Func{Closure, Closure}?)"/>
    public ScenarioBuilder CloseAirports(string id, IEnumerable<string> airports, DateTime startUtc) => CloseAirports(id, airports, startUtc, null);

    /// <summary>Closes airports by code (an airport closure).</summary>
    public ScenarioBuilder CloseAirports(string id, IEnumerable<string> airports, DateTime startUtc, Func<Closure, Closure>? configure)
    {
        var c = new Closure { Id = id, Airports = airports.ToArray(), Bans = ClosureBans.Airports, StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc) };
        return Add(configure?.Invoke(c) ?? c);
    }

    /// <summary>Adds a fully specified closure.</summary>
    public ScenarioBuilder Add(Closure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        ScenarioValidation.Check(closure);
        _closures.Add(closure);
        return this;
    }

    /// <summary>Adds one flight at the cost model's default cruise level.</summary>
    public ScenarioBuilder Flight(string id, string origin, string destination, DateTime departureUtc, string aircraftType,
        string airline, string operatorState) =>
        Flight(id, origin, destination, departureUtc, aircraftType, airline, operatorState, null);

    /// <summary>Adds one flight; <paramref name="cruiseFl"/> null for the cost model's default cruise level.</summary>
    public ScenarioBuilder Flight(string id, string origin, string destination, DateTime departureUtc, string aircraftType,
        string airline, string operatorState, int? cruiseFl) =>
        Add(new Flight
        {
            Id = id, Origin = origin, Destination = destination, DepartureUtc = DateTime.SpecifyKind(departureUtc, DateTimeKind.Utc),
            AircraftType = aircraftType, Airline = airline, OperatorState = operatorState, CruiseFl = cruiseFl,
        });

    /// <summary>Adds a fully specified flight.</summary>
    public ScenarioBuilder Add(Flight flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ScenarioValidation.Check(flight);
        _flights.Add(flight);
        return this;
    }

    /// <summary>Adds a scheduled route.</summary>
    public ScenarioBuilder Add(ScheduledRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ScenarioValidation.Check(route);
        _routes.Add(route);
        return this;
    }

    /// <summary>Sets the schedule period (inclusive dates).</summary>
    public ScenarioBuilder Period(DateOnly first, DateOnly last)
    {
        if (last < first) throw new ArgumentException($"period ends {last:yyyy-MM-dd} before it starts {first:yyyy-MM-dd}");
        _periodStart = first; _periodEnd = last; return this;
    }

    /// <summary>Sets the parameters.</summary>
    public ScenarioBuilder With(ScenarioParameters parameters) { _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters)); return this; }

    /// <inheritdoc cref="Cite(string, string, string?)"/>
    public ScenarioBuilder Cite(string id, string title) => Cite(id, title, null);

    /// <summary>Cites a source.</summary>
    public ScenarioBuilder Cite(string id, string title, string? url) { ScenarioValidation.CheckId(id, "source id"); _sources.Add(new ScenarioSource(id, title, url)); return this; }

    /// <summary>States an assumption.</summary>
    public ScenarioBuilder Assume(string assumption) { _assumptions.Add(assumption); return this; }

    /// <summary>Makes the end of closure <paramref name="closureId"/> uncertain: <paramref name="hoursAfterStart"/> hours after its start.</summary>
    public ScenarioBuilder UncertainEnd(string closureId, Distribution hoursAfterStart)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(closureId);
        _ends.Add(new ClosureEndUncertainty(closureId, hoursAfterStart ?? throw new ArgumentNullException(nameof(hoursAfterStart))));
        return this;
    }

    /// <summary>Makes a scalar input uncertain (replacing an earlier distribution of it).</summary>
    public ScenarioBuilder Uncertain(UncertainInput input, Distribution distribution)
    {
        _inputs[input] = distribution ?? throw new ArgumentNullException(nameof(distribution));
        return this;
    }

    /// <summary>The immutable scenario.</summary>
    /// <exception cref="ArgumentException">An uncertain closure end names no closure (or one twice, or one with a fixed end), or a distribution
    /// reaches outside its input's range.</exception>
    public Scenario Build()
    {
        var uncertainty = _ends.Count == 0 && _inputs.Count == 0 ? ScenarioUncertainty.None
            : new ScenarioUncertainty { ClosureEnds = _ends.ToArray(), Inputs = new SortedDictionary<UncertainInput, Distribution>(_inputs) };
        uncertainty.Check(_closures);
        return new()
        {
            Name = _name, Description = _description, Closures = _closures.ToArray(), Flights = _flights.ToArray(),
            Routes = _routes.ToArray(), PeriodStart = _periodStart, PeriodEnd = _periodEnd, Parameters = _parameters,
            Sources = _sources.ToArray(), Assumptions = _assumptions.ToArray(), Uncertainty = uncertainty,
        };
    }
}

/// <summary>Checks shared by the builder and the JSON reader.</summary>
internal static class ScenarioValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> for a closure that cannot be run.</summary>
    public static void Check(Closure c)
    {
        CheckId(c.Id, "closure id");
        foreach (var id in c.AirspaceIds) CheckId(id, $"closure '{c.Id}': airspace id");
        foreach (var a in c.Airspaces) CheckId(a.Id, $"closure '{c.Id}': airspace id");
        foreach (var code in c.Airports) CheckId(code, $"closure '{c.Id}': airports item");
        if (c.EndUtc is { } e && e <= c.StartUtc)
            throw new ArgumentException($"closure '{c.Id}': window ends {e:yyyy-MM-dd'T'HH:mm'Z'} at or before it starts {c.StartUtc:yyyy-MM-dd'T'HH:mm'Z'}");
        if (c.NoticeUtc is { } n && n > c.StartUtc)
            throw new ArgumentException($"closure '{c.Id}': notice {n:yyyy-MM-dd'T'HH:mm'Z'} is after the start {c.StartUtc:yyyy-MM-dd'T'HH:mm'Z'}");
        if (!double.IsFinite(c.BufferNm) || c.BufferNm < 0) throw new ArgumentException($"closure '{c.Id}': buffer {c.BufferNm} NM is not a finite number ≥ 0");
        if (c.Airspaces.Count == 0 && c.Airports.Count == 0) throw new ArgumentException($"closure '{c.Id}': give airspaces, polygons or airports");
        if (c.Airports.Count > 0 && !c.BansAirports)
            throw new ArgumentException($"closure '{c.Id}': names airports ({string.Join(", ", c.Airports)}) but bans only overflight; named airports are closed by an airport ban (Bans = Airports or Both)");
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a flight with a control character in an id (the reader's
    /// rule, IdentifierText): built with one, ScenarioJson.Write gave a file that the reader refuses.</summary>
    public static void Check(Flight f)
    {
        CheckId(f.Id, "flight id");
        CheckEnds(f.Origin, f.Destination, f.AircraftType, f.Airline, f.OperatorState);
    }

    /// <summary>As for a flight, for a scheduled route.</summary>
    public static void Check(ScheduledRoute r)
    {
        CheckId(r.FlightNumber, "flightNumber");
        CheckEnds(r.Origin, r.Destination, r.AircraftType, r.Airline, r.OperatorState);
    }

    private static void CheckEnds(string from, string to, string type, string airline, string state)
    {
        CheckId(from, "from"); CheckId(to, "to"); CheckId(type, "type"); CheckId(airline, "airline"); CheckId(state, "state");
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="text"/> breaks the identifier rule.</summary>
    public static void CheckId(string? text, string what)
    {
        if (Infrastructure.IdentifierText.Problem(text, what) is { } problem) throw new ArgumentException(problem);
    }
}
