namespace MapGuard.Analyzers;

/// <summary>The keys of the properties the rules attach to their diagnostics, for the code fixes.</summary>
public static class DiagnosticProperties
{
    /// <summary>The name of the collection local, parameter, field or property that is mutated.</summary>
    public const string Collection = "Collection";

    /// <summary>The name of the lock field that the other mutations of the same member hold (MG1004).</summary>
    public const string LockField = "LockField";

    /// <summary>Present with value <c>true</c> when only a static lock can protect the collection (MG1002).</summary>
    public const string StaticLock = "StaticLock";
}
