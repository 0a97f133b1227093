/**
 * The SDK's own advice for Lambda: build each client once, outside the handler, and reuse it.
 * Cross-account access follows the AWS docs too: one Cost Explorer client per role, with
 * `fromTemporaryCredentials`, whose credentials the client memoises and refreshes itself. So each
 * role costs one AssumeRole per credential lifetime, but every role's client (and the STS client
 * inside its provider) has its own connection pool.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { LeaseCostsConfig } from '../../app/config.js';
import { type LeaseCostsModules, REPORT_URL_DAYS } from '../../app/lease-costs.js';
import { COST_EXPLORER_SESSION_NAME } from '../../app/lib/assume-role.js';
import { getCostData } from '../../app/lib/cost-explorer.js';
import { emitLeaseCostsGenerated } from '../../app/lib/event-emitter.js';
import { getLeaseDetails } from '../../app/lib/isb-api-client.js';
import { getPresignedUrl, uploadCsv } from '../../app/lib/s3-uploader.js';

/**
 * Called once per process, at cold start: the equivalent of module-scope `const s3 = new
 * S3Client()`, kept in a function so that importing this file builds nothing.
 */
export function singletonModules(config: LeaseCostsConfig): LeaseCostsModules {
  const lambda = new LambdaClient({ maxAttempts: 3, retryMode: 'standard' });
  const s3 = new S3Client({ forcePathStyle: config.s3ForcePathStyle });
  const eventBridge = new EventBridgeClient({});
  const costExplorerByRole = new Map<string, CostExplorerClient>();
  const costExplorerFor = (roleArn: string): CostExplorerClient => {
    let client = costExplorerByRole.get(roleArn);
    if (client === undefined) {
      client = new CostExplorerClient({
        region: 'us-east-1',
        maxAttempts: 5,
        retryMode: 'adaptive',
        credentials: fromTemporaryCredentials({
          params: { RoleArn: roleArn, RoleSessionName: COST_EXPLORER_SESSION_NAME },
        }),
      });
      costExplorerByRole.set(roleArn, client);
    }
    return client;
  };
  return {
    getLeaseDetails: (leaseId, functionName) => getLeaseDetails(leaseId, functionName, lambda),
    getCostData: (query, roleArn) => getCostData(query, { client: costExplorerFor(roleArn) }),
    uploadCsv: (bucket, key, csv) => uploadCsv(bucket, key, csv, { client: s3 }),
    presignReport: (bucket, key) => getPresignedUrl(bucket, key, REPORT_URL_DAYS, { client: s3 }),
    emitLeaseCostsGenerated: (bus, detail) => emitLeaseCostsGenerated(bus, detail, eventBridge),
  };
}
