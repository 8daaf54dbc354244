using System.CommandLine;
using System.Globalization;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim geodesic --inverse|--direct [-p N]</c>: GeodSolve-compatible batch geodesics.</summary>
/// <remarks>
/// Like GeographicLib's <c>GeodSolve</c>: the direct problem reads <c>lat1 lon1 azi1 s12</c> and writes
/// <c>lat2 lon2 azi2</c>; the inverse problem (<c>-i</c>) reads <c>lat1 lon1 lat2 lon2</c> and writes
/// <c>azi1 azi2 s12</c>. Metres get N decimals, degrees N + 5. Numbers are separated by blanks or commas; blank lines
/// are skipped. Longitudes are written in [-180, 180), azimuths in (-180, 180].
/// </remarks>
internal static class GeodesicCommand
{
    private const int MaxPrecision = 10; // GeodSolve's limit for doubles

    public static Command Create(CliIO io)
    {
        var inverse = new Option<bool>("--inverse", "-i")
        {
            Description = "Solve the inverse problem: read 'lat1 lon1 lat2 lon2', write 'azi1 azi2 s12'.",
        };
        var direct = new Option<bool>("--direct", "-d")
        {
            Description = "Solve the direct problem (the default): read 'lat1 lon1 azi1 s12', write 'lat2 lon2 azi2'.",
        };
        var precision = NumberOptions.Int("--precision", "Decimals for metres (degrees get 5 more); 0 to 10.", 3, 0, MaxPrecision,
            "GeodSolve's limit for doubles", "-p");
        var cmd = new Command("geodesic",
            "WGS84 geodesics in the format of GeographicLib's GeodSolve (stdin to stdout).")
        {
            inverse, direct, precision,
        };
        cmd.SetAction(parse => CliApp.Guard(io, () =>
            Run(io, parse.GetValue(inverse), parse.GetValue(direct), parse.GetValue(precision))));
        return cmd;
    }

    /// <summary>Processes stdin line by line; a bad line stops with "line K: ..." (exit code 2 through the guard).</summary>
    internal static int Run(CliIO io, bool inverse, bool direct, int precision)
    {
        if (inverse && direct) throw new CliException("--inverse and --direct exclude each other");
        if (precision < 0 || precision > MaxPrecision)
            throw new CliException($"precision {precision} is outside [0, {MaxPrecision}]");
        string metres = "F" + precision.ToString(CultureInfo.InvariantCulture);
        string degrees = "F" + (precision + 5).ToString(CultureInfo.InvariantCulture);
        Span<double> v = stackalloc double[4];
        int lineNo = 0;
        while (io.In.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            ParseFour(line, lineNo, inverse ? "lat1 lon1 lat2 lon2" : "lat1 lon1 azi1 s12", v);
            CheckLat(v[0], "lat1", lineNo);
            if (inverse)
            {
                CheckLat(v[2], "lat2", lineNo);
                var r = Wgs84.Inverse(v[0], v[1], v[2], v[3]);
                io.Out.WriteLine(string.Join(' ', F(r.Azi1Deg, degrees), F(r.Azi2Deg, degrees), F(r.DistanceM, metres)));
            }
            else
            {
                var r = Wgs84.Direct(v[0], v[1], v[2], v[3]);
                io.Out.WriteLine(string.Join(' ', F(r.Lat2Deg, degrees), F(r.Lon2Deg, degrees), F(r.Azi2Deg, degrees)));
            }
        }
        return 0;
    }

    private static void ParseFour(string line, int lineNo, string expected, Span<double> values)
    {
        var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4)
            throw new CliException($"line {lineNo}: expected 4 numbers ({expected}), got {parts.Length}: '{line.Trim()}'");
        for (int i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ||
                !double.IsFinite(x))
                throw new CliException($"line {lineNo}: '{parts[i]}' is not a finite number (expected {expected})");
            values[i] = x;
        }
    }

    private static void CheckLat(double lat, string name, int lineNo)
    {
        if (lat < -90 || lat > 90)
            throw new CliException($"line {lineNo}: {name} {F(lat, "R")} is outside [-90, 90]");
    }

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
