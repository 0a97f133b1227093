import type { LeaseCostsConfig } from './config.js';
import { LeaseCostsInputError } from './errors.js';
import { billingWindow, type LeaseEndedEvent, parseLeaseEndedEvent } from './lease-event.js';
import { type CostQuery, type CostReport, getCostData } from './lib/cost-explorer.js';
import { costReportCsv } from './lib/csv.js';
import { emitLeaseCostsGenerated, type LeaseCostsGeneratedDetail } from './lib/event-emitter.js';
import { getLeaseDetails, type LeaseDetails, type LeaseId } from './lib/isb-api-client.js';
import { getPresignedUrl, type UploadResult, uploadCsv } from './lib/s3-uploader.js';

/** How long the event's presigned report URL works: the original app's, and SigV4's, maximum. */
export const REPORT_URL_DAYS = 7;

/**
 * The four AWS-facing steps of a report. The app's own are the `examples/app/lib` modules on the cache's
 * getters (`cachedModules`); the demo swaps in variants that build clients the older ways, so
 * that everything but client handling is the same code in every mode it compares.
 */
export interface LeaseCostsModules {
  getLeaseDetails(leaseId: LeaseId, functionName: string): Promise<LeaseDetails>;
  getCostData(query: CostQuery, roleArn: string): Promise<CostReport>;
  uploadCsv(bucket: string, key: string, csv: string): Promise<UploadResult>;
  presignReport(bucket: string, key: string): Promise<string>;
  emitLeaseCostsGenerated(eventBusName: string, detail: LeaseCostsGeneratedDetail): Promise<string>;
}

/** The app modules, with clients from the cache. */
export function cachedModules(config: LeaseCostsConfig): LeaseCostsModules {
  return {
    getLeaseDetails: (leaseId, functionName) => getLeaseDetails(leaseId, functionName),
    getCostData: (query, roleArn) => getCostData(query, { roleArn }),
    uploadCsv: (bucket, key, csv) =>
      uploadCsv(bucket, key, csv, { forcePathStyle: config.s3ForcePathStyle }),
    presignReport: (bucket, key) =>
      getPresignedUrl(bucket, key, REPORT_URL_DAYS, { forcePathStyle: config.s3ForcePathStyle }),
    emitLeaseCostsGenerated: (bus, detail) => emitLeaseCostsGenerated(bus, detail),
  };
}

/** Business metrics, next to the cache's in the same EMF line. */
export const LeaseCostsMetric = {
  ReportGenerated: 'LeaseCostReportGenerated',
  ReportTruncated: 'LeaseCostReportTruncated',
  CostExplorerPages: 'CostExplorerPages',
} as const;

/** The Powertools parts the processor uses, typed structurally. */
export interface LeaseCostsObservability {
  readonly logger: {
    info(message: string, attributes: Record<string, unknown>): void;
    warn(message: string, attributes: Record<string, unknown>): void;
  };
  readonly metrics: { addMetric(name: string, unit: 'Count', value: number): void };
}

export interface LeaseCostsResult {
  readonly leaseId: string;
  readonly accountId: string;
  readonly totalCost: number;
  readonly csvS3Uri: string;
  readonly eventId: string;
  readonly partial: boolean;
}

/**
 * One report, start to end: lease from the sandbox API, costs from Cost Explorer as the
 * organisation's role, CSV to S3, then the event. Each step's failure stops the report with
 * that step's error; the event goes out only once the CSV is stored.
 */
export function createLeaseCostsProcessor(
  config: LeaseCostsConfig,
  modules: LeaseCostsModules,
  { logger, metrics }: LeaseCostsObservability,
): (event: unknown) => Promise<LeaseCostsResult> {
  return async (rawEvent) => {
    const event: LeaseEndedEvent = parseLeaseEndedEvent(rawEvent);
    const lease = await modules.getLeaseDetails(
      { userEmail: event.userEmail, uuid: event.leaseId },
      config.leasesFunctionArn,
    );
    if (lease.accountId !== event.accountId) {
      throw new LeaseCostsInputError(
        'accountId',
        `\`accountId\` must be the lease's account (${lease.accountId}), got "${event.accountId}"`,
      );
    }
    const { startDate, endDate } = billingWindow(lease.startDate, event.leaseEndTimestamp);
    const roleArn = event.costExplorerRoleArn ?? config.costExplorerRoleArn;
    const report = await modules.getCostData(
      { accountId: event.accountId, startTime: startDate, endTime: endDate },
      roleArn,
    );
    metrics.addMetric(LeaseCostsMetric.CostExplorerPages, 'Count', report.pagesFetched);
    if (report.truncated) {
      metrics.addMetric(LeaseCostsMetric.ReportTruncated, 'Count', 1);
      logger.warn('Cost Explorer paging hit its cap; the report is partial', {
        leaseId: event.leaseId,
        pagesFetched: report.pagesFetched,
      });
    }
    const key = `${event.leaseId}.csv`;
    const upload = await modules.uploadCsv(config.bucketName, key, costReportCsv(report));
    const csvS3Uri = `s3://${upload.bucket}/${upload.key}`;
    const csvUrl = await modules.presignReport(upload.bucket, upload.key);
    const eventId = await modules.emitLeaseCostsGenerated(config.eventBusName, {
      leaseId: event.leaseId,
      accountId: event.accountId,
      totalCost: report.totalCost,
      currency: report.currency,
      startDate,
      endDate,
      csvUrl,
      csvS3Uri,
      csvChecksumSha256: upload.checksumSha256,
      partial: report.truncated,
    });
    metrics.addMetric(LeaseCostsMetric.ReportGenerated, 'Count', 1);
    logger.info('Lease cost report generated', {
      leaseId: event.leaseId,
      accountId: event.accountId,
      totalCost: report.totalCost,
      services: report.costsByService.length,
      csvS3Uri,
      eventId,
    });
    return {
      leaseId: event.leaseId,
      accountId: event.accountId,
      totalCost: report.totalCost,
      csvS3Uri,
      eventId,
      partial: report.truncated,
    };
  };
}
