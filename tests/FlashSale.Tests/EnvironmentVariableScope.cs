namespace FlashSale.Tests;

/// <summary>
/// Sets an environment variable of this process for a test and puts the old value back when disposed. Safe because
/// the tests of this assembly run one at a time (AssemblyInfo.cs).
/// </summary>
internal sealed class EnvironmentVariableScope : IDisposable
{
    private readonly string _name;
    private readonly string? _previous;

    public EnvironmentVariableScope(string name, string? value)
    {
        _name = name;
        _previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
}
