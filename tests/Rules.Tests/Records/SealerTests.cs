using System.Security.Cryptography;
using Auction.Silo.Sealing;

namespace Auction.Rules.Tests.Records;

/// <summary>
/// The sealing service (AES-256-GCM) behind every value kept secret at rest: the reserve now, tenders, one-time
/// quotes and the lottery secret later. Each value carries its key id and a fresh nonce and is bound to its context.
/// </summary>
public sealed class SealerTests
{
    private readonly Sealer _sealer = Sealer.Generated();

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("14500000")]
    [InlineData("987654.32")]
    [InlineData("79228162514264337593543950335")]
    public void An_amount_opens_to_itself_and_every_amount_has_the_same_ciphertext_length(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var sealedValue = _sealer.SealAmount("listing/L-1/reserve", amount);
        Assert.Equal(amount, _sealer.OpenAmount("listing/L-1/reserve", sealedValue));
        Assert.Equal(_sealer.SealAmount("listing/L-1/reserve", 1m).Ciphertext.Length, sealedValue.Ciphertext.Length);
        Assert.Equal((_sealer.KeyId, 12, 16), (sealedValue.KeyId, Convert.FromBase64String(sealedValue.Nonce).Length, Convert.FromBase64String(sealedValue.Tag).Length));
    }

    [Fact]
    public void Every_seal_has_a_fresh_nonce_and_the_key_id_is_the_start_of_the_keys_SHA256()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var sealer = new Sealer(key);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key))[..16], sealer.KeyId);
        var a = sealer.Seal("ctx", "secret"u8);
        var b = sealer.Seal("ctx", "secret"u8);
        Assert.NotEqual(a.Nonce, b.Nonce);
        Assert.NotEqual(a.Ciphertext, b.Ciphertext);
    }

    [Fact]
    public void A_value_does_not_open_in_another_context_or_once_altered()
    {
        var sealedValue = _sealer.SealAmount("listing/L-1/reserve", 1100m);
        Assert.Throws<SealingException>(() => _sealer.OpenAmount("listing/L-2/reserve", sealedValue));
        var ciphertext = Convert.FromBase64String(sealedValue.Ciphertext);
        ciphertext[0] ^= 1;
        Assert.Throws<SealingException>(() => _sealer.OpenAmount("listing/L-1/reserve", sealedValue with { Ciphertext = Convert.ToBase64String(ciphertext) }));
        Assert.Throws<SealingException>(() => _sealer.OpenAmount("listing/L-1/reserve", sealedValue with { Tag = Convert.ToBase64String(new byte[16]) }));
    }

    [Fact]
    public void After_a_rotation_the_retired_key_still_opens_and_an_unknown_key_is_named()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var old = new Sealer(oldKey);
        var sealedValue = old.SealAmount("ctx", 42.5m);

        var rotated = new Sealer(RandomNumberGenerator.GetBytes(32), [oldKey]);
        Assert.Equal(42.5m, rotated.OpenAmount("ctx", sealedValue));
        Assert.NotEqual(old.KeyId, rotated.SealAmount("ctx", 1m).KeyId);

        var error = Assert.Throws<SealingException>(() => Sealer.Generated().OpenAmount("ctx", sealedValue));
        Assert.Contains(old.KeyId, error.Message);
        Assert.Contains("RetiredKeys", error.Message);
    }
}
