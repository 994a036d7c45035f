namespace MapGuard.Analyzers;

/// <summary>The ids of MapGuard's rules. Each has a page in the repository's docs/analyzers folder.</summary>
public static class DiagnosticIds
{
    /// <summary>MG1001: a non-thread-safe collection captured by a delegate that runs concurrently is mutated in it, outside a lock.</summary>
    public const string CapturedCollectionMutated = "MG1001";

    /// <summary>MG1002: a static non-thread-safe collection is mutated outside a lock.</summary>
    public const string StaticCollectionMutated = "MG1002";

    /// <summary>MG1003: a collection field of a singleton service (AddSingleton, AddHostedService) is mutated outside a lock.</summary>
    public const string SingletonCollectionMutated = "MG1003";

    /// <summary>MG1004: a collection field is mutated under a lock in one place and without it in another.</summary>
    public const string InconsistentLocking = "MG1004";

    /// <summary>MG1007 (opt-in): a collection whose every write holds a lock is read without it (the double-checked lookup).</summary>
    public const string UnlockedRead = "MG1007";

    /// <summary>MG1005: a member marked <c>[GuardedBy]</c> is accessed without its lock held.</summary>
    public const string GuardedByNotHeld = "MG1005";

    /// <summary>MG1006: a <c>[GuardedBy]</c> attribute names a lock that does not exist or is not a readonly reference-type field.</summary>
    public const string GuardedByInvalidLock = "MG1006";
}
