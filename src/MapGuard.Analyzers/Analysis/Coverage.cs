using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Analysis;

/// <summary>How a method's callers protect its body.</summary>
internal enum CoverageKind
{
    /// <summary>Some caller gives no protection (or the method can be called from outside, or escapes as a delegate).</summary>
    None,

    /// <summary>Every call site holds a lock.</summary>
    Lock,

    /// <summary>Every call site runs before the state is shared (configuration, a constructor, test set-up), or holds a lock.</summary>
    SetUp,

    /// <summary>The method is being judged further up the same chain of calls: its other callers decide.</summary>
    Recursive,

    /// <summary>Some call sites are protected and some are not: the unprotected call sites are the ones to report.</summary>
    Partial,

    /// <summary>
    /// Dead code: nothing in the compilation calls the method, nothing outside it can, and its type is in use (see
    /// <see cref="CallGraph"/>), so its body never runs.
    /// </summary>
    Dead,

    /// <summary>
    /// Only code outside the compilation can run the method: a protected member of this compilation that nothing here
    /// calls (an extension point for subclasses elsewhere). Which locks its callers hold is unknown, so it is not judged.
    /// </summary>
    External,
}

/// <summary>The verdict of <see cref="CallGraph.CoverageOf"/>.</summary>
internal readonly struct Coverage
{
    public static readonly Coverage None = new(CoverageKind.None, null, []);

    public static readonly Coverage SetUp = new(CoverageKind.SetUp, null, []);

    public static readonly Coverage Recursive = new(CoverageKind.Recursive, null, []);

    public static readonly Coverage Dead = new(CoverageKind.Dead, null, []);

    public static readonly Coverage External = new(CoverageKind.External, null, []);

    public Coverage(CoverageKind kind, HeldLock? held, IReadOnlyList<Location> unprotected, HeldLock? witness = null)
    {
        Kind = kind;
        Lock = held;
        Unprotected = unprotected;
        Witness = witness;
    }

    public CoverageKind Kind { get; }

    /// <summary>A lock some protected call site holds, when one does.</summary>
    public HeldLock? Lock { get; }

    /// <summary>
    /// A lock some protected call site holds that guards the state's own instance (<see cref="HeldLock.GuardsThisInstance"/>)
    /// on a chain of calls on <c>this</c>: evidence that the author treats the state as shared.
    /// </summary>
    public HeldLock? Witness { get; }

    /// <summary>For <see cref="CoverageKind.Partial"/>: the call sites that hold no lock and do not run at set-up.</summary>
    public IReadOnlyList<Location> Unprotected { get; }

    /// <summary>True when every path into the method is protected.</summary>
    public bool Covered => Kind is CoverageKind.Lock or CoverageKind.SetUp or CoverageKind.Recursive or CoverageKind.Dead or CoverageKind.External;
}
