using Auction.Contracts.Common;

namespace Auction.Gateway.Http;

/// <summary>
/// A <c>from</c>/<c>to</c> filter of a query string, both optional and inclusive. Each is read by <see cref="QueryTime"/>
/// (a malformed time or one without an offset is 400 MALFORMED_REQUEST naming it); a range that ends before it starts
/// is 422 VALIDATION_FAILED naming <c>to</c>, rather than an empty answer that looks like "nothing happened".
/// </summary>
public readonly record struct DateRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public static (DateRange Range, IResult? Problem) Of(QueryTime? from, QueryTime? to) =>
        from is { } f && to is { } t && t.Value < f.Value
            ? (default, Problems.Result(Rejection.Validation("to", $"must not be before from ({ApiTime.Format(f.Value)}): the range is inverted")))
            : (new DateRange(from?.Value, to?.Value), null);

    public bool Contains(DateTimeOffset instant) => (From is null || instant >= From) && (To is null || instant <= To);
}
