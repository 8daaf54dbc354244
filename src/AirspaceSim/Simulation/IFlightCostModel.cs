using System.Diagnostics.CodeAnalysis;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Simulation;

/// <summary>What the simulator needs to know of an aircraft type.</summary>
/// <param name="TypeIcao">ICAO type designator, e.g. <c>B38M</c>.</param>
/// <param name="DefaultCruiseFl">Cruise flight level used when a flight gives none.</param>
public sealed record AircraftProfile(string TypeIcao, int DefaultCruiseFl);

/// <summary>Time, fuel, CO₂ and money of one flown path.</summary>
/// <param name="DistanceKm">WGS84 length of the path, km.</param>
/// <param name="BlockMinutes">Block time, minutes.</param>
/// <param name="FuelKg">Trip fuel, kg.</param>
/// <param name="Co2Kg">CO₂, kg.</param>
/// <param name="CostUsd">Fuel and time-related cost, US$.</param>
public sealed record FlightCost(double DistanceKm, double BlockMinutes, double FuelKg, double Co2Kg, double CostUsd);

/// <summary>
/// The aircraft-performance and cost model the simulator is built on (the layer below it): type data, ground speed
/// for timing, the cost of a flown path and the range with reserves. Implementations must be immutable and
/// thread-safe; the simulator calls them from several threads at once.
/// </summary>
public interface IFlightCostModel
{
    /// <summary>The model's name and version, shown in results.</summary>
    string Name { get; }

    /// <summary>The model's assumptions in words (listed in every result).</summary>
    IReadOnlyList<string> Assumptions(CostParameters parameters);

    /// <summary>Looks up an ICAO type designator; on failure <paramref name="error"/> says why (and the close matches).</summary>
    bool TryGetType(string typeIcao, [MaybeNullWhen(false)] out AircraftProfile profile, out string error);

    /// <summary>Cruise ground speed in knots on the leg <paramref name="from"/>→<paramref name="to"/> at the level (wind included).</summary>
    double GroundSpeedKt(AircraftProfile type, int cruiseFl, GeoPoint from, GeoPoint to, CostParameters parameters);

    /// <summary>Cost of one flight along <paramref name="waypoints"/> (take-off at the first, landing at the last).</summary>
    FlightCost Estimate(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters parameters);

    /// <summary>Longest distance in km the type flies non-stop with reserves at typical payload.</summary>
    double MaxRangeKm(AircraftProfile type, CostParameters parameters);

    /// <summary>
    /// Longest still-air great-circle distance in km the type flies non-stop with reserves at typical payload when it
    /// cruises at <paramref name="cruiseFl"/> (the wind in <paramref name="parameters"/> does not enter it). The default
    /// is <see cref="MaxRangeKm(AircraftProfile, CostParameters)"/>, which takes no level.
    /// </summary>
    /// <remarks>The simulator prunes technical-stop candidates by it in a wind: a path that
    /// <see cref="FitsRange"/> in a wind of at most W kt is assumed no longer than this range × (1 + W / TAS) × 1.006,
    /// TAS the still-air <see cref="GroundSpeedKt"/> at the level (true when the range check depends on the path only
    /// through its cruise time, as the shipped model's does, and the ground speed stays within TAS ± W).</remarks>
    double MaxRangeKm(AircraftProfile type, int cruiseFl, CostParameters parameters) => MaxRangeKm(type, parameters);

    /// <summary>
    /// Whether the type flies <paramref name="waypoints"/> non-stop with reserves at the level in the conditions of
    /// <paramref name="parameters"/>, wind included (the range check of <see cref="Estimate"/>'s flight). The default
    /// compares the path's WGS84 length with the still-air <see cref="MaxRangeKm(AircraftProfile, int, CostParameters)"/>.
    /// </summary>
    bool FitsRange(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        double km = 0;
        for (int i = 1; i < waypoints.Count; i++) km += Wgs84.DistanceM(waypoints[i - 1], waypoints[i]) / 1000;
        return km <= MaxRangeKm(type, cruiseFl, parameters);
    }
}
