using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// Code that a test or job framework promises never to run beside other code of the same kind: NUnit's
/// <c>[NonParallelizable]</c> and <c>[Parallelizable(ParallelScope.None)]</c>, MSTest's <c>[DoNotParallelize]</c>,
/// xUnit's <c>[Collection(..., DisableParallelization = true)]</c> / <c>[CollectionDefinition(...)]</c> and
/// <c>[assembly: CollectionBehavior(DisableTestParallelization = true)]</c>, Quartz's <c>[DisallowConcurrentExecution]</c>,
/// and the set-up and tear-down methods (<c>[SetUp]</c>, <c>[OneTimeSetUp]</c>, <c>[TestInitialize]</c>,
/// <c>[ClassInitialize]</c>, <c>[GlobalSetup]</c> and their tear-down twins) that run before or after the tests,
/// never during them. Attributes are matched by name and namespace, so no test framework is referenced.
/// </summary>
internal static class TestFrameworks
{
    private static readonly HashSet<string> s_serialisedTypes = new(StringComparer.Ordinal)
    {
        "NUnit.Framework.NonParallelizableAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelizeAttribute",
        "Quartz.DisallowConcurrentExecutionAttribute",
    };

    private static readonly HashSet<string> s_setUpMethods = new(StringComparer.Ordinal)
    {
        "NUnit.Framework.SetUpAttribute",
        "NUnit.Framework.TearDownAttribute",
        "NUnit.Framework.OneTimeSetUpAttribute",
        "NUnit.Framework.OneTimeTearDownAttribute",
        "NUnit.Framework.NonParallelizableAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestInitializeAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestCleanupAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.ClassInitializeAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.ClassCleanupAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.AssemblyInitializeAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.AssemblyCleanupAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelizeAttribute",
        "BenchmarkDotNet.Attributes.GlobalSetupAttribute",
        "BenchmarkDotNet.Attributes.GlobalCleanupAttribute",
        "BenchmarkDotNet.Attributes.IterationSetupAttribute",
        "BenchmarkDotNet.Attributes.IterationCleanupAttribute",
    };

    /// <summary>True when <paramref name="method"/> is set-up code or belongs to a fixture, job or assembly its framework runs alone.</summary>
    public static bool IsSerialised(IMethodSymbol method)
    {
        if (Has(method, s_setUpMethods) || IsSerialisedAssembly(method.ContainingAssembly))
        {
            return true;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType ?? (type.BaseType is { SpecialType: SpecialType.None } b && b.Locations.Any(l => l.IsInSource) ? b : null))
        {
            if (IsSerialisedType(type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSerialisedType(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is null)
            {
                continue;
            }

            if (s_serialisedTypes.Contains(name) || (name == "NUnit.Framework.ParallelizableAttribute" && IsScopeNone(attribute)))
            {
                return true;
            }

            if (name is "Xunit.CollectionAttribute" or "Xunit.CollectionDefinitionAttribute" && DisablesParallelization(attribute, "DisableParallelization"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSerialisedAssembly(IAssemblySymbol assembly)
    {
        foreach (AttributeData attribute in assembly.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if ((name == "Xunit.CollectionBehaviorAttribute" && DisablesParallelization(attribute, "DisableTestParallelization"))
                || (name == "NUnit.Framework.ParallelizableAttribute" && IsScopeNone(attribute))
                || name is "NUnit.Framework.NonParallelizableAttribute" or "Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelizeAttribute")
            {
                return true;
            }
        }

        return false;
    }

    private static bool DisablesParallelization(AttributeData attribute, string property)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == property && argument.Value.Value is true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for NUnit's <c>ParallelScope.None</c>, found by the enum member's name rather than its number.</summary>
    private static bool IsScopeNone(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1
        && attribute.ConstructorArguments[0].Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } scope
        && scope.GetMembers().OfType<IFieldSymbol>().Any(f => f.Name == "None" && Equals(f.ConstantValue, attribute.ConstructorArguments[0].Value));

    private static bool Has(ISymbol symbol, HashSet<string> names)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is { } name && names.Contains(name))
            {
                return true;
            }
        }

        return false;
    }
}
