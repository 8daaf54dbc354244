using System.CommandLine;
using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim geodesic --inverse|--direct [-p N]</c>: GeodSolve-compatible batch geodesics.</summary>
/// <remarks>
/// Like GeographicLib's <c>GeodSolve</c>: the direct problem reads <c>lat1 lon1 azi1 s12</c> and writes
/// <c>lat2 lon2 azi2</c>; the inverse problem (<c>-i</c>) reads <c>lat1 lon1 lat2 lon2</c> and writes
/// <c>azi1 azi2 s12</c>. Metres get N decimals, degrees N + 5. Numbers are separated by blanks, or by commas (then
/// only by commas, so that a decimal comma cannot pass as a separator); blank lines are skipped. Longitudes are written
/// in [-180, 180), azimuths in (-180, 180].
/// <para>
/// A bad line is reported on stderr (line number, field, what is accepted) and the next line is read, as GeodSolve
/// does; the exit code is then 1. The command streams: one line in, one line out through a bounded buffer, with no
/// allocation per line, so memory stays constant whatever the input size.
/// </para>
/// </remarks>
internal static class GeodesicCommand
{
    private const int MaxPrecision = 10; // GeodSolve's limit for doubles

    /// <summary>Longer input lines are errors (and are skipped without being held), which bounds memory.</summary>
    internal const int MaxLineChars = 1024;

    private const string NumberForm =
        "a decimal number such as -12.5 or 1.25e3, with '.' as the decimal point and no group separators";

