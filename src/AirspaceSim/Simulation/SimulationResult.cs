using AirspaceSim.Infrastructure;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Simulation;

/// <summary>What happened to a flight.</summary>
public enum FlightOutcome
{
    /// <summary>No closure bound it: it flies its direct route.</summary>
    Unaffected,
    /// <summary>Planned before departure around the closures that bind it.</summary>
    Rerouted,
    /// <summary>Airborne when a closure was announced: rerouted from its position at the notice time.</summary>
    ReroutedInFlight,
    /// <summary>Airborne when its destination closed to it: flew to the nearest open airport.</summary>
    Diverted,
    /// <summary>Origin or destination closed to it when it would depart or arrive, or no route exists.</summary>
    Cancelled,
    /// <summary>The route is longer than the type's range with reserves.</summary>
    NeedsTechStop,
    /// <summary>The flight could not be simulated (unknown type or airport).</summary>
    Error,
}

/// <summary>Why a flight has its outcome, as a code (beside the words).</summary>
public enum OutcomeReason
{
    /// <summary>No closure applies to it along its route at the times it would be there.</summary>
    NotBound,
    /// <summary>Closures on its route bind it; it flies around them.</summary>
    OverflightBanned,
    /// <summary>A closure announced while airborne binds the rest of its route.</summary>
    ClosedWhileAirborne,
    /// <summary>Its destination closed to it while airborne.</summary>
    DestinationClosedWhileAirborne,
    /// <summary>Its origin is closed to it at departure.</summary>
    OriginClosed,
    /// <summary>Its destination is closed to it at arrival.</summary>
    DestinationClosed,
    /// <summary>No route around the closures exists (an end is enclosed).</summary>
    NoRoute,
    /// <summary>The route exceeds the type's range with reserves.</summary>
    BeyondRange,
    /// <summary>Unknown aircraft type.</summary>
    UnknownAircraftType,
    /// <summary>Unknown airport or bad position.</summary>
    UnknownAirport,
    /// <summary>Anything else that stopped the flight from being simulated.</summary>
    Failed,
}

/// <summary>How a flight's route was chosen.</summary>
public enum RouteChoice
{
    /// <summary>The shortest route around the closures (the default).</summary>
    Distance,
    /// <summary>The fastest route in the wind over the same visibility graph (the realism layer, wind-optimal).</summary>
    Time,
}

/// <summary>The result for one flight. Extras are against the route it would have flown with no closure (direct),
/// rounded as written (km, minutes and kg to 0.1, US$ to 0.01) so that totals are their exact sums.</summary>
public sealed record FlightResult
{
    /// <summary>The flight.</summary>
    public required Flight Flight { get; init; }

    /// <summary>Display code of the origin (or the coordinate text).</summary>
    public required string From { get; init; }

    /// <summary>Display code of the destination.</summary>
    public required string To { get; init; }

    /// <summary>Outcome.</summary>
    public required FlightOutcome Outcome { get; init; }

    /// <summary>Reason code.</summary>
    public required OutcomeReason ReasonCode { get; init; }

    /// <summary>Reason in words.</summary>
    public required string Reason
    {
        get => _rare.Value.Reason;
        // The unaffected flight's words (the out-of-line default) leave the result without an out-of-line part.
        init { if (!string.Equals(value, _rare.Value.Reason, StringComparison.Ordinal)) _rare = new(_rare.Value with { Reason = value }); }
    }

    /// <summary>Ids of the closures that bound it.</summary>
    public IReadOnlyList<string> BoundBy
    {
        get => _rare.Value.BoundBy;
        init { if (!ReferenceEquals(value, _rare.Value.BoundBy)) _rare = new(_rare.Value with { BoundBy = value }); }
    }

    /// <summary>Cruise level used.</summary>
    public int? CruiseFl
    {
        get => (_has & Has.CruiseFl) != 0 ? _cruiseFl : null;
        init { _cruiseFl = value ?? 0; _has = value is null ? _has & ~Has.CruiseFl : _has | Has.CruiseFl; }
    }

    /// <summary>WGS84 length of the direct route, km; null when the flight could not be resolved.</summary>
    public double? DirectKm
    {
        get => (_has & Has.DirectKm) != 0 ? _directKm : null;
        init { _directKm = value ?? 0; _has = value is null ? _has & ~Has.DirectKm : _has | Has.DirectKm; }
    }

