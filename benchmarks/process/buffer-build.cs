#:project ../../src/AirspaceSim/AirspaceSim.csproj
#:property AssemblyName=AirspaceSim.Benchmarks
#:property TieredPGO=false
// Buffered obstacle builds (ObstacleBuilder.Build, internal: this probe takes the benchmarks' assembly name, which the
// library lets see its internals), timed per FIR and buffer by process CPU time, one thread. docs/uncertainty.md.
//
//   dotnet run -c Release benchmarks/process/buffer-build.cs -- time [REPS] [IDS] [BUFFERS] [Adaptive|Chunked|Whole]
//       min and median CPU ms of REPS builds (default 5, after one warm-up) of each FIR id (comma-separated; default
//       SVZM and the worst cases) at each buffer in NM (default 10,25,50).
//   dotnet run -c Release benchmarks/process/buffer-build.cs -- all [BUFFERS] [Adaptive|Chunked|Whole]
//       one build of every bundled FIR at each buffer (default 5,10,25,50): total CPU ms per buffer, and the slowest.
//   dotnet run -c Release benchmarks/process/buffer-build.cs -- dump FILE [BUFFERS] [Adaptive|Chunked|Whole]
//       every bundled FIR at each buffer: the obstacles' loops (vertices as x,y,z, round-trip), for a comparison.
using System.Diagnostics;
using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Routing;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 1 || args[0] is not ("time" or "all" or "dump"))
{
    Console.Error.WriteLine("usage: buffer-build.cs time [REPS] [IDS] [BUFFERS] | all [BUFFERS] | dump FILE [BUFFERS] [WAY]");
    return 2;
}
var optimized = typeof(ObstacleBuilder).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
    .Cast<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
if (!optimized) Console.Error.WriteLine("warning: AirspaceSim is a Debug build; run with -c Release");
var cat = AirspaceCatalog.Bundled;
double[] Buffers(int i, string def) => (args.Length > i ? args[i] : def).Split(',').Select(s => double.Parse(s, inv)).ToArray();
var proc = Process.GetCurrentProcess();
double Cpu() { proc.Refresh(); return proc.TotalProcessorTime.TotalMilliseconds; }

switch (args[0])
{
    case "time":
    {
        int reps = args.Length > 1 ? int.Parse(args[1], inv) : 5;
        var ids = (args.Length > 2 ? args[2] : "SVZM,ENBD,CZQX,CZZV,ULLL,EGPX,ENOR,FASA").Split(',');
        var buffers = Buffers(3, "10,25,50");
        var way = args.Length > 4 ? Enum.Parse<ObstacleBuilder.Offsetting>(args[4]) : ObstacleBuilder.Offsetting.Adaptive;
        // Warm-up: every case three times first, so that the JIT has optimised the code before the first case is timed.
        for (int r = 0; r < 3; r++) foreach (var id in ids) foreach (var b in buffers) ObstacleBuilder.Build([cat[id]], b, 64, way);
        foreach (var id in ids)
            foreach (var b in buffers)
            {
                var fir = cat[id];
                ObstacleBuilder.Build([fir], b, 64, way);
                var t = new List<double>();
                for (int r = 0; r < reps; r++) { double c0 = Cpu(); ObstacleBuilder.Build([fir], b, 64, way); t.Add(Cpu() - c0); }
                t.Sort();
                Console.WriteLine(string.Create(inv, $"{id,-10} {b,4} NM  min {t[0],8:F1}  median {t[t.Count / 2],8:F1} ms cpu  ({fir.Region.Polygons.Sum(p => p.Shell.Count + p.Holes.Sum(h => h.Count))} vertices)"));
            }
        break;
    }
    case "all":
    {
        var buffers = Buffers(1, "5,10,25,50");
        var way = args.Length > 2 ? Enum.Parse<ObstacleBuilder.Offsetting>(args[2]) : ObstacleBuilder.Offsetting.Adaptive;
        ObstacleBuilder.Build([cat["SVZM"]], 10, 64, way);
        double total = 0;
        foreach (var b in buffers)
        {
            double sum = 0, worst = 0; string worstId = "";
            foreach (var id in cat.Ids)
            {
                double c0 = Cpu(); ObstacleBuilder.Build([cat[id]], b, 64, way); double t = Cpu() - c0;
                sum += t; if (t > worst) (worst, worstId) = (t, id);
            }
            total += sum;
            Console.WriteLine(string.Create(inv, $"{b,4} NM: {sum,9:F0} ms cpu over {cat.Ids.Count} FIRs, slowest {worstId} {worst:F0} ms"));
        }
        Console.WriteLine(string.Create(inv, $"total {total:F0} ms cpu"));
        break;
    }
    case "dump":
    {
        using var w = new StreamWriter(args[1]);
        foreach (var b in Buffers(2, "5,10,25,50"))
            foreach (var id in cat.Ids)
            {
                var res = ObstacleBuilder.Build([cat[id]], b, 64, args.Length > 3 ? Enum.Parse<ObstacleBuilder.Offsetting>(args[3]) : ObstacleBuilder.Offsetting.Adaptive);
                w.WriteLine(string.Create(inv, $"# {id} {b}"));
                foreach (var ob in res.Obstacles)
                    foreach (var loop in ob.Loops)
                    {
                        w.WriteLine("loop");
                        foreach (var v in loop.Vertices) w.WriteLine(string.Create(inv, $"{v.X:R} {v.Y:R} {v.Z:R}"));
                    }
            }
        break;
    }
}
return 0;
