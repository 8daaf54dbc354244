using System.Globalization;
using System.Text;
using AirspaceSim.Batch;
using AirspaceSim.Cli;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Target 3: the <c>batch</c> command's pipeline (CSV parsing, code resolution, planning, CSV output) on the 52 cases
/// repeated to 10,400 routes, start-up excluded; reported per route. The floor computes every route's WGS84 length.
/// Run with <c>--filter '*Batch*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Batch")]
[GcServer(true), GcConcurrent(false)] // as the CLI runs (AirspaceSim.Cli.csproj)
public class BatchBenchmarks
{
    /// <summary>Rows per invocation: the 52 cases, 200 times.</summary>
    public const int Rows = 52 * 200;

    private string _csv = "";
    private PlanningContext _ctx = null!;
    private (GeoPoint, GeoPoint)[] _pairs = [];

    /// <summary>Degree of parallelism of the planning step (the command uses all cores).</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the route list text and the planner.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("from,to\n");
        var pairs = new List<(GeoPoint, GeoPoint)>();
        for (int r = 0; r < 200; r++)
            foreach (var c in BenchData.Cases)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\"{c.A.LatDeg},{c.A.LonDeg}\",\"{c.B.LatDeg},{c.B.LonDeg}\"\n");
                pairs.Add((c.A, c.B));
            }
        _csv = sb.ToString();
        _pairs = pairs.ToArray();
        var closures = BenchData.Closures("SVZM");
        _ctx = new PlanningContext(AirspaceSim.Airspaces.AirspaceCatalog.Bundled, AirportDirectory.Bundled, closures, DetourPlanner.Build(closures));
    }

    /// <summary>The floor: the WGS84 length of every route, single thread.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public double LengthsFloor()
    {
        double m = 0;
        foreach (var (a, b) in _pairs) m += Wgs84.DistanceM(a, b);
        return m;
    }

    /// <summary>Parse, resolve, plan, format: what <c>airspacesim batch ROUTES.csv</c> does after start-up, the text
    /// counted rather than encoded.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int BatchPipeline()
    {
        var sink = new CountingWriter();
        BatchCsvWriter.Write(sink, Plan(new StringReader(_csv)));
        return sink.Count;
    }

    /// <summary>The same, streamed as the command streams it and written through a 64 KiB UTF-8
    /// <see cref="StreamWriter"/> (the CLI's stdout) to <see cref="Stream.Null"/>: what a user of the command sees,
    /// less start-up and the operating system's write calls.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long BatchPipelineToStream()
    {
        using var o = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024);
        return BatchCsvWriter.Write(o, Plan(new StringReader(_csv))).Routes;
    }

    private IEnumerable<BatchRow> Plan(TextReader csv) =>
        RouteBatch.Plan(new RouteListReader(csv, "bench").ReadRows(), _ctx.Airports, _ctx.Planner,
            new BatchOptions { MaxDegreeOfParallelism = Threads });

    private sealed class CountingWriter : TextWriter
    {
        public int Count { get; private set; }
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => Count++;
        public override void Write(string? value) => Count += value?.Length ?? 0;
    }
}