    /// <summary>WGS84 length of the flown route, km; null when not flown.</summary>
    public double? RouteKm
    {
        get => (_has & Has.RouteKm) != 0 ? _routeKm : null;
        init { _routeKm = value ?? 0; _has = value is null ? _has & ~Has.RouteKm : _has | Has.RouteKm; }
    }

    /// <summary>The flown path: origin, turning points (and the in-flight position or the tech stop), last airport.</summary>
    /// <remarks>For a flight that flies its direct route (most of a network run) the two ends are held in the result and
    /// this list is made when read (an equal new list at each read).</remarks>
    public IReadOnlyList<GeoPoint> Waypoints
    {
        get => _waypoints ?? ((_has & Has.DirectPath) != 0 ? new[] { _end0, _end1 } : Array.Empty<GeoPoint>());
        init { _waypoints = value; _end0 = _end1 = default; _has &= ~Has.DirectPath; }
    }

    // The direct route's two ends as the waypoints (what Waypoints then reads), without a list per result: set by the
    // simulator for a flight flying its direct route. Replaces any waypoints set before (and Waypoints replaces it).
    internal (GeoPoint From, GeoPoint To) DirectPath
    {
        init { _waypoints = null; (_end0, _end1) = value; _has |= Has.DirectPath; }
    }

    /// <summary>Diversion airport or technical stop (display code), when there is one.</summary>
    public string? Alternate { get => _rare.Value.Alternate; init => _rare = new(_rare.Value with { Alternate = value }); }

    /// <summary>Extra km over the direct route (0.1 km).</summary>
    public decimal ExtraKm { get => _rare.Value.ExtraKm; init => _rare = new(_rare.Value with { ExtraKm = value }); }

    /// <summary>Extra block minutes (0.1 min).</summary>
    public decimal ExtraMinutes { get => _rare.Value.ExtraMinutes; init => _rare = new(_rare.Value with { ExtraMinutes = value }); }

    /// <summary>Extra fuel, kg (0.1 kg).</summary>
    public decimal ExtraFuelKg { get => _rare.Value.ExtraFuelKg; init => _rare = new(_rare.Value with { ExtraFuelKg = value }); }

    /// <summary>Extra CO₂, kg (0.1 kg).</summary>
    public decimal ExtraCo2Kg { get => _rare.Value.ExtraCo2Kg; init => _rare = new(_rare.Value with { ExtraCo2Kg = value }); }

    /// <summary>Extra cost, US$ (0.01).</summary>
    public decimal ExtraCostUsd { get => _rare.Value.ExtraCostUsd; init => _rare = new(_rare.Value with { ExtraCostUsd = value }); }

    /// <summary>Where the aircraft was when rerouted in flight; null otherwise.</summary>
    public GeoPoint? InFlightPosition { get => _rare.Value.InFlightPosition; init => _rare = new(_rare.Value with { InFlightPosition = value }); }

    /// <summary>Time of the in-flight reroute or diversion (the notice time); null otherwise.</summary>
    public DateTime? InFlightAtUtc { get => _rare.Value.InFlightAtUtc; init => _rare = new(_rare.Value with { InFlightAtUtc = value }); }

    /// <summary>Scheduled (or, when rerouted, expected) arrival, UTC; null when not flown.</summary>
    public DateTime? ArrivalUtc
    {
        get => (_has & Has.ArrivalUtc) != 0 ? _arrivalUtc : null;
        init { _arrivalUtc = value ?? default; _has = value is null ? _has & ~Has.ArrivalUtc : _has | Has.ArrivalUtc; }
    }

    /// <summary><see cref="RouteChoice.Time"/> for a flight rerouted before departure whose route was chosen by flight
    /// time (the realism layer with a wind, wind-optimal); null otherwise (chosen by distance).</summary>
    public RouteChoice? ChosenBy { get => _rare.Value.ChosenBy; init => _rare = new(_rare.Value with { ChosenBy = value }); }

    /// <summary>With <see cref="ChosenBy"/> = time: the shortest route's extra km over the direct route (0.1 km).</summary>
    public decimal? ShortestExtraKm { get => _rare.Value.ShortestExtraKm; init => _rare = new(_rare.Value with { ShortestExtraKm = value }); }

