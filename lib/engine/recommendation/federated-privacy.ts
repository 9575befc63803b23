/**
 * Privacy accounting for the federated trainer (federated.ts): the Gaussian mechanism on a sum of client updates,
 * each clipped to L2 norm C, with noise N(0, σ²) per coordinate and σ = z·C (z the noise multiplier).
 *
 * Accountant: zero-concentrated DP (Bun & Steinke, "Concentrated Differential Privacy", TCC 2016). Adding or
 * removing one client changes the clipped sum by at most C, so one round is ρ-zCDP with ρ = C²/(2σ²) = 1/(2z²)
 * (their Prop. 1.6); T rounds compose to ρ_T = T·ρ (Lemma 1.7); ρ-zCDP implies (ε, δ)-DP with
 * ε = ρ + 2·sqrt(ρ·ln(1/δ)) (Prop. 1.3). The unit of privacy is a client (all its interactions), every client
 * takes part in every round, and no amplification by sampling is claimed. The conversion is the simple one, not
 * the tightest known, so the ε reported here is an upper bound.
 *
 * @example
 * zcdpEpsilon(20 / (2 * 10 ** 2), 1e-5); // 0.1 + 2·sqrt(0.1·ln 1e5) = 2.2460 (20 rounds at z = 10; checked in the test)
 */

/** ε of ρ-zCDP for a given δ ∈ (0, 1): ε = ρ + 2·sqrt(ρ·ln(1/δ)) */
export function zcdpEpsilon(rho: number, delta: number): number {
  if (!(rho >= 0) || !Number.isFinite(rho)) throw new RangeError(`zcdpEpsilon: rho must be ≥ 0, got ${rho}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`zcdpEpsilon: delta must be in (0, 1), got ${delta}`);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

/** the largest ρ whose ε (zcdpEpsilon) is at most `epsilon`: ρ = (sqrt(ln(1/δ) + ε) − sqrt(ln(1/δ)))² */
export function zcdpRhoFor(epsilon: number, delta: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon))
    throw new RangeError(`zcdpRhoFor: epsilon must be a positive number, got ${epsilon}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`zcdpRhoFor: delta must be in (0, 1), got ${delta}`);
  const l = Math.log(1 / delta);
  return (Math.sqrt(l + epsilon) - Math.sqrt(l)) ** 2;
}

export type PrivacyAccount = {
  /** noise multiplier z: per-coordinate noise standard deviation divided by the clipping norm */
  noiseMultiplier: number;
  rounds: number;
  /** zCDP of one round, 1/(2z²) */
  rhoPerRound: number;
  /** zCDP of all rounds, rounds·rhoPerRound */
  rho: number;
  epsilon: number;
  delta: number;
};

/**
 * ε after `rounds` full-participation rounds at noise multiplier z.
 *
 * @example
 * privacyAccount(10, 20, 1e-5).epsilon; // 2.2460
 */
export function privacyAccount(noiseMultiplier: number, rounds: number, delta: number): PrivacyAccount {
  if (!(noiseMultiplier > 0))
    throw new RangeError(`privacyAccount: noiseMultiplier must be > 0, got ${noiseMultiplier}`);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError('privacyAccount: rounds must be a positive integer');
  const rhoPerRound = 1 / (2 * noiseMultiplier ** 2);
  const rho = rounds * rhoPerRound;
  return { noiseMultiplier, rounds, rhoPerRound, rho, epsilon: zcdpEpsilon(rho, delta), delta };
}

/**
 * The smallest noise multiplier z for which `rounds` rounds stay within (ε, δ): z = sqrt(T / (2·ρ(ε, δ))).
 *
 * @example
 * calibrateNoise(1, 1e-5, 20); // z = 21.92 (checked in the test against scripts/reference/recommend/zcdp_reference.py)
 */
export function calibrateNoise(epsilon: number, delta: number, rounds: number): number {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError('calibrateNoise: rounds must be a positive integer');
  return Math.sqrt(rounds / (2 * zcdpRhoFor(epsilon, delta)));
}
