using System.Globalization;

namespace AirspaceSim.Performance;

/// <summary>Prices and emission factors.</summary>
public sealed record CostParameters
{
    /// <summary>
    /// Jet fuel price, US$/kg. Default 0.71: IATA's 2025 average of about US$90 per barrel (IATA, December 2025
    /// industry outlook) at 159 L/bbl and 0.8 kg/L.
    /// </summary>
    public double FuelPriceUsdPerKg { get; init; } = 0.71;

    /// <summary>kg of CO₂ per kg of fuel burned. Default 3.16 (ICAO CORSIA / Carbon Emissions Calculator); the EU ETS uses 3.15.</summary>
    public double Co2KgPerKgFuel { get; init; } = 3.16;

    /// <summary>Overrides the type's time-related cost per block hour (crew, maintenance, ownership; no fuel), US$/h; null keeps the type's.</summary>
    public double? TimeCostUsdPerBlockHour { get; init; }
}

/// <summary>
/// Fuel reserves carried to the destination (ICAO Annex 6 Part I 4.3.6.3 and EASA Air OPS CAT.OP.MPA.150/181):
/// contingency, alternate and final reserve.
/// </summary>
public sealed record ReservePolicy
{
    /// <summary>Contingency fuel as a fraction of trip fuel (5 %, the usual Annex 6 / EASA figure).</summary>
    public double ContingencyFraction { get; init; } = 0.05;

    /// <summary>Final reserve: minutes of holding (30 min for turbine aircraft).</summary>
    public double FinalReserveMinutes { get; init; } = 30;

    /// <summary>Final reserve holding altitude, ft above the aerodrome (1,500 ft).</summary>
    public double FinalReserveAltitudeFt { get; init; } = 1500;

    /// <summary>Distance to the destination alternate, NM (200 NM, a common planning figure).</summary>
    public double AlternateDistanceNm { get; init; } = 200;
}

/// <summary>Model-wide options: payload, reserves, allowances, prices. Immutable; <see cref="Default"/> is the documented set.</summary>
public sealed record PerformanceOptions
{
    /// <summary>The defaults.</summary>
    public static PerformanceOptions Default { get; } = new();

    /// <summary>Prices and emission factors.</summary>
    public CostParameters Costs { get; init; } = new();

    /// <summary>Reserve policy.</summary>
    public ReservePolicy Reserves { get; init; } = new();

    /// <summary>
    /// Payload as a fraction of the type's maximum payload (passengers, bags and cargo). Default 0.8, close to IATA's
    /// 2024 global passenger load factor (83.5 %); the same convention as pycontrails' load factor on the maximum payload.
    /// </summary>
    public double LoadFactor { get; init; } = 0.8;

    /// <summary>Taxi-out plus taxi-in time, minutes (default 15; a planning assumption, configurable).</summary>
    public double TaxiMinutes { get; init; } = 15;

    /// <summary>
    /// Airborne minutes that climb and descent add over cruising the same ground distance (default 10: the slower
    /// climb and descent of a typical 20–25 minute profile each; a planning assumption). The same for every route.
    /// </summary>
    public double ClimbDescentExtraMinutes { get; init; } = 10;

    /// <summary>Fuel lower heating value, J/kg (43 MJ/kg, the Poll–Schumann check-value condition).</summary>
    public double FuelLowerHeatingValueJPerKg { get; init; } = 43e6;

    internal void Validate()
    {
        static void Check(bool ok, string name, double v, string rule)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, v, $"{name} = {v.ToString(CultureInfo.InvariantCulture)}: must be {rule}");
        }
        Check(Costs.FuelPriceUsdPerKg >= 0 && double.IsFinite(Costs.FuelPriceUsdPerKg), "FuelPriceUsdPerKg", Costs.FuelPriceUsdPerKg, "a finite number ≥ 0");
        Check(Costs.Co2KgPerKgFuel > 0 && Costs.Co2KgPerKgFuel < 10, "Co2KgPerKgFuel", Costs.Co2KgPerKgFuel, "in (0, 10)");
        if (Costs.TimeCostUsdPerBlockHour is { } tc) Check(tc >= 0 && double.IsFinite(tc), "TimeCostUsdPerBlockHour", tc, "a finite number ≥ 0");
        Check(LoadFactor is > 0 and <= 1, "LoadFactor", LoadFactor, "in (0, 1]");
        Check(TaxiMinutes is >= 0 and < 300, "TaxiMinutes", TaxiMinutes, "in [0, 300)");
        Check(ClimbDescentExtraMinutes is >= 0 and < 120, "ClimbDescentExtraMinutes", ClimbDescentExtraMinutes, "in [0, 120)");
        Check(FuelLowerHeatingValueJPerKg is > 1e7 and < 1e8, "FuelLowerHeatingValueJPerKg", FuelLowerHeatingValueJPerKg, "in (1e7, 1e8)");
        Check(Reserves.ContingencyFraction is >= 0 and < 1, "ContingencyFraction", Reserves.ContingencyFraction, "in [0, 1)");
        Check(Reserves.FinalReserveMinutes is >= 0 and < 600, "FinalReserveMinutes", Reserves.FinalReserveMinutes, "in [0, 600)");
        Check(Reserves.FinalReserveAltitudeFt is >= 0 and <= 20000, "FinalReserveAltitudeFt", Reserves.FinalReserveAltitudeFt, "in [0, 20000]");
        Check(Reserves.AlternateDistanceNm is >= 0 and < 3000, "AlternateDistanceNm", Reserves.AlternateDistanceNm, "in [0, 3000)");
    }
}

