#:project ../src/AirspaceSim/AirspaceSim.csproj
// Close any FIR of the bundled world boundaries by id and plan one route around it:
//   dotnet run close-fir.cs -- FIR FROM TO      (FROM and TO: IATA/ICAO codes or LAT,LON; default UMMV RIX KBP)
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Routing;

string fir = args.ElementAtOrDefault(0) ?? "UMMV", from = args.ElementAtOrDefault(1) ?? "RIX", to = args.ElementAtOrDefault(2) ?? "KBP";
try
{
    var planner = DetourPlanner.Build([AirspaceCatalog.World[fir]]);
    var (a, b) = (AirportDirectory.Bundled.Resolve(from), AirportDirectory.Bundled.Resolve(to));
    RoutePlan plan = planner.Plan(a.Point, b.Point);
    Console.WriteLine($"{a.Code}-{b.Code} with {fir} closed: {plan.Status}{(plan.Reason is { } why ? " " + why : "")}");
    Console.WriteLine($"{"waypoint",-24} {"leg km",8}");
    for (int i = 0; i < plan.Waypoints.Count; i++)
        Console.WriteLine($"{plan.Waypoints[i],-24} {(i == 0 ? "" : plan.LegKm[i - 1].ToString("F1")),8}");
    Console.WriteLine($"direct {plan.DirectKm:F1} km, flown {plan.RouteKm:F1} km, extra {plan.ExtraKm:F1} km");
}
catch (Exception e) when (e is KeyNotFoundException or FormatException)
{
    Console.Error.WriteLine($"close-fir: {e.Message}");
    return 1;
}
return 0;
