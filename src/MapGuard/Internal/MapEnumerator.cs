using System.Collections;

namespace MapGuard.Internal;

/// <summary>
/// The enumerator every MapGuard map returns, with <c>ConcurrentDictionary</c>'s behaviour whatever walk it wraps:
/// the walk starts at the first <see cref="MoveNext"/> (not at <c>GetEnumerator</c>); <see cref="Current"/> never
/// throws (the default before the first <see cref="MoveNext"/> and after <see cref="Reset"/>, the last entry after the
/// end); <see cref="Reset"/> starts a fresh walk of the map as it is then; <see cref="MoveNext"/> after the end keeps
/// returning <see langword="false"/>; <see cref="Dispose"/> does nothing, so the walk can go on after it.
/// </summary>
/// <typeparam name="TSource">What starts a walk: the map or its state.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class MapEnumerator<TSource, TKey, TValue> : IEnumerator<KeyValuePair<TKey, TValue>>
    where TSource : class
{
    private readonly TSource _source;
    private readonly Func<TSource, IEnumerator<KeyValuePair<TKey, TValue>>> _start; // a static lambda: no allocation
    private IEnumerator<KeyValuePair<TKey, TValue>>? _walk;
    private bool _done;

    /// <param name="source">Passed to <paramref name="start"/>.</param>
    /// <param name="start">Begins one walk of the map; called at the first <see cref="MoveNext"/> after creation or
    /// <see cref="Reset"/>.</param>
    public MapEnumerator(TSource source, Func<TSource, IEnumerator<KeyValuePair<TKey, TValue>>> start)
    {
        _source = source;
        _start = start;
    }

    public KeyValuePair<TKey, TValue> Current { get; private set; }

    object IEnumerator.Current => Current;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        _walk ??= _start(_source);
        if (_walk.MoveNext())
        {
            Current = _walk.Current;
            return true;
        }

        _done = true;
        _walk.Dispose();
        _walk = null;
        return false;
    }

    public void Reset()
    {
        _walk?.Dispose();
        _walk = null;
        _done = false;
        Current = default;
    }

    public void Dispose()
    {
        // As ConcurrentDictionary's enumerator: nothing to release, and the walk stays usable.
    }
}
