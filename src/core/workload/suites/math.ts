/**
 * The "math" task-suite family: small number utilities (number theory, fractions, rounding,
 * ranges, interpolation, sequences) in three variants whose dependency chains of 16, 10 and 2
 * tasks give the nominal parallel fractions p = 0.2, 0.5 and 0.9.
 *
 * Task bodies are written once and placed into variants by `buildSuite`, which assigns ids and
 * makes each chain task depend on the one before it, so a variant's structure is decided in one
 * place and cannot drift from the imports its reference solutions make.
 */
import type { Suite, Task } from '../types';

/** A task before it has a place in a suite: id and dependencies come from its position. */
type TaskBody = Omit<Task, 'id' | 'dependencies'>;

// ---------------------------------------------------------------------------------------------
// Prime and divisor tower (chain of the p = 0.5 variant; its first six tasks open p = 0.2).
// ---------------------------------------------------------------------------------------------

const isqrt: TaskBody = {
  title: 'Integer square root',
  description:
    'Write src/isqrt.js exporting function isqrt(n): the largest integer r with r * r <= n. ' +
    'n must be a safe integer (Number.isSafeInteger), otherwise throw a TypeError (e.g. 2.5, "9", NaN). ' +
    'If n < 0 throw a RangeError. isqrt(0) is 0, isqrt(15) is 3, isqrt(16) is 4. ' +
    'The result must be exact even for large n: Math.floor(Math.sqrt(n)) can be one too big near 2**53, ' +
    'so correct it afterwards (decrease r while r * r > n, increase it while (r + 1) * (r + 1) <= n).',
  file: 'src/isqrt.js',
  exportName: 'isqrt',
  reference: `export function isqrt(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('isqrt: n must be a safe integer');
  if (n < 0) throw new RangeError('isqrt: n must not be negative');
  let r = Math.floor(Math.sqrt(n));
  while (r * r > n) r -= 1;
  while ((r + 1) * (r + 1) <= n) r += 1;
  return r;
}
`,
  wrong: `export function isqrt(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('isqrt: n must be a safe integer');
  if (n < 0) throw new RangeError('isqrt: n must not be negative');
  return Math.floor(Math.sqrt(n));
}
`,
  tests: [
    { name: 'small values', code: `assert.equal(isqrt(0), 0); assert.equal(isqrt(1), 1); assert.equal(isqrt(2), 1);` },
    { name: 'around a perfect square', code: `assert.equal(isqrt(15), 3); assert.equal(isqrt(16), 4); assert.equal(isqrt(17), 4);` },
    { name: 'large perfect square', code: `assert.equal(isqrt(9007199136250225), 94906265);` },
    { name: 'one below a large perfect square', code: `assert.equal(isqrt(9007199136250224), 94906264);` },
    { name: 'negative throws RangeError', code: `assert.throws(() => isqrt(-1), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => isqrt(2.5), TypeError); assert.throws(() => isqrt('9'), TypeError);` },
  ],
};

const isPrime: TaskBody = {
  title: 'Primality test',
  description:
    'Write src/isPrime.js exporting function isPrime(n): true if n is a prime number, else false. ' +
    "Import the integer square root: import { isqrt } from './isqrt.js'; and try every divisor d from 2 " +
    'up to and including isqrt(n). ' +
    'n must be a safe integer, otherwise throw a TypeError (e.g. 7.5 or "7"). ' +
    'Numbers below 2 (1, 0 and all negatives) are not prime and return false. ' +
    'Examples: isPrime(2) true, isPrime(9) false, isPrime(97) true.',
  file: 'src/isPrime.js',
  exportName: 'isPrime',
  reference: `import { isqrt } from './isqrt.js';

export function isPrime(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('isPrime: n must be a safe integer');
  if (n < 2) return false;
  const limit = isqrt(n);
  for (let d = 2; d <= limit; d++) {
    if (n % d === 0) return false;
  }
  return true;
}
`,
  wrong: `import { isqrt } from './isqrt.js';

export function isPrime(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('isPrime: n must be a safe integer');
  if (n < 2) return false;
  const limit = isqrt(n);
  for (let d = 2; d < limit; d++) {
    if (n % d === 0) return false;
  }
  return true;
}
`,
  tests: [
    { name: 'small primes', code: `for (const p of [2, 3, 5, 7, 11, 13, 97]) assert.equal(isPrime(p), true, String(p));` },
    { name: 'squares of primes are not prime', code: `for (const n of [4, 9, 25, 49, 121]) assert.equal(isPrime(n), false, String(n));` },
    { name: 'other composites', code: `assert.equal(isPrime(91), false); assert.equal(isPrime(1001), false); assert.equal(isPrime(35), false);` },
    { name: 'below two', code: `assert.equal(isPrime(1), false); assert.equal(isPrime(0), false); assert.equal(isPrime(-7), false);` },
    { name: 'a larger prime', code: `assert.equal(isPrime(1000003), true); assert.equal(isPrime(1000001), false);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => isPrime(7.5), TypeError); assert.throws(() => isPrime('7'), TypeError);` },
  ],
};

const nextPrime: TaskBody = {
  title: 'Next prime',
  description:
    'Write src/nextPrime.js exporting function nextPrime(n): the smallest prime strictly greater than n. ' +
    "Import the primality test: import { isPrime } from './isPrime.js'; and test candidates n + 1, n + 2, ... " +
    'until isPrime says true. For any n below 2 (including negatives) the answer is 2. ' +
    'n must be a safe integer, otherwise throw a TypeError. ' +
    'Examples: nextPrime(0) is 2, nextPrime(2) is 3, nextPrime(7) is 11 (never n itself).',
  file: 'src/nextPrime.js',
  exportName: 'nextPrime',
  reference: `import { isPrime } from './isPrime.js';

export function nextPrime(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('nextPrime: n must be a safe integer');
  let candidate = n < 2 ? 2 : n + 1;
  while (!isPrime(candidate)) candidate += 1;
  return candidate;
}
`,
  wrong: `import { isPrime } from './isPrime.js';

export function nextPrime(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('nextPrime: n must be a safe integer');
  let candidate = n < 2 ? 2 : n;
  while (!isPrime(candidate)) candidate += 1;
  return candidate;
}
`,
  tests: [
    { name: 'below two gives two', code: `assert.equal(nextPrime(-5), 2); assert.equal(nextPrime(0), 2); assert.equal(nextPrime(1), 2);` },
    { name: 'strictly greater than a prime', code: `assert.equal(nextPrime(2), 3); assert.equal(nextPrime(7), 11); assert.equal(nextPrime(13), 17);` },
    { name: 'skips perfect squares', code: `assert.equal(nextPrime(23), 29); assert.equal(nextPrime(89), 97);` },
    { name: 'a larger gap', code: `assert.equal(nextPrime(1000000), 1000003);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => nextPrime(1.5), TypeError);` },
  ],
};

const primesInRange: TaskBody = {
  title: 'Primes in a range',
  description:
    'Write src/primesInRange.js exporting function primesInRange(low, high): an array of all primes p with ' +
    'low <= p <= high (both ends included), in ascending order. ' +
    "Import import { nextPrime } from './nextPrime.js'; start at nextPrime(low - 1) and keep calling nextPrime " +
    'on the last prime while the result is <= high. ' +
    'If low > high, or there is no prime in the range, return []. Negative bounds are allowed. ' +
    'Throw a TypeError if low or high is not a safe integer. ' +
    'Example: primesInRange(1, 10) is [2, 3, 5, 7]; primesInRange(2, 2) is [2].',
  file: 'src/primesInRange.js',
  exportName: 'primesInRange',
  reference: `import { nextPrime } from './nextPrime.js';

export function primesInRange(low, high) {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new TypeError('primesInRange: low and high must be safe integers');
  }
  const primes = [];
  for (let p = nextPrime(low - 1); p <= high; p = nextPrime(p)) primes.push(p);
  return primes;
}
`,
  wrong: `import { nextPrime } from './nextPrime.js';

export function primesInRange(low, high) {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new TypeError('primesInRange: low and high must be safe integers');
  }
  const primes = [];
  for (let p = nextPrime(low); p <= high; p = nextPrime(p)) primes.push(p);
  return primes;
}
`,
  tests: [
    { name: 'one to ten', code: `assert.deepEqual(primesInRange(1, 10), [2, 3, 5, 7]);` },
    { name: 'bounds are inclusive', code: `assert.deepEqual(primesInRange(2, 2), [2]); assert.deepEqual(primesInRange(11, 13), [11, 13]);` },
    { name: 'ten to thirty', code: `assert.deepEqual(primesInRange(10, 30), [11, 13, 17, 19, 23, 29]);` },
    { name: 'empty ranges', code: `assert.deepEqual(primesInRange(14, 16), []); assert.deepEqual(primesInRange(20, 10), []);` },
    { name: 'negative low bound', code: `assert.deepEqual(primesInRange(-10, 3), [2, 3]);` },
    { name: 'non-integer bounds throw TypeError', code: `assert.throws(() => primesInRange('a', 5), TypeError); assert.throws(() => primesInRange(1, 5.5), TypeError);` },
  ],
};

const primeFactors: TaskBody = {
  title: 'Prime factors',
  description:
    'Write src/primeFactors.js exporting function primeFactors(n): the prime factors of n in ascending order, ' +
    'repeated as often as they divide n, e.g. primeFactors(360) is [2, 2, 2, 3, 3, 5] and primeFactors(1) is []. ' +
    "Import import { primesInRange } from './primesInRange.js'; divide n by each prime of " +
    'primesInRange(2, Math.floor(Math.sqrt(n))) as many times as it divides; if what remains is greater than 1 ' +
    'it is itself a prime factor (e.g. 14 gives [2, 7]). ' +
    'Throw a TypeError if n is not a safe integer and a RangeError if n < 1.',
  file: 'src/primeFactors.js',
  exportName: 'primeFactors',
  reference: `import { primesInRange } from './primesInRange.js';

export function primeFactors(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('primeFactors: n must be a safe integer');
  if (n < 1) throw new RangeError('primeFactors: n must be at least 1');
  const factors = [];
  let rest = n;
  for (const p of primesInRange(2, Math.floor(Math.sqrt(n)))) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  if (rest > 1) factors.push(rest);
  return factors;
}
`,
  wrong: `import { primesInRange } from './primesInRange.js';

export function primeFactors(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('primeFactors: n must be a safe integer');
  if (n < 1) throw new RangeError('primeFactors: n must be at least 1');
  const factors = [];
  let rest = n;
  for (const p of primesInRange(2, Math.floor(Math.sqrt(n)))) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  return factors;
}
`,
  tests: [
    { name: 'one has no factors', code: `assert.deepEqual(primeFactors(1), []);` },
    { name: 'repeated factors', code: `assert.deepEqual(primeFactors(360), [2, 2, 2, 3, 3, 5]); assert.deepEqual(primeFactors(1024), [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);` },
    { name: 'a prime is its own factor', code: `assert.deepEqual(primeFactors(2), [2]); assert.deepEqual(primeFactors(97), [97]);` },
    { name: 'large leftover prime', code: `assert.deepEqual(primeFactors(14), [2, 7]); assert.deepEqual(primeFactors(1001), [7, 11, 13]);` },
    { name: 'zero and negatives throw RangeError', code: `assert.throws(() => primeFactors(0), RangeError); assert.throws(() => primeFactors(-12), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => primeFactors(2.5), TypeError);` },
  ],
};

