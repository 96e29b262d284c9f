using Auction.Contracts.Common;
using Auction.Contracts.Listings;
using Auction.Silo.Rules.Calendar;
using Auction.Silo.Rules.Grades;

namespace Auction.Silo.Rules;

/// <summary>
/// Checks a listing before it is published and resolves its defaults (DOMAIN R-COM-04, R-COM-07/08, R-IND-03/09,
/// §10.5, the price cap of §7.4, and the county grade table of §8.2): what every method shares. What differs by method
/// (the bidding window and its defaults, the method's own block, R-LST-01 for listings) is the method's
/// <see cref="IMethodPublication"/>, what differs by cap mode its <see cref="ICapModePublication"/>. Returns either the
/// definition to publish or one rejection.
/// </summary>
public sealed class PublicationRules(ListingRuleSettings settings, WorkingDayCalendar calendar, CountyGradeTable? grades = null)
{
    private readonly CountyGradeTable _grades = grades ?? CountyGradeTable.Shipped;

    public const int MaxRequestIdLength = 64;
    public const decimal MaxAreaM2 = 100_000_000m; // 100 km²: larger is not a parcel

    public (ListingDefinition? Definition, Rejection? Rejection) Validate(string listingId, PublishListing command, DateTimeOffset now, IMethodPublication method,
        ICapModePublication? capMode = null)
    {
        var errors = new FieldErrors();
        errors.RequireRequestId(command.RequestId);
        errors.RequireText("centre", command.CentreId, 64);
        ValidateParcel(command.Parcel, errors);
        errors.RequireMoney("startingPrice", command.StartingPrice);
        errors.RequireMoney("increment", command.Increment);
        errors.RequireMoney("deposit", command.Deposit);
        if (command.ReservePrice is { } reserve) errors.RequireMoney("reservePrice", reserve);

        var announcedAt = command.AnnouncedAt ?? now;
        // Publishing on the platform is the announcement (R-ONL-07); a backdated one would dodge R-COM-04.
        if (announcedAt > now.AddMinutes(1) || announcedAt < now.AddMinutes(-5))
            errors.Add("announcedAt", "must be the publication time (now, within a few minutes of server time): announcements are neither backdated nor scheduled");
        if (command.BiddingStartsAt <= announcedAt) errors.Add("biddingStartsAt", "must be after announcedAt");
        var context = new PublicationContext(settings, calendar, now, announcedAt);
        var window = method.ResolveWindow(command, context, errors);
        RequireApplicationLead(command, window, errors);
        RequireDepositRatio(command, errors);
        if (command.ReservePrice is not null && settings.ReserveEntryWindowMinutes > 0)
            errors.Add("reservePrice", $"is entered within the last {settings.ReserveEntryWindowMinutes} minutes before the deadline (R-COM-08, Jiangsu): seal it then with POST /reserve");
        PriceCapRules.Validate(command, method, capMode, errors);
        if (errors.Any) return (null, errors.ToRejection());

        // R-COM-04: at least N calendar days from announcement to the start of bidding (every method).
        var lead = command.BiddingStartsAt - announcedAt;
        if (lead < TimeSpan.FromDays(settings.MinAnnouncementDays))
            return (null, new Rejection(RejectionCodes.AnnouncementTooShort,
                $"The announcement must precede the start of bidding by at least {settings.MinAnnouncementDays} days (R-COM-04); it precedes it by {lead.TotalDays:0.##}."));
        if (method.CheckPeriod(command, window, context) is { } period) return (null, period);

        // §8.2: the floor follows the county's grade, so a declared grade the shipped table contradicts is refused.
        var grade = _grades.Judge(command.Parcel);
        if (grade.IsMismatch) return (null, grade.Mismatch());

        // R-IND-03/09: the industrial floor binds the reserve always and the starting price unless a reserve ≥ floor is sealed.
        var floor = IndustrialFloor.For(command.Parcel);
        if (command.ReservePrice is { } sealedReserve)
        {
            if (sealedReserve < command.StartingPrice)
                return (null, new Rejection(RejectionCodes.ReserveBelowStart, $"The reserve {sealedReserve} is below the starting price {command.StartingPrice}."));
            if (floor is not null && sealedReserve < floor.Total)
                return (null, IndustrialFloor.Violation(floor, "The reserve", sealedReserve));
        }
        if (floor is not null && command.StartingPrice < floor.Total && command.ReservePrice is null)
            return (null, IndustrialFloor.Violation(floor, "The starting price", command.StartingPrice));
        if (command.PriceCap is { } cap && PriceCapRules.CheckAgainst(cap.Amount, command.ReservePrice, floor) is { } capProblem)
            return (null, capProblem);

        var parcel = command.Parcel with { IndustrialCategory = IndustrialFloor.AppliesTo(command.Parcel.Use) ? command.Parcel.IndustrialCategory ?? IndustrialCategory.Normal : null };
        var definition = new ListingDefinition(
            listingId, command.CentreId, parcel, command.Method, announcedAt, command.BiddingStartsAt, window.EndsAt,
            window.ApplicationDeadline, window.DepositDeadline, command.StartingPrice, command.Increment, command.IncrementRule,
            command.Deposit, command.TimedBidding, floor, PriceCap: command.PriceCap is { } published ? capMode!.Complete(published) : null,
            GradeSource: grade.Source);
        return (method.Complete(definition, command), null);
    }

