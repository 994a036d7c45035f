using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

using MapGuard.Telemetry;

namespace MapGuard.Internal;

/// <summary>
/// How a map hashes and compares its keys: the one place for seeded hashing, the value-type fast path and the
/// null-key check that every hashing map needs.
/// </summary>
/// <remarks>
/// <para>Every instance draws its own increment (and chunk multipliers) from <see cref="RandomNumberGenerator"/>; the
/// multiplier is drawn once per process and key type (<see cref="SpreadingMultiplier"/>). None is exposed. Keys whose
/// default hash code throws bits away (<c>long.GetHashCode()</c> is <c>(int)(v ^ (v &gt;&gt; 32))</c>, so every
/// <c>(x &lt;&lt; 32) | x</c> hashes to 0) are hashed over their whole width instead (<see cref="KeyHashKind"/>):</para>
/// <list type="bullet">
/// <item>32-bit keys: <c>(a·x + b) &gt;&gt; 32</c> in 64-bit arithmetic with random <c>a</c>, <c>b</c>, the
/// multiply-add-shift scheme, which is strongly universal (Dietzfelbinger 1996).</item>
/// <item>64-bit keys: the same over all 64 bits with <c>a</c> odd, the multiply-shift scheme: any two distinct keys
/// collide in the top 32 bits with probability at most 2/2^32 (Dietzfelbinger, Hagerup, Katajainen and Penttonen
/// 1997). One multiply.</item>
/// <item>Guids and padding-free tuples: <c>(b + Σ aᵢ·xᵢ) &gt;&gt; 32</c> over their 32-bit chunks, the vector form of
/// multiply-add-shift (Thorup, "High Speed Hashing for Integers and Strings", 2015).</item>
/// </list>
/// <para>The multiplier of the first two is drawn uniformly among the odd numbers that spread sequential keys
/// (<see cref="SpreadingMultiplier"/>), about one in 290, which loosens those bounds by about that factor.</para>
/// <para>Any other hash (strings, custom comparers, other key types) passes through the 32-bit form, so every map
/// instance orders its keys differently; that cannot undo collisions in the hash itself. Strings under the default
/// comparer or a <see cref="StringComparer"/> preset are safe because the runtime randomizes their hash (Marvin,
/// seeded per process). What remains unprotected is watched by <see cref="HashFloodMonitor"/>.</para>
/// <para>Strings compared ordinally (the default comparer or <see cref="StringComparer.Ordinal"/>) can instead start
/// on <see cref="FastStringHash"/>, which is not randomized: a map that asks for it through
/// <see cref="Hash(TKey, bool)"/> must watch its probes and rebuild itself on the randomized hash when they meet more
/// keys of one full hash than chance allows (<see cref="StartsOnFastHash"/>). <see cref="Hash(TKey)"/> always gives the
/// randomized hash, for structures that cannot rebuild.</para>
/// </remarks>
internal readonly struct KeyComparer<TKey>
    where TKey : notnull
{
    // Null when TKey is a value type compared by its default equality: EqualityComparer<TKey>.Default is then called
    // directly, which the JIT devirtualises and inlines; through an interface field it could not.
    private readonly IEqualityComparer<TKey>? _comparer;

    // Odd, as multiply-shift needs. Drawn once per process and key type: finding one takes a few hundred candidate
    // words (SpreadingMultiplier).
    private static readonly ulong s_multiplier = SpreadingMultiplier();

    // s_multiplier, copied: code shared across reference-type keys reaches a static of a generic type through a runtime
    // lookup, an instance field with one load.
    private readonly ulong _multiplier;
    private readonly ulong _increment;
    private readonly ulong[]? _chunkMultipliers; // one per 32-bit chunk, for KeyHashKind.Chunks keys only

    // True for string keys compared ordinally: Hash(key, randomized: false) may use FastStringHash, and KeysEqual calls
    // string.Equals directly instead of through the comparer interface. Read through IsOrdinalString.
    private readonly bool _ordinalStrings;

    /// <summary>Creates the hashing for <paramref name="comparer"/>, with a fresh seed.</summary>
    /// <param name="comparer">The user's comparer, or null for the default.</param>
    public KeyComparer(IEqualityComparer<TKey>? comparer)
    {
        _comparer = typeof(TKey).IsValueType && (comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default))
            ? null
            : comparer ?? EqualityComparer<TKey>.Default;

        _ordinalStrings = typeof(TKey) == typeof(string) &&
            (comparer is null || ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal));

        _multiplier = s_multiplier;
        _increment = RandomWord();
        if (_comparer is null && KeyHashing<TKey>.Kind == KeyHashKind.Chunks)
        {
            _chunkMultipliers = new ulong[KeyHashing<TKey>.Chunks];
            RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(_chunkMultipliers.AsSpan()));
        }
    }

    /// <summary>The user's comparer, or <see cref="EqualityComparer{T}.Default"/>: what a map's <c>Comparer</c> reports.</summary>
    public IEqualityComparer<TKey> Comparer => _comparer ?? EqualityComparer<TKey>.Default;

    /// <summary>Whether chosen keys cannot collide (beyond chance) under this comparer: see <see cref="KeyHashKind"/>.</summary>
    public bool IsProtected => IsProtectedComparer(_comparer);

    /// <summary>
    /// Whether <see cref="Hash(TKey, bool)"/> with <c>randomized: false</c> gives a non-randomized hash, which a map
    /// may use only while it watches for floods and can rebuild on the randomized one.
    /// </summary>
    public bool StartsOnFastHash => IsOrdinalString;

    /// <summary>
    /// Whether <see cref="Hash(TKey, bool)"/> with <c>randomized: false</c> gives the key's own low 32 bits: 32- and
    /// 64-bit integer keys under their default equality. A map may place keys by those bits (sequential IDs then take
    /// consecutive slots, with no collisions) only while it watches its probe lengths and can rebuild on the seeded
    /// hash, since anyone can choose integers that share low bits.
    /// </summary>
    public bool PlacesByIdentity => IsIntegerKey && _comparer is null;

    /// <summary>
    /// Whether a map that can rebuild on another hash starts on a fast one it must watch: the unseeded string hash
    /// (<see cref="StartsOnFastHash"/>), or integer keys placed by their own bits (<see cref="PlacesByIdentity"/>).
    /// Its first tables are then not randomized, and it moves to <c>Hash(key, randomized: true)</c> for good when a
    /// probe shows that the fast hash does not spread its keys.
    /// </summary>
    public bool StartsFast => StartsOnFastHash || PlacesByIdentity;

    /// <summary>Whether the key type is a 32- or 64-bit integer (folded by the JIT): the keys identity placement is for.</summary>
    public static bool IsIntegerKey
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(TKey) == typeof(long) || typeof(TKey) == typeof(ulong) || typeof(TKey) == typeof(int) || typeof(TKey) == typeof(uint);
    }

    // A string key compared ordinally. Tested as !IsValueType, which the JIT folds in every instantiation, rather than
    // typeof(TKey) == typeof(string), which code shared by reference-type keys evaluates with a runtime type lookup on
    // every call; _ordinalStrings is true only for string keys.
    private bool IsOrdinalString
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => !typeof(TKey).IsValueType && _ordinalStrings;
    }

    /// <summary>
    /// Whether hashing and comparing need no call through a comparer: any reference type (whose call cannot be
    /// avoided anyway), or a value type under its default equality. A map's inlined fast path leaves the other case,
    /// a value type with a user comparer, to its out-of-line path, so it needs no registers saved across a call.
    /// </summary>
    public bool InlinesEquality => !typeof(TKey).IsValueType || _comparer is null;

    /// <summary>The key's seeded hash, randomized for strings: for structures that cannot rebuild on another hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Hash(TKey key) => Hash(key, randomized: true);

    /// <summary>
    /// The key's seeded hash. With <paramref name="randomized"/> false and <see cref="StartsOnFastHash"/> true, it
    /// starts from <see cref="FastStringHash"/> instead of the runtime's randomized string hash; with
    /// <paramref name="randomized"/> false and <see cref="PlacesByIdentity"/> true, it is the key's low 32 bits,
    /// unmixed. Every other key ignores <paramref name="randomized"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Hash(TKey key, bool randomized)
    {
        if (IsOrdinalString)
        {
            string text = Unsafe.As<TKey, string>(ref key);
            return Mix(randomized ? (uint)text.GetHashCode() : FastStringHash.Of(text));
        }

        if (IsIntegerKey && !randomized && _comparer is null)
        {
            return LowBits(key);
        }

        return typeof(TKey).IsValueType && _comparer is null ? HashValue(key) : Mix((uint)_comparer!.GetHashCode(key));
    }

    /// <summary>
    /// <see cref="Hash(TKey, bool)"/> for a caller that has checked <see cref="InlinesEquality"/>: a value type skips
    /// the comparer check, so the inlined code holds no call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint HashInline(TKey key, bool randomized)
    {
        Debug.Assert(InlinesEquality, "HashInline needs InlinesEquality");
        if (IsIntegerKey && !randomized)
        {
            return LowBits(key);
        }

        return typeof(TKey).IsValueType ? HashValue(key) : Hash(key, randomized);
    }

    // The low 32 bits of an integer key (IsIntegerKey): its identity hash.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LowBits(TKey key) =>
        typeof(TKey) == typeof(long) || typeof(TKey) == typeof(ulong) ? (uint)Unsafe.As<TKey, ulong>(ref key) : Unsafe.As<TKey, uint>(ref key);

    /// <summary><see cref="KeysEqual"/> for a caller that has checked <see cref="InlinesEquality"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool KeysEqualInline(TKey stored, TKey key)
    {
        Debug.Assert(InlinesEquality, "KeysEqualInline needs InlinesEquality");
        return typeof(TKey).IsValueType ? EqualityComparer<TKey>.Default.Equals(stored, key) : KeysEqual(stored, key);
    }

    // The hash of a value type under its default equality.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashValue(TKey key)
    {
        if (typeof(TKey) == typeof(long) || typeof(TKey) == typeof(ulong))
        {
            return Mix(Unsafe.As<TKey, ulong>(ref key));
        }

        if (typeof(TKey) == typeof(nint) || typeof(TKey) == typeof(nuint))
        {
            return Mix((ulong)Unsafe.As<TKey, nuint>(ref key));
        }

        if (typeof(TKey) == typeof(int) || typeof(TKey) == typeof(uint))
        {
            return Mix(Unsafe.As<TKey, uint>(ref key));
        }

        if (KeyHashing<TKey>.Kind == KeyHashKind.Chunks)
        {
            return HashChunks(ref key);
        }

        return Mix((uint)EqualityComparer<TKey>.Default.GetHashCode(key));
    }

    /// <summary>Whether a stored key and a looked-up key are the same key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool KeysEqual(TKey stored, TKey key)
    {
        if (IsOrdinalString)
        {
            return string.Equals(Unsafe.As<TKey, string>(ref stored), Unsafe.As<TKey, string>(ref key), StringComparison.Ordinal);
        }

        return typeof(TKey).IsValueType && _comparer is null
            ? EqualityComparer<TKey>.Default.Equals(stored, key)
            : _comparer!.Equals(stored, key);
    }

    /// <summary>
    /// The comparer an alternate lookup by <typeparamref name="TAlternate"/> uses, or null when the map's comparer does
    /// not implement <see cref="IAlternateEqualityComparer{TAlternate, TKey}"/>. A value type under its default equality
    /// never qualifies: its keys are hashed by their bits (<see cref="KeyHashKind"/>), which no alternate key can match.
    /// </summary>
    public IAlternateEqualityComparer<TAlternate, TKey>? AlternateComparer<TAlternate>()
        where TAlternate : notnull, allows ref struct =>
        _comparer as IAlternateEqualityComparer<TAlternate, TKey>;

    /// <summary>
    /// The twin of <see cref="Hash(TKey, bool)"/> for an alternate key: equal to the hash of the key
    /// <paramref name="comparer"/> would create from <paramref name="key"/>, in both hash modes. A
    /// <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> under an ordinal string comparer hashes its characters as the
    /// string would (<see cref="FastStringHash"/>, or <see cref="string.GetHashCode(ReadOnlySpan{char})"/>, which is the
    /// randomized hash of a string of the same characters); any other alternate key uses the comparer's own hash,
    /// which <see cref="IAlternateEqualityComparer{TAlternate, TOther}"/> promises matches the created key's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint HashAlternate<TAlternate>(TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer, bool randomized)
        where TAlternate : notnull, allows ref struct
    {
        if (typeof(TAlternate) == typeof(ReadOnlySpan<char>) && IsOrdinalString)
        {
            ReadOnlySpan<char> text = Unsafe.As<TAlternate, ReadOnlySpan<char>>(ref key);
            return Mix(randomized ? (uint)string.GetHashCode(text) : FastStringHash.Of(text));
        }

        return Mix((uint)comparer.GetHashCode(key));
    }

    /// <summary>Whether a stored key and an alternate key are the same key: the twin of <see cref="KeysEqual"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool KeysEqualAlternate<TAlternate>(TKey stored, TAlternate key, IAlternateEqualityComparer<TAlternate, TKey> comparer)
        where TAlternate : notnull, allows ref struct
    {
        if (typeof(TAlternate) == typeof(ReadOnlySpan<char>) && IsOrdinalString)
        {
            return Unsafe.As<TKey, string>(ref stored).AsSpan().SequenceEqual(Unsafe.As<TAlternate, ReadOnlySpan<char>>(ref key));
        }

        return comparer.Equals(key, stored);
    }

    /// <summary>Throws <see cref="ArgumentNullException"/> for parameter "key" when <paramref name="key"/> is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfNull(TKey key)
    {
        if (key is null)
        {
            Throw.ArgumentNull(nameof(key));
        }
    }

    /// <summary>
    /// The comparer a map built on a BCL collection should pass to it for the user's <paramref name="comparer"/>: a
    /// seeded one for protected value types, the user's own (or null) for randomized strings, and a watching wrapper
    /// (<see cref="CollisionWatchingComparer{TKey}"/>) for everything else.
    /// </summary>
    public static IEqualityComparer<TKey>? ForCollection(IEqualityComparer<TKey>? comparer, object map, MapLabel label)
    {
        var keys = new KeyComparer<TKey>(comparer);
        if (keys._comparer is null)
        {
            return KeyHashing<TKey>.Kind == KeyHashKind.Unprotected
                ? new CollisionWatchingComparer<TKey>(EqualityComparer<TKey>.Default, map, label)
                : new SeededKeyComparer<TKey>(keys);
        }

        return IsProtectedComparer(keys._comparer) ? comparer : new CollisionWatchingComparer<TKey>(keys._comparer, map, label);
    }

    private static bool IsProtectedComparer(IEqualityComparer<TKey>? comparer)
    {
        if (comparer is null)
        {
            return KeyHashing<TKey>.Kind != KeyHashKind.Unprotected;
        }

        // The runtime's string comparers all hash with Marvin under a per-process random seed.
        return typeof(TKey) == typeof(string) &&
            (ReferenceEquals(comparer, EqualityComparer<string>.Default) ||
             StringComparer.IsWellKnownOrdinalComparer(comparer as IEqualityComparer<string?>, out _) ||
             StringComparer.IsWellKnownCultureAwareComparer(comparer as IEqualityComparer<string?>, out _, out _));
    }

    /// <summary>
    /// A random odd multiplier that spreads arithmetic progressions, drawn uniformly among those that do. The home slots
    /// of sequential keys x are the top bits of x·a: the points x·α mod 1 for α = a/2^64, whose gaps are governed by the
    /// partial quotients of α's continued fraction (the three-distance theorem). One large quotient before the
    /// denominators reach 2^30 packs thousands of sequential IDs into a few runs of slots (about one multiplier in forty
    /// has a quotient above 1,000), and with quotients up to 24, one draw in ten still placed more of 30,000 sequential
    /// keys off their home slot in 65,536 slots than a random hash does (31% against 23%). So odd words are drawn until
    /// one has no quotient above <see cref="MaxPartialQuotient"/> (<see cref="SpreadsProgressions"/>): about one in 290,
    /// a few hundred draws, which is why a process draws once per key type. Uniform among the passing words, the draw
    /// loosens the bound on any two keys' collision probability by that factor (from 2^-31 to about 2^-23): the family
    /// stays universal, and the draw (about 55 bits) stays secret.
    /// </summary>
    internal static ulong SpreadingMultiplier()
    {
        Span<ulong> words = stackalloc ulong[64];
        while (true)
        {
            RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(words));
            foreach (ulong word in words)
            {
                if (SpreadsProgressions(word | 1))
                {
                    return word | 1;
                }
            }
        }
    }

    /// <summary>The largest continued-fraction partial quotient a <see cref="SpreadingMultiplier"/> has before its
    /// denominators reach 2^30.</summary>
    internal const int MaxPartialQuotient = 6;

    private const ulong MaxTableSlots = 1UL << 30;

    /// <summary>
    /// Whether every partial quotient of <paramref name="multiplier"/>/2^64 is at most <paramref name="maxQuotient"/>
    /// until the convergents' denominators reach 2^30, the most slots any table has: larger quotients only shape sets of
    /// more keys than a table holds (Euclid's algorithm on 2^64 and the multiplier).
    /// </summary>
    internal static bool SpreadsProgressions(ulong multiplier, int maxQuotient = MaxPartialQuotient)
    {
        UInt128 numerator = (UInt128)1 << 64;
        UInt128 denominator = multiplier;
        ulong previous = 0;
        ulong current = 1; // denominators of the last two convergents
        while (denominator != 0 && current < MaxTableSlots)
        {
            UInt128 quotient = numerator / denominator;
            if (quotient > (ulong)maxQuotient)
            {
                return false;
            }

            (numerator, denominator) = (denominator, numerator - (quotient * denominator));
            (previous, current) = (current, ((ulong)quotient * current) + previous);
        }

        return true;
    }

    private static ulong RandomWord()
    {
        Span<ulong> word = stackalloc ulong[1];
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(word));
        return word[0];
    }

    // 32-bit input: strongly universal multiply-add-shift. 64-bit input: multiply-shift with an odd multiplier.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Mix(ulong value) => (uint)(((value * _multiplier) + _increment) >> 32);

    // Vector multiply-add-shift: the increment plus each 32-bit chunk times its own random 64-bit multiplier, top 32
    // bits of the sum; strongly universal (Thorup, "High Speed Hashing for Integers and Strings", 2015).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashChunks(ref TKey key)
    {
        // INVARIANT: Chunks keys hold no references and no padding (KeyHashing), so their bytes are their value; the
        // constructor made one multiplier per chunk.
        ref uint chunk = ref Unsafe.As<TKey, uint>(ref key);
        ref ulong multiplier = ref MemoryMarshal.GetArrayDataReference(_chunkMultipliers!);
        if (KeyHashing<TKey>.Chunks == 4)
        {
            // 16-byte keys (Guid, pairs of longs) unrolled: four independent products, no loop and no bounds checks.
            ulong low = (chunk * multiplier) + (Unsafe.Add(ref chunk, 1) * Unsafe.Add(ref multiplier, 1));
            ulong high = (Unsafe.Add(ref chunk, 2) * Unsafe.Add(ref multiplier, 2)) + (Unsafe.Add(ref chunk, 3) * Unsafe.Add(ref multiplier, 3));
            return (uint)((_increment + low + high) >> 32);
        }

        ulong sum = _increment;
        for (int i = 0; i < KeyHashing<TKey>.Chunks; i++)
        {
            sum += Unsafe.Add(ref chunk, i) * Unsafe.Add(ref multiplier, i);
        }

        return (uint)(sum >> 32);
    }
}
