using System.Text.Json;
using Auction.Contracts.Caps;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Methods.Tender;
using Auction.Silo.Methods.Caps;
using Auction.Silo.Methods.Caps.OneTimeQuote;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using CsCheck;

namespace Auction.Rules.Tests.Properties;

/// <summary>
/// DOMAIN §11.3: random command sequences (qualify, bid, advance the clock, suspend, resume, seal a reserve, change the
/// increment, terminate; for on-site auctions floor bids and the hammer; for tenders sealed tenders and committee sheets;
/// once a price cap is reached the stage's own commands: area bids, lottery entries, one-time confirmations and quotes)
/// run through the same engine the grain uses, on listings of every timed style, on online and on-site auctions (with and
/// without a cap of each mode) and on price and comprehensive tenders, and the invariants hold after every step — among
/// them that nothing public tells anything about a tender, a lottery secret or a one-time quote before its opening; the
/// record the engine wrote (with its boxes) always passes <see cref="RecordVerifier"/> (which re-checks them from the
/// journal alone).
/// </summary>
public sealed class ListingInvariantProperties
{
    private enum Kind { Qualify, Bid, BidAtMinimum, BidAtCap, FloorBid, Advance, Suspend, Resume, SealReserve, ChangeIncrement, Hammer, Terminate, Tender, Sheet, AreaBid, Join, Confirm, Quote }

    private enum Sale { Listing, OnlineAuction, OnSiteAuction, Tender }

    private sealed record Step(Kind Kind, int Bidder, int Steps, int Seconds);

    /// <summary><see cref="CapSteps"/>: the cap is that many increments above the start, half an increment more when <see cref="OffGrid"/>.</summary>
    private sealed record Scenario(Sale Sale, TimedBiddingStyle Style, IncrementRule Rule, decimal Increment, bool Industrial, bool Comprehensive, Step[] Steps,
        CapMode? Cap = null, int CapSteps = 0, bool OffGrid = false);

    /// <summary>
    /// The commands of price sales (listings, auctions) with the cap stages' own; a tender's add sealed tenders and sheets
    /// and keep a few bids, which it refuses.
    /// </summary>
    private static readonly Gen<Kind> PriceKinds = Gen.FrequencyConst((3, Kind.Qualify), (10, Kind.Bid), (8, Kind.BidAtMinimum), (2, Kind.BidAtCap), (6, Kind.FloorBid),
        (8, Kind.Advance), (1, Kind.Suspend), (1, Kind.Resume), (1, Kind.SealReserve), (1, Kind.ChangeIncrement), (1, Kind.Hammer), (1, Kind.Terminate),
        (5, Kind.AreaBid), (4, Kind.Join), (4, Kind.Confirm), (5, Kind.Quote));

    private static readonly Gen<Kind> TenderKinds = Gen.FrequencyConst((3, Kind.Qualify), (12, Kind.Tender), (3, Kind.Sheet), (2, Kind.Bid),
        (8, Kind.Advance), (1, Kind.Suspend), (1, Kind.Resume), (1, Kind.SealReserve), (1, Kind.ChangeIncrement), (1, Kind.Terminate));

    private static Gen<Step> StepGen(Sale sale) => Gen.Select(
        sale == Sale.Tender ? TenderKinds : PriceKinds, Gen.Int[0, 5], Gen.Int[-1, 4], Gen.OneOfConst(1, 30, 200, 900, 3600, 7200),
        (kind, bidder, steps, seconds) => new Step(kind, bidder, steps, seconds));

    /// <summary>Listings and auctions may have a cap; a tender never (its publication refuses one).</summary>
    private static Gen<CapMode?> CapGen(Sale sale) => sale == Sale.Tender
        ? Gen.Const((CapMode?)null)
        : Gen.FrequencyConst((2, (CapMode?)null), (1, CapMode.Lottery), (1, CapMode.HousingArea), (1, CapMode.OneTimeQuote));

