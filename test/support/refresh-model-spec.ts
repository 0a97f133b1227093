/**
 * The refresh specification the refresh model (refresh-model.test.ts) checks
 * a credential set against: when held credentials stop being usable, when
 * the mandatory and the earliest advisory windows open, and the back-off's
 * floor after a failure.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** Credentials STS issued, as the oracle knows them. */
export interface Held {
  readonly accessKeyId: string;
  readonly expiresAt: number;
  readonly lifetime: number;
}

/** The specification's figures, written out here rather than imported: the oracle is independent. */
export const spec = {
  usableUntil: (held: Held) => held.expiresAt - Math.min(10 * SECOND, held.lifetime / 2),
  mandatoryAt: (held: Held) => held.expiresAt - Math.min(MINUTE, held.lifetime / 2),
  earliestAdvisoryAt: (held: Held) => {
    const lead =
      held.lifetime <= 20 * MINUTE ? 5 * MINUTE : held.lifetime < 90 * MINUTE ? 15 * MINUTE : HOUR;
    return (
      held.expiresAt -
      Math.max(Math.min(MINUTE, held.lifetime / 2), Math.min(lead, (held.lifetime * 3) / 4))
    );
  },
  backoffFloor: (usableFor: number) => Math.min(5 * MINUTE, Math.max(SECOND, usableFor / 4)),
};
