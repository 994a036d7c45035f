namespace MapGuard.Testing.Linearizability;

/// <summary>The sequential model of one key: present or not, and its value.</summary>
public readonly record struct KeyState(bool Present, int Value)
{
    public static readonly KeyState Absent = new(false, 0);

    /// <summary>
    /// Applies <paramref name="op"/> to this state as a sequential map would, and says whether the recorded
    /// result is the one the sequential map would have returned.
    /// </summary>
    public bool TryApply(Operation op, out KeyState next)
    {
        next = this;
        switch (op.Kind)
        {
            case OpKind.TryGetValue:
                return op.Ok == Present && (!Present || op.Result == Value);
            case OpKind.ContainsKey:
                return op.Ok == Present;
            case OpKind.Set:
                next = new KeyState(true, op.Value);
                return true;
            case OpKind.TryAdd:
                if (!Present)
                {
                    next = new KeyState(true, op.Value);
                }

                return op.Ok == !Present;
            case OpKind.TryRemove:
                next = Absent;
                return op.Ok == Present && (!Present || op.Result == Value);
            case OpKind.TryUpdate:
                bool matches = Present && Value == op.Comparand;
                if (matches)
                {
                    next = new KeyState(true, op.Value);
                }

                return op.Ok == matches;
            case OpKind.GetOrAdd:
            case OpKind.GetOrAddFactory:
                if (!Present)
                {
                    next = new KeyState(true, op.Value);
                }

                return op.Result == next.Value;
            case OpKind.AddOrUpdate:
                next = new KeyState(true, Present ? Value + 100 : op.Value);
                return op.Result == next.Value;
            default:
                return false;
        }
    }
}
