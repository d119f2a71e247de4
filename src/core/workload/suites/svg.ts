/**
 * The "svg" task-suite family: small SVG utilities that build markup strings and geometry.
 *
 * The serial chain is a sparkline-dashboard pipeline (round a number -> format it -> points ->
 * path data -> line and area paths -> element -> document -> data URI -> embedded image -> row
 * -> grid -> dashboard -> titled dashboard -> HTML <img>). Every chain step imports the step
 * before it and calls it, so the dependency is real: a broken step breaks every later test.
 * The independent tasks are standalone helpers (colours, transforms, elements, geometry, a bar
 * chart) that import nothing.
 *
 * Code is written with String.raw so regex backslashes survive; the solutions and tests avoid
 * backticks and placeholders, except the few tests that splice in SPARK_100x20 on purpose.
 */
import type { Suite, Task, TestCase } from '../types';

const js = String.raw;

/** A task before a variant gives it an id, dependencies and a file path. */
interface TaskSpec {
  exportName: string;
  title: string;
  description: string;
  reference: string;
  wrong: string;
  tests: TestCase[];
}

const SPARK_100x20 =
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20" viewBox="0 0 100 20">' +
  '<path d="M 0,20 L 50,0 L 100,10 L 100,20 L 0,20 Z" fill="steelblue" stroke="none"/></svg>';

// ---------------------------------------------------------------- the chain

const roundTo: TaskSpec = {
  exportName: 'roundTo',
  title: 'Round a number',
  description:
    'Create src/roundTo.js exporting `function roundTo(value, digits = 2)` that returns a number. ' +
    'Compute Math.round(value * 10 ** digits) / 10 ** digits (halves round up, toward +Infinity), ' +
    'and return 0 instead of -0 (e.g. add 0 to the result). Examples: roundTo(3.14159) === 3.14, ' +
    'roundTo(1.23456, 3) === 1.235, roundTo(12.6, 0) === 13, roundTo(-0.001) === 0. ' +
    'Throw TypeError if value is not a number; throw RangeError if value is NaN or infinite, ' +
    'or if digits is not an integer from 0 to 10. No imports.',
  reference: js`export function roundTo(value, digits = 2) {
  if (typeof value !== 'number') throw new TypeError('value must be a number');
  if (!Number.isFinite(value)) throw new RangeError('value must be finite');
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
    throw new RangeError('digits must be an integer from 0 to 10');
  }
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0;
}
`,
  wrong: js`export function roundTo(value, digits = 2) {
  if (typeof value !== 'number') throw new TypeError('value must be a number');
  if (!Number.isFinite(value)) throw new RangeError('value must be finite');
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
`,
  tests: [
    { name: 'rounds to two decimals by default', code: js`assert.equal(roundTo(3.14159), 3.14);
assert.equal(roundTo(2.71828), 2.72);` },
    { name: 'uses the digits argument', code: js`assert.equal(roundTo(1.23456, 3), 1.235);
assert.equal(roundTo(12.6, 0), 13);
assert.equal(roundTo(7, 4), 7);` },
    { name: 'keeps the sign of negative values', code: js`assert.equal(roundTo(-7.891), -7.89);
assert.equal(roundTo(-2.5, 0), -2);` },
    { name: 'never returns negative zero', code: js`assert.equal(roundTo(-0.001), 0);
assert.equal(roundTo(-0.4, 0), 0);` },
    { name: 'throws TypeError for a non-number', code: js`assert.throws(() => roundTo('3.1'), TypeError);
assert.throws(() => roundTo(null), TypeError);` },
    { name: 'throws RangeError for bad digits or a non-finite value', code: js`assert.throws(() => roundTo(1, -1), RangeError);
assert.throws(() => roundTo(1, 1.5), RangeError);
assert.throws(() => roundTo(1, 11), RangeError);
assert.throws(() => roundTo(Infinity), RangeError);
assert.throws(() => roundTo(NaN), RangeError);` },
  ],
};

const formatNumber: TaskSpec = {
  exportName: 'formatNumber',
  title: 'Format a number for SVG',
  description:
    'Create src/formatNumber.js exporting `function formatNumber(value, digits = 2)` that returns a string. ' +
    "Import `import { roundTo } from './roundTo.js';`. Round with roundTo(value, digits), write the result " +
    'with toFixed(digits), then remove trailing zeros and a trailing "." (only when the text has a "."). ' +
    'Never use exponent notation. Examples: formatNumber(5) === "5", formatNumber(10.5) === "10.5", ' +
    'formatNumber(3.14159, 4) === "3.1416", formatNumber(100, 0) === "100", formatNumber(0.0000001, 8) === "0.0000001", ' +
    'formatNumber(-0.001) === "0". Errors from roundTo propagate (TypeError for a non-number, RangeError for NaN, Infinity or bad digits).',
  reference: js`import { roundTo } from './roundTo.js';

export function formatNumber(value, digits = 2) {
  const text = roundTo(value, digits).toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
`,
  wrong: js`import { roundTo } from './roundTo.js';

export function formatNumber(value, digits = 2) {
  return String(roundTo(value, digits));
}
`,
  tests: [
    { name: 'drops trailing zeros', code: js`assert.equal(formatNumber(5), '5');
assert.equal(formatNumber(2.5), '2.5');
assert.equal(formatNumber(10.5), '10.5');` },
    { name: 'rounds to the given digits', code: js`assert.equal(formatNumber(3.14159), '3.14');
assert.equal(formatNumber(3.14159, 4), '3.1416');
assert.equal(formatNumber(-7.891), '-7.89');` },
    { name: 'keeps zeros of whole numbers', code: js`assert.equal(formatNumber(100, 0), '100');
assert.equal(formatNumber(1200.4, 0), '1200');
assert.equal(formatNumber(30), '30');` },
    { name: 'never uses exponent notation', code: js`assert.equal(formatNumber(0.0000001, 8), '0.0000001');
assert.equal(formatNumber(0.00000123, 8), '0.00000123');` },
    { name: 'writes tiny negatives as 0', code: js`assert.equal(formatNumber(-0.001), '0');
assert.equal(formatNumber(-0.004), '0');` },
    { name: 'throws for bad input', code: js`assert.throws(() => formatNumber('1'), TypeError);
assert.throws(() => formatNumber(NaN), RangeError);
assert.throws(() => formatNumber(1, 20), RangeError);` },
  ],
};

const formatPoint: TaskSpec = {
  exportName: 'formatPoint',
  title: 'Format a point',
  description:
    'Create src/formatPoint.js exporting `function formatPoint(x, y, digits = 2)` that returns the string "x,y" ' +
    '(a comma, no spaces). Import `import { formatNumber } from \'./formatNumber.js\';` and format each ' +
    'coordinate with formatNumber(coordinate, digits). Examples: formatPoint(10, 20) === "10,20", ' +
    'formatPoint(1.23456, -0.001) === "1.23,0", formatPoint(1.23456, 2.5, 3) === "1.235,2.5". ' +
    'Errors from formatNumber propagate: TypeError for a non-number coordinate, RangeError for NaN or Infinity.',
  reference: js`import { formatNumber } from './formatNumber.js';

export function formatPoint(x, y, digits = 2) {
  return formatNumber(x, digits) + ',' + formatNumber(y, digits);
}
`,
  wrong: js`import { formatNumber } from './formatNumber.js';

export function formatPoint(x, y, digits = 2) {
  return formatNumber(x) + ',' + formatNumber(y);
}
`,
  tests: [
    { name: 'joins with a comma', code: js`assert.equal(formatPoint(10, 20), '10,20');
assert.equal(formatPoint(-3, 4.25), '-3,4.25');` },
    { name: 'rounds and cleans each coordinate', code: js`assert.equal(formatPoint(1.23456, -0.001), '1.23,0');
assert.equal(formatPoint(1.5, 2.5), '1.5,2.5');` },
    { name: 'passes digits on', code: js`assert.equal(formatPoint(1.23456, 2.5, 3), '1.235,2.5');
assert.equal(formatPoint(7.6, 2.4, 0), '8,2');` },
    { name: 'throws for bad coordinates', code: js`assert.throws(() => formatPoint('1', 2), TypeError);
assert.throws(() => formatPoint(1, Infinity), RangeError);` },
  ],
};

const pointsAttribute: TaskSpec = {
  exportName: 'pointsAttribute',
  title: 'Points attribute',
  description:
    'Create src/pointsAttribute.js exporting `function pointsAttribute(points, digits = 2)` that returns the ' +
    'text of an SVG points attribute. points is an array of [x, y] arrays. Import ' +
    "`import { formatPoint } from './formatPoint.js';`, format each point with formatPoint(x, y, digits) and join " +
    'them with one space. Example: pointsAttribute([[0, 0], [10, 5.5]]) === "0,0 10,5.5"; an empty array gives "". ' +
    'Throw TypeError if points is not an array or if any point is not an array of exactly 2 items.',
  reference: js`import { formatPoint } from './formatPoint.js';

export function pointsAttribute(points, digits = 2) {
  if (!Array.isArray(points)) throw new TypeError('points must be an array');
  return points
    .map((point) => {
      if (!Array.isArray(point) || point.length !== 2) throw new TypeError('each point must be [x, y]');
      return formatPoint(point[0], point[1], digits);
    })
    .join(' ');
}
`,
  wrong: js`import { formatPoint } from './formatPoint.js';

export function pointsAttribute(points, digits = 2) {
  if (!Array.isArray(points)) throw new TypeError('points must be an array');
  return points.map(([x, y]) => formatPoint(x, y, digits)).join(' ');
}
`,
  tests: [
    { name: 'joins points with spaces', code: js`assert.equal(pointsAttribute([[0, 0], [10, 5], [20, 0]]), '0,0 10,5 20,0');` },
    { name: 'gives an empty string for no points', code: js`assert.equal(pointsAttribute([]), '');` },
    { name: 'formats through formatPoint', code: js`assert.equal(pointsAttribute([[0.333333, 2]]), '0.33,2');
assert.equal(pointsAttribute([[1.234, 5.678]], 1), '1.2,5.7');` },
    { name: 'throws TypeError when points is not an array', code: js`assert.throws(() => pointsAttribute('0,0 1,1'), TypeError);
assert.throws(() => pointsAttribute(null), TypeError);` },
    { name: 'throws TypeError for a malformed point', code: js`assert.throws(() => pointsAttribute([[1, 2, 3]]), TypeError);
assert.throws(() => pointsAttribute([[1, 2], [3]]), TypeError);` },
  ],
};

