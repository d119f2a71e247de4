/**
 * The "data" task-suite family: data analysis utilities (summary statistics, outliers, histograms,
 * quantiles, group-by, pivot, moving averages, correlation, CSV parsing) in three variants whose
 * serial chains of 16, 10 and 2 tasks give nominal p = 0.2, 0.5 and 0.9.
 *
 * Each task is written once as a template; a variant places templates in order, gives them ids
 * t01..t20 and turns a template's `after` (the export it imports) into a dependency id. That keeps
 * the specs, solutions and tests of a function identical wherever it appears.
 */
import type { Suite, Task, TestCase } from '../types';

/** Code and test bodies are raw so that '\n' inside them reaches the agent's file unescaped. */
const js = String.raw;

interface TaskTemplate {
  title: string;
  description: string;
  exportName: string;
  /** exportName of the chain task this one imports; absent for independent tasks. */
  after?: string;
  reference: string;
  wrong: string;
  tests: TestCase[];
}

function test(name: string, code: string): TestCase {
  return { name, code };
}

// ---------------------------------------------------------------------------------------------
// The long chain: sum -> mean -> variance -> standardDeviation -> describe -> zScores ->
// findOutliers -> removeOutliers -> robustExtent -> binEdges -> assignBins -> histogram ->
// relativeFrequencies -> cumulativeFrequencies -> quantileBin -> quartileBins.
// ---------------------------------------------------------------------------------------------

const sum: TaskTemplate = {
  title: 'Sum of numbers',
  exportName: 'sum',
  description: `Export function sum(values) from src/sum.js. values is an array of numbers; return their total. An empty array returns 0. Validate first: throw a TypeError if values is not an array, or if any element is not a finite number (typeof must be 'number' and Number.isFinite must be true, so '3', null, NaN and Infinity are all rejected). Do not change the input array. Example: sum([1, 2, 3, 4]) is 10.`,
  reference: js`export function sum(values) {
  if (!Array.isArray(values)) throw new TypeError('sum: values must be an array');
  let total = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError('sum: every value must be a finite number, got ' + String(v));
    }
    total += v;
  }
  return total;
}
`,
  wrong: js`export function sum(values) {
  if (!Array.isArray(values)) throw new TypeError('sum: values must be an array');
  return values.reduce((total, v) => total + v, 0);
}
`,
  tests: [
    test('adds integers', js`assert.equal(sum([1, 2, 3, 4]), 10);`),
    test('an empty array sums to 0', js`assert.equal(sum([]), 0);`),
    test('handles negatives and decimals', js`assert.close(sum([1.5, -0.5, 2]), 3);`),
    test('rejects a non-array', js`assert.throws(() => sum('1,2'), TypeError); assert.throws(() => sum(null), TypeError);`),
    test(
      'rejects elements that are not finite numbers',
      js`assert.throws(() => sum([1, '2']), TypeError);
assert.throws(() => sum([1, NaN]), TypeError);
assert.throws(() => sum([Infinity]), TypeError);`,
    ),
  ],
};

const mean: TaskTemplate = {
  title: 'Arithmetic mean',
  exportName: 'mean',
  after: 'sum',
  description: `Export function mean(values) from src/mean.js. Import { sum } from './sum.js' (sum(values) returns the total of an array of finite numbers, 0 for [], and throws a TypeError for a non-array or a non-number element). Call sum(values) first so bad input throws its TypeError; then, if values is empty, throw a RangeError; otherwise return sum(values) / values.length. Example: mean([1, 2, 3, 4]) is 2.5.`,
  reference: js`import { sum } from './sum.js';

export function mean(values) {
  const total = sum(values);
  if (values.length === 0) throw new RangeError('mean: values must not be empty');
  return total / values.length;
}
`,
  wrong: js`import { sum } from './sum.js';

export function mean(values) {
  if (values.length === 0) return 0;
  return sum(values) / values.length;
}
`,
  tests: [
    test('averages integers', js`assert.equal(mean([1, 2, 3, 4]), 2.5);`),
    test('one value is its own mean', js`assert.equal(mean([5]), 5);`),
    test('averages decimals and negatives', js`assert.close(mean([0.5, 0.25]), 0.375); assert.equal(mean([-2, 2, 6]), 2);`),
    test('an empty array throws a RangeError', js`assert.throws(() => mean([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => mean([1, 'x']), TypeError); assert.throws(() => mean('abc'), TypeError);`),
  ],
};

const variance: TaskTemplate = {
  title: 'Population variance',
  exportName: 'variance',
  after: 'mean',
  description: `Export function variance(values) from src/variance.js: the population variance (divide by n, not n - 1). Import { mean } from './mean.js' (mean(values) returns the average; it throws a RangeError for [] and a TypeError for bad input). Compute m = mean(values), then return the mean of the squared differences: mean(values.map(v => (v - m) ** 2)). Let mean's errors propagate. Examples: variance([2, 4, 4, 4, 5, 5, 7, 9]) is 4; a single value gives 0.`,
  reference: js`import { mean } from './mean.js';

export function variance(values) {
  const m = mean(values);
  return mean(values.map((v) => (v - m) ** 2));
}
`,
  wrong: js`import { mean } from './mean.js';

export function variance(values) {
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return squares / (values.length - 1);
}
`,
  tests: [
    test('textbook example', js`assert.equal(variance([2, 4, 4, 4, 5, 5, 7, 9]), 4);`),
    test('divides by n, not n - 1', js`assert.close(variance([1, 2, 3, 4]), 1.25);`),
    test('a single value has no spread', js`assert.equal(variance([5]), 0);`),
    test('an empty array throws a RangeError', js`assert.throws(() => variance([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => variance(['a', 'b']), TypeError);`),
  ],
};

const standardDeviation: TaskTemplate = {
  title: 'Standard deviation',
  exportName: 'standardDeviation',
  after: 'variance',
  description: `Export function standardDeviation(values) from src/standardDeviation.js: the population standard deviation. Import { variance } from './variance.js' (variance(values) is the population variance, dividing by n; it throws a RangeError for [] and a TypeError for bad input). Return Math.sqrt(variance(values)); do not apply the n - 1 (sample) correction. Errors from variance propagate. Examples: standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) is 2; standardDeviation([3, 3, 3]) is 0.`,
  reference: js`import { variance } from './variance.js';

export function standardDeviation(values) {
  return Math.sqrt(variance(values));
}
`,
  wrong: js`import { variance } from './variance.js';

export function standardDeviation(values) {
  const n = values.length;
  return Math.sqrt((variance(values) * n) / (n - 1));
}
`,
  tests: [
    test('textbook example', js`assert.equal(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 2);`),
    test('two values one apart from the mean', js`assert.equal(standardDeviation([1, 3]), 1);`),
    test('equal values give 0', js`assert.equal(standardDeviation([3, 3, 3]), 0); assert.equal(standardDeviation([7]), 0);`),
    test('irrational result', js`assert.close(standardDeviation([1, 2, 3, 4]), Math.sqrt(1.25));`),
    test('an empty array throws a RangeError', js`assert.throws(() => standardDeviation([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => standardDeviation([1, null]), TypeError);`),
  ],
};

const describe: TaskTemplate = {
  title: 'Summary statistics',
  exportName: 'describe',
  after: 'standardDeviation',
  description: `Export function describe(values) from src/describe.js returning a summary object { count, mean, std, min, max } of an array of finite numbers. Import { standardDeviation } from './standardDeviation.js' (population standard deviation; throws a RangeError for [] and a TypeError for bad input) and call it first, which also validates values. count is values.length, mean is the sum divided by count, std is standardDeviation(values), and min and max are the smallest and largest values (the array may be unsorted). Example: describe([9, 2, 7]) has min 2 and max 9.`,
  reference: js`import { standardDeviation } from './standardDeviation.js';

export function describe(values) {
  const std = standardDeviation(values);
  const total = values.reduce((acc, v) => acc + v, 0);
  return {
    count: values.length,
    mean: total / values.length,
    std,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
`,
  wrong: js`import { standardDeviation } from './standardDeviation.js';

export function describe(values) {
  const std = standardDeviation(values);
  const total = values.reduce((acc, v) => acc + v, 0);
  return { count: values.length, mean: total / values.length, std, min: values[0], max: values[values.length - 1] };
}
`,
  tests: [
    test('summarizes a sorted array', js`assert.deepEqual(describe([2, 4, 4, 4, 5, 5, 7, 9]), { count: 8, mean: 5, std: 2, min: 2, max: 9 });`),
    test(
      'finds min and max in an unsorted array',
      js`const d = describe([9, 2, 7]);
assert.equal(d.min, 2);
assert.equal(d.max, 9);
assert.equal(d.count, 3);
assert.equal(d.mean, 6);`,
    ),
    test('one value', js`assert.deepEqual(describe([4]), { count: 1, mean: 4, std: 0, min: 4, max: 4 });`),
    test('std is the population standard deviation', js`assert.equal(describe([3, 1]).std, 1);`),
    test('an empty array throws a RangeError', js`assert.throws(() => describe([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => describe([1, '2']), TypeError);`),
  ],
};

const zScores: TaskTemplate = {
  title: 'Z-scores',
  exportName: 'zScores',
  after: 'describe',
  description: `Export function zScores(values) from src/zScores.js. Import { describe } from './describe.js' (describe(values) returns { count, mean, std, min, max } with the population standard deviation; it throws a RangeError for [] and a TypeError for bad input). Return a new array where each value v becomes (v - mean) / std. If std is 0 (all values equal) return an array of zeros of the same length instead of dividing by zero. Do not modify the input. Example: zScores([2, 4, 4, 4, 5, 5, 7, 9]) is [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2].`,
  reference: js`import { describe } from './describe.js';

export function zScores(values) {
  const { mean, std } = describe(values);
  if (std === 0) return values.map(() => 0);
  return values.map((v) => (v - mean) / std);
}
`,
  wrong: js`import { describe } from './describe.js';

export function zScores(values) {
  const { mean, std } = describe(values);
  return values.map((v) => (v - mean) / std);
}
`,
  tests: [
    test('standardizes values', js`assert.deepEqual(zScores([2, 4, 4, 4, 5, 5, 7, 9]), [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);`),
    test('two values become -1 and 1', js`assert.deepEqual(zScores([10, 20]), [-1, 1]);`),
    test('equal values give zeros, not NaN', js`assert.deepEqual(zScores([3, 3, 3]), [0, 0, 0]);`),
    test(
      'returns a new array',
      js`const input = [1, 3];
const out = zScores(input);
assert.ok(out !== input);
assert.deepEqual(input, [1, 3]);`,
    ),
    test('an empty array throws a RangeError', js`assert.throws(() => zScores([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => zScores('abc'), TypeError);`),
  ],
};

