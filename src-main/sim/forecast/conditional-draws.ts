import type { StationSpec } from '../../shared/plant-schema';
import type { Rng } from '../../core/rng';
import { REPAIR_SPREAD } from '../plant-simulator';
import { MAX_SCATTER_DRAW, type StationProfile } from '../station-profiles';

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  const low = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const z = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    return p < low ? z : -z;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Beyond this many standard deviations the CDF is too close to 1 to invert: the tail is drawn from its exponential limit. */
const TAIL_Z = 5;

/** A standard normal drawn above `z0`. */
function normalAbove(z0: number, rng: Rng): number {
  if (z0 > TAIL_Z) return z0 + rng.exponential(1) / z0;
  const lo = normalCdf(z0);
  return normalQuantile(lo + (1 - lo) * rng.next());
}

/**
 * Time left of a repair that has lasted `elapsedMs`, drawn from the simulator's repair-time
 * distribution (log-normal around the profile's MTTR) given that it has not ended yet: a fault
 * ten minutes old is not a new one.
 */
export function remainingRepairMs(meanMs: number, elapsedMs: number, rng: Rng): number {
  const sigma = REPAIR_SPREAD;
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  if (elapsedMs <= 0) return Math.exp(mu + sigma * rng.normal(0, 1));
  const z0 = (Math.log(elapsedMs) - mu) / sigma;
  return Math.max(0, Math.exp(mu + sigma * normalAbove(z0, rng)) - elapsedMs);
}

/**
 * Process time left of a load that has run `elapsedMs`, drawn from the simulator's process-time
 * distribution given that it has not finished (its exponential tail is memoryless; past the
 * longest time the distribution allows, it finishes now).
 */
export function remainingCycleMs(profile: StationProfile, spec: StationSpec, elapsedMs: number, rng: Rng, factor = 1): number {
  const dwellMs = profile.dwellS(spec) * 1000 * factor;
  const scatterMs = dwellMs * profile.scatter;
  const overDwell = elapsedMs - dwellMs;
  if (overDwell <= 0) return dwellMs - elapsedMs + scatterMs * Math.min(MAX_SCATTER_DRAW, rng.exponential(1));
  const drawnSoFar = scatterMs > 0 ? overDwell / scatterMs : MAX_SCATTER_DRAW;
  if (drawnSoFar >= MAX_SCATTER_DRAW) return 0;
  return scatterMs * (Math.min(MAX_SCATTER_DRAW, drawnSoFar + rng.exponential(1)) - drawnSoFar);
}
