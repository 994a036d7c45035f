using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard;

/// <content>The state-word protocol: how reads and writes enter and leave, owner bias, and what happens on a violation.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    private const long ThreadMask = 0x7FFF_FFFFL; // managed thread IDs are positive, so bit 31 is free
    private const long WindowBit = 1L << 31; // set in every _ownerWindow word, never in _state: tells ExitWrite where to release
    private const int OperationShift = 32;
    private const long OperationMask = 0x3FL << OperationShift; // 6 bits: room for 63 GuardedOperation values
    private const long WriterBit = 1L << 38;
    private const long SerializedBit = 1L << 39;
    private const long BusyOrSerialized = WriterBit | SerializedBit;

    // 24 bits of version: a read is fooled only if exactly 2^24 writes (a multiple of 16.7 million) ran inside it.
    private const long VersionUnit = 1L << 40;
    private const long VersionMask = -VersionUnit;

    // _owner: a managed thread ID (> 0) while biased, or one of these.
    private const int Unbiased = 0; // not biased yet: counting writes toward a bias
    private const int Unbiasable = -1; // revoked, or biasing is off: every write uses the CAS on _state, for good
    private const int Revoking = -2; // a revocation is in progress; everyone else waits for it

    /// <summary>One dictionary call, as a struct so the JIT specialises <see cref="Read"/> and <see cref="Write"/> per call.</summary>
    private interface IOperation<out TResult>
    {
        /// <summary>Runs on the storage of any key type but a seeded one.</summary>
        TResult Run(Dictionary<TKey, TValue> dictionary);

        /// <summary>Runs on the seeded storage: the same call of <see cref="Dictionary{TKey, TValue}"/>, each key
        /// wrapped going in and unwrapped coming out.</summary>
        TResult Run(Dictionary<SeededKey<TKey>, TValue> dictionary);

        /// <summary>Undoes what a <c>Run</c> that a write overlapped did to this struct, before the read runs
        /// again under the lock. Only an enumerator step has state to undo; the cold path alone calls this.</summary>
        void Rewind()
        {
        }
    }

    /// <summary>Runs <paramref name="operation"/> on whichever storage this dictionary has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TResult RunOn<TOperation, TResult>(ref TOperation operation)
        where TOperation : struct, IOperation<TResult>
    {
        if (typeof(TKey).IsValueType && _seeded is { } seeded)
        {
            return operation.Run(seeded);
        }

        return operation.Run(_dictionary!);
    }

    /// <summary>
    /// Runs a read: snapshot the state word, run, and keep the result only if the word did not change.
    /// </summary>
    /// <remarks>
    /// The fast path has no exception handler and makes no copy of the operation. Either one around the lookup
    /// costs more than the guard itself on a large map: an exception frame (spills, zeroed slots) or a 16-byte struct
    /// copy read back over the lookup's 8-byte stores (a failed store forward) both cut how many lookups' cache misses
    /// the CPU overlaps (see docs/design/guarded-dictionary.md, Cost). So in Throw mode a read that an overlapping
    /// write breaks mid-walk surfaces the table's own exception; Report mode, which promises to keep going, pays for
    /// the handler in <see cref="ReadCatching"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TResult Read<TOperation, TResult>(ref TOperation operation, GuardedOperation code)
        where TOperation : struct, IOperation<TResult>
    {
        // ORDER: acquire; pairs with ExitWrite's release stores, so the read sees every write that has ended.
        long start = Volatile.Read(ref _state);
        long window = Volatile.Read(ref _ownerWindow);
        if (((start | window) & BusyOrSerialized) == 0)
        {
            if (_mode == GuardMode.Report)
            {
                return ReadCatching<TOperation, TResult>(ref operation, code, start, window);
            }

            TResult result = RunOn<TOperation, TResult>(ref operation);

            // ORDER: Volatile.ReadBarrier: the dictionary loads above complete before the re-checks below (no load
            // moves after the barrier). Pairs with the claiming CAS in EnterWrite (a full fence) and with the owner's
            // window store, which Volatile.WriteBarrier in TryOpenWindow keeps ahead of the owner's dictionary stores:
            // a read that saw any store of an overlapping write sees that write's claim in the re-check.
            Volatile.ReadBarrier();
            if (Volatile.Read(ref _state) == start && Volatile.Read(ref _ownerWindow) == window)
            {
                return result;
            }

            return ReadSlow<TOperation, TResult>(ref operation, code, start, window, null, ran: true);
        }

        return ReadSlow<TOperation, TResult>(ref operation, code, start, window, null, ran: false);
    }

    /// <summary>
    /// Report mode's unguarded read: as <see cref="Read"/>, but an exception that an overlapping write caused inside
    /// the dictionary (an index past a resized array, a cycle) becomes a reported violation and a retry under the lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult ReadCatching<TOperation, TResult>(ref TOperation operation, GuardedOperation code, long start, long window)
        where TOperation : struct, IOperation<TResult>
    {
        TResult result;
        try
        {
            result = RunOn<TOperation, TResult>(ref operation);
        }
        catch (Exception broken) when (Volatile.Read(ref _state) != start || Volatile.Read(ref _ownerWindow) != window)
        {
            return ReadSlow<TOperation, TResult>(ref operation, code, start, window, broken, ran: true);
        }

        // ORDER: Volatile.ReadBarrier, as in Read.
        Volatile.ReadBarrier();
        return Volatile.Read(ref _state) == start && Volatile.Read(ref _ownerWindow) == window
            ? result
            : ReadSlow<TOperation, TResult>(ref operation, code, start, window, null, ran: true);
    }

    /// <summary>Runs a write inside a claimed window of the state word.</summary>
    /// <remarks>The claim is held only inside the <c>try</c>: <see cref="EnterWrite"/> returns with it or throws
    /// without it, and the <c>finally</c> releases it whatever the dictionary or the user's comparer throws.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TResult Write<TOperation, TResult>(ref TOperation operation, GuardedOperation code)
        where TOperation : struct, IOperation<TResult>
    {
        long entered = EnterWrite(code);
        try
        {
            return RunOn<TOperation, TResult>(ref operation);
        }
        finally
        {
            ExitWrite(entered);
        }
    }

    /// <summary>
    /// A set on the seeded storage, inside a claimed window with no exception handler, whose frame costs a small map's
    /// write more than the rest of the guard (docs/design/guarded-dictionary.md, Cost). A set that finds the dictionary
    /// full may resize, and an allocation can throw: it runs in <see cref="SetClaimed"/> instead, with the handler, under
    /// the same claim.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetWithoutHandler(Dictionary<SeededKey<TKey>, TValue> seeded, TKey key, TValue value)
    {
        long entered = EnterWrite(GuardedOperation.IndexerSet);
        if (seeded.Count >= seeded.Capacity)
        {
            SetClaimed(seeded, new SeededKey<TKey>(key), value, entered);
            return;
        }

        // INVARIANT: nothing between the claim and the release throws: Dictionary calls only SeededKey's hash and
        // equality, and a set below capacity neither resizes nor initializes.
        seeded[new SeededKey<TKey>(key)] = value;
        ExitWrite(entered);
    }

    /// <summary>
    /// A set of a string key under the runtime's ordinal comparers (<see cref="IsOrdinalStringKey"/>), inside a claimed
    /// window with no exception handler when the key is present: the value is overwritten through the entry's
    /// reference, as <see cref="Dictionary{TKey, TValue}"/>'s own overwrite does (without a version change). A new key
    /// may resize the table or switch its string hash to the randomized one, and both allocate: it runs in
    /// <see cref="SetClaimed"/>, with the handler, under the same claim.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetOrdinalStringWithoutHandler(Dictionary<TKey, TValue> storage, TKey key, TValue value)
    {
        long entered = EnterWrite(GuardedOperation.IndexerSet);

        // INVARIANT: nothing between the claim and the release throws: the key is not null, a lookup under the
        // runtime's ordinal comparers neither throws nor allocates, and a store through the reference cannot fail.
        ref TValue stored = ref CollectionsMarshal.GetValueRefOrNullRef(storage, key);
        if (Unsafe.IsNullRef(ref stored))
        {
            SetClaimed(storage, key, value, entered);
            return;
        }

        stored = value;
        ExitWrite(entered);
    }

    /// <summary>A set under a claim already held, which it releases whatever the set throws.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetClaimed<TStored>(Dictionary<TStored, TValue> storage, TStored key, TValue value, long entered)
        where TStored : notnull
    {
        try
        {
            storage[key] = value;
        }
        finally
        {
            ExitWrite(entered);
        }
    }

    /// <summary>
    /// A remove that cannot throw (<see cref="IsOrdinalStringKey"/>), inside a claimed window with no exception handler.
    /// It calls <see cref="Dictionary{TKey, TValue}.Remove(TKey)"/>, which copies no value out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RemoveWithoutHandler<TStored>(Dictionary<TStored, TValue> storage, TStored key)
        where TStored : notnull
    {
        long entered = EnterWrite(GuardedOperation.Remove);

        // INVARIANT: nothing between the claim and the release throws: the key is not null, the comparer is one that
        // cannot throw, and a remove never allocates.
        bool removed = storage.Remove(key);
        ExitWrite(entered);
        return removed;
    }

    /// <summary><see cref="RemoveWithoutHandler{TStored}(Dictionary{TStored, TValue}, TStored)"/>, handing out the removed value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RemoveWithoutHandler<TStored>(Dictionary<TStored, TValue> storage, TStored key, [MaybeNullWhen(false)] out TValue value)
        where TStored : notnull
    {
        long entered = EnterWrite(GuardedOperation.Remove);

        // INVARIANT: as in the overload above.
        bool removed = storage.Remove(key, out value);
        ExitWrite(entered);
        return removed;
    }

    /// <summary>Opens this write's guarded window: in the owner's window word if this thread holds the bias, else by
    /// CAS on the state word. Returns the claimed word, which <see cref="ExitWrite"/> releases.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long EnterWrite(GuardedOperation code)
    {
        // The owner is the live thread whose managed ID is _owner: IDs are unique among live threads, so at most one
        // thread takes this path, even after the owner exits and a new thread is given its ID.
        int thread = CurrentThread.ManagedId;
        int owner = Volatile.Read(ref _owner);
        if (owner == thread)
        {
            long window = _ownerWindow; // only the owner ever writes it
            if ((window & WriterBit) == 0 && TryOpenWindow(window, code, out long claimed))
            {
                return claimed; // the write's guarded window starts here
            }
        }
        else if (!_captureOtherStack)
        {
            long observed = Volatile.Read(ref _state);
            if ((observed & BusyOrSerialized) == 0 && owner is Unbiased or Unbiasable)
            {
                long claimed = Claim(observed, code, thread);

                // ORDER: CAS, a full fence: the claim is visible before any store this write makes to the dictionary;
                // pairs with the second Volatile.Read in Read, and with the CAS of any other write (one of two wins).
                // The loads after it see a bias granted before it (granted only under WriterBit, published by the
                // release in ExitWrite that this CAS read) and a revoked owner's window if it is still open.
                if (Interlocked.CompareExchange(ref _state, claimed, observed) == observed)
                {
                    if (Volatile.Read(ref _owner) == owner && (Volatile.Read(ref _ownerWindow) & WriterBit) == 0)
                    {
                        if (owner == Unbiased)
                        {
                            CountTowardBias(observed, thread);
                        }

                        return claimed; // the write's guarded window starts here
                    }

                    // INVARIANT: WriterBit is ours, so nobody else changed the word; restoring it undoes the claim.
                    Volatile.Write(ref _state, observed);
                }
            }
        }

        return EnterWriteSlow(code);
    }

    /// <summary>The owner opens its window (closed, <paramref name="window"/>) for a write. False if the bias was revoked
    /// meanwhile: the window is closed again before the dictionary is touched, and the caller takes the CAS path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryOpenWindow(long window, GuardedOperation code, out long claimed)
    {
        claimed = ClaimWindow(window, code);
        Volatile.Write(ref _ownerWindow, claimed);

        // ORDER: Volatile.WriteBarrier: the window store above is visible before any later store, so before this
        // write's dictionary stores; pairs with Volatile.ReadBarrier in Read (the seqlock's writer side).
        Volatile.WriteBarrier();

        // ORDER: the owner's half of an asymmetric Dekker check, with no fence on this side: store the window, then
        // load _owner. TryRevoke stores Revoking, runs Interlocked.MemoryBarrierProcessWide (documented: no CPU moves
        // a read or a write across it) and then loads the window, so either that load sees this claim, or this load
        // sees the revocation. The one thing the .NET memory model does not state is that the JIT emits this volatile
        // store before the volatile load that follows it; RyuJIT never reorders volatile accesses with one another.
        if (Volatile.Read(ref _owner) > 0)
        {
            return true;
        }

        Volatile.Write(ref _ownerWindow, Released(claimed));
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExitWrite(long entered)
    {
        if ((entered & WindowBit) != 0)
        {
            // ORDER: release; publishes the owner's dictionary stores with the new window version; pairs with the
            // acquire loads of the window in Read, EnterWrite and Revoke.
            Volatile.Write(ref _ownerWindow, Released(entered));
            return;
        }

        // INVARIANT: while WriterBit is ours nobody else changes the word (every CAS expects WriterBit clear).
        Debug.Assert(Volatile.Read(ref _state) == entered, "The state word changed while a write held it.");

        // ORDER: release; publishes the write's dictionary stores with the new version; pairs with the acquire load
        // at the start of Read and EnterWrite.
        Volatile.Write(ref _state, Released(entered));
        if ((entered & SerializedBit) != 0)
        {
            _lock!.Exit();
        }
    }

    /// <summary>The word a write stores to claim: the version of <paramref name="observed"/> (and its serialized or
    /// window bit), the writer bit, the operation and the thread.</summary>
    private static long Claim(long observed, GuardedOperation code, int thread) =>
        (observed & (VersionMask | SerializedBit | WindowBit)) | WriterBit | ((long)code << OperationShift) | (uint)thread;

    /// <summary>The window word the owner stores to claim: the window's version and owner thread, the writer bit and
    /// the operation.</summary>
    private static long ClaimWindow(long window, GuardedOperation code) =>
        (window & ~OperationMask) | WriterBit | ((long)code << OperationShift);

    /// <summary>The word a write stores as it ends: next version, writer bit clear, its thread and operation kept
    /// so that a read which overlapped it can still name it.</summary>
    private static long Released(long entered) => unchecked(entered + (VersionUnit - WriterBit)); // WriterBit is set: no borrow

    /// <summary>Counts consecutive CAS-path writes by one thread, and biases the dictionary to it after
    /// <see cref="GuardOptions.BiasAfterWrites"/> of them. Called only while this thread holds WriterBit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountTowardBias(long observed, int thread)
    {
        int run = (int)(observed & ThreadMask) == thread ? _sameWriterRun + 1 : 1;
        _sameWriterRun = run;
        if (run >= _biasAfter)
        {
            GrantBias(thread);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrantBias(int thread)
    {
        // INVARIANT: granted at most once per dictionary (from Unbiased only, which never comes back), so the window
        // word has one writer for life: a stale owner cannot clobber a later owner's window.
        Volatile.Write(ref _ownerWindow, (_ownerWindow & ~ThreadMask) | (uint)thread); // the window names its owner from now on

        // ORDER: release; published to other writers by the release in ExitWrite of this write (a CAS-path writer
        // reads _owner after its CAS). A read needs nothing: the owner's writes change the window word it validates.
        Volatile.Write(ref _owner, thread);
    }

    /// <summary>
    /// Ends the bias of <paramref name="owner"/> for a write that is about to start. An open window means the owner's
    /// write is in progress and overlaps this one, and is reported.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Revoke(GuardedOperation code, int owner)
    {
        if (TryRevoke(owner, out long window) && (window & WriterBit) != 0)
        {
            OnViolation(code, window, otherWasRunning: true, broken: null); // throws unless Report mode
        }
    }

    /// <summary>
    /// Ends the bias of <paramref name="owner"/>, for good: mark the revocation, make every thread's earlier stores
    /// visible with a process-wide barrier, then read the owner's window. False if another thread revoked first (the
    /// caller re-reads <see cref="_owner"/>).
    /// </summary>
    private bool TryRevoke(int owner, out long window)
    {
        if (Interlocked.CompareExchange(ref _owner, Revoking, owner) != owner)
        {
            window = 0;
            return false;
        }

        // ORDER: the revoker's half of the asymmetric Dekker check in EnterWrite. After the barrier the owner's window
        // store is visible here, or the owner's next load of _owner sees Revoking.
        Interlocked.MemoryBarrierProcessWide();
        window = Volatile.Read(ref _ownerWindow);
        Interlocked.Increment(ref _revocations);
        Volatile.Write(ref _owner, Unbiasable);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long EnterWriteSlow(GuardedOperation code)
    {
        int thread = CurrentThread.ManagedId;
        StackTrace? stack = _captureOtherStack ? new StackTrace(2, fNeedFileInfo: true) : null;
        var spinner = default(SpinWait);
        while (true)
        {
            int owner = Volatile.Read(ref _owner);
            if (owner == thread)
            {
                long window = _ownerWindow;
                if ((window & WriterBit) != 0)
                {
                    // Only the owner opens the window, and this is the owner: a comparer or handler re-entered.
                    OnViolation(code, window, otherWasRunning: true, broken: null, reentry: true); // always throws
                }

                if (TryOpenWindow(window, code, out long claimed))
                {
                    return claimed;
                }

                continue;
            }

            if (owner == Revoking)
            {
                spinner.SpinOnce(); // a process-wide barrier: microseconds
                continue;
            }

            if (owner > 0)
            {
                Revoke(code, owner); // throws, or in Report mode switches to serialized, if the owner is writing
                continue;
            }

            long observed = Volatile.Read(ref _state);
            if ((observed & SerializedBit) != 0)
            {
                return EnterSerialized(code, thread, stack);
            }

            if ((observed & WriterBit) != 0)
            {
                OnViolation(code, observed, otherWasRunning: true, broken: null); // throws unless Report mode
                return EnterSerialized(code, thread, stack);
            }

            long claimedState = Claim(observed, code, thread);
            OwnerStack? published = stack is null ? null : new OwnerStack(claimedState, stack); // allocated before the claim

            // ORDER: CAS, as in EnterWrite.
            if (Interlocked.CompareExchange(ref _state, claimedState, observed) != observed)
            {
                // Another write claimed and released the word between our load and our CAS. It never overlapped our
                // window (which has not opened), so this is not a violation: retry.
                continue;
            }

            if (Volatile.Read(ref _owner) != owner)
            {
                Volatile.Write(ref _state, observed); // a bias was granted before our CAS: undo, and start over
                continue;
            }

            long ownerWindow = Volatile.Read(ref _ownerWindow);
            if ((ownerWindow & WriterBit) != 0)
            {
                // A revoked owner is still inside its last biased write.
                Volatile.Write(ref _state, observed);
                OnViolation(code, ownerWindow, otherWasRunning: true, broken: null); // throws unless Report mode
                return EnterSerialized(code, thread, stack);
            }

            if (owner == Unbiased)
            {
                CountTowardBias(observed, thread);
            }

            PublishOwnerStack(published);
            return claimedState; // nothing after the CAS can throw: the claim reaches Write's try

        }
    }

    /// <summary>Serialized mode: takes the lock (released by <see cref="ExitWrite"/>) and claims the word under it.</summary>
    private long EnterSerialized(GuardedOperation code, int thread, StackTrace? stack)
    {
        _lock!.Enter();
        long observed = Volatile.Read(ref _state);
        if ((observed & WriterBit) != 0)
        {
            // Under the lock only this thread can hold the writer bit: a comparer or handler re-entered the dictionary.
            _lock.Exit();
            OnViolation(code, observed, otherWasRunning: true, broken: null); // re-entry always throws
        }

        // INVARIANT: the switch to serialized mode waited for every unguarded write (and ended any bias), and only
        // _lock's owner writes now.
        Debug.Assert((observed & SerializedBit) != 0, "Serialized entry without the serialized bit.");
        long claimed = Claim(observed, code, thread);
        OwnerStack? published;
        try
        {
            published = stack is null ? null : new OwnerStack(claimed, stack);
        }
        catch
        {
            _lock.Exit();
            throw;
        }

        // ORDER: a full fence, like EnterWrite's CAS (under _lock only the lock's owner writes the word): the claim is
        // visible before this write's dictionary stores, so an unguarded read that started before the switch sees it.
        Interlocked.Exchange(ref _state, claimed);
        PublishOwnerStack(published);
        return claimed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult ReadSlow<TOperation, TResult>(ref TOperation operation, GuardedOperation code, long start, long window, Exception? broken, bool ran)
        where TOperation : struct, IOperation<TResult>
    {
        if (ran)
        {
            operation.Rewind(); // the unguarded attempt may have advanced an enumerator
        }

        if ((start & SerializedBit) == 0)
        {
            if ((start & WriterBit) != 0 || (window & WriterBit) != 0)
            {
                // A write was in progress as the read started: caught before the read touched anything.
                OnViolation(code, (start & WriterBit) != 0 ? start : window, otherWasRunning: true, broken); // throws unless Report mode
            }
            else
            {
                long now = Volatile.Read(ref _state);
                long nowWindow = Volatile.Read(ref _ownerWindow);
                if ((now & ~SerializedBit) != start)
                {
                    // A write started (and maybe ended) while the read ran. Only the switch itself is harmless.
                    OnViolation(code, now, otherWasRunning: (now & WriterBit) != 0, broken);
                }
                else if (nowWindow != window)
                {
                    // The bias owner wrote while the read ran.
                    OnViolation(code, nowWindow, otherWasRunning: (nowWindow & WriterBit) != 0, broken);
                }
            }
        }

        // Report mode, after the switch (or a read that met the switch alone): redo the read under the lock.
        _lock!.Enter();
        try
        {
            return RunOn<TOperation, TResult>(ref operation);
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>
    /// Records a violation: count it, raise the event, then throw (Throw mode, or a re-entry, which cannot be
    /// serialized) or switch to serialized mode (Report mode).
    /// </summary>
    /// <param name="code">The detecting operation.</param>
    /// <param name="other">A state word naming the other party (its thread, operation and version).</param>
    /// <param name="otherWasRunning">Whether the other write was still in its window.</param>
    /// <param name="broken">The exception an overlapped read hit inside the dictionary, if any.</param>
    /// <param name="reentry">The other party is this thread (the owner's window, open, and this is the owner).</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnViolation(GuardedOperation code, long other, bool otherWasRunning, Exception? broken, bool reentry = false)
    {
        int thread = CurrentThread.ManagedId;
        int otherThread = reentry ? thread : (int)(other & ThreadMask);

        var violation = new GuardViolation(
            _name,
            _mode,
            code,
            thread,
            (GuardedOperation)((other & OperationMask) >> OperationShift),
            otherThread,
            otherWasRunning,
            new StackTrace(2, fNeedFileInfo: true),
            FindOwnerStack(other));
        Interlocked.Increment(ref _violations);
        NamedCounters.GuardViolations.Increment(_name);

        if (_mode == GuardMode.Throw || (violation.IsReentry && otherWasRunning))
        {
            ViolationDetected?.Invoke(this, violation);
            throw new ConcurrentAccessException(violation, broken);
        }

        try
        {
            ViolationDetected?.Invoke(this, violation);
        }
        finally
        {
            SwitchToSerialized();
        }
    }

    /// <summary>Sets the serialized bit once no unguarded write is in progress, then ends any owner bias and waits
    /// for the owner's last write; from then on every operation locks.</summary>
    private void SwitchToSerialized()
    {
        lock (_lock!)
        {
            var spinner = default(SpinWait);
            while (true)
            {
                long observed = Volatile.Read(ref _state);
                if ((observed & SerializedBit) != 0)
                {
                    return; // another detecting thread switched first, and finished under this lock
                }

                // ORDER: CAS; succeeds only while WriterBit is clear, so no CAS-path write is in its window, and none can
                // start after it (EnterWrite's CAS expects SerializedBit clear). Pairs with EnterWrite's CAS.
                if ((observed & WriterBit) == 0 &&
                    Interlocked.CompareExchange(ref _state, observed | SerializedBit, observed) == observed)
                {
                    break;
                }

                spinner.SpinOnce(); // the unguarded write in progress is finishing its one dictionary call
            }

            // INVARIANT: no bias can be granted from here on (only a CAS-path write in the unserialized state grants one),
            // and serialized writes wait on this lock until the owner's window is closed for good.
            while (true)
            {
                int owner = Volatile.Read(ref _owner);
                if (owner == Unbiasable)
                {
                    break;
                }

                if (owner > 0)
                {
                    TryRevoke(owner, out _); // an open window is waited for below, not reported again
                }
                else if (owner == Unbiased)
                {
                    Interlocked.CompareExchange(ref _owner, Unbiasable, Unbiased);
                }
                else
                {
                    spinner.SpinOnce(); // another thread's revocation is finishing
                }
            }

            while ((Volatile.Read(ref _ownerWindow) & WriterBit) != 0)
            {
                spinner.SpinOnce(); // the revoked owner is finishing its last biased write
            }
        }
    }

    private void PublishOwnerStack(OwnerStack? published)
    {
        if (published is not null)
        {
            // ORDER: release; pairs with the acquire load in FindOwnerStack, which then sees a whole OwnerStack.
            Volatile.Write(ref _ownerStack, published);
        }
    }

    /// <summary>The captured stack of the write that <paramref name="other"/> names, if it is still the latest one.</summary>
    private StackTrace? FindOwnerStack(long other)
    {
        if (!_captureOtherStack)
        {
            return null;
        }

        // The owner publishes right after its claim; give it a moment if it is still running.
        var spinner = default(SpinWait);
        for (int attempt = 0; attempt < 50; attempt++)
        {
            OwnerStack? owner = Volatile.Read(ref _ownerStack);
            if (owner is not null && (owner.Claimed == other || Released(owner.Claimed) == other))
            {
                return owner.Stack;
            }

            if ((other & WriterBit) == 0)
            {
                break; // it ended, so it published before; a later write replaced it
            }

            spinner.SpinOnce();
        }

        return null;
    }

    /// <summary>A write's stack as it started, tagged with the state word it claimed.</summary>
    private sealed class OwnerStack(long claimed, StackTrace stack)
    {
        public long Claimed { get; } = claimed;

        public StackTrace Stack { get; } = stack;
    }
}
