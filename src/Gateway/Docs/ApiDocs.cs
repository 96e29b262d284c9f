using Auction.Gateway.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Auction.Gateway.Docs;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and, in Development, the interactive reference (<c>/scalar</c>).
/// The document is served in Development, and elsewhere only when <c>Auction:OpenApi:Enabled</c> is true. Request
/// schemas come from the endpoints; what the endpoints' <c>IResult</c>s hide (success bodies, problem responses,
/// the bearer scheme, query value lists) is added by <see cref="ApiOperations"/>.
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/scalar";

    public static bool Enabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Auction:OpenApi:Enabled", environment.IsDevelopment());

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Land-grant trading platform API",
                    Version = "v1",
                    Description = "API.md as served: JSON in camelCase, times in UTC with Z (a time without an offset is refused), " +
                        "money as decimal yuan with at most 2 decimals. Errors are application/problem+json with a stable `code`. " +
                        "Authenticate with `Authorization: Bearer <JWT>` (the hub also takes `access_token` in its query string).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(ApiOperations.Describe);
            options.AddSchemaTransformer(ApiOperations.DescribeValue);
        });

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        if (!Enabled(app.Configuration, app.Environment)) return app;
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        // The interactive reference only where the public development key is accepted anyway; no CDN fonts, no telemetry.
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference(ReferencePath, options =>
            {
                options.Title = "Land-grant trading platform API";
                options.DefaultFonts = false;
                options.Telemetry = false;
                options.AddPreferredSecuritySchemes(ApiOperations.BearerScheme);
            }).AllowAnonymous();
        return app;
    }
}
