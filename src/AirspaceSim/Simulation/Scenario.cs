using System.Globalization;
using AirspaceSim.Airspaces;

namespace AirspaceSim.Simulation;

/// <summary>Who a closure binds.</summary>
public enum ApplicabilityKind
{
    /// <summary>Every operator.</summary>
    Everyone,
    /// <summary>Operators whose state (ISO 3166-1 alpha-2) is listed.</summary>
    States,
    /// <summary>Airlines whose ICAO designator is listed.</summary>
    Airlines,
    /// <summary>Every operator except those whose state is listed.</summary>
    EveryoneExceptStates,
}

/// <summary>What a closure bans.</summary>
public enum ClosureBans
{
    /// <summary>Flight within the vertical band inside the lateral limits (plus buffer).</summary>
    Overflight,
    /// <summary>Departures and arrivals at airports inside the lateral limits (and at the named airports).</summary>
    Airports,
    /// <summary>Both (the default).</summary>
    Both,
}

/// <summary>To whom a closure applies: a kind and the codes it lists (upper-case; empty for everyone).</summary>
public sealed record Applicability
{
    private Applicability(ApplicabilityKind kind, IReadOnlyList<string> codes)
    {
        Kind = kind;
        Codes = codes;
    }

    /// <summary>The kind.</summary>
    public ApplicabilityKind Kind { get; }

    /// <summary>State or airline codes, upper-case, in input order; empty for <see cref="ApplicabilityKind.Everyone"/>.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>Binds every operator.</summary>
    public static Applicability Everyone { get; } = new(ApplicabilityKind.Everyone, []);

    /// <summary>Binds operators of these states (ISO 3166-1 alpha-2, e.g. <c>US</c>).</summary>
    public static Applicability States(params IEnumerable<string> states) => Make(ApplicabilityKind.States, states);

    /// <summary>Binds these airlines (ICAO designators, e.g. <c>AAL</c>).</summary>
    public static Applicability Airlines(params IEnumerable<string> airlines) => Make(ApplicabilityKind.Airlines, airlines);

    /// <summary>Binds every operator except those of these states.</summary>
    public static Applicability EveryoneExceptStates(params IEnumerable<string> states) => Make(ApplicabilityKind.EveryoneExceptStates, states);

    /// <summary>True if a flight of this airline and operator state is bound.</summary>
    public bool AppliesTo(string airline, string operatorState) => Kind switch
    {
        ApplicabilityKind.Everyone => true,
        ApplicabilityKind.States => Contains(operatorState),
        ApplicabilityKind.Airlines => Contains(airline),
        _ => !Contains(operatorState),
    };

    /// <summary>Structural equality (the code lists compared element by element).</summary>
    public bool Equals(Applicability? other) => other is not null && Kind == other.Kind && Codes.SequenceEqual(other.Codes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Codes.Count);

