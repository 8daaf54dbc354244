using System.Globalization;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using AirspaceSim.Weather;

namespace AirspaceSim.Performance;

/// <summary>
/// Time, fuel, CO₂ and money for a route flown by an aircraft type; detour extras; range and technical stops.
/// Immutable and thread-safe: build once from <see cref="PerformanceOptions"/> and share.
/// </summary>
/// <remarks>
/// Notation: m mass (kg), m_L landing mass, ṁ(m) fuel flow at the cruise condition (kg/s), t_c cruise time (s),
/// h cruise altitude (m), V true airspeed (m/s), η overall efficiency, Q fuel heating value (J/kg), W wind speed,
/// w_a / w_c its along-track / cross-track components, GS ground speed.
/// <list type="bullet">
/// <item>Cruise: the whole ground distance is flown at the cruise level and Mach; GS = √(V² − w_c²) + w_a, and
/// t_c = Σ∫ ds / GS along each great-circle leg (the track turns along a great circle, so the wind components vary;
/// fixed 8-point Gauss–Legendre per leg, exact for still air).</item>
/// <item>Mass: at fixed Mach and level the burn depends on mass only, dm/dt = −ṁ(m), independent of the wind; it is
/// integrated backwards from m_L over t_c (fixed-step classical Runge–Kutta, one step per 45 minutes, at least 2:
/// within 0.01 % of a 10,000-step reference, checked by a test), so carrying fuel for fuel is counted.</item>
/// <item>Climb allowance: the energy to lift m_L to h and accelerate it to V, (m_L g h + ½ m_L V²)/(η Q) — the
/// climb-angle and acceleration terms of the thrust equation (Poll &amp; Schumann Part 2 eq. 95) integrated over the
/// climb; descent is flown as cruise distance (no credit for the idle descent); plus
/// <see cref="PerformanceOptions.ClimbDescentExtraMinutes"/> of time, flown at the low-altitude holding fuel flow
/// (the terminal-area phases are flown low and slow). Evaluated at m_L so that a detour does not change it.</item>
/// <item>Taxi: EUROCONTROL Standard Inputs (ed. 10, table "Rate of fuel burn", 2022) taxi burn by class — regional
/// 8.2, narrow body 11.7, wide body 25.8 kg/min — times <see cref="PerformanceOptions.TaxiMinutes"/>.</item>
/// <item>Reserves: final reserve = holding at 1,500 ft and Mach 0.35 (turboprops 0.30) for 30 min; alternate =
/// 200 NM at the cruise condition; both at OEM + payload + reserves (one fixed-point pass); contingency 5 % of
/// trip fuel is loaded (range check) but not burned.</item>
/// </list>
/// </remarks>
public sealed class FlightCostModel
{
    /// <summary>
    /// Breguet constant of the turboprops, E = η L/D (overall efficiency × lift-to-drag ratio): ṁ = m g V/(E Q).
    /// Calibrated so that the ATR 72 model's fuel per airborne hour over the US DOT average ATR-72 stage (287 statute
    /// miles) matches the DOT Form 41 T2 2024 figure, 824 kg/h, within 1 % (see README); the Dash 8-400 uses the same E (the DOT
    /// data has no Dash 8-400 flying in 2024).
    /// </summary>
    internal const double TurbopropEtaLiftToDrag = 3.10;

    /// <summary>Turboprop overall efficiency assumed for the climb-energy allowance only.</summary>
    private const double TurbopropClimbEfficiency = 0.30;

    private const double CruiseStepS = 45 * 60;

    private readonly IReadOnlyList<string> _psAssumptions, _breguetAssumptions;

    /// <summary>Builds the model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the message names it.</exception>
    public FlightCostModel(PerformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var common = Assumptions(options);
        _psAssumptions = ["fuel model: Poll–Schumann cruise model (Poll & Schumann, Aeronautical Journal 125, 2021, Parts 1 and 2), parameters from pycontrails ps-aircraft-params-20250328 (Apache-2.0)", .. common];
        _breguetAssumptions = [string.Create(CultureInfo.InvariantCulture, $"fuel model: Breguet (fuel flow = m g V / (E Q)) with E = eta*L/D = {TurbopropEtaLiftToDrag}, calibrated to US DOT Form 41 T2 2024 ATR-72 fuel per airborne hour; the Poll–Schumann model does not cover turboprops"), .. common];
    }

