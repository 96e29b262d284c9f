using Auction.Contracts.Common;
using Auction.Contracts.Listings;

namespace Auction.Silo.Listing;

/// <summary>
/// Rejected bids by (bidder, requestId), so a retry returns the first answer (API.md idempotency). Rejections
/// change nothing and are not journaled, so this memory is bounded and lost on deactivation; a retry after
/// that is judged afresh, which can only refuse again or accept a bid that was never recorded.
/// </summary>
internal sealed class RecentRejections(int capacity)
{
    private readonly Dictionary<(string, string), (decimal Amount, Rejection Rejection)> _byRequest = [];
    private readonly Queue<(string, string)> _order = new();

    public Outcome<BidReceipt>? Find(PlaceBid command)
    {
        if (!_byRequest.TryGetValue((command.BidderId, command.RequestId), out var earlier)) return null;
        return earlier.Amount == command.Amount
            ? earlier.Rejection
            : new Rejection(RejectionCodes.IdempotencyMismatch, $"Request {command.RequestId} was already used for a bid of {earlier.Amount}.");
    }

    public void Remember(PlaceBid command, Rejection rejection)
    {
        // Only rejections that are final for the request: a store outage or malformed id is not remembered.
        if (rejection.Code is RejectionCodes.StoreUnavailable or RejectionCodes.IdempotencyMismatch) return;
        var key = (command.BidderId, command.RequestId);
        if (!_byRequest.TryAdd(key, (command.Amount, rejection))) return;
        _order.Enqueue(key);
        if (_order.Count > capacity) _byRequest.Remove(_order.Dequeue());
    }
}