    /// <summary>With <see cref="ChosenBy"/> = time: the shortest route's extra block minutes in the same wind (0.1 min).</summary>
    public decimal? ShortestExtraMinutes { get => _rare.Value.ShortestExtraMinutes; init => _rare = new(_rare.Value with { ShortestExtraMinutes = value }); }

    /// <summary>With <see cref="ChosenBy"/> = time: block minutes that the fastest route saves over the shortest one
    /// in the same wind (0.1 min; 0 when they are the same route).</summary>
    public decimal? MinutesSavedByTime { get => _rare.Value.MinutesSavedByTime; init => _rare = new(_rare.Value with { MinutesSavedByTime = value }); }

    // The in-line fields that are nullable, each as its value and a bit of _has (a double? or a DateTime? is 16 bytes, an
    // int? 8); an unset one holds its default value, so the record's field-by-field equality still means equality of
    // the properties. The direct route's ends stand for the waypoints' list when Has.DirectPath is set (then _waypoints
    // is null). With the fields kept out of line (below), a result of a flight on its direct route is one object of
    // 128 bytes (benchmarks/process/whatif-alloc-probe.cs), where it was a 144-byte result and a 56-byte array: half the objects a network run keeps alive until
    // its end, which a collection during the run has to mark and copy (docs/performance.md, "What-if on 2 threads").
    [Flags]
    private enum Has : byte { CruiseFl = 1, DirectKm = 2, RouteKm = 4, ArrivalUtc = 8, DirectPath = 16 }

    private readonly Has _has;
    private readonly int _cruiseFl;
    private readonly double _directKm, _routeKm;
    private readonly DateTime _arrivalUtc;
    private readonly GeoPoint _end0, _end1;
    private readonly IReadOnlyList<GeoPoint>? _waypoints;

    // Out-of-line fields set together, one new out-of-line part for each group instead of one per field (each init of an
    // out-of-line field copies the whole part): the simulator's affected flights set these groups.
    internal (string Reason, IReadOnlyList<string> BoundBy) Why
    {
        init => _rare = new(_rare.Value with { Reason = value.Reason, BoundBy = value.BoundBy });
    }

    internal (GeoPoint? Position, DateTime? AtUtc) InFlight
    {
        init => _rare = new(_rare.Value with { InFlightPosition = value.Position, InFlightAtUtc = value.AtUtc });
    }

    internal (decimal Km, decimal Minutes, decimal FuelKg, decimal Co2Kg, decimal CostUsd) Extras
    {
        init => _rare = new(_rare.Value with { ExtraKm = value.Km, ExtraMinutes = value.Minutes, ExtraFuelKg = value.FuelKg, ExtraCo2Kg = value.Co2Kg, ExtraCostUsd = value.CostUsd });
    }

    // The reason in words of a flight no closure binds: the default of Reason out of line (the simulator gives it to every
    // unaffected flight, so that their results hold no out-of-line part).
    internal const string NotBoundReason = "no closure binds it";

    // Whether any of the fields kept out of line was set (else each is its default: zero extras with default(decimal)'s
    // bits, nulls). Totals.Of skips such a flight without reading its extras.
    internal bool HasRare => _rare.IsSet;

    // The fields that most flights leave at their defaults (an unaffected flight, most of a network run, sets none of
    // them), kept out of line: a result was 144 bytes instead of 336 (before the packing above), which more than halves what a run allocates for its
    // results and what a collection during the run copies. Each init makes a new Rare (`with` shares the original's, so
    // it is never changed in place); only rerouted, diverted and stopping flights set any.
    private readonly RareRef _rare;

    private sealed record Rare
    {
        public static readonly Rare Empty = new();
        public string Reason { get; init; } = NotBoundReason;
        public IReadOnlyList<string> BoundBy { get; init; } = [];
        public string? Alternate { get; init; }
        public decimal ExtraKm { get; init; }
        public decimal ExtraMinutes { get; init; }
        public decimal ExtraFuelKg { get; init; }
        public decimal ExtraCo2Kg { get; init; }
        public decimal ExtraCostUsd { get; init; }
        public GeoPoint? InFlightPosition { get; init; }
        public DateTime? InFlightAtUtc { get; init; }
        public RouteChoice? ChosenBy { get; init; }
        public decimal? ShortestExtraKm { get; init; }
        public decimal? ShortestExtraMinutes { get; init; }
        public decimal? MinutesSavedByTime { get; init; }
    }

