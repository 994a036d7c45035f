namespace MapGuard.Analyzers.Analysis;

/// <summary>The kinds of <see cref="ReceiverId"/>.</summary>
internal enum ReceiverKind
{
    /// <summary>A static member: no receiver.</summary>
    Static,

    /// <summary>The containing instance, explicit or implicit <c>this</c>.</summary>
    This,

    /// <summary>A local or a parameter.</summary>
    Symbol,

    /// <summary>Anything else: it matches nothing.</summary>
    Unknown,
}
