using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>Distributions in scenario JSON and the builder: parsed, validated with located errors, round-tripped.</summary>
public class UncertaintyJsonTests
{
    private static string With(string uncertainty, string closureExtra = "") => $$"""
    {
      "name": "u",
      "closures": [{"id": "SVZM", "airspaces": ["SVZM"], "start": "2025-11-21T17:43Z"{{closureExtra}}}],
      "flights": [{"id": "F", "from": "GRU", "to": "MIA", "departure": "2025-11-24T03:00Z", "type": "B763", "airline": "TAM", "state": "BR"}],
      "uncertainty": {{uncertainty}}
    }
    """;

    private const string Every = """
    {"closureEnds": [{"closure": "SVZM", "hoursAfterStart": {"uniform": {"min": 240, "max": 2160}}}],
     "fuelPriceUsdPerKg": {"triangular": {"min": 0.6, "mode": 0.75, "max": 0.95}},
     "windKt": {"normal": {"mean": 20, "sd": 10}},
     "windFromDeg": {"fixed": 270},
     "extraBufferNm": {"discrete": {"values": [0, 10, 25], "weights": [2, 1, 1]}},
     "cruiseSpeedFactor": {"lognormal": {"mu": 0, "sigma": 0.02}}}
    """;

    [Test]
    public void ReadsEveryFamily_AndRoundTrips()
    {
        var s = ScenarioJson.Parse(With(Every), "u.json");
        var u = s.Uncertainty;
        Assert.That(u.ClosureEnds.Single(), Is.EqualTo(new ClosureEndUncertainty("SVZM", Distribution.Uniform(240, 2160))));
        Assert.That(u.Inputs[UncertainInput.FuelPriceUsdPerKg], Is.EqualTo(Distribution.Triangular(0.6, 0.75, 0.95)));
        Assert.That(u.Inputs[UncertainInput.WindKt], Is.EqualTo(Distribution.Normal(20, 10)));
        Assert.That(u.Inputs[UncertainInput.WindFromDeg], Is.EqualTo(Distribution.Fixed(270)));
        Assert.That(u.Inputs[UncertainInput.ExtraBufferNm], Is.EqualTo(Distribution.Discrete([0, 10, 25], [2, 1, 1])));
        Assert.That(u.Inputs[UncertainInput.CruiseSpeedFactor], Is.EqualTo(Distribution.LogNormal(0, 0.02)));
        var again = ScenarioJson.Parse(ScenarioJson.Write(s), "again.json");
        Assert.That(again, Is.EqualTo(s));
        Assert.That(again.Uncertainty, Is.EqualTo(u));
        // The builder gives the same model.
        var built = new ScenarioBuilder("u").Close("SVZM", new DateTime(2025, 11, 21, 17, 43, 0, DateTimeKind.Utc))
            .Add(new Flight { Id = "F", Origin = "GRU", Destination = "MIA", DepartureUtc = new DateTime(2025, 11, 24, 3, 0, 0, DateTimeKind.Utc), AircraftType = "B763", Airline = "TAM", OperatorState = "BR" })
            .UncertainEnd("SVZM", Distribution.Uniform(240, 2160))
            .Uncertain(UncertainInput.CruiseSpeedFactor, Distribution.LogNormal(0, 0.02))
            .Uncertain(UncertainInput.FuelPriceUsdPerKg, Distribution.Triangular(0.6, 0.75, 0.95))
            .Uncertain(UncertainInput.WindKt, Distribution.Normal(20, 10)).Uncertain(UncertainInput.WindFromDeg, Distribution.Fixed(270))
            .Uncertain(UncertainInput.ExtraBufferNm, Distribution.Discrete([0, 10, 25], [2, 1, 1])).Build();
        Assert.That(built.Uncertainty, Is.EqualTo(u));
    }

    [Test]
    public void EndAsDatesIsHoursAfterTheStart()
    {
        var s = ScenarioJson.Parse(With("""{"closureEnds": [{"closure": "SVZM", "end": {"uniform": {"min": "2025-11-22T17:43Z", "max": "2026-02-19T17:43Z"}}}]}"""), "u.json");
        Assert.That(s.Uncertainty.ClosureEnds[0].HoursAfterStart, Is.EqualTo(Distribution.Uniform(24, 90 * 24)));
        var n = ScenarioJson.Parse(With("""{"closureEnds": [{"closure": "SVZM", "end": {"normal": {"mean": "2025-12-01T17:43Z", "sd": 48}}}]}"""), "u.json");
        Assert.That(n.Uncertainty.ClosureEnds[0].HoursAfterStart, Is.EqualTo(Distribution.Normal(240, 48)));
    }