const factorize: TaskBody = {
  title: 'Prime factorization',
  description:
    'Write src/factorize.js exporting function factorize(n): the prime factorization of n as an array of ' +
    '[prime, exponent] pairs in ascending order of prime, e.g. factorize(360) is [[2, 3], [3, 2], [5, 1]] ' +
    'and factorize(1) is []. ' +
    "Import import { primeFactors } from './primeFactors.js'; and group its equal neighbours into pairs. " +
    'Errors come from primeFactors: a TypeError if n is not a safe integer, a RangeError if n < 1.',
  file: 'src/factorize.js',
  exportName: 'factorize',
  reference: `import { primeFactors } from './primeFactors.js';

export function factorize(n) {
  const pairs = [];
  for (const p of primeFactors(n)) {
    const last = pairs[pairs.length - 1];
    if (last && last[0] === p) last[1] += 1;
    else pairs.push([p, 1]);
  }
  return pairs;
}
`,
  wrong: `import { primeFactors } from './primeFactors.js';

export function factorize(n) {
  return [...new Set(primeFactors(n))].map((p) => [p, 1]);
}
`,
  tests: [
    { name: 'mixed exponents', code: `assert.deepEqual(factorize(360), [[2, 3], [3, 2], [5, 1]]);` },
    { name: 'one is empty', code: `assert.deepEqual(factorize(1), []);` },
    { name: 'prime power and prime', code: `assert.deepEqual(factorize(1024), [[2, 10]]); assert.deepEqual(factorize(97), [[97, 1]]);` },
    { name: 'leftover prime factor', code: `assert.deepEqual(factorize(98), [[2, 1], [7, 2]]); assert.deepEqual(factorize(2 * 9973), [[2, 1], [9973, 1]]);` },
    { name: 'zero throws RangeError', code: `assert.throws(() => factorize(0), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => factorize('12'), TypeError);` },
  ],
};

const divisors: TaskBody = {
  title: 'All divisors',
  description:
    'Write src/divisors.js exporting function divisors(n): every positive divisor of n, including 1 and n, ' +
    'as an array of numbers sorted in ascending numeric order, e.g. divisors(12) is [1, 2, 3, 4, 6, 12] and ' +
    'divisors(1) is [1]. ' +
    "Import import { factorize } from './factorize.js'; start from [1] and, for each [p, e] pair, multiply " +
    'every divisor found so far by p**0, p**1, ..., p**e. Sort numerically at the end ' +
    '(sort((a, b) => a - b), not the default string sort). ' +
    'Errors come from factorize: TypeError if n is not a safe integer, RangeError if n < 1.',
  file: 'src/divisors.js',
  exportName: 'divisors',
  reference: `import { factorize } from './factorize.js';

export function divisors(n) {
  let result = [1];
  for (const [p, e] of factorize(n)) {
    const next = [];
    for (const d of result) {
      let power = 1;
      for (let i = 0; i <= e; i++) {
        next.push(d * power);
        power *= p;
      }
    }
    result = next;
  }
  return result.sort((a, b) => a - b);
}
`,
  wrong: `import { factorize } from './factorize.js';

export function divisors(n) {
  let result = [1];
  for (const [p, e] of factorize(n)) {
    const next = [];
    for (const d of result) {
      let power = 1;
      for (let i = 0; i <= e; i++) {
        next.push(d * power);
        power *= p;
      }
    }
    result = next;
  }
  return result.sort();
}
`,
  tests: [
    { name: 'one', code: `assert.deepEqual(divisors(1), [1]);` },
    { name: 'twelve in numeric order', code: `assert.deepEqual(divisors(12), [1, 2, 3, 4, 6, 12]);` },
    { name: 'a perfect square', code: `assert.deepEqual(divisors(36), [1, 2, 3, 4, 6, 9, 12, 18, 36]);` },
    { name: 'a prime and a perfect number', code: `assert.deepEqual(divisors(97), [1, 97]); assert.deepEqual(divisors(28), [1, 2, 4, 7, 14, 28]);` },
    { name: 'zero throws RangeError', code: `assert.throws(() => divisors(0), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => divisors(6.5), TypeError);` },
  ],
};

const aliquotSum: TaskBody = {
  title: 'Sum of proper divisors',
  description:
    'Write src/aliquotSum.js exporting function aliquotSum(n): the sum of the proper divisors of n, that is ' +
    'all positive divisors except n itself. aliquotSum(12) is 1 + 2 + 3 + 4 + 6 = 16, aliquotSum(1) is 0, ' +
    'aliquotSum(13) is 1. ' +
    "Import import { divisors } from './divisors.js'; sum divisors(n) and subtract n. " +
    'Errors come from divisors: TypeError if n is not a safe integer, RangeError if n < 1.',
  file: 'src/aliquotSum.js',
  exportName: 'aliquotSum',
  reference: `import { divisors } from './divisors.js';

export function aliquotSum(n) {
  return divisors(n).reduce((sum, d) => sum + d, 0) - n;
}
`,
  wrong: `import { divisors } from './divisors.js';

export function aliquotSum(n) {
  return divisors(n).slice(1).reduce((sum, d) => sum + d, 0);
}
`,
  tests: [
    { name: 'one and a prime', code: `assert.equal(aliquotSum(1), 0); assert.equal(aliquotSum(13), 1);` },
    { name: 'twelve', code: `assert.equal(aliquotSum(12), 16);` },
    { name: 'perfect numbers', code: `assert.equal(aliquotSum(6), 6); assert.equal(aliquotSum(28), 28);` },
    { name: 'amicable pair', code: `assert.equal(aliquotSum(220), 284); assert.equal(aliquotSum(284), 220);` },
    { name: 'zero throws RangeError', code: `assert.throws(() => aliquotSum(0), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => aliquotSum('6'), TypeError);` },
  ],
};

const classifyNumber: TaskBody = {
  title: 'Perfect, abundant or deficient',
  description:
    'Write src/classifyNumber.js exporting function classifyNumber(n) returning one of three strings: ' +
    "'perfect' if the sum of n's proper divisors equals n, 'abundant' if it is greater than n, 'deficient' if it is " +
    "smaller. Import import { aliquotSum } from './aliquotSum.js'; for that sum. " +
    "Examples: 6 and 28 are 'perfect', 12 is 'abundant', 13 and 1 are 'deficient'. " +
    'Errors come from aliquotSum: TypeError if n is not a safe integer, RangeError if n < 1.',
  file: 'src/classifyNumber.js',
  exportName: 'classifyNumber',
  reference: `import { aliquotSum } from './aliquotSum.js';

export function classifyNumber(n) {
  const sum = aliquotSum(n);
  if (sum === n) return 'perfect';
  return sum > n ? 'abundant' : 'deficient';
}
`,
  wrong: `import { aliquotSum } from './aliquotSum.js';

export function classifyNumber(n) {
  const sum = aliquotSum(n);
  if (sum >= n) return 'abundant';
  return sum === n ? 'perfect' : 'deficient';
}
`,
  tests: [
    { name: 'perfect numbers', code: `assert.equal(classifyNumber(6), 'perfect'); assert.equal(classifyNumber(28), 'perfect'); assert.equal(classifyNumber(496), 'perfect');` },
    { name: 'abundant numbers', code: `assert.equal(classifyNumber(12), 'abundant'); assert.equal(classifyNumber(945), 'abundant');` },
    { name: 'deficient numbers', code: `assert.equal(classifyNumber(13), 'deficient'); assert.equal(classifyNumber(8), 'deficient'); assert.equal(classifyNumber(1), 'deficient');` },
    { name: 'zero throws RangeError', code: `assert.throws(() => classifyNumber(0), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => classifyNumber(1.5), TypeError);` },
  ],
};

const perfectNumbersUpTo: TaskBody = {
  title: 'Perfect numbers up to a limit',
  description:
    'Write src/perfectNumbersUpTo.js exporting function perfectNumbersUpTo(limit): an ascending array of every ' +
    "perfect number p with 1 <= p <= limit (limit included). Import import { classifyNumber } from './classifyNumber.js'; " +
    "and keep each n from 1 to limit for which classifyNumber(n) is 'perfect'. " +
    'If limit < 1 return []. Throw a TypeError if limit is not a safe integer (e.g. "10" or 7.5). ' +
    'Examples: perfectNumbersUpTo(28) is [6, 28]; perfectNumbersUpTo(5) is [].',
  file: 'src/perfectNumbersUpTo.js',
  exportName: 'perfectNumbersUpTo',
  reference: `import { classifyNumber } from './classifyNumber.js';

export function perfectNumbersUpTo(limit) {
  if (!Number.isSafeInteger(limit)) throw new TypeError('perfectNumbersUpTo: limit must be a safe integer');
  const found = [];
  for (let n = 1; n <= limit; n++) {
    if (classifyNumber(n) === 'perfect') found.push(n);
  }
  return found;
}
`,
  wrong: `import { classifyNumber } from './classifyNumber.js';

export function perfectNumbersUpTo(limit) {
  if (!Number.isSafeInteger(limit)) throw new TypeError('perfectNumbersUpTo: limit must be a safe integer');
  const found = [];
  for (let n = 1; n < limit; n++) {
    if (classifyNumber(n) === 'perfect') found.push(n);
  }
  return found;
}
`,
  tests: [
    { name: 'none below six', code: `assert.deepEqual(perfectNumbersUpTo(5), []);` },
    { name: 'limit is included', code: `assert.deepEqual(perfectNumbersUpTo(6), [6]); assert.deepEqual(perfectNumbersUpTo(28), [6, 28]);` },
    { name: 'up to five hundred', code: `assert.deepEqual(perfectNumbersUpTo(500), [6, 28, 496]);` },
    { name: 'limit below one', code: `assert.deepEqual(perfectNumbersUpTo(0), []); assert.deepEqual(perfectNumbersUpTo(-3), []);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => perfectNumbersUpTo('10'), TypeError); assert.throws(() => perfectNumbersUpTo(7.5), TypeError);` },
  ],
};

// ---------------------------------------------------------------------------------------------
// Fraction tower (second half of the p = 0.2 chain). Its gcd is built on factorize, the school
// method, so that the primes tower and the fraction tower form one serial chain.
// ---------------------------------------------------------------------------------------------

const gcdByFactors: TaskBody = {
  title: 'Greatest common divisor (from factorizations)',
  description:
    'Write src/gcd.js exporting function gcd(a, b): the greatest common divisor of two integers, always >= 0. ' +
    'Signs are ignored: gcd(-12, 18) is 6. gcd(0, b) is Math.abs(b) and gcd(0, 0) is 0. ' +
    'Throw a TypeError if a or b is not a safe integer. ' +
    "Use the prime-factorization method: import { factorize } from './factorize.js'; (it returns [[prime, exponent], ...] " +
    'and accepts only n >= 1, so handle zeros first and pass absolute values); multiply together every prime that ' +
    'appears in both factorizations, raised to the smaller of its two exponents. gcd(360, 84) is 12.',
  file: 'src/gcd.js',
  exportName: 'gcd',
  reference: `import { factorize } from './factorize.js';

export function gcd(a, b) {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new TypeError('gcd: a and b must be safe integers');
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x === 0 || y === 0) return x + y;
  const exponentsOfY = new Map(factorize(y));
  let result = 1;
  for (const [p, e] of factorize(x)) {
    if (exponentsOfY.has(p)) result *= p ** Math.min(e, exponentsOfY.get(p));
  }
  return result;
}
`,
  wrong: `import { factorize } from './factorize.js';

export function gcd(a, b) {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new TypeError('gcd: a and b must be safe integers');
  const exponentsOfB = new Map(factorize(b));
  let result = 1;
  for (const [p, e] of factorize(a)) {
    if (exponentsOfB.has(p)) result *= p ** Math.min(e, exponentsOfB.get(p));
  }
  return result;
}
`,
  tests: [
    { name: 'common factors', code: `assert.equal(gcd(12, 18), 6); assert.equal(gcd(360, 84), 12); assert.equal(gcd(1024, 96), 32);` },
    { name: 'coprime numbers', code: `assert.equal(gcd(17, 5), 1); assert.equal(gcd(1, 1), 1);` },
    { name: 'signs are ignored', code: `assert.equal(gcd(-12, 18), 6); assert.equal(gcd(12, -18), 6);` },
    { name: 'zeros', code: `assert.equal(gcd(0, 9), 9); assert.equal(gcd(-7, 0), 7); assert.equal(gcd(0, 0), 0);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => gcd(1.5, 3), TypeError); assert.throws(() => gcd(4, '2'), TypeError);` },
  ],
};

