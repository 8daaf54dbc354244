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
/// held at its edge value (latitude, longitude and level are clamped). Longitude is an axis round the circle: a grid may
/// cross the antimeridian (see remarks). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>File format (UTF-8, invariant culture): lines starting with <c>#</c> are comments; the first other line is the
/// header <c>lat,lon,fl,u_kt,v_kt</c> exactly; then one row per grid node: latitude (degrees north, [-90, 90]),
/// longitude (degrees east, any finite value in [-540, 540], as everywhere else: outside [-180, 180] it is normalised
/// to [-180, 180), so a Pacific grid may be written 170..190), flight level ([0, 600]), u (eastward) and v (northward)
/// in knots (|u|, |v| ≤ 400). Every combination of the distinct latitudes, longitudes and levels must appear exactly
/// once (at least two latitudes and two longitudes; one level is allowed); two rows that are one node after
/// normalisation (190 and -170) are an error naming both lines. 180 and -180 may both appear (the two sides of the
/// antimeridian in a grid written -180..180).</para>
/// <para>Longitudes round the circle: the grid's outside is its largest gap between neighbouring longitudes, the gap
/// across ±180 included. When the gap across ±180 is the largest, the grid lies within [-180, 180] and a longitude
/// outside it is clamped to the end on its side of the antimeridian (as always). When another gap is the largest, the
/// grid crosses the antimeridian (170..-170): it interpolates across ±180 like its continuous twin 170..190, and a
/// longitude in the gap is clamped to the nearer edge. When no gap is the largest alone (within 1e-9°: a global grid
/// of even spacing, with or without the column at 180), the grid is periodic and interpolates across every gap.</para>
/// <para>The interpolation is written by hand: MathNet.Numerics interpolates in one dimension only (its splines are
/// built per sample set), and a bilinear cell lookup on a rectilinear grid is four reads and three blends. Because
/// every interpolated vector is a convex combination of node vectors, its speed never exceeds the largest node speed,
/// which is therefore <see cref="WindField.MaxSpeedKt"/>.</para>
/// </remarks>
public sealed partial class GriddedWindField : WindField
{
    private const double MsPerKt = Units.MetresPerNm / 3600;
    private readonly double[] _lat, _lon, _fl;
    // The longitude axis as interpolated: ascending, unwrapped from the grid's west edge (values up to 540), and for
    // each entry its column in the node arrays. For a grid within [-180, 180] it is _lon itself and the identity, so
    // those grids interpolate with exactly the arithmetic they always had.
    private readonly double[] _lonAxis;
    private readonly int[] _lonColumn;
    // A grid across the antimeridian: its outside is the open gap (_gapWestDeg, _gapEastDeg) in [-180, 180], and a
    // longitude there is clamped to the nearer edge; NaN otherwise.
    private readonly double _gapWestDeg = double.NaN, _gapEastDeg = double.NaN;
    private readonly bool _wraps; // across the antimeridian or periodic: the axis is unwrapped
    // North and east components in m/s, index ((level * nLat) + lat) * nLon + lon.
    private readonly double[] _n, _e;

    private GriddedWindField(string source, string description, double[] lat, double[] lon, double[] fl, double[] n, double[] e, double maxKt)
    {
        Source = source;
        Description = description;
        _lat = lat; _lon = lon; _fl = fl; _n = n; _e = e;
        MaxSpeedKt = maxKt;
        (_lonAxis, _lonColumn, _gapWestDeg, _gapEastDeg) = LongitudeAxis(lon);
        _wraps = !ReferenceEquals(_lonAxis, lon);
    }

    /// <summary>Whether the grid crosses the antimeridian (its largest longitude gap is not the one across ±180).</summary>
    internal bool CrossesAntimeridian => !double.IsNaN(_gapWestDeg);

    // Equal gaps within this are one gap (an evenly spaced global grid written in decimals has gaps that differ in the
    // last bits).
    private const double GapTieDeg = 1e-9;

