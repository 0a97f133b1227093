/**
 * Covers the service getters (S3, EventBridge, Lambda, Cost Explorer, STS)
 * and the generic `getClient`: each caches its client, carries its service
 * defaults (Lambda and Cost Explorer retry settings, Cost Explorer's region),
 * lets the caller's region and `additionalConfig` win, and never shares an
 * entry across client classes.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import {
  generateCacheKey,
  getClient,
  getClientCacheSize,
  getCostExplorerClient,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
  getSTSClient,
} from '../../../src/all.js';
import { setEnv } from '../../support/env.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const ROLE = 'arn:aws:iam::123456789012:role/Reports';

useFreshCache();

/** The mode of the retry strategy the SDK actually built, not the config it was given. */
async function retryModeOf(client: LambdaClient | CostExplorerClient): Promise<unknown> {
  const strategy = await client.config.retryStrategy();
  return 'mode' in strategy ? strategy.mode : undefined;
}

describe('service getters', () => {
  it('returns the same S3 client for the same config', () => {
    // Act
    const first = getS3Client({ region: 'us-east-1', roleArn: ROLE });
    const second = getS3Client({ region: 'us-east-1', roleArn: ROLE });

    // Assess
    expect(first).toBeInstanceOf(S3Client);
    expect(second).toBe(first);
    expect(getClientCacheSize()).toBe(1);
  });

  it('builds the S3 client for the requested region', async () => {
    // Act
    const client = getS3Client({ region: 'eu-west-1' });

    // Assess
    expect(await client.config.region()).toBe('eu-west-1');
    expect(getS3Client({ region: 'eu-west-2' })).not.toBe(client);
  });

  it('falls back to AWS_REGION when no region is given', async () => {
    // Act
    const client = getS3Client();

    // Assess
    expect(await client.config.region()).toBe('us-east-1');
    expect(getS3Client()).toBe(client);
  });

  it('puts clients of every service and role on one shared keep-alive handler', () => {
    // Act
    const s3 = getS3Client({ roleArn: ROLE });
    const otherS3 = getS3Client({ region: 'eu-west-1' });
    const events = getEventBridgeClient();

    // Assess
    expect(s3.config.requestHandler).toBe(otherS3.config.requestHandler);
    expect(events.config.requestHandler).toBe(s3.config.requestHandler);
  });

  it('returns the same EventBridge client for the same config', () => {
    // Act
    const first = getEventBridgeClient({ region: 'us-west-2' });
    const second = getEventBridgeClient({ region: 'us-west-2' });

    // Assess
    expect(first).toBeInstanceOf(EventBridgeClient);
    expect(second).toBe(first);
  });

  it('returns a different EventBridge client for another region', () => {
    // Act
    const west = getEventBridgeClient({ region: 'us-west-2' });
    const east = getEventBridgeClient({ region: 'us-east-1' });

    // Assess
    expect(east).not.toBe(west);
    expect(getClientCacheSize()).toBe(2);
  });

  it('returns the same Lambda client for the same config', () => {
    // Act
    const first = getLambdaClient({ roleArn: ROLE });
    const second = getLambdaClient({ roleArn: ROLE });

    // Assess
    expect(first).toBeInstanceOf(LambdaClient);
    expect(second).toBe(first);
  });

  it('gives the Lambda client 3 attempts with standard retry', async () => {
    // Act
    const client = getLambdaClient();

    // Assess
    expect(await client.config.maxAttempts()).toBe(3);
    expect(await retryModeOf(client)).toBe('standard');
  });

  it('returns the same Cost Explorer client for the same config', () => {
    // Act
    const first = getCostExplorerClient();
    const second = getCostExplorerClient();

    // Assess
    expect(first).toBeInstanceOf(CostExplorerClient);
    expect(second).toBe(first);
  });

  it('builds Cost Explorer in us-east-1 even when the function runs elsewhere', async () => {
    // Prepare
    setEnv({ AWS_REGION: 'eu-central-1' });

    // Act
    const client = getCostExplorerClient();

    // Assess
    expect(await client.config.region()).toBe('us-east-1');
  });

  it('gives Cost Explorer 5 attempts with adaptive retry', async () => {
    // Act
    const client = getCostExplorerClient();

    // Assess
    expect(await client.config.maxAttempts()).toBe(5);
    expect(await retryModeOf(client)).toBe('adaptive');
  });

  it('lets an explicit region beat the Cost Explorer default', async () => {
    // Act
    const client = getCostExplorerClient({ region: 'cn-north-1' });

    // Assess
    expect(await client.config.region()).toBe('cn-north-1');
    expect(client).not.toBe(getCostExplorerClient());
  });

  it('returns one STS client per profile', () => {
    // Act
    const dev = getSTSClient({ profile: 'dev' });
    const devAgain = getSTSClient({ profile: 'dev' });
    const prod = getSTSClient({ profile: 'prod' });
    const none = getSTSClient();

    // Assess
    expect(dev).toBeInstanceOf(STSClient);
    expect(devAgain).toBe(dev);
    expect(new Set([dev, prod, none]).size).toBe(3);
    expect(generateCacheKey('STS', { profile: 'dev' })).toBe('STS:default:none:dev');
  });

  it('merges additionalConfig last, over the service defaults', async () => {
    // Act
    const s3 = getS3Client({ additionalConfig: { forcePathStyle: true } });
    const lambda = getLambdaClient({ additionalConfig: { maxAttempts: 7 } });

    // Assess
    expect(s3.config.forcePathStyle).toBe(true);
    expect(getS3Client().config.forcePathStyle).toBe(false);
    expect(await lambda.config.maxAttempts()).toBe(7);
    expect(s3).toBe(getS3Client({ additionalConfig: { forcePathStyle: true } }));
  });

  it('gives each service its own client for the same config', () => {
    // Prepare
    const config = { region: 'us-east-1', roleArn: ROLE };

    // Act
    const clients = [
      getS3Client(config),
      getEventBridgeClient(config),
      getLambdaClient(config),
      getCostExplorerClient(config),
      getSTSClient(config),
    ];

    // Assess
    expect(new Set(clients).size).toBe(5);
    expect(getClientCacheSize()).toBe(5);
  });
});

