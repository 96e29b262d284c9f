using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests;

/// <summary>
/// A sale driven through the pure engine, whatever its method: its state plus the journal sequence, folding events
/// exactly as the grain does after the journal confirms them.
/// </summary>
internal sealed class Sale(ListingEngine engine)
{
    private long _seq;

    public ListingState State { get; } = new();

    public ListingEngine Engine { get; } = engine;

    public Sale Apply(DateTimeOffset at, params ListingEvent[] events)
    {
        foreach (var evt in events)
            State.Apply(new JournalEntry(++_seq, evt.GetType().Name, at, "", "", ""), evt);
        return this;
    }

    /// <summary>Records whatever automatic transition is due at <paramref name="now"/>; returns it.</summary>
    public ListingEvent? CatchUp(DateTimeOffset now)
    {
        var due = Engine.DueTransition(State, now);
        if (due is not null) Apply(now, due);
        return due;
    }

    public Sale Qualify(string bidderId, string applicationId, DateTimeOffset? at = null)
    {
        var (evt, _, rejection) = Engine.Qualify(State, QualifyCommand(bidderId, applicationId, completedAt: at));
        Assert.Null(rejection);
        Assert.NotNull(evt);
        return Apply(at ?? Start.AddDays(-1), evt);
    }

    public BidAccepted Bid(string bidderId, decimal amount, DateTimeOffset at, string? requestId = null)
    {
        var decision = Engine.Bid(State, new PlaceBid(bidderId, amount, requestId ?? $"{bidderId}-{amount}"), at);
        Assert.True(decision.Rejection is null, $"{decision.Rejection?.Code}: {decision.Rejection?.Message}");
        Assert.NotNull(decision.Accepted);
        Apply(at, decision.Accepted);
        return decision.Accepted;
    }

    /// <summary>Applies the event of a command that must succeed; fails the test with the rejection otherwise.</summary>
    public TEvent Accept<TEvent>((ListingEvent? Event, Rejection? Rejection) decision, DateTimeOffset at) where TEvent : ListingEvent
    {
        Assert.True(decision.Rejection is null, $"{decision.Rejection?.Code}: {decision.Rejection?.Message}");
        var evt = Assert.IsType<TEvent>(decision.Event);
        Apply(at, evt);
        return evt;
    }

    public static QualifyBidder QualifyCommand(string bidderId, string applicationId, decimal? paid = null, DateTimeOffset? completedAt = null) =>
        new(applicationId, bidderId, $"Company {bidderId}", $"622200{applicationId}", paid ?? Deposit, completedAt ?? Start.AddDays(-1));

    public static Rejection Rejected(BidDecision decision, string code)
    {
        Assert.Null(decision.Accepted);
        Assert.Null(decision.Replay);
        Assert.NotNull(decision.Rejection);
        Assert.Equal(code, decision.Rejection.Code);
        return decision.Rejection;
    }
}
