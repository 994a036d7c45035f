using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlashSale.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Tests;

/// <summary>
/// The admin surface: only a request with the configured key restocks; anonymous, wrong-key, cross-site (text/plain,
/// form) and DNS-rebinding (foreign Host) requests are refused and change nothing; with no key configured the admin
/// endpoints are off; restocks are bounded; the key never reaches the log.
/// </summary>
public sealed class AdminSecurityTests : IAsyncLifetime
{
    /// <summary>The admin key of these tests only: set through configuration, never a default of the service.</summary>
    private const string TestKey = "test-only-admin-key-5f1c9a7e03b2";

    private RunningFlashSale? _service;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _service = await FlashSaleApp.StartOnLoopbackAsync(
            options => options.Seed["sku-1"] = 10,
            args: ["--FlashSale:AdminApiKey", TestKey],
            cancellationToken: TestContext.Current.CancellationToken);
        _client = new HttpClient { BaseAddress = _service.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restock_WithoutAKey_Returns401WithABearerChallengeAndKeepsStock()
    {
        using HttpResponseMessage response = await SendAsync(Restock("sku-1", 5));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Theory]
    [InlineData("Bearer wrong-key-of-another-length")]
    [InlineData("Bearer test-only-admin-key-5f1c9a7e03b3")] // same length, last character differs
    [InlineData("Bearer test-only-admin-key-5f1c9a7e03b")] // a prefix of the key
    [InlineData("Bearer test-only-admin-key-5f1c9a7e03b2x")] // the key and one more character
    [InlineData("Bearer ")]
    [InlineData("Basic dGVzdC1vbmx5LWFkbWluLWtleS01ZjFjOWE3ZTAzYjI=")] // the right key, under another scheme
    [InlineData("test-only-admin-key-5f1c9a7e03b2")] // the right key, with no scheme
    public async Task Restock_WithAWrongKey_Returns401AndKeepsStock(string authorization)
    {
        using HttpRequestMessage request = Restock("sku-1", 5);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using HttpResponseMessage response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task Restock_WithTheKey_Returns200AndAddsTheUnits()
    {
        using HttpResponseMessage response = await SendAsync(WithKey(Restock("sku-1", 5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(15, await StockAsync("sku-1"));
    }

    [Theory]
    [InlineData("text/plain", """{"sku":"sku-1","quantity":5}""")]
    [InlineData("application/x-www-form-urlencoded", "sku=sku-1&quantity=5")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"sku\"\r\n\r\nsku-1\r\n--x--\r\n")]
    public async Task Restock_WithTheKeyButNotJson_Returns415AndKeepsStock(string contentType, string body)
    {
        using HttpRequestMessage request = WithKey(Restock("sku-1", 5));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using HttpResponseMessage response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task Restock_AsACrossSiteTextPlainPostWithoutAKey_Returns401AndKeepsStock()
    {
        // What a web page on this machine can send without a CORS preflight: a "simple" POST with a text/plain body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/restock")
        {
            Content = new StringContent("""{"sku":"sku-1","quantity":5}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Origin", "http://attacker.example");

        using HttpResponseMessage response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task Order_AsTextPlain_Returns415AndKeepsStock()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders")
        {
            Content = new StringContent("""{"sku":"sku-1","quantity":1}""", Encoding.UTF8, "text/plain"),
        };

        using HttpResponseMessage response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:80")]
    [InlineData("127.0.0.1.attacker.example")]
    public async Task AnyRequest_WithAForeignHostHeader_Returns400AndKeepsStock(string host)
    {
        // DNS rebinding: a name the attacker controls, resolved to 127.0.0.1, arrives with the attacker's Host header.
        using HttpRequestMessage restock = WithKey(Restock("sku-1", 5));
        restock.Headers.Host = host;
        using var read = new HttpRequestMessage(HttpMethod.Get, "stock/sku-1");
        read.Headers.Host = host;

        using HttpResponseMessage restocked = await SendAsync(restock);
        using HttpResponseMessage stock = await SendAsync(read);

        Assert.Equal(HttpStatusCode.BadRequest, restocked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stock.StatusCode);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task AnyRequest_WithALoopbackHostHeader_IsServed(string host)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, "stock/sku-1");
        read.Headers.Host = $"{host}:{_service!.BaseAddress.Port}";

        using HttpResponseMessage response = await SendAsync(read);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(1_000_001)]
    [InlineData(2_000_000_000)]
    [InlineData(int.MaxValue)]
    public async Task Restock_AboveTheMaximumPerRestock_Returns400NamingTheBoundAndKeepsStock(int quantity)
    {
        using HttpResponseMessage response = await SendAsync(WithKey(Restock("sku-1", quantity)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = await ErrorAsync(response);
        Assert.Equal("quantity must be at most 1,000,000 per restock", error);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task Restock_OfTheMaximumPerRestock_Returns200()
    {
        using HttpResponseMessage response = await SendAsync(WithKey(Restock("sku-1", 1_000_000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1_000_010, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task Restock_WhenNoKeyIsConfigured_Returns403ToEveryoneAndKeepsStock()
    {
        await using RunningFlashSale open = await FlashSaleApp.StartOnLoopbackAsync(
            options => options.Seed["sku-1"] = 10,
            cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = open.BaseAddress };

        foreach (string? authorization in new[] { null, "Bearer ", "Bearer " + TestKey, "Bearer anything-at-all-0123456789" })
        {
            using HttpRequestMessage request = Restock("sku-1", 5);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("FlashSale:AdminApiKey", await ErrorAsync(response), StringComparison.Ordinal);
        }

        Assert.Equal(10, await open.Inventory.GetStockAsync("sku-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_WithoutAKey_LogsAWarningThatTheAdminEndpointsAreOff()
    {
        using var log = new RecordingLoggerProvider();
        await using RunningFlashSale service = await StartWithLogAsync(log, []);

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("FlashSale:AdminApiKey is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAKey_NeverWritesTheKeyOrAPresentedKeyToTheLog()
    {
        const string Presented = "presented-wrong-key-7d4e0c11aa";
        using var log = new RecordingLoggerProvider();
        await using RunningFlashSale service = await StartWithLogAsync(log, ["--FlashSale:AdminApiKey", TestKey]);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        foreach (string authorization in new[] { "Bearer " + TestKey, "Bearer " + Presented })
        {
            using HttpRequestMessage request = Restock("sku-1", 1);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(authorization.EndsWith(TestKey, StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await service.App.StopAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(log.Entries);
        Assert.DoesNotContain(TestKey, log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Presented, log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("AdminApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAKeyShorterThan16Characters_FailsNamingTheSettingButNotTheKey()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => FlashSaleApp.StartOnLoopbackAsync(
            args: ["--FlashSale:AdminApiKey", "short-key-9"],
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("FlashSale:AdminApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least 16 characters", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-key-9", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Builds the service with every log message of every category (Trace and up) recorded, and starts it on 127.0.0.1.</summary>
    private static async Task<RunningFlashSale> StartWithLogAsync(RecordingLoggerProvider log, string[] args)
    {
        WebApplication app = FlashSaleApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--Logging:LogLevel:Default", "Trace", "--Logging:LogLevel:Microsoft.AspNetCore", "Trace",
                "--Logging:Console:LogLevel:Default", "Warning", "--Logging:Console:LogLevel:Microsoft.AspNetCore", "Warning",
                .. args,
            ],
            options =>
            {
                options.Seed.Clear();
                options.Seed["sku-1"] = 10;
            });
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningFlashSale(app, new Uri(app.Urls.First() + "/"));
    }

    private static HttpRequestMessage Restock(string sku, int quantity) => new(HttpMethod.Post, "admin/restock")
    {
        Content = new StringContent($$"""{"sku":"{{sku}}","quantity":{{quantity}}}""", Encoding.UTF8, "application/json"),
    };

    private static HttpRequestMessage WithKey(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKey);
        return request;
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("error").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        await Client.SendAsync(request, TestContext.Current.CancellationToken);

    private async Task<int> StockAsync(string sku)
    {
        string text = await Client.GetStringAsync("stock/" + sku, TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("available").GetInt32();
    }
}
