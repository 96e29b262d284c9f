using System.Security.Claims;
using Auction.Gateway.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auction.Gateway.Tests.Auth;

/// <summary>
/// The gateway's memory of validated tokens (<see cref="ValidatedTokenCache"/> behind <see cref="CachingTokenHandler"/>),
/// with the real token handler underneath and real HS256 tokens: what is answered from memory, and what never is.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly JwtSettings Settings = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();

    private CachingTokenHandler Handler(int capacity = 100, TimeSpan? lifetime = null) =>
        new(_inner, new ValidatedTokenCache(capacity, lifetime ?? TimeSpan.FromMinutes(1)), _time);

    [Fact]
    public async Task A_valid_token_is_validated_once_and_then_answered_from_memory_with_its_own_identity()
    {
        var handler = Handler();
        var token = Token("bidder-1", TimeSpan.FromHours(1));

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Validations);
        Assert.Equal("bidder-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(Claims(first.ClaimsIdentity), Claims(second.ClaimsIdentity));
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal(first.SecurityToken.ValidTo, second.SecurityToken.ValidTo);

        // A claim one request adds to its identity does not reach the next request's.
        second.ClaimsIdentity.AddClaim(new Claim("role", "regulator"));
        var third = await handler.ValidateTokenAsync(token, Parameters());
        Assert.DoesNotContain(third.ClaimsIdentity.Claims, c => c is { Type: "role", Value: "regulator" });
    }

    [Fact]
    public async Task A_token_that_fails_validation_is_never_remembered()
    {
        var handler = Handler();
        var forged = Token("intruder", TimeSpan.FromHours(1), new SymmetricSecurityKey(new byte[32]));
        var expired = Token("late", TimeSpan.FromHours(-1));

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);
            Assert.False((await handler.ValidateTokenAsync(expired, Parameters())).IsValid);
        }
        Assert.Equal(6, _inner.Validations);
    }

    [Fact]
    public async Task A_remembered_token_is_validated_again_once_the_cache_lifetime_has_passed()
    {
        var handler = Handler(lifetime: TimeSpan.FromMinutes(1));
        var token = Token("bidder-1", TimeSpan.FromHours(1));
        await handler.ValidateTokenAsync(token, Parameters());

        _time.Advance(TimeSpan.FromSeconds(59));
        await handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Validations);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _inner.Validations);
    }

    [Fact]
    public async Task A_token_is_never_answered_from_memory_past_its_own_expiry()
    {
        // The token expires long before the cache lifetime would end.
        var handler = Handler(lifetime: TimeSpan.FromHours(1));
        var token = Token("bidder-1", TimeSpan.FromSeconds(30));
        await handler.ValidateTokenAsync(token, Parameters());
        await handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Validations);

        _time.Advance(TimeSpan.FromSeconds(31));
        await handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(2, _inner.Validations);
    }

    [Fact]
    public async Task When_full_new_tokens_are_validated_without_being_kept_until_expired_ones_make_room()
    {
        var cache = new ValidatedTokenCache(2, TimeSpan.FromMinutes(1));
        var handler = new CachingTokenHandler(_inner, cache, _time);
        var (a, b, c) = (Token("a", TimeSpan.FromHours(1)), Token("b", TimeSpan.FromHours(1)), Token("c", TimeSpan.FromHours(1)));
        foreach (var token in new[] { a, b, c, c }) Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(4, _inner.Validations); // c was not kept
        Assert.Equal(2, cache.Count);

        _time.Advance(TimeSpan.FromMinutes(2)); // a and b are past the cache lifetime
        await handler.ValidateTokenAsync(c, Parameters());
        await handler.ValidateTokenAsync(c, Parameters());
        Assert.Equal(5, _inner.Validations);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_token_longer_than_the_limit_is_validated_every_time_and_never_kept()
    {
        var cache = new ValidatedTokenCache(100, TimeSpan.FromMinutes(1));
        var handler = new CachingTokenHandler(_inner, cache, _time);
        var huge = Token(new string('x', ValidatedTokenCache.MaxTokenLength), TimeSpan.FromHours(1));
        Assert.True(huge.Length > ValidatedTokenCache.MaxTokenLength);

        Assert.True((await handler.ValidateTokenAsync(huge, Parameters())).IsValid);
        Assert.True((await handler.ValidateTokenAsync(huge, Parameters())).IsValid);
        Assert.Equal(2, _inner.Validations);
        Assert.Equal(0, cache.Count);
    }

    private static string[] Claims(ClaimsIdentity identity) => [.. identity.Claims.Select(c => $"{c.Type}={c.Value}").Order(StringComparer.Ordinal)];

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = Settings.Issuer,
        ValidAudience = Settings.Audience,
        IssuerSigningKey = Settings.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
    };

    private static string Token(string subject, TimeSpan expiresIn, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + expiresIn;
        var notBefore = expires < now ? expires.AddHours(-1) : now.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = "bidder", ["name"] = subject },
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? Settings.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The real handler, counting how often it is asked.</summary>
    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _real = new() { MapInboundClaims = false };
        private int _validations;

        public int Validations => _validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _validations);
            return _real.ValidateTokenAsync(token, validationParameters);
        }

        public override SecurityToken ReadToken(string token) => _real.ReadToken(token);
    }
}