describe('getClient', () => {
  it('returns the same instance of any client class for an equal config', () => {
    // Act
    const first = getClient(S3Client, { region: 'us-east-1', roleArn: ROLE });
    const second = getClient(S3Client, { roleArn: ROLE, region: 'us-east-1' });

    // Assess
    expect(first).toBeInstanceOf(S3Client);
    expect(second).toBe(first);
  });

  it('never shares an entry between two classes with the same name', () => {
    // Prepare
    const FirstCopy = class FakeClient {
      constructor(readonly config: unknown) {}
    };
    const SecondCopy = class FakeClient {
      constructor(readonly config: unknown) {}
    };
    expect(FirstCopy.name).toBe(SecondCopy.name);

    // Act
    const first = getClient(FirstCopy, { region: 'us-east-1' });
    const second = getClient(SecondCopy, { region: 'us-east-1' });

    // Assess
    expect(first).toBeInstanceOf(FirstCopy);
    expect(second).toBeInstanceOf(SecondCopy);
    expect(getClient(FirstCopy, { region: 'us-east-1' })).toBe(first);
    expect(getClient(SecondCopy, { region: 'us-east-1' })).toBe(second);
    expect(getClientCacheSize()).toBe(2);
  });

  it('keeps the generic and the service getter for one class apart', () => {
    // Act
    const generic = getClient(S3Client);
    const service = getS3Client();

    // Assess
    expect(generic).not.toBe(service);
    expect(getClient(S3Client)).toBe(generic);
  });
});