    // The reference to the out-of-line fields, with the record's equality over their values: none set equals all set to
    // their defaults, field by field as the record compares its own fields (EqualityComparer<T>.Default), so Equals and
    // GetHashCode mean what they meant with the fields in line.
    private readonly struct RareRef(Rare value) : IEquatable<RareRef>
    {
        private readonly Rare? _value = value;
        public Rare Value => _value ?? Rare.Empty;
        public bool IsSet => _value is not null;
        public bool Equals(RareRef other) => Value.Equals(other.Value);
        public override bool Equals(object? obj) => obj is RareRef other && Equals(other);
        public override int GetHashCode() => Value.GetHashCode();
    }
}

/// <summary>Counts and extras summed over a set of flights.</summary>
public sealed record Totals
{
    /// <summary>Flights.</summary>
    public int Flights { get; init; }

    /// <summary>Flights per outcome (every outcome present, zero when none).</summary>
    public required IReadOnlyDictionary<FlightOutcome, int> ByOutcome { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Sum of extra km.</summary>
    public decimal ExtraKm { get; init; }

    /// <summary>Sum of extra minutes.</summary>
    public decimal ExtraMinutes { get; init; }

    /// <summary>Sum of extra fuel, kg.</summary>
    public decimal ExtraFuelKg { get; init; }

    /// <summary>Sum of extra CO₂, kg.</summary>
    public decimal ExtraCo2Kg { get; init; }

    /// <summary>Sum of extra cost, US$.</summary>
    public decimal ExtraCostUsd { get; init; }

    /// <summary>Sum of <see cref="FlightResult.MinutesSavedByTime"/> over the flights that have it; null when none has.</summary>
    public decimal? MinutesSavedByTime { get; init; }

    private const int OutcomeCount = (int)FlightOutcome.Error + 1; // the outcomes are 0 .. Error

    // The bits of default(decimal): zero, scale 0, no sign.
    private static bool PlainZero(decimal v)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(v, bits);
        return (bits[0] | bits[1] | bits[2] | bits[3]) == 0;
    }

    /// <summary>The totals of <paramref name="flights"/>: exact sums of their (rounded) figures.</summary>
    public static Totals Of(IEnumerable<FlightResult> flights)
    {
        var counts = Enum.GetValues<FlightOutcome>().ToDictionary(o => o, _ => 0);
        int n = 0; decimal km = 0, min = 0, fuel = 0, co2 = 0, usd = 0;
        decimal? saved = null;
        // Counted by index for the defined outcomes (one array slot instead of two dictionary look-ups per flight), added to
        // the dictionary at the end; any other value goes to the dictionary, which has no such key and throws as before.
        Span<int> byIndex = stackalloc int[OutcomeCount];
        foreach (var f in flights)
        {
            n++;
            if ((uint)f.Outcome < (uint)OutcomeCount) byIndex[(int)f.Outcome]++;
            else counts[f.Outcome]++;
            // A flight without extras (most of a network run) adds nothing: x + 0 with the default zero's bits (scale 0,
            // positive) is x, bits and scale included, so skipping it keeps every sum exactly as it is; a flight that set
            // none of the out-of-line fields has exactly those (and no minutes saved).
            if (f.HasRare && !(PlainZero(f.ExtraKm) && PlainZero(f.ExtraMinutes) && PlainZero(f.ExtraFuelKg) && PlainZero(f.ExtraCo2Kg) && PlainZero(f.ExtraCostUsd)))
            {
                km += f.ExtraKm; min += f.ExtraMinutes; fuel += f.ExtraFuelKg; co2 += f.ExtraCo2Kg; usd += f.ExtraCostUsd;
            }
            if (f.HasRare && f.MinutesSavedByTime is { } s) saved = (saved ?? 0) + s;
        }
        for (int o = 0; o < OutcomeCount; o++) counts[(FlightOutcome)o] += byIndex[o];
        return new Totals { Flights = n, ByOutcome = counts, ExtraKm = km, ExtraMinutes = min, ExtraFuelKg = fuel, ExtraCo2Kg = co2, ExtraCostUsd = usd, MinutesSavedByTime = saved };
    }
}

