using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

/// <content>The state-word protocol: how reads and writes enter and leave, and what happens on a violation.</content>
public sealed partial class GuardedDictionary<TKey, TValue>
{
    private const long ThreadMask = 0xFFFF_FFFFL;
    private const int OperationShift = 32;
    private const long OperationMask = 0x3FL << OperationShift; // 6 bits: room for 63 GuardedOperation values
    private const long WriterBit = 1L << 38;
    private const long SerializedBit = 1L << 39;
    private const long BusyOrSerialized = WriterBit | SerializedBit;

    // 24 bits of version: a read is fooled only if exactly 2^24 writes (a multiple of 16.7 million) ran inside it.
    private const long VersionUnit = 1L << 40;
    private const long VersionMask = -VersionUnit;

    /// <summary>One dictionary call, as a struct so the JIT specialises <see cref="Read"/> and <see cref="Write"/> per call.</summary>
    private interface IOperation<out TResult>
    {
        TResult Run(Dictionary<TKey, TValue> dictionary);

        /// <summary>Undoes what a <see cref="Run"/> that a write overlapped did to this struct, before the read runs
        /// again under the lock. Only an enumerator step has state to undo; the cold path alone calls this.</summary>
        void Rewind()
        {
        }
    }

    /// <summary>
    /// Runs a read: snapshot the state word, run, and keep the result only if the word did not change.
    /// </summary>
    /// <remarks>
    /// The fast path has no exception handler and makes no copy of the operation. Either one around the inlined
    /// dictionary lookup costs more than the guard itself on a large map: an exception frame (spills, zeroed slots)
    /// or a 16-byte struct copy read back over the lookup's 8-byte stores (a failed store forward) both cut how many
    /// lookups' cache misses the CPU overlaps (see docs/design/guarded-dictionary.md, Cost). So in Throw mode a read
    /// that an overlapping write breaks mid-walk surfaces the dictionary's own exception; Report mode, which promises
    /// to keep going, pays for the handler in <see cref="ReadCatching"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TResult Read<TOperation, TResult>(ref TOperation operation, GuardedOperation code)
        where TOperation : struct, IOperation<TResult>
    {
        // ORDER: acquire; pairs with ExitWrite's release store, so the read sees every write that has ended.
        long start = Volatile.Read(ref _state);
        if ((start & BusyOrSerialized) == 0)
        {
            if (_mode == GuardMode.Report)
            {
                return ReadCatching<TOperation, TResult>(ref operation, code, start);
            }

            TResult result = operation.Run(_dictionary);

            // ORDER: the dictionary loads above complete before the re-check below (free on x64, a barrier on ARM64);
            // pairs with the claiming CAS in EnterWrite, which is visible before the writer's first dictionary store.
            MemoryOrder.LoadLoad();
            if (Volatile.Read(ref _state) == start)
            {
                return result;
            }

            return ReadSlow<TOperation, TResult>(ref operation, code, start, null, ran: true);
        }

        return ReadSlow<TOperation, TResult>(ref operation, code, start, null, ran: false);
    }

    /// <summary>
    /// Report mode's unguarded read: as <see cref="Read"/>, but an exception that an overlapping write caused inside
    /// the dictionary (an index past a resized array, a cycle) becomes a reported violation and a retry under the lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult ReadCatching<TOperation, TResult>(ref TOperation operation, GuardedOperation code, long start)
        where TOperation : struct, IOperation<TResult>
    {
        TResult result;
        try
        {
            result = operation.Run(_dictionary);
        }
        catch (Exception broken) when (Volatile.Read(ref _state) != start)
        {
            return ReadSlow<TOperation, TResult>(ref operation, code, start, broken, ran: true);
        }

        // ORDER: as in Read.
        MemoryOrder.LoadLoad();
        return Volatile.Read(ref _state) == start
            ? result
            : ReadSlow<TOperation, TResult>(ref operation, code, start, null, ran: true);
    }

