namespace Auction.Contracts.Common;

/// <summary>
/// The answer to a command or query that can be refused. Refusals are values, never exceptions across the
/// grain boundary (ARCHITECTURE §3), and a refused command changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.outcome`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Rejection? Rejection)
{
    public bool IsSuccess => Rejection is null;

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Fail(Rejection rejection) => new(default, rejection);

    public static implicit operator Outcome<T>(Rejection rejection) => Fail(rejection);

    /// <summary>The value of a successful outcome; throws when it was refused (for callers that checked).</summary>
    public T Expect() => IsSuccess ? Value! : throw new InvalidOperationException($"{Rejection!.Code}: {Rejection.Message}");
}

/// <summary>Marker for commands whose success carries no value.</summary>
[GenerateSerializer, Immutable, Alias("auction.done")]
public sealed record Done
{
    public static readonly Done Value = new();
}

/// <summary>
/// Why a command was refused: a stable <see cref="Code"/> from <see cref="RejectionCodes"/> (the API's
/// problem <c>code</c>), a human message, and optional details the API exposes (<see cref="Cap"/>: the price cap a bid
/// exceeded, with <c>ABOVE_CAP</c>; <see cref="ExpectedGrade"/>: the grade the county table expects, with
/// <c>GRADE_MISMATCH</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("auction.rejection")]
public sealed record Rejection(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] decimal? MinNextBid = null,
    [property: Id(3)] DateTimeOffset? ServerTime = null,
    [property: Id(4)] FloorComputation? Floor = null,
    [property: Id(5)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(6)] decimal? Cap = null,
    [property: Id(7)] int? ExpectedGrade = null)
{
    public static Rejection Validation(string field, string error) =>
        new(RejectionCodes.ValidationFailed, error, Errors: new Dictionary<string, string[]> { [field] = [error] });

    public static Rejection Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(RejectionCodes.ValidationFailed, "One or more fields are invalid.", Errors: errors);
}

/// <summary>The industrial floor for one parcel (DOMAIN §8.5), as shown to centres and regulators.</summary>
[GenerateSerializer, Immutable, Alias("auction.floor")]
public sealed record FloorComputation(
    [property: Id(0)] int Grade,
    [property: Id(1)] decimal BasePerM2,
    [property: Id(2)] decimal Factor,
    [property: Id(3)] decimal PerM2,
    [property: Id(4)] decimal Total,
    [property: Id(5)] string Category,
    [property: Id(6)] decimal AreaM2);
