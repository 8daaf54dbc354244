using AirspaceSim.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AirspaceSim.Cli;

/// <summary>
/// A progress bar with rate and time left on stderr for long runs, drawn by Spectre.Console, only when stderr is a
/// terminal (<see cref="CliIO.ErrIsTerminal"/>); redirected, nothing is drawn. Stdout never carries progress.
/// </summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/> with a progress reporter when <paramref name="show"/> and stderr is a
    /// terminal, else with null. <paramref name="unit"/> names what is counted (<c>draws</c>, <c>flights</c>, <c>rows</c>).</summary>
    public static T Run<T>(CliIO io, bool show, string description, string unit, Func<IProgress<SimulationProgress>?, T> work)
    {
        if (!show || !io.ErrIsTerminal) return work(null);
        // The terminal test is ours (Console.IsErrorRedirected, or the tests' flag): Spectre is told, not left to detect.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Err), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes, ColorSystem = ColorSystemSupport.Standard,
        });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountColumn(unit), new RemainingTimeColumn())
            .Start(ctx => work(new Reporter(ctx.AddTask(description, autoStart: true, maxValue: 1))));
    }

    // Reports arrive from worker threads; ProgressTask's value and maximum are safe to set from any thread.
    private sealed class Reporter(ProgressTask task) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            if (value.Total > 0 && task.MaxValue != value.Total) task.MaxValue = value.Total;
            task.Value = value.Done;
        }
    }

    /// <summary>"412/1000 draws, 35.2/s".</summary>
    private sealed class CountColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{task.Value:0}/{task.MaxValue:0} {unit}{(task.Speed is { } s ? $", {s:0.0}/s" : "")}"));
    }
}
