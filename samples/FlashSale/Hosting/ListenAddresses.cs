using System.Net;

namespace FlashSale.Hosting;

/// <summary>
/// Where the service listens: <see cref="Default"/> when the user set no address, and otherwise exactly what they set
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> or <c>Kestrel:Endpoints</c>).
/// An address beyond loopback is allowed, with a warning.
/// </summary>
internal static class ListenAddresses
{
    /// <summary>The address when none is set: loopback only, so a development run is not reachable from the network.</summary>
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>
    /// Sets <see cref="Default"/> as the server's URLs unless the configuration already names an address: the
    /// <c>urls</c>, <c>http_ports</c> or <c>https_ports</c> host setting (from the command line, or the environment with
    /// the <c>ASPNETCORE_</c> or <c>DOTNET_</c> prefix) or an endpoint under <c>Kestrel:Endpoints</c>. The default lives
    /// here, not in appsettings.json, because an app setting <c>Urls</c> would take precedence over the environment's.
    /// </summary>
    /// <param name="builder">The application builder, before it is built.</param>
    public static void ApplyDefault(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConfigurationManager configuration = builder.Configuration;
        bool userChose =
            !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!userChose)
        {
            builder.WebHost.UseUrls(Default);
        }
    }

    /// <summary>
    /// The addresses of <paramref name="addresses"/> (as Kestrel reports them) that other machines may reach: any
    /// address but <c>localhost</c>, <c>127.0.0.0/8</c>, <c>[::1]</c>, a Unix socket or a named pipe. A wildcard
    /// (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) or a host name binds every interface.
    /// </summary>
    /// <param name="addresses">Listen addresses such as <c>http://127.0.0.1:5080</c>.</param>
    /// <returns>The addresses beyond loopback, in order; empty when there are none.</returns>
    public static IReadOnlyList<string> BeyondLoopback(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return [.. addresses.Where(address => !IsLocal(address))];
    }

    /// <summary>Logs a warning naming the addresses of <paramref name="addresses"/> beyond loopback, if any.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="addresses">The addresses listened on.</param>
    /// <param name="allowedHosts">The <c>AllowedHosts</c> setting, quoted in the warning.</param>
    public static void WarnIfBeyondLoopback(ILogger logger, IEnumerable<string> addresses, string? allowedHosts)
    {
        IReadOnlyList<string> beyond = BeyondLoopback(addresses);
        if (beyond.Count > 0)
        {
            FlashSaleLog.ListeningBeyondLoopback(logger, string.Join(", ", beyond), string.IsNullOrEmpty(allowedHosts) ? "*" : allowedHosts);
        }
    }

    private static bool IsLocal(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return true;
        }

        string host = binding.Host;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));
    }
}
