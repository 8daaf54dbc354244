using AirspaceSim.Geodesy;

namespace AirspaceSim.Data;

/// <summary>A resolved end of a route, the one place type of the library: an airport or a position with its display
/// code (IATA if the airport has one, else ICAO, or the normalised <c>LAT,LON</c>). Made by
/// <see cref="AirportDirectory.Resolve(string)"/>; a batch row's ends (<c>BatchRow.From</c>, <c>BatchRow.To</c>).</summary>
/// <param name="Code">Display code or normalised coordinates.</param>
/// <param name="Point">Position.</param>
/// <remarks>In the <c>AirspaceSim.Data</c> namespace (it was in <c>AirspaceSim.Batch</c> in 0.1.0), beside the airports it
/// resolves, so that the directory, which ranks below the batch pipeline, can return it.</remarks>
public readonly record struct RouteEnd(string Code, GeoPoint Point);
