using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

public class ScenarioJsonTests
{
    internal const string Sample = """
    {
      "name": "sample",
      "description": "every feature once",
      "sources": [{"id": "s1", "title": "a notice", "url": "https://example.org/n"}],
      "assumptions": ["a stated assumption"],
      "period": {"first": "2025-11-24", "last": "2025-11-30"},
      "parameters": {"fuelPriceUsdPerKg": 0.71, "co2KgPerFuelKg": 3.16, "windFromDeg": 270, "windKt": 20, "techStopGroundMinutes": 45, "bufferSweepNm": [0, 10]},
      "closures": [
        {"id": "SVZM-US", "airspaces": ["SVZM"], "lower": "SFC", "upper": "FL260", "start": "2019-05-15T00:00Z",
         "appliesTo": {"states": ["US"]}, "bans": "both", "source": "s1"},
        {"id": "BOX", "polygons": [{"type": "Polygon", "coordinates": [[[-75, 20], [-74, 20], [-74, 21], [-75, 21], [-75, 20]]]}],
         "bufferNm": 10, "lower": 300, "upper": "UNL", "start": "2025-11-22T06:00Z", "end": "2025-11-23T05:00Z", "notice": "2025-11-21T18:00Z",
         "appliesTo": {"exceptStates": ["NL"]}, "bans": "overflight"},
        {"id": "CCS-AIRPORT", "airports": ["CCS"], "start": "2025-11-22T00:00Z", "appliesTo": {"airlines": ["AAL"]}, "bans": "airports"}
      ],
      "flights": [
        {"id": "KL1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL", "cruiseFl": 380, "source": "s1"},
        {"id": "P1", "from": "12.5,-70.02", "to": "MIA", "departure": "2025-11-24T12:30Z", "type": "B38M", "airline": "AAL", "state": "US"}
      ],
      "routes": [
        {"flightNumber": "G3", "from": "GRU", "to": "AUA", "departureTime": "10:35", "type": "B38M", "airline": "GLO", "state": "BR", "weeklyFrequency": 3},
        {"from": "PTY", "to": "CCS", "departureTime": "13:00", "type": "B38M", "airline": "CMP", "state": "PA", "days": ["Mon", "Fri"],
         "firstDate": "2025-11-24", "lastDate": "2025-11-28"}
      ]
    }
    """;

