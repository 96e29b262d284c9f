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
/// The bank's credit callback (R-DEP-02): signed, idempotent by bank transaction id (the same id with another
/// account, amount or creditedAt is <c>409 IDEMPOTENCY_MISMATCH</c>), never dated before the application (422).
/// </summary>
public static class BankEndpoints
{
    public const string SignatureHeader = "X-Bank-Signature";

    public static RouteGroupBuilder MapBankEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/bank/credits", async (HttpRequest http, BankSettings bank, IGrainFactory grains, ClusterCalls calls) =>
        {
            // The signature covers the raw bytes, so read them before parsing anything.
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (!SignatureMatches(http.Headers[SignatureHeader].ToString(), body, bank.Secret))
                return Problems.Result(GatewayCodes.BadSignature, $"{SignatureHeader} must be sha256=<hex HMAC-SHA256 of the raw body>.");

            var request = JsonSerializer.Deserialize<BankCreditRequest>(body, ApiJson.Options)
                ?? throw new JsonException("the body must be a JSON object");
            return await Credit(request, grains, calls);
        }).AllowAnonymous().WithTags("Bank");
        return api;
    }

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
            r.Credit?.CreditedAt, r.Credit?.ReceivedAt), ApiJson.Options);
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static bool SignatureMatches(string header, byte[] body, string secret) =>
        header.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant()));
}