const reduceFraction: TaskBody = {
  title: 'Reduce a fraction',
  description:
    'Write src/reduceFraction.js exporting function reduceFraction(numerator, denominator) returning the fraction in ' +
    'lowest terms as a two-element array [n, d] with d > 0 (the sign goes on the numerator): ' +
    'reduceFraction(6, -8) is [-3, 4], reduceFraction(-6, -8) is [3, 4]. Zero is always [0, 1]. ' +
    "Import import { gcd } from './gcd.js'; (gcd ignores signs) and divide both parts by it. " +
    'Throw a TypeError if either argument is not a safe integer and a RangeError if the denominator is 0.',
  file: 'src/reduceFraction.js',
  exportName: 'reduceFraction',
  reference: `import { gcd } from './gcd.js';

export function reduceFraction(numerator, denominator) {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new TypeError('reduceFraction: numerator and denominator must be safe integers');
  }
  if (denominator === 0) throw new RangeError('reduceFraction: denominator must not be 0');
  if (numerator === 0) return [0, 1];
  const sign = denominator < 0 ? -1 : 1;
  const g = gcd(numerator, denominator);
  return [(sign * numerator) / g, (sign * denominator) / g];
}
`,
  wrong: `import { gcd } from './gcd.js';

export function reduceFraction(numerator, denominator) {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new TypeError('reduceFraction: numerator and denominator must be safe integers');
  }
  if (denominator === 0) throw new RangeError('reduceFraction: denominator must not be 0');
  if (numerator === 0) return [0, 1];
  const g = gcd(numerator, denominator);
  return [numerator / g, denominator / g];
}
`,
  tests: [
    { name: 'lowest terms', code: `assert.deepEqual(reduceFraction(6, 8), [3, 4]); assert.deepEqual(reduceFraction(360, 84), [30, 7]);` },
    { name: 'sign moves to the numerator', code: `assert.deepEqual(reduceFraction(6, -8), [-3, 4]); assert.deepEqual(reduceFraction(-6, 8), [-3, 4]);` },
    { name: 'two negatives', code: `assert.deepEqual(reduceFraction(-6, -8), [3, 4]);` },
    { name: 'zero and whole numbers', code: `assert.deepEqual(reduceFraction(0, -5), [0, 1]); assert.deepEqual(reduceFraction(7, 1), [7, 1]); assert.deepEqual(reduceFraction(12, 4), [3, 1]);` },
    { name: 'zero denominator throws RangeError', code: `assert.throws(() => reduceFraction(1, 0), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => reduceFraction(1.5, 2), TypeError);` },
  ],
};

const addFractions: TaskBody = {
  title: 'Add two fractions',
  description:
    'Write src/addFractions.js exporting function addFractions(a, b). A fraction is a two-element array ' +
    '[numerator, denominator] of integers; the denominator may be negative but not 0. Return a + b in lowest terms ' +
    "with a positive denominator. Import import { reduceFraction } from './reduceFraction.js'; and return " +
    'reduceFraction(a[0] * b[1] + b[0] * a[1], a[1] * b[1]). ' +
    'Throw a TypeError if a or b is not an array of length 2; a zero denominator gives the RangeError that ' +
    'reduceFraction throws. Example: addFractions([1, 6], [1, 3]) is [1, 2].',
  file: 'src/addFractions.js',
  exportName: 'addFractions',
  reference: `import { reduceFraction } from './reduceFraction.js';

export function addFractions(a, b) {
  if (!Array.isArray(a) || a.length !== 2 || !Array.isArray(b) || b.length !== 2) {
    throw new TypeError('addFractions: a and b must be [numerator, denominator] arrays');
  }
  return reduceFraction(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
}
`,
  wrong: `import { reduceFraction } from './reduceFraction.js';

export function addFractions(a, b) {
  if (!Array.isArray(a) || a.length !== 2 || !Array.isArray(b) || b.length !== 2) {
    throw new TypeError('addFractions: a and b must be [numerator, denominator] arrays');
  }
  if (a[1] === b[1]) return [a[0] + b[0], a[1]];
  return reduceFraction(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
}
`,
  tests: [
    { name: 'different denominators', code: `assert.deepEqual(addFractions([1, 2], [1, 3]), [5, 6]); assert.deepEqual(addFractions([1, 6], [1, 3]), [1, 2]);` },
    { name: 'same denominator is still reduced', code: `assert.deepEqual(addFractions([1, 4], [1, 4]), [1, 2]); assert.deepEqual(addFractions([1, 2], [-1, 2]), [0, 1]);` },
    { name: 'negative denominator', code: `assert.deepEqual(addFractions([3, -4], [1, 4]), [-1, 2]);` },
    { name: 'whole numbers', code: `assert.deepEqual(addFractions([2, 1], [3, 1]), [5, 1]);` },
    { name: 'zero denominator throws RangeError', code: `assert.throws(() => addFractions([1, 0], [1, 2]), RangeError);` },
    { name: 'bad shape throws TypeError', code: `assert.throws(() => addFractions('1/2', [1, 2]), TypeError); assert.throws(() => addFractions([1, 2], [1, 2, 3]), TypeError);` },
  ],
};

const subtractFractions: TaskBody = {
  title: 'Subtract two fractions',
  description:
    'Write src/subtractFractions.js exporting function subtractFractions(a, b) returning a - b in lowest terms with a ' +
    'positive denominator. Fractions are [numerator, denominator] arrays of integers. ' +
    "Import import { addFractions } from './addFractions.js'; and return addFractions(a, [-b[0], b[1]]). " +
    'Throw a TypeError if b is not an array of length 2 (addFractions already checks a); a zero denominator gives a ' +
    'RangeError. Examples: subtractFractions([1, 2], [1, 3]) is [1, 6]; subtractFractions([1, 3], [1, 2]) is [-1, 6].',
  file: 'src/subtractFractions.js',
  exportName: 'subtractFractions',
  reference: `import { addFractions } from './addFractions.js';

export function subtractFractions(a, b) {
  if (!Array.isArray(b) || b.length !== 2) throw new TypeError('subtractFractions: b must be a [numerator, denominator] array');
  return addFractions(a, [-b[0], b[1]]);
}
`,
  wrong: `import { addFractions } from './addFractions.js';

export function subtractFractions(a, b) {
  if (!Array.isArray(a) || a.length !== 2) throw new TypeError('subtractFractions: a must be a [numerator, denominator] array');
  return addFractions([-a[0], a[1]], b);
}
`,
  tests: [
    { name: 'order matters', code: `assert.deepEqual(subtractFractions([1, 2], [1, 3]), [1, 6]); assert.deepEqual(subtractFractions([1, 3], [1, 2]), [-1, 6]);` },
    { name: 'equal values give zero', code: `assert.deepEqual(subtractFractions([3, 4], [6, 8]), [0, 1]);` },
    { name: 'subtracting a negative', code: `assert.deepEqual(subtractFractions([1, 2], [-1, 2]), [1, 1]); assert.deepEqual(subtractFractions([5, 1], [1, -2]), [11, 2]);` },
    { name: 'zero denominator throws RangeError', code: `assert.throws(() => subtractFractions([1, 2], [1, 0]), RangeError);` },
    { name: 'bad shape throws TypeError', code: `assert.throws(() => subtractFractions([1, 2], null), TypeError);` },
  ],
};

const compareFractions: TaskBody = {
  title: 'Compare two fractions',
  description:
    'Write src/compareFractions.js exporting function compareFractions(a, b) returning -1 if a < b, 0 if they are ' +
    'equal in value (e.g. [2, 4] and [1, 2]), 1 if a > b. Fractions are [numerator, denominator] arrays of integers ' +
    'and a denominator may be negative: [1, -2] is -1/2. ' +
    "Import import { subtractFractions } from './subtractFractions.js'; its result always has a positive denominator, " +
    'so the sign of its numerator (Math.sign) is the answer. ' +
    'Errors come from subtractFractions: RangeError for a zero denominator, TypeError for a malformed fraction.',
  file: 'src/compareFractions.js',
  exportName: 'compareFractions',
  reference: `import { subtractFractions } from './subtractFractions.js';

export function compareFractions(a, b) {
  return Math.sign(subtractFractions(a, b)[0]);
}
`,
  wrong: `import { subtractFractions } from './subtractFractions.js';

export function compareFractions(a, b) {
  subtractFractions(a, b);
  return Math.sign(a[0] * b[1] - b[0] * a[1]);
}
`,
  tests: [
    { name: 'greater and smaller', code: `assert.equal(compareFractions([1, 2], [1, 3]), 1); assert.equal(compareFractions([1, 3], [1, 2]), -1);` },
    { name: 'equal values', code: `assert.equal(compareFractions([2, 4], [1, 2]), 0);` },
    { name: 'negative denominator', code: `assert.equal(compareFractions([1, -2], [1, 3]), -1); assert.equal(compareFractions([1, 3], [1, -2]), 1);` },
    { name: 'negative values', code: `assert.equal(compareFractions([-3, 4], [-2, 3]), -1); assert.equal(compareFractions([5, 1], [9, 2]), 1);` },
    { name: 'zero denominator throws RangeError', code: `assert.throws(() => compareFractions([1, 0], [1, 2]), RangeError);` },
  ],
};

const uniqueSortedFractions: TaskBody = {
  title: 'Sort fractions, dropping duplicates',
  description:
    'Write src/uniqueSortedFractions.js exporting function uniqueSortedFractions(fractions): a NEW array of the ' +
    'fractions ([numerator, denominator] arrays) sorted ascending by value. When several have the same value ' +
    '(e.g. [1, 2] and [2, 4]) keep only the one that came first in the input. Kept elements are the same arrays as in ' +
    'the input (not copied or reduced) and the input array must not be modified. ' +
    "Import import { compareFractions } from './compareFractions.js'; sort a copy with it ([...fractions].sort(compareFractions) " +
    'is stable) and skip an element that compares equal (0) to the last kept one. ' +
    'Throw a TypeError if fractions is not an array; bad fractions give compareFractions errors.',
  file: 'src/uniqueSortedFractions.js',
  exportName: 'uniqueSortedFractions',
  reference: `import { compareFractions } from './compareFractions.js';

export function uniqueSortedFractions(fractions) {
  if (!Array.isArray(fractions)) throw new TypeError('uniqueSortedFractions: fractions must be an array');
  const result = [];
  for (const f of [...fractions].sort(compareFractions)) {
    if (result.length === 0 || compareFractions(result[result.length - 1], f) !== 0) result.push(f);
  }
  return result;
}
`,
  wrong: `import { compareFractions } from './compareFractions.js';

export function uniqueSortedFractions(fractions) {
  if (!Array.isArray(fractions)) throw new TypeError('uniqueSortedFractions: fractions must be an array');
  const result = [];
  for (const f of fractions.sort(compareFractions)) {
    if (result.length === 0 || compareFractions(result[result.length - 1], f) !== 0) result.push(f);
  }
  return result;
}
`,
  tests: [
    { name: 'sorts by value', code: `assert.deepEqual(uniqueSortedFractions([[1, 2], [1, 3], [2, 3]]), [[1, 3], [1, 2], [2, 3]]);` },
    { name: 'first of equal values is kept', code: `assert.deepEqual(uniqueSortedFractions([[2, 4], [1, 3], [1, 2]]), [[1, 3], [2, 4]]);` },
    { name: 'negative values and denominators', code: `assert.deepEqual(uniqueSortedFractions([[0, 1], [1, -2], [-1, 3]]), [[1, -2], [-1, 3], [0, 1]]);` },
    { name: 'empty input', code: `assert.deepEqual(uniqueSortedFractions([]), []);` },
    { name: 'input is not modified', code: `const input = [[2, 3], [1, 3], [1, 2]]; uniqueSortedFractions(input); assert.deepEqual(input, [[2, 3], [1, 3], [1, 2]]);` },
    { name: 'not an array throws TypeError', code: `assert.throws(() => uniqueSortedFractions('1/2'), TypeError);` },
    { name: 'zero denominator throws RangeError', code: `assert.throws(() => uniqueSortedFractions([[1, 0], [1, 2]]), RangeError);` },
  ],
};

