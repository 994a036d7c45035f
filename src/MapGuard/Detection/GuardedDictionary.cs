using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Diagnostics;
using MapGuard.Internal;
using MapGuard.Telemetry;

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
/// <para><b>Detection:</b> a write claims the dictionary as it starts (one compare-and-swap on a state word, or, for the
/// thread the dictionary is biased to, a store to a word of its own), so any two writes that overlap in time are
/// caught, always, by the second one. A read registers nothing: it checks the state as it starts (a write in progress
/// is caught there) and again as it ends (a write that started during the read is caught there), so every read/write
/// overlap is caught too, by the read. In Report mode a read also turns an exception that an overlapping write caused
/// inside the dictionary into the report (Throw mode skips that exception handler for speed, so such a rare read
/// throws the dictionary's own exception). Reads never conflict with each other. What it cannot see is in
/// docs/design/guarded-dictionary.md: races that never overlap in time, misuse of an enumerator between
/// <c>MoveNext</c> calls, and callers that bypass the wrapper.</para>
/// <para><b>Modes:</b> <see cref="GuardMode.Throw"/> (default) throws <see cref="ConcurrentAccessException"/> in the
/// detecting thread. <see cref="GuardMode.Report"/> raises <see cref="ViolationDetected"/>, counts the violation and
/// then serializes every operation of this dictionary behind a lock, for good, so the data stays intact and the
/// service keeps running; it never throws for an overlap. Every violation, in either mode, raises
/// <see cref="ViolationDetected"/> and counts in the <c>mapguard.guard.violations</c> metric (tag <c>map</c> =
/// <see cref="GuardOptions.Name"/>). A re-entry (a comparer or handler calling back into the dictionary during one of
/// its own operations) always throws, in either mode.</para>
/// <para><b>Behaviour:</b> the entries live in a real <see cref="Dictionary{TKey, TValue}"/>, so everything but detection
/// is that type's: enumeration order, exceptions and their parameter names, enumerator invalidation,
/// <see cref="Capacity"/>, <see cref="EnsureCapacity"/> and <see cref="TrimExcess()"/>, and comparers with poor or
/// inconsistent hash codes. <see cref="Count"/> is exact. Once serialized, every operation is linearizable. Deliberate
/// differences: no binary serialization (<c>ISerializable</c>) and no alternate lookup; integer and <see cref="Guid"/>
/// keys under the default comparer are hashed with a seed drawn once per process (as the runtime seeds strings), and
/// other unprotected key types are watched by <see cref="HashFloodMonitor"/> (docs/design/hash-flooding.md), which
/// changes speed under attack, not results.</para>
/// <para><b>Owner bias:</b> after <see cref="GuardOptions.BiasAfterWrites"/> writes in a row from one thread (1,024 by
/// default) the dictionary is biased to that thread's managed thread ID, which then writes without the
/// compare-and-swap. Managed thread IDs are unique among live threads, so at most one live thread can take the owner's
/// path, even after the owner exits and its ID is given to a new thread. The first write from any other thread revokes
/// the bias with one process-wide memory barrier, and is reported if the owner is mid-write; after that every write
/// uses the compare-and-swap for good. Detection is the same either way.</para>
/// <para><b>Cost:</b> an owner's write adds a thread-static load, a few loads and two stores to a word of its own; any
/// other write adds one uncontended compare-and-swap (a full fence) and one store; a read adds four loads and writes
/// no shared memory. No allocation. BENCHMARKS.md has the measurements. <see cref="GuardOptions.CaptureOtherStack"/>
/// adds a stack walk per write. After a <see cref="GuardMode.Report"/> violation each operation also takes a
/// <see cref="Lock"/>.</para>
/// <para><b>Progress:</b> no operation ever waits in the default state: an overlapping operation fails instead of
/// waiting (wait-free reads, and writes that retry only when another write started and finished between one load and
/// one compare-and-swap). A revocation waits for one process-wide barrier. Serialized operations block on the lock.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
[DebuggerDisplay("Count = {Count}")]
[DebuggerTypeProxy(typeof(GuardedDictionaryDebugView<,>))]
public sealed partial class GuardedDictionary<TKey, TValue> : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>, IDictionary
    where TKey : notnull
{
    /*
     * Concurrency: the storage (_seeded or _dictionary) is an ordinary Dictionary. Nothing locks it while the guard is
     *   in its default state; instead every operation goes through two words, _state and _ownerWindow (same layout,
     *   one long each):
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
     *   Owner bias: after _biasAfter CAS-path writes in a row from one thread, that thread's managed ID becomes _owner
     *   (granted once per dictionary, under WriterBit). The thread whose ID equals _owner writes by claiming
     *   _ownerWindow with plain stores; managed IDs are unique among live threads, so one thread at most does. Any
     *   other writer first revokes: _owner := Revoking, a process-wide barrier, then a look at the window (open: a
     *   violation), then _owner := Unbiasable. Every CAS-path write also checks the window after its CAS (a revoked
     *   owner may still be finishing a write). Serialized mode: _lock guards the storage; the switch ends any bias and
     *   waits for the owner's window to close.
     *   Exception safety: EnterWrite either returns a claim or throws with none held. A write then holds its claim
     *   only inside Write's try/finally, or, when nothing between claim and release can throw (a seeded key: a remove,
     *   or a set below capacity; an ordinal string key that is not null: a remove, or a set of a present key), in
     *   SetWithoutHandler, SetOrdinalStringWithoutHandler or RemoveWithoutHandler. No path leaves WriterBit set.
     * Memory ordering: see the ORDER comments in GuardedDictionary.Guard.cs. In short: the claiming CAS is a full fence;
     *   the owner's window store is followed by Volatile.WriteBarrier, so it is visible before the write's dictionary
     *   stores; the releasing Volatile.Writes publish a write's stores with the new version; a read loads both words
     *   with acquire, runs, then Volatile.ReadBarrier, then loads both words again. The owner's claim and a revocation
     *   meet in an asymmetric Dekker check built on Interlocked.MemoryBarrierProcessWide.
     * Progress: default state: reads wait-free; writes lock-free (retry only on a version change between load and
     *   CAS, which means another write completed). A conflict never waits: it reports. A revocation waits for one
     *   process-wide barrier; writers that meet it wait until it ends. Serialized: blocking. Switching to serialized
     *   mode waits (SpinWait, which sleeps) for the one unguarded write in progress to end.
     * Resizing: the Dictionary's own; it happens inside a write's claimed window, like any other mutation.
     * References: Go's runtime map check (hashWriting flag, "concurrent map writes"), made exact for writes with a
     *   CAS; seqlocks (Lameter) for invisible readers; biased locking (Kawachiya, Koseki and Onodera, "Lock
     *   Reservation", OOPSLA 2002; Dice, Moir and Scherer, "Quickly reacquirable locks") and asymmetric Dekker
     *   synchronisation with a process-wide barrier (as in Linux membarrier-based userspace RCU) for the owner's path;
     *   .NET's Dictionary, which notices corruption only afterwards.
     */

    // Never written: its interface enumerators are the ones an empty Dictionary hands out.
    private static readonly Dictionary<TKey, TValue> s_empty = [];

    // The storage: exactly one of these two is set, for life (see Storage in docs/design/guarded-dictionary.md).
    // _seeded: a protected value-type key under its default equality, wrapped so that Dictionary's inlined default-comparer
    // path runs the seeded hash. _dictionary: any other key or comparer, with the comparer KeyComparer.ForCollection gives.
    private readonly Dictionary<TKey, TValue>? _dictionary; // GUARDED BY: WriterBit of _state or of _ownerWindow (default), _lock (serialized)
    private readonly Dictionary<SeededKey<TKey>, TValue>? _seeded; // GUARDED BY: as _dictionary

    // String keys under the default or the ordinal comparer: the plain storage hashes them with Dictionary's own
    // ordinal comparers, which cannot throw, so looking up or removing a key that is not null cannot throw
    // (IsOrdinalStringKey).
    private readonly bool _ordinalStrings;
    private readonly IEqualityComparer<TKey> _comparer; // the user's comparer, or the default: what Comparer returns
    private readonly Lock? _lock; // Report mode only
    private readonly string _name;
    private readonly MapLabel _label; // the name hash-flood reports use, and their once-only flag
    private readonly GuardMode _mode;
    private readonly bool _captureOtherStack;

    // PUBLISHED BY: CAS in EnterWrite/EnterWriteSlow/SwitchToSerialized, Volatile.Write in ExitWrite/EnterSerialized
    // (and in EnterWrite/EnterWriteSlow to undo a claim whose post-CAS checks failed, while WriterBit is theirs);
    // READ WITH: Volatile.Read into a local.
    private long _state;

    // PUBLISHED BY: Volatile.Write in PublishOwnerStack; READ WITH: Volatile.Read in FindOwnerStack.
    private OwnerStack? _ownerStack;

    // PUBLISHED BY: Volatile.Write by the bias owner only (TryOpenWindow, ExitWrite) and by GrantBias (under WriterBit,
    // before _owner names the owner); READ WITH: Volatile.Read. Same layout as _state, with WindowBit set. Starts closed.
    private long _ownerWindow = WindowBit;

    // The bias owner's managed thread ID, or Unbiased, Revoking, Unbiasable. PUBLISHED BY: Volatile.Write in GrantBias
    // (under WriterBit) and TryRevoke, CAS in TryRevoke and SwitchToSerialized; READ WITH: Volatile.Read.
    private int _owner;

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
        : this(comparer, options)
    {
        if (SeededKey<TKey>.Applies(comparer))
        {
            _seeded = new Dictionary<SeededKey<TKey>, TValue>(capacity);
        }
        else
        {
            _dictionary = new Dictionary<TKey, TValue>(capacity, KeyComparer<TKey>.ForCollection(comparer, this, _label));
        }
    }

    /// <summary>Creates a dictionary holding the entries of <paramref name="dictionary"/>, in its enumeration order.</summary>
    /// <param name="dictionary">The entries to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    public GuardedDictionary(IDictionary<TKey, TValue> dictionary)
        : this(dictionary, null)
    {
    }

    /// <summary>Creates a dictionary holding the entries of <paramref name="dictionary"/>, in its enumeration order.</summary>
    /// <param name="dictionary">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dictionary"/> holds two keys equal under <paramref name="comparer"/>.</exception>
    public GuardedDictionary(IDictionary<TKey, TValue> dictionary, IEqualityComparer<TKey>? comparer)
        : this(dictionary, comparer, null)
    {
    }

    /// <summary>Creates a dictionary holding the entries of <paramref name="dictionary"/>, in its enumeration order.</summary>
    /// <param name="dictionary">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <param name="options">Mode, name and stack capture; null for <see cref="GuardOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dictionary"/> holds two keys equal under <paramref name="comparer"/>.</exception>
    public GuardedDictionary(IDictionary<TKey, TValue> dictionary, IEqualityComparer<TKey>? comparer, GuardOptions? options)
        : this(comparer, options)
    {
        Dictionary<TKey, TValue> copy = new(dictionary, KeyComparer<TKey>.ForCollection(comparer, this, _label));
        if (SeededKey<TKey>.Applies(comparer))
        {
            _seeded = Reseed(copy);
        }
        else
        {
            _dictionary = copy;
        }
    }

    /// <summary>Creates a dictionary holding the entries of <paramref name="collection"/>, in its order.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <param name="options">Mode, name and stack capture; null for <see cref="GuardOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> is null, or holds a null key.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public GuardedDictionary(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer = null, GuardOptions? options = null)
        : this(comparer, options)
    {
        Dictionary<TKey, TValue> copy = new(collection, KeyComparer<TKey>.ForCollection(comparer, this, _label));
        if (SeededKey<TKey>.Applies(comparer))
        {
            _seeded = Reseed(copy);
        }
        else
        {
            _dictionary = copy;
        }
    }

    /// <summary>
    /// The seeded storage holding <paramref name="copy"/>'s entries in its enumeration order, at its capacity. The copy
    /// is built by <see cref="Dictionary{TKey, TValue}"/>'s own constructor (under a seeded comparer), so its argument
    /// checks, duplicate-key exceptions, order and capacity are that constructor's. Its capacity is one of
    /// <c>HashHelpers</c>' primes, which a new dictionary of that capacity keeps, and adding that many entries in order
    /// fills its entry array in the same order.
    /// </summary>
    private static Dictionary<SeededKey<TKey>, TValue> Reseed(Dictionary<TKey, TValue> copy)
    {
        var seeded = new Dictionary<SeededKey<TKey>, TValue>(copy.Capacity);
        foreach (KeyValuePair<TKey, TValue> pair in copy)
        {
            seeded.Add(new SeededKey<TKey>(pair.Key), pair.Value);
        }

        Debug.Assert(seeded.Capacity == copy.Capacity, "The seeded storage must have Dictionary's capacity.");
        return seeded;
    }

    // Everything but the storage, which each public constructor creates with Dictionary's own constructor (so its
    // argument checks and exceptions are Dictionary's).
    private GuardedDictionary(IEqualityComparer<TKey>? comparer, GuardOptions? options)
    {
        options ??= GuardOptions.Default;
        if (options.Mode is not (GuardMode.Throw or GuardMode.Report))
        {
            Throw.ArgumentOutOfRange(nameof(options), options.Mode, "The guard mode must be Throw or Report.");
        }

        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _ordinalStrings = typeof(TKey) == typeof(string) &&
            (comparer is null || ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal));
        _mode = options.Mode;
        _name = string.IsNullOrEmpty(options.Name) ? GuardOptions.DefaultName : options.Name;
        _label = new MapLabel(string.IsNullOrEmpty(options.Name) ? null : _name); // hash-flood reports name it as its metrics do

        _captureOtherStack = options.CaptureOtherStack;
        _lock = _mode == GuardMode.Report ? new Lock() : null;
        _biasAfter = options.BiasAfterWrites;

        // Stack capture records every write's stack on the CAS path, so it never biases.
        if (_biasAfter == 0 || _captureOtherStack)
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
    public IEqualityComparer<TKey> Comparer => _comparer;

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
            if (typeof(TKey).IsValueType && _seeded is { } seeded)
            {
                SetWithoutHandler(seeded, key, value);
            }
            else if (IsOrdinalStringKey(key))
            {
                SetOrdinalStringWithoutHandler(_dictionary!, key, value);
            }
            else
            {
                SetOutOfLine(key, value);
            }
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
    public bool Remove(TKey key)
    {
        if (typeof(TKey).IsValueType && _seeded is { } seeded)
        {
            return RemoveWithoutHandler(seeded, new SeededKey<TKey>(key));
        }

        if (IsOrdinalStringKey(key))
        {
            return RemoveWithoutHandler(_dictionary!, key);
        }

        return RemoveOutOfLine(key, out _);
    }

    /// <summary>Removes <paramref name="key"/> and returns its value (a guarded write).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The removed value, or default when absent.</param>
    /// <returns>Whether the key was present.</returns>
    public bool Remove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (typeof(TKey).IsValueType && _seeded is { } seeded)
        {
            return RemoveWithoutHandler(seeded, new SeededKey<TKey>(key), out value);
        }

        if (IsOrdinalStringKey(key))
        {
            return RemoveWithoutHandler(_dictionary!, key, out value);
        }

        return RemoveOutOfLine(key, out value);
    }

    // The fallbacks, with the exception handler, of the indexer set and Remove, out of line: the handler-free paths'
    // frames then carry neither the handler nor an operation struct whose address a call takes (which would keep its
    // fields out of registers).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetOutOfLine(TKey key, TValue value)
    {
        var operation = new IndexerSetOperation(key, value);
        Write<IndexerSetOperation, bool>(ref operation, GuardedOperation.IndexerSet);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RemoveOutOfLine(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var operation = new RemoveOperation(key);
        bool removed = Write<RemoveOperation, bool>(ref operation, GuardedOperation.Remove);
        value = operation.Value;
        return removed;
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a string that is not null, stored under <see cref="Dictionary{TKey, TValue}"/>'s
    /// own ordinal string comparers: then a lookup or a remove runs no code that can throw (neither allocates).
    /// </summary>
    // !IsValueType folds in code shared by reference types, where typeof(TKey) == typeof(string) is a runtime lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsOrdinalStringKey(TKey key) => !typeof(TKey).IsValueType && _ordinalStrings && key is not null;

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

    /// <summary>Whether the storage is <see cref="_seeded"/>. Then a write runs only MapGuard's code and
    /// <see cref="Dictionary{TKey, TValue}"/>'s (no user comparer, no null key, no string-hash switch), so a remove,
    /// and a set that needs no resize, cannot throw (see <see cref="SetWithoutHandler"/>). Folds to false for a
    /// reference-type key.</summary>
    private bool IsSeeded
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(TKey).IsValueType && _seeded is not null;
    }

    /// <summary>Returns an enumerator over the entries; each <c>MoveNext</c> is a guarded read.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this, StorageEnumerator.Over(this), entries: false);

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

    // Through the interfaces an empty Dictionary hands out a shared empty enumerator (whose Current throws and which no
    // later change invalidates), so an empty GuardedDictionary hands out that same one.
    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() =>
        Count == 0 ? ((IEnumerable<KeyValuePair<TKey, TValue>>)s_empty).GetEnumerator() : GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)this).GetEnumerator();
}
