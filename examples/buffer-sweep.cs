#:project ../src/AirspaceSim/AirspaceSim.csproj
#:project ../src/AirspaceSim.Reports/AirspaceSim.Reports.csproj
// SVZM closed with lateral buffers from 0 to 100 NM: how the margin kept from a closure changes the cost; the table,
// and the chart saved as buffer-sweep.png (extra cost and minutes per buffer).
using AirspaceSim.Reports;
using AirspaceSim.Simulation;

double[] buffersNm = [0, 10, 25, 50, 100];
var sweep = Sweeps.Run(BundledScenarios.Load("buffer-sweep"), new SimulationOptions { CostModel = PerformanceCostModel.Default },
    SweepParameter.BufferNm, buffersNm);

Console.WriteLine($"{"buffer NM",9} {"flights",7} {"rerouted",8} {"cancelled",9} {"extra km",9} {"extra min",9} {"extra USD",10}");
foreach (var (bufferNm, run) in sweep.Points)
{
    var t = run.Totals;
    Console.WriteLine($"{bufferNm,9} {t.Flights,7} {t.ByOutcome[FlightOutcome.Rerouted],8} {t.ByOutcome[FlightOutcome.Cancelled],9} " +
                      $"{t.ExtraKm,9:F1} {t.ExtraMinutes,9:F1} {t.ExtraCostUsd,10:F2}");
}
File.WriteAllBytes("buffer-sweep.png", Charts.Sweep(sweep, ImageFormat.Png, new ImageOptions { WidthPx = 900, HeightPx = 500 }));
Console.WriteLine("chart: buffer-sweep.png");
