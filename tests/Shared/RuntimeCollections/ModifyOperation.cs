namespace MapGuard.Ported.RuntimeCollections;

/// <summary>The kinds of change a test makes to a collection while one of its enumerators is open.</summary>
[Flags]
public enum ModifyOperation
{
    /// <summary>No change.</summary>
    None = 0,

    /// <summary>Add a new key.</summary>
    Add = 1,

    /// <summary>Set a new key through the indexer.</summary>
    Insert = 2,

    /// <summary>Set the value of a present key through the indexer.</summary>
    Overwrite = 4,

    /// <summary>Remove a present key.</summary>
    Remove = 8,

    /// <summary>Clear a non-empty collection.</summary>
    Clear = 16,
}
