using MapGuard.Analyzers.CodeFixes;
using MapGuard.Analyzers.Rules;
using MapGuard.Analyzers.Tests.Infrastructure;

namespace MapGuard.Analyzers.Tests;

/// <summary>
/// Dictionary to ConcurrentDictionary, only when every use maps one-to-one. Tests with several diagnostics exercise
/// fix-all (document, project and solution scope) as well as the one-by-one route.
/// </summary>
public sealed class UseConcurrentDictionaryCodeFixTests
{
    private static Task FixAsync<TAnalyzer>(string source, string fixedSource)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new() =>
        Verify.CodeFixAsync<TAnalyzer, UseConcurrentDictionaryCodeFixProvider>(source, fixedSource);

    [Fact]
    public Task CapturedLocals_AreSwitched_AndRemoveBecomesTryRemove() => FixAsync<CapturedCollectionAnalyzer>(
        """
        class C
        {
            int M(int[] xs)
            {
                var map = new Dictionary<int, string>();
                Dictionary<string, int> byName = new(StringComparer.Ordinal);
                Parallel.ForEach(xs, x =>
                {
                    {|MG1001:map[x] = x.ToString()|};
                    {|MG1001:map.TryAdd(-x, "")|};
                    {|MG1001:map.Remove(x + 1)|};
                    {|MG1001:map.Remove(x + 2, out string old)|};
                    {|MG1001:byName[x.ToString()] = x|};
                });
                foreach (var pair in map) { }
                foreach (var key in map.Keys) { }
                var big = map.Where(p => p.Key > 10).ToList();
                return map.Count + (map.TryGetValue(1, out var one) ? 1 : 0) + (map.ContainsKey(2) ? 1 : 0) + byName.Count + big.Count;
            }
        }
        """,
        """
        class C
        {
            int M(int[] xs)
            {
                var map = new ConcurrentDictionary<int, string>();
                ConcurrentDictionary<string, int> byName = new(StringComparer.Ordinal);
                Parallel.ForEach(xs, x =>
                {
                    map[x] = x.ToString();
                    map.TryAdd(-x, "");
                    map.TryRemove(x + 1, out _);
                    map.TryRemove(x + 2, out string old);
                    byName[x.ToString()] = x;
                });
                foreach (var pair in map) { }
                foreach (var key in map.Keys) { }
                var big = map.Where(p => p.Key > 10).ToList();
                return map.Count + (map.TryGetValue(1, out var one) ? 1 : 0) + (map.ContainsKey(2) ? 1 : 0) + byName.Count + big.Count;
            }
        }
        """);

    [Fact]
    public Task PrivateStaticField_IsSwitchedWithItsUsesInTheType() => FixAsync<StaticCollectionAnalyzer>(
        """
        static class Cache
        {
            private static readonly Dictionary<string, int> s_hits = new();

            public static void Hit(string key) => {|MG1002:s_hits[key] = 1|};

            public static void Forget(string key) => {|MG1002:s_hits.Remove(key)|};

            public static bool Seen(string key) => s_hits.ContainsKey(key);
        }
        """,
        """
        static class Cache
        {
            private static readonly ConcurrentDictionary<string, int> s_hits = new();

            public static void Hit(string key) => s_hits[key] = 1;

            public static void Forget(string key) => s_hits.TryRemove(key, out _);

            public static bool Seen(string key) => s_hits.ContainsKey(key);
        }
        """);

    [Theory]
    [InlineData("map.Add(i, i)")]
    [InlineData("map[i] += 1")]
    [InlineData("map[i]++")]
    [InlineData("map.EnsureCapacity(i)")]
    public Task UsesWithoutAOneToOneMapping_AreNotOffered(string mutation)
    {
        string source = $$"""
            class C
            {
                void M()
                {
                    var map = new Dictionary<int, int>();
                    Parallel.For(0, 10, i => {|MG1001:{{mutation}}|});
                }
            }
            """;
        return FixAsync<CapturedCollectionAnalyzer>(source, source);
    }

    [Theory]
    [InlineData("var map = new Dictionary<int, int>(100);", "")]
    [InlineData("var map = new Dictionary<int, int> { [1] = 1 };", "")]
    [InlineData("var map = new Dictionary<int, int>();", "Take(map);")]
    [InlineData("var map = new Dictionary<int, int>();", "_ = map.Keys.First();")]
    public Task CreationsOrOtherUsesWithoutAMapping_AreNotOffered(string declaration, string otherUse)
    {
        string source = $$"""
            class C
            {
                void M()
                {
                    {{declaration}}
                    Parallel.For(0, 10, i => {|MG1001:map[i] = i|});
                    {{otherUse}}
                }

                static void Take(Dictionary<int, int> d) { }
            }
            """;
        return FixAsync<CapturedCollectionAnalyzer>(source, source);
    }

    [Fact]
    public Task NonDictionaryCollections_AreNotOffered()
    {
        const string Source = """
            class C
            {
                void M()
                {
                    var list = new List<int>();
                    Parallel.For(0, 10, i => {|MG1001:list.Add(i)|});
                }
            }
            """;
        return FixAsync<CapturedCollectionAnalyzer>(Source, Source);
    }
}