const fareySequence: TaskBody = {
  title: 'Farey sequence',
  description:
    'Write src/fareySequence.js exporting function fareySequence(n): the Farey sequence of order n, i.e. every ' +
    'fraction between 0 and 1 inclusive, in lowest terms, with denominator <= n, ascending, as [numerator, denominator] ' +
    'arrays. fareySequence(3) is [[0, 1], [1, 3], [1, 2], [2, 3], [1, 1]]. ' +
    "Import import { uniqueSortedFractions } from './uniqueSortedFractions.js'; build candidates [a, b] with an outer loop " +
    'b = 1..n and an inner loop a = 0..b (both inclusive) and pass them to uniqueSortedFractions: smaller denominators ' +
    'come first, so the lowest-terms form is kept. ' +
    'Throw a TypeError if n is not an integer and a RangeError if n < 1.',
  file: 'src/fareySequence.js',
  exportName: 'fareySequence',
  reference: `import { uniqueSortedFractions } from './uniqueSortedFractions.js';

export function fareySequence(n) {
  if (!Number.isInteger(n)) throw new TypeError('fareySequence: n must be an integer');
  if (n < 1) throw new RangeError('fareySequence: n must be at least 1');
  const candidates = [];
  for (let b = 1; b <= n; b++) {
    for (let a = 0; a <= b; a++) candidates.push([a, b]);
  }
  return uniqueSortedFractions(candidates);
}
`,
  wrong: `import { uniqueSortedFractions } from './uniqueSortedFractions.js';

export function fareySequence(n) {
  if (!Number.isInteger(n)) throw new TypeError('fareySequence: n must be an integer');
  if (n < 1) throw new RangeError('fareySequence: n must be at least 1');
  const candidates = [];
  for (let b = 1; b <= n; b++) {
    for (let a = 0; a < b; a++) candidates.push([a, b]);
  }
  return uniqueSortedFractions(candidates);
}
`,
  tests: [
    { name: 'order one', code: `assert.deepEqual(fareySequence(1), [[0, 1], [1, 1]]);` },
    { name: 'order three', code: `assert.deepEqual(fareySequence(3), [[0, 1], [1, 3], [1, 2], [2, 3], [1, 1]]);` },
    { name: 'order five', code: `assert.deepEqual(fareySequence(5), [[0, 1], [1, 5], [1, 4], [1, 3], [2, 5], [1, 2], [3, 5], [2, 3], [3, 4], [4, 5], [1, 1]]);` },
    { name: 'order eight has 23 terms', code: `assert.equal(fareySequence(8).length, 23);` },
    { name: 'order below one throws RangeError', code: `assert.throws(() => fareySequence(0), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => fareySequence(2.5), TypeError);` },
  ],
};

const closestFraction: TaskBody = {
  title: 'Closest fraction in [0, 1]',
  description:
    'Write src/closestFraction.js exporting function closestFraction(x, maxDenominator): for 0 <= x <= 1, the fraction ' +
    '[n, d] in lowest terms with 1 <= d <= maxDenominator whose value n / d is closest to x. ' +
    "Import import { fareySequence } from './fareySequence.js'; and scan fareySequence(maxDenominator) for the smallest " +
    'Math.abs(n / d - x); on a tie keep the earlier (smaller) fraction, so closestFraction(0.5, 1) is [0, 1]. ' +
    'Throw a TypeError if x is not a finite number or maxDenominator is not an integer; a RangeError if x < 0, x > 1 ' +
    'or maxDenominator < 1. Example: closestFraction(0.3, 10) is [3, 10].',
  file: 'src/closestFraction.js',
  exportName: 'closestFraction',
  reference: `import { fareySequence } from './fareySequence.js';

export function closestFraction(x, maxDenominator) {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TypeError('closestFraction: x must be a finite number');
  if (!Number.isInteger(maxDenominator)) throw new TypeError('closestFraction: maxDenominator must be an integer');
  if (x < 0 || x > 1) throw new RangeError('closestFraction: x must be between 0 and 1');
  let best = null;
  let bestDistance = Infinity;
  for (const f of fareySequence(maxDenominator)) {
    const distance = Math.abs(f[0] / f[1] - x);
    if (distance < bestDistance) {
      best = f;
      bestDistance = distance;
    }
  }
  return best;
}
`,
  wrong: `import { fareySequence } from './fareySequence.js';

export function closestFraction(x, maxDenominator) {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TypeError('closestFraction: x must be a finite number');
  if (!Number.isInteger(maxDenominator)) throw new TypeError('closestFraction: maxDenominator must be an integer');
  if (x < 0 || x > 1) throw new RangeError('closestFraction: x must be between 0 and 1');
  let best = null;
  let bestDistance = Infinity;
  for (const f of fareySequence(maxDenominator)) {
    const distance = Math.abs(f[0] / f[1] - x);
    if (distance <= bestDistance) {
      best = f;
      bestDistance = distance;
    }
  }
  return best;
}
`,
  tests: [
    { name: 'thirds and tenths', code: `assert.deepEqual(closestFraction(0.333, 10), [1, 3]); assert.deepEqual(closestFraction(0.3, 10), [3, 10]);` },
    { name: 'limited denominator', code: `assert.deepEqual(closestFraction(0.62, 5), [3, 5]); assert.deepEqual(closestFraction(Math.PI - 3, 7), [1, 7]);` },
    { name: 'ties keep the smaller fraction', code: `assert.deepEqual(closestFraction(0.5, 1), [0, 1]); assert.deepEqual(closestFraction(0.25, 2), [0, 1]);` },
    { name: 'endpoints', code: `assert.deepEqual(closestFraction(0, 6), [0, 1]); assert.deepEqual(closestFraction(1, 6), [1, 1]);` },
    { name: 'x outside [0, 1] throws RangeError', code: `assert.throws(() => closestFraction(1.5, 4), RangeError); assert.throws(() => closestFraction(-0.1, 4), RangeError);` },
    { name: 'bad types throw TypeError', code: `assert.throws(() => closestFraction('0.5', 4), TypeError); assert.throws(() => closestFraction(0.5, 2.5), TypeError);` },
  ],
};

const approximateFraction: TaskBody = {
  title: 'Approximate any number by a fraction',
  description:
    'Write src/approximateFraction.js exporting function approximateFraction(x, maxDenominator): the fraction [n, d] ' +
    '(lowest terms, 1 <= d <= maxDenominator) closest to any finite x, positive, negative or zero. ' +
    "Import import { closestFraction } from './closestFraction.js'; let whole = Math.floor(x) (not Math.trunc) " +
    'and [n, d] = closestFraction(x - whole, maxDenominator); return [whole * d + n, d]. ' +
    'A tie goes to the smaller fraction: approximateFraction(2.5, 1) is [2, 1]. ' +
    'Examples: approximateFraction(3.14159, 7) is [22, 7]; approximateFraction(-2.75, 4) is [-11, 4]. ' +
    'Throw a TypeError if x is not a finite number or maxDenominator is not an integer, a RangeError if ' +
    'maxDenominator < 1.',
  file: 'src/approximateFraction.js',
  exportName: 'approximateFraction',
  reference: `import { closestFraction } from './closestFraction.js';

export function approximateFraction(x, maxDenominator) {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TypeError('approximateFraction: x must be a finite number');
  const whole = Math.floor(x);
  const [n, d] = closestFraction(x - whole, maxDenominator);
  return [whole * d + n, d];
}
`,
  wrong: `import { closestFraction } from './closestFraction.js';

export function approximateFraction(x, maxDenominator) {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TypeError('approximateFraction: x must be a finite number');
  const whole = Math.trunc(x);
  const [n, d] = closestFraction(Math.abs(x - whole), maxDenominator);
  return [whole * d + n, d];
}
`,
  tests: [
    { name: 'pi with denominator up to 7', code: `assert.deepEqual(approximateFraction(3.14159, 7), [22, 7]);` },
    { name: 'negative values', code: `assert.deepEqual(approximateFraction(-0.5, 4), [-1, 2]); assert.deepEqual(approximateFraction(-2.75, 4), [-11, 4]);` },
    { name: 'whole numbers', code: `assert.deepEqual(approximateFraction(2, 5), [2, 1]); assert.deepEqual(approximateFraction(-3, 5), [-3, 1]);` },
    { name: 'rounds up to the next whole', code: `assert.deepEqual(approximateFraction(0.999, 10), [1, 1]);` },
    { name: 'a tie goes to the smaller fraction', code: `assert.deepEqual(approximateFraction(2.5, 1), [2, 1]); assert.deepEqual(approximateFraction(-0.25, 2), [-1, 2]);` },
    { name: 'maxDenominator below one throws RangeError', code: `assert.throws(() => approximateFraction(1.5, 0), RangeError);` },
    { name: 'non-finite x throws TypeError', code: `assert.throws(() => approximateFraction(NaN, 3), TypeError); assert.throws(() => approximateFraction(Infinity, 3), TypeError);` },
  ],
};

const formatFraction: TaskBody = {
  title: 'Format as a mixed number',
  description:
    'Write src/formatFraction.js exporting function formatFraction(x, maxDenominator) returning x as a mixed-number ' +
    "string. Import import { approximateFraction } from './approximateFraction.js'; and get [n, d]. If d is 1 return " +
    "String(n) ('3', '-2', '0'). Otherwise let w = Math.floor(Math.abs(n) / d) and r = Math.abs(n) % d, with a '-' " +
    "prefix when n < 0: if w is 0 return 'r/d' (e.g. '1/2', '-3/4'), else 'w r/d' (e.g. '3 1/7', '-2 3/4'; the sign " +
    'appears once, before the whole part). ' +
    'Errors come from approximateFraction: TypeError for a non-finite x or non-integer maxDenominator, RangeError ' +
    'if maxDenominator < 1.',
  file: 'src/formatFraction.js',
  exportName: 'formatFraction',
  reference: `import { approximateFraction } from './approximateFraction.js';

export function formatFraction(x, maxDenominator) {
  const [n, d] = approximateFraction(x, maxDenominator);
  if (d === 1) return String(n);
  const sign = n < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(n) / d);
  const rest = Math.abs(n) % d;
  return whole === 0 ? sign + rest + '/' + d : sign + whole + ' ' + rest + '/' + d;
}
`,
  wrong: `import { approximateFraction } from './approximateFraction.js';

export function formatFraction(x, maxDenominator) {
  const [n, d] = approximateFraction(x, maxDenominator);
  if (d === 1) return String(n);
  const whole = Math.floor(n / d);
  const rest = n - whole * d;
  return whole === 0 ? rest + '/' + d : whole + ' ' + rest + '/' + d;
}
`,
  tests: [
    { name: 'mixed number', code: `assert.equal(formatFraction(3.14159, 7), '3 1/7');` },
    { name: 'proper fractions', code: `assert.equal(formatFraction(0.5, 8), '1/2'); assert.equal(formatFraction(-0.75, 4), '-3/4');` },
    { name: 'negative mixed number', code: `assert.equal(formatFraction(-2.75, 4), '-2 3/4');` },
    { name: 'whole numbers', code: `assert.equal(formatFraction(4, 3), '4'); assert.equal(formatFraction(0.001, 10), '0'); assert.equal(formatFraction(-2, 10), '-2');` },
    { name: 'maxDenominator below one throws RangeError', code: `assert.throws(() => formatFraction(1.25, 0), RangeError);` },
    { name: 'non-finite x throws TypeError', code: `assert.throws(() => formatFraction(Infinity, 4), TypeError);` },
  ],
};

