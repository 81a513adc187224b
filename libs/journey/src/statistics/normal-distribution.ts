/**
 * The standard normal distribution: its cumulative probability and its quantile, written by hand
 * (no dependency) from two published double-precision algorithms, each unit-tested against
 * Python's `statistics.NormalDist` (normal-distribution.spec.ts). docs/product.md, Experiments.
 */

/**
 * P(Z ≤ x): Hart's algorithm 5666 (1968) as given by G. West, "Better approximations to cumulative
 * normal functions" (Wilmott, 2005), accurate to about 1e-15 absolute over the whole line (1e-8 relative in the far tail, beyond
 * |x| = 5: more than any p-value here needs).
 */
export function normalCdf(x: number): number {
  const abs = Math.abs(x);
  let tail: number;
  if (abs > 37) tail = 0;
  else {
    const exponential = Math.exp((-abs * abs) / 2);
    if (abs < 7.07106781186547) {
      let num = 3.52624965998911e-2 * abs + 0.700383064443688;
      num = num * abs + 6.37396220353165;
      num = num * abs + 33.912866078383;
      num = num * abs + 112.079291497871;
      num = num * abs + 221.213596169931;
      num = num * abs + 220.206867912376;
      let den = 8.83883476483184e-2 * abs + 1.75566716318264;
      den = den * abs + 16.064177579207;
      den = den * abs + 86.7807322029461;
      den = den * abs + 296.564248779674;
      den = den * abs + 637.333633378831;
      den = den * abs + 793.826512519948;
      den = den * abs + 440.413735824752;
      tail = (exponential * num) / den;
    } else {
      let fraction = abs + 0.65;
      fraction = abs + 4 / fraction;
      fraction = abs + 3 / fraction;
      fraction = abs + 2 / fraction;
      fraction = abs + 1 / fraction;
      tail = exponential / fraction / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** The x with P(Z ≤ x) = p, for 0 < p < 1: Wichura's AS241 (PPND16, 1988), about 1e-16 relative. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(r, CENTRAL_NUMERATOR)) / horner(r, CENTRAL_DENOMINATOR);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x =
    r <= 5
      ? horner(r - 1.6, INTERMEDIATE_NUMERATOR) / horner(r - 1.6, INTERMEDIATE_DENOMINATOR)
      : horner(r - 5, TAIL_NUMERATOR) / horner(r - 5, TAIL_DENOMINATOR);
  return q < 0 ? -x : x;
}

/** c[0] + c[1]·x + c[2]·x² + … */
function horner(x: number, coefficients: readonly number[]): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + coefficients[i];
  return sum;
}

// AS241's coefficients, lowest power first (as doubles: the paper prints 20 digits).
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const INTERMEDIATE_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const INTERMEDIATE_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const TAIL_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
];
const TAIL_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** The z with P(|Z| ≤ z) = confidence: 1.959964 for 0.95. */
export function twoSidedCriticalValue(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
