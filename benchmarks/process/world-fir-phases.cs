// Diagnostic, not a benchmark: where the time of `route AMS CUR --closed TTZP` goes against `route AMS CUR` (issue 9:
// "a command pays for the airspaces it uses", within 1.2x). Makes the command's calls — the airport extract, the
// bundled catalog, the closed airspace (SVZM: the project's strict file; TTZP: the world index, one chunk, one
// feature), the planner, the plan, the table — one phase at a time, printing per phase its wall time, the process's
// CPU time (all threads), the JIT's compilation time and the methods it compiled. Mode `split` takes the world look-up
// apart (index read and parse, the rest of WorldFirs.Load, chunk read, Brotli, JSON parse, rings and region).
//
//   cold, one process per run (what a command pays):
//     nice -n 19 dotnet publish -c Release -r linux-x64 benchmarks/process/world-fir-phases.cs -o /tmp/wfp   # Native AOT
//     for i in $(seq 21); do for m in base ttzp split; do /tmp/wfp/AirspaceSim.Benchmarks $m 2>>phases.txt >/dev/null; done; done
//     /tmp/wfp/AirspaceSim.Benchmarks summarise phases.txt
//   warm, the two alternating in one process (the library work; medians of the second half on stderr):
//     DOTNET_TC_CallCountingDelayMs=0 nice -n 19 dotnet run -c Release benchmarks/process/world-fir-phases.cs -- alt 400 >/dev/null
//
// Its assembly is named AirspaceSim.Benchmarks for the libraries' internals (InternalsVisibleTo); the #:property lines
// are the tool's runtime settings (AirspaceSim.Cli.csproj). Figures: docs/limitations.md, "World data, from cold".
#:project ../../src/AirspaceSim.Cli/AirspaceSim.Cli.csproj
#:property AssemblyName=AirspaceSim.Benchmarks
#:property ServerGarbageCollection=true
#:property ConcurrentGarbageCollection=false
#:property GarbageCollectionAdaptationMode=0
#:property TieredPGO=false
#:property PublishAot=true
#:property NoWarn=IL2104;IL3053
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;
using AirspaceSim.Routing;

var inv = CultureInfo.InvariantCulture;
if (args is ["summarise", var file]) { Summarise(File.ReadLines(file), Console.Out); return 0; }
if (args.Length is < 1 or > 2 || args[0] is not ("base" or "ttzp" or "split" or "alt"))
{
    Console.Error.WriteLine("usage: world-fir-phases.cs base|ttzp|split|alt [RUNS] | summarise FILE");
    return 2;
}
int runs = args.Length > 1 ? int.Parse(args[1], inv) : 1;
var lines = new List<string>();
for (int run = 0; run < runs; run++)
{
    string mode = args[0] == "alt" ? (run % 2 == 0 ? "base" : "ttzp") : args[0];
    var marks = new List<string>();
    var sw = Stopwatch.StartNew();
    var cpu0 = Environment.CpuUsage.TotalTime;
    var jit0 = System.Runtime.JitInfo.GetCompilationTime(false);
    long methods0 = System.Runtime.JitInfo.GetCompiledMethodCount(false);
    void Mark(string phase)
    {
        double wall = sw.Elapsed.TotalMilliseconds;
        var cpu = Environment.CpuUsage.TotalTime;
        var jit = System.Runtime.JitInfo.GetCompilationTime(false);
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount(false);
        marks.Add(string.Create(inv, $"{phase}={wall:F3} {phase}.cpu={(cpu - cpu0).TotalMilliseconds:F3} {phase}.jit={(jit - jit0).TotalMilliseconds:F3} {phase}.methods={methods - methods0}"));
        (cpu0, jit0, methods0) = (cpu, jit, methods);
        sw.Restart();
    }

    // As the CLI: the bundled directory read on demand; "resolve" is the code index and the two rows.
    var airports = AirportDirectory.LoadBundledLazily(); Mark("airports");
    var from = airports.Resolve("AMS"); var to = airports.Resolve("CUR"); Mark("resolve");
    var catalog = AirspaceCatalog.LoadBundled(WorldFirs.Load); Mark("catalog");
    Airspace closed;
    if (mode == "base") { closed = catalog["SVZM"]; Mark("svzm"); }
    else if (mode == "ttzp") { closed = catalog["TTZP"]; Mark("ttzp"); }
    else
    {
        var indexBytes = EmbeddedResources.ReadBytes(EmbeddedResources.WorldBoundariesIndex); Mark("index-read");
        var index = WorldFirs.ParseIndex(indexBytes, EmbeddedResources.WorldBoundariesIndex); Mark("index-parse");
        _ = WorldFirs.Load(); Mark("world-load"); // the parse again, the resource-length guard, the lazy entries, the id map
        var f = index.Features.First(x => x.Id == "TTZP");
        var c = index.Chunks[f.Chunk];
        var compressed = new byte[c.CompressedLength];
        using (var s = EmbeddedResources.Open(EmbeddedResources.WorldBoundariesChunks)) { s.Position = c.CompressedStart; s.ReadExactly(compressed); }
        Mark("chunk-read");
        var bytes = new byte[c.Length];
        if (!BrotliDecoder.TryDecompress(compressed, bytes, out _)) throw new InvalidDataException("chunk");
        Mark("brotli");
        var json = bytes.AsMemory(f.Start - c.Start, f.Length);
        using (System.Text.Json.JsonDocument.Parse(json)) { }
        Mark("json-parse");
        closed = AirspaceLoader.LoadFeature(json, f.Index, AirspaceLoadOptions.Default with { FileName = WorldFirs.FileName }, [])!; Mark("feature-build");
    }
    var planner = DetourPlanner.Build([closed]); Mark("planner");
    var plan = planner.Plan(from.Point, to.Point); Mark("plan");
    var text = new StringWriter(inv);
    AirspaceSim.Cli.RouteOutput.WriteTable(text, from, to, plan, [closed], 0);
    Console.Out.Write(text.ToString());
    Console.Out.Flush();
    Mark("print");
    lines.Add(mode + ": " + string.Join(" ", marks));
}
if (runs == 1) Console.Error.WriteLine(lines[0]);
else Summarise(lines.Skip(runs / 2), Console.Error); // stdout has the tables
return 0;

// Per mode, the median of each phase's figures over the lines, and of the runs' totals (wall, CPU).
static void Summarise(IEnumerable<string> lines, TextWriter o)
{
    var byMode = new SortedDictionary<string, List<Dictionary<string, double>>>(StringComparer.Ordinal);
    foreach (var line in lines)
    {
        int colon = line.IndexOf(':');
        var values = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        (byMode.TryGetValue(line[..colon], out var list) ? list : byMode[line[..colon]] = []).Add(values);
    }
    foreach (var (mode, runs) in byMode)
    {
        static double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
        var phases = runs[0].Keys.Where(k => !k.Contains('.')).ToList();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode} (n={runs.Count}): wall {Median(runs.Select(r => phases.Sum(p => r[p]))):F2} ms, cpu {Median(runs.Select(r => phases.Sum(p => r[p + ".cpu"]))):F2} ms"));
        foreach (var p in phases)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p,-14} wall {Median(runs.Select(r => r[p])),8:F3}  cpu {Median(runs.Select(r => r[p + ".cpu"])),8:F3}  jit {Median(runs.Select(r => r[p + ".jit"])),8:F3}  methods {Median(runs.Select(r => r[p + ".methods"])),5:F0}"));
    }
}