const pathData: TaskSpec = {
  exportName: 'pathData',
  title: 'Path data from points',
  description:
    'Create src/pathData.js exporting `function pathData(points, closed = false)` that returns an SVG path "d" string. ' +
    "Import `import { pointsAttribute } from './pointsAttribute.js';` and call pointsAttribute(points) to get the " +
    'formatted "x,y" pairs (split it on spaces). Output "M " + first pair, then " L " + each further pair, then " Z" ' +
    'if closed is true. Example: pathData([[0, 0], [10, 0], [10, 10]], true) === "M 0,0 L 10,0 L 10,10 Z"; ' +
    'pathData([[5, 5]]) === "M 5,5". Throw RangeError if points is an empty array. TypeError errors from ' +
    'pointsAttribute (points not an array, bad point) propagate.',
  reference: js`import { pointsAttribute } from './pointsAttribute.js';

export function pathData(points, closed = false) {
  const pairs = pointsAttribute(points).split(' ');
  if (points.length === 0) throw new RangeError('a path needs at least one point');
  return 'M ' + pairs.join(' L ') + (closed ? ' Z' : '');
}
`,
  wrong: js`import { pointsAttribute } from './pointsAttribute.js';

export function pathData(points, closed = false) {
  const pairs = pointsAttribute(points).split(' ');
  return 'M ' + pairs.join(' L ') + (closed ? ' Z' : '');
}
`,
  tests: [
    { name: 'builds an open path', code: js`assert.equal(pathData([[0, 0], [10, 0], [10, 10]]), 'M 0,0 L 10,0 L 10,10');` },
    { name: 'closes the path with Z', code: js`assert.equal(pathData([[0, 0], [10, 0], [10, 10]], true), 'M 0,0 L 10,0 L 10,10 Z');` },
    { name: 'a single point is just a move', code: js`assert.equal(pathData([[5, 5]]), 'M 5,5');` },
    { name: 'rounds coordinates to two decimals', code: js`assert.equal(pathData([[0.125, 1 / 3], [2.999, 4]]), 'M 0.13,0.33 L 3,4');` },
    { name: 'throws RangeError for no points', code: js`assert.throws(() => pathData([]), RangeError);` },
    { name: 'throws TypeError for bad points', code: js`assert.throws(() => pathData(null), TypeError);
assert.throws(() => pathData([[1, 2], 'x']), TypeError);` },
  ],
};

const linePath: TaskSpec = {
  exportName: 'linePath',
  title: 'Line chart path',
  description:
    'Create src/linePath.js exporting `function linePath(values, width, height)` returning the path "d" of a line chart. ' +
    "Import `import { pathData } from './pathData.js';`. With n = values.length, min and max of values, point i is " +
    '[x, y]: x = i * width / (n - 1) (x = 0 when n is 1); y = height - (v - min) / (max - min) * height, or height / 2 ' +
    'when max === min. Return pathData(points) (open). Example: linePath([0, 10, 5], 100, 20) === "M 0,20 L 50,0 L 100,10". ' +
    'Throw TypeError if values is not an array of numbers; RangeError if it is empty or width or height is not > 0.',
  reference: js`import { pathData } from './pathData.js';

export function linePath(values, width, height) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) {
    throw new TypeError('values must be an array of numbers');
  }
  if (values.length === 0) throw new RangeError('values must not be empty');
  if (!(width > 0) || !(height > 0)) throw new RangeError('width and height must be positive');
  const min = Math.min(...values);
  const max = Math.max(...values);
  const points = values.map((v, i) => [
    values.length === 1 ? 0 : (i * width) / (values.length - 1),
    max === min ? height / 2 : height - ((v - min) / (max - min)) * height,
  ]);
  return pathData(points);
}
`,
  wrong: js`import { pathData } from './pathData.js';

export function linePath(values, width, height) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) {
    throw new TypeError('values must be an array of numbers');
  }
  if (values.length === 0) throw new RangeError('values must not be empty');
  if (!(width > 0) || !(height > 0)) throw new RangeError('width and height must be positive');
  const min = Math.min(...values);
  const max = Math.max(...values);
  const points = values.map((v, i) => [
    values.length === 1 ? 0 : (i * width) / (values.length - 1),
    max === min ? height / 2 : ((v - min) / (max - min)) * height,
  ]);
  return pathData(points);
}
`,
  tests: [
    { name: 'maps values into the box with y flipped', code: js`assert.equal(linePath([0, 10, 5], 100, 20), 'M 0,20 L 50,0 L 100,10');` },
    { name: 'draws equal values in the middle', code: js`assert.equal(linePath([3, 3, 3], 10, 8), 'M 0,4 L 5,4 L 10,4');` },
    { name: 'a single value sits at x = 0', code: js`assert.equal(linePath([7], 10, 8), 'M 0,4');` },
    { name: 'rounds coordinates through pathData', code: js`assert.equal(linePath([0, 1, 2, 3], 10, 10), 'M 0,10 L 3.33,6.67 L 6.67,3.33 L 10,0');` },
    { name: 'handles negative values', code: js`assert.equal(linePath([-5, 5], 10, 10), 'M 0,10 L 10,0');` },
    { name: 'throws for bad input', code: js`assert.throws(() => linePath([], 10, 10), RangeError);
assert.throws(() => linePath([1, 2], 0, 10), RangeError);
assert.throws(() => linePath([1, 2], 10, -5), RangeError);
assert.throws(() => linePath([1, 'a'], 10, 10), TypeError);` },
  ],
};

const areaPath: TaskSpec = {
  exportName: 'areaPath',
  title: 'Area chart path',
  description:
    'Create src/areaPath.js exporting `function areaPath(values, width, height)` returning the path "d" of an area chart ' +
    '(the line chart closed down to the bottom edge). Import `import { linePath } from \'./linePath.js\';`. Return ' +
    'linePath(values, width, height) + " L W,H L 0,H Z" where W is width and H is height written with String(). ' +
    'Example: areaPath([0, 10, 5], 100, 20) === "M 0,20 L 50,0 L 100,10 L 100,20 L 0,20 Z". ' +
    'Errors from linePath propagate (TypeError for bad values, RangeError for empty values or non-positive sizes).',
  reference: js`import { linePath } from './linePath.js';

export function areaPath(values, width, height) {
  return linePath(values, width, height) + ' L ' + width + ',' + height + ' L 0,' + height + ' Z';
}
`,
  wrong: js`import { linePath } from './linePath.js';

export function areaPath(values, width, height) {
  return linePath(values, width, height) + ' L 0,' + height + ' L ' + width + ',' + height + ' Z';
}
`,
  tests: [
    { name: 'closes the line down to the baseline', code: js`assert.equal(areaPath([0, 10, 5], 100, 20), 'M 0,20 L 50,0 L 100,10 L 100,20 L 0,20 Z');` },
    { name: 'works for a flat series', code: js`assert.equal(areaPath([2, 2], 10, 6), 'M 0,3 L 10,3 L 10,6 L 0,6 Z');` },
    { name: 'keeps the rounded line points', code: js`assert.equal(areaPath([0, 1, 2, 3], 10, 10), 'M 0,10 L 3.33,6.67 L 6.67,3.33 L 10,0 L 10,10 L 0,10 Z');` },
    { name: 'ends at the bottom corners', code: js`assert.ok(areaPath([1, 4, 2, 8], 30, 12).endsWith(' L 30,12 L 0,12 Z'));` },
    { name: 'throws for bad input', code: js`assert.throws(() => areaPath([], 10, 10), RangeError);
assert.throws(() => areaPath('abc', 10, 10), TypeError);` },
  ],
};

const areaElement: TaskSpec = {
  exportName: 'areaElement',
  title: 'Area path element',
  description:
    'Create src/areaElement.js exporting `function areaElement(values, width, height, fill = \'steelblue\')` that returns ' +
    "one SVG element string. Import `import { areaPath } from './areaPath.js';`. Return " +
    '\'<path d="D" fill="F" stroke="none"/>\' where D is areaPath(values, width, height) and F is fill. ' +
    'Check fill first: throw TypeError if fill is not a string; throw RangeError if fill is empty or contains a double quote ("). ' +
    'Errors from areaPath propagate.',
  reference: js`import { areaPath } from './areaPath.js';

export function areaElement(values, width, height, fill = 'steelblue') {
  if (typeof fill !== 'string') throw new TypeError('fill must be a string');
  if (fill === '' || fill.includes('"')) throw new RangeError('fill must be a colour without quotes');
  return '<path d="' + areaPath(values, width, height) + '" fill="' + fill + '" stroke="none"/>';
}
`,
  wrong: js`import { areaPath } from './areaPath.js';

export function areaElement(values, width, height, fill = 'steelblue') {
  if (typeof fill !== 'string') throw new TypeError('fill must be a string');
  if (fill === '') throw new RangeError('fill must not be empty');
  return '<path d="' + areaPath(values, width, height) + '" fill="' + fill + '" stroke="none"/>';
}
`,
  tests: [
    { name: 'uses steelblue by default', code: js`assert.equal(areaElement([0, 10, 5], 100, 20), '<path d="M 0,20 L 50,0 L 100,10 L 100,20 L 0,20 Z" fill="steelblue" stroke="none"/>');` },
    { name: 'uses the given fill', code: js`assert.equal(areaElement([2, 2], 10, 6, '#ff0000'), '<path d="M 0,3 L 10,3 L 10,6 L 0,6 Z" fill="#ff0000" stroke="none"/>');` },
    { name: 'throws TypeError for a non-string fill', code: js`assert.throws(() => areaElement([1, 2], 10, 10, 5), TypeError);` },
    { name: 'throws RangeError for an empty or quoted fill', code: js`assert.throws(() => areaElement([1, 2], 10, 10, ''), RangeError);
assert.throws(() => areaElement([1, 2], 10, 10, 'red" onload="x'), RangeError);` },
    { name: 'passes on errors from areaPath', code: js`assert.throws(() => areaElement([], 10, 10), RangeError);` },
  ],
};

const sparklineSvg: TaskSpec = {
  exportName: 'sparklineSvg',
  title: 'Sparkline SVG document',
  description:
    'Create src/sparklineSvg.js exporting `function sparklineSvg(values, width, height, fill = \'steelblue\')` that returns ' +
    "a complete SVG document string. Import `import { areaElement } from './areaElement.js';`. Return " +
    '\'<svg xmlns="http://www.w3.org/2000/svg" width="W" height="H" viewBox="0 0 W H">\' + areaElement(values, width, height, fill) + \'</svg>\' ' +
    'with W = width and H = height written with String(). No spaces or newlines between tags. ' +
    'Errors from areaElement propagate (TypeError, RangeError).',
  reference: js`import { areaElement } from './areaElement.js';

export function sparklineSvg(values, width, height, fill = 'steelblue') {
  const body = areaElement(values, width, height, fill);
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height +
    '" viewBox="0 0 ' + width + ' ' + height + '">' + body + '</svg>';
}
`,
  wrong: js`import { areaElement } from './areaElement.js';

export function sparklineSvg(values, width, height, fill = 'steelblue') {
  const body = areaElement(values, width, height, fill);
  return '<svg width="' + width + '" height="' + height +
    '" viewBox="0 0 ' + width + ' ' + height + '">' + body + '</svg>';
}
`,
  tests: [
    { name: 'builds the whole document', code: js`assert.equal(sparklineSvg([0, 10, 5], 100, 20), '${SPARK_100x20}');` },
    { name: 'passes the fill on', code: js`assert.ok(sparklineSvg([1, 2], 10, 10, 'tomato').includes(' fill="tomato" stroke="none"/>'));` },
    { name: 'sets the viewBox from the size', code: js`const svg = sparklineSvg([1, 2, 3], 60, 15);
assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="15" viewBox="0 0 60 15"><path d="M 0,15 L 30,7.5 L 60,0 L 60,15 L 0,15 Z"'));
assert.ok(svg.endsWith('/></svg>'));` },
    { name: 'throws for bad input', code: js`assert.throws(() => sparklineSvg([], 10, 10), RangeError);
assert.throws(() => sparklineSvg([1], 10, 10, 7), TypeError);` },
  ],
};

