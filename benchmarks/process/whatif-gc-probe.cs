// Diagnostic, not a benchmark: the WhatIfBenchmarks day (same flights, closures, options, server GC non-concurrent as
// the CLI) run N times in one process after 5 warm-up runs, printing per run the what-if's and the floor's Stopwatch
// time, the gen0/1/2 collections that happened inside it (GC.CollectionCount) and their pause (GC.GetTotalPauseDuration).
// Shows which iterations a collection lands in and what it costs (docs/performance.md, "What-if on 2 threads").
//
//   nice -n 19 dotnet run -c Release benchmarks/process/whatif-gc-probe.cs -- THREADS RUNS [REFERENCE-DIR]
//
// With THREADS = chunks: where a run spends its time, range by range. One thread: the time of each 256-flight range
// (from the progress reports), to find ranges far slower than the rest; two threads: when each range finished and on
// which thread, and how long the run's last range kept one thread alone (docs/performance.md, "The lead's quiet run").
//
//   nice -n 19 dotnet run -c Release benchmarks/process/whatif-gc-probe.cs -- chunks RUNS [REFERENCE-DIR]
#:project ../../src/AirspaceSim/AirspaceSim.csproj
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property GarbageCollectionAdaptationMode=0
#:property TieredPGO=false
using System.Diagnostics;
using AirspaceSim.Airspaces; using AirspaceSim.Data; using AirspaceSim.Geodesy; using AirspaceSim.Routing; using AirspaceSim.Simulation;
string refDir = args.Length > 2 ? args[2] : "/work/shared/reference"; string R(string p) => Path.Combine(refDir, p);
var airports = AirportDirectory.FromOpenFlights(R("openflights/airports.dat"));
var day = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
var flights = new List<Flight>(); var pairs = new List<(GeoPoint, GeoPoint)>();
foreach (var r in OpenFlightsRoutes.Read(R("openflights/routes.dat"))) {
  if (!airports.TryGet(r.From, out var a) || !airports.TryGet(r.To, out var b) || a.Location == b.Location) continue;
  double km = Wgs84.DistanceM(a.Location, b.Location) / 1000;
  flights.Add(new Flight { Id = $"R{r.LineNumber}", Origin = r.From, Destination = r.To, DepartureUtc = day.AddMinutes(r.LineNumber % 1440), AircraftType = km <= 5000 ? "B38M" : "A359", Airline = r.Airline, OperatorState = "XX" });
  pairs.Add((a.Location, b.Location)); }