// ---------------------------------------------------------------------------------------------
// Short chain of the p = 0.9 variant.
// ---------------------------------------------------------------------------------------------

const gcdEuclid: TaskBody = {
  title: 'Greatest common divisor',
  description:
    'Write src/gcd.js exporting function gcd(a, b): the greatest common divisor of two integers, always >= 0. ' +
    'Use Euclid\'s algorithm on the absolute values (while b is not 0: [a, b] = [b, a % b]). ' +
    'Signs are ignored: gcd(12, -18) is 6. gcd(0, b) is Math.abs(b) and gcd(0, 0) is 0. ' +
    'Throw a TypeError if a or b is not a safe integer (e.g. 1.5 or "4").',
  file: 'src/gcd.js',
  exportName: 'gcd',
  reference: `export function gcd(a, b) {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new TypeError('gcd: a and b must be safe integers');
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
`,
  wrong: `export function gcd(a, b) {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new TypeError('gcd: a and b must be safe integers');
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
`,
  tests: [
    { name: 'common factors', code: `assert.equal(gcd(12, 18), 6); assert.equal(gcd(18, 12), 6); assert.equal(gcd(360, 84), 12);` },
    { name: 'coprime numbers', code: `assert.equal(gcd(17, 5), 1);` },
    { name: 'signs are ignored', code: `assert.equal(gcd(12, -18), 6); assert.equal(gcd(-12, -18), 6);` },
    { name: 'zeros', code: `assert.equal(gcd(0, 9), 9); assert.equal(gcd(-4, 0), 4); assert.equal(gcd(0, 0), 0);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => gcd(1.5, 2), TypeError); assert.throws(() => gcd(4, '2'), TypeError);` },
  ],
};

const lcm: TaskBody = {
  title: 'Least common multiple',
  description:
    'Write src/lcm.js exporting function lcm(a, b): the least common multiple of two integers, always >= 0; ' +
    "lcm(0, x) is 0. Import import { gcd } from './gcd.js'; and compute (Math.abs(a) / gcd(a, b)) * Math.abs(b) " +
    '(divide first so the product stays small; when gcd is 0 both are 0, return 0). ' +
    'Throw a TypeError if a or b is not a safe integer (gcd already does this) and a RangeError if the result would be ' +
    'greater than Number.MAX_SAFE_INTEGER. Examples: lcm(4, 6) is 12, lcm(-4, 6) is 12.',
  file: 'src/lcm.js',
  exportName: 'lcm',
  reference: `import { gcd } from './gcd.js';

export function lcm(a, b) {
  const g = gcd(a, b);
  if (g === 0) return 0;
  const result = (Math.abs(a) / g) * Math.abs(b);
  if (result > Number.MAX_SAFE_INTEGER) throw new RangeError('lcm: result is too large to be exact');
  return result;
}
`,
  wrong: `import { gcd } from './gcd.js';

export function lcm(a, b) {
  return (a * b) / gcd(a, b);
}
`,
  tests: [
    { name: 'basic values', code: `assert.equal(lcm(4, 6), 12); assert.equal(lcm(21, 6), 42); assert.equal(lcm(7, 13), 91);` },
    { name: 'negative inputs give a positive result', code: `assert.equal(lcm(-4, 6), 12); assert.equal(lcm(4, -6), 12);` },
    { name: 'zeros', code: `assert.equal(lcm(0, 5), 0); assert.equal(lcm(0, 0), 0);` },
    { name: 'too large throws RangeError', code: `assert.throws(() => lcm(Number.MAX_SAFE_INTEGER, 2), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => lcm('4', 6), TypeError);` },
  ],
};

// ---------------------------------------------------------------------------------------------
// Independent tasks: no dependencies, shared between the variants.
// ---------------------------------------------------------------------------------------------

const clamp: TaskBody = {
  title: 'Clamp a number',
  description:
    'Write src/clamp.js exporting function clamp(value, min, max): value limited to the closed interval [min, max], ' +
    'i.e. min if value < min, max if value > max, otherwise value. ' +
    'Throw a TypeError if any argument is not a number or is NaN, and a RangeError if min > max. ' +
    'min === max is allowed. Examples: clamp(12, 0, 10) is 10, clamp(-3, 0, 10) is 0, clamp(5, 0, 10) is 5.',
  file: 'src/clamp.js',
  exportName: 'clamp',
  reference: `export function clamp(value, min, max) {
  for (const v of [value, min, max]) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError('clamp: arguments must be numbers');
  }
  if (min > max) throw new RangeError('clamp: min must not be greater than max');
  return Math.min(Math.max(value, min), max);
}
`,
  wrong: `export function clamp(value, min, max) {
  for (const v of [value, min, max]) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError('clamp: arguments must be numbers');
  }
  return Math.min(Math.max(value, min), max);
}
`,
  tests: [
    { name: 'inside the interval', code: `assert.equal(clamp(5, 0, 10), 5); assert.equal(clamp(0.25, 0, 1), 0.25);` },
    { name: 'below and above', code: `assert.equal(clamp(-3, 0, 10), 0); assert.equal(clamp(12, 0, 10), 10); assert.equal(clamp(-Infinity, -1, 1), -1);` },
    { name: 'empty-width interval', code: `assert.equal(clamp(7, 3, 3), 3);` },
    { name: 'min greater than max throws RangeError', code: `assert.throws(() => clamp(5, 10, 0), RangeError);` },
    { name: 'bad types throw TypeError', code: `assert.throws(() => clamp('5', 0, 10), TypeError); assert.throws(() => clamp(5, NaN, 10), TypeError);` },
  ],
};

const lerp: TaskBody = {
  title: 'Linear interpolation',
  description:
    'Write src/lerp.js exporting function lerp(a, b, t): the value a fraction t of the way from a to b. ' +
    't is not clamped: t = 1.5 goes beyond b. Compute it as (1 - t) * a + t * b so that t = 0 gives exactly a and ' +
    't = 1 gives exactly b, even for very different magnitudes (lerp(1e20, 1, 1) must be 1). ' +
    'Throw a TypeError if any argument is not a finite number. Examples: lerp(0, 10, 0.5) is 5, lerp(0, 10, 1.5) is 15.',
  file: 'src/lerp.js',
  exportName: 'lerp',
  reference: `export function lerp(a, b, t) {
  for (const v of [a, b, t]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('lerp: arguments must be finite numbers');
  }
  return (1 - t) * a + t * b;
}
`,
  wrong: `export function lerp(a, b, t) {
  for (const v of [a, b, t]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('lerp: arguments must be finite numbers');
  }
  return a + (b - a) * t;
}
`,
  tests: [
    { name: 'midpoint', code: `assert.equal(lerp(0, 10, 0.5), 5); assert.close(lerp(-5, 5, 0.25), -2.5);` },
    { name: 'endpoints are exact', code: `assert.equal(lerp(10, 20, 0), 10); assert.equal(lerp(10, 20, 1), 20); assert.equal(lerp(1e20, 1, 1), 1);` },
    { name: 'extrapolation', code: `assert.equal(lerp(0, 10, 1.5), 15); assert.equal(lerp(0, 10, -1), -10);` },
    { name: 'decreasing range', code: `assert.close(lerp(10, 0, 0.3), 7);` },
    { name: 'bad arguments throw TypeError', code: `assert.throws(() => lerp('0', 10, 0.5), TypeError); assert.throws(() => lerp(0, 10, NaN), TypeError);` },
  ],
};

const inverseLerp: TaskBody = {
  title: 'Inverse linear interpolation',
  description:
    'Write src/inverseLerp.js exporting function inverseLerp(a, b, value): the t with lerp(a, b, t) === value, ' +
    'that is (value - a) / (b - a). Not clamped: values beyond b give t > 1, values before a give t < 0. ' +
    'Throw a TypeError if any argument is not a finite number and a RangeError if a === b. ' +
    'Examples: inverseLerp(0, 10, 5) is 0.5, inverseLerp(10, 20, 25) is 1.5, inverseLerp(20, 10, 15) is 0.5.',
  file: 'src/inverseLerp.js',
  exportName: 'inverseLerp',
  reference: `export function inverseLerp(a, b, value) {
  for (const v of [a, b, value]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('inverseLerp: arguments must be finite numbers');
  }
  if (a === b) throw new RangeError('inverseLerp: a and b must differ');
  return (value - a) / (b - a);
}
`,
  wrong: `export function inverseLerp(a, b, value) {
  for (const v of [a, b, value]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('inverseLerp: arguments must be finite numbers');
  }
  if (a === b) throw new RangeError('inverseLerp: a and b must differ');
  return (value - a) / b;
}
`,
  tests: [
    { name: 'from zero', code: `assert.equal(inverseLerp(0, 10, 5), 0.5); assert.equal(inverseLerp(0, 10, 0), 0);` },
    { name: 'offset range', code: `assert.equal(inverseLerp(10, 20, 15), 0.5); assert.equal(inverseLerp(10, 20, 25), 1.5); assert.equal(inverseLerp(10, 20, 5), -0.5);` },
    { name: 'decreasing range', code: `assert.equal(inverseLerp(20, 10, 15), 0.5); assert.equal(inverseLerp(20, 10, 10), 1);` },
    { name: 'equal ends throw RangeError', code: `assert.throws(() => inverseLerp(5, 5, 5), RangeError);` },
    { name: 'bad arguments throw TypeError', code: `assert.throws(() => inverseLerp(0, 10, '5'), TypeError);` },
  ],
};

const remap: TaskBody = {
  title: 'Map a value between ranges',
  description:
    'Write src/remap.js exporting function remap(value, inMin, inMax, outMin, outMax): map value linearly from the ' +
    'range [inMin, inMax] to the range [outMin, outMax], i.e. outMin + (value - inMin) / (inMax - inMin) * (outMax - outMin). ' +
    'Not clamped; either range may be decreasing. ' +
    'Throw a TypeError if any argument is not a finite number and a RangeError if inMin === inMax. ' +
    'Examples: remap(5, 0, 10, 100, 200) is 150; remap(2, 0, 4, 10, -10) is 0.',
  file: 'src/remap.js',
  exportName: 'remap',
  reference: `export function remap(value, inMin, inMax, outMin, outMax) {
  for (const v of [value, inMin, inMax, outMin, outMax]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('remap: arguments must be finite numbers');
  }
  if (inMin === inMax) throw new RangeError('remap: inMin and inMax must differ');
  return outMin + ((value - inMin) / (inMax - inMin)) * (outMax - outMin);
}
`,
  wrong: `export function remap(value, inMin, inMax, outMin, outMax) {
  for (const v of [value, inMin, inMax, outMin, outMax]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('remap: arguments must be finite numbers');
  }
  if (inMin === inMax) throw new RangeError('remap: inMin and inMax must differ');
  return outMin + ((value - inMin) / (inMax - inMin)) * outMax;
}
`,
  tests: [
    { name: 'zero-based output', code: `assert.equal(remap(5, 0, 10, 0, 100), 50);` },
    { name: 'offset output range', code: `assert.equal(remap(5, 0, 10, 100, 200), 150); assert.equal(remap(0, 0, 10, 100, 200), 100);` },
    { name: 'decreasing ranges', code: `assert.equal(remap(2, 0, 4, 10, -10), 0); assert.close(remap(7, 10, 0, 0, 100), 30);` },
    { name: 'not clamped', code: `assert.close(remap(15, 0, 10, 0, 1), 1.5);` },
    { name: 'empty input range throws RangeError', code: `assert.throws(() => remap(1, 3, 3, 0, 1), RangeError);` },
    { name: 'bad arguments throw TypeError', code: `assert.throws(() => remap(1, 0, 2, 0, Infinity), TypeError);` },
  ],
};

