using AirspaceSim.Infrastructure;
namespace AirspaceSim.Data;

/// <summary>One OpenFlights route: an airline's non-stop (or stated-stops) service between two airports.</summary>
/// <param name="LineNumber">1-based line in routes.dat.</param>
/// <param name="Airline">Airline IATA/ICAO code as given.</param>
/// <param name="From">Source airport code (IATA or ICAO).</param>
/// <param name="To">Destination airport code (IATA or ICAO).</param>
public sealed record OpenFlightsRoute(int LineNumber, string Airline, string From, string To);

/// <summary>
/// Reads OpenFlights <c>routes.dat</c> (CSV without header:
/// <c>airline,airline_id,src_iata,src_id,dst_iata,dst_id,codeshare,stops,equipment</c>; <c>\N</c> = null), the 2014
/// snapshot used as a realistic global network for throughput and what-if runs.
/// </summary>
public static class OpenFlightsRoutes
{
    /// <summary>Reads every route with both airport codes present, in file order.</summary>
    /// <exception cref="FormatException">A malformed line; the message names the file and line.</exception>
    public static IReadOnlyList<OpenFlightsRoute> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <inheritdoc cref="Read(TextReader, string?)"/>
    public static IReadOnlyList<OpenFlightsRoute> Read(TextReader reader) => Read(reader, null);

    /// <summary>Reads routes.dat content; see <see cref="Read(string)"/>.</summary>
    public static IReadOnlyList<OpenFlightsRoute> Read(TextReader reader, string? source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string src = source ?? "routes.dat";
        var list = new List<OpenFlightsRoute>();
        int lineNo = 0;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{src}:{lineNo}: {err}");
            if (f.Count < 6) throw new FormatException($"{src}:{lineNo}: expected at least 6 fields, found {f.Count}");
            if (f[2] is "\\N" or "" || f[4] is "\\N" or "") continue;
            list.Add(new OpenFlightsRoute(lineNo, f[0], f[2], f[4]));
        }
        return list;
    }
}
