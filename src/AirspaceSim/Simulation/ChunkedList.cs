using System.Collections;

namespace AirspaceSim.Simulation;

/// <summary>
/// A fixed-length list of references stored in chunks that each stay below the runtime's 85,000-byte large-object
/// threshold, read-only once handed out. Why: a network run's per-flight arrays (the 66,933 results of the OpenFlights
/// day, the flights it runs) are 535 KB each as plain arrays, i.e. on the large-object heap, whose small budget sets off
/// a blocking gen2 collection (reason AllocLarge) about once per run; chunks are ordinary gen0 allocations. Slots are
/// written by index (from several threads, each its own slots) before the list is published.
/// </summary>
/// <remarks>The growable form for value items is <see cref="ChunkedBuffer{T}"/> (why two: see there).</remarks>
internal sealed class ChunkedList<T> : IList<T>, IReadOnlyList<T> where T : class
{
    private const int Shift = 13, ChunkLength = 1 << Shift, Mask = ChunkLength - 1; // 8,192 references: 65,536 bytes
    private readonly T[][] _chunks;

    /// <summary>A list of <paramref name="count"/> null slots.</summary>
    public ChunkedList(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        _chunks = new T[(count + Mask) >> Shift][];
        for (int c = 0; c < _chunks.Length; c++) _chunks[c] = new T[Math.Min(ChunkLength, count - (c << Shift))];
    }

    /// <summary>The items of <paramref name="items"/>, in order.</summary>
    public static ChunkedList<T> From(IReadOnlyList<T> items)
    {
        var list = new ChunkedList<T>(items.Count);
        for (int i = 0; i < items.Count; i++) list.Set(i, items[i]);
        return list;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>Fills slot <paramref name="i"/>.</summary>
    public void Set(int i, T item)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
        _chunks[i >> Shift][i & Mask] = item;
    }

    /// <inheritdoc cref="IReadOnlyList{T}.this" />
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _chunks[index >> Shift][index & Mask];
        }
        set => throw ReadOnly();
    }

    /// <inheritdoc />
    public bool IsReadOnly => true;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _chunks)
            foreach (var item in chunk)
                yield return item;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public int IndexOf(T item)
    {
        for (int c = 0; c < _chunks.Length; c++)
        {
            int k = Array.IndexOf(_chunks[c], item);
            if (k >= 0) return (c << Shift) + k;
        }
        return -1;
    }

    /// <inheritdoc />
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (arrayIndex < 0 || array.Length - arrayIndex < Count) throw new ArgumentException("the array is too short", nameof(array));
        foreach (var chunk in _chunks)
        {
            chunk.CopyTo(array, arrayIndex);
            arrayIndex += chunk.Length;
        }
    }

    /// <inheritdoc />
    public void Add(T item) => throw ReadOnly();

    /// <inheritdoc />
    public void Clear() => throw ReadOnly();

    /// <inheritdoc />
    public void Insert(int index, T item) => throw ReadOnly();

    /// <inheritdoc />
    public bool Remove(T item) => throw ReadOnly();

    /// <inheritdoc />
    public void RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("the list is read-only");
}
