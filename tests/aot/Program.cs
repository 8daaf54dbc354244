// Exercises, in a Native AOT binary, every part of the library that could depend on reflection: the bundled data
// (embedded resources, Brotli), the world FIRs through NetTopologySuite, a GeoJSON file, scenario JSON, the what-if
// simulator with the performance model, a Monte Carlo run (MathNet distributions) and the JSON writers. The checks are
// properties (a detour is longer than the direct route, costs are positive), not the engine's own numbers.
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

var failures = new List<string>();
void Check(bool ok, string what) { if (!ok) failures.Add(what); }

var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);
RoutePlan plan = planner.Plan(AirportDirectory.Bundled["AMS"].Location, AirportDirectory.Bundled["CUR"].Location);
DetourCost cost = FlightCostModel.Default.EstimateDetour(AircraftCatalog.Bundled["A332"], plan, FlightConditions.Default);
Check(plan.Status == RouteStatus.Detour && plan.ExtraKm > 0 && cost.ExtraCostUsd > 0, $"AMS-CUR around SVZM: {plan.Status}, +{plan.ExtraKm} km, +{cost.ExtraCostUsd} USD");

var world = DetourPlanner.Build([AirspaceCatalog.World["UMMV"]]);
Check(world.Plan(AirportDirectory.Bundled["RIX"].Location, AirportDirectory.Bundled["KBP"].Location).Status == RouteStatus.Detour, "RIX-KBP around UMMV");

var file = AirspaceLoader.ParseGeoJson("""
    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"BOX"},
     "geometry":{"type":"Polygon","coordinates":[[[10,10],[12,10],[12,12],[10,12],[10,10]]]}}]}
    """);
Check(file.Catalog.Count == 1 && file.Catalog["BOX"].Kind == AirspaceKind.Fir, "a GeoJSON feature collection parses");

var week = BundledScenarios.Load("svzm-2025-11");
var run = new WhatIfSimulator(week, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();
Check(run.Flights.Count > 100 && run.Totals.ExtraCostUsd > 0, $"svzm-2025-11: {run.Flights.Count} flights, {run.Totals.ExtraCostUsd} USD");
Check(SimulationReport.Json([run]).Contains("\"flights\"", StringComparison.Ordinal), "the what-if's JSON");

var mc = MonteCarlo.Run(BundledScenarios.Load("svzm-2025-11-uncertain"), new SimulationOptions { CostModel = PerformanceCostModel.Default },
    new MonteCarloOptions { Draws = 8, Seed = 1 });
Check(mc.Totals.Count > 0 && MonteCarloReport.Json(mc).Length > 0, "a Monte Carlo run and its JSON");

foreach (var f in failures) Console.Error.WriteLine($"aot: check failed: {f}");
Console.WriteLine(failures.Count == 0 ? $"aot: PASS: AMS-CUR +{plan.ExtraKm:F1} km, svzm-2025-11 {run.Flights.Count} flights" : "aot: FAIL");
return failures.Count == 0 ? 0 : 1;