const findOutliers: TaskTemplate = {
  title: 'Find outliers by z-score',
  exportName: 'findOutliers',
  after: 'zScores',
  description: `Export function findOutliers(values, threshold = 2) from src/findOutliers.js returning the indices (ascending) of the outliers in values: the positions whose z-score has an absolute value strictly greater than threshold (exactly equal is not an outlier). Import { zScores } from './zScores.js' (zScores(values) returns (v - mean) / std for each value, all zeros when std is 0; it throws a RangeError for [] and a TypeError for bad input). Check threshold first: TypeError if it is not a number, RangeError if it is not finite or not greater than 0. Example: findOutliers([10, 10, 10, 10, 10, 10, 10, 10, 10, 50]) is [9].`,
  reference: js`import { zScores } from './zScores.js';

export function findOutliers(values, threshold = 2) {
  if (typeof threshold !== 'number') throw new TypeError('findOutliers: threshold must be a number');
  if (!Number.isFinite(threshold) || threshold <= 0) throw new RangeError('findOutliers: threshold must be > 0');
  const indices = [];
  zScores(values).forEach((z, i) => {
    if (Math.abs(z) > threshold) indices.push(i);
  });
  return indices;
}
`,
  wrong: js`import { zScores } from './zScores.js';

export function findOutliers(values, threshold = 2) {
  if (typeof threshold !== 'number') throw new TypeError('findOutliers: threshold must be a number');
  if (!Number.isFinite(threshold) || threshold <= 0) throw new RangeError('findOutliers: threshold must be > 0');
  const indices = [];
  zScores(values).forEach((z, i) => {
    if (Math.abs(z) >= threshold) indices.push(i);
  });
  return indices;
}
`,
  tests: [
    test('finds a high spike', js`assert.deepEqual(findOutliers([10, 10, 10, 10, 10, 10, 10, 10, 10, 50]), [9]);`),
    test('finds a low spike too', js`assert.deepEqual(findOutliers([50, 50, 50, 50, 50, 10, 50, 50, 50, 50]), [5]);`),
    test('a z-score equal to the threshold is not an outlier', js`assert.deepEqual(findOutliers([2, 4, 4, 4, 5, 5, 7, 9]), []);`),
    test(
      'uses the given threshold',
      js`assert.deepEqual(findOutliers([2, 4, 4, 4, 5, 5, 7, 9], 1.5), [7]);
assert.deepEqual(findOutliers([2, 4, 4, 4, 5, 5, 7, 9], 1), [0, 7]);`,
    ),
    test('equal values have no outliers', js`assert.deepEqual(findOutliers([4, 4, 4, 4, 4, 4]), []);`),
    test(
      'a bad threshold throws',
      js`assert.throws(() => findOutliers([1, 2, 3], 0), RangeError);
assert.throws(() => findOutliers([1, 2, 3], -1), RangeError);
assert.throws(() => findOutliers([1, 2, 3], '2'), TypeError);`,
    ),
    test('an empty array throws a RangeError', js`assert.throws(() => findOutliers([]), RangeError);`),
  ],
};

const removeOutliers: TaskTemplate = {
  title: 'Remove outliers',
  exportName: 'removeOutliers',
  after: 'findOutliers',
  description: `Export function removeOutliers(values, threshold = 2) from src/removeOutliers.js. Import { findOutliers } from './findOutliers.js' (findOutliers(values, threshold) returns the INDICES of the values whose |z-score| > threshold; it throws a TypeError or RangeError for a bad threshold, a RangeError for [] and a TypeError for bad values). Return a new array without the values at those indices, keeping the others in their original order. Never modify the input array. Example: removeOutliers([1, 2, 3, 1, 2, 3, 1, 2, 3, 40]) is [1, 2, 3, 1, 2, 3, 1, 2, 3].`,
  reference: js`import { findOutliers } from './findOutliers.js';

export function removeOutliers(values, threshold = 2) {
  const outliers = new Set(findOutliers(values, threshold));
  return values.filter((_, i) => !outliers.has(i));
}
`,
  wrong: js`import { findOutliers } from './findOutliers.js';

export function removeOutliers(values, threshold = 2) {
  const outliers = findOutliers(values, threshold);
  return values.filter((v) => !outliers.includes(v));
}
`,
  tests: [
    test('drops a spike', js`assert.deepEqual(removeOutliers([10, 10, 10, 10, 10, 10, 10, 10, 10, 50]), [10, 10, 10, 10, 10, 10, 10, 10, 10]);`),
    test('keeps the order of the rest', js`assert.deepEqual(removeOutliers([1, 2, 3, 1, 2, 3, 1, 2, 3, 40]), [1, 2, 3, 1, 2, 3, 1, 2, 3]);`),
    test('passes the threshold on', js`assert.deepEqual(removeOutliers([2, 4, 4, 4, 5, 5, 7, 9], 1), [4, 4, 4, 5, 5, 7]);`),
    test(
      'without outliers returns an equal new array',
      js`const input = [3, 1, 2];
const out = removeOutliers(input);
assert.deepEqual(out, [3, 1, 2]);
assert.ok(out !== input);`,
    ),
    test('a bad threshold throws a RangeError', js`assert.throws(() => removeOutliers([1, 2, 3], 0), RangeError);`),
    test('a non-array throws a TypeError', js`assert.throws(() => removeOutliers('1,2,3'), TypeError);`),
  ],
};

const robustExtent: TaskTemplate = {
  title: 'Range without outliers',
  exportName: 'robustExtent',
  after: 'removeOutliers',
  description: `Export function robustExtent(values, threshold = 2) from src/robustExtent.js returning [min, max] of the values that remain after outlier removal, so one extreme value does not stretch the range. Import { removeOutliers } from './removeOutliers.js' (removeOutliers(values, threshold) returns a new array without the values whose |z-score| > threshold; it throws a RangeError or TypeError for bad input). If nothing remains (possible with a small threshold), throw a RangeError. Examples: robustExtent([1, 2, 3, 1, 2, 3, 1, 2, 3, 40]) is [1, 3]; robustExtent([5, -2, 7]) is [-2, 7].`,
  reference: js`import { removeOutliers } from './removeOutliers.js';

export function robustExtent(values, threshold = 2) {
  const kept = removeOutliers(values, threshold);
  if (kept.length === 0) throw new RangeError('robustExtent: every value is an outlier');
  return [Math.min(...kept), Math.max(...kept)];
}
`,
  wrong: js`import { removeOutliers } from './removeOutliers.js';

export function robustExtent(values, threshold = 2) {
  const kept = removeOutliers(values, threshold);
  return [Math.min(...kept), Math.max(...kept)];
}
`,
  tests: [
    test('ignores a spike', js`assert.deepEqual(robustExtent([1, 2, 3, 1, 2, 3, 1, 2, 3, 40]), [1, 3]);`),
    test('without outliers it is the plain range', js`assert.deepEqual(robustExtent([5, -2, 7]), [-2, 7]);`),
    test('passes the threshold on', js`assert.deepEqual(robustExtent([2, 4, 4, 4, 5, 5, 7, 9], 1), [4, 7]);`),
    test('throws a RangeError when every value is an outlier', js`assert.throws(() => robustExtent([0, 10], 0.5), RangeError);`),
    test('an empty array throws a RangeError', js`assert.throws(() => robustExtent([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => robustExtent([1, 'a', 3]), TypeError);`),
  ],
};

const binEdges: TaskTemplate = {
  title: 'Histogram bin edges',
  exportName: 'binEdges',
  after: 'robustExtent',
  description: `Export function binEdges(values, binCount) from src/binEdges.js returning binCount + 1 equally spaced histogram bin edges. Import { robustExtent } from './robustExtent.js' (robustExtent(values) returns [lo, hi], the min and max after removing outliers with threshold 2; it throws a RangeError for [] and a TypeError for bad values). Check binCount first: TypeError if it is not a number, RangeError if it is not an integer >= 1. Then [lo, hi] = robustExtent(values); if lo === hi throw a RangeError. With width = (hi - lo) / binCount, edges[i] = lo + i * width for i = 0 .. binCount - 1, and the last edge is exactly hi. Example: binEdges([0, 10, 5, 2], 5) is [0, 2, 4, 6, 8, 10].`,
  reference: js`import { robustExtent } from './robustExtent.js';

export function binEdges(values, binCount) {
  if (typeof binCount !== 'number') throw new TypeError('binEdges: binCount must be a number');
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError('binEdges: binCount must be an integer >= 1');
  const [lo, hi] = robustExtent(values);
  if (lo === hi) throw new RangeError('binEdges: all values are equal');
  const width = (hi - lo) / binCount;
  const edges = [];
  for (let i = 0; i < binCount; i++) edges.push(lo + i * width);
  edges.push(hi);
  return edges;
}
`,
  wrong: js`import { robustExtent } from './robustExtent.js';

export function binEdges(values, binCount) {
  if (typeof binCount !== 'number') throw new TypeError('binEdges: binCount must be a number');
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError('binEdges: binCount must be an integer >= 1');
  const [lo, hi] = robustExtent(values);
  const width = (hi - lo) / binCount;
  const edges = [];
  for (let i = 0; i < binCount; i++) edges.push(lo + i * width);
  return edges;
}
`,
  tests: [
    test('evenly spaced edges', js`assert.deepEqual(binEdges([0, 10, 5, 2], 5), [0, 2, 4, 6, 8, 10]);`),
    test('one bin spans the range', js`assert.deepEqual(binEdges([7, 3], 1), [3, 7]);`),
    test('an outlier does not stretch the range', js`assert.deepEqual(binEdges([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2), [1, 2, 3]);`),
    test(
      'the last edge is exactly the maximum',
      js`const edges = binEdges([0, 1], 3);
assert.equal(edges.length, 4);
assert.close(edges[1], 1 / 3);
assert.equal(edges[3], 1);`,
    ),
    test(
      'a bad binCount throws',
      js`assert.throws(() => binEdges([1, 2], 0), RangeError);
assert.throws(() => binEdges([1, 2], 2.5), RangeError);
assert.throws(() => binEdges([1, 2], '3'), TypeError);`,
    ),
    test('equal values cannot be binned', js`assert.throws(() => binEdges([4, 4, 4], 2), RangeError);`),
  ],
};

