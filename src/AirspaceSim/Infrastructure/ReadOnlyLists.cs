using System.Collections.ObjectModel;

namespace AirspaceSim.Infrastructure;

/// <summary>
/// Lists and maps that a public result hands out, made so that a cast cannot write them: a result exposed
/// <c>IReadOnlyList&lt;T&gt;</c> over its own <c>T[]</c> or <c>List&lt;T&gt;</c>, so <c>((List&lt;T&gt;)r.Flights).Add(x)</c>
/// or <c>((T[])r.Waypoints)[0] = p</c> changed a "read-only" result (and every copy made with <c>with</c>, which shares it).
/// Wrapped once where the result is made (its init accessor), never per read.
/// </summary>
internal static class ReadOnlyLists
{
    /// <summary><paramref name="list"/> itself when no cast can write it (null, empty array, a
    /// <see cref="ReadOnlyCollection{T}"/>, or a read-only list type of this library: <c>ChunkedList</c> and the
    /// compiler's types for collection expressions, which cost nothing to keep); else a read-only view of it.</summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> list) => list switch
    {
        null => null!, // the callers' own null checks say what is missing, as before
        T[] { Length: 0 } => list,
        T[] a => Array.AsReadOnly(a),
        ReadOnlyCollection<T> => list,
        ICollection<T> { IsReadOnly: true } when list.GetType().Assembly == typeof(ReadOnlyLists).Assembly => list,
        IList<T> l => new ReadOnlyCollection<T>(l),
        // Neither an array nor a list: nothing to cast to that writes it (beyond the caller's own type).
        _ => list,
    };

    /// <summary><paramref name="map"/> itself when it is a <see cref="ReadOnlyDictionary{TKey, TValue}"/> (or null),
    /// else a read-only view of it.</summary>
    public static IReadOnlyDictionary<TKey, TValue> Of<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> map) where TKey : notnull => map switch
    {
        null => null!,
        ReadOnlyDictionary<TKey, TValue> => map,
        IDictionary<TKey, TValue> d => new ReadOnlyDictionary<TKey, TValue>(d),
        _ => map,
    };
}
