namespace MapGuard.Bounded.Policies;

/// <summary>The CLOCK sweep that the LRU approximation and each W-TinyLFU region share.</summary>
internal static class SecondChance
{
    /// <summary>
    /// The oldest entry of <paramref name="queue"/> that was not read since the sweep last passed it. Entries that
    /// were read have their bit cleared and move to the front. After one full lap every bit is clear, so this ends.
    /// </summary>
    public static BoundedEntry<TKey, TValue> Oldest<TKey, TValue>(EntryList<TKey, TValue> queue)
    {
        for (int lap = queue.Count; lap > 0; lap--)
        {
            BoundedEntry<TKey, TValue> oldest = queue.Last!;
            if (!oldest.Accessed)
            {
                return oldest;
            }

            oldest.Accessed = false;
            queue.MoveToFront(oldest);
        }

        return queue.Last!;
    }
}