const assignBins: TaskTemplate = {
  title: 'Assign values to bins',
  exportName: 'assignBins',
  after: 'binEdges',
  description: `Export function assignBins(values, binCount) from src/assignBins.js returning, for each value, the index of its histogram bin (an integer from 0 to binCount - 1). Import { binEdges } from './binEdges.js' (binEdges(values, binCount) returns binCount + 1 ascending edges over the outlier-free range; it throws a TypeError or RangeError for bad input). With edges = binEdges(values, binCount), a value's bin index is how many of the inner edges edges[1] .. edges[binCount - 1] are <= the value. So a value on an inner edge goes to the upper bin, the maximum goes to the last bin, and outliers beyond the edges fall into bin 0 or the last bin. Example: assignBins([0, 10, 5, 2], 5) is [0, 4, 2, 1].`,
  reference: js`import { binEdges } from './binEdges.js';

export function assignBins(values, binCount) {
  const edges = binEdges(values, binCount);
  return values.map((v) => {
    let bin = 0;
    while (bin < binCount - 1 && edges[bin + 1] <= v) bin++;
    return bin;
  });
}
`,
  wrong: js`import { binEdges } from './binEdges.js';

export function assignBins(values, binCount) {
  const edges = binEdges(values, binCount);
  const width = (edges[binCount] - edges[0]) / binCount;
  return values.map((v) => Math.floor((v - edges[0]) / width));
}
`,
  tests: [
    test('assigns each value its bin', js`assert.deepEqual(assignBins([0, 10, 5, 2], 5), [0, 4, 2, 1]);`),
    test('a value on an inner edge goes to the upper bin', js`assert.deepEqual(assignBins([0, 4, 6, 10], 5), [0, 2, 3, 4]);`),
    test('a high outlier goes to the last bin', js`assert.deepEqual(assignBins([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2), [0, 1, 1, 0, 1, 1, 0, 1, 1, 1]);`),
    test('a low outlier goes to bin 0', js`assert.deepEqual(assignBins([50, 51, 52, 50, 51, 52, 50, 51, 52, 10], 2), [0, 1, 1, 0, 1, 1, 0, 1, 1, 0]);`),
    test('a bad binCount throws a RangeError', js`assert.throws(() => assignBins([1, 2, 3], 0), RangeError);`),
    test('a non-array throws a TypeError', js`assert.throws(() => assignBins(null, 2), TypeError);`),
  ],
};

const histogram: TaskTemplate = {
  title: 'Histogram counts',
  exportName: 'histogram',
  after: 'assignBins',
  description: `Export function histogram(values, binCount) from src/histogram.js returning an array of exactly binCount counts. Import { assignBins } from './assignBins.js' (assignBins(values, binCount) returns each value's bin index, from 0 to binCount - 1; it throws a TypeError or RangeError for bad input). Call assignBins first, then counts[i] is how many values have bin index i. Bins with no values hold 0 (never undefined or a hole), and the counts add up to values.length. Example: histogram([0, 10, 5, 2], 5) is [1, 1, 1, 0, 1].`,
  reference: js`import { assignBins } from './assignBins.js';

export function histogram(values, binCount) {
  const bins = assignBins(values, binCount);
  const counts = new Array(binCount).fill(0);
  for (const b of bins) counts[b] += 1;
  return counts;
}
`,
  wrong: js`import { assignBins } from './assignBins.js';

export function histogram(values, binCount) {
  const counts = [];
  for (const b of assignBins(values, binCount)) counts[b] = (counts[b] || 0) + 1;
  return counts;
}
`,
  tests: [
    test('counts values per bin, empty bins hold 0', js`assert.deepEqual(histogram([0, 10, 5, 2], 5), [1, 1, 1, 0, 1]);`),
    test('several values per bin', js`assert.deepEqual(histogram([3, 8, 1, 9, 4, 4, 7], 4), [1, 3, 0, 3]);`),
    test('an outlier is counted in the last bin', js`assert.deepEqual(histogram([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2), [3, 7]);`),
    test(
      'counts add up to the number of values',
      js`const counts = histogram([5, 1, 9, 2, 8, 3, 7, 4, 6], 3);
assert.equal(counts.length, 3);
assert.equal(counts[0] + counts[1] + counts[2], 9);`,
    ),
    test('a bad binCount throws a RangeError', js`assert.throws(() => histogram([1, 2, 3], -1), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => histogram([1, '2', 3], 2), TypeError);`),
  ],
};

const relativeFrequencies: TaskTemplate = {
  title: 'Relative frequencies',
  exportName: 'relativeFrequencies',
  after: 'histogram',
  description: `Export function relativeFrequencies(values, binCount) from src/relativeFrequencies.js returning the share of values in each histogram bin. Import { histogram } from './histogram.js' (histogram(values, binCount) returns binCount counts that add up to values.length; it throws a TypeError or RangeError for bad input). Return each count divided by values.length (the number of values, not the number of bins), so the shares add up to 1. Example: relativeFrequencies([0, 10, 5, 2], 5) is [0.25, 0.25, 0.25, 0, 0.25].`,
  reference: js`import { histogram } from './histogram.js';

export function relativeFrequencies(values, binCount) {
  return histogram(values, binCount).map((count) => count / values.length);
}
`,
  wrong: js`import { histogram } from './histogram.js';

export function relativeFrequencies(values, binCount) {
  return histogram(values, binCount).map((count) => count / binCount);
}
`,
  tests: [
    test('shares per bin', js`assert.deepEqual(relativeFrequencies([0, 10, 5, 2], 5), [0.25, 0.25, 0.25, 0, 0.25]);`),
    test(
      'an outlier counts in the last bin',
      js`const shares = relativeFrequencies([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2);
assert.close(shares[0], 0.3);
assert.close(shares[1], 0.7);`,
    ),
    test(
      'shares add up to 1',
      js`const shares = relativeFrequencies([3, 8, 1, 9, 4, 4, 7], 4);
assert.equal(shares.length, 4);
assert.close(shares.reduce((a, b) => a + b, 0), 1);
assert.close(shares[1], 3 / 7);`,
    ),
    test('a bad binCount throws a RangeError', js`assert.throws(() => relativeFrequencies([1, 2, 3], 0), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => relativeFrequencies('123', 2), TypeError);`),
  ],
};

const cumulativeFrequencies: TaskTemplate = {
  title: 'Cumulative frequencies',
  exportName: 'cumulativeFrequencies',
  after: 'relativeFrequencies',
  description: `Export function cumulativeFrequencies(values, binCount) from src/cumulativeFrequencies.js. Import { relativeFrequencies } from './relativeFrequencies.js' (relativeFrequencies(values, binCount) returns the share of values in each of binCount histogram bins, adding up to 1; it throws a TypeError or RangeError for bad input). Return the running total: result[i] is the sum of the shares of bins 0 through i (bin i included). Set the last element to exactly 1 to hide rounding error. Example: cumulativeFrequencies([0, 10, 5, 2], 5) is [0.25, 0.5, 0.75, 0.75, 1].`,
  reference: js`import { relativeFrequencies } from './relativeFrequencies.js';

export function cumulativeFrequencies(values, binCount) {
  let running = 0;
  const result = relativeFrequencies(values, binCount).map((share) => (running += share));
  result[result.length - 1] = 1;
  return result;
}
`,
  wrong: js`import { relativeFrequencies } from './relativeFrequencies.js';

export function cumulativeFrequencies(values, binCount) {
  let running = 0;
  return relativeFrequencies(values, binCount).map((share) => {
    const before = running;
    running += share;
    return before;
  });
}
`,
  tests: [
    test('running totals include the current bin', js`assert.deepEqual(cumulativeFrequencies([0, 10, 5, 2], 5), [0.25, 0.5, 0.75, 0.75, 1]);`),
    test(
      'an outlier counts in the last bin',
      js`const c = cumulativeFrequencies([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2);
assert.close(c[0], 0.3);
assert.equal(c[1], 1);`,
    ),
    test(
      'ends at exactly 1 and never decreases',
      js`const c = cumulativeFrequencies([3, 8, 1, 9, 4, 4, 7], 4);
assert.equal(c.length, 4);
assert.close(c[0], 1 / 7);
assert.close(c[1], 4 / 7);
assert.close(c[2], 4 / 7);
assert.equal(c[3], 1);`,
    ),
    test('a bad binCount throws a RangeError', js`assert.throws(() => cumulativeFrequencies([1, 2, 3], 1.5), RangeError);`),
    test('an empty array throws a RangeError', js`assert.throws(() => cumulativeFrequencies([], 2), RangeError);`),
  ],
};

const quantileBin: TaskTemplate = {
  title: 'Bin of a quantile',
  exportName: 'quantileBin',
  after: 'cumulativeFrequencies',
  description: `Export function quantileBin(values, binCount, q) from src/quantileBin.js returning the index of the histogram bin that holds the q-quantile (q = 0.5: the median's bin). Import { cumulativeFrequencies } from './cumulativeFrequencies.js' (it returns the running share of values up to and including each of binCount bins, the last exactly 1; it throws a TypeError or RangeError for bad input). Check q first: TypeError if q is not a number, RangeError unless 0 < q <= 1. Return the first index i with cumulative[i] >= q - 1e-9. Example: for [0, 10, 5, 2] with 5 bins the cumulative shares are [0.25, 0.5, 0.75, 0.75, 1], so q = 0.5 gives 1 and q = 0.76 gives 4.`,
  reference: js`import { cumulativeFrequencies } from './cumulativeFrequencies.js';

export function quantileBin(values, binCount, q) {
  if (typeof q !== 'number') throw new TypeError('quantileBin: q must be a number');
  if (!(q > 0 && q <= 1)) throw new RangeError('quantileBin: q must be in (0, 1]');
  const cumulative = cumulativeFrequencies(values, binCount);
  return cumulative.findIndex((share) => share >= q - 1e-9);
}
`,
  wrong: js`import { cumulativeFrequencies } from './cumulativeFrequencies.js';

export function quantileBin(values, binCount, q) {
  if (typeof q !== 'number') throw new TypeError('quantileBin: q must be a number');
  if (!(q > 0 && q <= 1)) throw new RangeError('quantileBin: q must be in (0, 1]');
  const cumulative = cumulativeFrequencies(values, binCount);
  return cumulative.findIndex((share) => share > q);
}
`,
  tests: [
    test('the median bin', js`assert.equal(quantileBin([0, 10, 5, 2], 5, 0.5), 1);`),
    test(
      'small and large quantiles',
      js`assert.equal(quantileBin([0, 10, 5, 2], 5, 0.1), 0);
assert.equal(quantileBin([0, 10, 5, 2], 5, 0.76), 4);
assert.equal(quantileBin([0, 10, 5, 2], 5, 1), 4);`,
    ),
    test('an outlier lands in the last bin', js`assert.equal(quantileBin([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2, 0.5), 1);`),
    test('uneven bins', js`assert.equal(quantileBin([3, 8, 1, 9, 4, 4, 7], 4, 0.5), 1); assert.equal(quantileBin([3, 8, 1, 9, 4, 4, 7], 4, 0.6), 3);`),
    test(
      'q out of range throws a RangeError',
      js`assert.throws(() => quantileBin([0, 10, 5, 2], 5, 0), RangeError);
assert.throws(() => quantileBin([0, 10, 5, 2], 5, 1.5), RangeError);`,
    ),
    test('a non-number q throws a TypeError', js`assert.throws(() => quantileBin([0, 10, 5, 2], 5, '0.5'), TypeError);`),
  ],
};