    private static readonly Gen<Scenario> ScenarioGen = Gen.Enum<Sale>().SelectMany(sale => Gen.Select(
        Gen.Select(Gen.Enum<TimedBiddingStyle>(), Gen.Enum<IncrementRule>(), Gen.OneOfConst(0.2m, 1m, 10m), Gen.Bool, Gen.Bool, StepGen(sale).Array[1, 80],
            (style, rule, increment, industrial, comprehensive, steps) => new Scenario(sale, style, rule, increment, industrial, comprehensive, steps)),
        Gen.Select(CapGen(sale), Gen.Int[1, 4], Gen.Bool, (cap, capSteps, offGrid) => (Cap: cap, CapSteps: capSteps, OffGrid: offGrid)),
        (scenario, cap) => scenario with { Cap = cap.Cap, CapSteps = cap.CapSteps, OffGrid = cap.OffGrid }));

    [Fact]
    public void DOMAIN_11_3_invariants_hold_for_random_command_sequences() =>
        ScenarioGen.Sample(Run, iter: 800, threads: 1);

    private static void Run(Scenario scenario)
    {
        var harness = new Harness(scenario);
        foreach (var step in scenario.Steps) harness.Execute(step);
        harness.Execute(new Step(Kind.Resume, 0, 0, 0)); // a suspended sale never ends by itself
        harness.Execute(new Step(Kind.Advance, 0, 0, 86_400)); // run every listing and online auction to its end
        harness.Execute(new Step(Kind.Hammer, 0, 0, 0)); // an on-site auction ends by the hammer
        for (var evaluator = 0; evaluator < 5; evaluator++) harness.Execute(new Step(Kind.Sheet, evaluator, 0, 0)); // a committee completes its sheets
        harness.CheckEnd();
    }

    /// <summary>Does what <see cref="ListingGrain"/> does, minus Orleans: catch up (opening a due box), decide, record, apply.</summary>
    private sealed class Harness
    {
        private const decimal Reserve = 1234.56m;
        private static readonly CheckpointSigner Signer = CheckpointSigner.Generated();
        private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
            private readonly ListingEngine _engine = TestListings.RelaxedEngine;
        private readonly RecordLog _journal;
        private readonly CentreActor _centre = new("officer", "centre");
        private readonly List<decimal> _tendered = [];
        private DateTimeOffset _now = new(2026, 5, 11, 1, 0, 0, TimeSpan.Zero);
        private int _request;

        private ListingState State => _journal.State;

        private IEnumerable<(JournalEntry Entry, ListingEvent Event)> Log => _journal.Entries.Zip(_journal.Events);

