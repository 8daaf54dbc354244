using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;
using AirspaceSim.Spherical;

namespace AirspaceSim.Weather;

/// <summary>A bad wind-grid file: the message names the file, line and column and says what is accepted.</summary>
public sealed class WindGridFormatException(string message) : FormatException(message);

/// <summary>
/// A wind field on a latitude × longitude × flight-level grid (u, v in knots), read from a CSV file, interpolated
/// bilinearly in latitude and longitude on each level and linearly between levels. Outside the grid the field is
/// held at its edge value (latitude, longitude and level are clamped); the grid must not cross the antimeridian.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>File format (UTF-8, invariant culture): lines starting with <c>#</c> are comments; the first other line is the
/// header <c>lat,lon,fl,u_kt,v_kt</c> exactly; then one row per grid node: latitude (degrees north, [-90, 90]),
/// longitude (degrees east, [-180, 180]), flight level ([0, 600]), u (eastward) and v (northward) in knots
/// (|u|, |v| ≤ 400). Every combination of the distinct latitudes, longitudes and levels must appear exactly once
/// (at least two latitudes and two longitudes; one level is allowed).</para>
/// <para>The interpolation is written by hand: MathNet.Numerics interpolates in one dimension only (its splines are
/// built per sample set), and a bilinear cell lookup on a rectilinear grid is four reads and three blends. Because
/// every interpolated vector is a convex combination of node vectors, its speed never exceeds the largest node speed,
/// which is therefore <see cref="WindField.MaxSpeedKt"/>.</para>
/// </remarks>
public sealed partial class GriddedWindField : WindField
{
    private const double MsPerKt = Units.MetresPerNm / 3600;
    private readonly double[] _lat, _lon, _fl;
    // North and east components in m/s, index ((level * nLat) + lat) * nLon + lon.
    private readonly double[] _n, _e;

    private GriddedWindField(string source, string description, double[] lat, double[] lon, double[] fl, double[] n, double[] e, double maxKt)
    {
        Source = source;
        Description = description;
        _lat = lat; _lon = lon; _fl = fl; _n = n; _e = e;
        MaxSpeedKt = maxKt;
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>Where the grid came from: the file path as given, or the bundled name.</summary>
    public string Source { get; }

    /// <inheritdoc />
    public override double MaxSpeedKt { get; }

    /// <summary>Grid latitudes, degrees, ascending.</summary>
    public IReadOnlyList<double> LatitudesDeg => Array.AsReadOnly(_lat); // not the array itself: a cast back to double[] could change the grid

    /// <summary>Grid longitudes, degrees, ascending.</summary>
    public IReadOnlyList<double> LongitudesDeg => Array.AsReadOnly(_lon);

    /// <summary>Grid flight levels, ascending.</summary>
    public IReadOnlyList<double> FlightLevels => Array.AsReadOnly(_fl);

    /// <summary>Names of the bundled climatology fields (see <see cref="Bundled"/>).</summary>
    public static IReadOnlyList<string> BundledNames { get; } = ["caribbean-north-atlantic-january", "caribbean-north-atlantic-july", "eurasia-january", "eurasia-july"];

    /// <summary>
    /// A bundled coarse climatology (data/winds/, built by data/winds/make_climatology.py from published jet-stream
    /// climatology figures; not observed winds): <c>caribbean-north-atlantic-january</c> or <c>-july</c>, and
    /// <c>eurasia-january</c> or <c>-july</c> (global grid, subtropical jet and, in July, the tropical easterly jet;
    /// data/winds/make_eurasia_climatology.py).
    /// </summary>
    /// <exception cref="KeyNotFoundException">Not a bundled name; the message lists them.</exception>
    public static GriddedWindField Bundled(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        if (!BundledNames.Contains(key))
            throw new KeyNotFoundException($"no bundled wind field '{name}'; bundled: {string.Join(", ", BundledNames)}");
        return Parse(EmbeddedResources.ReadText(EmbeddedResources.WindField(key)), key, $"{key}.csv (bundled climatology)");
    }

    /// <summary>Reads a wind grid file: the CSV format above, or a NetCDF-4 file (recognised by its HDF5 signature;
    /// layout in <c>GriddedWindField.NetCdf.cs</c> and the README). NetCDF-3 classic and GRIB files are recognised and
    /// rejected: no served package reads them.</summary>
    /// <exception cref="WindGridFormatException">The file breaks the format; the message says where and how.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static GriddedWindField Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Sniff(path) switch
        {
            "hdf5" => ReadNetCdf(path),
            "netcdf3" => throw new WindGridFormatException($"{path}: a NetCDF-3 classic file; only NetCDF-4 (HDF5-based) files are read: convert it with 'nccopy -k nc4 IN OUT'"),
            "grib" => throw new WindGridFormatException($"{path}: a GRIB file; GRIB2 is not read (no served package reads it): convert it to NetCDF-4 (e.g. with ecCodes' grib_to_netcdf) or to the CSV format"),
            _ => Parse(File.ReadAllText(path), path, path),
        };
    }