const quartileBins: TaskTemplate = {
  title: 'Bins of the quartiles',
  exportName: 'quartileBins',
  after: 'quantileBin',
  description: `Export function quartileBins(values, binCount) from src/quartileBins.js returning [b1, b2, b3]: the indices of the histogram bins holding the lower quartile, the median and the upper quartile. Import { quantileBin } from './quantileBin.js' (quantileBin(values, binCount, q) returns the bin index of the q-quantile, where q is a fraction with 0 < q <= 1, not a percentage; it throws a TypeError or RangeError for bad input). Return [quantileBin(values, binCount, 0.25), quantileBin(values, binCount, 0.5), quantileBin(values, binCount, 0.75)]. Example: quartileBins([0, 10, 5, 2], 5) is [0, 1, 2].`,
  reference: js`import { quantileBin } from './quantileBin.js';

export function quartileBins(values, binCount) {
  return [0.25, 0.5, 0.75].map((q) => quantileBin(values, binCount, q));
}
`,
  wrong: js`import { quantileBin } from './quantileBin.js';

export function quartileBins(values, binCount) {
  return [25, 50, 75].map((q) => quantileBin(values, binCount, q));
}
`,
  tests: [
    test('quartile bins of four values', js`assert.deepEqual(quartileBins([0, 10, 5, 2], 5), [0, 1, 2]);`),
    test('uneven bins', js`assert.deepEqual(quartileBins([3, 8, 1, 9, 4, 4, 7], 4), [1, 1, 3]);`),
    test('an outlier does not move the quartiles', js`assert.deepEqual(quartileBins([1, 2, 3, 1, 2, 3, 1, 2, 3, 40], 2), [0, 1, 1]);`),
    test('a bad binCount throws a RangeError', js`assert.throws(() => quartileBins([1, 2, 3], 0), RangeError);`),
    test('an empty array throws a RangeError', js`assert.throws(() => quartileBins([], 2), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => quartileBins([1, 'x'], 2), TypeError);`),
  ],
};

// ---------------------------------------------------------------------------------------------
// CSV parsing: parseCsvLine stands alone; parseCsv builds on it (the p = 0.9 chain).
// ---------------------------------------------------------------------------------------------

const parseCsvLine: TaskTemplate = {
  title: 'Parse one CSV line',
  exportName: 'parseCsvLine',
  description: `Export function parseCsvLine(line) from src/parseCsvLine.js splitting one line of CSV into an array of field strings. Fields are separated by commas. A field may be wrapped in double quotes: inside quotes a comma is part of the field and two double quotes ("") stand for one " character; the wrapping quotes are not part of the value. Keep spaces as they are (no trimming) and keep empty fields: 'a,,b,' gives ['a', '', 'b', ''] and '' gives ['']. Throw a TypeError if line is not a string, and a SyntaxError if a quoted field is never closed. Example: parseCsvLine('"Smith, J",42') is ['Smith, J', '42'].`,
  reference: js`export function parseCsvLine(line) {
  if (typeof line !== 'string') throw new TypeError('parseCsvLine: line must be a string');
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new SyntaxError('parseCsvLine: a quoted field is not closed');
  fields.push(field);
  return fields;
}
`,
  wrong: js`export function parseCsvLine(line) {
  if (typeof line !== 'string') throw new TypeError('parseCsvLine: line must be a string');
  return line.split(',').map((field) => field.replace(/^"|"$/g, ''));
}
`,
  tests: [
    test('splits on commas', js`assert.deepEqual(parseCsvLine('a,b,c'), ['a', 'b', 'c']);`),
    test('keeps empty fields and spaces', js`assert.deepEqual(parseCsvLine('a,,c,'), ['a', '', 'c', '']); assert.deepEqual(parseCsvLine(' a , b'), [' a ', ' b']);`),
    test('an empty line is one empty field', js`assert.deepEqual(parseCsvLine(''), ['']);`),
    test('a quoted field may contain commas', js`assert.deepEqual(parseCsvLine('"Smith, J",42'), ['Smith, J', '42']);`),
    test('doubled quotes are one quote', js`assert.deepEqual(parseCsvLine('"say ""hi""",x'), ['say "hi"', 'x']);`),
    test('a non-string throws a TypeError', js`assert.throws(() => parseCsvLine(42), TypeError);`),
    test('an unclosed quote throws', js`assert.throws(() => parseCsvLine('"abc,d'), Error);`),
  ],
};

const parseCsv: TaskTemplate = {
  title: 'Parse CSV text into records',
  exportName: 'parseCsv',
  after: 'parseCsvLine',
  description: `Export function parseCsv(text) from src/parseCsv.js turning CSV text into an array of records. Import { parseCsvLine } from './parseCsvLine.js' (parseCsvLine(line) splits one line into field strings, handling double-quoted fields with commas and "" escapes). Split text on '\\n', remove one trailing '\\r' from each line (Windows line ends), and skip lines that are then empty. The first remaining line is the header (column names); every other line becomes an object mapping header[i] to field i, values kept as strings. Text without rows (empty, or only a header) gives []. Throw a TypeError if text is not a string and a RangeError if a row has a different number of fields than the header.`,
  reference: js`import { parseCsvLine } from './parseCsvLine.js';

export function parseCsv(text) {
  if (typeof text !== 'string') throw new TypeError('parseCsv: text must be a string');
  const lines = text
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line !== '');
  if (lines.length === 0) return [];
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line, i) => {
    const fields = parseCsvLine(line);
    if (fields.length !== header.length) {
      throw new RangeError('parseCsv: row ' + (i + 1) + ' has ' + fields.length + ' fields, expected ' + header.length);
    }
    const record = {};
    header.forEach((name, j) => {
      record[name] = fields[j];
    });
    return record;
  });
}
`,
  wrong: js`import { parseCsvLine } from './parseCsvLine.js';

export function parseCsv(text) {
  if (typeof text !== 'string') throw new TypeError('parseCsv: text must be a string');
  const lines = text.split('\n');
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const fields = parseCsvLine(line);
    if (fields.length !== header.length) throw new RangeError('parseCsv: wrong number of fields');
    const record = {};
    header.forEach((name, j) => {
      record[name] = fields[j];
    });
    return record;
  });
}
`,
  tests: [
    test('reads records with string values', js`assert.deepEqual(parseCsv('name,age\nAna,31\nBo,4'), [{ name: 'Ana', age: '31' }, { name: 'Bo', age: '4' }]);`),
    test('quoted fields keep their commas', js`assert.deepEqual(parseCsv('name,city\n"Smith, J",Paris'), [{ name: 'Smith, J', city: 'Paris' }]);`),
    test('Windows line ends, blank lines and a trailing newline', js`assert.deepEqual(parseCsv('a,b\r\n1,2\r\n\r\n3,4\r\n'), [{ a: '1', b: '2' }, { a: '3', b: '4' }]);`),
    test('no rows gives an empty array', js`assert.deepEqual(parseCsv('a,b\n'), []); assert.deepEqual(parseCsv(''), []);`),
    test('a row with the wrong field count throws a RangeError', js`assert.throws(() => parseCsv('a,b\n1,2,3'), RangeError);`),
    test('a non-string throws a TypeError', js`assert.throws(() => parseCsv(['a,b']), TypeError);`),
  ],
};

// ---------------------------------------------------------------------------------------------
// Independent tasks: each file stands alone (no imports).
// ---------------------------------------------------------------------------------------------

const median: TaskTemplate = {
  title: 'Median',
  exportName: 'median',
  description: `Export function median(values) from src/median.js returning the median of an array of finite numbers. Sort a copy numerically (with (a, b) => a - b; the default sort compares as strings) and never modify the input. For an odd count return the middle value; for an even count return the average of the two middle values. Throw a TypeError if values is not an array or holds anything that is not a finite number; throw a RangeError for an empty array. Examples: median([3, 1, 2]) is 2, median([4, 1, 3, 2]) is 2.5.`,
  reference: js`export function median(values) {
  if (!Array.isArray(values)) throw new TypeError('median: values must be an array');
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('median: every value must be a finite number');
  }
  if (values.length === 0) throw new RangeError('median: values must not be empty');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
`,
  wrong: js`export function median(values) {
  if (!Array.isArray(values)) throw new TypeError('median: values must be an array');
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('median: every value must be a finite number');
  }
  if (values.length === 0) throw new RangeError('median: values must not be empty');
  const sorted = [...values].sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
`,
  tests: [
    test('odd count: the middle value', js`assert.equal(median([3, 1, 2]), 2);`),
    test('even count: average of the middle two', js`assert.equal(median([4, 1, 3, 2]), 2.5);`),
    test('sorts numerically, not as text', js`assert.equal(median([10, 9, 2]), 9); assert.equal(median([100, 25, 3, 40]), 32.5);`),
    test(
      'does not modify the input',
      js`const input = [3, 1, 2];
median(input);
assert.deepEqual(input, [3, 1, 2]);`,
    ),
    test('an empty array throws a RangeError', js`assert.throws(() => median([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => median([1, '2']), TypeError); assert.throws(() => median('123'), TypeError);`),
  ],
};

