using System.CommandLine;
using AirspaceSim.Simulation;

namespace AirspaceSim.Cli;

/// <summary>
/// <c>airspacesim merge PARTS... [--format table|csv|json] [--out FILE]</c>: combines the partial results of
/// <c>whatif --monte-carlo N --shard K/N</c> into exactly the output of the single run.
/// </summary>
internal static class MergeCommand
{
    private static readonly string[] FileFormats = ["table", "csv", "json"];

    public static Command Create(CliIO io)
    {
        var parts = new Argument<string[]>("PARTS") { Description = "The shards' partial results (JSON), every shard of one run once, in any order.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "csv", "json");
        var output = new Option<string?>("--out") { Description = $"Write to this file instead of standard output. Without --format, the extension chooses it ({OutFormat.Pairs(FileFormats)}); a known extension that contradicts --format is an error." };
        var cmd = new Command("merge", "Merge Monte Carlo shards (whatif --monte-carlo N --shard K/N) into the single run's output, byte for byte.");
        cmd.Arguments.Add(parts);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            string fmt = OutFormat.Resolve(parse, format, output, "merge", FileFormats).Format; // before reading the parts
            var files = parse.GetValue(parts) ?? [];
            var read = new List<MonteCarloPartial>();
            foreach (var file in files)
            {
                CliApp.RequireFile(file, "merge");
                read.Add(MonteCarloReport.ReadPartial(File.ReadAllBytes(file), file));
            }
            MonteCarloResult r;
            try { r = MonteCarlo.Merge(read); }
            catch (ArgumentException e)
            {
                // "part 2 (shard 1/3)" → the file it came from.
                string m = e.Message;
                for (int i = files.Length - 1; i >= 0; i--) m = m.Replace($"part {i + 1} (", $"{files[i]} (", StringComparison.Ordinal);
                if (files.Length > 0) m = m.Replace("part 1 ", $"{files[0]} ", StringComparison.Ordinal);
                throw new CliException($"merge: {m}");
            }
            var text = new StringWriter { NewLine = "\n" };
            WhatIfCommand.WriteMonteCarlo(text, r, fmt);
            return WhatIfCommand.Emit(io, text, parse.GetValue(output), WhatIfCommand.MonteCarloErrors(io, r));
        }));
        return cmd;
    }
}
