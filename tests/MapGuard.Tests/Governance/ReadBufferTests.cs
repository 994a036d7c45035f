using MapGuard.Bounded;
using MapGuard.Bounded.Policies;

namespace MapGuard.Tests.Governance;

public sealed class ReadBufferTests
{
    private static (FrequencySketch Sketch, ReadBuffer<int, int> Reads) NewBuffer(int capacity)
    {
        var sketch = new FrequencySketch(capacity);
        sketch.EnsureCapacity(capacity);
        return (sketch, new ReadBuffer<int, int>(sketch));
    }

    private static BoundedEntry<int, int> Entry(int key) => new(key, (uint)key * 2_654_435_761u, key);

    [Fact]
    public void Reads_CountWhenTheBatchFills_OrWhenTheirThreadDrains()
    {
        (FrequencySketch sketch, ReadBuffer<int, int> reads) = NewBuffer(1_000);
        BoundedEntry<int, int> batched = Entry(1), drained = Entry(2);
        for (int i = 1; i < ReadBuffer<int, int>.Batch; i++)
        {
            reads.Record(batched);
        }

        Assert.Equal(0, sketch.Frequency(batched.Hash)); // still buffered
        reads.Record(batched); // fills the batch: all of it is counted
        Assert.Equal(ReadBuffer<int, int>.Batch, sketch.Frequency(batched.Hash));

        for (int i = 0; i < 3; i++)
        {
            reads.Record(drained);
        }

        Assert.Equal(0, sketch.Frequency(drained.Hash));
        reads.Drain();
        Assert.Equal(3, sketch.Frequency(drained.Hash));
        reads.Drain(); // nothing left to count
        Assert.Equal(3, sketch.Frequency(drained.Hash));
    }

    [Fact]
    public void AnEntryAtTheMaximum_IsNotRecordedUntilTheCountsFall()
    {
        (FrequencySketch sketch, ReadBuffer<int, int> reads) = NewBuffer(1_000);
        BoundedEntry<int, int> hot = Entry(7), other = Entry(8);
        for (int i = 0; i < 2 * ReadBuffer<int, int>.Batch; i++)
        {
            reads.Record(hot); // 15 to reach the maximum, then 15 more that find it there
        }

        Assert.Equal(15, sketch.Frequency(hot.Hash));
        Assert.Equal(reads.Generation, hot.SaturatedIn);

        // Marked: its next reads are skipped and take no room, so 14 of them and one other read do not fill a batch.
        for (int i = 0; i < ReadBuffer<int, int>.Batch - 1; i++)
        {
            reads.Record(hot);
        }

        reads.Record(other);
        Assert.Equal(0, sketch.Frequency(other.Hash));
        reads.Drain();
        Assert.Equal(1, sketch.Frequency(other.Hash));

        // A new generation (the counts halved or started afresh) records it again.
        reads.Advance();
        Assert.NotEqual(reads.Generation, hot.SaturatedIn);
        for (int i = 0; i < ReadBuffer<int, int>.Batch - 1; i++)
        {
            reads.Record(other);
        }

        reads.Record(hot); // the 15th record: the batch is counted
        Assert.Equal(reads.Generation, hot.SaturatedIn); // seen at the maximum again (nothing halved the table here)
    }

    [Fact]
    public void ReadsRecordedOnManyThreads_ReachTheSketch_EvenWhereThreadsShareABuffer()
    {
        // 80 threads at once: more than the buffers (at most 64), so threads share them and race (lossy by design).
        // Every thread reads its own key 600 times (40 batches); each key must still reach the counters' maximum.
        (FrequencySketch sketch, ReadBuffer<int, int> reads) = NewBuffer(10_000);
        BoundedEntry<int, int>[] entries = [.. Enumerable.Range(1, 80).Select(Entry)];
        using var start = new ManualResetEventSlim();
        Thread[] threads = [.. entries.Select(entry => new Thread(() =>
        {
            start.Wait();
            for (int i = 0; i < 600; i++)
            {
                reads.Record(entry);
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        start.Set();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.All(entries, entry => Assert.Equal(15, sketch.Frequency(entry.Hash)));
    }
}
