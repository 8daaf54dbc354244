using System.Text.Json;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Tests.Simulation;
using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Realism;

/// <summary>The realism layer in scenario files (strict, round trip) and on the command line.</summary>
public class RealismInterfaceTests
{
    private const string Base = """
    {"name": "r", "closures": [{"id": "SVZM", "airspaces": ["SVZM"], "start": "2025-11-24T00:00Z"}],
     "flights": [{"id": "G1", "from": "GRU", "to": "MIA", "departure": "2025-11-24T10:00Z", "type": "B38M", "airline": "GLO", "state": "BR"}]
    """;

    private static Scenario Read(string realism) => ScenarioJson.Parse(Base + ", \"realism\": " + realism + "}", "r.json");

    [Test]
    public void ScenarioRealismRoundTrips()
    {
        var s = Read("""{"borderMarginNm": 20, "closureMarginsNm": {"SVZM": 30}, "routeEfficiencyFactor": 1.05, "wind": "caribbean-north-atlantic-july", "windOptimal": false}""");
        var r = s.Realism!;
        Assert.That(r.BorderMarginNm, Is.EqualTo(20));
        Assert.That(r.MarginNmFor("svzm"), Is.EqualTo(30));
        Assert.That(r.RouteEfficiencyFactor, Is.EqualTo(1.05));
        Assert.That(r.Wind!.Description, Does.Contain("climatology"));
        Assert.That(r.WindOptimal, Is.False);
        var text = ScenarioJson.Write(s);
        var back = ScenarioJson.Parse(text, "w.json");
        Assert.That(back, Is.EqualTo(s));
        Assert.That(ScenarioJson.Write(back), Is.EqualTo(text));
        // An empty object is the layer at its defaults; no object is the layer off.
        Assert.That(Read("{}").Realism, Is.EqualTo(RealismOptions.Default));
        Assert.That(ScenarioJson.Parse(Base + "}", "r.json").Realism, Is.Null);
        var uniform = Read("""{"wind": "270/80"}""");
        Assert.That(ScenarioJson.Parse(ScenarioJson.Write(uniform), "u.json"), Is.EqualTo(uniform));
    }

    [TestCase("""{"margin": 5}""", "$.realism", "margin")]
    [TestCase("""{"routeEfficiencyFactor": 0.97}""", "$.realism.routeEfficiencyFactor", "")]
    [TestCase("""{"borderMarginNm": -1}""", "$.realism.borderMarginNm", "")]
    [TestCase("""{"wind": "no-such-field"}""", "$.realism.wind", "neither DIR/SPEED")]
    [TestCase("""{"windOptimal": "yes"}""", "$.realism.windOptimal", "true or false")]
    [TestCase("""{"closureMarginsNm": [5]}""", "$.realism.closureMarginsNm", "object")]
    [TestCase("""{"closureMarginsNm": {"TNCF": 5}}""", "$.realism.closureMarginsNm.TNCF", "not a closure of the scenario (SVZM)")]
    public void ScenarioRealismIsStrict(string realism, string path, string text)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => Read(realism))!;
        Assert.That(e.JsonPath, Does.StartWith(path));
        Assert.That(e.Message, Does.Contain(text));
    }

    [Test]
    public void RouteRealisticJsonReportsTheLayerBesideTheGeometricFigures()
    {
        var r = Run("route", "GRU", "MIA", "--type", "B38M", "--wind", "caribbean-north-atlantic-january", "--realistic", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var j = r.Json();
        var real = j.GetProperty("realistic");
        double geoKm = j.GetProperty("extraKm").GetDouble(), realKm = real.GetProperty("extraKm").GetDouble();
        Assert.That(realKm, Is.GreaterThan(geoKm * 1.03), "the margin lengthens the detour, the factor scales it");
        Assert.That(real.GetProperty("borderMarginNm").GetDouble(), Is.EqualTo(RealismOptions.Default.BorderMarginNm));
        Assert.That(real.GetProperty("routeEfficiencyFactor").GetDouble(), Is.EqualTo(RealismOptions.Default.RouteEfficiencyFactor));
        Assert.That(real.GetProperty("chosenBy").GetString(), Is.EqualTo("time"));
        Assert.That(real.GetProperty("extraMinutes").GetDouble(), Is.GreaterThan(j.GetProperty("performance").GetProperty("extraMinutes").GetDouble()));
        Assert.That(real.GetProperty("extraFuelKg").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(real.GetProperty("minutesSavedByTime").GetDouble(), Is.GreaterThanOrEqualTo(0));
        // Without a type there is no time or fuel, only distance; without --realistic no object.
        var plain = Run("route", "GRU", "MIA", "--realistic", "--format", "json").Json().GetProperty("realistic");
        Assert.That(plain.GetProperty("extraMinutes").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(plain.GetProperty("chosenBy").GetString(), Is.EqualTo("distance"));
        Assert.That(Run("route", "GRU", "MIA", "--format", "json").Json().TryGetProperty("realistic", out _), Is.False);
    }

    [Test]
    public void RouteWindGridErrorsAreOneLine()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"wind-{Guid.NewGuid():N}.csv");
        File.WriteAllText(bad, "lat,lon,fl,u_kt,v_kt\n10,-60,300,0,0\n10,-50,abc,0,0\n");
        try
        {
            var r = Run("route", "GRU", "MIA", "--type", "B38M", "--wind", bad);
            Assert.That(r.Exit, Is.Not.EqualTo(0));
            Assert.That(r.Err, Does.Contain("line 3, column 3 (fl): 'abc' is not a number"));
            var n = Run("route", "GRU", "MIA", "--type", "B38M", "--wind", "jetstream");
            Assert.That(n.Err, Does.Contain("neither DIR/SPEED"));
        }
        finally { File.Delete(bad); }
    }

    [Test]
    public void WhatIfRealisticRaisesTheTotals()
    {
        var plain = Run("whatif", "--format", "json").Json();
        var real = Run("whatif", "--realistic", "--format", "json").Json();
        static double Extra(JsonElement j) => j.GetProperty("totals").GetProperty("extraKm").GetDouble();
        Assert.That(Extra(real), Is.GreaterThan(Extra(plain)));
    }
}
