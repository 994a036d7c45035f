using System.Text.RegularExpressions;

namespace MapGuard;

/// <summary>Ready-made <see cref="MapRule{T}"/>s.</summary>
public static class MapRules
{
    /// <summary>
    /// A rule for strings: at most <paramref name="maxLength"/> characters, and a match for <paramref name="pattern"/>.
    /// The length is checked first, so a long input never reaches the regex engine.
    /// </summary>
    /// <param name="pattern">The pattern; prefer a <c>[GeneratedRegex]</c>, and anchor it (<c>^...$</c>) to match whole keys.</param>
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
            text => text is not null && text.Length <= maxLength && pattern.IsMatch(text));
    }

    /// <summary>A rule that refuses null values (for reference and nullable value types).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    public static MapRule<T> NotNull<T>() => new("value is not null", value => value is not null);
}
