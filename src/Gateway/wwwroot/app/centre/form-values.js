// The publish form keeps its values under the JSON paths of the API body (parcel.areaM2, timedBidding.style), so the
// server's per-field errors (errors["parcel.areaM2"]) land next to the right input without a mapping table.

/** A field's id: f-parcel-areaM2. */
export function fieldId(path) {
  return `f-${path.replace(/\./g, '-')}`;
}

/** Beijing wall-clock time for a datetime-local input (the form speaks China time, whatever the browser's zone). */
export function toChinaInput(epochMs) {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A datetime-local value read as China time, as the API wants it: UTC with Z. */
export function fromChinaInput(value) {
  if (!value) return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : value;
}

/** A number from a text input, or undefined when empty (the API then uses its default or says it is required). */
export function numberOrUndefined(text) {
  if (text === undefined || text === null || String(text).trim() === '') return undefined;
  const number = Number(String(text).replace(/[,，\s]/g, ''));
  return Number.isFinite(number) ? number : String(text);
}

/** Sets `value` at a dotted `path` of a nested object (creating the objects on the way). */
export function setPath(target, path, value) {
  if (value === undefined) return target;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
  return target;
}
