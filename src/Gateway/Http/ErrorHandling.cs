using System.Text.Json;
using Auction.Contracts.Common;
using Auction.Silo.Journal;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Auction.Gateway.Http;

/// <summary>
/// Turns every failure that escapes an endpoint into a problem response with a code: malformed input is a
/// 400 (worded by <see cref="RequestErrors"/>: fields and allowed values, never .NET types), a number a decimal
/// cannot hold exactly 422, oversized bodies 413, an unreachable cluster or store 503. No request is answered with a
/// bare 500.
/// </summary>
public static class ErrorHandling
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddApiErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseApiErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(error => error.Run(context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>();
            var problem = Classify(failure?.Error, failure?.Endpoint, context.Request);
            if (problem.Status == StatusCodes.Status500InternalServerError)
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Auction.Gateway")
                    .LogError(failure?.Error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            return Problems.Write(context, problem);
        }));
        app.UseStatusCodePages(context =>
        {
            var response = context.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null) return Task.CompletedTask;
            var code = response.StatusCode switch
            {
                404 => GatewayCodes.NotFound,
                405 => GatewayCodes.MethodNotAllowed,
                415 => GatewayCodes.UnsupportedMediaType,
                413 => GatewayCodes.PayloadTooLarge,
                401 => GatewayCodes.Unauthenticated,
                403 => GatewayCodes.Forbidden,
                _ => GatewayCodes.MalformedRequest,
            };
            var detail = response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? RequestErrors.UnsupportedMediaType(context.HttpContext.Request)
                : response.StatusCode switch
                {
                    404 => $"There is nothing at {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.",
                    405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                    _ => $"{response.StatusCode}: {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}",
                };
            return Problems.Write(context.HttpContext, code, detail, response.StatusCode);
        });
        app.Use(LimitBodySize);
        return app;
    }

    /// <summary>64 KB per request body, enforced the same way under Kestrel and the test server.</summary>
    private static async Task LimitBodySize(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Problems.Write(context, GatewayCodes.PayloadTooLarge, $"Request bodies are limited to {MaxBodyBytes} bytes.");
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        context.Request.Body = new LimitedReadStream(context.Request.Body, MaxBodyBytes);
        await next(context);
    }

    private static ProblemDetails Classify(Exception? exception, Endpoint? endpoint, HttpRequest request) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } or PayloadTooLargeException or BadHttpRequestException { InnerException: PayloadTooLargeException } =>
            Problems.Create(GatewayCodes.PayloadTooLarge, $"Request bodies are limited to {MaxBodyBytes} bytes."),
        BadHttpRequestException { InnerException: JsonException json } => RequestErrors.FromJson(json),
        BadHttpRequestException { StatusCode: 415 } => Problems.Create(GatewayCodes.UnsupportedMediaType, RequestErrors.UnsupportedMediaType(request)),
        BadHttpRequestException bad => Problems.Create(GatewayCodes.MalformedRequest, RequestErrors.Describe(bad, endpoint)),
        JsonException json => RequestErrors.FromJson(json),
        DecoderFallbackException => Problems.Create(GatewayCodes.MalformedRequest, "The body is not valid UTF-8."),
        JournalCorruptedException corrupted => Problems.Create(RejectionCodes.JournalCorrupted, corrupted.Message),
        StoreUnavailableException or TimeoutException or OrleansException or SiloUnavailableException =>
            Problems.Create(RejectionCodes.StoreUnavailable, "The trading engine did not answer in time, so the outcome is unknown; retry (a request with a requestId is safe to repeat; check the listing before repeating a centre command)."),
        _ => Problems.Create(GatewayCodes.InternalError, "An unexpected error occurred; it has been logged."),
    };
}

public sealed class PayloadTooLargeException() : Exception("payload too large");

/// <summary>A read-only view of the request body that fails once more than the limit has been read (chunked bodies).</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new PayloadTooLargeException() : read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