    [TestCase("""{"windKt": {"normal": {"mean": 20, "sd": 0}}}""", "$.uncertainty.windKt.normal", "sd 0 must be > 0")]
    [TestCase("""{"fuelPriceUsdPerKg": {"uniform": {"min": 0.9, "max": 0.6}}}""", "$.uncertainty.fuelPriceUsdPerKg.uniform", "min 0.9 must be below max 0.6")]
    [TestCase("""{"fuelPriceUsdPerKg": {"triangular": {"min": 0.6, "mode": 1, "max": 0.9}}}""", "$.uncertainty.fuelPriceUsdPerKg.triangular", "mode 1 must be within")]
    [TestCase("""{"windKt": {"uniform": {"min": 0, "max": 500}}}""", "$.uncertainty.windKt", "outside the accepted range [0, 400]")]
    [TestCase("""{"cruiseSpeedFactor": {"fixed": 2}}""", "$.uncertainty.cruiseSpeedFactor", "outside the accepted range [0.5, 1.5]")]
    [TestCase("""{"windKt": {"gamma": {"k": 2}}}""", "$.uncertainty.windKt.gamma", "unknown distribution 'gamma'")]
    [TestCase("""{"windKt": {"normal": {"mean": 20, "sd": 5, "skew": 1}}}""", "$.uncertainty.windKt.normal.skew", "unknown field 'skew'")]
    [TestCase("""{"windKt": {"normal": {"mean": 20}}}""", "$.uncertainty.windKt.normal.sd", "the field 'sd' is required")]
    [TestCase("""{"windKt": 20}""", "$.uncertainty.windKt", "must be a distribution")]
    [TestCase("""{"extraBufferNm": {"discrete": {"values": [0, 10], "weights": [1]}}}""", "$.uncertainty.extraBufferNm.discrete", "1 weights for 2 values")]
    [TestCase("""{"extraBufferNm": {"discrete": {"values": [0, 10], "weights": [0, 0]}}}""", "$.uncertainty.extraBufferNm.discrete", "sum to 0")]
    [TestCase("""{"closureEnds": [{"closure": "TNCF", "hoursAfterStart": {"fixed": 5}}]}""", "$.uncertainty.closureEnds[0].closure", "no closure 'TNCF'")]
    [TestCase("""{"closureEnds": [{"closure": "SVZM", "hoursAfterStart": {"uniform": {"min": -10, "max": -1}}}]}""", "$.uncertainty.closureEnds[0].hoursAfterStart", "must be > 0")]
    [TestCase("""{"closureEnds": [{"closure": "SVZM"}]}""", "$.uncertainty.closureEnds[0]", "exactly one of hoursAfterStart")]
    [TestCase("""{"closureEnds": [{"closure": "SVZM", "end": {"lognormal": {"mu": 1, "sigma": 1}}}]}""", "$.uncertainty.closureEnds[0].end.lognormal", "lognormal is not accepted")]
    [TestCase("""{"closureEnds": [{"closure": "SVZM", "end": {"fixed": "tomorrow"}}]}""", "$.uncertainty.closureEnds[0].end.fixed", "is not a UTC instant")]
    [TestCase("""{"fuel": {"fixed": 1}}""", "$.uncertainty.fuel", "unknown field 'fuel' in uncertainty; accepted: closureEnds, fuelPriceUsdPerKg")]
    public void ErrorsNameThePathAndWhatIsWrong(string uncertainty, string path, string fragment)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(With(uncertainty), "bad.json"))!;
        Assert.That(e.JsonPath, Is.EqualTo(path), e.Message);
        Assert.That(e.Problem, Does.Contain(fragment));
        Assert.That(e.Message, Does.StartWith($"bad.json:{e.Line}:{e.Column}: {path}: "));
        Assert.That(e.Line, Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public void AFixedEndAndAnUncertainOneConflict()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(
            With("""{"closureEnds": [{"closure": "SVZM", "hoursAfterStart": {"fixed": 5}}]}""", ", \"end\": \"2025-12-01T00:00Z\""), "bad.json"))!;
        Assert.That(e.Problem, Does.Contain("has a fixed end"));
    }

    [Test]
    public void BuilderChecksToo()
    {
        Assert.That(() => Distribution.Normal(1, -1), Throws.ArgumentException.With.Message.Contains("sd -1 must be > 0"));
        Assert.That(() => new ScenarioBuilder("x").Close("SVZM", DateTime.UtcNow).UncertainEnd("TNCF", Distribution.Fixed(3)).Build(),
            Throws.ArgumentException.With.Message.Contains("no closure 'TNCF'"));
    }
}