    /// <summary>The model with <see cref="PerformanceOptions.Default"/>.</summary>
    public static FlightCostModel Default { get; } = new(PerformanceOptions.Default);

    /// <summary>The options.</summary>
    public PerformanceOptions Options { get; }

    private static string[] Assumptions(PerformanceOptions o) =>
    [
        Inv($"cruise at the type's cruise flight level and Mach (or those given) over the whole ground distance, ISA temperature plus the deviation given; uniform wind integrated along each great-circle leg"),
        Inv($"payload: load factor {o.LoadFactor} x the maximum payload (passengers, bags and cargo)"),
        Inv($"reserves: final reserve {o.Reserves.FinalReserveMinutes} min holding at {o.Reserves.FinalReserveAltitudeFt} ft, alternate {o.Reserves.AlternateDistanceNm} NM, contingency {o.Reserves.ContingencyFraction:P0} of trip fuel carried (ICAO Annex 6 Part I 4.3.6.3, EASA CAT.OP.MPA.181)"),
        Inv($"fuel integrated backwards from the landing mass (OEM + payload + reserves), so extra fuel includes the fuel to carry it"),
        Inv($"climb/descent allowance: energy (m g h + m V^2/2)/(eta Q) plus {o.ClimbDescentExtraMinutes} min at the holding fuel flow, at landing mass; taxi {o.TaxiMinutes} min at the EUROCONTROL Standard Inputs taxi burn rate of the class; the same for a detour and the direct route"),
        Inv($"CO2 = {o.Costs.Co2KgPerKgFuel} x fuel; fuel US${o.Costs.FuelPriceUsdPerKg}/kg"),
        Inv($"time cost per block hour: EUROCONTROL Standard Inputs (IATA ACMG, USD 2022) aircraft operating cost per flight hour of the type's family x the type's airborne hours per block hour (US DOT T2 2024) x (1 - fuel share {AircraftCatalog.AcmgFuelShare:0.000}), fuel share from the EUROCONTROL airline cost structure"),
    ];

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------------------------------ cruise point

    /// <summary>
    /// The cruise point in steady level flight at a mass, Mach number, flight level and ISA deviation.
    /// For the Breguet types only the lift coefficient, fuel flow and airspeed are defined; the rest is null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The mass is outside [OEM, MTOM], the Mach number above MMO or not
    /// positive, the flight level above the ceiling or negative; the message gives the limit.</exception>
    public CruisePoint Cruise(AircraftType type, double massKg, double mach, double flightLevel, double isaDeviationK)
    {
        ArgumentNullException.ThrowIfNull(type);
        CheckMass(type, massKg);
        var c = Condition(type, mach, flightLevel, isaDeviationK);
        return c.Point(massKg);
    }

    /// <summary>Rejects a mass outside [OEM, MTOM].</summary>
    private static void CheckMass(AircraftType type, double massKg)
    {
        if (!(massKg >= type.OperatingEmptyMassKg && massKg <= type.MaxTakeoffMassKg))
            throw new ArgumentOutOfRangeException(nameof(massKg), massKg, Inv(
                $"mass {massKg} kg is outside [{type.OperatingEmptyMassKg:0.##}, {type.MaxTakeoffMassKg:0.##}] kg, the {type.Icao}'s operating empty mass and MTOM"));
    }

    /// <summary>The mass-independent cruise state, with the Mach and level limits checked.</summary>
    private CruiseCondition Condition(AircraftType type, double mach, double flightLevel, double isaDeviationK)
    {
        if (!(mach > 0.1 && mach <= type.MaxMach))
            throw new ArgumentOutOfRangeException(nameof(mach), mach, Inv(
                $"Mach {mach} is outside (0.1, {type.MaxMach}], the {type.Icao}'s maximum operating Mach number (MMO) being {type.MaxMach}"));
        if (!(flightLevel >= 0 && flightLevel <= type.CeilingFl))
            throw new ArgumentOutOfRangeException(nameof(flightLevel), flightLevel, Inv(
                $"flight level {flightLevel} is outside [0, {type.CeilingFl:0.#}], the {type.Icao}'s maximum operating level being FL{type.CeilingFl:0.#}"));
        if (!(isaDeviationK is >= -60 and <= 60))
            throw new ArgumentOutOfRangeException(nameof(isaDeviationK), isaDeviationK, Inv($"ISA deviation {isaDeviationK} K is outside [-60, 60] K"));
        double h = Isa.FlightLevelToMetres(flightLevel);
        double p = Isa.PressurePa(h), t = Isa.TemperatureK(h, isaDeviationK);
        return new CruiseCondition(type, mach, p, t, h, Options.FuelLowerHeatingValueJPerKg);
    }

