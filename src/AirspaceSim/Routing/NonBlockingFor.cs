using System.Runtime.ExceptionServices;

namespace AirspaceSim.Routing;

/// <summary>
/// A parallel loop over [0, n) whose caller never waits for work that has not started. The caller claims indices one
/// at a time from a shared counter and runs them; helpers queued to the thread pool claim from the same counter when
/// (if ever) a pool thread takes them, and one that starts after the last index was claimed ends at once. The caller
/// then waits only for indices already running on another thread.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: its caller ends by waiting for the replicas it queued, and a queued replica is run
/// inline only from the caller's own pool queue. Inside a build that other pool threads wait on (the what-if's shared
/// planners, behind a Lazy), with every pool thread blocked on that build, the replica waited for a new pool thread,
/// which the pool injects at about one per 0.5 s: the OpenFlights day sat idle for about a second in a fresh process
/// (docs/simulator.md, "Idle, not busy"), and with the pool held to one thread it never finished.
/// </remarks>
internal static class NonBlockingFor
{
    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="n"/>), each once, on this thread and
    /// on up to <see cref="Environment.ProcessorCount"/> − 1 pool threads if they are free; rethrows the first exception
    /// of a body once every claimed index has ended.</summary>
    public static void Run(int n, Action<int> body)
    {
        if (n <= 0) return;
        var loop = new Loop(n, body);
        int helpers = Math.Min(Environment.ProcessorCount - 1, n - 1);
        for (int h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(static l => l.Work(), loop, preferLocal: false);
        loop.Work();
        // Every index is claimed now; those still running run on threads that are running, so this wait is short.
        var spin = new SpinWait();
        while (Volatile.Read(ref loop.Done) < n) spin.SpinOnce();
        if (loop.Error is { } e) ExceptionDispatchInfo.Throw(e);
    }

    private sealed class Loop(int n, Action<int> body)
    {
        private int _next = -1;
        public int Done;
        public Exception? Error;

        public void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref _next)) < n)
            {
                try { if (Volatile.Read(ref Error) is null) body(i); }
                catch (Exception e) { Interlocked.CompareExchange(ref Error, e, null); }
                finally { Interlocked.Increment(ref Done); }
            }
        }
    }
}
