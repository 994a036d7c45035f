using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Tests.Alternate;

/// <summary>One map's <c>AlternateLookup&lt;ReadOnlySpan&lt;char&gt;&gt;</c>, behind one shape, so one suite tests every map's.</summary>
public abstract class SpanLookup
{
    public abstract bool TryGetValue(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out string actualKey, out int value);

    public abstract bool ContainsKey(ReadOnlySpan<char> key);

    public abstract bool TryAdd(ReadOnlySpan<char> key, int value);

    public abstract bool TryRemove(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out string actualKey, out int value);

    public abstract int Read(ReadOnlySpan<char> key);

    public abstract void Write(ReadOnlySpan<char> key, int value);
}
