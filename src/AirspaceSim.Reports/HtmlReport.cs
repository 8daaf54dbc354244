using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AirspaceSim.Data;
using AirspaceSim.Simulation;

namespace AirspaceSim.Reports;

/// <summary>What goes into an HTML report beside the result.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The map's size (inline SVG; it scales with the page).</summary>
    public ImageOptions Map { get; init; } = new() { WidthPx = 1200, HeightPx = 760 };

    /// <summary>Each chart's size.</summary>
    public ImageOptions Chart { get; init; } = new() { WidthPx = 700, HeightPx = 460 };

    /// <summary>Where the flights' ends are resolved for the map (the bundled airports when null), as the simulator did.</summary>
    public AirportDirectory? Airports { get; init; }

    /// <summary>A Monte Carlo run of the same scenario: when given, the report adds its section (the spread of every
    /// total, the cost histogram with P5/P50/P95, and per flight the share of draws of each outcome).</summary>
    public MonteCarloResult? MonteCarlo { get; init; }

    /// <summary>In a sweep's report, the point (0-based, in the sweep's order) whose map, charts, flight table and group
    /// tables are shown; the first by default.</summary>
    public int SweepPointIndex { get; init; }
}

/// <summary>
/// A what-if result as one self-contained HTML page: the scenario and its sources, the assumptions and model limits,
/// totals, the map and the charts as inline SVG, a sortable table with one row per flight, and a table per grouping.
/// Nothing is loaded from the network (no external script, style, font or image); every text is HTML-encoded.
/// </summary>
public static partial class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The id of the flight table (one <c>&lt;tr&gt;</c> per flight in its <c>&lt;tbody&gt;</c>).</summary>
    public const string FlightTableId = "flights";

    /// <summary>The id of a sweep report's sweep table (one <c>&lt;tr&gt;</c> per value in its <c>&lt;tbody&gt;</c>).</summary>
    public const string SweepTableId = "sweep";

    /// <summary>What the model leaves out, said on every report beside the listed assumptions.</summary>
    public const string ModelLimits =
        "Routes are the shortest paths around the closed airspaces on the WGS84 Earth, not filed routes: airways, " +
        "ATC restrictions, winds aloft beyond the stated wind, and traffic are not modelled; fuel, time and cost come " +
        "from the cost model named above, for the stated aircraft types and default loads.";

    /// <summary>The report of <paramref name="runs"/> (a buffer sweep's runs; the first is mapped and tabled in full).</summary>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static string Write(IReadOnlyList<SimulationResult> runs) => Write(runs, null);

    /// <summary>As <see cref="Write(IReadOnlyList{SimulationResult})"/>, with <paramref name="options"/> (the defaults when null).</summary>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static string Write(IReadOnlyList<SimulationResult> runs, HtmlReportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("no runs to report", nameof(runs));
        options ??= new HtmlReportOptions();
        var r = runs[0];
        var h = new StringBuilder();
        AppendHead(h, r.Scenario);
        if (runs.Count > 1)
            h.Append("<p>A buffer sweep of ").Append(runs.Count).Append(" runs: the totals of each are below; the map and the tables show the first.</p>\n");
        AppendAssumptions(h, r.CostModel, r.Scenario.Assumptions.Concat(r.Assumptions).ToList(), []);

        h.Append("<h2>Totals</h2>\n");
        AppendTotalsTable(h, runs);
        AppendMapAndCharts(h, r, options, "Map");
        if (options.MonteCarlo is { } mc) AppendMonteCarlo(h, mc, options.Chart);
        AppendFlightsGroupsAndEnd(h, r);
        return h.ToString();
    }

    /// <summary>
    /// The report of a sweep (<see cref="Sweeps.Run(Scenario, SimulationOptions, SweepParameter, IReadOnlyList{double})"/>): the sweep table (one row per value, id
    /// <see cref="SweepTableId"/>) and chart, the flights whose outcome or extras change with the value, and the map, charts,
    /// flight table and group tables of one point (<see cref="HtmlReportOptions.SweepPointIndex"/>, the first by default).
    /// </summary>
    /// <remarks>One map, not one per value: the points of a sweep share their flights and closures, and what a value changes
    /// (a buffer of tens of NM, a price, a wind) is a few pixels or nothing at a region's scale, so small multiples would be
    /// near-identical pictures at half the size each; the tables show the differences in figures instead.</remarks>
    /// <exception cref="ArgumentException">A sweep with no points.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="HtmlReportOptions.SweepPointIndex"/> is not a point of the sweep.</exception>
    public static string Write(SweepResult sweep, HtmlReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(options);
        if (sweep.Points.Count == 0) throw new ArgumentException("a sweep with no points", nameof(sweep));
        int shown = options.SweepPointIndex;
        if (shown < 0 || shown >= sweep.Points.Count)
            throw new ArgumentOutOfRangeException(nameof(options), shown, $"SweepPointIndex {shown} is not a point of the sweep (0–{sweep.Points.Count - 1})");
        var point = sweep.Points[shown];
        var r = point.Result;
        string name = sweep.Name, unit = sweep.Unit;
        string shownText = $"{name} = {V(point.Value)} {unit}";
        var h = new StringBuilder();
        AppendHead(h, r.Scenario);
        h.Append("<p class=\"sweep-lead\">A sweep of <b>").Append(E(name)).Append("</b> (").Append(E(unit)).Append(") over ").Append(sweep.Points.Count)
         .Append(sweep.Points.Count == 1 ? " value: " : " values: ").Append(E(string.Join(", ", sweep.Points.Select(p => V(p.Value)))))
         .Append(". One run per value, everything else as the scenario states; the sweep table and chart give each value's totals, the map and the flight and group tables show the run with ")
         .Append(E(shownText)).Append(".</p>\n");

        // The assumptions every point shares, then those that change with the value (the cost model states its price, wind...).
        var lists = sweep.Points.Select(p => p.Result.Scenario.Assumptions.Concat(p.Result.Assumptions).ToList()).ToList();
        var common = lists[0].Where(a => lists.All(l => l.Contains(a))).ToList();
        var varying = sweep.Points.Select((p, i) => (p.Value, List: lists[i].Where(a => !common.Contains(a)).ToList())).Where(x => x.List.Count > 0).ToList();
        AppendAssumptions(h, string.Join(" / ", sweep.Points.Select(p => p.Result.CostModel).Distinct()), common, varying.Select(x => ($"{name} = {V(x.Value)}", x.List)).ToList());

        h.Append("<h2>Sweep of ").Append(E(name)).Append("</h2>\n");
        AppendSweepTable(h, sweep, shown);
        h.Append("<figure class=\"sweep-chart\">").Append(Inline(Charts.SvgText(Charts.SweepPlot(sweep), options.Chart), "sw")).Append("</figure>\n");
        AppendSweepFlights(h, sweep);

        AppendMapAndCharts(h, r, options, $"Map ({shownText})");
        AppendFlightsGroupsAndEnd(h, r);
        return h.ToString();
    }

    private static void AppendHead(StringBuilder h, Scenario s)
    {
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>").Append(E(s.Name)).Append(" — AirspaceSim what-if</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(E(s.Name)).Append("</h1>\n");
        if (s.Description is { } d) h.Append("<p class=\"lead\">").Append(E(d)).Append("</p>\n");
        AppendScenario(h, s);
    }

    /// <summary>The id of the closures table (one <c>&lt;tr&gt;</c> per closure of the scenario).</summary>
    public const string ClosureTableId = "closures";

    // What was closed, when, for whom: the scenario's closures as the simulator reads them.
    private static void AppendScenario(StringBuilder h, Scenario s)
    {
        h.Append("<h2>Scenario</h2>\n<p>");
        if (s.PeriodStart is { } ps) h.Append("Period ").Append(ps.ToString("yyyy-MM-dd", Inv)).Append(" to ").Append((s.PeriodEnd ?? ps).ToString("yyyy-MM-dd", Inv)).Append(" (UTC); ");
        h.Append(s.Closures.Count).Append(s.Closures.Count == 1 ? " closure" : " closures").Append(".</p>\n");
        if (s.Closures.Count == 0) return;
        h.Append("<table id=\"").Append(ClosureTableId).Append("\">\n<thead><tr><th>closure</th><th>airspaces and airports</th><th>levels</th><th>bans</th><th>applies to</th>")
         .Append("<th>from UTC</th><th>to UTC</th><th>notice UTC</th><th>buffer NM</th></tr></thead>\n<tbody>\n");
        foreach (var c in s.Closures)
        {
            var where = c.AirspaceIds.Concat(c.Airspaces.Select(a => a.Id)).Distinct(StringComparer.Ordinal).Concat(c.Airports.Select(a => "airport " + a));
            string applies = c.AppliesTo.Kind switch
            {
                ApplicabilityKind.Everyone => "everyone",
                ApplicabilityKind.States => "operators of " + string.Join(", ", c.AppliesTo.Codes),
                ApplicabilityKind.Airlines => "airlines " + string.Join(", ", c.AppliesTo.Codes),
                _ => "everyone except operators of " + string.Join(", ", c.AppliesTo.Codes),
            };
            h.Append("<tr><td>").Append(E(c.Id)).Append("</td><td>").Append(E(string.Join(", ", where))).Append("</td><td>").Append(E(c.Band.ToString()))
             .Append("</td><td>").Append(c.Bans switch { ClosureBans.Overflight => "overflight", ClosureBans.Airports => "airports", _ => "overflight and airports" })
             .Append("</td><td>").Append(E(applies)).Append("</td><td>").Append(Utc(c.StartUtc)).Append("</td><td>").Append(c.EndUtc is { } e ? Utc(e) : "open-ended")
             .Append("</td><td>").Append(c.NoticeUtc is { } n ? Utc(n) : "at the start").Append("</td><td class=\"n\">").Append(c.BufferNm.ToString(Inv)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");

        static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", Inv);
    }

    // A short paragraph; the full list (the scenario's, the cost model's and the simulator's) folds out below it.
    private static void AppendAssumptions(StringBuilder h, string costModel, IReadOnlyList<string> assumptions, IReadOnlyList<(string Label, List<string> List)> varying)
    {
        h.Append("<h2>Assumptions and model limits</h2>\n<p class=\"assumptions\">Cost model: ").Append(E(costModel)).Append(". ")
         .Append(E(ModelLimits)).Append("</p>\n");
        if (assumptions.Count > 0)
        {
            h.Append("<details><summary>").Append(assumptions.Count).Append(" stated assumptions</summary>\n<ul class=\"assumptions\">\n");
            foreach (var a in assumptions) h.Append("<li>").Append(E(Sentence(a))).Append("</li>\n");
            h.Append("</ul></details>\n");
        }
        if (varying.Count > 0)
        {
            h.Append("<details><summary>Assumptions that change with the swept value</summary>\n<ul class=\"assumptions\">\n");
            foreach (var (label, list) in varying)
                h.Append("<li><b>").Append(E(label)).Append("</b>: ").Append(E(string.Join(" ", list.Select(Sentence)))).Append("</li>\n");
            h.Append("</ul></details>\n");
        }
    }

    private static void AppendMapAndCharts(StringBuilder h, SimulationResult r, HtmlReportOptions options, string mapHeading)
    {
        h.Append("<h2>").Append(E(mapHeading)).Append("</h2>\n<figure class=\"map\">")
         .Append(Inline(MapImage.Svg(MapContent.FromSimulation(r, options.Airports), options.Map), "map"))
         .Append("</figure>\n");
        h.Append("<h2>Charts</h2>\n<div class=\"charts\">");
        h.Append("<figure>").Append(Inline(Charts.SvgText(Charts.RouteMinutes(r), options.Chart), "c1")).Append("</figure>");
        h.Append("<figure>").Append(Inline(Charts.SvgText(Charts.OperatorCost(r), options.Chart), "c2")).Append("</figure>");
        h.Append("</div>\n");
    }

    private static void AppendFlightsGroupsAndEnd(StringBuilder h, SimulationResult r)
    {
        var s = r.Scenario;
        h.Append("<h2>Flights</h2>\n<p>").Append(r.Flights.Count).Append(" flights; click a heading to sort.</p>\n");
        AppendFlightTable(h, r);

        h.Append("<h2>Groups</h2>\n");
        foreach (var g in Enum.GetValues<GroupBy>())
        {
            h.Append("<h3>By ").Append(SimulationReport.Text(g)).Append("</h3>\n");
            AppendGroupTable(h, r, g);
        }

        if (s.Sources.Count > 0)
        {
            h.Append("<h2>Sources</h2>\n<ul class=\"sources\">\n");
            foreach (var src in s.Sources)
            {
                h.Append("<li><span class=\"id\">").Append(E(src.Id)).Append("</span> ").Append(E(src.Title));
                if (src.Url is { } u) h.Append(" — <span class=\"url\">").Append(E(u)).Append("</span>");
                h.Append("</li>\n");
            }
            h.Append("</ul>\n");
        }
        h.Append("<p class=\"credits\">").Append(E(MapImage.Credits)).Append(". Made with AirspaceSim and ScottPlot.</p>\n");
        h.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
    }

    private static void AppendSweepTable(StringBuilder h, SweepResult sweep, int shown)
    {
        h.Append("<table class=\"sortable totals\" id=\"").Append(SweepTableId).Append("\">\n<thead><tr><th data-type=\"num\">").Append(E($"{sweep.Name}, {sweep.Unit}"))
         .Append("</th><th data-type=\"num\">flights</th><th>outcomes</th><th data-type=\"num\">extra km</th><th data-type=\"num\">extra min</th>")
         .Append("<th data-type=\"num\">extra fuel kg</th><th data-type=\"num\">extra CO2 kg</th><th data-type=\"num\">extra cost US$</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < sweep.Points.Count; i++)
        {
            var (value, run) = (sweep.Points[i].Value, sweep.Points[i].Result);
            var t = run.Totals;
            h.Append(i == shown ? "<tr class=\"shown\">" : "<tr>").Append("<td class=\"n\">").Append(E(V(value))).Append("</td><td class=\"n\">").Append(t.Flights)
             .Append("</td><td>").Append(E(Counts(t))).Append("</td>");
            AppendFigures(h, t.ExtraKm, t.ExtraMinutes, t.ExtraFuelKg, t.ExtraCo2Kg, t.ExtraCostUsd);
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    // The flights whose outcome, extra minutes or extra cost is not the same at every value: what the sweep changes, per flight.
    private static void AppendSweepFlights(StringBuilder h, SweepResult sweep)
    {
        var first = sweep.Points[0].Result.Flights;
        h.Append("<h3>Flights that change with ").Append(E(sweep.Name)).Append("</h3>\n");
        // The points are variants of one simulator, so their flights are the same, in the same order; say so if not.
        if (sweep.Points.Any(p => p.Result.Flights.Count != first.Count || p.Result.Flights.Where((f, i) => f.Flight.Id != first[i].Flight.Id).Any()))
        {
            h.Append("<p>The points do not list the same flights; see each value's totals above.</p>\n");
            return;
        }
        var changing = Enumerable.Range(0, first.Count).Where(i => sweep.Points.Select(p => p.Result.Flights[i])
            .Select(f => (f.Outcome, f.ExtraMinutes, f.ExtraCostUsd)).Distinct().Count() > 1).ToList();
        if (changing.Count == 0) { h.Append("<p>None: every flight has the same outcome and extras at every value.</p>\n"); return; }
        h.Append("<p>").Append(changing.Count).Append(" of ").Append(first.Count).Append(" flights; per value the outcome, extra minutes and extra cost in US$.</p>\n");
        h.Append("<table class=\"sortable\" id=\"sweep-flights\">\n<thead><tr><th>flight</th><th>route</th>");
        foreach (var p in sweep.Points)
            h.Append("<th>").Append(E($"{sweep.Name} {V(p.Value)}: outcome")).Append("</th><th data-type=\"num\">min</th><th data-type=\"num\">US$</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (int i in changing)
        {
            var f0 = first[i];
            h.Append("<tr><td>").Append(E(f0.Flight.Id)).Append("</td><td>").Append(E($"{f0.From}-{f0.To}")).Append("</td>");
            foreach (var p in sweep.Points)
            {
                var f = p.Result.Flights[i];
                h.Append("<td>").Append(SimulationReport.Text(f.Outcome)).Append("</td><td class=\"n\">").Append(f.ExtraMinutes.ToString("F1", Inv))
                 .Append("</td><td class=\"n\">").Append(f.ExtraCostUsd.ToString("F2", Inv)).Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static string V(double v) => v.ToString(Inv);

    private static void AppendTotalsTable(StringBuilder h, IReadOnlyList<SimulationResult> runs)
    {
        bool sweep = runs.Count > 1;
        h.Append("<table class=\"totals\">\n<thead><tr>").Append(sweep ? "<th>buffer NM</th>" : "")
         .Append("<th>flights</th><th>outcomes</th><th>extra km</th><th>extra min</th><th>extra fuel kg</th><th>extra CO2 kg</th><th>extra cost US$</th></tr></thead>\n<tbody>\n");
        foreach (var run in runs)
        {
            var t = run.Totals;
            h.Append("<tr>");
            if (sweep) h.Append("<td>").Append(run.Scenario.Closures.Select(c => c.BufferNm).DefaultIfEmpty(0).Max().ToString(Inv)).Append("</td>");
            h.Append("<td class=\"n\">").Append(t.Flights).Append("</td><td>").Append(E(Counts(t))).Append("</td>");
            AppendFigures(h, t.ExtraKm, t.ExtraMinutes, t.ExtraFuelKg, t.ExtraCo2Kg, t.ExtraCostUsd);
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static void AppendMonteCarlo(StringBuilder h, MonteCarloResult mc, ImageOptions chart)
    {
        h.Append("<h2>Uncertainty (Monte Carlo)</h2>\n<p>").Append(mc.Draws.Count).Append(" draws, seed ").Append(mc.Header.Seed.ToString(Inv))
         .Append("; percentiles ").Append(E(MonteCarlo.PercentileDefinition)).Append(".</p>\n");
        h.Append("<table class=\"totals\">\n<thead><tr><th>total</th><th>mean</th><th>P5</th><th>P50</th><th>P95</th></tr></thead>\n<tbody>\n");
        foreach (var (name, sp) in mc.Totals)
            h.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"n\">").Append(sp.Mean.ToString(Inv)).Append("</td><td class=\"n\">")
             .Append(sp.P5.ToString(Inv)).Append("</td><td class=\"n\">").Append(sp.P50.ToString(Inv)).Append("</td><td class=\"n\">")
             .Append(sp.P95.ToString(Inv)).Append("</td></tr>\n");
        h.Append("</tbody>\n</table>\n<figure>").Append(Inline(Charts.SvgText(Charts.Distribution(mc), chart), "mc")).Append("</figure>\n");
        // Only the flights whose outcome varies between draws: the others are in the flight table with their one outcome.
        var varying = mc.Flights.Where(f => f.OutcomeDraws.Count(kv => kv.Value > 0) > 1).ToList();
        h.Append("<h3>Flights whose outcome depends on the draw</h3>\n");
        if (varying.Count == 0) { h.Append("<p>None: every flight has the same outcome in every draw.</p>\n"); return; }
        h.Append("<table class=\"sortable\" id=\"mc-flights\">\n<thead><tr><th>flight</th><th>route</th><th>outcomes (share of draws)</th>")
         .Append("<th data-type=\"num\">P50 extra cost US$</th><th data-type=\"num\">P95 extra cost US$</th></tr></thead>\n<tbody>\n");
        foreach (var f in varying)
        {
            string shares = string.Join(", ", f.OutcomeDraws.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value)
                .Select(kv => string.Create(Inv, $"{SimulationReport.Text(kv.Key)} {100.0 * kv.Value / mc.Draws.Count:0.0} %")));
            h.Append("<tr><td>").Append(E(f.Flight.Id)).Append("</td><td>").Append(E($"{f.Flight.From}-{f.Flight.To}")).Append("</td><td>")
             .Append(E(shares)).Append("</td><td class=\"n\">").Append(f.ExtraCostUsd.P50.ToString(Inv)).Append("</td><td class=\"n\">")
             .Append(f.ExtraCostUsd.P95.ToString(Inv)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static void AppendFlightTable(StringBuilder h, SimulationResult r)
    {
        h.Append("<table class=\"sortable\" id=\"").Append(FlightTableId).Append("\">\n<thead><tr>")
         .Append("<th>flight</th><th>route</th><th>operator</th><th>type</th><th>departure UTC</th><th>outcome</th>")
         .Append("<th data-type=\"num\">extra km</th><th data-type=\"num\">extra min</th><th data-type=\"num\">extra fuel kg</th>")
         .Append("<th data-type=\"num\">extra CO2 kg</th><th data-type=\"num\">extra cost US$</th><th>reason</th></tr></thead>\n<tbody>\n");
        foreach (var f in r.Flights)
        {
            h.Append("<tr class=\"").Append(SimulationReport.Text(f.Outcome)).Append("\"><td>").Append(E(f.Flight.Id)).Append("</td><td>")
             .Append(E($"{f.From}-{f.To}")).Append("</td><td>").Append(E(f.Flight.Airline)).Append("</td><td>").Append(E(f.Flight.AircraftType))
             .Append("</td><td>").Append(f.Flight.DepartureUtc.ToString("yyyy-MM-dd HH:mm", Inv)).Append("</td><td>").Append(SimulationReport.Text(f.Outcome)).Append("</td>");
            AppendFigures(h, f.ExtraKm, f.ExtraMinutes, f.ExtraFuelKg, f.ExtraCo2Kg, f.ExtraCostUsd);
            h.Append("<td>").Append(E(f.Reason + (f.Alternate != null ? $" [{f.Alternate}]" : ""))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static void AppendGroupTable(StringBuilder h, SimulationResult r, GroupBy g)
    {
        var groups = r.Group(g).OrderByDescending(x => x.Totals.ExtraCostUsd).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        if (groups.Count == 0) { h.Append("<p>None.</p>\n"); return; }
        h.Append("<table class=\"sortable group\">\n<thead><tr><th>").Append(SimulationReport.Text(g)).Append("</th><th data-type=\"num\">flights</th><th>outcomes</th>")
         .Append("<th data-type=\"num\">extra km</th><th data-type=\"num\">extra min</th><th data-type=\"num\">extra fuel kg</th><th data-type=\"num\">extra CO2 kg</th><th data-type=\"num\">extra cost US$</th></tr></thead>\n<tbody>\n");
        foreach (var (key, t) in groups)
        {
            h.Append("<tr><td>").Append(E(key)).Append("</td><td class=\"n\">").Append(t.Flights).Append("</td><td>").Append(E(Counts(t))).Append("</td>");
            AppendFigures(h, t.ExtraKm, t.ExtraMinutes, t.ExtraFuelKg, t.ExtraCo2Kg, t.ExtraCostUsd);
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    // The figures as the text and CSV writers round them (km, min and kg to 0.1, US$ to 0.01).
    private static void AppendFigures(StringBuilder h, decimal km, decimal min, decimal fuel, decimal co2, decimal usd)
    {
        foreach (var (v, fmt) in new[] { (km, "F1"), (min, "F1"), (fuel, "F1"), (co2, "F1"), (usd, "F2") })
            h.Append("<td class=\"n\">").Append(v.ToString(fmt, Inv)).Append("</td>");
    }

    private static string Counts(Totals t) =>
        string.Join(", ", t.ByOutcome.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {SimulationReport.Text(kv.Key)}"));

    private static string Sentence(string s) => s.Length == 0 || s[^1] is '.' or '!' or '?' ? s : s + ".";

    private static string E(string text) => System.Net.WebUtility.HtmlEncode(text);

    [GeneratedRegex("((?<![\\w-])id=\"|url\\(#|href=\"#)([A-Za-z_][\\w.-]*)")]
    private static partial Regex SvgIds();

    /// <summary>An SVG inlined: without its XML declaration, its ids prefixed (ScottPlot numbers clip paths the same in
    /// every image, and ids are shared by the whole page), scaling with the page.</summary>
    private static string Inline(string svg, string prefix)
    {
        var body = Svg.Inline(svg);
        body = SvgIds().Replace(body, m => m.Groups[1].Value + prefix + "-" + m.Groups[2].Value);
        // Width and height become a viewBox, so the figure shrinks with a narrow window.
        var size = Regex.Match(body, "^<svg([^>]*?) width=\"(\\d+)\" height=\"(\\d+)\"");
        return size.Success
            ? $"<svg{size.Groups[1].Value} viewBox=\"0 0 {size.Groups[2].Value} {size.Groups[3].Value}\" role=\"img\"" + body[size.Length..]
            : body;
    }

    private const string Css =
        "body{font-family:system-ui,-apple-system,'Segoe UI','DejaVu Sans',sans-serif;margin:2em auto;max-width:1250px;padding:0 1em;color:#222;line-height:1.4}" +
        "h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}.lead{color:#444}.assumptions{font-size:.95em;color:#333}" +
        "table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left}" +
        "th{background:#f3f3f3}table.sortable th{cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums}" +
        "tr.cancelled td:nth-child(6){color:#b01c1c;font-weight:bold}#sweep tr.shown td{background:#fff6e0}tr.rerouted td:nth-child(6){color:#b35f00}" +
        "figure{margin:0}figure svg{width:100%;height:auto}.sweep-chart{max-width:760px}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1em}" +
        ".sources .id{font-family:monospace;color:#555}.url{word-break:break-all;color:#555}.credits{font-size:.85em;color:#666;margin-top:2em}";

    // Sorts a table by the clicked column (numbers by value); a second click reverses.
    private const string Script =
        "document.querySelectorAll('table.sortable').forEach(function(t){t.tHead.querySelectorAll('th').forEach(function(th,i){" +
        "th.addEventListener('click',function(){var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),num=th.dataset.type==='num'," +
        "dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';rows.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent;" +
        "return dir*(num?parseFloat(a)-parseFloat(c):a.localeCompare(c));});rows.forEach(function(r){b.appendChild(r);});});});});";
}
