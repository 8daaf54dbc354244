using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>The builder keeps the reader's identifier rule (no control character in an id): it let "A\nB" through, so
/// ScenarioJson.Write wrote a scenario that ScenarioJson.Parse refuses, and the id broke the table's row when run.</summary>
public class ScenarioBuilderIdTests
{
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private static Flight F(string id = "F1", string airline = "AAL", string type = "B772") => new()
    {
        Id = id, Origin = "MIA", Destination = "GRU", DepartureUtc = T0.AddHours(1), AircraftType = type, Airline = airline, OperatorState = "US",
    };

    [TestCase("F\n1", "AAL", "B772", "flight id", "U+000A at character 2")]
    [TestCase("F1", "AA\tL", "B772", "airline", "U+0009 at character 3")]
    [TestCase("F1", "AAL", "B77\u00852", "type", "U+0085 at character 4")]
    public void AFlightWithAControlCharacterIsRefused(string id, string airline, string type, string what, string where)
    {
        var e = Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s").Add(F(id, airline, type)));
        Assert.That(e!.Message, Does.StartWith(what).And.Contain(where));
    }

    [Test]
    public void AClosureARouteAndANameWithAControlCharacterAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s").CloseAirports("SHUT\n", ["CUR"], T0));
        Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s").CloseAirports("SHUT", ["CU\u2028R"], T0));
        Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s\u0007"));
        Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s").Cite("src\r", "title"));
        Assert.Throws<ArgumentException>(() => new ScenarioBuilder("s").Add(new ScheduledRoute
        {
            FlightNumber = "KL\u001b733", Origin = "AMS", Destination = "CUR", DepartureTimeUtc = new TimeOnly(10, 0), AircraftType = "B789",
            Airline = "KLM", OperatorState = "NL", WeeklyFrequency = 7,
        }));
    }

    [Test]
    public void TheReaderRefusesWhatTheBuilderRefusesAndReadsBackWhatItBuilds()
    {
        // The twin: the same flight id in a file is refused by the reader.
        const string file = """{"name": "s", "flights": [{"id": "F\u000A1", "from": "MIA", "to": "GRU", "departure": "2025-11-24T01:00Z", "type": "B772", "airline": "AAL", "state": "US"}]}""";
        Assert.That(() => ScenarioJson.Parse(file, "s.json"), Throws.InstanceOf<Exception>().With.Message.Contain("U+000A"));
        // A clean scenario round-trips.
        var s = new ScenarioBuilder("s").Close("TTZP", T0).Add(F()).Build();
        Assert.That(ScenarioJson.Parse(ScenarioJson.Write(s), "s.json"), Is.EqualTo(s));
    }
}
