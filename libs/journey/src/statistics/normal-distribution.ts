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

// AS241's coefficients, lowest power first.
const CENTRAL_NUMERATOR = [
  3.387132872796366608, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
  4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3,
];
const CENTRAL_DENOMINATOR = [
  1, 4.2313330701600911252e1, 6.871870074920579083e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
  3.930789580009271061e4, 2.8729085735721942674e4, 5.226495278852854561e3,
];
const INTERMEDIATE_NUMERATOR = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 2.4178072517745061177e-1, 2.27238449892691845833e-2, 7.7454501427834140764e-4,
];
const INTERMEDIATE_DENOMINATOR = [
  1, 2.05319162663775882187, 1.6763848301838038494, 6.8976733498510000455e-1, 1.4810397642748007459e-1,
  1.51986665636164571966e-2, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const TAIL_NUMERATOR = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 2.9656057182850489123e-1,
  2.6532189526576123093e-2, 1.2426609473880784386e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const TAIL_DENOMINATOR = [
  1, 5.9983220655588793769e-1, 1.3692988092273580531e-1, 1.4875361290850614852e-2, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** The z with P(|Z| ≤ z) = confidence: 1.959964 for 0.95. */
export function twoSidedCriticalValue(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
