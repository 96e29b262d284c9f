using System.Text;
using Auction.Contracts.Common;
using Auction.Contracts.Sealing;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Journal;

namespace Auction.Grains.Tests.Sealing;

/// <summary>
/// The sealed box that tenders and one-time quotes share: one item per key, unique values, the submitter's own
/// receipt, an opening that happens once with the chain head it sealed, and nothing readable in the store before it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SealedBoxTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private ISealedBoxGrain NewBox(out string key)
    {
        key = $"L{Guid.NewGuid():N}"[..17] + "/tenders";
        return fixture.Grains.GetGrain<ISealedBoxGrain>(key);
    }

    [Fact]
    public async Task One_item_per_key_unique_values_and_the_submitters_own_receipt()
    {
        var box = NewBox(out _);
        var first = (await box.Seal(new BoxItem("001", "{\"amount\":\"18445000.00\"}", ["amount:18445000"]), T0)).Expect();
        Assert.NotNull(first.Sealed);
        Assert.Equal(("001", 1L, T0), (first.Sealed.Key, first.Sealed.Seq, first.Sealed.SealedAt));

        var again = (await box.Seal(new BoxItem("001", "{\"amount\":\"19000000.00\"}", ["amount:19000000"]), T0.AddMinutes(1))).Expect();
        Assert.Null(again.Sealed);
        Assert.Equal(first.Sealed, again.Existing);

        var taken = (await box.Seal(new BoxItem("002", "{\"amount\":\"18445000.00\"}", ["amount:18445000"]), T0.AddMinutes(2))).Expect();
        Assert.Equal((null, "amount:18445000"), (taken.Sealed, taken.TakenValue));

        Assert.Equal(first.Sealed, (await box.Find("001")).Expect());
        Assert.Null((await box.Find("002")).Expect());
    }

    [Fact]
    public async Task The_box_opens_once_with_every_item_and_the_head_it_sealed_then_takes_nothing_more()
    {
        var box = NewBox(out var key);
        var a = (await box.Seal(new BoxItem("001", "{\"a\":1}", []), T0)).Expect().Sealed!;
        var b = (await box.Seal(new BoxItem("002", "{\"b\":2}", []), T0.AddSeconds(5))).Expect().Sealed!;

        var opened = (await box.Open(T0.AddMinutes(10))).Expect();

        Assert.Equal([a, b], opened.Items);
        Assert.Equal((b.Hash, T0.AddMinutes(10)), (opened.HeadHash, opened.OpenedAt));
        var repeated = (await box.Open(T0.AddMinutes(20))).Expect();
        Assert.Equal((opened.HeadHash, opened.OpenedAt), (repeated.HeadHash, repeated.OpenedAt));
        Assert.Equal(opened.Items, repeated.Items);
        var late = await box.Seal(new BoxItem("003", "{}", []), T0.AddMinutes(11));
        Assert.Equal(RejectionCodes.BiddingClosed, late.Rejection?.Code);
        var stored = await fixture.Store.ReadAsync($"box/{key}", 0);
        Assert.Equal(["itemSealed", "itemSealed", "opened"], stored.Select(e => e.Type));
        Assert.Null(HashChain.FindBreak(stored));
    }

    [Fact]
    public async Task An_empty_box_opens_with_the_genesis_head()
    {
        var opened = (await NewBox(out _).Open(T0)).Expect();
        Assert.Empty(opened.Items);
        Assert.Equal(HashChain.Genesis, opened.HeadHash);
    }

    [Fact]
    public async Task Nothing_in_the_store_reads_an_item_before_the_opening()
    {
        var box = NewBox(out var key);
        (await box.Seal(new BoxItem("007", "{\"bidderName\":\"Gamma Estates\",\"amount\":\"31415926.53\"}", ["amount:31415926.53"]), T0)).Expect();

        var stored = string.Join("\n", (await fixture.Store.ReadAsync($"box/{key}", 0)).Select(e => e.Data));

        foreach (var secret in new[] { "31415926", "Gamma", "007", "amount" })
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("31415926")), stored, StringComparison.Ordinal);
    }
}
