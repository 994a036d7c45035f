namespace MapGuard;

/// <summary>A named check that every key (or value) written to a governed map must pass.</summary>
/// <typeparam name="T">The key or value type.</typeparam>
public sealed class MapRule<T>
{
    private readonly Func<T, bool> _isAllowed;

    /// <summary>Creates a rule from a predicate.</summary>
    /// <param name="name">The rule's name, shown in <see cref="MapPolicyViolationException"/>.</param>
    /// <param name="isAllowed">Returns true for an acceptable key or value. It must be thread-safe and should be cheap.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="isAllowed"/> is null.</exception>
    public MapRule(string name, Func<T, bool> isAllowed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(isAllowed);
        Name = name;
        _isAllowed = isAllowed;
    }

    /// <summary>Gets the rule's name.</summary>
    public string Name { get; }

    /// <summary>Whether <paramref name="subject"/> passes the rule.</summary>
    /// <param name="subject">The key or value.</param>
    public bool Allows(T subject) => _isAllowed(subject);
}
