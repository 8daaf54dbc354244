using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// An --airspaces file whose id is also a bundled airspace's (SVZM of a home-made file beside the project's SVZM): the
/// file wins, as the user named it, and stderr says so once per id used. Before, the bundled area was replaced silently.
/// In scenarios, two different areas under one id (an inline polygon named SVZM and the bundled SVZM) are an error:
/// the planners know airspaces by id and silently kept only one of them.
/// </summary>
public class AirspaceShadowingTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    // A small square far from the Caribbean (in the South Atlantic), under the given id.
    private string Square(string name, string id, double lon = -20) => _dir.Write(name,
        $$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"{{{id}}}"},"geometry":{"type":"Polygon","coordinates":[[[{{{lon}}},-30],[{{{lon + 1}}},-30],[{{{lon + 1}}},-29],[{{{lon}}},-29],[{{{lon}}},-30]]]}}]}""");

    [Test]
    public void AFileAirspaceWithABundledIdWinsAndIsSaidOnce()
    {
        string file = Square("mine.geojson", "SVZM");
        // Twice in --closed (once in another case): still one note.
        var r = Run("route", "AMS", "CUR", "--airspaces", file, "--closed", "SVZM,svzm", "--format", "json");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        // The file's SVZM (in the South Atlantic) is closed, not the bundled one over Venezuela: AMS-CUR is direct.
        Assert.That(r.Json().Status(), Is.EqualTo("direct"), r.ToString());
        var notes = r.ErrLines.Where(l => l.Contains("overrides", StringComparison.Ordinal)).ToList();
        Assert.That(notes, Has.Count.EqualTo(1), r.ToString());
        Assert.That(notes[0], Does.StartWith($"airspacesim: {file}: note: airspace SVZM from this file overrides the bundled SVZM"));
        // Without the file the bundled SVZM is crossed by the direct route.
        Assert.That(Run("route", "AMS", "CUR", "--closed", "SVZM", "--format", "json").Json().Status(), Is.EqualTo("detour"));
    }

    [Test]
    public void AnIdOfTwoFilesNamesTheEarlierFile()
    {
        string first = Square("first.geojson", "MYAREA", -20), second = Square("second.geojson", "MYAREA", -10);
        var r = Run("route", "AMS", "CUR", "--airspaces", first, "--airspaces", second, "--closed", "MYAREA");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var note = r.ErrLines.Single(l => l.Contains("overrides", StringComparison.Ordinal));
        Assert.That(note, Does.StartWith($"airspacesim: {second}: note:"));
        Assert.That(note, Does.Contain($"overrides the one in {first}"));
        Assert.That(note, Does.Not.Contain("bundled"));
    }

    [Test]
    public void AShadowedIdThatIsNotUsedIsNotSaid()
    {
        string file = Square("mine.geojson", "SVZM");
        var r = Run("route", "AMS", "CUR", "--airspaces", file, "--closed", "TNCF");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.Err, Does.Not.Contain("overrides"), r.ToString());
    }

    [Test]
    public void BatchSaysItToo()
    {
        string file = Square("mine.geojson", "TNCF");
        string routes = _dir.Write("routes.csv", "from,to\nAMS,CUR\n");
        var r = Run("batch", routes, "--airspaces", file, "--closed", "TNCF");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.ErrLines.Count(l => l.Contains("overrides the bundled TNCF", StringComparison.Ordinal)), Is.EqualTo(1), r.ToString());
    }

    private const string Flights = """
      "flights": [{"id": "KL1", "from": "AMS", "to": "CUR", "departure": "2025-11-24T10:00Z", "type": "A332", "airline": "KLM", "state": "NL"}]
    """;

    [Test]
    public void AWhatIfScenarioNamingAShadowedIdSaysSo()
    {
        string file = Square("mine.geojson", "SVZM");
        string scenario = _dir.Write("s.json", $$$"""
        {"name": "s", "closures": [{"id": "C", "airspaces": ["SVZM"], "start": "2025-11-01T00:00Z", "appliesTo": {"everyone": true}, "bans": "both"}],
        {{{Flights}}} }
        """);
        var r = Run("whatif", scenario, "--airspaces", file, "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.ErrLines.Count(l => l.Contains($"{file}: note: airspace SVZM from this file overrides the bundled SVZM", StringComparison.Ordinal)), Is.EqualTo(1), r.ToString());
    }

    [Test]
    public void TwoAreasUnderOneIdInAScenarioAreAnError()
    {
        // Closure A flies around the bundled SVZM, closure B around a polygon it calls SVZM: both active, the planner
        // kept one of the two areas by id and the flight flew through the other.
        string scenario = _dir.Write("s.json", $$$"""
        {"name": "s", "closures": [
          {"id": "A", "airspaces": ["SVZM"], "start": "2025-11-01T00:00Z", "appliesTo": {"everyone": true}, "bans": "both"},
          {"id": "B", "polygons": [{"type": "Feature", "id": "SVZM", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[-20, -30], [-19, -30], [-19, -29], [-20, -29], [-20, -30]]]}}],
           "start": "2025-11-01T00:00Z", "appliesTo": {"everyone": true}, "bans": "both"}],
        {{{Flights}}} }
        """);
        var r = Run("whatif", scenario, "--format", "csv");
        AssertUserError(r, "airspace id 'SVZM' names two different areas", "closure 'A'", "closure 'B'");
        Assert.That(r.Err, Does.Contain("closure 'B': its polygon 'SVZM' has the id of a bundled airspace"));
    }

    [Test]
    public void AnInlinePolygonWithABundledIdIsNoted()
    {
        string scenario = _dir.Write("s.json", $$$"""
        {"name": "s", "closures": [
          {"id": "B", "polygons": [{"type": "Feature", "id": "SVZM", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[-20, -30], [-19, -30], [-19, -29], [-20, -29], [-20, -30]]]}}],
           "start": "2025-11-01T00:00Z", "appliesTo": {"everyone": true}, "bans": "both"}],
        {{{Flights}}} }
        """);
        var r = Run("whatif", scenario, "--format", "csv");
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(r.ErrLines.Count(l => l.Contains("closure 'B': its polygon 'SVZM' has the id of a bundled airspace", StringComparison.Ordinal)), Is.EqualTo(1), r.ToString());
    }
}
