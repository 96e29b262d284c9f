using Auction.Contracts.Listings;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods;

/// <summary>
/// The grant methods the engine runs, by <see cref="GrantMethod"/>. Registering a method is one line in
/// <see cref="Standard"/>; a method not registered here cannot be published (VALIDATION_FAILED on <c>method</c>).
/// </summary>
public sealed class GrantMethods
{
    private readonly Dictionary<GrantMethod, IGrantMethod> _methods;

    public GrantMethods(IEnumerable<IGrantMethod> methods) => _methods = methods.ToDictionary(m => m.Method);

    /// <summary>Every method of this build (the deciders are stateless, so one instance serves every host and the verifier).</summary>
    public static GrantMethods Standard { get; } = new([new Listing.ListingMethod(), new Auction.AuctionMethod(), new Tender.TenderMethod()]);

    public IGrantMethod? For(GrantMethod method) => _methods.GetValueOrDefault(method);

    /// <summary>The method of a published sale.</summary>
    public IGrantMethod Of(ListingState s) => _methods[s.Definition!.Method];

    public IReadOnlyCollection<GrantMethod> Supported => _methods.Keys;
}