    private bool Contains(string code)
    {
        foreach (var c in Codes)
            if (string.Equals(c, code, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static Applicability Make(ApplicabilityKind kind, IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var list = codes.Select(c => (c ?? throw new ArgumentNullException(nameof(codes))).Trim().ToUpperInvariant()).ToArray();
        if (list.Length == 0) throw new ArgumentException($"{kind}: give at least one code", nameof(codes));
        if (list.Any(c => c.Length == 0)) throw new ArgumentException($"{kind}: empty code", nameof(codes));
        return new Applicability(kind, list);
    }
}

/// <summary>
/// A vertical band in flight levels: <see cref="LowerFl"/> inclusive, <see cref="UpperFl"/> exclusive (null = unlimited),
/// so "not below FL260" is the band SFC–FL260 and a flight at FL260 is outside it. SFC is level 0.
/// </summary>
public sealed record VerticalBand
{
    /// <summary>Creates a band.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative level, or lower not below upper.</exception>
    public VerticalBand(int lowerFl, int? upperFl)
    {
        if (lowerFl < 0) throw new ArgumentOutOfRangeException(nameof(lowerFl), lowerFl, "lower limit must be SFC (0) or a flight level ≥ 0");
        if (upperFl is { } u && u <= lowerFl)
            throw new ArgumentOutOfRangeException(nameof(upperFl), upperFl, $"upper limit FL{u} is not above the lower limit {Text(lowerFl)}");
        LowerFl = lowerFl;
        UpperFl = upperFl;
    }

    /// <summary>Surface to unlimited.</summary>
    public static VerticalBand All { get; } = new(0, null);

    /// <summary>Lower limit (inclusive) as a flight level; 0 is the surface.</summary>
    public int LowerFl { get; }

    /// <summary>Upper limit (exclusive) as a flight level; null is unlimited.</summary>
    public int? UpperFl { get; }

    /// <summary>True if a flight cruising at <paramref name="fl"/> is inside the band.</summary>
    public bool Contains(int fl) => fl >= LowerFl && (UpperFl is not { } u || fl < u);

    /// <summary>
    /// True if the band reaches any level from the surface to <paramref name="cruiseFl"/>: what a departure or arrival
    /// inside the lateral limits crosses.
    /// </summary>
    public bool ReachesBelowOrAt(int cruiseFl) => LowerFl <= cruiseFl;

    /// <summary>The band as text, e.g. <c>SFC–FL260</c>.</summary>
    public override string ToString() => $"{Text(LowerFl)}–{(UpperFl is { } u ? $"FL{u:D3}" : "UNL")}";

    internal static string Text(int fl) => fl == 0 ? "SFC" : $"FL{fl:D3}";
}

/// <summary>
/// A closure: lateral limits (catalog airspaces and/or inline polygons), a buffer, a vertical band, an active window in
/// UTC [start, end), the notice time, to whom it applies and what it bans. A closure that only names airports is an
/// airport closure.
/// </summary>
public sealed record Closure
{
    /// <summary>Identifier, unique in the scenario (e.g. <c>SVZM-2025</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Ids of catalog airspaces forming the lateral limits (resolved in <see cref="Airspaces"/>).</summary>
    public IReadOnlyList<string> AirspaceIds { get; init; } = [];

    /// <summary>The lateral limits: the catalog airspaces named by <see cref="AirspaceIds"/>, then inline polygons.</summary>
    public IReadOnlyList<Airspace> Airspaces { get; init; } = [];

    /// <summary>Airports closed by name (IATA or ICAO codes as given).</summary>
    public IReadOnlyList<string> Airports { get; init; } = [];

    /// <summary>Lateral buffer in nautical miles kept around the limits.</summary>
    public double BufferNm { get; init; }

    /// <summary>Vertical band (default surface to unlimited).</summary>
    public VerticalBand Band { get; init; } = VerticalBand.All;

    /// <summary>Start of the active window, UTC, inclusive.</summary>
    public required DateTime StartUtc { get; init; }

    /// <summary>End of the active window, UTC, exclusive; null = open-ended.</summary>
    public DateTime? EndUtc { get; init; }

    /// <summary>When the closure was announced (UTC); null means at <see cref="StartUtc"/>.</summary>
    public DateTime? NoticeUtc { get; init; }

    /// <summary>To whom it applies (default everyone).</summary>
    public Applicability AppliesTo { get; init; } = Applicability.Everyone;

    /// <summary>What it bans (default both).</summary>
    public ClosureBans Bans { get; init; } = ClosureBans.Both;

    /// <summary>Where the closure's facts come from (free text or a source id of the scenario).</summary>
    public string? Source { get; init; }

    /// <summary>The notice time in effect: <see cref="NoticeUtc"/> or the start.</summary>
    public DateTime EffectiveNoticeUtc => NoticeUtc ?? StartUtc;

    /// <summary>True if the closure is active at <paramref name="t"/> (UTC; start inclusive, end exclusive).</summary>
    /// <exception cref="ArgumentException"><paramref name="t"/> is a local time (<see cref="DateTimeKind.Local"/>).</exception>
    public bool IsActiveAt(DateTime t) => NotLocal(t, nameof(t)) >= StartUtc && (EndUtc is not { } e || t < e);

    /// <summary>True if the window meets the closed time interval [<paramref name="from"/>, <paramref name="to"/>] (UTC).</summary>
    /// <exception cref="ArgumentException">A local time (<see cref="DateTimeKind.Local"/>).</exception>
    public bool IsActiveDuring(DateTime from, DateTime to) =>
        NotLocal(to, nameof(to)) >= StartUtc && (EndUtc is not { } e || NotLocal(from, nameof(from)) < e);

    // DateTime compares ticks whatever the kind: a local time would be read as UTC, off by the machine's offset.
    private static DateTime NotLocal(DateTime t, string name) => t.Kind == DateTimeKind.Local
        ? throw new ArgumentException($"{name} is a local time (DateTimeKind.Local); give UTC, e.g. {name}.ToUniversalTime()", name)
        : t;

    /// <summary>True if the closure bans flight within its band.</summary>
    public bool BansOverflight => Bans is ClosureBans.Overflight or ClosureBans.Both;

    /// <summary>True if the closure bans departures and arrivals at airports inside its limits.</summary>
    public bool BansAirports => Bans is ClosureBans.Airports or ClosureBans.Both;

    /// <summary>Structural equality over every field (lists element by element, airspaces by id).</summary>
    public bool Equals(Closure? o) =>
        o is not null && Id == o.Id && AirspaceIds.SequenceEqual(o.AirspaceIds) &&
        Airspaces.Select(a => a.Id).SequenceEqual(o.Airspaces.Select(a => a.Id)) && Airports.SequenceEqual(o.Airports) &&
        BufferNm.Equals(o.BufferNm) && Band == o.Band && StartUtc == o.StartUtc && EndUtc == o.EndUtc &&
        NoticeUtc == o.NoticeUtc && AppliesTo == o.AppliesTo && Bans == o.Bans && Source == o.Source;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, StartUtc);
}

/// <summary>
/// One flight: id, origin and destination (airport codes or <c>LAT,LON</c>), scheduled departure (UTC), aircraft type
/// (ICAO designator), operator (ICAO airline designator and its ISO state), cruise level (null = the type's default).
/// </summary>
public sealed record Flight
{
    /// <summary>Identifier, e.g. <c>KL735-20251124</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Origin: IATA or ICAO code, or <c>LAT,LON</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Destination: IATA or ICAO code, or <c>LAT,LON</c>.</summary>
    public required string Destination { get; init; }

    /// <summary>Scheduled departure, UTC (taken as the take-off time).</summary>
    public required DateTime DepartureUtc { get; init; }

    /// <summary>ICAO aircraft type designator, e.g. <c>B38M</c>.</summary>
    public required string AircraftType { get; init; }

    /// <summary>ICAO airline designator, e.g. <c>KLM</c>.</summary>
    public required string Airline { get; init; }

    /// <summary>The operator's state, ISO 3166-1 alpha-2, e.g. <c>NL</c>.</summary>
    public required string OperatorState { get; init; }

    /// <summary>Cruise flight level; null = the type's default.</summary>
    public int? CruiseFl { get; init; }

    /// <summary>Where the flight's facts come from (free text or a source id of the scenario).</summary>
    public string? Source { get; init; }
}

/// <summary>
/// A route flown on a schedule over a date range: on the listed days of the week, or (when no days are given) a
/// weekly frequency spread over the week (see <see cref="ScheduleExpansion"/>).
/// </summary>
public sealed record ScheduledRoute
{
    /// <summary>Flight number or route label used in the flight ids, e.g. <c>KL735</c>; default airline+origin+destination.</summary>
    public string? FlightNumber { get; init; }

    /// <summary>Origin code or <c>LAT,LON</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Destination code or <c>LAT,LON</c>.</summary>
    public required string Destination { get; init; }

    /// <summary>Departure time of day, UTC.</summary>
    public required TimeOnly DepartureTimeUtc { get; init; }

    /// <summary>ICAO aircraft type designator.</summary>
    public required string AircraftType { get; init; }

    /// <summary>ICAO airline designator.</summary>
    public required string Airline { get; init; }

    /// <summary>Operator state, ISO 3166-1 alpha-2.</summary>
    public required string OperatorState { get; init; }

    /// <summary>Cruise flight level; null = the type's default.</summary>
    public int? CruiseFl { get; init; }

    /// <summary>Days of the week flown; empty = use <see cref="WeeklyFrequency"/>.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    /// <summary>Flights per week (1–7, or more than 7 for several a day) when <see cref="Days"/> is empty.</summary>
    public int? WeeklyFrequency { get; init; }

    /// <summary>First date flown (inclusive); null = the scenario period's first day.</summary>
    public DateOnly? FirstDate { get; init; }

    /// <summary>Last date flown (inclusive); null = the scenario period's last day.</summary>
    public DateOnly? LastDate { get; init; }

    /// <summary>Where the route's facts come from.</summary>
    public string? Source { get; init; }

    /// <summary>Structural equality (days element by element).</summary>
    public bool Equals(ScheduledRoute? o) =>
        o is not null && FlightNumber == o.FlightNumber && Origin == o.Origin && Destination == o.Destination &&
        DepartureTimeUtc == o.DepartureTimeUtc && AircraftType == o.AircraftType && Airline == o.Airline &&
        OperatorState == o.OperatorState && CruiseFl == o.CruiseFl && Days.SequenceEqual(o.Days) &&
        WeeklyFrequency == o.WeeklyFrequency && FirstDate == o.FirstDate && LastDate == o.LastDate && Source == o.Source;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Origin, Destination, DepartureTimeUtc);
}

/// <summary>
/// Parameters handed to the cost model; null = the model's own default. The wind is uniform: the direction it blows
/// from (degrees true) and its speed.
/// </summary>
public sealed record CostParameters
{
    /// <summary>Jet fuel price, US$ per kg.</summary>
    public double? FuelPriceUsdPerKg { get; init; }