const quantile: TaskTemplate = {
  title: 'Quantile with interpolation',
  exportName: 'quantile',
  description: `Export function quantile(values, q) from src/quantile.js returning the q-quantile of an array of finite numbers with linear interpolation (the rule of Excel's PERCENTILE.INC). Sort a copy numerically into s; let pos = (n - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos); return s[lo] + (s[hi] - s[lo]) * (pos - lo). q = 0 gives the minimum and q = 1 the maximum. Do not modify the input. Throw a TypeError if values is not an array of finite numbers or q is not a number; throw a RangeError if values is empty or q is outside [0, 1]. Example: quantile([1, 2, 3, 4], 0.5) is 2.5.`,
  reference: js`export function quantile(values, q) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('quantile: values must be an array of finite numbers');
  }
  if (typeof q !== 'number') throw new TypeError('quantile: q must be a number');
  if (values.length === 0) throw new RangeError('quantile: values must not be empty');
  if (!(q >= 0 && q <= 1)) throw new RangeError('quantile: q must be in [0, 1]');
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
`,
  wrong: js`export function quantile(values, q) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('quantile: values must be an array of finite numbers');
  }
  if (typeof q !== 'number') throw new TypeError('quantile: q must be a number');
  if (values.length === 0) throw new RangeError('quantile: values must not be empty');
  if (!(q >= 0 && q <= 1)) throw new RangeError('quantile: q must be in [0, 1]');
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
`,
  tests: [
    test('quartile on a rank', js`assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);`),
    test('interpolates between ranks', js`assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5); assert.close(quantile([10, 20, 30, 40], 0.9), 37);`),
    test('0 and 1 give min and max of unsorted input', js`assert.equal(quantile([5, 1, 3], 0), 1); assert.equal(quantile([5, 1, 3], 1), 5);`),
    test(
      'q out of range throws a RangeError',
      js`assert.throws(() => quantile([1, 2, 3], 1.5), RangeError);
assert.throws(() => quantile([1, 2, 3], -0.1), RangeError);`,
    ),
    test('an empty array throws a RangeError', js`assert.throws(() => quantile([], 0.5), RangeError);`),
    test('bad types throw a TypeError', js`assert.throws(() => quantile([1, 2], '0.5'), TypeError); assert.throws(() => quantile([1, 'a'], 0.5), TypeError);`),
  ],
};

const mode: TaskTemplate = {
  title: 'Mode',
  exportName: 'mode',
  description: `Export function mode(values) from src/mode.js returning the most frequent value in an array of finite numbers. If several values are tied for the highest count, return the smallest of them (not the first one seen). Throw a TypeError if values is not an array or holds anything that is not a finite number; throw a RangeError for an empty array. Examples: mode([1, 2, 2, 3]) is 2; mode([3, 1, 3, 1, 2]) is 1; mode([5, 4, 9]) is 4.`,
  reference: js`export function mode(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('mode: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('mode: values must not be empty');
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  let bestCount = 0;
  for (const [v, count] of counts) {
    if (count > bestCount || (count === bestCount && v < best)) {
      best = v;
      bestCount = count;
    }
  }
  return best;
}
`,
  wrong: js`export function mode(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('mode: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('mode: values must not be empty');
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  let bestCount = 0;
  for (const [v, count] of counts) {
    if (count > bestCount) {
      best = v;
      bestCount = count;
    }
  }
  return best;
}
`,
  tests: [
    test('the most frequent value', js`assert.equal(mode([1, 2, 2, 3]), 2);`),
    test('ties go to the smallest value', js`assert.equal(mode([3, 1, 3, 1, 2]), 1); assert.equal(mode([5, 4, 9]), 4);`),
    test('one value', js`assert.equal(mode([7]), 7);`),
    test('negatives and decimals', js`assert.equal(mode([2, -1.5, -1.5]), -1.5);`),
    test('an empty array throws a RangeError', js`assert.throws(() => mode([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => mode(['a', 'a']), TypeError);`),
  ],
};

const normalize: TaskTemplate = {
  title: 'Min-max normalization',
  exportName: 'normalize',
  description: `Export function normalize(values) from src/normalize.js: min-max scaling. Return a new array where each value v becomes (v - min) / (max - min), so the smallest value maps to 0 and the largest to 1. If all values are equal (max === min) return an array of zeros of the same length. An empty array returns []. Do not modify the input. Throw a TypeError if values is not an array or holds anything that is not a finite number. Example: normalize([2, 4, 6]) is [0, 0.5, 1].`,
  reference: js`export function normalize(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('normalize: values must be an array of finite numbers');
  }
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return values.map(() => 0);
  return values.map((v) => (v - min) / (max - min));
}
`,
  wrong: js`export function normalize(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('normalize: values must be an array of finite numbers');
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => (v - min) / (max - min));
}
`,
  tests: [
    test('scales to [0, 1]', js`assert.deepEqual(normalize([2, 4, 6]), [0, 0.5, 1]);`),
    test('unsorted and negative values', js`assert.deepEqual(normalize([10, 0, 5]), [1, 0, 0.5]); assert.deepEqual(normalize([-5, 5]), [0, 1]);`),
    test('equal values give zeros', js`assert.deepEqual(normalize([3, 3, 3]), [0, 0, 0]);`),
    test('an empty array gives []', js`assert.deepEqual(normalize([]), []);`),
    test(
      'does not modify the input',
      js`const input = [4, 2];
normalize(input);
assert.deepEqual(input, [4, 2]);`,
    ),
    test('non-numbers throw a TypeError', js`assert.throws(() => normalize([1, '2']), TypeError); assert.throws(() => normalize(null), TypeError);`),
  ],
};

const countBy: TaskTemplate = {
  title: 'Count records by field',
  exportName: 'countBy',
  description: `Export function countBy(records, key) from src/countBy.js counting records by the value of one field. records is an array of objects and key a string. Return a plain object mapping each distinct value of record[key], converted with String(), to how many records have it. Skip records whose record[key] is undefined. An empty array returns {}. Throw a TypeError if records is not an array, if key is not a string, or if any record is null or not an object. Example: countBy([{ c: 'a' }, { c: 'b' }, { c: 'a' }], 'c') is { a: 2, b: 1 }.`,
  reference: js`export function countBy(records, key) {
  if (!Array.isArray(records)) throw new TypeError('countBy: records must be an array');
  if (typeof key !== 'string') throw new TypeError('countBy: key must be a string');
  const counts = {};
  for (const record of records) {
    if (record === null || typeof record !== 'object') throw new TypeError('countBy: every record must be an object');
    const value = record[key];
    if (value === undefined) continue;
    const name = String(value);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
`,
  wrong: js`export function countBy(records, key) {
  if (!Array.isArray(records)) throw new TypeError('countBy: records must be an array');
  if (typeof key !== 'string') throw new TypeError('countBy: key must be a string');
  const counts = {};
  for (const record of records) {
    const name = String(record[key]);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
`,
  tests: [
    test('counts string values', js`assert.deepEqual(countBy([{ c: 'a' }, { c: 'b' }, { c: 'a' }], 'c'), { a: 2, b: 1 });`),
    test('numbers and booleans become string keys', js`assert.deepEqual(countBy([{ n: 1 }, { n: 2 }, { n: 1 }, { n: true }], 'n'), { '1': 2, '2': 1, true: 1 });`),
    test('records without the field are skipped', js`assert.deepEqual(countBy([{ c: 'a' }, { x: 1 }, { c: 'a' }], 'c'), { a: 2 });`),
    test('an empty array gives {}', js`assert.deepEqual(countBy([], 'c'), {});`),
    test('a non-array or non-string key throws a TypeError', js`assert.throws(() => countBy('abc', 'c'), TypeError); assert.throws(() => countBy([{ c: 1 }], 3), TypeError);`),
    test('a null record throws a TypeError', js`assert.throws(() => countBy([{ c: 1 }, null], 'c'), TypeError);`),
  ],
};

const groupBy: TaskTemplate = {
  title: 'Group records by field',
  exportName: 'groupBy',
  description: `Export function groupBy(records, key) from src/groupBy.js. records is an array of objects and key a string. Return a plain object mapping each distinct value of record[key] (converted with String()) to an array of the records having that value, in their original order. Put the record objects themselves in the arrays (no copies). Skip records whose record[key] is undefined. An empty array returns {}. Throw a TypeError if records is not an array, key is not a string, or a record is null or not an object. Example: groupBy([{ t: 'x' }, { t: 'y' }, { t: 'x' }], 't') is { x: [{ t: 'x' }, { t: 'x' }], y: [{ t: 'y' }] }.`,
  reference: js`export function groupBy(records, key) {
  if (!Array.isArray(records)) throw new TypeError('groupBy: records must be an array');
  if (typeof key !== 'string') throw new TypeError('groupBy: key must be a string');
  const groups = {};
  for (const record of records) {
    if (record === null || typeof record !== 'object') throw new TypeError('groupBy: every record must be an object');
    if (record[key] === undefined) continue;
    const name = String(record[key]);
    if (!groups[name]) groups[name] = [];
    groups[name].push(record);
  }
  return groups;
}
`,
  wrong: js`export function groupBy(records, key) {
  if (!Array.isArray(records)) throw new TypeError('groupBy: records must be an array');
  if (typeof key !== 'string') throw new TypeError('groupBy: key must be a string');
  const groups = {};
  for (const record of records) {
    if (record === null || typeof record !== 'object') throw new TypeError('groupBy: every record must be an object');
    if (record[key] === undefined) continue;
    const name = String(record[key]);
    if (!groups[name]) groups[name] = [];
    else groups[name].push(record);
  }
  return groups;
}
`,
  tests: [
    test(
      'groups in original order',
      js`assert.deepEqual(groupBy([{ t: 'x', v: 1 }, { t: 'y', v: 2 }, { t: 'x', v: 3 }], 't'), {
  x: [{ t: 'x', v: 1 }, { t: 'x', v: 3 }],
  y: [{ t: 'y', v: 2 }],
});`,
    ),
    test(
      'keeps the record objects themselves',
      js`const a = { t: 'x' };
const groups = groupBy([a], 't');
assert.equal(groups.x.length, 1);
assert.equal(groups.x[0], a);`,
    ),
    test('number keys become strings; missing fields are skipped', js`assert.deepEqual(groupBy([{ n: 1 }, {}, { n: 1 }], 'n'), { '1': [{ n: 1 }, { n: 1 }] });`),
    test('an empty array gives {}', js`assert.deepEqual(groupBy([], 't'), {});`),
    test('bad arguments throw a TypeError', js`assert.throws(() => groupBy(null, 't'), TypeError); assert.throws(() => groupBy([], 1), TypeError); assert.throws(() => groupBy([5], 't'), TypeError);`),
  ],
};

