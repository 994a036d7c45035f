namespace MapGuard.Cli.Tests;

/// <summary>Not found: closed over a key type rather than generic.</summary>
public sealed class StringMap : DelegatingMap<string, long>;
