using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Routing;

namespace AirspaceSim.Tests.Batch;

/// <summary>The streaming batch pipeline: results in input order, one per row, whatever the chunk size; errors in
/// their slots; progress, cancellation and early stops.</summary>
public class RouteBatchTests
{
    private static readonly DetourPlanner Planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);

    /// <summary>The bundled rows three times over, with bad rows of each kind mixed in.</summary>
    private static List<RouteListRow> Rows()
    {
        var rows = new List<RouteListRow>();
        foreach (var r in BundledData.CaribbeanRoutes.Concat(BundledData.CaribbeanRoutes).Concat(BundledData.CaribbeanRoutes))
        {
            rows.Add(r with { LineNumber = rows.Count + 2 });
            if (rows.Count % 17 == 0) rows.Add(new RouteListRow(rows.Count + 2, "AMS", "XXX"));
            if (rows.Count % 23 == 0) rows.Add(new RouteListRow(rows.Count + 2, "", "") { Problem = RouteListProblem.FieldCount, Error = "bad row" });
        }
        rows.Add(new RouteListRow(rows.Count + 2, "0,0", "0,180"));
        return rows;
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(8192)]
    public void OneResultPerRowInOrder_AsThePlannerAnswersEachAlone(int chunkRows)
    {
        var rows = Rows();
        var results = RouteBatch.Plan(rows, AirportDirectory.Bundled, Planner, new BatchOptions { ChunkRows = chunkRows }).ToList();
        Assert.That(results.Select(r => r.Row), Is.EqualTo(rows));
        for (int i = 0; i < rows.Count; i++)
        {
            var (row, result) = (rows[i], results[i]);
            if (row.Error != null)
            {
                Assert.That((result.ErrorKind, result.Error, result.Plan), Is.EqualTo((BatchErrorKind.Row, "bad row", (RoutePlan?)null)));
                continue;
            }
            if (row.To == "XXX")
            {
                Assert.That(result.ErrorKind, Is.EqualTo(BatchErrorKind.To));
                Assert.That(result.Error, Does.StartWith("to: unknown airport code 'XXX'"));
                continue;
            }
            if (row.To == "0,180")
            {
                Assert.That(result.ErrorKind, Is.EqualTo(BatchErrorKind.Route));
                Assert.That(result.Error, Does.Contain("antipodal"));
                continue;
            }
            var a = AirportDirectory.Bundled[row.From].Location;
            var b = AirportDirectory.Bundled[row.To].Location;
            var alone = Planner.Plan(a, b);
            Assert.That(result.ErrorKind, Is.EqualTo(BatchErrorKind.None));
            Assert.That(result.Plan!.Status, Is.EqualTo(alone.Status), row.ToString());
            Assert.That(result.Plan.RouteKm, Is.EqualTo(alone.RouteKm), row.ToString());
            Assert.That(result.Plan.Waypoints, Is.EqualTo(alone.Waypoints), row.ToString());
        }
        var summary = BatchSummary.Of(results.Select(r => r.Plan));
        Assert.That(summary.Routes, Is.EqualTo(rows.Count));
        Assert.That(summary.Errors, Is.EqualTo(results.Count(r => r.Error != null)));
    }

    [Test]
    public void ReportsProgressAfterEachChunk()
    {
        var rows = Rows();
        var seen = new List<long>();
        var progress = new SyncProgress(seen);
        int count = RouteBatch.Plan(rows, AirportDirectory.Bundled, Planner, new BatchOptions { ChunkRows = 50 }, progress).Count();
        Assert.That(count, Is.EqualTo(rows.Count));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, (rows.Count + 49) / 50).Select(k => (long)Math.Min(50 * k, rows.Count))));
    }

    [Test]
    public void CancellationAndEarlyStops()
    {
        using var cts = new CancellationTokenSource();
        var results = RouteBatch.Plan(Endless(), AirportDirectory.Bundled, Planner, new BatchOptions { ChunkRows = 10 }, null, cts.Token);
        int n = 0;
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in results) if (++n == 25) cts.Cancel();
        });
        // Stopping early on an endless list returns: the planning behind it stops too.
        Assert.That(RouteBatch.Plan(Endless(), AirportDirectory.Bundled, Planner).Take(3).Count(), Is.EqualTo(3));
        Assert.Throws<ArgumentNullException>(() => RouteBatch.Plan(null!, AirportDirectory.Bundled, Planner));
        Assert.Throws<ArgumentOutOfRangeException>(() => RouteBatch.Plan([], AirportDirectory.Bundled, Planner, new BatchOptions { ChunkRows = 0 }));
    }

    [Test]
    public void AReadErrorReachesTheConsumerAfterTheRowsBeforeIt()
    {
        static IEnumerable<RouteListRow> Failing()
        {
            yield return new RouteListRow(2, "AMS", "CUR");
            throw new IOException("disk gone");
        }
        var got = new List<BatchRow>();
        var ex = Assert.Throws<IOException>(() => { foreach (var r in RouteBatch.Plan(Failing(), AirportDirectory.Bundled, Planner, new BatchOptions { ChunkRows = 1 })) got.Add(r); });
        Assert.That(ex!.Message, Is.EqualTo("disk gone"));
        Assert.That(got.Single().Plan!.Status, Is.EqualTo(RouteStatus.Detour));
    }

    private static IEnumerable<RouteListRow> Endless()
    {
        for (int i = 2; ; i++) yield return new RouteListRow(i, "AMS", "CUR");
    }

    /// <summary>Progress called on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(List<long> seen) : IProgress<long>
    {
        public void Report(long value) => seen.Add(value);
    }
}
