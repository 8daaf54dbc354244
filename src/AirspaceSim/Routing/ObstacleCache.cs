using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AirspaceSim.Airspaces;
using AirspaceSim.Spherical;

namespace AirspaceSim.Routing;

/// <summary>
/// The planner obstacles of each cluster of closures (the polygons whose regions, each grown by its closure's buffer,
/// can meet: <see cref="LimitsMerge.ClusterIndexes"/>, decided exactly, not by bounding caps alone), merged and buffered, kept by the cluster's members and each
/// member's buffer. Planners
/// built for different sets of closures with the same buffer (a what-if run's active sets over time, the draws of a
/// Monte Carlo run whose closure ends differ, the points of a sweep, a test's cases) then build each such obstacle once
/// instead of once per planner: a buffered obstacle is the costly part of a build (snap-rounding noding and
/// polygonizing in NetTopologySuite).
/// </summary>
/// <remarks>
/// A cluster's obstacles are a function of its members (the parts in order: their loops, ids and regions), each
/// member's buffer (closures with different buffers are grown by their own: the key holds every member's buffer bits),
/// the corner segments and the way loops are offset, and of nothing else: the gnomonic frame is the members' own. So a
/// planner built with a cache has the very obstacles (the same vertices, in the same order) that it would have built
/// itself, and its answers are the same bits. Members are told apart by reference (the airspace's region and the
/// polygon's index in it, with the id), never by value: a cached obstacle is handed back only for the very same input.
/// The obstacles are immutable and shared read-only by every planner that uses them. Thread-safe; one instance is owned
/// by a simulator and the variants it shares its planners with (no static state), so it lives as long as they do.
/// </remarks>
internal sealed class ObstacleCache
{
    private readonly ConcurrentDictionary<Key, Lazy<Obstacle[]>> _clusters = new();
    private int _built, _requested;

    /// <summary>Clusters built so far (each once, whatever the number of planners that use it): for tests.</summary>
    public int ClustersBuilt => Volatile.Read(ref _built);

    /// <summary>Clusters asked for so far (what the planners would have built without the cache): for tests.</summary>
    public int ClustersRequested => Volatile.Read(ref _requested);

    /// <summary>The obstacles of the cluster <paramref name="members"/>, each member at its buffer in
    /// <paramref name="bufferRad"/> (parallel to the members), built by <paramref name="build"/> on the first request
    /// (concurrent first requests share one build).</summary>
    public Obstacle[] GetOrBuild(List<LimitsMerge.Part> members, double[] bufferRad, int cornerSegments, ObstacleBuilder.Offsetting offsetting,
        Func<IEnumerable<Obstacle>> build)
    {
        var key = new Key(members, bufferRad, cornerSegments, offsetting);
        Interlocked.Increment(ref _requested);
        if (_clusters.TryGetValue(key, out var built)) return built.Value;
        // Lazy with ExecutionAndPublication: a build is long and must run once. It waits on no queued work (the builder
        // runs on the calling thread), so a planner build waiting here cannot starve the pool (docs/simulator.md).
        return _clusters.GetOrAdd(key, _ => new Lazy<Obstacle[]>(() =>
        {
            var obstacles = build().ToArray();
            Interlocked.Increment(ref _built);
            return obstacles;
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private sealed class Key : IEquatable<Key>
    {
        private readonly (SphericalRegion Region, string Id, int Polygon)[] _members;
        private readonly long[] _bufferBits;
        private readonly int _cornerSegments;
        private readonly ObstacleBuilder.Offsetting _offsetting;
        private readonly int _hash;

        public Key(List<LimitsMerge.Part> members, double[] bufferRad, int cornerSegments, ObstacleBuilder.Offsetting offsetting)
        {
            if (bufferRad.Length != members.Count) throw new ArgumentException("one buffer per member", nameof(bufferRad));
            _members = members.Select(m => (m.Region, m.Id, m.Polygon)).ToArray();
            _bufferBits = bufferRad.Select(BitConverter.DoubleToInt64Bits).ToArray();
            _cornerSegments = cornerSegments;
            _offsetting = offsetting;
            var h = new HashCode();
            foreach (long b in _bufferBits) h.Add(b);
            h.Add(cornerSegments); h.Add(offsetting);
            foreach (var (region, id, polygon) in _members)
            {
                h.Add(RuntimeHelpers.GetHashCode(region));
                h.Add(id, StringComparer.Ordinal);
                h.Add(polygon);
            }
            _hash = h.ToHashCode();
        }

        public bool Equals(Key? o)
        {
            if (o is null || _hash != o._hash || _cornerSegments != o._cornerSegments ||
                _offsetting != o._offsetting || _members.Length != o._members.Length || !_bufferBits.AsSpan().SequenceEqual(o._bufferBits)) return false;
            for (int i = 0; i < _members.Length; i++)
            {
                var (r, id, p) = _members[i]; var (or, oid, op) = o._members[i];
                if (!ReferenceEquals(r, or) || p != op || !string.Equals(id, oid, StringComparison.Ordinal)) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _hash;
    }
}