const sparklineDataUri: TaskSpec = {
  exportName: 'sparklineDataUri',
  title: 'Sparkline data URI',
  description:
    'Create src/sparklineDataUri.js exporting `function sparklineDataUri(values, width, height, fill = \'steelblue\')` that ' +
    'returns a data URI usable as an image source. Import `import { sparklineSvg } from \'./sparklineSvg.js\';`. ' +
    'Return "data:image/svg+xml," + encodeURIComponent(sparklineSvg(values, width, height, fill)). ' +
    'Use encodeURIComponent (not encodeURI) so characters like #, ", < and spaces are all percent-encoded. ' +
    'Errors from sparklineSvg propagate (TypeError, RangeError).',
  reference: js`import { sparklineSvg } from './sparklineSvg.js';

export function sparklineDataUri(values, width, height, fill = 'steelblue') {
  return 'data:image/svg+xml,' + encodeURIComponent(sparklineSvg(values, width, height, fill));
}
`,
  wrong: js`import { sparklineSvg } from './sparklineSvg.js';

export function sparklineDataUri(values, width, height, fill = 'steelblue') {
  return 'data:image/svg+xml,' + encodeURI(sparklineSvg(values, width, height, fill));
}
`,
  tests: [
    { name: 'starts with the SVG data prefix', code: js`assert.ok(sparklineDataUri([1, 2], 10, 10).startsWith('data:image/svg+xml,%3Csvg%20xmlns'));` },
    { name: 'decodes back to the sparkline', code: js`const uri = sparklineDataUri([0, 10, 5], 100, 20);
assert.equal(decodeURIComponent(uri.slice('data:image/svg+xml,'.length)), '${SPARK_100x20}');` },
    { name: 'percent-encodes every special character', code: js`const uri = sparklineDataUri([1, 3], 20, 10, '#336699');
const rest = uri.slice('data:image/svg+xml,'.length);
for (const ch of ['#', '<', '>', '"', ' ', '/', ',']) assert.ok(!rest.includes(ch), 'found ' + ch);
assert.ok(rest.includes('%23336699'));` },
    { name: 'throws for bad input', code: js`assert.throws(() => sparklineDataUri([], 10, 10), RangeError);
assert.throws(() => sparklineDataUri([1, 2], 10, 10, null), TypeError);` },
  ],
};

const sparklineImage: TaskSpec = {
  exportName: 'sparklineImage',
  title: 'Sparkline image element',
  description:
    'Create src/sparklineImage.js exporting `function sparklineImage(values, x, y, width, height)` that returns an SVG ' +
    '<image> element showing a sparkline. Import `import { sparklineDataUri } from \'./sparklineDataUri.js\';`. Return ' +
    '\'<image x="X" y="Y" width="W" height="H" href="U"/>\' (attributes in this order) where U is ' +
    'sparklineDataUri(values, width, height) and the numbers are written with String(). ' +
    'Throw TypeError if x or y is not a finite number. Errors from sparklineDataUri propagate.',
  reference: js`import { sparklineDataUri } from './sparklineDataUri.js';

export function sparklineImage(values, x, y, width, height) {
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new TypeError('x and y must be finite numbers');
  const href = sparklineDataUri(values, width, height);
  return '<image x="' + x + '" y="' + y + '" width="' + width + '" height="' + height + '" href="' + href + '"/>';
}
`,
  wrong: js`import { sparklineDataUri } from './sparklineDataUri.js';

export function sparklineImage(values, x, y, width, height) {
  const href = sparklineDataUri(values, width, height);
  return '<image x="' + x + '" y="' + y + '" width="' + width + '" height="' + height + '" href="' + href + '"/>';
}
`,
  tests: [
    { name: 'builds the image element', code: js`const svg = '${SPARK_100x20}';
assert.equal(sparklineImage([0, 10, 5], 4, 8, 100, 20), '<image x="4" y="8" width="100" height="20" href="data:image/svg+xml,' + encodeURIComponent(svg) + '"/>');` },
    { name: 'the href decodes to a sparkline of the same size', code: js`const s = sparklineImage([1, 2, 3], 0, 0, 60, 15);
const href = s.slice(s.indexOf('href="') + 6, s.length - 3);
assert.ok(decodeURIComponent(href).startsWith('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="60" height="15"'));` },
    { name: 'throws TypeError for a bad position', code: js`assert.throws(() => sparklineImage([1, 2], '5', 0, 10, 10), TypeError);
assert.throws(() => sparklineImage([1, 2], 0, NaN, 10, 10), TypeError);` },
    { name: 'passes on errors about values and size', code: js`assert.throws(() => sparklineImage([1, 2], 0, 0, 0, 10), RangeError);
assert.throws(() => sparklineImage([], 0, 0, 10, 10), RangeError);` },
  ],
};

const sparklineRow: TaskSpec = {
  exportName: 'sparklineRow',
  title: 'Row of sparklines',
  description:
    'Create src/sparklineRow.js exporting `function sparklineRow(series, y, width, height, gap = 10)` that lays sparklines ' +
    "side by side. Import `import { sparklineImage } from './sparklineImage.js';`. series is an array of value arrays. " +
    'Return the concatenation (no separator) of sparklineImage(series[i], i * (width + gap), y, width, height) for ' +
    'i = 0, 1, ...; an empty series gives "". Throw TypeError if series is not an array; throw RangeError if gap is ' +
    'negative. Errors from sparklineImage propagate.',
  reference: js`import { sparklineImage } from './sparklineImage.js';

export function sparklineRow(series, y, width, height, gap = 10) {
  if (!Array.isArray(series)) throw new TypeError('series must be an array');
  if (!(gap >= 0)) throw new RangeError('gap must not be negative');
  return series.map((values, i) => sparklineImage(values, i * (width + gap), y, width, height)).join('');
}
`,
  wrong: js`import { sparklineImage } from './sparklineImage.js';

export function sparklineRow(series, y, width, height, gap = 10) {
  if (!Array.isArray(series)) throw new TypeError('series must be an array');
  if (!(gap >= 0)) throw new RangeError('gap must not be negative');
  return series.map((values, i) => sparklineImage(values, i * width, y, width, height)).join('');
}
`,
  tests: [
    { name: 'places images left to right with the gap', code: js`const s = sparklineRow([[1, 2], [3, 1], [2, 2]], 5, 40, 10, 6);
const at = [...s.matchAll(/<image x="([^"]*)" y="([^"]*)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
assert.deepEqual(at, [[0, 5], [46, 5], [92, 5]]);` },
    { name: 'uses a default gap of 10', code: js`const s = sparklineRow([[1, 2], [2, 1]], 0, 40, 10);
assert.ok(s.includes('<image x="50" y="0" width="40" height="10" href="data:image/svg+xml,'));` },
    { name: 'each image holds its own sparkline', code: js`const svg = '${SPARK_100x20}';
assert.equal(sparklineRow([[0, 10, 5]], 0, 100, 20), '<image x="0" y="0" width="100" height="20" href="data:image/svg+xml,' + encodeURIComponent(svg) + '"/>');` },
    { name: 'an empty series gives an empty string', code: js`assert.equal(sparklineRow([], 0, 40, 10), '');` },
    { name: 'throws for a bad series or gap', code: js`assert.throws(() => sparklineRow('x', 0, 10, 10), TypeError);
assert.throws(() => sparklineRow([[1]], 0, 10, 10, -1), RangeError);` },
    { name: 'passes on errors from a bad entry', code: js`assert.throws(() => sparklineRow([[1, 2], []], 0, 10, 10), RangeError);` },
  ],
};

const sparklineGrid: TaskSpec = {
  exportName: 'sparklineGrid',
  title: 'Grid of sparklines',
  description:
    'Create src/sparklineGrid.js exporting `function sparklineGrid(series, columns, width, height, gap = 10)` that lays ' +
    "sparklines out in rows of `columns`. Import `import { sparklineRow } from './sparklineRow.js';`. Split series into " +
    'consecutive chunks of `columns` entries; chunk r (0-based) becomes sparklineRow(chunk, r * (height + gap), width, ' +
    'height, gap). Return all rows concatenated ("" for an empty series). Throw TypeError if series is not an array; ' +
    'throw RangeError if columns is not an integer >= 1. Errors from sparklineRow propagate.',
  reference: js`import { sparklineRow } from './sparklineRow.js';

export function sparklineGrid(series, columns, width, height, gap = 10) {
  if (!Array.isArray(series)) throw new TypeError('series must be an array');
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError('columns must be a positive integer');
  let out = '';
  for (let start = 0; start < series.length; start += columns) {
    const y = (start / columns) * (height + gap);
    out += sparklineRow(series.slice(start, start + columns), y, width, height, gap);
  }
  return out;
}
`,
  wrong: js`import { sparklineRow } from './sparklineRow.js';

export function sparklineGrid(series, columns, width, height, gap = 10) {
  if (!Array.isArray(series)) throw new TypeError('series must be an array');
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError('columns must be a positive integer');
  let out = '';
  for (let start = 0; start < series.length; start += columns) {
    const y = (start / columns) * height;
    out += sparklineRow(series.slice(start, start + columns), y, width, height, gap);
  }
  return out;
}
`,
  tests: [
    { name: 'fills rows left to right, top to bottom', code: js`const s = sparklineGrid([[1, 2], [2, 1], [1, 3], [3, 1], [2, 2]], 2, 30, 10, 5);
const at = [...s.matchAll(/<image x="([^"]*)" y="([^"]*)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
assert.deepEqual(at, [[0, 0], [35, 0], [0, 15], [35, 15], [0, 30]]);` },
    { name: 'one column stacks with the default gap', code: js`const s = sparklineGrid([[1, 2], [2, 1], [1, 3]], 1, 40, 20);
const at = [...s.matchAll(/<image x="([^"]*)" y="([^"]*)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
assert.deepEqual(at, [[0, 0], [0, 30], [0, 60]]);` },
    { name: 'more columns than series gives one row', code: js`const s = sparklineGrid([[1, 2], [2, 1]], 5, 40, 20, 0);
assert.equal((s.match(/<image /g) || []).length, 2);
assert.ok(s.includes('<image x="40" y="0" width="40" height="20"'));` },
    { name: 'an empty series gives an empty string', code: js`assert.equal(sparklineGrid([], 3, 40, 20), '');` },
    { name: 'throws for bad columns or series', code: js`assert.throws(() => sparklineGrid([[1, 2]], 0, 10, 10), RangeError);
assert.throws(() => sparklineGrid([[1, 2]], 1.5, 10, 10), RangeError);
assert.throws(() => sparklineGrid(null, 2, 10, 10), TypeError);` },
  ],
};

