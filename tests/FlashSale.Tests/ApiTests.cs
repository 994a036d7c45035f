using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlashSale.Hosting;

namespace FlashSale.Tests;

/// <summary>
/// The endpoints one request at a time: bad input gets a 400 saying what is wrong and changes nothing. The admin key and
/// the forged requests it stops are AdminSecurityTests'.
/// </summary>
public sealed class ApiTests : IAsyncLifetime
{
    /// <summary>The admin key of these tests only, set through configuration (the service has no default key).</summary>
    private const string TestKey = "test-only-admin-key-api-tests-0001";

    private RunningFlashSale? _service;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _service = await FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.Seed["sku-1"] = 10;
                options.Seed["sku-full"] = int.MaxValue - 10;
            },
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

    public static TheoryData<string, string> BadOrders() => new()
    {
        { """{"sku":"sku-1","quantity":0}""", "quantity must be at least 1" },
        { """{"sku":"sku-1","quantity":-5}""", "quantity must be at least 1" },
        { """{"sku":"sku-1"}""", "quantity is required" },
        { """{"quantity":1}""", "sku is required" },
        { """{"sku":"","quantity":1}""", "sku must be 1 to 64 characters" },
        { """{"sku":"sku 1","quantity":1}""", "sku must be 1 to 64 characters" },
        { $$"""{"sku":"{{new string('a', 65)}}","quantity":1}""", "sku must be 1 to 64 characters" },
        { """{"sku":"sku-1","quantity":"many"}""", "invalid JSON at $.quantity" },
        { """{"sku":"sku-1","quantity":1.5}""", "invalid JSON at $.quantity" },
        { """{"sku":"sku-1","quantity":99999999999}""", "invalid JSON at $.quantity" },
        { "not json", "invalid JSON" },
        { "", "invalid JSON" },
        { "null", "the body must be a JSON object" },
        { "[1,2]", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task PostOrder_WithBadInput_Returns400WithAClearErrorAndKeepsStock(string body, string error)
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(error, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task PostRestock_WithBadInput_Returns400WithAClearErrorAndKeepsStock(string body, string error)
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("admin/restock", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(error, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task PostOrder_ForUnknownSku_Returns404NamingIt()
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("orders", """{"sku":"sku-404","quantity":1}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("unknown sku", json.GetProperty("error").GetString());
        Assert.Equal("sku-404", json.GetProperty("sku").GetString());
    }

    [Fact]
    public async Task PostOrder_LargerThanStock_Returns409WithRequestedAndAvailableAndKeepsStock()
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("orders", """{"sku":"sku-1","quantity":11}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("""{"error":"out of stock","sku":"sku-1","requested":11,"available":10}""", json.GetRawText());
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task PostOrder_WithinStock_Returns200AndTakesTheUnits()
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("orders", """{"sku":"sku-1","quantity":4}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"sku":"sku-1","quantity":4,"remaining":6}""", json.GetRawText());
        Assert.Equal(6, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task Restock_AddsToAnExistingSkuAndCreatesANewOne()
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("admin/restock", """{"sku":"sku-1","quantity":5}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(15, json.GetProperty("available").GetInt32());

        (status, json) = await PostAsync("admin/restock", """{"sku":"sku-new","quantity":3}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, json.GetProperty("available").GetInt32());
        Assert.Equal(3, await StockAsync("sku-new"));
    }

    [Fact]
    public async Task Restock_PastIntMaxValue_Returns409AndKeepsStock()
    {
        (HttpStatusCode status, JsonElement json) = await PostAsync("admin/restock", """{"sku":"sku-full","quantity":11}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith("restock would take the stock past", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(int.MaxValue - 10, json.GetProperty("available").GetInt32());
        Assert.Equal(int.MaxValue - 10, await StockAsync("sku-full"));

        (status, _) = await PostAsync("admin/restock", """{"sku":"sku-full","quantity":10}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(int.MaxValue, await StockAsync("sku-full"));
    }

    [Fact]
    public async Task GetStock_ForUnknownOrInvalidSku_Returns404Or400()
    {
        using HttpResponseMessage unknown = await Client.GetAsync("stock/sku-404", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unknown sku", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using HttpResponseMessage invalid = await Client.GetAsync("stock/" + Uri.EscapeDataString("bad sku!"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Start_WithAnInvalidSeed_FailsNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FlashSaleApp.StartOnLoopbackAsync(options => options.Seed["sku-1"] = 0, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("FlashSale:Seed:sku-1 = 0", ex.Message, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (path.StartsWith("admin/", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKey);
        }

        using HttpResponseMessage response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task<int> StockAsync(string sku)
    {
        string text = await Client.GetStringAsync("stock/" + sku, TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("available").GetInt32();
    }
}
