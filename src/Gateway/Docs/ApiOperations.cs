using System.Text.Json.Nodes;
using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Gateway.Endpoints;
using Auction.Gateway.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auction.Gateway.Docs;

/// <summary>
/// Fills in each operation of the OpenAPI document what its <c>IResult</c> handler cannot declare: the success body
/// (<see cref="Responses"/>; an endpoint may instead declare <c>.Produces&lt;T&gt;()</c> itself), the problem responses
/// it can give (application/problem+json with <c>code</c>), the bearer requirement when it needs a role, and the
/// allowed values of enum and time query parameters.
/// </summary>
public static class ApiOperations
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "Problem";

    /// <summary>Success status and body of each API route whose handler returns an <c>IResult</c> (null body: none).</summary>
    public static readonly IReadOnlyDictionary<string, (int Status, Type? Body)> Responses = new Dictionary<string, (int, Type?)>
    {
        ["POST /api/listings"] = (201, typeof(ListingSnapshot)),
        ["GET /api/listings"] = (200, typeof(ListingPage)),
        ["GET /api/listings/{id}"] = (200, typeof(ListingSnapshot)),
        ["POST /api/listings/{id}/reserve"] = (204, null),
        ["POST /api/listings/{id}/suspend"] = (204, null),
        ["POST /api/listings/{id}/resume"] = (204, null),
        ["POST /api/listings/{id}/terminate"] = (204, null),
        ["POST /api/listings/{id}/increment"] = (204, null),
        ["POST /api/listings/{id}/floor-bids"] = (201, typeof(BidReceiptBody)),
        ["POST /api/listings/{id}/hammer"] = (200, typeof(ListingResult)),
        ["GET /api/listings/{id}/applications"] = (200, typeof(CentreApplication[])),
        ["POST /api/listings/{id}/applications"] = (201, typeof(ApplicationCreated)),
        ["GET /api/listings/{id}/applications/mine"] = (200, typeof(MyApplication)),
        ["POST /api/listings/{id}/bids"] = (201, typeof(BidReceiptBody)),
        ["POST /api/listings/{id}/tenders"] = (201, typeof(TenderReceiptBody)),
        ["GET /api/listings/{id}/tenders/mine"] = (200, typeof(TenderReceiptBody)),
        ["POST /api/listings/{id}/evaluation/sheets"] = (201, typeof(SheetReceiptBody)),
        ["GET /api/listings/{id}/bids"] = (200, typeof(PublicBid[])),
        ["GET /api/listings/{id}/events"] = (200, typeof(PublicListingEvent[])),
        ["GET /api/listings/{id}/result"] = (200, typeof(ListingResult)),
        ["POST /api/listings/{id}/area-bids"] = (201, typeof(Auction.Contracts.Caps.AreaBidReceipt)),
        ["POST /api/listings/{id}/lottery/entries"] = (201, typeof(Auction.Contracts.Caps.StageEntryReceipt)),
        ["GET /api/listings/{id}/lottery"] = (200, typeof(Auction.Contracts.Caps.LotteryView)),
        ["POST /api/listings/{id}/one-time/confirmations"] = (201, typeof(Auction.Contracts.Caps.StageEntryReceipt)),
        ["POST /api/listings/{id}/one-time/quotes"] = (201, typeof(Auction.Contracts.Caps.QuoteReceipt)),
        ["GET /api/listings/{id}/one-time/quotes/mine"] = (200, typeof(Auction.Contracts.Caps.QuoteReceipt)),
        ["GET /api/listings/{id}/checkpoint"] = (200, typeof(Auction.Contracts.Records.SignedCheckpoint)),
        ["GET /api/checkpoint-keys"] = (200, typeof(Auction.Contracts.Records.CheckpointKey[])),
        ["GET /api/time"] = (200, typeof(TimeNow)),
        ["POST /api/bank/credits"] = (200, typeof(BankCreditAccepted)),
        ["POST /api/bank/refunds"] = (200, typeof(BankRefundAccepted)),
        ["GET /api/listings/{id}/deposits"] = (200, typeof(DepositRow[])),
        ["GET /api/listings/{id}/notice"] = (200, typeof(Auction.Contracts.AfterSale.ResultNotice)),
        ["POST /api/listings/{id}/notice/publish"] = (200, typeof(Auction.Contracts.AfterSale.ResultNotice)),
        ["GET /api/notices"] = (200, typeof(Auction.Contracts.AfterSale.ResultNotice[])),
        ["GET /api/listings/{id}/confirmation"] = (200, typeof(Auction.Contracts.AfterSale.SaleConfirmation)),
        ["GET /api/regulator/awards"] = (200, typeof(AwardSummary[])),
        ["GET /api/regulator/compliance"] = (200, typeof(ComplianceReport[])),
        ["GET /api/regulator/industrial-prices"] = (200, typeof(Auction.Silo.Compliance.PriceDistribution)),
        ["GET /api/regulator/awards.csv"] = (200, typeof(CsvFile)),
        ["GET /api/regulator/compliance.csv"] = (200, typeof(CsvFile)),
        ["GET /api/regulator/listings/{id}/record"] = (200, typeof(RegulatorRecord)),
        ["GET /api/regulator/listings/{id}/record/verify"] = (200, typeof(Verification)),
        ["POST /api/dev/tokens"] = (200, typeof(DevToken)),
        ["POST /api/dev/bank-credits"] = (200, typeof(BankCreditAccepted)),
        ["POST /api/dev/bank-refunds"] = (200, typeof(BankRefundAccepted)),
        ["GET /api/industrial-floor"] = (200, typeof(FloorComputation)),
        ["GET /api/auth/config"] = (200, typeof(AuthConfig)),
        ["GET /api/me"] = (200, typeof(Caller)),
        ["GET /health/live"] = (200, typeof(Health)),
        ["GET /health/ready"] = (200, typeof(Health)),
    };

    /// <summary>Success bodies that are also served as another media type (by the request's Accept header).</summary>
    private static readonly IReadOnlyDictionary<string, string> AlsoServedAs = new Dictionary<string, string>
    {
        ["GET /api/listings/{id}/confirmation"] = "text/html",
    };

    /// <summary>The media types of a success body: JSON (and an alternative), or a spreadsheet.</summary>
    private static async Task<Dictionary<string, OpenApiMediaType>> Bodies(string key, Type body, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        if (body == typeof(CsvFile))
            return new() { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "UTF-8 with a byte-order mark, one row per listing, RFC 4180 quoting." } } };
        var bodies = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await Schema(body, context, cancellationToken) } };
        if (AlsoServedAs.TryGetValue(key, out var other)) bodies[other] = new OpenApiMediaType { Schema = text };
        return bodies;
    }

    /// <summary>Bodies read by hand (the bank's signature covers the raw bytes), documented as if bound.</summary>
    private static readonly IReadOnlyDictionary<string, Type> RawBodies = new Dictionary<string, Type>
    {
        ["POST /api/bank/credits"] = typeof(BankCreditRequest),
        ["POST /api/bank/refunds"] = typeof(BankRefundRequest),
    };

    private static readonly IReadOnlyDictionary<int, string> ProblemText = new Dictionary<int, string>
    {
        [400] = "MALFORMED_REQUEST: the body or a query parameter could not be read (the detail names the field and what it must be).",
        [401] = "UNAUTHENTICATED (no or an invalid bearer token), or BAD_SIGNATURE (bank callbacks).",
        [403] = "FORBIDDEN (the detail names the role the endpoint needs and the caller's), NOT_LISTING_OWNER, NOT_QUALIFIED, DEPOSIT_NOT_PAID, NOT_CONFIRMED.",
        [404] = "LISTING_NOT_FOUND, APPLICATION_NOT_FOUND, TENDER_NOT_FOUND, UNKNOWN_ACCOUNT, QUOTE_NOT_FOUND, NOT_FOUND.",
        [409] = "The listing's state or an earlier request refuses it, e.g. BID_TOO_LOW (with minNextBid), ABOVE_CAP (with cap), CAP_REACHED, CAP_NOT_REACHED, WRONG_CAP_MODE, ALREADY_JOINED, QUOTING_NOT_OPEN, QUOTE_TAKEN, LISTING_NOT_OPEN, IDEMPOTENCY_MISMATCH, ALREADY_APPLIED, TENDER_ALREADY_SUBMITTED, SHEET_ALREADY_RECORDED.",
        [413] = "PAYLOAD_TOO_LARGE: bodies are limited to 64 KB.",
        [415] = "UNSUPPORTED_MEDIA_TYPE: send the body as application/json.",
        [422] = "VALIDATION_FAILED (errors per field), or a rule such as FLOOR_VIOLATION (with floor), GRADE_MISMATCH (with expectedGrade), ANNOUNCEMENT_TOO_SHORT, RESERVE_TOO_LATE, REFUND_EXCEEDS_BALANCE.",
        [429] = "RATE_LIMITED (with Retry-After and serverTime).",
        [503] = "STORE_UNAVAILABLE, NOT_READY or JOURNAL_CORRUPTED (with Retry-After); retry with the same requestId.",
    };

    public static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var key = $"{description.HttpMethod} /{description.RelativePath?.TrimEnd('/')}";
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];

        if (RawBodies.TryGetValue(key, out var raw))
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await Schema(raw, context, cancellationToken) } },
            };
        if (Responses.TryGetValue(key, out var success) && !operation.Responses.Any(r => r.Key.StartsWith('2') && r.Value.Content is { Count: > 0 }))
        {
            operation.Responses.Remove("200");
            operation.Responses[success.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = success.Status switch { 201 => "Created", 204 => "Done (no body)", _ => "OK" },
                Content = success.Body is null ? null : await Bodies(key, success.Body, context, cancellationToken),
            };
        }

        var needsRole = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsRole)
        {
            context.Document!.Components ??= new OpenApiComponents();
            context.Document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            context.Document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the configured identity provider (Development: POST /api/dev/tokens). Claims: sub, role (centre | bidder | regulator), name, centre.",
            });
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        }

        var hasBody = operation.RequestBody is not null;
        var statuses = new SortedSet<int> { 400, 503 };
        if (needsRole) statuses.UnionWith([401, 403]);
        if (key is "POST /api/bank/credits" or "POST /api/bank/refunds") statuses.UnionWith([401, 404]);
        if (description.RelativePath?.Contains('{', StringComparison.Ordinal) == true) statuses.Add(404);
        if (hasBody) statuses.UnionWith([409, 413, 415, 422]);
        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Query")) statuses.Add(422);
        // Anonymous requests are limited per client address, bids per bidder (Limits/).
        if (!needsRole || metadata.OfType<Limits.BidRateLimited>().Any()) statuses.Add(429);
        var problem = await ProblemReference(context, cancellationToken);
        foreach (var status in statuses)
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
            {
                Description = ProblemText[status],
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            });

        DescribeQueryValues(operation, context);
    }

    /// <summary><c>QueryEnum&lt;T&gt;</c> lists its camelCase values; <c>QueryTime</c> is a date-time that needs an offset.</summary>
    private static void DescribeQueryValues(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var parameter in context.Description.ParameterDescriptions)
        {
            var type = Nullable.GetUnderlyingType(parameter.Type ?? typeof(object)) ?? parameter.Type;
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == parameter.Name) is not { } documented || type is null) continue;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(QueryEnum<>))
                documented.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ApiEnums.Names(type.GetGenericArguments()[0]).Select(n => (JsonNode)JsonValue.Create(n)).ToList(),
                };
            else if (type == typeof(QueryTime))
                documented.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "date-time",
                    Description = $"ISO 8601 with Z or an offset, e.g. {ApiTime.Example}; a time without one is refused.",
                };
        }
    }

    /// <summary>
    /// Money and times have converters of their own (<see cref="ApiJson"/>), which hide their JSON type from the schema
    /// generator: a decimal is a JSON number (format decimal), a time an RFC 3339 string in UTC with Z.
    /// </summary>
    public static Task DescribeValue(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var plain = Nullable.GetUnderlyingType(type);
        var nullable = plain is not null ? JsonSchemaType.Null : 0;
        plain ??= type;
        if (plain == typeof(decimal))
            (schema.Type, schema.Format) = (JsonSchemaType.Number | nullable, "decimal");
        else if (plain == typeof(DateTimeOffset))
            (schema.Type, schema.Format) = (JsonSchemaType.String | nullable, "date-time");
        return Task.CompletedTask;
    }

    /// <summary>A response or raw request body: a reference to a component named after the type (arrays of them inline).</summary>
    private static async Task<IOpenApiSchema> Schema(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (type.IsArray) return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await Schema(type.GetElementType()!, context, cancellationToken) };
        if (context.Document!.Components?.Schemas?.ContainsKey(type.Name) != true)
            context.Document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        return new OpenApiSchemaReference(type.Name, context.Document);
    }

    private static async Task<IOpenApiSchema> ProblemReference(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        return await Schema(typeof(Problem), context, cancellationToken);
    }

    // Bodies that handlers write as anonymous objects, named here for the document only.

    /// <summary>A problem response (RFC 9457) with the API's stable <c>code</c>; the other members appear where API.md says.</summary>
    public sealed record Problem(
        string Type, string Title, int Status, string Detail, string Code,
        IReadOnlyDictionary<string, string[]>? Errors = null, decimal? MinNextBid = null, DateTimeOffset? ServerTime = null,
        FloorComputation? Floor = null, string[]? RequiredRoles = null, string[]? Roles = null, decimal? Cap = null, int? ExpectedGrade = null);

    public sealed record TimeNow(DateTimeOffset ServerTime);

    /// <summary>A spreadsheet download (<c>text/csv</c>), named here for the document only.</summary>
    public sealed record CsvFile;

    /// <summary><c>{ valid: true, events, headHash }</c> or <c>{ valid: false, brokenAtSeq }</c>.</summary>
    public sealed record Verification(bool Valid, long? Events = null, string? HeadHash = null, long? BrokenAtSeq = null);

    public sealed record DevToken(string Token, DateTimeOffset ExpiresAt);

    public sealed record Health(string Status);
}
