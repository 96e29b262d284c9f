using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Auth;

/// <summary>
/// A short memory of bearer tokens that passed validation, so a bidder's tenth bid in a minute does not parse, verify and
/// turn into claims the same token again (in S3R, validating took about a seventh of the gateway's CPU per bid).
/// <para>
/// Only valid tokens are kept, each until the earlier of its own expiry (without clock skew) and <see cref="Lifetime"/>
/// after it was validated, so a key the identity provider withdraws stops working within that lifetime. The key is the
/// whole token string (no hash that could collide); tokens longer than <see cref="MaxTokenLength"/> are not kept. At most
/// <see cref="Capacity"/> tokens are held: when full, expired
/// ones are dropped (at most once a second) and new tokens are validated without being kept.
/// </para>
/// </summary>
public sealed class ValidatedTokenCache(int capacity, TimeSpan lifetime)
{
    /// <summary>Longer tokens are validated every time, never kept: bounds the memory to capacity × this many characters.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    public int Capacity { get; } = capacity;
    public TimeSpan Lifetime { get; } = lifetime;
    public int Count => _entries.Count;

    /// <summary>A copy of the result <paramref name="token"/> had when it was validated, while that is still good at <paramref name="now"/>.</summary>
    public TokenValidationResult? Find(string token, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(token, out var entry)) return null;
        if (now < entry.Until) return entry.Copy();
        _entries.TryRemove(KeyValuePair.Create(token, entry));
        return null;
    }

    /// <summary>Keeps a successful <paramref name="result"/> of validating <paramref name="token"/> at <paramref name="now"/>.</summary>
    public void Keep(string token, TokenValidationResult result, DateTimeOffset now)
    {
        if (token.Length > MaxTokenLength || !result.IsValid || result.SecurityToken is not { } securityToken || result.ClaimsIdentity is not { } identity) return;
        var until = now + Lifetime;
        // ValidTo is DateTime.MinValue when a token has no exp (validation refuses those: RequireExpirationTime).
        if (securityToken.ValidTo != DateTime.MinValue)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc));
            if (expires < until) until = expires;
        }
        if (until <= now) return;
        if (_entries.Count >= Capacity && !Sweep(now)) return;
        _entries[token] = new Entry(securityToken, identity.Clone(), result.Issuer, result.TokenType, until);
    }

    /// <summary>Drops expired entries, at most once a second; whether there is room afterwards.</summary>
    private bool Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last >= TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) == last)
            foreach (var (token, entry) in _entries)
                if (now >= entry.Until) _entries.TryRemove(KeyValuePair.Create(token, entry));
        return _entries.Count < Capacity;
    }

    /// <summary>What validation found; every hit gets its own identity, so nothing one request does to it reaches another.</summary>
    private sealed record Entry(SecurityToken Token, System.Security.Claims.ClaimsIdentity Identity, string Issuer, string TokenType, DateTimeOffset Until)
    {
        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity.Clone(),
            Issuer = Issuer,
            TokenType = TokenType,
        };
    }
}

/// <summary>
/// JwtBearer's token handler with <see cref="ValidatedTokenCache"/> in front: a token seen valid recently is answered
/// from the cache, anything else goes to the real handler (and is kept when it passes). Its clock is the one the real
/// handler checks lifetimes with (the system's), not the auction clock.
/// </summary>
public sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache, TimeProvider? time = null) : TokenHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (cache.Find(token, _time.GetUtcNow()) is { } known) return known;
        var result = await inner.ValidateTokenAsync(token, validationParameters);
        cache.Keep(token, result, _time.GetUtcNow());
        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);
}
