using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Rules;

/// <summary>The descriptors of every rule: one place for ids, titles, messages, severities and help links.</summary>
internal static class Descriptors
{
    /// <summary>
    /// Where the rule pages live, read from the assembly's <c>MapGuardDocsUrl</c> metadata (set at build time from
    /// <c>-p:MapGuardDocsUrl=</c>, or derived from <c>-p:RepositoryUrl=</c>): an absolute URL ending in a slash, or
    /// empty when the build knows no public address, and then the rules carry no link. Messages never cite a path.
    /// </summary>
    internal static readonly string HelpLinkBase = ReadHelpLinkBase();

    private const string Category = "Concurrency";

    public static readonly DiagnosticDescriptor CapturedCollectionMutated = new(
        DiagnosticIds.CapturedCollectionMutated,
        "Captured collection mutated concurrently",
        "'{0}' ({1}) is captured by a delegate and mutated here outside a lock, but {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A non-thread-safe collection captured by a lambda passed to Task.Run, Parallel.For, a Timer or another concurrent entry point is mutated inside it without a lock. Concurrent mutation corrupts the collection, loses entries or hangs a thread.",
        helpLinkUri: HelpLink(DiagnosticIds.CapturedCollectionMutated),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor StaticCollectionMutated = new(
        DiagnosticIds.StaticCollectionMutated,
        "Static collection mutated outside a lock",
        "Static {1} '{0}' is mutated outside a lock{2}; every thread shares it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A static non-thread-safe collection is shared by every thread of the process. Mutating it outside a lock (other than in the static constructor or an initializer) can corrupt it.",
        helpLinkUri: HelpLink(DiagnosticIds.StaticCollectionMutated),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor SingletonCollectionMutated = new(
        DiagnosticIds.SingletonCollectionMutated,
        "Singleton state mutated outside a lock",
        "'{0}' is a {1} field of '{2}', which is registered with {3}; this mutation runs outside a lock{4} and concurrent requests share it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A service registered with AddSingleton or AddHostedService has one instance for the whole application, so its collection fields are shared by every request. Mutating them outside a lock can corrupt them.",
        helpLinkUri: HelpLink(DiagnosticIds.SingletonCollectionMutated),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InconsistentLocking = new(
        DiagnosticIds.InconsistentLocking,
        "Collection mutated with and without a lock",
        "'{0}' is mutated under lock '{1}' elsewhere, but not here{2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A collection field mutated under a lock of its own instance in one place and without a lock in another: the lock protects nothing if one writer skips it.",
        helpLinkUri: HelpLink(DiagnosticIds.InconsistentLocking),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnlockedRead = new(
        DiagnosticIds.UnlockedRead,
        "Collection read outside the lock its writers hold",
        "'{0}' ({1}) is read here outside a lock{3}, but every write to it holds '{2}'; a read during a write can see the collection half-changed",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: false,
        description: "The double-checked lookup: a non-thread-safe collection whose writes all hold a lock is read without it. A Dictionary read while another thread adds to it can return a wrong value, throw, or loop forever. Move the read into the lock, or use a concurrent map. Opt-in: enable it with dotnet_diagnostic.MG1007.severity = warning.",
        helpLinkUri: HelpLink(DiagnosticIds.UnlockedRead),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor GuardedByNotHeld = new(
        DiagnosticIds.GuardedByNotHeld,
        "[GuardedBy] member accessed without its lock",
        "'{0}' is guarded by '{1}', which is not held here{2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A member marked [GuardedBy(\"lock\")] may only be read or written while that lock is held (for a ReaderWriterLockSlim, writes need the write lock). Constructors and initializers are exempt.",
        helpLinkUri: HelpLink(DiagnosticIds.GuardedByNotHeld));

    public static readonly DiagnosticDescriptor GuardedByInvalidLock = new(
        DiagnosticIds.GuardedByInvalidLock,
        "[GuardedBy] names an invalid lock",
        "[GuardedBy(\"{0}\")] on '{1}': {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The lock named by [GuardedBy] must be a readonly field of a reference type in the same type or a base type, and static when the guarded member is static.",
        helpLinkUri: HelpLink(DiagnosticIds.GuardedByInvalidLock));

    /// <summary>
    /// The message's note when a diagnostic lands on a call site instead of on the mutation: the helper it calls
    /// mutates the collection, and its other call sites hold a lock or run at set-up.
    /// </summary>
    internal static string Via(Location location, Analysis.StateAccess access) =>
        location == access.Location || access.Method is null
            ? ""
            : $" (by '{(access.Method.AssociatedSymbol is IPropertySymbol property ? property.Name : access.Method.Name)}', called here without the protection its other callers have)";

    /// <summary>The page of rule <paramref name="id"/>, or null when no base address is known.</summary>
    internal static string? HelpLink(string id) => HelpLinkBase.Length == 0 ? null : HelpLinkBase + id + ".md";

    private static string ReadHelpLinkBase()
    {
        foreach (object attribute in typeof(Descriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: "MapGuardDocsUrl", Value: { Length: > 0 } value }
                && Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                return value.EndsWith("/", StringComparison.Ordinal) ? value : value + "/";
            }
        }

        return "";
    }
}
