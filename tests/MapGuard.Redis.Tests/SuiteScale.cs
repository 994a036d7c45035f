namespace MapGuard.Redis.Tests;

/// <summary>
/// The shares of the foundation suites' iteration counts run against RedisMap. Each call is a loopback round trip
/// (tens of microseconds) instead of tens of nanoseconds, so the counts shrink to keep the whole project well under
/// two minutes on the 2-core CI machine, for both servers.
/// </summary>
internal static class SuiteScale
{
    public const double Conformance = 0.05;
    public const double Stress = 0.02;
    public const double Histories = 0.15;
}
