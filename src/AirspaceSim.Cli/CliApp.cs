using System.CommandLine;
using System.CommandLine.Help;

namespace AirspaceSim.Cli;

/// <summary>Standard streams of one CLI invocation, so that tests run commands in-process.</summary>
internal sealed record CliIO(TextReader In, TextWriter Out, TextWriter Err);

/// <summary>A user error the CLI reports as one line on stderr with exit code 2 (never a stack trace).</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>The <c>airspacesim</c> command line: one file per command, wired together here.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliIO io)
    {
        // A named root rather than RootCommand, whose name is the host executable's ("AirspaceSim.Cli", or "testhost"
        // in-process): usage lines then read "airspacesim route ...", the installed tool's command.
        var root = new Command("airspacesim", "AirspaceSim: airspace closures and the detours they force, on the WGS84 Earth. With no command: the bundled Caribbean routes against the closed SVZM (the main job).")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(GeodesicCommand.Create(io));
        root.Subcommands.Add(RouteCommand.Create(io));
        root.Subcommands.Add(BatchCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(PerfCommand.Create(io));
        root.Subcommands.Add(AircraftCommand.Create(io));
        // The main job with no arguments.
        root.SetAction(_ => Guard(io, () => ReportCommand.Run(io)));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors are user errors like any other: one line each, exit code 2 (batch uses 1 for "some rows failed").
            foreach (var error in parse.Errors)
                io.Err.WriteLine($"airspacesim: error: {string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            io.Err.WriteLine("airspacesim: see 'airspacesim --help' or 'airspacesim COMMAND --help'");
            return 2;
        }
        var config = new InvocationConfiguration { Output = io.Out, Error = io.Err };
        return parse.Invoke(config);
    }

    /// <summary>Runs a command body, turning user errors into one clear stderr line and a non-zero exit.</summary>
    public static int Guard(CliIO io, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is CliException or FormatException or IOException or InvalidDataException
                                      or ArgumentException or KeyNotFoundException or UnauthorizedAccessException)
        {
            io.Err.WriteLine($"airspacesim: error: {OneLine(e)}");
            return 2;
        }
    }

    /// <summary>An exception's message as one line: without the "(Parameter 'x')" and "Actual value was" parts that
    /// <see cref="ArgumentException"/> appends, line breaks folded into spaces.</summary>
    public static string OneLine(Exception e)
    {
        string m = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: not null })
        {
            int nl = m.LastIndexOf('\n');
            if (nl >= 0) m = m[..nl].TrimEnd('\r');
        }
        if (e is ArgumentException { ParamName: { } name }) m = m.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        return string.Join(' ', m.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
