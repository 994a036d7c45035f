using System.Text.RegularExpressions;

namespace MapGuard.Tests.Governance;

public sealed partial class RuleTests
{
    public static TheoryData<MapStrategy> Strategies => [.. Enum.GetValues<MapStrategy>()];

    public static TheoryData<MapStrategy, string> StrategiesAndWrites()
    {
        var data = new TheoryData<MapStrategy, string>();
        foreach (MapStrategy strategy in Enum.GetValues<MapStrategy>())
        {
            foreach (string write in (string[])["indexer", "TryAdd", "GetOrAdd", "GetOrAdd(factory)", "AddOrUpdate", "AddOrUpdate(factories)"])
            {
                data.Add(strategy, write);
            }
        }

        return data;
    }

    [GeneratedRegex("^order-[0-9]+$")]
    private static partial Regex OrderKey();

    [GeneratedRegex("^(a+)+$")]
    private static partial Regex Catastrophic();

    [Theory]
    [MemberData(nameof(StrategiesAndWrites))]
    public void RejectedKey_ThrowsNamingRuleMapAndKey_AndLeavesTheMapUnchanged(MapStrategy strategy, string write)
    {
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>()
            .Use(strategy)
            .Named("orders")
            .WithKeyPattern(OrderKey(), maxLength: 32, name: "order key")
            .WithCapacity(100, Eviction.Lru)
            .Build();
        map["order-1"] = 1;
        string badKey = "bad-" + new string('x', 200);

        var error = Assert.Throws<MapPolicyViolationException>(() => Write(map, write, badKey, 2));

        Assert.Equal("order key", error.RuleName);
        Assert.Equal("orders", error.MapName);
        Assert.Equal("key", error.ParamName);
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains(badKey[..MapPolicyViolationException.MaxShownLength] + "…", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(badKey[..(MapPolicyViolationException.MaxShownLength + 1)], error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal([new KeyValuePair<string, int>("order-1", 1)], map.ToArray());
    }

    [Theory]
    [MemberData(nameof(StrategiesAndWrites))]
    public void RejectedValue_ThrowsAndLeavesTheMapUnchanged(MapStrategy strategy, string write)
    {
        IConcurrentMap<string, string?> map = MapBuilder.For<string, string?>().Use(strategy).Named("names").RejectNullValues().Build();
        map["a"] = "kept";

        var error = Assert.Throws<MapPolicyViolationException>(() => WriteNull(map, write, write is "AddOrUpdate" or "AddOrUpdate(factories)" ? "a" : "b"));

        Assert.Equal("value", error.ParamName);
        Assert.Equal("value is not null", error.RuleName);
        Assert.Equal([new KeyValuePair<string, string?>("a", "kept")], map.ToArray());
    }

    [Fact]
    public void PatternRule_ChecksLengthBeforeTheRegex_SoALongKeyCannotBacktrack()
    {
        // ^(a+)+$ against "aaaa...b" backtracks exponentially; the length bound refuses it first.
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().WithKeyPattern(Catastrophic(), maxLength: 16).Build();
        string attack = new string('a', 5_000) + "b";

        Assert.Throws<MapPolicyViolationException>(() => map[attack] = 1);
        map["aaaa"] = 1;
        Assert.Equal(1, map.Count);
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex UnanchoredDigits();

    [GeneratedRegex(@"\Aorder-[0-9]+\z")]
    private static partial Regex StrictOrderKey();

    [GeneratedRegex("a|ab")]
    private static partial Regex UnanchoredAlternatives();

    [GeneratedRegex("^(?:a|ab)$")]
    private static partial Regex AnchoredAlternatives();

    public static TheoryData<string, string, bool> WholeKeyCases() => new()
    {
        // $ also matches before a final '\n': the rule must not accept the newline that the match leaves out.
        { "^order-[0-9]+$", "order-7\n", false },
        { "^order-[0-9]+$", "order-7", true },
        { "^order-[0-9]+$", "order-\n", false },
        { "^order-[0-9]+$", "x\norder-7", false },
        { "\\Aorder-[0-9]+\\z", "order-7\n", false },
        { "\\Aorder-[0-9]+\\z", "order-77", true },
        { "[0-9]+", "12", true },
        { "[0-9]+", "12a", false },
        { "[0-9]+", "a12", false },
        { "[0-9]+", "12\n", false },
        { "^(?:a|ab)$", "ab", true },
        { "a|ab", "a", true },
        { "a|ab", "ab", false }, // documented: unanchored, the engine stops at "a"
    };

    [Theory]
    [MemberData(nameof(WholeKeyCases))]
    public void PatternRule_RefusesAKeyThePatternDoesNotCoverWhole(string pattern, string key, bool allowed)
    {
        Regex regex = pattern switch
        {
            "^order-[0-9]+$" => OrderKey(),
            "[0-9]+" => UnanchoredDigits(),
            "a|ab" => UnanchoredAlternatives(),
            "^(?:a|ab)$" => AnchoredAlternatives(),
            _ => StrictOrderKey(),
        };
        Assert.Equal(pattern, regex.ToString());
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Named("orders").WithKeyPattern(regex, maxLength: 32).Build();

        if (allowed)
        {
            map[key] = 1;
            Assert.Equal(1, map[key]);
            Assert.True(MapRules.Matches(regex, 32).Allows(key));
        }
        else
        {
            Assert.Throws<MapPolicyViolationException>(() => map[key] = 1);
            Assert.True(map.IsEmpty);
            Assert.False(MapRules.Matches(regex, 32).Allows(key));
            Assert.False(MapRules.Matches(new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)), 32).Allows(key)); // interpreted, too
        }
    }

    [Fact]
    public void KeyPredicateRule_AppliesToNonStringKeys()
    {
        IConcurrentMap<long, long> map = MapBuilder.For<long, long>().WithKeyRule("positive id", id => id > 0).Build();
        map[5] = 5;

        var error = Assert.Throws<MapPolicyViolationException>(() => map.TryAdd(-1, 1));
        Assert.Equal("positive id", error.RuleName);
        Assert.Contains("'-1'", error.Message, StringComparison.Ordinal);
        Assert.Single(map);
    }

    [Fact]
    public void KeyPattern_OnNonStringKeys_IsRefusedWhenConfigured() =>
        Assert.Throws<InvalidOperationException>(() => MapBuilder.For<long, long>().WithKeyPattern(OrderKey()));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ThrowingValueFactory_UnderRules_LeavesTheMapUnchanged(MapStrategy strategy)
    {
        IConcurrentMap<string, string> map = MapBuilder.For<string, string>().Use(strategy).RejectNullValues().Build();
        map["a"] = "kept";

        Assert.Throws<InvalidOperationException>(() => map.GetOrAdd("b", _ => throw new InvalidOperationException("factory")));
        Assert.Throws<InvalidOperationException>(() => map.AddOrUpdate("a", _ => "x", (_, _) => throw new InvalidOperationException("factory")));
        Assert.Equal([new KeyValuePair<string, string>("a", "kept")], map.ToArray());
    }

    private static void Write(IConcurrentMap<string, int> map, string write, string key, int value)
    {
        switch (write)
        {
            case "indexer": map[key] = value; break;
            case "TryAdd": map.TryAdd(key, value); break;
            case "GetOrAdd": map.GetOrAdd(key, value); break;
            case "GetOrAdd(factory)": map.GetOrAdd(key, _ => value); break;
            case "AddOrUpdate": map.AddOrUpdate(key, value, (_, _) => value); break;
            default: map.AddOrUpdate(key, _ => value, (_, _) => value); break;
        }
    }

    private static void WriteNull(IConcurrentMap<string, string?> map, string write, string key)
    {
        switch (write)
        {
            case "indexer": map[key] = null; break;
            case "TryAdd": map.TryAdd(key, null); break;
            case "GetOrAdd": map.GetOrAdd(key, (string?)null); break;
            case "GetOrAdd(factory)": map.GetOrAdd(key, _ => null); break;
            case "AddOrUpdate": map.AddOrUpdate(key, "x", (_, _) => null); break; // key exists: the update result is null
            default: map.AddOrUpdate(key, _ => "x", (_, _) => null); break;
        }
    }
}
