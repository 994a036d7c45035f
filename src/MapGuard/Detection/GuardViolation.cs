using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MapGuard;

/// <summary>
/// One detected overlap on a <see cref="GuardedDictionary{TKey, TValue}"/>: which operation found which other
/// operation in progress, on which threads, and the stacks. <see cref="Message"/> reads like
/// "Add while another thread was in Remove"; <see cref="ToString"/> adds the stacks.
/// </summary>
public sealed class GuardViolation
{
    internal GuardViolation(
        string mapName,
        GuardMode mode,
        GuardedOperation operation,
        int threadId,
        GuardedOperation otherOperation,
        int otherThreadId,
        bool otherWasRunning,
        StackTrace detectingStack,
        StackTrace? otherStack)
    {
        MapName = mapName;
        Mode = mode;
        Operation = operation;
        ThreadId = threadId;
        OtherOperation = otherOperation;
        OtherThreadId = otherThreadId;
        OtherWasRunning = otherWasRunning;
        DetectingStack = detectingStack;
        OtherStack = otherStack;
        DetectedAt = DateTimeOffset.UtcNow;
        Message = BuildMessage();
    }

    /// <summary>Gets the dictionary's name (<see cref="GuardOptions.Name"/>).</summary>
    public string MapName { get; }

    /// <summary>Gets the dictionary's mode when the violation was detected.</summary>
    public GuardMode Mode { get; }

    /// <summary>Gets the operation that detected the overlap, as it started (or, for a read, as it finished).</summary>
    public GuardedOperation Operation { get; }

    /// <summary>Gets the managed thread ID of the thread that detected the overlap.</summary>
    public int ThreadId { get; }

    /// <summary>Gets the write the detecting operation overlapped. The other party is always a write: reads never
    /// conflict with each other.</summary>
    public GuardedOperation OtherOperation { get; }

    /// <summary>Gets the managed thread ID of the thread that ran <see cref="OtherOperation"/>, or 0 in the one case the
    /// guard cannot name it: a biased owner thread ended and another thread, given its stack, made the write.</summary>
    public int OtherThreadId { get; }

    /// <summary>
    /// Gets whether <see cref="OtherOperation"/> was still in progress at detection. False when a read found, as it
    /// finished, that a write had started and finished while the read ran.
    /// </summary>
    public bool OtherWasRunning { get; }

    /// <summary>Gets whether both parties are the same thread: the dictionary was re-entered (for example by a comparer
    /// or a callback), which a plain <see cref="Dictionary{TKey, TValue}"/> does not support either.</summary>
    public bool IsReentry => ThreadId == OtherThreadId;

    /// <summary>Gets the stack of the detecting thread at detection.</summary>
    public StackTrace DetectingStack { get; }

    /// <summary>Gets the other thread's stack as its operation started, or null unless
    /// <see cref="GuardOptions.CaptureOtherStack"/> is on (and the capture still matched that operation).</summary>
    public StackTrace? OtherStack { get; }

    /// <summary>Gets when the violation was detected (UTC).</summary>
    public DateTimeOffset DetectedAt { get; }

    /// <summary>Gets the one-paragraph report, naming both operations and both threads.</summary>
    public string Message { get; }

    /// <summary>Returns <see cref="Message"/> followed by both stacks.</summary>
    public override string ToString() => Message + Environment.NewLine + Stacks();

    /// <summary>The detecting stack and, when captured, the other party's stack, as text.</summary>
    internal string Stacks()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Detecting stack (thread {ThreadId}, {Operation}):").AppendLine();
        text.Append(DetectingStack.ToString().TrimEnd()).AppendLine();
        if (OtherStack is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Other stack (thread {OtherThreadId}, {OtherOperation}, as it started):").AppendLine();
            text.Append(OtherStack.ToString().TrimEnd()).AppendLine();
        }
        else
        {
            text.AppendLine("Other stack: not captured (set GuardOptions.CaptureOtherStack to record it).");
        }

        return text.ToString();
    }

    private string BuildMessage()
    {
        if (IsReentry)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{Operation} while the same thread was in {OtherOperation}: thread {ThreadId} re-entered GuardedDictionary '{MapName}' (for example from a comparer or callback) during its own {OtherOperation}.");
        }

        string other = OtherThreadId == 0 ? "a thread the guard cannot name" : $"thread {OtherThreadId}";
        string when = OtherWasRunning
            ? $"while {other} was inside {OtherOperation}"
            : $"and {other} ran {OtherOperation} from start to finish during it";
        string outcome = Mode == GuardMode.Throw
            ? $"Thread {ThreadId}'s {Operation} was refused."
            : "The dictionary now serializes every operation.";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Operation} while another thread was in {OtherOperation}: thread {ThreadId} called {Operation} on GuardedDictionary '{MapName}' {when}. {outcome}");
    }
}