var closures = new[] { AirspaceCatalog.Bundled["SVZM"], AirspaceCatalog.Bundled["TNCF"] };
var planner = DetourPlanner.Build(closures);
var sc = new Scenario { Name = "d", Closures = closures.Select(c => new Closure { Id = c.Id, AirspaceIds = [c.Id], Airspaces = [c], StartUtc = day.AddDays(-1), EndUtc = day.AddDays(3) }).ToArray(), Flights = flights };
if (args[0] == "chunks")
{
  int runs = int.Parse(args[1]);
  SimulationOptions Opt(int th) => new() { CostModel = PerformanceCostModel.Default, Airports = airports, MaxDegreeOfParallelism = th };
  for (int w = 0; w < 5; w++) { new WhatIfSimulator(sc, Opt(1)).Run(); new WhatIfSimulator(sc, Opt(2)).Run(); }
  for (int k = 0; k < runs; k++)
  {
    var rec = new Recorder(); var s = Stopwatch.StartNew();
    new WhatIfSimulator(sc, Opt(1)).Run(CancellationToken.None, rec); double total = s.Elapsed.TotalMilliseconds;
    var d = rec.Marks.Zip(rec.Marks.Skip(1), (a, b) => (b.Ms - a.Ms, b.Done)).ToList();
    var slow = d.OrderByDescending(x => x.Item1).Take(3).Select(x => $"{x.Item1:F2} ms ending at {x.Done}");
    Console.WriteLine($"1 thread {total,6:F1} ms: first report at {rec.Marks[0].Ms:F1} ms, median range {d.Select(x => x.Item1).Order().ElementAt(d.Count / 2):F3} ms, slowest {string.Join("; ", slow)}, after the last {total - rec.Marks[^1].Ms:F1} ms");
    rec = new Recorder(); s.Restart();
    new WhatIfSimulator(sc, Opt(2)).Run(CancellationToken.None, rec); total = s.Elapsed.TotalMilliseconds;
    var threads = rec.Marks.GroupBy(m => m.Thread).Select(g => $"t{g.Key}: {g.Count()} ranges, last at {g.Max(m => m.Ms):F1}").ToList();
    Console.WriteLine($"2 threads {total,6:F1} ms: first report at {rec.Marks[0].Ms:F1} ms; {string.Join("; ", threads)}; after the last {total - rec.Marks[^1].Ms:F1} ms; gc0 {GC.CollectionCount(0)}");
  }
  return;
}
int th = int.Parse(args[0]); int n = int.Parse(args[1]);
var opt = new SimulationOptions { CostModel = PerformanceCostModel.Default, Airports = airports, MaxDegreeOfParallelism = th };
Console.WriteLine($"gcServer={System.Runtime.GCSettings.IsServerGC} DATAS={AppContext.GetData("System.GC.DynamicAdaptationMode") ?? "default"} procs={Environment.ProcessorCount}");
for (int w = 0; w < 5; w++) { new WhatIfSimulator(sc, opt).Run(); planner.PlanAll(pairs, th); }
var tb = new List<double>(); for (int i = 0; i < n; i++) { var s = Stopwatch.StartNew(); DetourPlanner.Build(closures); tb.Add(s.Elapsed.TotalMilliseconds); }
var tw = new List<double>(); var tf = new List<double>();
for (int i = 0; i < n; i++) {
  int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2); var p0 = GC.GetTotalPauseDuration();
  var s = Stopwatch.StartNew(); new WhatIfSimulator(sc, opt).Run(); double w = s.Elapsed.TotalMilliseconds; tw.Add(w);
  var pw = GC.GetTotalPauseDuration() - p0;
  int h0 = GC.CollectionCount(0), h1 = GC.CollectionCount(1), h2 = GC.CollectionCount(2); var q0 = GC.GetTotalPauseDuration();
  s.Restart(); if (Environment.GetEnvironmentVariable("SKIPFLOOR") != "1") planner.PlanAll(pairs, th); tf.Add(s.Elapsed.TotalMilliseconds);
  var pf = GC.GetTotalPauseDuration() - q0;
  // The last collection's promoted bytes (what was alive), whether it compacted, and the heap after it.
  var li = GC.GetGCMemoryInfo(GCKind.Any);
  string last = GC.CollectionCount(0) != g0 ? $" | last gc: gen{li.Generation} promoted {li.PromotedBytes / 1e6:F1} MB compacted {li.Compacted} heap {li.HeapSizeBytes / 1e6:F0} MB committed {li.TotalCommittedBytes / 1e6:F0} MB" : "";
  Console.WriteLine($"whatif {w,7:F1} ms gc {h0-g0}/{h1-g1}/{h2-g2} pause {pw.TotalMilliseconds:F1} ms | floor {tf[^1]:F1} ms gc {GC.CollectionCount(0)-h0}/{GC.CollectionCount(1)-h1}/{GC.CollectionCount(2)-h2} pause {pf.TotalMilliseconds:F1} ms{last}");
}
double Med(List<double> l) { var a = l.OrderBy(x => x).ToList(); return a[a.Count / 2]; }
var gi = GC.GetGCMemoryInfo(GCKind.Any); Console.WriteLine($"last gc gen {gi.Generation} compacted {gi.Compacted} pause% {gi.PauseTimePercentage}");
Console.WriteLine($"threads {th}: build median {Med(tb):F1} ms; whatif median {Med(tw):F1} ms; floor median {Med(tf):F1}; ratio {Med(tw)/Med(tf):F2}");
sealed class Recorder : IProgress<SimulationProgress>
{
  private readonly Stopwatch _s = Stopwatch.StartNew();
  public readonly List<(double Ms, int Done, int Thread)> Marks = [];
  public void Report(SimulationProgress p) { lock (Marks) Marks.Add((_s.Elapsed.TotalMilliseconds, p.Done, Environment.CurrentManagedThreadId)); }
}
