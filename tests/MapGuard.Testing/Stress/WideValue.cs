namespace MapGuard.Testing.Stress;

/// <summary>A 24-byte value: too wide to write atomically, so a map that overwrites it in place can tear it.</summary>
public readonly record struct WideValue(long A, long B, long C)
{
    public static WideValue Of(long x) => new(x, x, x);

    public bool IsWhole => A == B && B == C;
}
