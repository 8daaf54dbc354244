using System.Text.Json;
using AirspaceSim.Cli;

namespace AirspaceSim.Tests.Cli;

/// <summary>The outcome of one in-process CLI invocation.</summary>
internal sealed record CliResult(int Exit, string Out, string Err)
{
    /// <summary>Non-empty stdout lines (line endings normalised).</summary>
    public string[] OutLines => Out.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Non-empty stderr lines.</summary>
    public string[] ErrLines => Err.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>stdout parsed as exactly one JSON document (fails the test when it is not).</summary>
    public JsonElement Json()
    {
        try
        {
            using var doc = JsonDocument.Parse(Out);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not one JSON document: {e.Message}\n{Out}");
            throw;
        }
    }

    public override string ToString() => $"exit {Exit}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>Runs <see cref="CliApp.Run"/> in-process with captured streams.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWithInput("", args);

    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int exit = CliApp.Run(args, new CliIO(new StringReader(stdin), output, error));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>The line that follows command-line syntax errors (a bad option value is one).</summary>
    public const string HelpHint = "airspacesim: see 'airspacesim --help' or 'airspacesim COMMAND --help'";

    /// <summary>Asserts a user error: exit code 2, nothing on stdout, one <c>airspacesim: error:</c> line on stderr
    /// containing every fragment (case-insensitive), last but for the help hint of a syntax error; returns that line.</summary>
    public static string AssertUserError(CliResult r, params string[] fragments)
    {
        Assert.That(r.Exit, Is.EqualTo(2), r.ToString());
        Assert.That(r.Out, Is.Empty, r.ToString());
        var errors = r.ErrLines.Where(l => l.StartsWith("airspacesim: error: ", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), r.ToString());
        var lines = r.ErrLines[^1] == HelpHint ? r.ErrLines[..^1] : r.ErrLines;
        Assert.That(lines[^1], Is.EqualTo(errors[0]), "the error is the last line on stderr\n" + r);
        Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace\n" + r);
        foreach (var f in fragments) Assert.That(errors[0], Does.Contain(f).IgnoreCase, r.ToString());
        return errors[0];
    }

    /// <summary>A fresh temporary folder, deleted by the caller's TearDown through <see cref="TempDir.Dispose"/>.</summary>
    public static TempDir NewTempDir() => new();
}

/// <summary>A temporary folder for test input files.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("airspacesim-cli-").FullName;

    public string Write(string name, string text)
    {
        var p = System.IO.Path.Combine(Path, name);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Reads fields of the route JSON object.</summary>
internal static class RouteJson
{
    public static string Status(this JsonElement route) => route.GetProperty("status").GetString()!;

    public static double Km(this JsonElement route, string name) => route.GetProperty(name).GetDouble();

    public static string[] Crossed(this JsonElement route) =>
        route.GetProperty("crossed").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static (double Lat, double Lon)[] Waypoints(this JsonElement route) =>
        route.GetProperty("waypoints").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();

    public static double[] Legs(this JsonElement route) =>
        route.GetProperty("legsKm").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>Haversine distance on the mean sphere, for loose plausibility checks only.</summary>
    public static double SphereKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0088, D = Math.PI / 180;
        double dLat = (lat2 - lat1) * D, dLon = (lon2 - lon1) * D;
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * D) * Math.Cos(lat2 * D) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