    /// <summary>ṁ(m) for either model, with a mass-independent state computed once.</summary>
    private readonly struct CruiseCondition
    {
        private readonly PollSchumann.State _ps;
        private readonly bool _isPs;
        private readonly double _lhv;
        internal readonly double TasMPerS, AltitudeM;

        internal CruiseCondition(AircraftType type, double mach, double pressurePa, double temperatureK, double altitudeM, double lhv)
        {
            _isPs = type.Ps != null;
            _lhv = lhv;
            AltitudeM = altitudeM;
            if (_isPs) { _ps = new PollSchumann.State(type.Ps!, mach, pressurePa, temperatureK, lhv); TasMPerS = _ps.TasMPerS; }
            else TasMPerS = mach * Isa.SpeedOfSoundMPerS(temperatureK);
        }

        internal double FuelFlowKgPerS(double m) =>
            _isPs ? _ps.FuelFlowKgPerS(m) : m * Isa.GravityMPerS2 * TasMPerS / (TurbopropEtaLiftToDrag * _lhv);

        internal double Efficiency(double m) =>
            _isPs ? _ps.Efficiency(_ps.DragCoefficient(_ps.LiftCoefficient(m))) : TurbopropClimbEfficiency;

        internal CruisePoint Point(double m)
        {
            if (_isPs) return _ps.Point(m);
            // Breguet: no wing area or drag polar, so only what the model defines.
            return new CruisePoint(null, null, null, null, FuelFlowKgPerS(m), TasMPerS, null);
        }
    }

    // ------------------------------------------------------------------------------------------ flights

    /// <summary>Time, fuel, CO₂ and money for a flight along the waypoints (great-circle legs, WGS84 lengths).</summary>
    /// <exception cref="ArgumentException">Fewer than two waypoints.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit of the type is exceeded (Mach, level, payload) or the wind is not below the airspeed.</exception>
    public FlightEstimate Estimate(AircraftType type, IReadOnlyList<GeoPoint> waypoints, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        if (waypoints.Count < 2) throw new ArgumentException("a route needs at least two waypoints", nameof(waypoints));
        var legs = new double[waypoints.Count - 1];
        for (int i = 0; i < legs.Length; i++) legs[i] = Wgs84.DistanceM(waypoints[i], waypoints[i + 1]) / 1000;
        return Estimate(type, waypoints, legs, conditions);
    }

