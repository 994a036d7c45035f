using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MapGuard.Analyzers.Analysis;

/// <summary>A member's <c>[GuardedBy]</c> contract: the lock field it names, or why that name is not a valid lock.</summary>
internal sealed class Guard
{
    private Guard(string lockName, IFieldSymbol? lockField, string? error, Location location)
    {
        LockName = lockName;
        LockField = lockField;
        Error = error;
        Location = location;
    }

    /// <summary>The name the attribute gives.</summary>
    public string LockName { get; }

    /// <summary>The lock field, when the name is valid.</summary>
    public IFieldSymbol? LockField { get; }

    /// <summary>Why the name is not a valid lock, or null.</summary>
    public string? Error { get; }

    /// <summary>Where to report a bad name: the attribute's argument.</summary>
    public Location Location { get; }

    /// <summary>Reads the <c>[GuardedBy]</c> of <paramref name="member"/>, or null when it has none.</summary>
    public static Guard? Of(ISymbol member, INamedTypeSymbol attributeType, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                continue;
            }

            Location location = LocationOf(attribute, member, cancellationToken);
            string name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text ? text : "";
            return new Guard(name, Resolve(member, name, out string? error), error, location);
        }

        return null;
    }

    private static IFieldSymbol? Resolve(ISymbol member, string name, out string? error)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "the lock name is empty";
            return null;
        }

        for (INamedTypeSymbol? type = member.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (ISymbol candidate in type.GetMembers(name))
            {
                if (candidate is not IFieldSymbol field)
                {
                    error = $"'{name}' is a {candidate.Kind.ToString().ToLowerInvariant()}, not a field";
                    return null;
                }

                if (!field.IsReadOnly)
                {
                    error = $"'{name}' is not readonly, so the object threads lock on can change under them";
                    return null;
                }

                if (!field.Type.IsReferenceType)
                {
                    error = $"'{name}' is a {field.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, a value type; a lock must be a reference type";
                    return null;
                }

                if (member.IsStatic && !field.IsStatic)
                {
                    error = $"'{name}' is an instance field, but a static member needs a static lock";
                    return null;
                }

                error = null;
                return field;
            }
        }

        error = $"no field named '{name}' in '{member.ContainingType.Name}' or its base types";
        return null;
    }

    private static Location LocationOf(AttributeData attribute, ISymbol member, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            return syntax.ArgumentList is { Arguments.Count: > 0 } arguments ? arguments.Arguments[0].GetLocation() : syntax.GetLocation();
        }

        return member.Locations.FirstOrDefault() ?? Location.None;
    }
}