const dashboardSvg: TaskSpec = {
  exportName: 'dashboardSvg',
  title: 'Sparkline dashboard',
  description:
    'Create src/dashboardSvg.js exporting `function dashboardSvg(series, columns, width, height, gap = 10)` that returns ' +
    "an SVG document holding a grid of sparklines. Import `import { sparklineGrid } from './sparklineGrid.js';` and " +
    'call sparklineGrid(series, columns, width, height, gap) first (its errors propagate). Then throw RangeError if series is empty. With ' +
    'n = series.length, cols = Math.min(columns, n), rows = Math.ceil(n / columns): W = cols * width + (cols - 1) * gap, ' +
    'H = rows * height + (rows - 1) * gap. Return \'<svg xmlns="http://www.w3.org/2000/svg" width="W" height="H" ' +
    'viewBox="0 0 W H">\' + grid + \'</svg>\'.',
  reference: js`import { sparklineGrid } from './sparklineGrid.js';

export function dashboardSvg(series, columns, width, height, gap = 10) {
  const grid = sparklineGrid(series, columns, width, height, gap);
  if (series.length === 0) throw new RangeError('a dashboard needs at least one series');
  const cols = Math.min(columns, series.length);
  const rows = Math.ceil(series.length / columns);
  const w = cols * width + (cols - 1) * gap;
  const h = rows * height + (rows - 1) * gap;
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h +
    '" viewBox="0 0 ' + w + ' ' + h + '">' + grid + '</svg>';
}
`,
  wrong: js`import { sparklineGrid } from './sparklineGrid.js';

export function dashboardSvg(series, columns, width, height, gap = 10) {
  const grid = sparklineGrid(series, columns, width, height, gap);
  if (series.length === 0) throw new RangeError('a dashboard needs at least one series');
  const rows = Math.ceil(series.length / columns);
  const w = columns * width + (columns - 1) * gap;
  const h = rows * height + (rows - 1) * gap;
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h +
    '" viewBox="0 0 ' + w + ' ' + h + '">' + grid + '</svg>';
}
`,
  tests: [
    { name: 'sizes the document to the grid', code: js`const s = dashboardSvg([[1, 2], [2, 1], [1, 3], [3, 1], [2, 2]], 2, 30, 10, 5);
assert.ok(s.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="65" height="40" viewBox="0 0 65 40"><image x="0" y="0"'));
assert.ok(s.endsWith('"/></svg>'));` },
    { name: 'holds every sparkline at its grid position', code: js`const s = dashboardSvg([[1, 2], [2, 1], [1, 3], [3, 1], [2, 2]], 2, 30, 10, 5);
assert.equal((s.match(/<image /g) || []).length, 5);
assert.ok(s.includes('<image x="35" y="15" width="30" height="10"'));` },
    { name: 'a short last row does not widen the document', code: js`const s = dashboardSvg([[1, 2], [2, 1]], 4, 50, 20);
assert.ok(s.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="110" height="20" viewBox="0 0 110 20">'));` },
    { name: 'throws for an empty series or bad columns', code: js`assert.throws(() => dashboardSvg([], 2, 10, 10), RangeError);
assert.throws(() => dashboardSvg([[1, 2]], 0, 10, 10), RangeError);
assert.throws(() => dashboardSvg('x', 2, 10, 10), TypeError);` },
  ],
};

const titledDashboard: TaskSpec = {
  exportName: 'titledDashboard',
  title: 'Dashboard with a title',
  description:
    'Create src/titledDashboard.js exporting `function titledDashboard(title, series, columns, width, height, gap = 10)` ' +
    "that adds an accessible title. Import `import { dashboardSvg } from './dashboardSvg.js';`. First throw TypeError if " +
    'title is not a string and RangeError if it is empty or only whitespace. Build svg = dashboardSvg(series, columns, ' +
    'width, height, gap) and insert "<title>T</title>" right after the first ">" (the end of the opening <svg> tag), ' +
    'where T is title with & < > replaced by &amp; &lt; &gt; (& first). Errors from dashboardSvg propagate.',
  reference: js`import { dashboardSvg } from './dashboardSvg.js';

export function titledDashboard(title, series, columns, width, height, gap = 10) {
  if (typeof title !== 'string') throw new TypeError('title must be a string');
  if (title.trim() === '') throw new RangeError('title must not be empty');
  const svg = dashboardSvg(series, columns, width, height, gap);
  const text = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const cut = svg.indexOf('>') + 1;
  return svg.slice(0, cut) + '<title>' + text + '</title>' + svg.slice(cut);
}
`,
  wrong: js`import { dashboardSvg } from './dashboardSvg.js';

export function titledDashboard(title, series, columns, width, height, gap = 10) {
  if (typeof title !== 'string') throw new TypeError('title must be a string');
  if (title.trim() === '') throw new RangeError('title must not be empty');
  const svg = dashboardSvg(series, columns, width, height, gap);
  const cut = svg.indexOf('>') + 1;
  return svg.slice(0, cut) + '<title>' + title + '</title>' + svg.slice(cut);
}
`,
  tests: [
    { name: 'puts the title first inside the svg', code: js`const s = titledDashboard('Sales', [[1, 2]], 1, 40, 10);
assert.ok(s.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10" viewBox="0 0 40 10"><title>Sales</title><image x="0" y="0"'));
assert.ok(s.endsWith('"/></svg>'));` },
    { name: 'escapes markup in the title', code: js`assert.ok(titledDashboard('R&D <2024>', [[1, 2]], 1, 40, 10).includes('<title>R&amp;D &lt;2024&gt;</title>'));` },
    { name: 'keeps every sparkline', code: js`const s = titledDashboard('Q', [[1, 2], [2, 1], [3, 3]], 2, 20, 10, 0);
assert.equal((s.match(/<image /g) || []).length, 3);
assert.ok(s.includes('width="40" height="20" viewBox="0 0 40 20"><title>Q</title>'));` },
    { name: 'throws for a bad title', code: js`assert.throws(() => titledDashboard(42, [[1, 2]], 1, 10, 10), TypeError);
assert.throws(() => titledDashboard('   ', [[1, 2]], 1, 10, 10), RangeError);` },
    { name: 'passes on errors from dashboardSvg', code: js`assert.throws(() => titledDashboard('T', [], 1, 10, 10), RangeError);` },
  ],
};

const dashboardImg: TaskSpec = {
  exportName: 'dashboardImg',
  title: 'Dashboard as an HTML image',
  description:
    'Create src/dashboardImg.js exporting `function dashboardImg(title, series, columns, width, height, gap = 10)` that ' +
    "returns an HTML <img> tag showing the dashboard. Import `import { titledDashboard } from './titledDashboard.js';`. " +
    'Return \'<img src="data:image/svg+xml,\' + encodeURIComponent(titledDashboard(title, series, columns, width, height, gap)) ' +
    '+ \'" alt="A">\' where A is title with & < > " replaced by &amp; &lt; &gt; &quot; (& first). ' +
    'Errors from titledDashboard propagate (TypeError for a non-string title, RangeError for an empty title or series).',
  reference: js`import { titledDashboard } from './titledDashboard.js';

export function dashboardImg(title, series, columns, width, height, gap = 10) {
  const svg = titledDashboard(title, series, columns, width, height, gap);
  const alt = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return '<img src="data:image/svg+xml,' + encodeURIComponent(svg) + '" alt="' + alt + '">';
}
`,
  wrong: js`import { titledDashboard } from './titledDashboard.js';

export function dashboardImg(title, series, columns, width, height, gap = 10) {
  const svg = titledDashboard(title, series, columns, width, height, gap);
  const alt = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return '<img src="data:image/svg+xml,' + encodeURIComponent(svg) + '" alt="' + alt + '">';
}
`,
  tests: [
    { name: 'wraps the dashboard in an img tag', code: js`const s = dashboardImg('Sales', [[1, 2]], 1, 40, 10);
assert.ok(s.startsWith('<img src="data:image/svg+xml,%3Csvg%20'));
assert.ok(s.endsWith('" alt="Sales">'));` },
    { name: 'the src decodes to the titled dashboard', code: js`const s = dashboardImg('Sales', [[1, 2], [2, 1]], 2, 40, 10, 0);
const src = s.slice('<img src="'.length, s.indexOf('" alt="'));
const svg = decodeURIComponent(src.slice('data:image/svg+xml,'.length));
assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="10" viewBox="0 0 80 10"><title>Sales</title><image x="0" y="0"'));
assert.equal((svg.match(/<image /g) || []).length, 2);` },
    { name: 'escapes the alt text', code: js`const s = dashboardImg('Q1 "best" & <worst>', [[1, 2]], 1, 40, 10);
assert.ok(s.endsWith(' alt="Q1 &quot;best&quot; &amp; &lt;worst&gt;">'));` },
    { name: 'throws for a bad title or series', code: js`assert.throws(() => dashboardImg(null, [[1, 2]], 1, 10, 10), TypeError);
assert.throws(() => dashboardImg('', [[1, 2]], 1, 10, 10), RangeError);
assert.throws(() => dashboardImg('T', [], 1, 10, 10), RangeError);` },
  ],
};

/** The serial chain, in dependency order: task k imports task k-1. */
const CHAIN: readonly TaskSpec[] = [
  roundTo,
  formatNumber,
  formatPoint,
  pointsAttribute,
  pathData,
  linePath,
  areaPath,
  areaElement,
  sparklineSvg,
  sparklineDataUri,
  sparklineImage,
  sparklineRow,
  sparklineGrid,
  dashboardSvg,
  titledDashboard,
  dashboardImg,
];

// ---------------------------------------------------------------- independent tasks

const escapeXml: TaskSpec = {
  exportName: 'escapeXml',
  title: 'Escape XML text',
  description:
    'Create src/escapeXml.js exporting `function escapeXml(text)` that makes text safe inside SVG markup and attribute ' +
    'values. Replace & with &amp; (do this first so nothing is escaped twice), < with &lt;, > with &gt;, " with &quot; ' +
    "and ' with &#39;. Other characters stay as they are; \"\" gives \"\". Example: escapeXml('a < b & \"c\"') === " +
    "'a &lt; b &amp; &quot;c&quot;'. Throw TypeError if text is not a string. No imports.",
  reference: js`export function escapeXml(text) {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
`,
  wrong: js`export function escapeXml(text) {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  return text
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/&/g, '&amp;');
}
`,
  tests: [
    { name: 'escapes the five special characters', code: js`assert.equal(escapeXml('<a href="x">Tom\'s & Jerry</a>'), '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&lt;/a&gt;');` },
    { name: 'escapes an existing entity once', code: js`assert.equal(escapeXml('&lt;'), '&amp;lt;');
assert.equal(escapeXml('a < b'), 'a &lt; b');` },
    { name: 'leaves plain text alone', code: js`assert.equal(escapeXml('Revenue 2024'), 'Revenue 2024');
assert.equal(escapeXml(''), '');` },
    { name: 'throws TypeError for a non-string', code: js`assert.throws(() => escapeXml(42), TypeError);
assert.throws(() => escapeXml(undefined), TypeError);` },
  ],
};

