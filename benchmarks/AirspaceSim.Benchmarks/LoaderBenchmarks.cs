using AirspaceSim.Airspaces;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Loading the 1,102-feature VATSpy boundaries (2 MB) from bytes already in memory: everything validated and built
/// (<see cref="AirspaceFile.LoadAll"/>, the baseline), indexed only (<see cref="AirspaceLoader.OpenGeoJson(ReadOnlyMemory{byte}, AirspaceLoadOptions?)"/>),
/// and indexed plus the one FIR a command closes (what <c>route --airspaces Boundaries.geojson --closed TTZP</c> does).
/// Warm figures; the cold cost as a process is in the README. Run with <c>--filter '*Loader*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Loader")]
public class LoaderBenchmarks
{
    private byte[] _bytes = [];

    /// <summary>Reads the file once.</summary>
    [GlobalSetup]
    public void Setup() => _bytes = File.ReadAllBytes(BenchData.Reference("vatspy/Boundaries.geojson"));

    /// <summary>Every feature validated and built.</summary>
    [Benchmark(Baseline = true)]
    public int LoadAll() => AirspaceLoader.OpenGeoJson(_bytes).LoadAll().Catalog.Count;

    /// <summary>Parse and index only.</summary>
    [Benchmark]
    public int IndexOnly() => AirspaceLoader.OpenGeoJson(_bytes).Ids.Count;

    /// <summary>Parse, index, and build the closed TTZP.</summary>
    [Benchmark]
    public int IndexAndBuildOne() => AirspaceLoader.OpenGeoJson(_bytes).TryGet("TTZP", out var a) ? a.Region.Polygons.Count : 0;
}
