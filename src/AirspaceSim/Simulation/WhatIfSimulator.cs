using System.Collections.Concurrent;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;

namespace AirspaceSim.Simulation;

/// <summary>What the simulator runs with: the cost model below it, the airports, where it may divert or stop.</summary>
public sealed record SimulationOptions
{
    /// <summary>The aircraft-performance and cost model.</summary>
    public required IFlightCostModel CostModel { get; init; }

    /// <summary>Airports that resolve the flights' codes (default the bundled directory).</summary>
    public AirportDirectory Airports { get; init; } = AirportDirectory.Bundled;

    /// <summary>Airports a flight may divert to or stop at; default <see cref="WhatIfSimulator.DefaultAlternates"/>.</summary>
    public IReadOnlyList<Airport>? AlternateAirports { get; init; }

    /// <summary>Whether an alternate airport can take a type; default every alternate can take every type.</summary>
    public Func<Airport, AircraftProfile, bool>? CanTake { get; init; }

    /// <summary>Threads for the run; -1 = all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>
/// The what-if simulator: runs a <see cref="Scenario"/>'s flights against its closures in time, altitude and
/// applicability, and prices every outcome with the cost model. Immutable and thread-safe once built; the planners for
/// the distinct active closure sets are built on first use and shared (see <see cref="PlannersBuilt"/>).
/// </summary>
/// <remarks>
/// Semantics (also in the README): a closure binds a flight when it applies to its operator and either its cruise level
/// is inside the band (overflight), or it departs from / arrives at an airport inside the lateral limits while the band
/// reaches down to any level from the surface to cruise, or the closure bans that airport. A closure counts for the
/// route if it is active at any moment the flight would be inside its limits plus buffer, with times from the ground
/// speed; the plan → timing → active set loop runs to a fixed point, only ever adding closures. Closures announced
/// while the flight is airborne reroute it from its position at the notice time, or divert it when its destination
/// closes to it.
/// </remarks>
public sealed class WhatIfSimulator
{
    /// <summary>Closures per scenario that the active-set keys hold (a 64-bit set).</summary>
    public const int MaxClosures = 64;

    // The least radius of curvature of WGS84 (meridional, at the equator) b²/a over the 0.99 R of the sphere bounds, less
    // a rounding margin: see TechStop.
    private const double TighterBound = Wgs84.SemiMinorAxisM * Wgs84.SemiMinorAxisM / Wgs84.SemiMajorAxisM / 1000 / (0.99 * Sphere.MeanRadiusKm) * (1 - 1e-12);

    private const double SampleKm = 5; // spacing of the buffer-graze samples, km (timing error below a minute)

    private readonly Scenario _scenario;
    private readonly SimulationOptions _options;
    private readonly IFlightCostModel _cost;
    private readonly Closure[] _closures;
    private readonly Airport?[][] _namedAirports;
    private readonly Airport[] _alternates;
    private readonly UnitVectors _alternateV; // their unit vectors, for the lower bounds of diversions and stops
    // Bounding cap of every closure's airspaces (centre, cosine of the radius with slack): one dot product rejects a
    // route or an airport far from it before the exact queries.
    private readonly (Spherical.Vec3 Center, double Cos)[][] _caps;
    // Each closure's lateral limits as the planner sees a route end (built on first use, shared with every variant):
    // the one predicate for "an airport inside the limits", see LateralLimits.
    private readonly Lazy<LateralLimits>[] _limits;
    private readonly DateTime _lastNoticeUtc;
    // Shared by every variant of the scenario (Monte Carlo draws, sweeps): the planner depends only on the closures'
    // airspaces (by index, the same in every variant) and each airspace's buffer, so draws with the same active set and
    // buffers share it. The flights are expanded once.
    private readonly PlannerCache _shared;
    // This simulator's planner of each active set (its closures' buffers are fixed): found without building a key.
    private readonly ConcurrentDictionary<ulong, DetourPlanner> _plannerOfSet = new();
    private readonly Lazy<IReadOnlyList<Flight>> _flights;

    private sealed class PlannerCache
    {
        public readonly ConcurrentDictionary<PlannerKey, Lazy<DetourPlanner>> Planners = new();
        public int Built;
        // The merged and buffered obstacles of each cluster of closures by buffer, shared by the planners: active sets
        // that differ (over time, between draws or sweep points) but share a closure and a buffer build its obstacle once.
        public readonly ObstacleCache Obstacles = new();
        // Every flight's ends as resolved, by the text as written (the directory is the same for every variant): an
        // ordinal lookup instead of the directory's case-insensitive one and the unit vector's trigonometry.
        public readonly ConcurrentDictionary<string, End> Ends;

        // Sized for the scenario's ends (at most two texts per flight, up to 8,192 buckets, 64 KB): growing from the
        // default 31 would copy every entry into new nodes at each doubling.
        public PlannerCache(int flights) =>
            Ends = new(Environment.ProcessorCount, Math.Clamp(2 * flights, 31, 8192), StringComparer.Ordinal);

        // Shared borders (the airspaces are the same in every variant): for a pair of closures (i < j), their merged
        // limits if the planner merges them (they touch or overlap), else null; and the merged limits of a set of
        // closures for an airport on a border between them.
        public readonly ConcurrentDictionary<(int, int), LateralLimits?> Pairs = new();
        public readonly ConcurrentDictionary<ulong, LateralLimits> Unions = new();

        // The shortest route of a planner (active set and buffer) between two points, by the points' bits: a plan is a
        // function of the planner and its ends only, so a schedule's repeats and every draw that flies the same pair
        // around the same planner share one answer (the same object). A Monte Carlo run of svzm-2025-11-uncertain
        // asks 253 searches of the 25 NM planner for 9 pairs, each 0.1-0.5 ms (an end in the buffer band).
        public readonly ConcurrentDictionary<RouteKey, RoutePlan> Routes = new();

        // The buffer-graze samples of a leg (see GrazeSamples): geometry only, shared by every flight and draw that
        // flies that leg past that airspace with that buffer, whatever its times.
        public readonly ConcurrentDictionary<GrazeKey, int[]> Grazes = new();

        // Where a leg crosses a closure's airspace (Airspace.Cross, with its WGS84 lengths): geometry only, as above.
        public readonly ConcurrentDictionary<LegKey, Airspaces.RouteCrossing> Crossings = new();
    }

    // The planner (by reference: one per active set and buffers, see Planner) and the ends' bits, not values: a cached
    // answer is handed back only for the very same input (0.0 and -0.0 are told apart).
    private readonly record struct RouteKey(DetourPlanner Planner, long FromLat, long FromLon, long ToLat, long ToLon)
    {
        public RouteKey(DetourPlanner planner, GeoPoint from, GeoPoint to) : this(planner,
            BitConverter.DoubleToInt64Bits(from.LatDeg), BitConverter.DoubleToInt64Bits(from.LonDeg),
            BitConverter.DoubleToInt64Bits(to.LatDeg), BitConverter.DoubleToInt64Bits(to.LonDeg)) { }
    }

    // A leg p→q past airspace `Airspace` of closure `Closure` (indexes, the same in every variant).
    private readonly record struct LegKey(int Closure, int Airspace, long PLat, long PLon, long QLat, long QLon)
    {
        public LegKey(int closure, int airspace, GeoPoint p, GeoPoint q) : this(closure, airspace,
            BitConverter.DoubleToInt64Bits(p.LatDeg), BitConverter.DoubleToInt64Bits(p.LonDeg),
            BitConverter.DoubleToInt64Bits(q.LatDeg), BitConverter.DoubleToInt64Bits(q.LonDeg)) { }
    }

    private readonly record struct GrazeKey(LegKey Leg, long BufKmBits, long KmBits)
    {
        public GrazeKey(LegKey leg, double bufKm, double km) : this(leg, BitConverter.DoubleToInt64Bits(bufKm), BitConverter.DoubleToInt64Bits(km)) { }
    }

    // Bounds of the caches (entries): beyond, answers are computed and not kept.
    private const int MaxCachedRoutes = 1 << 16, MaxCachedGrazes = 1 << 16, MaxCachedCrossings = 1 << 16;
    // Per simulator, not shared with variants: a type's range is cached for this simulator's cost parameters.
    private readonly ConcurrentDictionary<(GeoPoint, GeoPoint, double), StopSequence> _stopSequences = new();
    private readonly ConcurrentDictionary<string, TypeEntry> _types = new();
    // Wind-optimal routing (the realism layer with a wind and WindOptimal): the wind every leg is timed in, and one
    // query options instance per type and level, so that each planner computes each edge's time once per type and level.
    private readonly Weather.WindField? _routeWind;
    private readonly ConcurrentDictionary<(string, int), WindRouteOptions> _windRoutes = new();
    // The range in a wind (see InRange): the strongest wind of the scenario's conditions (0 in still air, where the
    // still-air range decides alone) and those conditions without wind or route-efficiency factor, for the airspeed.
    private readonly double _rangeWindKt;
    private readonly CostParameters _stillAir;

    /// <summary>Prepares a scenario for running.</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxClosures"/> closures, duplicate closure ids, a named
    /// airport that the directory does not know, or, in a scenario made in code without the builder, a flight or route
    /// that <see cref="ScenarioBuilder"/> refuses and a closure it would fail on (a null list or element, a null or blank
    /// id or code, a local time, an undefined enum value).</exception>
    public WhatIfSimulator(Scenario scenario, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.CostModel);
        ScenarioValidation.Check(scenario, nameof(scenario));
        scenario = WithRealism(scenario);
        _scenario = scenario;
        _options = options;
        _cost = options.CostModel;
        _closures = scenario.Closures.ToArray();
        if (_closures.Length > MaxClosures) throw new ArgumentException($"scenario '{scenario.Name}': {_closures.Length} closures; at most {MaxClosures} are supported");
        var dup = _closures.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new ArgumentException($"scenario '{scenario.Name}': closure id '{dup.Key}' is used twice");
        CheckAirspaceIds(scenario.Name, _closures);
        _namedAirports = _closures.Select(c => c.Airports.Select(code => options.Airports.TryGet(code, out var a) ? a
            : throw new ArgumentException($"closure '{c.Id}': unknown airport '{code}'")).ToArray<Airport?>()).ToArray();
        _alternates = (options.AlternateAirports ?? DefaultAlternates(options.Airports)).ToArray();
        _alternateV = new UnitVectors(_alternates);
        _caps = _closures.Select(c => c.Airspaces.Select(a => (a.Region.Center, Spherical.CapBound.CapCos(a.Region.CapRadiusRad))).ToArray()).ToArray();
        _limits = _closures.Select(c => new Lazy<LateralLimits>(() => LateralLimits.Of(c.Airspaces), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
        _lastNoticeUtc = _closures.Length == 0 ? DateTime.MinValue : _closures.Max(c => c.EffectiveNoticeUtc);
        _shared = new PlannerCache(scenario.Flights.Count + scenario.Routes.Count);
        _flights = new Lazy<IReadOnlyList<Flight>>(() => AllFlights(scenario), LazyThreadSafetyMode.ExecutionAndPublication);
        _routeWind = RouteWind(scenario);
        (_rangeWindKt, _stillAir) = RangeWind(scenario);
    }

    // A variant of the template's scenario that differs only in closure windows and buffers and in the parameters
    // (what a Monte Carlo draw or a sweep point changes): everything derived from the airspaces, airports and flights
    // is shared, planners included.
    private WhatIfSimulator(WhatIfSimulator template, Scenario variant)
    {
        // Under the realism layer, as the template's own scenario is (WithRealism is idempotent, so a variant made from
        // the template's Scenario is unchanged): a sweep point or a Monte Carlo draw is made from the scenario as
        // written, and ran without the margins, efficiency factor and wind of its realism layer (whatif --realistic
        // --sweep fuel-price=0.71 gave the geometric totals, not the realistic run's).
        variant = WithRealism(variant);
        _scenario = variant;
        _options = template._options;
        _cost = template._cost;
        _closures = variant.Closures.ToArray();
        _namedAirports = template._namedAirports;
        _alternates = template._alternates;
        _alternateV = template._alternateV;
        _caps = template._caps;
        _limits = template._limits;
        _lastNoticeUtc = template._lastNoticeUtc;
        _shared = template._shared;
        _flights = template._flights;
        _routeWind = RouteWind(variant);
        (_rangeWindKt, _stillAir) = RangeWind(variant);
    }

    private static (double WindKt, CostParameters StillAir) RangeWind(Scenario s)
    {
        var p = s.Parameters.Cost;
        // As the cost model reads them: a field replaces the uniform wind, and a uniform wind of 0 kt is still air.
        double kt = p.WindField?.MaxSpeedKt ?? (p.WindKt is { } w && w > 0 ? w : 0);
        return (kt, p with { WindKt = null, WindFromDeg = null, WindField = null, RouteEfficiencyFactor = null });
    }

    // The wind routes are chosen in: only with the realism layer on, WindOptimal, and a wind (the layer's or the
    // scenario's field, else its uniform wind); null plans every route by distance.
    private static Weather.WindField? RouteWind(Scenario s)
    {
        if (s.Realism is not { WindOptimal: true }) return null;
        var p = s.Parameters.Cost;
        return p.WindField ?? (p.WindKt is { } kt && kt > 0 ? new Weather.UniformWindField(p.WindFromDeg ?? 0, kt) : null);
    }

    /// <summary>Whether this simulator chooses routes by flight time (the realism layer with a wind and
    /// <see cref="RealismOptions.WindOptimal"/>) rather than by distance.</summary>
    public bool ChoosesByTime => _routeWind != null;

    /// <summary>
    /// A simulator for <paramref name="variant"/>, a copy of this scenario whose closures differ only in their end and
    /// buffer and whose parameters may differ: it shares this simulator's planners (keyed by active set and buffers), the
    /// resolved airports and the expanded flights, so nothing is rebuilt per variant.
    /// </summary>
    /// <exception cref="ArgumentException">The variant changes anything else of the closures (ids, airspaces, airports,
    /// band, start, notice, applicability, bans) or the flights.</exception>
    internal WhatIfSimulator Variant(Scenario variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (variant.Closures.Count != _closures.Length || !variant.Closures.Zip(_closures).All(p =>
                p.First with { EndUtc = null, BufferNm = 0 } == p.Second with { EndUtc = null, BufferNm = 0 }) ||
            !ReferenceEquals(variant.Flights, _scenario.Flights) || !ReferenceEquals(variant.Routes, _scenario.Routes))
            throw new ArgumentException($"scenario '{variant.Name}': a variant may change only closure ends and buffers and the parameters");
        return new WhatIfSimulator(this, variant);
    }

    /// <summary>The scenario this simulator runs.</summary>
    public Scenario Scenario => _scenario;

    /// <summary>
    /// The airports a flight may divert to or stop at by default: the large and medium airports of the directory
    /// (OurAirports' classes, the world list), or every airport when the directory does not give classes.
    /// </summary>
    public static IEnumerable<Airport> DefaultAlternates(AirportDirectory airports)
    {
        ArgumentNullException.ThrowIfNull(airports);
        var all = airports.Airports;
        return all.Any(a => a.Type != AirportType.Unknown) ? all.Where(a => a.Type is AirportType.Large or AirportType.Medium) : all;
    }

    /// <summary>
    /// The scenario as the simulator runs it under its realism layer (<see cref="Scenario.Realism"/>; unchanged when
    /// null): every closure's buffer raised to its margin, and the route-efficiency factor and the wind handed to the
    /// cost model. With a wind and <see cref="RealismOptions.WindOptimal"/> the simulator then chooses every route by
    /// flight time over the visibility graph (<see cref="DetourPlanner.PlanFastest"/>), as <c>route --realistic</c> does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A realism value out of range.</exception>
    public static Scenario WithRealism(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Realism is not { } r) return scenario;
        r.Validate();
        var p = scenario.Parameters;
        return scenario with
        {
            Closures = scenario.Closures.Select(c => c.Airspaces.Count == 0 ? c : c with { BufferNm = r.EffectiveBufferNm(c.Id, c.BufferNm) }).ToArray(),
            Parameters = p with { Cost = p.Cost with { RouteEfficiencyFactor = r.RouteEfficiencyFactor, WindField = r.Wind ?? p.Cost.WindField } },
        };
    }

