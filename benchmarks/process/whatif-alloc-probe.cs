// Diagnostic, not a benchmark: what the WhatIfBenchmarks day allocates per flight, by outcome, on one thread (bytes
// from GC.GetAllocatedBytesForCurrentThread around each flight of a fresh simulator, after a warm-up run on another),
// and the whole run's bytes and collections. Then the cost of one collection in the middle of a run, made to happen
// there: a blocking gen0 collection forced when half the flights are done (from the progress report), N times on
// THREADS threads, printing its pause (GC.GetTotalPauseDuration; wall time, so take the least on a loaded machine) and
// the bytes it promoted (GCMemoryInfo.PromotedBytes: what was alive, a measure of its work that load does not change).
// docs/performance.md, "What-if on 2 threads".
//
//   nice -n 19 dotnet run -c Release benchmarks/process/whatif-alloc-probe.cs -- [THREADS [N [REFERENCE-DIR]]]
#:project ../../src/AirspaceSim/AirspaceSim.csproj
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property GarbageCollectionAdaptationMode=0
#:property TieredPGO=false
using System.Reflection;
using AirspaceSim.Airspaces; using AirspaceSim.Data; using AirspaceSim.Geodesy; using AirspaceSim.Simulation;
int threads = args.Length > 0 ? int.Parse(args[0]) : 2, times = args.Length > 1 ? int.Parse(args[1]) : 20;
string refDir = args.Length > 2 ? args[2] : "/work/shared/reference"; string R(string p) => Path.Combine(refDir, p);
var airports = AirportDirectory.FromOpenFlights(R("openflights/airports.dat"));
var day = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
var flights = new List<Flight>();
foreach (var r in OpenFlightsRoutes.Read(R("openflights/routes.dat"))) {
  if (!airports.TryGet(r.From, out var a) || !airports.TryGet(r.To, out var b) || a.Location == b.Location) continue;
  double km = Wgs84.DistanceM(a.Location, b.Location) / 1000;
  flights.Add(new Flight { Id = $"R{r.LineNumber}", Origin = r.From, Destination = r.To, DepartureUtc = day.AddMinutes(r.LineNumber % 1440), AircraftType = km <= 5000 ? "B38M" : "A359", Airline = r.Airline, OperatorState = "XX" }); }
var closures = new[] { AirspaceCatalog.Bundled["SVZM"], AirspaceCatalog.Bundled["TNCF"] };
var sc = new Scenario { Name = "d", Closures = closures.Select(c => new Closure { Id = c.Id, AirspaceIds = [c.Id], Airspaces = [c], StartUtc = day.AddDays(-1), EndUtc = day.AddDays(3) }).ToArray(), Flights = flights };
var opt = new SimulationOptions { CostModel = PerformanceCostModel.Default, Airports = airports, MaxDegreeOfParallelism = 1 };
var m = typeof(WhatIfSimulator).GetMethod("SimulateSafe", BindingFlags.NonPublic | BindingFlags.Instance)!;
for (int w = 0; w < 3; w++) new WhatIfSimulator(sc, opt).Run();
var sim = new WhatIfSimulator(sc, opt); var run = m.CreateDelegate<Func<Flight, FlightResult>>(sim);
var by = new SortedDictionary<FlightOutcome, (int N, long Bytes)>();
var hist = new SortedDictionary<long, int>();
var keep = new FlightResult[flights.Count];
for (int i = 0; i < flights.Count; i++) {
  long b0 = GC.GetAllocatedBytesForCurrentThread(); var r = run(flights[i]); long b = GC.GetAllocatedBytesForCurrentThread() - b0; keep[i] = r;
  if (r.Outcome == FlightOutcome.Unaffected) hist[b] = hist.GetValueOrDefault(b) + 1;
  by[r.Outcome] = by.TryGetValue(r.Outcome, out var t) ? (t.N + 1, t.Bytes + b) : (1, b); }
long all = 0; foreach (var (o, (n, b)) in by) { all += b; Console.WriteLine($"{o,-16} {n,6} flights, {b / (double)n,9:F1} bytes/flight, {b / 1e6,7:F2} MB"); }
Console.WriteLine($"per-flight total {all / 1e6:F2} MB ({all / (double)flights.Count:F1} bytes/flight)");
for (int k = 0; k < 3; k++) {
  int g0 = GC.CollectionCount(0); long b0 = GC.GetAllocatedBytesForCurrentThread();
  var res = new WhatIfSimulator(sc, opt).Run();
  Console.WriteLine($"whole run (1 thread): {(GC.GetAllocatedBytesForCurrentThread() - b0) / 1e6:F2} MB, {GC.CollectionCount(0) - g0} collections, {res.Flights.Count} results"); }
foreach (var (b, n) in hist) Console.WriteLine($"unaffected: {n,6} flights allocated {b} bytes");
GC.KeepAlive(keep); keep = null;
var opt2 = opt with { MaxDegreeOfParallelism = threads };
var pauses = new List<double>(); var promoted = new List<long>();
for (int k = 0; k < times; k++) {
  GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
  var probe = new MidRunCollection(Environment.GetEnvironmentVariable("AT") is { } at ? int.Parse(at) : flights.Count / 2);
  new WhatIfSimulator(sc, opt2).Run(CancellationToken.None, probe);
  pauses.Add(probe.PauseMs); promoted.Add(probe.PromotedBytes); }
pauses.Sort(); promoted.Sort();
Console.WriteLine($"mid-run gen0 collection, {threads} threads, {times} runs: pause min {pauses[0]:F1} / median {pauses[times / 2]:F1} ms; promoted min {promoted[0] / 1e6:F2} / median {promoted[times / 2] / 1e6:F2} MB");

// Forces one blocking gen0 collection the first time at least Half flights are reported done.
sealed class MidRunCollection(int half) : IProgress<SimulationProgress> {
  private int _fired;
  public double PauseMs; public long PromotedBytes;
  public void Report(SimulationProgress p) {
    if (p.Done < half || Interlocked.Exchange(ref _fired, 1) != 0) return;
    var p0 = GC.GetTotalPauseDuration();
    GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    PauseMs = (GC.GetTotalPauseDuration() - p0).TotalMilliseconds;
    PromotedBytes = GC.GetGCMemoryInfo(GCKind.Ephemeral).PromotedBytes; } }