/// <summary>
/// A uniform wind: the direction it blows FROM (degrees true) and its speed (kt), written <c>270/80</c>.
/// </summary>
/// <param name="FromDeg">Direction the wind blows from, degrees true, [0, 360].</param>
/// <param name="SpeedKt">Speed in knots, ≥ 0.</param>
public readonly record struct Wind(double FromDeg, double SpeedKt)
{
    // The one bound of a uniform wind's speed: DIR/SPEED here (--wind, a scenario's realism.wind) and a scenario's
    // windKt, its sweep and its Monte Carlo draws (ParameterRanges.WindKt); those took 300 kt where DIR/SPEED took 400.
    internal const double MaxSpeedKt = 400;

    /// <summary>Parses <c>DIR/SPEED</c>, e.g. <c>270/80</c> (from 270° at 80 kt).</summary>
    /// <exception cref="FormatException">Not DIR/SPEED with DIR in [0, 360] and SPEED in [0, 400] kt.</exception>
    public static Wind Parse(string text) => TryParse(text, out var w, out var e) ? w : throw new FormatException(e);

    /// <summary>Tries to parse <c>DIR/SPEED</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out Wind wind, out string error)
    {
        wind = default;
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 ||
            !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var dir) ||
            !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var kt))
        { error = $"wind '{text}' is not DIR/SPEED (degrees true the wind blows from / knots), e.g. 270/80"; return false; }
        // A non-finite number is said as such (not "NaN is outside [0, 360]": NaN is outside nothing).
        if (!double.IsFinite(dir)) { error = $"wind direction '{parts[0].Trim()}' in '{text}' is not a finite number (degrees true in [0, 360])"; return false; }
        if (!double.IsFinite(kt)) { error = string.Create(CultureInfo.InvariantCulture, $"wind speed '{parts[1].Trim()}' in '{text}' is not a finite number (knots in [0, {MaxSpeedKt}])"); return false; }
        if (!(dir >= 0 && dir <= 360)) { error = $"wind direction {parts[0].Trim()} in '{text}' is outside [0, 360] degrees"; return false; }
        if (!(kt >= 0 && kt <= MaxSpeedKt)) { error = string.Create(CultureInfo.InvariantCulture, $"wind speed {parts[1].Trim()} in '{text}' is outside [0, {MaxSpeedKt}] kt"); return false; }
        wind = new Wind(dir, kt);
        error = "";
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FromDeg:0.#}/{SpeedKt:0.#}");
}

/// <summary>Per-flight conditions. Null fields take the type's defaults.</summary>
public sealed record FlightConditions
{
    /// <summary>Still air, ISA, the type's cruise level and Mach, the default payload.</summary>
    public static FlightConditions Default { get; } = new();

    /// <summary>A uniform wind, or null for still air.</summary>
    public Wind? Wind { get; init; }

    /// <summary>A wind field (e.g. a gridded climatology) that times every leg; when set it replaces <see cref="Wind"/>.</summary>
    public Weather.WindField? WindField { get; init; }

    /// <summary>
    /// Flown over great-circle distance, ≥ 1 (default 1): every leg is flown this much longer (airways, vectors), the
    /// direct route and a detour alike. <see cref="Routing.RealismOptions.RouteEfficiencyFactor"/> gives the sourced default.
    /// </summary>
    public double RouteEfficiencyFactor
    {
        get => _routeEfficiencyFactor;
        init => _routeEfficiencyFactor = value is >= 1 and <= 1.5 ? value
            : throw new ArgumentOutOfRangeException(nameof(RouteEfficiencyFactor), value, "the route-efficiency factor must be in [1, 1.5]");
    }

    private readonly double _routeEfficiencyFactor = 1;

    /// <summary>Temperature deviation from ISA at the cruise level, K.</summary>
    public double IsaDeviationK { get; init; }

    /// <summary>Cruise flight level; null takes the type's.</summary>
    public double? CruiseFl { get; init; }

    /// <summary>Cruise Mach number; null takes the type's.</summary>
    public double? CruiseMach { get; init; }

    /// <summary>Payload, kg; null takes the load factor × the maximum payload.</summary>
    public double? PayloadKg { get; init; }
}