const roundTo: TaskBody = {
  title: 'Round to decimal places',
  description:
    'Write src/roundTo.js exporting function roundTo(value, decimals): value rounded to the given number of digits ' +
    'after the decimal point, with halves rounded AWAY from zero (roundTo(2.5, 0) is 3 and roundTo(-2.5, 0) is -3; ' +
    'note Math.round(-2.5) is -2, so round the absolute value and put the sign back). ' +
    'Hint: Math.sign(value) * Math.round(Math.abs(value) * 10 ** decimals) / 10 ** decimals. ' +
    'Throw a TypeError if value is not a finite number or decimals is not an integer, and a RangeError if decimals is ' +
    'below 0 or above 10. Examples: roundTo(3.14159, 2) is 3.14, roundTo(-1.125, 2) is -1.13.',
  file: 'src/roundTo.js',
  exportName: 'roundTo',
  reference: `export function roundTo(value, decimals) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('roundTo: value must be a finite number');
  if (!Number.isInteger(decimals)) throw new TypeError('roundTo: decimals must be an integer');
  if (decimals < 0 || decimals > 10) throw new RangeError('roundTo: decimals must be between 0 and 10');
  const scale = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
}
`,
  wrong: `export function roundTo(value, decimals) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('roundTo: value must be a finite number');
  if (!Number.isInteger(decimals)) throw new TypeError('roundTo: decimals must be an integer');
  if (decimals < 0 || decimals > 10) throw new RangeError('roundTo: decimals must be between 0 and 10');
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
`,
  tests: [
    { name: 'two decimals', code: `assert.equal(roundTo(3.14159, 2), 3.14); assert.equal(roundTo(2.71828, 3), 2.718);` },
    { name: 'halves go away from zero', code: `assert.equal(roundTo(2.5, 0), 3); assert.equal(roundTo(-2.5, 0), -3); assert.equal(roundTo(1.25, 1), 1.3);` },
    { name: 'negative halves with decimals', code: `assert.equal(roundTo(-1.125, 2), -1.13); assert.equal(roundTo(-1.25, 1), -1.3);` },
    { name: 'zero decimals', code: `assert.equal(roundTo(1234.5678, 0), 1235); assert.equal(roundTo(-7.4, 0), -7);` },
    { name: 'decimals out of range throws RangeError', code: `assert.throws(() => roundTo(1, -1), RangeError); assert.throws(() => roundTo(1, 11), RangeError);` },
    { name: 'bad types throw TypeError', code: `assert.throws(() => roundTo(1, 1.5), TypeError); assert.throws(() => roundTo('1.5', 1), TypeError);` },
  ],
};

const roundToMultiple: TaskBody = {
  title: 'Round to a multiple',
  description:
    'Write src/roundToMultiple.js exporting function roundToMultiple(value, step): the multiple of step nearest to ' +
    'value, halves rounded AWAY from zero: compute q = value / step, round Math.abs(q) with Math.round, put the sign ' +
    'back and multiply by step. Examples: roundToMultiple(7, 5) is 5, roundToMultiple(8, 5) is 10, ' +
    'roundToMultiple(7.5, 5) is 10, roundToMultiple(-7.5, 5) is -10, roundToMultiple(0.3, 0.25) is 0.25. ' +
    'Throw a TypeError if value or step is not a finite number and a RangeError if step <= 0.',
  file: 'src/roundToMultiple.js',
  exportName: 'roundToMultiple',
  reference: `export function roundToMultiple(value, step) {
  for (const v of [value, step]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('roundToMultiple: arguments must be finite numbers');
  }
  if (step <= 0) throw new RangeError('roundToMultiple: step must be positive');
  const q = value / step;
  return Math.sign(q) * Math.round(Math.abs(q)) * step;
}
`,
  wrong: `export function roundToMultiple(value, step) {
  for (const v of [value, step]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('roundToMultiple: arguments must be finite numbers');
  }
  if (step <= 0) throw new RangeError('roundToMultiple: step must be positive');
  return Math.floor(value / step) * step;
}
`,
  tests: [
    { name: 'nearest multiple', code: `assert.equal(roundToMultiple(7, 5), 5); assert.equal(roundToMultiple(8, 5), 10); assert.equal(roundToMultiple(10, 5), 10);` },
    { name: 'halves go away from zero', code: `assert.equal(roundToMultiple(7.5, 5), 10); assert.equal(roundToMultiple(-7.5, 5), -10);` },
    { name: 'negative values', code: `assert.equal(roundToMultiple(-12, 5), -10); assert.equal(roundToMultiple(-13, 5), -15);` },
    { name: 'fractional step', code: `assert.equal(roundToMultiple(0.3, 0.25), 0.25); assert.equal(roundToMultiple(0.9, 0.5), 1);` },
    { name: 'non-positive step throws RangeError', code: `assert.throws(() => roundToMultiple(12, 0), RangeError); assert.throws(() => roundToMultiple(12, -5), RangeError);` },
    { name: 'bad types throw TypeError', code: `assert.throws(() => roundToMultiple('12', 5), TypeError);` },
  ],
};

const range: TaskBody = {
  title: 'Integer range',
  description:
    'Write src/range.js exporting function range(start, stop, step = 1): an array of integers from start (included) ' +
    'towards stop (excluded), moving by step, like Python\'s range. step may be negative: range(5, 0, -2) is [5, 3, 1]. ' +
    'If no value fits (e.g. range(3, 3) or range(5, 0)) return []. ' +
    'Throw a TypeError if start, stop or step is not an integer and a RangeError if step is 0. ' +
    'Examples: range(0, 5) is [0, 1, 2, 3, 4]; range(2, 10, 3) is [2, 5, 8].',
  file: 'src/range.js',
  exportName: 'range',
  reference: `export function range(start, stop, step = 1) {
  if (![start, stop, step].every(Number.isInteger)) throw new TypeError('range: start, stop and step must be integers');
  if (step === 0) throw new RangeError('range: step must not be 0');
  const values = [];
  for (let v = start; step > 0 ? v < stop : v > stop; v += step) values.push(v);
  return values;
}
`,
  wrong: `export function range(start, stop, step = 1) {
  if (![start, stop, step].every(Number.isInteger)) throw new TypeError('range: start, stop and step must be integers');
  if (step === 0) throw new RangeError('range: step must not be 0');
  const values = [];
  for (let v = start; v < stop; v += step) values.push(v);
  return values;
}
`,
  tests: [
    { name: 'default step', code: `assert.deepEqual(range(0, 5), [0, 1, 2, 3, 4]); assert.deepEqual(range(-2, 1), [-2, -1, 0]);` },
    { name: 'larger step', code: `assert.deepEqual(range(2, 10, 3), [2, 5, 8]); assert.deepEqual(range(0, 10, 5), [0, 5]);` },
    { name: 'negative step', code: `assert.deepEqual(range(5, 0, -2), [5, 3, 1]); assert.deepEqual(range(3, -1, -1), [3, 2, 1, 0]);` },
    { name: 'empty and one-element ranges', code: `assert.deepEqual(range(3, 3), []); assert.deepEqual(range(5, 0), []); assert.deepEqual(range(0, 5, 10), [0]);` },
    { name: 'zero step throws RangeError', code: `assert.throws(() => range(0, 5, 0), RangeError);` },
    { name: 'non-integers throw TypeError', code: `assert.throws(() => range(0, 'a'), TypeError); assert.throws(() => range(0, 5, 0.5), TypeError);` },
  ],
};

const linspace: TaskBody = {
  title: 'Evenly spaced numbers',
  description:
    'Write src/linspace.js exporting function linspace(start, stop, count): an array of count numbers evenly spaced ' +
    'from start to stop, both included: element i is start + (stop - start) * i / (count - 1), and the last element ' +
    'is exactly stop. count 1 gives [start]; count 0 gives []. ' +
    'Throw a TypeError if start or stop is not a finite number or count is not an integer, and a RangeError if ' +
    'count < 0. Examples: linspace(0, 1, 5) is [0, 0.25, 0.5, 0.75, 1]; linspace(10, 0, 3) is [10, 5, 0].',
  file: 'src/linspace.js',
  exportName: 'linspace',
  reference: `export function linspace(start, stop, count) {
  for (const v of [start, stop]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('linspace: start and stop must be finite numbers');
  }
  if (!Number.isInteger(count)) throw new TypeError('linspace: count must be an integer');
  if (count < 0) throw new RangeError('linspace: count must not be negative');
  if (count === 1) return [start];
  const values = [];
  for (let i = 0; i < count; i++) values.push(i === count - 1 ? stop : start + ((stop - start) * i) / (count - 1));
  return values;
}
`,
  wrong: `export function linspace(start, stop, count) {
  for (const v of [start, stop]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('linspace: start and stop must be finite numbers');
  }
  if (!Number.isInteger(count)) throw new TypeError('linspace: count must be an integer');
  if (count < 0) throw new RangeError('linspace: count must not be negative');
  const values = [];
  for (let i = 0; i < count; i++) values.push(start + ((stop - start) * i) / count);
  return values;
}
`,
  tests: [
    { name: 'quarters', code: `assert.deepEqual(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);` },
    { name: 'decreasing', code: `assert.deepEqual(linspace(10, 0, 3), [10, 5, 0]);` },
    { name: 'thirds end exactly at stop', code: `const v = linspace(0, 1, 4); assert.equal(v.length, 4); assert.close(v[1], 1 / 3); assert.close(v[2], 2 / 3); assert.equal(v[3], 1);` },
    { name: 'one and zero elements', code: `assert.deepEqual(linspace(2, 3, 1), [2]); assert.deepEqual(linspace(2, 3, 0), []);` },
    { name: 'negative count throws RangeError', code: `assert.throws(() => linspace(0, 1, -1), RangeError);` },
    { name: 'bad types throw TypeError', code: `assert.throws(() => linspace(0, 1, 2.5), TypeError); assert.throws(() => linspace(0, NaN, 3), TypeError);` },
  ],
};

const factorial: TaskBody = {
  title: 'Factorial',
  description:
    'Write src/factorial.js exporting function factorial(n): n! = 1 * 2 * ... * n as a number, with factorial(0) = 1. ' +
    'n must be an integer from 0 to 170 inclusive (171! is larger than the largest number). ' +
    'Throw a TypeError if n is not an integer (e.g. 2.5 or "5") and a RangeError if n < 0 or n > 170. ' +
    'Examples: factorial(5) is 120, factorial(10) is 3628800.',
  file: 'src/factorial.js',
  exportName: 'factorial',
  reference: `export function factorial(n) {
  if (!Number.isInteger(n)) throw new TypeError('factorial: n must be an integer');
  if (n < 0 || n > 170) throw new RangeError('factorial: n must be between 0 and 170');
  let result = 1;
  for (let i = 2; i <= n; i++) result *= i;
  return result;
}
`,
  wrong: `export function factorial(n) {
  if (!Number.isInteger(n)) throw new TypeError('factorial: n must be an integer');
  if (n < 0 || n > 170) throw new RangeError('factorial: n must be between 0 and 170');
  let result = 1;
  for (let i = 2; i < n; i++) result *= i;
  return result;
}
`,
  tests: [
    { name: 'zero and one', code: `assert.equal(factorial(0), 1); assert.equal(factorial(1), 1);` },
    { name: 'small values', code: `assert.equal(factorial(3), 6); assert.equal(factorial(5), 120); assert.equal(factorial(10), 3628800);` },
    { name: 'twenty', code: `assert.equal(factorial(20), 2432902008176640000);` },
    { name: 'largest allowed is finite', code: `assert.ok(Number.isFinite(factorial(170)), '170! should be finite'); assert.ok(factorial(170) > 1e306);` },
    { name: 'out of range throws RangeError', code: `assert.throws(() => factorial(-1), RangeError); assert.throws(() => factorial(171), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => factorial(2.5), TypeError); assert.throws(() => factorial('5'), TypeError);` },
  ],
};

