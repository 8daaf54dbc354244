namespace AirspaceSim.Performance;

/// <summary>Which fuel model an aircraft type uses.</summary>
public enum FuelModelKind
{
    /// <summary>The Poll–Schumann cruise model (turbofans with published parameters).</summary>
    PollSchumann,

    /// <summary>A Breguet model (fuel flow ∝ weight × speed) calibrated to US DOT Form 41 fuel per airborne hour: turboprops.</summary>
    BreguetDot,
}

/// <summary>The size class used for the EUROCONTROL Standard Inputs taxi fuel rate.</summary>
public enum AircraftClass
{
    /// <summary>Regional aircraft (EUROCONTROL "Regional aircraft").</summary>
    Regional,

    /// <summary>Narrow-body aircraft.</summary>
    NarrowBody,

    /// <summary>Wide-body aircraft.</summary>
    WideBody,
}

/// <summary>
/// An aircraft type with the figures the cost model needs, each traceable to <see cref="Sources"/> (keys explained in
/// <c>data/README.md</c>). Immutable; shared freely across threads.
/// </summary>
/// <param name="Icao">ICAO type designator, e.g. <c>B38M</c>.</param>
/// <param name="Name">Manufacturer and model, e.g. <c>Boeing 737 MAX 8</c>.</param>
/// <param name="Model">The fuel model.</param>
/// <param name="Class">Size class.</param>
/// <param name="MaxTakeoffMassKg">Maximum take-off mass (MTOM).</param>
/// <param name="MaxLandingMassKg">Maximum landing mass (MLM).</param>
/// <param name="OperatingEmptyMassKg">Operating empty mass (OEM).</param>
/// <param name="MaxPayloadKg">Maximum payload.</param>
/// <param name="MaxFuelKg">Usable fuel capacity (litres × 0.8 kg/L).</param>
/// <param name="CruiseMach">Typical cruise Mach number.</param>
/// <param name="CruiseFl">Typical cruise flight level.</param>
/// <param name="MaxMach">Maximum operating Mach number (MMO).</param>
/// <param name="CeilingFl">Maximum operating flight level.</param>
/// <param name="RangeKm">The manufacturer's published range (for reference; range checks use the fuel model).</param>
/// <param name="TypicalSeats">Typical seats: for the bundled types the average seats per aircraft in US passenger service
/// (US DOT T2 2024), or the manufacturer's standard layout where the DOT file has no rows (DH8D).</param>
/// <param name="CostFamily">The EUROCONTROL/IATA ACMG cost family, e.g. <c>A320 Family</c>.</param>
/// <param name="AcmgCostUsdPerFlightHour">That family's aircraft operating cost per flight hour, fuel included (USD 2022).</param>
/// <param name="TimeCostUsdPerBlockHour">The time-related cost per block hour without fuel: for the bundled types the ACMG
/// figure × the type's airborne hours per block hour (US DOT) × (1 − <see cref="AircraftCatalog.AcmgFuelShare"/>).</param>
/// <param name="Sources">Source keys of the figures (each explained in <c>data/aircraft/sources.tsv</c>), distinct, in column order.</param>
public sealed record AircraftType(
    string Icao, string Name, FuelModelKind Model, AircraftClass Class,
    double MaxTakeoffMassKg, double MaxLandingMassKg, double OperatingEmptyMassKg, double MaxPayloadKg, double MaxFuelKg,
    double CruiseMach, double CruiseFl, double MaxMach, double CeilingFl,
    double RangeKm, int TypicalSeats, string CostFamily, double AcmgCostUsdPerFlightHour, double TimeCostUsdPerBlockHour,
    IReadOnlyList<string> Sources)
{
    /// <summary>The model's name as printed: <c>poll-schumann</c> or <c>breguet-dot</c>.</summary>
    public string ModelName => ModelNameOf(Model);

    /// <summary>The Poll–Schumann parameters (null for the Breguet types).</summary>
    internal PsParameters? Ps { get; init; }

    /// <summary>Airborne hours per block hour that converted the ACMG per-flight-hour cost (NaN for a type built in code).</summary>
    internal double AirborneBlockRatio { get; init; } = double.NaN;

    /// <summary>The source key of each figure column of <c>aircraft.csv</c> (empty for a type built in code).</summary>
    internal IReadOnlyDictionary<string, string> FigureSources { get; init; } = new Dictionary<string, string>();

    internal static string ModelNameOf(FuelModelKind kind) => kind == FuelModelKind.PollSchumann ? "poll-schumann" : "breguet-dot";
}

/// <summary>
/// One cruise point in steady level flight.
/// </summary>
/// <param name="LiftCoefficient">C_L (null for the Breguet model, which has no wing data).</param>
/// <param name="DragCoefficient">C_D, equal to the thrust coefficient in level flight (null for the Breguet model).</param>
/// <param name="ThrustN">Total thrust, newtons (null for the Breguet model).</param>
/// <param name="OverallEfficiency">Overall propulsion efficiency η = F V/(ṁ Q) (null for the Breguet model).</param>
/// <param name="FuelFlowKgPerS">Fuel mass flow, kg/s.</param>
/// <param name="TrueAirspeedMPerS">True airspeed, m/s.</param>
/// <param name="ReynoldsNumber">Reynolds number on √S (null for the Breguet model).</param>
public sealed record CruisePoint(
    double? LiftCoefficient, double? DragCoefficient, double? ThrustN, double? OverallEfficiency,
    double FuelFlowKgPerS, double TrueAirspeedMPerS, double? ReynoldsNumber)
{
    /// <summary>Fuel mass flow, kg/h.</summary>
    public double FuelFlowKgPerH => FuelFlowKgPerS * 3600;

    /// <summary>True airspeed in knots.</summary>
    public double TrueAirspeedKt => TrueAirspeedMPerS * 3600 / 1852;
}
