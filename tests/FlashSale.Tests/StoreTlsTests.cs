using System.Net;
using FlashSale.Hosting;
using MapGuard.Redis;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace FlashSale.Tests;

/// <summary>
/// A <c>rediss://</c> store: FlashSale connects over TLS, trusting the CA in <c>FlashSale:StoreCaCertificate</c> (here a
/// throwaway CA made for the test) and authenticating with <c>FlashSale:StorePassword</c>; a certificate it cannot
/// validate fails start-up without the password in the error, and a CA file without TLS is refused.
/// </summary>
public sealed class StoreTlsTests
{
    private const string Sku = "sku-1";

    [Fact]
    public async Task ATlsStoreWithPassword_SellsOverTls_WithTheConfiguredCa()
    {
        string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var certificates = new TestCertificates();
        using var redis = new RedisTestServer(password: password, tls: certificates);
        redis.SkipIfUnavailable();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.MapName = map;
                options.Seed[Sku] = 10;
            },
            args:
            [
                "--store", "rediss://" + redis.Configuration,
                "--FlashSale:StorePassword", password,
                "--FlashSale:StoreCaCertificate", certificates.CaCertificateFile,
            ],
            cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        using var order = new StringContent("""{"sku":"sku-1","quantity":1}""", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("orders", order, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using ConnectionMultiplexer direct = redis.Connect(); // TLS only: the server has no plain port
        Assert.Equal("9", (string?)await direct.GetDatabase().HashGetAsync("mapguard:{" + map + "}", Sku));
    }

    [Fact]
    public async Task AStoreCertificateFromAnotherCa_FailsStartUp_WithoutThePassword()
    {
        const string Password = "the-store-password-0123456789";
        using var certificates = new TestCertificates();
        using var otherCa = new TestCertificates();
        using var redis = new RedisTestServer(password: Password, tls: certificates);
        redis.SkipIfUnavailable();

        MapUnavailableException error = await Assert.ThrowsAsync<MapUnavailableException>(() => FlashSaleApp.StartOnLoopbackAsync(
            options => options.Seed[Sku] = 10,
            args:
            [
                "--store", "rediss://" + redis.Configuration,
                "--FlashSale:StorePassword", Password,
                "--FlashSale:StoreCaCertificate", otherCa.CaCertificateFile,
                "--FlashSale:MapName", "stock-" + Guid.NewGuid().ToString("N")[..8],
            ],
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("server is unavailable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACaFileWithAPlainStore_IsRefused_NamingBothSettings()
    {
        using var certificates = new TestCertificates();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => FlashSaleApp.Build(
            ["--store", "redis://127.0.0.1:6379", "--FlashSale:StoreCaCertificate", certificates.CaCertificateFile]));

        Assert.Contains("FlashSale:StoreCaCertificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("rediss://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACaFileThatHoldsNoCertificate_FailsStartUp_NamingTheSetting()
    {
        using var certificates = new TestCertificates();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => FlashSaleApp.Build(
            ["--store", "rediss://127.0.0.1:6379", "--FlashSale:StoreCaCertificate", certificates.ServerKeyFile]));

        Assert.StartsWith("FlashSale:StoreCaCertificate:", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }
}
