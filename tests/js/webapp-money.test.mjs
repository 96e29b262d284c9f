// Unit tests of the web app's money wording (src/Gateway/wwwroot/app/core/money.js): the capital numerals of the bid
// confirmation (大写金额, banking standard), 万元 and yuan. The module is plain ES, loaded straight from wwwroot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseCapital, wan, yuan } from '../../src/Gateway/wwwroot/app/core/money.js';

test('whole amounts end with 整, with 壹 before 拾 and groups of 万 and 亿', () => {
  assert.equal(chineseCapital(14_500_000), '壹仟肆佰伍拾万元整');
  assert.equal(chineseCapital(14_400_000), '壹仟肆佰肆拾万元整');
  assert.equal(chineseCapital(10), '壹拾元整');
  assert.equal(chineseCapital(100_000), '壹拾万元整');
  assert.equal(chineseCapital(100_000_000), '壹亿元整');
  assert.equal(chineseCapital(1_000_000_000_000), '壹万亿元整');
  assert.equal(chineseCapital(0), '零元整');
});

test('one 零 stands for each run of zeros inside and between groups', () => {
  assert.equal(chineseCapital(1001), '壹仟零壹元整');
  assert.equal(chineseCapital(1010), '壹仟零壹拾元整');
  assert.equal(chineseCapital(1100), '壹仟壹佰元整');
  assert.equal(chineseCapital(100_100), '壹拾万零壹佰元整');
  assert.equal(chineseCapital(101_000), '壹拾万壹仟元整');
  assert.equal(chineseCapital(1_000_010), '壹佰万零壹拾元整');
  assert.equal(chineseCapital(100_010_000), '壹亿零壹万元整');
  assert.equal(chineseCapital(100_000_001), '壹亿零壹元整');
  assert.equal(chineseCapital(1_234_567_890), '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元整');
});

test('jiao and fen: 整 after 角, none after 分, 零 for a missing 角 after 元', () => {
  assert.equal(chineseCapital(10.5), '壹拾元伍角整');
  assert.equal(chineseCapital(1.23), '壹元贰角叁分');
  assert.equal(chineseCapital(1000.05), '壹仟元零伍分');
  assert.equal(chineseCapital(0.05), '伍分');
  assert.equal(chineseCapital(0.5), '伍角整');
  assert.equal(chineseCapital(14_500_000.01), '壹仟肆佰伍拾万元零壹分');
});

test('amounts that cannot be written are refused, not mangled', () => {
  assert.throws(() => chineseCapital(-1), RangeError);
  assert.throws(() => chineseCapital(Number.NaN), RangeError);
});

test('万元 keeps every fen and drops trailing zeros; yuan shows fen only when there are some', () => {
  assert.equal(wan(14_500_000), '1,450');
  assert.equal(wan(14_555_500), '1,455.55');
  assert.equal(wan(14_555_500.01), '1,455.550001');
  assert.equal(wan(2_900_000), '290');
  assert.equal(yuan(14_500_000), '14,500,000');
  assert.equal(yuan(10.5), '10.50');
  assert.equal(yuan(1000.3), '1,000.30');
});
