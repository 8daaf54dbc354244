using System.Text;
using AirspaceSim.Airspaces;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// The scenario reader reads a file in chunks (ScenarioJson.Load; issue 8, streaming) and counts lines and columns
/// itself. Every error must be where the text says it is, whatever the chunk size: the expected line and column are
/// found here from the text (the offending value's first character, columns in characters), not from the reader.
/// Chunk sizes from 4 bytes put a boundary inside every token, every multi-byte sequence and the BOM.
/// </summary>
public class ScenarioStreamTests
{
    private static readonly ScenarioReadOptions NoDirectory = new() { Airports = null };

    // Every chunk size from 4 to 80 bytes, some larger ones, and the whole text in one read.
    private static readonly int[] Chunks = [.. Enumerable.Range(4, 77), 127, 257, 1000, 4096, 1 << 20];

    /// <summary>A stream that gives at most <paramref name="most"/> bytes per read (as a pipe or a slow disk may).</summary>
    private sealed class TrickleStream(byte[] data, int most) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));
    }

    private static Scenario Read(byte[] utf8, int chunk, int most = int.MaxValue, ScenarioReadOptions? options = null) =>
        ScenarioJson.Read(new TrickleStream(utf8, most), "s.json", options ?? NoDirectory, chunk);

    private static ScenarioFormatException ErrorOf(Func<Scenario> read) => Assert.Throws<ScenarioFormatException>(() => read())!;

    // Line and column (characters, 1-based) of the first occurrence of `marker` in `text`, counted here.
    private static (int Line, int Column) Where(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), marker);
        int line = 1 + text[..at].Count(c => c == '\n');
        int lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        // Characters, not UTF-16 units: a character outside the BMP is one column (one UTF-8 sequence).
        int column = 1 + text[lineStart..at].EnumerateRunes().Count();
        return (line, column);
    }

    private const string Head = """
        {
          "name": "stream ✈ test — 日本語 𝄞",
          "description": "é𝄞✈ three sequence lengths before the closures",
          "closures": [
            {"id": "SV", "airspaces": ["SVZM"], "start": "2025-11-22T00:00Z", "end": "2025-11-30T00:00Z"}
          ],
          "flights": [

        """;

    private static string Flight(int i, string extra = "") =>
        $$"""    {"id": "F{{i}}", "from": "10.5,-66.9", "to": "52.3,4.76", "departure": "2025-11-24T{{i % 24:D2}}:00Z", "type": "B38M", "airline": "K𝄞M", "state": "NL"{{extra}}},""" + "\n";

    private static string Day(int flights, Func<int, string>? extra = null, string tail = "")
    {
        var sb = new StringBuilder(Head);
        for (int i = 0; i < flights; i++) sb.Append(Flight(i, extra?.Invoke(i) ?? ""));
        sb.Append("    {\"id\": \"LAST\", \"from\": \"1,1\", \"to\": \"2,2\", \"departure\": \"2025-11-25T00:00Z\", \"type\": \"A359\", \"airline\": \"KLM\", \"state\": \"NL\"}\n  ]");
        sb.Append(tail).Append("\n}\n");
        return sb.ToString();
    }

    [Test]
    public void ReadsTheSameScenarioAtEveryChunkSizeAndReadSize()
    {
        string text = Day(40);
        var bytes = Encoding.UTF8.GetBytes(text);
        var whole = ScenarioJson.Parse(bytes, "s.json", NoDirectory);
        Assert.That(whole.Flights, Has.Count.EqualTo(41));
        Assert.That(whole.Flights[3], Is.EqualTo(new Flight
        {
            Id = "F3", Origin = "10.5,-66.9", Destination = "52.3,4.76", DepartureUtc = new DateTime(2025, 11, 24, 3, 0, 0, DateTimeKind.Utc),
            AircraftType = "B38M", Airline = "K𝄞M", OperatorState = "NL",
        }));
        Assert.That(whole.Name, Is.EqualTo("stream ✈ test — 日本語 𝄞"));
        foreach (int chunk in Chunks)
        {
            Assert.That(Read(bytes, chunk), Is.EqualTo(whole), $"chunk {chunk}");
            Assert.That(Read(bytes, chunk, most: 3), Is.EqualTo(whole), $"chunk {chunk}, 3 bytes per read");
        }
    }

    [Test]
    public void AFlightErrorIsWhereTheTextSaysAtEveryChunkSize()
    {
        // An unknown field in flight 17, placed after multi-byte characters on its line.
        string text = Day(30, i => i == 17 ? ", \"bogus\": \"𝄞\"" : "");
        var (line, column) = Where(text, "\"𝄞\"}");
        foreach (int chunk in Chunks)
        {
            var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(text), chunk));
            Assert.That((e.Line, e.Column, e.JsonPath, e.ProblemCode), Is.EqualTo((line, column, "$.flights[17].bogus", ScenarioProblem.UnknownField)), $"chunk {chunk}");
        }
    }

    [Test]
    public void AFlightErrorAmongAsciiFlightsIsWhereTheTextSaysAtEveryChunkSize()
    {
        // All-ASCII flights are positioned from the chunk's index of line feeds (JsonChunks.Index), the others byte by
        // byte: flights with a multi-byte character now and then (every 9th, or none), one flight per line or several,
        // the error early, in the middle and in the last flight, so that the count passes from one way to the other.
        foreach (int every in new[] { 9, int.MaxValue })
            foreach (string sep in new[] { "\n", " ", "\n\n  " })
                foreach (int bad in new[] { 0, 13, 39 })
                {
                    var sb = new StringBuilder(Head.Replace("✈", "x").Replace("—", "-").Replace("日本語", "JP").Replace("𝄞", "g").Replace("é", "e"));
                    for (int i = 0; i < 40; i++)
                        sb.Append($$"""    {"id": "F{{i}}", "from": "10.5,-66.9", "to": "52.3,4.76", "departure": "2025-11-24T{{i % 24:D2}}:00Z", "type": "B38M", "airline": "{{(i % every == every - 1 ? "Ké" : "KL")}}M", "state": "NL"{{(i == bad ? ", \"bogus\": 1" : "")}}}""")
                            .Append(i < 39 ? "," + sep : "\n");
                    string text = sb.Append("  ]\n}\n").ToString();
                    var (line, column) = Where(text, "1}");
                    foreach (int chunk in Chunks)
                    {
                        var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(text), chunk));
                        Assert.That((e.Line, e.Column, e.JsonPath), Is.EqualTo((line, column, $"$.flights[{bad}].bogus")), $"every {every}, separator {sep.Length}, flight {bad}, chunk {chunk}");
                    }
                    var whole = ErrorOf(() => ScenarioJson.Parse(Encoding.UTF8.GetBytes(text), "s.json", NoDirectory));
                    Assert.That((whole.Line, whole.Column), Is.EqualTo((line, column)), $"whole, every {every}, separator {sep.Length}, flight {bad}");
                }
    }

    [Test]
    public void AWrongValueIsLocatedAfterFourByteSequencesAtEveryChunkSize()
    {
        // 𝄞 (4 bytes, 2 UTF-16 units) and ✈ (3 bytes) before the value: the column counts characters.
        string text = Day(5, i => i == 2 ? ", \"source\": \"𝄞𝄞✈\", \"cruiseFl\": 1000" : "");
        var (line, column) = Where(text, "1000}");
        foreach (int chunk in Chunks)
        {
            var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(text), chunk));
            Assert.That((e.Line, e.Column, e.JsonPath, e.ProblemCode), Is.EqualTo((line, column, "$.flights[2].cruiseFl", ScenarioProblem.OutOfRange)), $"chunk {chunk}");
        }
    }

    [Test]
    public void AClosureErrorBeforeTheFlightsIsLocated()
    {
        string text = Day(10).Replace("\"end\": \"2025-11-30T00:00Z\"", "\"end\": \"2025-11-21T00:00Z\"", StringComparison.Ordinal);
        var (line, column) = Where(text, "\"2025-11-21T00:00Z\"");
        foreach (int chunk in Chunks)
        {
            var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(text), chunk));
            Assert.That((e.Line, e.Column, e.JsonPath, e.ProblemCode), Is.EqualTo((line, column, "$.closures[0].end", ScenarioProblem.Order)), $"chunk {chunk}");
        }
    }

    [Test]
    public void ErrorsComeInTheOrderOfTheWholeFileReader()
    {
        // A bad flight and, later in the file, a syntax error: the syntax error (the file is checked as JSON first).
        string badFlight = Day(8, i => i == 1 ? ", \"cruiseFl\": 5" : "");
        string syntax = badFlight.Replace("\"id\": \"LAST\",", "\"id\": \"LAST\" ", StringComparison.Ordinal);
        // ... and an unknown root field after the flights: that one (the root's fields are checked before any flight).
        string unknownRoot = Day(8, i => i == 1 ? ", \"cruiseFl\": 5" : "", tail: ",\n  \"bogus\": 1");
        // ... and a bad uncertainty after the flights: the flight (flights are read before the uncertainty).
        string laterField = Day(8, i => i == 1 ? ", \"cruiseFl\": 5" : "", tail: ",\n  \"uncertainty\": {\"nonsense\": 1}");
        // ... and an invalid UTF-8 byte after the syntax error: the UTF-8 error (the whole file is checked as UTF-8 first).
        var invalidLater = Encoding.UTF8.GetBytes(syntax).Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();
        int last = invalidLater.Length - 2;
        foreach (int chunk in Chunks)
        {
            Assert.That(ErrorOf(() => Read(Encoding.UTF8.GetBytes(badFlight), chunk)).JsonPath, Is.EqualTo("$.flights[1].cruiseFl"));
            Assert.That(ErrorOf(() => Read(Encoding.UTF8.GetBytes(syntax), chunk)).ProblemCode, Is.EqualTo(ScenarioProblem.InvalidJson));
            var root = ErrorOf(() => Read(Encoding.UTF8.GetBytes(unknownRoot), chunk));
            Assert.That((root.ProblemCode, root.JsonPath), Is.EqualTo((ScenarioProblem.UnknownField, "$.bogus")));
            Assert.That(ErrorOf(() => Read(Encoding.UTF8.GetBytes(laterField), chunk)).JsonPath, Is.EqualTo("$.flights[1].cruiseFl"));
            var utf8 = ErrorOf(() => Read(invalidLater, chunk));
            Assert.That(utf8.Problem, Is.EqualTo($"not valid UTF-8 at byte {last}: save the file as UTF-8"), $"chunk {chunk}");
        }
    }

    [Test]
    public void InvalidUtf8IsLocatedEvenWhenASequenceIsSplitByAChunk()
    {
        string text = Day(6);
        var valid = Encoding.UTF8.GetBytes(text);
        // Cut a 4-byte sequence (𝄞 in the airline of flight 4) short: its lead byte and two continuation bytes stay.
        int flight4 = Encoding.UTF8.GetByteCount(text[..text.IndexOf("\"F4\"", StringComparison.Ordinal)]);
        int lead = Array.IndexOf(valid, (byte)0xF0, flight4);
        var bad = valid.Take(lead + 3).Concat(valid.Skip(lead + 4)).ToArray();
        // Expected: the line of flight 4 and the column of 𝄞 in it (characters before it on that line, + 1).
        var (line, column) = Where(text, "𝄞M\", \"state\": \"NL\"},\n    {\"id\": \"F5\"");
        foreach (int chunk in Chunks)
        {
            var e = ErrorOf(() => Read(bad, chunk));
            Assert.That((e.Line, e.Column, e.Problem), Is.EqualTo((line, column, $"not valid UTF-8 at byte {lead}: save the file as UTF-8")), $"chunk {chunk}");
            Assert.That(e.Message, Is.EqualTo(ErrorOf(() => ScenarioJson.Parse(bad, "s.json", NoDirectory)).Message));
        }
        // A truncated sequence at the very end of the file.
        var endCut = valid.Concat(new byte[] { 0xE2, 0x9C }).ToArray();
        foreach (int chunk in Chunks)
            Assert.That(ErrorOf(() => Read(endCut, chunk)).Problem, Is.EqualTo($"not valid UTF-8 at byte {valid.Length}: save the file as UTF-8"));
    }

    [Test]
    public void ABomIsSkippedAndCountsForNothing()
    {
        string text = Day(3, i => i == 2 ? ", \"bogus\": 1" : "");
        var (line, column) = Where(text, "1}");
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        foreach (int chunk in Chunks)
            foreach (int most in new[] { 1, 2, 5, int.MaxValue })
            {
                var e = ErrorOf(() => Read(withBom, chunk, most));
                Assert.That((e.Line, e.Column, e.JsonPath), Is.EqualTo((line, column, "$.flights[2].bogus")), $"chunk {chunk}, {most} per read");
            }
        var good = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Day(3))).ToArray();
        Assert.That(Read(good, 4, 1), Is.EqualTo(ScenarioJson.Parse(Day(3), "s.json", NoDirectory)));
        // A BOM alone is an empty file; a BOM in the middle is not whitespace.
        Assert.That(ErrorOf(() => Read([0xEF, 0xBB, 0xBF], 4, 1)).ProblemCode, Is.EqualTo(ScenarioProblem.InvalidJson));
        Assert.That(ErrorOf(() => Read([(byte)' ', 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], 4)).ProblemCode, Is.EqualTo(ScenarioProblem.InvalidJson));
    }

    [Test]
    public void DeepNestingUpToTheLimitIsAWrongTypeAndBeyondItInvalidJson()
    {
        // The reader's depth limit is 64: the root object is 1, so 63 arrays in "description" are accepted as JSON
        // (and then refused as not a string), 64 are not JSON.
        static string Nested(int depth) => "{\"name\": \"n\",\n  \"description\": " + new string('[', depth) + new string(']', depth) + "}";
        var (line, column) = Where(Nested(63), "[");
        foreach (int chunk in Chunks)
        {
            var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(Nested(63)), chunk));
            Assert.That((e.Line, e.Column, e.JsonPath, e.ProblemCode), Is.EqualTo((line, column, "$.description", ScenarioProblem.WrongType)), $"chunk {chunk}");
            var deep = ErrorOf(() => Read(Encoding.UTF8.GetBytes(Nested(64)), chunk));
            Assert.That((deep.Line, deep.ProblemCode), Is.EqualTo((2, ScenarioProblem.InvalidJson)), $"chunk {chunk}");
            Assert.That(deep.Problem, Does.Contain("depth"));
            // 64 '[' after 17 characters on line 2: the 64th is at byte 17 + 64 (bytes, as the JSON reader counts).
            Assert.That(deep.Column, Is.EqualTo(17 + 64), $"chunk {chunk}");
        }
    }

    [Test]
    public void EveryTruncationIsInvalidJsonAtTheSamePlaceWholeOrInChunks()
    {
        string text = Day(2);
        var bytes = Encoding.UTF8.GetBytes(text);
        int end = Array.LastIndexOf(bytes, (byte)'}'); // the root's closing brace
        for (int n = 0; n <= end; n++)
        {
            var cut = bytes[..n];
            var whole = ErrorOf(() => ScenarioJson.Parse(cut, "s.json", NoDirectory));
            // A cut inside a multi-byte sequence is invalid UTF-8; any other cut is not a whole JSON document.
            Assert.That(whole.ProblemCode, Is.EqualTo(ScenarioProblem.InvalidJson), $"cut at {n}");
            int lines = 1 + cut.Count(b => b == (byte)'\n');
            Assert.That(whole.Line, Is.InRange(1, lines), $"cut at {n}");
            foreach (int chunk in new[] { 4, 5, 7, 16, 64 })
                Assert.That(ErrorOf(() => Read(cut, chunk)).Message, Is.EqualTo(whole.Message), $"cut at {n}, chunk {chunk}");
        }
        Assert.That(Read(bytes[..(end + 1)], 4).Flights, Has.Count.EqualTo(3));
    }

    [Test]
    public void ATokenLongerThanTheChunkIsRead()
    {
        string longText = string.Concat(Enumerable.Repeat("ab✈𝄞\\\"\\u00e9", 2000));
        string text = "{\"name\": \"" + longText + "\", \"closures\": [], \"flights\": [" + Flight(1).TrimEnd(',', '\n') + "]}";
        foreach (int chunk in new[] { 4, 16, 100 })
            Assert.That(Read(Encoding.UTF8.GetBytes(text), chunk).Name, Is.EqualTo(string.Concat(Enumerable.Repeat("ab✈𝄞\"é", 2000))));
    }

    [Test]
    public void InlinePolygonsAreReadTheSameAcrossChunkBoundaries()
    {
        string polygon = """{"type": "Feature", "id": "BØX ✈", "properties": {"polygons": [1]}, "geometry": {"type": "Polygon", "coordinates": [[[-75, 20], [-74, 20], [-74, 21.5], [-75, 21], [-75, 20]]]}}""";
        string text = "{\"name\": \"p\", \"closures\": [{\"id\": \"B\", \"polygons\": [" + polygon + ", " + polygon.Replace("BØX ✈", "TWO", StringComparison.Ordinal) +
                      "], \"start\": \"2025-11-22T00:00Z\"}]}";
        var whole = ScenarioJson.Parse(text, "s.json", NoDirectory);
        var box = whole.Closures[0].Airspaces[0];
        Assert.That(box.Id, Is.EqualTo("BØX ✈"));
        Assert.That(box.Geometry.Coordinates.Select(c => (c.X, c.Y)), Does.Contain((-74.0, 21.5)));
        foreach (int chunk in Chunks)
        {
            var s = Read(Encoding.UTF8.GetBytes(text), chunk);
            Assert.That(s, Is.EqualTo(whole), $"chunk {chunk}");
            Assert.That(s.Closures[0].Airspaces.Zip(whole.Closures[0].Airspaces, (a, b) => a.Geometry.EqualsExact(b.Geometry)), Is.All.True, $"chunk {chunk}");
            Assert.That(ScenarioJson.Write(s), Is.EqualTo(ScenarioJson.Write(whole)), $"chunk {chunk}");
        }
    }

    [Test]
    public void APolygonThatIsNotAnObjectIsAGeometryError()
    {
        // It was an ArgumentOutOfRangeException ("Non-negative number required") before the reader was streamed.
        const string text = """{"name": "x", "closures": [{"id": "A", "polygons": ["x", 5], "start": "2025-01-01T00:00Z"}]}""";
        foreach (int chunk in new[] { 4, 9, 4096 })
        {
            var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(text), chunk));
            Assert.That((e.ProblemCode, e.JsonPath, e.Column), Is.EqualTo((ScenarioProblem.InvalidGeometry, "$.closures[0].polygons[0]", text.IndexOf("[\"x\"", StringComparison.Ordinal) + 2)));
        }
    }

    [Test]
    public void FlightsThatAreNotAnArrayAreAWrongType()
    {
        const string text = """{"name": "x", "flights": {"id": "F"}}""";
        foreach (int chunk in new[] { 4, 4096 })
        {
            var e = ErrorOf(() => Read(Encoding.UTF8.GetBytes(text), chunk));
            Assert.That((e.ProblemCode, e.JsonPath, e.Problem), Is.EqualTo((ScenarioProblem.WrongType, "$.flights", "flights must be an array, not an object")));
        }
        // "flights" below the root is not the scenario's flights: an unknown field of a closure, as before.
        const string nested = """{"name": "x", "closures": [{"id": "A", "flights": [], "airports": ["CCS"], "start": "2025-01-01T00:00Z"}]}""";
        Assert.That(ErrorOf(() => Read(Encoding.UTF8.GetBytes(nested), 4)).JsonPath, Is.EqualTo("$.closures[0].flights"));
    }

    [Test]
    public void LoadReadsAFileInChunksAsParseReadsItWhole()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scenario-stream-{Environment.ProcessId}.json");
        try
        {
            // Longer than one chunk (64 KB), so the file is read in several.
            string text = Day(1200);
            File.WriteAllText(path, text, new UTF8Encoding(true));
            Assert.That(new FileInfo(path).Length, Is.GreaterThan(2 * ScenarioJson.ChunkBytes));
            Assert.That(ScenarioJson.Load(path, NoDirectory), Is.EqualTo(ScenarioJson.Parse(text, "s.json", NoDirectory)));
            File.WriteAllText(path, Day(1200, i => i == 1100 ? ", \"bogus\": 1" : ""));
            var e = ErrorOf(() => ScenarioJson.Load(path, NoDirectory));
            Assert.That((e.FileName, e.JsonPath), Is.EqualTo((path, "$.flights[1100].bogus")));
        }
        finally { File.Delete(path); }
    }

    // ------------------------------------------------------------------------------------------ round trip

    [Test]
    public void RandomScenariosRoundTripModelToJsonToModel()
    {
        var rng = new Random(20261202);
        var ids = AirspaceCatalog.Bundled.Ids.ToArray();
        for (int k = 0; k < 300; k++)
        {
            var s = RandomScenario(rng, ids);
            string json = ScenarioJson.Write(s);
            var bytes = Encoding.UTF8.GetBytes(json);
            var back = ScenarioJson.Parse(json, "r.json", NoDirectory);
            Assert.That(back, Is.EqualTo(s), $"scenario {k}:\n{json}");
            int chunk = rng.Next(4, 200);
            Assert.That(Read(bytes, chunk, rng.Next(1, 300)), Is.EqualTo(s), $"scenario {k}, chunk {chunk}");
            Assert.That(ScenarioJson.Write(back), Is.EqualTo(json), $"scenario {k}");
        }
    }

    // Text with what a writer must escape and what a reader must decode: quotes, backslashes, controls, non-ASCII,
    // characters outside the BMP; never empty or with surrounding spaces (the reader trims and refuses blanks).
    // An id (a name, a closure or flight id) takes no control characters (IdentifierText): the same without them.
    private static string RandomText(Random rng, int most = 12, bool id = false)
    {
        string[] pieces = id ? ["a", "Z", "0", "-", " ", "\"", "\\", "/", "é", "✈", "日本", "𝄞", "<", "&", "'"]
            : ["a", "Z", "0", "-", " ", "\"", "\\", "/", "\t", "\n", "\u0001", "é", "✈", "日本", "𝄞", "\u2028", "<", "&", "'"];
        var sb = new StringBuilder("x");
        int n = rng.Next(0, most);
        for (int i = 0; i < n; i++) sb.Append(pieces[rng.Next(pieces.Length)]);
        return sb.Append('y').ToString();
    }

    private static string Code(Random rng, int length) => new(Enumerable.Range(0, length).Select(_ => (char)('A' + rng.Next(26))).ToArray());

    private static DateTime RandomInstant(Random rng)
    {
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(0, 60 * 24 * 365));
        return rng.Next(4) switch { 0 => t.AddSeconds(rng.Next(1, 60)), 1 => t.AddTicks(rng.Next(1, 10_000_000)), _ => t };
    }

    private static Scenario RandomScenario(Random rng, string[] airspaceIds)
    {
        var closures = new List<Closure>();
        int nc = rng.Next(0, 4);
        for (int i = 0; i < nc; i++)
        {
            var start = RandomInstant(rng);
            int lower = rng.Next(3) == 0 ? 0 : rng.Next(0, 400);
            int? upper = rng.Next(2) == 0 ? null : lower + rng.Next(1, 200);
            var ids = rng.Next(3) == 0 ? [] : airspaceIds.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)).ToList();
            var airports = ids.Count == 0 || rng.Next(2) == 0 ? Enumerable.Range(0, rng.Next(1, 3)).Select(_ => Code(rng, 4)).ToList() : [];
            closures.Add(new Closure
            {
                Id = $"C{i}-{RandomText(rng, 4, id: true)}", AirspaceIds = ids, Airspaces = ids.Select(id => AirspaceCatalog.Bundled[id]).ToList(), Airports = airports,
                BufferNm = rng.Next(3) == 0 ? Math.Round(rng.NextDouble() * 50, 2) : 0, Band = new VerticalBand(lower, upper), StartUtc = start,
                EndUtc = rng.Next(3) == 0 ? null : start.AddMinutes(rng.Next(1, 10_000)), NoticeUtc = rng.Next(2) == 0 ? null : start.AddMinutes(-rng.Next(0, 5000)),
                AppliesTo = rng.Next(4) switch
                {
                    0 => Applicability.States(Code(rng, 2), Code(rng, 2)), 1 => Applicability.Airlines(Code(rng, 3)), 2 => Applicability.EveryoneExceptStates(Code(rng, 2)),
                    _ => Applicability.Everyone,
                },
                // Named airports need an airport ban (Airports or Both): with Overflight alone the reader refuses them.
                Bans = airports.Count > 0 ? (ClosureBans)(1 + rng.Next(2)) : (ClosureBans)rng.Next(3), Source = rng.Next(2) == 0 ? null : RandomText(rng),
            });
        }
        var flights = Enumerable.Range(0, rng.Next(0, 40)).Select(i => new Flight
        {
            Id = $"F{i}{RandomText(rng, id: true)}", Origin = rng.Next(2) == 0 ? Code(rng, 3) : $"{rng.Next(-89, 90)}.{rng.Next(1000)},{rng.Next(-179, 180)}.{rng.Next(1000)}",
            Destination = Code(rng, 4), DepartureUtc = RandomInstant(rng), AircraftType = Code(rng, 4), Airline = Code(rng, 3), OperatorState = Code(rng, 2),
            CruiseFl = rng.Next(3) == 0 ? rng.Next(10, 601) : null, Source = rng.Next(3) == 0 ? RandomText(rng) : null,
        }).ToList();
        var routes = Enumerable.Range(0, rng.Next(0, 4)).Select(i =>
        {
            var first = DateOnly.FromDateTime(RandomInstant(rng));
            bool byDays = rng.Next(2) == 0;
            return new ScheduledRoute
            {
                FlightNumber = rng.Next(2) == 0 ? null : $"R{i}", Origin = Code(rng, 3), Destination = Code(rng, 3), DepartureTimeUtc = new TimeOnly(rng.Next(24), rng.Next(60)),
                AircraftType = Code(rng, 4), Airline = Code(rng, 3), OperatorState = Code(rng, 2), CruiseFl = rng.Next(2) == 0 ? null : rng.Next(10, 601),
                Days = byDays ? Enum.GetValues<DayOfWeek>().Where(_ => rng.Next(2) == 0).DefaultIfEmpty(DayOfWeek.Monday).ToList() : [],
                WeeklyFrequency = byDays ? null : rng.Next(1, 701), FirstDate = first, LastDate = first.AddDays(rng.Next(0, 60)),
                Source = rng.Next(2) == 0 ? null : RandomText(rng),
            };
        }).ToList();
        return new Scenario
        {
            Name = RandomText(rng, id: true), Description = rng.Next(2) == 0 ? null : RandomText(rng, 40),
            Sources = Enumerable.Range(0, rng.Next(0, 3)).Select(i => new ScenarioSource($"s{i}", RandomText(rng), rng.Next(2) == 0 ? null : "https://example.org/" + i)).ToList(),
            Assumptions = Enumerable.Range(0, rng.Next(0, 3)).Select(_ => RandomText(rng)).ToList(),
            Closures = closures, Flights = flights, Routes = routes,
            Parameters = new ScenarioParameters { TechStopGroundMinutes = rng.Next(0, 120) },
        };
    }
}
