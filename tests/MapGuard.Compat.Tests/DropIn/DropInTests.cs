using System.Collections.Concurrent;
using System.Reflection;
using MapGuard.Compat.Tests.Maps;

namespace MapGuard.Compat.Tests.DropIn;

/// <summary>
/// The drop-in promise, shown: code written against <c>ConcurrentDictionary</c> (DropIn/Scenario) compiles and
/// returns the same results after only its type name changes, for every map. Maps with <c>ConcurrentDictionary</c>'s
/// constructors take the whole scenario, construction included; a <see cref="MigratingMap{TKey, TValue}"/> and the maps
/// <see cref="MapBuilder"/> builds wrap other maps, so for them everything after construction is the user's code and
/// the map is built by the test.
/// </summary>
public sealed class DropInTests
{
    private const string Create = "Create.txt";
    private const string Use = "Use.txt";

    private static readonly Lazy<Assembly> s_reference = new(() => ScenarioCompiler.Compile("ConcurrentDictionary", Create, Use));

    [Theory]
    [MemberData(nameof(MapKinds.All), MemberType = typeof(MapKinds))]
    public void UseScenario_WithOnlyTheTypeNameChanged_CompilesAndBehavesAsConcurrentDictionary(string kindName)
    {
        MapKind kind = MapKinds.Get(kindName);
        Assembly scenario = ScenarioCompiler.Compile(kind.TypeName, Use);
        KeyValuePair<string, int>[] entries = [new("a", 1), new("b", 2)];

        Assert.Equal(
            Run(s_reference.Value, new ConcurrentDictionary<string, int>(entries)),
            Run(scenario, kind.Create<string, int>(entries)));
        Assert.Equal(
            Run(s_reference.Value, new ConcurrentDictionary<string, int>(entries, StringComparer.OrdinalIgnoreCase)),
            Run(scenario, kind.Create<string, int>(entries, StringComparer.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(MapKinds.WithConstructors), MemberType = typeof(MapKinds))]
    public void WholeScenario_WithOnlyTheTypeNameChanged_CompilesAndBehavesAsConcurrentDictionary(string kindName)
    {
        Assembly scenario = ScenarioCompiler.Compile(MapKinds.Get(kindName).TypeName, Create, Use);

        foreach (string constructor in new[] { "FromCollection", "FromCollectionAndComparer" })
        {
            Assert.Equal(
                Run(s_reference.Value, ScenarioCompiler.Call(s_reference.Value, "ScenarioCreate", constructor)),
                Run(scenario, ScenarioCompiler.Call(scenario, "ScenarioCreate", constructor)));
        }

        Assert.Equal(
            ScenarioCompiler.Call(s_reference.Value, "ScenarioCreate", "Failures"),
            ScenarioCompiler.Call(scenario, "ScenarioCreate", "Failures"));
        object withCapacity = ScenarioCompiler.Call(scenario, "ScenarioCreate", "WithCapacity")!;
        Assert.Equal(0, ((IConcurrentMap<string, int>)withCapacity).Count);
    }

    private static string Run(Assembly scenario, object? map) => (string)ScenarioCompiler.Call(scenario, "ScenarioUse", "Run", map)!;
}
