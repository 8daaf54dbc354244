using System.Globalization;
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
            StartUtc = ScenarioValidation.Utc(startUtc, nameof(startUtc)),
        };
        return Add(Configured(c, configure));
    }

    /// <inheritdoc cref="Close(Airspace, DateTime, Func{Closure, Closure}?)"/>
    public ScenarioBuilder Close(Airspace polygon, DateTime startUtc) => Close(polygon, startUtc, null);

    /// <summary>Closes an inline polygon (any <see cref="Airspace"/>, e.g. from <see cref="AirspaceLoader.ParsePolygonStrict(string, string)"/>).</summary>
    public ScenarioBuilder Close(Airspace polygon, DateTime startUtc, Func<Closure, Closure>? configure)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var c = new Closure { Id = polygon.Id, Airspaces = [polygon], StartUtc = ScenarioValidation.Utc(startUtc, nameof(startUtc)) };
        return Add(Configured(c, configure));
    }

    /// <inheritdoc cref="CloseAirports(string, IEnumerable{string}, DateTime, Func{Closure, Closure}?)"/>
    public ScenarioBuilder CloseAirports(string id, IEnumerable<string> airports, DateTime startUtc) => CloseAirports(id, airports, startUtc, null);

    /// <summary>Closes airports by code (an airport closure).</summary>
    public ScenarioBuilder CloseAirports(string id, IEnumerable<string> airports, DateTime startUtc, Func<Closure, Closure>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(airports);
        var codes = airports.ToArray();
        for (int i = 0; i < codes.Length; i++)
            if (string.IsNullOrWhiteSpace(codes[i])) throw new ArgumentException($"airports[{i}] is {(codes[i] is null ? "null" : "blank")}; give IATA or ICAO codes", nameof(airports));
        var c = new Closure { Id = id, Airports = codes, Bans = ClosureBans.Airports, StartUtc = ScenarioValidation.Utc(startUtc, nameof(startUtc)) };
        return Add(Configured(c, configure));
    }

    // A configure callback returning null would otherwise drop its closure's settings without a word.
    private static Closure Configured(Closure c, Func<Closure, Closure>? configure) =>
        configure is null ? c : configure(c) ?? throw new ArgumentException("configure returned null; return the closure, e.g. c => c with { EndUtc = ... }", nameof(configure));

    /// <summary>Adds a fully specified closure.</summary>
    /// <exception cref="ArgumentException">A closure that cannot be run: no id, a local time (<see cref="DateTimeKind.Local"/>),
    /// an end at or before its start, a notice after it, a buffer outside [0, 600] NM (the planner's limit), no lateral limits and no airports,
    /// named airports under an overflight ban alone, a null band, applicability or airspace, or an undefined ban.</exception>
    public ScenarioBuilder Add(Closure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        ScenarioValidation.Check(closure, nameof(closure));
        _closures.Add(closure);
        return this;
    }

    /// <summary>Adds one flight at the cost model's default cruise level.</summary>
    /// <exception cref="ArgumentException">See <see cref="Add(Simulation.Flight)"/>.</exception>
    public ScenarioBuilder Flight(string id, string origin, string destination, DateTime departureUtc, string aircraftType,
        string airline, string operatorState) =>
        Flight(id, origin, destination, departureUtc, aircraftType, airline, operatorState, null);

    /// <summary>Adds one flight; <paramref name="cruiseFl"/> null for the cost model's default cruise level.</summary>
    /// <exception cref="ArgumentException">See <see cref="Add(Simulation.Flight)"/>; a local <paramref name="departureUtc"/>.</exception>
    public ScenarioBuilder Flight(string id, string origin, string destination, DateTime departureUtc, string aircraftType,
        string airline, string operatorState, int? cruiseFl) =>
        Add(new Flight
        {
            Id = id, Origin = origin, Destination = destination, DepartureUtc = ScenarioValidation.Utc(departureUtc, nameof(departureUtc)),
            AircraftType = aircraftType, Airline = airline, OperatorState = operatorState, CruiseFl = cruiseFl,
        });

    /// <summary>Adds a fully specified flight.</summary>
    /// <exception cref="ArgumentException">A null or blank id, origin, destination, aircraft type, airline or operator
    /// state, or a local departure time (<see cref="DateTimeKind.Local"/>).</exception>
    public ScenarioBuilder Add(Flight flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ScenarioValidation.Check(flight, nameof(flight));
        _flights.Add(flight);
        return this;
    }

    /// <summary>Adds a scheduled route.</summary>
    /// <exception cref="ArgumentException">A null or blank origin, destination, aircraft type, airline or operator state,
    /// null or undefined days, a weekly frequency below 1, or a last date before the first.</exception>
    public ScenarioBuilder Add(ScheduledRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ScenarioValidation.Check(route, nameof(route));
        _routes.Add(route);
        return this;
    }

    /// <summary>Sets the schedule period (inclusive dates).</summary>
    public ScenarioBuilder Period(DateOnly first, DateOnly last)
    {
        if (last < first) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"period ends {last:yyyy-MM-dd} before it starts {first:yyyy-MM-dd}"), nameof(last));
        _periodStart = first; _periodEnd = last; return this;
    }

    /// <summary>Sets the parameters.</summary>
    /// <exception cref="ArgumentException">A parameter outside the range the scenario file accepts for it (the same
    /// table: e.g. a fuel price in [0, 100] US$/kg, a tech-stop time in [0, 1440] min, each swept buffer in [0, 600] NM);
    /// the message names the field and the range.</exception>
    public ScenarioBuilder With(ScenarioParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ScenarioValidation.Check(parameters, nameof(parameters));
        // As the reader: a wind speed with no direction would blow from the north, silently (new-user sweep 7), and
        // ScenarioJson.Write would give a file the reader refuses.
        if (parameters.Cost.WindKt is > 0 && parameters.Cost.WindFromDeg is null && parameters.Cost.WindField is null)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"parameters: WindKt {parameters.Cost.WindKt} without WindFromDeg: give the direction the wind blows from (degrees true)"), nameof(parameters));
        _parameters = parameters;
        return this;
    }

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
    /// <summary>
    /// An instant as UTC: <see cref="DateTimeKind.Unspecified"/> is taken as UTC (the scenario file's times are UTC);
    /// <see cref="DateTimeKind.Local"/> is refused, since relabelling it would move it by the machine's offset and
    /// converting it would make a scenario's answers depend on the machine it runs on.
    /// </summary>
    public static DateTime Utc(DateTime t, string paramName) => t.Kind == DateTimeKind.Local
        ? throw LocalError(t, paramName, paramName)
        : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    // Each check below tests first and builds its message only when it fails: the simulator checks every flight of
    // every run (67k in a day, every Monte Carlo draw), and messages built up front allocated about 500 bytes per valid
    // flight (the what-if at 2.7x its floor; CheckingAValidFlightAllocatesNothing).
    private static ArgumentException LocalError(DateTime t, string paramName, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what} {t:yyyy-MM-dd'T'HH:mm} is a local time (DateTimeKind.Local); give UTC: DateTimeKind.Utc (or Unspecified, taken as UTC), e.g. t.ToUniversalTime()"), paramName);

    private static ArgumentException BlankError(string? value, string paramName, string what) =>
        new($"{what} is {(value is null ? "null" : "blank")}", paramName);

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    // The five texts a flight (its id given) and a scheduled route (flightId null) both need. The messages are made
    // only when one is missing: a valid flight is checked without allocating (CheckingAValidFlightAllocatesNothing).
    private static void CheckNotBlank(string? flightId, string? origin, string? destination, string? type, string? airline, string? state, string paramName)
    {
        string What(string field) => flightId is not null ? $"flight '{flightId}': {field}"
            : field == "Origin" ? "route Origin" : $"route {origin}-{destination}: {field}";
        if (Blank(origin)) throw BlankError(origin, paramName, What("Origin"));
        if (Blank(destination)) throw BlankError(destination, paramName, What("Destination"));
        if (Blank(type)) throw BlankError(type, paramName, What("AircraftType"));
        if (Blank(airline)) throw BlankError(airline, paramName, What("Airline"));
        if (Blank(state)) throw BlankError(state, paramName, What("OperatorState"));
    }

    /// <summary>Throws <see cref="ArgumentException"/> (named <paramref name="paramName"/>) for a flight that cannot be run.</summary>
    public static void Check(Flight f, string paramName)
    {
        if (Blank(f.Id)) throw BlankError(f.Id, paramName, "flight Id");
        CheckNotBlank(f.Id, f.Origin, f.Destination, f.AircraftType, f.Airline, f.OperatorState, paramName);
        if (f.DepartureUtc.Kind == DateTimeKind.Local) throw LocalError(f.DepartureUtc, paramName, $"flight '{f.Id}': DepartureUtc");
        CheckId(f.Id, "flight id", paramName);
        CheckEnds(f.Origin, f.Destination, f.AircraftType, f.Airline, f.OperatorState, paramName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> (named <paramref name="paramName"/>) for a scheduled route that cannot be run.</summary>
    public static void Check(ScheduledRoute r, string paramName)
    {
        CheckNotBlank(null, r.Origin, r.Destination, r.AircraftType, r.Airline, r.OperatorState, paramName);
        if (r.Days is null) throw new ArgumentException($"route {r.Origin}-{r.Destination}: Days is null; give days of the week, or none ([]) and a WeeklyFrequency", paramName);
        foreach (var d in r.Days)
            if (!Enum.IsDefined(d)) throw new ArgumentException($"route {r.Origin}-{r.Destination}: day {(int)d} is not a DayOfWeek (0 = Sunday to 6 = Saturday)", paramName);
        if (r.WeeklyFrequency is < 1) throw new ArgumentException($"route {r.Origin}-{r.Destination}: weekly frequency {r.WeeklyFrequency} is not ≥ 1", paramName);
        if (r.FirstDate is { } first && r.LastDate is { } last && last < first)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"route {r.Origin}-{r.Destination}: LastDate {last:yyyy-MM-dd} is before FirstDate {first:yyyy-MM-dd}"), paramName);
        CheckId(r.FlightNumber, "flightNumber", paramName);
        CheckEnds(r.Origin, r.Destination, r.AircraftType, r.Airline, r.OperatorState, paramName);
    }

    /// <summary>
    /// The checks of <see cref="WhatIfSimulator"/> on a scenario made in code (the reader and the builder make each
    /// already): no null lists or elements, each flight and route as the builder checks it, and each closure's shape
    /// (<see cref="CheckShape"/>; its window and buffer rules stay the builder's and the reader's, which scenarios made
    /// in code relied on, e.g. a notice after the start).
    /// </summary>
    public static void Check(Scenario s, string paramName)
    {
        if (s.Closures is null || s.Flights is null || s.Routes is null)
            throw new ArgumentException($"scenario '{s.Name}': {(s.Closures is null ? "Closures" : s.Flights is null ? "Flights" : "Routes")} is null; give an empty list", paramName);
        for (int i = 0; i < s.Closures.Count; i++)
            CheckShape(s.Closures[i] ?? throw new ArgumentException($"scenario '{s.Name}': Closures[{i}] is null", paramName), paramName);
        for (int i = 0; i < s.Flights.Count; i++)
            Check(s.Flights[i] ?? throw new ArgumentException($"scenario '{s.Name}': Flights[{i}] is null", paramName), paramName);
        for (int i = 0; i < s.Routes.Count; i++)
            Check(s.Routes[i] ?? throw new ArgumentException($"scenario '{s.Name}': Routes[{i}] is null", paramName), paramName);
        // The reader's ranges for a scenario made in code too: a fuel price of 1e300 overflowed the decimal totals
        // (an OverflowException out of the run) where the reader gives a located error.
        Check(s.Parameters ?? throw new ArgumentException($"scenario '{s.Name}': Parameters is null; new ScenarioParameters() keeps the model's figures", paramName), paramName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> (named <paramref name="paramName"/>) for a closure the run would
    /// fail on or misread: no id, null lists, elements, band or applicability, an undefined ban, a local time.</summary>
    public static void CheckShape(Closure c, string paramName)
    {
        if (string.IsNullOrWhiteSpace(c.Id)) throw new ArgumentException($"closure Id is {(c.Id is null ? "null" : "blank")}", paramName);
        if (c.Airspaces is null || c.Airports is null || c.AirspaceIds is null)
            throw new ArgumentException($"closure '{c.Id}': {(c.Airspaces is null ? "Airspaces" : c.Airports is null ? "Airports" : "AirspaceIds")} is null; give an empty list", paramName);
        for (int i = 0; i < c.Airspaces.Count; i++)
            if (c.Airspaces[i] is null) throw new ArgumentException($"closure '{c.Id}': Airspaces[{i}] is null", paramName);
        for (int i = 0; i < c.Airports.Count; i++)
            if (string.IsNullOrWhiteSpace(c.Airports[i])) throw new ArgumentException($"closure '{c.Id}': Airports[{i}] is {(c.Airports[i] is null ? "null" : "blank")}", paramName);
        if (c.Band is null) throw new ArgumentException($"closure '{c.Id}': Band is null; VerticalBand.All is surface to unlimited", paramName);
        if (c.AppliesTo is null) throw new ArgumentException($"closure '{c.Id}': AppliesTo is null; Applicability.Everyone binds every operator", paramName);
        if (!Enum.IsDefined(c.Bans)) throw new ArgumentException($"closure '{c.Id}': Bans {(int)c.Bans} is not a ClosureBans (Overflight, Airports or Both)", paramName);
        if (c.StartUtc.Kind == DateTimeKind.Local) throw LocalError(c.StartUtc, paramName, $"closure '{c.Id}': StartUtc");
        if (c.EndUtc is { Kind: DateTimeKind.Local } end) throw LocalError(end, paramName, $"closure '{c.Id}': EndUtc");
        if (c.NoticeUtc is { Kind: DateTimeKind.Local } notice) throw LocalError(notice, paramName, $"closure '{c.Id}': NoticeUtc");
    }

    /// <summary>Throws <see cref="ArgumentException"/> (named <paramref name="paramName"/>) for a closure that cannot be run.</summary>
    public static void Check(Closure c, string paramName)
    {
        CheckShape(c, paramName);
        CheckId(c.Id, "closure id", paramName);
        foreach (var id in c.AirspaceIds) CheckId(id, $"closure '{c.Id}': airspace id", paramName);
        foreach (var a in c.Airspaces) CheckId(a.Id, $"closure '{c.Id}': airspace id", paramName);
        foreach (var code in c.Airports) CheckId(code, $"closure '{c.Id}': airports item", paramName);
        if (c.EndUtc is { } e && e <= c.StartUtc)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"closure '{c.Id}': window ends {e:yyyy-MM-dd'T'HH:mm'Z'} at or before it starts {c.StartUtc:yyyy-MM-dd'T'HH:mm'Z'}"), paramName);
        if (c.NoticeUtc is { } n && n > c.StartUtc)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"closure '{c.Id}': notice {n:yyyy-MM-dd'T'HH:mm'Z'} is after the start {c.StartUtc:yyyy-MM-dd'T'HH:mm'Z'}"), paramName);
        if (!ParameterRanges.BufferNm.Contains(c.BufferNm)) throw new ArgumentException($"closure '{c.Id}': BufferNm {ParameterRanges.BufferNm.Outside(c.BufferNm)}", paramName);
        if (c.Airspaces.Count == 0 && c.AirspaceIds.Count > 0)
            throw new ArgumentException($"closure '{c.Id}': AirspaceIds ({string.Join(", ", c.AirspaceIds)}) without Airspaces; a closure made in code needs the airspaces themselves: ScenarioBuilder.Close(\"{string.Join(",", c.AirspaceIds)}\", ...) resolves the ids, or set Airspaces = [AirspaceCatalog.Bundled[id], ...]", paramName);
        if (c.Airspaces.Count == 0 && c.Airports.Count == 0) throw new ArgumentException($"closure '{c.Id}': give airspaces, polygons or airports", paramName);
        if (c.Airports.Count > 0 && !c.BansAirports)
            throw new ArgumentException($"closure '{c.Id}': names airports ({string.Join(", ", c.Airports)}) but bans only overflight; named airports are closed by an airport ban (Bans = Airports or Both)", paramName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> (named <paramref name="paramName"/>) for parameters outside the
    /// ranges the scenario reader and the sweep take (<see cref="ParameterRanges"/>, one table, the same words).</summary>
    public static void Check(ScenarioParameters p, string paramName)
    {
        var c = p.Cost ?? throw new ArgumentException("parameters: Cost is null; CostParameters.Defaults keeps the model's own figures", paramName);
        static void In(double? v, ParameterRange r, string paramName)
        {
            if (v is { } x && !r.Contains(x)) throw new ArgumentException($"parameters: {r.Json} {r.Outside(x)}", paramName);
        }
        In(c.FuelPriceUsdPerKg, ParameterRanges.FuelPriceUsdPerKg, paramName);
        In(c.Co2KgPerFuelKg, ParameterRanges.Co2KgPerFuelKg, paramName);
        In(c.HourlyCostUsd, ParameterRanges.HourlyCostUsd, paramName);
        In(c.ReserveMinutes, ParameterRanges.ReserveMinutes, paramName);
        In(c.LoadFactor, ParameterRanges.LoadFactor, paramName);
        In(c.WindFromDeg, ParameterRanges.WindFromDeg, paramName);
        In(c.WindKt, ParameterRanges.WindKt, paramName);
        In(c.CruiseSpeedFactor, ParameterRanges.CruiseSpeedFactor, paramName);
        In(p.TechStopGroundMinutes, ParameterRanges.TechStopGroundMinutes, paramName);
        if (p.BufferSweepNm is null) throw new ArgumentException("parameters: BufferSweepNm is null; give an empty list", paramName);
        for (int i = 0; i < p.BufferSweepNm.Count; i++)
            if (!ParameterRanges.BufferNm.Contains(p.BufferSweepNm[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"parameters: BufferSweepNm[{i}] {ParameterRanges.BufferNm.Outside(p.BufferSweepNm[i])}"), paramName);
    }

    // The reader's identifier rule (IdentifierText): built with a control character in an id, ScenarioJson.Write gave a
    // file that the reader refuses.
    private static void CheckEnds(string from, string to, string type, string airline, string state, string? paramName)
    {
        CheckId(from, "from", paramName); CheckId(to, "to", paramName); CheckId(type, "type", paramName);
        CheckId(airline, "airline", paramName); CheckId(state, "state", paramName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="text"/> breaks the identifier rule.</summary>
    public static void CheckId(string? text, string what, string? paramName = null)
    {
        if (Infrastructure.IdentifierText.Problem(text, what) is { } problem) throw new ArgumentException(problem, paramName);
    }
}
