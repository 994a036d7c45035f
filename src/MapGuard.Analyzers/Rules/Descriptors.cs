using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Rules;

/// <summary>The descriptors of every rule: one place for ids, titles, messages, severities and help links.</summary>
internal static class Descriptors
{
    /// <summary>
    /// Where the rule pages live: the repository's docs/analyzers folder. The project has no public URL yet, so the link
    /// is the path inside the repository (and inside the package's source); change this one constant when it has one.
    /// </summary>
    internal const string HelpLinkBase = "docs/analyzers/";

    private const string Category = "Concurrency";

    public static readonly DiagnosticDescriptor CapturedCollectionMutated = new(
        DiagnosticIds.CapturedCollectionMutated,
        "Captured collection mutated concurrently",
        "'{0}' ({1}) is captured by a delegate and mutated here outside a lock, but {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A non-thread-safe collection captured by a lambda passed to Task.Run, Parallel.For, a Timer or another concurrent entry point is mutated inside it without a lock. Concurrent mutation corrupts the collection, loses entries or hangs a thread.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.CapturedCollectionMutated + ".md");

    public static readonly DiagnosticDescriptor StaticCollectionMutated = new(
        DiagnosticIds.StaticCollectionMutated,
        "Static collection mutated outside a lock",
        "Static {1} '{0}' is mutated outside a lock; every thread shares it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A static non-thread-safe collection is shared by every thread of the process. Mutating it outside a lock (other than in the static constructor or an initializer) can corrupt it.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.StaticCollectionMutated + ".md");

    public static readonly DiagnosticDescriptor SingletonCollectionMutated = new(
        DiagnosticIds.SingletonCollectionMutated,
        "Singleton state mutated outside a lock",
        "'{0}' is a {1} field of '{2}', which is registered with {3}; this mutation runs outside a lock and concurrent requests share it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A service registered with AddSingleton or AddHostedService has one instance for the whole application, so its collection fields are shared by every request. Mutating them outside a lock can corrupt them.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SingletonCollectionMutated + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InconsistentLocking = new(
        DiagnosticIds.InconsistentLocking,
        "Collection mutated with and without a lock",
        "'{0}' is mutated under lock '{1}' elsewhere, but not here",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A collection field mutated under a lock in one place and without it in another: the lock protects nothing if one writer skips it.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.InconsistentLocking + ".md");

    public static readonly DiagnosticDescriptor GuardedByNotHeld = new(
        DiagnosticIds.GuardedByNotHeld,
        "[GuardedBy] member accessed without its lock",
        "'{0}' is guarded by '{1}', which is not held here{2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A member marked [GuardedBy(\"lock\")] may only be read or written while that lock is held (for a ReaderWriterLockSlim, writes need the write lock). Constructors and initializers are exempt.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.GuardedByNotHeld + ".md");

    public static readonly DiagnosticDescriptor GuardedByInvalidLock = new(
        DiagnosticIds.GuardedByInvalidLock,
        "[GuardedBy] names an invalid lock",
        "[GuardedBy(\"{0}\")] on '{1}': {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The lock named by [GuardedBy] must be a readonly field of a reference type in the same type or a base type, and static when the guarded member is static.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.GuardedByInvalidLock + ".md");
}
