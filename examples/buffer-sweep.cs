#:project ../src/AirspaceSim/AirspaceSim.csproj
// SVZM closed with lateral buffers from 0 to 100 NM: how the margin kept from a closure changes the cost.
// (A chart of this table, with ScottPlot, follows once the maps work lands; see README.md.)
using AirspaceSim.Simulation;

double[] buffersNm = [0, 10, 25, 50, 100];
var bundled = BundledScenarios.Load("buffer-sweep");
var scenario = bundled with { Parameters = bundled.Parameters with { BufferSweepNm = buffersNm } };
var runs = WhatIfSimulator.RunSweep(scenario, new SimulationOptions { CostModel = PerformanceCostModel.Default });

Console.WriteLine($"{"buffer NM",9} {"flights",7} {"rerouted",8} {"cancelled",9} {"extra km",9} {"extra min",9} {"extra USD",10}");
for (int i = 0; i < runs.Count; i++)
{
    var t = runs[i].Totals;
    Console.WriteLine($"{buffersNm[i],9} {t.Flights,7} {t.ByOutcome[FlightOutcome.Rerouted],8} {t.ByOutcome[FlightOutcome.Cancelled],9} " +
                      $"{t.ExtraKm,9:F1} {t.ExtraMinutes,9:F1} {t.ExtraCostUsd,10:F2}");
}
