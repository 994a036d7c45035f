namespace MapGuard.Cli.Lab.Maps;

/// <summary>What a lab row stands for.</summary>
internal enum LabSubjectKind
{
    /// <summary>Plain .NET used unsafely: the hazard itself.</summary>
    Plain,

    /// <summary>GuardedDictionary: the hazard, caught.</summary>
    Guard,

    /// <summary>A concurrent map (MapGuard's, or the BCL reference): the fix.</summary>
    Map,
}
