using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// The classes registered as singletons anywhere in the compilation: every overload of <c>AddSingleton</c> (and its kin
/// <c>TryAddSingleton</c>, <c>AddKeyedSingleton</c>, <c>TryAddKeyedSingleton</c>) and <c>AddHostedService</c>. The
/// implementation type is read from the generic arguments, from <c>typeof</c> arguments, from an instance argument, or
/// from the object a factory lambda returns.
/// </summary>
internal sealed class Registrations
{
    private readonly ConcurrentDictionary<ITypeSymbol, string> _singletons = new(SymbolEqualityComparer.Default);

    /// <summary>Records the registration <paramref name="invocation"/> makes, if it is one.</summary>
    public void Record(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "AddHostedService")
            || !method.ContainingNamespace.ToDisplayString().StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal))
        {
            return;
        }

        if (method.IsGenericMethod)
        {
            Add(method.TypeArguments.Length >= 2 ? method.TypeArguments[1] : method.TypeArguments[0], method.Name);
        }

        ITypeSymbol? lastTypeOf = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            IOperation value = Mutations.UnwrapAll(argument.Value);
            switch (argument.Parameter?.Name)
            {
                case "serviceType" or "implementationType" when value is ITypeOfOperation typeOf:
                    lastTypeOf = typeOf.TypeOperand;
                    break;
                case "implementationInstance":
                    Add(value is IObjectCreationOperation creation ? creation.Type : value.Type, method.Name);
                    break;
                case "implementationFactory" when value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation factory }:
                    foreach (IOperation operation in factory.Body.Descendants())
                    {
                        if (operation is IReturnOperation { ReturnedValue: { } returned } && Mutations.UnwrapAll(returned) is IObjectCreationOperation made)
                        {
                            Add(made.Type, method.Name);
                        }
                    }

                    break;
            }
        }

        Add(lastTypeOf, method.Name);
    }

    /// <summary>The registration method of <paramref name="type"/> or of a registered class derived from it, or null.</summary>
    public string? RegisteredWith(INamedTypeSymbol type)
    {
        foreach (KeyValuePair<ITypeSymbol, string> singleton in _singletons)
        {
            if (SharedMember.InheritsFrom(singleton.Key, type))
            {
                return singleton.Value;
            }
        }

        return null;
    }

    private void Add(ITypeSymbol? type, string method)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named)
        {
            _singletons.TryAdd(named.OriginalDefinition, method);
        }
    }
}