        public Harness(Scenario scenario)
        {
            _journal = new RecordLog(_engine);
            var timed = scenario.Style switch
            {
                TimedBiddingStyle.Jiangsu => TimedBiddingTerms.JiangsuDefault,
                TimedBiddingStyle.Fujian => TimedBiddingTerms.FujianDefault,
                _ => TimedBiddingTerms.None,
            };
            var use = scenario.Industrial ? LandUse.Industrial : LandUse.Commercial;
            // Industrial: grade 15, 10 m², floor 600 yuan, below the starting price.
            var parcel = new Parcel("P-1", "somewhere", "320585", use, 10m, 40, null, scenario.Industrial ? 15 : null, null);
            var command = new PublishListing("pub", "centre", "officer", parcel, GrantMethod.Listing, _now, _now.AddHours(1), _now.AddHours(5),
                _now.AddHours(4), _now.AddHours(4), 1000m, scenario.Increment, scenario.Rule, 100m, null, timed);
            if (scenario.Sale == Sale.Tender)
                command = command with
                {
                    Method = GrantMethod.Tender, TimedBidding = TimedBiddingTerms.None,
                    Tender = scenario.Comprehensive
                        ? new TenderTerms(TenderEvaluation.Comprehensive, 2, 5, 40m, [new("plan", "Plan", 30m), new("industry", "Industry", 30m)])
                        : new TenderTerms(TenderEvaluation.HighestPrice, scenario.Increment == 1m ? 3 : 1),
                };
            else if (scenario.Sale != Sale.Listing)
                command = command with
                {
                    Method = GrantMethod.Auction, BiddingEndsAt = null, TimedBidding = TimedBiddingTerms.None,
                    ApplicationDeadline = _now.AddMinutes(50), DepositDeadline = _now.AddMinutes(50),
                    // Countdowns long enough for the random clock steps to leave room for bids (1 s … 2 h).
                    Auction = new AuctionTerms(scenario.Sale == Sale.OnSiteAuction ? AuctionMode.OnSite : AuctionMode.Online,
                        scenario.Rule == IncrementRule.IntegerMultiple ? 900 : 3600, scenario.Increment == 1m ? 2 : 1),
                };
            if (scenario.Cap is { } mode) command = command with { PriceCap = Cap(mode, 1000m + scenario.Increment * scenario.CapSteps + (scenario.OffGrid ? scenario.Increment / 2 : 0)) };
            var (events, rejection) = _engine.Publish(State, "L-1", command, _now, Secret);
            Assert.Null(rejection);
            Record(events);
            // An auction starts with the bidders it has: give half of them two, so that most runs get to bid; half of the
            // tenders get three, so that most of those get past the count (R-TEN-04).
            if (scenario.Sale is Sale.OnlineAuction or Sale.OnSiteAuction && !scenario.Industrial || scenario.Cap is not null)
                foreach (var bidder in new[] { 0, 1 }) Execute(new Step(Kind.Qualify, bidder, 0, 0));
            if (scenario.Sale == Sale.Tender && !scenario.Industrial)
                foreach (var bidder in new[] { 0, 1, 2 }) Execute(new Step(Kind.Qualify, bidder, 0, 0));
            // A capped sale starts open, so that most runs reach the cap and spend their steps in its stage.
            if (scenario.Cap is not null) Execute(new Step(Kind.Advance, 0, 0, 3600));
        }

        public void Execute(Step step)
        {
            CatchUp();
            switch (step.Kind)
            {
                case Kind.Advance:
                    _now = _now.AddSeconds(step.Seconds);
                    CatchUp();
                    break;
                case Kind.Qualify:
                    var bidder = $"bidder-{step.Bidder}";
                    var (qualified, _, _) = _engine.Qualify(State, new QualifyBidder($"app-{bidder}", bidder, bidder, "1234567890123", 100m, _now));
                    if (qualified is not null) Record(qualified);
                    break;
                case Kind.Bid or Kind.BidAtMinimum or Kind.BidAtCap or Kind.FloorBid:
                    PlaceBid(step);
                    break;
                case Kind.ChangeIncrement:
                    Record(_engine.ChangeIncrement(State, _centre, State.Definition!.Increment * (step.Steps + 2) / 2, "test", _now).Event);
                    break;
                case Kind.Hammer:
                    Record(_engine.Hammer(State, _centre, _now).Closed);
                    break;
                case Kind.Suspend:
                    Record(_engine.Suspend(State, _centre, "test").Event);
                    break;
                case Kind.Resume:
                    Record(_engine.Resume(State, _centre, _now).Event);
                    break;
                case Kind.SealReserve:
                    Record(_engine.SealReserve(State, _centre, Reserve, _now).Event);
                    break;
                case Kind.Terminate when step.Steps == 4:
                    Record(_engine.Terminate(State, _centre, "test").Event);
                    break;
                case Kind.Tender:
                    SubmitTender(step);
                    break;
                case Kind.Sheet:
                    Record(_engine.RecordSheet(State, _centre, Sheet(step), _now).Events);
                    break;
                case Kind.AreaBid or Kind.Join or Kind.Confirm or Kind.Quote:
                    StageCommand(step);
                    break;
            }
            CheckRedaction();
        }

