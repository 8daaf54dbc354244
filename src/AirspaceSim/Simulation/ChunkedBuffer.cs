namespace AirspaceSim.Simulation;

/// <summary>
/// An indexable buffer of value items stored in chunks that each stay below the runtime's 85,000-byte large-object
/// threshold. Why: a per-flight array of a few thousand alternates (a technical stop's or a diversion's candidates) is
/// otherwise allocated on the large-object heap, whose budget sets off a blocking gen2 collection — measured at 35–90 ms,
/// once or twice per network what-if of 67,000 flights, a third of its run time.
/// </summary>
/// <remarks>Not merged with <see cref="ChunkedList{T}"/>, which solves the same heap problem for a different shape: this
/// one grows by appending, starts with a short chunk, hands out references to value items for in-place updates (the
/// heaps' sift loops) and lives in one search (a technical stop's or a diversion's candidates); that one has a fixed length, holds references, is filled by
/// index from several threads and is published read-only as an <see cref="IReadOnlyList{T}"/>. One type for both would
/// carry both modes' state and checks into this one's inner loops.</remarks>
internal sealed class ChunkedBuffer<T> where T : struct
{
    private const int Shift = 10, ChunkLength = 1 << Shift, Mask = ChunkLength - 1; // 1,024 items: ≤ 80 KB for T ≤ 80 bytes
    private const int FirstLength = 64;
    private T[][] _chunks = new T[1][];

    /// <summary>Items appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>The item at <paramref name="i"/> (0 ≤ i &lt; <see cref="Count"/>, not checked beyond the arrays' own checks).</summary>
    public ref T this[int i] => ref _chunks[i >> Shift][i & Mask];

    /// <summary>Appends an item.</summary>
    public void Add(in T item)
    {
        int c = Count >> Shift;
        if (c == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        // The first chunk starts short and doubles up to the chunk length: a technical stop's sequence often holds a few
        // hundred stops, for which a whole chunk (64 KB of 64-byte stops) would be mostly empty. References into the
        // buffer do not outlive an Add.
        ref var chunk = ref _chunks[c];
        if (chunk is null) chunk = new T[c == 0 ? FirstLength : ChunkLength];
        else if ((Count & Mask) == chunk.Length) Array.Resize(ref chunk, Math.Min(2 * chunk.Length, ChunkLength));
        chunk[Count & Mask] = item;
        Count++;
    }

    /// <summary>Makes room in the first chunk for <paramref name="more"/> items about to be appended (a batch of known
    /// size), in one allocation instead of doubling up to it: a stop sequence's first band of 700 stops otherwise
    /// allocates chunks of 64, 128, 256, 512 and 1,024 items (twice the room it keeps, 127 KB of 64-byte stops).</summary>
    public void Reserve(int more)
    {
        if (Count >= ChunkLength || more <= 0) return; // only the first chunk grows; the others are whole at once
        int need = (int)Math.Min((long)Count + more, ChunkLength);
        ref var first = ref _chunks[0];
        if (first is null) first = new T[Math.Max(need, FirstLength)];
        else if (first.Length < need) Array.Resize(ref first, need);
    }

    /// <summary>Drops the last item.</summary>
    public void RemoveLast() => Count--;
}
