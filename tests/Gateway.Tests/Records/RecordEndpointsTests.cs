using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auction.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Gateway.Tests.Records;

/// <summary>
/// Anchored records over HTTP (API.md "Records, receipts and limits"): the public checkpoint and keys, receipts
/// with the hash of their entry, verify with the signed head, and a damaged record shown up to its break.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RecordEndpointsTests(GatewayFactory factory)
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task The_latest_signed_head_and_the_keys_are_public_and_an_outsider_can_check_the_signature_from_the_JSON()
    {
        var listing = await _api.Publish(await _api.Centre());
        var checkpoint = await _api.Get($"/api/listings/{listing.Id}/checkpoint");
        Assert.Equal(["listingId", "seq", "headHash", "signedAt", "keyId", "signature"], checkpoint.EnumerateObject().Select(p => p.Name));
        Assert.Equal(listing.Id, checkpoint.GetProperty("listingId").GetString());
        Assert.Equal(listing.View.GetProperty("seq").GetInt64(), checkpoint.GetProperty("seq").GetInt64()); // signed at publication

        var keys = (await _api.Get("/api/checkpoint-keys")).EnumerateArray().ToArray();
        var key = Assert.Single(keys, k => k.GetProperty("keyId").GetString() == checkpoint.GetProperty("keyId").GetString());
        Assert.True(Verifies(checkpoint, key.GetProperty("publicKeyPem").GetString()!));

        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync("/api/listings/L0000000000000000/checkpoint"), HttpStatusCode.NotFound, "LISTING_NOT_FOUND");
    }

    [Fact]
    public async Task Bid_and_application_receipts_carry_seq_and_hash_of_the_entry_that_recorded_them_over_REST_and_the_hub()
    {
        var listing = await _api.Publish(await _api.Centre());
        var alpha = await _api.Bidder("alpha");
        var application = await _api.Apply(alpha, listing.Id);
        var credit = await ApiDriver.Expect(await _api.Credit(application.GetProperty("depositAccount").GetString()!, 100m), HttpStatusCode.OK);
        Assert.Equal("qualified", credit.GetProperty("status").GetString());
        factory.AdvanceTo(listing.StartsAt);
        var rest = await _api.Accepted(alpha, listing.Id, 1000m, "receipt-1");
        var replay = await _api.Accepted(alpha, listing.Id, 1000m, "receipt-1");
        Assert.Equal(rest.GetProperty("hash").GetString(), replay.GetProperty("hash").GetString());
        await using var hub = _api.Hub(alpha.Token);
        await hub.StartAsync();
        var viaHub = (await hub.InvokeAsync<JsonElement>("PlaceBid", listing.Id, 1010m, "receipt-2")).GetProperty("bid");

        var record = await Record(listing.Id);
        var events = record.GetProperty("events").EnumerateArray().ToArray();
        foreach (var receipt in new[] { rest, viaHub })
        {
            var entry = events[receipt.GetProperty("seq").GetInt64() - 1];
            Assert.Equal(("bidAccepted", entry.GetProperty("hash").GetString()), (entry.GetProperty("type").GetString(), receipt.GetProperty("hash").GetString()));
        }
        // The application receipt names its entry in the registration stream.
        var registration = record.GetProperty("registration").EnumerateArray().ToArray();
        var submitted = registration[application.GetProperty("seq").GetInt64() - 1];
        Assert.Equal(("applicationSubmitted", submitted.GetProperty("hash").GetString()), (submitted.GetProperty("type").GetString(), application.GetProperty("hash").GetString()));
    }

    [Fact]
    public async Task Verify_reports_the_signed_head_and_the_record_carries_what_an_offline_verification_needs()
    {
        var (listing, _) = await ClosedListing();
        var verify = await Verify(listing);
        var record = await Record(listing);
        var events = record.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(["valid", "events", "headHash", "signedSeq", "signatureValid"], verify.EnumerateObject().Select(p => p.Name));
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.True(verify.GetProperty("signatureValid").GetBoolean());
        Assert.Equal(events.Length, verify.GetProperty("signedSeq").GetInt64()); // the close was signed
        Assert.Equal(events[^1].GetProperty("hash").GetString(), verify.GetProperty("headHash").GetString());

        Assert.Equal(listing, record.GetProperty("listingId").GetString());
        var checkpoint = record.GetProperty("checkpoint");
        Assert.Equal(verify.GetProperty("headHash").GetString(), checkpoint.GetProperty("headHash").GetString());
        Assert.NotEmpty(record.GetProperty("registration").EnumerateArray());
        Assert.Equal(2, record.GetProperty("depositAccounts").GetArrayLength());
        Assert.All(record.GetProperty("depositAccounts").EnumerateArray(), a => Assert.Equal("accountClaimed", a.GetProperty("events")[0].GetProperty("type").GetString()));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("break").ValueKind);
        // The reserve's value is in the record, its sealed form in the event (what the chain covers).
        Assert.Equal(1050m, record.GetProperty("reservePrice").GetDecimal());
        var reserveSealed = events.Single(e => e.GetProperty("type").GetString() == "reserveSealed").GetProperty("data").GetString()!;
        Assert.DoesNotContain("1050", reserveSealed);
    }

    [Fact]
    public async Task A_damaged_journal_is_verified_as_broken_and_its_record_is_shown_up_to_the_break_instead_of_a_503()
    {
        var (listing, bidSeq) = await ClosedListing();
        factory.Store.TamperForTest($"listing/{listing}", bidSeq, e => e with { Data = e.Data.Replace("1000", "1001", StringComparison.Ordinal) });

        var verify = await Verify(listing);
        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(("chainBroken", bidSeq, $"listing/{listing}"),
            (verify.GetProperty("reason").GetString(), verify.GetProperty("brokenAtSeq").GetInt64(), verify.GetProperty("stream").GetString()));

        // A new activation finds the damage: commands and public views refuse, the regulator still sees the record.
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await ApiDriver.ExpectProblem(await _api.Anonymous.GetAsync($"/api/listings/{listing}"), HttpStatusCode.ServiceUnavailable, "JOURNAL_CORRUPTED");
        var record = await Record(listing);
        Assert.Equal(bidSeq - 1, record.GetProperty("events").GetArrayLength());
        var broken = record.GetProperty("break");
        Assert.Equal(("chainBroken", bidSeq), (broken.GetProperty("reason").GetString(), broken.GetProperty("seq").GetInt64()));
        Assert.Equal(listing, record.GetProperty("definition").GetProperty("listingId").GetString());
        await _api.Get($"/api/listings/{listing}/checkpoint"); // the public anchor is still served
    }

    /// <summary>Recomputes the signed text from the JSON fields, as an outsider would, and checks it with the PEM key.</summary>
    public static bool Verifies(JsonElement checkpoint, string publicKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        var text = string.Join('|', checkpoint.GetProperty("listingId").GetString(), checkpoint.GetProperty("seq").GetInt64(),
            checkpoint.GetProperty("headHash").GetString(), checkpoint.GetProperty("signedAt").GetString());
        return key.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(checkpoint.GetProperty("signature").GetString()!),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private async Task<JsonElement> Record(string listingId) =>
        await ApiDriver.Expect(await (await _api.Regulator()).Client.GetAsync($"/api/regulator/listings/{listingId}/record"), HttpStatusCode.OK);

    private async Task<JsonElement> Verify(string listingId) =>
        await ApiDriver.Expect(await (await _api.Regulator()).Client.GetAsync($"/api/regulator/listings/{listingId}/record/verify"), HttpStatusCode.OK);

    /// <summary>A listing with a sealed reserve (1050), two qualified bidders and two bids, sold; returns its id and the first bid's seq.</summary>
    public async Task<(string Id, long FirstBidSeq)> ClosedListing()
    {
        var listing = await _api.Publish(await _api.Centre(), _api.ListingBody(reservePrice: 1050m));
        var alpha = await _api.Bidder("alpha");
        var beta = await _api.Bidder("beta");
        await _api.Qualify(alpha, listing.Id);
        await _api.Qualify(beta, listing.Id);
        factory.AdvanceTo(listing.StartsAt);
        var first = await _api.Accepted(alpha, listing.Id, 1000m);
        await _api.Accepted(beta, listing.Id, 1100m);
        factory.AdvanceTo(listing.EndsAt);
        Assert.Equal("sold", (await _api.Get($"/api/listings/{listing.Id}/result")).GetProperty("outcome").GetString());
        return (listing.Id, first.GetProperty("seq").GetInt64());
    }
}
