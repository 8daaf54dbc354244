using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using AirspaceSim.Airspaces;
using AirspaceSim.Routing;

namespace AirspaceSim.Cli;

/// <summary>Standard streams of one CLI invocation, so that tests run commands in-process.</summary>
internal sealed record CliIO(TextReader In, TextWriter Out, TextWriter Err)
{
    /// <summary>True when stderr is a terminal: long runs then draw a progress bar there (<see cref="CliProgress"/>).</summary>
    public bool ErrIsTerminal { get; init; }

    /// <summary>True when stdout is a terminal (a streaming command then draws no progress, which would interleave with it).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Cancelled on Ctrl-C (Program.cs); long runs stop, say how far they got, and exit with 130.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>How a command builds its planner from the closed airspaces and the buffer (NM); default
    /// <see cref="DetourPlanner.Build(IEnumerable{Airspace}, double)"/>. A host that runs many commands in one process (the
    /// persistent fuzz harness) passes a cache, so that the same closures are built once rather than per command; the
    /// planner is immutable, so sharing it changes no output.</summary>
    public Func<IReadOnlyList<Airspace>, double, DetourPlanner>? BuildPlanner { get; init; }
}

/// <summary>A user error the CLI reports as one line on stderr with exit code 2 (never a stack trace).</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>The <c>airspacesim</c> command line: one file per command, wired together here.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliIO io)
    {
        // A named root rather than RootCommand, whose name is the host executable's ("AirspaceSim.Cli", or "testhost"
        // in-process): usage lines then read "airspacesim route ...", the installed tool's command.
        var root = new Command("airspacesim", "AirspaceSim: airspace closures and the detours they force, on the WGS84 Earth. With no command: the bundled what-if svzm-2025-11 (SVZM closed to everyone, a week of flights: outcomes, extra km, minutes, fuel, CO2 and cost), as 'airspacesim whatif'.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(GeodesicCommand.Create(io));
        root.Subcommands.Add(RouteCommand.Create(io));
        root.Subcommands.Add(BatchCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(WhatIfCommand.Create(io));
        root.Subcommands.Add(MergeCommand.Create(io));
        root.Subcommands.Add(PerfCommand.Create(io));
        root.Subcommands.Add(AircraftCommand.Create(io));
        var report = new Command("report", "The bundled Caribbean routes against the closed SVZM: distance, crossing, entry/exit, km inside and detour per route.");
        report.SetAction(_ => Guard(io, () => ReportCommand.Run(io)));
        root.Subcommands.Add(report);
        AddExamples(root);
        // The main job with no arguments: the default what-if, exactly as 'airspacesim whatif' prints it.
        root.SetAction(_ => Run(["whatif"], io));
        // No response files: System.CommandLine would read an argument "@PATH" as a file of arguments, so "@." (a
        // directory) or an unreadable path threw from the parser, before any command could report it (found by the route
        // fuzz target). An argument starting with @ is an argument like any other (an unknown code, say).
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var misspelt = OptionTakenAsArgument(root, parse, args);
        if (parse.Errors.Count > 0 || misspelt != null)
        {
            // Usage errors are user errors like any other: one line each, exit code 2 (batch uses 1 for "some rows failed").
            foreach (var message in misspelt is { } m ? [m] : UsageErrors(root, parse, args))
                io.Err.WriteLine($"airspacesim: error: {string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            io.Err.WriteLine("airspacesim: see 'airspacesim --help' or 'airspacesim COMMAND --help'");
            return 2;
        }
        var config = new InvocationConfiguration { Output = io.Out, Error = io.Err };
        return parse.Invoke(config);
    }

    // Examples shown by each command's --help (after its description), as `dotnet` and `git` show theirs. Every line is
    // a command that runs on the bundled data from any folder (CliHelpTests runs each one).
    internal static readonly IReadOnlyDictionary<string, string[]> Examples = new Dictionary<string, string[]>
    {
        ["airspacesim"] =
        [
            "airspacesim                                   # the bundled what-if svzm-2025-11",
            "airspacesim route AMS CUR --closed SVZM,TNCF",
            "airspacesim whatif tncf-2026-01-03 --group-by operator",
            "airspacesim COMMAND --help                    # options and examples of one command",
        ],
        ["route"] =
        [
            "airspacesim route AMS CUR",
            "airspacesim route GRU MIA --closed SVZM,TNCF --buffer-nm 25 --format json",
            "airspacesim route GEO CUR --closed SVZM,TTZP --buffer-nm 10 --closure-buffer-nm SVZM=25",
            "airspacesim route 12.5,-70.02 KMIA --type B38M --wind 270/80",
            "airspacesim route LHR NRT --closed UUWV --format geojson",
        ],
        ["batch"] =
        [
            "airspacesim batch routes.csv --closed SVZM,TNCF --format json",
            "airspacesim batch - < routes.csv                # from standard input",
        ],
        ["whatif"] =
        [
            "airspacesim whatif                            # svzm-2025-11, as a table sorted by extra cost",
            "airspacesim whatif svzm-2019-us-below-fl260 --format csv",
            "airspacesim whatif svzm-2025-11-uncertain --monte-carlo 200 --seed 1",
            "airspacesim whatif --format html --out report.html",
            "airspacesim whatif buffer-sweep --sweep buffer=0,10,25,50",
        ],
        ["merge"] = ["airspacesim merge part-0.json part-1.json --format json"],
        ["geodesic"] =
        [
            "echo \"52.3086 4.7639 12.1889 -68.9598\" | airspacesim geodesic -i -p 9",
            "echo \"52.3086 4.7639 -135.5 7838000\" | airspacesim geodesic",
        ],
        ["perf"] = ["airspacesim perf A20N --mass-kg 60000 --mach 0.78 --fl 350 --format json"],
        ["aircraft"] = ["airspacesim aircraft", "airspacesim aircraft B38M"],
        ["bench"] = ["airspacesim bench", "airspacesim bench --openflights ../shared/reference/openflights"],
        ["report"] = ["airspacesim report"],
    };

    private static void AddExamples(Command root)
    {
        foreach (var command in root.Subcommands.Prepend(root))
            if (Examples.TryGetValue(command.Name, out var lines))
                command.Description += Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine +
                                       string.Join(Environment.NewLine, lines.Select(l => "  " + l));
    }

    /// <summary>
    /// An unknown option written before a command's argument (<c>whatif --formt json</c>, <c>batch --formt json r.csv</c>,
    /// <c>aircraft --format json</c>): System.CommandLine takes the unknown token as the argument's value, so the user
    /// read "scenario not found: '--formt'" or "unexpected argument 'json'". A value starting with <c>--</c> is never an
    /// airport, scenario, file or type (<c>-</c> is standard input, <c>-12.5,-70</c> a position; <c>./--x</c> names such a
    /// file, as does anything after a lone <c>--</c>), so it is said as the unknown option it is.
    /// </summary>
    private static string? OptionTakenAsArgument(Command root, ParseResult parse, string[] args)
    {
        var command = parse.CommandResult;
        if (command.Command == root) return null;
        int end = Array.IndexOf(args, "--");
        foreach (var a in command.Children.OfType<ArgumentResult>())
            foreach (var t in a.Tokens)
            {
                if (t.Value.Length < 3 || !t.Value.StartsWith("--", StringComparison.Ordinal) || !char.IsLetter(t.Value[2])) continue;
                int at = Array.IndexOf(args, t.Value);
                if (end >= 0 && at > end) continue;
                string name = command.Command.Name;
                return $"{name}: unknown option {Geodesy.InvariantNumber.Quote(t.Value)} (see 'airspacesim {name} --help' for the options)";
            }
        return null;
    }

    /// <summary>
    /// The parse errors as the user should read them: System.CommandLine reports each missing argument as the same
    /// "Required argument missing for command: 'route'" (twice for <c>route</c> alone) and every token after an unknown
    /// command as unrecognized; these name the missing arguments, the unknown command (with the close ones) or the
    /// unexpected tokens once. Other messages (our option parsers', and the rest of System.CommandLine's) pass as they are.
    /// </summary>
    private static List<string> UsageErrors(Command root, ParseResult parse, string[] args)
    {
        var lines = new List<string>();
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        if (unmatched.Count > 0)
        {
            string first = unmatched[0];
            if (command == root && !first.StartsWith('-'))
            {
                var names = root.Subcommands.Select(c => c.Name).ToList();
                var close = names.Where(n => Airspaces.AirspaceCatalog.Levenshtein(n, first.ToLowerInvariant()) <= 2).ToList();
                lines.Add($"unknown command {Geodesy.InvariantNumber.Quote(first)}{(close.Count > 0 ? $"; did you mean {string.Join(" or ", close)}?" : "")} (commands: {string.Join(", ", names)})");
            }
            else
            {
                string where = command == root ? "" : command.Name + ": ";
                string help = $"'airspacesim {(command == root ? "" : command.Name + " ")}--help'";
                // "--closed SVZM TNCF": the token after an option's value.
                int at = Array.IndexOf(args, first);
                bool afterValue = at >= 2 && args[at - 2].StartsWith("--", StringComparison.Ordinal) && !args[at - 1].StartsWith('-');
                // "airspacesim --closed X": an option of the commands, not of the main job.
                var owners = command == root
                    ? root.Subcommands.Where(c => c.Options.Any(o => o.Name == first || o.Aliases.Contains(first))).Select(c => c.Name).ToList()
                    : [];
                lines.Add(first.StartsWith('-')
                    ? owners.Count > 0
                        ? $"{Geodesy.InvariantNumber.Quote(first)} is an option of {string.Join(", ", owners)}, not of the main job (which takes no options): e.g. airspacesim {owners[0]} ... {first} ..."
                        : $"{where}unknown option {Geodesy.InvariantNumber.Quote(first)} (see {help} for the options)"
                    : $"{where}unexpected {(unmatched.Count > 1 ? "arguments" : "argument")} {Geodesy.InvariantNumber.Quote(string.Join(' ', unmatched))}" +
                      (afterValue ? $" after {args[at - 2]} {args[at - 1]}: an option takes one value (list several ids as A,B)" : $" (see {help})"));
            }
        }
        var missing = new List<string>();
        foreach (var error in parse.Errors)
        {
            if (unmatched.Count > 0 && error.SymbolResult is CommandResult or null && !IsMissingArgument(error)) continue; // said above
            if (IsMissingArgument(error)) { missing.Add(((ArgumentResult)error.SymbolResult!).Argument.Name); continue; }
            // An option's own argument errors ("Argument 'xml' not recognized") do not say which option.
            var option = error.SymbolResult switch
            {
                OptionResult o => o.Option,
                ArgumentResult { Parent: OptionResult o } => o.Option,
                _ => null,
            };
            lines.Add(option != null && !error.Message.Contains(option.Name, StringComparison.Ordinal)
                ? $"{option.Name}: {error.Message}" : error.Message);
        }
        if (missing.Count > 0)
            lines.Insert(0, $"{command.Name}: missing {string.Join(" and ", missing.Distinct())} (usage: airspacesim {command.Name} {string.Join(' ', command.Arguments.Select(a => a.Arity.MinimumNumberOfValues > 0 ? a.Name : $"[{a.Name}]"))} [options])");
        return lines.Distinct().ToList();

        static bool IsMissingArgument(ParseError e) =>
            e.SymbolResult is ArgumentResult { Parent: CommandResult, Tokens.Count: 0 } a && a.Argument.Arity.MinimumNumberOfValues > 0;
    }

    /// <summary>Fails with a user error unless <paramref name="path"/> names an existing file: an empty name, a folder and
    /// a missing file each get their own message (a folder was reported as "not found").</summary>
    public static void RequireFile(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CliException($"{what}: empty file name");
        if (Directory.Exists(path)) throw new CliException($"{what}: {path} is a folder, not a file");
        if (!File.Exists(path)) throw new CliException($"{what}: file not found: {path}");
    }

    /// <summary>Runs a command body, turning user errors into one clear stderr line and a non-zero exit.</summary>
    public static int Guard(CliIO io, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException e)
        {
            // Ctrl-C: what the run says of how far it got ("cancelled after 412 of 1000 draws"), exit 130 (128 + SIGINT).
            io.Out.Flush();
            io.Err.WriteLine($"airspacesim: {OneLine(e)}");
            return 130;
        }
        catch (Exception e) when (e is CliException or FormatException or IOException or InvalidDataException
                                      or ArgumentException or KeyNotFoundException or UnauthorizedAccessException)
        {
            io.Out.Flush(); // what was written before the error comes out before it (stdout is buffered)
            io.Err.WriteLine($"airspacesim: error: {OneLine(e)}");
            return 2;
        }
        catch (Exception e) when (MissingNative(e) is { } missing)
        {
            // The tool's RID-specific packages carry SkiaSharp's native library for their own platform only, and the
            // framework-dependent fallback package (`any`) only those of the platforms without a package of their own:
            // run outside its platform (e.g. `dotnet AirspaceSim.Cli.dll` from another package) an image cannot be drawn.
            io.Out.Flush();
            io.Err.WriteLine($"airspacesim: error: png, svg and html output draw with SkiaSharp, whose native library is not installed for this platform ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}): install the airspacesim tool with `dotnet tool install`, which picks the package for it ({NativeDrawingRids}, or the fallback); every text, csv, json and geojson output works here ({OneLine(missing)})");
            return 2;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("AIRSPACESIM_DEBUG") != "1")
        {
            // The last resort: an exception no input should cause is a bug of the tool, said in one line with its kind
            // and exit 70 (EX_SOFTWARE), not a stack trace; AIRSPACESIM_DEBUG=1 lets it through with the trace.
            io.Out.Flush();
            io.Err.WriteLine($"airspacesim: internal error ({e.GetType().Name}): {OneLine(e)}; this is a bug, please report it with the command (AIRSPACESIM_DEBUG=1 shows the stack trace)");
            return 70;
        }
    }

    /// <summary>The <see cref="DllNotFoundException"/> behind <paramref name="e"/> (SkiaSharp's type initialisers wrap
    /// it in one or more <see cref="TypeInitializationException"/>s), or null.</summary>
    private static DllNotFoundException? MissingNative(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException)
            if (x is DllNotFoundException d) return d;
        return null;
    }

    /// <summary>The platforms with a tool package of their own (ToolPackageRuntimeIdentifiers in AirspaceSim.Cli.csproj,
    /// less the fallback <c>any</c>).</summary>
    internal const string NativeDrawingRids = "linux-x64, linux-arm64, linux-musl-x64, linux-musl-arm64, osx-arm64, osx-x64, win-x64, win-arm64";

    /// <summary>An exception's message as one line: without the "(Parameter 'x')" and "Actual value was" parts that
    /// <see cref="ArgumentException"/> appends, line breaks folded into spaces.</summary>
    public static string OneLine(Exception e) => AirspaceSim.Infrastructure.ExceptionText.OneLine(e);
}
