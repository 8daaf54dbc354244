// Exercises, in a Native AOT binary, every part of the library that could depend on reflection: the bundled data
// (embedded resources, Brotli), the world FIRs through NetTopologySuite, a GeoJSON file, scenario JSON, the what-if
// simulator with the performance model, a Monte Carlo run (MathNet distributions), the JSON writers and NetCDF-4 wind
// grids (PureHDF's generic reads: float, double and packed short variables; string, float and double attributes). The
// checks are properties (a detour is longer than the direct route, costs are positive) or values worked out by hand
// from the files' .cdl sources, not the engine's own numbers. The first argument is the directory of the .nc files
// (tests/AirspaceSim.Tests/Realism/winds; run.sh passes it).
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Weather;

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

string winds = args.Length > 0 ? args[0] : "tests/AirspaceSim.Tests/Realism/winds";
const double ktPerMs = 3600 / 1852.0;
try
{
    // fl-grid.cdl: double fl, float lat/lon/u/v, string units "kt"/"knots"; node lat 20, lon -40, FL300: u 40 kt, v 10 kt.
    var fl = GriddedWindField.Load(Path.Combine(winds, "fl-grid.nc"));
    var w = fl.At(new AirspaceSim.Geodesy.GeoPoint(20, -40), 300);
    Check(fl.FlightLevels.SequenceEqual([300.0, 400.0]) && fl.LatitudesDeg.SequenceEqual([0.0, 20.0, 40.0]) &&
          Math.Abs(w.EastKt - 40) < 1e-9 && Math.Abs(w.NorthKt - 10) < 1e-9, $"fl-grid.nc: FL {string.Join(",", fl.FlightLevels)}, wind {w.EastKt}/{w.NorthKt} kt");
    // era5-style.cdl: double levels in hPa, short u/v with double scale_factor/add_offset; node lat 20,
    // lon -40 at 200 hPa: u = 6000 × 0.01 + 10 = 70 m/s, v = -300 × 0.01 = -3 m/s.
    var era = GriddedWindField.Load(Path.Combine(winds, "era5-style.nc"));
    var e = era.At(new AirspaceSim.Geodesy.GeoPoint(20, -40), era.FlightLevels[1]);
    Check(Math.Abs(e.EastKt - 70 * ktPerMs) < 1e-6 && Math.Abs(e.NorthKt + 3 * ktPerMs) < 1e-6, $"era5-style.nc: wind {e.EastKt}/{e.NorthKt} kt");
}
catch (Exception ex) { failures.Add($"NetCDF-4 wind grids: {ex.GetType().Name}: {ex.Message}"); }

foreach (var f in failures) Console.Error.WriteLine($"aot: check failed: {f}");
Console.WriteLine(failures.Count == 0 ? $"aot: PASS: AMS-CUR +{plan.ExtraKm:F1} km, svzm-2025-11 {run.Flights.Count} flights" : "aot: FAIL");
return failures.Count == 0 ? 0 : 1;
