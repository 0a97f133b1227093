import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import type { CredentialIdentity } from 'aws-client-cache';
import { getCostExplorerClient } from 'aws-client-cache/cost-explorer';
import { LeaseCostsInputError, MalformedCostDataError } from '../errors.js';
import { costExplorerRoleConfig } from './assume-role.js';

/** One account's costs over `[startTime, endTime)`, dates as `YYYY-MM-DD`. */
export interface CostQuery {
  readonly accountId: string;
  readonly startTime: string;
  readonly endTime: string;
}

export interface UsageTypeCost {
  readonly usageType: string;
  /** US dollars, rounded to cents. */
  readonly cost: number;
}

export interface ServiceCost {
  readonly serviceName: string;
  readonly cost: number;
  /** Highest cost first. */
  readonly usageTypes: readonly UsageTypeCost[];
}

export interface CostReport {
  readonly accountId: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly totalCost: number;
  readonly currency: 'USD';
  /** Highest cost first. */
  readonly costsByService: readonly ServiceCost[];
  readonly pagesFetched: number;
  /** True when `maxPages` stopped the paging with pages left: the costs are then partial. */
  readonly truncated: boolean;
}

export interface CostDataOptions {
  /** Read as this role, through the cache's shared credentials for it. */
  readonly roleArn?: string;
  /** Read with these credentials, used as they are (the original app's way). */
  readonly credentials?: CredentialIdentity;
  /** A client of your own; beats `roleArn` and `credentials`. */
  readonly client?: Pick<CostExplorerClient, 'send'>;
  /** Pages to fetch at most, an integer from 1 to 1000. Default 50. */
  readonly maxPages?: number;
}

const DEFAULT_MAX_PAGES = 50;
const MICROS_PER_DOLLAR = 1_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The original app's client factory, same signature: now a cached client for those credentials.
 *
 * @example
 * const ce = createCostExplorerClient({ credentials: await assumeCostExplorerRole(roleArn) });
 */
export function createCostExplorerClient(
  options: { credentials?: CredentialIdentity; profile?: string } = {},
): CostExplorerClient {
  const { credentials, profile } = options;
  return getCostExplorerClient({
    ...(credentials === undefined ? {} : { credentials }),
    ...(profile === undefined ? {} : { profile }),
  });
}

function clientFor(options: CostDataOptions): Pick<CostExplorerClient, 'send'> {
  if (options.client !== undefined) return options.client;
  if (options.roleArn !== undefined) {
    return getCostExplorerClient(costExplorerRoleConfig(options.roleArn));
  }
  return createCostExplorerClient({ credentials: options.credentials });
}

function validate(query: CostQuery, maxPages: number): void {
  const invalid = (field: string, allowed: string, value: unknown) =>
    new LeaseCostsInputError(field, `\`${field}\` must be ${allowed}, got "${String(value)}"`);
  if (!/^\d{12}$/.test(query.accountId)) throw invalid('accountId', '12 digits', query.accountId);
  for (const field of ['startTime', 'endTime'] as const) {
    if (!DATE.test(query[field]) || Number.isNaN(Date.parse(query[field]))) {
      throw invalid(field, 'a date as YYYY-MM-DD', query[field]);
    }
  }
  if (query.startTime >= query.endTime) {
    throw invalid('endTime', `a date after \`startTime\` (${query.startTime})`, query.endTime);
  }
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 1000) {
    throw invalid('maxPages', 'an integer from 1 to 1000', maxPages);
  }
}

/** Adds a page's groups into `micros` (service -> usage type -> millionths of a dollar). */
function accumulate(page: GetCostAndUsageCommandOutput, micros: Map<string, Map<string, number>>) {
  for (const period of page.ResultsByTime ?? []) {
    for (const group of period.Groups ?? []) {
      const [serviceName = 'Unknown', usageType = 'Unknown'] = group.Keys ?? [];
      const amount = Number(group.Metrics?.UnblendedCost?.Amount ?? '0');
      if (!Number.isFinite(amount)) {
        throw new MalformedCostDataError(
          `Cost Explorer returned a non-numeric amount for ${serviceName}`,
        );
      }
      const usage = micros.get(serviceName) ?? new Map<string, number>();
      // Integer millionths: summing thousands of 10-decimal strings as floats drifts.
      usage.set(usageType, (usage.get(usageType) ?? 0) + Math.round(amount * MICROS_PER_DOLLAR));
      micros.set(serviceName, usage);
    }
  }
}

const dollars = (micros: number): number => Math.round(micros / 10_000) / 100;
const byCost = <Item extends { cost: number }>(a: Item, b: Item) => b.cost - a.cost;

/**
 * An account's unblended usage costs by service and usage type, following `NextPageToken` up to
 * `maxPages` pages. Hitting the cap is reported (`truncated`, `pagesFetched`), never hidden.
 * Resource-level costs need `GetCostAndUsageWithResources` (opt-in, last 14 days only), so usage
 * type is the finest grouping a lease of any length can get.
 *
 * @example
 * const report = await getCostData(
 *   { accountId: '123456789012', startTime: '2026-01-01', endTime: '2026-02-01' },
 *   { roleArn: process.env.COST_EXPLORER_ROLE_ARN },
 * );
 */
export async function getCostData(
  query: CostQuery,
  options: CostDataOptions = {},
): Promise<CostReport> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  validate(query, maxPages);
  const client = clientFor(options);
  const micros = new Map<string, Map<string, number>>();
  let nextPageToken: string | undefined;
  let pagesFetched = 0;
  do {
    const page = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: query.startTime, End: query.endTime },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
        ],
        Filter: {
          And: [
            { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [query.accountId] } },
            { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage'] } },
          ],
        },
        NextPageToken: nextPageToken,
      }),
    );
    pagesFetched++;
    accumulate(page, micros);
    nextPageToken = page.NextPageToken;
  } while (nextPageToken !== undefined && pagesFetched < maxPages);

  let totalMicros = 0;
  const costsByService = [...micros].map(([serviceName, usage]) => {
    const serviceMicros = [...usage.values()].reduce((sum, value) => sum + value, 0);
    totalMicros += serviceMicros;
    const usageTypes = [...usage].map(([usageType, value]) => ({
      usageType,
      cost: dollars(value),
    }));
    return { serviceName, cost: dollars(serviceMicros), usageTypes: usageTypes.sort(byCost) };
  });
  return {
    accountId: query.accountId,
    startDate: query.startTime,
    endDate: query.endTime,
    totalCost: dollars(totalMicros),
    currency: 'USD',
    costsByService: costsByService.sort(byCost),
    pagesFetched,
    truncated: nextPageToken !== undefined,
  };
}