        /// <summary>A sealed tender (amounts straddle the reserve); sealing it changes nothing anyone else can see.</summary>
        private void SubmitTender(Step step)
        {
            var before = Exposed();
            var amount = 1100.07m + step.Bidder * 55.55m + (step.Steps + 1) * 10m;
            var (receipt, _) = _journal.Tender(new SubmitTender($"bidder-{step.Bidder}", amount, null, $"t-{step.Bidder}-{_request++}"), _now);
            if (receipt is null || receipt.Replayed) return;
            _tendered.Add(amount);
            // Sealed: no event, no view, no count changes (the catch-up before the tender already ran).
            Assert.Equal(before, Exposed());
            Assert.Equal(ListingStage.Open, State.Stage);
        }

        /// <summary>A committee member's sheet scoring every valid tender on every criterion (refused when it does not apply).</summary>
        private EvaluationSheet Sheet(Step step)
        {
            var scores = State.Tenders.Valid.SelectMany(t => new[] { "plan", "industry" }.Select(c =>
                new SheetScore(t.BidderNo, c, (int.Parse(t.BidderNo, System.Globalization.CultureInfo.InvariantCulture) * 7 + step.Bidder * 3 + c.Length) % 31 / (step.Steps is 4 ? 2m : 1m))));
            return new EvaluationSheet(new Evaluator($"e{step.Bidder}", $"Expert {step.Bidder}"), scores.ToArray(), $"s-{_request++}");
        }

        private static PriceCapTerms Cap(CapMode mode, decimal amount) => mode switch
        {
            CapMode.Lottery => new PriceCapTerms(amount, mode),
            CapMode.HousingArea => new PriceCapTerms(amount, mode, HousingArea: new HousingAreaTerms(100m, 10m)),
            _ => new PriceCapTerms(amount, mode, OneTimeQuote: new OneTimeQuoteRange(decimal.Ceiling(amount), decimal.Ceiling(amount) + 50m)),
        };

        /// <summary>A cap-stage command; accepted only while capped, by the stage of the command's own mode.</summary>
        private void StageCommand(Step step)
        {
            var bidderId = $"bidder-{step.Bidder % 3}"; // mostly the bidders qualified at the start, so that the stage sees activity
            var before = (Capped: State.IsCapped, Mode: State.Cap?.Mode, Suspended: State.IsSuspended, Deadline: State.Deadline);
            var requestId = $"r-{_request++}";
            ListingEvent? accepted;
            CapMode mode;
            switch (step.Kind)
            {
                case Kind.AreaBid:
                    mode = CapMode.HousingArea;
                    var leading = State.Cap?.LeadingArea?.AreaM2;
                    accepted = _engine.AreaBid(State, new PlaceAreaBid(bidderId, (leading ?? 90m) + 10m + step.Steps * 5m, requestId), _now).Accepted;
                    break;
                case Kind.Join:
                    mode = CapMode.Lottery;
                    accepted = _engine.JoinLottery(State, new JoinCapStage(bidderId, requestId), _now).Accepted;
                    break;
                case Kind.Confirm:
                    mode = CapMode.OneTimeQuote;
                    accepted = _engine.ConfirmOneTimeQuote(State, new JoinCapStage(bidderId, requestId), _now).Accepted;
                    break;
                default:
                    mode = CapMode.OneTimeQuote;
                    var command = new SubmitQuote(bidderId, decimal.Ceiling(State.Definition!.PriceCap?.Amount ?? 1000m) + step.Bidder * 3 + step.Steps, requestId);
                    var own = State.QualifiedBidder(bidderId) is { } bidder ? _journal.Box(OneTimeQuoteStage.Box).Find(bidder.BidderNo) : null;
                    var decision = _engine.Quote(State, command, own, _now);
                    if (decision.ToSeal is null) return;
                    Assert.True(before.Capped && before.Mode == mode && !before.Suspended && _now < before.Deadline, "a quote sealed outside the quoting window");
                    _engine.QuoteSealed(State, command, _journal.Box(OneTimeQuoteStage.Box).Seal(decision.ToSeal, _now), _now);
                    return;
            }
            if (accepted is null) return;
            // No command of a cap stage is accepted but the stage's own, once capped, before its deadline.
            Assert.True(before.Capped && before.Mode == mode && !before.Suspended && _now < before.Deadline, $"{step.Kind} accepted outside its stage");
            Record(accepted);
        }

