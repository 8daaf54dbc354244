using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Spherical;
using Perf = AirspaceSim.Performance;

namespace AirspaceSim.Simulation;

/// <summary>
/// The shipped cost model: the aircraft-performance layer (<see cref="FlightCostModel"/>, Poll–Schumann fuel, ISA, the
/// bundled <see cref="AircraftCatalog"/>) behind <see cref="IFlightCostModel"/>. A scenario's cost parameters select a
/// <see cref="FlightCostModel"/> built once per distinct parameter set; immutable and thread-safe.
/// </summary>
public sealed class PerformanceCostModel : IFlightCostModel
{
    private readonly AircraftCatalog _catalog;
    private readonly PerformanceOptions _base;
    private readonly ConcurrentDictionary<CostParameters, FlightCostModel> _models = new();
    private readonly ConcurrentDictionary<(string, int), double> _tasKt = new();
    // The range depends only on the type and the parameters (still air, the type's cruise level), and the simulator asks
    // for it once per flight: a bisection of some 16 full fuel integrations (about 25 µs) is done once per key instead.
    // Keyed by the level too (null: the type's cruise level), for the range at a flight's own level.
    private readonly ConcurrentDictionary<(string, int?, CostParameters), double> _rangeKm = new();

    /// <inheritdoc cref="PerformanceCostModel(AircraftCatalog?, PerformanceOptions?)"/>
    public PerformanceCostModel() : this(null, null) { }

    /// <summary>The model over <paramref name="catalog"/> (default the bundled types) with <paramref name="options"/>
    /// (default <see cref="PerformanceOptions.Default"/>) before a scenario's overrides.</summary>
    public PerformanceCostModel(AircraftCatalog? catalog, PerformanceOptions? options)
    {
        _catalog = catalog ?? AircraftCatalog.Bundled;
        _base = options ?? PerformanceOptions.Default;
    }

    /// <summary>The model with the bundled types and default options.</summary>
    public static PerformanceCostModel Default { get; } = new();

    /// <inheritdoc />
    public string Name => "AirspaceSim.Performance (Poll–Schumann cruise fuel, ISA, bundled aircraft types)";

    /// <inheritdoc />
    public IReadOnlyList<string> Assumptions(CostParameters parameters)
    {
        // The model states its assumptions per estimate; those of a short A320neo hop are the common list.
        var type = _catalog.TryGet("A20N", out var t) ? t : _catalog.Types[0];
        return Model(parameters).Estimate(type, [new GeoPoint(0, 0), new GeoPoint(0, 1)], Conditions(parameters, null, null)).Assumptions;
    }

    /// <inheritdoc />
    public bool TryGetType(string typeIcao, [MaybeNullWhen(false)] out AircraftProfile profile, out string error)
    {
        ArgumentNullException.ThrowIfNull(typeIcao);
        if (_catalog.TryGet(typeIcao.ToUpperInvariant(), out var t))
        {
            profile = new AircraftProfile(t.Icao, (int)Math.Round(t.CruiseFl));
            error = "";
            return true;
        }
        var close = _catalog.Closest(typeIcao);
        profile = null;
        error = $"not one of the {_catalog.Types.Count} aircraft types of the performance model" + (close.Count > 0 ? $"; closest: {string.Join(", ", close)}" : "");
        return false;
    }

    // The first request for a type and level, apart from GroundSpeedKt: its lambda's closure would otherwise be allocated
    // on every call (the compiler creates it on entry to the method), i.e. once per flight of a what-if.
    private double CruiseTasKt(string typeIcao, int cruiseFl)
    {
        var t = _catalog[typeIcao];
        return _tasKt.GetOrAdd((typeIcao, cruiseFl), k => Model(CostParameters.Defaults).Cruise(t, t.OperatingEmptyMassKg, t.CruiseMach, k.Item2, 0).TrueAirspeedKt);
    }

    /// <inheritdoc />
    public double GroundSpeedKt(AircraftProfile type, int cruiseFl, GeoPoint from, GeoPoint to, CostParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(type);
        // True airspeed at the type's cruise Mach and the level in ISA; it does not depend on the mass.
        if (!_tasKt.TryGetValue((type.TypeIcao, cruiseFl), out double tas)) tas = CruiseTasKt(type.TypeIcao, cruiseFl);
        if (parameters.CruiseSpeedFactor is { } f)
        {
            var t = _catalog[type.TypeIcao];
            tas *= Mach(t, f) / t.CruiseMach; // TAS ∝ Mach at a fixed level
        }
        double factor = parameters.RouteEfficiencyFactor ?? 1;
        if (parameters.WindField is { } field)
        {
            // The wind integrated along the leg (as the model times it), and the flown distance longer by the factor:
            // the speed made good along the great circle.
            double tasMs = tas * Units.MetresPerNm / 3600;
            double gsMs = 1 / Weather.ArcWind.SecondsPerMetre(Spherical.Vec3.FromGeo(from), Spherical.Vec3.FromGeo(to), tasMs, field, cruiseFl);
            return gsMs * 3600 / Units.MetresPerNm / factor;
        }
        if (parameters.WindKt is not { } ws || ws == 0) return factor == 1 ? tas : tas / factor;
        // GS = √(V² − w_c²) + w_a with the wind components on the leg's mean course (the model integrates them along the
        // leg for its times; the simulator needs the timing only to place the flight against closure windows).
        double course = Sphere.InitialCourseDeg(Sphere.Intermediate(from, to, 0.5), to);
        double rel = ((parameters.WindFromDeg ?? 0) + 180 - course) * Math.PI / 180;
        double along = ws * Math.Cos(rel), cross = ws * Math.Sin(rel);
        double gs = Math.Sqrt(Math.Max(tas * tas - cross * cross, 0)) + along;
        return factor == 1 ? gs : gs / factor;
    }

