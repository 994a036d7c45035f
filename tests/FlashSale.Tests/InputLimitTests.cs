using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashSale.Api;
using FlashSale.Hosting;

namespace FlashSale.Tests;

/// <summary>
/// The limits on what a request may send: a body of at most <see cref="FlashSaleEndpoints.MaxBodyBytes"/> (413), strict
/// JSON (numbers as numbers, each property once, no unknown properties: 400), and a cap on the SKUs restocks create (409).
/// Each refusal changes nothing.
/// </summary>
public sealed class InputLimitTests : IAsyncLifetime
{
    private const string TestKey = "test-only-admin-key-input-limits-01";
    private const int MaxSkus = 3;

    private RunningFlashSale? _service;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async ValueTask InitializeAsync()
    {
        _service = await FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.Seed["sku-1"] = 10;
                options.MaxSkus = MaxSkus;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverTheLimit_Is413_AndSellsNothing(bool chunked)
    {
        // Valid JSON whose padding takes it past the limit: the size alone refuses it, declared up front or streamed.
        string json = """{"sku":"sku-1","quantity":1}""" + new string(' ', FlashSaleEndpoints.MaxBodyBytes);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        using HttpResponseMessage response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task ABodyJustUnderTheLimit_IsServed()
    {
        string json = """{"sku":"sku-1","quantity":1}""";
        json += new string(' ', FlashSaleEndpoints.MaxBodyBytes - json.Length);
        using HttpResponseMessage response = await PostAsync("orders", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"sku":"sku-1","quantity":"5"}""", "$.quantity")]
    [InlineData("""{"sku":"sku-1","quantity":1,"quantity":5}""", "$.quantity")]
    [InlineData("""{"sku":"sku-1","sku":"sku-2","quantity":1}""", "$.sku")]
    [InlineData("""{"sku":"sku-1","quantity":1,"price":0}""", "$")]
    [InlineData("""{"sku":"sku-1","Quantity":1,"quantity":1}""", "$")]
    public async Task LenientJson_IsA400_AndSellsNothing(string body, string where)
    {
        using HttpResponseMessage response = await PostAsync("orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString()!;
        Assert.StartsWith("invalid JSON", error, StringComparison.Ordinal);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Equal(10, await StockAsync("sku-1"));
    }

    [Fact]
    public async Task RestocksCreatingSkusBeyondTheCap_Are409_WhileExistingSkusStillRestock()
    {
        // sku-1 is seeded: two more fit under a cap of three.
        Assert.Equal(HttpStatusCode.OK, (await RestockAsync("sku-2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RestockAsync("sku-3")).StatusCode);

        using HttpResponseMessage refused = await RestockAsync("sku-4");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(ErrorBody.TooManySkus, (await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString());
        Assert.Null(await StockAsync("sku-4"));

        Assert.Equal(HttpStatusCode.OK, (await RestockAsync("sku-1")).StatusCode);
        Assert.Equal(15, await StockAsync("sku-1"));
    }

    [Fact]
    public void AMaxSkusBelowOne_FailsTheBuildNamingTheSetting()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => FlashSaleApp.Build(["--FlashSale:MaxSkus", "0"]));
        Assert.StartsWith("FlashSale:MaxSkus = 0", error.Message, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> RestockAsync(string sku)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/restock")
        {
            Content = new StringContent($$"""{"sku":"{{sku}}","quantity":5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKey);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    private Task<int?> StockAsync(string sku) => _service!.Inventory.GetStockAsync(sku, TestContext.Current.CancellationToken).AsTask();
}