    /// <summary>kg CO₂ per kg of fuel burnt (ICAO 3.16).</summary>
    public double? Co2KgPerFuelKg { get; init; }

    /// <summary>Time-related cost per block hour, US$ (crew, maintenance, ownership), for every type.</summary>
    public double? HourlyCostUsd { get; init; }

    /// <summary>Fuel reserve in minutes of holding.</summary>
    public double? ReserveMinutes { get; init; }

    /// <summary>Passenger load factor, 0–1.</summary>
    public double? LoadFactor { get; init; }

    /// <summary>Direction the uniform wind blows from, degrees true.</summary>
    public double? WindFromDeg { get; init; }

    /// <summary>Uniform wind speed in knots.</summary>
    public double? WindKt { get; init; }

    /// <summary>Factor on every type's cruise Mach (and so its airspeed), 0.5–1.5; null = 1. The cost model caps the
    /// Mach at the type's maximum operating Mach (MMO).</summary>
    public double? CruiseSpeedFactor { get; init; }

    /// <summary>A wind field that replaces the uniform wind (set by the realism layer).</summary>
    public Weather.WindField? WindField { get; init; }

    /// <summary>Flown over great-circle distance (set by the realism layer); null = 1.</summary>
    public double? RouteEfficiencyFactor { get; init; }

