/**
 * Covers the app's settings (examples/app/config.ts): the four required variables, the optional
 * path-style flag, every problem reported at once naming its variable, and a frozen result.
 */
import { readLeaseCostsConfig } from '../../../../examples/app/config.js';
import { AppConfigError } from '../../../../examples/app/errors.js';

const VALID = {
  EVENT_BUS_NAME: 'isb-events',
  S3_BUCKET_NAME: 'lease-costs-reports',
  COST_EXPLORER_ROLE_ARN: 'arn:aws:iam::900000000000:role/lease-costs-reader',
  ISB_LEASES_LAMBDA_ARN: 'arn:aws:lambda:eu-west-2:123456789012:function:isb-leases',
};

describe('readLeaseCostsConfig', () => {
  it('reads a valid environment into a frozen config, path style off by default', () => {
    // Act
    const config = readLeaseCostsConfig(VALID);

    // Assess
    expect(config).toEqual({
      eventBusName: 'isb-events',
      bucketName: 'lease-costs-reports',
      costExplorerRoleArn: VALID.COST_EXPLORER_ROLE_ARN,
      leasesFunctionArn: VALID.ISB_LEASES_LAMBDA_ARN,
      s3ForcePathStyle: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns path style on with S3_FORCE_PATH_STYLE=true and accepts a bus ARN', () => {
    // Act
    const config = readLeaseCostsConfig({
      ...VALID,
      S3_FORCE_PATH_STYLE: 'true',
      EVENT_BUS_NAME: 'arn:aws:events:eu-west-2:123456789012:event-bus/isb-events',
    });

    // Assess
    expect(config.s3ForcePathStyle).toBe(true);
  });

  it('names every missing variable in one error', () => {
    // Act
    const read = () => readLeaseCostsConfig({});

    // Assess
    expect(read).toThrow(AppConfigError);
    expect(read).toThrow(
      /`EVENT_BUS_NAME` is required.*`S3_BUCKET_NAME` is required.*`COST_EXPLORER_ROLE_ARN` is required.*`ISB_LEASES_LAMBDA_ARN` is required/,
    );
    try {
      read();
    } catch (error) {
      expect((error as AppConfigError).variables).toEqual([
        'EVENT_BUS_NAME',
        'S3_BUCKET_NAME',
        'COST_EXPLORER_ROLE_ARN',
        'ISB_LEASES_LAMBDA_ARN',
      ]);
    }
  });

  it.each([
    ['COST_EXPLORER_ROLE_ARN', 'arn:aws:iam::123:role/short-account'],
    ['ISB_LEASES_LAMBDA_ARN', 'isb-leases'],
    ['S3_BUCKET_NAME', 'Not_A_Bucket'],
    ['EVENT_BUS_NAME', 'bus name with spaces'],
    ['S3_FORCE_PATH_STYLE', 'yes'],
  ])('rejects a malformed %s, quoting the value', (variable, value) => {
    // Act
    const read = () => readLeaseCostsConfig({ ...VALID, [variable]: value });

    // Assess
    expect(read).toThrow(new RegExp(`\`${variable}\` must be .*, got "${value}"`));
  });
});
