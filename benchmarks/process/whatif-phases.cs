// Diagnostic, not a benchmark: the phases of `airspacesim whatif DAY.json --format csv` (WhatIfCommand's own calls:
// ScenarioJson.Load with the shipped cost model, WhatIfSimulator.RunSweep, SimulationReport.WriteCsv into a 64 KiB
// StreamWriter as Program.cs makes, here over Stream.Null) timed one by one, RUNS times in one process. Run 1 is what
// the process pays (cold: JIT, first touch of memory); later runs are the same work warm, so run 1 minus a warm run is
// the JIT and warm-up share of each phase (docs/performance.md, "The what-if as a process"). Per run: wall time of each
// phase, the process's CPU time over it, the JIT's compilation time and methods compiled in it (all threads:
// System.Runtime.JitInfo), and gen0/1/2 collections.
//
//   DOTNET_TC_CallCountingDelayMs=0 nice -n 19 dotnet run -c Release benchmarks/process/whatif-phases.cs -- DAY.json [RUNS]
//
// The #:property lines and DOTNET_TC_CallCountingDelayMs=0 are the tool's runtime settings (AirspaceSim.Cli.csproj).
#:project ../../src/AirspaceSim/AirspaceSim.csproj
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property GarbageCollectionAdaptationMode=0
#:property TieredPGO=false
using System.Diagnostics;
using System.Text;
using AirspaceSim.Simulation;

if (args.Length is < 1 or > 2) { Console.Error.WriteLine("usage: whatif-phases.cs DAY.json [RUNS]"); return 2; }
int runs = args.Length > 1 ? int.Parse(args[1]) : 4;
var proc = Process.GetCurrentProcess();
Console.WriteLine($"gcServer={System.Runtime.GCSettings.IsServerGC} procs={Environment.ProcessorCount} callCountingDelay={Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") ?? "default"}");
Console.WriteLine($"{"run",3} {"phase",-6} {"wall ms",8} {"cpu ms",8} {"jit ms",8} {"methods",8} {"gc0/1/2",8}");
for (int run = 1; run <= runs; run++)
{
    Scenario s = null!;
    IReadOnlyList<SimulationResult> results = null!;
    Phase(run, "load", () => s = ScenarioJson.Load(args[0], new ScenarioReadOptions { CostModel = PerformanceCostModel.Default }));
    var sim = new SimulationOptions { CostModel = PerformanceCostModel.Default };
    Phase(run, "run", () => results = WhatIfSimulator.RunSweep(s, sim));
    Phase(run, "csv", () =>
    {
        using var w = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        SimulationReport.WriteCsv(w, results);
    });
    Phase(run, "tally", () => _ = results.Sum(r => r.Errors) + results[0].Flights.Count(f => f.Outcome == FlightOutcome.Error));
}
return 0;

void Phase(int run, string name, Action a)
{
    int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
    proc.Refresh();
    var cpu = proc.TotalProcessorTime;
    var jit = System.Runtime.JitInfo.GetCompilationTime();
    long methods = System.Runtime.JitInfo.GetCompiledMethodCount();
    var sw = Stopwatch.StartNew();
    a();
    sw.Stop();
    proc.Refresh();
    Console.WriteLine($"{run,3} {name,-6} {sw.Elapsed.TotalMilliseconds,8:F1} {(proc.TotalProcessorTime - cpu).TotalMilliseconds,8:F1} " +
        $"{(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds,8:F1} {System.Runtime.JitInfo.GetCompiledMethodCount() - methods,8} " +
        $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
}
