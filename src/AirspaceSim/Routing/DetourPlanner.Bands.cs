using System.Runtime.CompilerServices;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

// Route ends inside a buffer band: the departure (arrival) may cross the band, turning around closure corners.
public sealed partial class DetourPlanner
{
    private readonly record struct BandCorner(Vec3 V, Vec3 Prev, Vec3 Next, GeoPoint Geo);

    // The line from closure corner c towards x is tangent at c (both neighbours on one side), as at any turning point.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TangentAt(in BandCorner c, in Vec3 x) => Tangent(c.V, x, c.Prev, c.Next);

    // A leg inside the band of obstacle `band` from p (the origin, or closure corner `from`) to closure corner c: clear
    // of the closure and of every other obstacle, and never leaving the band.
    private bool InBandLeg(in Vec3 p, BandCorner? from, in BandCorner c, int band, out double rad)
    {
        rad = 0;
        if (p == c.V || Predicates.NearlyAntipodal(p, c.V)) return false;
        if (!TangentAt(c, p) || from is { } f && !TangentAt(f, c.V)) return false;
        var x = new EdgeCrosser(p, c.V);
        if (Blocked(x, band, -1) || BandCrossings(x, band) != 0) return false;
        rad = Vec3.Angle(p, c.V);
        return true;
    }

    // The last leg from closure corner c (in the origin's band) to the destination.
    private bool CornerSeesEnd(in BandCorner c, in Vec3 d, int bandO, int bandD, out double rad)
    {
        rad = 0;
        if (c.V == d || Predicates.NearlyAntipodal(c.V, d) || !TangentAt(c, d)) return false;
        var x = new EdgeCrosser(c.V, d);
        if (Blocked(x, bandO, bandD)) return false;
        if (BandCrossings(x, bandO) > (bandD == bandO ? 2 : 1)) return false;
        if (bandD >= 0 && bandD != bandO && BandCrossings(x, bandD) > 1) return false;
        rad = Vec3.Angle(c.V, d);
        return true;
    }

    private RoutePlan Reversed(RoutePlan r, GeoPoint from, GeoPoint to) => r with
    {
        From = from,
        To = to,
        Waypoints = r.Waypoints.Reverse().ToArray(),
        LegKm = r.LegKm.Reverse().ToArray(),
        DepartsThroughBuffer = r.ArrivesThroughBuffer,
        ArrivesThroughBuffer = r.DepartsThroughBuffer,
        DepartureBufferRule = r.ArrivalBufferRule,
        ArrivalBufferRule = r.DepartureBufferRule,
        Reason = r.Reason,
    };

    // A route found by the corner rule (Search with the origin in a band): the origin's side turned around the
    // closure's corners (else the strict rule would have found it); a destination in a band was reached straight.
    private static RoutePlan WithCornerRule(RoutePlan r, int bandD) => r.Status == RouteStatus.Unreachable ? r : r with
    {
        DepartureBufferRule = BufferEndRule.AroundClosure,
        ArrivalBufferRule = bandD >= 0 ? BufferEndRule.StraightLeg : BufferEndRule.None,
    };
}
