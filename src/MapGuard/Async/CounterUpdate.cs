namespace MapGuard;

/// <summary>The result of <see cref="IAsyncCounterMap{TKey}.AddWithinAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Value">After <see cref="CounterOutcome.Applied"/> the new value; after <see cref="CounterOutcome.OutOfRange"/>
/// the unchanged value; after <see cref="CounterOutcome.Missing"/> 0.</param>
public readonly record struct CounterUpdate(CounterOutcome Outcome, long Value);
