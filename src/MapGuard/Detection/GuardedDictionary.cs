using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using MapGuard.Internal;

namespace MapGuard;

/// <summary>
/// A drop-in replacement for <see cref="Dictionary{TKey, TValue}"/> that catches unsafe concurrent use as each
/// operation starts: two writes at once, or a read and a write at once. The thread that detects the overlap names
/// both operations and both threads ("Add while another thread was in Remove") before it touches the data, so a
/// race shows up as a clear report instead of lost entries, a corrupt table or a hang.
/// </summary>
/// <remarks>
/// <para><b>What it is for:</b> code that means to use a <see cref="Dictionary{TKey, TValue}"/> from one thread at a time
/// (or from many readers with no writer). Swap the type name and it tells you where that assumption breaks. It is
/// not a concurrent map; for that use one of the <see cref="IConcurrentMap{TKey, TValue}"/> maps.</para>
/// <para><b>Detection:</b> a write claims the dictionary with one compare-and-swap on a state word as it starts, so
/// any two writes that overlap in time are caught, always, by the second one. A read registers nothing: it checks
/// the state word as it starts (a write in progress is caught there) and again as it ends (a write that started
/// during the read is caught there), so every read/write overlap is caught too, by the read. In Report mode a read
/// also turns an exception that an overlapping write caused inside the dictionary into the report (Throw mode skips
/// that exception handler for speed, so such a rare read throws the dictionary's own exception). Reads never
/// conflict with each other. What it cannot see is in docs/design/guarded-dictionary.md: races that never overlap in time,
/// misuse of an enumerator between <c>MoveNext</c> calls, and callers that bypass the wrapper.</para>
/// <para><b>Modes:</b> <see cref="GuardMode.Throw"/> (default) throws <see cref="ConcurrentAccessException"/> in the
/// detecting thread. <see cref="GuardMode.Report"/> raises <see cref="ViolationDetected"/>, counts the violation and
/// then serializes every operation of this dictionary behind a lock, for good, so the data stays intact and the
/// service keeps running. Every violation, in either mode, raises <see cref="ViolationDetected"/> and counts in the
/// <c>mapguard.guard.violations</c> metric (tag <c>map</c> = <see cref="GuardOptions.Name"/>).</para>
/// <para><b>Consistency:</b> exactly a <see cref="Dictionary{TKey, TValue}"/>'s while used correctly: <see cref="Count"/>
/// is exact, enumeration throws <see cref="InvalidOperationException"/> if a key is added (or the table resized)
/// between <c>MoveNext</c> calls, and removing keys during enumeration is allowed. Once serialized, every operation
/// is linearizable.</para>
/// <para><b>Storage:</b> not a <see cref="Dictionary{TKey, TValue}"/> inside, but a table of its own (SwissTable-style
/// groups of 16 slots with one-byte hash tags) that is faster than <see cref="Dictionary{TKey, TValue}"/> and smaller,
/// and behaves like it: same exceptions, same enumerator rules, and a throwing comparer changes nothing. Enumeration
/// follows slot order, not insertion order. Integer keys are hashed with a per-instance seed; string keys start on a
/// fast unrandomized hash and move to the randomized one if keys collide beyond chance, as a
/// <see cref="Dictionary{TKey, TValue}"/>'s do.</para>
/// <para><b>Owner bias:</b> after <see cref="GuardOptions.BiasAfterWrites"/> writes in a row from one thread (1,024 by
/// default) the dictionary is biased to that thread, which then writes without the compare-and-swap. The first write
/// from any other thread revokes the bias with one process-wide memory barrier, and is reported if the owner is
/// mid-write; after that every write uses the compare-and-swap for good. Detection is the same either way.</para>
/// <para><b>Cost:</b> an owner's write adds a few loads and two stores to a word of its own; any other write adds one
/// uncontended compare-and-swap (a full fence) and one store; a read adds four loads and writes no shared memory. No
/// allocation. docs/design/guarded-dictionary.md and BENCHMARKS.md have measurements. <see cref="GuardOptions.CaptureOtherStack"/>
/// adds a stack walk per write. After a <see cref="GuardMode.Report"/> violation each operation also takes a <see cref="Lock"/>.</para>
/// <para><b>Progress:</b> no operation ever waits in the default state: an overlapping operation fails instead of
/// waiting (wait-free reads, and writes that retry only when another write started and finished between one load and
/// one compare-and-swap). Serialized operations block on the lock.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class GuardedDictionary<TKey, TValue> : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: _table is an ordinary single-threaded hash table (Internal/GroupTable: Dictionary's behaviour,
     *   one cache miss per lookup). Nothing locks it while the guard is in its default state;
     *   instead every operation goes through two words, _state and _ownerWindow (same layout, one long each):
     *     bits 0-30  managed thread ID of the current (or last) writer
     *     bit 31     WindowBit: set in every _ownerWindow word, never in _state
     *     bits 32-37 its GuardedOperation
     *     bit 38     WriterBit: a write is in progress
     *     bit 39     SerializedBit (_state only): Report mode has switched this dictionary to _lock
     *     bits 40-63 version: +1 each time a write ends
     *   A write claims _state by CAS from a state with neither bit set, and releases it with one store of the next
     *   version. A read takes a snapshot of both words, runs, and accepts its result only if neither changed (a
     *   seqlock read with the dictionary as the payload). Detection happens on the failing side: a CAS that finds
     *   WriterBit, a read that starts with WriterBit in either word, or a read that ends with a different word. The
     *   detecting thread has not touched the dictionary when it throws (a read has, but reads do not mutate).
     *   Owner bias: after _biasAfter CAS-path writes in a row from one thread, that thread becomes the owner (_owner,
     *   granted once per dictionary, under WriterBit). The owner is recognised by its stack range and writes by
     *   claiming _ownerWindow with plain stores, which only it ever writes. Any other writer first revokes: _owner :=
     *   Revoking, a process-wide barrier, then a look at the window (open: a violation), then _owner := Unbiasable.
     *   Every CAS-path write also checks the window after its CAS (a revoked owner may still be finishing a write).
     *   Serialized mode: _lock guards _table; the switch ends any bias and waits for the owner's window to close.
     * Memory ordering: the claiming CAS is a full fence, so it is visible before any store the write makes to the
     *   dictionary; the owner's window store comes before its dictionary stores because x86/x64 keeps stores in order
     *   (bias is x86/x64 only). The releasing Volatile.Writes publish all of a write's stores with the new version. A
     *   read loads both words with acquire, loads the dictionary, then MemoryOrder.LoadLoad, then both words again.
     *   The owner's claim and a revocation meet in an asymmetric Dekker check: the owner stores its window and then
     *   loads _owner; the revoker stores _owner, runs Interlocked.MemoryBarrierProcessWide, then loads the window.
     * Progress: default state: reads wait-free; writes lock-free (retry only on a version change between load and
     *   CAS, which means another write completed). A conflict never waits: it reports. A revocation waits for one
     *   process-wide barrier; writers that meet it wait until it ends. Serialized: blocking. Switching to serialized
     *   mode waits (spinning, then yielding) for the one unguarded write in progress to end.
     * Resizing: the table's own rebuild; it happens inside a write's claimed window, like any other mutation.
     * References: Go's runtime map check (hashWriting flag, "concurrent map writes"), made exact for writes with a
     *   CAS; seqlocks (Lameter) for invisible readers; biased locking (Kawachiya, Koseki and Onodera, "Lock
     *   Reservation", OOPSLA 2002; Dice, Moir and Scherer, "Quickly reacquirable locks") and asymmetric Dekker
     *   synchronisation with a process-wide barrier (as in Linux membarrier-based userspace RCU) for the owner's path;
     *   .NET's Dictionary, which notices corruption only afterwards.
     */

    private readonly GroupTable<TKey, TValue> _table; // GUARDED BY: WriterBit of _state or of _ownerWindow (default), _lock (serialized)
    private readonly Lock? _lock; // Report mode only
    private readonly string _name;
    private readonly GuardMode _mode;
    private readonly bool _captureOtherStack;

    // PUBLISHED BY: CAS in EnterWrite/EnterWriteSlow/SwitchToSerialized, Volatile.Write in ExitWrite/EnterSerialized
    // (and in EnterWrite/EnterWriteSlow to undo a claim whose post-CAS checks failed, while WriterBit is theirs);
    // READ WITH: Volatile.Read into a local.
    private long _state;

    // PUBLISHED BY: Volatile.Write in PublishOwnerStack; READ WITH: Volatile.Read in FindOwnerStack.
    private OwnerStack? _ownerStack;

    // PUBLISHED BY: Volatile.Write by the bias owner only (EnterWrite, ExitWrite); READ WITH: Volatile.Read. Same layout
    // as _state, with WindowBit set. Starts closed, version 0.
    private long _ownerWindow = WindowBit;

    // The bias owner's thread ID, or Unbiased, Revoking, Unbiasable. PUBLISHED BY: Volatile.Write in GrantBias (under
    // WriterBit) and TryRevoke, CAS in TryRevoke and SwitchToSerialized; READ WITH: Volatile.Read.
    private int _owner;

    // The bias owner's stack range (Internal/ThreadStack): set once in GrantBias before _owner, cleared by TryRevoke.
    // A thread whose frame lies in it is the owner (or, after the owner ended, the thread given its stack).
    private nuint _ownerStackLow;
    private nuint _ownerStackSize;
    private Thread? _biasOwner; // set in GrantBias; to tell, in a report, whether the owner is still alive

    private int _sameWriterRun; // GUARDED BY: WriterBit of _state
    private readonly int _biasAfter;

    private long _violations; // Interlocked.Increment in OnViolation only
    private int _revocations; // Interlocked.Increment in TryRevoke only

    /// <summary>Creates an empty dictionary with the default comparer, in <see cref="GuardMode.Throw"/> mode.</summary>
    public GuardedDictionary()
        : this(0, null, null)
    {
    }

    /// <summary>Creates an empty dictionary sized for <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">Entries to hold before the first resize.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public GuardedDictionary(int capacity)
        : this(capacity, null, null)
    {
    }

    /// <summary>Creates an empty dictionary.</summary>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    public GuardedDictionary(IEqualityComparer<TKey>? comparer)
        : this(0, comparer, null)
    {
    }

    /// <summary>Creates an empty dictionary sized for <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">Entries to hold before the first resize.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public GuardedDictionary(int capacity, IEqualityComparer<TKey>? comparer)
        : this(capacity, comparer, null)
    {
    }

    /// <summary>Creates an empty dictionary with the default comparer and the given options.</summary>
    /// <param name="options">Mode, name and stack capture; null for <see cref="GuardOptions.Default"/>.</param>
    public GuardedDictionary(GuardOptions? options)
        : this(0, null, options)
    {
    }

    /// <summary>Creates an empty dictionary.</summary>
    /// <param name="capacity">Entries to hold before the first resize.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <param name="options">Mode, name and stack capture; null for <see cref="GuardOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative, or the mode is not a
    /// <see cref="GuardMode"/>.</exception>
    public GuardedDictionary(int capacity, IEqualityComparer<TKey>? comparer, GuardOptions? options)
        : this(new GroupTable<TKey, TValue>(capacity, comparer), options)
    {
    }

    /// <summary>Creates a dictionary holding the entries of <paramref name="collection"/>.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <param name="options">Mode, name and stack capture; null for <see cref="GuardOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> is null, or holds a null key.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public GuardedDictionary(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer = null, GuardOptions? options = null)
        : this(Fill(collection, comparer), options)
    {
    }

    private static GroupTable<TKey, TValue> Fill(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var table = new GroupTable<TKey, TValue>(collection.TryGetNonEnumeratedCount(out int count) ? count : 0, comparer);
        foreach (KeyValuePair<TKey, TValue> entry in collection)
        {
            table.Add(entry.Key, entry.Value);
        }

        return table;
    }

    private GuardedDictionary(GroupTable<TKey, TValue> table, GuardOptions? options)
    {
        options ??= GuardOptions.Default;
        if (options.Mode is not (GuardMode.Throw or GuardMode.Report))
        {
            Throw.ArgumentOutOfRange(nameof(options), options.Mode, "The guard mode must be Throw or Report.");
        }

        _table = table;
        _table.ReportAs(this);
        _mode = options.Mode;
        _name = string.IsNullOrEmpty(options.Name) ? GuardOptions.DefaultName : options.Name;
        if (!string.IsNullOrEmpty(options.Name))
        {
            MapNames.Set(this, _name); // hash-flood reports from the table name this dictionary as its metrics do
        }
        _captureOtherStack = options.CaptureOtherStack;
        _lock = _mode == GuardMode.Report ? new Lock() : null;
        _biasAfter = options.BiasAfterWrites;

        // Bias needs x86/x64's store order (the owner's window store reaches memory before its dictionary stores), and
        // stack capture records every write on the CAS path.
        if (_biasAfter == 0 || _captureOtherStack || !X86Base.IsSupported)
        {
            _owner = Unbiasable;
        }
    }

    /// <summary>
    /// Raised on the detecting thread for every violation, in either mode: in <see cref="GuardMode.Throw"/> mode just
    /// before the exception is thrown, in <see cref="GuardMode.Report"/> mode just before the dictionary switches to
    /// serialized mode. A handler must not use this dictionary; an exception from a handler propagates to the caller
    /// of the operation that detected the violation (the dictionary still switches, and its data is intact).
    /// </summary>
    public event EventHandler<GuardViolation>? ViolationDetected;

    /// <summary>Gets the name given in <see cref="GuardOptions.Name"/>, or <see cref="GuardOptions.DefaultName"/>.</summary>
    public string Name => _name;

    /// <summary>Gets the mode chosen at construction.</summary>
    public GuardMode Mode => _mode;

    /// <summary>Gets whether a <see cref="GuardMode.Report"/> violation has switched this dictionary to a lock.</summary>
    public bool IsSerialized => (Volatile.Read(ref _state) & SerializedBit) != 0;

    /// <summary>Gets how many violations this dictionary has detected.</summary>
    public long ViolationCount => Interlocked.Read(ref _violations);

    /// <summary>Gets the managed thread ID this dictionary is biased to (see <see cref="GuardOptions.BiasAfterWrites"/>),
    /// or 0 if it is not biased.</summary>
    public int BiasedThreadId => Math.Max(Volatile.Read(ref _owner), 0);

    /// <summary>Gets how many times a bias was revoked (0 or 1: a dictionary is biased at most once).</summary>
    internal int Revocations => Volatile.Read(ref _revocations);

    /// <summary>Gets the key comparer.</summary>
    public IEqualityComparer<TKey> Comparer => _table.Comparer;

    /// <summary>Gets the number of entries (a guarded read).</summary>
    public int Count
    {
        get
        {
            var operation = new CountOperation();
            return Read<CountOperation, int>(ref operation, GuardedOperation.Count);
        }
    }

    /// <summary>Gets how many entries fit before the next resize (a guarded read).</summary>
    public int Capacity
    {
        get
        {
            var operation = new CapacityOperation();
            return Read<CapacityOperation, int>(ref operation, GuardedOperation.Capacity);
        }
    }

    /// <summary>Gets a live view of the keys; its enumeration and <c>Contains</c> are guarded reads.</summary>
    public KeyCollection Keys => new(this);

    /// <summary>Gets a live view of the values; its enumeration and <c>Contains</c> are guarded reads.</summary>
    public ValueCollection Values => new(this);

    bool ICollection<KeyValuePair<TKey, TValue>>.IsReadOnly => false;

    ICollection<TKey> IDictionary<TKey, TValue>.Keys => Keys;

    ICollection<TValue> IDictionary<TKey, TValue>.Values => Values;

    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => Keys;

    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => Values;

    /// <summary>Gets or sets the value of <paramref name="key"/>; the getter is a guarded read, the setter a guarded write.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="KeyNotFoundException">Getting a key that is absent.</exception>
    /// <exception cref="ConcurrentAccessException">Another thread's operation overlapped this one (<see cref="GuardMode.Throw"/>).</exception>
    public TValue this[TKey key]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var operation = new IndexerGetOperation(key);
            return Read<IndexerGetOperation, TValue>(ref operation, GuardedOperation.IndexerGet);
        }

        set
        {
            if (WritesWithoutThrowing(key) && _table.HasRoom)
            {
                // Cannot throw: it changes nothing if the table must rebuild after all (a crowded string key), and the
                // write below does it. The room check keeps that rare, so a set is almost never two guarded writes.
                var inPlace = new TrySetWithoutGrowingOperation(key, value);
                if (WriteWithoutHandler<TrySetWithoutGrowingOperation, bool>(ref inPlace, GuardedOperation.IndexerSet))
                {
                    return;
                }
            }

            var operation = new IndexerSetOperation(key, value);
            WriteOutOfLine<IndexerSetOperation, bool>(ref operation, GuardedOperation.IndexerSet);
        }
    }

    /// <summary>Gets the value of <paramref name="key"/> if present (a guarded read).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, or default when absent.</param>
    /// <returns>Whether the key was present.</returns>
    /// <exception cref="ConcurrentAccessException">A write overlapped this read (<see cref="GuardMode.Throw"/>).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var operation = new TryGetValueOperation(key);
        bool found = Read<TryGetValueOperation, bool>(ref operation, GuardedOperation.TryGetValue);
        value = operation.Value;
        return found;
    }

    /// <summary>Whether <paramref name="key"/> is present (a guarded read).</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key is present.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ContainsKey(TKey key)
    {
        var operation = new ContainsKeyOperation(key);
        return Read<ContainsKeyOperation, bool>(ref operation, GuardedOperation.ContainsKey);
    }

    /// <summary>Whether some entry holds <paramref name="value"/> (a guarded read; O(n)).</summary>
    /// <param name="value">The value to look for.</param>
    /// <returns>Whether the value is present.</returns>
    public bool ContainsValue(TValue value)
    {
        var operation = new ContainsValueOperation(value);
        return Read<ContainsValueOperation, bool>(ref operation, GuardedOperation.ContainsValue);
    }

    /// <summary>Adds an entry (a guarded write).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    /// <exception cref="ConcurrentAccessException">Another thread's operation overlapped this one (<see cref="GuardMode.Throw"/>).</exception>
    public void Add(TKey key, TValue value)
    {
        var operation = new AddOperation(key, value);
        Write<AddOperation, bool>(ref operation, GuardedOperation.Add);
    }

    /// <summary>Adds an entry unless the key is present (a guarded write).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the entry was added.</returns>
    public bool TryAdd(TKey key, TValue value)
    {
        var operation = new TryAddOperation(key, value);
        return Write<TryAddOperation, bool>(ref operation, GuardedOperation.TryAdd);
    }

    /// <summary>Removes <paramref name="key"/> (a guarded write).</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key was present.</returns>
    public bool Remove(TKey key) => Remove(key, out _);

    /// <summary>Removes <paramref name="key"/> and returns its value (a guarded write).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The removed value, or default when absent.</param>
    /// <returns>Whether the key was present.</returns>
    public bool Remove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var operation = new RemoveOperation(key);
        bool removed = WritesWithoutThrowing(key)
            ? WriteWithoutHandler<RemoveOperation, bool>(ref operation, GuardedOperation.Remove)
            : WriteOutOfLine<RemoveOperation, bool>(ref operation, GuardedOperation.Remove);
        value = operation.Value;
        return removed;
    }

    /// <summary>Removes every entry (a guarded write).</summary>
    public void Clear()
    {
        var operation = new ClearOperation();
        Write<ClearOperation, bool>(ref operation, GuardedOperation.Clear);
    }

    /// <summary>Grows the table to hold at least <paramref name="capacity"/> entries (a guarded write).</summary>
    /// <param name="capacity">Entries to hold without a resize.</param>
    /// <returns>The new capacity.</returns>
    public int EnsureCapacity(int capacity)
    {
        var operation = new EnsureCapacityOperation(capacity);
        return Write<EnsureCapacityOperation, int>(ref operation, GuardedOperation.EnsureCapacity);
    }

    /// <summary>Shrinks the table to fit the entries (a guarded write).</summary>
    public void TrimExcess()
    {
        var operation = new TrimExcessOperation(null);
        Write<TrimExcessOperation, bool>(ref operation, GuardedOperation.TrimExcess);
    }

    /// <summary>Shrinks the table to hold <paramref name="capacity"/> entries (a guarded write).</summary>
    /// <param name="capacity">Entries to hold: at least <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than <see cref="Count"/>.</exception>
    public void TrimExcess(int capacity)
    {
        var operation = new TrimExcessOperation(capacity);
        Write<TrimExcessOperation, bool>(ref operation, GuardedOperation.TrimExcess);
    }

    /// <summary>Whether a remove or an in-place set of <paramref name="key"/> cannot throw, so it may run without an
    /// exception handler (<see cref="WriteWithoutHandler"/>): the table runs no user code and the key is not null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool WritesWithoutThrowing(TKey key) => _table.RunsNoUserCode && key is not null;

    /// <summary>Returns an enumerator over the entries; each <c>MoveNext</c> is a guarded read.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this, _table.GetEnumerator());

    void ICollection<KeyValuePair<TKey, TValue>>.Add(KeyValuePair<TKey, TValue> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<TKey, TValue>>.Contains(KeyValuePair<TKey, TValue> item)
    {
        var operation = new ContainsPairOperation(item);
        return Read<ContainsPairOperation, bool>(ref operation, GuardedOperation.Contains);
    }

    void ICollection<KeyValuePair<TKey, TValue>>.CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex)
    {
        var operation = new CopyPairsOperation(array, arrayIndex);
        Read<CopyPairsOperation, bool>(ref operation, GuardedOperation.CopyTo);
    }

    bool ICollection<KeyValuePair<TKey, TValue>>.Remove(KeyValuePair<TKey, TValue> item)
    {
        var operation = new RemovePairOperation(item);
        return Write<RemovePairOperation, bool>(ref operation, GuardedOperation.Remove);
    }

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
