using MapGuard.Redis.Serialization;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>The built-in serializers round-trip edge values and are canonical (equal values give equal bytes).</summary>
public sealed class SerializerTests
{
    private static readonly RedisMapOptions s_options = new() { Json = TestJsonContext.Default.Options };

    [Fact]
    public void Integers_RoundTripTheirExtremes()
    {
        RoundTrip(long.MinValue, long.MaxValue, 0L, -1L);
        RoundTrip(int.MinValue, int.MaxValue);
        RoundTrip(short.MinValue, short.MaxValue);
        RoundTrip(sbyte.MinValue, sbyte.MaxValue);
        RoundTrip(byte.MinValue, byte.MaxValue);
        RoundTrip(ushort.MinValue, ushort.MaxValue);
        RoundTrip(uint.MinValue, uint.MaxValue);
        RoundTrip(ulong.MinValue, ulong.MaxValue);
        RoundTrip(char.MinValue, 'é', char.MaxValue);
        RoundTrip(true, false);
    }

    [Fact]
    public void Doubles_RoundTripAndAreCanonical()
    {
        RoundTrip(0.1, double.Epsilon, double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300);
        RoundTrip(0.1f, float.MaxValue, float.Epsilon, float.NaN);

        IMapSerializer<double> doubles = s_options.SerializerFor<double>();
        Assert.Equal((byte[]?)doubles.Serialize(0.0), (byte[]?)doubles.Serialize(-0.0)); // Equals(0.0, -0.0) is true, so one key
        Assert.Equal((byte[]?)doubles.Serialize(double.NaN), (byte[]?)doubles.Serialize(BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001UL))));
    }

    [Fact]
    public void Strings_KeepNullAndEmptyApart_AndRoundTripUnicode()
    {
        RoundTrip<string?>(null, string.Empty, "plain", "naïve – 日本語 🎉", "\uFFFF");
        IMapSerializer<string?> strings = s_options.SerializerFor<string?>();
        Assert.NotEqual(strings.Serialize(null), strings.Serialize(string.Empty));
    }

    [Fact]
    public void Strings_WithAnUnpairedSurrogate_AreRefused()
    {
        IMapSerializer<string> strings = s_options.SerializerFor<string>();
        Assert.Throws<ArgumentException>(() => strings.Serialize("a\uD800b"));
        Assert.Throws<ArgumentException>(() => strings.Serialize("\uDC00"));
    }

    [Fact]
    public void GuidsAndByteArrays_RoundTrip_AndNullArraysAreRefused()
    {
        RoundTrip(Guid.Empty, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
        IMapSerializer<byte[]> bytes = s_options.SerializerFor<byte[]>();
        Assert.Equal(new byte[] { 0, 255, 7 }, bytes.Deserialize(bytes.Serialize([0, 255, 7])));
        Assert.Empty(bytes.Deserialize(bytes.Serialize([])));
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => bytes.Serialize(null!)).ParamName);
    }

    [Fact]
    public void Records_GoThroughTheSourceGeneratedJsonContext()
    {
        RoundTrip(new Order("A-1", 3, 9.99m));
        Assert.IsType<JsonMapSerializer<Order>>(s_options.SerializerFor<Order>());
    }

    [Fact]
    public void AnAddedSerializer_WinsOverTheBuiltInOne()
    {
        var options = new RedisMapOptions().AddSerializer(new HexInt32Serializer());
        Assert.IsType<HexInt32Serializer>(options.SerializerFor<int>());
        Assert.Equal("ff", (string?)options.SerializerFor<int>().Serialize(255));
    }

    [Fact]
    public void ATypeNoSerializerCovers_IsRefusedWithAMessageSayingWhatToDo()
    {
        var error = Assert.Throws<NotSupportedException>(() => new RedisMapOptions().SerializerFor<Order>());
        Assert.Contains("AddSerializer", error.Message, StringComparison.Ordinal);
        Assert.Contains("JsonSerializerContext", error.Message, StringComparison.Ordinal);
    }

    private static void RoundTrip<T>(params T[] values)
    {
        IMapSerializer<T> serializer = s_options.SerializerFor<T>();
        foreach (T value in values)
        {
            RedisValue stored = serializer.Serialize(value);
            Assert.False(stored.IsNull);
            Assert.Equal(value, serializer.Deserialize(stored));
        }
    }

    private sealed class HexInt32Serializer : IMapSerializer<int>
    {
        public RedisValue Serialize(int value) => value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

        public int Deserialize(RedisValue stored) => int.Parse((string)stored!, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }
}
