using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Cli;

/// <summary>
/// <c>airspacesim bench</c>: the detour-cost benchmark a user cares about — a route list (or the OpenFlights network)
/// against a closure: routes per second on one core and on all cores, next to the floor of measuring every route's
/// WGS84 length, and the cost totals. A quick Stopwatch measurement; the rigorous numbers come from
/// benchmarks/AirspaceSim.Benchmarks (BenchmarkDotNet).
/// </summary>
internal static class BenchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Most routes timed: 32 bytes each in memory (320 MB), and minutes per measurement at ~20 µs a route.</summary>
    private const int MaxTimedRoutes = 10_000_000;

    public static Command Create(CliIO io)
    {
        var routes = new Argument<string?>("ROUTES") { Description = "CSV with columns from,to (default: the bundled Caribbean list).", Arity = ArgumentArity.ZeroOrOne };
        var openflights = new Option<string?>("--openflights") { Description = "Folder with OpenFlights routes.dat and airports.dat: bench the whole network instead.", HelpName = "FOLDER" };
        var minRoutes = NumberOptions.Int("--min-routes", $"Repeat the list until at least this many routes are timed, 1 to {MaxTimedRoutes}.",
            10_000, 1, MaxTimedRoutes, "the timed list is held in memory and planned seven times per measurement");
        var planning = new PlanningOptions();
        var cmd = new Command("bench", "Time the planner on a route list or the OpenFlights network and report the detour costs.");
        cmd.Arguments.Add(routes);
        cmd.Options.Add(openflights);
        cmd.Options.Add(minRoutes);
        planning.AddTo(cmd);
        cmd.SetAction(parse => CliApp.Guard(io, () =>
        {
            var sw = Stopwatch.StartNew();
            var ctx = planning.Load(parse, io);
            double buildMs = sw.Elapsed.TotalMilliseconds;
            var (pairs, source, skipped, firstSkip) = LoadPairs(ctx, parse.GetValue(routes), parse.GetValue(openflights));
            if (pairs.Count == 0)
                throw new CliException($"{source}: no routes to time{(skipped > 0 ? $": all {skipped} rows skipped, the first because {firstSkip}" : "")}");
            int min = parse.GetValue(minRoutes);
            var timed = new List<(GeoPoint From, GeoPoint To)>(Math.Max(min, pairs.Count));
            while (timed.Count < min) timed.AddRange(pairs);

            var plans = ctx.Planner.PlanAll(pairs); // warm-up, and the cost totals
            double floor = Time(() => { double m = 0; foreach (var (a, b) in timed) m += Wgs84.DistanceM(a, b); return m; });
            double one = Time(() => ctx.Planner.PlanAll(timed, 1).Count);
            double all = Time(() => ctx.Planner.PlanAll(timed).Count);

            var cost = BatchCommand.Summarize(plans.Select(r => r.Plan));
            var o = io.Out;
            int n = timed.Count;
            o.WriteLine($"routes      {pairs.Count} from {source}{(skipped > 0 ? $" ({skipped} rows skipped: unknown codes or bad rows)" : "")}, timed {n} (repeated)");
            o.WriteLine(string.Create(Inv, $"closed      {RouteOutput.Closed(ctx.Planner)}; planner: {ctx.Planner.VertexCount} vertices, {ctx.Planner.NodeCount} corners, {ctx.Planner.EdgeCount} graph edges; load and build {buildMs:F0} ms"));
            o.WriteLine(string.Create(Inv, $"floor       {floor * 1e6 / n,8:F2} us/route   (WGS84 length of every direct route, 1 core)"));
            o.WriteLine(string.Create(Inv, $"plan        {one * 1e6 / n,8:F2} us/route   {n / one,12:N0} routes/s on 1 core   ({one / floor:F2} x floor)"));
            o.WriteLine(string.Create(Inv, $"plan        {all * 1e6 / n,8:F2} us/route   {n / all,12:N0} routes/s on {Environment.ProcessorCount} cores ({one / all:F2} x speed-up)"));
            o.WriteLine(string.Create(Inv, $"cost        {cost.Affected} of {pairs.Count} routes affected: {cost.Detour} detour (+{cost.TotalExtraKm:F0} km in total, {cost.MeanExtraKm:F1} km mean), {cost.Unreachable} unreachable{(cost.Errors > 0 ? $", {cost.Errors} errors" : "")}"));
            return 0;
        }));
        return cmd;
    }

    private static double Time(Func<double> work)
    {
        // Warm up first, for two seconds: the JIT compiles hot code in tiers, through an instrumented tier (dynamic
        // PGO) that can run several times slower for the best part of a second; a long batch runs on the last tier.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2) work();
        double best = double.PositiveInfinity;
        // Best of five: the least disturbed run is the closest to the machine's real speed.
        for (int r = 0; r < 5; r++)
        {
            var sw = Stopwatch.StartNew();
            work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static (List<(GeoPoint, GeoPoint)> Pairs, string Source, int Skipped, string? FirstSkip) LoadPairs(PlanningContext ctx, string? routesPath, string? openflightsDir)
    {
        var pairs = new List<(GeoPoint, GeoPoint)>();
        int skipped = 0;
        string? firstSkip = null;
        if (openflightsDir != null)
        {
            string airportsFile = Path.Combine(openflightsDir, "airports.dat"), routesFile = Path.Combine(openflightsDir, "routes.dat");
            if (!Directory.Exists(openflightsDir))
                throw new CliException($"--openflights: {(File.Exists(openflightsDir) ? $"{openflightsDir} is a file; give the folder that holds airports.dat and routes.dat" : $"folder not found: {openflightsDir}")}");
            if (!File.Exists(airportsFile) || !File.Exists(routesFile))
                throw new CliException($"--openflights: {openflightsDir} must hold airports.dat and routes.dat");
            var airports = AirportDirectory.FromOpenFlights(airportsFile);
            foreach (var r in OpenFlightsRoutes.Read(routesFile))
            {
                if (airports.TryGet(r.From, out var a) && airports.TryGet(r.To, out var b) && a.Location != b.Location) pairs.Add((a.Location, b.Location));
                else { skipped++; firstSkip ??= $"line {r.LineNumber}: unknown code or same airport ({r.From}-{r.To})"; }
            }
            return (pairs, routesFile, skipped, firstSkip);
        }
        IReadOnlyList<RouteListRow> rows;
        string source;
        if (routesPath == null) { rows = BundledData.CaribbeanRoutes; source = "the bundled data/routes/caribbean.csv"; }
        else { CliApp.RequireFile(routesPath, "route list"); rows = RouteListReader.ReadFile(routesPath); source = routesPath; }
        foreach (var row in rows)
        {
            try
            {
                var a = ctx.Airports.Resolve(row.From).Point;
                var b = ctx.Airports.Resolve(row.To).Point;
                if (a != b) pairs.Add((a, b));
                else { skipped++; firstSkip ??= $"line {row.LineNumber}: origin and destination are the same point"; }
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException)
            {
                skipped++;
                firstSkip ??= $"line {row.LineNumber}: {e.Message}";
            }
        }
        return (pairs, source, skipped, firstSkip);
    }
}
