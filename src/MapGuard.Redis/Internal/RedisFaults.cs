using System.Globalization;
using StackExchange.Redis;

namespace MapGuard.Redis.Internal;

/// <summary>
/// Turns the client's connection, timeout and transient server errors into <see cref="MapUnavailableException"/> or,
/// for a write that may have reached the server, <see cref="MapOutcomeUnknownException"/>.
/// </summary>
internal static class RedisFaults
{
    /// <summary>Whether <paramref name="error"/> means "the server could not be used", as opposed to a bug or bad data.</summary>
    public static bool IsUnavailable(Exception error) => error switch
    {
        RedisConnectionException or RedisTimeoutException => true,

        // A server that is starting (LOADING its AOF), busy with a long script, or without a master or a cluster
        // quorum refuses the command before running it.
        RedisServerException server => IsTransientRefusal(server.Message),
        _ => false,
    };

    /// <summary>Builds the exception to throw for <paramref name="error"/>, which <see cref="IsUnavailable"/> accepted.</summary>
    /// <param name="error">The client's error.</param>
    /// <param name="mapName">The map's name.</param>
    /// <param name="operation">The map member that failed.</param>
    /// <param name="write">Whether the failed server call could change the map.</param>
    public static MapUnavailableException Translate(Exception error, string mapName, string operation, bool write)
    {
        if (write && MayHaveBeenSent(error))
        {
            return new MapOutcomeUnknownException(
                mapName,
                operation,
                string.Create(CultureInfo.InvariantCulture, $"RedisMap '{mapName}': {operation} was sent to the server but no reply came back ({Describe(error)}). The write may or may not have been applied."),
                error);
        }

        string effect = write ? "The write was not applied." : "Nothing was changed.";
        return new MapUnavailableException(
            mapName,
            operation,
            string.Create(CultureInfo.InvariantCulture, $"RedisMap '{mapName}': {operation} failed because the server is unavailable ({Describe(error)}). {effect}"),
            error);
    }

    /// <summary>Whether the server refused a script because Lua is off (Garnet without <c>--lua</c>).</summary>
    public static bool IsScriptingDisabled(RedisServerException error) =>
        error.Message.Contains("scripting support disabled", StringComparison.OrdinalIgnoreCase);

    /// <summary>The exception for a server that refuses Lua: a configuration error, not an outage. Nothing was changed.</summary>
    public static InvalidOperationException ScriptingDisabled(RedisServerException error, string mapName, string operation) =>
        new(
            $"RedisMap '{mapName}': {operation} needs Lua scripts, and the server refused them ({error.Message}). " +
            "Start Garnet with --lua --lua-transaction-mode (transaction mode makes a script atomic on Garnet). Nothing was changed.",
            error);

    private static bool MayHaveBeenSent(Exception error) => error switch
    {
        RedisTimeoutException timeout => !NeverSent(timeout.Commandstatus),
        RedisConnectionException connection => !NeverSent(connection.CommandStatus),
        RedisServerException => false, // refused before it ran (see IsTransientRefusal)
        _ => true,
    };

    // The client removes a timed-out message from its backlog or write queue, so these two never reach the server.
    private static bool NeverSent(CommandStatus status) =>
        status is CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog;

    private static bool IsTransientRefusal(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal) ||
        message.StartsWith("BUSY", StringComparison.Ordinal) ||
        message.StartsWith("MASTERDOWN", StringComparison.Ordinal) ||
        message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal) ||
        message.StartsWith("TRYAGAIN", StringComparison.Ordinal);

    private static string Describe(Exception error) => error switch
    {
        RedisTimeoutException => "timed out",
        RedisConnectionException connection when FindTlsFailure(connection) is { } tls => $"connection: TLS handshake failed: {tls.Message}",
        RedisConnectionException connection => $"connection: {connection.FailureType}",
        _ => error.GetType().Name,
    };

    // SslStream's AuthenticationException ("The remote certificate was rejected ...") somewhere under the client's error:
    // the server's certificate did not validate (RedisMapConnection.UseTls), or the server does not speak TLS. Its
    // message names the certificate check, never a password.
    private static System.Security.Authentication.AuthenticationException? FindTlsFailure(Exception error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }
}
