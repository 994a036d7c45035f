using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace MapGuard.Redis;

/// <summary>Client settings under which <see cref="RedisMap{TKey, TValue}"/> fails fast and recovers by itself.</summary>
public static class RedisMapConnection
{
    private const string Hidden = "*****";

    /// <summary>
    /// Parses <paramref name="configuration"/> (a StackExchange.Redis configuration string such as
    /// <c>127.0.0.1:6379</c>) and applies <paramref name="options"/>: every call times out after
    /// <see cref="RedisMapOptions.OperationTimeout"/>; the first connection may fail without throwing
    /// (<c>abortConnect=false</c>), and reconnection retries quickly (every 100 ms, backing off to 1 s). While the server
    /// is away, calls wait in the client's backlog up to the timeout, so a short blip is invisible and a long one fails
    /// each call with <see cref="MapUnavailableException"/>.
    /// </summary>
    /// <param name="configuration">The configuration string.</param>
    /// <param name="options">The map options whose timeout to apply.</param>
    /// <returns>Options for <see cref="ConnectionMultiplexer.Connect(ConfigurationOptions, TextWriter?)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> does not parse; the message shows it through
    /// <see cref="Redact"/>.</exception>
    public static ConfigurationOptions CreateConfiguration(string configuration, RedisMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            // The client's message may quote a value from the string; keep a password out of it.
            throw new ArgumentException(
                $"'{Redact(configuration)}' is not a StackExchange.Redis configuration string: {ScrubPasswords(ex.Message, configuration)}",
                nameof(configuration));
        }

        Apply(parsed, options);
        return parsed;
    }

    /// <summary>Applies <paramref name="options"/> to existing client settings, as <see cref="CreateConfiguration"/> does.</summary>
    /// <param name="configuration">The client settings to change.</param>
    /// <param name="options">The map options whose timeout to apply.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Apply(ConfigurationOptions configuration, RedisMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        int timeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectTimeout = timeout;
        configuration.AbortOnConnectFail = false;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(100, 1000);
        configuration.BacklogPolicy = BacklogPolicy.Default;
    }

    /// <summary>
    /// Turns on TLS for <paramref name="configuration"/>, with the server's certificate validated. Without
    /// <paramref name="caCertificateFile"/>, the certificate must chain to a root the operating system trusts; with it,
    /// it must chain to a certificate in that file instead (a private or test CA: the system roots are then not
    /// trusted for this connection). Either way the certificate must be valid now and name the host connected to
    /// (<see cref="ConfigurationOptions.SslHost"/> when set, else the endpoint's host), and nothing turns the check off.
    /// A certificate that fails it ends the handshake, and calls fail with <see cref="MapUnavailableException"/> (nothing
    /// applied); when the client's error carries the handshake's <c>AuthenticationException</c>, the message says
    /// <c>TLS handshake failed</c> with its reason.
    /// </summary>
    /// <param name="configuration">The client settings to change.</param>
    /// <param name="caCertificateFile">A PEM file of one or more CA certificates to trust instead of the system roots,
    /// or null for the system roots. It holds certificates only, no key, so its path and contents are not secret.</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="caCertificateFile"/> is empty, cannot be read, or holds no
    /// PEM certificate.</exception>
    public static void UseTls(ConfigurationOptions configuration, string? caCertificateFile = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Ssl = true;
        if (caCertificateFile is null)
        {
            return; // SslStream's own validation against the system roots.
        }

        X509Certificate2Collection authorities = LoadAuthorities(caCertificateFile);
        configuration.CertificateValidation += (_, certificate, presented, errors) => IsIssuedBy(certificate, presented, errors, authorities);
    }

    private static X509Certificate2Collection LoadAuthorities(string caCertificateFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caCertificateFile);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caCertificateFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"The CA certificate file '{caCertificateFile}' cannot be read: {ex.Message}", nameof(caCertificateFile), ex);
        }

        if (authorities.Count == 0)
        {
            throw new ArgumentException($"The CA certificate file '{caCertificateFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", nameof(caCertificateFile));
        }

        return authorities;
    }

    // The server's certificate is accepted when it names the host and builds a chain, valid now, to one of `authorities`
    // and to nothing else: CustomRootTrust ignores the system roots. A name mismatch or a missing certificate rejects it
    // whatever the chain; a chain error SslStream saw against the system roots is expected (the CA is private), so the
    // chain is built again here.
    private static bool IsIssuedBy(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A throwaway or private CA publishes no revocation list to check.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // serverAuth
        if (presented is not null)
        {
            // Intermediates the server sent; only `authorities` can be the root.
            foreach (X509ChainElement element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }

    /// <summary>
    /// The configuration string <paramref name="configuration"/> fit for a message or a log: the value of every
    /// <c>password=</c> option, wherever it occurs in the string, is replaced by <c>*****</c>, and the rest is kept as
    /// written. Show this, never the string itself.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as
    /// <c>cache.example:6380,ssl=true,password=...</c>.</param>
    /// <returns>The string without its passwords.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public static string Redact(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ScrubPasswords(configuration, configuration);
    }

    // Replaces in `text` every password that `configuration` holds, longest first, so that no password is left
    // half-shown by a shorter one that it contains. StackExchange.Redis splits options at ',' and a key from its value at
    // the first '='; keys are case-insensitive and may have spaces around them.
    private static string ScrubPasswords(string text, string configuration)
    {
        var passwords = new List<string>();
        foreach (string option in configuration.Split(','))
        {
            int equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && equals < option.Length - 1 && option.AsSpan(0, equals).Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                passwords.Add(option[(equals + 1)..]);
            }
        }

        foreach (string password in passwords.OrderByDescending(p => p.Length))
        {
            text = text.Replace(password, Hidden, StringComparison.Ordinal);
        }

        return text;
    }
}
