using System.Collections.Concurrent;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;
using AirspaceSim.Performance;
using AirspaceSim.Routing;

namespace AirspaceSim.Simulation;

/// <summary>
/// The technical-stop search for a flown route beyond its type's range: the planner of the two legs (around the
/// closures, so an airport inside one has no leg and is not open) and the airports that may serve as the stop.
/// Immutable and thread-safe (as its planner).
/// </summary>
/// <param name="Planner">Plans each leg; its closures and buffer are the route's.</param>
/// <param name="Candidates">The airports that may serve as the stop, in a fixed order (ties keep it).</param>
public sealed record TechStopSearch(DetourPlanner Planner, IReadOnlyList<Airport> Candidates)
{
    private static readonly TechStop Fits = new(false, null, null, null, null, "the flown route fits the range");

    /// <summary>The search over the large and medium airports of <paramref name="airports"/>
    /// (<see cref="WhatIfSimulator.DefaultAlternates"/>, as the what-if simulator's stops), legs planned by <paramref name="planner"/>.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static TechStopSearch Default(DetourPlanner planner, AirportDirectory airports)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(airports);
        // Listed when a search first needs them, not here: a route that fits its range never does, and listing them makes
        // the lazily read bundled directory parse all its rows (8 ms of a Native AOT `route AMS CUR --type A20N`).
        return new(planner, new Deferred(() => WhatIfSimulator.DefaultAlternates(airports).ToArray()));
    }

    /// <summary>A list made on first use, once (thread-safe).</summary>
    private sealed class Deferred(Func<Airport[]> make) : IReadOnlyList<Airport>
    {
        private readonly Lazy<Airport[]> _items = new(make, LazyThreadSafetyMode.ExecutionAndPublication);

        public Airport this[int index] => _items.Value[index];

        public int Count => _items.Value.Length;

        public IEnumerator<Airport> GetEnumerator() => ((IEnumerable<Airport>)_items.Value).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Whether the flown route of <paramref name="plan"/> fits the type's range and, when it does not, the technical
    /// stop: the candidate (neither end of the route) that minimises the two legs' length, each leg planned by
    /// <see cref="Planner"/> and fitting the range under <paramref name="conditions"/>
    /// (<see cref="FlightCostModel.FindTechStop(AircraftType, IReadOnlyList{GeoPoint}, IEnumerable{Airport}, FlightConditions, Func{GeoPoint, GeoPoint, IReadOnlyList{GeoPoint}})"/>);
    /// a stop whose <see cref="TechStop.Stop"/> is null when no candidate works.
    /// </summary>
    /// <param name="model">The cost model that costed <paramref name="cost"/>; it costs the legs.</param>
    /// <param name="type">The aircraft type.</param>
    /// <param name="conditions">The conditions of the flight and of both legs.</param>
    /// <param name="plan">The planned route (not unreachable).</param>
    /// <param name="cost">The route's cost under the same model, type and conditions: its flown estimate decides
    /// whether a stop is needed, without costing the route again.</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public TechStop Find(FlightCostModel model, AircraftType type, FlightConditions conditions, RoutePlan plan, DetourCost cost)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(cost);
        if (cost.Flown.FitsRange) return Fits;
        GeoPoint from = plan.Waypoints[0], to = plan.Waypoints[^1];
        var candidates = Candidates.Where(a => a.Location != from && a.Location != to);
        return model.FindTechStop(type, plan.Waypoints, candidates, conditions, (p, q) =>
        {
            try { return Planner.Plan(p, q) is { Status: not RouteStatus.Unreachable } leg ? leg.Waypoints : null; }
            catch (ArgumentException) { return null; } // antipodal ends: no unique leg
        });
    }
}

/// <summary>How <see cref="BatchCosting"/> costs the rows of a batch.</summary>
public sealed record BatchCostingOptions
{
    /// <summary>The type of a row without a <see cref="RouteListRow.AircraftType"/> of its own; null: such a row is not costed.</summary>
    public AircraftType? DefaultType { get; init; }

    /// <summary>The conditions of every row (wind or wind field, ISA deviation, cruise level, payload).</summary>
    public FlightConditions Conditions { get; init; } = FlightConditions.Default;

