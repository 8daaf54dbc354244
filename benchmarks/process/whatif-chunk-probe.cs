// Diagnostic, not a benchmark: where a what-if run on the WhatIfBenchmarks day spends its time, range by range. One
// thread: the time of each 256-flight range (from the progress reports), to find ranges far slower than the rest (a
// planner build, a tech-stop search) that leave the other thread idle at the end of a 2-thread run. Two threads: when
// each range finished and on which thread, and how long the run's last range kept one thread alone.
//
//   nice -n 19 dotnet run -c Release benchmarks/process/whatif-chunk-probe.cs -- RUNS [REFERENCE-DIR]
#:project ../../src/AirspaceSim/AirspaceSim.csproj
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property GarbageCollectionAdaptationMode=0
#:property TieredPGO=false
using System.Diagnostics;
using AirspaceSim.Airspaces; using AirspaceSim.Data; using AirspaceSim.Geodesy; using AirspaceSim.Simulation;
string refDir = args.Length > 1 ? args[1] : "/work/shared/reference"; string R(string p) => Path.Combine(refDir, p);
var airports = AirportDirectory.FromOpenFlights(R("openflights/airports.dat"));
var day = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
var flights = new List<Flight>();
foreach (var r in OpenFlightsRoutes.Read(R("openflights/routes.dat"))) {
  if (!airports.TryGet(r.From, out var a) || !airports.TryGet(r.To, out var b) || a.Location == b.Location) continue;
  double km = Wgs84.DistanceM(a.Location, b.Location) / 1000;
  flights.Add(new Flight { Id = $"R{r.LineNumber}", Origin = r.From, Destination = r.To, DepartureUtc = day.AddMinutes(r.LineNumber % 1440), AircraftType = km <= 5000 ? "B38M" : "A359", Airline = r.Airline, OperatorState = "XX" }); }
var closures = new[] { AirspaceCatalog.Bundled["SVZM"], AirspaceCatalog.Bundled["TNCF"] };
var sc = new Scenario { Name = "d", Closures = closures.Select(c => new Closure { Id = c.Id, AirspaceIds = [c.Id], Airspaces = [c], StartUtc = day.AddDays(-1), EndUtc = day.AddDays(3) }).ToArray(), Flights = flights };
int n = int.Parse(args[0]);
SimulationOptions Opt(int th) => new() { CostModel = PerformanceCostModel.Default, Airports = airports, MaxDegreeOfParallelism = th };
for (int w = 0; w < 5; w++) { new WhatIfSimulator(sc, Opt(1)).Run(); new WhatIfSimulator(sc, Opt(2)).Run(); }
for (int k = 0; k < n; k++)
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
sealed class Recorder : IProgress<SimulationProgress>
{
  private readonly Stopwatch _s = Stopwatch.StartNew();
  public readonly List<(double Ms, int Done, int Thread)> Marks = [];
  public void Report(SimulationProgress p) { lock (Marks) Marks.Add((_s.Elapsed.TotalMilliseconds, p.Done, Environment.CurrentManagedThreadId)); }
}
