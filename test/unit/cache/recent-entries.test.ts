/**
 * Covers the shortcut a simple hit takes before the hit index. Invariant: it
 * finds an entry only if that entry's service (by identity), region and role
 * all equal the lookup's (`undefined` included, as `{}` looks them up), and
 * an object that only looks like the service finds nothing; it holds the last
 * two remembered, and after `forget` it finds nothing, since the store calls
 * it whenever an entry leaves.
 */
import type { SimpleConfigPath } from '../../../src/cache/hit-index.js';
import { RecentEntries } from '../../../src/cache/recent-entries.js';

const ROLE = 'arn:aws:iam::123456789012:role/Reports';

/** Two services by identity, as the store sees them: the same type name would not make them one. */
const S3 = { clientType: 'S3' };
const STS = { clientType: 'STS' };

function entry(
  service: object,
  region?: string,
  roleArn?: string,
): { simplePath: SimpleConfigPath } {
  return { simplePath: { service, region, roleArn } };
}

describe('the recent entries a simple hit checks first', () => {
  it('finds each of the last two entries remembered by all three fields, and no third', () => {
    // Prepare
    const recent = new RecentEntries<ReturnType<typeof entry>>();
    const oldest = entry(S3, 'us-east-1', `${ROLE}0`);
    const defaults = entry(S3);
    const role = entry(S3, 'us-east-1', `${ROLE}1`);

    // Act
    for (const remembered of [oldest, defaults, role]) recent.remember(remembered);

    // Assess: a fresh string of equal text finds it, as a handler's env read does
    expect(recent.find(S3, 'us-east-1', [ROLE, '1'].join(''))).toBe(role);
    expect(recent.find(S3, undefined, undefined)).toBe(defaults);
    expect(recent.find(S3, 'us-east-1', `${ROLE}0`)).toBeUndefined();
    expect(recent.find(STS, undefined, undefined)).toBeUndefined();
    expect(recent.find({ clientType: 'S3' }, undefined, undefined)).toBeUndefined();
    expect(recent.find(S3, 'eu-west-1', `${ROLE}1`)).toBeUndefined();
    expect(recent.find(S3, 'us-east-1', undefined)).toBeUndefined();
  });

  it('finds nothing after forget, not even with the fields of an empty config', () => {
    // Prepare
    const recent = new RecentEntries<ReturnType<typeof entry>>();
    const defaults = entry(S3);
    recent.remember(defaults);
    recent.remember(entry(S3, 'us-east-1', ROLE));

    // Act
    recent.forget();

    // Assess
    expect(recent.find(S3, undefined, undefined)).toBeUndefined();
    expect(recent.find(S3, 'us-east-1', ROLE)).toBeUndefined();
  });
});
