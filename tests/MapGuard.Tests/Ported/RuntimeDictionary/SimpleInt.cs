namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>A struct key with no equality of its own beyond the default; the suites pass <see cref="SimpleIntComparer"/>.</summary>
/// <param name="Val">The wrapped value.</param>
public readonly record struct SimpleInt(int Val);