    /// <summary>Costs every row and its technical-stop legs.</summary>
    public FlightCostModel CostModel { get; init; } = FlightCostModel.Default;

    /// <summary>Where the rows' type designators are looked up.</summary>
    public AircraftCatalog Catalog { get; init; } = AircraftCatalog.Bundled;

    /// <summary>How <see cref="Catalog"/> is named in the message of an unknown type ("one of the N types of ...").</summary>
    public string CatalogName { get; init; } = "the aircraft catalog";

    /// <summary>The technical-stop search, giving every costed row its <see cref="BatchRowCost.Range"/>; null for none
    /// (the search plans up to a few legs per row beyond range: the costliest part of costing a batch). With it, a row
    /// beyond range is costed through its stops (<see cref="BatchRowCost"/>); without it, non-stop.</summary>
    public TechStopSearch? TechStops { get; init; }

    /// <summary>Minutes on the ground at a technical stop, in [0, 1440]: counted in the block minutes of a route through
    /// one, not in its cost, as the what-if simulator counts <see cref="ScenarioParameters.TechStopGroundMinutes"/>
    /// (whose default, 60, is this one's).</summary>
    public double TechStopGroundMinutes { get; init; } = 60;
}

/// <summary>The figures of a costed batch row.</summary>
/// <remarks>
/// The extras are against the route the flight would fly with no closure, as the what-if simulator's are
/// (docs/simulator.md): <see cref="DetourCost.Direct"/> is the direct route, or, when that is beyond the type's range
/// and a stop serves with no closure, the two legs through that stop (<see cref="NoClosureStop"/>); and
/// <see cref="DetourCost.Flown"/> is the planned route, or, when that is beyond the range and a stop serves, the two
/// legs through <see cref="Range"/>'s stop. A route through a stop sums its legs' figures and adds
/// <see cref="BatchCostingOptions.TechStopGroundMinutes"/> to its block minutes (not to its cost), so a flight that
/// must stop anyway, at a stop the closures do not move, has zero extras. With no stop around the closures
/// (<c>no-tech-stop</c>) nothing can be flown and both stay non-stop, beyond range. Without
/// <see cref="BatchCostingOptions.TechStops"/> both are non-stop.
/// </remarks>
/// <param name="Type">The row's aircraft type: its own, else <see cref="BatchCostingOptions.DefaultType"/>.</param>
/// <param name="Conditions">The conditions it was costed under.</param>
/// <param name="Cost">The flight with no closure (<c>Direct</c>), the flight flown and the extras (see the remarks);
/// null when the row is unreachable (nothing to fly).</param>
/// <param name="Range">Whether the flown route fits the range, else the technical stop (the flown figures are through it
/// when it has one); null without <see cref="BatchCostingOptions.TechStops"/> or a flight.</param>
public sealed record BatchRowCost(AircraftType Type, FlightConditions Conditions, DetourCost? Cost, TechStop? Range)
{
    /// <summary>The technical stop the flight would make with no closure, through which <see cref="DetourCost.Direct"/>
    /// of <see cref="Cost"/> is costed: set when the direct route is beyond the type's range, a stop serves with no
    /// closure and the flown route can be flown (it fits, or <see cref="Range"/> has a stop); else null.</summary>
    public TechStop? NoClosureStop { get; init; }
}

/// <summary>A batch row and its figures.</summary>
/// <param name="Row">The row: as planned, or an error row (<see cref="BatchErrorKind.AircraftType"/>,
/// <see cref="BatchErrorKind.AircraftLimit"/>) where its type is unknown or cannot fly the conditions.</param>
/// <param name="Cost">The figures; null for an error row and for a row with no type (neither its own nor a default).</param>
public readonly record struct CostedBatchRow(BatchRow Row, BatchRowCost? Cost);

