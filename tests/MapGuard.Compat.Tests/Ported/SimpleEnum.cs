namespace MapGuard.Compat.Tests.Ported;

/// <summary>The enum key and value type of upstream's <c>ConcurrentDictionary_Generic_Tests_enum_enum</c>: its keys are
/// arbitrary ints cast to it, so its members do not matter.</summary>
public enum SimpleEnum
{
    A,
    B,
    C,
}