const pivot: TaskTemplate = {
  title: 'Pivot table of sums',
  exportName: 'pivot',
  description: `Export function pivot(records, rowKey, colKey, valueKey) from src/pivot.js building a pivot table of sums. records is an array of objects; rowKey, colKey and valueKey are strings. Return a nested plain object table where table[row][col] is the SUM of record[valueKey] over all records with String(record[rowKey]) === row and String(record[colKey]) === col. Combinations that never occur are absent. An empty array returns {}. Throw a TypeError if records is not an array, a key argument is not a string, a record is not an object, or a record[valueKey] is not a finite number. Example: pivot([{ r: 'a', c: 'x', v: 1 }, { r: 'a', c: 'x', v: 2 }], 'r', 'c', 'v') is { a: { x: 3 } }.`,
  reference: js`export function pivot(records, rowKey, colKey, valueKey) {
  if (!Array.isArray(records)) throw new TypeError('pivot: records must be an array');
  for (const k of [rowKey, colKey, valueKey]) {
    if (typeof k !== 'string') throw new TypeError('pivot: keys must be strings');
  }
  const table = {};
  for (const record of records) {
    if (record === null || typeof record !== 'object') throw new TypeError('pivot: every record must be an object');
    const value = record[valueKey];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('pivot: values must be finite numbers');
    const row = String(record[rowKey]);
    const col = String(record[colKey]);
    if (!table[row]) table[row] = {};
    table[row][col] = (table[row][col] ?? 0) + value;
  }
  return table;
}
`,
  wrong: js`export function pivot(records, rowKey, colKey, valueKey) {
  if (!Array.isArray(records)) throw new TypeError('pivot: records must be an array');
  const table = {};
  for (const record of records) {
    const value = record[valueKey];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('pivot: values must be finite numbers');
    const row = String(record[rowKey]);
    if (!table[row]) table[row] = {};
    table[row][String(record[colKey])] = value;
  }
  return table;
}
`,
  tests: [
    test(
      'sums values per row and column',
      js`const sales = [
  { region: 'north', q: 'Q1', amount: 10 },
  { region: 'north', q: 'Q2', amount: 5 },
  { region: 'south', q: 'Q1', amount: 7 },
  { region: 'north', q: 'Q1', amount: 3 },
];
assert.deepEqual(pivot(sales, 'region', 'q', 'amount'), { north: { Q1: 13, Q2: 5 }, south: { Q1: 7 } });`,
    ),
    test(
      'number keys become strings',
      js`assert.deepEqual(pivot([{ y: 2024, m: 1, n: 2 }, { y: 2024, m: 1, n: 3 }, { y: 2025, m: 2, n: 1 }], 'y', 'm', 'n'), {
  '2024': { '1': 5 },
  '2025': { '2': 1 },
});`,
    ),
    test('an empty array gives {}', js`assert.deepEqual(pivot([], 'a', 'b', 'c'), {});`),
    test('a non-number value throws a TypeError', js`assert.throws(() => pivot([{ r: 'a', c: 'x', v: '1' }], 'r', 'c', 'v'), TypeError);`),
    test('a non-array or non-string key throws a TypeError', js`assert.throws(() => pivot({}, 'r', 'c', 'v'), TypeError); assert.throws(() => pivot([], 'r', 2, 'v'), TypeError);`),
  ],
};

const movingAverage: TaskTemplate = {
  title: 'Moving average',
  exportName: 'movingAverage',
  description: `Export function movingAverage(values, window) from src/movingAverage.js: the trailing simple moving average. Return an array of length values.length - window + 1 where result[i] is the mean of values[i] through values[i + window - 1] (window consecutive values). Throw a TypeError if values is not an array of finite numbers or window is not a number; throw a RangeError if window is not an integer, is less than 1, or is greater than values.length. Example: movingAverage([1, 2, 3, 4, 5], 2) is [1.5, 2.5, 3.5, 4.5].`,
  reference: js`export function movingAverage(values, window) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('movingAverage: values must be an array of finite numbers');
  }
  if (typeof window !== 'number') throw new TypeError('movingAverage: window must be a number');
  if (!Number.isInteger(window) || window < 1 || window > values.length) {
    throw new RangeError('movingAverage: window must be an integer from 1 to values.length');
  }
  const result = [];
  for (let i = 0; i + window <= values.length; i++) {
    let total = 0;
    for (let j = i; j < i + window; j++) total += values[j];
    result.push(total / window);
  }
  return result;
}
`,
  wrong: js`export function movingAverage(values, window) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('movingAverage: values must be an array of finite numbers');
  }
  if (typeof window !== 'number') throw new TypeError('movingAverage: window must be a number');
  if (!Number.isInteger(window) || window < 1 || window > values.length) {
    throw new RangeError('movingAverage: window must be an integer from 1 to values.length');
  }
  const result = [];
  for (let i = 0; i + window < values.length; i++) {
    let total = 0;
    for (let j = i; j < i + window; j++) total += values[j];
    result.push(total / window);
  }
  return result;
}
`,
  tests: [
    test('window of 2', js`assert.deepEqual(movingAverage([1, 2, 3, 4, 5], 2), [1.5, 2.5, 3.5, 4.5]);`),
    test('window of 3', js`assert.deepEqual(movingAverage([3, 6, 9, 0], 3), [6, 5]);`),
    test('window of 1 copies; full window is one mean', js`assert.deepEqual(movingAverage([4, 8], 1), [4, 8]); assert.deepEqual(movingAverage([1, 2, 3, 4, 5], 5), [3]);`),
    test(
      'a bad window throws a RangeError',
      js`assert.throws(() => movingAverage([1, 2, 3], 0), RangeError);
assert.throws(() => movingAverage([1, 2, 3], 4), RangeError);
assert.throws(() => movingAverage([1, 2, 3], 1.5), RangeError);`,
    ),
    test('bad types throw a TypeError', js`assert.throws(() => movingAverage([1, 2, 3], '2'), TypeError); assert.throws(() => movingAverage([1, 'x'], 1), TypeError);`),
  ],
};

const weightedMean: TaskTemplate = {
  title: 'Weighted mean',
  exportName: 'weightedMean',
  description: `Export function weightedMean(values, weights) from src/weightedMean.js returning (sum of values[i] * weights[i]) / (sum of weights). Both are arrays of finite numbers of the same length. Throw a TypeError if either is not an array or holds anything that is not a finite number; throw a RangeError if the lengths differ, the arrays are empty, any weight is negative, or the weights add up to 0. A weight of 0 simply ignores its value. Example: weightedMean([1, 3], [1, 3]) is 2.5.`,
  reference: js`export function weightedMean(values, weights) {
  const isNumbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!isNumbers(values) || !isNumbers(weights)) throw new TypeError('weightedMean: arrays of finite numbers expected');
  if (values.length !== weights.length) throw new RangeError('weightedMean: values and weights differ in length');
  if (weights.some((w) => w < 0)) throw new RangeError('weightedMean: weights must not be negative');
  let weighted = 0;
  let total = 0;
  values.forEach((v, i) => {
    weighted += v * weights[i];
    total += weights[i];
  });
  if (total === 0) throw new RangeError('weightedMean: weights add up to 0');
  return weighted / total;
}
`,
  wrong: js`export function weightedMean(values, weights) {
  const isNumbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!isNumbers(values) || !isNumbers(weights)) throw new TypeError('weightedMean: arrays of finite numbers expected');
  if (values.length !== weights.length) throw new RangeError('weightedMean: values and weights differ in length');
  if (values.length === 0) throw new RangeError('weightedMean: empty input');
  let weighted = 0;
  values.forEach((v, i) => {
    weighted += v * weights[i];
  });
  return weighted / values.length;
}
`,
  tests: [
    test('weights pull the mean', js`assert.equal(weightedMean([1, 3], [1, 3]), 2.5);`),
    test('equal weights give the plain mean', js`assert.equal(weightedMean([2, 4, 6], [1, 1, 1]), 4);`),
    test('a zero weight ignores its value', js`assert.equal(weightedMean([10, 1000], [1, 0]), 10);`),
    test('different lengths throw a RangeError', js`assert.throws(() => weightedMean([1, 2], [1]), RangeError);`),
    test(
      'zero total, empty input or a negative weight throw a RangeError',
      js`assert.throws(() => weightedMean([1, 2], [0, 0]), RangeError);
assert.throws(() => weightedMean([], []), RangeError);
assert.throws(() => weightedMean([1, 2], [2, -1]), RangeError);`,
    ),
    test('non-numbers throw a TypeError', js`assert.throws(() => weightedMean([1, 2], 'ab'), TypeError); assert.throws(() => weightedMean(['1'], [1]), TypeError);`),
  ],
};

// Self-contained versions of chain functions, for the p = 0.9 variant whose chain is the CSV pair.

const meanAlone: TaskTemplate = {
  title: 'Arithmetic mean',
  exportName: 'mean',
  description: `Export function mean(values) from src/mean.js returning the arithmetic mean (sum divided by count) of an array of finite numbers. Throw a TypeError if values is not an array or holds anything that is not a finite number (typeof 'number' and Number.isFinite true), and a RangeError if the array is empty. Examples: mean([1, 2, 3, 4]) is 2.5; mean([5]) is 5.`,
  reference: js`export function mean(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('mean: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('mean: values must not be empty');
  return values.reduce((total, v) => total + v, 0) / values.length;
}
`,
  wrong: js`export function mean(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('mean: values must be an array of finite numbers');
  }
  if (values.length === 0) return 0;
  return values.reduce((total, v) => total + v, 0) / values.length;
}
`,
  tests: [
    test('averages integers', js`assert.equal(mean([1, 2, 3, 4]), 2.5);`),
    test('one value is its own mean', js`assert.equal(mean([5]), 5);`),
    test('averages decimals and negatives', js`assert.close(mean([0.5, 0.25]), 0.375); assert.equal(mean([-2, 2, 6]), 2);`),
    test('an empty array throws a RangeError', js`assert.throws(() => mean([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => mean([1, 'x']), TypeError); assert.throws(() => mean([NaN]), TypeError);`),
  ],
};