        private void PlaceBid(Step step)
        {
            var min = _engine.MinNextBid(State) ?? 1000m;
            var amount = step.Kind switch
            {
                Kind.BidAtMinimum => min,
                Kind.BidAtCap => State.Definition!.PriceCap?.Amount ?? min,
                _ => min + step.Steps * State.Definition!.Increment * 0.5m,
            };
            var bidderId = $"bidder-{step.Bidder}";
            var before = (Stage: State.Stage, Suspended: State.IsSuspended, Deadline: State.Deadline, Highest: State.Highest?.Fact.Amount, Increment: State.CurrentIncrement);
            var decision = step.Kind == Kind.FloorBid
                ? _engine.FloorBid(State, _centre, new FloorBid(State.QualifiedBidder(bidderId)?.BidderNo ?? "999", amount, $"r-{_request++}"), _now)
                : _engine.Bid(State, new PlaceBid(bidderId, amount, $"r-{_request++}"), _now);
            // CAP-G3: once capped no price bid is accepted, whatever its amount.
            if (before.Stage == ListingStage.Capped && !before.Suspended) Assert.True(decision.Rejection?.Code is RejectionCodes.CapReached or RejectionCodes.ValidationFailed, decision.Rejection?.Code);
            if (decision.Accepted is not { } accepted) return;

            // Floor bids only in on-site auctions, online bids never there.
            Assert.Equal(step.Kind == Kind.FloorBid, State.Definition!.Auction?.Mode == AuctionMode.OnSite);

            // Invariant 2: accepted only inside an open stage window, never while suspended or after the end.
            Assert.Contains(before.Stage, new[] { ListingStage.Open, ListingStage.Timed });
            Assert.False(before.Suspended);
            if (before.Deadline is { } deadline) Assert.True(_now < deadline);
            else Assert.Equal(AuctionMode.OnSite, State.Definition.Auction?.Mode); // only the hall has no deadline
            // Invariant 1: strictly increasing, by the increment rule of the stage, never above the cap (CAP-G4).
            Assert.Null(PriceRules.Check(amount, before.Highest, State.Definition!.StartingPrice, before.Increment, State.Definition.IncrementRule, State.Definition.PriceCap?.Amount));
            // CAP-G3: the bid at the cap, and only it, brings capReached in the same append.
            Assert.Equal(amount == State.Definition.PriceCap?.Amount, decision.FollowUps.OfType<CapReached>().Any());
            if (before.Highest is { } highest) Assert.True(amount > highest);
            // Invariant 5: only qualified bidders bid.
            Assert.NotNull(State.QualifiedBidder(bidderId));
            // Invariant 3: a timed bid moves the deadline to its time plus the countdown.
            if (accepted.Phase == BidPhase.Timed) Assert.Equal(_now.AddSeconds(State.Definition.TimedBidding.CountdownSeconds), accepted.Deadline);
            if (State.Definition.Auction is { Mode: AuctionMode.Online } online) Assert.Equal(_now.AddSeconds(online.CountdownSeconds), accepted.Deadline);
            Record(decision.Events);
        }

