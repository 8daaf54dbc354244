using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Realism;

/// <summary>
/// Recomputes the validation table (data/validation/results.md, quoted in the README) from the published reroute
/// penalties of data/validation/reroutes.csv: for each, the exact geometric bound, the figure modelled with the
/// realism layer at its defaults (the same for every route: no per-route tuning), and their ratio to the published
/// figure, compared as the kind of figure allows (a stated figure within ±10 %, an "up to" figure as an upper bound...).
/// Each case is routed round its own closures plus the standing avoidance (data/validation/standing-avoidance.csv: high
/// terrain, standing conflict zones) that bound its operator's authority at its date, added to its baseline alike.
/// The test fails when the committed table no longer matches the code; set AIRSPACESIM_REGENERATE=1 to rewrite it.
/// </summary>
[Parallelizable(ParallelScope.All)] // independent of every other fixture (reads the data, writes only when regenerating)
public class ValidationTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // The closure sets the CSV names. RU: Russia's 12 top-level FIRs with Ukraine's (closed to all civil traffic since
    // 24 Feb 2022) and Belarus's (banned to EU carriers since 2021), as the sources describe the avoided airspace.
    // PK: Pakistan's two FIRs.
    private static readonly Dictionary<string, string[]> Sets = new()
    {
        ["RU"] = "UUWV ULLL UWWW URRV UNNT UNKL UIII USSV USTV UEEE UHHH UHMM UKBV UKDV UKFV UKLV UKOV UMMV".Split(' '),
        ["PK"] = ["OPKR", "OPLR"],
    };

    private static readonly string[] Kinds = ["stated", "single_flight", "range", "up_to", "at_least", "includes_stop"];

    private sealed record Case(string Id, string From, string To, string Authority, string Type, string Closures, string Baseline,
        string Metric, string Kind, double Value, double? Low, double? High, string Url, string Date, string WhyItMisses = "");

    /// <summary>A row of standing-avoidance.csv: airspace avoided whatever the event by the operators answering to
    /// <paramref name="Authorities"/> (or "*": all) between two dates (inclusive; <paramref name="To"/> empty: still in force).</summary>
    private sealed record Standing(string Id, string[] AirspaceIds, string[] Authorities, string From, string To, string Url);

    private static List<string[]> ReadCsv(string relativePath, out string[] header)
    {
        var rows = new List<string[]>();
        string[]? h = null;
        foreach (var line in File.ReadAllLines(ReferenceData.RepoData(relativePath)))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var f = Cli.BatchCommandTests.SplitCsv(line);
            if (h is null) { h = f.ToArray(); continue; }
            Assert.That(f, Has.Count.EqualTo(h.Length), $"{relativePath}: {line}");
            rows.Add(f.ToArray());
        }
        header = h ?? throw new InvalidDataException($"{relativePath}: no header");
        return rows;
    }

    // The custom areas of standing-avoidance.csv (a GeoJSON file instead of catalog ids), by id.
    private static readonly Lazy<(List<Standing> List, Dictionary<string, Airspace> Custom)> StandingData = new(ReadStandingRows);
    private static Dictionary<string, Airspace> CustomAreas => StandingData.Value.Custom;
    private static List<Standing> StandingList => StandingData.Value.List;

    private static (List<Standing> List, Dictionary<string, Airspace> Custom) ReadStandingRows()
    {
        var list = new List<Standing>();
        var custom = new Dictionary<string, Airspace>(StringComparer.Ordinal);
        foreach (var f in ReadCsv("validation/standing-avoidance.csv", out var header))
        {
            string Get(string n) => f[Array.IndexOf(header, n)];
            string id = Get("id"), ids = Get("airspace"), file = Get("geojson");
            Assert.That(ids.Length > 0 ^ file.Length > 0, Is.True, $"standing-avoidance.csv {id}: airspace ids or a GeoJSON file, not both");
            if (file.Length > 0)
            {
                var loaded = AirspaceLoader.LoadGeoJson(ReferenceData.RepoData("validation/" + file), AirspaceLoadOptions.StrictDefault);
                Assert.That(loaded.Catalog.Ids, Is.EqualTo(new[] { id }), $"{file}: one feature, with the row's id");
                custom.Add(id, loaded.Catalog[id]);
            }
            list.Add(new Standing(id, file.Length > 0 ? [id] : ids.Split('+'), Get("authorities").Split('+'), Get("from"), Get("to"), Get("source_url")));
        }
        return (list, custom);
    }

    // A date of the CSVs (yyyy, yyyy-mm or yyyy-mm-dd) as a sortable yyyy-mm-dd, a partial date at its first day.
    private static string DayOf(string date) => date.Length switch { 4 => date + "-01-01", 7 => date + "-01", _ => date };

    /// <summary>The standing avoidance that binds a case's operator at its date (standing-avoidance.csv).</summary>
    private static IEnumerable<Standing> StandingFor(Case c) => StandingList.Where(s =>
        (s.Authorities.Contains("*") || s.Authorities.Contains(c.Authority)) &&
        string.CompareOrdinal(DayOf(c.Date), DayOf(s.From.Length == 0 ? "0001" : s.From)) >= 0 &&
        (s.To.Length == 0 || string.CompareOrdinal(DayOf(c.Date), DayOf(s.To)) <= 0));

    // A case's closure set with the standing avoidance added (empty stays empty when nothing stands).
    private static string WithStanding(string set, Case c)
    {
        var extra = StandingFor(c).SelectMany(s => s.AirspaceIds).ToList();
        return extra.Count == 0 ? set : string.Join('+', (set.Length == 0 ? [] : set.Split('+')).Concat(extra));
    }

    private static List<Case> ReadCases()
    {
        var cases = new List<Case>();
        foreach (var f in ReadCsv("validation/reroutes.csv", out var header))
        {
            string Get(string n) => f[Array.IndexOf(header, n)];
            double? Opt(string n) => Get(n).Length == 0 ? null : double.Parse(Get(n), Inv);
            cases.Add(new Case(Get("id"), Get("from"), Get("to"), Get("authority"), Get("type"), Get("closures"), Get("baseline_closures"),
                Get("metric"), Get("kind"), double.Parse(Get("value"), Inv), Opt("low"), Opt("high"), Get("source_url"), Get("source_date"), Get("why_it_misses")));
        }
        return cases;
    }

    // A set's airspace ids, sorted and distinct, so that the same airspace named two ways shares one planner.
    private static string[] Ids(string set) => set.Length == 0 ? [] :
        set.Split('+').SelectMany(p => Sets.TryGetValue(p, out var ids) ? ids : [p]).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether a modelled figure agrees with a published one of the given kind (README, reroutes.csv header).</summary>
    private static bool Consistent(Case c, double modelled) => c.Kind switch
    {
        "stated" or "single_flight" => Math.Abs(modelled / c.Value - 1) <= 0.10,
        "range" => modelled >= 0.9 * c.Low!.Value && modelled <= 1.1 * c.High!.Value,
        "up_to" or "includes_stop" => modelled <= 1.1 * c.Value,
        "at_least" => modelled >= 0.9 * c.Value,
        _ => throw new ArgumentException(c.Kind),
    };

    [Test]
    public void ConsistencyFollowsTheKindOfFigure()
    {
        Case C(string kind, double value, double? low = null, double? high = null) =>
            new("t", "A", "B", "IN", "A20N", "PK", "", "extra_minutes", kind, value, low, high, "https://x", "2025");
        Assert.That(Consistent(C("stated", 60), 54.1), Is.True);
        Assert.That(Consistent(C("stated", 60), 53.9), Is.False);
        Assert.That(Consistent(C("stated", 60), 66.1), Is.False);
        Assert.That(Consistent(C("range", 30, 15, 45), 14), Is.True);
        Assert.That(Consistent(C("range", 30, 15, 45), 13), Is.False);
        Assert.That(Consistent(C("range", 30, 15, 45), 49), Is.True);
        Assert.That(Consistent(C("range", 30, 15, 45), 50), Is.False);
        Assert.That(Consistent(C("up_to", 90), 0), Is.True);
        Assert.That(Consistent(C("up_to", 90), 100), Is.False);
        Assert.That(Consistent(C("at_least", 60), 55), Is.True);
        Assert.That(Consistent(C("at_least", 60), 53), Is.False);
        Assert.That(Consistent(C("includes_stop", 2500), 2700), Is.True);
    }

    /// <summary>
    /// The default route-efficiency factor is EUROCONTROL's European figure (RealismOptions); outside Europe the only
    /// published flown distances of whole pre-closure long-haul routes found are these two, both flown over the
    /// airspace later closed. The factor must agree with each flown/great-circle ratio within the rounding of the
    /// published distance ("about 12,500 km": ±250 km is ±0.02 of the ratio).
    /// </summary>
    [TestCase("HND", "LHR", 9850.0, "JL43 over Russia before 4 March 2022, Flightradar24 as quoted by https://tfitv.com/entry/2022/03/04/173812")]
    [TestCase("DEL", "ORD", 12500.0, "AI127 over Pakistan before 24 April 2025: https://www.flightradar24.com/blog/aviation-news/how-flying-around-pakistan-is-affecting-indian-airlines/")]
    public void DefaultRouteEfficiencyAgreesWithPublishedFlownDistancesOutsideEurope(string from, string to, double flownKm, string source)
    {
        var a = AirportDirectory.Bundled[from].Location; var b = AirportDirectory.Bundled[to].Location;
        double greatCircleKm = AirspaceSim.Geodesy.Wgs84.DistanceM(a, b) / 1000;
        double ratio = flownKm / greatCircleKm;
        TestContext.Out.WriteLine(string.Create(Inv, $"{from}-{to}: flown {flownKm:F0} km / great circle {greatCircleKm:F0} km = {ratio:F3} ({source})"));
        Assert.That(RealismOptions.Default.RouteEfficiencyFactor, Is.EqualTo(ratio).Within(0.02), source);
    }

    [Test]
    public void TerrainAreaMeetsPakistanSoThatNothingFliesBetween()
    {
        // Round Pakistan the exact route otherwise slips north between its tip in the Karakoram and the plateau: the
        // hand-drawn outline must overlap the FIR (not merely approach it) for the terrain to close that gap.
        var terrain = CustomAreas["TERRAIN-TIBET"].Geometry;
        Assert.That(terrain.Intersection(AirspaceCatalog.Bundled["OPLR"].Geometry).Area, Is.GreaterThan(0.1), "square degrees of overlap");
        // Kathmandu and Lhasa: an airport in the Himalaya's foothills stays outside, the plateau's capital inside.
        Assert.That(terrain.Contains(new NetTopologySuite.Geometries.Point(85.36, 27.70)), Is.False);
        Assert.That(terrain.Contains(new NetTopologySuite.Geometries.Point(90.91, 29.30)), Is.True);
        // The Pamirs (Murghab on the eastern Pamir plateau inside) close the gap between Afghanistan's Wakhan and the
        // Karakoram; Dushanbe, west of the range, stays outside.
        Assert.That(terrain.Contains(new NetTopologySuite.Geometries.Point(73.96, 38.17)), Is.True);
        Assert.That(terrain.Contains(new NetTopologySuite.Geometries.Point(68.78, 38.54)), Is.False);
        Assert.That(terrain.Intersection(AirspaceCatalog.Bundled["OAKX"].Geometry).Area, Is.GreaterThan(0.05), "square degrees of overlap with Kabul FIR's Wakhan");
    }

    [Test]
    public void TableIsRecomputedFromThePublishedFigures()
    {
        var cases = ReadCases();
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(12), "at least 12 published figures");
        var options = RealismOptions.Default;
        var model = FlightCostModel.Default;
        // The bundled climatology of each case's month (WindFor), loaded once each.
        var winds = GriddedWindField.BundledNames.ToDictionary(n => n, GriddedWindField.Bundled);
        foreach (var c in cases)
        {
            Assert.That(c.Url, Does.StartWith("https://").Or.StartWith("http://"), c.Id);
            Assert.That(c.Date, Does.Match(@"^\d{4}(-\d\d){0,2}$"), c.Id);
            Assert.That(c.Metric, Is.AnyOf("extra_minutes", "extra_km"), c.Id);
            Assert.That(c.Kind, Is.AnyOf(Kinds), c.Id);
            Assert.That(c.Kind == "range", Is.EqualTo(c.Low is not null && c.High is not null), $"{c.Id}: a range and only a range has low and high");
            if (c.Kind == "range") Assert.That(c.Value, Is.EqualTo((c.Low!.Value + c.High!.Value) / 2), $"{c.Id}: a range's value is its midpoint");
            Assert.That(c.Authority, Does.Match("^(EASA|[A-Z]{2})$"), c.Id);
            Assert.That(Ids(c.Baseline).Except(Ids(c.Closures)), Is.Empty, $"{c.Id}: the baseline's airspace is still avoided after the event");
        }
        foreach (var s in StandingList)
        {
            Assert.That(s.Url, Does.StartWith("https://").Or.StartWith("http://"), s.Id);
            Assert.That(s.From.Length == 0 || Regex.IsMatch(s.From, @"^\d{4}(-\d\d){0,2}$"), Is.True, s.Id);
            Assert.That(s.To.Length == 0 || Regex.IsMatch(s.To, @"^\d{4}(-\d\d){0,2}$"), Is.True, s.Id);
            Assert.That(s.Authorities, Is.Not.Empty.And.All.Match("^(\\*|EASA|[A-Z]{2})$"), s.Id);
            Assert.That(Closures(string.Join('+', s.AirspaceIds)), Is.Not.Empty, s.Id);
        }
        // Each case's input: its own sets with the standing avoidance of its operator and date added to both.
        cases = cases.Select(c => c with { Closures = WithStanding(c.Closures, c), Baseline = WithStanding(c.Baseline, c) }).ToList();

        // Every distinct closure set (the events' and the baselines') with no buffer and with the layer's margin, each
        // built once, concurrently: the builds of the sets containing Russia's 18 FIRs with a buffer are most of the
        // test's time, and they are independent. The sets share one obstacle cache, as a what-if run's planners do: a
        // cluster of closures that several sets hold alike (Russia's merged FIRs without a buffer, beside each set's
        // own others) is merged once, and each planner is the one it would have built alone (ObstacleCacheTests).
        var keys = cases.SelectMany(c => new[] { c.Closures, c.Baseline }).Where(s => s.Length > 0).Select(s => string.Join('+', Ids(s))).Distinct()
            .SelectMany(s => new[] { (s, 0.0), (s, RealisticRoute.PlannerBufferNm(Closures(s), 0, options)) }).Distinct().ToList();
        var planners = new ConcurrentDictionary<(string, double), DetourPlanner>();
        var obstacles = new ObstacleCache();
        var buildSeconds = new ConcurrentDictionary<(string, double), double>();
        Parallel.ForEach(keys.OrderByDescending(k => k.Item1.Length), k =>
        {
            var sw = Stopwatch.StartNew();
            planners[k] = DetourPlanner.Build(Closures(k.Item1), DetourPlannerOptions.Default with { BufferNm = k.Item2 }, obstacles);
            buildSeconds[k] = sw.Elapsed.TotalSeconds;
        });
        foreach (var (k, s) in buildSeconds.OrderByDescending(kv => kv.Value))
            TestContext.Out.WriteLine(string.Create(Inv, $"planner {k.Item1} buffer {k.Item2} NM: built in {s:F2} s"));
        TestContext.Out.WriteLine($"{keys.Count} planners: {obstacles.ClustersBuilt} merged or buffered clusters built for the {obstacles.ClustersRequested} they hold");

        var own = ReadCases().ToDictionary(c => c.Id);
        var rows = new string[cases.Count];
        var within = new bool?[cases.Count];
        var consistent = new bool[cases.Count];
        Parallel.For(0, cases.Count, i =>
        {
            var c = cases[i];
            var a = AirportDirectory.Bundled[c.From].Location; var b = AirportDirectory.Bundled[c.To].Location;
            var type = AircraftCatalog.Bundled[c.Type];
            bool minutes = c.Metric == "extra_minutes";
            // The case's wind: the bundled climatology of its month, and with it the wind-optimal choice (the default).
            var windName = WindFor(c);
            var caseOptions = windName is null ? options : options with { Wind = winds[windName] };
            // A set's geometric extra and modelled extra against the direct route; the empty baseline adds nothing.
            (double Geo, double Real, double Minutes) Extra(string set)
            {
                if (set.Length == 0) return (0, 0, 0);
                string key = string.Join('+', Ids(set));
                var closures = Closures(key);
                var geo = planners[(key, 0.0)].Plan(a, b);
                Assert.That(geo.Status, Is.Not.EqualTo(RouteStatus.Unreachable), $"{c.Id}: {set}");
                var real = RealisticRoute.Plan(planners[(key, RealisticRoute.PlannerBufferNm(closures, 0, options))], a, b, caseOptions, type, FlightConditions.Default, model);
                // Choosing by time never loses time against the shortest route flown in the same wind.
                if (real.MinutesSavedByTime is { } saved) Assert.That(saved, Is.GreaterThanOrEqualTo(-1e-6), $"{c.Id}: {set}");
                return minutes
                    ? (model.EstimateDetour(type, geo, FlightConditions.Default).ExtraMinutes, real.Cost!.ExtraMinutes, real.Cost!.ExtraMinutes)
                    : (geo.ExtraKm!.Value, real.ExtraKm!.Value, real.Cost!.ExtraMinutes);
            }
            var after = Extra(c.Closures);
            var before = Extra(c.Baseline);
            // In a wind the fastest route turns only at closure corners, so the larger closure set offers more turning
            // points and can be faster than the route round the baseline alone. The after route avoids the baseline
            // too, so the operator could have flown it before: the before route is the faster of the two (its
            // geometric figure stays the baseline's own shortest route).
            if (after.Minutes < before.Minutes) before = (before.Geo, after.Real, after.Minutes);
            // Differences of equal routes are 0 up to rounding: printed as 0, not -0.
            static double Z(double x) => Math.Abs(x) < 1e-6 ? 0 : x;
            double geoValue = Z(after.Geo - before.Geo), modelled = Z(after.Real - before.Real);
            // Without wind the layer only adds to a detour: a margin and a factor ≥ 1 never shorten it (against the
            // direct route). In a wind the detour can gain a tailwind the direct route lacks, so its extra can be less.
            if (windName is null) Assert.That(after.Real, Is.GreaterThanOrEqualTo(after.Geo - 1e-6), c.Id);
            double ratio = modelled / c.Value;
            bool point = c.Kind is "stated" or "single_flight" or "range";
            within[i] = point ? Math.Abs(ratio - 1) <= 0.10 : null;
            consistent[i] = Consistent(c, modelled);
            string unit = minutes ? "min" : "km";
            string published = c.Kind switch
            {
                "range" => string.Create(Inv, $"{c.Low:0}–{c.High:0} {unit}"),
                "up_to" => string.Create(Inv, $"up to {c.Value:0} {unit}"),
                "at_least" => string.Create(Inv, $"over {c.Value:0} {unit}"),
                "includes_stop" => string.Create(Inv, $"{c.Value:0} {unit} (with a stop)"),
                "single_flight" => string.Create(Inv, $"{c.Value:0} {unit} (one flight)"),
                _ => string.Create(Inv, $"{c.Value:0} {unit}"),
            };
            var o = own[c.Id];
            string closed = o.Baseline.Length == 0 ? o.Closures : $"{o.Closures} (before: {o.Baseline})";
            string standing = string.Join(", ", StandingFor(o).Select(s => s.Id)) is { Length: > 0 } st ? st : "—";
            // A figure the model misses says why (reroutes.csv why_it_misses), and one it meets says nothing: the reasons
            // cannot go stale when the model or the data change.
            bool misses = within[i] == false || !consistent[i];
            Assert.That(o.WhyItMisses.Length > 0, Is.EqualTo(misses), misses
                ? string.Create(Inv, $"{c.Id} misses ({modelled:0} {unit} against {published}, ratio {ratio:0.00}): give why_it_misses in reroutes.csv")
                : string.Create(Inv, $"{c.Id} is met ({modelled:0} {unit} against {published}): its why_it_misses must be empty"));
            rows[i] = string.Create(Inv, $"| {c.Id} | {c.From}–{c.To} ({c.Type}) | {closed} | {standing} | {windName ?? "—"} | {published} | {geoValue:0} {unit} | {modelled:0} {unit} | {ratio:0.00} | {(consistent[i] ? "yes" : "no")} | {(misses ? o.WhyItMisses.Replace("|", "\\|") : "")} | [{c.Date}]({c.Url}) |\n");
        });

        var sb = new StringBuilder();
        sb.Append("| case | route | closed | standing (before and after) | wind (climatology) | published | geometric bound | modelled (defaults) | modelled / published | consistent | why it misses | source |\n");
        sb.Append("|---|---|---|---|---|---:|---:|---:|---:|---|---|---|\n");
        foreach (var r in rows) sb.Append(r);
        int points = within.Count(w => w is not null), hits = within.Count(w => w == true);
        sb.Append(string.Create(Inv, $"\n{hits} of {points} stated, range and single-flight figures within ±10 % of the published figure (a range: of its midpoint); "));
        sb.Append(string.Create(Inv, $"{consistent.Count(x => x)} of {cases.Count} figures consistent with their kind (stated and single flight ±10 %, range widened by 10 %, \"up to\" and with a stop not exceeded by more than 10 %, \"over\" reached within 10 %).\n"));
        var path = ReferenceData.RepoData("validation/results.md");
        var text = "<!-- Generated by tests/AirspaceSim.Tests/Realism/ValidationTests.cs from reroutes.csv; do not edit. -->\n" + sb;
        if (Environment.GetEnvironmentVariable("AIRSPACESIM_REGENERATE") == "1") File.WriteAllText(path, text);
        Assert.That(File.Exists(path) ? File.ReadAllText(path) : "", Is.EqualTo(text),
            "data/validation/results.md is out of date: rerun with AIRSPACESIM_REGENERATE=1 and update the README table");
    }

    /// <summary>
    /// The bundled climatology for a case's month (the same rule for every case): June to September, when the
    /// subtropical jet lies north of the Himalayas and the tropical easterly jet blows (late June to early September),
    /// the July field, else the January one; the Caribbean and North Atlantic field for the Venezuelan closures, the
    /// Eurasian (global) one otherwise; null (no wind) for a case dated by its year only.
    /// </summary>
    private static string? WindFor(Case c)
    {
        if (c.Date.Length < 7) return null;
        int month = int.Parse(c.Date.AsSpan(5, 2), Inv);
        string season = month is >= 6 and <= 9 ? "july" : "january";
        string region = Ids(c.Closures).Contains("SVZM") ? "caribbean-north-atlantic" : "eurasia";
        return $"{region}-{season}";
    }

    private static IReadOnlyList<Airspace> Closures(string set) =>
        Ids(set).Select(id => CustomAreas.TryGetValue(id, out var a) ? a : AirspaceCatalog.Bundled[id]).ToList();
}