/// <summary>How results are grouped.</summary>
public enum GroupBy
{
    /// <summary>By origin–destination, e.g. <c>AMS-CUR</c>.</summary>
    Route,
    /// <summary>By airline.</summary>
    Operator,
    /// <summary>By airport: each flight counts at its origin and at its destination.</summary>
    Airport,
    /// <summary>By binding closure: each flight counts under each closure that bound it (unbound flights under none).</summary>
    Closure,
    /// <summary>By departure date (UTC).</summary>
    Day,
    /// <summary>By ISO 8601 week of departure, e.g. <c>2025-W48</c>.</summary>
    Week,
}

/// <summary>The result of a what-if run.</summary>
public sealed record SimulationResult
{
    /// <summary>The scenario run (with the buffer of this run when swept).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>One result per flight, in the scenario's order.</summary>
    public required IReadOnlyList<FlightResult> Flights { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Totals over all flights.</summary>
    public required Totals Totals { get; init; }

    /// <summary>Name of the cost model used.</summary>
    public required string CostModel { get; init; }

    /// <summary>The cost model's and the simulator's assumptions.</summary>
    public required IReadOnlyList<string> Assumptions { get; init => field = ReadOnlyLists.Of(value); }

    /// <summary>Number of distinct planners built (one per active closure set and buffer).</summary>
    public int PlannersBuilt { get; init; }

    /// <summary>Flights whose outcome is <see cref="FlightOutcome.Error"/>.</summary>
    public int Errors => Totals.ByOutcome[FlightOutcome.Error];

    /// <summary>Totals per group key, keys in ordinal order.</summary>
    public IReadOnlyList<(string Key, Totals Totals)> Group(GroupBy by)
    {
        // An undefined value matched no key and gave no groups, which read as "no flights".
        if (!Enum.IsDefined(by)) throw new ArgumentOutOfRangeException(nameof(by), by, "not a GroupBy: Route, Operator, Airport, Closure, Day or Week");
        var map = new SortedDictionary<string, List<FlightResult>>(StringComparer.Ordinal);
        foreach (var f in Flights)
            foreach (var key in Keys(f, by))
            {
                if (!map.TryGetValue(key, out var list)) map[key] = list = [];
                list.Add(f);
            }
        return map.Select(kv => (kv.Key, Totals.Of(kv.Value))).ToList();
    }

    private static IEnumerable<string> Keys(FlightResult f, GroupBy by)
    {
        switch (by)
        {
            case GroupBy.Route: yield return $"{f.From}-{f.To}"; break;
            case GroupBy.Operator: yield return f.Flight.Airline; break;
            case GroupBy.Airport:
                yield return f.From;
                if (f.To != f.From) yield return f.To;
                break;
            case GroupBy.Closure:
                foreach (var c in f.BoundBy) yield return c;
                break;
            case GroupBy.Day: yield return f.Flight.DepartureUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); break;
            default:
                var d = f.Flight.DepartureUtc;
                yield return $"{System.Globalization.ISOWeek.GetYear(d):D4}-W{System.Globalization.ISOWeek.GetWeekOfYear(d):D2}";
                break;
        }
    }
}

/// <summary>Progress of a run: flights done of the total.</summary>
/// <param name="Done">Flights simulated so far.</param>
/// <param name="Total">Flights in the run.</param>
public readonly record struct SimulationProgress(int Done, int Total);

/// <summary>
/// Reports from parallel workers, one at a time and never behind the last: two workers could report at once, and the
/// later count first, so a handler saw <see cref="SimulationProgress.Done"/> go back and had to be thread-safe.
/// </summary>
internal sealed class SerialProgress(IProgress<SimulationProgress>? inner, int total)
{
    private readonly object _gate = new();
    private int _reported;

    /// <summary>Reports <paramref name="done"/> unless a larger count was reported already (the final total is the largest).</summary>
    public void Report(int done)
    {
        if (inner is null) return;
        lock (_gate)
        {
            if (done <= _reported) return;
            _reported = done;
            inner.Report(new SimulationProgress(done, total));
        }
    }
}
