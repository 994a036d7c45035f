namespace MapGuard.Analyzers.Analysis;

/// <summary>How the delegates handed to a concurrent entry point run.</summary>
internal enum EntryKind
{
    /// <summary>Once, beside the code that started it (<c>Task.Run</c>, <c>new Thread</c>, a one-shot <c>Timer</c>).</summary>
    OneShot,

    /// <summary>Many times at once (<c>Parallel.For</c>, PLINQ, a periodic <c>Timer</c>): it races with itself.</summary>
    Repeating,

    /// <summary>Beside the other delegates of the same call (<c>Parallel.Invoke</c>), each once.</summary>
    Siblings,

    /// <summary>An async lambda run once per element by <c>Task.WhenAll(xs.Select(async ...))</c>: the parts after an await overlap.</summary>
    AsyncRepeating,
}
