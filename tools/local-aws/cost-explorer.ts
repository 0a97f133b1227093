import {
  type CostGroupDefinition,
  type CostPeriod,
  costAmount,
  costGroupKeys,
  costPeriods,
  costUnit,
} from './cost-data.js';
import { createJsonServiceHandler } from './json-protocol.js';
import { ServiceError } from './service-error.js';
import type { HandlerContext, ServiceHandler } from './service-handler.js';

const PAGE_TOKEN_PREFIX = 'local-aws-page-';

interface CostRequest {
  readonly TimePeriod: CostPeriod;
  readonly Granularity: string;
  readonly Metrics: readonly string[];
  readonly GroupBy: readonly CostGroupDefinition[];
  readonly NextPageToken: string | undefined;
}

const parseRequest = (input: Record<string, unknown>): CostRequest => {
  const { TimePeriod, Granularity, Metrics, GroupBy, NextPageToken } = input;
  const period = TimePeriod as Partial<CostPeriod> | undefined;
  if (typeof period?.Start !== 'string' || typeof period.End !== 'string') {
    throw new ServiceError(
      400,
      'ValidationException',
      'TimePeriod with Start and End is required.',
    );
  }
  if (!Array.isArray(Metrics) || Metrics.length === 0) {
    throw new ServiceError(400, 'ValidationException', 'Metrics is required.');
  }
  const groups = (GroupBy ?? []) as CostGroupDefinition[];
  if (!Array.isArray(groups) || groups.length > 2) {
    throw new ServiceError(400, 'ValidationException', 'GroupBy takes at most 2 definitions.');
  }
  return {
    TimePeriod: { Start: period.Start, End: period.End },
    Granularity: typeof Granularity === 'string' ? Granularity : 'MONTHLY',
    Metrics: Metrics.map(String),
    GroupBy: groups,
    NextPageToken: typeof NextPageToken === 'string' ? NextPageToken : undefined,
  };
};

const pageIndex = (token: string | undefined, pageCount: number): number => {
  if (token === undefined) {
    return 0;
  }
  const index = Number(token.slice(PAGE_TOKEN_PREFIX.length));
  if (
    !token.startsWith(PAGE_TOKEN_PREFIX) ||
    !Number.isInteger(index) ||
    index < 1 ||
    index >= pageCount
  ) {
    throw new ServiceError(400, 'InvalidNextTokenException', 'The pagination token is invalid.');
  }
  return index;
};

/** Page `page` of `pageCount` near-equal, never empty, slices (given enough periods). */
const pageOf = <Item>(items: readonly Item[], page: number, pageCount: number): Item[] =>
  items.slice(
    Math.floor((page * items.length) / pageCount),
    Math.floor(((page + 1) * items.length) / pageCount),
  );

const metricValues = (metrics: readonly string[], ...seed: readonly string[]) =>
  Object.fromEntries(
    metrics.map((metric) => [
      metric,
      { Amount: costAmount(...seed, metric), Unit: costUnit(metric) },
    ]),
  );

/**
 * One period's result. Grouped results carry an empty `Total`, as the real service's do.
 */
const resultByTime = (request: CostRequest, period: CostPeriod) => ({
  TimePeriod: period,
  Total: request.GroupBy.length === 0 ? metricValues(request.Metrics, period.Start) : {},
  Groups:
    request.GroupBy.length === 0
      ? []
      : costGroupKeys(request.GroupBy).map((keys) => ({
          Keys: keys,
          Metrics: metricValues(request.Metrics, period.Start, ...keys),
        })),
  Estimated: false,
});

/**
 * Cost Explorer over JSON 1.1. GetCostAndUsage answers with deterministic fake costs, splitting
 * the periods over `settings.costExplorerPages` pages linked by `NextPageToken`.
 */
export const createCostExplorerHandler = (context: HandlerContext): ServiceHandler =>
  createJsonServiceHandler({
    targetPrefix: 'AWSInsightsIndexService',
    operations: {
      GetCostAndUsage(input) {
        const request = parseRequest(input);
        const periods = costPeriods(request.TimePeriod, request.Granularity);
        const pageCount = Math.min(context.settings.costExplorerPages, periods.length);
        const page = pageIndex(request.NextPageToken, pageCount);
        const next = page + 1 < pageCount ? `${PAGE_TOKEN_PREFIX}${page + 1}` : undefined;
        return {
          GroupDefinitions: request.GroupBy,
          ResultsByTime: pageOf(periods, page, pageCount).map((period) =>
            resultByTime(request, period),
          ),
          DimensionValueAttributes: [],
          ...(next === undefined ? {} : { NextPageToken: next }),
        };
      },
    },
  });
