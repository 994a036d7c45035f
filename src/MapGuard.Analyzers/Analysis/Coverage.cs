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
}

/// <summary>The verdict of <see cref="CallGraph.CoverageOf"/>.</summary>
internal readonly struct Coverage
{
    public static readonly Coverage None = new(CoverageKind.None, null, []);

    public static readonly Coverage SetUp = new(CoverageKind.SetUp, null, []);

    public static readonly Coverage Recursive = new(CoverageKind.Recursive, null, []);

    public static readonly Coverage Dead = new(CoverageKind.Dead, null, []);

    public Coverage(CoverageKind kind, HeldLock? held, IReadOnlyList<Location> unprotected)
    {
        Kind = kind;
        Lock = held;
        Unprotected = unprotected;
    }

    public CoverageKind Kind { get; }

    /// <summary>A lock some protected call site holds, when one does.</summary>
    public HeldLock? Lock { get; }

    /// <summary>For <see cref="CoverageKind.Partial"/>: the call sites that hold no lock and do not run at set-up.</summary>
    public IReadOnlyList<Location> Unprotected { get; }

    /// <summary>True when every path into the method is protected.</summary>
    public bool Covered => Kind is CoverageKind.Lock or CoverageKind.SetUp or CoverageKind.Recursive or CoverageKind.Dead;
}
