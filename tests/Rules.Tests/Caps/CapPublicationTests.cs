using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Caps.Lottery;
using Auction.Silo.Rules;
using static Auction.Rules.Tests.Caps.CapSale;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Caps;

/// <summary>
/// The price cap at publication (DOMAIN §7.4, API.md v2 "Price caps"): optional on listings and auctions, validated in one
/// place (above the starting price, not below the floor, not below a reserve, the mode's block present and consistent,
/// whole-yuan one-time bounds with min ≥ cap), the mode's defaults filled, and a lottery's commitment fixed.
/// </summary>
public sealed class CapPublicationTests
{
    private static Rejection? Refusal(PublishListing command) => Engine.Publish(new ListingState(), Id, command, Now, Secret).Rejection;

    public static TheoryData<string, string> BadCaps => new()
    {
        { "cap at the starting price", "priceCap.amount" },
        { "cap below the starting price", "priceCap.amount" },
        { "cap with three decimals", "priceCap.amount" },
        { "commitment given by the centre", "priceCap.lotteryCommitment" },
        { "confirm window 9 s", "priceCap.confirmSeconds" },
        { "quote window on a lottery", "priceCap.quoteSeconds" },
        { "area countdown on a lottery", "priceCap.countdownSeconds" },
        { "area block on a lottery", "priceCap.housingArea" },
        { "one-time block on area bidding", "priceCap.oneTimeQuote" },
        { "area bidding without its block", "priceCap.housingArea" },
        { "area start 0", "priceCap.housingArea.start" },
        { "area step with 3 decimals", "priceCap.housingArea.step" },
        { "area countdown 3601 s", "priceCap.countdownSeconds" },
        { "one-time quote without its block", "priceCap.oneTimeQuote" },
        { "one-time min below the cap", "priceCap.oneTimeQuote.min" },
        { "one-time min in fen", "priceCap.oneTimeQuote.min" },
        { "one-time max not above min", "priceCap.oneTimeQuote.max" },
        { "one-time max in fen", "priceCap.oneTimeQuote.max" },
        { "one-time quote window 0 s", "priceCap.quoteSeconds" },
    };

