using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// The benchmark inputs: the bundled closures, and the third-party reference data in <c>../shared/reference</c>
/// beside the checkout (the 52 SVZM cases, VATSpy boundaries, OpenFlights). Loaded once per process.
/// </summary>
internal static class BenchData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Reference(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", relative));
        if (!File.Exists(path))
            throw new FileNotFoundException($"benchmark input '{relative}' is absent: expected {path} (../shared/reference beside the checkout)");
        return path;
    }

    /// <summary>
    /// The what-if benchmarks' day: every OpenFlights route whose ends are known and distinct as one flight on
    /// 2025-11-24 (departures spread over the day by line number; a narrowbody up to 5,000 km, a long-range widebody
    /// beyond), with SVZM and TNCF closed all day. Ends as airport codes resolved through <paramref name="Airports"/>, or
    /// as LAT,LON text (<paramref name="endsAsPositions"/>, as benchmarks/process/whatif-day.cs writes the file).
    /// </summary>
    public static (Scenario Scenario, AirportDirectory Airports, (GeoPoint From, GeoPoint To)[] Pairs, Airspace[] Closures) OpenFlightsDay(bool endsAsPositions)
    {
        var airports = AirportDirectory.FromOpenFlights(Reference("openflights/airports.dat"));
        var day = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
        var flights = new List<Flight>();
        var pairs = new List<(GeoPoint, GeoPoint)>();
        foreach (var r in OpenFlightsRoutes.Read(Reference("openflights/routes.dat")))
        {
            if (!airports.TryGet(r.From, out var a) || !airports.TryGet(r.To, out var b) || a.Location == b.Location) continue;
            double km = Wgs84.DistanceM(a.Location, b.Location) / 1000;
            flights.Add(new Flight
            {
                Id = $"R{r.LineNumber}",
                Origin = endsAsPositions ? a.Location.ToString() : r.From, Destination = endsAsPositions ? b.Location.ToString() : r.To,
                DepartureUtc = day.AddMinutes(r.LineNumber % 1440),
                AircraftType = km <= 5000 ? "B38M" : "A359", Airline = r.Airline, OperatorState = "XX",
            });
            pairs.Add((a.Location, b.Location));
        }
        var closures = new[] { AirspaceCatalog.Bundled["SVZM"], AirspaceCatalog.Bundled["TNCF"] };
        var scenario = new Scenario
        {
            Name = "openflights-day",
            Closures = closures.Select(c => new Closure { Id = c.Id, AirspaceIds = [c.Id], Airspaces = [c], StartUtc = day.AddDays(-1), EndUtc = day.AddDays(3) }).ToArray(),
            Flights = flights,
        };
        return (scenario, airports, pairs.ToArray(), closures);
    }

    /// <summary>The 52 airport pairs of the peer comparison, with their coordinates.</summary>
    public static IReadOnlyList<(string Id, string From, string To, GeoPoint A, GeoPoint B)> Cases => CasesLazy.Value;

    private static readonly Lazy<IReadOnlyList<(string, string, string, GeoPoint, GeoPoint)>> CasesLazy = new(() =>
        File.ReadLines(Reference("routes/svzm-cases.csv")).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return (f[0], f[1], f[2], new GeoPoint(D(5), D(6)), new GeoPoint(D(7), D(8)));
        }).ToList());

    /// <summary>VATSpy boundaries with the bundled SVZM and TNCF on top (the bundled ones are the published figures).</summary>
    public static AirspaceCatalog Catalog => CatalogLazy.Value;

    private static readonly Lazy<AirspaceCatalog> CatalogLazy = new(() =>
        AirspaceLoader.LoadGeoJson(Reference("vatspy/Boundaries.geojson")).Catalog.With(AirspaceCatalog.Bundled));

    /// <summary>The closure sets of the issue, by name.</summary>
    public static IReadOnlyList<Airspace> Closures(string set) => set switch
    {
        "SVZM" => [AirspaceCatalog.Bundled["SVZM"]],
        "SVZM+TNCF+TTZP" => [Catalog["SVZM"], Catalog["TNCF"], Catalog["TTZP"]],
        _ when set.StartsWith("RU", StringComparison.Ordinal) => RussianFirs(set.Length > 2 ? int.Parse(set[3..], CultureInfo.InvariantCulture) : 12),
        _ => throw new ArgumentException($"unknown closure set {set}"),
    };

    /// <summary>The first <paramref name="count"/> top-level Russian FIRs (all 12 span the antimeridian).</summary>
    public static IReadOnlyList<Airspace> RussianFirs(int count) =>
        "UUWV ULLL UWWW URRV UNNT UNKL UIII USSV USTV UEEE UHHH UHMM".Split(' ').Take(count).Select(id => Catalog[id]).ToList();

    /// <summary>The OpenFlights network: every route whose two airports are known, as coordinate pairs.</summary>
    public static IReadOnlyList<(GeoPoint From, GeoPoint To)> OpenFlightsPairs => PairsLazy.Value;

    private static readonly Lazy<IReadOnlyList<(GeoPoint, GeoPoint)>> PairsLazy = new(() =>
    {
        var airports = AirportDirectory.FromOpenFlights(Reference("openflights/airports.dat"));
        var list = new List<(GeoPoint, GeoPoint)>();
        foreach (var r in OpenFlightsRoutes.Read(Reference("openflights/routes.dat")))
            if (airports.TryGet(r.From, out var a) && airports.TryGet(r.To, out var b) && a.Location != b.Location)
                list.Add((a.Location, b.Location));
        return list;
    });

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "AirspaceSim.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find AirspaceSim.sln above " + AppContext.BaseDirectory);
    }
}