    // See the remarks on the class: the grid's outside is its largest gap, if one gap is the largest.
    private static (double[] Axis, int[] Column, double GapWest, double GapEast) LongitudeAxis(double[] lon)
    {
        int n = lon.Length;
        double wrap = lon[0] + 360 - lon[^1], largest = wrap;
        int at = -1; // the largest gap is (lon[at], lon[at + 1]); -1: the gap across ±180
        for (int k = 0; k + 1 < n; k++)
            if (lon[k + 1] - lon[k] > largest) { largest = lon[k + 1] - lon[k]; at = k; }
        bool unique = (at == -1 || wrap < largest - GapTieDeg);
        for (int k = 0; k + 1 < n && unique; k++)
            if (k != at && lon[k + 1] - lon[k] >= largest - GapTieDeg) unique = false;
        var identity = Enumerable.Range(0, n).ToArray();
        if (unique && at == -1) return (lon, identity, double.NaN, double.NaN);
        // Unwrapped from the column after the outside gap (periodic: from the first column, all the way round).
        int first = unique ? at + 1 : 0;
        var axis = new List<double>(n + 1);
        var column = new List<int>(n + 1);
        for (int k = 0; k <= n; k++)
        {
            if (!unique && k == n) { Add(lon[0] + 360, 0); break; }
            if (unique && k == n) break;
            int c = (first + k) % n;
            Add(first + k >= n ? lon[c] + 360 : lon[c], c);
        }
        void Add(double x, int c)
        {
            // 180 and -180 + 360 are one meridian: the first column met stands for both.
            if (axis.Count > 0 && x == axis[^1]) return;
            axis.Add(x); column.Add(c);
        }
        // Only 180 and -180 (one meridian written twice): nothing to unwrap; kept as the axis [-180, 180] it always was.
        if (axis.Count < 2) return (lon, identity, double.NaN, double.NaN);
        return unique ? (axis.ToArray(), column.ToArray(), lon[at], lon[at + 1]) : (axis.ToArray(), column.ToArray(), double.NaN, double.NaN);
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
        (double Lo, double Hi)[] ranges = [(-90, 90), (-GeoPoint.MaxInputLonDeg, GeoPoint.MaxInputLonDeg), (0, 600), (-400, 400), (-400, 400)];
        var rows = new List<(double Lat, double Lon, double Fl, double U, double V, int Line, double LonGiven)>();
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
                rows.Add((v[0], NormalLonDeg(v[1]), v[2], v[3], v[4], lineNo, v[1]));
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
                    throw Bad(file, r.Line, null, string.Create(CultureInfo.InvariantCulture, $"node lat {r.Lat}, lon {LonText(r.LonGiven)}, FL {r.Fl} is also given on line {lineOf[at]}{Normalised(r.LonGiven)}"));
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
                throw Bad(file, r.Line, null, string.Create(CultureInfo.InvariantCulture, $"node lat {r.Lat}, lon {LonText(r.LonGiven)}, FL {r.Fl} is also given on line {seen[idx]}{Normalised(r.LonGiven)}"));
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
            $"wind grid {file}: {lat[0]}..{lat[^1]} N, {LonRange(lon)} E, FL{fl[0]}..FL{fl[^1]}, max {maxKt:0} kt");
        return new GriddedWindField(source, desc, lat, lon, fl, n, e, maxKt);
        // A duplicate only by normalisation says so (the two lines read differently).
        string Normalised(double given) => NormalLonDeg(given) == given ? "" : string.Create(CultureInfo.InvariantCulture, $" (longitude {given} is {NormalLonDeg(given)} normalised)");
    }

    private static string LonText(double given) => given.ToString(CultureInfo.InvariantCulture);

    /// <summary>A longitude as the grid holds it: within [-180, 180] as given (180 and -180 both kept), otherwise
    /// normalised to [-180, 180) (<see cref="GeoPoint.NormalizeLonDeg"/>).</summary>
    internal static double NormalLonDeg(double lonDeg) => lonDeg >= -180 && lonDeg <= 180 ? lonDeg : GeoPoint.NormalizeLonDeg(lonDeg);

    // The longitude span for the description: west..east, with the crossing said (170..-170 reads as a typo otherwise).
    private static string LonRange(double[] lon)
    {
        var (_, _, west, east) = LongitudeAxis(lon);
        return double.IsNaN(west)
            ? string.Create(CultureInfo.InvariantCulture, $"{lon[0]}..{lon[^1]}")
            : string.Create(CultureInfo.InvariantCulture, $"{east}..{west} (across the antimeridian)");
    }

    private static WindGridFormatException Bad(string file, int? line, int? column, string what)
    {
        string[] names = ["lat", "lon", "fl", "u_kt", "v_kt"];
        var where = line is { } l ? column is { } c ? $"{file}: line {l}, column {c + 1} ({names[c]})" : $"{file}: line {l}" : file;
        return new WindGridFormatException($"{where}: {what}");
    }

    /// <summary>
    /// How much of a route at a flight level lies outside the grid, where the field holds the wind of its nearest edge
    /// (latitude, longitude and level are clamped; see the remarks on the class): the ground distance outside and the
    /// level whose wind is used. A periodic grid has no outside in longitude.
    /// </summary>
    /// <remarks>
    /// <para>Exact on each leg's great-circle arc, the arc its wind is integrated along: the arc A cos t + U sin t
    /// (t ∈ [0, θ], U the unit tangent at A towards B) crosses a bounding parallel where its z, a·cos t + b·sin t, equals
    /// the sine of that latitude, and a bounding meridian where it meets the meridian's plane (its dot product with the
    /// plane's normal, also of that form, is 0); both are solved in closed form. Between neighbouring crossings the arc
    /// is wholly inside or wholly outside, which its midpoint says. The bounds are the grid's first and last latitudes
    /// and, unless it is periodic, its first and last longitudes, or the two edges of its gap for a grid across the
    /// antimeridian.</para>
    /// <para>Distances are the WGS84 geodesic lengths of the legs; the part of a leg outside is its share of the arc's
    /// angle times that length, which is the share the flight-time integral gives it (<c>ArcWind</c> integrates over the
    /// angle fraction and scales by the WGS84 length). Measured along the ellipsoid instead, the share would differ by
    /// the variation of the ellipsoid's radii of curvature along the leg (6,335 to 6,400 km), so by less than 1.1 % of
    /// the distance outside. The path is that great-circle arc, as for the flight time, not the WGS84 geodesic between
    /// the same ends, which runs slightly aside of it. Legs whose ends are equal add nothing.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than two waypoints, a flight level that is not finite, or a leg whose
    /// ends are antipodal (within 1e-8 rad, as everywhere in the library: its great circle is undefined).</exception>
    public WindGridCoverage Coverage(IReadOnlyList<GeoPoint> waypoints, double flightLevel)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        if (waypoints.Count < 2) throw new ArgumentException($"a route has at least two waypoints, got {waypoints.Count}", nameof(waypoints));
        if (!double.IsFinite(flightLevel)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"flight level {flightLevel} is not finite"), nameof(flightLevel));
        double routeKm = 0, outsideKm = 0;
        Span<double> cuts = stackalloc double[MaxCuts];
        for (int i = 0; i + 1 < waypoints.Count; i++)
        {
            GeoPoint a = waypoints[i], b = waypoints[i + 1];
            double km = Wgs84.DistanceM(a, b) / 1000;
            routeKm += km;
            if (km == 0) continue;
            Vec3 va = Vec3.FromGeo(a), vb = Vec3.FromGeo(b);
            if (Predicates.NearlyAntipodal(va, vb))
                throw new ArgumentException($"leg {i + 1} ({a} to {b}) joins antipodal points: its great circle is undefined", nameof(waypoints));
            outsideKm += km * OutsideShare(va, vb, cuts);
        }
        double level = _fl.Length == 1 ? _fl[0] : Math.Clamp(flightLevel, _fl[0], _fl[^1]);
        return new WindGridCoverage(routeKm, outsideKm, flightLevel, level);
    }

    // The ends of the arc, two crossings of each of two parallels and two meridians: a great circle meets a parallel or a
    // meridian's plane at most twice.
    private const int MaxCuts = 2 + 4 * 2;

    // The share of the minor arc a→b (neither equal nor antipodal) outside the grid, by its angle: the arc is cut at
    // every crossing of a bounding parallel or meridian and each piece is classified by its midpoint.
    private double OutsideShare(in Vec3 a, in Vec3 b, Span<double> cuts)
    {
        double theta = Vec3.Angle(a, b);
        if (!(theta > 0)) return Inside(a) ? 0 : 1; // equal to within round-off: a point
        // The unit tangent at a towards b, from the component of b orthogonal to a (as ArcWind takes it).
        var u = (b - a.Dot(b) * a).Normalize();
        int n = 0;
        cuts[n++] = 0;
        cuts[n++] = theta;
        // Parallels: z(t) = a.Z cos t + u.Z sin t = sin(latitude).
        n = Solve(a.Z, u.Z, SinDeg(_lat[0]), theta, cuts, n);
        n = Solve(a.Z, u.Z, SinDeg(_lat[^1]), theta, cuts, n);
        // Meridians λ: the plane through the axis and λ has normal m = (−sin λ, cos λ, 0); p(t)·m = 0. That plane also
        // holds the meridian λ + 180: a cut there is a piece boundary too many, never one too few.
        if (!_wraps || CrossesAntimeridian)
        {
            double west = _wraps ? _gapWestDeg : _lon[0], east = _wraps ? _gapEastDeg : _lon[^1];
            foreach (var lonDeg in (ReadOnlySpan<double>)[west, east])
            {
                var (s, c) = Math.SinCos(lonDeg * (Math.PI / 180));
                n = Solve(-s * a.X + c * a.Y, -s * u.X + c * u.Y, 0, theta, cuts, n);
            }
        }
        var t = cuts[..n];
        t.Sort();
        double outside = 0;
        for (int k = 0; k + 1 < t.Length; k++)
        {
            if (!(t[k + 1] > t[k])) continue;
            double mid = 0.5 * (t[k] + t[k + 1]);
            var (sm, cm) = Math.SinCos(mid);
            if (!Inside(cm * a + sm * u)) outside += t[k + 1] - t[k];
        }
        return Math.Min(outside / theta, 1);
    }

    private static double SinDeg(double deg) => Math.Abs(deg) == 90 ? Math.Sign(deg) : Math.Sin(deg * (Math.PI / 180));

    // Appends the t in (0, θ) where p cos t + q sin t = c: with p cos t + q sin t = R cos(t − φ), t = φ ± acos(c / R).
    // A tangency (|c| = R) gives one double root; |c| > R or R = 0 (the arc never or always on it) gives none.
    private static int Solve(double p, double q, double c, double theta, Span<double> cuts, int n)
    {
        double r = Math.Sqrt(p * p + q * q);
        if (!(r > 0) || Math.Abs(c) > r) return n;
        double phi = Math.Atan2(q, p), delta = Math.Acos(Math.Clamp(c / r, -1, 1));
        foreach (var x in (ReadOnlySpan<double>)[phi - delta, phi + delta])
        {
            double t = x < 0 ? x + 2 * Math.PI : x >= 2 * Math.PI ? x - 2 * Math.PI : x;
            if (t > 0 && t < theta) cuts[n++] = t;
        }
        return n;
    }

    // Whether a point lies on the grid: within its latitudes and, unless the grid is periodic, its longitudes.
    private bool Inside(in Vec3 p) =>
        Inside(Math.Atan2(p.Z, Math.Sqrt(p.X * p.X + p.Y * p.Y)) * (180 / Math.PI), Math.Atan2(p.Y, p.X) * (180 / Math.PI));

    private bool Inside(double latDeg, double lonDeg)
    {
        if (latDeg < _lat[0] || latDeg > _lat[^1]) return false;
        if (_wraps) return double.IsNaN(_gapWestDeg) || !(lonDeg > _gapWestDeg && lonDeg < _gapEastDeg);
        return lonDeg >= _lon[0] && lonDeg <= _lon[^1];
    }

    internal override void VelocityMs(in Vec3 p, double flightLevel, out double northMs, out double eastMs)
    {
        double latDeg = Math.Atan2(p.Z, Math.Sqrt(p.X * p.X + p.Y * p.Y)) * (180 / Math.PI);
        double lonDeg = Math.Atan2(p.Y, p.X) * (180 / Math.PI);
        var (i, ti) = Cell(_lat, latDeg);
        if (lonDeg > _gapWestDeg && lonDeg < _gapEastDeg) // in the outside gap of a grid across the antimeridian
            lonDeg = lonDeg - _gapWestDeg <= _gapEastDeg - lonDeg ? _gapWestDeg : _gapEastDeg;
        // Onto the unwrapped axis; a grid within [-180, 180] has no wrap (its west is clamped by Cell, as always).
        if (_wraps && lonDeg < _lonAxis[0]) lonDeg += 360;
        var (j, tj) = Cell(_lonAxis, lonDeg);
        int c0 = _lonColumn[j], c1 = _lonColumn[j + 1];
        var (k, tk) = Cell(_fl, flightLevel);
        int nLat = _lat.Length, nLon = _lon.Length;
        double Bilinear(double[] a, int level)
        {
            int b = (level * nLat + i) * nLon;
            double lo = a[b + c0] + (a[b + c1] - a[b + c0]) * tj;
            double hi = a[b + nLon + c0] + (a[b + nLon + c1] - a[b + nLon + c0]) * tj;
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

/// <summary>
/// How much of a route lies outside a wind grid (<see cref="GriddedWindField.Coverage"/>), where the field holds the wind
/// of the grid's nearest edge.
/// </summary>
/// <param name="RouteKm">The route's ground distance, km (WGS84 geodesic legs).</param>
/// <param name="OutsideKm">The part of it outside the grid's latitudes or longitudes, km.</param>
/// <param name="FlightLevel">The flight level asked for.</param>
/// <param name="LevelUsed">The level whose wind is used: the flight level, or the grid's nearest level when it lies outside them.</param>
public sealed record WindGridCoverage(double RouteKm, double OutsideKm, double FlightLevel, double LevelUsed)
{
    /// <summary>The fraction of the route's distance outside the grid, in [0, 1] (0 for a route of no length).</summary>
    public double OutsideFraction => RouteKm > 0 ? Math.Min(OutsideKm / RouteKm, 1) : 0;

    /// <summary>Whether the flight level lies outside the grid's levels (its nearest level's wind is then used).</summary>
    public bool LevelOutside => LevelUsed != FlightLevel;

    /// <summary>What was outside and what was used there, in words, for a result's assumptions (<paramref name="route"/>
    /// names the route, e.g. "the flown route"); null when the route and its level lie on the grid.</summary>
    public string? Note(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var parts = new List<string>(2);
        if (OutsideKm > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{OutsideKm:0} km of {route}'s {RouteKm:0} km ({OutsideFraction:0.0 %}) lies outside the wind grid, where the wind of the grid's nearest edge was used"));
        if (LevelOutside)
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{route}'s FL{FlightLevel:0.#} lies outside the wind grid's levels, where the wind of FL{LevelUsed:0.#} was used"));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