const hexToRgb: TaskSpec = {
  exportName: 'hexToRgb',
  title: 'Hex colour to RGB',
  description:
    'Create src/hexToRgb.js exporting `function hexToRgb(hex)` that returns an object { r, g, b } of integers 0-255. ' +
    'Accept "#rrggbb" and the short form "#rgb" (each digit doubled: "#abc" means "#aabbcc"); hex digits in any case; ' +
    'the leading "#" is required. Examples: hexToRgb("#ff8000") gives { r: 255, g: 128, b: 0 }, hexToRgb("#abc") gives ' +
    '{ r: 170, g: 187, b: 204 }. Throw TypeError if hex is not a string; throw RangeError for any other format ' +
    '(no "#", wrong length, non-hex digit). No imports.',
  reference: js`export function hexToRgb(hex) {
  if (typeof hex !== 'string') throw new TypeError('hex must be a string');
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new RangeError('invalid hex colour: ' + hex);
  let digits = match[1];
  if (digits.length === 3) digits = digits.split('').map((c) => c + c).join('');
  const n = parseInt(digits, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}
`,
  wrong: js`export function hexToRgb(hex) {
  if (typeof hex !== 'string') throw new TypeError('hex must be a string');
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new RangeError('invalid hex colour: ' + hex);
  let digits = match[1];
  if (digits.length === 3) digits = digits.split('').map((c) => c + '0').join('');
  const n = parseInt(digits, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}
`,
  tests: [
    { name: 'parses six digits', code: js`assert.deepEqual(hexToRgb('#ff8000'), { r: 255, g: 128, b: 0 });
assert.deepEqual(hexToRgb('#000000'), { r: 0, g: 0, b: 0 });` },
    { name: 'accepts upper case', code: js`assert.deepEqual(hexToRgb('#00FF7F'), { r: 0, g: 255, b: 127 });` },
    { name: 'expands the short form', code: js`assert.deepEqual(hexToRgb('#abc'), { r: 170, g: 187, b: 204 });
assert.deepEqual(hexToRgb('#FFF'), { r: 255, g: 255, b: 255 });` },
    { name: 'throws TypeError for a non-string', code: js`assert.throws(() => hexToRgb(0xff0000), TypeError);` },
    { name: 'throws RangeError for a bad format', code: js`assert.throws(() => hexToRgb('ff0000'), RangeError);
assert.throws(() => hexToRgb('#abcd'), RangeError);
assert.throws(() => hexToRgb('#gggggg'), RangeError);` },
  ],
};

const barChart: TaskSpec = {
  exportName: 'barChart',
  title: 'Simple bar chart',
  description:
    'Create src/barChart.js exporting `function barChart(values, barWidth, height, gap = 0)` returning an SVG bar chart. ' +
    'With max = the largest value, bar i has h = v / max * height (0 when max is 0), x = i * barWidth + gap / 2, ' +
    'y = height - h, width = barWidth - gap; round each number with Math.round(n * 100) / 100 (round h before y). Output ' +
    '\'<svg xmlns="http://www.w3.org/2000/svg" width="W" height="H" viewBox="0 0 W H">\' + one \'<rect x="" y="" width="" ' +
    'height="" fill="steelblue"/>\' per value + \'</svg>\', W = values.length * barWidth. TypeError unless values is an array ' +
    'of finite numbers; RangeError if it is empty or has a negative value, or barWidth/height <= 0, gap < 0 or gap >= barWidth.',
  reference: js`export function barChart(values, barWidth, height, gap = 0) {
  if (!Array.isArray(values) || !values.every((v) => Number.isFinite(v))) {
    throw new TypeError('values must be an array of finite numbers');
  }
  if (values.length === 0 || values.some((v) => v < 0)) throw new RangeError('values must be non-empty and non-negative');
  if (!(barWidth > 0) || !(height > 0) || !(gap >= 0) || gap >= barWidth) throw new RangeError('bad bar size');
  const round = (n) => Math.round(n * 100) / 100;
  const max = Math.max(...values);
  const bars = values.map((v, i) => {
    const h = max === 0 ? 0 : round((v / max) * height);
    return '<rect x="' + round(i * barWidth + gap / 2) + '" y="' + round(height - h) + '" width="' +
      round(barWidth - gap) + '" height="' + h + '" fill="steelblue"/>';
  });
  const w = values.length * barWidth;
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + height +
    '" viewBox="0 0 ' + w + ' ' + height + '">' + bars.join('') + '</svg>';
}
`,
  wrong: js`export function barChart(values, barWidth, height, gap = 0) {
  if (!Array.isArray(values) || !values.every((v) => Number.isFinite(v))) {
    throw new TypeError('values must be an array of finite numbers');
  }
  if (values.length === 0 || values.some((v) => v < 0)) throw new RangeError('values must be non-empty and non-negative');
  if (!(barWidth > 0) || !(height > 0) || !(gap >= 0) || gap >= barWidth) throw new RangeError('bad bar size');
  const round = (n) => Math.round(n * 100) / 100;
  const max = Math.max(...values);
  const bars = values.map((v, i) => {
    const h = round((v / max) * height);
    return '<rect x="' + round(i * barWidth + gap / 2) + '" y="' + round(height - h) + '" width="' +
      round(barWidth - gap) + '" height="' + h + '" fill="steelblue"/>';
  });
  const w = values.length * barWidth;
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + height +
    '" viewBox="0 0 ' + w + ' ' + height + '">' + bars.join('') + '</svg>';
}
`,
  tests: [
    { name: 'draws bars scaled to the largest value', code: js`assert.equal(barChart([5, 10], 20, 50), '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="50" viewBox="0 0 40 50"><rect x="0" y="25" width="20" height="25" fill="steelblue"/><rect x="20" y="0" width="20" height="50" fill="steelblue"/></svg>');` },
    { name: 'centres bars when there is a gap', code: js`const s = barChart([1, 1], 10, 10, 2);
assert.ok(s.includes('<rect x="1" y="0" width="8" height="10" fill="steelblue"/><rect x="11" y="0" width="8" height="10" fill="steelblue"/>'));` },
    { name: 'rounds to two decimals', code: js`assert.ok(barChart([1, 3], 10, 10).includes('<rect x="0" y="6.67" width="10" height="3.33" fill="steelblue"/>'));` },
    { name: 'all-zero data gives flat bars', code: js`const s = barChart([0, 0], 10, 10);
assert.equal((s.match(/y="10" width="10" height="0"/g) || []).length, 2);` },
    { name: 'throws RangeError for bad values or sizes', code: js`assert.throws(() => barChart([], 10, 10), RangeError);
assert.throws(() => barChart([1, -1], 10, 10), RangeError);
assert.throws(() => barChart([1], 0, 10), RangeError);
assert.throws(() => barChart([1], 10, 10, 10), RangeError);` },
    { name: 'throws TypeError for non-numeric values', code: js`assert.throws(() => barChart('1,2', 10, 10), TypeError);
assert.throws(() => barChart([1, '2'], 10, 10), TypeError);` },
  ],
};

const boundingBox: TaskSpec = {
  exportName: 'boundingBox',
  title: 'Bounding box of points',
  description:
    'Create src/boundingBox.js exporting `function boundingBox(points)` that returns the smallest axis-aligned box ' +
    'around the points as { x, y, width, height } (x, y = the smallest coordinates, width = maxX - minX, ' +
    'height = maxY - minY). points is an array of [x, y] arrays. Example: boundingBox([[2, 3], [5, 7], [4, 1]]) gives ' +
    '{ x: 2, y: 1, width: 3, height: 6 }; a single point gives width 0 and height 0. Throw TypeError if points is not ' +
    'an array; throw RangeError if it is empty. No imports.',
  reference: js`export function boundingBox(points) {
  if (!Array.isArray(points)) throw new TypeError('points must be an array');
  if (points.length === 0) throw new RangeError('points must not be empty');
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
`,
  wrong: js`export function boundingBox(points) {
  if (!Array.isArray(points)) throw new TypeError('points must be an array');
  if (points.length === 0) throw new RangeError('points must not be empty');
  let minX = 0, minY = 0, maxX = 0, maxY = 0;
  for (const [px, py] of points) {
    minX = Math.min(minX, px); minY = Math.min(minY, py);
    maxX = Math.max(maxX, px); maxY = Math.max(maxY, py);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
`,
  tests: [
    { name: 'finds the box around points', code: js`assert.deepEqual(boundingBox([[2, 3], [5, 7], [4, 1]]), { x: 2, y: 1, width: 3, height: 6 });` },
    { name: 'works with negative coordinates', code: js`assert.deepEqual(boundingBox([[-4, -2], [-1, -8]]), { x: -4, y: -8, width: 3, height: 6 });` },
    { name: 'a single point has zero size', code: js`assert.deepEqual(boundingBox([[7, 9]]), { x: 7, y: 9, width: 0, height: 0 });` },
    { name: 'throws for bad input', code: js`assert.throws(() => boundingBox([]), RangeError);
assert.throws(() => boundingBox('1,2'), TypeError);` },
  ],
};

const rgbToHex: TaskSpec = {
  exportName: 'rgbToHex',
  title: 'RGB to hex colour',
  description:
    'Create src/rgbToHex.js exporting `function rgbToHex(r, g, b)` that returns a colour string "#rrggbb" in lower case, ' +
    'each channel written as exactly two hex digits (pad with a leading 0). Examples: rgbToHex(255, 128, 0) === "#ff8000", ' +
    'rgbToHex(1, 2, 3) === "#010203". Throw TypeError if any channel is not a number; throw RangeError if a channel is ' +
    'not an integer from 0 to 255. No imports.',
  reference: js`export function rgbToHex(r, g, b) {
  const channels = [r, g, b];
  if (channels.some((c) => typeof c !== 'number')) throw new TypeError('channels must be numbers');
  if (channels.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
    throw new RangeError('channels must be integers from 0 to 255');
  }
  return '#' + channels.map((c) => c.toString(16).padStart(2, '0')).join('');
}
`,
  wrong: js`export function rgbToHex(r, g, b) {
  const channels = [r, g, b];
  if (channels.some((c) => typeof c !== 'number')) throw new TypeError('channels must be numbers');
  if (channels.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
    throw new RangeError('channels must be integers from 0 to 255');
  }
  return '#' + channels.map((c) => c.toString(16)).join('');
}
`,
  tests: [
    { name: 'writes lower-case hex', code: js`assert.equal(rgbToHex(255, 128, 0), '#ff8000');
assert.equal(rgbToHex(171, 205, 239), '#abcdef');` },
    { name: 'pads small channels', code: js`assert.equal(rgbToHex(1, 2, 3), '#010203');
assert.equal(rgbToHex(0, 0, 0), '#000000');` },
    { name: 'throws RangeError outside 0-255 or for fractions', code: js`assert.throws(() => rgbToHex(256, 0, 0), RangeError);
assert.throws(() => rgbToHex(0, -1, 0), RangeError);
assert.throws(() => rgbToHex(0, 0, 1.5), RangeError);` },
    { name: 'throws TypeError for a non-number', code: js`assert.throws(() => rgbToHex('255', 0, 0), TypeError);` },
  ],
};

