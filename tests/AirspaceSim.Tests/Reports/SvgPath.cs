using System.Globalization;
using System.Text.RegularExpressions;

namespace AirspaceSim.Tests.Reports;

/// <summary>An SVG path's moves, lines and closes (absolute M L Z and relative m l z, with implicit repeats, per SVG 1.1
/// §8.3) as subpaths of absolute points; a close adds the subpath's start. Written from the specification, not from the
/// writer it checks.</summary>
internal static partial class SvgPath
{
    [GeneratedRegex("[MLZmlz]|-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?")]
    private static partial Regex Token();

    public static List<List<(double X, double Y)>> Subpaths(string d)
    {
        var tokens = Token().Matches(d).Select(m => m.Value).ToList();
        var result = new List<List<(double X, double Y)>>();
        double x = 0, y = 0, sx = 0, sy = 0;
        char cmd = ' ';
        List<(double X, double Y)>? current = null;
        for (int i = 0; i < tokens.Count;)
        {
            if (char.IsLetter(tokens[i][0])) cmd = tokens[i++][0];
            if (cmd is 'Z' or 'z')
            {
                current?.Add((sx, sy));
                (x, y) = (sx, sy);
                current = null;
                continue;
            }
            double a = double.Parse(tokens[i], CultureInfo.InvariantCulture), b = double.Parse(tokens[i + 1], CultureInfo.InvariantCulture);
            i += 2;
            bool relative = char.IsLower(cmd);
            (x, y) = relative ? (x + a, y + b) : (a, b);
            if (cmd is 'M' or 'm')
            {
                current = [(x, y)];
                result.Add(current);
                (sx, sy) = (x, y);
                cmd = relative ? 'l' : 'L';
            }
            else
            {
                if (current == null) { current = [(sx, sy)]; result.Add(current); }
                current.Add((x, y));
            }
        }
        return result;
    }
}