const standardDeviationAlone: TaskTemplate = {
  title: 'Standard deviation',
  exportName: 'standardDeviation',
  description: `Export function standardDeviation(values) from src/standardDeviation.js returning the POPULATION standard deviation of an array of finite numbers: the square root of the mean of the squared differences from the mean (divide by n, not n - 1). A single value gives 0. Throw a TypeError if values is not an array or holds anything that is not a finite number, and a RangeError for an empty array. Example: standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) is 2.`,
  reference: js`export function standardDeviation(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('standardDeviation: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('standardDeviation: values must not be empty');
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((acc, v) => acc + (v - m) ** 2, 0);
  return Math.sqrt(squares / values.length);
}
`,
  wrong: js`export function standardDeviation(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('standardDeviation: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('standardDeviation: values must not be empty');
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((acc, v) => acc + (v - m) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}
`,
  tests: [
    test('textbook example', js`assert.equal(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 2);`),
    test('divides by n', js`assert.equal(standardDeviation([1, 3]), 1); assert.close(standardDeviation([1, 2, 3, 4]), Math.sqrt(1.25));`),
    test('one value or equal values give 0', js`assert.equal(standardDeviation([7]), 0); assert.equal(standardDeviation([3, 3, 3]), 0);`),
    test('an empty array throws a RangeError', js`assert.throws(() => standardDeviation([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => standardDeviation([1, null]), TypeError); assert.throws(() => standardDeviation(5), TypeError);`),
  ],
};

const zScoresAlone: TaskTemplate = {
  title: 'Z-scores',
  exportName: 'zScores',
  description: `Export function zScores(values) from src/zScores.js. Return a new array where each value v becomes (v - mean) / std, with mean the arithmetic mean and std the POPULATION standard deviation (square root of the mean squared difference from the mean: divide by n, not n - 1). If std is 0 (all values equal) return an array of zeros of the same length. Throw a TypeError if values is not an array or holds anything that is not a finite number, and a RangeError for an empty array. Example: zScores([2, 4, 4, 4, 5, 5, 7, 9]) is [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2].`,
  reference: js`export function zScores(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('zScores: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('zScores: values must not be empty');
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / values.length);
  return values.map((v) => (std === 0 ? 0 : (v - m) / std));
}
`,
  wrong: js`export function zScores(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('zScores: values must be an array of finite numbers');
  }
  if (values.length === 0) throw new RangeError('zScores: values must not be empty');
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1));
  return values.map((v) => (std === 0 ? 0 : (v - m) / std));
}
`,
  tests: [
    test('standardizes values', js`assert.deepEqual(zScores([2, 4, 4, 4, 5, 5, 7, 9]), [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);`),
    test('two values become -1 and 1', js`assert.deepEqual(zScores([10, 20]), [-1, 1]);`),
    test('equal values give zeros', js`assert.deepEqual(zScores([3, 3, 3]), [0, 0, 0]);`),
    test('an empty array throws a RangeError', js`assert.throws(() => zScores([]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => zScores([1, '2']), TypeError);`),
  ],
};

const correlation: TaskTemplate = {
  title: 'Pearson correlation',
  exportName: 'correlation',
  description: `Export function correlation(xs, ys) from src/correlation.js returning Pearson's correlation coefficient r of two equally long arrays of finite numbers: r = sxy / Math.sqrt(sxx * syy), where sxy is the sum of (x - meanX) * (y - meanY) over the pairs and sxx, syy are the sums of squared differences from each array's mean. The result lies between -1 and 1. Throw a TypeError if xs or ys is not an array of finite numbers; throw a RangeError if the lengths differ, there are fewer than 2 pairs, or either array has all values equal. Example: correlation([1, 2, 3], [2, 4, 6]) is 1.`,
  reference: js`export function correlation(xs, ys) {
  const isNumbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!isNumbers(xs) || !isNumbers(ys)) throw new TypeError('correlation: arrays of finite numbers expected');
  if (xs.length !== ys.length) throw new RangeError('correlation: arrays differ in length');
  if (xs.length < 2) throw new RangeError('correlation: at least 2 pairs are needed');
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  if (sxx === 0 || syy === 0) throw new RangeError('correlation: an array has no spread');
  return sxy / Math.sqrt(sxx * syy);
}
`,
  wrong: js`export function correlation(xs, ys) {
  const isNumbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!isNumbers(xs) || !isNumbers(ys)) throw new TypeError('correlation: arrays of finite numbers expected');
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
`,
  tests: [
    test('a perfect positive line gives 1', js`assert.close(correlation([1, 2, 3], [2, 4, 6]), 1);`),
    test('a perfect negative line gives -1', js`assert.close(correlation([1, 2, 3, 4], [8, 6, 4, 2]), -1);`),
    test('a partial correlation', js`assert.close(correlation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 6 / Math.sqrt(60));`),
    test('different lengths throw a RangeError', js`assert.throws(() => correlation([1, 2, 3], [1, 2]), RangeError);`),
    test(
      'too few pairs or no spread throw a RangeError',
      js`assert.throws(() => correlation([1], [2]), RangeError);
assert.throws(() => correlation([1, 2, 3], [5, 5, 5]), RangeError);`,
    ),
    test('non-numbers throw a TypeError', js`assert.throws(() => correlation([1, 2], ['1', '2']), TypeError);`),
  ],
};

const linearRegression: TaskTemplate = {
  title: 'Least-squares line',
  exportName: 'linearRegression',
  description: `Export function linearRegression(xs, ys) from src/linearRegression.js fitting the least-squares line y = slope * x + intercept to the points (xs[i], ys[i]). Return { slope, intercept } with slope = sxy / sxx, where sxy is the sum of (x - meanX) * (y - meanY) and sxx the sum of (x - meanX) ** 2, and intercept = meanY - slope * meanX. Throw a TypeError if xs or ys is not an array of finite numbers; throw a RangeError if the lengths differ, there are fewer than 2 points, or all xs are equal. Example: linearRegression([0, 1, 2, 3], [1, 3, 5, 7]) is { slope: 2, intercept: 1 }.`,
  reference: js`export function linearRegression(xs, ys) {
  const isNumbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!isNumbers(xs) || !isNumbers(ys)) throw new TypeError('linearRegression: arrays of finite numbers expected');
  if (xs.length !== ys.length) throw new RangeError('linearRegression: arrays differ in length');
  if (xs.length < 2) throw new RangeError('linearRegression: at least 2 points are needed');
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  if (sxx === 0) throw new RangeError('linearRegression: all xs are equal');
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
`,
  wrong: js`export function linearRegression(xs, ys) {
  const isNumbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!isNumbers(xs) || !isNumbers(ys)) throw new TypeError('linearRegression: arrays of finite numbers expected');
  if (xs.length !== ys.length) throw new RangeError('linearRegression: arrays differ in length');
  if (xs.length < 2) throw new RangeError('linearRegression: at least 2 points are needed');
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  });
  if (syy === 0) throw new RangeError('linearRegression: no spread');
  const slope = sxy / syy;
  return { slope, intercept: my - slope * mx };
}
`,
  tests: [
    test('recovers an exact line', js`assert.deepEqual(linearRegression([0, 1, 2, 3], [1, 3, 5, 7]), { slope: 2, intercept: 1 });`),
    test(
      'fits noisy points',
      js`const fit = linearRegression([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
assert.close(fit.slope, 0.6);
assert.close(fit.intercept, 2.2);`,
    ),
    test(
      'a falling line',
      js`const fit = linearRegression([0, 2, 4], [10, 6, 2]);
assert.close(fit.slope, -2);
assert.close(fit.intercept, 10);`,
    ),
    test('equal xs throw a RangeError', js`assert.throws(() => linearRegression([2, 2, 2], [1, 2, 3]), RangeError);`),
    test(
      'different lengths or one point throw a RangeError',
      js`assert.throws(() => linearRegression([1, 2], [1]), RangeError);
assert.throws(() => linearRegression([1], [1]), RangeError);`,
    ),
    test('non-numbers throw a TypeError', js`assert.throws(() => linearRegression('12', [1, 2]), TypeError);`),
  ],
};

const cumulativeSum: TaskTemplate = {
  title: 'Running totals',
  exportName: 'cumulativeSum',
  description: `Export function cumulativeSum(values) from src/cumulativeSum.js returning the running totals of an array of finite numbers: result[i] = values[0] + values[1] + ... + values[i] (element i included), so the result has the same length as the input. [] returns []. Do not modify the input. Throw a TypeError if values is not an array or holds anything that is not a finite number. Example: cumulativeSum([1, 2, 3]) is [1, 3, 6].`,
  reference: js`export function cumulativeSum(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('cumulativeSum: values must be an array of finite numbers');
  }
  let running = 0;
  return values.map((v) => (running += v));
}
`,
  wrong: js`export function cumulativeSum(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('cumulativeSum: values must be an array of finite numbers');
  }
  const result = [values[0]];
  for (let i = 1; i < values.length; i++) result.push(result[i - 1] + values[i]);
  return result;
}
`,
  tests: [
    test('running totals include the current element', js`assert.deepEqual(cumulativeSum([1, 2, 3]), [1, 3, 6]);`),
    test('negatives', js`assert.deepEqual(cumulativeSum([5, -2, -3, 4]), [5, 3, 0, 4]);`),
    test('one value and no values', js`assert.deepEqual(cumulativeSum([7]), [7]); assert.deepEqual(cumulativeSum([]), []);`),
    test(
      'does not modify the input',
      js`const input = [1, 1];
cumulativeSum(input);
assert.deepEqual(input, [1, 1]);`,
    ),
    test('non-numbers throw a TypeError', js`assert.throws(() => cumulativeSum([1, '2']), TypeError); assert.throws(() => cumulativeSum(undefined), TypeError);`),
  ],
};

