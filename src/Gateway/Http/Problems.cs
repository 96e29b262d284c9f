using Auction.Contracts.Common;
using Microsoft.AspNetCore.Mvc;

namespace Auction.Gateway.Http;

/// <summary>Problem codes the gateway itself raises (the engine's are in <see cref="RejectionCodes"/>).</summary>
public static class GatewayCodes
{
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string BadSignature = "BAD_SIGNATURE";
    public const string RateLimited = "RATE_LIMITED";
    public const string ApplicationNotFound = "APPLICATION_NOT_FOUND";
    public const string NotReady = "NOT_READY";
    public const string InternalError = "INTERNAL_ERROR";
}

/// <summary>RFC 7807 problem responses with the stable <c>code</c> of API.md.</summary>
public static class Problems
{
    /// <summary>The HTTP status of each problem code.</summary>
    public static int StatusOf(string code) => code switch
    {
        RejectionCodes.ValidationFailed or RejectionCodes.AnnouncementTooShort or RejectionCodes.ListingPeriodTooShort
            or RejectionCodes.FloorViolation or RejectionCodes.ReserveBelowStart or RejectionCodes.CalendarNotCovered
            or RejectionCodes.UnknownBidderNo or RejectionCodes.RefundExceedsBalance or RejectionCodes.GradeMismatch => 422,
        RejectionCodes.NotQualified or RejectionCodes.DepositNotPaid or RejectionCodes.NotListingOwner or GatewayCodes.Forbidden
            or RejectionCodes.NotConfirmed or RejectionCodes.NotWinner => 403,
        RejectionCodes.ListingNotFound or RejectionCodes.UnknownAccount or GatewayCodes.NotFound or GatewayCodes.ApplicationNotFound
            or RejectionCodes.CheckpointNotFound or RejectionCodes.TenderNotFound or RejectionCodes.QuoteNotFound => 404,
        // API.md v2 pinned: duplicates are 409.
        RejectionCodes.TenderAlreadySubmitted or RejectionCodes.SheetAlreadyRecorded => 409,
        RejectionCodes.StoreUnavailable or RejectionCodes.JournalCorrupted or GatewayCodes.NotReady => 503,
        GatewayCodes.MalformedRequest => 400,
        GatewayCodes.Unauthenticated or GatewayCodes.BadSignature => 401,
        GatewayCodes.MethodNotAllowed => 405,
        GatewayCodes.PayloadTooLarge => 413,
        GatewayCodes.UnsupportedMediaType => 415,
        GatewayCodes.RateLimited => 429,
        GatewayCodes.InternalError => 500,
        _ => 409,
    };

    public static ProblemDetails Create(string code, string detail, int? status = null)
    {
        var problem = new ProblemDetails
        {
            Status = status ?? StatusOf(code),
            Title = Title(code),
            Detail = detail,
            Type = $"https://auction.example/problems/{code.ToLowerInvariant().Replace('_', '-')}",
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    public static ProblemDetails From(Rejection rejection)
    {
        var problem = Create(rejection.Code, Detail(rejection));
        if (rejection.MinNextBid is { } min) problem.Extensions["minNextBid"] = min;
        if (rejection.Cap is { } cap) problem.Extensions["cap"] = cap;
        if (rejection.ServerTime is { } time) problem.Extensions["serverTime"] = time;
        if (rejection.Floor is { } floor)
            problem.Extensions["floor"] = new { floor.Grade, floor.BasePerM2, floor.Factor, floor.PerM2, floor.Total, floor.Category, floor.AreaM2 };
        if (rejection.Errors is { } errors) problem.Extensions["errors"] = errors;
        if (rejection.ExpectedGrade is { } expectedGrade) problem.Extensions["expectedGrade"] = expectedGrade;
        return problem;
    }

    /// <summary>A validation message names its fields: "requestId must be 1..64 characters", "One or more fields are invalid: a, b."</summary>
    private static string Detail(Rejection rejection) => rejection.Errors switch
    {
        { Count: 1 } errors when errors.Single() is var (field, messages) && messages is [var only] && only == rejection.Message
            && !only.StartsWith(field, StringComparison.Ordinal) => $"{field} {only}",
        { Count: > 0 } errors when rejection.Message.EndsWith("fields are invalid.", StringComparison.Ordinal) =>
            $"{rejection.Message.TrimEnd('.')}: {string.Join(", ", errors.Keys)}.",
        _ => rejection.Message,
    };

    /// <summary>The problem as a response; a 503 also tells the client when to retry (<c>Retry-After</c>).</summary>
    public static IResult Result(ProblemDetails problem) => new ProblemResult(problem);

    private sealed class ProblemResult(ProblemDetails problem) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "1";
            return Results.Json(problem, ApiJson.Options, "application/problem+json", problem.Status).ExecuteAsync(context);
        }
    }

    public static IResult Result(Rejection rejection) => Result(From(rejection));

    public static IResult Result(string code, string detail) => Result(Create(code, detail));

    public static Task Write(HttpContext context, string code, string detail, int? status = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = Create(code, detail, status);
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return Write(context, problem);
    }

    public static Task Write(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        context.Response.Headers.CacheControl = "no-store";
        if (problem.Status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "1";
        return context.Response.WriteAsJsonAsync(problem, ApiJson.Options, "application/problem+json");
    }

    private static string Title(string code) =>
        string.Join(' ', code.Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));
}
