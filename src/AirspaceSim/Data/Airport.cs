using AirspaceSim.Geodesy;

namespace AirspaceSim.Data;

/// <summary>OurAirports' size classes (<c>large_airport</c>, <c>medium_airport</c>, <c>small_airport</c>).</summary>
public enum AirportType
{
    /// <summary>Not stated (e.g. an <c>--airports</c> file without a <c>type</c> column, or OpenFlights).</summary>
    Unknown,
    /// <summary>A small airport.</summary>
    Small,
    /// <summary>A medium airport: regional scheduled service or a sizeable runway.</summary>
    Medium,
    /// <summary>A large airport: a major hub with long runways, a candidate for a long-haul technical stop.</summary>
    Large,
}

/// <summary>An airport: its codes (either may be absent), name, country and reference point.</summary>
/// <param name="Icao">Four-letter ICAO code such as <c>SVMI</c>, or null.</param>
/// <param name="Iata">Three-letter IATA code such as <c>CCS</c>, or null.</param>
/// <param name="Name">Airport name.</param>
/// <param name="Country">Country or territory name, e.g. <c>Curaçao</c>.</param>
/// <param name="Location">Airport reference point.</param>
public sealed record Airport(string? Icao, string? Iata, string Name, string Country, GeoPoint Location)
{
    /// <summary>The code to show: IATA when there is one, else ICAO, else the name.</summary>
    public string Code => Iata ?? Icao ?? Name;

    /// <summary>The state as an ISO 3166-1 alpha-2 code (e.g. <c>CW</c> Curaçao, <c>VE</c> Venezuela), or null when not known.</summary>
    public string? IsoCountry { get; init; }

    /// <summary>The size class; <see cref="AirportType.Unknown"/> when the source does not say.</summary>
    public AirportType Type { get; init; }

    /// <summary>True if the airport has scheduled airline service, false if not, null when the source does not say.</summary>
    public bool? ScheduledService { get; init; }
}
