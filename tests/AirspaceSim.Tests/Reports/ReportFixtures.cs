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

    /// <summary>Asserts that every text <see cref="WithMarkupInEveryText"/> marked up is written encoded, none raw.</summary>
    public static void AssertMarkupEncoded(string html)
    {
        Assert.That(html, Does.Not.Contain("<script>alert").And.Not.Contain("<i>x</i>").And.Not.Contain("a<b>"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("&lt;i&gt;x&lt;/i&gt;").And.Contain("A&amp;B")
            .And.Contain("1 &lt; 2").And.Contain("x&lt;y"));
    }

    /// <summary>Three flights of svzm-2025-11 (CUR and AUA departures: a small map is quick to draw) with markup in every
    /// kind of text a report writes: the scenario's name, description and assumptions, a flight's id, airline and
    /// reason. The first flight carries the flight texts.</summary>
    public static SimulationResult WithMarkupInEveryText()
    {
        var r = Svzm2025;
        r = r with { Flights = r.Flights.Where(f => f.Flight.Origin is "CUR" or "AUA").Take(3).ToList() };
        return r with
        {
            Scenario = r.Scenario with { Name = "a<b>&\"c\"", Description = "<script>alert(1)</script>", Assumptions = ["x<y"] },
            Flights = r.Flights.Select((f, i) => i == 0 ? f with { Flight = f.Flight with { Id = "<i>x</i>", Airline = "A&B" }, Reason = "1 < 2" } : f).ToList(),
        };
    }

    /// <summary>A temporary file path, deleted at the end of the test run by the OS's temp cleaning; unique per call.</summary>
    public static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"airspacesim-test-{Guid.NewGuid():N}.{extension}");
}
