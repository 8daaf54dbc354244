using AirspaceSim.Geodesy;

namespace AirspaceSim.Data;

/// <summary>An airport: its codes (either may be absent), name, country and reference point.</summary>
/// <param name="Icao">Four-letter ICAO code such as <c>SVMI</c>, or null.</param>
/// <param name="Iata">Three-letter IATA code such as <c>CCS</c>, or null.</param>
/// <param name="Name">Airport name.</param>
/// <param name="Country">Country or territory.</param>
/// <param name="Location">Airport reference point.</param>
public sealed record Airport(string? Icao, string? Iata, string Name, string Country, GeoPoint Location)
{
    /// <summary>The code to show: IATA when there is one, else ICAO, else the name.</summary>
    public string Code => Iata ?? Icao ?? Name;
}
