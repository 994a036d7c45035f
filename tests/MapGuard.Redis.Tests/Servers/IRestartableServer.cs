namespace MapGuard.Redis.Tests.Servers;

/// <summary>A test server that can be stopped and started again on the same port with its data.</summary>
public interface IRestartableServer : ITestServer, IDisposable
{
    /// <summary>Stops the server abruptly; clients' connections drop.</summary>
    void Halt();

    /// <summary>Starts it again on the same port, replaying its append-only file.</summary>
    void Start();
}
