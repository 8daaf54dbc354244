using System.Text;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// What a user of <c>airspacesim whatif DAY.json --format csv</c> sees, start-up aside: the OpenFlights day of
/// <see cref="WhatIfBenchmarks"/> written as the scenario file that <c>benchmarks/process/whatif-day.cs</c> writes
/// (ends as LAT,LON, 14 MB; to a temporary file, as it is derived from OpenFlights), then read, run and written as
/// CSV through a 64 KiB UTF-8 <see cref="StreamWriter"/> (the CLI's stdout) into <see cref="Stream.Null"/>, on every
/// core as the CLI runs. The baseline is the run alone on the loaded scenario; the CSV alone writes the run's result.
/// The process's figure with start-up subtracted is in docs/performance.md ("The what-if as a process").
/// Run with <c>--filter '*WhatIfPipeline*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("WhatIf")]
[GcServer(true), GcConcurrent(false)] // as the CLI runs (AirspaceSim.Cli.csproj)
public class WhatIfPipelineBenchmarks
{
    private string _file = "";
    private Scenario _loaded = null!;
    private IReadOnlyList<SimulationResult> _result = [];

    private static ScenarioReadOptions ReadOptions => new() { CostModel = PerformanceCostModel.Default };

    private static SimulationOptions RunOptions => new() { CostModel = PerformanceCostModel.Default };

    /// <summary>Writes the day's scenario file, and loads and runs it once for the CSV benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var scenario = BenchData.OpenFlightsDay(endsAsPositions: true).Scenario;
        _file = Path.Combine(Path.GetTempPath(), $"airspacesim-whatif-day-{Environment.ProcessId}.json");
        File.WriteAllText(_file, ScenarioJson.Write(scenario));
        _loaded = ScenarioJson.Load(_file, ReadOptions);
        _result = WhatIfSimulator.RunSweep(_loaded, RunOptions);
    }

    /// <summary>Removes the scenario file.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    /// <summary>The run alone, on the scenario as read from the file (the library's share of the process).</summary>
    [Benchmark(Baseline = true)]
    public int Run() => WhatIfSimulator.RunSweep(_loaded, RunOptions)[0].Flights.Count;

    /// <summary>The CSV of the run's result through the CLI's stdout writer into <see cref="Stream.Null"/>.</summary>
    [Benchmark]
    public int CsvToStream()
    {
        using var o = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        SimulationReport.WriteCsv(o, _result);
        return _result[0].Flights.Count;
    }

    /// <summary>Reading the 14 MB scenario file.</summary>
    [Benchmark]
    public int Load() => ScenarioJson.Load(_file, ReadOptions).Flights.Count;

    /// <summary>The command's whole work: read the file, run, write the CSV through a real writer.</summary>
    [Benchmark]
    public int PipelineToStream()
    {
        var s = ScenarioJson.Load(_file, ReadOptions);
        var runs = WhatIfSimulator.RunSweep(s, RunOptions);
        using var o = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        SimulationReport.WriteCsv(o, runs);
        return runs.Sum(r => r.Errors);
    }
}
