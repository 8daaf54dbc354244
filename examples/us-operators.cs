#:project ../src/AirspaceSim/AirspaceSim.csproj
// SVZM and TNCF closed to US operators from 06:00 to 12:00 UTC: a US and a Dutch carrier on the same day.
using AirspaceSim.Simulation;

var day = new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc);
var scenario = new ScenarioBuilder("us-operators")
    .Close("SVZM,TNCF", day.AddHours(6), c => c with { EndUtc = day.AddHours(12), AppliesTo = Applicability.States("US") })
    .Flight("AA1234", "MIA", "CUR", day.AddHours(7), "B38M", "AAL", "US")
    .Flight("AA887", "MIA", "POS", day.AddHours(8), "B38M", "AAL", "US")
    .Flight("AA1235", "MIA", "CUR", day.AddHours(13), "B38M", "AAL", "US")
    .Flight("KL735", "AMS", "CUR", day.AddHours(9), "B789", "KLM", "NL")
    .Flight("KL1751", "CUR", "POS", day.AddHours(8), "B738", "KLM", "NL")
    .Build();
var result = new WhatIfSimulator(scenario, new SimulationOptions { CostModel = PerformanceCostModel.Default }).Run();

Console.WriteLine($"{"flight",-8} {"route",-8} {"op",-4} {"outcome",-11} {"extra km",9} {"extra USD",10}  reason");
foreach (var f in result.Flights)
    Console.WriteLine($"{f.Flight.Id,-8} {f.From + "-" + f.To,-8} {f.Flight.Airline,-4} {f.Outcome,-11} {f.ExtraKm,9:F1} {f.ExtraCostUsd,10:F2}  {f.Reason}");
foreach (var (airline, t) in result.Group(GroupBy.Operator))
    Console.WriteLine($"{airline}: {t.Flights} flights, {t.ByOutcome[FlightOutcome.Cancelled]} cancelled, {t.ExtraCostUsd:F2} USD extra");
