// The only place that touches jstat: distribution functions behind names we can read.
import jstatModule from 'jstat';

const { jStat } = jstatModule;

export const normalCdf = (z: number) => jStat.normal.cdf(z, 0, 1);
export const normalQuantile = (p: number) => jStat.normal.inv(p, 0, 1);
export const studentTCdf = (t: number, df: number) => jStat.studentt.cdf(t, df);
export const studentTQuantile = (p: number, df: number) => jStat.studentt.inv(p, df);
export const chiSquareSf = (x: number, df: number) => 1 - jStat.chisquare.cdf(x, df);
export const betaLn = (a: number, b: number) => jStat.betaln(a, b);

/** Two-sided p-value of a standard normal statistic. */
export const twoSidedNormalP = (z: number) => 2 * (1 - normalCdf(Math.abs(z)));