    /// <summary>The flight along a planned route (its waypoints and WGS84 leg lengths).</summary>
    /// <exception cref="ArgumentException">The route is unreachable (no waypoints to fly).</exception>
    public FlightEstimate Estimate(AircraftType type, RoutePlan plan, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Status == RouteStatus.Unreachable || plan.Waypoints.Count < 2)
            throw new ArgumentException($"the route is {plan.Status.ToString().ToLowerInvariant()}: {plan.Reason}", nameof(plan));
        return Estimate(type, plan.Waypoints, plan.LegKm, conditions);
    }

    /// <summary>The direct flight and the planned one, and the difference at the same landing mass.</summary>
    /// <exception cref="ArgumentException">The route is unreachable.</exception>
    public DetourCost EstimateDetour(AircraftType type, RoutePlan plan, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var direct = Estimate(type, [plan.From, plan.To], [plan.DirectKm], conditions);
        return Compare(direct, Estimate(type, plan, conditions));
    }

    /// <summary>Flown minus direct. Both must be the same type and conditions (so the same landing mass).</summary>
    /// <exception cref="ArgumentException">The two flights are of different types or landing masses.</exception>
    public DetourCost Compare(FlightEstimate direct, FlightEstimate flown)
    {
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(flown);
        if (direct.AircraftIcao != flown.AircraftIcao || Math.Abs(direct.LandingMassKg - flown.LandingMassKg) > 1e-6)
            throw new ArgumentException(Inv($"compare flights of one type at one landing mass: {direct.AircraftIcao} at {direct.LandingMassKg:0} kg vs {flown.AircraftIcao} at {flown.LandingMassKg:0} kg"));
        return new DetourCost(direct, flown, flown.DistanceKm - direct.DistanceKm, flown.BlockMinutes - direct.BlockMinutes,
            flown.FuelKg - direct.FuelKg, flown.Co2Kg - direct.Co2Kg, flown.CostUsd - direct.CostUsd);
    }

    private FlightEstimate Estimate(AircraftType type, IReadOnlyList<GeoPoint> waypoints, IReadOnlyList<double> legKm, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(conditions);
        var flight = Setup(type, conditions);
        double distanceKm = 0, cruiseS = 0, factor = conditions.RouteEfficiencyFactor;
        for (int i = 0; i < legKm.Count; i++)
        {
            // The route-efficiency factor lengthens every leg alike (flown over great-circle distance).
            double km = factor == 1 ? legKm[i] : legKm[i] * factor;
            distanceKm += km;
            cruiseS += LegSeconds(waypoints[i], waypoints[i + 1], km * 1000, flight.Cruise.TasMPerS, conditions, flight.Fl);
        }
        return Finish(flight, distanceKm, cruiseS);
    }

    /// <summary>Seconds to fly one great-circle leg at true airspeed V in the conditions' wind (uniform or a field).</summary>
    private static double LegSeconds(GeoPoint a, GeoPoint b, double lengthM, double tas, FlightConditions c, double fl)
    {
        if (c.Wind is { } bad && !(bad.SpeedKt >= 0 && double.IsFinite(bad.SpeedKt) && double.IsFinite(bad.FromDeg)))
            throw new ArgumentOutOfRangeException(nameof(c), bad.SpeedKt, $"wind {bad} must have a finite direction and a finite speed ≥ 0 kt");
        WindField? field = c.WindField;
        if (field is null)
        {
            if (c.Wind is not { SpeedKt: > 0 } w) return lengthM / tas;
            if (w.SpeedKt * Units.MetresPerNm / 3600 >= tas)
                throw new ArgumentOutOfRangeException(nameof(c), w.SpeedKt, Inv($"wind {w} kt is not below the true airspeed {tas * 3600 / Units.MetresPerNm:0} kt"));
            field = new UniformWindField(w.FromDeg, w.SpeedKt);
        }
        return ArcWind.SecondsPerMetre(Vec3.FromGeo(a), Vec3.FromGeo(b), tas, field, fl) * lengthM;
    }

    /// <summary>What a flight needs before its length is known: the cruise state, payload and landing mass.</summary>
    private readonly record struct FlightSetup(AircraftType Type, CruiseCondition Cruise, double Mach, double Fl, double PayloadKg, double LandingMassKg, double ReserveKg, double ClimbFuelKg);

    private FlightSetup Setup(AircraftType type, FlightConditions c)
    {
        double mach = c.CruiseMach ?? type.CruiseMach, fl = c.CruiseFl ?? type.CruiseFl;
        var cruise = Condition(type, mach, fl, c.IsaDeviationK);
        var o = Options;
        double payload = c.PayloadKg ?? o.LoadFactor * type.MaxPayloadKg;
        if (!(payload >= 0 && payload <= type.MaxPayloadKg))
            throw new ArgumentOutOfRangeException(nameof(c), payload, Inv($"payload {payload:0} kg is outside [0, {type.MaxPayloadKg:0}] kg, the {type.Icao}'s maximum payload"));
        // Reserves: holding at the final-reserve altitude and 200 NM at the cruise condition, at OEM + payload + reserves.
        double holdFl = o.Reserves.FinalReserveAltitudeFt / 100;
        var hold = Condition(type, Math.Min(type.Ps == null ? 0.30 : 0.35, type.MaxMach), Math.Min(holdFl, type.CeilingFl), c.IsaDeviationK);
        double zeroFuel = type.OperatingEmptyMassKg + payload, reserve = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            double m = zeroFuel + reserve;
            reserve = hold.FuelFlowKgPerS(m) * o.Reserves.FinalReserveMinutes * 60
                      + cruise.FuelFlowKgPerS(m) * o.Reserves.AlternateDistanceNm * Units.MetresPerNm / cruise.TasMPerS;
        }
        double landing = zeroFuel + reserve;
        double v = cruise.TasMPerS;
        // Climb energy at the cruise efficiency, plus the extra climb/descent minutes flown low and slow at the
        // holding fuel flow: both at the landing mass, so the same for a detour and the direct route.
        double climb = landing * (Isa.GravityMPerS2 * cruise.AltitudeM + 0.5 * v * v) / (cruise.Efficiency(landing) * o.FuelLowerHeatingValueJPerKg)
                       + hold.FuelFlowKgPerS(landing) * o.ClimbDescentExtraMinutes * 60;
        return new FlightSetup(type, cruise, mach, fl, payload, landing, reserve, climb);
    }

    private FlightEstimate Finish(in FlightSetup f, double distanceKm, double cruiseS)
    {
        var o = Options;
        var type = f.Type;
        double cruiseFuel = CruiseFuelKg(f.Cruise, f.LandingMassKg, cruiseS);
        double trip = cruiseFuel + f.ClimbFuelKg;
        double taxiRate = type.Class switch { AircraftClass.Regional => 8.2, AircraftClass.NarrowBody => 11.7, _ => 25.8 };
        double taxiFuel = taxiRate * o.TaxiMinutes;
        double block = trip + taxiFuel;
        double contingency = o.Reserves.ContingencyFraction * trip;
        double takeoff = f.LandingMassKg + trip + contingency;
        double load = block + contingency + f.ReserveKg;
        double airborneMin = cruiseS / 60 + o.ClimbDescentExtraMinutes, blockMin = airborneMin + o.TaxiMinutes;
        // Written as "not within" so that a non-finite mass fails: far beyond MTOM the backward integration of the cruise
        // mass blows up (the wave drag grows as C_L⁴), and a NaN compared with ">" used to read as "fits" — which made
        // MaxRangeKm return its 25,000 km search bound for most types and the simulator skip every technical stop.
        var (status, reason) =
            !(takeoff <= type.MaxTakeoffMassKg) ? (RangeStatus.ExceedsMaxTakeoffMass, double.IsFinite(takeoff)
                ? Inv($"take-off mass {takeoff:0} kg exceeds the {type.Icao}'s MTOM {type.MaxTakeoffMassKg:0} kg")
                : Inv($"the fuel for {distanceKm:0} km grows without bound, far beyond the {type.Icao}'s MTOM {type.MaxTakeoffMassKg:0} kg"))
            : !(load <= type.MaxFuelKg) ? (RangeStatus.ExceedsFuelCapacity, Inv($"fuel {load:0} kg exceeds the {type.Icao}'s capacity {type.MaxFuelKg:0} kg"))
            : (RangeStatus.Fits, "");
        double fuelCost = block * o.Costs.FuelPriceUsdPerKg;
        double timeCost = blockMin / 60 * (o.Costs.TimeCostUsdPerBlockHour ?? type.TimeCostUsdPerBlockHour);
        return new FlightEstimate(type.Icao, type.ModelName, distanceKm, f.Fl, f.Mach, f.Cruise.TasMPerS * 3600 / Units.MetresPerNm,
            airborneMin, blockMin, block, trip, block * o.Costs.Co2KgPerKgFuel, fuelCost, timeCost, fuelCost + timeCost,
            f.PayloadKg, f.LandingMassKg, takeoff, f.ReserveKg, contingency, load, status, reason,
            type.Ps != null ? _psAssumptions : _breguetAssumptions);
    }

    /// <summary>
    /// Fuel burned in cruise: dm/dt = ṁ(m) integrated backwards from the landing mass over the cruise time, by
    /// classical Runge–Kutta with fixed steps (ṁ is smooth and slowly varying in m; see the remarks).
    /// </summary>
    private static double CruiseFuelKg(in CruiseCondition c, double landingMassKg, double cruiseS)
    {
        int n = Math.Max(2, (int)Math.Ceiling(cruiseS / CruiseStepS));
        double h = cruiseS / n, m = landingMassKg;
        for (int i = 0; i < n; i++)
        {
            double k1 = c.FuelFlowKgPerS(m);
            double k2 = c.FuelFlowKgPerS(m + h / 2 * k1);
            double k3 = c.FuelFlowKgPerS(m + h / 2 * k2);
            double k4 = c.FuelFlowKgPerS(m + h * k3);
            m += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return m - landingMassKg;
    }

    /// <summary>The cruise fuel flow as a function of mass at a type's cruise condition (for tests and references).</summary>
    internal Func<double, double> FuelFlowFunction(AircraftType type, FlightConditions c)
    {
        var cruise = Setup(type, c).Cruise;
        return m => cruise.FuelFlowKgPerS(m);
    }

    /// <summary>The cruise fuel of the fixed-step integration (for the test against a fine reference).</summary>
    internal double CruiseFuelKg(AircraftType type, FlightConditions c, double landingMassKg, double cruiseS) =>
        CruiseFuelKg(Setup(type, c).Cruise, landingMassKg, cruiseS);

    /// <summary>A still-air flight of a given ground distance (no geometry: e.g. an average stage length).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The distance is negative or a limit of the type is exceeded.</exception>
    public FlightEstimate EstimateDistance(AircraftType type, double distanceKm, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(conditions);
        if (!(distanceKm >= 0 && distanceKm < 40_000))
            throw new ArgumentOutOfRangeException(nameof(distanceKm), distanceKm, "distance must be in [0, 40,000) km");
        var f = Setup(type, conditions with { Wind = null, WindField = null });
        return Finish(f, distanceKm, distanceKm * 1000 / f.Cruise.TasMPerS);
    }

    // ------------------------------------------------------------------------------------------ range

    /// <summary>
    /// The longest still-air distance the type can fly with its reserves and the conditions' payload (bisection on
    /// the distance; the limit is MTOM or the fuel capacity, whichever binds first), as a great-circle distance: with
    /// a route-efficiency factor above 1 the flown distance is that factor times the result.
    /// </summary>
    public double MaxRangeKm(AircraftType type, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(conditions);
        double factor = conditions.RouteEfficiencyFactor;
        return factor == 1 ? MaxFlownKm(type, conditions) : MaxFlownKm(type, conditions) / factor;
    }

    private double MaxFlownKm(AircraftType type, FlightConditions conditions)
    {
        var f = Setup(type, conditions with { Wind = null, WindField = null });
        double lo = 0, hi = 25_000;
        if (Finish(f, hi, hi * 1000 / f.Cruise.TasMPerS).FitsRange) return hi;
        for (int i = 0; i < 40 && hi - lo > 0.5; i++)
        {
            double mid = (lo + hi) / 2;
            if (Finish(f, mid, mid * 1000 / f.Cruise.TasMPerS).FitsRange) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// A technical stop for a route the type cannot fly non-stop: among the candidates, the airport X that minimises
    /// |A−X| + |X−B| (WGS84 great circles) with both legs fitting the type's range under the conditions; "none" when no
    /// candidate works. Candidates are pruned by the ellipse |A−X| + |X−B| ≤ best and by the still-air range before any
    /// leg is estimated.
    /// </summary>
    public TechStop FindTechStop(AircraftType type, GeoPoint from, GeoPoint to, IEnumerable<Airport> candidates, FlightConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Search(type, from, to, [from, to], NoNulls(candidates), conditions, static (a, b) => [a, b], "the direct flight fits the range");
    }

    /// <summary>
    /// A technical stop for a flown route (e.g. a detour around closures) that the type cannot fly: among the
    /// candidates, the airport X that minimises the length of the two legs A→X and X→B that <paramref name="planLeg"/>
    /// gives (null: no leg, e.g. X lies inside a closure, so X is not open), with both legs fitting the type's range
    /// under the conditions; "none" when no candidate works. Not needed when <paramref name="flown"/> fits. A planned
    /// leg is never shorter than its geodesic, so the pruning of
    /// <see cref="FindTechStop(AircraftType, GeoPoint, GeoPoint, IEnumerable{Airport}, FlightConditions)"/> holds.
    /// </summary>
    /// <param name="type">The aircraft type.</param>
    /// <param name="flown">The route the flight would fly non-stop, from its origin to its destination (at least two points).</param>
    /// <param name="candidates">The airports that may serve as the stop.</param>
    /// <param name="conditions">Payload, wind and the other conditions, for every leg.</param>
    /// <param name="planLeg">The waypoints of a leg between two points (ends included), or null when there is none.</param>
    public TechStop FindTechStop(AircraftType type, IReadOnlyList<GeoPoint> flown, IEnumerable<Airport> candidates, FlightConditions conditions,
        Func<GeoPoint, GeoPoint, IReadOnlyList<GeoPoint>?> planLeg)
    {
        ArgumentNullException.ThrowIfNull(flown);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(planLeg);
        if (flown.Count < 2) throw new ArgumentException("the flown route needs at least two points", nameof(flown));
        return Search(type, flown[0], flown[^1], flown, NoNulls(candidates), conditions, planLeg, "the flown route fits the range");
    }

    // A null candidate failed deep in the search with a NullReferenceException.
    private static IEnumerable<Airport> NoNulls(IEnumerable<Airport> candidates) =>
        candidates.Select((a, i) => a ?? throw new ArgumentException($"candidates[{i}] is null", nameof(candidates)));

    private TechStop Search(AircraftType type, GeoPoint from, GeoPoint to, IReadOnlyList<GeoPoint> flown, IEnumerable<Airport> candidates,
        FlightConditions conditions, Func<GeoPoint, GeoPoint, IReadOnlyList<GeoPoint>?> planLeg, string fits)
    {
        var direct = Estimate(type, flown, conditions);
        if (direct.FitsRange) return new TechStop(false, null, null, null, null, fits);
        // The still-air range bounds each leg; with a wind a leg may need more, so candidates are verified in order.
        double rangeKm = MaxRangeKm(type, conditions);
        double windKt = conditions.WindField?.MaxSpeedKt ?? conditions.Wind?.SpeedKt ?? 0;
        double slackKm = rangeKm * windKt / Math.Max(1, direct.TrueAirspeedKt);
        var pa = Vec3.FromGeo(from);
        var pb = Vec3.FromGeo(to);
        var ranked = new List<(double total, Airport ap)>();
        const double sphereSlack = 1.006; // the sphere and WGS84 lengths differ by < 0.6 %
        foreach (var ap in candidates)
        {
            var px = Vec3.FromGeo(ap.Location);
            double ax = Sphere.DistanceKm(pa, px);
            if (ax > (rangeKm + slackKm) * sphereSlack) continue;
            double xb = Sphere.DistanceKm(px, pb);
            if (xb > (rangeKm + slackKm) * sphereSlack) continue;
            ranked.Add((ax + xb, ap));
        }
        ranked.Sort((p, q) => p.total.CompareTo(q.total));
        double best = double.PositiveInfinity;
        TechStop? found = null;
        foreach (var (sphereTotal, ap) in ranked)
        {
            if (sphereTotal > best * sphereSlack) break; // the ellipse |A−X| + |X−B| ≤ best: nothing further can win
            if (planLeg(from, ap.Location) is not { Count: >= 2 } route1) continue;
            var leg1 = Estimate(type, route1, conditions);
            if (!leg1.FitsRange) continue;
            if (planLeg(ap.Location, to) is not { Count: >= 2 } route2) continue;
            var leg2 = Estimate(type, route2, conditions);
            if (!leg2.FitsRange) continue;
            double total = leg1.DistanceKm + leg2.DistanceKm;
            if (total < best)
            {
                best = total;
                found = new TechStop(true, ap, total, leg1, leg2,
                    Inv($"technical stop at {ap.Code}: {leg1.DistanceKm:0} + {leg2.DistanceKm:0} km ({direct.RangeReason} non-stop)"));
            }
        }
        return found ?? new TechStop(true, null, null, null, null, Inv($"none: no candidate airport keeps both legs in range ({direct.RangeReason} non-stop)"));
    }
}