    /// <summary>No overrides: every figure is the model's default.</summary>
    public static CostParameters Defaults { get; } = new();
}

/// <summary>Simulation parameters: the cost model's and the simulator's own.</summary>
public sealed record ScenarioParameters
{
    /// <summary>Parameters passed to the cost model.</summary>
    public CostParameters Cost { get; init; } = CostParameters.Defaults;

    /// <summary>Ground time at a technical stop, minutes (default 60; an assumption, not a published figure).</summary>
    public double TechStopGroundMinutes { get; init; } = 60;

    /// <summary>
    /// Buffers in NM to sweep: when not empty, the scenario is run once per value with every closure's buffer set to
    /// it (<see cref="WhatIfSimulator.RunSweep(Scenario, SimulationOptions)"/>).
    /// </summary>
    public IReadOnlyList<double> BufferSweepNm { get; init; } = [];

    /// <summary>Structural equality.</summary>
    public bool Equals(ScenarioParameters? o) =>
        o is not null && Cost == o.Cost && TechStopGroundMinutes.Equals(o.TechStopGroundMinutes) && BufferSweepNm.SequenceEqual(o.BufferSweepNm);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Cost, TechStopGroundMinutes);
}

/// <summary>A published fact a scenario relies on.</summary>
/// <param name="Id">Short id other entries refer to (e.g. <c>faa-2025-11-21</c>).</param>
/// <param name="Title">What it says.</param>
/// <param name="Url">Where it was published; null if none.</param>
public sealed record ScenarioSource(string Id, string Title, string? Url);

