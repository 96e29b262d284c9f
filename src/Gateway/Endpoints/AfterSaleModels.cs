using System.Text.Json.Serialization;
using Auction.Contracts.Registration;

namespace Auction.Gateway.Endpoints;

// Bodies of the after-sale endpoints (API.md v2 "After the sale"; extensions are recorded in the README changelog).

/// <summary>
/// One application of the deposits view (API.md v2 pinned: <c>applicationId, bidderNo, bidderName, credited, status,
/// refundDueBy?, refunded, overdue</c>), plus the sub-account, the deposit due, the winner's <c>earnestMoney</c>, what is
/// still <c>refundable</c>, the <c>lateCredited</c> sum, the <c>refundTimeliness</c> (R-COM-10), why a due date cannot be
/// known (<c>refundDueByProblem</c>), and the credits and refunds themselves.
/// </summary>
public sealed record DepositRow(
    string ApplicationId, string? BidderNo, string BidderName, decimal Credited, DepositStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RefundDueBy,
    decimal Refunded, bool Overdue, string DepositAccount, decimal DepositDue, decimal EarnestMoney, decimal Refundable, decimal LateCredited,
    RefundTimeliness RefundTimeliness,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefundDueByProblem,
    IReadOnlyList<CreditView> Credits, IReadOnlyList<RefundView> Refunds)
{
    public static DepositRow Of(DepositPosition p) =>
        new(p.ApplicationId, p.BidderNo, p.BidderName, p.Credited, p.Status, p.RefundDueBy, p.Refunded, p.Overdue, p.DepositAccount, p.DepositDue,
            p.EarnestMoney, p.Refundable, p.LateCredited, p.Timeliness, p.RefundDueByProblem, p.Credits, p.Refunds);
}
