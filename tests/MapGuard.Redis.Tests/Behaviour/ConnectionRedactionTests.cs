using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>A password in a configuration string never reaches a message: <see cref="RedisMapConnection.Redact"/>.</summary>
public sealed class ConnectionRedactionTests
{
    [Theory]
    [InlineData("127.0.0.1:6379", "127.0.0.1:6379")]
    [InlineData("cache:6380,ssl=true,password=hunter2", "cache:6380,ssl=true,password=*****")]
    [InlineData("cache:6380,PASSWORD = hunter2,abortConnect=false", "cache:6380,PASSWORD =*****,abortConnect=false")]
    [InlineData("cache,password=hunter2=with=equals", "cache,password=*****")]
    [InlineData("cache,password=hunter2,password=hunter2-again", "cache,password=*****,password=*****")]
    [InlineData("cache,user=alice,password=hunter2", "cache,user=alice,password=*****")]
    public void Redact_HidesEveryPasswordAndKeepsTheRest(string configuration, string expected) =>
        Assert.Equal(expected, RedisMapConnection.Redact(configuration));

    [Fact]
    public void Redact_AgreesWithTheClientAboutWhatIsThePassword()
    {
        // StackExchange.Redis splits options at ',' and a key from its value at the first '=': so does Redact.
        const string Configuration = "cache:6380,password=hunter2=x,connectTimeout=500";

        Assert.Equal("hunter2=x", ConfigurationOptions.Parse(Configuration).Password);
        Assert.DoesNotContain("hunter2", RedisMapConnection.Redact(Configuration), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ConfigurationOptions.Parse(Configuration).ToString(includePassword: false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cache:6380,password=hunter2,connectTimeout=soon")]
    [InlineData("cache:6380,password=hunter2,ssl=maybe")]
    [InlineData("cache:6380,password=hunter2,noSuchOption=hunter2")]
    public void CreateConfiguration_ThatDoesNotParse_ThrowsWithoutThePassword(string configuration)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => RedisMapConnection.CreateConfiguration(configuration, new RedisMapOptions()));

        Assert.Equal("configuration", error.ParamName);
        Assert.Contains("cache:6380,password=*****", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_OfNull_ThrowsNamingTheParameter() =>
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => RedisMapConnection.Redact(null!)).ParamName);
}