    [Test]
    public void ReadsEveryFeature()
    {
        var s = ScenarioJson.Parse(Sample, "sample.json");
        Assert.That(s.Closures, Has.Count.EqualTo(3));
        var us = s.Closures[0];
        Assert.That(us.Band, Is.EqualTo(new VerticalBand(0, 260)));
        Assert.That(us.AppliesTo, Is.EqualTo(Applicability.States("US")));
        Assert.That(us.Airspaces.Single().Id, Is.EqualTo("SVZM"));
        var box = s.Closures[1];
        Assert.That(box.Airspaces.Single().Id, Is.EqualTo("BOX#1"));
        Assert.That(box.Band.LowerFl, Is.EqualTo(300)); Assert.That(box.Band.UpperFl, Is.Null);
        Assert.That(box.EffectiveNoticeUtc, Is.EqualTo(new DateTime(2025, 11, 21, 18, 0, 0, DateTimeKind.Utc)));
        Assert.That(box.Bans, Is.EqualTo(ClosureBans.Overflight));
        Assert.That(s.Closures[2].EffectiveNoticeUtc, Is.EqualTo(s.Closures[2].StartUtc), "notice defaults to the start");
        Assert.That(s.Parameters.Cost.WindKt, Is.EqualTo(20));
        // 3/week over Mon 24 – Sun 30 Nov: Mon, Wed, Fri; Mon+Fri over 24–28 Nov: 2.
        var all = s.AllFlights();
        Assert.That(all.Select(f => f.Id), Is.EqualTo(new[] { "KL1", "P1", "G3-20251124", "G3-20251126", "G3-20251128", "CMP-PTY-CCS-20251124", "CMP-PTY-CCS-20251128" }));
        Assert.That(all[2].DepartureUtc, Is.EqualTo(new DateTime(2025, 11, 24, 10, 35, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void RoundTrip()
    {
        var s = ScenarioJson.Parse(Sample, "sample.json");
        var text = ScenarioJson.Write(s);
        var back = ScenarioJson.Parse(text, "written.json");
        Assert.That(back, Is.EqualTo(s));
        Assert.That(ScenarioJson.Write(back), Is.EqualTo(text), "writing is stable");
        Assert.That(back.Closures[1].Airspaces[0].Geometry.EqualsExact(s.Closures[1].Airspaces[0].Geometry), Is.True, "the inline polygon survives");
    }

    [Test]
    public void BuilderGivesTheSameModel()
    {
        var start = new DateTime(2019, 5, 15, 0, 0, 0, DateTimeKind.Utc);
        var built = new ScenarioBuilder("b")
            .Close("SVZM", start, c => c with { Id = "SVZM-US", Band = new VerticalBand(0, 260), AppliesTo = Applicability.States("US") })
            .Flight("AA1", "MIA", "GRU", new DateTime(2019, 6, 1, 2, 0, 0, DateTimeKind.Utc), "B772", "AAL", "US", 350)
            .Build();
        var read = ScenarioJson.Parse(ScenarioJson.Write(built));
        Assert.That(read, Is.EqualTo(built));
    }

    /// <summary>Found by fuzzing: invalid UTF-8 inside a string threw InvalidOperationException from GetString.</summary>
    [Test]
    public void InvalidUtf8IsAScenarioErrorWithItsPosition()
    {
        byte[] bytes = [.. System.Text.Encoding.UTF8.GetBytes("{\"name\": \"x\",\n \"description\": \"a "), 0xFF, 0xFE, .. "\"}"u8];
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(bytes, "bad.json"))!;
        Assert.That(e.Line, Is.EqualTo(2));
        Assert.That(e.Column, Is.EqualTo(20));
        Assert.That(e.JsonPath, Is.EqualTo("$"));
        Assert.That(e.Problem, Does.Contain("not valid UTF-8 at byte 33"));
        Assert.That(e.ProblemCode, Is.EqualTo(ScenarioProblem.InvalidJson));
    }

    private static ScenarioFormatException Bad(string json) =>
        Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(json, "bad.json", new ScenarioReadOptions { CostModel = new InterimCostModel() }))!;

    private const string F = """{"id": "F1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}""";

    [TestCase("""{"name": "x", "colour": 1}""", "1}", "$.colour", "unknown field 'colour'", ScenarioProblem.UnknownField)]
    [TestCase("{\"name\": \"x\",\n  \"closures\": [{\"id\": \"C\", \"airspaces\": [\"SVZM\"], \"start\": \"2025-11-22T00:00Z\", \"buffer\": 5}]}", "5}", "$.closures[0].buffer", "unknown field 'buffer'", ScenarioProblem.UnknownField)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "bufferNm": "ten"}]}""", "\"ten\"", "$.closures[0].bufferNm", "must be a number", ScenarioProblem.WrongType)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZX"], "start": "2025-11-22T00:00Z"}]}""", "\"SVZX\"", "$.closures[0].airspaces[0]", "unknown airspace id 'SVZX'", ScenarioProblem.UnknownAirspace)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "end": "2025-11-21T00:00Z"}]}""", "\"2025-11-21T00:00Z\"", "$.closures[0].end", "ends 2025-11-21T00:00Z at or before it starts", ScenarioProblem.Order)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "lower": "FL300", "upper": "FL260"}]}""", "\"FL260\"", "$.closures[0].upper", "not above its lower limit FL300", ScenarioProblem.Order)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airports": ["XXX"], "start": "2025-11-22T00:00Z"}]}""", "\"XXX\"", "$.closures[0].airports[0]", "unknown airport 'XXX'", ScenarioProblem.UnknownAirport)]
    [TestCase("""{"name": "x", "flights": [{"id": "F1", "from": "AMS", "to": "QQQ", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}]}""", "\"QQQ\"", "$.flights[0].to", "unknown airport 'QQQ'", ScenarioProblem.UnknownAirport)]
    [TestCase("""{"name": "x", "flights": [{"id": "F1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "ZZZZ", "airline": "KLM", "state": "NL"}]}""", "\"ZZZZ\"", "$.flights[0].type", "unknown aircraft type 'ZZZZ'", ScenarioProblem.UnknownAircraftType)]
    [TestCase("""{"name": "x", "flights": [{"id": "F1", "from": "AMS", "to": "CUR", "departure": "24/11/2025", "type": "A332", "airline": "KLM", "state": "NL"}]}""", "\"24/11/2025\"", "$.flights[0].departure", "not a UTC instant", ScenarioProblem.InvalidValue)]
    [TestCase("""{"name": "x", "flights": [{"id": "F1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL", "cruiseFl": "high"}]}""", "\"high\"", "$.flights[0].cruiseFl", "must be a number", ScenarioProblem.WrongType)]
    [TestCase("""{"name": "x", "flights": {}}""", "{}}", "$.flights", "must be an array", ScenarioProblem.WrongType)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "appliesTo": {"states": ["USA"]}}]}""", "\"USA\"", "$.closures[0].appliesTo.states[0]", "not an ISO 3166-1 alpha-2", ScenarioProblem.InvalidValue)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"]}]}""", "{\"id\": \"C\"", "$.closures[0].start", "'start' is required", ScenarioProblem.MissingField)]
    [TestCase("""{"name": "x", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "notice": "2025-11-23T00:00Z"}]}""", "\"2025-11-23T00:00Z\"", "$.closures[0].notice", "after the start", ScenarioProblem.Order)]
    [TestCase("""{"name": "x", "flights": [""" + F + """,]""", null, "$", "not valid JSON", ScenarioProblem.InvalidJson)]
    public void ScenarioFileErrorsNameFileLineColumnAndPath(string json, string? at, string path, string fragment, ScenarioProblem code)
    {
        var e = Bad(json);
        // The position expected is where the offending value starts in the text (the end of the text for a syntax error).
        int offset = at == null ? json.Length : json.IndexOf(at, StringComparison.Ordinal);
        Assert.That(offset, Is.GreaterThanOrEqualTo(0), "marker in the json");
        int line = json[..offset].Count(c => c == '\n') + 1, column = offset - (json.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1) + 1;
        Assert.That(e.Problem, Does.Contain(fragment), e.Message);
        Assert.That(e.ProblemCode, Is.EqualTo(code), e.Message);
        Assert.That(e.JsonPath, Is.EqualTo(path), e.Message);
        Assert.That((e.Line, e.Column), Is.EqualTo((line, column)), e.Message);
        Assert.That(e.Message, Does.StartWith($"bad.json:{line}:{column}: {path}: "));
    }
}
