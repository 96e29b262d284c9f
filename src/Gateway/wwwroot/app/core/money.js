// Money as the trading centres write it: yuan with at most 2 decimals, 万元 (ten thousand yuan), and the capital
// numerals of the bid confirmation (大写金额, the banking standard: 壹仟肆佰伍拾万元整). Pure functions: unit-tested with node.

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** Whole fen of an amount in yuan (exact for amounts with at most 2 decimals). */
export function toFen(amount) {
  return Math.round(Number(amount) * 100);
}

/** Whether an amount is a positive number of yuan with at most 2 decimals (as MoneyRules accepts). */
export function hasAtMostTwoDecimals(amount) {
  return Number.isFinite(amount) && Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;
}

/** The capital numerals of a non-negative amount below 10^16 yuan, to the fen. */
export function chineseCapital(amount) {
  const fen = toFen(amount);
  if (!Number.isSafeInteger(fen) || fen < 0 || fen >= 1e18) throw new RangeError(`cannot write ${amount} in capital numerals`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let text = yuan > 0 ? integerPart(yuan) + '元' : '';
  if (jiao === 0 && cents === 0) return text + '整';
  if (jiao > 0) text += DIGITS[jiao] + '角';
  else if (yuan > 0) text += '零';
  if (cents > 0) return text + DIGITS[cents] + '分';
  return text + '整';
}

/** 1450 0000 → 壹仟肆佰伍拾万: groups of four digits, one 零 for each run of zeros between non-zero digits. */
function integerPart(yuan) {
  const groups = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let text = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (group === 0) {
      zeroPending = text.length > 0;
      continue;
    }
    if (text.length > 0 && (zeroPending || group < 1000)) text += '零';
    text += groupText(group) + GROUPS[g];
    zeroPending = false;
  }
  return text;
}

function groupText(group) {
  let text = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      zero = text.length > 0;
      continue;
    }
    if (zero) text += '零';
    text += DIGITS[digit] + PLACES[place];
    zero = false;
  }
  return text;
}

/** An amount in 万元 with grouping and no trailing zeros: 14500000 → "1,450", 14555500 → "1,455.55". */
export function wan(amount) {
  const fen = toFen(amount);
  const whole = Math.trunc(fen / 1_000_000);
  const rest = Math.abs(fen % 1_000_000);
  const decimals = rest === 0 ? '' : '.' + String(rest).padStart(6, '0').replace(/0+$/, '');
  return (fen < 0 && whole === 0 ? '-' : '') + group(whole) + decimals;
}

/** An amount in yuan with grouping; fen shown only when there are any: 14500000 → "14,500,000", 10.5 → "10.50". */
export function yuan(amount) {
  const fen = toFen(amount);
  const whole = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return (fen < 0 && whole === 0 ? '-' : '') + group(whole) + (rest === 0 ? '' : '.' + String(rest).padStart(2, '0'));
}

function group(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
