using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Routing;
using AirspaceSim.Batch;

namespace AirspaceSim.Cli;

/// <summary>
/// The main job (no arguments): every route of the bundled Caribbean list against the bundled SVZM closure — WGS84
/// distance, whether and where the direct route crosses SVZM and how far it flies inside, and the shortest detour.
/// </summary>
internal static class ReportCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The closing hint: commands that work as typed for an installed tool (no repository files).</summary>
    internal const string TryHint =
        "Try: airspacesim route AMS CUR --format json   |   printf 'from,to\\nAMS,CUR\\nMIA,POS\\n' | airspacesim batch - --closed SVZM,TNCF --buffer-nm 25";

    public static int Run(CliIO io)
    {
        var svzm = AirspaceCatalog.Bundled["SVZM"];
        var airports = AirportDirectory.Bundled;
        var rows = BundledData.CaribbeanRoutes;
        var planner = DetourPlanner.Build([svzm]);
        var o = io.Out;
        o.WriteLine($"AirspaceSim: {rows.Count} routes of the bundled route list (data/routes/caribbean.csv in the repository) against the closed {svzm.Name} ({svzm.Id})");
        o.WriteLine("Distances are WGS84 geodesic lengths; entry/exit are where the direct great-circle route crosses the FIR boundary.");
        o.WriteLine();
        o.WriteLine($"{"route",-9} {"direct km",10} {"crosses",7} {"entry (lat,lon)",-20} {"exit (lat,lon)",-20} {"km inside",9}  {"status",-11} {"route km",9} {"extra km",9} {"extra %",7}");
        o.WriteLine(new string('-', 122));
        int crossing = 0, detours = 0, unreachable = 0;
        double totalExtra = 0, totalInside = 0;
        foreach (var row in rows)
        {
            var a = airports[row.From]; var b = airports[row.To];
            var cross = svzm.Cross(a.Location, b.Location);
            var plan = planner.Plan(a.Location, b.Location);
            string entry = "", exit = "";
            if (cross.Intervals.Count > 0)
            {
                var first = cross.Intervals[0]; var last = cross.Intervals[^1];
                entry = first.StartsInside ? "(starts inside)" : first.Entry.ToString();
                exit = last.EndsInside ? "(ends inside)" : last.Exit.ToString();
                crossing++;
                totalInside += cross.InsideKm;
            }
            if (plan.Status == RouteStatus.Detour) { detours++; totalExtra += plan.ExtraKm ?? 0; }
            if (plan.Status == RouteStatus.Unreachable) unreachable++;
            string more = cross.Intervals.Count > 1 ? string.Create(Inv, $" ({cross.Intervals.Count} passes)") : "";
            o.WriteLine(string.Create(Inv,
                $"{row.From + "-" + row.To,-9} {plan.DirectKm,10:F1} {(cross.Crosses ? "yes" : "no"),7} {entry,-20} {exit,-20} {(cross.Crosses ? cross.InsideKm.ToString("F1", Inv) : ""),9}  {RouteJson.StatusName(plan.Status),-11} {(plan.RouteKm is { } r ? r.ToString("F1", Inv) : "-"),9} {(plan.ExtraKm is { } x ? x.ToString("F1", Inv) : "-"),9} {(plan.ExtraPercent is { } p ? p.ToString("F2", Inv) : "-"),7}{more}"));
        }
        o.WriteLine(new string('-', 122));
        o.WriteLine(string.Create(Inv,
            $"{crossing} of {rows.Count} direct routes cross SVZM ({totalInside:F0} km inside in total); {detours} fly a detour (+{totalExtra:F0} km in total), {unreachable} are cancelled (an end lies inside SVZM)."));
        // The hint must work for an installed tool, which has no data/ folder: a route list on standard input.
        o.WriteLine(TryHint);
        return 0;
    }
}
