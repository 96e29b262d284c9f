using System.Text.Json;
using Auction.Contracts.Listings;
using Auction.Contracts.Records;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Methods.Caps;
using Auction.Silo.Registration;
using Auction.Silo.Rules;

namespace Auction.Silo.Records;

/// <summary>
/// Everything a listing's record is verified from: the listing stream, its latest signed checkpoint, and (for a
/// full verification) the registration stream, the deposit-account streams of its applications, by account, and the
/// streams of the sealed boxes the sale opened, by box name.
/// <see cref="CheckpointStreamBrokenAtSeq"/> is set when the stored checkpoint stream itself fails its chain.
/// </summary>
public sealed record RecordEvidence(
    string ListingId,
    IReadOnlyList<JournalEntry> Listing,
    SignedCheckpoint? Checkpoint,
    IReadOnlyList<JournalEntry>? Registration = null,
    IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>? DepositAccounts = null,
    long? CheckpointStreamBrokenAtSeq = null,
    IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>? Boxes = null);

/// <summary>
/// The one place that decides whether a record is trustworthy, used by the listing grain (on activation and for
/// <c>record/verify</c>) and by the offline <c>verify</c> command. Pure: no Orleans, no store, no clock. In order:
/// the listing's hash chain; its latest checkpoint (signature by a trusted key, and the stream reaches the signed
/// head with the signed hash); the listing invariants, re-checked while folding the events; then the registration
/// stream and the deposit-account streams (their chains, and that they agree with each other and with the listing);
/// then each sealed box the listing opened (its chain, and that it holds what the opening says, <see cref="SealedBoxCheck"/>).
/// The first problem found is the verdict.
/// </summary>
public static class RecordVerifier
{
    public static ChainVerification Verify(RecordEvidence evidence, CheckpointKeyring keys)
    {
        var listing = evidence.Listing;
        var stream = ListingGrain.StreamOf(evidence.ListingId);
        var count = (long)listing.Count;
        var head = listing.Count == 0 ? null : listing[^1].Hash;
        if (evidence.CheckpointStreamBrokenAtSeq is { } checkpointBroken)
            return Invalid(count, head, VerifyReasons.ChainBroken, checkpointBroken, CheckpointLog.StreamOf(evidence.ListingId),
                $"checkpoint entry {checkpointBroken} does not follow from the one before it: the signed heads were altered", null);

        if (HashChain.FindBreak(listing) is { } broken)
            return Invalid(count, null, VerifyReasons.ChainBroken, broken, stream, $"entry {broken} does not follow from the one before it (its hash, link or sequence number is wrong)", evidence.Checkpoint);

        var checkpoint = evidence.Checkpoint;
        bool? signatureValid = null;
        if (checkpoint is null)
        {
            if (count > 0) return Invalid(count, head, VerifyReasons.NoCheckpoint, null, stream, "the listing has events but no signed checkpoint", null);
        }
        else
        {
            signatureValid = checkpoint.ListingId == evidence.ListingId ? keys.Verify(checkpoint) : false;
            if (signatureValid is null)
                return Invalid(count, head, VerifyReasons.UnknownKey, null, stream, $"the checkpoint names key {checkpoint.KeyId}, which is not a trusted checkpoint key", checkpoint, false);
            if (signatureValid is false)
                return Invalid(count, head, VerifyReasons.SignatureInvalid, null, stream, $"the signature of the checkpoint at seq {checkpoint.Seq} does not verify with key {checkpoint.KeyId}", checkpoint, false);
            if (checkpoint.Seq < 1)
                return Invalid(count, head, VerifyReasons.HeadMismatch, null, stream, $"the checkpoint signs seq {checkpoint.Seq}, which no stream has", checkpoint, true);
            if (count < checkpoint.Seq)
                return Invalid(count, head, VerifyReasons.ShorterThanSignedHead, count + 1, stream, $"the stream ends at seq {count} but seq {checkpoint.Seq} was signed", checkpoint, true);
            if (listing[(int)checkpoint.Seq - 1].Hash != checkpoint.HeadHash)
                return Invalid(count, head, VerifyReasons.HeadMismatch, null, stream, $"the hash at seq {checkpoint.Seq} is not the signed head {checkpoint.HeadHash}: events up to it were rewritten", checkpoint, true);
        }

        var (state, problem) = FoldListing(evidence.ListingId, listing);
        if (problem is not null) return Invalid(count, head, problem.Reason, problem.Seq, stream, problem.Detail, checkpoint, signatureValid);

        if (evidence.Registration is { } registration)
        {
            var registrationProblem = CheckRegistration(evidence.ListingId, state, registration, evidence.DepositAccounts ?? new Dictionary<string, IReadOnlyList<JournalEntry>>());
            if (registrationProblem is not null)
                return Invalid(count, head, registrationProblem.Reason, registrationProblem.Seq, registrationProblem.Stream, registrationProblem.Detail, checkpoint, signatureValid);
        }
        if (evidence.Boxes is { } boxes && SealedBoxCheck.Check(evidence.ListingId, state.OpenedBoxes, boxes) is { } boxProblem)
            return Invalid(count, head, boxProblem.Reason, boxProblem.Seq, boxProblem.Stream, boxProblem.Detail, checkpoint, signatureValid);
        return new ChainVerification(true, count, head, null, checkpoint?.Seq, signatureValid);
    }

