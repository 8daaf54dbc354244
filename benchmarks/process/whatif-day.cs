#:project ../../src/AirspaceSim/AirspaceSim.csproj
// The OpenFlights network as one day of flights, written as a scenario file for timing `airspacesim whatif` as a
// process (docs/simulator.md, "As a process"): the day of WhatIfBenchmarks (one flight per route whose two airports
// are known and apart, departures spread over the day by line number, a narrowbody up to 5,000 km and a long-range
// widebody beyond) with SVZM+TNCF closed to everyone from the day before to three days after. The ends are written as
// LAT,LON because `whatif` has no --airports (the CLI checks codes against the bundled directory).
//
//   dotnet run benchmarks/process/whatif-day.cs -- OUT.json [REFERENCE-DIR]
//
// REFERENCE-DIR defaults to ../shared/reference beside the checkout. The output is derived from OpenFlights (ODbL):
// write it outside the repository (e.g. /tmp) and never commit it.
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

if (args.Length is < 1 or > 2) { Console.Error.WriteLine("usage: whatif-day.cs OUT.json [REFERENCE-DIR]"); return 2; }
string reference = args.Length > 1 ? args[1] : Path.Combine(RepoRoot(), "..", "shared", "reference");
var airports = AirportDirectory.FromOpenFlights(Path.Combine(reference, "openflights", "airports.dat"));
var day = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);
var flights = new List<Flight>();
foreach (var r in OpenFlightsRoutes.Read(Path.Combine(reference, "openflights", "routes.dat")))
{
    if (!airports.TryGet(r.From, out var a) || !airports.TryGet(r.To, out var b) || a.Location == b.Location) continue;
    double km = Wgs84.DistanceM(a.Location, b.Location) / 1000;
    flights.Add(new Flight
    {
        Id = $"R{r.LineNumber}", Origin = a.Location.ToString(), Destination = b.Location.ToString(), DepartureUtc = day.AddMinutes(r.LineNumber % 1440),
        AircraftType = km <= 5000 ? "B38M" : "A359", Airline = r.Airline, OperatorState = "XX",
    });
}
var closures = new[] { AirspaceCatalog.Bundled["SVZM"], AirspaceCatalog.Bundled["TNCF"] };
var scenario = new Scenario
{
    Name = "openflights-day",
    Closures = closures.Select(c => new Closure { Id = c.Id, AirspaceIds = [c.Id], Airspaces = [c], StartUtc = day.AddDays(-1), EndUtc = day.AddDays(3) }).ToArray(),
    Flights = flights,
};
File.WriteAllText(args[0], ScenarioJson.Write(scenario));
Console.Error.WriteLine($"{args[0]}: {flights.Count} flights, {new FileInfo(args[0]).Length} bytes");
return 0;

static string RepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "AirspaceSim.sln"))) return d.FullName;
    for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "AirspaceSim.sln"))) return d.FullName;
    throw new InvalidOperationException("run from inside the checkout, or give REFERENCE-DIR");
}
