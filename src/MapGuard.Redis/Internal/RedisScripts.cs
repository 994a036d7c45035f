namespace MapGuard.Redis.Internal;

/// <summary>
/// The Lua scripts behind the compare-and-act operations. Each touches only <c>KEYS[1]</c>, the map's hash, so it runs
/// in one cluster slot; the server runs a script as one step (Redis always; Garnet with <c>--lua-transaction-mode</c>,
/// which locks the script's keys for its duration). <c>ARGV[1]</c> is always the field (the serialized key).
/// </summary>
internal static class RedisScripts
{
    /// <summary>Removes the field and returns its old value, or nil when it was absent.</summary>
    public const string TryRemove =
        "local v = redis.call('HGET', KEYS[1], ARGV[1]) " +
        "if v then redis.call('HDEL', KEYS[1], ARGV[1]) end " +
        "return v";

    /// <summary>Sets the field to <c>ARGV[3]</c> only if it holds exactly the bytes <c>ARGV[2]</c>; returns 1 if it did, else 0.</summary>
    public const string CompareAndSet =
        "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then " +
        "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1 end " +
        "return 0";

    /// <summary>Adds the field with <c>ARGV[2]</c> if absent and returns nil; otherwise returns the stored value.</summary>
    public const string GetOrAdd =
        "if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return false end " +
        "return redis.call('HGET', KEYS[1], ARGV[1])";
}
