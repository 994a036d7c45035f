namespace MapGuard;

/// <summary>
/// A key or value was refused by one of a map's rules (see <see cref="MapBuilder{TKey, TValue}.WithKeyRule(MapRule{TKey})"/>).
/// The map is unchanged.
/// </summary>
public sealed class MapPolicyViolationException : ArgumentException
{
    /// <summary>How many characters of the refused key or value the message shows.</summary>
    public const int MaxShownLength = 64;

    /// <summary>Creates an exception for <paramref name="subject"/>, refused by <paramref name="ruleName"/>.</summary>
    /// <param name="mapName">The map's name.</param>
    /// <param name="ruleName">The rule's name.</param>
    /// <param name="paramName">"key" or "value".</param>
    /// <param name="subject">The refused key or value.</param>
    public MapPolicyViolationException(string mapName, string ruleName, string paramName, object? subject)
        : base(FormatMessage(mapName, ruleName, paramName, subject), paramName)
    {
        MapName = mapName;
        RuleName = ruleName;
    }

    /// <summary>Creates an exception with a message of the caller's own.</summary>
    public MapPolicyViolationException()
        : this("map", "rule", "key", null)
    {
    }

    /// <summary>Creates an exception with a message of the caller's own.</summary>
    /// <param name="message">The message.</param>
    public MapPolicyViolationException(string message)
        : base(message)
    {
        MapName = string.Empty;
        RuleName = string.Empty;
    }

    /// <summary>Creates an exception with a message and an inner exception of the caller's own.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MapPolicyViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        MapName = string.Empty;
        RuleName = string.Empty;
    }

    /// <summary>Gets the name of the map that refused the operation.</summary>
    public string MapName { get; }

    /// <summary>Gets the name of the rule that refused it.</summary>
    public string RuleName { get; }

    /// <summary>Shows <paramref name="subject"/> as text of at most <see cref="MaxShownLength"/> characters.</summary>
    internal static string Shorten(object? subject)
    {
        string text = subject?.ToString() ?? "null";
        return text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "…");
    }

    private static string FormatMessage(string mapName, string ruleName, string paramName, object? subject) =>
        $"Map '{mapName}' refused {paramName} '{Shorten(subject)}': it breaks rule '{ruleName}'.";
}
