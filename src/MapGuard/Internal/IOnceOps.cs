namespace MapGuard.Internal;

/// <summary>
/// The operations the <c>Once</c> members build on (<see cref="MapSurface{TKey, TValue}.GetOrAddOnce{TOps, TGate, TArg}"/>).
/// A metered map implements them without counting, so a <c>Once</c> call counts as one lookup and one add (or update),
/// whatever lookups and retries the gate needs; an unknown map forwards to its public members (<see cref="PublicOnceOps{TKey, TValue}"/>).
/// </summary>
internal interface IOnceOps<TKey, TValue>
    where TKey : notnull
{
    bool TryGetValueQuiet(TKey key, out TValue value);

    bool ContainsKeyQuiet(TKey key);

    bool TryAddQuiet(TKey key, TValue value);

    bool TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue);

    TValue GetOrAddQuiet(TKey key, TValue value);
}
