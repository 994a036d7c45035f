using System.Globalization;

namespace MapGuard.Testing.Linearizability;

/// <summary>
/// One call in a history: what was asked, what came back, and its invocation and response times on a shared
/// <see cref="Interlocked"/> clock.
/// </summary>
public sealed class Operation
{
    public required int Thread { get; init; }
    public required OpKind Kind { get; init; }
    public required int Key { get; init; }

    /// <summary>The value argument (Set, TryAdd, GetOrAdd, AddOrUpdate's add value, TryUpdate's new value).</summary>
    public int Value { get; init; }

    /// <summary>TryUpdate's comparison value.</summary>
    public int Comparand { get; init; }

    public long Invoke { get; set; }
    public long Response { get; set; }

    /// <summary>The boolean result (found, added, removed, updated), where the call has one.</summary>
    public bool Ok { get; set; }

    /// <summary>The value result (read, removed, stored), where the call has one.</summary>
    public int Result { get; set; }

    /// <summary>Runs the call against <paramref name="map"/> and records its result.</summary>
    public void Execute(IConcurrentMap<int, int> map)
    {
        switch (Kind)
        {
            case OpKind.TryGetValue:
                Ok = map.TryGetValue(Key, out int read);
                Result = read;
                break;
            case OpKind.ContainsKey:
                Ok = map.ContainsKey(Key);
                break;
            case OpKind.Set:
                map[Key] = Value;
                break;
            case OpKind.TryAdd:
                Ok = map.TryAdd(Key, Value);
                break;
            case OpKind.TryRemove:
                Ok = map.TryRemove(Key, out int removed);
                Result = removed;
                break;
            case OpKind.TryUpdate:
                Ok = map.TryUpdate(Key, Value, Comparand);
                break;
            case OpKind.GetOrAdd:
                Result = map.GetOrAdd(Key, Value);
                break;
            case OpKind.GetOrAddFactory:
                int value = Value;
                Result = map.GetOrAdd(Key, _ => value);
                break;
            case OpKind.AddOrUpdate:
                Result = map.AddOrUpdate(Key, Value, static (_, old) => old + 100);
                break;
            default:
                throw new InvalidOperationException($"Unknown operation {Kind}.");
        }
    }

    /// <summary>The call as text, e.g. <c>TryUpdate(1, 5, cmp 3)</c>.</summary>
    public string Describe() => Kind switch
    {
        OpKind.TryGetValue or OpKind.ContainsKey or OpKind.TryRemove => $"{Kind}({Key})",
        OpKind.TryUpdate => $"TryUpdate({Key}, {Value}, cmp {Comparand})",
        OpKind.AddOrUpdate => $"AddOrUpdate({Key}, add {Value}, old+100)",
        _ => $"{Kind}({Key}, {Value})",
    };

    /// <summary>The result as text, e.g. <c>true, 5</c>.</summary>
    public string DescribeResult() => Kind switch
    {
        OpKind.TryGetValue or OpKind.TryRemove => Ok ? $"true, {Result}" : "false",
        OpKind.ContainsKey or OpKind.TryAdd or OpKind.TryUpdate => Ok ? "true" : "false",
        OpKind.Set => "-",
        _ => Result.ToString(CultureInfo.InvariantCulture),
    };
}