    /// <summary>Runs a write inside a claimed window of the state word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TResult Write<TOperation, TResult>(ref TOperation operation, GuardedOperation code)
        where TOperation : struct, IOperation<TResult>
    {
        long entered = EnterWrite(code);
        try
        {
            return operation.Run(_dictionary);
        }
        finally
        {
            ExitWrite(entered);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long EnterWrite(GuardedOperation code)
    {
        long observed = Volatile.Read(ref _state);
        if ((observed & BusyOrSerialized) == 0 && !_captureOtherStack)
        {
            long claimed = Claim(observed, code);

            // ORDER: CAS, a full fence: the claim is visible before any store this write makes to the dictionary;
            // pairs with the second Volatile.Read in Read, and with the CAS of any other write (one of two wins).
            if (Interlocked.CompareExchange(ref _state, claimed, observed) == observed)
            {
                return claimed; // the write's guarded window starts here
            }
        }

        return EnterWriteSlow(code);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExitWrite(long entered)
    {
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

    /// <summary>The word a write stores to claim: the version of <paramref name="observed"/>, the writer bit, the
    /// operation and this thread (and the serialized bit if set).</summary>
    private static long Claim(long observed, GuardedOperation code) =>
        (observed & (VersionMask | SerializedBit)) | WriterBit | ((long)code << OperationShift) | (uint)CurrentThread.ManagedId;

    /// <summary>The word a write stores as it ends: next version, writer bit clear, its thread and operation kept
    /// so that a read which overlapped it can still name it.</summary>
    private static long Released(long entered) => unchecked(entered + VersionUnit) & ~WriterBit;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long EnterWriteSlow(GuardedOperation code)
    {
        StackTrace? stack = _captureOtherStack ? new StackTrace(2, fNeedFileInfo: true) : null;
        while (true)
        {
            long observed = Volatile.Read(ref _state);
            if ((observed & SerializedBit) != 0)
            {
                return EnterSerialized(code, stack);
            }

            if ((observed & WriterBit) != 0)
            {
                OnViolation(code, observed, otherWasRunning: true, broken: null); // throws unless Report mode
                return EnterSerialized(code, stack);
            }

            long claimed = Claim(observed, code);

            // ORDER: CAS, as in EnterWrite.
            if (Interlocked.CompareExchange(ref _state, claimed, observed) == observed)
            {
                PublishOwnerStack(claimed, stack);
                return claimed;
            }

            // Another write claimed and released the word between our load and our CAS. It never overlapped our
            // window (which has not opened), so this is not a violation: retry.
        }
    }

    /// <summary>Serialized mode: takes the lock (released by <see cref="ExitWrite"/>) and claims the word under it.</summary>
    private long EnterSerialized(GuardedOperation code, StackTrace? stack)
    {
        _lock!.Enter();
        long observed = Volatile.Read(ref _state);
        if ((observed & WriterBit) != 0)
        {
            // Under the lock only this thread can hold the writer bit: a comparer or handler re-entered the dictionary.
            _lock.Exit();
            OnViolation(code, observed, otherWasRunning: true, broken: null); // re-entry always throws
        }

        // INVARIANT: the switch to serialized mode waited for every unguarded write, and only _lock's owner writes now.
        Debug.Assert((observed & SerializedBit) != 0, "Serialized entry without the serialized bit.");
        long claimed = Claim(observed, code);

        // ORDER: a full fence, like EnterWrite's CAS (under _lock only the lock's owner writes the word): the claim is
        // visible before this write's dictionary stores, so an unguarded read that started before the switch sees it.
        Interlocked.Exchange(ref _state, claimed);
        PublishOwnerStack(claimed, stack);
        return claimed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TResult ReadSlow<TOperation, TResult>(ref TOperation operation, GuardedOperation code, long start, Exception? broken, bool ran)
        where TOperation : struct, IOperation<TResult>
    {
        if (ran)
        {
            operation.Rewind(); // the unguarded attempt may have advanced an enumerator
        }

        if ((start & SerializedBit) == 0)
        {
            if ((start & WriterBit) != 0)
            {
                // A write was in progress as the read started: caught before the read touched anything.
                OnViolation(code, start, otherWasRunning: true, broken); // throws unless Report mode
            }
            else
            {
                long now = Volatile.Read(ref _state);
                if ((now & ~SerializedBit) != start)
                {
                    // A write started (and maybe ended) while the read ran. Only the switch itself is harmless.
                    OnViolation(code, now, otherWasRunning: (now & WriterBit) != 0, broken);
                }
            }
        }

        // Report mode, after the switch (or a read that met the switch alone): redo the read under the lock.
        _lock!.Enter();
        try
        {
            return operation.Run(_dictionary);
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
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnViolation(GuardedOperation code, long other, bool otherWasRunning, Exception? broken)
    {
        var violation = new GuardViolation(
            _name,
            _mode,
            code,
            CurrentThread.ManagedId,
            (GuardedOperation)((other & OperationMask) >> OperationShift),
            (int)(other & ThreadMask),
            otherWasRunning,
            new StackTrace(2, fNeedFileInfo: true),
            FindOwnerStack(other));
        Interlocked.Increment(ref _violations);
        MapGuardMeter.RecordGuardViolation(_name);

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

    /// <summary>Sets the serialized bit once no unguarded write is in progress; from then on every operation locks.</summary>
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
                    return; // another detecting thread switched first
                }

                // ORDER: CAS; succeeds only while WriterBit is clear, so no unguarded write is in its window, and none can
                // start after it (EnterWrite's CAS expects SerializedBit clear). Pairs with EnterWrite's CAS.
                if ((observed & WriterBit) == 0 &&
                    Interlocked.CompareExchange(ref _state, observed | SerializedBit, observed) == observed)
                {
                    return;
                }

                spinner.SpinOnce(); // the unguarded write in progress is finishing its one dictionary call
            }
        }
    }

    private void PublishOwnerStack(long claimed, StackTrace? stack)
    {
        if (stack is not null)
        {
            // ORDER: release; pairs with the acquire load in FindOwnerStack, which then sees a whole OwnerStack.
            Volatile.Write(ref _ownerStack, new OwnerStack(claimed, stack));
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
