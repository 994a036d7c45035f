using System.Runtime.InteropServices;

namespace MapGuard.Cli.Lab.Running;

/// <summary>
/// Workers on threads that native code creates: <c>pthread_create</c> from libc, called through a function pointer
/// with an <see cref="UnmanagedCallersOnlyAttribute"/> entry point, so no C compiler is needed. The runtime never
/// started these threads; it attaches each one when it first calls into managed code, as it does
/// for callbacks from native libraries. Linux and macOS only.
/// </summary>
internal sealed unsafe class NativeThreadLauncher : IWorkerLauncher
{
    private readonly delegate* unmanaged<nint*, nint, delegate* unmanaged<nint, nint>, nint, int> _create;
    private readonly delegate* unmanaged<nint, int> _detach;

    private NativeThreadLauncher(nint create, nint detach, string library)
    {
        _create = (delegate* unmanaged<nint*, nint, delegate* unmanaged<nint, nint>, nint, int>)create;
        _detach = (delegate* unmanaged<nint, int>)detach;
        Library = library;
    }

    /// <summary>Gets the library <c>pthread_create</c> came from.</summary>
    public string Library { get; }

    /// <summary>Gets the managed thread IDs the runtime gave the native threads of the latest run.</summary>
    public IReadOnlyList<int> LastManagedThreadIds { get; private set; } = [];

    /// <summary>Gets whether every native thread of the latest run reported that it was not a pool thread.</summary>
    public bool LastRunOutsideThePool { get; private set; }

    public string Description => "threads made by pthread_create";

    /// <summary>Finds <c>pthread_create</c> and <c>pthread_detach</c> in the C library.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux or macOS, or no C library exports them.</exception>
    public static NativeThreadLauncher Create()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException(
                $"native threads are created with pthread_create, which needs Linux or macOS (this is {RuntimeInformation.OSDescription}); on Windows the same demonstration would use CreateThread, which this command does not implement.");
        }

        // glibc 2.34+ has pthreads in libc.so.6; older glibc in libpthread.so.0; musl and macOS in their C library.
        string[] candidates = OperatingSystem.IsMacOS()
            ? ["/usr/lib/libSystem.B.dylib", "libSystem.dylib"]
            : ["libc.so.6", "libpthread.so.0", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc"];
        foreach (string candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out nint library) &&
                NativeLibrary.TryGetExport(library, "pthread_create", out nint create) &&
                NativeLibrary.TryGetExport(library, "pthread_detach", out nint detach))
            {
                return new NativeThreadLauncher(create, detach, candidate);
            }
        }

        throw new PlatformNotSupportedException("no C library on this system exports pthread_create and pthread_detach (tried " + string.Join(", ", candidates) + ").");
    }

    public bool Run(Action<int> body, int count, TimeSpan timeout)
    {
        var finished = new CountdownEvent(count); // not disposed on a timeout: an abandoned thread may still signal it
        var works = new NativeWork[count];
        var handles = new GCHandle[count];
        for (int i = 0; i < count; i++)
        {
            works[i] = new NativeWork(body, i, finished);
            handles[i] = GCHandle.Alloc(works[i]);
            nint thread;
            int error = _create(&thread, 0, &ThreadStart, GCHandle.ToIntPtr(handles[i]));
            if (error != 0)
            {
                throw new InvalidOperationException($"pthread_create failed with error {error}.");
            }

            _ = _detach(thread); // nobody joins: completion comes through the countdown
        }

        if (!finished.Wait(timeout))
        {
            return false; // the GC handles stay allocated: a hung native thread still uses its work item
        }

        finished.Dispose();
        foreach (GCHandle handle in handles)
        {
            handle.Free();
        }

        LastManagedThreadIds = [.. works.Select(w => w.ManagedThreadId)];
        LastRunOutsideThePool = works.All(w => w.OutsideThePool);
        return true;
    }

    /// <summary>The entry point pthread_create calls on the new thread. No exception may cross back into C.</summary>
    [UnmanagedCallersOnly]
    private static nint ThreadStart(nint argument)
    {
        var work = (NativeWork)GCHandle.FromIntPtr(argument).Target!;
        try
        {
            work.ManagedThreadId = Environment.CurrentManagedThreadId;
            work.OutsideThePool = !Thread.CurrentThread.IsThreadPoolThread;
            work.Body(work.Index);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            work.Error = ex; // the body reports its own failures; this only keeps the process alive
        }
        finally
        {
            work.Finished.Signal();
        }

        return 0;
    }

    /// <summary>What one native thread runs, and what it saw.</summary>
    private sealed class NativeWork(Action<int> body, int index, CountdownEvent finished)
    {
        public Action<int> Body { get; } = body;

        public int Index { get; } = index;

        public CountdownEvent Finished { get; } = finished;

        public int ManagedThreadId { get; set; }

        public bool OutsideThePool { get; set; }

        public Exception? Error { get; set; }
    }
}
