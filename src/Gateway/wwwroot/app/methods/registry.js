// What differs by grant method (listing 挂牌 today; auction 拍卖 and tender 招标 later) and by price-cap mode: each has
// a folder under methods/ that registers its components here, and the shared pages ask the registry by the listing's
// `method` (or `priceCap.mode`). Adding a method is adding its folder and one import in methods/index.js.

const methods = new Map();
const capModes = new Map();

/**
 * @param {string} method the API's `method` value
 * @param {{
 *   TermsRows?: Function,       // extra rows of the parcel page's terms table ({ view })
 *   BiddingPanel?: Function,    // what a qualified bidder uses to take part ({ view, live, application })
 *   PublishFields?: Function,   // the method's part of the centre's publish form ({ values, set, errors })
 *   publishBody?: Function,     // (values) => the method's part of the POST /api/listings body
 *   publishDefaults?: object,   // initial values of its form fields
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

/** Price-cap modes (lottery, housingArea, oneTimeQuote) register the same way: { CapPanel, TermsRows, describeEvent }. */
export function registerCapMode(mode, parts) {
  capModes.set(mode, parts);
}

export function capModeParts(mode) {
  return capModes.get(mode) ?? {};
}

/** A sentence for any event a method or cap mode knows, else null. */
export function describeMethodEvent(event, t) {
  for (const parts of [...methods.values(), ...capModes.values()]) {
    const text = parts.describeEvent?.(event, t);
    if (text) return text;
  }
  return null;
}
