using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules.Calendar;

namespace Auction.Silo.Rules;

/// <summary>When a sale's bidding ends (none for an auction: it ends when bidding stops) and when applications and deposits close.</summary>
public sealed record BiddingWindow(DateTimeOffset? EndsAt, DateTimeOffset ApplicationDeadline, DateTimeOffset DepositDeadline);

/// <summary>What a method's publication rules may consult: the deployment's rule settings, the holiday calendar, the clock.</summary>
public sealed record PublicationContext(ListingRuleSettings Settings, WorkingDayCalendar Calendar, DateTimeOffset Now, DateTimeOffset AnnouncedAt);

/// <summary>
/// What differs by grant method when a sale is published (API.md v2 "Methods"): each method's decider implements it,
/// and <see cref="PublicationRules"/> runs the checks every method shares around it.
/// </summary>
public interface IMethodPublication
{
    /// <summary>
    /// Checks the method's own fields (its block, which times it has) into <paramref name="errors"/> and resolves the
    /// bidding window with its defaults (R-LST-02 for listings, "biddingStartsAt − 2 days" for auctions).
    /// </summary>
    BiddingWindow ResolveWindow(PublishListing command, PublicationContext context, FieldErrors errors);

    /// <summary>A rule on the period that only this method has (R-LST-01 for listings), once the fields are valid.</summary>
    Rejection? CheckPeriod(PublishListing command, BiddingWindow window, PublicationContext context);

    /// <summary>The published definition with the method's own terms resolved (e.g. the auction block's defaults).</summary>
    ListingDefinition Complete(ListingDefinition definition, PublishListing command);

    /// <summary>
    /// Whether the method may carry a price cap (DOMAIN §7; listings and auctions, not tenders). A method that does not
    /// say so refuses <c>priceCap</c> with VALIDATION_FAILED.
    /// </summary>
    bool TakesPriceCap => false;
}

/// <summary>The bidding windows that end at <c>biddingEndsAt</c>: a listing's deadline, a tender's opening.</summary>
public static class BiddingWindows
{
    /// <summary>
    /// Requires <c>biddingEndsAt</c> (<paramref name="meaning"/> says what it is, for the message) after the start and in
    /// the future; applications close by default two days (a setting, R-LST-02) before it, deposits with them, both by it.
    /// </summary>
    public static BiddingWindow EndingAt(PublishListing command, PublicationContext context, FieldErrors errors, string meaning)
    {
        if (command.BiddingEndsAt is not { } endsAt)
        {
            errors.Add("biddingEndsAt", $"is required for {meaning}");
            return new BiddingWindow(null, context.Now, context.Now);
        }
        var applicationDeadline = command.ApplicationDeadline ?? endsAt.AddDays(-context.Settings.ApplicationDeadlineDaysBeforeEnd);
        var depositDeadline = command.DepositDeadline ?? applicationDeadline;
        if (endsAt <= command.BiddingStartsAt) errors.Add("biddingEndsAt", "must be after biddingStartsAt");
        if (endsAt <= context.Now) errors.Add("biddingEndsAt", "must be in the future");
        if (applicationDeadline <= context.AnnouncedAt || applicationDeadline > endsAt)
            errors.Add("applicationDeadline", "must be after announcedAt and no later than biddingEndsAt");
        if (depositDeadline < applicationDeadline || depositDeadline > endsAt)
            errors.Add("depositDeadline", "must be between applicationDeadline and biddingEndsAt");
        return new BiddingWindow(endsAt, applicationDeadline, depositDeadline);
    }
}
