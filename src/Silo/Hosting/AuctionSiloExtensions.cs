using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Auction.Silo.Hosting;

/// <summary>The one way every host (embedded gateway, standalone silo, tests) adds the auction engine.</summary>
public static class AuctionSiloExtensions
{
    /// <summary>
    /// Registers the engine's services. Anything already registered wins (tests put in a fake clock or a
    /// shared store first). Rule settings bind from <c>Auction:Rules</c> when a configuration is given.
    /// </summary>
    public static IServiceCollection AddAuctionEngine(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var rules = services.AddOptions<ListingRuleSettings>();
        if (configuration is not null) rules.Bind(configuration.GetSection("Auction:Rules"));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ListingRuleSettings>>().Value);
        services.TryAddSingleton(_ => WorkingDayCalendar.China);
        services.TryAddSingleton<PublicationRules>();
        services.TryAddSingleton<ListingEngine>();
        services.TryAddSingleton(_ => new AuctionClock(TimeProvider.System));
        services.TryAddSingleton<IJournalStore, InMemoryJournalStore>();
        services.TryAddSingleton<IListingEventSink, NoListingEventSink>();
        return services;
    }

    /// <summary>
    /// The silo side: engine services, reminders and the wake-up of open listings after a start. The journal
    /// store comes from <c>Auction:Storage:Provider</c>: <c>sqlite</c> (a file, <c>Auction:Storage:SqlitePath</c>,
    /// default <c>./data/auction.db</c>) or <c>memory</c> (the default when nothing is configured: tests).
    /// </summary>
    public static ISiloBuilder AddAuctionSilo(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        var storage = configuration?.GetSection("Auction:Storage");
        if (string.Equals(storage?["Provider"], "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = storage?["SqlitePath"] is { Length: > 0 } configured ? configured : Path.Combine("data", "auction.db");
            silo.Services.TryAddSingleton<IJournalStore>(_ => new SqliteJournalStore(path));
        }
        silo.Services.AddAuctionEngine(configuration);
        silo.Services.AddSingleton<ListingRecovery>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ListingRecovery>());
        silo.UseInMemoryReminderService();
        return silo;
    }
}
