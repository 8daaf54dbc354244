using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using FsCheck;
using FsCheck.Fluent;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// The strict rule for a route end inside a buffer band (one straight leg through the band, docs/design.md) against
/// the independent <see cref="BandEndBruteForce"/>, on random closures (<see cref="RandomScenarios"/>) with ends
/// sampled inside the bands.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class BandEndRuleTests
{
    private const double BufferNm = 30;
    private static readonly double BufferRad = BufferNm * Units.MetresPerNm / Sphere.MeanRadiusM;

    private static Airspace AsAirspace(string id, IReadOnlyList<Vec3[]> loops)
    {
        var rings = loops.Select(l => TestAirspaces.Ring(l.Select(v => v.ToGeo()).Select(g => (g.LatDeg, g.LonDeg)).ToArray())).ToArray();
        return new Airspace(id, id, AirspaceKind.Other, TestAirspaces.Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
    }

    /// <summary>
    /// Under the strict rule the planner's length lies between the brute force's and the brute force's less its
    /// sampling bound; where the planner falls back to the corner rule, the brute force finds no strict route either.
    /// Both directions (the end in the band as origin and as destination). Corners cut coarsely (8 per turn) to keep
    /// the brute force small.
    /// </summary>
    [Test]
    public void StrictRuleEqualsBruteForce() => StrictRuleEqualsBruteForce(null, 40, 31, 10);

    /// <summary>
    /// As <see cref="StrictRuleEqualsBruteForce()"/> with the second closure at a buffer of its own (0 or 10 NM beside the
    /// first's 30): the brute force takes the planner's boundary and the closures, so it judges the per-closure buffers'
    /// bands (an end in the first's band, merged with a second closure kept at a smaller buffer) the same way.
    /// </summary>
    [TestCase(0.0)]
    [TestCase(10.0)]
    public void StrictRuleEqualsBruteForce_SecondClosureAtItsOwnBuffer(double secondNm) =>
        StrictRuleEqualsBruteForce(secondNm, 20, 37, 4);

    private static void StrictRuleEqualsBruteForce(double? secondNm, int cases, ulong seed, int minDetours)
    {
        int compared = 0, detours = 0, fallbacks = 0, ownBufferMatters = 0;
        int refinedCount = 0;
        long maxGapMm = 0; // brute force − planner, the sampling's share, in mm
        Prop.ForAll(Arb.From(RandomScenarios.Of(ScenarioKind.Local)), s =>
        {
            var closures = s.Closures(2);
            var own = secondNm is { } nm && closures.Length > 1 ? new Dictionary<string, double> { [closures[1].Id] = nm } : null;
            var planner = DetourPlanner.Build(closures, new DetourPlannerOptions { BufferNm = BufferNm, BufferNmByAirspaceId = own, CornerSegments = 8, LegLengthKm = SphereKm });
            var loops = planner.PlanningBoundaries;
            var brute = new BandEndBruteForce(closures, loops, loops.Select((l, i) => AsAirspace($"B{i}", l)).ToArray());
            // With a buffer of its own for the second closure: the planner with 30 NM from both, to count the cases where it matters.
            var uniform = own is null ? null : DetourPlanner.Build(closures, new DetourPlannerOptions { BufferNm = BufferNm, CornerSegments = 8, LegLengthKm = SphereKm });
            var t = Vec3.FromGeo(s.To);
            if (brute.BandOf(t) >= 0) return;
            long bits = BitConverter.DoubleToInt64Bits(s.From.LatDeg) * 31 + BitConverter.DoubleToInt64Bits(s.To.LonDeg);
            var rnd = new Random((int)(bits ^ (bits >> 32)));
            var ring = s.Polygons[0].Ring;
            for (int tries = 0, found = 0; tries < 20 && found < 2; tries++)
            {
                var (lat, lon) = ring[rnd.Next(ring.Length)];
                var e = Offset(Vec3.FromLatLonDeg(lat, lon), (0.1 + 0.85 * rnd.NextDouble()) * BufferRad, rnd.NextDouble() * 2 * Math.PI);
                if (closures.Any(a => a.Region.Contains(e)) || brute.BandOf(e) < 0) continue;
                found++;
                double expected = brute.Shortest(e, t);
                foreach (bool departs in new[] { true, false })
                {
                    var plan = departs ? planner.Plan(e.ToGeo(), s.To) : planner.Plan(s.To, e.ToGeo());
                    var rule = departs ? plan.DepartureBufferRule : plan.ArrivalBufferRule;
                    string what = $"{(departs ? "from" : "to")} {e.ToGeo()}: {Describe(plan)} rule {rule}; brute force {expected:R}";
                    if (plan.Status == RouteStatus.Unreachable || rule == BufferEndRule.AroundClosure)
                    {
                        Assert.That(expected, Is.EqualTo(double.PositiveInfinity), what);
                        Interlocked.Increment(ref fallbacks);
                        continue;
                    }
                    Assert.That(rule, Is.EqualTo(BufferEndRule.StraightLeg), what);
                    Assert.That(plan.SphereRad, Is.LessThanOrEqualTo(expected * (1 + 1e-9)), what);
                    Assert.That(plan.SphereRad, Is.GreaterThanOrEqualTo(expected - brute.ExcessBoundRad), what);
                    if (expected - plan.SphereRad > brute.ExcessBoundRad / 8)
                    {
                        // A large gap must be the sampling's: with samples 8 times denser it shrinks below their bound.
                        var fine = new BandEndBruteForce(closures, loops, brute.Buffered, brute.SpacingRad / 8, brute.Free);
                        double refined = fine.Shortest(e, t, expected); // the coarse answer is a valid route: it only prunes
                        Assert.That(plan.SphereRad, Is.LessThanOrEqualTo(refined * (1 + 1e-9)), $"{what}; refined {refined:R}");
                        Assert.That(plan.SphereRad, Is.GreaterThanOrEqualTo(refined - fine.ExcessBoundRad), $"{what}; refined {refined:R}");
                        Interlocked.Increment(ref refinedCount);
                    }
                    Interlocked.Increment(ref compared);
                    if (uniform != null && Math.Abs((departs ? uniform.Plan(e.ToGeo(), s.To) : uniform.Plan(s.To, e.ToGeo())).SphereRad - plan.SphereRad) > 1e-9)
                        Interlocked.Increment(ref ownBufferMatters);
                    long gapMm = (long)((expected - plan.SphereRad) * KmPerRad * 1e6);
                    long seen;
                    while (gapMm > (seen = Interlocked.Read(ref maxGapMm)) && Interlocked.CompareExchange(ref maxGapMm, gapMm, seen) != seen) { }
                    if (plan.Status == RouteStatus.Detour) Interlocked.Increment(ref detours);
                }
            }
        }).Check(RandomScenarios.Config(cases, seed));
        TestContext.Out.WriteLine($"{compared} compared ({detours} detours), {fallbacks} fell back to the corner rule; " +
                                  $"brute force at most {maxGapMm / 1e6:F6} km longer (bound {2 * BandEndBruteForce.DefaultSpacingRad * KmPerRad:F3} km), " +
                                  $"{refinedCount} gaps above an eighth of it confirmed with samples 8 times denser" +
                                  (secondNm is null ? "" : $"; {ownBufferMatters} differ from 30 NM from both"));
        Assert.That(detours, Is.GreaterThan(minDetours));
        if (secondNm is not null) Assert.That(ownBufferMatters, Is.GreaterThan(0), "the second closure's own buffer must change some routes");
    }

    /// <summary>
    /// An airport at the end of an L-shaped bay of a closure, the whole bay inside the 30 NM band: every straight line
    /// from it meets the closure before it leaves the band, so the planner falls back to the corner rule and says so
    /// (both directions, same length, never inside the closure). An airport in the bay's straight arm leaves by one
    /// straight leg.
    /// </summary>
    [Test]
    public void AnAirportDeepInABayFallsBackToTheCornerRule()
    {
        var bay = TestAirspaces.FromLatLon("BAY", (0, 0), (0, 4), (2.0, 4), (2.0, 1.0), (3.4, 1.0), (3.4, 1.4), (2.4, 1.4), (2.4, 4), (4, 4), (4, 0));
        var planner = DetourPlanner.Build([bay], new DetourPlannerOptions { BufferNm = BufferNm, LegLengthKm = SphereKm });
        var deep = new GeoPoint(3.2, 1.2);
        var east = new GeoPoint(2.2, 8);
        var ab = planner.Plan(deep, east);
        var ba = planner.Plan(east, deep);
        Assert.That(ab.Status, Is.EqualTo(RouteStatus.Detour), Describe(ab));
        Assert.That((ab.DepartsThroughBuffer, ab.DepartureBufferRule, ab.ArrivalBufferRule), Is.EqualTo((true, BufferEndRule.AroundClosure, BufferEndRule.None)), Describe(ab));
        Assert.That((ba.ArrivesThroughBuffer, ba.ArrivalBufferRule, ba.DepartureBufferRule), Is.EqualTo((true, BufferEndRule.AroundClosure, BufferEndRule.None)), Describe(ba));
        Assert.That(ba.SphereRad, Is.EqualTo(ab.SphereRad).Within(1e-12), $"{Describe(ab)}; {Describe(ba)}");
        AssertNeverEnters(ab, [bay]);
        AssertNeverEnters(ba, [bay]);
        // The corner it turns around is the bay's inner corner, inside the band.
        Assert.That(ab.Waypoints, Has.Some.EqualTo(new GeoPoint(2.4, 1.4)), Describe(ab));

        var arm = planner.Plan(new GeoPoint(2.2, 3.0), east);
        Assert.That((arm.Status, arm.DepartsThroughBuffer, arm.DepartureBufferRule), Is.EqualTo((RouteStatus.Direct, true, BufferEndRule.StraightLeg)), Describe(arm));
    }
}