    /// <summary>Parses wind grid text; <paramref name="file"/> names it in messages and in <see cref="WindField.Description"/>.</summary>
    /// <exception cref="WindGridFormatException">The text breaks the format.</exception>
    public static GriddedWindField Parse(string text, string file) => Parse(text, file, file);

    private static GriddedWindField Parse(string text, string source, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        string[] names = ["lat", "lon", "fl", "u_kt", "v_kt"];
        (double Lo, double Hi)[] ranges = [(-90, 90), (-180, 180), (0, 600), (-400, 400), (-400, 400)];
        var rows = new List<(double Lat, double Lon, double Fl, double U, double V, int Line)>();
        bool header = false;
        int lineNo = 0;
        using (var reader = new StringReader(text))
        {
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
            {
                lineNo++;
                if (line.Length == 0 && lineNo == 1) continue;
                if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0) continue;
                var fields = Csv.Split(line, out var err)
                             ?? throw Bad(file, lineNo, null, $"malformed CSV: {err}");
                if (!header)
                {
                    if (!fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(names))
                        throw Bad(file, lineNo, null, $"the header must be '{string.Join(",", names)}', found '{Csv.Clip(line)}'");
                    header = true;
                    continue;
                }
                if (fields.Count != names.Length)
                    throw Bad(file, lineNo, null, $"{fields.Count} field(s); a row has {names.Length}: {string.Join(",", names)}");
                var v = new double[names.Length];
                for (int c = 0; c < names.Length; c++)
                {
                    var f = fields[c].Trim();
                    if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out v[c]) || !double.IsFinite(v[c]))
                        throw Bad(file, lineNo, c, $"'{Csv.Clip(f)}' is not a number");
                    if (!(v[c] >= ranges[c].Lo && v[c] <= ranges[c].Hi))
                        throw Bad(file, lineNo, c, string.Create(CultureInfo.InvariantCulture, $"{f} is outside [{ranges[c].Lo}, {ranges[c].Hi}]"));
                }
                rows.Add((v[0], v[1], v[2], v[3], v[4], lineNo));
            }
        }
        if (!header) throw Bad(file, null, null, $"no header line '{string.Join(",", names)}'");
        var lat = rows.Select(r => r.Lat).Distinct().Order().ToArray();
        var lon = rows.Select(r => r.Lon).Distinct().Order().ToArray();
        var fl = rows.Select(r => r.Fl).Distinct().Order().ToArray();
        if (lat.Length < 2 || lon.Length < 2)
            throw Bad(file, null, null, $"the grid has {lat.Length} latitude(s) and {lon.Length} longitude(s); at least two of each are needed");
        int nLat = lat.Length, nLon = lon.Length;
        // A grid has one row per node, so more nodes than rows means a node is missing: said without allocating the
        // nodes (K scattered rows would span K³ of them, an overflow or gigabytes for a 30 KB file). The same
        // messages, in the same order, as the full check below: the first repeated node, else the first missing one.
        long nodes = (long)fl.Length * nLat * nLon;
        if (nodes > rows.Count)
        {
            var lineOf = new Dictionary<long, int>(rows.Count);
            foreach (var r in rows)
            {
                long at = ((long)Array.BinarySearch(fl, r.Fl) * nLat + Array.BinarySearch(lat, r.Lat)) * nLon + Array.BinarySearch(lon, r.Lon);
                if (!lineOf.TryAdd(at, r.Line))
                    throw Bad(file, r.Line, null, string.Create(CultureInfo.InvariantCulture, $"node lat {r.Lat}, lon {r.Lon}, FL {r.Fl} is also given on line {lineOf[at]}"));
            }
            long gap = 0;
            while (lineOf.ContainsKey(gap)) gap++;
            throw Missing(gap);
        }
        var n = new double[nodes];
        var e = new double[n.Length];
        var seen = new int[n.Length];
        double maxKt = 0;
        foreach (var r in rows)
        {
            int idx = (Array.BinarySearch(fl, r.Fl) * nLat + Array.BinarySearch(lat, r.Lat)) * nLon + Array.BinarySearch(lon, r.Lon);
            if (seen[idx] != 0)
                throw Bad(file, r.Line, null, string.Create(CultureInfo.InvariantCulture, $"node lat {r.Lat}, lon {r.Lon}, FL {r.Fl} is also given on line {seen[idx]}"));
            seen[idx] = r.Line;
            n[idx] = r.V * MsPerKt;
            e[idx] = r.U * MsPerKt;
            maxKt = Math.Max(maxKt, Math.Sqrt(r.U * r.U + r.V * r.V));
        }
        int missing = Array.IndexOf(seen, 0);
        if (missing >= 0) throw Missing(missing);
        WindGridFormatException Missing(long at)
        {
            long lo = at % nLon, la = at / nLon % nLat, lv = at / nLon / nLat;
            return Bad(file, null, null, string.Create(CultureInfo.InvariantCulture,
                $"the grid is incomplete: node lat {lat[la]}, lon {lon[lo]}, FL {fl[lv]} is missing ({rows.Count} rows for {lat.Length} × {lon.Length} × {fl.Length} nodes)"));
        }
        var desc = string.Create(CultureInfo.InvariantCulture,
            $"wind grid {file}: {lat[0]}..{lat[^1]} N, {lon[0]}..{lon[^1]} E, FL{fl[0]}..FL{fl[^1]}, max {maxKt:0} kt");
        return new GriddedWindField(source, desc, lat, lon, fl, n, e, maxKt);
    }

    private static WindGridFormatException Bad(string file, int? line, int? column, string what)
    {
        string[] names = ["lat", "lon", "fl", "u_kt", "v_kt"];
        var where = line is { } l ? column is { } c ? $"{file}: line {l}, column {c + 1} ({names[c]})" : $"{file}: line {l}" : file;
        return new WindGridFormatException($"{where}: {what}");
    }

    internal override void VelocityMs(in Vec3 p, double flightLevel, out double northMs, out double eastMs)
    {
        double latDeg = Math.Atan2(p.Z, Math.Sqrt(p.X * p.X + p.Y * p.Y)) * (180 / Math.PI);
        double lonDeg = Math.Atan2(p.Y, p.X) * (180 / Math.PI);
        var (i, ti) = Cell(_lat, latDeg);
        var (j, tj) = Cell(_lon, lonDeg);
        var (k, tk) = Cell(_fl, flightLevel);
        int nLat = _lat.Length, nLon = _lon.Length;
        double Bilinear(double[] a, int level)
        {
            int b = (level * nLat + i) * nLon + j;
            double lo = a[b] + (a[b + 1] - a[b]) * tj;
            double hi = a[b + nLon] + (a[b + nLon + 1] - a[b + nLon]) * tj;
            return lo + (hi - lo) * ti;
        }
        if (_fl.Length == 1)
        {
            northMs = Bilinear(_n, 0);
            eastMs = Bilinear(_e, 0);
            return;
        }
        double n0 = Bilinear(_n, k), n1 = Bilinear(_n, k + 1), e0 = Bilinear(_e, k), e1 = Bilinear(_e, k + 1);
        northMs = n0 + (n1 - n0) * tk;
        eastMs = e0 + (e1 - e0) * tk;
    }

    // The cell [a[i], a[i+1]] holding x and the fraction across it; x outside the axis is clamped to its end.
    private static (int Index, double T) Cell(double[] a, double x)
    {
        if (a.Length == 1) return (0, 0);
        if (!(x > a[0])) return (0, 0);
        if (x >= a[^1]) return (a.Length - 2, 1);
        int i = Array.BinarySearch(a, x);
        if (i < 0) i = ~i - 1;
        if (i >= a.Length - 1) i = a.Length - 2;
        return (i, (x - a[i]) / (a[i + 1] - a[i]));
    }
}
