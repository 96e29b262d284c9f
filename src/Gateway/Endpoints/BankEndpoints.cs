using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Registration;
using Auction.Gateway.Http;
using Auction.Silo.Registration;

namespace Auction.Gateway.Endpoints;

/// <summary>Settings under <c>Auction:Bank</c>.</summary>
public sealed class BankSettings
{
    /// <summary>The HMAC-SHA256 secret shared with the bank (embedded default: <c>dev-bank-secret</c>).</summary>
    public string Secret { get; set; } = "dev-bank-secret";
}

/// <summary>
/// The bank's callbacks, both signed with the shared secret over the raw body: credits (R-DEP-02), idempotent by bank
/// transaction id (the same id with another account, amount or creditedAt is <c>409 IDEMPOTENCY_MISMATCH</c>), never
/// dated before the application (422); refunds after the sale (R-COM-10), idempotent by <c>bankRefId</c> the same way,
/// never more than is refundable (<c>422 REFUND_EXCEEDS_BALANCE</c>).
/// </summary>
public static class BankEndpoints
{
    public const string SignatureHeader = "X-Bank-Signature";

    public static RouteGroupBuilder MapBankEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/bank/credits", async (HttpRequest http, BankSettings bank, IGrainFactory grains, ClusterCalls calls) =>
            await SignedBody<BankCreditRequest>(http, bank) is (null, var request) ? await Credit(request!, grains, calls) : Unsigned())
            .AllowAnonymous().WithTags("Bank");

        api.MapPost("/bank/refunds", async (HttpRequest http, BankSettings bank, IGrainFactory grains, ClusterCalls calls) =>
            await SignedBody<BankRefundRequest>(http, bank) is (null, var request) ? await Refund(request!, grains, calls) : Unsigned())
            .AllowAnonymous().WithTags("Bank");
        return api;
    }

    /// <summary>
    /// The body of a signed callback: the signature covers the raw bytes, so they are checked before anything is parsed.
    /// A bad signature gives a problem and no body.
    /// </summary>
    private static async Task<(string? Problem, T? Body)> SignedBody<T>(HttpRequest http, BankSettings bank) where T : class
    {
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!SignatureMatches(http.Headers[SignatureHeader].ToString(), body, bank.Secret)) return (GatewayCodes.BadSignature, null);
        return (null, JsonSerializer.Deserialize<T>(body, ApiJson.Options) ?? throw new JsonException("the body must be a JSON object"));
    }

    private static IResult Unsigned() => Problems.Result(GatewayCodes.BadSignature, $"{SignatureHeader} must be sha256=<hex HMAC-SHA256 of the raw body>.");

    /// <summary>Records a credit the bank signed (or, with dev tokens, one the demo bank made up: <c>/api/dev/bank-credits</c>).</summary>
    public static async Task<IResult> Credit(BankCreditRequest request, IGrainFactory grains, ClusterCalls calls)
    {
        if (!DepositAccountNumbers.IsWellFormed(request.Account))
            return Problems.Result(Rejection.Validation("account", "must be a 13-digit deposit sub-account number"));

        var outcome = await calls.Idempotent(() => grains.GetGrain<IDepositAccountGrain>(request.Account)
            .Credit(new DepositCredit(request.Account, request.Amount, request.BankTxnId, request.CreditedAt)));
        if (!outcome.IsSuccess) return Problems.Result(outcome.Rejection!);
        var r = outcome.Value!;
        return Results.Json(new BankCreditAccepted(r.ApplicationId, r.DepositPaid, CentreEndpoints.Status(r.Status), r.Duplicate, r.ArrivedLate,
            r.Credit?.CreditedAt, r.Credit?.ReceivedAt, r.Credit?.LateCredit ?? false), ApiJson.Options);
    }

    /// <summary>Records a refund the bank signed (R-COM-10), or, with dev tokens, one the demo bank made up.</summary>
    public static async Task<IResult> Refund(BankRefundRequest request, IGrainFactory grains, ClusterCalls calls)
    {
        if (!DepositAccountNumbers.IsWellFormed(request.Account))
            return Problems.Result(Rejection.Validation("account", "must be a 13-digit deposit sub-account number"));
        var outcome = await calls.Idempotent(() => grains.GetGrain<IDepositAccountGrain>(request.Account)
            .Refund(new DepositRefund(request.Account, request.Amount, request.BankRefId, request.RefundedAt)));
        if (!outcome.IsSuccess) return Problems.Result(outcome.Rejection!);
        var r = outcome.Value!;
        return Results.Json(new BankRefundAccepted(r.ApplicationId, request.Account, r.Status, r.Refunded, r.Refundable, r.Duplicate,
            r.Refund.Amount, r.Refund.RefundedAt, r.Refund.ReceivedAt), ApiJson.Options);
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static bool SignatureMatches(string header, byte[] body, string secret) =>
        header.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant()));
}
