using System.Security.Authentication;
using System.Security.Cryptography;
using MapGuard.Redis.Internal;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>
/// <see cref="RedisMapConnection.UseTls"/> against a redis-server that listens on a TLS port only, with a certificate from
/// a throwaway CA made for the test (<see cref="TestCertificates"/>): the map works once the CA is trusted, alone and with
/// AUTH; a certificate from another CA, for another host, or from a private CA with no CA file is rejected in the
/// handshake, and the map's calls then fail as unavailable, never showing the password.
/// </summary>
public sealed class TlsTests
{
    // Short, so that the refused handshakes fail the first call quickly.
    private static readonly RedisMapOptions s_options = new() { OperationTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task ATlsServer_WithItsCaTrusted_ServesTheMap()
    {
        using var certificates = new TestCertificates();
        using var redis = new RedisTestServer(tls: certificates);
        redis.SkipIfUnavailable();
        CancellationToken cancellation = TestContext.Current.CancellationToken;

        using ConnectionMultiplexer connection = Connect(redis, certificates.CaCertificateFile);
        var map = new RedisMap<string, int>(connection.GetDatabase(), SharedServer.NextName(), s_options);

        Assert.True(await map.TryAddAsync("sku", 10, cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, 7), await map.AddWithinAsync("sku", -3, 0, int.MaxValue, cancellationToken: cancellation));
        Assert.Equal(7, map["sku"]);
        // The server has no plain port (--port 0), so these replies came over TLS.
        Assert.Equal(1, await map.CountAsync(cancellation));
    }

    [Fact]
    public void ATlsServer_WithPasswordAndCa_AuthenticatesOverTls_AndAWrongPasswordIsAnAuthenticationFailure()
    {
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var certificates = new TestCertificates();
        using var redis = new RedisTestServer(password: password, tls: certificates);
        redis.SkipIfUnavailable();

        using (ConnectionMultiplexer right = Connect(redis, certificates.CaCertificateFile, password))
        {
            var map = new RedisMap<string, string>(right.GetDatabase(), SharedServer.NextName(), s_options);
            map["k"] = "v";
            Assert.Equal("v", map["k"]);
        }

        const string Wrong = "a-wrong-password-9876543210";
        using ConnectionMultiplexer wrong = Connect(redis, certificates.CaCertificateFile, Wrong);
        var refused = new RedisMap<string, string>(wrong.GetDatabase(), SharedServer.NextName(), s_options);
        MapUnavailableException error = Assert.Throws<MapUnavailableException>(() => refused.TryGetValue("k", out _));

        Assert.Contains("failed because the server is unavailable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateFromAnotherCa_IsRejectedInTheHandshake_WithoutThePassword()
    {
        const string Password = "the-password-0123456789abcdef";
        using var serverCertificates = new TestCertificates();
        using var otherCa = new TestCertificates();
        using var redis = new RedisTestServer(password: Password, tls: serverCertificates);
        redis.SkipIfUnavailable();

        RedisConnectionException error = HandshakeFailure(redis, otherCa.CaCertificateFile, Password);

        Assert.Contains("certificate was rejected", FindAuthenticationException(error).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateFromAnotherCa_FailsMapCallsAsUnavailable_NotApplied_WithoutThePassword()
    {
        const string Password = "the-password-0123456789abcdef";
        using var serverCertificates = new TestCertificates();
        using var otherCa = new TestCertificates();
        using var redis = new RedisTestServer(password: Password, tls: serverCertificates);
        redis.SkipIfUnavailable();

        using ConnectionMultiplexer connection = Connect(redis, otherCa.CaCertificateFile, Password);
        var map = new RedisMap<string, string>(connection.GetDatabase(), SharedServer.NextName(), s_options);
        MapUnavailableException error = Assert.Throws<MapUnavailableException>(() => map.TryAdd("k", "v"));

        Assert.Contains("failed because the server is unavailable", error.Message, StringComparison.Ordinal);
        Assert.False(error.MayHaveBeenApplied);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AClientErrorCausedByTheHandshake_IsReportedAsATlsHandshakeFailure()
    {
        var handshake = new AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback.");
        var client = new RedisConnectionException(ConnectionFailureType.AuthenticationFailure, CommandFlags.None, "AuthenticationFailure on 127.0.0.1:6380", handshake, CommandStatus.WaitingInBacklog);

        MapUnavailableException error = RedisFaults.Translate(new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "timed out in the backlog", client, CommandStatus.WaitingInBacklog), "m", "TryAdd", write: true);

        Assert.Contains("server is unavailable (connection: TLS handshake failed: The remote certificate was rejected", error.Message, StringComparison.Ordinal);
        Assert.False(error.MayHaveBeenApplied);
    }

    [Fact]
    public void WithoutACaFile_APrivateCaIsNotTrusted()
    {
        using var certificates = new TestCertificates();
        using var redis = new RedisTestServer(tls: certificates);
        redis.SkipIfUnavailable();

        RedisConnectionException error = HandshakeFailure(redis, caCertificateFile: null);

        Assert.Contains("certificate", FindAuthenticationException(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateForAnotherHost_IsRefusedEvenFromTheTrustedCa()
    {
        using var certificates = new TestCertificates("cache.example");
        using var redis = new RedisTestServer(tls: certificates);
        redis.SkipIfUnavailable();

        RedisConnectionException error = HandshakeFailure(redis, certificates.CaCertificateFile);

        Assert.Contains("certificate was rejected", FindAuthenticationException(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseTls_WithAMissingCaFile_ThrowsNamingTheParameter()
    {
        var configuration = new ConfigurationOptions();
        string missing = Path.Combine(Path.GetTempPath(), "mapguard-no-such-ca-" + Guid.NewGuid().ToString("N") + ".crt");

        ArgumentException error = Assert.Throws<ArgumentException>(() => RedisMapConnection.UseTls(configuration, missing));

        Assert.Equal("caCertificateFile", error.ParamName);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseTls_WithAFileThatHoldsNoCertificate_ThrowsNamingTheParameter()
    {
        using var certificates = new TestCertificates();
        var configuration = new ConfigurationOptions();

        // The server's key file is PEM, but not a certificate.
        ArgumentException error = Assert.Throws<ArgumentException>(() => RedisMapConnection.UseTls(configuration, certificates.ServerKeyFile));

        Assert.Equal("caCertificateFile", error.ParamName);
        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseTls_OfNull_ThrowsNamingTheParameter() =>
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => RedisMapConnection.UseTls(null!)).ParamName);

    // The first connection attempt, made to throw (abortConnect=true) so that its cause is the handshake's own: the map's
    // calls (abortConnect=false) report the client's last connection error, which after a rejected handshake is
    // sometimes a cancelled reconnection attempt instead.
    private static RedisConnectionException HandshakeFailure(RedisTestServer redis, string? caCertificateFile, string? password = null)
    {
        ConfigurationOptions configuration = RedisMapConnection.CreateConfiguration(redis.Configuration, s_options);
        configuration.Password = password;
        configuration.AbortOnConnectFail = true;
        RedisMapConnection.UseTls(configuration, caCertificateFile);
        return Assert.Throws<RedisConnectionException>(() => ConnectionMultiplexer.Connect(configuration).Dispose());
    }

    private static AuthenticationException FindAuthenticationException(Exception error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException found)
            {
                return found;
            }
        }

        Assert.Fail("No TLS AuthenticationException under: " + error);
        return null!;
    }

    private static ConnectionMultiplexer Connect(RedisTestServer redis, string? caCertificateFile, string? password = null)
    {
        ConfigurationOptions configuration = RedisMapConnection.CreateConfiguration(redis.Configuration, s_options);
        configuration.Password = password;
        RedisMapConnection.UseTls(configuration, caCertificateFile);
        return ConnectionMultiplexer.Connect(configuration);
    }
}
