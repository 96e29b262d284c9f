using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Gateway.Endpoints;
using Auction.Silo.Hosting;

namespace Auction.Gateway.Demo;

/// <summary>
/// <c>--demo</c>: turns dev tokens on (<c>Auction:Demo:Enabled</c>, also outside Development, where the secrets
/// must still be real), lowers the publication minimums (a demo cannot wait 20 days) and seeds listings of centre
/// <c>demo-centre</c> with demo bidders already qualified: an industrial parcel priced just above its floor, a
/// commercial parcel, a listing that enters Jiangsu timed bidding about four minutes after start, an online auction
/// starting in two minutes, a price tender whose box opens ten minutes after start, and a listing with a lottery price
/// cap (bid the cap to see the lottery). The last three wait for the people trying the demo to bid, tender or join.
/// </summary>
public static class DemoData
{
    public const string Centre = "demo-centre";
    public static readonly string[] Bidders = ["demo-bidder-1", "demo-bidder-2", "demo-bidder-3"];

    public static string[] ApplySwitch(string[] args) =>
        args.Contains("--demo")
            ? [.. args.Where(a => a != "--demo"), "--Auction:Demo:Enabled=true", "--Auction:Demo:Seed=true", "--Auction:Rules:MinAnnouncementDays=0", "--Auction:Rules:MinListingWorkingDays=0", "--Auction:Rules:MinApplicationLeadHours=0"]
            : args;

    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Auction:Demo:Seed", false)) services.AddHostedService<DemoSeeder>();
        return services;
    }

    private sealed class DemoSeeder(IGrainFactory grains, AuctionClock clock, ILogger<DemoSeeder> logger, IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = new TaskCompletionSource();
            using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(stoppingToken);

            var now = clock.Now;
            var industrial = await Seed("demo-industrial", now, new Parcel("DEMO-IND-01", "Taicang Port Industrial Park", "320585", LandUse.Industrial, 50_000m, 50, new PlotRatioRange(1.0m, 2.0m), 7, IndustrialCategory.Normal),
                start: now.AddMinutes(1), end: now.AddHours(2), startingPrice: 14_500_000m, increment: 100_000m, deposit: 2_900_000m, TimedBiddingTerms.JiangsuDefault);
            var commercial = await Seed("demo-commercial", now, new Parcel("DEMO-COM-01", "Suzhou Industrial Park, lake east", "320571", LandUse.Commercial, 20_000m, 40, new PlotRatioRange(2.0m, 3.5m), null, null),
                start: now.AddMinutes(1), end: now.AddHours(3), startingPrice: 80_000_000m, increment: 500_000m, deposit: 16_000_000m, TimedBiddingTerms.FujianDefault);
            var timed = await Seed("demo-timed", now, new Parcel("DEMO-RES-01", "Wuxi Binhu new town", "320211", LandUse.Residential, 30_000m, 70, new PlotRatioRange(1.5m, 2.2m), null, null),
                start: now.AddSeconds(30), end: now.AddMinutes(4.5), startingPrice: 60_000_000m, increment: 200_000m, deposit: 12_000_000m,
                TimedBiddingTerms.JiangsuDefault with { CountdownSeconds = 60 });
            var auction = await Seed("demo-auction", now, new Parcel("DEMO-RES-02", "Suzhou Wuzhong, Taihu new town", "320506", LandUse.Residential, 25_000m, 70, new PlotRatioRange(1.2m, 2.0m), null, null),
                start: now.AddMinutes(2), end: null, startingPrice: 50_000_000m, increment: 500_000m, deposit: 10_000_000m, TimedBiddingTerms.None,
                p => p with { Method = GrantMethod.Auction, Auction = new AuctionTerms(AuctionMode.Online, CountdownSeconds: 120, MinBidders: 2) });
            var tender = await Seed("demo-tender", now, new Parcel("DEMO-COM-02", "Wuxi Taihu new city, station square", "320214", LandUse.Commercial, 15_000m, 40, new PlotRatioRange(2.0m, 4.0m), null, null),
                start: now.AddMinutes(1), end: now.AddMinutes(11), startingPrice: 45_000_000m, increment: 100_000m, deposit: 9_000_000m, TimedBiddingTerms.None,
                p => p with { Method = GrantMethod.Tender, Tender = new TenderTerms(TenderEvaluation.HighestPrice, MinTenderers: 2) });
            var capped = await Seed("demo-lottery", now, new Parcel("DEMO-RES-03", "Suzhou Xiangcheng, high-speed rail new town", "320507", LandUse.Residential, 40_000m, 70, new PlotRatioRange(1.5m, 2.5m), null, null),
                start: now.AddMinutes(1), end: now.AddHours(2), startingPrice: 60_000_000m, increment: 500_000m, deposit: 12_000_000m, TimedBiddingTerms.None,
                p => p with { PriceCap = new PriceCapTerms(62_000_000m, CapMode.Lottery) });
            logger.LogInformation("Demo listings: {Industrial} (industrial, near its floor), {Commercial} (commercial, Fujian), {Timed} (timed bidding at about +4.5 min), {Auction} (online auction at +2 min), {Tender} (price tender, opens at +11 min), {Capped} (lottery price cap 62,000,000). Demo bidders: {Bidders}; centre: {Centre}",
                industrial, commercial, timed, auction, tender, capped, string.Join(", ", Bidders), Centre);

            // Two quotes once the timed listing opens, so its deadline converts to timed bidding (J1). Waited on the auction's
            // clock, so a test that fakes it decides when.
            await Task.Delay(TimeSpan.FromSeconds(31), clock.Time, stoppingToken);
            var listing = grains.GetGrain<IListingGrain>(timed);
            await listing.PlaceBid(new PlaceBid(Bidders[0], 60_000_000m, "demo-bid-1"));
            await listing.PlaceBid(new PlaceBid(Bidders[1], 60_200_000m, "demo-bid-2"));
        }

        /// <summary>
        /// Publishes a listing (<paramref name="method"/> makes it an auction, a tender or a capped sale) whose applications
        /// close a minute before it ends (an auction: before it starts), and qualifies every demo bidder.
        /// </summary>
        private async Task<string> Seed(string requestId, DateTimeOffset now, Parcel parcel, DateTimeOffset start, DateTimeOffset? end,
            decimal startingPrice, decimal increment, decimal deposit, TimedBiddingTerms timed, Func<PublishListing, PublishListing>? method = null)
        {
            var id = ListingIds.For(Centre, requestId);
            var deadline = (end ?? start).AddMinutes(-1);
            var publication = new PublishListing(requestId, Centre, "demo-officer", parcel, GrantMethod.Listing,
                now, start, end, deadline, deadline, startingPrice, increment, IncrementRule.AtLeastOneStep, deposit, null, timed);
            var published = await grains.GetGrain<IListingGrain>(id).Publish(method is null ? publication : method(publication));
            if (!published.IsSuccess)
            {
                logger.LogError("Demo listing {Request} was refused: {Code} {Message}", requestId, published.Rejection!.Code, published.Rejection.Message);
                return id;
            }
            var registration = grains.GetGrain<IListingRegistrationGrain>(id);
            foreach (var bidder in Bidders)
            {
                var application = (await registration.Apply(new ApplyForListing(bidder, $"{bidder} Land Co., Ltd.", $"demo-{requestId}"))).Expect();
                await grains.GetGrain<IDepositAccountGrain>(application.DepositAccount)
                    .Credit(new DepositCredit(application.DepositAccount, deposit, $"demo-{id}-{bidder}", clock.Now));
            }
            return id;
        }
    }
}