const percentChange: TaskTemplate = {
  title: 'Percentage change',
  exportName: 'percentChange',
  description: `Export function percentChange(values) from src/percentChange.js returning the percentage change between consecutive values: result[i] = (values[i + 1] - values[i]) / values[i] * 100. The result has values.length - 1 entries (an empty array for fewer than 2 values). Throw a TypeError if values is not an array or holds anything that is not a finite number; throw a RangeError if a value used as a divisor (any value except the last) is 0. Example: percentChange([100, 110, 99]) is [10, -10] (up to rounding).`,
  reference: js`export function percentChange(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('percentChange: values must be an array of finite numbers');
  }
  const result = [];
  for (let i = 0; i + 1 < values.length; i++) {
    if (values[i] === 0) throw new RangeError('percentChange: cannot compute a change from 0');
    result.push(((values[i + 1] - values[i]) / values[i]) * 100);
  }
  return result;
}
`,
  wrong: js`export function percentChange(values) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('percentChange: values must be an array of finite numbers');
  }
  const result = [];
  for (let i = 0; i + 1 < values.length; i++) {
    if (values[i + 1] === 0) throw new RangeError('percentChange: cannot divide by 0');
    result.push(((values[i + 1] - values[i]) / values[i + 1]) * 100);
  }
  return result;
}
`,
  tests: [
    test(
      'rises and falls',
      js`const c = percentChange([100, 110, 99]);
assert.equal(c.length, 2);
assert.close(c[0], 10);
assert.close(c[1], -10);`,
    ),
    test('doubling is +100 and halving is -50', js`assert.deepEqual(percentChange([4, 8, 4]), [100, -50]);`),
    test('fewer than 2 values give []', js`assert.deepEqual(percentChange([5]), []); assert.deepEqual(percentChange([]), []);`),
    test('a change to 0 is allowed', js`assert.deepEqual(percentChange([5, 0]), [-100]);`),
    test('a change from 0 throws a RangeError', js`assert.throws(() => percentChange([0, 5]), RangeError);`),
    test('non-numbers throw a TypeError', js`assert.throws(() => percentChange(['1', '2']), TypeError);`),
  ],
};

const binCounts: TaskTemplate = {
  title: 'Equal-width histogram',
  exportName: 'binCounts',
  description: `Export function binCounts(values, binCount) from src/binCounts.js: a histogram with binCount equal-width bins spanning min(values) to max(values). With width = (max - min) / binCount, a value v goes to bin Math.floor((v - min) / width), except that the maximum goes to the last bin (binCount - 1); if all values are equal they all go to bin 0. Return an array of exactly binCount counts (0 for empty bins). Throw a TypeError if values is not an array of finite numbers or binCount is not a number; throw a RangeError if values is empty or binCount is not an integer >= 1. Example: binCounts([0, 10, 5, 2], 5) is [1, 1, 1, 0, 1].`,
  reference: js`export function binCounts(values, binCount) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('binCounts: values must be an array of finite numbers');
  }
  if (typeof binCount !== 'number') throw new TypeError('binCounts: binCount must be a number');
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError('binCounts: binCount must be an integer >= 1');
  if (values.length === 0) throw new RangeError('binCounts: values must not be empty');
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = (max - min) / binCount;
  const counts = new Array(binCount).fill(0);
  for (const v of values) {
    const bin = width === 0 ? 0 : Math.min(binCount - 1, Math.floor((v - min) / width));
    counts[bin] += 1;
  }
  return counts;
}
`,
  wrong: js`export function binCounts(values, binCount) {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError('binCounts: values must be an array of finite numbers');
  }
  if (typeof binCount !== 'number') throw new TypeError('binCounts: binCount must be a number');
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError('binCounts: binCount must be an integer >= 1');
  if (values.length === 0) throw new RangeError('binCounts: values must not be empty');
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = (max - min) / binCount;
  const counts = new Array(binCount).fill(0);
  for (const v of values) {
    const bin = width === 0 ? 0 : Math.floor((v - min) / width);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}
`,
  tests: [
    test('counts per bin, max in the last bin', js`assert.deepEqual(binCounts([0, 10, 5, 2], 5), [1, 1, 1, 0, 1]);`),
    test('several values per bin', js`assert.deepEqual(binCounts([3, 8, 1, 9, 4, 4, 7], 4), [1, 3, 0, 3]);`),
    test('one bin holds everything', js`assert.deepEqual(binCounts([5, 1, 3], 1), [3]);`),
    test('equal values all go to bin 0', js`assert.deepEqual(binCounts([2, 2, 2], 3), [3, 0, 0]);`),
    test(
      'bad binCount or empty values throw a RangeError',
      js`assert.throws(() => binCounts([1, 2], 0), RangeError);
assert.throws(() => binCounts([1, 2], 1.5), RangeError);
assert.throws(() => binCounts([], 2), RangeError);`,
    ),
    test('bad types throw a TypeError', js`assert.throws(() => binCounts([1, 2], '2'), TypeError); assert.throws(() => binCounts([1, 'x'], 2), TypeError);`),
  ],
};

const sortBy: TaskTemplate = {
  title: 'Sort records by field',
  exportName: 'sortBy',
  description: `Export function sortBy(records, key, descending = false) from src/sortBy.js returning a NEW array of the records sorted by record[key], ascending, or descending when descending is true. Compare keys with < and > so numbers sort numerically and strings by character code. Records with equal keys keep their original relative order (a stable sort), in both directions. Never modify the input array. Throw a TypeError if records is not an array, key is not a string, descending is not a boolean, or a record is null or not an object. Example: sortBy([{ n: 3 }, { n: 1 }], 'n') is [{ n: 1 }, { n: 3 }].`,
  reference: js`export function sortBy(records, key, descending = false) {
  if (!Array.isArray(records)) throw new TypeError('sortBy: records must be an array');
  if (typeof key !== 'string') throw new TypeError('sortBy: key must be a string');
  if (typeof descending !== 'boolean') throw new TypeError('sortBy: descending must be a boolean');
  if (records.some((r) => r === null || typeof r !== 'object')) throw new TypeError('sortBy: every record must be an object');
  const sign = descending ? -1 : 1;
  return [...records].sort((a, b) => {
    if (a[key] < b[key]) return -sign;
    if (a[key] > b[key]) return sign;
    return 0;
  });
}
`,
  wrong: js`export function sortBy(records, key, descending = false) {
  if (!Array.isArray(records)) throw new TypeError('sortBy: records must be an array');
  if (typeof key !== 'string') throw new TypeError('sortBy: key must be a string');
  const sign = descending ? -1 : 1;
  return records.sort((a, b) => {
    if (a[key] < b[key]) return -sign;
    if (a[key] > b[key]) return sign;
    return 0;
  });
}
`,
  tests: [
    test('sorts numbers ascending', js`assert.deepEqual(sortBy([{ n: 3 }, { n: 10 }, { n: 1 }], 'n'), [{ n: 1 }, { n: 3 }, { n: 10 }]);`),
    test('sorts descending', js`assert.deepEqual(sortBy([{ n: 3 }, { n: 10 }, { n: 1 }], 'n', true), [{ n: 10 }, { n: 3 }, { n: 1 }]);`),
    test('sorts strings', js`assert.deepEqual(sortBy([{ s: 'pear' }, { s: 'apple' }, { s: 'fig' }], 's'), [{ s: 'apple' }, { s: 'fig' }, { s: 'pear' }]);`),
    test(
      'is stable in both directions',
      js`const rows = [{ k: 1, id: 'a' }, { k: 0, id: 'b' }, { k: 1, id: 'c' }, { k: 0, id: 'd' }];
assert.deepEqual(sortBy(rows, 'k').map((r) => r.id), ['b', 'd', 'a', 'c']);
assert.deepEqual(sortBy(rows, 'k', true).map((r) => r.id), ['a', 'c', 'b', 'd']);`,
    ),
    test(
      'returns a new array and leaves the input alone',
      js`const input = [{ n: 2 }, { n: 1 }];
const out = sortBy(input, 'n');
assert.ok(out !== input);
assert.deepEqual(input, [{ n: 2 }, { n: 1 }]);`,
    ),
    test(
      'bad arguments throw a TypeError',
      js`assert.throws(() => sortBy('abc', 'n'), TypeError);
assert.throws(() => sortBy([], 5), TypeError);
assert.throws(() => sortBy([{ n: 1 }], 'n', 'yes'), TypeError);`,
    ),
  ],
};

// ---------------------------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------------------------

const LONG_CHAIN: TaskTemplate[] = [
  sum,
  mean,
  variance,
  standardDeviation,
  describe,
  zScores,
  findOutliers,
  removeOutliers,
  robustExtent,
  binEdges,
  assignBins,
  histogram,
  relativeFrequencies,
  cumulativeFrequencies,
  quantileBin,
  quartileBins,
];

/** Places templates in order as t01..t20; chain tasks first, then the independent ones. */
function buildVariant(p: number, summary: string, chain: TaskTemplate[], independent: TaskTemplate[]): Suite {
  const templates = [...chain, ...independent];
  const ids = new Map(templates.map((t, i) => [t.exportName, 't' + String(i + 1).padStart(2, '0')]));
  const tasks: Task[] = templates.map((t) => ({
    id: ids.get(t.exportName) ?? t.exportName,
    title: t.title,
    description: t.description,
    // An unknown `after` stays visible as a dangling id so validation names it instead of hiding it.
    dependencies: t.after === undefined ? [] : [ids.get(t.after) ?? t.after],
    file: 'src/' + t.exportName + '.js',
    exportName: t.exportName,
    reference: t.reference,
    wrong: t.wrong,
    tests: t.tests.map((c) => ({ ...c })),
  }));
  return {
    id: 'data-p' + String(p),
    family: 'data',
    name: 'Data analysis (p = ' + String(p) + ')',
    description: summary,
    p,
    tasks,
  };
}

export const dataSuites: Suite[] = [
  buildVariant(
    0.2,
    'Data analysis utilities with a 16-task serial chain (sum, mean, variance ... outlier-robust histogram bins and quartile bins) and 4 independent tasks: critical path 16 of 20.',
    LONG_CHAIN,
    [median, countBy, movingAverage, parseCsvLine],
  ),
  buildVariant(
    0.5,
    'Data analysis utilities with a 10-task serial chain (sum, mean, variance ... outlier-robust histogram bin edges) and 10 independent tasks: critical path 10 of 20.',
    LONG_CHAIN.slice(0, 10),
    [median, quantile, mode, normalize, countBy, groupBy, pivot, movingAverage, parseCsvLine, weightedMean],
  ),
  buildVariant(
    0.9,
    'Data analysis utilities with a 2-task chain (parse a CSV line, then CSV text into records) and 18 independent tasks: critical path 2 of 20.',
    [parseCsvLine, parseCsv],
    [
      meanAlone,
      median,
      mode,
      quantile,
      standardDeviationAlone,
      normalize,
      zScoresAlone,
      correlation,
      linearRegression,
      movingAverage,
      cumulativeSum,
      percentChange,
      weightedMean,
      binCounts,
      countBy,
      groupBy,
      pivot,
      sortBy,
    ],
  ),
];
