using System.Globalization;
using System.Text;
using AirspaceSim.Cli;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using BenchmarkDotNet.Attributes;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// Geodesic throughput on a million random global point pairs (fixed seed, uniform on the sphere), reported per call.
/// Peer: <c>benchmarks/peers/geographiclib/run.sh</c> times GeographicLib's C++ Inverse on the same kind of input.
/// Run with <c>--filter '*Geodesic*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Geodesic")]
public class GeodesicBenchmarks
{
    /// <summary>Pairs per benchmark invocation; every reported time is divided by it.</summary>
    public const int PairCount = 1_000_000;

    private double[] _lat1 = [], _lon1 = [], _lat2 = [], _lon2 = [], _azi1 = [], _s12 = [];
    private GeoPoint[] _p1 = [], _p2 = [];

    /// <summary>Builds the pairs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(20240602);
        _lat1 = new double[PairCount]; _lon1 = new double[PairCount];
        _lat2 = new double[PairCount]; _lon2 = new double[PairCount];
        _azi1 = new double[PairCount]; _s12 = new double[PairCount];
        _p1 = new GeoPoint[PairCount]; _p2 = new GeoPoint[PairCount];
        for (int i = 0; i < PairCount; i++)
        {
            _lat1[i] = Math.Asin(2 * rng.NextDouble() - 1) * (180 / Math.PI);
            _lon1[i] = 360 * rng.NextDouble() - 180;
            _lat2[i] = Math.Asin(2 * rng.NextDouble() - 1) * (180 / Math.PI);
            _lon2[i] = 360 * rng.NextDouble() - 180;
            _azi1[i] = 360 * rng.NextDouble() - 180;
            _s12[i] = 20_000_000 * rng.NextDouble();
            _p1[i] = new GeoPoint(_lat1[i], _lon1[i]);
            _p2[i] = new GeoPoint(_lat2[i], _lon2[i]);
        }
    }

    /// <summary>Full inverse problem (distance and both azimuths).</summary>
    [Benchmark(OperationsPerInvoke = PairCount)]
    public double Inverse()
    {
        double sum = 0;
        for (int i = 0; i < PairCount; i++)
        {
            var r = Wgs84.Inverse(_lat1[i], _lon1[i], _lat2[i], _lon2[i]);
            sum += r.DistanceM + r.Azi1Deg + r.Azi2Deg;
        }
        return sum;
    }

    /// <summary>Distance only (the route-length hot path).</summary>
    [Benchmark(OperationsPerInvoke = PairCount)]
    public double DistanceM()
    {
        double sum = 0;
        for (int i = 0; i < PairCount; i++) sum += Wgs84.DistanceM(_p1[i], _p2[i]);
        return sum;
    }

    /// <summary>Legs per invocation of <see cref="DistanceMAirlineLegs"/>.</summary>
    public const int LegCount = 52_000;

    private GeoPoint[] _leg1 = [], _leg2 = [];

    /// <summary>The 52 SVZM airport pairs (../shared/reference/routes/svzm-cases.csv), drawn in random order.</summary>
    [GlobalSetup(Target = nameof(DistanceMAirlineLegs))]
    public void SetupLegs()
    {
        var cases = BenchData.Cases;
        var rng = new Random(20240602);
        _leg1 = new GeoPoint[LegCount]; _leg2 = new GeoPoint[LegCount];
        for (int i = 0; i < LegCount; i++)
        {
            var c = cases[rng.Next(cases.Count)];
            _leg1[i] = c.A; _leg2[i] = c.B;
        }
    }

    /// <summary>Distance only, on the product's typical airline legs (500 to 8,000 km) rather than global pairs.</summary>
    [Benchmark(OperationsPerInvoke = LegCount)]
    public double DistanceMAirlineLegs()
    {
        double sum = 0;
        for (int i = 0; i < LegCount; i++) sum += Wgs84.DistanceM(_leg1[i], _leg2[i]);
        return sum;
    }

    /// <summary>Direct problem (random azimuth, distance up to 20,000 km).</summary>
    [Benchmark(OperationsPerInvoke = PairCount)]
    public double Direct()
    {
        double sum = 0;
        for (int i = 0; i < PairCount; i++)
        {
            var r = Wgs84.Direct(_lat1[i], _lon1[i], _azi1[i], _s12[i]);
            sum += r.Lat2Deg + r.Lon2Deg + r.Azi2Deg;
        }
        return sum;
    }

    /// <summary>Lines per invocation of <see cref="CliInverseLines"/>.</summary>
    public const int CliLineCount = 100_000;

    private string _cliInput = "";

    /// <summary>The first <see cref="CliLineCount"/> pairs as <c>geodesic -i</c> input text (9 decimals).</summary>
    [GlobalSetup(Target = nameof(CliInverseLines))]
    public void SetupCli()
    {
        Setup();
        var sb = new StringBuilder();
        for (int i = 0; i < CliLineCount; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{_lat1[i]:F9} {_lon1[i]:F9} {_lat2[i]:F9} {_lon2[i]:F9}\n");
        _cliInput = sb.ToString();
    }

    /// <summary>
    /// What a user of <c>airspacesim geodesic -i</c> sees per line, start-up aside: parsing, the inverse, formatting and
    /// a real <see cref="StreamWriter"/> (UTF-8 encoding into <see cref="Stream.Null"/>).
    /// </summary>
    [Benchmark(OperationsPerInvoke = CliLineCount)]
    public int CliInverseLines()
    {
        using var output = new StreamWriter(Stream.Null, new UTF8Encoding(false), 64 * 1024);
        return GeodesicCommand.Run(new CliIO(new StringReader(_cliInput), output, TextWriter.Null), inverse: true, direct: false, precision: 3);
    }

    /// <summary>Great-circle distance on the mean sphere, for comparison.</summary>
    [Benchmark(OperationsPerInvoke = PairCount, Baseline = true)]
    public double SphereDistanceKm()
    {
        double sum = 0;
        for (int i = 0; i < PairCount; i++) sum += Sphere.DistanceKm(_p1[i], _p2[i]);
        return sum;
    }
}