/// <summary>
/// A what-if scenario: closures, flights (explicit and from scheduled routes) and parameters, with the sources and the
/// assumptions it rests on. Immutable; build it with <see cref="ScenarioBuilder"/> or read it with
/// <see cref="ScenarioJson"/>.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name, e.g. <c>svzm-2025-11</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario models.</summary>
    public string? Description { get; init; }

    /// <summary>The closures.</summary>
    public IReadOnlyList<Closure> Closures { get; init; } = [];

    /// <summary>Flights listed one by one.</summary>
    public IReadOnlyList<Flight> Flights { get; init; } = [];

    /// <summary>Scheduled routes, expanded over <see cref="PeriodStart"/>–<see cref="PeriodEnd"/> (or their own dates).</summary>
    public IReadOnlyList<ScheduledRoute> Routes { get; init; } = [];

    /// <summary>First day of the schedule period (inclusive).</summary>
    public DateOnly? PeriodStart { get; init; }

    /// <summary>Last day of the schedule period (inclusive).</summary>
    public DateOnly? PeriodEnd { get; init; }

    /// <summary>Parameters.</summary>
    public ScenarioParameters Parameters { get; init; } = new();

    /// <summary>Published sources.</summary>
    public IReadOnlyList<ScenarioSource> Sources { get; init; } = [];

    /// <summary>Stated assumptions (what could not be found published).</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Distributions of uncertain inputs for a Monte Carlo run (<see cref="MonteCarlo"/>); empty by default.</summary>
    public ScenarioUncertainty Uncertainty { get; init; } = ScenarioUncertainty.None;

    /// <summary>The realism layer (border margin, route efficiency, wind), or null for the geometric lower bound.</summary>
    public Routing.RealismOptions? Realism { get; init; }

    /// <summary>Every flight: the listed ones, then the scheduled routes expanded in order.</summary>
    public IReadOnlyList<Flight> AllFlights() => [.. Flights, .. ScheduleExpansion.Expand(Routes, PeriodStart, PeriodEnd, Flights)];

    /// <summary>Structural equality over every field.</summary>
    public bool Equals(Scenario? o) =>
        o is not null && Name == o.Name && Description == o.Description && Closures.SequenceEqual(o.Closures) &&
        Flights.SequenceEqual(o.Flights) && Routes.SequenceEqual(o.Routes) && PeriodStart == o.PeriodStart &&
        PeriodEnd == o.PeriodEnd && Parameters == o.Parameters && Sources.SequenceEqual(o.Sources) &&
        Assumptions.SequenceEqual(o.Assumptions) && Uncertainty == o.Uncertainty &&
        Realism == o.Realism;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Closures.Count, Flights.Count);
}

