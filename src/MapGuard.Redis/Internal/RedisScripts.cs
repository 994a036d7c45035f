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

    /// <summary>
    /// The bounded add (<c>IAsyncCounterMap.AddWithinAsync</c>). <c>ARGV[2]</c> is the delta, <c>ARGV[3]</c> and
    /// <c>ARGV[4]</c> the bounds, <c>ARGV[5]</c> <c>1</c> to create a missing field with the delta, <c>ARGV[6]</c> and
    /// <c>ARGV[7]</c> the value type's range (a stored value outside it is not a value of the type). Returns
    /// <c>{1, new}</c> when applied, <c>{0, current}</c> when the result would leave the bounds, <c>{-1}</c> when the field
    /// is missing (and not created), <c>{-2}</c> when the stored value is not a canonical integer within the type's range.
    /// </summary>
    /// <remarks>
    /// Canonical means what RedisMap writes: <c>0</c>, or an optional <c>-</c> and a digit 1-9 followed by digits, at most
    /// 16 digits. Lua compares in doubles (Redis) or integers (Garnet's Lua 5.4), exact for magnitudes up to 2^53 − 1;
    /// the write is <c>HINCRBY</c>, the server's own 64-bit add, so the stored result is canonical decimal text.
    /// </remarks>
    public const string AddWithin =
        "local v = redis.call('HGET', KEYS[1], ARGV[1]) " +
        "local d = tonumber(ARGV[2]) " +
        "if not v then " +
        "  if ARGV[5] ~= '1' then return {-1} end " +
        "  if d < tonumber(ARGV[3]) or d > tonumber(ARGV[4]) then return {0, 0} end " +
        "  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return {1, d} end " +
        "if not (v == '0' or (string.len(v) <= 17 and string.match(v, '^%-?[1-9]%d*$'))) then return {-2} end " +
        "local n = tonumber(v) " +
        "if n > tonumber(ARGV[7]) or n < tonumber(ARGV[6]) then return {-2} end " +
        "local r = n + d " +
        "if r < tonumber(ARGV[3]) or r > tonumber(ARGV[4]) then return {0, n} end " +
        "return {1, redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])}";
}
