namespace MapGuard.Bounded.Policies;

/// <summary>
/// The hashes of the last few keys that left one region of W-TinyLFU (ARC's "ghost" list, keys only, no values): a
/// miss on a key found here would have been a hit had that region been that much larger. Not thread-safe: the map's
/// lock guards it.
/// </summary>
internal sealed class GhostRing
{
    private const int InitialLength = 16;

    private readonly int _length;
    private readonly Dictionary<uint, long> _lastExit = []; // hash -> number of its latest exit still in the ring
    private long[] _ring; // hash of each of the last exits, or -1 for an exit that is not recorded
    private long _exits;

    public GhostRing(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _length = length;
        _ring = new long[Math.Min(length, InitialLength)]; // grows with the exits, so a huge, empty cache costs nothing
    }

    /// <summary>Records one exit from the region: <paramref name="hash"/>'s key, or, when null, a key kept elsewhere.</summary>
    public void Add(uint? hash)
    {
        if (_exits == _ring.Length && _ring.Length < _length)
        {
            // Before the first wrap exit n sits in slot n, so a bigger copy keeps every slot where it was.
            Array.Resize(ref _ring, (int)Math.Min(_length, 2L * _ring.Length));
        }

        int slot = (int)(_exits % _ring.Length);
        long old = _ring[slot];
        if (_exits >= _ring.Length && old >= 0 && _lastExit.TryGetValue((uint)old, out long exit) && exit == _exits - _ring.Length)
        {
            _lastExit.Remove((uint)old);
        }

        _ring[slot] = hash.HasValue ? hash.Value : -1;
        if (hash is { } recorded)
        {
            _lastExit[recorded] = _exits;
        }

        _exits++;
    }

    /// <summary>Whether <paramref name="hash"/>'s key was among the last exits.</summary>
    public bool Contains(uint hash) => _lastExit.ContainsKey(hash);

    /// <summary>Forgets every exit.</summary>
    public void Clear()
    {
        _ring = new long[Math.Min(_length, InitialLength)];
        _lastExit.Clear();
        _exits = 0;
    }
}