const distance: TaskSpec = {
  exportName: 'distance',
  title: 'Distance between points',
  description:
    'Create src/distance.js exporting `function distance(a, b)` that returns the straight-line (Euclidean) distance ' +
    'between two points given as [x, y] arrays: the square root of (bx - ax)^2 + (by - ay)^2 (Math.hypot is fine). ' +
    'Examples: distance([0, 0], [3, 4]) === 5, distance([2, 2], [2, 2]) === 0. Throw TypeError if a or b is not an ' +
    'array of two numbers. No imports.',
  reference: js`export function distance(a, b) {
  const isPoint = (p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  if (!isPoint(a) || !isPoint(b)) throw new TypeError('points must be [x, y] arrays of numbers');
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}
`,
  wrong: js`export function distance(a, b) {
  const isPoint = (p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  if (!isPoint(a) || !isPoint(b)) throw new TypeError('points must be [x, y] arrays of numbers');
  return Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]);
}
`,
  tests: [
    { name: 'measures a 3-4-5 triangle', code: js`assert.equal(distance([0, 0], [3, 4]), 5);
assert.equal(distance([-1, -1], [2, 3]), 5);` },
    { name: 'is zero for the same point', code: js`assert.equal(distance([2, 2], [2, 2]), 0);` },
    { name: 'measures diagonals', code: js`assert.close(distance([1, 1], [2, 2]), Math.SQRT2);
assert.close(distance([0, 0], [1, 2]), Math.sqrt(5));` },
    { name: 'throws TypeError for bad points', code: js`assert.throws(() => distance([0, 0], { x: 1, y: 1 }), TypeError);
assert.throws(() => distance([0], [1, 1]), TypeError);
assert.throws(() => distance([0, '1'], [1, 1]), TypeError);` },
  ],
};

const translateTransform: TaskSpec = {
  exportName: 'translateTransform',
  title: 'Translate transform',
  description:
    'Create src/translateTransform.js exporting `function translateTransform(dx, dy = 0)` that returns the SVG transform ' +
    'text "translate(dx dy)" (one space between the numbers, numbers written with String()). When both dx and dy are 0 ' +
    'it returns "" (no transform needed). Examples: translateTransform(10, 20) === "translate(10 20)", ' +
    'translateTransform(5) === "translate(5 0)", translateTransform(0, 0) === "". Throw TypeError if dx or dy is not a ' +
    'finite number. No imports.',
  reference: js`export function translateTransform(dx, dy = 0) {
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new TypeError('dx and dy must be finite numbers');
  if (dx === 0 && dy === 0) return '';
  return 'translate(' + dx + ' ' + dy + ')';
}
`,
  wrong: js`export function translateTransform(dx, dy = 0) {
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new TypeError('dx and dy must be finite numbers');
  return 'translate(' + dx + ' ' + dy + ')';
}
`,
  tests: [
    { name: 'writes both offsets', code: js`assert.equal(translateTransform(10, 20), 'translate(10 20)');
assert.equal(translateTransform(-2.5, 4), 'translate(-2.5 4)');` },
    { name: 'dy defaults to 0', code: js`assert.equal(translateTransform(5), 'translate(5 0)');` },
    { name: 'returns an empty string for no movement', code: js`assert.equal(translateTransform(0, 0), '');
assert.equal(translateTransform(0), '');` },
    { name: 'keeps a zero dx when dy moves', code: js`assert.equal(translateTransform(0, 7), 'translate(0 7)');` },
    { name: 'throws TypeError for bad offsets', code: js`assert.throws(() => translateTransform('10', 0), TypeError);
assert.throws(() => translateTransform(1, NaN), TypeError);` },
  ],
};

const circleElement: TaskSpec = {
  exportName: 'circleElement',
  title: 'Circle element',
  description:
    'Create src/circleElement.js exporting `function circleElement(cx, cy, r, fill = \'black\')` that returns ' +
    '\'<circle cx="CX" cy="CY" r="R" fill="F"/>\' with numbers written with String(). Example: circleElement(10, 20, 5) === ' +
    '\'<circle cx="10" cy="20" r="5" fill="black"/>\'. A radius of 0 is allowed. Throw TypeError if cx, cy or r is not a ' +
    'finite number or fill is not a string; throw RangeError if r is negative. No imports.',
  reference: js`export function circleElement(cx, cy, r, fill = 'black') {
  if (![cx, cy, r].every((n) => Number.isFinite(n))) throw new TypeError('cx, cy and r must be finite numbers');
  if (typeof fill !== 'string') throw new TypeError('fill must be a string');
  if (r < 0) throw new RangeError('r must not be negative');
  return '<circle cx="' + cx + '" cy="' + cy + '" r="' + r + '" fill="' + fill + '"/>';
}
`,
  wrong: js`export function circleElement(cx, cy, r, fill = 'black') {
  if (![cx, cy, r].every((n) => Number.isFinite(n))) throw new TypeError('cx, cy and r must be finite numbers');
  if (typeof fill !== 'string') throw new TypeError('fill must be a string');
  if (r <= 0) throw new RangeError('r must be positive');
  return '<circle cx="' + cx + '" cy="' + cy + '" r="' + r + '" fill="' + fill + '"/>';
}
`,
  tests: [
    { name: 'builds a circle with the default fill', code: js`assert.equal(circleElement(10, 20, 5), '<circle cx="10" cy="20" r="5" fill="black"/>');` },
    { name: 'uses the given fill and decimals', code: js`assert.equal(circleElement(1.5, -2, 0.25, 'red'), '<circle cx="1.5" cy="-2" r="0.25" fill="red"/>');` },
    { name: 'allows a zero radius', code: js`assert.equal(circleElement(0, 0, 0), '<circle cx="0" cy="0" r="0" fill="black"/>');` },
    { name: 'throws RangeError for a negative radius', code: js`assert.throws(() => circleElement(0, 0, -1), RangeError);` },
    { name: 'throws TypeError for bad arguments', code: js`assert.throws(() => circleElement('0', 0, 1), TypeError);
assert.throws(() => circleElement(0, 0, 1, 5), TypeError);` },
  ],
};

const textElement: TaskSpec = {
  exportName: 'textElement',
  title: 'Text element',
  description:
    'Create src/textElement.js exporting `function textElement(x, y, text, anchor = \'start\')` that returns ' +
    '\'<text x="X" y="Y" text-anchor="A">T</text>\' with numbers written with String() and T = text with & < > replaced ' +
    'by &amp; &lt; &gt; (& first). Example: textElement(5, 10, \'a < b\') === \'<text x="5" y="10" text-anchor="start">a &lt; b</text>\'. ' +
    'Throw TypeError if text is not a string; throw RangeError if anchor is not one of "start", "middle", "end". No imports.',
  reference: js`export function textElement(x, y, text, anchor = 'start') {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  if (!['start', 'middle', 'end'].includes(anchor)) throw new RangeError('anchor must be start, middle or end');
  const body = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return '<text x="' + x + '" y="' + y + '" text-anchor="' + anchor + '">' + body + '</text>';
}
`,
  wrong: js`export function textElement(x, y, text, anchor = 'start') {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  if (!['start', 'middle', 'end'].includes(anchor)) throw new RangeError('anchor must be start, middle or end');
  const body = text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return '<text x="' + x + '" y="' + y + '" text-anchor="' + anchor + '">' + body + '</text>';
}
`,
  tests: [
    { name: 'builds a text element', code: js`assert.equal(textElement(5, 10, 'Total'), '<text x="5" y="10" text-anchor="start">Total</text>');` },
    { name: 'uses the anchor', code: js`assert.equal(textElement(50, 12.5, 'Title', 'middle'), '<text x="50" y="12.5" text-anchor="middle">Title</text>');` },
    { name: 'escapes the text', code: js`assert.equal(textElement(0, 0, 'R&D < 5 > 2'), '<text x="0" y="0" text-anchor="start">R&amp;D &lt; 5 &gt; 2</text>');` },
    { name: 'throws RangeError for an unknown anchor', code: js`assert.throws(() => textElement(0, 0, 'a', 'center'), RangeError);` },
    { name: 'throws TypeError for non-string text', code: js`assert.throws(() => textElement(0, 0, 42), TypeError);` },
  ],
};

const viewBox: TaskSpec = {
  exportName: 'viewBox',
  title: 'viewBox with padding',
  description:
    'Create src/viewBox.js exporting `function viewBox(box, padding = 0)` that returns the text of an SVG viewBox ' +
    'attribute, "minX minY width height", for box = { x, y, width, height } grown by padding on every side: ' +
    'minX = x - padding, minY = y - padding, width + 2 * padding, height + 2 * padding, numbers written with String() ' +
    'and separated by single spaces. Example: viewBox({ x: 0, y: 0, width: 100, height: 50 }, 5) === "-5 -5 110 60". ' +
    'Throw TypeError if box is not an object with four finite numbers; throw RangeError if width, height or padding is negative. No imports.',
  reference: js`export function viewBox(box, padding = 0) {
  if (typeof box !== 'object' || box === null || ![box.x, box.y, box.width, box.height].every((n) => Number.isFinite(n))) {
    throw new TypeError('box must have finite x, y, width and height');
  }
  if (box.width < 0 || box.height < 0 || !(padding >= 0)) throw new RangeError('sizes and padding must not be negative');
  return [box.x - padding, box.y - padding, box.width + 2 * padding, box.height + 2 * padding].join(' ');
}
`,
  wrong: js`export function viewBox(box, padding = 0) {
  if (typeof box !== 'object' || box === null || ![box.x, box.y, box.width, box.height].every((n) => Number.isFinite(n))) {
    throw new TypeError('box must have finite x, y, width and height');
  }
  if (box.width < 0 || box.height < 0 || !(padding >= 0)) throw new RangeError('sizes and padding must not be negative');
  return [box.x - padding, box.y - padding, box.width + padding, box.height + padding].join(' ');
}
`,
  tests: [
    { name: 'writes the box without padding', code: js`assert.equal(viewBox({ x: 0, y: 0, width: 100, height: 50 }), '0 0 100 50');
assert.equal(viewBox({ x: 0.5, y: 1.5, width: 2, height: 3 }), '0.5 1.5 2 3');` },
    { name: 'grows the box on every side', code: js`assert.equal(viewBox({ x: 0, y: 0, width: 100, height: 50 }, 5), '-5 -5 110 60');
assert.equal(viewBox({ x: 10, y: 20, width: 0, height: 0 }, 1), '9 19 2 2');` },
    { name: 'throws RangeError for negative sizes or padding', code: js`assert.throws(() => viewBox({ x: 0, y: 0, width: -1, height: 5 }), RangeError);
assert.throws(() => viewBox({ x: 0, y: 0, width: 1, height: 5 }, -2), RangeError);` },
    { name: 'throws TypeError for a bad box', code: js`assert.throws(() => viewBox(null), TypeError);
assert.throws(() => viewBox({ x: 0, y: 0, width: '10', height: 5 }), TypeError);` },
  ],
};

