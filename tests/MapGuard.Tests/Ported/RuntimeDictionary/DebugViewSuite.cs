// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.
// Cases ported from dotnet/runtime (see the summary below for the file and commit), adapted for MapGuard.

using System.Collections;
using System.Diagnostics;
using System.Reflection;
using MapGuard.Ported.RuntimeCollections;

namespace MapGuard.Tests.Ported.RuntimeDictionary;

/// <summary>
/// The Dictionary, Keys and Values cases of dotnet/runtime's src/libraries/Common/tests/System/Collections/DebugView.Tests.cs
/// (MIT license, .NET Foundation; cases read at commit 0111ebf66293203263a690920a665c3996f5a430), rewritten for xunit.v3
/// without the runtime's DebuggerAttributes helper: instead of evaluating the debugger's expressions, they check the
/// attributes' text (Dictionary's own: "Count = {Count}", items shown as "[{Key}]" = "{Value}") and the items the type
/// proxy hands the debugger.
/// </summary>
public abstract class DebugViewSuite : TestBase
{
    private IDictionary<int, string> Filled(int count)
    {
        IDictionary<int, string> dictionary = NewDictionary<int, string>();
        for (int i = 1; i <= count; i++)
        {
            dictionary.Add(i, i.ToString());
        }

        return dictionary;
    }

    /// <summary>The type proxy of <paramref name="instance"/>, built over it, and its one root-hidden property's array.</summary>
    private static (object Proxy, Array Items) Proxy(object instance)
    {
        DebuggerTypeProxyAttribute? attribute = instance.GetType().GetCustomAttribute<DebuggerTypeProxyAttribute>();
        Assert.NotNull(attribute);
        Type proxyType = ProxyType(instance, attribute);
        object proxy = Activator.CreateInstance(proxyType, instance)!;
        PropertyInfo items = Assert.Single(
            proxyType.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance),
            p => p.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State == DebuggerBrowsableState.RootHidden);
        return (proxy, (Array)items.GetValue(proxy)!);
    }

    private static Type ProxyType(object instance, DebuggerTypeProxyAttribute attribute)
    {
        Type proxyType = Type.GetType(attribute.ProxyTypeName, throwOnError: true)!;
        return proxyType.IsGenericTypeDefinition
            ? proxyType.MakeGenericType(instance.GetType().GetGenericArguments())
            : proxyType;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void TestDebuggerAttributes_Dictionary(int count)
    {
        IDictionary<int, string> dictionary = Filled(count);
        Assert.Equal("Count = {Count}", dictionary.GetType().GetCustomAttribute<DebuggerDisplayAttribute>()?.Value);

        (_, Array items) = Proxy(dictionary);
        var shown = new List<KeyValuePair<int, string>>();
        foreach (object item in items)
        {
            DebuggerDisplayAttribute? display = item.GetType().GetCustomAttribute<DebuggerDisplayAttribute>();
            Assert.NotNull(display);
            Assert.Equal("{Value}", display.Value);
            Assert.Equal("[{Key}]", display.Name);
            shown.Add(new((int)item.GetType().GetProperty("Key")!.GetValue(item)!, (string)item.GetType().GetProperty("Value")!.GetValue(item)!));
        }

        Assert.Equal(dictionary, shown);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void TestDebuggerAttributes_List_Keys(int count)
    {
        ICollection<int> keys = Filled(count).Keys;
        Assert.Equal("Count = {Count}", keys.GetType().GetCustomAttribute<DebuggerDisplayAttribute>()?.Value);
        Assert.Equal(keys, Proxy(keys).Items.Cast<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void TestDebuggerAttributes_List_Values(int count)
    {
        ICollection<string> values = Filled(count).Values;
        Assert.Equal("Count = {Count}", values.GetType().GetCustomAttribute<DebuggerDisplayAttribute>()?.Value);
        Assert.Equal(values, Proxy(values).Items.Cast<string>());
    }

    [Fact]
    public void TestDebuggerAttributes_Null()
    {
        IDictionary<int, string> dictionary = Filled(1);
        foreach (IEnumerable instance in new IEnumerable[] { dictionary, dictionary.Keys, dictionary.Values })
        {
            DebuggerTypeProxyAttribute? attribute = instance.GetType().GetCustomAttribute<DebuggerTypeProxyAttribute>();
            Assert.NotNull(attribute);
            Type proxyType = ProxyType(instance, attribute);
            TargetInvocationException thrown = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(proxyType, (object?)null));
            Assert.IsType<ArgumentNullException>(thrown.InnerException);
        }
    }
}
