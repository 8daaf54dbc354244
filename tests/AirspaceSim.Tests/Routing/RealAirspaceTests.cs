using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>The bundled Maiquetía (SVZM) and Curaçao (TNCF) FIRs with real airports.</summary>
[TestFixture]
public class RealAirspaceTests
{
    private static readonly GeoPoint Ams = new(52.3086, 4.7639), Cur = new(12.1889, -68.9598), Gru = new(-23.4356, -46.4731),
        Mia = new(25.7932, -80.2906), Aua = new(12.5014, -70.0152), Ccs = new(10.6012, -66.9912);

    private static readonly Lazy<DetourPlanner> Svzm = new(() => DetourPlanner.Build([TestAirspaces.Bundled("SVZM")]));

    [Test]
    public void DetoursAroundSvzm()
    {
        var svzm = TestAirspaces.Bundled("SVZM");
        foreach (var (a, b) in new[] { (Ams, Cur), (Cur, Ams), (Gru, Mia), (Mia, Gru) })
        {
            var plan = Svzm.Value.Plan(a, b);
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), $"{a}→{b}: {Describe(plan)}");
            Assert.That(plan.Crossed, Is.EqualTo(new[] { "SVZM" }));
            Assert.That(plan.ExtraKm, Is.GreaterThan(0));
            AssertNeverEnters(plan, [svzm]);
        }
    }

    [Test]
    public void MiamiArubaIsDirect()
    {
        var plan = Svzm.Value.Plan(Mia, Aua);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Direct), Describe(plan));
        Assert.That(plan.Crossed, Is.Empty);
        Assert.That(plan.ExtraKm, Is.EqualTo(0));
    }

    [Test]
    public void CaracasIsInsideSvzm()
    {
        var plan = Svzm.Value.Plan(Ams, Ccs);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Unreachable));
        Assert.That(plan.Reason, Does.Contain("SVZM"));
    }

    [Test]
    public void WithTncfClosedTooArubaAndCuracaoAreUnreachable()
    {
        var planner = DetourPlanner.Build([TestAirspaces.Bundled("SVZM"), TestAirspaces.Bundled("TNCF")]);
        foreach (var (a, b) in new[] { (Ams, Cur), (Mia, Aua), (Cur, Mia), (Aua, Ams) })
        {
            var plan = planner.Plan(a, b);
            Assert.That(plan.Status, Is.EqualTo(RouteStatus.Unreachable), $"{a}→{b}: {Describe(plan)}");
            Assert.That(plan.Reason, Does.Contain("TNCF"));
        }
        Assert.That(planner.Plan(Gru, Mia).Status, Is.EqualTo(RouteStatus.Detour));
    }

    [Test]
    public void BufferedCuracaoStaysReachable()
    {
        var svzm = TestAirspaces.Bundled("SVZM");
        var planner = DetourPlanner.Build([svzm], bufferNm: 25);
        var plain = Svzm.Value.Plan(Ams, Cur);
        var plan = planner.Plan(Ams, Cur);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour), Describe(plan));
        Assert.That(plan.ArrivesThroughBuffer, Is.True);
        Assert.That(plan.DepartsThroughBuffer, Is.False);
        Assert.That(plan.RouteKm!.Value, Is.GreaterThan(plain.RouteKm!.Value));
        // Never much longer either: the unbuffered route offset by d costs at most its total turning times d more (the
        // convex-wrap bound), and joining an end in the band from the offset route adds at most d. (A planner that
        // forbade reaching a buffer corner from outside the band once flew 400 km further, west of Aruba.)
        double turning = 0;
        var w = plain.Waypoints.Select(Vec3.FromGeo).ToArray();
        for (int i = 1; i + 1 < w.Length; i++)
        {
            var n1 = w[i - 1].Cross(w[i]); var n2 = w[i].Cross(w[i + 1]);
            turning += Math.Abs(Math.Atan2(n1.Cross(n2).Dot(w[i]), n1.Dot(n2)));
        }
        double dKm = 25 * Units.MetresPerNm / 1000;
        Assert.That(plan.SphereRad - plain.SphereRad, Is.LessThanOrEqualTo((turning + 1) * dKm / Sphere.MeanRadiusKm * (1 + 1e-9)),
            $"buffered {Describe(plan)} vs plain {Describe(plain)}, turning {turning:R} rad");
        AssertNeverEnters(plan, [svzm]);
        var back = planner.Plan(Cur, Ams);
        Assert.That(back.DepartsThroughBuffer, Is.True);
        Assert.That(back.SphereRad, Is.EqualTo(plan.SphereRad).Within(1e-9 * plan.SphereRad));
    }

    [Test]
    public void ReferenceCasesMatchBruteForce()
    {
        var path = ReferenceData.Require("routes/svzm-cases.csv");
        var svzm = TestAirspaces.Bundled("SVZM");
        var bf = new BruteForceShortestPath([svzm]);
        Assert.That(bf.VertexCount, Is.EqualTo(114));
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0).ToList();
        Assert.That(lines, Has.Count.EqualTo(52));
        int unreachable = 0, detour = 0;
        foreach (var line in lines)
        {
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            var from = new GeoPoint(D(5), D(6)); var to = new GeoPoint(D(7), D(8));
            var plan = Svzm.Value.Plan(from, to);
            double expected = bf.Shortest(Vec3.FromGeo(from), Vec3.FromGeo(to));
            string what = $"{f[0]} {f[1]}→{f[2]} ({f[9]}): {Describe(plan)}";
            bool endInside = svzm.Region.Contains(from) || svzm.Region.Contains(to);
            if (endInside || double.IsPositiveInfinity(expected))
            {
                Assert.That(endInside, Is.True, $"brute force finds no route although no end is inside SVZM: {what}");
                Assert.That(double.IsPositiveInfinity(expected), Is.True, what);
                Assert.That(plan.Status, Is.EqualTo(RouteStatus.Unreachable), what);
                Assert.That(plan.Reason, Does.Contain("SVZM"), what);
                unreachable++;
                continue;
            }
            Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), what);
            Assert.That(plan.SphereRad, Is.EqualTo(expected).Within(1e-9 * expected), what);
            AssertNeverEnters(plan, [svzm], 50, f[0]);
            if (plan.Status == RouteStatus.Detour) detour++;
        }
        TestContext.Out.WriteLine($"{lines.Count} cases: {detour} detours, {unreachable} unreachable");
    }

    [Test]
    public void NoClosuresMeansEveryRouteIsDirect()
    {
        var planner = DetourPlanner.Build([]);
        Assert.That(planner.NodeCount, Is.Zero);
        var plan = planner.Plan(Ams, Cur);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Direct));
        Assert.That(plan.RouteKm, Is.EqualTo(plan.DirectKm));
        Assert.That(planner.PlanAll([]), Is.Empty);
    }
}