const midpoint: TaskSpec = {
  exportName: 'midpoint',
  title: 'Midpoint of a segment',
  description:
    'Create src/midpoint.js exporting `function midpoint(a, b)` that returns the point halfway between two points as a ' +
    'new [x, y] array: [(ax + bx) / 2, (ay + by) / 2]. Points are [x, y] arrays of numbers. Examples: ' +
    'midpoint([0, 0], [10, 20]) gives [5, 10], midpoint([1, 1], [2, 2]) gives [1.5, 1.5]. Throw TypeError if a or b is ' +
    'not an array of two numbers. No imports.',
  reference: js`export function midpoint(a, b) {
  const isPoint = (p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  if (!isPoint(a) || !isPoint(b)) throw new TypeError('points must be [x, y] arrays of numbers');
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}
`,
  wrong: js`export function midpoint(a, b) {
  const isPoint = (p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  if (!isPoint(a) || !isPoint(b)) throw new TypeError('points must be [x, y] arrays of numbers');
  return [(a[0] + b[0]) / 2, (a[1] + b[0]) / 2];
}
`,
  tests: [
    { name: 'finds the middle', code: js`assert.deepEqual(midpoint([0, 0], [10, 20]), [5, 10]);` },
    { name: 'handles halves and negatives', code: js`assert.deepEqual(midpoint([1, 1], [2, 2]), [1.5, 1.5]);
assert.deepEqual(midpoint([-4, 6], [2, -2]), [-1, 2]);` },
    { name: 'returns a new array', code: js`const a = [3, 3];
const m = midpoint(a, a);
assert.deepEqual(m, [3, 3]);
assert.ok(m !== a);` },
    { name: 'throws TypeError for bad points', code: js`assert.throws(() => midpoint([0, 0], null), TypeError);
assert.throws(() => midpoint([0, 0, 0], [1, 1]), TypeError);` },
  ],
};

const scaleTransform: TaskSpec = {
  exportName: 'scaleTransform',
  title: 'Scale transform',
  description:
    'Create src/scaleTransform.js exporting `function scaleTransform(sx, sy = sx)` that returns SVG transform text: ' +
    '"scale(sx)" when sx and sy are equal, otherwise "scale(sx sy)" (one space, numbers written with String()). ' +
    'Examples: scaleTransform(2) === "scale(2)", scaleTransform(2, 3) === "scale(2 3)", scaleTransform(-1, 1) === ' +
    '"scale(-1 1)". Throw TypeError if sx or sy is not a finite number; throw RangeError if either is 0 (that would ' +
    'collapse the drawing). No imports.',
  reference: js`export function scaleTransform(sx, sy = sx) {
  if (!Number.isFinite(sx) || !Number.isFinite(sy)) throw new TypeError('sx and sy must be finite numbers');
  if (sx === 0 || sy === 0) throw new RangeError('a scale of 0 collapses the drawing');
  return sx === sy ? 'scale(' + sx + ')' : 'scale(' + sx + ' ' + sy + ')';
}
`,
  wrong: js`export function scaleTransform(sx, sy = sx) {
  if (!Number.isFinite(sx) || !Number.isFinite(sy)) throw new TypeError('sx and sy must be finite numbers');
  if (sx === 0 || sy === 0) throw new RangeError('a scale of 0 collapses the drawing');
  return 'scale(' + sx + ' ' + sy + ')';
}
`,
  tests: [
    { name: 'writes one number for a uniform scale', code: js`assert.equal(scaleTransform(2), 'scale(2)');
assert.equal(scaleTransform(1.5, 1.5), 'scale(1.5)');` },
    { name: 'writes two numbers otherwise', code: js`assert.equal(scaleTransform(2, 3), 'scale(2 3)');
assert.equal(scaleTransform(-1, 1), 'scale(-1 1)');` },
    { name: 'throws RangeError for a zero scale', code: js`assert.throws(() => scaleTransform(0), RangeError);
assert.throws(() => scaleTransform(1, 0), RangeError);` },
    { name: 'throws TypeError for non-numbers', code: js`assert.throws(() => scaleTransform('2'), TypeError);
assert.throws(() => scaleTransform(1, Infinity), TypeError);` },
  ],
};

const rotateTransform: TaskSpec = {
  exportName: 'rotateTransform',
  title: 'Rotate transform',
  description:
    'Create src/rotateTransform.js exporting `function rotateTransform(angle, cx, cy)` that returns SVG transform text. ' +
    'Normalise angle (degrees) into [0, 360): ((angle % 360) + 360) % 360. Return "rotate(a)" when cx and cy are both ' +
    'omitted, or "rotate(a cx cy)" when both are given (numbers written with String()). Examples: rotateTransform(-90) ' +
    '=== "rotate(270)", rotateTransform(450) === "rotate(90)", rotateTransform(30, 10, 20) === "rotate(30 10 20)". Throw ' +
    'TypeError if angle is not a finite number, if only one of cx, cy is given, or if a given centre is not a finite number. No imports.',
  reference: js`export function rotateTransform(angle, cx, cy) {
  if (!Number.isFinite(angle)) throw new TypeError('angle must be a finite number');
  const a = ((angle % 360) + 360) % 360;
  if (cx === undefined && cy === undefined) return 'rotate(' + a + ')';
  if (!Number.isFinite(cx) || !Number.isFinite(cy)) throw new TypeError('give both cx and cy as finite numbers');
  return 'rotate(' + a + ' ' + cx + ' ' + cy + ')';
}
`,
  wrong: js`export function rotateTransform(angle, cx, cy) {
  if (!Number.isFinite(angle)) throw new TypeError('angle must be a finite number');
  const a = angle % 360;
  if (cx === undefined && cy === undefined) return 'rotate(' + a + ')';
  if (!Number.isFinite(cx) || !Number.isFinite(cy)) throw new TypeError('give both cx and cy as finite numbers');
  return 'rotate(' + a + ' ' + cx + ' ' + cy + ')';
}
`,
  tests: [
    { name: 'writes a plain rotation', code: js`assert.equal(rotateTransform(45), 'rotate(45)');` },
    { name: 'normalises the angle into 0..360', code: js`assert.equal(rotateTransform(-90), 'rotate(270)');
assert.equal(rotateTransform(450), 'rotate(90)');
assert.equal(rotateTransform(360), 'rotate(0)');` },
    { name: 'rotates about a centre', code: js`assert.equal(rotateTransform(30, 10, 20), 'rotate(30 10 20)');
assert.equal(rotateTransform(-30, 0, 0), 'rotate(330 0 0)');` },
    { name: 'throws TypeError for bad arguments', code: js`assert.throws(() => rotateTransform('45'), TypeError);
assert.throws(() => rotateTransform(30, 10), TypeError);
assert.throws(() => rotateTransform(30, 10, 'x'), TypeError);` },
  ],
};

const rectElement: TaskSpec = {
  exportName: 'rectElement',
  title: 'Rect element',
  description:
    'Create src/rectElement.js exporting `function rectElement(x, y, width, height, rx = 0)` that returns ' +
    '\'<rect x="X" y="Y" width="W" height="H"/>\' with numbers written with String(). When rx > 0 add \' rx="RX"\' after ' +
    'height: \'<rect x="1" y="2" width="10" height="5" rx="2"/>\'; when rx is 0 leave the attribute out. Throw TypeError ' +
    'if any argument is not a finite number; throw RangeError if width, height or rx is negative. No imports.',
  reference: js`export function rectElement(x, y, width, height, rx = 0) {
  if (![x, y, width, height, rx].every((n) => Number.isFinite(n))) throw new TypeError('arguments must be finite numbers');
  if (width < 0 || height < 0 || rx < 0) throw new RangeError('width, height and rx must not be negative');
  const corner = rx > 0 ? ' rx="' + rx + '"' : '';
  return '<rect x="' + x + '" y="' + y + '" width="' + width + '" height="' + height + '"' + corner + '/>';
}
`,
  wrong: js`export function rectElement(x, y, width, height, rx = 0) {
  if (![x, y, width, height, rx].every((n) => Number.isFinite(n))) throw new TypeError('arguments must be finite numbers');
  if (width < 0 || height < 0 || rx < 0) throw new RangeError('width, height and rx must not be negative');
  return '<rect x="' + x + '" y="' + y + '" width="' + width + '" height="' + height + '" rx="' + rx + '"/>';
}
`,
  tests: [
    { name: 'builds a plain rect', code: js`assert.equal(rectElement(0, 0, 10, 5), '<rect x="0" y="0" width="10" height="5"/>');` },
    { name: 'adds rounded corners', code: js`assert.equal(rectElement(1, 2, 10, 5, 2), '<rect x="1" y="2" width="10" height="5" rx="2"/>');` },
    { name: 'allows zero size and decimals', code: js`assert.equal(rectElement(-1.5, 0.25, 0, 0), '<rect x="-1.5" y="0.25" width="0" height="0"/>');` },
    { name: 'throws RangeError for negative sizes', code: js`assert.throws(() => rectElement(0, 0, -1, 5), RangeError);
assert.throws(() => rectElement(0, 0, 1, 5, -2), RangeError);` },
    { name: 'throws TypeError for non-numbers', code: js`assert.throws(() => rectElement(0, '0', 1, 1), TypeError);` },
  ],
};

const lineElement: TaskSpec = {
  exportName: 'lineElement',
  title: 'Line element',
  description:
    'Create src/lineElement.js exporting `function lineElement(x1, y1, x2, y2, stroke = \'black\', strokeWidth = 1)` ' +
    'that returns \'<line x1="X1" y1="Y1" x2="X2" y2="Y2" stroke="S" stroke-width="W"/>\' (note the SVG attribute name ' +
    'stroke-width) with numbers written with String(). Example: lineElement(0, 0, 10, 5) === \'<line x1="0" y1="0" x2="10" ' +
    'y2="5" stroke="black" stroke-width="1"/>\'. Throw TypeError if a coordinate is not a finite number or stroke is not ' +
    'a string; throw RangeError if strokeWidth is not > 0. No imports.',
  reference: js`export function lineElement(x1, y1, x2, y2, stroke = 'black', strokeWidth = 1) {
  if (![x1, y1, x2, y2].every((n) => Number.isFinite(n))) throw new TypeError('coordinates must be finite numbers');
  if (typeof stroke !== 'string') throw new TypeError('stroke must be a string');
  if (!(strokeWidth > 0)) throw new RangeError('strokeWidth must be positive');
  return '<line x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y2 + '" stroke="' + stroke +
    '" stroke-width="' + strokeWidth + '"/>';
}
`,
  wrong: js`export function lineElement(x1, y1, x2, y2, stroke = 'black', strokeWidth = 1) {
  if (![x1, y1, x2, y2].every((n) => Number.isFinite(n))) throw new TypeError('coordinates must be finite numbers');
  if (typeof stroke !== 'string') throw new TypeError('stroke must be a string');
  if (!(strokeWidth > 0)) throw new RangeError('strokeWidth must be positive');
  return '<line x1="' + x1 + '" y1="' + y1 + '" x2="' + x2 + '" y2="' + y2 + '" stroke="' + stroke +
    '" strokeWidth="' + strokeWidth + '"/>';
}
`,
  tests: [
    { name: 'builds a line with defaults', code: js`assert.equal(lineElement(0, 0, 10, 5), '<line x1="0" y1="0" x2="10" y2="5" stroke="black" stroke-width="1"/>');` },
    { name: 'uses stroke and width', code: js`assert.equal(lineElement(1.5, 2, -3, 4, '#333', 0.5), '<line x1="1.5" y1="2" x2="-3" y2="4" stroke="#333" stroke-width="0.5"/>');` },
    { name: 'throws RangeError for a non-positive width', code: js`assert.throws(() => lineElement(0, 0, 1, 1, 'red', 0), RangeError);
assert.throws(() => lineElement(0, 0, 1, 1, 'red', -2), RangeError);` },
    { name: 'throws TypeError for bad arguments', code: js`assert.throws(() => lineElement(0, 0, '1', 1), TypeError);
assert.throws(() => lineElement(0, 0, 1, 1, 3), TypeError);` },
  ],
};

