using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Grains.Tests.Infrastructure;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;

namespace Auction.Grains.Tests.Registration;

/// <summary>
/// R-COM-10 through the grains: after the close the registration asks the listing how the sale ended; the winner's
/// deposit is earnest money, the others are due back within 5 working days; credits after the close are late credits;
/// the bank's refunds are checked against what is refundable, idempotent by reference, and verified with the record.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AfterSaleDepositTests(ClusterFixture fixture)
{
    private async Task<(ListingDriver Listing, ListingResult Result, string AlphaAccount, string BetaAccount)> Sale(string name, bool sold)
    {
        var listing = ListingDriver.Create(fixture, name);
        var published = await listing.Publish();
        await listing.Qualify("alpha");
        await listing.Qualify("beta");
        listing.AdvanceTo(published.BiddingStartsAt);
        if (sold) await listing.Accepted("alpha", 1000m);
        listing.AdvanceTo(published.BiddingEndsAt!.Value);
        var result = await listing.Result();
        var applications = await listing.Registration.GetApplications();
        return (listing, result, applications.Single(a => a.BidderId == "alpha").DepositAccount, applications.Single(a => a.BidderId == "beta").DepositAccount);
    }

    private async Task<DepositPosition> Position(ListingDriver listing, string bidderNo) =>
        Assert.Single((await listing.Registration.GetDeposits()).Expect(), p => p.BidderNo == bidderNo);

    private Task<Outcome<DepositRefundResult>> Refund(string account, decimal amount, string reference, DateTimeOffset? at = null) =>
        fixture.Grains.GetGrain<IDepositAccountGrain>(account).Refund(new DepositRefund(account, amount, reference, at ?? fixture.Time.GetUtcNow()));

    [Fact]
    public async Task R_COM_10_a_sold_listing_keeps_the_winners_earnest_money_and_owes_the_loser_its_deposit()
    {
        var (listing, result, alpha, beta) = await Sale("soldDeposits", sold: true);
        Assert.Equal((CloseOutcome.Sold, "001"), (result.Outcome, result.WinnerBidderNo));
        var dueBy = AfterSaleDeadlines.Refund(WorkingDayCalendar.China, result.ClosedAt).DueBy;

        var winner = await Position(listing, "001");
        Assert.Equal((DepositStatus.EarnestMoney, 100m, 100m, 0m, false), (winner.Status, winner.Credited, winner.EarnestMoney, winner.Refundable, winner.Overdue));
        var loser = await Position(listing, "002");
        Assert.Equal((DepositStatus.RefundDue, 100m, 100m, dueBy), (loser.Status, loser.Credited, loser.Refundable, loser.RefundDueBy));

        // The winner's earnest money cannot be refunded, nor more than the loser paid; neither refusal records anything.
        var stored = (await listing.StoredRegistration()).Count;
        Assert.Equal(RejectionCodes.RefundExceedsBalance, (await Refund(alpha, 1m, $"r-{listing.Id}-a")).Rejection?.Code);
        Assert.Equal(RejectionCodes.RefundExceedsBalance, (await Refund(beta, 100.01m, $"r-{listing.Id}-b0")).Rejection?.Code);
        Assert.Equal(stored, (await listing.StoredRegistration()).Count);

        var first = (await Refund(beta, 60m, $"r-{listing.Id}-b1")).Expect();
        Assert.Equal((DepositStatus.RefundDue, 60m, 40m, false), (first.Status, first.Refunded, first.Refundable, first.Duplicate));
        var replay = (await Refund(beta, 60m, $"r-{listing.Id}-b1")).Expect();
        Assert.Equal((60m, true), (replay.Refunded, replay.Duplicate));
        Assert.Equal(RejectionCodes.IdempotencyMismatch, (await Refund(beta, 40m, $"r-{listing.Id}-b1")).Rejection?.Code);
        var rest = (await Refund(beta, 40m, $"r-{listing.Id}-b2")).Expect();
        Assert.Equal((DepositStatus.Refunded, 100m, 0m), (rest.Status, rest.Refunded, rest.Refundable));
        Assert.Equal(RefundTimeliness.OnTime, (await Position(listing, "002")).Timeliness);

        Assert.True((await listing.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task R_COM_10_a_credit_after_the_close_is_a_late_credit_due_back_and_overdue_after_5_working_days()
    {
        var (listing, _, _, beta) = await Sale("lateCredit", sold: true);
        var late = (await fixture.Grains.GetGrain<IDepositAccountGrain>(beta).Credit(new DepositCredit(beta, 25m, $"late-{listing.Id}", listing.Now))).Expect();
        Assert.True(late.Credit!.LateCredit);
        Assert.Equal(ApplicationStatus.Qualified, late.Status);
        var arrived = listing.Now;

        var position = await Position(listing, "002");
        Assert.Equal((125m, 125m, 25m, false), (position.Credited, position.Refundable, position.LateCredited, position.Overdue));
        Assert.Equal(RefundTimeliness.Pending, position.Timeliness);

        // Server time passes the deadline of the late money (5 working days after it arrived): overdue.
        listing.AdvanceTo(AfterSaleDeadlines.Refund(WorkingDayCalendar.China, arrived).DueBy!.Value);
        position = await Position(listing, "002");
        Assert.True(position.Overdue);
        Assert.Equal(RefundTimeliness.Overdue, position.Timeliness);
        var stored = await listing.StoredRegistration();
        Assert.Contains(stored, e => e.Type == "depositCredited" && e.Data.Contains("\"lateCredit\":true", StringComparison.Ordinal));
        Assert.True((await listing.Grain.VerifyRecord()).Expect().Valid);
    }

    [Fact]
    public async Task R_COM_10_a_failed_listing_owes_every_credited_application_its_deposit()
    {
        var (listing, result, alpha, _) = await Sale("failedDeposits", sold: false);
        Assert.Equal((CloseOutcome.Failed, FailureReason.NoBids), (result.Outcome, result.Reason));
        var deposits = (await listing.Registration.GetDeposits()).Expect();
        Assert.All(deposits, d => Assert.Equal((DepositStatus.RefundDue, 0m, 100m), (d.Status, d.EarnestMoney, d.Refundable)));
        Assert.Equal(DepositStatus.Refunded, (await Refund(alpha, 100m, $"r-{listing.Id}-a")).Expect().Status);
    }

    [Fact]
    public async Task Refunds_before_the_close_to_unknown_accounts_or_reusing_a_reference_elsewhere_are_refused_and_record_nothing()
    {
        var listing = ListingDriver.Create(fixture, "earlyRefund");
        await listing.Publish();
        await listing.Qualify("alpha");
        var account = (await listing.Registration.GetApplications()).Single().DepositAccount;
        Assert.Equal(RejectionCodes.NotClosed, (await Refund(account, 10m, $"r-{listing.Id}")).Rejection?.Code);
        Assert.Equal(RejectionCodes.UnknownAccount, (await Refund("9999999999998", 10m, $"r-{listing.Id}-x")).Rejection?.Code);
        Assert.Empty(await fixture.Store.ReadAsync("deposit-account/9999999999998", 0));
        Assert.Empty(await fixture.Store.ReadAsync($"bank-refund/r-{listing.Id}", 0));

        var (sold, _, _, beta) = await Sale("refundElsewhere", sold: true);
        (await Refund(beta, 10m, $"shared-{sold.Id}")).Expect();
        var (other, _, _, otherBeta) = await Sale("refundElsewhere2", sold: true);
        Assert.Equal(RejectionCodes.IdempotencyMismatch, (await Refund(otherBeta, 10m, $"shared-{sold.Id}")).Rejection?.Code);
        Assert.Equal(0m, (await Position(other, "002")).Refunded);
        Assert.Equal(RejectionCodes.ValidationFailed, (await Refund(otherBeta, -5m, $"neg-{other.Id}")).Rejection?.Code);
        Assert.Equal(RejectionCodes.ValidationFailed, (await Refund(otherBeta, 1.005m, $"fen-{other.Id}")).Rejection?.Code);
        Assert.Equal(RejectionCodes.ValidationFailed, (await Refund(otherBeta, 5m, $"early-{other.Id}", other.Now.AddDays(-1))).Rejection?.Code);
    }
}