    /// <summary>The realism layer's assumptions, in words (empty when it is off).</summary>
    public static IReadOnlyList<string> RealismAssumptions(RealismOptions? r) => r is null ? [] :
    [
        FormattableString.Invariant($"realism layer on: closures kept at least {r.BorderMarginNm} NM away{(r.ClosureMarginsNm.Count > 0 ? " (" + string.Join(", ", r.ClosureMarginsNm.Select(kv => FormattableString.Invariant($"{kv.Key} {kv.Value} NM"))) + ")" : "")}; every flown distance (direct and detour) x{r.RouteEfficiencyFactor} (EUROCONTROL horizontal flight efficiency); wind: {r.Wind?.Description ?? "the scenario's"}; {(r.WindOptimal ? "with a wind, every route (detours, in-flight reroutes, diversions, technical-stop legs) is the fastest over the visibility graph in that wind, and a rerouted flight also reports the shortest route's extra minutes and what choosing by time saves; a rerouted flight whose route is faster in the wind than the direct route has no extras (it is open with no closure too); a diversion or stop airport is still the nearest by the route's length" : "routes planned shortest-first and timed in the wind")}"),
    ];

    /// <summary>
    /// With a wind grid, what of the flown routes lay outside it, where the field holds the wind of its nearest edge:
    /// the flights whose route (or cruise level) leaves the grid and the distance outside; one line, or none without a
    /// grid. Without a grid nothing is computed (the assumptions are those of before).
    /// </summary>
    public static IReadOnlyList<string> WindGridAssumptions(Weather.WindField? field, IReadOnlyList<FlightResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (field is not Weather.GriddedWindField g) return [];
        int flown = 0, leaving = 0, levelOutside = 0;
        double routeKm = 0, outsideKm = 0;
        foreach (var r in results)
        {
            var w = r.Waypoints;
            if (w.Count < 2 || r.CruiseFl is not { } fl) continue;
            var c = g.Coverage(w, fl);
            flown++;
            routeKm += c.RouteKm;
            outsideKm += c.OutsideKm;
            if (c.OutsideKm > 0) leaving++;
            if (c.LevelOutside) levelOutside++;
        }
        return [FormattableString.Invariant($"wind grid {g.Source}: {leaving} of {flown} flown routes leave it ({outsideKm:0} km of {routeKm:0} km, {(routeKm > 0 ? outsideKm / routeKm : 0):0.0 %}) and {levelOutside} cruise outside its levels FL{g.FlightLevels[0]:0.#}..FL{g.FlightLevels[^1]:0.#}; there the wind of the grid's nearest edge (or level) was used")];
    }

    /// <summary>Number of planners built so far (one per distinct non-empty active closure set and its buffer).</summary>
    public int PlannersBuilt => Volatile.Read(ref _shared.Built);

    /// <summary>Clusters of closures whose obstacles were built for the planners so far, each once (tests).</summary>
    internal int ObstacleClustersBuilt => _shared.Obstacles.ClustersBuilt;

    /// <summary>As <see cref="Run(CancellationToken, IProgress{SimulationProgress})"/>, without cancellation or progress.</summary>
    public SimulationResult Run() => Run(CancellationToken.None, null);

    /// <summary>As <see cref="Run(CancellationToken, IProgress{SimulationProgress})"/>, without progress.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public SimulationResult Run(CancellationToken cancellationToken) => Run(cancellationToken, null);

    /// <summary>Runs every flight of the scenario; one failing flight becomes an <see cref="FlightOutcome.Error"/> row.</summary>
    /// <param name="cancellationToken">Stops the run between flights.</param>
    /// <param name="progress">Told the flights done every 256 flights and at the end (<c>Done == Total</c>): from the
    /// worker threads, one report at a time, <see cref="SimulationProgress.Done"/> never going back.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled; the message says how many flights were done.</exception>
    public SimulationResult Run(CancellationToken cancellationToken, IProgress<SimulationProgress>? progress)
    {
        var results = SimulateAll(_options.MaxDegreeOfParallelism, cancellationToken, progress);
        return new SimulationResult
        {
            Scenario = _scenario,
            Flights = results,
            Totals = Totals.Of(results),
            CostModel = _cost.Name,
            Assumptions = [.. _cost.Assumptions(_scenario.Parameters.Cost), .. SimulatorAssumptions(_scenario.Parameters), .. RealismAssumptions(_scenario.Realism), .. WindGridAssumptions(_scenario.Parameters.Cost.WindField, results)],
            PlannersBuilt = PlannersBuilt,
        };
    }

    /// <summary>The flights run, in the scenario's order (listed, then the routes expanded).</summary>
    internal IReadOnlyList<Flight> Flights => _flights.Value;

    // Scenario.AllFlights (the listed flights, then the routes expanded), copied into chunks rather than one array: a
    // network's list would otherwise be on the large-object heap (see ChunkedList). With no routes it is the listed
    // flights themselves, read in place (the scenario's list, already allocated; a copy was 0.5 MB per run of a day).
    private static IReadOnlyList<Flight> AllFlights(Scenario s)
    {
        var listed = s.Flights;
        if (s.Routes.Count == 0) return listed;
        var expanded = ScheduleExpansion.Expand(s.Routes, s.PeriodStart, s.PeriodEnd, listed);
        var all = new ChunkedList<Flight>(listed.Count + expanded.Count);
        for (int i = 0; i < listed.Count; i++) all.Set(i, listed[i]);
        for (int i = 0; i < expanded.Count; i++) all.Set(listed.Count + i, expanded[i]);
        return all;
    }

    // Every flight, in order, on up to maxDop threads (1: on the caller's thread, as a Monte Carlo draw runs).
    internal ChunkedList<FlightResult> SimulateAll(int maxDop, CancellationToken cancellationToken, IProgress<SimulationProgress>? progress = null)
    {
        var flights = _flights.Value;
        var results = new ChunkedList<FlightResult>(flights.Count);
        if (maxDop == 1)
        {
            for (int i = 0; i < flights.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested) throw Cancelled(i, flights.Count, cancellationToken);
                results.Set(i, SimulateSafe(flights[i]));
                if (progress != null && ((i + 1) % 256 == 0 || i + 1 == flights.Count)) progress.Report(new SimulationProgress(i + 1, flights.Count));
            }
            return results;
        }
        int done = 0;
        var serial = new SerialProgress(progress, flights.Count);
        if (flights.Count > 0)
        {
            var po = new ParallelOptions { MaxDegreeOfParallelism = maxDop, CancellationToken = cancellationToken };
            try
            {
                Parallel.ForEach(Partitioner.Create(0, flights.Count, 256), po, range =>
                {
                    for (int i = range.Item1; i < range.Item2; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        results.Set(i, SimulateSafe(flights[i]));
                    }
                    int now = Interlocked.Add(ref done, range.Item2 - range.Item1);
                    serial.Report(now);
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw Cancelled(Volatile.Read(ref done), flights.Count, cancellationToken);
            }
        }
        return results;
    }

    private static OperationCanceledException Cancelled(int done, int total, CancellationToken token) =>
        new($"cancelled after {done} of {total} flights", token);

    /// <summary>
    /// Runs the scenario once per buffer of <see cref="ScenarioParameters.BufferSweepNm"/> (every closure's buffer set to
    /// it), or once as it is when the sweep is empty. Any other parameter: <see cref="Sweeps.Run(Scenario, SimulationOptions, SweepParameter, IReadOnlyList{double})"/>.
    /// </summary>
    public static IReadOnlyList<SimulationResult> RunSweep(Scenario scenario, SimulationOptions options) =>
        RunSweep(scenario, options, CancellationToken.None, null);

    /// <summary>As <see cref="RunSweep(Scenario, SimulationOptions)"/>, with cancellation and progress (flights over all runs).</summary>
    public static IReadOnlyList<SimulationResult> RunSweep(Scenario scenario, SimulationOptions options,
        CancellationToken cancellationToken, IProgress<SimulationProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Parameters.BufferSweepNm.Count == 0) return [new WhatIfSimulator(scenario, options).Run(cancellationToken, progress)];
        return Sweeps.Run(scenario, options, SweepParameter.BufferNm, scenario.Parameters.BufferSweepNm, cancellationToken, progress).Points.Select(p => p.Result).ToList();
    }

    /// <summary>The simulator's own assumptions, in words.</summary>
    public static IReadOnlyList<string> SimulatorAssumptions(ScenarioParameters p) =>
    [
        "the route with no closure is the direct WGS84 geodesic or, when that is beyond the type's range with reserves, the two legs through the technical stop chosen with no closure; extras are the flown route's figures minus that route's",
        "the scheduled departure is the take-off time; times along the route come from the cost model's cruise ground speed",
        "a closure counts for a flight if it is active at any moment the flight would be inside its lateral limits plus buffer (buffer entry found by sampling every 5 km)",
        "when closures with different buffers are active together, the route keeps each closure's own buffer from it (an airspace closed by two active closures keeps the larger of their two)",
        "an airport ban closes the airports inside the lateral limits at every level; an overflight ban binds a departure or arrival there when its band reaches down to any level from the surface to cruise",
        "an aircraft already inside a closure's limits at its notice time continues on its planned route",
        "a diversion or technical stop goes to an open large or medium airport (any of them can take any type); a diversion to the one nearest by the route around the closures; passengers' onward travel is not costed",
        $"a technical stop adds {p.TechStopGroundMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes on the ground (to the extra minutes, not to the cost); a cancelled flight has no extras (the cost of cancelling is not modelled)",
        "the range check applies to the route planned before departure, not to an in-flight reroute",
    ];

    private FlightResult SimulateSafe(Flight f)
    {
        try { return Simulate(f); }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or NotSupportedException or InvalidOperationException)
        {
            return Error(f, f.Origin, f.Destination, OutcomeReason.Failed, Infrastructure.ExceptionText.OneLine(e));
        }
    }

    private static FlightResult Error(Flight f, string from, string to, OutcomeReason code, string reason) => new()
    {
        Flight = f, From = from, To = to, Outcome = FlightOutcome.Error, ReasonCode = code, Reason = reason,
    };

    // An end of a flight; V is its unit vector, computed once for the closure tests.
    private readonly record struct End(string Code, GeoPoint Point, Airport? Airport)
    {
        public Spherical.Vec3 V { get; } = Spherical.Vec3.FromGeo(Point);
    }

    private const int MaxCachedEnds = 1 << 16;

    private bool TryResolve(string text, out End end, out string error)
    {
        if (_shared.Ends.TryGetValue(text, out end)) { error = ""; return true; }
        if (!TryResolveUncached(text, out end, out error)) return false;
        if (_shared.Ends.Count < MaxCachedEnds) _shared.Ends.TryAdd(text, end);
        return true;
    }

    private bool TryResolveUncached(string text, out End end, out string error)
    {
        var t = text.Trim();
        if (_options.Airports.TryGet(t, out var a)) { end = new End(a.Code, a.Location, a); error = ""; return true; }
        try
        {
            var (code, p) = _options.Airports.Resolve(t);
            end = new End(code, p, null); error = ""; return true;
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException)
        {
            end = default; error = e.Message; return false;
        }
    }

    // What the cost model says of a type designator, asked once per designator (the model is immutable).
    private sealed class TypeEntry(AircraftProfile? profile, string error)
    {
        private double _rangeKm = double.NaN; // computed on first use: a cancelled flight never needs it
        public AircraftProfile? Profile { get; } = profile;
        public string Error { get; } = error;
        public double RangeKm(IFlightCostModel cost, CostParameters p)
        {
            double r = Volatile.Read(ref _rangeKm);
            if (double.IsNaN(r)) Volatile.Write(ref _rangeKm, r = cost.MaxRangeKm(Profile!, p));
            return r;
        }
    }

    // Looked up first: GetOrAdd's lambda captures the simulator, so passing it would allocate a delegate per flight.
    private TypeEntry TypeOf(string typeIcao) => _types.TryGetValue(typeIcao, out var e) ? e
        : _types.GetOrAdd(typeIcao, t => _cost.TryGetType(t, out var profile, out var err) ? new TypeEntry(profile, "") : new TypeEntry(null, err));

    // The per-flight state the steps share: a struct passed by reference (no allocation per flight).
    private readonly record struct Ctx(Flight Flight, AircraftProfile Type, int Fl, End Origin, End Destination, ulong Applicable);

    private FlightResult Simulate(Flight f)
    {
        if (!TryResolve(f.Origin, out var o, out var err)) return Error(f, f.Origin, f.Destination, OutcomeReason.UnknownAirport, $"origin: {err}");
        if (!TryResolve(f.Destination, out var d, out err)) return Error(f, o.Code, f.Destination, OutcomeReason.UnknownAirport, $"destination: {err}");
        var typeEntry = TypeOf(f.AircraftType);
        if (typeEntry.Profile is not { } type) return Error(f, o.Code, d.Code, OutcomeReason.UnknownAircraftType, typeEntry.Error);
        if (o.Point == d.Point) return Error(f, o.Code, d.Code, OutcomeReason.Failed, "origin and destination are the same place");
        int fl = f.CruiseFl ?? type.DefaultCruiseFl;
        ulong applicable = 0;
        for (int i = 0; i < _closures.Length; i++)
            if (_closures[i].AppliesTo.AppliesTo(f.Airline, f.OperatorState)) applicable |= 1UL << i;
        var x = new Ctx(f, type, fl, o, d, applicable);
        var p = _scenario.Parameters.Cost;
        double directKm = Wgs84.DistanceM(o.Point, d.Point) / 1000;

        DateTime dep = f.DepartureUtc;
        ulong known = Known(applicable, dep);
        ulong originBound = AirportBound(x, o, dep, known);
        if (originBound != 0)
            return Base(x, directKm) with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.OriginClosed, Why = ($"origin {o.Code} is closed to it at departure {Iso(dep)} by {string.Join(", ", Ids(originBound))}", Ids(originBound)) };

