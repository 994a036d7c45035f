using MapGuard.Cli.Matrix.Maps;

namespace MapGuard.Cli.Tests;

/// <summary>Which types the matrix discovers as maps, and how --maps selects them.</summary>
public sealed class MapCatalogTests
{
    [Fact]
    public void All_HasTheReferenceFirst_ThenLibraryMapsByName_WithoutTheAdapter()
    {
        var names = MapCatalog.All.Select(m => m.Name).ToList();

        Assert.Equal("ConcurrentDictionary", names[0]);
        Assert.True(MapCatalog.All[0].IsReference);
        Assert.Contains("LockedMap", names);
        Assert.Contains("ShardedMap", names);
        Assert.DoesNotContain("ConcurrentDictionaryMap", names);
        Assert.Equal(names.Skip(1).Order(StringComparer.Ordinal), names.Skip(1));
    }

    [Fact]
    public void Discover_FindsOnlyPublicSealedGenericMapsWithAParameterlessConstructor()
    {
        var names = MapCatalog.Discover(typeof(MapCatalogTests).Assembly).Select(m => m.Name);

        Assert.Equal(["ConcurrentDictionary", "CountingMap", "DiscoverableMap", "ForgetfulMap"], names);
    }

    [Fact]
    public void CreateMap_BuildsAWorkingMapOfTheDiscoveredType()
    {
        var descriptor = MapCatalog.All.Single(m => m.Name == "ShardedMap");

        var map = descriptor.CreateMap<string>();
        map["a"] = 1;

        Assert.IsType<ShardedMap<string, long>>(map);
        Assert.Equal(1, map["a"]);
    }

    [Fact]
    public void Select_IsCaseInsensitive_AlwaysAddsTheReference_AndKeepsCatalogueOrder()
    {
        var selected = MapCatalog.Select(" shardedmap , LOCKEDMAP ").Select(m => m.Name);

        Assert.Equal(["ConcurrentDictionary", "LockedMap", "ShardedMap"], selected);
    }

    [Fact]
    public void Select_Nothing_MeansEveryMap()
    {
        Assert.Same(MapCatalog.All, MapCatalog.Select(null));
    }
}
