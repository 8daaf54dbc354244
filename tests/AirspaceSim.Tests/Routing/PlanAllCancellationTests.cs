using System.Collections;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Tests.Routing;

/// <summary>DetourPlanner.PlanAll with a cancellation token (the brief: cancellation on long operations): the same
/// answers when not cancelled, and a stop when cancelled, proved without timing by a pair list that cancels the token
/// when a given pair is read.</summary>
public class PlanAllCancellationTests
{
    private static readonly DetourPlanner Planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);

    private static (GeoPoint, GeoPoint)[] Pairs(int n) => Enumerable.Range(0, n)
        .Select(i => (new GeoPoint(20 - i % 17, -75 + i % 11), new GeoPoint(-5 + i % 7, -55 - i % 13))).ToArray();

    // The `at`-th read (of any pair, by any thread) cancels the token; counts the reads. By count, not by index: with
    // two threads the one holding the range with a given index can be descheduled while the other runs ahead through
    // several ranges (a bound by index failed under load, 2,146 reads against 1,630).
    private sealed class CancellingList((GeoPoint, GeoPoint)[] pairs, int at, CancellationTokenSource cts) : IReadOnlyList<(GeoPoint From, GeoPoint To)>
    {
        private int _reads;
        public int Reads => Volatile.Read(ref _reads);
        public int Count => pairs.Length;
        public (GeoPoint From, GeoPoint To) this[int index]
        {
            get
            {
                if (Interlocked.Increment(ref _reads) == at) cts.Cancel();
                return pairs[index];
            }
        }
        public IEnumerator<(GeoPoint From, GeoPoint To)> GetEnumerator() => ((IEnumerable<(GeoPoint, GeoPoint)>)pairs).Select(p => ((GeoPoint From, GeoPoint To))p).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Test]
    public void NotCancelledItAnswersAsWithoutAToken()
    {
        var pairs = Pairs(600);
        var a = Planner.PlanAll(pairs);
        var b = Planner.PlanAll(pairs, 2, CancellationToken.None);
        Assert.That(b.Select(r => r.Plan!.Waypoints), Is.EqualTo(a.Select(r => r.Plan!.Waypoints)));
        Assert.That(a.Count(r => r.Plan!.Status == RouteStatus.Detour), Is.GreaterThan(50), "enough of them go round SVZM");
    }

    [Test]
    public void ACancelledTokenStopsBeforeAnyRoute()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var list = new CancellingList(Pairs(600), -1, cts);
        Assert.Throws<OperationCanceledException>(() => Planner.PlanAll(list, -1, cts.Token));
        Assert.That(list.Reads, Is.Zero);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void CancelledMidwayItStopsWithinAFewRanges(int threads)
    {
        using var cts = new CancellationTokenSource();
        var list = new CancellingList(Pairs(20_000), 600, cts);
        Assert.That(() => Planner.PlanAll(list, threads, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        // The token is checked before each route, so once it is cancelled each thread finishes at most the route it is
        // on (each route reads its pair twice, for its ends) and reads no further pair.
        Assert.That(list.Reads, Is.LessThanOrEqualTo(600 + 2 * threads), "it stopped at once, not ran the 20,000");
    }
}
