using System.Globalization;
using System.Text;

namespace MapGuard.Testing.Linearizability;

/// <summary>
/// Decides whether a recorded history of single-key map calls is linearizable. Linearizability is local (Herlihy
/// and Wing), so each key's sub-history is checked on its own against <see cref="KeyState"/>. The search is Wing
/// and Gong's: repeatedly pick a pending call that no other pending call finished before, apply it to the model,
/// and backtrack on a wrong result; visited (done-set, state) pairs are memoised, as Lowe's and Porcupine's
/// checkers do.
/// </summary>
public static class LinearizabilityChecker
{
    /// <summary>Returns the key whose sub-history cannot be linearized, or null when the whole history can.</summary>
    public static int? FindViolation(IReadOnlyList<Operation> history, IReadOnlyDictionary<int, KeyState> initial)
    {
        foreach (IGrouping<int, Operation> perKey in history.GroupBy(op => op.Key))
        {
            Operation[] ops = [.. perKey];
            if (ops.Length > 62)
            {
                throw new ArgumentException("At most 62 operations per key are supported.", nameof(history));
            }

            KeyState start = initial.TryGetValue(perKey.Key, out KeyState s) ? s : KeyState.Absent;
            if (!Search(ops, 0, start, new HashSet<(ulong, KeyState)>()))
            {
                return perKey.Key;
            }
        }

        return null;
    }

    /// <summary>Formats one key's sub-history as a table ordered by invocation time.</summary>
    public static string Format(IReadOnlyList<Operation> history, int key, KeyState initial)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Non-linearizable history for key {key} (initially {(initial.Present ? initial.Value.ToString(CultureInfo.InvariantCulture) : "absent")}):");
        text.AppendLine("thread | invoke | response | call                         | result");
        text.AppendLine("-------|--------|----------|------------------------------|--------");
        foreach (Operation op in history.Where(o => o.Key == key).OrderBy(o => o.Invoke))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{op.Thread,6} | {op.Invoke,6} | {op.Response,8} | {op.Describe(),-28} | {op.DescribeResult()}");
        }

        return text.ToString();
    }

    private static bool Search(Operation[] ops, ulong done, KeyState state, HashSet<(ulong, KeyState)> failed)
    {
        ulong all = (1UL << ops.Length) - 1;
        if (done == all)
        {
            return true;
        }

        if (failed.Contains((done, state)))
        {
            return false;
        }

        // A pending call may go next only if it was invoked before every other pending call responded.
        long earliestResponse = long.MaxValue;
        for (int i = 0; i < ops.Length; i++)
        {
            if ((done & (1UL << i)) == 0)
            {
                earliestResponse = Math.Min(earliestResponse, ops[i].Response);
            }
        }

        for (int i = 0; i < ops.Length; i++)
        {
            if ((done & (1UL << i)) == 0 && ops[i].Invoke < earliestResponse &&
                state.TryApply(ops[i], out KeyState next) &&
                Search(ops, done | (1UL << i), next, failed))
            {
                return true;
            }
        }

        failed.Add((done, state));
        return false;
    }
}
