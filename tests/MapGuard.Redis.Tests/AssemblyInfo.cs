using MapGuard.Redis.Tests.Servers;

[assembly: AssemblyFixture(typeof(SharedGarnet))]
[assembly: AssemblyFixture(typeof(SharedRedis))]