        var leg = FixedPoint(x, o.Point, d.Point, dep, Candidates(known, fl), 0, directKm, o.V, d.V);
        if (leg.Status == RouteStatus.Unreachable)
        {
            // An end inside an overflight closure: say it as the airport rule does, when it applies at arrival.
            // Its arrival is the direct route's (there is no route to time): said, as every other cancellation says its time.
            DateTime arrU = dep.AddMinutes(Minutes(x, ref leg));
            ulong destBoundU = AirportBound(x, d, null, known) == 0 ? 0 : AirportBound(x, d, arrU, known);
            if (destBoundU != 0)
                return Base(x, directKm) with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.DestinationClosed, Why = ($"destination {d.Code} is closed to it at arrival {Iso(arrU)} by {string.Join(", ", Ids(destBoundU))}", Ids(destBoundU)) };
            return Base(x, directKm) with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.NoRoute, Why = ($"no route around {string.Join(", ", Ids(leg.Set))}: {leg.Reason}", Ids(leg.Set)) };
        }
        // The range is judged on the route planned at departure: a flight that cannot fly it non-stop plans a technical
        // stop before take-off (it is never airborne on a non-stop it could not fly, so a later notice cannot reroute it).
        // Judged before the destination: its arrival is through its stop (TechStop), not the non-stop's, which cancelled
        // MIA-LIM on an E190 for a closure of LIM from 15:00 to 15:40 at the non-stop's 15:02, though through XMS it lands at 16:02.
        var reach = ReachOf(x, typeEntry);
        if (!InRange(x, ref leg, leg.RouteKm!.Value, reach))
            return TechStop(x, Base(x, directKm), leg, dep, reach, directKm);

        // Arrival time only when it can matter: a closure that could close the destination, or one announced later.
        bool later = _lastNoticeUtc > dep;
        ulong destBound = 0;
        DateTime arr = default;
        if (later || AirportBound(x, d, null, known) != 0)
        {
            arr = dep.AddMinutes(Minutes(x, ref leg));
            destBound = AirportBound(x, d, arr, known);
        }
        if (destBound != 0)
            return Base(x, directKm) with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.DestinationClosed, Why = ($"destination {d.Code} is closed to it at arrival {Iso(arr)} by {string.Join(", ", Ids(destBound))}", Ids(destBound)) };

        // In flight: the closures announced after take-off, in notice order, while still airborne.
        var air = later ? Fly(x, leg, dep, arr, known) : Airborne.Planned(leg, dep, arr, known);
        if (air.Diverts)
            return Divert(x, Base(x, directKm), air.Prefix!, air.DivertAt, air.DivertTime, air.DivertKnown, air.DivertBound, air.EndBound, d, [], [], 0, "", inside: air.DivertInside);
        ref var current = ref air.Current;
        ulong bound = air.Bound;
        GeoPoint? inFlightAt = air.InFlightAt;

        // The path is made only off the common path: a flight flying its direct route keeps its two ends in its result.
        IReadOnlyList<GeoPoint>? rerouted = air.Rerouted ? air.Path() : null;
        double routeKm = rerouted is null ? current.RouteKm!.Value : air.Km(rerouted);
        DateTime arrival = air.Arrival == default ? dep.AddMinutes(Minutes(x, ref current)) : air.Arrival;
        if (bound == 0)
        {
            var flies = rerouted is null && current.IsDirect ? BaseDirect(x, directKm, routeKm, current.DirectEnds, arrival)
                : Base(x, directKm, routeKm, rerouted ?? current.Waypoints, arrival);
            return air.ContinuedIn == 0 ? flies : flies with
            {
                Reason = $"inside {string.Join(", ", Ids(air.ContinuedIn))} when it was announced at {Iso(air.ContinuedAt)}: continues on its planned route",
            };
        }
        var path = rerouted ?? current.Waypoints;
        var flownCost = _cost.Estimate(type, path, fl, p);
        var (baseline, fasterThanDirect) = RerouteBaseline(x, directKm, routeKm, flownCost);
        string faster = fasterThanDirect ? "; in the wind it is faster than the direct route, so it costs nothing against it" : "";
        var result = Base(x, directKm) with
        {
            Outcome = inFlightAt != null ? FlightOutcome.ReroutedInFlight : FlightOutcome.Rerouted,
            ReasonCode = inFlightAt != null ? OutcomeReason.ClosedWhileAirborne : OutcomeReason.OverflightBanned,
            Why = (inFlightAt != null
                ? $"rerouted in flight at {Iso(air.InFlightTime!.Value)} from {inFlightAt} around {string.Join(", ", Ids(bound))}{faster}"
                : $"flies around {string.Join(", ", Ids(bound))}{faster}", Ids(bound)),
            RouteKm = routeKm, Waypoints = ReadOnlyLists.Of(path), ArrivalUtc = arrival,
            InFlight = (inFlightAt, air.InFlightTime),
        };
        result = WithExtras(result, x, [flownCost], 0, baseline: baseline);
        return inFlightAt == null && _routeWind != null ? WithShortest(result, x, current, flownCost, baseline) : result;
    }

    // A leg from take-off to landing under the closures announced while it is airborne, in notice order: each notice
    // whose closures bind the rest of the route replans it from the aircraft's position then (a position along the WGS84
    // leg, not a waypoint), and one that closes the leg's end to it, or leaves it no route, calls for a diversion. The
    // leg's end is x.Destination: the flight's destination, or its technical stop (TechStop). The one loop for a
    // non-stop flight and for each leg of a stopping one, which were planned at take-off and then flown through a
    // closure announced on the way.
    private struct Airborne
    {
        public List<GeoPoint>? Flown;            // the route flown before the last in-flight reroute
        public Leg Current;                      // the plan flown from CurrentStart to the leg's end
        public DateTime CurrentStart, Arrival;   // Arrival: default when nothing could change it (no later notice)
        public ulong Bound, Known;               // the closures flown around; those known so far
        public GeoPoint? InFlightAt; public DateTime? InFlightTime; // the last in-flight reroute
        public ulong ContinuedIn; public DateTime ContinuedAt;      // closures it was inside when announced, and when
        public bool Diverts;                     // then: the leg flown up to DivertAt (Prefix, ending there) at DivertTime
        public List<GeoPoint>? Prefix;
        public GeoPoint DivertAt; public DateTime DivertTime;
        public ulong DivertKnown, DivertBound, EndBound; // the closures known then, flown around or closing the end, closing the end
        public ulong DivertInside;               // the closures it was inside then (the diversion leaves them by the shortest way)

        public static Airborne Planned(in Leg leg, DateTime start, DateTime arrival, ulong known) =>
            new() { Current = leg, CurrentStart = start, Arrival = arrival, Bound = leg.Set, Known = known };

        public bool Rerouted => Flown is { Count: > 0 };

        // The leg as flown: the part before the last reroute, then the plan flown since (made only for a rerouted leg);
        // and the length of that path.
        public IReadOnlyList<GeoPoint> Path() => Rerouted ? Flown!.Concat(Current.Waypoints).ToList() : Current.Waypoints;
        public double Km(IReadOnlyList<GeoPoint> path) => Rerouted ? PathKm(path) : Current.RouteKm!.Value;

        // The route flown up to pos on the current plan's leg legIndex, ending at pos.
        public List<GeoPoint> FlownTo(int legIndex, GeoPoint pos) => (Flown ?? []).Concat(Current.Waypoints.Take(legIndex + 1)).Append(pos).ToList();

        // A diversion from pos at the notice (prefix: FlownTo); endShut the closures closing the leg's end.
        public void DivertFrom(List<GeoPoint> prefix, GeoPoint pos, DateTime notice, ulong known, ulong endShut, ulong inside)
        {
            Diverts = true; Prefix = prefix; DivertAt = pos; DivertTime = notice;
            DivertKnown = known; DivertBound = Bound | endShut; EndBound = endShut; DivertInside = inside;
        }
    }

    // dwellMinutes: a technical stop's time on the ground; the stop must then be open to its departure too (a closure
    // announced on the first leg that shuts the stop while the flight would be on the ground diverts it, as BestStop
    // rules such a stop out before take-off; it landed and was cancelled there).
    private Airborne Fly(in Ctx x, in Leg leg, DateTime dep, DateTime arr, ulong known, double dwellMinutes = 0)
    {
        var a = Airborne.Planned(leg, dep, arr, known);
        var d = x.Destination;
        int fl = x.Fl;
        foreach (var notice in Notices(x.Applicable, dep))
        {
            if (notice >= a.Arrival) break;
            ulong knownNow = Known(x.Applicable, notice);
            var (pos, legIndex) = PositionAt(x, ref a.Current, a.CurrentStart, notice);
            // An aircraft inside a closure when it is announced continues through it; that closure is left out of the
            // plan from here (from inside it, the planner would find no route), but the others announced with it are
            // not: an aircraft inside one of them used to ignore every closure of that notice and fly through the rest.
            // Inside means inside the closed volume: over a band that does not hold its level it is not (and the notice
            // is judged, its end included: SFC-FL200 round the destination, announced with the aircraft above it, closes
            // the destination to it; taken as inside, the flight landed there).
            ulong inside = InsideActive(knownNow, pos, notice) & Candidates(knownNow, fl), fresh = knownNow & ~a.Known;
            ulong binding = fresh & inside & Candidates(fresh, fl); // those whose band holds its level: the reason names them
            if (binding != 0 && a.ContinuedIn == 0) a.ContinuedAt = notice;
            a.ContinuedIn |= binding;
            if ((fresh & ~inside) == 0)
            {
                // Inside every closure announced: it continues through them, but not to land where one of them closes
                // its end (a box of all levels round SNU announced 20 minutes out landed MIA-SNU there, "unaffected").
                ulong endShut = EndShut(x, d, a.Arrival, knownNow, dwellMinutes);
                if (endShut != 0)
                {
                    a.DivertFrom(a.FlownTo(legIndex, pos), pos, notice, knownNow, endShut, inside);
                    return a;
                }
                a.Known = knownNow;
                continue;
            }
            var next = FixedPoint(x, pos, d.Point, notice, Candidates(knownNow & ~inside, fl), a.Bound);
            DateTime arr2 = notice.AddMinutes(Minutes(x, ref next));
            ulong destNow = next.Status == RouteStatus.Unreachable ? AirportBound(x, d, notice, knownNow) : EndShut(x, d, arr2, knownNow, dwellMinutes);
            var prefix = a.FlownTo(legIndex, pos);
            if (destNow != 0 || next.Status == RouteStatus.Unreachable)
            {
                a.DivertFrom(prefix, pos, notice, knownNow, destNow, inside);
                return a;
            }
            a.Known = knownNow;
            if (next.Set == a.Bound) continue;
            a.Flown = prefix;
            a.Flown.RemoveAt(a.Flown.Count - 1); // the position is the new plan's first waypoint
            a.Current = next; a.CurrentStart = notice; a.Bound = next.Set; a.Arrival = arr2;
            a.InFlightAt = pos; a.InFlightTime = notice;
        }
        return a;
    }

    // The closures that close the leg's end to it when it lands at `arrival`, or (a stop) when it would leave again.
    private ulong EndShut(in Ctx x, End end, DateTime arrival, ulong known, double dwellMinutes) =>
        AirportBound(x, end, arrival, known) | (dwellMinutes > 0 ? AirportBound(x, end, arrival.AddMinutes(dwellMinutes), known) : 0);

    // The base of a rerouted flight's extras. Choosing routes by time (the realism layer's wind-optimal routes), the
    // route it flies is open with no closure too, so a plan that minimises time with no closure is at least as fast:
    // when the flown route beats the direct route in the wind (a detour into a jet: FRA-HKG round Russia's FIRs in the
    // eurasia-january climatology, 0.8 minutes and 118 kg faster), the route with no closure is taken as the flown
    // one and the closure costs nothing, never a saving (ValidationTests takes its before route so too). The exact
    // wind-optimal route with no closure (a curve, Zermelo's problem) is not in the visibility graph, which has only the
    // direct route to offer; these extras are then lower bounds. Choosing by distance, the direct route stays the base:
    // there the flight would fly it with no closure, and a detour's tailwind is a real gain of that choice.
    private (Figures Base, bool FasterThanDirect) RerouteBaseline(in Ctx x, double directKm, double routeKm, FlightCost flown)
    {
        var b = Baseline(x, directKm);
        return _routeWind != null && b.Stop is null && flown.BlockMinutes < b.BlockMinutes
            ? (new Figures(routeKm, flown.BlockMinutes, flown.FuelKg, flown.Co2Kg, flown.CostUsd), true)
            : (b, false);
    }

    // The unaffected result, the base of every other: built only when returned (a method, not a local function, so that
    // no closure object is allocated per flight; most flights take this one allocation).
    private static FlightResult Base(in Ctx x, double directKm, double? routeKm = null, IReadOnlyList<GeoPoint>? waypoints = null,
        DateTime? arrivalUtc = null) => new()
    {
        Flight = x.Flight, From = x.Origin.Code, To = x.Destination.Code, Outcome = FlightOutcome.Unaffected, ReasonCode = OutcomeReason.NotBound,
        Reason = FlightResult.NotBoundReason, CruiseFl = x.Fl, DirectKm = directKm, RouteKm = routeKm, Waypoints = waypoints is null ? [] : ReadOnlyLists.Of(waypoints), ArrivalUtc = arrivalUtc,
    };

    // The unaffected result of a flight on its direct route: its ends held in the result, no waypoint list.
    private static FlightResult BaseDirect(in Ctx x, double directKm, double routeKm, (GeoPoint From, GeoPoint To) ends, DateTime arrivalUtc) => new()
    {
        Flight = x.Flight, From = x.Origin.Code, To = x.Destination.Code, Outcome = FlightOutcome.Unaffected, ReasonCode = OutcomeReason.NotBound,
        Reason = FlightResult.NotBoundReason, CruiseFl = x.Fl, DirectKm = directKm, RouteKm = routeKm, DirectPath = ends, ArrivalUtc = arrivalUtc,
    };

    // A flight rerouted before departure, its route chosen by time: the shortest route around the same closures, flown
    // in the same wind, beside it (its extra km and minutes against the same base, RerouteBaseline) and the minutes saved.
    private FlightResult WithShortest(FlightResult r, in Ctx x, in Leg fastest, FlightCost fastestCost, Figures b)
    {
        var shortest = Shortest(fastest.Set, x.Origin.Point, x.Destination.Point);
        if (shortest.Status == RouteStatus.Unreachable || shortest.RouteKm is not { } km) return r with { ChosenBy = RouteChoice.Time };
        bool same = shortest.Waypoints.SequenceEqual(fastest.Waypoints);
        var p = _scenario.Parameters.Cost;
        var s = same ? fastestCost : _cost.Estimate(x.Type, shortest.Waypoints, x.Fl, p);
        return r with
        {
            ChosenBy = RouteChoice.Time,
            ShortestExtraKm = Round((km - b.Km) * (p.RouteEfficiencyFactor ?? 1), 1),
            ShortestExtraMinutes = Round(s.BlockMinutes - b.BlockMinutes, 1),
            // Rounded once from the unrounded difference (not as the difference of two rounded figures).
            MinutesSavedByTime = same ? 0 : Round(s.BlockMinutes - fastestCost.BlockMinutes, 1),
        };
    }

    // The plan → timing → active set loop: plan around the set, time the route, add every candidate closure active
    // while the flight would be inside it; repeat until nothing is added (at most one round per candidate).
    // A leg: planned (its RoutePlan), or direct with its length known (no planner call and no RoutePlan: most flights
    // take only this, so it holds just the two ends, their vectors and the length). Its times along the route
    // (cumulative minutes at each waypoint) are computed when first needed. A struct, passed by reference where its
    // caches are filled (a copy that misses them recomputes the same figures): one object per flight less.
    private struct Leg
    {
        private readonly RoutePlan? _plan;
        private readonly GeoPoint _from, _to; // a direct leg's ends, held in line: no [from, to] array per flight
        private readonly double _directKm;
        private readonly Spherical.Vec3 _v0, _v1; // the direct leg's ends' vectors
        private Spherical.Vec3[]? _v;

        public Leg(RoutePlan plan, ulong set) { _plan = plan; Set = set; DirectMinutes = double.NaN; }

        public Leg(GeoPoint from, GeoPoint to, double km, in Spherical.Vec3 fromV, in Spherical.Vec3 toV)
        {
            _from = from; _to = to; _directKm = km; _v0 = fromV; _v1 = toV; DirectMinutes = double.NaN;
        }

        public ulong Set { get; }
        public RouteStatus Status => _plan?.Status ?? RouteStatus.Direct;
        public string? Reason => _plan?.Reason;
        public double? RouteKm => _plan is null ? _directKm : _plan.RouteKm;
        // A new [from, to] for a direct leg (read only off the common path: a reroute, a diversion, a stop).
        public IReadOnlyList<GeoPoint> Waypoints => _plan is null ? new[] { _from, _to } : _plan.Waypoints;
        public bool IsDirect => _plan is null;
        public (GeoPoint From, GeoPoint To) DirectEnds => (_from, _to);
        // The path the closure tests walk (an unreachable plan's is its two ends), by index: no list for a direct leg.
        public int PathCount => _plan is null || _plan.Status == RouteStatus.Unreachable ? 2 : _plan.Waypoints.Count;
        public GeoPoint PathAt(int i) => _plan is null ? (i == 0 ? _from : _to)
            : _plan.Status == RouteStatus.Unreachable ? (i == 0 ? _plan.From : _plan.To) : _plan.Waypoints[i];
        public IReadOnlyList<GeoPoint> Path => _plan is null ? new[] { _from, _to } : _plan.Status == RouteStatus.Unreachable ? [_plan.From, _plan.To] : _plan.Waypoints;
        public IReadOnlyList<double> LegKm => _plan is null ? [_directKm] : _plan.Status == RouteStatus.Unreachable ? [_plan.DirectKm] : _plan.LegKm;
        public double LegKmAt(int i) => _plan is null ? _directKm : _plan.Status == RouteStatus.Unreachable ? _plan.DirectKm : _plan.LegKm[i];
        public Spherical.Vec3 V(int i) => _plan is null ? (i == 0 ? _v0 : _v1) : (_v ??= Path.Select(Spherical.Vec3.FromGeo).ToArray())[i];
        public double[]? CumMinutes { get; set; }
        public double DirectMinutes; // a direct leg's minutes, NaN until computed
    }

    private double[] Times(in Ctx x, ref Leg leg) => leg.CumMinutes ??= CumulativeMinutes(x, leg.Path, leg.LegKm);

    // The cumulative minutes at waypoint i: a direct leg's without an array (0 + its one leg's minutes, as the array's).
    private double CumMinutesAt(in Ctx x, ref Leg leg, int i)
    {
        if (!leg.IsDirect) return Times(x, ref leg)[i];
        if (i == 0) return 0;
        ref double m = ref leg.DirectMinutes;
        if (double.IsNaN(m)) m = 0.0 + LegMinutes(x, leg.PathAt(0), leg.PathAt(1), leg.LegKmAt(0));
        return m;
    }

    private double Minutes(in Ctx x, ref Leg leg) => leg.IsDirect ? CumMinutesAt(x, ref leg, 1) : Times(x, ref leg)[^1];

    private Leg FixedPoint(in Ctx x, GeoPoint from, GeoPoint to, DateTime start, ulong candidates, ulong set) =>
        FixedPoint(x, from, to, start, candidates, set, null, default, default);

    // directKm: the length of the direct route when known (then fromV and toV are the ends' vectors).
    private Leg FixedPoint(in Ctx x, GeoPoint from, GeoPoint to, DateTime start, ulong candidates, ulong set, double? directKm,
        in Spherical.Vec3 fromV, in Spherical.Vec3 toV)
    {
        while (true)
        {
            // With nothing to fly around, the route is the direct one and its length is known: no planner call.
            bool direct = set == 0 && directKm is not null;
            var leg = direct ? new Leg(from, to, directKm!.Value, fromV, toV) : new Leg(PlanRoute(x, set, from, to), set);
            if (leg.Status == RouteStatus.Unreachable) return leg;
            ulong added = 0;
            for (ulong rest = candidates & ~set; rest != 0; rest &= rest - 1)
            {
                int i = System.Numerics.BitOperations.TrailingZeroCount(rest);
                if (InsideWhileActive(x, i, ref leg, start)) added |= 1UL << i;
            }
            if (added == 0) added = AlongSharedBorders(x, ref leg, start, candidates, set);
            if (added == 0) return leg;
            set |= added;
        }
    }

    // Closures the leg avoids one by one but not together: it runs along a border that two active closures share,
    // which is inside the closed area they form. The planner merges touching closures (no route slips along a shared
    // border), so both join the set. Exact in space and time: the leg's stretches strictly inside the merged area
    // (its holes, enclaves free of both, subtracted) less those strictly inside either closure alone (InsideWhileActive's,
    // which has added every closure active there) are where the leg is on the border; a stretch counts if both
    // closures are active at one moment while the leg is on it (its times from the leg's own timing, as
    // InsideWhileActive's). A leg starting or ending on the border counts at that moment. Only unbuffered closures:
    // with a buffer the leg is within it and InsideWhileActive has added the closure already.
    private ulong AlongSharedBorders(in Ctx x, ref Leg leg, DateTime start, ulong candidates, ulong set)
    {
        int count = leg.PathCount;
        ulong near = 0;
        for (ulong rest = candidates; rest != 0; rest &= rest - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(rest);
            if (_closures[i].BufferNm != 0) continue;
            for (int s = 0; s + 1 < count && (near & (1UL << i)) == 0; s++)
            {
                var crosser = new Spherical.EdgeCrosser(leg.V(s), leg.V(s + 1));
                for (int k = 0; k < _caps[i].Length; k++)
                    if (crosser.MayHitCap(_caps[i][k].Center, _caps[i][k].Cos)) { near |= 1UL << i; break; }
            }
        }
        if (System.Numerics.BitOperations.PopCount(near) < 2 || (near & ~set) == 0) return 0;
        ulong added = 0;
        for (ulong ri = near; ri != 0; ri &= ri - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(ri);
            for (ulong rj = ri & (ri - 1); rj != 0; rj &= rj - 1)
            {
                int j = System.Numerics.BitOperations.TrailingZeroCount(rj);
                ulong pair = (1UL << i) | (1UL << j);
                if ((pair & ~set & ~added) == 0) continue;
                var merged = _shared.Pairs.GetOrAdd((i, j), Pair);
                if (merged is null) continue;
                bool onBorder = false;
                for (int s = 0; s + 1 < count && !onBorder; s++)
                    onBorder = OnSharedBorderWhileBothActive(x, ref leg, start, s, merged, _closures[i], _closures[j]);
                if (onBorder) added |= pair & ~set;
            }
        }
        return added;
    }

    // Whether segment s of the leg is on the border of closures a and b (strictly inside their merged limits, in
    // neither alone) at a moment when both are active.
    private bool OnSharedBorderWhileBothActive(in Ctx x, ref Leg leg, DateTime start, int s, LateralLimits merged, Closure a, Closure b)
    {
        double km = leg.LegKmAt(s);
        if (km <= 0) return false;
        var stretches = merged.Stretches(leg.V(s), leg.V(s + 1));
        if (stretches.Count == 0) return false;
        // Both active together: their common window [latest start, earliest end).
        DateTime from = a.StartUtc > b.StartUtc ? a.StartUtc : b.StartUtc;
        DateTime? until = a.EndUtc is { } ea ? (b.EndUtc is { } eb1 && eb1 < ea ? eb1 : ea) : b.EndUtc;
        if (until is { } u0 && u0 <= from) return false;
        var path = leg.Path; // rare: two closures that touch near the leg
        var own = new List<(double From, double To)>();
        foreach (var c in new[] { a, b })
            foreach (var airspace in c.Airspaces)
                foreach (var iv in airspace.Cross(path[s], path[s + 1]).Intervals) own.Add((iv.EntryFraction, iv.ExitFraction));
        own.Sort();
        double cumS = CumMinutesAt(x, ref leg, s), perKm = (CumMinutesAt(x, ref leg, s + 1) - cumS) / km;
        double arcRad = Spherical.Vec3.Angle(leg.V(s), leg.V(s + 1));
        foreach (var st in stretches)
        {
            // The stretch less the parts inside a or b alone: what is left is on the border.
            double f = st.EntryFraction;
            foreach (var (o0, o1) in own.Append((double.PositiveInfinity, double.PositiveInfinity)))
            {
                double g = Math.Min(o0, st.ExitFraction);
                // A piece of the border, or the leg's own end on it (a point: the stretch starts or ends there);
                // slivers the two closures' separately computed crossings of their common edge leave are not.
                bool piece = g > f && (g - f) * arcRad > Spherical.SphericalRegion.MergeToleranceRad;
                bool end = (f == 0 && st.StartsInside && s == 0 && (own.Count == 0 || own[0].From > 0)) ||
                           (g == 1 && st.EndsInside && s + 2 == path.Count && (own.Count == 0 || own.Max(o => o.To) < 1));
                if ((piece || end) && f <= g)
                {
                    DateTime t0 = start.AddMinutes(cumS + f * km * perKm), t1 = start.AddMinutes(cumS + g * km * perKm);
                    if (t1 >= from && (until is not { } u || t0 < u)) return true;
                }
                if (o1 > f) f = o1;
                if (f >= st.ExitFraction) break;
            }
        }
        return false;
    }

    // The planners and the merge rule know airspaces by id (Planner's DistinctBy, Pair's id sets): two different areas
    // under one id, e.g. an inline polygon named SVZM beside the bundled SVZM, would silently lose one of them when both
    // closures are active. The same area reached twice (one id named by two closures) is fine.
    private static void CheckAirspaceIds(string scenario, Closure[] closures)
    {
        var seen = new Dictionary<string, (Airspace Area, string Closure)>(StringComparer.Ordinal);
        foreach (var c in closures)
            foreach (var a in c.Airspaces)
            {
                if (!seen.TryGetValue(a.Id, out var first)) { seen[a.Id] = (a, c.Id); continue; }
                if (ReferenceEquals(first.Area, a) || first.Area.SharedGeometry.EqualsExact(a.SharedGeometry)) continue;
                throw new ArgumentException($"scenario '{scenario}': airspace id '{a.Id}' names two different areas (in closure '{first.Closure}' and in closure '{c.Id}'); " +
                                            "give an inline polygon an id of its own (\"id\" of its Feature), since results and merges know airspaces by id");
            }
    }

    // The two closures' limits merged, if the planner merges them (they touch or overlap), else null.
    private LateralLimits? Pair((int I, int J) p)
    {
        var (a, b) = (_closures[p.I].Airspaces, _closures[p.J].Airspaces);
        var limits = LateralLimits.Of(Airspaces((1UL << p.I) | (1UL << p.J)));
        var left = a.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var right = b.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return limits.Merges(left.Contains, right.Contains) ? limits : null;
    }

    // The route around `set`: the fastest in the wind when the simulator chooses by time, else the shortest.
    private RoutePlan PlanRoute(in Ctx x, ulong set, GeoPoint from, GeoPoint to) =>
        _routeWind is null ? Shortest(set, from, to) : Planner(set).PlanFastest(from, to, WindRoute(x));

    // The planner's shortest route around `set`, computed once per pair (Routes). An exception (antipodal ends) is
    // not kept: it is thrown again by the next call.
    private RoutePlan Shortest(ulong set, GeoPoint from, GeoPoint to)
    {
        var planner = Planner(set);
        var key = new RouteKey(planner, from, to);
        if (_shared.Routes.TryGetValue(key, out var plan)) return plan;
        plan = planner.Plan(from, to);
        return _shared.Routes.Count < MaxCachedRoutes ? _shared.Routes.GetOrAdd(key, plan) : plan;
    }

    // The cruise true airspeed is the model's ground speed in still air on the direct route (it depends on the type,
    // the level and the speed factor only).
    private WindRouteOptions WindRoute(in Ctx x)
    {
        var (type, fl, from, to) = (x.Type, x.Fl, x.Origin.Point, x.Destination.Point);
        return _windRoutes.GetOrAdd((type.TypeIcao, fl), _ =>
        {
            var still = _scenario.Parameters.Cost with { WindField = null, WindKt = null, WindFromDeg = null, RouteEfficiencyFactor = null };
            double tasKt = _cost.GroundSpeedKt(type, fl, from, to, still);
            return new WindRouteOptions(_routeWind!, tasKt, fl);
        });
    }

    private double[] CumulativeMinutes(in Ctx x, IReadOnlyList<GeoPoint> path, IReadOnlyList<double> legKm)
    {
        var cum = new double[path.Count];
        for (int i = 0; i + 1 < path.Count; i++) cum[i + 1] = cum[i] + LegMinutes(x, path[i], path[i + 1], legKm[i]);
        return cum;
    }

    private double LegMinutes(in Ctx x, GeoPoint p, GeoPoint q, double km)
    {
        double gs = _cost.GroundSpeedKt(x.Type, x.Fl, p, q, _scenario.Parameters.Cost);
        if (!(gs > 0) || !double.IsFinite(gs)) throw new InvalidOperationException(FormattableString.Invariant($"the cost model gave ground speed {gs} kt for {x.Type.TypeIcao} at FL{x.Fl}"));
        return km / (gs * Units.MetresPerNm / 1000 / 60);
    }

    private bool InsideWhileActive(in Ctx x, int ci, ref Leg leg, DateTime start)
    {
        var c = _closures[ci];
        double bufKm = c.BufferNm * Units.MetresPerNm / 1000;
        int count = leg.PathCount;
        for (int i = 0; i + 1 < count; i++)
        {
            GeoPoint p = leg.PathAt(i), q = leg.PathAt(i + 1);
            double km = leg.LegKmAt(i);
            if (km <= 0) continue;
            var crosser = new Spherical.EdgeCrosser(leg.V(i), leg.V(i + 1));
            for (int k = 0; k < c.Airspaces.Count; k++)
            {
                var a = c.Airspaces[k];
                if (bufKm == 0 && !crosser.MayHitCap(_caps[ci][k].Center, _caps[ci][k].Cos)) continue;
                // With a buffer, the airspace's cap widened by it (GrazeReachRad): a leg that misses it neither enters
                // the airspace nor comes within the buffer of it.
                double reachRad = bufKm == 0 ? 0 : GrazeReachRad(a, bufKm);
                if (bufKm > 0 && reachRad < Math.PI / 2 && !crosser.MayHitCap(a.Region.Center, Spherical.CapBound.CapCos(reachRad))) continue;
                var legKey = new LegKey(ci, k, p, q);
                var cross = CrossOf(legKey, a, p, q);
                if (!cross.Crosses && bufKm == 0) continue;
                // Timing only for a leg that meets the closure.
                double cumI = CumMinutesAt(x, ref leg, i), perKm = (CumMinutesAt(x, ref leg, i + 1) - cumI) / km;
                foreach (var iv in cross.Intervals)
                {
                    double s0 = Math.Max(0, iv.EntryFraction * km - bufKm), s1 = Math.Min(km, iv.ExitFraction * km + bufKm);
                    if (c.IsActiveDuring(start.AddMinutes(cumI + s0 * perKm), start.AddMinutes(cumI + s1 * perKm))) return true;
                }
                if (bufKm > 0 && !cross.Crosses && GrazesWhileActive(legKey, p, q, km, bufKm, reachRad, start.AddMinutes(cumI), perKm)) return true;
            }
        }
        return false;
    }

    // With a buffer, a leg can pass within the buffer without entering the airspace: sample it (the geometry stays
    // exact in the planner; only the moment of entry is sampled). The leg's great circle is followed on the sphere.
    // True when some sample k of the leg (k = 0..n, every SampleKm or less) is within the buffer of the airspace's
    // boundary (GrazeSamples) while the closure is active in the minutes around it.
    // The caller has found that the leg may reach the airspace's cap widened by the buffer (reachRad, GrazeReachRad).
    private bool GrazesWhileActive(LegKey leg, GeoPoint p, GeoPoint q, double km, double bufKm, double reachRad, DateTime t0, double perKm)
    {
        var c = _closures[leg.Closure];
        // Every sample's window lies in the leg's window widened by a minute (far more than the ticks DateTime rounds
        // to): a closure inactive over it is inactive at every sample, whatever the distances. The distances are the
        // costly part, so they come after the activity test, and once per leg (they do not depend on the times).
        if (!c.IsActiveDuring(t0.AddMinutes(-SampleKm * perKm - 1), t0.AddMinutes((km + SampleKm) * perKm + 1))) return false;
        int n = Math.Max(1, (int)Math.Ceiling(km / SampleKm));
        var key = new GrazeKey(leg, bufKm, km);
        if (!_shared.Grazes.TryGetValue(key, out var within))
        {
            within = GrazeSamples(c.Airspaces[leg.Airspace], Spherical.Vec3.FromGeo(p), Spherical.Vec3.FromGeo(q), n, bufKm, reachRad);
            if (_shared.Grazes.Count < MaxCachedGrazes) within = _shared.Grazes.GetOrAdd(key, within);
        }
        foreach (int k in within)
        {
            double s = km * k / n;
            var t = t0.AddMinutes(s * perKm);
            if (c.IsActiveDuring(t.AddMinutes(-SampleKm * perKm), t.AddMinutes(SampleKm * perKm))) return true;
        }
        return false;
    }

    // The leg's crossings of the airspace, computed once per leg (Crossings). An exception (antipodal ends) is not kept.
    private Airspaces.RouteCrossing CrossOf(in LegKey leg, Airspace a, GeoPoint p, GeoPoint q)
    {
        if (_shared.Crossings.TryGetValue(leg, out var cross)) return cross;
        cross = a.Cross(p, q);
        return _shared.Crossings.Count < MaxCachedCrossings ? _shared.Crossings.GetOrAdd(leg, cross) : cross;
    }

    // Only points within the airspace's bounding cap widened by the buffer (with 1 % to spare: a WGS84 length is at
    // least 0.9944 R times its angle) can be within the buffer of its boundary.
    private static double GrazeReachRad(Airspace a, double bufKm) => a.Region.CapRadiusRad + bufKm / Sphere.MeanRadiusKm * 1.01;

    // The samples k = 0..n of the leg pv→qv (at fraction k/n along its great circle) whose WGS84 distance to the sphere-
    // nearest point of the airspace's boundary is at most bufKm, in increasing order. Samples are stepRad apart on the
    // sphere and the distance to the boundary changes by at most that per step, while the WGS84 length of a line is at
    // least 0.99 R times its angle (the least radius of curvature b²/a is 0.9944 R, see TighterBound): a sample D from
    // the boundary rules out the next j samples while 0.99 R (D − j stepRad) > bufKm, so they are skipped (none of
    // them is within). Likewise a sample farther than reachRad from the cap's centre.
    private static int[] GrazeSamples(Airspace a, in Spherical.Vec3 pv, in Spherical.Vec3 qv, int n, double bufKm, double reachRad)
    {
        var region = a.Region;
        double stepRad = Spherical.Vec3.Angle(pv, qv) / n;
        double bufRad = bufKm / (0.99 * Sphere.MeanRadiusKm);
        List<int>? within = null;
        for (int k = 0; k <= n; k++)
        {
            var v = Sphere.Intermediate(pv, qv, (double)k / n);
            if (Spherical.Vec3.Angle(v, region.Center) > reachRad) continue;
            // a.DistanceToBoundaryKm, keeping the angle for the skip.
            var pt = v.ToGeo();
            var nearest = a.NearestBoundary(pt);
            if (double.IsPositiveInfinity(nearest.Radians)) continue;
            // The WGS84 distance (Karney) only where it can be within the buffer: at a sphere angle D > bufRad it is at
            // least 0.9944 R D > 1.004 bufKm (the bound above, with 0.4 % to spare for rounding), so the sample is not
            // within and only the skip below applies, as it did when the distance was computed and found too long.
            double slackRad = nearest.Radians - bufRad;
            if (!(slackRad > 0) && Wgs84.DistanceM(pt, nearest.Nearest.ToGeo()) / 1000 <= bufKm) { (within ??= []).Add(k); continue; }
            if (slackRad > 0 && stepRad > 0) k += (int)Math.Min(n, Math.Max(0, Math.Ceiling(slackRad / stepRad) - 1));
        }
        return within is null ? [] : within.ToArray();
    }

    // Where the aircraft is at time t: on the leg it is flying, at the distance flown since its start, along the WGS84
    // geodesic of that leg (Karney's direct problem from the leg's start azimuth).
    private (GeoPoint Position, int LegIndex) PositionAt(in Ctx x, ref Leg leg, DateTime start, DateTime t)
    {
        double elapsed = (t - start).TotalMinutes;
        int count = leg.PathCount;
        int i = 0;
        while (i + 2 < count && CumMinutesAt(x, ref leg, i + 1) <= elapsed) i++;
        double cumI = CumMinutesAt(x, ref leg, i), legMin = CumMinutesAt(x, ref leg, i + 1) - cumI;
        double frac = legMin > 0 ? Math.Clamp((elapsed - cumI) / legMin, 0, 1) : 0;
        GeoPoint p = leg.PathAt(i), q = leg.PathAt(i + 1);
        var inv = Wgs84.Inverse(p, q);
        var r = Wgs84.Direct(p, inv.Azi1Deg, frac * inv.DistanceM);
        return (new GeoPoint(r.Lat2Deg, GeoPoint.NormalizeLonDeg(r.Lon2Deg)), i);
    }

    // A diversion from pos at the notice that closed the leg's end (`end`: the destination, or the technical stop the
    // first leg flies to) or left the leg no route. prefix: this leg as flown up to pos (ending there); earlierPath and
    // earlier: the legs flown before it (a stopping flight's first leg, ending at the stop where this leg starts) and
    // their costs, with groundMinutes at the stop; lead: what the reason says first (a stopping flight's range).
    // bound: the closures this leg flies around (the diversion's route starts from them); named: others that bind the
    // flight and are named with them (a stopping flight's: those that chose or moved its stop, the earlier leg's).
    private FlightResult Divert(in Ctx x, FlightResult baseResult, List<GeoPoint> prefix, GeoPoint pos, DateTime notice, ulong known,
        ulong bound, ulong destBound, End end, IReadOnlyList<GeoPoint> earlierPath, IReadOnlyList<FlightCost> earlier, double groundMinutes, string lead,
        ulong named = 0, ulong inside = 0)
    {
        var cands = Candidates(known, x.Fl);
        // From inside a closure (announced while it was there) the way out is through it, as the flight continues
        // through it on its route: the diversion is planned without it, and the recovery flight around it again.
        var candsOut = Candidates(known & ~inside, x.Fl);
        bool toStop = end.Point != x.Destination.Point;
        string endIs = toStop ? $"technical stop {end.Code}" : $"destination {x.Destination.Code}";
        (Airport A, Leg L)? best = null;
        double bestKm = double.PositiveInfinity;
        // Best first by a lower bound of the route length (0.99 × the great-circle distance bounds the WGS84 one).
        var pv = Spherical.Vec3.FromGeo(pos);
        foreach (var (a, _, lb) in ByLowerBound(pv, null))
        {
            if (lb >= bestKm) break;
            // Not the stop that closed, nor (from a first leg) the destination: flying on there is not a diversion.
            if (a.Location == end.Point || a.Location == x.Destination.Point || !(_options.CanTake?.Invoke(a, x.Type) ?? true)) continue;
            var l = FixedPoint(x, pos, a.Location, notice, candsOut, bound & ~destBound & ~inside);
            if (l.Status == RouteStatus.Unreachable || l.RouteKm is not { } km || km >= bestKm) continue;
            if (AirportBound(x, new End(a.Code, a.Location, a), notice.AddMinutes(Minutes(x, ref l)), known) != 0) continue;
            best = (a, l); bestKm = km;
        }
        var ids = Ids(bound | destBound | named);
        if (best is not { } b)
            return baseResult with { Outcome = FlightOutcome.Diverted, ReasonCode = OutcomeReason.DestinationClosedWhileAirborne, Why = ($"{lead}{endIs} closed to it in flight at {Iso(notice)} and no open alternate airport is reachable", ids),
                InFlight = (pos, notice) };
        prefix.RemoveAt(prefix.Count - 1);
        var legPath = prefix.Concat(b.L.Waypoints).ToList();
        var path = earlierPath.Count == 0 ? legPath : earlierPath.Concat(legPath.Skip(1)).ToList();
        var landed = notice.AddMinutes(Minutes(x, ref b.L));
        // A diverted flight has not delivered its passengers, and the alternate is often nearer than the destination:
        // costed alone, the diversion would read as a saving. What the closure costs it includes the recovery flight
        // from the alternate to the destination (same type and level, planned around the closures known at the notice
        // and active when it lands at the alternate, less those that close the destination: it flies once that has
        // reopened; the wait on the ground is not costed). By the triangle inequality the extra distance is then ≥ 0.
        // From a first leg whose stop closed, the closures that may close the destination are left out alike (the
        // recovery flight is not judged for range: it stands for getting the passengers there).
        ulong reopens = toStop ? AirportBound(x, x.Destination, null, known) : destBound;
        var onward = FixedPoint(x, b.A.Location, x.Destination.Point, landed, cands & ~reopens, 0);
        string why = $"{lead}{endIs} closed to it in flight at {Iso(notice)} by {string.Join(", ", Ids(destBound))}; diverted from {pos} to {b.A.Code}";
        bool recovered = onward.Status != RouteStatus.Unreachable && onward.RouteKm is not null;
        // A recovery flight beyond range would stop on the way, as the base does when the direct route is beyond range:
        // its ground time counts (else a diverted first leg read as a saving of the base's ground time, -54.6 min and
        // -US$2,570 on MIA-LIM diverted to HST). Its stop is not searched: only its ground time is added.
        bool recoveryStops = recovered && !InRange(x, ref onward, onward.RouteKm!.Value, ReachOf(x, TypeOf(x.Flight.AircraftType)));
        if (recoveryStops) groundMinutes += _scenario.Parameters.TechStopGroundMinutes;
        var r = baseResult with
        {
            Outcome = FlightOutcome.Diverted, ReasonCode = OutcomeReason.DestinationClosedWhileAirborne,
            Why = (recovered
                ? FormattableString.Invariant($"{why}; the recovery flight {b.A.Code}-{x.Destination.Code} ({onward.RouteKm:F0} km{(recoveryStops ? ", beyond range: with a stop's ground time" : "")}) counts in the extras")
                : $"{why}; no route for a recovery flight {b.A.Code}-{x.Destination.Code}, the extras are the diversion's alone", ids),
            Alternate = b.A.Code, RouteKm = PathKm(path), Waypoints = ReadOnlyLists.Of(path), ArrivalUtc = landed,
            InFlight = (pos, notice),
        };
        var flown = _cost.Estimate(x.Type, legPath, x.Fl, _scenario.Parameters.Cost);
        return recovered
            ? WithExtras(r, x, [.. earlier, flown, _cost.Estimate(x.Type, onward.Waypoints, x.Fl, _scenario.Parameters.Cost)], groundMinutes, onward.RouteKm!.Value)
            : WithExtras(r, x, [.. earlier, flown], groundMinutes);
    }

    // The range a flight and each technical-stop leg are judged by. In still air (no wind in the scenario's conditions):
    // the route's length against the type's still-air range at the flight's level (the type's, or its own),
    // RangeKm = MaxKm = SureKm (the fit then depends on the length alone).
    // In a wind, as route --type --wind and the batch judge it: the flown route costed in the wind must fit
    // (IFlightCostModel.FitsRange, FlightEstimate.FitsRange for the shipped model); RangeKm is then the still-air range R
    // at the flight's level, and the length g of a route decides alone outside (SureKm, MaxKm]:
    //   g > MaxKm = R (1 + W/V) 1.006 never fits, and g ≤ SureKm = R (1 − W/V) / 1.006 always fits,
    // W the strongest wind (the uniform wind, or the field's MaxSpeedKt, which bounds every interpolated speed), V the
    // still-air true airspeed at the level (GroundSpeedKt without wind and route-efficiency factor f ≥ 1). Why, for the
    // shipped model (FlightCostModel): the masses of its range check depend on the path only through the cruise time t
    // (taxi, climb and reserves are fixed by the type and conditions, contingency is 5 % of trip fuel), and grow with the
    // cruise fuel F(t), which is convex with F(0) = 0 (the backward integration from the landing mass burns more the
    // heavier the aircraft), so F(t)/t grows with t. The ground speed, |air velocity + wind|, lies in [V − W, V + W] at
    // every point, and the quadrature of t = Σ ∫ f ds / GS has positive weights: f g/(V + W) ≤ t ≤ f g/(V − W). The
    // still-air range is a bisection: f R fits, f R + 0.5 km does not (a type that fits the search's 25,000 km cap is
    // returned the cap with no failing length: the bound is then proved only up to 25,000 (1 + W/V) km, more than any
    // route between two airports, whose great circle is at most 20,004 km); so the time limit t* lies in [f R/V, (f R + 0.5)/V),
    // up to the fixed-step integration's error δ < 0.01 % of F (checked against a fine reference by a test), which by
    // the convexity moves t* by less than a factor (1 + δ)/(1 − δ) < 1.0003. A fit then has g ≤ V t*/f · (1 + W/V)
    // < (R + 0.5) (1 + W/V) · 1.0003 ≤ MaxKm for R ≥ 90 km; and g ≤ SureKm gives t ≤ R f/(V 1.006) < t*. The airspeed
    // the simulator asks for and the model's differ by rounding only (both are the type's ISA TAS at the level and
    // Mach), well inside the 0.6 %. So pruning by MaxKm (StopsFor, the geodesic bounds, the planned length) never drops a
    // stop whose legs fit in the wind, and no flight is judged without the costing whose answer could differ. This is
    // FlightCostModel.Search's pruning bound R + R W/TAS, with its 0.6 % margin (there for the sphere's lengths).
    private readonly record struct Reach(double RangeKm, double MaxKm, double SureKm);

    private const double RangeMargin = 1.006;

    // The reach of a flight at its level (its own, else its type's, as route --type --fl judges it). In still air at
    // the type's level, the type's cached range (most flights: no look-up by level); otherwise cached per type and level
    // on this simulator (a Monte Carlo draw is a simulator of its own, with its own parameters): asked of the cost model
    // per flight, the range's key (a record with the draw's parameters) and the airspeed cost 200 draws of
    // svzm-2025-11-uncertain about 1.6x the CPU time of the still-air check.
    private Reach ReachOf(in Ctx x, TypeEntry typeEntry)
    {
        var p = _scenario.Parameters.Cost;
        if (_rangeWindKt == 0 && x.Fl == x.Type.DefaultCruiseFl)
        {
            double km = typeEntry.RangeKm(_cost, p);
            return new Reach(km, km, km);
        }
        var key = (x.Type.TypeIcao, x.Fl);
        if (_reach.TryGetValue(key, out var reach)) return reach;
        double r = _cost.MaxRangeKm(x.Type, x.Fl, p);
        if (_rangeWindKt == 0) return _reach.GetOrAdd(key, new Reach(r, r, r));
        // Still air: the airspeed does not depend on the ends.
        double q = _rangeWindKt / _cost.GroundSpeedKt(x.Type, x.Fl, x.Origin.Point, x.Destination.Point, _stillAir);
        // With a wind as strong as the airspeed nothing is sure: the costing decides (and says why it cannot).
        return _reach.GetOrAdd(key, new Reach(r, r * (1 + q) * RangeMargin, q < 1 ? r * (1 - q) / RangeMargin : 0));
    }

    private readonly ConcurrentDictionary<(string, int), Reach> _reach = new();

    // Whether a planned leg of `km` fits the range (see Reach): in still air its length alone decides.
    private bool InRange(in Ctx x, ref Leg leg, double km, in Reach reach) =>
        _rangeWindKt == 0 ? km <= reach.RangeKm
        : km <= reach.SureKm || (km <= reach.MaxKm && _cost.FitsRange(x.Type, leg.Waypoints, x.Fl, _scenario.Parameters.Cost));

    // The open airport that minimises the total length with both legs in range (each leg planned around the closures
    // known when it starts and judged in the wind, the stop open when the flight is there), or null. With
    // x.Applicable = 0 it is the stop the flight would make with no closure.
    private (Airport A, Leg L1, Leg L2)? BestStop(in Ctx x, DateTime dep, in Reach reach)
    {
        double rangeKm = reach.MaxKm; // the pruning bound: the still-air range in still air
        var p = _scenario.Parameters;
        ulong known = Known(x.Applicable, dep), cands = Candidates(known, x.Fl);
        (Airport A, Leg L1, Leg L2)? best = null;
        double bestKm = double.PositiveInfinity;
        var o = x.Origin.Point; var d = x.Destination.Point;
        var ov = Spherical.Vec3.FromGeo(o); var dv = Spherical.Vec3.FromGeo(d);
        var stops = StopsFor(o, d, rangeKm);
        for (int j = 0; stops.TryGet(j, out var s); j++)
        {
            var a = _alternates[s.Index]; var av = _alternateV[s.Index];
            double lb = s.LowerBoundKm;
            // lb is 0.99 R σ (σ the angles between the ends' normals); ρ σ with the least radius of curvature ρ = b²/a is
            // also a bound (the normal turns by at most ds/ρ along any path): stop once it reaches the best, ties lose.
            if (lb >= bestKm || lb * TighterBound >= bestKm) break;
            if (a.Location == o || a.Location == d || !(_options.CanTake?.Invoke(a, x.Type) ?? true)) continue;
            if (s.Sphere1Km > rangeKm || s.Sphere2Km > rangeKm) continue;
            // Each leg is at least its WGS84 geodesic (a detour only adds): a stop whose geodesics already exceed the
            // range or the best total is skipped before planning (1e-6 km of margin for the rounding of the sums). The
            // geodesics (g) are computed only for a stop that their lower bounds (r, Spherical.GeodesicBound.DistanceLowerBoundKm, b θ of
            // the reduced latitudes' vectors) do not already rule out, the first before the second: r ≤ g, and a sum
            // rounds monotonically, so each test below skips only stops that the test on g1 and g2 would skip.
            if (s.Reduced1Km - 1e-6 > rangeKm || s.Reduced2Km - 1e-6 > rangeKm || s.Reduced1Km + s.Reduced2Km - 1e-6 >= bestKm) continue;
            double g1 = stops.Leg1Km(j);
            if (g1 - 1e-6 > rangeKm || g1 + s.Reduced2Km - 1e-6 >= bestKm) continue;
            double g2 = stops.Leg2Km(j);
            if (g2 - 1e-6 > rangeKm || g1 + g2 - 1e-6 >= bestKm) continue;
            var stop = new End(a.Code, a.Location, a);
            var l1 = FixedPoint(x, o, a.Location, dep, cands, 0, Direct(ov, av, g1), ov, av);
            if (l1.RouteKm is not { } k1 || k1 > rangeKm || !InRange(x, ref l1, k1, reach)) continue;
            var arr1 = dep.AddMinutes(Minutes(x, ref l1)); var dep2 = arr1.AddMinutes(p.TechStopGroundMinutes);
            // Chosen at take-off: the second leg is judged around the closures known then (it is planned again at the
            // stop, TechStop); the later notices are not known yet.
            if (AirportBound(x, stop, arr1, known) != 0 || AirportBound(x, stop, dep2, known) != 0) continue;
            var l2 = FixedPoint(x, a.Location, d, dep2, cands, 0, Direct(av, dv, g2), av, dv);
            if (l2.RouteKm is not { } k2 || k2 > rangeKm || k1 + k2 >= bestKm || !InRange(x, ref l2, k2, reach)) continue;
            if (AirportBound(x, x.Destination, dep2.AddMinutes(Minutes(x, ref l2)), known) != 0) continue;
            best = (a, l1, l2); bestKm = k1 + k2;
        }
        return best;
    }

    // The closures that bind a flight through stop a: those its legs to and from a fly around, those that close a
    // while it would be there (Set), and those that close the destination when it would land (DestBound, at Arrival).
    private (ulong Set, ulong DestBound, DateTime Arrival) ThroughStop(in Ctx x, Airport a, DateTime dep)
    {
        var p = _scenario.Parameters;
        ulong known = Known(x.Applicable, dep);
        var stop = new End(a.Code, a.Location, a);
        var l1 = FixedPoint(x, x.Origin.Point, a.Location, dep, Candidates(known, x.Fl), 0);
        ulong set = l1.Set;
        if (l1.Status == RouteStatus.Unreachable) return (set, 0, default);
        var arr1 = dep.AddMinutes(Minutes(x, ref l1)); var dep2 = arr1.AddMinutes(p.TechStopGroundMinutes);
        // Around the closures known at take-off, as BestStop judges a stop.
        set |= AirportBound(x, stop, arr1, known) | AirportBound(x, stop, dep2, known);
        var l2 = FixedPoint(x, a.Location, x.Destination.Point, dep2, Candidates(known, x.Fl), 0);
        set |= l2.Set;
        if (l2.Status == RouteStatus.Unreachable) return (set, 0, default);
        var arr2 = dep2.AddMinutes(Minutes(x, ref l2));
        return (set, AirportBound(x, x.Destination, arr2, known), arr2);
    }

    private FlightResult TechStop(in Ctx x, FlightResult baseResult, in Leg leg, DateTime dep, in Reach reach, double directKm)
    {
        double rangeKm = reach.MaxKm;
        var p = _scenario.Parameters;
        var best = BestStop(x, dep, reach);
        string why = _rangeWindKt == 0
            ? FormattableString.Invariant($"{(directKm > rangeKm ? $"even the direct route ({directKm:F0} km) exceeds" : $"the route around {string.Join(", ", Ids(leg.Set))} ({leg.RouteKm:F0} km) exceeds")} the {x.Type.TypeIcao}'s range with reserves ({rangeKm:F0} km)")
            : FormattableString.Invariant($"{(leg.Set == 0 ? $"the direct route ({directKm:F0} km)" : $"the route around {string.Join(", ", Ids(leg.Set))} ({leg.RouteKm:F0} km)")} flown in the wind is beyond the {x.Type.TypeIcao}'s range with reserves ({reach.RangeKm:F0} km in still air)");
        // It would stop elsewhere with no closure: the closures that rule that stop out, make it the longer or close the
        // destination when it would land through it bind the flight too, though its own legs may cross none (a closure
        // that shut every stop named none, and one closing the destination then named none either).
        var noClosure = Baseline(x, directKm);
        var free = noClosure.Stop;
        bool moved = free is not null && (best is not { } bs || bs.A.Code != free.Code);
        var onFree = moved ? ThroughStop(x, free!, dep) : default;
        string instead = moved ? $" (with no closure it would stop at {free!.Code})" : "";
        if (best is not { } b)
        {
            // The destination closed when it would land: cancelled, as a non-stop would be. Its landing is through the
            // stop it would make with no closure, else (no stop even then) on the route planned at departure.
            var l = leg;
            var (destBound, arrival, through) = moved ? (onFree.DestBound, onFree.Arrival, $" through its technical stop at {free!.Code}")
                : (0UL, dep.AddMinutes(Minutes(x, ref l)), "");
            if (!moved) destBound = AirportBound(x, x.Destination, arrival, Known(x.Applicable, dep));
            if (destBound != 0)
                return baseResult with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.DestinationClosed, Why = ($"destination {x.Destination.Code} is closed to it at arrival {Iso(arrival)}{through} by {string.Join(", ", Ids(destBound))}", Ids(destBound)) };
            return baseResult with { Outcome = FlightOutcome.NeedsTechStop, ReasonCode = OutcomeReason.BeyondRange, Why = ($"{why}; no open airport gives two legs in range{instead}", Ids(leg.Set | onFree.Set)) };
        }
        // The stop is chosen before take-off, around the closures known then. Each leg is then flown as a non-stop is
        // (Fly): a closure announced while it is airborne reroutes it in flight, and one that closes its end to it
        // diverts it (the first leg's end is the stop). The second leg is planned again at the stop, around the
        // closures known when it takes off there.
        // The second leg as planned at take-off binds only if it is flown so (l2, below): planned again at the stop, or
        // not flown, its closures changed nothing (one moving the stop is in onFree's). Named before, a closure that
        // ended before the later second leg reached it stood in boundBy with extras equal to those without it.
        // Likewise the non-stop's closures bind only if they made it stop: a flight that would stop with no closure
        // (free) stops whatever they are.
        ulong boundSet = (free is null ? leg.Set : 0) | b.L1.Set | onFree.Set | onFree.DestBound;
        var stop = new End(b.A.Code, b.A.Location, b.A);
        var x1 = x with { Destination = stop };
        ulong known = Known(x.Applicable, dep);
        string planned = $"{why}; technical stop at {b.A.Code}{instead}";
        double m1 = Minutes(x1, ref b.L1);
        var a1 = _lastNoticeUtc > dep ? Fly(x1, b.L1, dep, dep.AddMinutes(m1), known, p.TechStopGroundMinutes) : Airborne.Planned(b.L1, dep, dep.AddMinutes(m1), known);
        if (a1.Diverts)
            // Its route starts from the closures this leg flies around only: seeded with those that moved the stop, it
            // flew round SFC-FL200 over a stop it was above (and from over it found no alternate at all).
            return Divert(x, baseResult, a1.Prefix!, a1.DivertAt, a1.DivertTime, a1.DivertKnown, a1.DivertBound, a1.EndBound, stop, [], [], 0, $"{planned}; ", boundSet, a1.DivertInside);
        var path1 = a1.Path();
        double km1 = a1.Km(path1);
        DateTime arr1 = a1.Arrival, dep2 = arr1.AddMinutes(p.TechStopGroundMinutes);
        ulong known2 = Known(x.Applicable, dep2);
        string landed = $"{planned}, landed there at {Iso(arr1)}";
        ulong stopShut = AirportBound(x, stop, dep2, known2);
        if (stopShut != 0)
            return baseResult with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.OriginClosed, Alternate = b.A.Code, Why = ($"{landed}; {b.A.Code} is closed to its departure at {Iso(dep2)} by {string.Join(", ", Ids(stopShut))}", Ids(boundSet | a1.Bound | stopShut)) };
        // The second leg as planned before take-off, unless the first landed later or a closure was announced since.
        bool asPlanned = known2 == known && dep2 == dep.AddMinutes(m1).AddMinutes(p.TechStopGroundMinutes);
        var l2 = asPlanned ? b.L2 : FixedPoint(x, b.A.Location, x.Destination.Point, dep2, Candidates(known2, x.Fl), 0,
            Direct(stop.V, x.Destination.V, Wgs84.DistanceM(b.A.Location, x.Destination.Point) / 1000), stop.V, x.Destination.V);
        if (l2.Status == RouteStatus.Unreachable)
        {
            DateTime arrU = dep2.AddMinutes(Minutes(x, ref l2));
            ulong destU = AirportBound(x, x.Destination, null, known2) == 0 ? 0 : AirportBound(x, x.Destination, arrU, known2);
            return baseResult with
            {
                Outcome = FlightOutcome.Cancelled, Alternate = b.A.Code,
                ReasonCode = destU != 0 ? OutcomeReason.DestinationClosed : OutcomeReason.NoRoute,
                Why = destU != 0 ? ($"{landed}; destination {x.Destination.Code} is closed to it at arrival {Iso(arrU)} by {string.Join(", ", Ids(destU))}", Ids(boundSet | a1.Bound | destU))
                    : ($"{landed}; no route from {b.A.Code} around {string.Join(", ", Ids(l2.Set))}: {l2.Reason}", Ids(boundSet | a1.Bound | l2.Set)),
            };
        }
        if (!asPlanned && !InRange(x, ref l2, l2.RouteKm!.Value, reach))
            return baseResult with { Outcome = FlightOutcome.NeedsTechStop, ReasonCode = OutcomeReason.BeyondRange, Alternate = b.A.Code,
                Why = (FormattableString.Invariant($"{landed}; the second leg around {string.Join(", ", Ids(l2.Set))} ({l2.RouteKm:F0} km) is beyond range from there, and a second stop is not searched"), Ids(boundSet | a1.Bound | l2.Set)) };
        double m2 = Minutes(x, ref l2);
        ulong destShut = AirportBound(x, x.Destination, dep2.AddMinutes(m2), known2);
        if (destShut != 0)
            return baseResult with { Outcome = FlightOutcome.Cancelled, ReasonCode = OutcomeReason.DestinationClosed, Alternate = b.A.Code, Why = ($"{landed}; destination {x.Destination.Code} is closed to it at arrival {Iso(dep2.AddMinutes(m2))} by {string.Join(", ", Ids(destShut))}", Ids(boundSet | a1.Bound | destShut)) };
        var cost1 = _cost.Estimate(x.Type, path1, x.Fl, p.Cost);
        var a2 = _lastNoticeUtc > dep2 ? Fly(x, l2, dep2, dep2.AddMinutes(m2), known2) : Airborne.Planned(l2, dep2, dep2.AddMinutes(m2), known2);
        if (a2.Diverts)
            return Divert(x, baseResult, a2.Prefix!, a2.DivertAt, a2.DivertTime, a2.DivertKnown, a2.DivertBound, a2.EndBound, x.Destination, path1, [cost1],
                p.TechStopGroundMinutes, $"{landed}; on its second leg its ", boundSet | a1.Bound, a2.DivertInside);
        var path2 = a2.Path();
        double km2 = a2.Km(path2);
        boundSet |= a1.Bound | l2.Set | a2.Bound;
        var notes = new List<string>();
        ulong replanned = l2.Set & ~known;
        if (replanned != 0) notes.Add($"the second leg planned at {b.A.Code} around {string.Join(", ", Ids(replanned))}, announced after take-off");
        foreach (var (air, which) in new[] { (a1, "the first leg"), (a2, "the second leg") })
        {
            if (air.InFlightAt is { } at) notes.Add($"{which} rerouted in flight at {Iso(air.InFlightTime!.Value)} from {at} around {string.Join(", ", Ids(air.Bound))}");
            if (air.ContinuedIn != 0) notes.Add($"{which} inside {string.Join(", ", Ids(air.ContinuedIn))} when it was announced at {Iso(air.ContinuedAt)}: continues on its planned route");
        }
        bool inFlight1 = a1.InFlightAt != null;
        var r = baseResult with
        {
            Outcome = FlightOutcome.NeedsTechStop, ReasonCode = OutcomeReason.BeyondRange,
            Why = ($"{planned}{(notes.Count == 0 ? "" : "; " + string.Join("; ", notes))}", Ids(boundSet)),
            Alternate = b.A.Code, RouteKm = km1 + km2, Waypoints = path1.Concat(path2.Skip(1)).ToList().AsReadOnly(),
            // As before to the tick when both legs fly as planned.
            ArrivalUtc = asPlanned && !inFlight1 && a2.InFlightAt == null ? dep.AddMinutes(m1 + p.TechStopGroundMinutes + m2) : a2.Arrival,
            InFlight = inFlight1 ? (a1.InFlightAt, a1.InFlightTime) : (a2.InFlightAt, a2.InFlightTime),
        };
        return WithExtras(r, x, [cost1, _cost.Estimate(x.Type, path2, x.Fl, p.Cost)], p.TechStopGroundMinutes, baseline: noClosure);
    }

    // The candidate stops of one origin, destination and range (those with both ends within the range by the sphere
    // bound) in increasing order of the bound 0.99 R (σ₁ + σ₂) of the route through them, ties in the alternates' order,
    // each with the sphere bounds and the reduced-latitude bounds of its two legs and, once asked for, their WGS84
    // lengths. None of it depends on time, type or closures, so flights of the same pair (a schedule's repeats) share one
    // sequence, extended as far as any of them reads; at most MaxStopSequences are kept.
    //
    // The order is made band by band of the key, [lo, hi): one pass over the alternates keeps those whose key falls in
    // the band (a trigonometry-free lower bound of the key, AngleLowerBound, rules most out first), which are then sorted
    // by (key, index). The bands follow each other, so the sequence is exactly the sorted order of all keys, while a
    // search that stops early (at the best total found) orders only the first band or two: the first band reaches 1 %
    // past the least possible key (the direct route's), where a stop near the direct route ends the search.
    private sealed class StopSequence
    {
        private readonly WhatIfSimulator _sim;
        private readonly GeoPoint _from, _to;
        private readonly Spherical.Vec3 _fromV, _toV, _fromReduced, _toReduced;
        private readonly double _cosReach;
        private readonly ChunkedBuffer<Stop> _stops = new();
        private double _lo = double.NegativeInfinity, _hi, _width;
        private bool _done;

        public StopSequence(WhatIfSimulator sim, GeoPoint from, GeoPoint to, double cosReach)
        {
            _sim = sim; _from = from; _to = to; _cosReach = cosReach;
            _fromV = Spherical.Vec3.FromGeo(from); _toV = Spherical.Vec3.FromGeo(to);
            _fromReduced = Spherical.GeodesicBound.ReducedUnitVector(_fromV); _toReduced = Spherical.GeodesicBound.ReducedUnitVector(_toV);
            double least = 0.99 * Sphere.DistanceKm(_fromV, _toV);
            _width = least * 0.01 + 1;
            _hi = least + _width;
        }

        public bool TryGet(int j, out Stop stop)
        {
            lock (_stops)
            {
                while (_stops.Count <= j && !_done) NextBand();
                stop = j < _stops.Count ? _stops[j] : default;
                return j < _stops.Count;
            }
        }

        // The WGS84 lengths of stop j's legs (j already read), computed once.
        public double Leg1Km(int j)
        {
            lock (_stops)
            {
                ref var s = ref _stops[j];
                if (double.IsNaN(s.Leg1Km)) s.Leg1Km = Wgs84.DistanceM(_from, _sim._alternates[s.Index].Location) / 1000;
                return s.Leg1Km;
            }
        }

        public double Leg2Km(int j)
        {
            lock (_stops)
            {
                ref var s = ref _stops[j];
                if (double.IsNaN(s.Leg2Km)) s.Leg2Km = Wgs84.DistanceM(_sim._alternates[s.Index].Location, _to) / 1000;
                return s.Leg2Km;
            }
        }

        private void NextBand()
        {
            const double Cheap = 0.99 * Sphere.MeanRadiusKm;
            var alternateV = _sim._alternateV;
            var band = System.Buffers.ArrayPool<Keyed>.Shared.Rent(alternateV.Length);
            int n = 0;
            bool more = false;
            for (int i = 0; i < alternateV.Length; i++)
            {
                var v = alternateV[i];
                if (!(_fromV.Dot(v) >= _cosReach && v.Dot(_toV) >= _cosReach)) continue;
                if (Cheap * (AngleLowerBound(_fromV, v) + AngleLowerBound(v, _toV)) >= _hi) { more = true; continue; }
                double key = 0.99 * (Sphere.DistanceKm(_fromV, v) + Sphere.DistanceKm(v, _toV));
                if (key < _lo) continue; // in an earlier band
                if (key >= _hi) { more = true; continue; }
                band[n++] = new Keyed(key, i);
            }
            Array.Sort(band, 0, n, KeyedOrder.Instance);
            _stops.Reserve(n);
            for (int k = 0; k < n; k++)
            {
                int i = band[k].Item;
                var v = alternateV[i];
                double d1 = Sphere.DistanceKm(_fromV, v), d2 = Sphere.DistanceKm(v, _toV); // as in the key
                var r = Spherical.GeodesicBound.ReducedUnitVector(v);
                _stops.Add(new Stop(i, band[k].Key, 0.99 * d1, 0.99 * d2,
                    Spherical.GeodesicBound.DistanceLowerBoundKm(_fromReduced, r), Spherical.GeodesicBound.DistanceLowerBoundKm(r, _toReduced)));
            }
            System.Buffers.ArrayPool<Keyed>.Shared.Return(band);
            if (!more) { _done = true; return; }
            _lo = _hi; _width *= 4; _hi = _lo + _width;
        }
    }

    // A candidate stop: the alternate's index, the key 0.99 R (σ₁ + σ₂), the legs' sphere bounds 0.99 R σ (km), their
    // reduced-latitude lower bounds (km) and their WGS84 lengths (km; NaN until asked for). 64 bytes, so that a chunk of
    // the ChunkedBuffer stays off the large-object heap.
    private struct Stop(int index, double lowerBoundKm, double sphere1Km, double sphere2Km, double reduced1Km, double reduced2Km)
    {
        public readonly int Index = index;
        public readonly double LowerBoundKm = lowerBoundKm, Sphere1Km = sphere1Km, Sphere2Km = sphere2Km, Reduced1Km = reduced1Km, Reduced2Km = reduced2Km;
        public double Leg1Km = double.NaN, Leg2Km = double.NaN;
    }

    // (key, index) ascending: Keyed.Before as a comparer (keys are never NaN).
    private sealed class KeyedOrder : IComparer<Keyed>
    {
        public static readonly KeyedOrder Instance = new();
        public int Compare(Keyed x, Keyed y) => x.Before(y) ? -1 : y.Before(x) ? 1 : 0;
    }

    private const int MaxStopSequences = 256; // each holds the stops read so far (64 bytes each)

    private StopSequence StopsFor(GeoPoint o, GeoPoint d, double rangeKm)
    {
        var key = (o, d, rangeKm);
        if (_stopSequences.TryGetValue(key, out var shared)) return shared;
        // A stop with a leg beyond the range is skipped (0.99 × the sphere length bounds the WGS84 one): one dot product
        // per end drops it before it is ordered, as angle > limit ⇔ cos angle < cos limit; the 1e-6 rad of slack keeps
        // every stop the exact test keeps.
        double limitRad = rangeKm / (0.99 * Sphere.MeanRadiusKm) + 1e-6;
        double cosReach = limitRad >= Math.PI ? -2 : Math.Cos(limitRad);
        var seq = new StopSequence(this, o, d, cosReach);
        return _stopSequences.Count < MaxStopSequences ? _stopSequences.GetOrAdd(key, seq) : seq;
    }

    // The alternates in increasing order of the lower bound 0.99 R σ(from, v) of the route to them, or 0.99 R (σ(from, v) +
    // σ(v, to)) through them with `to`, lazily (a search that stops early orders only what it reads) and with ties in
    // the alternates' order, exactly as a stable sort would give them. `cosReach` drops those farther than its angle
    // from either end (cos σ < cosReach), which the caller would skip. Each starts in the heap keyed by a lower bound of
    // its key without trigonometry and gets its real key when it first reaches the top: an item leaves only when its
    // real key is the least, and every key still cheap is below its real one, so the order is the sorted one (on equal
    // keys the lower index leaves first, across the two kinds too).
    private IEnumerable<(Airport Airport, Spherical.Vec3 V, double LowerBoundKm)> ByLowerBound(Spherical.Vec3 from, Spherical.Vec3? to,
        double cosReach = -2)
    {
        const double Cheap = 0.99 * Sphere.MeanRadiusKm;
        var keys = new ChunkedBuffer<Keyed>();
        for (int i = 0; i < _alternates.Length; i++)
        {
            var v = _alternateV[i];
            if (to is not { } t) keys.Add(new Keyed(Cheap * AngleLowerBound(from, v), i));
            else if (from.Dot(v) >= cosReach && v.Dot(t) >= cosReach) keys.Add(new Keyed(Cheap * (AngleLowerBound(from, v) + AngleLowerBound(v, t)), i));
        }
        var heap = new KeyedHeap(keys);
        while (heap.Count > 0)
        {
            var top = heap.Top;
            if (top.IsReal) { heap.Pop(); yield return (_alternates[top.Index], _alternateV[top.Index], top.Key); continue; }
            var v = _alternateV[top.Index];
            double real = to is not { } t2 ? 0.99 * Sphere.DistanceKm(from, v) : 0.99 * (Sphere.DistanceKm(from, v) + Sphere.DistanceKm(v, t2));
            heap.ReplaceTop(new Keyed(real, ~top.Index));
        }
    }

    // The alternates' unit vectors, one array per coordinate: 7,697 airports' Vec3[] (185 KB) would be on the
    // large-object heap, allocated with every simulator; three double arrays of 62 KB are not.
    private sealed class UnitVectors
    {
        private readonly double[] _x, _y, _z;

        public UnitVectors(Airport[] airports)
        {
            _x = new double[airports.Length]; _y = new double[airports.Length]; _z = new double[airports.Length];
            for (int i = 0; i < airports.Length; i++)
            {
                var v = Spherical.Vec3.FromGeo(airports[i].Location);
                _x[i] = v.X; _y[i] = v.Y; _z[i] = v.Z;
            }
        }

        public int Length => _x.Length;

        public Spherical.Vec3 this[int i] => new(_x[i], _y[i], _z[i]);
    }

    // An alternate's key in ByLowerBound: Item ≥ 0 is alternate Item under its cheap bound, ~Item under its real key.
    // Kept in a ChunkedBuffer (no large-object allocation per technical stop or diversion; see there).
    private readonly record struct Keyed(double Key, int Item)
    {
        public bool IsReal => Item < 0;
        public int Index => Item < 0 ? ~Item : Item;

        // (key, index) ascending, the kinds mixed: the default tuple order for keys that are never NaN.
        public bool Before(in Keyed other) => Key < other.Key || Key == other.Key && Index < other.Index;
    }

    // A binary min-heap over Keyed in place (Floyd's heapify, then sift-down only: ReplaceTop re-keys the least item).
    private sealed class KeyedHeap
    {
        private readonly ChunkedBuffer<Keyed> _a;

        public KeyedHeap(ChunkedBuffer<Keyed> items)
        {
            _a = items;
            for (int i = Count / 2 - 1; i >= 0; i--) SiftDown(i);
        }

        public int Count => _a.Count;

        public Keyed Top => _a[0];

        public void Pop()
        {
            _a[0] = _a[Count - 1];
            _a.RemoveLast();
            if (Count > 0) SiftDown(0);
        }

        public void ReplaceTop(Keyed k)
        {
            _a[0] = k;
            SiftDown(0);
        }

        private void SiftDown(int i)
        {
            var item = _a[i];
            int n = Count;
            while (true)
            {
                int c = 2 * i + 1;
                if (c >= n) break;
                if (c + 1 < n && _a[c + 1].Before(_a[c])) c++;
                if (!_a[c].Before(item)) break;
                _a[i] = _a[c]; i = c;
            }
            _a[i] = item;
        }
    }

    // A lower bound of the angle between two unit vectors without trigonometry: θ = 2 asin(c/2) for the chord c, whose
    // series c + c³/24 + 3c⁵/640 + … has only positive terms; the factor covers the rounding (the bound is within
    // 0.05 % of θ up to 55°, within 3 % up to 120°).
    private static double AngleLowerBound(in Spherical.Vec3 a, in Spherical.Vec3 b)
    {
        double c = (a - b).Norm, c2 = c * c;
        return c * (1 + c2 * (1.0 / 24 + c2 * (3.0 / 640))) * (1 - 1e-12);
    }

    // The length to give FixedPoint for a leg known to be direct (no planner call): null for nearly antipodal ends,
    // which the planner rejects with its own message.
    private static double? Direct(in Spherical.Vec3 a, in Spherical.Vec3 b, double km) => Spherical.Predicates.NearlyAntipodal(a, b) ? null : km;

    // Extras = the flown legs' figures (summed) minus those of the route with no closure, rounded as reported.
    // otherKm: distance flown beyond the result's own route that the extras include (a diversion's recovery flight).
    private FlightResult WithExtras(FlightResult r, in Ctx x, IReadOnlyList<FlightCost> flown, double groundMinutes, double otherKm = 0,
        Figures? baseline = null)
    {
        var b = baseline ?? Baseline(x, r.DirectKm!.Value);
        // Set as one group (one out-of-line part, not five), computed in the order they were set one by one.
        return r with
        {
            Extras = (
                // Flown extra: the realism layer's route-efficiency factor lengthens the direct route and the detour alike.
                Round(((r.RouteKm ?? 0) + otherKm - b.Km) * (_scenario.Parameters.Cost.RouteEfficiencyFactor ?? 1), 1),
                Round(flown.Sum(c => c.BlockMinutes) + groundMinutes - b.BlockMinutes, 1),
                Round(flown.Sum(c => c.FuelKg) - b.FuelKg, 1),
                Round(flown.Sum(c => c.Co2Kg) - b.Co2Kg, 1),
                Round(flown.Sum(c => c.CostUsd) - b.CostUsd, 2)),
        };
    }

    // The figures of the route the flight would fly with no closure (the base of its extras; block minutes include a
    // technical stop's ground time). That is the direct route, unless the direct route is beyond the type's range: then
    // the flight would stop even with no closure, at the stop BestStop finds with no closure, and a closure's cost is
    // what it adds to that. Against the direct route instead, a flight that must stop anyway would show the stop's
    // ground time as the closure's, and the two legs' fuel less the impossible non-stop's (which carries fuel to carry
    // fuel) as a saving: JFK-HKG on a 777-300ER showed -8,304 kg. With no stop in range even with no closure (or no
    // stop at all), the direct route is the only base there is.
    private readonly record struct Figures(double Km, double BlockMinutes, double FuelKg, double Co2Kg, double CostUsd, Airport? Stop = null);

    private Figures Baseline(in Ctx x, double directKm)
    {
        var p = _scenario.Parameters;
        var reach = ReachOf(x, TypeOf(x.Flight.AircraftType));
        var direct = new Leg(x.Origin.Point, x.Destination.Point, directKm, x.Origin.V, x.Destination.V);
        if (!InRange(x, ref direct, directKm, reach))
        {
            var key = (x.Origin.Point, x.Destination.Point, x.Type.TypeIcao, x.Fl);
            if (!_noClosureStops.TryGetValue(key, out var stop))
            {
                // No closure, so nothing in it depends on the departure time: computed once per pair, type and level.
                Figures? made = null;
                if (BestStop(x with { Applicable = 0 }, x.Flight.DepartureUtc, reach) is { } b)
                {
                    var c1 = _cost.Estimate(x.Type, b.L1.Waypoints, x.Fl, p.Cost); var c2 = _cost.Estimate(x.Type, b.L2.Waypoints, x.Fl, p.Cost);
                    // Summed in WithExtras' order (the legs, then the ground time): a flight stopping there anyway
                    // then has exact zeros, written 0 as every other extra, not 0.0 from a 1e-14 min remainder.
                    made = new Figures(b.L1.RouteKm!.Value + b.L2.RouteKm!.Value, c1.BlockMinutes + c2.BlockMinutes + p.TechStopGroundMinutes,
                        c1.FuelKg + c2.FuelKg, c1.Co2Kg + c2.Co2Kg, c1.CostUsd + c2.CostUsd, b.A);
                }
                stop = _noClosureStops.GetOrAdd(key, made);
            }
            if (stop is { } s) return s;
        }
        var c = _cost.Estimate(x.Type, [x.Origin.Point, x.Destination.Point], x.Fl, p.Cost);
        return new Figures(directKm, c.BlockMinutes, c.FuelKg, c.Co2Kg, c.CostUsd);
    }

    private readonly ConcurrentDictionary<(GeoPoint, GeoPoint, string, int), Figures?> _noClosureStops = new();

    private static decimal Round(double v, int digits) =>
        double.IsFinite(v) ? Math.Round((decimal)v, digits, MidpointRounding.AwayFromZero)
            : throw new InvalidOperationException(FormattableString.Invariant($"the cost model gave a non-finite figure ({v})"));

    private static double PathKm(IReadOnlyList<GeoPoint> path)
    {
        double km = 0;
        for (int i = 0; i + 1 < path.Count; i++) km += Wgs84.DistanceM(path[i], path[i + 1]) / 1000;
        return km;
    }

    // Closures of `mask` that close this airport at time t (null: at some time): named, or containing it and banning
    // airports, or banning overflight in a band that reaches down to a level the departure or arrival crosses.
    private ulong AirportBound(in Ctx x, End airport, DateTime? t, ulong mask)
    {
        ulong hit = 0, touching = 0;
        for (ulong rest = mask; rest != 0; rest &= rest - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(rest);
            var c = _closures[i];
            if (t is { } at && !c.IsActiveAt(at)) continue;
            bool named = c.BansAirports && airport.Airport != null && _namedAirports[i].Length > 0 && Array.IndexOf(_namedAirports[i], airport.Airport) >= 0;
            if (named || ((c.BansAirports || (c.BansOverflight && c.Band.ReachesBelowOrAt(x.Fl))) && Inside(i, airport.V)))
                hit |= 1UL << i;
            else if (c.BansOverflight && c.Band.ReachesBelowOrAt(x.Fl) && OnLimits(i, airport.V))
                touching |= 1UL << i;
        }
        // On a border shared by two or more closed areas (inside none of them): every way out leads into one of them,
        // and the planner, which merges touching closures, has the airport inside. So it is closed by all of them when
        // it lies strictly inside their merged limits (a point where the border meets the outer boundary stays open).
        if (hit == 0 && System.Numerics.BitOperations.PopCount(touching) >= 2 &&
            _shared.Unions.GetOrAdd(touching, m => LateralLimits.Of(Airspaces(m))).Contains(airport.V))
            hit = touching;
        return hit;
    }

    // On the boundary of the closure's lateral limits (vertex or edge, exactly); the caps reject far points first.
    private bool OnLimits(int ci, in Spherical.Vec3 v) => InCaps(ci, v) && _limits[ci].Value.OnBoundary(v);

    // Within the cap of one of the closure's airspaces: a point outside every cap is neither inside nor on the limits,
    // so the limits are not built or queried for it.
    private bool InCaps(int ci, in Spherical.Vec3 v)
    {
        var caps = _caps[ci];
        for (int k = 0; k < _closures[ci].Airspaces.Count; k++)
            if (caps[k].Cos <= 0 || v.Dot(caps[k].Center) >= caps[k].Cos) return true;
        return false;
    }

    private List<Airspaces.Airspace> Airspaces(ulong mask)
    {
        var list = new List<Airspaces.Airspace>();
        for (ulong rest = mask; rest != 0; rest &= rest - 1)
            foreach (var a in _closures[System.Numerics.BitOperations.TrailingZeroCount(rest)].Airspaces)
                if (!list.Contains(a)) list.Add(a);
        return list;
    }

    // Strictly inside the closure's lateral limits, by the planner's rule for a route end (LateralLimits): a point on the
    // boundary, vertex or edge, is outside, so the simulator never bans an airport the planner would route from. The
    // caps reject far points before the limits are built or queried.
    private bool Inside(int ci, in Spherical.Vec3 v) => InCaps(ci, v) && _limits[ci].Value.Contains(v);

    // The closures of the mask that are active at t, ban overflight and have p inside their lateral limits.
    private ulong InsideActive(ulong mask, GeoPoint p, DateTime t)
    {
        ulong inside = 0;
        for (ulong rest = mask; rest != 0; rest &= rest - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(rest);
            var c = _closures[i];
            if (c.BansOverflight && c.IsActiveAt(t) && Inside(i, Spherical.Vec3.FromGeo(p))) inside |= 1UL << i;
        }
        return inside;
    }

    private ulong Known(ulong applicable, DateTime t)
    {
        ulong k = 0;
        for (ulong rest = applicable; rest != 0; rest &= rest - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(rest);
            if (_closures[i].EffectiveNoticeUtc <= t) k |= 1UL << i;
        }
        return k;
    }

    private ulong Candidates(ulong known, int fl)
    {
        ulong k = 0;
        for (ulong rest = known; rest != 0; rest &= rest - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(rest);
            var c = _closures[i];
            if (c.BansOverflight && c.Airspaces.Count > 0 && c.Band.Contains(fl)) k |= 1UL << i;
        }
        return k;
    }

    private IEnumerable<DateTime> Notices(ulong applicable, DateTime dep)
    {
        var list = new List<DateTime>();
        for (ulong rest = applicable; rest != 0; rest &= rest - 1)
        {
            var n = _closures[System.Numerics.BitOperations.TrailingZeroCount(rest)].EffectiveNoticeUtc;
            if (n > dep) list.Add(n);
        }
        list.Sort();
        return list.Distinct();
    }

    // The closures' ids of a set, in scenario order: one read-only list per set, shared by every flight it binds (a
    // result's BoundBy; an array was written through a cast, and made again for each flight).
    private IReadOnlyList<string> Ids(ulong mask)
    {
        if (_ids.TryGetValue(mask, out var known)) return known;
        var ids = new List<string>();
        for (ulong rest = mask; rest != 0; rest &= rest - 1) ids.Add(_closures[System.Numerics.BitOperations.TrailingZeroCount(rest)].Id);
        return _ids.GetOrAdd(mask, ids.AsReadOnly());
    }

    private readonly ConcurrentDictionary<ulong, IReadOnlyList<string>> _ids = new();

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // One planner per distinct active set and buffers, built once: Lazy makes concurrent first requests share it,
    // blocking the others meanwhile. So a build must never wait for queued work, which only a free pool thread could
    // run while the pool's threads may all be waiting here: the planner's graph is built with NonBlockingFor, not
    // Parallel.For (docs/simulator.md, "Idle, not busy"). The shared key holds the buffers because variants of the
    // scenario change them (a Monte Carlo draw's extra margin, a sweep's buffer, the realism layer's margins); each
    // variant's own buffers are fixed, so it memoises its planner per set (no key to build on the hot path).
    private DetourPlanner Planner(ulong set)
    {
        if (_plannerOfSet.TryGetValue(set, out var known)) return known;
        var key = PlannerKeyOf(set);
        // Looked up first: the factory captures the simulator, so passing it would allocate two delegates per call.
        if (!_shared.Planners.TryGetValue(key, out var built))
            built = _shared.Planners.GetOrAdd(key, k => new Lazy<DetourPlanner>(() =>
            {
                var members = Enumerable.Range(0, _closures.Length).Where(i => (k.Set >> i & 1) != 0).Select(i => _closures[i]).ToList();
                var airspaces = members.SelectMany(c => c.Airspaces).DistinctBy(a => a.Id).ToList();
                var options = DetourPlannerOptions.Default with { BufferNm = k.BufferNm, BufferNmByAirspaceId = k.PerAirspace ? BuffersOf(k.Set) : null };
                var planner = DetourPlanner.Build(airspaces, options, _shared.Obstacles);
                if (k.Set != 0) Interlocked.Increment(ref _shared.Built); // the empty set's planner answers every route directly
                return planner;
            }, LazyThreadSafetyMode.ExecutionAndPublication));
        var p = built.Value;
        _plannerOfSet.TryAdd(set, p);
        return p;
    }

    // The buffer each airspace of `set` keeps: its closure's own; an airspace closed by two active closures keeps the
    // larger of their two (both ask for it; the planner closes it once).
    private Dictionary<string, double> BuffersOf(ulong set)
    {
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        for (ulong rest = set; rest != 0; rest &= rest - 1)
        {
            var c = _closures[System.Numerics.BitOperations.TrailingZeroCount(rest)];
            foreach (var a in c.Airspaces)
                byId[a.Id] = byId.TryGetValue(a.Id, out double b) ? Math.Max(b, c.BufferNm) : c.BufferNm;
        }
        return byId;
    }

    // The planner's identity: the set and, when its airspaces keep one buffer, that buffer (the common case: then the
    // planner is the one-buffer planner of before, and a set without airspaces is keyed by its closures' largest
    // buffer as before, which changes nothing but keeps the count of planners built); else every airspace's buffer.
    private PlannerKey PlannerKeyOf(ulong set)
    {
        var byId = BuffersOf(set);
        if (byId.Count == 0 || byId.Values.Distinct().Count() == 1)
        {
            double buffer = 0;
            if (byId.Count > 0) buffer = byId.Values.First();
            else for (ulong rest = set; rest != 0; rest &= rest - 1) buffer = Math.Max(buffer, _closures[System.Numerics.BitOperations.TrailingZeroCount(rest)].BufferNm);
            return new PlannerKey(set, buffer, false, null);
        }
        // Values, not bits, in the order of the set's airspaces (a function of the set): "R" round-trips each double.
        string text = string.Join(";", byId.Select(e => e.Key + "=" + (e.Value + 0.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        return new PlannerKey(set, byId.Values.Max(), true, text);
    }

    // A planner of the shared cache: the active set, the default buffer and whether the airspaces keep buffers of their
    // own (then PerAirspaceNm lists them, id=NM in the set's order, and BufferNm is their largest).
    private readonly record struct PlannerKey(ulong Set, double BufferNm, bool PerAirspace, string? PerAirspaceNm);
}
