/**
 * Covers the refresh windows and the back-off after a failed refresh with
 * known answers: the SDKs' advisory window chosen from the lifetime (5, 15
 * or 60 minutes), the 1-minute mandatory window, the 10-second usable
 * margin, their scaling for short sessions, and the back-off's cap and floor.
 */
import { retryDelayAfterFailure } from '../../../src/credentials/refresh-backoff.js';
import { refreshWindows } from '../../../src/credentials/refresh-windows.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Each window as a lead before expiry, for a session obtained at 0. */
function leads(lifetime: number, jitter = 0) {
  const windows = refreshWindows(0, lifetime, MINUTE, jitter);
  return {
    advisory: lifetime - windows.advisoryAt,
    mandatory: lifetime - windows.mandatoryAt,
    unusable: lifetime - windows.unusableAt,
  };
}

describe('refresh windows', () => {
  it.each([
    ['15 minutes', 15 * MINUTE, 5 * MINUTE],
    ['20 minutes', 20 * MINUTE, 5 * MINUTE],
    ['1 hour', HOUR, 15 * MINUTE],
    ['89 minutes', 89 * MINUTE, 15 * MINUTE],
    ['90 minutes', 90 * MINUTE, HOUR],
    ['12 hours', 12 * HOUR, HOUR],
  ])(
    "gives a %s session the SDKs' advisory window, a 1-minute mandatory one and a 10 s margin",
    (_name, lifetime, advisory) => {
      // Act & Assess
      expect(leads(lifetime)).toEqual({ advisory, mandatory: MINUTE, unusable: 10 * SECOND });
    },
  );

  it('shortens the advisory window by at most a fifth with jitter', () => {
    // Act & Assess
    expect(leads(HOUR, 1).advisory).toBe(12 * MINUTE);
  });

  it('scales every window down for a session shorter than the SDKs assume', () => {
    // Act & Assess
    expect(leads(2 * MINUTE)).toEqual({
      advisory: 90 * SECOND,
      mandatory: MINUTE,
      unusable: 10 * SECOND,
    });
    expect(leads(10 * SECOND)).toEqual({
      advisory: 7.5 * SECOND,
      mandatory: 5 * SECOND,
      unusable: 5 * SECOND,
    });
  });
});

describe('back-off after a failed refresh', () => {
  it("waits the SDKs' 5 to 10 minutes when the credentials have long to live", () => {
    // Act & Assess
    expect(retryDelayAfterFailure(HOUR, () => 0)).toBe(5 * MINUTE);
    expect(retryDelayAfterFailure(HOUR, () => 1)).toBe(10 * MINUTE);
  });

  it('waits a quarter to a half of the usable time left when that is shorter', () => {
    // Act & Assess
    expect(retryDelayAfterFailure(50 * SECOND, () => 0)).toBe(12.5 * SECOND);
    expect(retryDelayAfterFailure(50 * SECOND, () => 1)).toBe(25 * SECOND);
  });

  it('never tries again within a second', () => {
    // Act & Assess
    expect(retryDelayAfterFailure(2 * SECOND, () => 0)).toBe(SECOND);
  });
});
