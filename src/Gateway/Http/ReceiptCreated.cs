namespace Auction.Gateway.Http;

/// <summary>
/// 201 with a receipt (bids, tenders, committee sheets): the command is idempotent in the listing's own record, so a
/// repeat of its requestId returns the same body and says so in <c>Idempotent-Replay</c>.
/// </summary>
public sealed class ReceiptCreated(object body, bool replayed) : IResult
{
    public Task ExecuteAsync(HttpContext context)
    {
        if (replayed) context.Response.Headers["Idempotent-Replay"] = "true";
        context.Response.StatusCode = StatusCodes.Status201Created;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), ApiJson.Options);
    }
}