const polygonArea: TaskSpec = {
  exportName: 'polygonArea',
  title: 'Polygon area',
  description:
    'Create src/polygonArea.js exporting `function polygonArea(points)` that returns the area of a simple polygon whose ' +
    'vertices are [x, y] arrays, using the shoelace formula: sum over i of (x_i * y_next - x_next * y_i), where next ' +
    'wraps from the last vertex back to the first; the area is the absolute value of that sum divided by 2 (so vertex ' +
    'order, clockwise or not, does not matter). Example: polygonArea([[0, 0], [4, 0], [0, 3]]) === 6. Throw TypeError ' +
    'if points is not an array; throw RangeError if it has fewer than 3 points. No imports.',
  reference: js`export function polygonArea(points) {
  if (!Array.isArray(points)) throw new TypeError('points must be an array');
  if (points.length < 3) throw new RangeError('a polygon needs at least 3 points');
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}
`,
  wrong: js`export function polygonArea(points) {
  if (!Array.isArray(points)) throw new TypeError('points must be an array');
  if (points.length < 3) throw new RangeError('a polygon needs at least 3 points');
  let sum = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[i + 1];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}
`,
  tests: [
    { name: 'measures a right triangle', code: js`assert.equal(polygonArea([[0, 0], [4, 0], [0, 3]]), 6);` },
    { name: 'measures a polygon away from the origin', code: js`assert.equal(polygonArea([[1, 1], [5, 1], [5, 4]]), 6);
assert.equal(polygonArea([[2, 2], [12, 2], [12, 7], [2, 7]]), 50);` },
    { name: 'ignores vertex order', code: js`assert.equal(polygonArea([[2, 7], [12, 7], [12, 2], [2, 2]]), 50);` },
    { name: 'works with fractions', code: js`assert.close(polygonArea([[0, 0], [0.5, 0], [0.5, 0.3]]), 0.075);` },
    { name: 'throws for bad input', code: js`assert.throws(() => polygonArea([[0, 0], [1, 1]]), RangeError);
assert.throws(() => polygonArea('0,0 1,1 2,0'), TypeError);` },
  ],
};

const regularPolygonPoints: TaskSpec = {
  exportName: 'regularPolygonPoints',
  title: 'Regular polygon vertices',
  description:
    'Create src/regularPolygonPoints.js exporting `function regularPolygonPoints(cx, cy, radius, sides)` that returns ' +
    'an array of `sides` [x, y] vertices. Vertex i is at angle t = i * 2 * Math.PI / sides measured clockwise from straight ' +
    'up: x = cx + radius * Math.sin(t), y = cy - radius * Math.cos(t). Round each coordinate with Math.round(v * 100) / 100 ' +
    'and never return -0. Example: regularPolygonPoints(0, 0, 10, 4) gives [[0, -10], [10, 0], [0, 10], [-10, 0]]. ' +
    'Throw TypeError if cx, cy or radius is not a finite number; RangeError if radius < 0 or sides is not an integer >= 3. No imports.',
  reference: js`export function regularPolygonPoints(cx, cy, radius, sides) {
  if (![cx, cy, radius].every((n) => Number.isFinite(n))) throw new TypeError('cx, cy and radius must be finite numbers');
  if (radius < 0 || !Number.isInteger(sides) || sides < 3) throw new RangeError('need radius >= 0 and an integer sides >= 3');
  const round = (v) => Math.round(v * 100) / 100 + 0;
  const points = [];
  for (let i = 0; i < sides; i++) {
    const t = (i * 2 * Math.PI) / sides;
    points.push([round(cx + radius * Math.sin(t)), round(cy - radius * Math.cos(t))]);
  }
  return points;
}
`,
  wrong: js`export function regularPolygonPoints(cx, cy, radius, sides) {
  if (![cx, cy, radius].every((n) => Number.isFinite(n))) throw new TypeError('cx, cy and radius must be finite numbers');
  if (radius < 0 || !Number.isInteger(sides) || sides < 3) throw new RangeError('need radius >= 0 and an integer sides >= 3');
  const round = (v) => Math.round(v * 100) / 100 + 0;
  const points = [];
  for (let i = 0; i < sides; i++) {
    const t = (i * 2 * Math.PI) / sides;
    points.push([round(cx + radius * Math.cos(t)), round(cy + radius * Math.sin(t))]);
  }
  return points;
}
`,
  tests: [
    { name: 'a square starts at the top and goes clockwise', code: js`assert.deepEqual(regularPolygonPoints(0, 0, 10, 4), [[0, -10], [10, 0], [0, 10], [-10, 0]]);` },
    { name: 'a triangle around a centre, rounded', code: js`assert.deepEqual(regularPolygonPoints(50, 50, 10, 3), [[50, 40], [58.66, 55], [41.34, 55]]);` },
    { name: 'returns one vertex per side', code: js`const pts = regularPolygonPoints(0, 0, 5, 6);
assert.equal(pts.length, 6);
assert.deepEqual(pts[3], [0, 5]);` },
    { name: 'a zero radius collapses onto the centre', code: js`assert.deepEqual(regularPolygonPoints(3, 4, 0, 3), [[3, 4], [3, 4], [3, 4]]);` },
    { name: 'throws RangeError for bad sides or radius', code: js`assert.throws(() => regularPolygonPoints(0, 0, 10, 2), RangeError);
assert.throws(() => regularPolygonPoints(0, 0, 10, 4.5), RangeError);
assert.throws(() => regularPolygonPoints(0, 0, -1, 4), RangeError);` },
    { name: 'throws TypeError for a non-number', code: js`assert.throws(() => regularPolygonPoints('0', 0, 10, 4), TypeError);` },
  ],
};

const formatAttributes: TaskSpec = {
  exportName: 'formatAttributes',
  title: 'Attribute string',
  description:
    'Create src/formatAttributes.js exporting `function formatAttributes(attrs)` that turns a plain object into SVG ' +
    'attribute text: for each own key in insertion order output \' key="value"\' (a leading space each) and join them ' +
    'with nothing. Skip null and undefined values (but keep 0 and ""). Numbers are written with String(); strings get ' +
    '& < > " replaced by &amp; &lt; &gt; &quot; (& first). Example: formatAttributes({ x: 1, fill: \'red\' }) === ' +
    '\' x="1" fill="red"\'; {} gives "". Throw TypeError if attrs is not a plain object (null, an array) or a value is ' +
    'neither a number nor a string (e.g. a boolean). No imports.',
  reference: js`export function formatAttributes(attrs) {
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) throw new TypeError('attrs must be an object');
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') out += ' ' + key + '="' + value + '"';
    else if (typeof value === 'string') {
      const text = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      out += ' ' + key + '="' + text + '"';
    } else throw new TypeError('attribute ' + key + ' must be a number or a string');
  }
  return out;
}
`,
  wrong: js`export function formatAttributes(attrs) {
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) throw new TypeError('attrs must be an object');
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (!value) continue;
    if (typeof value === 'number') out += ' ' + key + '="' + value + '"';
    else if (typeof value === 'string') {
      const text = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      out += ' ' + key + '="' + text + '"';
    } else throw new TypeError('attribute ' + key + ' must be a number or a string');
  }
  return out;
}
`,
  tests: [
    { name: 'writes attributes in order', code: js`assert.equal(formatAttributes({ x: 1, fill: 'red', 'stroke-width': 2.5 }), ' x="1" fill="red" stroke-width="2.5"');` },
    { name: 'skips null and undefined but keeps 0 and empty strings', code: js`assert.equal(formatAttributes({ a: null, b: undefined, c: 0, d: '' }), ' c="0" d=""');` },
    { name: 'escapes string values', code: js`assert.equal(formatAttributes({ title: 'a "b" & <c>' }), ' title="a &quot;b&quot; &amp; &lt;c&gt;"');` },
    { name: 'an empty object gives an empty string', code: js`assert.equal(formatAttributes({}), '');` },
    { name: 'throws TypeError for bad input', code: js`assert.throws(() => formatAttributes(null), TypeError);
assert.throws(() => formatAttributes([1]), TypeError);
assert.throws(() => formatAttributes({ visible: true }), TypeError);` },
  ],
};

/** Independent tasks in the order variants take them: p = 0.2 uses the first 4, p = 0.5 the first 10. */
const INDEPENDENT: readonly TaskSpec[] = [
  escapeXml,
  hexToRgb,
  barChart,
  boundingBox,
  rgbToHex,
  distance,
  translateTransform,
  circleElement,
  textElement,
  viewBox,
  midpoint,
  scaleTransform,
  rotateTransform,
  rectElement,
  lineElement,
  polygonArea,
  regularPolygonPoints,
  formatAttributes,
];

// ---------------------------------------------------------------- variants

const TASK_COUNT = 20;

function taskId(index: number): string {
  return 't' + String(index + 1).padStart(2, '0');
}

/** One variant: the first `chainLength` chain steps (t01..), then independent tasks up to 20. */
function variant(p: number, chainLength: number): Suite {
  const specs = [...CHAIN.slice(0, chainLength), ...INDEPENDENT.slice(0, TASK_COUNT - chainLength)];
  const tasks: Task[] = specs.map((spec, i) => ({
    id: taskId(i),
    title: spec.title,
    description: spec.description,
    dependencies: i > 0 && i < chainLength ? [taskId(i - 1)] : [],
    file: 'src/' + spec.exportName + '.js',
    exportName: spec.exportName,
    reference: spec.reference,
    wrong: spec.wrong,
    tests: spec.tests.map((t) => ({ ...t })),
  }));
  return {
    id: 'svg-p' + p,
    family: 'svg',
    name: 'SVG utilities (p = ' + p + ')',
    description:
      'Twenty small SVG helpers, one exported function per file. A serial chain of ' + chainLength +
      ' tasks builds a sparkline dashboard step by step (each step imports the one before); the other ' +
      (TASK_COUNT - chainLength) + ' tasks (colours, transforms, elements, geometry, a bar chart) are independent.',
    p,
    tasks,
  };
}

/** The three variants, in p order: chains of 16, 10 and 2 tasks. */
export const svgSuites: Suite[] = [variant(0.2, 16), variant(0.5, 10), variant(0.9, 2)];
