namespace Auction.Contracts.Listings;

/// <summary>Where a page of the catalog ends: its order is (<c>biddingStartsAt</c>, listing id), which never change.</summary>
[GenerateSerializer, Immutable, Alias("auction.catalog-position")]
public sealed record CatalogPosition(
    [property: Id(0)] DateTimeOffset BiddingStartsAt,
    [property: Id(1)] string ListingId);

/// <summary>
/// One page of candidates: listings after <see cref="After"/> of the centre and use asked for that may be in
/// <see cref="Status"/> at <see cref="Now"/>. The catalog's status is only a hint (status follows server time); the
/// caller checks each candidate's own view.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.catalog-query")]
public sealed record CatalogQuery(
    [property: Id(0)] string? CentreId,
    [property: Id(1)] LandUse? Use,
    [property: Id(2)] ListingStatus? Status,
    [property: Id(3)] DateTimeOffset Now,
    [property: Id(4)] CatalogPosition? After,
    [property: Id(5)] int Limit);

[GenerateSerializer, Immutable, Alias("auction.catalog-page")]
public sealed record CatalogPage(
    [property: Id(0)] IReadOnlyList<CatalogEntry> Entries,
    [property: Id(1)] bool More);