    [Theory]
    [MemberData(nameof(BadCaps))]
    public void A_bad_price_cap_is_refused_under_its_field(string @case, string field)
    {
        var cap = @case switch
        {
            "cap at the starting price" => Lottery() with { Amount = StartingPrice },
            "cap below the starting price" => Lottery() with { Amount = StartingPrice - 1 },
            "cap with three decimals" => Lottery() with { Amount = 15_000_000.001m },
            "commitment given by the centre" => Lottery() with { LotteryCommitment = new string('a', 64) },
            "confirm window 9 s" => Lottery(confirmSeconds: 9),
            "quote window on a lottery" => Lottery() with { QuoteSeconds = 240 },
            "area countdown on a lottery" => Lottery() with { CountdownSeconds = 240 },
            "area block on a lottery" => Lottery() with { HousingArea = new HousingAreaTerms(1000, 500) },
            "one-time block on area bidding" => HousingArea() with { OneTimeQuote = new OneTimeQuoteRange(Cap, Cap + 1) },
            "area bidding without its block" => HousingArea() with { HousingArea = null },
            "area start 0" => HousingArea(start: 0),
            "area step with 3 decimals" => HousingArea(step: 0.001m),
            "area countdown 3601 s" => HousingArea(countdownSeconds: 3601),
            "one-time quote without its block" => OneTime() with { OneTimeQuote = null },
            "one-time min below the cap" => OneTime(min: Cap - 1),
            "one-time min in fen" => OneTime(min: Cap + 0.5m),
            "one-time max not above min" => OneTime(min: Cap + 10, max: Cap + 10),
            "one-time max in fen" => OneTime(max: 18_000_000.01m),
            "one-time quote window 0 s" => OneTime(quoteSeconds: 0),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var rejection = Refusal(CappedListing(cap));

        Assert.Equal(RejectionCodes.ValidationFailed, rejection?.Code);
        Assert.True(rejection!.Errors!.ContainsKey(field), $"{@case}: expected '{field}', got [{string.Join(", ", rejection.Errors!.Keys)}]");
    }

    [Fact]
    public void R_IND_03_a_cap_below_the_industrial_floor_is_a_floor_violation()
    {
        // Grade 7 × 50,000 m²: floor 14,400,000. A starting price below it needs a reserve at the floor; the cap may not undercut it.
        var command = CappedListing(Lottery() with { Amount = 14_300_000m }) with { StartingPrice = 14_000_000m, ReservePrice = NormalFloorGrade7 };
        var rejection = Refusal(command);
        Assert.Equal(RejectionCodes.FloorViolation, rejection?.Code);
        Assert.Equal(NormalFloorGrade7, rejection!.Floor!.Total);
    }

    [Fact]
    public void A_reserve_above_the_cap_could_never_be_met_at_publication_nor_later()
    {
        Assert.True(Refusal(CappedListing(Lottery()) with { ReservePrice = Cap + 1 })!.Errors!.ContainsKey("reservePrice"));

        var sale = Open(CappedListing(Lottery()));
        var (_, rejection) = Engine.SealReserve(sale.State, Owner, Cap + 1, Start);
        Assert.True(rejection!.Errors!.ContainsKey("reservePrice"));
        Assert.Null(Engine.SealReserve(sale.State, Owner, Cap, Start).Rejection);
    }

    [Fact]
    public void A_mode_this_build_does_not_run_cannot_be_published()
    {
        var lotteryOnly = new ListingEngine(Publication(Settings), Settings, caps: new Silo.Methods.Caps.CapStages([new LotteryStage()]));
        var (_, rejection) = lotteryOnly.Publish(new ListingState(), Id, CappedListing(HousingArea()), Now, Secret);
        Assert.True(rejection!.Errors!.ContainsKey("priceCap.mode"));
    }

    [Fact]
    public void A_method_that_does_not_take_a_cap_refuses_it_like_a_tender_will()
    {
        var (_, rejection) = Publication().Validate(Id, CappedListing(Lottery()), Now, new NoCapMethod());
        Assert.True(rejection!.Errors!.ContainsKey("priceCap"));
    }

    [Theory]
    [InlineData(CapMode.Lottery, 300, null, null)]
    [InlineData(CapMode.HousingArea, null, null, 240)]
    [InlineData(CapMode.OneTimeQuote, 300, 240, null)]
    public void The_published_cap_takes_its_modes_defaults_and_the_view_echoes_it(CapMode mode, int? confirm, int? quote, int? countdown)
    {
        var cap = mode switch { CapMode.Lottery => Lottery(), CapMode.HousingArea => HousingArea(), _ => OneTime() };
        var sale = Open(CappedListing(cap));

        var published = sale.State.Definition!.PriceCap!;
        Assert.Equal((confirm, quote, countdown), (published.ConfirmSeconds, published.QuoteSeconds, published.CountdownSeconds));
        Assert.Equal(published, ListingProjections.Snapshot(Id, sale.State, Start, null).PriceCap);
    }

    [Fact]
    public void A_lottery_commits_to_its_secret_at_publication_and_keeps_the_secret_out_of_the_public_projection()
    {
        var (events, _) = Engine.Publish(new ListingState(), Id, CappedAuction(Lottery()), Now, Secret);
        var published = Assert.IsType<ListingPublished>(events[0]);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Secret)), published.Definition.PriceCap!.LotteryCommitment);
        Assert.Equal(Convert.ToHexStringLower(Secret), published.LotterySecret);
        Assert.DoesNotContain(published.LotterySecret!, published.ToString(), StringComparison.Ordinal);
        var entry = new Silo.Journal.JournalEntry(1, "published", Now, "", "", "");
        var publicEvent = ListingProjections.ToPublic(Id, entry, published);
        Assert.Equal(published.Definition.PriceCap.LotteryCommitment, publicEvent.LotteryCommitment);
        Assert.DoesNotContain(published.LotterySecret!, System.Text.Json.JsonSerializer.Serialize(publicEvent), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Engine.Publish(new ListingState(), Id, CappedAuction(Lottery()), Now, secret: null));
        Assert.Equal(LotteryDraw.SecretBytes, Secret.Length);
    }

    /// <summary>A method that says nothing about caps (the tender method being built in parallel is one).</summary>
    private sealed class NoCapMethod : IMethodPublication
    {
        public BiddingWindow ResolveWindow(PublishListing command, PublicationContext context, FieldErrors errors) =>
            new(command.BiddingEndsAt, command.BiddingStartsAt.AddDays(-3), command.BiddingStartsAt.AddDays(-3));

        public Rejection? CheckPeriod(PublishListing command, BiddingWindow window, PublicationContext context) => null;

        public ListingDefinition Complete(ListingDefinition definition, PublishListing command) => definition;
    }
}
