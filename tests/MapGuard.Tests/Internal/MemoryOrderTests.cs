using System.Reflection;
using System.Reflection.Emit;

namespace MapGuard.Tests.Internal;

/// <summary>
/// Load-load ordering must come from a primitive the .NET memory model documents, not from what today's JIT and
/// x64 happen to do. These tests read the code, not its behaviour: on x64 a missing load-load barrier cannot be made to
/// fail reliably, because the processor never reorders loads with loads.
/// </summary>
public sealed class MemoryOrderTests
{
    // Files that still call the old helper. They belong to code being rewritten elsewhere; new code calls
    // Volatile.ReadBarrier itself, and this list only shrinks.
    private static readonly string[] s_filesStillCallingMemoryOrder =
    [
        "src/MapGuard/Detection/GuardedDictionary.cs",
        "src/MapGuard/Detection/GuardedDictionary.Guard.cs",
        "src/MapGuard/LockFree/LockFreeMap.cs",
        "src/MapGuard/LockFree/LockFreeMap.Read.cs",
        "src/MapGuard/LockFree/LockFreeMap.Write.cs",
    ];

    [Fact]
    public void MemoryOrderLoadLoad_IfItStillExists_CallsVolatileReadBarrierAndNothingElse()
    {
        Type? memoryOrder = typeof(ShardedMap<,>).Assembly.GetType("MapGuard.Internal.MemoryOrder");
        if (memoryOrder is null)
        {
            return; // the helper is gone: every call site uses the documented primitives directly
        }

        MethodInfo loadLoad = memoryOrder.GetMethod("LoadLoad", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        MethodInfo readBarrier = typeof(Volatile).GetMethod(nameof(Volatile.ReadBarrier), Type.EmptyTypes)!;

        Assert.Equal([readBarrier], CalledMethods(loadLoad));
    }

    [Fact]
    public void OnlyTheListedFiles_StillCallMemoryOrder_EveryOtherLoadLoadBarrierIsVolatileReadBarrier()
    {
        string root = RepoRoot();
        string library = Path.Combine(root, "src", "MapGuard");
        string[] callers = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) != "MemoryOrder.cs")
            .Where(path => File.ReadAllText(path).Contains("MemoryOrder.", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Empty(callers.Except(s_filesStillCallingMemoryOrder));
    }

    /// <summary>The methods that <paramref name="method"/>'s IL calls, in order.</summary>
    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var called = new List<MethodBase>();
        for (int offset = 0; offset < il.Length;)
        {
            OpCode opCode = il[offset] == 0xFE ? s_twoByte[il[offset + 1]] : s_oneByte[il[offset]];
            offset += opCode.Size;
            if (opCode == OpCodes.Call || opCode == OpCodes.Callvirt)
            {
                called.Add(method.Module.ResolveMethod(BitConverter.ToInt32(il, offset))!);
            }

            offset += OperandSize(opCode, il, offset);
        }

        return called;
    }

    private static readonly Dictionary<byte, OpCode> s_oneByte = AllOpCodes().Where(o => o.Size == 1).ToDictionary(o => (byte)o.Value);
    private static readonly Dictionary<byte, OpCode> s_twoByte = AllOpCodes().Where(o => o.Size == 2).ToDictionary(o => (byte)(o.Value & 0xFF));

    private static IEnumerable<OpCode> AllOpCodes() =>
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (OpCode)field.GetValue(null)!);

    private static int OperandSize(OpCode opCode, byte[] il, int offset) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
        _ => 4,
    };

    /// <summary>The repository root: the nearest folder above the test binary holding MapGuard.slnx.</summary>
    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MapGuard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MapGuard.slnx above {AppContext.BaseDirectory}");
    }
}
