using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// The bundled world data, from cold (every call reads the embedded resources afresh, as a new process does): the
/// work of <c>route AMS CUR</c> (the baseline: airports, SVZM, planner, plan; the world index is not needed) against the same with
/// <c>--closed TTZP</c> (target: ≤ 1.2×: a command pays only for the airspaces it uses: the generated index and the
/// one chunk that holds TTZP), and the parts on their own — the airport extract (two codes resolved through the code
/// index, cold and warm, against the whole list parsed, eagerly or from the index, as a technical-stop or diversion
/// search needs it), the FIR index, the whole-file pass that the index replaced, and loading the whole VATSpy file
/// eagerly as a <c>--airspaces</c> file costs.
/// Run with <c>--filter '*WorldData*'</c>; the Ratio column is issue 9's figure for the library work, and the median
/// and minimum ratios beside it are what the shared machine's bursts move least (the two route cases alone:
/// <c>--filter '*WorldData*RouteAmsCur*' --job short --iterationCount 20</c>).
/// </summary>
[MemoryDiagnoser]
[StatisticRatioColumns]
[BenchmarkCategory("World")]
[GcServer(true), GcConcurrent(false)] // as the CLI runs (AirspaceSim.Cli.csproj)
public class WorldDataBenchmarks
{
    private byte[] _vatspy = [];

    /// <summary>The decompressed VATSpy bytes for the eager comparison.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _vatspy = BundledData.ReadBytes(BundledData.WorldBoundariesResource);
        _ = AirportDirectory.Bundled["AMS"]; // the warm case's code index
    }

    // As the CLI: the bundled directory read on demand, so the two codes cost the code index and their two rows.
    private static RoutePlan Route(string closed)
    {
        var airports = AirportDirectory.LoadBundledLazily();
        var catalog = AirspaceCatalog.LoadBundled(WorldFirs.Load);
        var planner = DetourPlanner.Build([catalog[closed]]);
        return planner.Plan(airports["AMS"].Location, airports["CUR"].Location);
    }

    /// <summary>What <c>route AMS CUR</c> does with the data: SVZM closed.</summary>
    [Benchmark(Baseline = true)]
    public RoutePlan RouteAmsCurSvzm() => Route("SVZM");

    /// <summary>The same with <c>--closed TTZP</c>: one VATSpy feature built from the index.</summary>
    [Benchmark]
    public RoutePlan RouteAmsCurTtzp() => Route("TTZP");

    /// <summary>The airport extract: read, parse, index by code.</summary>
    [Benchmark]
    public AirportDirectory ParseAirports() => AirportDirectory.LoadBundled();

    /// <summary>What a command that needs every airport pays now (the technical-stop and diversion searches): the
    /// code index, then every row parsed from it.</summary>
    [Benchmark]
    public int AllAirportsFromTheIndex() => AirportDirectory.LoadBundledLazily().Airports.Count;

    /// <summary>Two codes from cold, as <c>route AMS CUR</c> resolves them: read the bytes, build the code index,
    /// parse two rows.</summary>
    [Benchmark]
    public GeoPoint ResolveTwoCodesCold()
    {
        var airports = AirportDirectory.LoadBundledLazily();
        return Mid(airports.Resolve("AMS").Point, airports.Resolve("CUR").Point);
    }

    /// <summary>The same two codes from the process's bundled directory once its index is built (a batch's later rows).</summary>
    [Benchmark]
    public GeoPoint ResolveTwoCodesWarm() => Mid(AirportDirectory.Bundled.Resolve("AMS").Point, AirportDirectory.Bundled.Resolve("CUR").Point);

    private static GeoPoint Mid(GeoPoint a, GeoPoint b) => new((a.LatDeg + b.LatDeg) / 2, (a.LonDeg + b.LonDeg) / 2);

    /// <summary>The FIR index: read the generated index of the 1,089 kept features, no chunk decompressed, no geometry built.</summary>
    [Benchmark]
    public AirspaceCatalog IndexWorldFirs() => WorldFirs.Load();

    /// <summary>What the index replaced: decompress the whole 2 MB file and index its 1,102 features with one
    /// <see cref="System.Text.Json.Utf8JsonReader"/> pass skipping the geometries.</summary>
    [Benchmark]
    public int IndexWholeFile() => WorldFirs.Index(BundledData.ReadBytes(BundledData.WorldBoundariesResource)).Count;

    /// <summary>For scale: every VATSpy feature built eagerly (what loading the file with --airspaces costs).</summary>
    [Benchmark]
    public AirspaceCatalog LoadWholeVatSpy() => AirspaceLoader.LoadGeoJson(new MemoryStream(_vatspy)).Catalog;
}
