#:project ../src/AirspaceSim/AirspaceSim.csproj
// Monte Carlo on the closure's end: when will SVZM reopen? The bundled week of services with only the end uncertain,
// uniform between 1 and 7 days after the start; 200 draws, seed 1 (the same bytes on any machine and thread count).
using AirspaceSim.Simulation;

var week = BundledScenarios.Load("svzm-2025-11-uncertain");
var scenario = week with
{
    Uncertainty = new ScenarioUncertainty { ClosureEnds = [new ClosureEndUncertainty("SVZM", Distribution.Uniform(24, 168))] },
};
var mc = MonteCarlo.Run(scenario, new SimulationOptions { CostModel = PerformanceCostModel.Default },
    new MonteCarloOptions { Draws = 200, Seed = 1 });

Console.WriteLine($"{"total",-14} {"mean",12} {"P5",12} {"P50",12} {"P95",12}");
foreach (var (name, s) in mc.Totals.Where(t => t.Name is "extraMinutes" or "extraFuelKg" or "extraCostUsd" or "rerouted"))
    Console.WriteLine($"{name,-14} {s.Mean,12:F1} {s.P5,12:F1} {s.P50,12:F1} {s.P95,12:F1}");

Console.WriteLine();
Console.WriteLine($"{"flight",-20} {"route",-8} {"rerouted in",11}");
for (int i = 0; i < mc.Flights.Count; i++)
{
    double p = mc.Probability(i, FlightOutcome.Rerouted);
    if (p is > 0 and < 1) Console.WriteLine($"{mc.Flights[i].Flight.Id,-20} {mc.Flights[i].Flight.From + "-" + mc.Flights[i].Flight.To,-8} {p,10:P0}");
}