/// <summary>Expands scheduled routes into flights.</summary>
internal static class ScheduleExpansion
{
    /// <summary>
    /// The flights of <paramref name="routes"/> over their dates, route by route, in date order. With days of the week,
    /// every date on those days; with a weekly frequency f ≤ 7, the days at indices ⌊k·7/f⌋ (k = 0..f−1) counted from
    /// Monday (3/week = Mon, Wed, Fri; an assumption when the published days are unknown); with f &gt; 7, ⌊f/7⌋ or
    /// ⌈f/7⌉ departures a day, spaced 24/n hours from the departure time, spread so the week totals f.
    /// Flight ids are <c>NUMBER-YYYYMMDD</c> (with <c>-2</c>, <c>-3</c>... for a second departure the same day); an id
    /// already taken, by a listed flight or an earlier route's flight, gets <c>-rK</c> for route K (1-based), so that
    /// every flight has its own id: two services of one airline and city pair without a flight number, or of one
    /// number at two times, were rows with the same id, told apart only by their departure.
    /// </summary>
    /// <exception cref="ArgumentException">A route without dates (and no period), or with neither days nor frequency.</exception>
    public static IReadOnlyList<Flight> Expand(IReadOnlyList<ScheduledRoute> routes, DateOnly? periodStart, DateOnly? periodEnd, IReadOnlyList<Flight> listed)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(listed);
        var list = new List<Flight>();
        if (routes.Count == 0) return list;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in listed) taken.Add(f.Id);
        for (int ri = 0; ri < routes.Count; ri++)
        {
            var r = routes[ri];
            var first = r.FirstDate ?? periodStart ?? throw new ArgumentException($"route {r.Origin}-{r.Destination}: no first date and no scenario period");
            var last = r.LastDate ?? periodEnd ?? throw new ArgumentException($"route {r.Origin}-{r.Destination}: no last date and no scenario period");
            string number = r.FlightNumber ?? $"{r.Airline}-{r.Origin}-{r.Destination}";
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                int n = DeparturesOn(r, d.DayOfWeek);
                for (int k = 0; k < n; k++)
                {
                    var dep = d.ToDateTime(r.DepartureTimeUtc, DateTimeKind.Utc).AddHours(24.0 * k / n);
                    // Invariant: under a culture with another calendar (ar-SA, fa-IR) yyyyMMdd gave 14470603 for 2025-11-24.
                    string id = number + "-" + d.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (k > 0 ? "-" + (k + 1).ToString(CultureInfo.InvariantCulture) : "");
                    if (!taken.Add(id))
                    {
                        string withRoute = $"{id}-r{ri + 1}";
                        id = withRoute;
                        for (int again = 2; !taken.Add(id); again++) id = $"{withRoute}-{again}";
                    }
                    list.Add(new Flight
                    {
                        Id = id,
                        Origin = r.Origin, Destination = r.Destination, DepartureUtc = dep, AircraftType = r.AircraftType,
                        Airline = r.Airline, OperatorState = r.OperatorState, CruiseFl = r.CruiseFl, Source = r.Source,
                    });
                }
            }
        }
        return list;
    }

    private static int DeparturesOn(ScheduledRoute r, DayOfWeek day)
    {
        if (r.Days.Count > 0) return r.Days.Contains(day) ? 1 : 0;
        int f = r.WeeklyFrequency ?? throw new ArgumentException($"route {r.Origin}-{r.Destination}: give days or a weekly frequency");
        if (f <= 0) throw new ArgumentException($"route {r.Origin}-{r.Destination}: weekly frequency {f} is not ≥ 1");
        int index = ((int)day + 6) % 7; // Monday = 0
        // Day i gets the departures k with ⌊k·7/f⌋ = i: the same spread for f ≤ 7 and for several a day.
        int count = 0;
        for (int k = 0; k < f; k++)
            if (k * 7 / f == index) count++;
        return count;
    }
}