    /// <inheritdoc />
    public FlightCost Estimate(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters parameters)
    {
        var t = _catalog[type.TypeIcao];
        var e = Model(parameters).Estimate(t, waypoints, Conditions(parameters, cruiseFl, t));
        return new FlightCost(e.DistanceKm, e.BlockMinutes, e.FuelKg, e.Co2Kg, e.CostUsd);
    }

    /// <inheritdoc />
    public double MaxRangeKm(AircraftProfile type, CostParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(parameters);
        // The range is a question of masses: the prices and the CO2 factor do not enter it, so they are not in the key.
        return RangeKm(type, null, parameters);
    }

    /// <inheritdoc />
    public double MaxRangeKm(AircraftProfile type, int cruiseFl, CostParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(parameters);
        return RangeKm(type, cruiseFl, parameters);
    }

    private double RangeKm(AircraftProfile type, int? cruiseFl, CostParameters parameters)
    {
        // The type's own level is the level the model takes without one: one key for both, so that a flight at its
        // type's level (most) shares the range the simulator asks for per type.
        if (cruiseFl is { } fl && fl == _catalog[type.TypeIcao].CruiseFl) cruiseFl = null;
        // The range is a question of masses: the prices and the CO2 factor do not enter it, so they are not in the key
        // (nor the wind: the range is in still air).
        // Leaving the wind in the key made every Monte Carlo draw of the wind a new key: a bisection of some 16 fuel
        // integrations per type and level and draw (200 draws of svzm-2025-11-uncertain: 1.6x the CPU time).
        var key = (type.TypeIcao, cruiseFl, parameters with
        {
            FuelPriceUsdPerKg = null, Co2KgPerFuelKg = null, HourlyCostUsd = null, WindFromDeg = null, WindKt = null, WindField = null,
        });
        return Cached(_rangeKm, key, k => Model(k.Item3).MaxRangeKm(_catalog[k.Item1], Conditions(k.Item3, k.Item2, _catalog[k.Item1])));
    }

    /// <inheritdoc />
    /// <remarks>The flight's own range check (<see cref="FlightEstimate.FitsRange"/>: MTOM and fuel capacity with the
    /// reserves), its cruise timed in the wind: the same as <c>route --type --wind</c> and the batch.</remarks>
    public bool FitsRange(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(parameters);
        var t = _catalog[type.TypeIcao];
        return Model(parameters).Estimate(t, waypoints, Conditions(parameters, cruiseFl, t)).FitsRange;
    }

    // The cruise speed factor scales the type's cruise Mach, capped at its MMO (a faster cruise than the limit is not flown).
    private static double Mach(Perf.AircraftType t, double factor) => Math.Min(t.CruiseMach * factor, t.MaxMach);

    private static FlightConditions Conditions(CostParameters p, int? fl, Perf.AircraftType? type) => new()
    {
        CruiseFl = fl,
        CruiseMach = p.CruiseSpeedFactor is { } f && type != null ? Mach(type, f) : null,
        Wind = p.WindKt is { } kt && kt > 0 ? new Wind(p.WindFromDeg ?? 0, kt) : null,
        WindField = p.WindField,
        RouteEfficiencyFactor = p.RouteEfficiencyFactor ?? 1,
    };

    // Keyed without the wind and the speed factor, which go in the flight conditions, not the model: Monte Carlo draws
    // of those share one model (a drawn fuel price still makes one per draw; the cache grows with distinct prices).
    // The caches keep at most MaxCached entries: a Monte Carlo run draws a new fuel price or speed factor per draw, and an
    // unbounded cache would grow by one model per draw for the life of the model; past the bound a value is computed
    // and not kept (the same value: the caches only save work).
    private const int MaxCached = 1024;

    private static TValue Cached<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> make) where TKey : notnull =>
        cache.TryGetValue(key, out var v) ? v : cache.Count < MaxCached ? cache.GetOrAdd(key, make) : make(key);

    private FlightCostModel Model(CostParameters p) => Cached(_models, p with { WindKt = null, WindFromDeg = null, CruiseSpeedFactor = null }, q => new FlightCostModel(_base with
    {
        Costs = new Perf.CostParameters
        {
            FuelPriceUsdPerKg = q.FuelPriceUsdPerKg ?? _base.Costs.FuelPriceUsdPerKg,
            Co2KgPerKgFuel = q.Co2KgPerFuelKg ?? _base.Costs.Co2KgPerKgFuel,
            TimeCostUsdPerBlockHour = q.HourlyCostUsd ?? _base.Costs.TimeCostUsdPerBlockHour,
        },
        LoadFactor = q.LoadFactor ?? _base.LoadFactor,
        Reserves = q.ReserveMinutes is { } rm ? _base.Reserves with { FinalReserveMinutes = rm } : _base.Reserves,
    }));
}
