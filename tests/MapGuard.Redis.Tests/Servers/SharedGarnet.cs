namespace MapGuard.Redis.Tests.Servers;

/// <summary>The assembly's in-process Garnet server (Lua on, scripts as transactions).</summary>
public sealed class SharedGarnet() : SharedServer(new GarnetTestServer());
