using System.Text.RegularExpressions;

namespace MapGuard;

/// <summary>Ready-made <see cref="MapRule{T}"/>s.</summary>
public static class MapRules
{
    /// <summary>
    /// A rule for strings: at most <paramref name="maxLength"/> characters, all of them matched by
    /// <paramref name="pattern"/>. The length is checked first, so a long input never reaches the regex engine.
    /// </summary>
    /// <remarks>
    /// A string passes only when the match the regex finds (the first one
    /// <see cref="Regex.EnumerateMatches(ReadOnlySpan{char})"/> returns) starts at its first character and ends at its last, whatever anchors the pattern has. So
    /// <c>^order-[0-9]+$</c> refuses <c>"order-7\n"</c>, although <c>$</c> also matches before a final newline, and the
    /// unanchored <c>[0-9]+</c> refuses <c>"12a"</c>. Anchor a pattern that has alternatives (<c>^(?:a|ab)$</c>): without
    /// anchors the engine stops at the first alternative that matches, so <c>a|ab</c> finds only <c>"a"</c> in
    /// <c>"ab"</c> and the rule refuses <c>"ab"</c>.
    /// </remarks>
    /// <param name="pattern">The pattern; prefer a <c>[GeneratedRegex]</c>, anchored (<c>^...$</c> or <c>\A...\z</c>).</param>
    /// <param name="maxLength">The longest acceptable string.</param>
    /// <param name="name">The rule's name; defaults to the pattern.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative.</exception>
    public static MapRule<string> Matches(Regex pattern, int maxLength, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return new MapRule<string>(
            name ?? $"length <= {maxLength} and matches /{pattern}/",
            text => text is not null && text.Length <= maxLength && MatchesWhole(pattern, text));
    }

    // IsMatch alone would accept any key that merely contains a match, and "order-7\n" for ^order-[0-9]+$, because
    // $ also matches before a final '\n'. EnumerateMatches yields the first match without allocating.
    private static bool MatchesWhole(Regex pattern, string text)
    {
        foreach (ValueMatch match in pattern.EnumerateMatches(text))
        {
            return match.Index == 0 && match.Length == text.Length;
        }

        return false;
    }

    /// <summary>A rule that refuses null values (for reference and nullable value types).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    public static MapRule<T> NotNull<T>() => new("value is not null", value => value is not null);
}
