using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Journal;
using Auction.Silo.Listing;
using Auction.Silo.Records;
using Auction.Silo.Rules;
using Auction.Silo.Rules.Calendar;
using CsCheck;

namespace Auction.Rules.Tests.Properties;

/// <summary>
/// DOMAIN §11.3: random command sequences (qualify, bid, advance the clock, suspend, resume, seal a reserve,
/// terminate) run through the same engine the grain uses, and the invariants hold after every step; the record the
/// engine wrote always passes <see cref="RecordVerifier"/> (which re-checks them from the journal alone).
/// </summary>
public sealed class ListingInvariantProperties
{
    private enum Kind { Qualify, Bid, BidAtMinimum, Advance, Suspend, Resume, SealReserve, Terminate }

    private sealed record Step(Kind Kind, int Bidder, int Steps, int Seconds);

    private sealed record Scenario(TimedBiddingStyle Style, IncrementRule Rule, decimal Increment, bool Industrial, Step[] Steps);

    private static readonly Gen<Step> StepGen = Gen.Select(
        Gen.FrequencyConst((3, Kind.Qualify), (10, Kind.Bid), (8, Kind.BidAtMinimum), (8, Kind.Advance), (1, Kind.Suspend), (1, Kind.Resume), (1, Kind.SealReserve), (1, Kind.Terminate)),
        Gen.Int[0, 5], Gen.Int[-1, 4], Gen.OneOfConst(1, 30, 200, 900, 3600, 7200),
        (kind, bidder, steps, seconds) => new Step(kind, bidder, steps, seconds));

    private static readonly Gen<Scenario> ScenarioGen = Gen.Select(
        Gen.Enum<TimedBiddingStyle>(), Gen.Enum<IncrementRule>(), Gen.OneOfConst(0.2m, 1m, 10m), Gen.Bool, StepGen.Array[1, 80],
        (style, rule, increment, industrial, steps) => new Scenario(style, rule, increment, industrial, steps));

    [Fact]
    public void DOMAIN_11_3_invariants_hold_for_random_command_sequences() =>
        ScenarioGen.Sample(Run, iter: 400, threads: 1);

    private static void Run(Scenario scenario)
    {
        var harness = new Harness(scenario);
        foreach (var step in scenario.Steps) harness.Execute(step);
        harness.Execute(new Step(Kind.Resume, 0, 0, 0)); // a suspended listing never ends by itself
        harness.Execute(new Step(Kind.Advance, 0, 0, 86_400)); // run every listing to its end
        harness.CheckEnd();
    }

    /// <summary>Does what <see cref="ListingGrain"/> does, minus Orleans: catch up, decide, record, apply.</summary>
    private sealed class Harness
    {
        private const decimal Reserve = 1234.56m;
        private static readonly CheckpointSigner Signer = CheckpointSigner.Generated();
        private readonly ListingEngine _engine = new(
            new PublicationRules(new ListingRuleSettings { MinAnnouncementDays = 0, MinListingWorkingDays = 0 }, WorkingDayCalendar.China),
            new ListingRuleSettings());
        private readonly ListingState _state = new();
        private readonly List<(JournalEntry Entry, ListingEvent Event)> _log = [];
        private readonly CentreActor _centre = new("officer", "centre");
        private DateTimeOffset _now = new(2026, 5, 11, 1, 0, 0, TimeSpan.Zero);
        private int _request;

        public Harness(Scenario scenario)
        {
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
            var (events, rejection) = _engine.Publish(_state, "L-1", command, _now);
            Assert.Null(rejection);
            Record(events);
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
                    var (qualified, _, _) = _engine.Qualify(_state, new QualifyBidder($"app-{bidder}", bidder, bidder, "1234567890123", 100m, _now));
                    if (qualified is not null) Record(qualified);
                    break;
                case Kind.Bid or Kind.BidAtMinimum:
                    PlaceBid(step);
                    break;
                case Kind.Suspend:
                    Record(_engine.Suspend(_state, _centre, "test").Event);
                    break;
                case Kind.Resume:
                    Record(_engine.Resume(_state, _centre, _now).Event);
                    break;
                case Kind.SealReserve:
                    Record(_engine.SealReserve(_state, _centre, Reserve, _now).Event);
                    break;
                case Kind.Terminate when step.Steps == 4:
                    Record(_engine.Terminate(_state, _centre, "test").Event);
                    break;
            }
            CheckRedaction();
        }

