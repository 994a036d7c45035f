namespace MapGuard.Internal;

/// <summary>The claim a <c>Once</c> member takes before it runs an absent key's factory (<see cref="FactoryGate{TKey}"/>).</summary>
internal interface IFactoryGate<TKey>
    where TKey : notnull
{
    /// <summary>Claims the run of <paramref name="key"/>'s factory; see <see cref="FactoryGate{TKey}.TryEnter"/>.</summary>
    bool TryEnter(TKey key, out Lock? held);

    /// <summary>Ends the run claimed by <see cref="TryEnter"/>.</summary>
    void Exit(TKey key, Lock? held);
}
