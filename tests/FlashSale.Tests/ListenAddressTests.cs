using FlashSale.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Tests;

/// <summary>
/// Where the service listens: 127.0.0.1:5080 when nothing says otherwise, and exactly what ASPNETCORE_URLS,
/// ASPNETCORE_HTTP_PORTS, --urls or Kestrel's endpoints say when they are set, never the default over them.
/// </summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Build_WithNoAddressSet_ListensOnLoopbackPort5080()
    {
        using var urls = new EnvironmentVariableScope("ASPNETCORE_URLS", null);
        using var ports = new EnvironmentVariableScope("ASPNETCORE_HTTP_PORTS", null);
        await using WebApplication app = FlashSaleApp.Build([]);

        Assert.Equal("http://127.0.0.1:5080", app.Configuration["urls"]);
    }

    [Fact]
    public async Task Start_WithAspNetCoreUrlsSet_ListensThereAndNotOnTheDefault()
    {
        using var urls = new EnvironmentVariableScope("ASPNETCORE_URLS", "http://127.0.0.1:0");
        WebApplication app = FlashSaleApp.Build(["--Logging:LogLevel:Default", "Warning"]);
        await using RunningFlashSale service = await StartAsync(app);

        string address = Assert.Single(app.Urls);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.NotEqual(5080, service.BaseAddress.Port);
    }

    [Fact]
    public async Task Start_WithUrlsOnTheCommandLine_ListensThere()
    {
        WebApplication app = FlashSaleApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"]);
        await using RunningFlashSale service = await StartAsync(app);

        Assert.NotEqual(5080, service.BaseAddress.Port);
    }

    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("ASPNETCORE_HTTPS_PORTS")]
    [InlineData("DOTNET_HTTP_PORTS")]
    public async Task Build_WithPortsSetInTheEnvironment_LeavesTheAddressToKestrel(string variable)
    {
        using var urls = new EnvironmentVariableScope("ASPNETCORE_URLS", null);
        using var ports = new EnvironmentVariableScope(variable, "8080");
        await using WebApplication app = FlashSaleApp.Build([]);

        // Kestrel binds HTTP_PORTS only when no "urls" is set; the official container images set ASPNETCORE_HTTP_PORTS.
        Assert.Null(app.Configuration["urls"]);
    }

    [Fact]
    public async Task Build_WithKestrelEndpointsConfigured_LeavesTheAddressToKestrel()
    {
        using var urls = new EnvironmentVariableScope("ASPNETCORE_URLS", null);
        await using WebApplication app = FlashSaleApp.Build(["--Kestrel:Endpoints:Main:Url", "http://127.0.0.1:0"]);

        Assert.Null(app.Configuration["urls"]);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("https://10.0.0.5:443")]
    [InlineData("http://[2001:db8::1]:5080")]
    [InlineData("http://flashsale.example:5080")]
    [InlineData("http://localhost.attacker.example:5080")]
    public void BeyondLoopback_NamesAnAddressOtherMachinesCanReach(string address) =>
        Assert.Equal([address], ListenAddresses.BeyondLoopback(["http://127.0.0.1:5080", address]));

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.4.5.6:1")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST:5080")]
    [InlineData("http://unix:/run/flashsale.sock")]
    public void BeyondLoopback_LeavesOutLoopbackAndLocalSockets(string address) =>
        Assert.Empty(ListenAddresses.BeyondLoopback([address]));

    [Fact]
    public void WarnIfBeyondLoopback_WarnsNamingTheAddressesAndAllowedHosts()
    {
        using var log = new RecordingLoggerProvider();
        ILogger logger = log.CreateLogger("FlashSale");

        ListenAddresses.WarnIfBeyondLoopback(logger, ["http://127.0.0.1:5080"], "localhost");
        Assert.Empty(log.Entries);

        ListenAddresses.WarnIfBeyondLoopback(logger, ["http://127.0.0.1:5080", "http://[::]:8080"], "localhost;127.0.0.1;[::1]");
        (LogLevel level, _, string message) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith("FlashSale listens beyond loopback on http://[::]:8080:", message, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts (now 'localhost;127.0.0.1;[::1]')", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnLoopback_DoesNotWarnAboutTheAddress()
    {
        using var log = new RecordingLoggerProvider();
        WebApplication app = FlashSaleApp.Build(["--urls", "http://127.0.0.1:0", "--FlashSale:AdminApiKey", "test-only-admin-key-listen-0001"]);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        await using RunningFlashSale service = await StartAsync(app);

        Assert.Contains(log.Entries, e => e.Message.StartsWith("FlashSale: ", StringComparison.Ordinal)); // the Started line: the callback ran
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
    }

    private static async Task<RunningFlashSale> StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningFlashSale(app, new Uri(app.Urls.First() + "/"));
    }
}
