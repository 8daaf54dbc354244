namespace AirspaceSim.Routing;

// Per-thread A* state.
public sealed partial class DetourPlanner
{
    /// <summary>Per-thread A* state, reset in O(1) per query by a generation stamp.</summary>
    private sealed class Scratch
    {
        /// <summary>Entry kinds: an edge known to be clear; a link from the origin not yet checked; a link from
        /// <c>Node</c> to the destination not yet checked (its G is the whole route's length); under the strict band
        /// rule, a link from band exit <c>Parent</c> to corner <c>Node</c>, and a link from <c>Parent</c> (-1: the
        /// origin) to the destination's band exit <c>Node</c>, both not yet checked.</summary>
        public const byte Verified = 0, FromOrigin = 1, ToTarget = 2, FromSource = 3, ToSink = 4;

        public readonly record struct Entry(double F, int Node, double G, int Parent, byte Kind);

        private readonly double[] _g;
        private readonly int[] _parent, _stamp;
        private readonly bool[] _closed;
        private Entry[] _heap;
        private int _heapCount, _query;

        public Scratch(int n, int obstacles, int vertices)
        {
            _lidStamp = new int[vertices];
            AllCorners = new bool[obstacles];
            LocationO = new int[obstacles]; LocationD = new int[obstacles];
            _pocketStamp = new int[n];
            _g = new double[n];
            _parent = new int[n]; _stamp = new int[n];
            _closed = new bool[n];
            _heap = new Entry[Math.Max(16, 4 * n)];
        }

        /// <summary>Per obstacle: whether every corner may be used this query (else hull corners only).</summary>
        public bool[] AllCorners { get; }

        /// <summary>Per obstacle: where the origin / destination lies (see Locate).</summary>
        public int[] LocationO { get; }

        /// <summary>Per obstacle: where the destination lies.</summary>
        public int[] LocationD { get; }

        private readonly int[] _pocketStamp;

        private readonly int[] _lidStamp;

        /// <summary>Marks a boundary vertex as the mouth of a pocket opened for this query.</summary>
        public void MarkLid(int vertex) => _lidStamp[vertex] = _query;

        /// <summary>True if the vertex is the mouth of an open pocket.</summary>
        public bool IsLid(int vertex) => _lidStamp[vertex] == _query;

        /// <summary>Makes a pocket corner usable for this query.</summary>
        public void MarkPocket(int node) => _pocketStamp[node] = _query;

        /// <summary>True if the node is a corner of a pocket opened for this query.</summary>
        public bool InPocket(int node) => _pocketStamp[node] == _query;

        public void NextQuery() { _query++; _heapCount = 0; Wrapped = 0; }

        /// <summary>How the query was answered in closed form (for tests): 0 not, 1 around the hull, 2 into a pocket.</summary>
        public int Wrapped { get; set; }

        /// <summary>The smallest key in the heap (+∞ when empty).</summary>
        public double MinKey => _heapCount > 0 ? _heap[0].F : double.PositiveInfinity;

        public int Parent(int i) => _parent[i];

        public bool IsClosed(int i) => _stamp[i] == _query && _closed[i];

        /// <summary>Pushes a verified edge unless the node already has a verified entry at least as short.</summary>
        public void Relax(int i, double g, int parent, double f)
        {
            if (_stamp[i] != _query) { _stamp[i] = _query; _closed[i] = false; }
            else if (_closed[i] || g >= _g[i]) return;
            _g[i] = g;
            Push(f, i, g, parent, Verified);
        }

        public void Close(int i, double g, int parent)
        {
            if (_stamp[i] != _query) _stamp[i] = _query;
            _closed[i] = true;
            _g[i] = g; _parent[i] = parent;
        }

        public void Push(double f, int node, double g, int parent, byte kind)
        {
            if (_stamp[node] != _query) { _stamp[node] = _query; _closed[node] = false; _g[node] = double.PositiveInfinity; }
            if (_heapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
            var e = new Entry(f, node, g, parent, kind);
            int i = _heapCount++;
            while (i > 0)
            {
                int p = (i - 1) >> 1;
                if (_heap[p].F <= f) break;
                _heap[i] = _heap[p]; i = p;
            }
            _heap[i] = e;
        }

        public bool TryPop(out Entry e)
        {
            if (_heapCount == 0) { e = default; return false; }
            e = _heap[0];
            var last = _heap[--_heapCount];
            int i = 0;
            while (true)
            {
                int c = 2 * i + 1;
                if (c >= _heapCount) break;
                if (c + 1 < _heapCount && _heap[c + 1].F < _heap[c].F) c++;
                if (_heap[c].F >= last.F) break;
                _heap[i] = _heap[c]; i = c;
            }
            if (_heapCount > 0) _heap[i] = last;
            return true;
        }
    }
}
