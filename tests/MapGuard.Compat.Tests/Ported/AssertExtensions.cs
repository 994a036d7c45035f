namespace MapGuard.Compat.Tests.Ported;

/// <summary>
/// The one helper of dotnet/runtime's test utilities the ported tests use: <c>Throws</c> with an expected parameter name,
/// where null means the exception must name no parameter. Written for this project from its documented behaviour.
/// </summary>
public static class AssertExtensions
{
    public static T Throws<T>(string expectedParamName, Action action)
        where T : ArgumentException
    {
        T exception = Assert.Throws<T>(action);
        Assert.Equal(expectedParamName, exception.ParamName);
        return exception;
    }
}
