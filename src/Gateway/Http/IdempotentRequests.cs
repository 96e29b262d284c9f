using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Contracts.Idempotency;

namespace Auction.Gateway.Http;

/// <summary>What a successful create returns: the body and where the resource lives.</summary>
public sealed record CreatedResource(object Body, string Location);

/// <summary>
/// API.md idempotency for create commands: the first success is stored per (scope, caller, requestId); a retry
/// with the same body gets the same status and body with <c>Idempotent-Replay: true</c>, with another body
/// <c>409 IDEMPOTENCY_MISMATCH</c>. Refusals are not stored: they changed nothing and are judged again.
/// </summary>
public sealed class IdempotentRequests(IGrainFactory grains, ClusterCalls calls)
{
    public const int MaxRequestIdLength = 64;

    public static Rejection? CheckRequestId(string? requestId) =>
        string.IsNullOrEmpty(requestId) || requestId.Length > MaxRequestIdLength
            ? Rejection.Validation("requestId", $"must be 1..{MaxRequestIdLength} characters")
            : null;

    public async Task<IResult> Create(string scope, string caller, string requestId, object request, Func<Task<Outcome<CreatedResource>>> execute)
    {
        if (CheckRequestId(requestId) is { } invalid) return Problems.Result(invalid);
        var fingerprint = Fingerprint(request);
        var record = grains.GetGrain<IIdempotencyGrain>($"{scope}/{Hash(caller)}/{Hash(requestId)}");
        if (await calls.Idempotent(() => record.Find(fingerprint)) is { } earlier) return Replay(earlier, requestId);

        var outcome = await execute();
        if (!outcome.IsSuccess) return Problems.Result(outcome.Rejection!);
        var body = JsonSerializer.Serialize(outcome.Value!.Body, outcome.Value.Body.GetType(), ApiJson.Options);
        var stored = await calls.Idempotent(() => record.Save(new IdempotentResponse(fingerprint, StatusCodes.Status201Created, body, outcome.Value.Location)));
        return stored.Response.Body == body ? Respond(stored.Response, replay: false) : Replay(stored, requestId);
    }

    private static IResult Replay(IdempotentReplay stored, string requestId) =>
        stored.SameRequest
            ? Respond(stored.Response, replay: true)
            : Problems.Result(new Rejection(RejectionCodes.IdempotencyMismatch, $"requestId '{requestId}' was already used with a different body."));

    private static IResult Respond(IdempotentResponse stored, bool replay) => new StoredResult(stored, replay);

    public static string Fingerprint(object request) => Hash(JsonSerializer.Serialize(request, request.GetType(), ApiJson.Options));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private sealed class StoredResult(IdempotentResponse stored, bool replay) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = stored.Status;
            if (stored.Location is not null) context.Response.Headers.Location = stored.Location;
            if (replay) context.Response.Headers["Idempotent-Replay"] = "true";
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync(stored.Body);
        }
    }
}