    /// <summary>The deposit accounts of a registration stream's applications (whose streams a full verification reads).</summary>
    public static IReadOnlyList<string> DepositAccountsOf(IReadOnlyList<JournalEntry> registration)
    {
        var accounts = new List<string>();
        foreach (var entry in registration)
        {
            try
            {
                if (JournalJson.Deserialize<RegistrationEvent>(entry.Data) is ApplicationSubmitted a && DepositAccountNumbers.IsWellFormed(a.DepositAccount))
                    accounts.Add(a.DepositAccount);
            }
            catch (JsonException)
            {
                // Reported by the verification itself.
            }
        }
        return accounts.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The break a verdict describes (null when valid), for a record shown up to its break.</summary>
    public static RecordBreak? BreakOf(ChainVerification verdict) =>
        verdict.Valid ? null : new RecordBreak(verdict.Reason!, verdict.BrokenAtSeq, verdict.Stream!, verdict.Detail!);

    private static ChainVerification Invalid(long count, string? head, string reason, long? seq, string stream, string detail, SignedCheckpoint? checkpoint, bool? signatureValid = null) =>
        new(false, count, head, seq, checkpoint?.Seq, signatureValid, reason, stream, detail);

    private sealed record Problem(string Reason, long? Seq, string Stream, string Detail);

    /// <summary>Folds the listing's events as the grain does and checks every event against the state before it.</summary>
    private static (ListingState State, Problem? Problem) FoldListing(string listingId, IReadOnlyList<JournalEntry> entries)
    {
        var stream = ListingGrain.StreamOf(listingId);
        var state = new ListingState();
        foreach (var entry in entries)
        {
            ListingEvent evt;
            try
            {
                evt = JournalJson.Deserialize<ListingEvent>(entry.Data);
            }
            catch (JsonException ex)
            {
                return (state, new Problem(VerifyReasons.UnreadableEvent, entry.Seq, stream, $"entry {entry.Seq} ({entry.Type}) is not a listing event: {ex.Message}"));
            }
            if (JournalJson.TypeName(evt) != entry.Type)
                return (state, new Problem(VerifyReasons.UnreadableEvent, entry.Seq, stream, $"entry {entry.Seq} says {entry.Type} but holds {JournalJson.TypeName(evt)}"));
            if (ListingInvariant(listingId, state, entry, evt) is { } why)
                return (state, new Problem(VerifyReasons.InvariantViolated, entry.Seq, stream, $"seq {entry.Seq} ({entry.Type}): {why}"));
            state.Apply(entry, evt);
        }
        return (state, null);
    }

    /// <summary>
    /// What the rules guarantee about each event given the state before it (DOMAIN §11.3): published first and once;
    /// phases in order (announced → open → preparation → timed → capped → closed or terminated; an auction that has too
    /// few bidders fails at its start; a tender closes at its opening or after its evaluation) and nothing after the end
    /// but one result notice; bids only while open and before the deadline, by a qualified bidder, strictly rising, by the
    /// increment rule of their stage (as changed by the centre) and never above the cap; the cap quote followed by
    /// <c>capReached</c> and nothing of a cap stage before it; a sale at the highest bid (for methods awarded by bids,
    /// unless the cap stage decided it) and never below the floor; sealed boxes opened once and only by deciders that keep
    /// them; then what the sale's method adds, or once capped its cap stage.
    /// </summary>
    private static string? ListingInvariant(string listingId, ListingState s, JournalEntry entry, ListingEvent evt)
    {
        if (!s.IsPublished)
            return evt is ListingPublished p
                ? p.Definition.ListingId != listingId ? $"the definition is of listing {p.Definition.ListingId}"
                : p.Definition.PriceCap is { Mode: CapMode.Lottery, LotteryCommitment: null } ? "a lottery is published without its commitment"
                : null
                : "the first event of a listing must be its publication";
        // Only the result notice follows the end (R-COM-14), once.
        if (s.IsEnded)
            return evt is ResultNoticePublished && s.NoticePublishedAt is null ? null : $"nothing but one result notice may follow the end of the listing (seq {s.EndedSeq})";
        if (CapInvariant(s, entry, evt) is { } capProblem) return capProblem;
        switch (evt)
        {
            case ListingPublished:
                return "the listing is published twice";
            case ResultNoticePublished:
                return "the result notice is published only after the sale has ended";
            case ReserveSealed when s.HasReserve:
                return "the reserve is sealed twice";
            case BidderQualified q when s.QualifiedBidders.Any(b => b.BidderNo == q.BidderNo || b.ApplicationId == q.ApplicationId || b.BidderId == q.BidderId):
                return $"bidder number {q.BidderNo} or its application or bidder is qualified twice";
            case BiddingOpened when s.Stage != ListingStage.Announced || s.IsSuspended:
                return $"bidding opens only once, from announced and not suspended (stage {s.Stage})";
            case PreparationStarted when s.Stage != ListingStage.Open || s.IsSuspended:
                return $"preparation starts only from the listing period (stage {s.Stage})";
            case TimedBiddingStarted when s.Stage is not (ListingStage.Open or ListingStage.Preparation) || s.IsSuspended:
                return $"timed bidding starts only after the listing period or preparation (stage {s.Stage})";
            case ListingSuspended when s.IsSuspended:
                return "the listing is suspended twice";
            case ListingResumed when !s.IsSuspended:
                return "the listing resumes without being suspended";
            case ListingResumed r when r.Stage != s.Stage && !(r.Stage == ListingStage.Preparation && s.Stage is ListingStage.Timed or ListingStage.Preparation):
                return $"resuming moves the stage from {s.Stage} to {r.Stage}";
            case ListingClosed { Reason: FailureReason.TooFewBidders } when s.Stage != ListingStage.Announced || s.IsSuspended:
                return $"too few bidders fails a sale only at its start (stage {s.Stage}, suspended {s.IsSuspended})";
            case ListingClosed { Reason: FailureReason.TooFewTenderers } when s.Tenders.Counted is null:
                return "too few tenderers fails a sale only once its tender box is counted (R-TEN-04)";
            case ListingClosed c when c.Reason != FailureReason.TooFewBidders
                && (s.Stage is not (ListingStage.Open or ListingStage.Timed or ListingStage.Evaluating or ListingStage.Capped) || s.IsSuspended):
                return $"the listing closes only from bidding, evaluation or a cap stage (stage {s.Stage}, suspended {s.IsSuspended})";
            case ListingClosed { Outcome: CloseOutcome.Sold } c when GrantMethods.Standard.Of(s).AwardsHighestBid && !s.IsCapped
                && (s.Highest is not { } highest || c.Price != highest.Fact.Amount || c.WinnerBidderNo != highest.Fact.BidderNo):
                return $"sold to {c.WinnerBidderNo} at {c.Price}, which is not the highest bid";
            case ListingClosed { Outcome: CloseOutcome.Sold } c when s.Definition!.Floor is { } floor && c.Price < floor.Total:
                return $"sold at {c.Price}, below the industrial floor {floor.Total}";
            case IncrementChanged i when MoneyRules.Problem(i.Increment) is { } problem:
                return $"the increment {i.Increment} {problem}";
            case IncrementChanged when s.IsCapped || GrantMethods.Standard.Of(s).MinNextBid(s) is null:
                return $"the increment changes only while bidding is open (the listing is {s.StatusName})";
            case BidAccepted b when BidInvariant(s, entry, b) is { } why:
                return why;
            case IRecordsBoxOpening when (CapStages.Standard.Running(s) as object ?? GrantMethods.Standard.Of(s)) is not ISealedSubmissions:
                return "this sale keeps no sealed box to open";
            case IRecordsBoxOpening o when s.OpenedBoxes.Any(b => b.Box == o.Claim().Box):
                return $"box '{o.Claim().Box}' is opened twice";
            case EvaluationSheetRecorded or TendersEvaluated when GrantMethods.Standard.Of(s) is not ICommitteeEvaluation:
                return "this sale has no committee evaluation";
        }
        // What only the sale's method guarantees (e.g. an on-site auction's bids come from the floor), or once capped its cap stage.
        return CapStages.Standard.Running(s) is { } stage ? stage.Invariant(s, entry, evt) : GrantMethods.Standard.Of(s).Invariant(s, entry, evt);
    }

    /// <summary>
    /// CAP-G3: the bid at the cap is followed, in the same append, by <c>capReached</c> for the published mode with the
    /// stage's first deadline; nothing of a cap stage comes before it.
    /// </summary>
    private static string? CapInvariant(ListingState s, JournalEntry entry, ListingEvent evt)
    {
        var cap = s.Definition!.PriceCap;
        var capQuote = cap is not null && !s.IsCapped && s.Highest is { } last && last.Fact.Amount == cap.Amount ? last : null;
        if (capQuote is not null && evt is not CapReached) return $"the cap quote (seq {capQuote.Seq}) must be followed by capReached";
        return evt switch
        {
            CapStageEvent when !s.IsCapped => "a cap-stage event before the cap is reached",
            CapReached when cap is null => "capReached in a sale without a price cap",
            CapReached when capQuote is null || s.IsCapped => "capReached without a bid at the cap just before it",
            CapReached r when capQuote!.Seq != entry.Seq - 1 || capQuote.Fact.At != entry.At || r.BidderNo != capQuote.Fact.BidderNo || r.Amount != cap!.Amount || r.Mode != cap.Mode
                => $"capReached ({r.Mode}, {r.BidderNo}, {r.Amount}) is not the cap quote of seq {capQuote!.Seq} recorded with it",
            CapReached r when CapStages.Standard.Of(s)!.Reached(s, r.BidderNo, r.Amount, entry.At).Deadline != r.Deadline
                => $"the cap stage after a cap quote at {entry.At:O} ends at {CapStages.Standard.Of(s)!.Reached(s, r.BidderNo, r.Amount, entry.At).Deadline:O}, not {r.Deadline:O}",
            _ => null,
        };
    }

    private static string? BidInvariant(ListingState s, JournalEntry entry, BidAccepted b)
    {
        if (s.Stage is not (ListingStage.Open or ListingStage.Timed) || s.IsSuspended)
            return $"a bid while the listing is {s.StatusName}";
        if (entry.At >= s.Deadline) return $"a bid at {entry.At:O}, at or after the deadline {s.Deadline:O}";
        if (b.Phase != s.CurrentPhase) return $"a {b.Phase} bid in stage {s.Stage} ({s.CurrentPhase})";
        if (s.QualifiedBidder(b.BidderId)?.BidderNo != b.BidderNo) return $"bidder number {b.BidderNo} is not the qualified number of its bidder";
        if (s.Highest is { } highest && b.Amount <= highest.Fact.Amount) return $"the bid {b.Amount} does not rise above {highest.Fact.Amount} (seq {highest.Seq})";
        var d = s.Definition!;
        return PriceRules.Check(b.Amount, s.Highest?.Fact.Amount, d.StartingPrice, s.CurrentIncrement, d.IncrementRule, d.PriceCap?.Amount) is { } refused
            ? $"the bid {b.Amount} breaks the increment rule: {refused.Message}"
            : null;
    }

    /// <summary>
    /// The registration stream and the deposit-account streams: intact chains, every qualification in the listing
    /// backed by its application and on-time credits, every account claimed by the application that holds it; late
    /// credits and refunds only after the listing ended, and never more refunded than was credited less the winner's
    /// earnest money (R-COM-10).
    /// </summary>
    private static Problem? CheckRegistration(string listingId, ListingState listing, IReadOnlyList<JournalEntry> entries,
        IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>> accounts)
    {
        var stream = ListingRegistrationGrain.StreamOf(listingId);
        if (HashChain.FindBreak(entries) is { } broken)
            return new Problem(VerifyReasons.ChainBroken, broken, stream, $"entry {broken} does not follow from the one before it (its hash, link or sequence number is wrong)");

        var applications = new Dictionary<string, (ApplicationSubmitted Submitted, decimal OnTime, string? BidderNo)>(StringComparer.Ordinal);
        var transactions = new HashSet<string>(StringComparer.Ordinal);
        var refunds = new HashSet<string>(StringComparer.Ordinal);
        var credited = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var refunded = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            RegistrationEvent evt;
            try
            {
                evt = JournalJson.Deserialize<RegistrationEvent>(entry.Data);
            }
            catch (JsonException ex)
            {
                return new Problem(VerifyReasons.UnreadableEvent, entry.Seq, stream, $"entry {entry.Seq} ({entry.Type}) is not a registration event: {ex.Message}");
            }
            string? why = evt switch
            {
                ApplicationSubmitted a when applications.ContainsKey(a.ApplicationId) || applications.Values.Any(x => x.Submitted.BidderId == a.BidderId || x.Submitted.DepositAccount == a.DepositAccount)
                    => $"application {a.ApplicationId}, its bidder or its account appears twice",
                DepositCredited c when !applications.TryGetValue(c.ApplicationId, out var app) || app.Submitted.DepositAccount != c.Account
                    => $"credit {c.BankTxnId} is for account {c.Account}, which application {c.ApplicationId} does not hold",
                DepositCredited c when !transactions.Add(c.BankTxnId) => $"bank transaction {c.BankTxnId} is credited twice",
                ApplicationQualified q when !applications.ContainsKey(q.ApplicationId) => $"application {q.ApplicationId} is qualified without being submitted",
                ApplicationQualified q when listing.QualifiedApplication(q.ApplicationId)?.BidderNo != q.BidderNo
                    => $"application {q.ApplicationId} is qualified as {q.BidderNo}, but the listing did not issue that number to it",
                DepositCredited { LateCredit: true } c when listing.EndedAt is not { } endedAt || entry.At < endedAt
                    => $"credit {c.BankTxnId} is recorded as a late credit before the listing ended",
                DepositRefunded r when !applications.TryGetValue(r.ApplicationId, out var app) || app.Submitted.DepositAccount != r.Account
                    => $"refund {r.BankRefId} is from account {r.Account}, which application {r.ApplicationId} does not hold",
                DepositRefunded r when !refunds.Add(r.BankRefId) => $"bank refund {r.BankRefId} is recorded twice",
                DepositRefunded r when listing.EndedAt is not { } endedAt || entry.At < endedAt || r.RefundedAt < endedAt
                    => $"refund {r.BankRefId} is recorded before the listing ended",
                DepositRefunded r when refunded.GetValueOrDefault(r.ApplicationId) + r.Amount > Refundable(listing, applications[r.ApplicationId], credited.GetValueOrDefault(r.ApplicationId))
                    => $"refund {r.BankRefId} takes the refunds of application {r.ApplicationId} beyond what it paid in, less the winner's earnest money",
                _ => null,
            };
            if (why is not null) return new Problem(VerifyReasons.RegistrationMismatch, entry.Seq, stream, $"seq {entry.Seq} ({entry.Type}): {why}");
            switch (evt)
            {
                case ApplicationSubmitted a: applications[a.ApplicationId] = (a, 0m, null); break;
                case ApplicationQualified q: applications[q.ApplicationId] = applications[q.ApplicationId] with { BidderNo = q.BidderNo }; break;
                case DepositRefunded r: refunded[r.ApplicationId] = refunded.GetValueOrDefault(r.ApplicationId) + r.Amount; break;
            }
            if (evt is DepositCredited credit)
            {
                credited[credit.ApplicationId] = credited.GetValueOrDefault(credit.ApplicationId) + credit.Amount;
                if (credit.OnTime) applications[credit.ApplicationId] = applications[credit.ApplicationId] with { OnTime = applications[credit.ApplicationId].OnTime + credit.Amount };
            }
        }

        foreach (var q in listing.QualifiedBidders.OrderBy(q => q.BidderNo, StringComparer.Ordinal))
        {
            if (!applications.TryGetValue(q.ApplicationId, out var app) || app.Submitted.BidderId != q.BidderId || app.Submitted.DepositAccount != q.DepositAccount)
                return new Problem(VerifyReasons.RegistrationMismatch, null, stream, $"bidder {q.BidderNo} qualified with application {q.ApplicationId}, which the registration stream does not hold as such");
            if (app.OnTime < q.DepositPaid)
                return new Problem(VerifyReasons.RegistrationMismatch, null, stream, $"bidder {q.BidderNo} qualified with {q.DepositPaid} paid on time, but the registration stream credits {app.OnTime}");
        }

        foreach (var (applicationId, app) in applications)
        {
            var account = app.Submitted.DepositAccount;
            var accountStream = DepositAccountGrain.StreamOf(account);
            var stored = accounts.GetValueOrDefault(account) ?? [];
            if (HashChain.FindBreak(stored) is { } accountBroken)
                return new Problem(VerifyReasons.ChainBroken, accountBroken, accountStream, $"entry {accountBroken} does not follow from the one before it (its hash, link or sequence number is wrong)");
            DepositAccountEvent? first = null;
            try
            {
                if (stored.Count > 0) first = JournalJson.Deserialize<DepositAccountEvent>(stored[0].Data);
            }
            catch (JsonException ex)
            {
                return new Problem(VerifyReasons.UnreadableEvent, 1, accountStream, $"entry 1 is not a deposit-account event: {ex.Message}");
            }
            if (first is not AccountClaimed { Owner: var owner } || owner.ListingId != listingId || owner.ApplicationId != applicationId)
                return new Problem(VerifyReasons.RegistrationMismatch, stored.Count == 0 ? null : 1, accountStream, $"account {account} is not claimed by application {applicationId} of this listing");
        }
        return null;
    }

    /// <summary>All an application paid in, less the deposit the winner keeps as earnest money.</summary>
    private static decimal Refundable(ListingState listing, (ApplicationSubmitted Submitted, decimal OnTime, string? BidderNo) app, decimal credited) =>
        listing.Closing is { Outcome: CloseOutcome.Sold, WinnerBidderNo: { } winner } && app.BidderNo == winner
            ? credited - Math.Min(app.Submitted.DepositDue, app.OnTime)
            : credited;
}
