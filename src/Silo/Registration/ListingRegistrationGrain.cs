using System.Security.Cryptography;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Contracts.Registration;
using Auction.Silo.Hosting;
using Auction.Silo.Journal;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using Microsoft.Extensions.Logging;

namespace Auction.Silo.Registration;

/// <summary>
/// Applications and deposits of one listing (keyed by listing id). One application per bidder; each gets a
/// unique 13-digit deposit sub-account (R-DEP-01); bank credits add up, idempotent by bank transaction id,
/// and count only if credited by the deposit deadline (R-DEP-02). When the on-time total reaches the
/// deposit, the listing issues the bidder number. After the sale (ListingRegistrationGrain.AfterSale.cs) the deposits
/// become earnest money or refunds due. Calls go registration → listing only, never back: the registration learns how
/// the sale ended by asking the listing.
/// </summary>
[GrainType("registration")]
public sealed partial class ListingRegistrationGrain(ResilientJournal store, AuctionClock clock, WorkingDayCalendar calendar, ILogger<ListingRegistrationGrain> logger)
    : EventSourcedGrain<RegistrationEvent>(store, logger), IListingRegistrationGrain
{
    private readonly Dictionary<string, Application> _byBidder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Application> _byApplication = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DepositCredited> _bankTxns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DepositRefunded> _bankRefunds = new(StringComparer.Ordinal);

    private string ListingId => this.GetPrimaryKeyString();

    private IListingGrain Listing => GrainFactory.GetGrain<IListingGrain>(ListingId);

    public static string StreamOf(string listingId) => $"registration/{listingId}";

    protected override string StreamId => StreamOf(ListingId);

    protected override void Apply(JournalEntry entry, RegistrationEvent evt)
    {
        switch (evt)
        {
            case ApplicationSubmitted e:
                var application = new Application(e, entry);
                _byBidder[e.BidderId] = application;
                _byApplication[e.ApplicationId] = application;
                break;
            case DepositCredited e:
                _bankTxns[e.BankTxnId] = e;
                _byApplication[e.ApplicationId].Credited(e);
                break;
            case ApplicationQualified e:
                _byApplication[e.ApplicationId].BidderNo = e.BidderNo;
                break;
            case DepositRefunded e:
                _bankRefunds[e.BankRefId] = e;
                _byApplication[e.ApplicationId].Refunded(e);
                break;
        }
    }

    public async Task<Outcome<ApplicationView>> Apply(ApplyForListing command)
    {
        try
        {
            var now = clock.Now;
            var errors = new FieldErrors();
            errors.RequireRequestId(command.RequestId);
            errors.RequireText("bidderId", command.BidderId, 128);
            errors.RequireText("bidderName", command.BidderName, 200);
            if (errors.Any) return errors.ToRejection();

            if (_byBidder.TryGetValue(command.BidderId, out var existing))
            {
                // The same request is a replay; a new request from the same bidder is a second application (R-QUA-04).
                return existing.Submitted.RequestId == command.RequestId
                    ? Outcome<ApplicationView>.Success(View(existing))
                    : new Rejection(RejectionCodes.AlreadyApplied, "This bidder has already applied for this listing (one application per bidder, R-QUA-04).");
            }

            var terms = await Listing.GetRegistrationTerms();
            if (!terms.IsSuccess) return terms.Rejection!;
            if (now > terms.Value!.ApplicationDeadline || terms.Value.Status is ListingStatus.Sold or ListingStatus.Failed or ListingStatus.Terminated)
                return new Rejection(RejectionCodes.ApplicationClosed, $"Applications closed at {terms.Value.ApplicationDeadline:O} (R-LST-02).", ServerTime: now);

            var applicationId = $"APP-{Guid.NewGuid():N}"[..20];
            var account = await ClaimDepositAccount(applicationId);
            await Raise(now, new ApplicationSubmitted(applicationId, command.BidderId, command.BidderName, account, command.RequestId,
                terms.Value.Deposit, terms.Value.DepositDeadline));
            return Outcome<ApplicationView>.Success(View(_byApplication[applicationId]));
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    /// <summary>
    /// A bank credit. A transaction id already credited is a duplicate when its body (account, amount, bank time) is
    /// the same and <c>IDEMPOTENCY_MISMATCH</c> otherwise, here or on any other listing (<see cref="IBankTransactionGrain"/>).
    /// Money cannot be credited before the account existed, i.e. before the application. A refusal records nothing;
    /// an accepted credit records the bank's time beside the server's receipt time, and a credit after the sale has ended
    /// is recorded as a late credit, due back (R-COM-10).
    /// </summary>
    public async Task<Outcome<DepositCreditResult>> Credit(DepositCredit credit)
    {
        try
        {
            var now = clock.Now;
            var application = _byApplication.Values.FirstOrDefault(a => a.Submitted.DepositAccount == credit.Account);
            if (application is null) return new Rejection(RejectionCodes.UnknownAccount, $"No application of listing {ListingId} owns account {credit.Account}.");
            if (_bankTxns.TryGetValue(credit.BankTxnId, out var earlier))
            {
                if (BankTransactionGrain.Mismatch(credit.BankTxnId, earlier.Account, earlier.Amount, earlier.CreditedAt, credit) is { } mismatch) return mismatch;
                await EnsureQualified(application);
                return Outcome<DepositCreditResult>.Success(Result(application, duplicate: true, late: !earlier.OnTime, earlier));
            }
            if (MoneyRules.Problem(credit.Amount) is { } problem) return Rejection.Validation("amount", problem);
            if (TransactionIdProblem(credit.BankTxnId) is { } invalid) return invalid;
            if (credit.CreditedAt > now.AddMinutes(5)) return Rejection.Validation("creditedAt", "must not be in the future (server time)");
            if (credit.CreditedAt < application.AppliedAt)
                return Rejection.Validation("creditedAt", $"must not be earlier than the application ({application.AppliedAt:O}): the deposit account did not exist before it");

            var (ended, unknown) = await SaleEnded();
            if (unknown is not null) return unknown;
            if (await GrainFactory.GetGrain<IBankTransactionGrain>(credit.BankTxnId).Claim(credit) is { } refused) return refused;
            var onTime = credit.CreditedAt <= application.Submitted.DepositDeadline;
            var credited = new DepositCredited(application.Submitted.ApplicationId, credit.Account, credit.Amount, credit.BankTxnId, credit.CreditedAt, onTime, now,
                LateCredit: ended is null ? null : true);
            await Raise(now, credited);
            if (ended is null) await EnsureQualified(application);
            return Outcome<DepositCreditResult>.Success(Result(application, duplicate: false, late: !onTime, credited));
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(ex);
        }
    }

    public static Rejection? TransactionIdProblem(string? bankTxnId) => ReferenceProblem("bankTxnId", bankTxnId);

    /// <summary>A bank's reference (a credit's transaction id, a refund's reference) is 1..128 characters.</summary>
    public static Rejection? ReferenceProblem(string field, string? reference) =>
        string.IsNullOrEmpty(reference) || reference.Length > 128 ? Rejection.Validation(field, "must be 1..128 characters") : null;

    public async Task<Outcome<ApplicationView>> GetApplication(string bidderId)
    {
        if (!_byBidder.TryGetValue(bidderId, out var application))
            return new Rejection(RejectionCodes.NotQualified, "This bidder has not applied for this listing.");
        try
        {
            await EnsureQualified(application);
        }
        catch (StoreUnavailableException ex)
        {
            logger.LogWarning(ex, "Registration {Listing}: qualification retry failed", ListingId);
        }
        return Outcome<ApplicationView>.Success(View(application));
    }

    public Task<IReadOnlyList<ApplicationView>> GetApplications()
    {
        IReadOnlyList<ApplicationView> views = _byApplication.Values.OrderBy(a => a.AppliedAt).Select(View).ToArray();
        return Task.FromResult(views);
    }

    /// <summary>
    /// Asks the listing for the bidder number once the on-time deposit is complete. Idempotent on both sides,
    /// so a failure here (the credit is already recorded) is simply retried by the next credit or read.
    /// </summary>
    private async Task EnsureQualified(Application application)
    {
        if (application.BidderNo is not null || application.CompletedAt is not { } completedAt) return;
        var outcome = await Listing.QualifyBidder(new QualifyBidder(application.Submitted.ApplicationId, application.Submitted.BidderId,
            application.Submitted.BidderName, application.Submitted.DepositAccount, application.PaidOnTime, completedAt));
        if (outcome.IsSuccess) await Raise(clock.Now, new ApplicationQualified(application.Submitted.ApplicationId, outcome.Value!));
        else logger.LogInformation("Registration {Listing}: {Application} not qualified: {Code}", ListingId, application.Submitted.ApplicationId, outcome.Rejection!.Code);
    }

    /// <summary>A random 13-digit number (R-DEP-01), claimed globally so no two applications share one.</summary>
    private async Task<string> ClaimDepositAccount(string applicationId)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var number = DepositAccountNumbers.Generate();
            var owner = new DepositAccountOwner(ListingId, applicationId);
            if (await GrainFactory.GetGrain<IDepositAccountGrain>(number).Claim(owner)) return number;
        }
        throw new StoreUnavailableException("could not allocate a free deposit account number");
    }

    private ApplicationView View(Application a) =>
        new(a.Submitted.ApplicationId, ListingId, a.Submitted.BidderId, a.Submitted.BidderName, a.Status, a.Submitted.DepositAccount,
            a.Submitted.DepositDue, a.PaidOnTime, a.Submitted.DepositDeadline, a.BidderNo, a.AppliedAt, a.Seq, a.Hash,
            a.Credits.Select(CreditOf).ToArray());

    private static CreditView CreditOf(DepositCredited c) => new(c.BankTxnId, c.Amount, c.CreditedAt, c.ReceivedAt, c.OnTime, c.LateCredit == true);

    private static DepositCreditResult Result(Application a, bool duplicate, bool late, DepositCredited credit) =>
        new(a.Submitted.ApplicationId, a.PaidOnTime, a.Status, duplicate, late, CreditOf(credit));

    private Rejection StoreUnavailable(StoreUnavailableException ex) =>
        new(RejectionCodes.StoreUnavailable, $"The journal store did not confirm the write; retry. ({ex.Message})", ServerTime: clock.Now);
}

/// <summary>Deposit sub-account numbers: 13 random digits, the first non-zero (R-DEP-01).</summary>
public static class DepositAccountNumbers
{
    public static string Generate() =>
        string.Create(13, 0, static (span, _) =>
        {
            span[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
            for (var i = 1; i < span.Length; i++) span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        });

    public static bool IsWellFormed(string? account) =>
        account is { Length: 13 } && account[0] != '0' && account.All(char.IsAsciiDigit);
}
