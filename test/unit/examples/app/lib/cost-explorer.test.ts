/**
 * Covers the app's Cost Explorer module (examples/app/lib/cost-explorer.ts) with the client mocked: paging
 * over NextPageToken, sums by service and usage type in whole cents, a page cap that is reported
 * and never silent, query validation, and `createCostExplorerClient` keeping the seed's signature
 * on top of the cache.
 */
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { getCostExplorerClient } from 'aws-client-cache/all';
import { mockClient } from 'aws-sdk-client-mock';
import { LeaseCostsInputError } from '../../../../../examples/app/errors.js';
import {
  createCostExplorerClient,
  getCostData,
} from '../../../../../examples/app/lib/cost-explorer.js';
import { useFreshCache } from '../../../../support/fresh-cache.js';

const costExplorer = mockClient(CostExplorerClient);
const QUERY = { accountId: '210987654321', startTime: '2026-01-05', endTime: '2026-01-20' };
const ROLE = 'arn:aws:iam::900000000000:role/lease-costs-reader';

const group = (service: string, usageType: string, amount: string) => ({
  Keys: [service, usageType],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});
const page = (
  groups: ReturnType<typeof group>[],
  nextPageToken?: string,
): GetCostAndUsageCommandOutput => ({
  $metadata: {},
  ResultsByTime: [{ TimePeriod: { Start: '2026-01-05', End: '2026-01-06' }, Groups: groups }],
  NextPageToken: nextPageToken,
});

useFreshCache();

beforeEach(() => {
  costExplorer.reset();
});

describe('getCostData', () => {
  it('follows NextPageToken and sums each service and usage type across pages', async () => {
    // Prepare
    costExplorer
      .on(GetCostAndUsageCommand)
      .resolvesOnce(page([group('AWS Lambda', 'Request', '0.1000000001')], 'p2'))
      .resolvesOnce(
        page(
          [group('AWS Lambda', 'Request', '0.2000000001'), group('Amazon S3', 'Storage', '5')],
          'p3',
        ),
      )
      .resolvesOnce(page([group('AWS Lambda', 'Duration', '1.25')]));

    // Act
    const report = await getCostData(QUERY, { roleArn: ROLE });

    // Assess
    expect(report).toEqual({
      accountId: QUERY.accountId,
      startDate: QUERY.startTime,
      endDate: QUERY.endTime,
      totalCost: 6.55,
      currency: 'USD',
      costsByService: [
        { serviceName: 'Amazon S3', cost: 5, usageTypes: [{ usageType: 'Storage', cost: 5 }] },
        {
          serviceName: 'AWS Lambda',
          cost: 1.55,
          usageTypes: [
            { usageType: 'Duration', cost: 1.25 },
            { usageType: 'Request', cost: 0.3 },
          ],
        },
      ],
      pagesFetched: 3,
      truncated: false,
    });
    const tokens = costExplorer
      .commandCalls(GetCostAndUsageCommand)
      .map((call) => call.args[0].input.NextPageToken);
    expect(tokens).toEqual([undefined, 'p2', 'p3']);
  });

  it('reports a truncated, partial report when the page cap stops it', async () => {
    // Prepare
    costExplorer
      .on(GetCostAndUsageCommand)
      .resolves(page([group('AWS Lambda', 'Request', '1')], 'more'));

    // Act
    const report = await getCostData(QUERY, { roleArn: ROLE, maxPages: 2 });

    // Assess
    expect(report).toMatchObject({ pagesFetched: 2, truncated: true, totalCost: 2 });
  });

  it('asks for the account, by service and usage type, daily', async () => {
    // Prepare
    costExplorer.on(GetCostAndUsageCommand).resolves(page([]));

    // Act
    await getCostData(QUERY, { roleArn: ROLE });

    // Assess
    expect(costExplorer.commandCalls(GetCostAndUsageCommand)[0]?.args[0].input).toMatchObject({
      TimePeriod: { Start: QUERY.startTime, End: QUERY.endTime },
      Granularity: 'DAILY',
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: {
        And: expect.arrayContaining([
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [QUERY.accountId] } },
        ]),
      },
    });
  });

  it.each([
    ['accountId', { ...QUERY, accountId: '42' }, undefined],
    ['startTime', { ...QUERY, startTime: '2026-13-45' }, undefined],
    ['endTime', { ...QUERY, endTime: QUERY.startTime }, undefined],
    ['maxPages', QUERY, 0],
  ])('refuses a bad %s before calling Cost Explorer', async (field, query, maxPages) => {
    // Act
    const failure = getCostData(query, { roleArn: ROLE, maxPages });

    // Assess
    await expect(failure).rejects.toThrow(LeaseCostsInputError);
    await expect(failure).rejects.toMatchObject({ field });
    expect(costExplorer.calls()).toHaveLength(0);
  });
});

describe('createCostExplorerClient', () => {
  it('returns the cached us-east-1 client for the same credentials', async () => {
    // Prepare
    const credentials = {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 't',
    };

    // Act
    const client = createCostExplorerClient({ credentials });

    // Assess
    expect(createCostExplorerClient({ credentials })).toBe(client);
    expect(getCostExplorerClient({ credentials })).toBe(client);
    expect(await client.config.region()).toBe('us-east-1');
  });
});
