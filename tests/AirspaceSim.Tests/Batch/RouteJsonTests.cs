using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Routing;
using CliRunner = AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Batch;

/// <summary>The library's JSON and GeoJSON writers of routes and batch rows (<see cref="RouteJson"/>): every field
/// against the plan it writes, error rows shaped like planned rows, a streamed batch that parses whole with the
/// summary of its rows, and the command line printing exactly the library's bytes.</summary>
public class RouteJsonTests
{
    private static readonly Airspace Svzm = AirspaceCatalog.Bundled["SVZM"];
    private static readonly DetourPlanner Planner = DetourPlanner.Build([Svzm]);

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = RouteJson.Encoder })) write(w);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    [Test]
    public void Route_EveryFieldIsThePlans()
    {
        var ams = AirportDirectory.Bundled.Resolve("AMS");
        var cur = AirportDirectory.Bundled.Resolve("CUR");
        var plan = Planner.Plan(ams.Point, cur.Point);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), "the case must detour");
        using var doc = JsonDocument.Parse(Write(w => RouteJson.WriteRoute(w, ams, cur, plan, new RouteJsonOptions
        {
            LineNumber = 7,
            WriteExtraProperties = jw => jw.WriteString("note", "extra \"quoted\""),
        })));
        var o = doc.RootElement;
        Assert.That(o.GetProperty("line").GetInt32(), Is.EqualTo(7));
        Assert.That(o.GetProperty("from").GetProperty("code").GetString(), Is.EqualTo("AMS"));
        Assert.That(o.GetProperty("from").GetProperty("lat").GetDouble(), Is.EqualTo(ams.Point.LatDeg));
        Assert.That(o.GetProperty("to").GetProperty("lon").GetDouble(), Is.EqualTo(cur.Point.LonDeg));
        Assert.That(o.GetProperty("status").GetString(), Is.EqualTo("detour"));
        Assert.That(o.GetProperty("reasonCode").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(o.GetProperty("directKm").GetDouble(), Is.EqualTo(plan.DirectKm).Within(0.0005));
        Assert.That(o.GetProperty("routeKm").GetDouble(), Is.EqualTo(plan.RouteKm!.Value).Within(0.0005));
        Assert.That(o.GetProperty("extraKm").GetDouble(), Is.EqualTo(plan.ExtraKm!.Value).Within(0.0005));
        Assert.That(o.GetProperty("crossed").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(plan.Crossed));
        var waypoints = o.GetProperty("waypoints").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        Assert.That(waypoints, Has.Count.EqualTo(plan.Waypoints.Count));
        for (int i = 0; i < waypoints.Count; i++)
        {
            Assert.That(waypoints[i].Item1, Is.EqualTo(plan.Waypoints[i].LatDeg).Within(5e-7));
            Assert.That(waypoints[i].Item2, Is.EqualTo(plan.Waypoints[i].LonDeg).Within(5e-7));
        }
        // The legs add up to the route (each rounded to 1 m).
        double legs = o.GetProperty("legsKm").EnumerateArray().Sum(e => e.GetDouble());
        Assert.That(legs, Is.EqualTo(plan.RouteKm!.Value).Within(0.0005 * plan.LegKm.Count + 1e-9));
        Assert.That(o.GetProperty("note").GetString(), Is.EqualTo("extra \"quoted\""), "extra properties last, inside the object");
        Assert.That(o.EnumerateObject().Last().Name, Is.EqualTo("note"));
    }

    [Test]
    public void ErrorRow_HasEveryFieldOfAPlannedRow_WithItsCode()
    {
        var rows = RouteBatch.Plan([new RouteListRow(2, "AMS", "CUR"), new RouteListRow(3, "QQQ", "CUR")], AirportDirectory.Bundled, Planner).ToList();
        using var planned = JsonDocument.Parse(Write(w => RouteJson.WriteRow(w, rows[0])));
        using var error = JsonDocument.Parse(Write(w => RouteJson.WriteRow(w, rows[1])));
        Assert.That(error.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(planned.RootElement.EnumerateObject().Select(p => p.Name)));
        var e = error.RootElement;
        Assert.That(e.GetProperty("line").GetInt32(), Is.EqualTo(3));
        Assert.That(e.GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(e.GetProperty("reasonCode").GetString(), Is.EqualTo("unknown-origin"));
        Assert.That(e.GetProperty("reason").GetString(), Does.Contain("QQQ"));
        Assert.That(e.GetProperty("from").GetProperty("code").GetString(), Is.EqualTo("QQQ"), "the end as the row gave it");
        Assert.That(e.GetProperty("directKm").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(planned.RootElement.GetProperty("line").GetInt32(), Is.EqualTo(2));
    }

    [TestCase(BatchErrorKind.Row, "bad-row")]
    [TestCase(BatchErrorKind.From, "unknown-origin")]
    [TestCase(BatchErrorKind.To, "unknown-destination")]
    [TestCase(BatchErrorKind.Route, "route-rejected")]
    [TestCase(BatchErrorKind.AircraftType, "unknown-aircraft-type")]
    public void ErrorCodes_AreStableWords(BatchErrorKind kind, string code) => Assert.That(RouteJson.ErrorCode(kind), Is.EqualTo(code));

    [Test]
    public void Batch_StreamsManyChunks_ParsesWhole_SummaryOfItsRows()
    {
        // ~40 kB per 66 routes: 20 copies of the bundled list is many 16 kB pieces, so the drain between tokens is used.
        var input = Enumerable.Range(0, 20).SelectMany(_ => BundledData.CaribbeanRoutes).Select((r, i) => r with { LineNumber = i + 2 }).ToList();
        input.Add(new RouteListRow(input.Count + 2, "AMS", "ZZZ"));
        var rows = RouteBatch.Plan(input, AirportDirectory.Bundled, Planner).ToList();
        var text = new StringWriter();
        var summary = RouteJson.WriteBatch(text, rows, r => w => w.WriteString("tag", "Ä" + r.Row.LineNumber)); // non-ASCII across piece edges
        Assert.That(summary, Is.EqualTo(BatchSummary.Of(rows.Select(r => r.Error is null ? r.Plan : null))));
        using var doc = JsonDocument.Parse(text.ToString());
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(rows.Count));
        Assert.That(results.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(input.Select(r => r.LineNumber)));
        Assert.That(results.Take(rows.Count - 1).Select(r => r.GetProperty("tag").GetString()), Is.EqualTo(input.Take(rows.Count - 1).Select(r => "Ä" + r.LineNumber)));
        Assert.That(results[^1].TryGetProperty("tag", out _), Is.False, "no extra properties on an error row");
        var s = doc.RootElement.GetProperty("summary");
        Assert.That(s.GetProperty("routes").GetInt32(), Is.EqualTo(rows.Count));
        Assert.That(s.GetProperty("errors").GetInt32(), Is.EqualTo(1));
        Assert.That(s.GetProperty("detour").GetInt32(), Is.EqualTo(rows.Count(r => r.Plan?.Status == RouteStatus.Detour)));
        Assert.That(s.GetProperty("totalExtraKm").GetDouble(), Is.EqualTo(summary.TotalExtraKm).Within(0.0005));
    }

    [Test]
    public void GeoJson_OneFeaturePerClosureAndLine_EndsOnTheRoute()
    {
        var ams = AirportDirectory.Bundled.Resolve("AMS");
        var cur = AirportDirectory.Bundled.Resolve("CUR");
        var plan = Planner.Plan(ams.Point, cur.Point);
        using var doc = JsonDocument.Parse(RouteJson.ToGeoJson(ams, cur, plan, [Svzm]));
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.That(features.Select(f => f.GetProperty("properties").GetProperty("role").GetString()), Is.EqualTo(new[] { "closed", "direct", "detour" }));
        Assert.That(features[0].GetProperty("properties").GetProperty("id").GetString(), Is.EqualTo("SVZM"));
        var line = features[2].GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => (Lon: c[0].GetDouble(), Lat: c[1].GetDouble())).ToList();
        Assert.That(line[0].Lat, Is.EqualTo(ams.Point.LatDeg).Within(1e-6));
        Assert.That(line[^1].Lon, Is.EqualTo(cur.Point.LonDeg).Within(1e-6));
        Assert.That(line, Has.Count.GreaterThan(plan.Waypoints.Count), "densified along the great circles");
        Assert.That(features[2].GetProperty("properties").GetProperty("km").GetDouble(), Is.EqualTo(plan.RouteKm!.Value).Within(0.0005));
    }

    [Test]
    public void TheCommandLinePrintsTheLibrarysBytes()
    {
        var ams = AirportDirectory.Bundled.Resolve("AMS");
        var cur = AirportDirectory.Bundled.Resolve("CUR");
        var plan = Planner.Plan(ams.Point, cur.Point);
        var json = CliRunner.Run("route", "AMS", "CUR", "--closed", "SVZM", "--format", "json");
        Assert.That(json.Exit, Is.EqualTo(0), json.ToString());
        Assert.That(json.Out.TrimEnd('\n'), Is.EqualTo(Write(w => RouteJson.WriteRoute(w, ams, cur, plan))));
        var geo = CliRunner.Run("route", "AMS", "CUR", "--closed", "SVZM", "--format", "geojson");
        Assert.That(geo.Out.TrimEnd('\n'), Is.EqualTo(RouteJson.ToGeoJson(ams, cur, plan, [Svzm])));
    }
}