/// <summary>
/// Costs the planned rows of a batch (<see cref="RouteBatch"/>) with an aircraft type each: a row's own
/// <see cref="RouteListRow.AircraftType"/> overrides <see cref="BatchCostingOptions.DefaultType"/>; a row with neither is
/// not costed. A row whose type is unknown becomes an error row (<see cref="BatchErrorKind.AircraftType"/>, naming the
/// closest designators), as does one whose type cannot fly the conditions (<see cref="BatchErrorKind.AircraftLimit"/>:
/// a cruise level above its ceiling, a wind not below its airspeed), so that no row stops the batch.
/// </summary>
/// <remarks>Thread-safe: the options are immutable and the caches (types by text, each type's limits) concurrent; a
/// row's result does not depend on the others or on their order. Rows are costed as they are enumerated, one at a time.</remarks>
public sealed class BatchCosting
{
    /// <summary>Distinct type texts remembered: a file of distinct junk types must not grow the cache without limit.</summary>
    private const int TypeCacheLimit = 1024;

    private readonly ConcurrentDictionary<string, (AircraftType? Type, string? Error)> _byText = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string? Error, double TasKt)> _limits = new(StringComparer.Ordinal);

    /// <summary>Costs rows with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException">A null argument or option.</exception>
    public BatchCosting(BatchCostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Conditions, nameof(options));
        ArgumentNullException.ThrowIfNull(options.CostModel, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Catalog, nameof(options));
        ArgumentNullException.ThrowIfNull(options.CatalogName, nameof(options));
        // The scenario's range for the same quantity (ParameterRanges, the one table).
        if (!ParameterRanges.TechStopGroundMinutes.Contains(options.TechStopGroundMinutes))
            throw new ArgumentOutOfRangeException(nameof(options), options.TechStopGroundMinutes, $"TechStopGroundMinutes {ParameterRanges.TechStopGroundMinutes.Outside(options.TechStopGroundMinutes)}");
        Options = options;
    }

    /// <summary>The options.</summary>
    public BatchCostingOptions Options { get; }

    /// <summary>The type designator a row asks for: its own, else the default's; null for neither.</summary>
    public string? TypeText(RouteListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.AircraftType ?? Options.DefaultType?.Icao;
    }

    /// <summary>The type of a row: its own, else <see cref="BatchCostingOptions.DefaultType"/>; null when it names none
    /// (and there is no default) or an unknown one.</summary>
    public AircraftType? TypeOf(RouteListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.AircraftType is { } text ? Lookup(text).Type : Options.DefaultType;
    }

    /// <summary>The rows, lazily and in order, each planned row whose type is unknown or cannot fly the conditions
    /// turned into an error row; the others pass unchanged. Nothing is costed beyond what deciding that takes (a wind
    /// field whose strongest wind reaches the type's airspeed costs the row).</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public IEnumerable<BatchRow> Check(IEnumerable<BatchRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CheckRows(rows);

        IEnumerable<BatchRow> CheckRows(IEnumerable<BatchRow> rows)
        {
            foreach (var r in rows) yield return Evaluate(r, costRow: false).Row;
        }
    }

    /// <summary>The rows, lazily and in order, one result each: checked as <see cref="Check"/> does and costed (with
    /// the technical stop when <see cref="BatchCostingOptions.TechStops"/> is set).</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">Raised while enumerating if the cost model refuses a row in a way the checks
    /// do not foresee.</exception>
    public IEnumerable<CostedBatchRow> Cost(IEnumerable<BatchRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CostRows(rows);

        IEnumerable<CostedBatchRow> CostRows(IEnumerable<BatchRow> rows)
        {
            foreach (var r in rows) yield return Evaluate(r, costRow: true);
        }
    }

    /// <summary>One row checked and costed, as <see cref="Cost(IEnumerable{BatchRow})"/> does.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public CostedBatchRow Cost(BatchRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Evaluate(row, costRow: true);
    }

    /// <summary>The figures of a plan flown by <paramref name="type"/> under the options, without the checks: a type
    /// that cannot fly the conditions throws.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentException">The cost model refuses the type under the conditions (e.g. a cruise level
    /// above its ceiling, a wind not below its airspeed).</exception>
    public BatchRowCost Estimate(AircraftType type, RoutePlan plan)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(plan);
        return WithRange(type, plan, Detour(type, plan));
    }

    private DetourCost? Detour(AircraftType type, RoutePlan plan) =>
        plan.Status == RouteStatus.Unreachable ? null : Options.CostModel.EstimateDetour(type, plan, Options.Conditions);

    private BatchRowCost WithRange(AircraftType type, RoutePlan plan, DetourCost? cost)
    {
        if (cost is null || Options.TechStops is not { } search) return new(type, Options.Conditions, cost, null);
        var range = search.Find(Options.CostModel, type, Options.Conditions, plan, cost);
        // Nothing can be flown without a stop around the closures: the figures stay those of the two non-stops.
        if (range is { Needed: true, Stop: null })
        {
            var shut = cost.Direct.FitsRange ? null : NoClosure(search, type, plan, range).Stop;
            return new(type, Options.Conditions, cost, shut is null ? range : range with { Reason = $"{range.Reason}; with no closure it would stop at {shut.Code}" });
        }
        var free = cost.Direct.FitsRange ? null : NoClosure(search, type, plan, range);
        if (free is not { Stop: not null }) free = null;
        if (free is not null && range.Stop is { } moved && moved.Code != free.Stop!.Code)
            range = range with { Reason = $"{range.Reason}; with no closure it would stop at {free.Stop.Code}" };
        return new(type, Options.Conditions, ThroughStops(type, cost, free, range), range) { NoClosureStop = free };
    }

    // The stop the flight would make with no closure: the same search over the same candidates with direct legs. With no
    // closure at all the planner plans every leg direct, so the flown route's search was that search.
    private TechStop NoClosure(TechStopSearch search, AircraftType type, RoutePlan plan, TechStop range)
    {
        if (search.Planner.Closures.Count == 0 && range.Needed) return range;
        GeoPoint from = plan.From, to = plan.To;
        return Options.CostModel.FindTechStop(type, from, to, search.Candidates.Where(a => a.Location != from && a.Location != to), Options.Conditions);
    }

    // The figures of the route with no closure and of the route flown, each through its stop where it has one (see
    // BatchRowCost), and the extras between them.
    private DetourCost ThroughStops(AircraftType type, DetourCost cost, TechStop? free, TechStop range)
    {
        if (free is null && range.Stop is null) return cost;
        double ground = Options.TechStopGroundMinutes;
        var notes = new List<string>(cost.Direct.Assumptions);
        if (free is not null) notes.Add(FormattableString.Invariant($"direct: the route with no closure; the direct route ({cost.Direct.DistanceKm:0} km) being beyond the {type.Icao}'s range with reserves, through the technical stop it would make with no closure, {free.Stop!.Code} ({free.FirstLeg!.DistanceKm:0} + {free.SecondLeg!.DistanceKm:0} km)"));
        if (range.Stop is { } x) notes.Add(FormattableString.Invariant($"flown: the flown route ({cost.Flown.DistanceKm:0} km) being beyond the {type.Icao}'s range with reserves, through the technical stop at {x.Code} ({range.FirstLeg!.DistanceKm:0} + {range.SecondLeg!.DistanceKm:0} km)"));
        notes.Add(FormattableString.Invariant($"a route through a technical stop: the sum of its two legs, plus {ground} min on the ground in its block minutes (not in its cost); its take-off mass is the heavier leg's"));
        var direct = free is null ? cost.Direct with { Assumptions = notes } : Through(free, ground, notes);
        var flown = range.Stop is null ? cost.Flown with { Assumptions = notes } : Through(range, ground, notes);
        return new DetourCost(direct, flown, flown.DistanceKm - direct.DistanceKm, flown.BlockMinutes - direct.BlockMinutes,
            flown.FuelKg - direct.FuelKg, flown.Co2Kg - direct.Co2Kg, flown.CostUsd - direct.CostUsd);
    }

    // Two legs and the ground time between them as one flight, summed in the simulator's order (the legs, then the
    // ground), so that the same stop with and without the closures gives exact zeros. Each leg loads its own fuel: the
    // take-off mass, contingency and fuel load are the heavier leg's, the leg nearer the type's limits; both fit.
    private static FlightEstimate Through(TechStop stop, double groundMinutes, IReadOnlyList<string> assumptions)
    {
        FlightEstimate a = stop.FirstLeg!, b = stop.SecondLeg!;
        var heavier = b.TakeoffMassKg > a.TakeoffMassKg ? b : a;
        return a with
        {
            DistanceKm = a.DistanceKm + b.DistanceKm,
            AirborneMinutes = a.AirborneMinutes + b.AirborneMinutes,
            BlockMinutes = a.BlockMinutes + b.BlockMinutes + groundMinutes,
            FuelKg = a.FuelKg + b.FuelKg,
            TripFuelKg = a.TripFuelKg + b.TripFuelKg,
            Co2Kg = a.Co2Kg + b.Co2Kg,
            FuelCostUsd = a.FuelCostUsd + b.FuelCostUsd,
            TimeCostUsd = a.TimeCostUsd + b.TimeCostUsd,
            CostUsd = a.CostUsd + b.CostUsd,
            TakeoffMassKg = heavier.TakeoffMassKg,
            ContingencyFuelKg = heavier.ContingencyFuelKg,
            FuelLoadKg = heavier.FuelLoadKg,
            Range = RangeStatus.Fits,
            RangeReason = "",
            Assumptions = assumptions,
        };
    }


    private CostedBatchRow Evaluate(BatchRow r, bool costRow)
    {
        if (r.Error != null) return new(r, null);
        if (r.Row.AircraftType is { } text && Lookup(text).Error is { } error)
            return new(r with { Plan = null, ErrorKind = BatchErrorKind.AircraftType, Error = "type: " + error }, null);
        if (TypeOf(r.Row) is not { } type) return new(r, null);
        var plan = r.Plan!;
        if (Limit(type, plan) is { } limit)
        {
            if (limit.Error is { } why) return new(r with { Plan = null, ErrorKind = BatchErrorKind.AircraftLimit, Error = why }, null);
            // The check costed the row already (a wind field): its cost is the row's.
            return new(r, costRow ? WithRange(type, plan, limit.Cost) : null);
        }
        return new(r, costRow ? WithRange(type, plan, Detour(type, plan)) : null);
    }

    // Whether the type can fly the conditions at all (its ceiling against the cruise level, its airspeed against a
    // uniform wind): the cost model refuses them with an ArgumentException, which costing the row would throw to the
    // caller and so end the whole batch. Neither depends on the route, so one probe leg per type decides; a wind field
    // is the exception (its speed varies along the route), so where its strongest wind reaches the type's airspeed the
    // row is costed to find out. Null: nothing known yet (the row is costed as usual); else the error, or the cost the
    // check computed.
    private (string? Error, DetourCost? Cost)? Limit(AircraftType type, RoutePlan plan)
    {
        var probe = _limits.GetOrAdd(type.Icao, static (_, s) =>
        {
            try
            {
                var e = s.Options.CostModel.Estimate(s.Type, [new GeoPoint(0, 0), new GeoPoint(0, 0.1)], s.Options.Conditions with { WindField = null });
                return (null, e.TrueAirspeedKt);
            }
            catch (ArgumentException e) { return (ExceptionText.OneLine(e), 0); }
        }, (Type: type, Options));
        if (probe.Error is not null) return (probe.Error, null);
        if (Options.Conditions.WindField is not { } field || field.MaxSpeedKt < probe.TasKt || plan.Status == RouteStatus.Unreachable) return null;
        try { return (null, Detour(type, plan)); }
        catch (ArgumentException e) { return (ExceptionText.OneLine(e), null); }
    }

    private (AircraftType? Type, string? Error) Lookup(string text)
    {
        if (_byText.TryGetValue(text, out var known)) return known;
        var catalog = Options.Catalog;
        if (catalog.TryGet(text, out var type)) known = (type, null);
        else
        {
            // Closest compares every designator: only for text short enough to be one mistyped.
            var close = text.Length <= RouteListReader.MaxLocationChars ? catalog.Closest(text) : [];
            known = (null, $"unknown aircraft type '{Csv.Clip(text)}'" + (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "") +
                $" (one of the {catalog.Types.Count} types of {Options.CatalogName})");
        }
        if (_byText.Count < TypeCacheLimit) _byText.TryAdd(text, known);
        return known;
    }
}
