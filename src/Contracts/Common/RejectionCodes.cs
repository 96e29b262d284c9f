namespace Auction.Contracts.Common;

/// <summary>
/// The stable problem codes of API.md. The gateway maps each to its HTTP status; the engine only names them.
/// Codes marked "extension" are additions to API.md v1 recorded in the README changelog.
/// </summary>
public static class RejectionCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string AnnouncementTooShort = "ANNOUNCEMENT_TOO_SHORT";
    public const string ListingPeriodTooShort = "LISTING_PERIOD_TOO_SHORT";
    public const string FloorViolation = "FLOOR_VIOLATION";
    public const string ReserveAlreadySet = "RESERVE_ALREADY_SET";
    public const string ReserveBelowStart = "RESERVE_BELOW_START";
    public const string ReserveTooLate = "RESERVE_TOO_LATE";
    public const string ApplicationClosed = "APPLICATION_CLOSED";
    public const string AlreadyApplied = "ALREADY_APPLIED";
    public const string UnknownAccount = "UNKNOWN_ACCOUNT";
    public const string NotQualified = "NOT_QUALIFIED";
    public const string DepositNotPaid = "DEPOSIT_NOT_PAID";
    public const string ListingNotOpen = "LISTING_NOT_OPEN";
    public const string BiddingClosed = "BIDDING_CLOSED";
    public const string ListingSuspended = "LISTING_SUSPENDED";
    public const string BidTooLow = "BID_TOO_LOW";
    public const string BidNotStepMultiple = "BID_NOT_STEP_MULTIPLE";
    public const string IdempotencyMismatch = "IDEMPOTENCY_MISMATCH";
    public const string NotClosed = "NOT_CLOSED";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";

    // Extensions to API.md v1.
    public const string ListingNotFound = "LISTING_NOT_FOUND";
    public const string ListingExists = "LISTING_EXISTS";
    public const string NotListingOwner = "NOT_LISTING_OWNER";
    public const string InvalidTransition = "INVALID_TRANSITION";
    public const string CalendarNotCovered = "CALENDAR_NOT_COVERED";
    public const string QualificationClosed = "QUALIFICATION_CLOSED";
    public const string NoQuoteWindow = "NO_QUOTE_WINDOW";
    public const string JournalCorrupted = "JOURNAL_CORRUPTED";

    // Extensions (issue 13): deployment rules of DOMAIN [L]/[U].
    public const string ReserveTooEarly = "RESERVE_TOO_EARLY";
    public const string SelfOutbid = "SELF_OUTBID";

    // API.md v2: auctions.
    public const string WrongChannel = "WRONG_CHANNEL";
    public const string UnknownBidderNo = "UNKNOWN_BIDDER_NO";
    public const string CheckpointNotFound = "CHECKPOINT_NOT_FOUND";

    // API.md v2: tenders (TENDER_NOT_FOUND is an extension: GET …/tenders/mine of a caller without a tender).
    public const string TenderAlreadySubmitted = "TENDER_ALREADY_SUBMITTED";
    public const string SheetAlreadyRecorded = "SHEET_ALREADY_RECORDED";
    public const string TenderNotFound = "TENDER_NOT_FOUND";
    // API.md v2: price caps (最高限价, DOMAIN §7).
    public const string AboveCap = "ABOVE_CAP";
    public const string CapReached = "CAP_REACHED";
    public const string AlreadyJoined = "ALREADY_JOINED";
    public const string QuotingNotOpen = "QUOTING_NOT_OPEN";
    public const string NotConfirmed = "NOT_CONFIRMED";
    public const string QuoteAlreadySubmitted = "QUOTE_ALREADY_SUBMITTED";
    public const string QuoteTaken = "QUOTE_TAKEN";

    // Extensions for price caps: a cap-stage command before the cap is reached, or for a mode the sale does not have.
    public const string CapNotReached = "CAP_NOT_REACHED";
    public const string WrongCapMode = "WRONG_CAP_MODE";
    public const string QuoteNotFound = "QUOTE_NOT_FOUND";

    // API.md v2: after the sale and the county grade table.
    public const string RefundExceedsBalance = "REFUND_EXCEEDS_BALANCE";
    public const string GradeMismatch = "GRADE_MISMATCH";

    // Extensions (issue 13, after the sale): the notice published twice, a confirmation of a sale that failed or for
    // someone who did not win it.
    public const string NoticeAlreadyPublished = "NOTICE_ALREADY_PUBLISHED";
    public const string NotSold = "NOT_SOLD";
    public const string NotWinner = "NOT_WINNER";
}
