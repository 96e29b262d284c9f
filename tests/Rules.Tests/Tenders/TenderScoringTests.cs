using System.Security.Cryptography;
using System.Text;
using Auction.Contracts.Listings;
using Auction.Silo.Methods.Tender;
using static Auction.Rules.Tests.TestListings;

namespace Auction.Rules.Tests.Tenders;

/// <summary>
/// The comprehensive evaluation's arithmetic as API.md pins it (R-TEN-05/06): decimal throughout, each figure rounded
/// half-up to 2 places; the ranking's tie-breaks; and the commitment a bidder recomputes with any SHA-256 tool.
/// </summary>
public sealed class TenderScoringTests
{
    private static readonly DateTimeOffset T = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("40", "18000000", "18000000", "40")]          // the highest valid tender takes all the price points
    [InlineData("40", "18000000", "18445000", "39.03")]       // 39.0349688…
    [InlineData("40", "14600000", "15200000", "38.42")]       // 38.4210526…
    [InlineData("50", "1", "400", "0.13")]                    // exactly 0.125: half-up, not to even
    [InlineData("45", "1", "200", "0.23")]                    // exactly 0.225
    [InlineData("33.33", "10000000", "30000000", "11.11")]    // 11.11 exactly
    [InlineData("0", "12345678.91", "20000000", "0")]         // no points for price
    public void R_TEN_05_price_points_are_priceWeight_times_amount_over_the_highest_valid_amount_half_up(string weight, string amount, string highest, string expected) =>
        Assert.Equal(Dec(expected), TenderScoring.PricePoints(Dec(weight), Dec(amount), Dec(highest)));

    [Theory]
    [InlineData("27,28", "27.5")]
    [InlineData("27,28,28", "27.67")]          // 27.666…
    [InlineData("27,27,28", "27.33")]          // 27.333…
    [InlineData("10.01,10", "10.01")]          // exactly 10.005: half-up
    [InlineData("0.01,0,0", "0")]              // 0.00333…
    [InlineData("0.01,0.01,0", "0.01")]        // 0.00666…
    [InlineData("1,1,1,1,2", "1.2")]
    [InlineData("29.99,30,30,30,30", "30")]    // 29.998
    public void R_TEN_05_a_criterions_points_are_the_mean_of_the_committees_scores_half_up(string scores, string expected) =>
        Assert.Equal(Dec(expected), TenderScoring.Mean(scores.Split(',').Select(Dec).ToArray()));

    /// <summary>Five sheets of two criteria (30 points each) over three valid tenders, 40 points for price.</summary>
    [Fact]
    public void R_TEN_05_06_a_worked_evaluation_ranks_by_total_and_the_best_score_beats_the_best_price()
    {
        var terms = ComprehensiveTerms();
        ScoredTender[] tenders = [new("001", 15_200_000m, T), new("002", 14_600_000m, T.AddMinutes(1)), new("003", 15_000_000m, T.AddMinutes(2))];
        var sheets = new[]
        {
            // plan, industry for 001 | 002 | 003
            Sheet(("001", 18, 20), ("002", 28, 27), ("003", 22, 21)),
            Sheet(("001", 19, 20), ("002", 27, 28), ("003", 21, 22)),
            Sheet(("001", 20, 19), ("002", 28, 28), ("003", 22, 22)),
            Sheet(("001", 18, 21), ("002", 26, 27), ("003", 23, 21)),
            Sheet(("001", 20, 20), ("002", 28, 26), ("003", 21, 23)),
        };

        var ranking = TenderScoring.Rank(terms, tenders, sheets);

        // 002: price 40 × 14.6 / 15.2 = 38.4210… → 38.42; plan 137 / 5 = 27.4; industry 136 / 5 = 27.2; total 93.02.
        // 003: price 40 × 15.0 / 15.2 = 39.4736… → 39.47; plan 109 / 5 = 21.8; industry 109 / 5 = 21.8; total 83.07.
        // 001: price 40; plan 95 / 5 = 19; industry 100 / 5 = 20; total 79.
        Assert.Equal(["002", "003", "001"], ranking.Select(r => r.BidderNo));
        Assert.Equal((38.42m, 54.6m, 93.02m), (ranking[0].PricePoints, ranking[0].CriteriaPoints, ranking[0].Total));
        Assert.Equal((27.4m, 27.2m), (ranking[0].Criteria["plan"], ranking[0].Criteria["industry"]));
        Assert.Equal((39.47m, 43.6m, 83.07m), (ranking[1].PricePoints, ranking[1].CriteriaPoints, ranking[1].Total));
        Assert.Equal((40m, 39m, 79m), (ranking[2].PricePoints, ranking[2].CriteriaPoints, ranking[2].Total));
        Assert.Equal(["plan", "industry"], ranking[0].Criteria.Keys);
    }

    /// <summary>The criteria's means are rounded one by one and then summed (API.md v2 pinned), not summed and then rounded.</summary>
    [Fact]
    public void R_TEN_05_criteria_points_sum_the_rounded_means()
    {
        var terms = ComprehensiveTerms() with { CommitteeSize = 3 };
        // plan: (10 + 10 + 10.01) / 3 = 10.00333 → 10.00; industry: the same → 10.00; the sum of unrounded means would be 20.0067 → 20.01.
        var sheets = new[] { Sheet(("001", 10, 10)), Sheet(("001", 10, 10)), Sheet(("001", 10.01m, 10.01m)) };
        var row = Assert.Single(TenderScoring.Rank(terms, [new("001", 100m, T)], sheets));
        Assert.Equal((10m, 10m, 20m, 40m, 60m), (row.Criteria["plan"], row.Criteria["industry"], row.CriteriaPoints, row.PricePoints, row.Total));
    }

    public static TheoryData<string, ScoredTender[], string[]> TieBreaks => new()
    {
        {
            "the higher total wins even at a lower price",
            [new("001", 100m, T), new("002", 80m, T.AddMinutes(-5))], ["002", "001"]
        },
        {
            "equal totals: the higher amount wins",
            [new("001", 90m, T.AddMinutes(-5)), new("002", 100m, T)], ["002", "001"]
        },
        {
            "equal totals and amounts: the earlier tender wins",
            [new("001", 100m, T.AddSeconds(1)), new("002", 100m, T)], ["002", "001"]
        },
    };

    /// <summary>
    /// R-TEN-06 (API.md v2): ties → higher amount, then earlier submittedAt. Scores are chosen so the totals tie where the
    /// case says: 40 × 90 / 100 = 36 price points plus 24 equals 40 plus 20.
    /// </summary>
    [Theory]
    [MemberData(nameof(TieBreaks))]
    public void R_TEN_06_ties_go_to_the_higher_amount_then_the_earlier_tender(string @case, ScoredTender[] tenders, string[] expected)
    {
        var terms = ComprehensiveTerms() with { CommitteeSize = 1 };
        var scores = @case switch
        {
            "the higher total wins even at a lower price" => Sheet(("001", 10, 10), ("002", 25, 25)),   // 001: 40 + 20 = 60; 002: 32 + 50 = 82
            "equal totals: the higher amount wins" => Sheet(("001", 12, 12), ("002", 10, 10)),         // 001: 36 + 24 = 60; 002: 40 + 20 = 60
            _ => Sheet(("001", 10, 10), ("002", 10, 10)),                                                // both 40 + 20 = 60
        };

        var ranking = TenderScoring.Rank(terms, tenders, [scores]);

        Assert.Equal(expected, ranking.Select(r => r.BidderNo));
        if (@case != "the higher total wins even at a lower price") Assert.Equal(ranking[0].Total, ranking[1].Total);
    }

    [Theory]
    [InlineData("18445000", null, "c2dc0e5f727108e613fdedb787ee8e3043471c8984c6e58e681bccf47d6f97da")]
    [InlineData("18445000.5", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "7721c284faecf6c39b036b02cdc42d6fe7c0d5c7dde8b9c4270f31d4994780b2")]
    public void The_commitment_is_plain_SHA_256_of_the_pinned_text_with_the_amount_at_exactly_2_decimals(string amount, string? proposal, string expected)
    {
        // The expected values were computed with coreutils: printf '%s' 'L0123456789abcdef|007|18445000.00||0011…eeff' | sha256sum
        const string salt = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        var text = $"L0123456789abcdef|007|{(proposal is null ? "18445000.00" : "18445000.50")}|{proposal}|{salt}";

        Assert.Equal(text, TenderCommitment.Text("L0123456789abcdef", "007", Dec(amount), proposal, salt));
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        Assert.Equal(expected, TenderCommitment.Of("L0123456789abcdef", "007", Dec(amount), proposal, salt));
    }

    [Fact]
    public void Salts_are_32_random_bytes_in_lowercase_hex()
    {
        var salts = Enumerable.Range(0, 20).Select(_ => TenderCommitment.NewSalt()).ToArray();
        Assert.All(salts, s => Assert.True(TenderCommitment.IsLowerHex256(s), s));
        Assert.Equal(salts.Length, salts.Distinct().Count());
    }

    private static IReadOnlyList<SheetScore> Sheet(params (string BidderNo, decimal Plan, decimal Industry)[] rows) =>
        rows.SelectMany(r => new[] { new SheetScore(r.BidderNo, "plan", r.Plan), new SheetScore(r.BidderNo, "industry", r.Industry) }).ToArray();
}
