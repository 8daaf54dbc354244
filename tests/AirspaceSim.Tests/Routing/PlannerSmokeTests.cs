using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Tests.Routing;

public class PlannerSmokeTests
{
    [Test]
    public void Print()
    {
        var planner = DetourPlanner.Build([TestAirspaces.Bundled("SVZM")]);
        TestContext.Out.WriteLine($"nodes {planner.NodeCount} edges {planner.EdgeCount} vertices {planner.VertexCount}");
        var ams = new GeoPoint(52.3086, 4.7639); var cur = new GeoPoint(12.1889, -68.9598);
        var gru = new GeoPoint(-23.4356, -46.4731); var mia = new GeoPoint(25.7932, -80.2906);
        var ccs = new GeoPoint(10.6012, -66.9912); var aua = new GeoPoint(12.5014, -70.0152);
        foreach (var (a, b) in new[] { (ams, cur), (cur, ams), (gru, mia), (mia, gru), (mia, aua), (ams, ccs) })
        {
            var r = planner.Plan(a, b);
            TestContext.Out.WriteLine($"{a} -> {b}: {r.Status} {r.RouteKm:F1} direct {r.DirectKm:F1} extra {r.ExtraKm:F1} via {string.Join(" ", r.Waypoints)} crossed {string.Join(",", r.Crossed)} {r.Reason}");
        }
        var both = DetourPlanner.Build([TestAirspaces.Bundled("SVZM"), TestAirspaces.Bundled("TNCF")]);
        TestContext.Out.WriteLine($"merged nodes {both.NodeCount} edges {both.EdgeCount} vertices {both.VertexCount}");
        foreach (var (a, b) in new[] { (ams, cur), (mia, aua), (gru, mia) })
        {
            var r = both.Plan(a, b);
            TestContext.Out.WriteLine($"{a} -> {b}: {r.Status} {r.RouteKm:F1} via {string.Join(" ", r.Waypoints)} {r.Reason}");
        }
        var buf = DetourPlanner.Build([TestAirspaces.Bundled("SVZM")], bufferNm: 25);
        TestContext.Out.WriteLine($"buffered nodes {buf.NodeCount} edges {buf.EdgeCount} vertices {buf.VertexCount} overshoot {buf.BufferOvershootKm}");
        foreach (var (a, b) in new[] { (ams, cur), (cur, ams), (gru, mia), (mia, aua) })
        {
            var r = buf.Plan(a, b);
            TestContext.Out.WriteLine($"{a} -> {b}: {r.Status} {r.RouteKm:F1} excess<= {r.BufferExcessBoundKm:F3} dep {r.DepartsThroughBuffer} arr {r.ArrivesThroughBuffer} via {string.Join(" ", r.Waypoints)} {r.Reason}");
        }
    }
}
