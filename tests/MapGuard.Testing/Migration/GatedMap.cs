using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Testing.Migration;

/// <summary>
/// A map that forwards to another, and can be armed to stop the next caller that reads one chosen key, right after
/// the read: inside <see cref="TryGetValue"/>, or inside the enumerator just after it yields the key. The stopped
/// caller signals <see cref="Entered"/> and waits for <see cref="Release"/> (or a timeout), so a test can run another
/// call in exactly that window.
/// </summary>
public sealed class GatedMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly IConcurrentMap<TKey, TValue> _inner;
    private readonly IEqualityComparer<TKey> _comparer = EqualityComparer<TKey>.Default;
    private GatePoint _point;
    private TKey? _key;
    private int _armed;

    public GatedMap(IConcurrentMap<TKey, TValue> inner) => _inner = inner;

    /// <summary>Where the gate stops a caller.</summary>
    public enum GatePoint
    {
        /// <summary>Inside <see cref="TryGetValue"/>, after reading the inner map.</summary>
        TryGetValue,

        /// <summary>Inside the enumerator's <c>MoveNext</c>, after it reached the key.</summary>
        Enumeration,
    }

    /// <summary>Gets the signal the stopped caller sets once it has read the key.</summary>
    public ManualResetEventSlim Entered { get; } = new();

    /// <summary>Gets the signal that lets the stopped caller go on.</summary>
    public ManualResetEventSlim Release { get; } = new();

    /// <summary>Gets or sets how long a stopped caller waits for <see cref="Release"/> before going on anyway.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TValue this[TKey key] { get => _inner[key]; set => _inner[key] = value; }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    /// <summary>Stops the next caller that reads <paramref name="key"/> at <paramref name="point"/> (once).</summary>
    public void Arm(TKey key, GatePoint point)
    {
        Entered.Reset();
        Release.Reset();
        _key = key;
        _point = point;
        Volatile.Write(ref _armed, 1);
    }

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        bool found = _inner.TryGetValue(key, out value);
        Stop(key, GatePoint.TryGetValue);
        return found;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (KeyValuePair<TKey, TValue> pair in _inner)
        {
            Stop(pair.Key, GatePoint.Enumeration);
            yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool TryAdd(TKey key, TValue value) => _inner.TryAdd(key, value);

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryRemove(key, out value);

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => _inner.TryUpdate(key, newValue, comparisonValue);

    public TValue GetOrAdd(TKey key, TValue value) => _inner.GetOrAdd(key, value);

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => _inner.GetOrAdd(key, valueFactory);

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) => _inner.AddOrUpdate(key, addValue, updateValueFactory);

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        _inner.AddOrUpdate(key, addValueFactory, updateValueFactory);

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public void Clear() => _inner.Clear();

    private void Stop(TKey key, GatePoint point)
    {
        if (Volatile.Read(ref _armed) == 1 && point == _point && _comparer.Equals(key, _key!) &&
            Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
        {
            Entered.Set();
            Release.Wait(Timeout);
        }
    }
}
