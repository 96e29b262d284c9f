// What differs by grant method (listing 挂牌, auction 拍卖, tender 招标) and by price-cap mode (lottery 摇号, housingArea
// 竞配建, oneTimeQuote 一次报价): each has a folder under methods/ that registers its components here, and the shared pages
// ask the registry by the listing's `method` (or `priceCap.mode`). Adding a method is adding its folder and one import in
// methods/index.js.

const methods = new Map();
const capModes = new Map();

/**
 * @param {string} method the API's `method` value
 * @param {{
 *   TermsRows?: Function,       // extra rows of the parcel page's terms table ({ view })
 *   BiddingPanel?: Function,    // what a qualified bidder uses while bidding is open ({ view, live, application })
 *   BidderExtras?: Function,    // what a qualified bidder sees in any status, e.g. a tender receipt ({ view, application, events })
 *   ParcelSection?: Function,   // a section of the parcel page for everyone, e.g. the opened tenders ({ view, events })
 *   centreLinks?: Function,     // (view, t) => [{ href, label }]: the method's own centre pages for this listing
 *   countdownOf?: Function,     // (view, t) => { deadline, label } | undefined: the method's countdown, else the default
 *   PublishFields?: Function,   // the method's part of the centre's publish form ({ values, set, errors })
 *   publishBody?: Function,     // (values) => the method's part of the POST /api/listings body
 *   publishDefaults?: object,   // initial values of its form fields
 *   labels?: object,            // its own words for common fields: { biddingStartsAt: 'auction.startsAt', … } (i18n keys)
 *   hiddenFields?: string[],    // common publish fields the method has no use for (an auction has no biddingEndsAt)
 *   describeEvent?: Function,   // (event, t) => a sentence for an event type only this method has, else null
 * }} parts
 */
export function registerMethod(method, parts) {
  methods.set(method, parts);
}

export function methodParts(method) {
  return methods.get(method) ?? {};
}

export function registeredMethods() {
  return [...methods.keys()];
}

/**
 * Price-cap modes (lottery, housingArea, oneTimeQuote) register the same way: { CapPanel (a qualified bidder's part of
 * the cap stage: { view, application, events }), TermsRows, ParcelSection, PublishFields + publishBody + publishDefaults
 * (the mode's part of the priceCap block), countdownOf, describeEvent }.
 */
export function registerCapMode(mode, parts) {
  capModes.set(mode, parts);
}

export function capModeParts(mode) {
  return capModes.get(mode) ?? {};
}

export function registeredCapModes() {
  return [...capModes.keys()];
}

/** The parts that apply to one listing: its method's, then its cap mode's (when it publishes a cap). */
export function partsOf(view) {
  return [methodParts(view.method), ...(view.priceCap ? [capModeParts(view.priceCap.mode)] : [])];
}

/** A sentence for any event a method or cap mode knows, else null. */
export function describeMethodEvent(event, t) {
  for (const parts of [...methods.values(), ...capModes.values()]) {
    const text = parts.describeEvent?.(event, t);
    if (text) return text;
  }
  return null;
}