    /// <summary>
    /// R-LST-02: applications and deposits close at least <see cref="ListingRuleSettings.MinApplicationLeadHours"/> before
    /// bidding ends (an auction, which has no end, before it starts), so every bidder is qualified when it matters.
    /// </summary>
    private void RequireApplicationLead(PublishListing command, BiddingWindow window, FieldErrors errors)
    {
        if (settings.MinApplicationLeadHours <= 0) return;
        var (closesBy, name) = window.EndsAt is { } endsAt ? (endsAt, "biddingEndsAt") : (command.BiddingStartsAt, "biddingStartsAt");
        var latest = closesBy.AddHours(-settings.MinApplicationLeadHours);
        if (window.ApplicationDeadline > latest)
            errors.Add("applicationDeadline", $"must be at least {settings.MinApplicationLeadHours} hours before {name} (R-LST-02)");
        if (window.DepositDeadline > latest)
            errors.Add("depositDeadline", $"must be at least {settings.MinApplicationLeadHours} hours before {name} (R-LST-02)");
    }

    /// <summary>R-COM-09: real-estate land (commercial, residential, mixed) has a deposit of at least a share of the starting price.</summary>
    private void RequireDepositRatio(PublishListing command, FieldErrors errors)
    {
        if (settings.MinDepositRatio <= 0 || command.Parcel?.Use is not (LandUse.Commercial or LandUse.Residential or LandUse.Mixed)) return;
        var minimum = MoneyRules.CeilingToFen(command.StartingPrice * settings.MinDepositRatio);
        if (command.Deposit < minimum)
            errors.Add("deposit", $"must be at least {settings.MinDepositRatio * 100:0.##}% of the starting price ({minimum}) for {command.Parcel.Use.ToString().ToLowerInvariant()} land (R-COM-09)");
    }

    /// <summary>
    /// R-LST-01 and friends: the number of working days from <paramref name="first"/> to <paramref name="last"/> (China
    /// time, the official calendar, R-CONV-2) is at least <paramref name="minimum"/>; a refusal names the rule.
    /// </summary>
    public static Rejection? RequireWorkingDays(WorkingDayCalendar calendar, DateTimeOffset from, DateTimeOffset to, int minimum, string rule, string what)
    {
        if (minimum <= 0) return null;
        var first = ChinaTime.LocalDate(from);
        var last = ChinaTime.LocalDate(to);
        if (!calendar.TryCountWorkingDays(first, last, out var workingDays))
            return new Rejection(RejectionCodes.CalendarNotCovered,
                $"The holiday calendar does not cover {first:yyyy-MM-dd}..{last:yyyy-MM-dd}; covered years: {string.Join(", ", calendar.CoveredYears.Order())}.");
        return workingDays < minimum
            ? new Rejection(RejectionCodes.ListingPeriodTooShort, $"{what} must span at least {minimum} working days ({rule}); {first:yyyy-MM-dd}..{last:yyyy-MM-dd} has {workingDays}.")
            : null;
    }

    /// <summary>§10.5: maximum grant terms by use (1990 Interim Regulations Art. 12).</summary>
    public static int MaxTermYears(LandUse use) => use switch
    {
        LandUse.Residential => 70,
        LandUse.Commercial => 40,
        _ => 50,
    };

    private static void ValidateParcel(Parcel? parcel, FieldErrors errors)
    {
        if (parcel is null)
        {
            errors.Add("parcel", "is required");
            return;
        }
        errors.RequireText("parcel.parcelNo", parcel.ParcelNo, 64);
        errors.RequireText("parcel.location", parcel.Location, 500);
        if (parcel.CountyCode is null || parcel.CountyCode.Length != 6 || !parcel.CountyCode.All(char.IsAsciiDigit))
            errors.Add("parcel.countyCode", "must be a 6-digit administrative division code");
        if (parcel.AreaM2 <= 0 || parcel.AreaM2 > MaxAreaM2 || decimal.Round(parcel.AreaM2, 2) != parcel.AreaM2)
            errors.Add("parcel.areaM2", $"must be greater than 0 and at most {MaxAreaM2:0} m², with at most 2 decimals");
        var maxTerm = MaxTermYears(parcel.Use);
        if (parcel.TermYears < 1 || parcel.TermYears > maxTerm)
            errors.Add("parcel.termYears", $"must be 1..{maxTerm} years for {parcel.Use.ToString().ToLowerInvariant()} land (§10.5)");
        if (parcel.PlotRatio is { } ratio && (ratio.Min < 0 || ratio.Max < 0 || ratio.Min > ratio.Max || ratio.Max > 100))
            errors.Add("parcel.plotRatio", "must have 0 ≤ min ≤ max ≤ 100");
        if (IndustrialFloor.AppliesTo(parcel.Use))
        {
            if (parcel.LandGrade is not (>= 1 and <= IndustrialFloor.LowestGrade))
                errors.Add("parcel.landGrade", "is required for industrial and warehouse land and must be 1..15");
            return;
        }
        if (parcel.IndustrialCategory is not null and not IndustrialCategory.Normal)
            errors.Add("parcel.industrialCategory", "applies only to industrial and warehouse land");
        if (parcel.LandGrade is { } grade && grade is < 1 or > IndustrialFloor.LowestGrade)
            errors.Add("parcel.landGrade", "must be 1..15");
    }
}

/// <summary>Collects per-field validation errors into one VALIDATION_FAILED rejection.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(error);
    }

    public void RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
    }

    public void RequireRequestId(string? requestId)
    {
        if (string.IsNullOrEmpty(requestId) || requestId.Length > PublicationRules.MaxRequestIdLength)
            Add("requestId", $"must be 1..{PublicationRules.MaxRequestIdLength} characters");
    }

    public void RequireMoney(string field, decimal amount)
    {
        if (MoneyRules.Problem(amount) is { } problem) Add(field, problem);
    }

    public Rejection ToRejection() => Rejection.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
