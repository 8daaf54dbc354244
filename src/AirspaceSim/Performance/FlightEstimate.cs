namespace AirspaceSim.Performance;

/// <summary>Whether a flight fits the aircraft's limits with its reserves.</summary>
public enum RangeStatus
{
    /// <summary>Take-off mass within MTOM and fuel within the tanks.</summary>
    Fits,

    /// <summary>The take-off mass would exceed the maximum take-off mass.</summary>
    ExceedsMaxTakeoffMass,

    /// <summary>The fuel needed would exceed the usable fuel capacity.</summary>
    ExceedsFuelCapacity,
}

/// <summary>Time, fuel, CO₂ and money for one flight (one aircraft type, one route).</summary>
/// <param name="AircraftIcao">The type flown.</param>
/// <param name="Model">Fuel model: <c>poll-schumann</c> or <c>breguet-dot</c>.</param>
/// <param name="DistanceKm">Ground distance along the waypoints (WGS84), km.</param>
/// <param name="CruiseFl">Cruise flight level used.</param>
/// <param name="CruiseMach">Cruise Mach number used.</param>
/// <param name="TrueAirspeedKt">Cruise true airspeed, kt.</param>
/// <param name="AirborneMinutes">Cruise time over the ground distance (with the wind) plus the climb/descent allowance.</param>
/// <param name="BlockMinutes">Airborne minutes plus taxi.</param>
/// <param name="FuelKg">Fuel burned, block to block: cruise + climb allowance + taxi.</param>
/// <param name="TripFuelKg">Airborne fuel burned (cruise + climb allowance).</param>
/// <param name="Co2Kg">CO₂ from <paramref name="FuelKg"/>.</param>
/// <param name="FuelCostUsd">Fuel × price.</param>
/// <param name="TimeCostUsd">Block hours × time-related cost per block hour.</param>
/// <param name="CostUsd">Fuel cost + time cost.</param>
/// <param name="PayloadKg">Payload carried.</param>
/// <param name="LandingMassKg">OEM + payload + final reserve + alternate fuel.</param>
/// <param name="TakeoffMassKg">Landing mass + trip fuel + contingency.</param>
/// <param name="ReserveFuelKg">Final reserve + alternate fuel.</param>
/// <param name="ContingencyFuelKg">Contingency fuel (carried, not burned).</param>
/// <param name="FuelLoadKg">Fuel loaded: block fuel + contingency + reserves.</param>
/// <param name="Range">Whether the flight fits.</param>
/// <param name="RangeReason">The limit and the figures when it does not fit; empty when it fits.</param>
/// <param name="Assumptions">The model's assumptions, as text.</param>
public sealed record FlightEstimate(
    string AircraftIcao, string Model, double DistanceKm, double CruiseFl, double CruiseMach, double TrueAirspeedKt,
    double AirborneMinutes, double BlockMinutes, double FuelKg, double TripFuelKg, double Co2Kg,
    double FuelCostUsd, double TimeCostUsd, double CostUsd,
    double PayloadKg, double LandingMassKg, double TakeoffMassKg, double ReserveFuelKg, double ContingencyFuelKg, double FuelLoadKg,
    RangeStatus Range, string RangeReason, IReadOnlyList<string> Assumptions)
{
    /// <summary>True when the flight fits the type's limits.</summary>
    public bool FitsRange => Range == RangeStatus.Fits;
}

/// <summary>What a detour costs: the flown route minus the direct one, at the same landing mass.</summary>
/// <param name="Direct">The direct (great-circle) flight.</param>
/// <param name="Flown">The flight actually flown.</param>
/// <param name="ExtraKm">Extra ground distance.</param>
/// <param name="ExtraMinutes">Extra block minutes.</param>
/// <param name="ExtraFuelKg">Extra fuel burned (includes the fuel to carry the extra fuel).</param>
/// <param name="ExtraCo2Kg">Extra CO₂.</param>
/// <param name="ExtraCostUsd">Extra cost.</param>
public sealed record DetourCost(
    FlightEstimate Direct, FlightEstimate Flown,
    double ExtraKm, double ExtraMinutes, double ExtraFuelKg, double ExtraCo2Kg, double ExtraCostUsd);

/// <summary>The result of a technical-stop search.</summary>
/// <param name="Needed">False when the direct flight fits and no stop is needed.</param>
/// <param name="Stop">The stop airport, or null: none needed, or none found ("none").</param>
/// <param name="TotalKm">Distance of the two legs through the stop (great circle, WGS84), or null.</param>
/// <param name="FirstLeg">The leg to the stop, or null.</param>
/// <param name="SecondLeg">The leg from the stop, or null.</param>
/// <param name="Reason">What was found, in words.</param>
public sealed record TechStop(
    bool Needed, Data.Airport? Stop, double? TotalKm, FlightEstimate? FirstLeg, FlightEstimate? SecondLeg, string Reason)
{
    /// <summary>The range status as a code, as the command line's <c>range_status</c> column and <c>range.status</c>
    /// field give it: <c>fits</c> (no stop needed), <c>tech-stop</c> (beyond range, a stop found) or <c>no-tech-stop</c>
    /// (beyond range, no candidate keeps both legs in range).</summary>
    public string StatusCode => !Needed ? "fits" : Stop is null ? "no-tech-stop" : "tech-stop";
}