const binomial: TaskBody = {
  title: 'Binomial coefficient',
  description:
    'Write src/binomial.js exporting function binomial(n, k): the number of ways to choose k items out of n ' +
    '("n choose k"). Return 0 when k < 0 or k > n. Use the multiplicative formula with k replaced by Math.min(k, n - k): ' +
    'result = 1, then for i = 1..k: result = result * (n - k + i) / i (each step stays a whole number). ' +
    'Throw a TypeError if n or k is not an integer and a RangeError if n < 0. ' +
    'Examples: binomial(5, 2) is 10, binomial(52, 5) is 2598960, binomial(4, 5) is 0.',
  file: 'src/binomial.js',
  exportName: 'binomial',
  reference: `export function binomial(n, k) {
  if (!Number.isInteger(n) || !Number.isInteger(k)) throw new TypeError('binomial: n and k must be integers');
  if (n < 0) throw new RangeError('binomial: n must not be negative');
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let result = 1;
  for (let i = 1; i <= m; i++) result = (result * (n - m + i)) / i;
  return result;
}
`,
  wrong: `export function binomial(n, k) {
  if (!Number.isInteger(n) || !Number.isInteger(k)) throw new TypeError('binomial: n and k must be integers');
  if (n < 0) throw new RangeError('binomial: n must not be negative');
  const m = Math.min(k, n - k);
  let result = 1;
  for (let i = 1; i <= m; i++) result = (result * (n - m + i)) / i;
  return result;
}
`,
  tests: [
    { name: 'small values', code: `assert.equal(binomial(5, 2), 10); assert.equal(binomial(6, 3), 20); assert.equal(binomial(10, 1), 10);` },
    { name: 'edges', code: `assert.equal(binomial(10, 0), 1); assert.equal(binomial(10, 10), 1); assert.equal(binomial(0, 0), 1);` },
    { name: 'larger values', code: `assert.equal(binomial(52, 5), 2598960); assert.equal(binomial(40, 20), 137846528820);` },
    { name: 'k outside 0..n gives 0', code: `assert.equal(binomial(4, 5), 0); assert.equal(binomial(4, -1), 0);` },
    { name: 'negative n throws RangeError', code: `assert.throws(() => binomial(-1, 0), RangeError);` },
    { name: 'non-integers throw TypeError', code: `assert.throws(() => binomial(5, 1.5), TypeError); assert.throws(() => binomial('5', 2), TypeError);` },
  ],
};

const fibonacci: TaskBody = {
  title: 'Fibonacci number',
  description:
    'Write src/fibonacci.js exporting function fibonacci(n): the n-th Fibonacci number with fibonacci(0) = 0, ' +
    'fibonacci(1) = 1 and fibonacci(n) = fibonacci(n - 1) + fibonacci(n - 2). Use a loop, not recursion. ' +
    'n must be an integer from 0 to 78 inclusive (larger results are not exact): throw a TypeError if n is not an ' +
    'integer and a RangeError if n < 0 or n > 78. Examples: fibonacci(2) is 1, fibonacci(10) is 55.',
  file: 'src/fibonacci.js',
  exportName: 'fibonacci',
  reference: `export function fibonacci(n) {
  if (!Number.isInteger(n)) throw new TypeError('fibonacci: n must be an integer');
  if (n < 0 || n > 78) throw new RangeError('fibonacci: n must be between 0 and 78');
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}
`,
  wrong: `export function fibonacci(n) {
  if (!Number.isInteger(n)) throw new TypeError('fibonacci: n must be an integer');
  if (n < 0 || n > 78) throw new RangeError('fibonacci: n must be between 0 and 78');
  let a = 1;
  let b = 1;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}
`,
  tests: [
    { name: 'first terms', code: `assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(fibonacci), [0, 1, 1, 2, 3, 5, 8]);` },
    { name: 'tenth and fiftieth', code: `assert.equal(fibonacci(10), 55); assert.equal(fibonacci(50), 12586269025);` },
    { name: 'largest allowed', code: `assert.equal(fibonacci(78), 8944394323791464);` },
    { name: 'out of range throws RangeError', code: `assert.throws(() => fibonacci(79), RangeError); assert.throws(() => fibonacci(-1), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => fibonacci(1.5), TypeError);` },
  ],
};

const isPerfectSquare: TaskBody = {
  title: 'Perfect square test',
  description:
    'Write src/isPerfectSquare.js exporting function isPerfectSquare(n): true if n is the square of an integer ' +
    '(0, 1, 4, 9, ...), otherwise false. Negative numbers and non-integers (e.g. 2.25) return false. ' +
    'Throw a TypeError if n is not of type number. The answer must be exact for large safe integers: ' +
    'Math.sqrt rounds, so take r = Math.round(Math.sqrt(n)) and check r * r === n.',
  file: 'src/isPerfectSquare.js',
  exportName: 'isPerfectSquare',
  reference: `export function isPerfectSquare(n) {
  if (typeof n !== 'number') throw new TypeError('isPerfectSquare: n must be a number');
  if (!Number.isInteger(n) || n < 0) return false;
  const r = Math.round(Math.sqrt(n));
  return r * r === n;
}
`,
  wrong: `export function isPerfectSquare(n) {
  if (typeof n !== 'number') throw new TypeError('isPerfectSquare: n must be a number');
  if (!Number.isInteger(n) || n < 0) return false;
  return Number.isInteger(Math.sqrt(n));
}
`,
  tests: [
    { name: 'small squares', code: `for (const n of [0, 1, 4, 9, 16, 144]) assert.equal(isPerfectSquare(n), true, String(n));` },
    { name: 'small non-squares', code: `for (const n of [2, 3, 15, 17, 99]) assert.equal(isPerfectSquare(n), false, String(n));` },
    { name: 'negatives and fractions', code: `assert.equal(isPerfectSquare(-4), false); assert.equal(isPerfectSquare(2.25), false);` },
    { name: 'large values are exact', code: `assert.equal(isPerfectSquare(9007199136250225), true); assert.equal(isPerfectSquare(9007199136250224), false);` },
    { name: 'non-number throws TypeError', code: `assert.throws(() => isPerfectSquare('16'), TypeError);` },
  ],
};

const digitSum: TaskBody = {
  title: 'Sum of decimal digits',
  description:
    'Write src/digitSum.js exporting function digitSum(n): the sum of the decimal digits of n. The sign is ignored: ' +
    'digitSum(-907) is 16. digitSum(0) is 0, digitSum(12345) is 15. ' +
    'Throw a TypeError if n is not a safe integer (e.g. 1.5, "12" or 2 ** 60).',
  file: 'src/digitSum.js',
  exportName: 'digitSum',
  reference: `export function digitSum(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('digitSum: n must be a safe integer');
  let rest = Math.abs(n);
  let sum = 0;
  while (rest > 0) {
    sum += rest % 10;
    rest = Math.floor(rest / 10);
  }
  return sum;
}
`,
  wrong: `export function digitSum(n) {
  if (!Number.isSafeInteger(n)) throw new TypeError('digitSum: n must be a safe integer');
  let sum = 0;
  while (n > 0) {
    sum += n % 10;
    n = Math.floor(n / 10);
  }
  return sum;
}
`,
  tests: [
    { name: 'zero and one digit', code: `assert.equal(digitSum(0), 0); assert.equal(digitSum(9), 9);` },
    { name: 'several digits', code: `assert.equal(digitSum(12345), 15); assert.equal(digitSum(1000000), 1);` },
    { name: 'negative numbers', code: `assert.equal(digitSum(-907), 16); assert.equal(digitSum(-5), 5);` },
    { name: 'largest safe integer', code: `assert.equal(digitSum(Number.MAX_SAFE_INTEGER), 76);` },
    { name: 'bad input throws TypeError', code: `assert.throws(() => digitSum(1.5), TypeError); assert.throws(() => digitSum('12'), TypeError); assert.throws(() => digitSum(2 ** 60), TypeError);` },
  ],
};

const toBase: TaskBody = {
  title: 'Integer to base-b string',
  description:
    'Write src/toBase.js exporting function toBase(n, base, minDigits = 1): the integer n written in the given base ' +
    '(2 to 36) with lowercase digits 0-9a-z, left-padded with zeros to at least minDigits digits. A negative n gets ' +
    "a '-' BEFORE the padding: toBase(-5, 2, 4) is '-0101' (the sign does not count as a digit). " +
    "Examples: toBase(255, 16) is 'ff', toBase(5, 2, 8) is '00000101', toBase(0, 10) is '0'. " +
    'Throw a TypeError if n, base or minDigits is not an integer, and a RangeError if base is outside 2..36 or ' +
    'minDigits < 1.',
  file: 'src/toBase.js',
  exportName: 'toBase',
  reference: `export function toBase(n, base, minDigits = 1) {
  if (![n, base, minDigits].every(Number.isInteger)) throw new TypeError('toBase: arguments must be integers');
  if (base < 2 || base > 36) throw new RangeError('toBase: base must be between 2 and 36');
  if (minDigits < 1) throw new RangeError('toBase: minDigits must be at least 1');
  const digits = Math.abs(n).toString(base).padStart(minDigits, '0');
  return n < 0 ? '-' + digits : digits;
}
`,
  wrong: `export function toBase(n, base, minDigits = 1) {
  if (![n, base, minDigits].every(Number.isInteger)) throw new TypeError('toBase: arguments must be integers');
  if (base < 2 || base > 36) throw new RangeError('toBase: base must be between 2 and 36');
  if (minDigits < 1) throw new RangeError('toBase: minDigits must be at least 1');
  return n.toString(base).padStart(minDigits, '0');
}
`,
  tests: [
    { name: 'common bases', code: `assert.equal(toBase(255, 16), 'ff'); assert.equal(toBase(10, 2), '1010'); assert.equal(toBase(35, 36), 'z');` },
    { name: 'zero', code: `assert.equal(toBase(0, 10), '0'); assert.equal(toBase(0, 2, 3), '000');` },
    { name: 'padding', code: `assert.equal(toBase(5, 2, 8), '00000101'); assert.equal(toBase(255, 16, 1), 'ff');` },
    { name: 'negative numbers pad after the sign', code: `assert.equal(toBase(-5, 2, 4), '-0101'); assert.equal(toBase(-255, 16), '-ff');` },
    { name: 'bad base throws RangeError', code: `assert.throws(() => toBase(10, 1), RangeError); assert.throws(() => toBase(10, 37), RangeError); assert.throws(() => toBase(10, 2, 0), RangeError);` },
    { name: 'non-integers throw TypeError', code: `assert.throws(() => toBase(1.5, 2), TypeError); assert.throws(() => toBase(10, '2'), TypeError);` },
  ],
};