        public void CheckEnd()
        {
            Assert.True(State.IsEnded, $"the listing should have ended, it is {State.Status}");
            // At most one winner: one end, and a sale names one bidder.
            Assert.True(Log.Count(l => l.Event is ListingClosed or ListingTerminated) == 1, "the sale ends exactly once");
            if (State.Closing is { Outcome: CloseOutcome.Sold } sold)
            {
                // Invariants 5 and 6: the winner is qualified; the price is the highest bid (a tender: the winner's own
                // valid tender; a capped sale: what its stage decided), ≥ reserve and ≥ floor.
                Assert.Contains(State.QualifiedBidders, q => q.BidderNo == sold.WinnerBidderNo);
                if (State.Definition!.Method == GrantMethod.Tender) Assert.Equal(State.Tenders.Valid.Single(t => t.BidderNo == sold.WinnerBidderNo).Amount, sold.Price);
                else if (State.Cap is null) Assert.Equal(State.Highest!.Fact.Amount, sold.Price);
                else Assert.Equal(CapStages.Standard.Of(State)!.DealMethod, sold.DealMethod);
                if (State.Reserve is { } reserve) Assert.True(sold.Price >= reserve);
                if (State.Definition!.Floor is { } floor) Assert.True(sold.Price >= floor.Total);
                // The deal price never exceeds the cap, except a one-time quote's own amount within its range.
                if (State.Definition.PriceCap is { } cap && sold.Price > cap.Amount)
                {
                    Assert.Equal(CapMode.OneTimeQuote, cap.Mode);
                    Assert.Contains(State.Cap!.QuotesOpened!.Quotes, q => q.BidderNo == sold.WinnerBidderNo && q.Amount == sold.Price);
                    Assert.InRange(sold.Price!.Value, cap.OneTimeQuote!.Min, cap.OneTimeQuote.Max);
                }
            }
            // Invariant 7: the log is gapless and each entry chains to the one before.
            var entries = _journal.Entries.ToArray();
            Assert.Equal(Enumerable.Range(1, entries.Length).Select(i => (long)i), entries.Select(e => e.Seq));
            Assert.Null(HashChain.FindBreak(entries));
            // And the record verifier, which re-checks the invariants while folding, accepts whatever the engine recorded
            // (with the streams of the boxes the sale opened).
            var evidence = new RecordEvidence("L-1", entries, Signer.Sign("L-1", entries.Length, entries[^1].Hash, _now), Boxes: _journal.BoxStreams);
            var verdict = RecordVerifier.Verify(evidence, Signer.Keyring);
            Assert.True(verdict.Valid, $"{verdict.Reason} at {verdict.BrokenAtSeq} in {verdict.Stream}: {verdict.Detail}");
        }

        /// <summary>
        /// Invariant 4: nothing public carries the reserve before or after the result; nor (tenders, R-TEN-02/03) any of
        /// the tendered amounts before the box is opened, nor the lottery's secret before the draw, nor a one-time quote
        /// before its box opens.
        /// </summary>
        private void CheckRedaction()
        {
            var exposed = Exposed();
            Assert.DoesNotContain("1234.56", exposed, StringComparison.Ordinal);
            if (State.OpenedBoxes.Count == 0)
                foreach (var amount in _tendered) Assert.DoesNotContain(amount.ToString(System.Globalization.CultureInfo.InvariantCulture), exposed, StringComparison.Ordinal);
            if (State.Cap?.Drawn is null) Assert.DoesNotContain(Convert.ToHexStringLower(Secret), exposed, StringComparison.Ordinal);
            if (State.Cap?.QuotesOpened is null) Assert.DoesNotContain("\"quotes\"", exposed, StringComparison.Ordinal);
        }

        /// <summary>Everything public about the sale: every event's public projection and the view.</summary>
        private string Exposed() => JsonSerializer.Serialize(new object[]
        {
            Log.Select(l => ListingProjections.ToPublic("L-1", l.Entry, l.Event)).ToArray(),
            ListingProjections.Snapshot("L-1", State, _now, _engine.MinNextBid(State)),
        });

        private void CatchUp() => _journal.CatchUp(_now);

        private void Record(params ListingEvent?[] events) => _journal.Record(_now, events);
    }
}
