using System.Globalization;
using AirspaceSim.Geodesy;
using PureHDF;
using PureHDF.VOL.Native;

namespace AirspaceSim.Weather;

// NetCDF-4 wind grids. A NetCDF-4 file is an HDF5 file (Unidata, "NetCDF-4 format": the netCDF enhanced data model
// stored in HDF5), so PureHDF (MIT, pure .NET, the one served package that reads any of NetCDF, GRIB2 or HDF5) reads
// its variables as HDF5 datasets and its attributes as HDF5 attributes. NetCDF-3 classic files are not HDF5 and GRIB2
// is a different format altogether: no served package reads either, and both are rejected with a message that says so.
public sealed partial class GriddedWindField
{
    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] LatNames = ["latitude", "lat"];
    private static readonly string[] LonNames = ["longitude", "lon"];
    private static readonly string[] LevelNames = ["fl", "pressure_level", "isobaricInhPa", "level", "plev"];

    /// <summary>What a wind file is by its first bytes: a NetCDF-4 (HDF5) file, a NetCDF-3 classic file, GRIB, or text.</summary>
    private static string Sniff(string path)
    {
        var head = new byte[8];
        int n;
        using (var f = File.OpenRead(path)) n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n == 8 && head.AsSpan().SequenceEqual(Hdf5Signature)) return "hdf5";
        if (n >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F' && head[3] is 1 or 2 or 5) return "netcdf3";
        if (n >= 4 && head[0] == 'G' && head[1] == 'R' && head[2] == 'I' && head[3] == 'B') return "grib";
        return "text";
    }

    /// <summary>
    /// Reads a NetCDF-4 wind grid: variables <c>u</c> and <c>v</c> (eastward and northward wind) over
    /// (level, latitude, longitude), optionally after leading dimensions of length 1 (e.g. one time), in the CF order
    /// T, Z, Y, X; coordinate variables <c>latitude</c>/<c>lat</c> (degrees north), <c>longitude</c>/<c>lon</c>
    /// (degrees east, any in [-540, 540]: 0–360 is folded to −180–180, and a grid may cross the antimeridian, as in the CSV format) and a level: <c>fl</c> (flight levels) or
    /// <c>pressure_level</c>/<c>isobaricInhPa</c>/<c>level</c>/<c>plev</c> in hPa, mbar or Pa (its <c>units</c>
    /// attribute), turned into flight levels by the ICAO standard atmosphere's pressure altitude. <c>u</c>, <c>v</c>
    /// units: m s-1 (also written m s**-1, m/s) or kt/knots; packed values are unpacked with <c>scale_factor</c> and
    /// <c>add_offset</c>; a node equal to <c>_FillValue</c> or <c>missing_value</c> is an error (the grid must be complete).
    /// ERA5 pressure-level downloads in NetCDF-4 have this layout.
    /// </summary>
    private static GriddedWindField ReadNetCdf(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadNetCdf(stream, path);
    }

    /// <summary>The NetCDF-4 reader on an open stream (the fuzz target reads from memory); <paramref name="path"/>
    /// names it in messages.</summary>
    internal static GriddedWindField ReadNetCdf(Stream stream, string path)
    {
        try
        {
            using var file = H5File.Open(new GuardedStream(stream), leaveOpen: true);
            IH5Group root = file;
            string levName = "";
            IH5Dataset Var(string[] names, string what)
            {
                foreach (var name in names)
                    if (root.LinkExists(name)) { if (what == "level") levName = name; return root.Dataset(name); }
                throw BadNc(path, $"no {what} variable ({string.Join(", ", names)})");
            }
            var latVar = Var(LatNames, "latitude");
            var lonVar = Var(LonNames, "longitude");
            var levVar = Var(LevelNames, "level");
            var uVar = Var(["u"], "eastward wind");
            var vVar = Var(["v"], "northward wind");
            var lat = Numbers(path, latVar, "latitude");
            var lon = Numbers(path, lonVar, "longitude");
            var lev = Numbers(path, levVar, "level");
            var dims = uVar.Space.Dimensions;
            if (!vVar.Space.Dimensions.SequenceEqual(dims))
                throw BadNc(path, $"u has shape ({string.Join(" × ", dims)}) but v has ({string.Join(" × ", vVar.Space.Dimensions)})");
            // The CF order T, Z, Y, X: the last three are level, latitude, longitude; anything before them has length 1.
            if (dims.Length < 3 || dims.Take(dims.Length - 3).Any(d => d != 1) ||
                dims[^3] != (ulong)lev.Length || dims[^2] != (ulong)lat.Length || dims[^1] != (ulong)lon.Length)
                throw BadNc(path, string.Create(CultureInfo.InvariantCulture,
                    $"u has shape ({string.Join(" × ", dims)}); expected (level {lev.Length} × latitude {lat.Length} × longitude {lon.Length}), after dimensions of length 1 only"));

            double[] fl = levName == "fl" ? lev : PressureToFl(path, lev, UnitsOf(levVar) ?? throw BadNc(path, $"level variable '{levName}' has no units attribute (hPa, mbar or Pa)"));
            double uScale = SpeedToMs(path, "u", UnitsOf(uVar)), vScale = SpeedToMs(path, "v", UnitsOf(vVar));
            var u = Values(path, uVar, "u"); var v = Values(path, vVar, "v");

            foreach (var (x, name, lo, hi) in new[] { (lat, "latitude", -90.0, 90.0), (lon, "longitude", -GeoPoint.MaxInputLonDeg, GeoPoint.MaxInputLonDeg), (fl, "flight level", 0.0, 600.0) })
                foreach (var value in x)
                    if (!(value >= lo && value <= hi))
                        throw BadNc(path, string.Create(CultureInfo.InvariantCulture, $"{name} {value} is outside [{lo}, {hi}]"));
            var lonDeg = lon.Select(NormalLonDeg).ToArray(); // 0..360 (and any longitude in [-540, 540]) as the CSV's
            // Ascending axes (ERA5 latitudes run north to south; pressure levels give descending flight levels).
            int[] oLat = Order(path, lat, "latitude"), oLon = Order(path, lonDeg, "longitude"), oFl = Order(path, fl, "level");
            if (lat.Length < 2 || lon.Length < 2)
                throw BadNc(path, $"the grid has {lat.Length} latitude(s) and {lon.Length} longitude(s); at least two of each are needed");
            int nLat = lat.Length, nLon = lon.Length;
            var north = new double[fl.Length * nLat * nLon];
            var east = new double[north.Length];
            double maxKt = 0;
            for (int k = 0; k < fl.Length; k++)
                for (int i = 0; i < nLat; i++)
                    for (int j = 0; j < nLon; j++)
                    {
                        int src = (oFl[k] * nLat + oLat[i]) * nLon + oLon[j], dst = (k * nLat + i) * nLon + j;
                        double ue = u[src] * uScale, vn = v[src] * vScale;
                        if (!double.IsFinite(ue) || !double.IsFinite(vn))
                            throw BadNc(path, string.Create(CultureInfo.InvariantCulture,
                                $"missing or non-finite wind at latitude {lat[oLat[i]]}, longitude {lon[oLon[j]]}, level {lev[oFl[k]]} (the grid must be complete)"));
                        east[dst] = ue; north[dst] = vn;
                        maxKt = Math.Max(maxKt, Math.Sqrt(ue * ue + vn * vn) / MsPerKt);
                    }
            if (maxKt > 400) throw BadNc(path, string.Create(CultureInfo.InvariantCulture, $"a wind of {maxKt:0} kt exceeds 400 kt: check the units"));
            double[] sLat = oLat.Select(i => lat[i]).ToArray(), sLon = oLon.Select(i => lonDeg[i]).ToArray(), sFl = oFl.Select(i => fl[i]).ToArray();
            var desc = string.Create(CultureInfo.InvariantCulture,
                $"wind grid {path} (NetCDF-4): {sLat[0]}..{sLat[^1]} N, {LonRange(sLon)} E, FL{sFl[0]:0.#}..FL{sFl[^1]:0.#}, max {maxKt:0} kt");
            return new GriddedWindField(path, desc, sLat, sLon, sFl, north, east, maxKt);
        }
        catch (InsufficientExecutionStackException)
        {
            throw BadNc(path, "not a readable NetCDF-4 file: its HDF5 structure nests without end (an object header continued into itself?)");
        }
        catch (Exception e) when (e is not WindGridFormatException and not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            // PureHDF's own errors (a damaged file, an HDF5 feature it does not read) become one clear line.
            throw BadNc(path, $"not a readable NetCDF-4 file: {e.Message}");
        }
    }

    /// <summary>
    /// The file as PureHDF reads it, with two guards that PureHDF lacks. PureHDF follows an object header's continuation
    /// blocks by recursion, so a damaged file whose continuation points back into its own header recursed until the
    /// process died of a stack overflow, which no catch can stop (found by the netcdf fuzz target in about 26,000
    /// executions): every read first checks that the stack has room and throws
    /// <see cref="InsufficientExecutionStackException"/> (caught above) while there is still room to unwind. A loop
    /// that does not recurse would read for ever instead: the reads are capped at 64 times the file's length plus
    /// 64 MiB (a readable file reads its metadata and each variable's data a few times at most).
    /// </summary>
    private sealed class GuardedStream(Stream inner) : Stream
    {
        private readonly long _budget = 64 * Math.Max(inner.Length, 0) + (64L << 20);
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            int n = inner.Read(buffer);
            _read += n;
            if (_read > _budget)
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"more than {_budget} bytes read from a {inner.Length}-byte file: its structure loops"));
            return n;
        }
    }

    private static WindGridFormatException BadNc(string path, string what) => new($"{path}: {what}");

    private static string? UnitsOf(IH5Dataset d) => d.AttributeExists("units") ? Attr<string>(d.Attribute("units"))?.Trim() : null;

    // m/s per stored unit of a wind variable.
    private static double SpeedToMs(string path, string name, string? units) => units?.ToLowerInvariant() switch
    {
        "m s-1" or "m s**-1" or "m/s" or "m s^-1" or "ms-1" => 1,
        "kt" or "kts" or "knot" or "knots" => MsPerKt,
        null => throw BadNc(path, $"variable '{name}' has no units attribute (m s-1 or kt)"),
        _ => throw BadNc(path, $"variable '{name}' has units '{units}'; accepted: m s-1 (m s**-1, m/s) or kt (knots)"),
    };

    // Flight level = ISA pressure altitude / 100 ft (ICAO Doc 7488: T0 288.15 K, lapse 6.5 K/km to 11 km, then
    // isothermal at 216.65 K; exponent R L / g0 = 0.190263, scale height R T11 / g0 = 6341.62 m, 226.32 hPa at 11 km).
    private static double[] PressureToFl(string path, double[] p, string units)
    {
        double toHpa = units.ToLowerInvariant() switch
        {
            "hpa" or "mbar" or "millibar" or "millibars" or "mb" => 1,
            "pa" => 0.01,
            _ => throw BadNc(path, $"level units '{units}'; accepted: hPa, mbar or Pa (or a variable 'fl' in flight levels)"),
        };
        return p.Select(x =>
        {
            double hpa = x * toHpa;
            if (!(hpa > 0 && hpa <= 1100)) throw BadNc(path, string.Create(CultureInfo.InvariantCulture, $"pressure level {x} {units} is outside (0, 1100] hPa"));
            double m = hpa >= 226.32 ? 44330.77 * (1 - Math.Pow(hpa / 1013.25, 0.190263)) : 11000 - 6341.62 * Math.Log(hpa / 226.32);
            return m / 0.3048 / 100;
        }).ToArray();
    }

    private static int[] Order(string path, double[] axis, string name)
    {
        var order = Enumerable.Range(0, axis.Length).OrderBy(i => axis[i]).ToArray();
        for (int i = 1; i < order.Length; i++)
            if (axis[order[i]] == axis[order[i - 1]])
                throw BadNc(path, string.Create(CultureInfo.InvariantCulture, $"{name} {axis[order[i]]} appears twice"));
        return order;
    }

    // A one-dimensional coordinate variable as doubles.
    private static double[] Numbers(string path, IH5Dataset d, string what)
    {
        if (d.Space.Dimensions.Length != 1) throw BadNc(path, $"the {what} variable must be one-dimensional");
        return Raw(path, d, what);
    }

    // A variable's values unpacked (scale_factor, add_offset), NaN where it holds its fill or missing value.
    private static double[] Values(string path, IH5Dataset d, string what)
    {
        var raw = Raw(path, d, what);
        double? fill = Scalar(d, "_FillValue"), missing = Scalar(d, "missing_value");
        double scale = Scalar(d, "scale_factor") ?? 1, offset = Scalar(d, "add_offset") ?? 0;
        for (int i = 0; i < raw.Length; i++)
            raw[i] = raw[i] == fill || raw[i] == missing ? double.NaN : raw[i] * scale + offset;
        return raw;
    }

    private static double? Scalar(IH5Dataset d, string name)
    {
        if (!d.AttributeExists(name)) return null;
        var a = d.Attribute(name);
        return (a.Type.Class, a.Type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => Attr<double>(a),
            (H5DataTypeClass.FloatingPoint, 4) => Attr<float>(a),
            (H5DataTypeClass.FixedPoint, 2) => a.Type.FixedPoint.IsSigned ? Attr<short>(a) : Attr<ushort>(a),
            (H5DataTypeClass.FixedPoint, 4) => a.Type.FixedPoint.IsSigned ? Attr<int>(a) : Attr<uint>(a),
            (H5DataTypeClass.FixedPoint, 1) => a.Type.FixedPoint.IsSigned ? Attr<sbyte>(a) : Attr<byte>(a),
            _ => null,
        };
    }

    // Reads through the Span overloads of PureHDF's native (file) dataset and attribute: they call its generic decoder
    // with TElement = T directly, so a Native AOT compile generates that code, where Read<T[]>() picks its decoder by
    // MethodInfo.MakeGenericMethod at run time (missing native code under AOT: PureHDF 2.2 carries no AOT annotations).
    // H5File.OpenRead yields only native objects; HSDS (remote) ones never reach here.
    private static T[] All<T>(IH5Dataset d)
    {
        var buffer = new T[checked((int)d.Space.Dimensions.Aggregate(1UL, (n, x) => n * x))];
        ((NativeDataset)d).Read(buffer.AsSpan());
        return buffer;
    }

    private static T? Attr<T>(IH5Attribute a)
    {
        var buffer = new T[checked((int)a.Space.Dimensions.Aggregate(1UL, (n, x) => n * x))];
        if (buffer.Length == 0) return default;
        ((NativeAttribute)a).Read(buffer.AsSpan());
        return buffer[0];
    }

    private static double[] Raw(string path, IH5Dataset d, string what)
    {
        var t = d.Type;
        return (t.Class, t.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => All<double>(d),
            (H5DataTypeClass.FloatingPoint, 4) => Array.ConvertAll(All<float>(d), x => (double)x),
            (H5DataTypeClass.FixedPoint, 1) => t.FixedPoint.IsSigned ? Array.ConvertAll(All<sbyte>(d), x => (double)x) : Array.ConvertAll(All<byte>(d), x => (double)x),
            (H5DataTypeClass.FixedPoint, 2) => t.FixedPoint.IsSigned ? Array.ConvertAll(All<short>(d), x => (double)x) : Array.ConvertAll(All<ushort>(d), x => (double)x),
            (H5DataTypeClass.FixedPoint, 4) => t.FixedPoint.IsSigned ? Array.ConvertAll(All<int>(d), x => (double)x) : Array.ConvertAll(All<uint>(d), x => (double)x),
            (H5DataTypeClass.FixedPoint, 8) => t.FixedPoint.IsSigned ? Array.ConvertAll(All<long>(d), x => (double)x) : Array.ConvertAll(All<ulong>(d), x => (double)x),
            _ => throw BadNc(path, $"the {what} variable is of HDF5 class {t.Class} ({t.Size} bytes); a number is needed"),
        };
    }
}