const collatzSteps: TaskBody = {
  title: 'Collatz steps',
  description:
    'Write src/collatzSteps.js exporting function collatzSteps(n): how many steps the Collatz rule needs to turn n ' +
    'into 1, where one step replaces an even n by n / 2 and an odd n by 3 * n + 1. collatzSteps(1) is 0 (already 1), ' +
    'collatzSteps(2) is 1, collatzSteps(6) is 8 (6, 3, 10, 5, 16, 8, 4, 2, 1). ' +
    'Throw a TypeError if n is not an integer and a RangeError if n < 1.',
  file: 'src/collatzSteps.js',
  exportName: 'collatzSteps',
  reference: `export function collatzSteps(n) {
  if (!Number.isInteger(n)) throw new TypeError('collatzSteps: n must be an integer');
  if (n < 1) throw new RangeError('collatzSteps: n must be at least 1');
  let steps = 0;
  for (let v = n; v !== 1; steps++) v = v % 2 === 0 ? v / 2 : 3 * v + 1;
  return steps;
}
`,
  wrong: `export function collatzSteps(n) {
  if (!Number.isInteger(n)) throw new TypeError('collatzSteps: n must be an integer');
  if (n < 1) throw new RangeError('collatzSteps: n must be at least 1');
  let steps = 1;
  for (let v = n; v !== 1; steps++) v = v % 2 === 0 ? v / 2 : 3 * v + 1;
  return steps;
}
`,
  tests: [
    { name: 'one needs no steps', code: `assert.equal(collatzSteps(1), 0);` },
    { name: 'small values', code: `assert.equal(collatzSteps(2), 1); assert.equal(collatzSteps(6), 8); assert.equal(collatzSteps(7), 16);` },
    { name: 'a long trajectory', code: `assert.equal(collatzSteps(27), 111);` },
    { name: 'zero and negatives throw RangeError', code: `assert.throws(() => collatzSteps(0), RangeError); assert.throws(() => collatzSteps(-4), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => collatzSteps(2.5), TypeError);` },
  ],
};

const modPow: TaskBody = {
  title: 'Modular exponentiation',
  description:
    'Write src/modPow.js exporting function modPow(base, exponent, modulus): (base ** exponent) mod modulus as a number ' +
    'in 0..modulus-1, computed by square-and-multiply (never compute base ** exponent itself). ' +
    'A negative base is allowed and the result is still non-negative: modPow(-2, 3, 5) is 2. modPow(x, 0, 1) is 0. ' +
    'Throw a TypeError if any argument is not an integer; a RangeError if exponent < 0 or modulus is not between 1 and ' +
    '2 ** 26 (so products stay exact). Examples: modPow(2, 10, 1000) is 24, modPow(4, 13, 497) is 445.',
  file: 'src/modPow.js',
  exportName: 'modPow',
  reference: `export function modPow(base, exponent, modulus) {
  if (![base, exponent, modulus].every(Number.isSafeInteger)) throw new TypeError('modPow: arguments must be integers');
  if (exponent < 0) throw new RangeError('modPow: exponent must not be negative');
  if (modulus < 1 || modulus > 2 ** 26) throw new RangeError('modPow: modulus must be between 1 and 2**26');
  let result = 1 % modulus;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
`,
  wrong: `export function modPow(base, exponent, modulus) {
  if (![base, exponent, modulus].every(Number.isSafeInteger)) throw new TypeError('modPow: arguments must be integers');
  if (exponent < 0) throw new RangeError('modPow: exponent must not be negative');
  if (modulus < 1 || modulus > 2 ** 26) throw new RangeError('modPow: modulus must be between 1 and 2**26');
  let result = 1;
  let b = base % modulus;
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
`,
  tests: [
    { name: 'small values', code: `assert.equal(modPow(2, 10, 1000), 24); assert.equal(modPow(4, 13, 497), 445); assert.equal(modPow(3, 0, 7), 1);` },
    { name: 'modulus one', code: `assert.equal(modPow(5, 3, 1), 0); assert.equal(modPow(5, 0, 1), 0);` },
    { name: 'negative base', code: `assert.equal(modPow(-2, 3, 5), 2); assert.equal(modPow(-1, 5, 7), 6);` },
    { name: 'large exponents', code: `assert.equal(modPow(2, 100, 1000007), 698635); assert.equal(modPow(7, 123456789, 65521), 14316);` },
    { name: 'out of range throws RangeError', code: `assert.throws(() => modPow(2, -1, 5), RangeError); assert.throws(() => modPow(2, 3, 0), RangeError); assert.throws(() => modPow(2, 3, 2 ** 27), RangeError);` },
    { name: 'non-integers throw TypeError', code: `assert.throws(() => modPow(2.5, 1, 3), TypeError);` },
  ],
};

const wrap: TaskBody = {
  title: 'Wrap into a range',
  description:
    'Write src/wrap.js exporting function wrap(value, min, max): value wrapped around into the half-open range ' +
    '[min, max) (min included, max excluded), like an angle wrapped into [0, 360). ' +
    'Use span = max - min and return min + (((value - min) % span) + span) % span, because % keeps the sign of a ' +
    'negative left side. Examples: wrap(370, 0, 360) is 10, wrap(-10, 0, 360) is 350, wrap(360, 0, 360) is 0, ' +
    'wrap(5, -3, 3) is -1. Throw a TypeError if any argument is not a finite number and a RangeError if min >= max.',
  file: 'src/wrap.js',
  exportName: 'wrap',
  reference: `export function wrap(value, min, max) {
  for (const v of [value, min, max]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('wrap: arguments must be finite numbers');
  }
  if (min >= max) throw new RangeError('wrap: min must be less than max');
  const span = max - min;
  return min + ((((value - min) % span) + span) % span);
}
`,
  wrong: `export function wrap(value, min, max) {
  for (const v of [value, min, max]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError('wrap: arguments must be finite numbers');
  }
  if (min >= max) throw new RangeError('wrap: min must be less than max');
  return min + ((value - min) % (max - min));
}
`,
  tests: [
    { name: 'above the range', code: `assert.equal(wrap(370, 0, 360), 10); assert.equal(wrap(725, 0, 360), 5);` },
    { name: 'below the range', code: `assert.equal(wrap(-10, 0, 360), 350); assert.equal(wrap(-0.5, 0, 1), 0.5);` },
    { name: 'max is excluded', code: `assert.equal(wrap(360, 0, 360), 0); assert.equal(wrap(0, 0, 360), 0);` },
    { name: 'range not starting at zero', code: `assert.equal(wrap(5, -3, 3), -1); assert.equal(wrap(-4, -3, 3), 2);` },
    { name: 'empty range throws RangeError', code: `assert.throws(() => wrap(1, 5, 5), RangeError); assert.throws(() => wrap(1, 5, 0), RangeError);` },
    { name: 'bad arguments throw TypeError', code: `assert.throws(() => wrap(Infinity, 0, 360), TypeError);` },
  ],
};

const toRoman: TaskBody = {
  title: 'Roman numerals',
  description:
    'Write src/toRoman.js exporting function toRoman(n): n as an uppercase Roman numeral string, using the subtractive ' +
    'forms CM (900), CD (400), XC (90), XL (40), IX (9) and IV (4). Hint: walk the table ' +
    '[1000 M, 900 CM, 500 D, 400 CD, 100 C, 90 XC, 50 L, 40 XL, 10 X, 9 IX, 5 V, 4 IV, 1 I], appending each symbol ' +
    "while it fits. Examples: toRoman(4) is 'IV', toRoman(14) is 'XIV', toRoman(1994) is 'MCMXCIV'. " +
    'Throw a TypeError if n is not an integer and a RangeError if n < 1 or n > 3999.',
  file: 'src/toRoman.js',
  exportName: 'toRoman',
  reference: `const TABLE = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

export function toRoman(n) {
  if (!Number.isInteger(n)) throw new TypeError('toRoman: n must be an integer');
  if (n < 1 || n > 3999) throw new RangeError('toRoman: n must be between 1 and 3999');
  let rest = n;
  let out = '';
  for (const [value, symbol] of TABLE) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}
`,
  wrong: `const TABLE = [[1000, 'M'], [900, 'CM'], [500, 'D'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [10, 'X'], [9, 'IX'], [5, 'V'], [1, 'I']];

export function toRoman(n) {
  if (!Number.isInteger(n)) throw new TypeError('toRoman: n must be an integer');
  if (n < 1 || n > 3999) throw new RangeError('toRoman: n must be between 1 and 3999');
  let rest = n;
  let out = '';
  for (const [value, symbol] of TABLE) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}
`,
  tests: [
    { name: 'single symbols', code: `assert.equal(toRoman(1), 'I'); assert.equal(toRoman(5), 'V'); assert.equal(toRoman(1000), 'M');` },
    { name: 'subtractive forms', code: `assert.equal(toRoman(4), 'IV'); assert.equal(toRoman(9), 'IX'); assert.equal(toRoman(40), 'XL'); assert.equal(toRoman(400), 'CD');` },
    { name: 'composite numbers', code: `assert.equal(toRoman(14), 'XIV'); assert.equal(toRoman(1994), 'MCMXCIV'); assert.equal(toRoman(2024), 'MMXXIV');` },
    { name: 'largest value', code: `assert.equal(toRoman(3999), 'MMMCMXCIX');` },
    { name: 'out of range throws RangeError', code: `assert.throws(() => toRoman(0), RangeError); assert.throws(() => toRoman(4000), RangeError);` },
    { name: 'non-integer throws TypeError', code: `assert.throws(() => toRoman(2.5), TypeError); assert.throws(() => toRoman('7'), TypeError);` },
  ],
};

// ---------------------------------------------------------------------------------------------
// Variants.
// ---------------------------------------------------------------------------------------------

const TASK_COUNT = 20;

/** Chain tasks come first, each depending on the one before it; independent tasks follow. */
function buildSuite(p: number, chain: TaskBody[], independent: TaskBody[]): Suite {
  if (chain.length + independent.length !== TASK_COUNT) {
    throw new Error(`math-p${p}: expected ${TASK_COUNT} tasks, got ${chain.length + independent.length}`);
  }
  const id = (index: number) => `t${String(index + 1).padStart(2, '0')}`;
  // Bodies are shared between variants; copying the test list keeps each task object independent.
  const place = (body: TaskBody, index: number, dependencies: string[]): Task => ({
    id: id(index),
    ...body,
    dependencies,
    tests: body.tests?.map((test) => ({ ...test })),
  });
  const tasks: Task[] = [
    ...chain.map((body, i) => place(body, i, i === 0 ? [] : [id(i - 1)])),
    ...independent.map((body, i) => place(body, chain.length + i, [])),
  ];
  return {
    id: `math-p${p}`,
    family: 'math',
    name: `Math utilities (p = ${p})`,
    description:
      `Twenty small number utilities, one function per file: a serial chain of ${chain.length} tasks, each importing ` +
      `the one before it, plus ${independent.length} independent tasks. Critical path ${chain.length}, ` +
      `so p = (20 - ${chain.length}) / 20 = ${p}.`,
    p,
    tasks,
  };
}

const primesTower = [isqrt, isPrime, nextPrime, primesInRange, primeFactors, factorize];

/** The three math variants, in order of p (0.2, 0.5, 0.9). */
export const mathSuites: Suite[] = [
  buildSuite(
    0.2,
    [
      ...primesTower,
      gcdByFactors,
      reduceFraction,
      addFractions,
      subtractFractions,
      compareFractions,
      uniqueSortedFractions,
      fareySequence,
      closestFraction,
      approximateFraction,
      formatFraction,
    ],
    [clamp, lerp, factorial, toRoman],
  ),
  buildSuite(
    0.5,
    [...primesTower, divisors, aliquotSum, classifyNumber, perfectNumbersUpTo],
    [clamp, lerp, inverseLerp, roundTo, range, linspace, factorial, binomial, fibonacci, toRoman],
  ),
  buildSuite(
    0.9,
    [gcdEuclid, lcm],
    [
      clamp,
      lerp,
      inverseLerp,
      remap,
      roundTo,
      roundToMultiple,
      range,
      linspace,
      factorial,
      binomial,
      fibonacci,
      isPerfectSquare,
      digitSum,
      toBase,
      collatzSteps,
      modPow,
      wrap,
      toRoman,
    ],
  ),
];
