namespace MapGuard.Tests.Conformance;

/// <summary>The single-threaded contract of <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c>; the races are in the stress suite.</summary>
public abstract partial class ConcurrentMapSuite
{
    [Fact]
    public void GetOrAddOnce_WhenAbsent_RunsTheFactoryOnceAndStoresItsValue()
    {
        var map = Create<int, string>();
        int calls = 0;
        Assert.Equal("v1", map.GetOrAddOnce(1, k => { calls++; return "v" + k; }));
        Assert.Equal("v1", map.GetOrAddOnce(1, _ => { calls++; return "other"; }));
        Assert.Equal("v1", map.GetOrAddOnce(1, (_, _) => { calls++; return "other"; }, 0));
        Assert.Equal(1, calls);
        Assert.Equal("v1", map[1]);
    }

    [Fact]
    public void GetOrAddOnce_WithAnArgument_PassesItToTheFactory()
    {
        var map = Create<int, int>();
        Assert.Equal(42, map.GetOrAddOnce(2, static (k, factor) => k * factor, 21));
        Assert.Equal(42, map[2]);
    }

    [Fact]
    public void GetOrAddOnce_WhenTheFactoryThrows_StoresNothingAndTheNextCallRunsItAgain()
    {
        var map = Create<int, int>();
        int calls = 0;
        Assert.Throws<InvalidTimeZoneException>(() => map.GetOrAddOnce(1, _ => { calls++; throw new InvalidTimeZoneException(); }));
        Assert.False(map.ContainsKey(1));
        Assert.True(map.IsEmpty);
        Assert.Equal(7, map.GetOrAddOnce(1, _ => { calls++; return 7; }));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void GetOrAddOnce_WhenTheFactoryAsksForItsOwnKey_ThrowsInvalidOperationAndReleasesTheKey()
    {
        Assert.SkipUnless(GatesEachKey, $"{GetType().Name}: the map's default gate runs one factory at a time for the whole map; a factory's call for its own key runs nested.");
        var map = Create<int, int>();
        Assert.Throws<InvalidOperationException>(() => map.GetOrAddOnce(1, k => map.GetOrAddOnce(k, _ => 1)));
        Assert.False(map.ContainsKey(1));
        Assert.Equal(3, map.GetOrAddOnce(1, _ => 3));
    }

    [Fact]
    public void GetOrAddOnce_WhenTheFactoryAsksForOtherKeys_StoresThemAll()
    {
        var map = Create<int, long>();
        long Fibonacci(int n) => map.GetOrAddOnce(n, k => k < 2 ? k : Fibonacci(k - 1) + Fibonacci(k - 2));
        Assert.Equal(12_586_269_025L, Fibonacci(50));
        Assert.Equal(51, map.Count);
    }

    [Fact]
    public void GetOrAddOnce_UnderACaseInsensitiveComparer_TreatsBothSpellingsAsOneKey()
    {
        SkipUnlessCustomComparers();
        var map = Create<string, int>(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(1, map.GetOrAddOnce("Key", _ => 1));
        Assert.Equal(1, map.GetOrAddOnce("KEY", _ => 2));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void OnceMembers_WhenKeyOrFactoryIsNull_ThrowArgumentNullExceptionNamingIt()
    {
        var map = Create<string, int>();
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => map.GetOrAddOnce(null!, _ => 1)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => map.GetOrAddOnce(null!, (_, a) => a, 1)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => map.AddOrUpdateOnce(null!, _ => 1, (_, v) => v)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => map.AddOrUpdateOnce(null!, (_, a) => a, (_, v, _) => v, 1)).ParamName);
        Assert.Equal("valueFactory", Assert.Throws<ArgumentNullException>(() => map.GetOrAddOnce("k", (Func<string, int>)null!)).ParamName);
        Assert.Equal("valueFactory", Assert.Throws<ArgumentNullException>(() => map.GetOrAddOnce("k", (Func<string, int, int>)null!, 1)).ParamName);
        Assert.Equal("addValueFactory", Assert.Throws<ArgumentNullException>(() => map.AddOrUpdateOnce("k", null!, (_, v) => v)).ParamName);
        Assert.Equal("updateValueFactory", Assert.Throws<ArgumentNullException>(() => map.AddOrUpdateOnce("k", _ => 1, null!)).ParamName);
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void AddOrUpdateOnce_AddsWhenAbsentThenUpdates()
    {
        var map = Create<int, int>();
        Assert.Equal(1, map.AddOrUpdateOnce(5, _ => 1, (_, v) => v + 10));
        Assert.Equal(11, map.AddOrUpdateOnce(5, _ => 1, (_, v) => v + 10));
        Assert.Equal(111, map.AddOrUpdateOnce(5, (_, a) => a, (_, v, a) => v + a, 100));
        Assert.Equal(111, map[5]);
    }

    [Fact]
    public void AddOrUpdateOnce_WhenTheAddFactoryThrows_StoresNothingAndTheNextCallRunsItAgain()
    {
        var map = Create<int, int>();
        Assert.Throws<InvalidTimeZoneException>(() => map.AddOrUpdateOnce(1, _ => throw new InvalidTimeZoneException(), (_, v) => v));
        Assert.True(map.IsEmpty);
        Assert.Equal(2, map.AddOrUpdateOnce(1, _ => 2, (_, v) => v));
    }
}
