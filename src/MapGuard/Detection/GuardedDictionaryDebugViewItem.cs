using System.Diagnostics;

namespace MapGuard;

/// <summary>One entry as a debugger shows it in <see cref="GuardedDictionaryDebugView{TKey, TValue}"/>: the value, named by
/// its key, as <see cref="Dictionary{TKey, TValue}"/>'s debugger view shows it.</summary>
[DebuggerDisplay("{Value}", Name = "[{Key}]")]
internal readonly struct GuardedDictionaryDebugViewItem<TKey, TValue>(TKey key, TValue value)
{
    [DebuggerBrowsable(DebuggerBrowsableState.Collapsed)]
    public TKey Key { get; } = key;

    [DebuggerBrowsable(DebuggerBrowsableState.Collapsed)]
    public TValue Value { get; } = value;
}
