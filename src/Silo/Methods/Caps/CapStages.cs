using Auction.Contracts.Listings;
using Auction.Silo.Listing;

namespace Auction.Silo.Methods.Caps;

/// <summary>
/// The cap modes the engine runs, by <see cref="CapMode"/>. Registering a mode is one line in <see cref="Standard"/>; a
/// mode not registered here cannot be published (VALIDATION_FAILED on <c>priceCap.mode</c>).
/// </summary>
public sealed class CapStages
{
    private readonly Dictionary<CapMode, ICapStage> _stages;

    public CapStages(IEnumerable<ICapStage> stages) => _stages = stages.ToDictionary(s => s.Mode);

    /// <summary>Every mode of this build (the deciders are stateless, so one instance serves every host and the verifier).</summary>
    public static CapStages Standard { get; } = new([new HousingArea.HousingAreaStage(), new Lottery.LotteryStage(), new OneTimeQuote.OneTimeQuoteStage()]);

    public ICapStage? For(CapMode mode) => _stages.GetValueOrDefault(mode);

    /// <summary>The stage of the sale's published cap mode, or null when the sale has no cap.</summary>
    public ICapStage? Of(ListingState s) => s.Definition?.PriceCap is { } cap ? For(cap.Mode) : null;

    /// <summary>The stage that runs the sale now: its cap stage once capped, else null (the method runs it).</summary>
    public ICapStage? Running(ListingState s) => s.IsCapped ? Of(s) : null;
}
