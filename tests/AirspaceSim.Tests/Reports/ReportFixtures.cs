using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Reports;

/// <summary>The bundled svzm-2025-11 what-if, run once for every report test (with the shipped cost model, as the CLI).</summary>
internal static class ReportFixtures
{
    private static readonly Lazy<SimulationResult> Svzm = new(() =>
    {
        var options = new SimulationOptions { CostModel = PerformanceCostModel.Default };
        return new WhatIfSimulator(BundledScenarios.Load("svzm-2025-11", new ScenarioReadOptions { CostModel = options.CostModel }), options).Run();
    });

    /// <summary>The result of the bundled svzm-2025-11 scenario.</summary>
    public static SimulationResult Svzm2025 => Svzm.Value;

    /// <summary>A temporary file path, deleted at the end of the test run by the OS's temp cleaning; unique per call.</summary>
    public static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"airspacesim-test-{Guid.NewGuid():N}.{extension}");
}