    private static readonly string[] InverseFields = ["lat1", "lon1", "lat2", "lon2"];
    private static readonly string[] DirectFields = ["lat1", "lon1", "azi1", "s12"];

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
            "WGS84 geodesics in the format of GeographicLib's GeodSolve (stdin to stdout). Latitudes in [-90, 90], " +
            "longitudes and azimuths in [-540, 540] degrees; a bad line is reported on stderr and skipped (exit code 1).")
        {
            inverse, direct, precision,
        };
        cmd.SetAction(parse => CliApp.Guard(io, () =>
            Run(io, parse.GetValue(inverse), parse.GetValue(direct), parse.GetValue(precision))));
        return cmd;
    }

    /// <summary>
    /// Processes stdin line by line. Returns 0, or 1 when some lines were bad (each reported on stderr as
    /// "line K: ..."); usage errors throw <see cref="CliException"/> (exit code 2 through the guard).
    /// </summary>
    internal static int Run(CliIO io, bool inverse, bool direct, int precision)
    {
        if (inverse && direct) throw new CliException("--inverse and --direct exclude each other");
        if (precision < 0 || precision > MaxPrecision)
            throw new CliException($"precision {precision} is outside [0, {MaxPrecision}]");
        int metres = precision, degrees = precision + 5;
        string[] fields = inverse ? InverseFields : DirectFields;
        var reader = new LineReader(io.In, MaxLineChars);
        var output = new ChunkWriter(io.Out);
        Span<double> v = stackalloc double[4];
        long lineNo = 0, bad = 0;
        while (reader.Next(out var line, out bool tooLong))
        {
            lineNo++;
            string? error = tooLong
                ? $"longer than {MaxLineChars} characters (expected 4 numbers: {string.Join(' ', fields)})"
                : line.IsWhiteSpace() ? null : ParseFour(line, fields, v);
            if (error != null)
            {
                bad++;
                output.Flush(); // keep results before the message in order on a shared terminal
                io.Err.WriteLine($"airspacesim: error: line {lineNo}: {error}");
                continue;
            }
            if (line.IsWhiteSpace()) continue;
            if (inverse)
            {
                var r = Wgs84.Inverse(v[0], v[1], v[2], v[3]);
                output.Line(r.Azi1Deg, degrees, r.Azi2Deg, degrees, r.DistanceM, metres);
            }
            else
            {
                var r = Wgs84.Direct(v[0], v[1], v[2], v[3]);
                output.Line(r.Lat2Deg, degrees, r.Lon2Deg, degrees, r.Azi2Deg, degrees);
            }
        }
        output.Flush();
        if (bad == 0) return 0;
        io.Err.WriteLine($"airspacesim: error: {bad} of {lineNo} input lines were bad and gave no output line");
        return 1;
    }

    /// <summary>
    /// Reads four numbers into <paramref name="values"/>; returns null, or what is wrong with the line (naming the field
    /// and what is accepted). Latitudes must be in [-90, 90], longitudes and azimuths in [-540, 540] (GeodSolve's range;
    /// the solver reduces them modulo 360 exactly), the distance finite.
    /// </summary>
    internal static string? ParseFour(ReadOnlySpan<char> line, string[] fields, Span<double> values)
    {
        Span<Range> parts = stackalloc Range[5];
        int n;
        bool commas = line.Contains(',');
        if (commas)
        {
            n = line.Split(parts, ',');
            for (int i = 0; i < n; i++)
            {
                var t = line[parts[i]].Trim(" \t");
                if (t.IndexOfAny(' ', '\t') >= 0)
                    return $"mixes commas and blanks between numbers near '{Quote(t)}' (separate the 4 numbers by " +
                           $"blanks or by commas; numbers use '.' as the decimal point and no group separators)";
            }
        }
        else
        {
            n = 0;
            foreach (var r in line.SplitAny(" \t"))
            {
                if (r.End.Value == r.Start.Value) continue;
                if (n == parts.Length) { n++; break; }
                parts[n++] = r;
            }
        }
        if (n != 4)
            return $"expected 4 numbers ({string.Join(' ', fields)}), got {(n > 4 ? "more than 4" : n.ToString(CultureInfo.InvariantCulture))}: '{Quote(line.Trim())}'";
        for (int i = 0; i < 4; i++)
        {
            var t = line[parts[i]].Trim(" \t");
            string name = fields[i];
            if (t.IsEmpty) return $"{name} is empty (expected {NumberForm})";
            if (!InvariantNumber.TryParsePlainDecimal(t, out double x) &&
                !double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out x))
                return $"{name} '{Quote(t)}' is not a number (expected {NumberForm})";
            (double lo, double hi, string range) = name switch
            {
                "lat1" or "lat2" => (-90.0, 90.0, "[-90, 90]"),
                "s12" => (double.NegativeInfinity, double.PositiveInfinity, ""),
                _ => (-540.0, 540.0, "[-540, 540]"),
            };
            if (!double.IsFinite(x))
                return $"{name} '{Quote(t)}' is not a finite number (expected a finite decimal number{(range.Length > 0 ? " in " : "")}{range})";
            if (x < lo || x > hi)
                return $"{name} {Quote(t)} is outside {range}";
            values[i] = x;
        }
        return null;
    }

    /// <summary>At most 40 characters of user input, for messages.</summary>
    private static string Quote(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..40], "...");

    /// <summary>
    /// Lines of a <see cref="TextReader"/> as spans into one fixed buffer (valid until the next call): no string per
    /// line, and a line longer than the limit is skipped without being held, so memory is bounded by the buffer.
    /// </summary>
    private sealed class LineReader(TextReader reader, int maxLine)
    {
        private readonly char[] _buf = new char[Math.Max(64 * 1024, 2 * maxLine)];
        private int _start, _end;
        private bool _eof;

        /// <summary>The next line without its line end; false at the end of input. A too-long line comes back empty
        /// with <paramref name="tooLong"/> set.</summary>
        public bool Next(out ReadOnlySpan<char> line, out bool tooLong)
        {
            tooLong = false;
            int scanned = 0;
            while (true)
            {
                int nl = _buf.AsSpan(_start + scanned, _end - _start - scanned).IndexOf('\n');
                if (nl >= 0)
                {
                    int len = scanned + nl;
                    tooLong |= len > maxLine;
                    line = tooLong ? default : TrimCr(_buf.AsSpan(_start, len));
                    _start += len + 1;
                    return true;
                }
                scanned = _end - _start;
                if (tooLong || scanned > maxLine)
                {
                    tooLong = true; // drop what was read of it and look for its end
                    _start = _end = 0; scanned = 0;
                }
                if (_eof)
                {
                    line = tooLong ? default : TrimCr(_buf.AsSpan(_start, _end - _start));
                    bool any = tooLong || _end > _start;
                    _start = _end;
                    return any;
                }
                if (_start > 0)
                {
                    _buf.AsSpan(_start, _end - _start).CopyTo(_buf);
                    _end -= _start; _start = 0;
                }
                int n = reader.Read(_buf, _end, _buf.Length - _end);
                if (n == 0) _eof = true;
                else _end += n;
            }
        }

        private static ReadOnlySpan<char> TrimCr(ReadOnlySpan<char> s) => s.Length > 0 && s[^1] == '\r' ? s[..^1] : s;
    }

    /// <summary>Output lines collected in a fixed buffer and written to the <see cref="TextWriter"/> in chunks.</summary>
    private sealed class ChunkWriter(TextWriter writer)
    {
        private const int Size = 16 * 1024;
        private readonly char[] _buf = new char[Size];
        private readonly string _newLine = writer.NewLine;
        private int _pos;

        /// <summary>Appends "a b c" and a line end, each number with its count of decimals.</summary>
        public void Line(double a, int da, double b, int db, double c, int dc)
        {
            if (_pos > Size - 256) Flush(); // a line is under 100 characters
            Span<char> s = _buf.AsSpan(_pos);
            int k = FixedText.Format(a, da, s);
            s[k++] = ' ';
            k += FixedText.Format(b, db, s[k..]);
            s[k++] = ' ';
            k += FixedText.Format(c, dc, s[k..]);
            _newLine.CopyTo(s[k..]);
            _pos += k + _newLine.Length;
        }

        public void Flush()
        {
            if (_pos == 0) return;
            writer.Write(_buf.AsSpan(0, _pos));
            _pos = 0;
        }
    }
}
