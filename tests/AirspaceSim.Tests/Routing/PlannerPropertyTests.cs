using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using FsCheck;
using FsCheck.Fluent;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Property tests of <see cref="DetourPlanner"/> on random disjoint star-shaped closures (see
/// <see cref="RandomScenarios"/>): local clusters anywhere, around a pole, across the antimeridian, and Europe–South
/// America routes. Every property runs a fixed FsCheck replay seed and a bounded number of cases, so runs are
/// reproducible; a failure prints the whole scenario (coordinates in round-trip format).
/// </summary>
/// <remarks>The slowest tests of the suite; planners are immutable and thread-safe and each test builds its own, so
/// the tests run in parallel with each other.</remarks>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PlannerPropertyTests
{
    private const double BufferNm = 30;
    private static readonly double BufferRad = BufferNm * Units.MetresPerNm / Sphere.MeanRadiusM;

    private static void Check(int maxTest, ulong seed, Action<Scenario> property, Gen<Scenario>? gen = null) =>
        Prop.ForAll(Arb.From(gen ?? RandomScenarios.Any()), property).Check(RandomScenarios.Config(maxTest, seed));

    private static DetourPlanner Planner(IEnumerable<Airspace> closures, double bufferNm = 0, int cornerSegments = 64) =>
        DetourPlanner.Build(closures, new DetourPlannerOptions { BufferNm = bufferNm, CornerSegments = cornerSegments, LegLengthKm = SphereKm });

    /// <summary>
    /// The buffered graph is planned exactly too: with both ends outside every band, the planner's length equals the
    /// brute force run on the planner's own buffered boundary (as plain polygons). Corners are cut coarsely (8 per
    /// turn) to keep the O(n³) brute force small.
    /// </summary>
    [Test]
    public void BufferedLengthEqualsBruteForceOnTheBufferedBoundary()
    {
        int compared = 0, detours = 0;
        Check(40, 7, s =>
        {
            var closures = s.Closures(1);
            var planner = Planner(closures, BufferNm, 8);
            var plan = planner.Plan(s.From, s.To);
            if (plan.DepartsThroughBuffer || plan.ArrivesThroughBuffer) return;
            var buffered = planner.PlanningBoundaries.Select((loops, i) => AsAirspace($"B{i}", loops)).ToArray();
            double expected = new BruteForceShortestPath(buffered).Shortest(Vec3.FromGeo(s.From), Vec3.FromGeo(s.To));
            if (double.IsPositiveInfinity(expected))
                Assert.That(plan.Status, Is.EqualTo(RouteStatus.Unreachable), Describe(plan));
            else
                Assert.That(plan.SphereRad, Is.EqualTo(expected).Within(1e-9 * expected), $"{Describe(plan)}; brute force {expected:R}");
            Interlocked.Increment(ref compared);
            if (plan.Status == RouteStatus.Detour) Interlocked.Increment(ref detours);
        });
        TestContext.Out.WriteLine($"{compared} compared, {detours} detours");
        Assert.That(detours, Is.GreaterThan(2));
    }

    private static AirspaceSim.Airspaces.Airspace AsAirspace(string id, IReadOnlyList<Vec3[]> loops)
    {
        var rings = loops.Select(l => TestAirspaces.Ring(l.Select(v => v.ToGeo()).Select(g => (g.LatDeg, g.LonDeg)).ToArray())).ToArray();
        return new AirspaceSim.Airspaces.Airspace(id, id, AirspaceSim.Airspaces.AirspaceKind.Other,
            TestAirspaces.Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
    }

    [Test]
    public void LengthEqualsBruteForce()
    {
        int detours = 0, total = 0;
        Check(160, 1, s =>
        {
            var closures = s.Closures();
            var plan = Planner(closures).Plan(s.From, s.To);
            double bf = new BruteForceShortestPath(closures).Shortest(Vec3.FromGeo(s.From), Vec3.FromGeo(s.To));
            Interlocked.Increment(ref total);
            if (plan.Status == RouteStatus.Detour) Interlocked.Increment(ref detours);
            if (double.IsPositiveInfinity(bf))
            {
                Assert.That(plan.Status, Is.EqualTo(RouteStatus.Unreachable), $"brute force finds no route; planner {Describe(plan)}");
                return;
            }
            Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), $"brute force {bf:R}; planner {Describe(plan)}");
            Assert.That(plan.SphereRad, Is.EqualTo(bf).Within(1e-9 * bf + 1e-15), $"planner {Describe(plan)}");
        });
        TestContext.Out.WriteLine($"{detours} detours in {total} cases");
        Assert.That(detours, Is.GreaterThan(total / 4), "too few blocked routes: the generator does not exercise the planner");
    }

    private static (DetourPlanner Fast, DetourPlanner Search) WithAndWithoutClosedForms(Airspace[] closures, double bufferNm) =>
        (DetourPlanner.Build(closures, new DetourPlannerOptions { BufferNm = bufferNm, CornerSegments = 64, LegLengthKm = SphereKm }), DetourPlanner.BuildWithoutHullShortcut(closures, bufferNm, SphereKm));

    // Plans a→b with the closed forms and with the graph search alone: same status and sphere length. Returns the
    // first plan and how it was found (0 search, 1 hull wrap, 2 pocket entry).
    private static (RoutePlan Plan, int WrapKind) AssertSameAsSearch(DetourPlanner fast, DetourPlanner search, GeoPoint a, GeoPoint b)
    {
        var x = fast.Plan(a, b);
        int kind = x.Status == RouteStatus.Detour ? fast.LastPlanWrapKind : 0;
        var y = search.Plan(a, b);
        Assert.That(search.LastPlanWrapKind, Is.Zero);
        string what = $"{RandomPolygon.F(a.LatDeg)},{RandomPolygon.F(a.LonDeg)} -> {RandomPolygon.F(b.LatDeg)},{RandomPolygon.F(b.LonDeg)}: shortcut {Describe(x)}; search {Describe(y)}";
        Assert.That(x.Status, Is.EqualTo(y.Status), what);
        Assert.That(x.SphereRad, Is.EqualTo(y.SphereRad).Within(1e-12 * y.SphereRad), what);
        return (x, kind);
    }

    /// <summary>
    /// The closed-form hull wrap (one blocking obstacle, both ends outside its hull) answers exactly what the graph
    /// search answers: same status and sphere length, with and without buffer, one to four closures.
    /// </summary>
    [TestCase(0.0, 11UL)]
    [TestCase(BufferNm, 12UL)]
    public void HullShortcutAgreesWithTheGraphSearch(double bufferNm, ulong seed)
    {
        int wrapped = 0, detours = 0;
        Check(160, seed, s =>
        {
            var closures = s.Closures();
            var (fast, search) = WithAndWithoutClosedForms(closures, bufferNm);
            var (a, kind) = AssertSameAsSearch(fast, search, s.From, s.To);
            if (a.Status == RouteStatus.Detour) Interlocked.Increment(ref detours);
            if (kind > 0) Interlocked.Increment(ref wrapped);
        });
        TestContext.Out.WriteLine($"{wrapped} of {detours} detours by the hull wrap");
        Assert.That(wrapped, Is.GreaterThan(detours / 4), "the shortcut is not exercised");
        Assert.That(wrapped, Is.LessThan(detours), "the graph search is not exercised");
    }

    /// <summary>
    /// Ends in pockets (inside a closure's convex hull, outside the closure), where the closed form enters the pocket
    /// at a lid corner: against the graph search (with and without buffer) and, unbuffered, against the brute force.
    /// Ends are sampled inside the first closure's bounding circle and paired with the scenario's other ends.
    /// </summary>
    [TestCase(0.0, 21UL)]
    [TestCase(3.0, 22UL)] // a narrow buffer, so that sampled ends are often outside the bands
    public void PocketEndsAgreeWithTheGraphSearchAndTheBruteForce(double bufferNm, ulong seed)
    {
        int wrapped = 0, detours = 0;
        Check(100, seed, s =>
        {
            var closures = s.Closures();
            var (fast, search) = WithAndWithoutClosedForms(closures, bufferNm);
            var brute = bufferNm == 0 ? new BruteForceShortestPath(closures) : null;
            var poly = s.Polygons[0];
            // Seeded from the scenario (HashCode is randomised per process), so that a run is reproducible.
            long bits = BitConverter.DoubleToInt64Bits(s.From.LatDeg) * 31 + BitConverter.DoubleToInt64Bits(s.To.LonDeg);
            var rnd = new Random((int)(bits ^ (bits >> 32)));
            for (int t = 0; t < 12; t++)
            {
                var pv = Offset(poly.Centre, Math.Sqrt(rnd.NextDouble()) * poly.RadiusRad, rnd.NextDouble() * 2 * Math.PI);
                if (closures.Any(a => a.Region.Contains(pv) || DistanceToClosure(pv, a) < 1.5e-5)) continue;
                var p = pv.ToGeo();
                foreach (var (a, b) in new[] { (p, s.To), (s.From, p) })
                {
                    var (x, kind) = AssertSameAsSearch(fast, search, a, b);
                    if (brute != null && x.Status != RouteStatus.Unreachable)
                    {
                        double bf = brute.Shortest(Vec3.FromGeo(a), Vec3.FromGeo(b));
                        Assert.That(x.SphereRad, Is.EqualTo(bf).Within(1e-9 * bf), $"{Describe(x)}; brute force {bf:R}");
                    }
                    if (x.Status == RouteStatus.Detour) Interlocked.Increment(ref detours);
                    if (kind == 2) Interlocked.Increment(ref wrapped);
                }
            }
        });
        TestContext.Out.WriteLine($"{wrapped} of {detours} detours by the pocket wrap");
        Assert.That(wrapped, Is.GreaterThanOrEqualTo(10), "the pocket shortcut is not exercised");
    }

    [Test]
    public void RouteNeverEntersAClosure() => Check(160, 2, s =>
    {
        var closures = s.Closures();
        var plan = Planner(closures).Plan(s.From, s.To);
        Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), Describe(plan));
        Assert.That(plan.Waypoints[0], Is.EqualTo(s.From));
        Assert.That(plan.Waypoints[^1], Is.EqualTo(s.To));
        AssertNeverEnters(plan, closures);
    });

    [Test]
    public void NeverShorterThanDirectAndSymmetric() => Check(160, 3, s =>
    {
        var planner = Planner(s.Closures());
        var ab = planner.Plan(s.From, s.To);
        var ba = planner.Plan(s.To, s.From);
        double direct = Vec3.Angle(Vec3.FromGeo(s.From), Vec3.FromGeo(s.To));
        Assert.That(ab.SphereRad, Is.GreaterThanOrEqualTo(direct - 1e-15), Describe(ab));
        Assert.That(ab.RouteKm, Is.GreaterThanOrEqualTo(ab.DirectKm - 1e-9), Describe(ab));
        Assert.That(ab.ExtraKm, Is.GreaterThanOrEqualTo(-1e-9));
        Assert.That(ab.Status == RouteStatus.Direct, Is.EqualTo(ab.Waypoints.Count == 2));
        Assert.That(ba.Status, Is.EqualTo(ab.Status), $"A→B {Describe(ab)}; B→A {Describe(ba)}");
        Assert.That(ba.SphereRad, Is.EqualTo(ab.SphereRad).Within(1e-9 * ab.SphereRad), $"A→B {Describe(ab)}; B→A {Describe(ba)}");
        Assert.That(ba.RouteKm!.Value, Is.EqualTo(ab.RouteKm!.Value).Within(1e-9 * ab.RouteKm!.Value));
    });

    [Test]
    public void AddingAClosureNeverShortensARoute() => Check(120, 4, s =>
    {
        var all = s.Closures();
        double previous = 0;
        for (int k = 0; k <= all.Length; k++)
        {
            var plan = Planner(all.Take(k)).Plan(s.From, s.To);
            Assert.That(plan.Status, Is.Not.EqualTo(RouteStatus.Unreachable), Describe(plan));
            Assert.That(plan.SphereRad, Is.GreaterThanOrEqualTo(previous * (1 - 1e-12)),
                $"with {k} closures {Describe(plan)} is shorter than with {k - 1}: {previous:R}");
            previous = plan.SphereRad;
        }
    });

    [Test]
    public void BufferedRouteKeepsItsDistance()
    {
        int unreachable = 0, band = 0;
        Check(60, 5, s =>
        {
            var closures = s.Closures();
            var plain = Planner(closures).Plan(s.From, s.To);
            var plan = Planner(closures, BufferNm).Plan(s.From, s.To);
            if (plan.Status == RouteStatus.Unreachable)
            {
                // Merged buffers of close closures may enclose an end: legitimate, but must say why.
                Assert.That(plan.Reason, Is.Not.Null.And.Not.Empty);
                Interlocked.Increment(ref unreachable);
                return;
            }
            var o = Vec3.FromGeo(s.From); var d = Vec3.FromGeo(s.To);
            bool oInBand = closures.Any(a => DistanceToClosure(o, a) < BufferRad * (1 - 1e-6));
            bool dInBand = closures.Any(a => DistanceToClosure(d, a) < BufferRad * (1 - 1e-6));
            Assert.That(plan.DepartsThroughBuffer, Is.EqualTo(oInBand).Or.EqualTo(true), "origin inside the band but not reported");
            Assert.That(plan.ArrivesThroughBuffer, Is.EqualTo(dInBand).Or.EqualTo(true), "destination inside the band but not reported");
            if (plan.DepartsThroughBuffer || plan.ArrivesThroughBuffer) Interlocked.Increment(ref band);

            AssertNeverEnters(plan, closures, 200, "buffered");
            var w = WaypointVectors(plan);
            // The departure (arrival) may cross the band: the legs from the origin up to the first waypoint outside the
            // band (from the last waypoint outside it to the destination), turning around closure corners on the way.
            bool InBand(Vec3 x) => closures.Any(a => DistanceToClosure(x, a) < BufferRad * (1 - 1e-6));
            int lastInBandFromStart = -1, firstInBandFromEnd = w.Length;
            if (plan.DepartsThroughBuffer) while (lastInBandFromStart + 1 < w.Length && InBand(w[lastInBandFromStart + 1])) lastInBandFromStart++;
            if (plan.ArrivesThroughBuffer) while (firstInBandFromEnd - 1 >= 0 && InBand(w[firstInBandFromEnd - 1])) firstInBandFromEnd--;
            for (int l = 0; l + 1 < w.Length; l++)
            {
                bool exempt = l <= lastInBandFromStart || l + 1 >= firstInBandFromEnd;
                if (exempt) continue;
                for (int k = 0; k <= 200; k++)
                {
                    if ((k == 0 && l == 0) || (k == 200 && l == w.Length - 2)) continue; // the ends themselves may be in a band only if flagged
                    var p = Slerp(w[l], w[l + 1], k / 200.0);
                    foreach (var a in closures)
                    {
                        double dist = DistanceToClosure(p, a);
                        if (dist < BufferRad * (1 - 1e-6))
                            Assert.Fail($"leg {l} sample {k}/200 at {p.ToGeo()} is {dist * KmPerRad:F6} km from {a.Id} " +
                                        $"< buffer {BufferRad * KmPerRad:F6} km; route {Describe(plan)}");
                    }
                }
            }
            Assert.That(plan.SphereRad, Is.GreaterThanOrEqualTo(plain.SphereRad * (1 - 1e-12)),
                $"buffered {Describe(plan)} shorter than unbuffered {Describe(plain)}");
            Assert.That(plan.BufferExcessBoundKm, Is.GreaterThanOrEqualTo(0));
            Assert.That(plan.BufferExcessBoundKm / plan.RouteKm!.Value, Is.LessThan(0.001), Describe(plan));
        });
        TestContext.Out.WriteLine($"buffered: {unreachable} unreachable, {band} with an end in a band");
    }

    [Test]
    public void CornerApproximationWithinReportedBound() => Check(10, 6, s =>
    {
        var closures = s.Closures();
        var coarse = Planner(closures, BufferNm, 64).Plan(s.From, s.To);
        var fine = Planner(closures, BufferNm, DetourPlanner.MaxCornerSegments).Plan(s.From, s.To);
        Assert.That(fine.Status == RouteStatus.Unreachable, Is.EqualTo(coarse.Status == RouteStatus.Unreachable),
            $"64: {Describe(coarse)}; {DetourPlanner.MaxCornerSegments}: {Describe(fine)}");
        if (coarse.Status == RouteStatus.Unreachable) return;
        double diffKm = Math.Abs(coarse.SphereRad - fine.SphereRad) * KmPerRad;
        Assert.That(diffKm, Is.LessThanOrEqualTo(coarse.BufferExcessBoundKm + 1e-9),
            $"64: {Describe(coarse)} bound {coarse.BufferExcessBoundKm:R} km; {DetourPlanner.MaxCornerSegments}: {Describe(fine)}");
    });

    /// <summary>
    /// The input FsCheck once found for a bound violation (seed 6, first case): the origin lies in the band, and the
    /// route must turn around a closure corner inside the band on its way out.
    /// </summary>
    [Test]
    public void CornerApproximationWithOriginInBand()
    {
        var p1 = TestAirspaces.FromLatLon("P1", (-10.845055608372911, -144.95387087997418), (-9.804604128025618, -145.48025507540868),
            (-9.239840513116283, -146.12795207704), (-7.928086323683338, -145.4529296398041), (-7.477560379675914, -146.09538307436642),
            (-7.862125416182611, -147.3722121684991), (-8.136955516765713, -148.0864680319957), (-8.38106890866685, -149.05788212389214),
            (-9.77495414191661, -147.81955768041362), (-10.951595335807886, -148.71301699441833), (-11.138388673105625, -147.96508886058578),
            (-12.42246164807672, -147.0829226262943), (-11.862957780728566, -145.82478018055468));
        var p2 = TestAirspaces.FromLatLon("P2", (-0.14493329468311406, -142.09565110447815), (0.5349404987013533, -141.65642469400308),
            (1.1328012044909628, -141.81971106141785), (1.4936400877163656, -142.48035106500112), (1.2149417377673406, -143.17297075186102),
            (0.40132459537239984, -143.3806428014031), (-0.1426144342900418, -142.96862401549487));
        var from = new GeoPoint(-9.407003350538814, -148.37042285243598);
        var to = new GeoPoint(5.086227671937071, -119.24453025965131);
        var coarse = Planner([p1, p2], BufferNm, 64).Plan(from, to);
        var fine = Planner([p1, p2], BufferNm, DetourPlanner.MaxCornerSegments).Plan(from, to);
        Assert.That(coarse.DepartsThroughBuffer, Is.True);
        double diffKm = Math.Abs(coarse.SphereRad - fine.SphereRad) * KmPerRad;
        Assert.That(diffKm, Is.LessThanOrEqualTo(coarse.BufferExcessBoundKm + 1e-9),
            $"64: {Describe(coarse)} bound {coarse.BufferExcessBoundKm:R} km; {DetourPlanner.MaxCornerSegments}: {Describe(fine)}");
    }
}
