#:project ../src/AirspaceSim/AirspaceSim.csproj
// Close Venezuela's FIR with a 25 NM buffer and list the bundled Caribbean routes it affects.
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Routing;

var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]], bufferNm: 25);
var rows = RouteBatch.Plan(BundledData.CaribbeanRoutes, AirportDirectory.Bundled, planner).ToList();

Console.WriteLine($"{"route",-9} {"status",-11} {"direct km",10} {"flown km",10} {"extra km",9}");
foreach (var r in rows.Where(r => r.Plan is { Status: not RouteStatus.Direct }))
    Console.WriteLine($"{r.From.Code + "-" + r.To.Code,-9} {r.Plan!.Status,-11} {r.Plan.DirectKm,10:F1} {r.Plan.RouteKm,10:F1} {r.Plan.ExtraKm,9:F1}");

var s = BatchSummary.Of(rows.Select(r => r.Plan));
Console.WriteLine($"{s.Affected} of {s.Routes} routes affected, {s.TotalExtraKm:F1} extra km");