        private void PlaceBid(Step step)
        {
            var min = _engine.MinNextBid(_state) ?? 1000m;
            var amount = step.Kind == Kind.BidAtMinimum ? min : min + step.Steps * _state.Definition!.Increment * 0.5m;
            var bidderId = $"bidder-{step.Bidder}";
            var before = (Stage: _state.Stage, Suspended: _state.IsSuspended, Deadline: _state.Deadline, Highest: _state.Highest?.Fact.Amount, Increment: _state.CurrentIncrement);
            var decision = _engine.Bid(_state, new PlaceBid(bidderId, amount, $"r-{_request++}"), _now);
            if (decision.Accepted is not { } accepted) return;

            // Invariant 2: accepted only inside an open stage window, never while suspended or after the end.
            Assert.Contains(before.Stage, new[] { ListingStage.Open, ListingStage.Timed });
            Assert.False(before.Suspended);
            Assert.True(_now < before.Deadline);
            // Invariant 1: strictly increasing, by the increment rule of the stage.
            Assert.Null(PriceRules.Check(amount, before.Highest, _state.Definition!.StartingPrice, before.Increment, _state.Definition.IncrementRule));
            if (before.Highest is { } highest) Assert.True(amount > highest);
            // Invariant 5: only qualified bidders bid.
            Assert.NotNull(_state.QualifiedBidder(bidderId));
            // Invariant 3: a timed bid moves the deadline to its time plus the countdown.
            if (accepted.Phase == BidPhase.Timed) Assert.Equal(_now.AddSeconds(_state.Definition.TimedBidding.CountdownSeconds), accepted.Deadline);
            Record(accepted);
        }

        public void CheckEnd()
        {
            Assert.True(_state.IsEnded, $"the listing should have ended, it is {_state.Status}");
            if (_state.Closing is { Outcome: CloseOutcome.Sold } sold)
            {
                // Invariants 5 and 6: the winner is qualified; the price is the highest, ≥ reserve and ≥ floor.
                Assert.Contains(_state.QualifiedBidders, q => q.BidderNo == sold.WinnerBidderNo);
                Assert.Equal(_state.Highest!.Fact.Amount, sold.Price);
                if (_state.Reserve is { } reserve) Assert.True(sold.Price >= reserve);
                if (_state.Definition!.Floor is { } floor) Assert.True(sold.Price >= floor.Total);
            }
            // Invariant 7: the log is gapless and each entry chains to the one before.
            Assert.Equal(Enumerable.Range(1, _log.Count).Select(i => (long)i), _log.Select(l => l.Entry.Seq));
            Assert.Null(HashChain.FindBreak(_log.Select(l => l.Entry).ToArray()));
            // And the record verifier, which re-checks the invariants while folding, accepts whatever the engine recorded.
            var entries = _log.Select(l => l.Entry).ToArray();
            var verdict = RecordVerifier.Verify(new RecordEvidence("L-1", entries, Signer.Sign("L-1", entries.Length, entries[^1].Hash, _now)), Signer.Keyring);
            Assert.True(verdict.Valid, $"{verdict.Reason} at {verdict.BrokenAtSeq}: {verdict.Detail}");
        }

        /// <summary>Invariant 4: nothing public carries the reserve before or after the result.</summary>
        private void CheckRedaction()
        {
            var exposed = JsonSerializer.Serialize(new object[]
            {
                _log.Select(l => ListingProjections.ToPublic("L-1", l.Entry, l.Event)).ToArray(),
                ListingProjections.Snapshot("L-1", _state, _now, _engine.MinNextBid(_state)),
            });
            Assert.DoesNotContain("1234.56", exposed, StringComparison.Ordinal);
        }

        private void CatchUp()
        {
            while (_engine.DueTransition(_state, _now) is { } transition) Record(transition);
        }

        private void Record(params ListingEvent?[] events)
        {
            foreach (var evt in events)
            {
                if (evt is null) continue;
                var prev = _log.Count == 0 ? HashChain.Genesis : _log[^1].Entry.Hash;
                var entry = HashChain.Seal(prev, _log.Count + 1, JournalJson.TypeName<ListingEvent>(evt), _now, JournalJson.Serialize<ListingEvent>(evt));
                _state.Apply(entry, evt);
                _log.Add((entry, evt));
            }
        }
    }
}
