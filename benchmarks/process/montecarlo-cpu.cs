#:project ../../src/AirspaceSim/AirspaceSim.csproj
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property TieredPGO=false
// The Monte Carlo benchmark's runs as one process each, timed by process CPU time (docs/uncertainty.md, "Figures"):
// on the shared, loaded machine BenchmarkDotNet's wall times can have error bars larger than the means, while CPU
// time, compared between two builds run interleaved, still ranks them. One thread for the draws, as the benchmark.
//
//   dotnet run -c Release benchmarks/process/montecarlo-cpu.cs -- MODE [REPS] [WARMUP]
//
// MODE: det (one deterministic run of svzm-2025-11-uncertain as written), mc (20 draws, the margin drawn), mc200
// (200 draws), sep (the same 20 drawn scenarios run one by one, each with its own simulator). Prints wall and CPU
// milliseconds per run after WARMUP runs (default 3; the JIT needs about 20 for mc, 300 for det).
using System.Diagnostics;
using AirspaceSim.Simulation;

if (args.Length is < 1 or > 3 || args[0] is not ("det" or "mc" or "mc200" or "sep"))
{
    Console.Error.WriteLine("usage: montecarlo-cpu.cs det|mc|mc200|sep [REPS] [WARMUP]");
    return 2;
}
string mode = args[0];
int reps = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
int warm = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
var optimized = typeof(WhatIfSimulator).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
    .Cast<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
if (!optimized) Console.Error.WriteLine("warning: AirspaceSim is a Debug build; run with -c Release");
var s = BundledScenarios.Load("svzm-2025-11-uncertain", new ScenarioReadOptions { CostModel = PerformanceCostModel.Default });
var opt = new SimulationOptions { CostModel = PerformanceCostModel.Default, MaxDegreeOfParallelism = 1 };
void Once()
{
    switch (mode)
    {
        case "det": new WhatIfSimulator(s, opt).Run(); break;
        case "sep": for (int k = 0; k < 20; k++) new WhatIfSimulator(MonteCarlo.Draw(s, 1, k).Scenario, opt).Run(); break;
        default: MonteCarlo.Run(s, opt, new MonteCarloOptions { Draws = mode == "mc" ? 20 : 200, Seed = 1, MaxDegreeOfParallelism = 1 }); break;
    }
}
for (int i = 0; i < warm; i++) Once();
var p = Process.GetCurrentProcess();
var cpu0 = p.TotalProcessorTime;
var sw = Stopwatch.StartNew();
for (int r = 0; r < reps; r++) Once();
p.Refresh();
Console.WriteLine(FormattableString.Invariant($"{mode}: {sw.Elapsed.TotalMilliseconds / reps:F2} ms wall, {(p.TotalProcessorTime - cpu0).TotalMilliseconds / reps:F2} ms cpu per run"));
return 0;
