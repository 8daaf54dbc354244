using System.Diagnostics;
using AirspaceSim.Airspaces;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// The simulator's shared builds (a planner per active closure set, behind a Lazy that the other workers wait on) never
/// wait for work that only another pool thread could do. In a fresh process the thread pool has one thread per core and
/// adds more only slowly (about one per 0.5 s): a planner build that ran a nested parallel loop queued work that no
/// free thread could take, while the pool's threads were blocked on that same build, and the OpenFlights day sat idle
/// for about a second (docs/simulator.md, "Idle, not busy"). Here the CLI runs in a child process whose pool has one
/// thread and may never add one (DOTNET_ThreadPool_ForceMaxWorkerThreads=1): the caller's thread and that one pool
/// thread each run flights, so the old build hung there for ever (checked: every run timed out). The timeout is a hang
/// detector, not a speed bound: the runs take seconds.
/// </summary>
public class PlannerBuildBlockingTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(3);
    private static readonly string[] From = ["GRU", "GIG", "BSB", "SSA", "REC", "FOR", "BEL", "MAO", "EZE", "SCL", "LIM", "UIO", "BOG"];
    private static readonly string[] To = ["MIA", "JFK", "ATL", "IAH", "MCO", "FLL", "YYZ", "ORD", "DFW", "IAD", "BOS", "PTY", "SJU", "CUN", "MEX"];

    // 300 flights between South America and North America, most of them around SVZM or TNCF (closed all day): more
    // than one range of the simulator's partitioner (256), so that both threads run flights and need the planners at
    // the same time.
    private static string ScenarioFile()
    {
        var closures = new[] { "SVZM", "TNCF" }.Select(id => new Closure
        {
            Id = id, AirspaceIds = [id], Airspaces = [AirspaceCatalog.Bundled[id]], StartUtc = T0.AddDays(-1),
        }).ToArray();
        var s = new Scenario
        {
            Name = "one-pool-thread",
            Closures = closures,
            Flights = Enumerable.Range(0, 300).Select(i => new Flight
            {
                Id = $"F{i}", Origin = From[i % From.Length], Destination = To[i / From.Length % To.Length],
                DepartureUtc = T0.AddMinutes(i), AircraftType = "B38M", Airline = "GLO", OperatorState = "BR",
            }).ToArray(),
        };
        string path = Path.Combine(Path.GetTempPath(), $"airspacesim-one-pool-thread-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ScenarioJson.Write(s));
        return path;
    }

    [TestCase("csv")]
    [TestCase("csv", "--sweep", "buffer=0,10")]
    [TestCase("json", "--monte-carlo", "4")]
    public async Task WhatIf_OnOnePoolThreadThatIsNeverAddedTo_Finishes(string format, params string[] extra)
    {
        string file = ScenarioFile();
        try
        {
            string[] args = ["whatif", file, "--format", format, .. extra];
            var one = await RunCli(args, onePoolThread: true);
            Assert.That(one.Code, Is.EqualTo(0), one.Err);
            // The same bytes as with the default pool.
            var usual = await RunCli(args, onePoolThread: false);
            Assert.That(usual.Code, Is.EqualTo(0), usual.Err);
            Assert.That(one.Out, Is.EqualTo(usual.Out));
            if (extra.Length == 0) Assert.That(one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(302)); // header, flights, totals
        }
        finally { File.Delete(file); }
    }

    /// <summary>Runs <c>dotnet AirspaceSim.Cli.dll ARGS</c> (the CLI is copied beside this assembly); fails if it has not
    /// ended within <see cref="Hang"/>, and kills it.</summary>
    private static async Task<(int Code, string Out, string Err)> RunCli(string[] args, bool onePoolThread)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "AirspaceSim.Cli.dll");
        Assert.That(File.Exists(dll), Is.True, $"CLI not found at {dll}");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var v in new[] { "DOTNET_ThreadPool_ForceMinWorkerThreads", "DOTNET_ThreadPool_ForceMaxWorkerThreads" }) psi.Environment.Remove(v);
        if (onePoolThread)
        {
            psi.Environment["DOTNET_ThreadPool_ForceMinWorkerThreads"] = "1";
            psi.Environment["DOTNET_ThreadPool_ForceMaxWorkerThreads"] = "1";
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Hang);
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"'whatif {string.Join(' ', args.Skip(2))}' on {(onePoolThread ? "one pool thread" : "the default pool")} did not end within {Hang.TotalSeconds:0} s: a shared build waits for work no thread can take");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
