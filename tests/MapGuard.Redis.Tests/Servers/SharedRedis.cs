namespace MapGuard.Redis.Tests.Servers;

/// <summary>The assembly's redis-server child process.</summary>
public sealed class SharedRedis() : SharedServer(new RedisTestServer());
