/**
 * The "before" of the original app: every call builds its own SDK clients, and every report assumes the
 * role itself. Same module code as the app (each takes a client), only client handling differs.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { LeaseCostsConfig } from '../../app/config.js';
import { type LeaseCostsModules, REPORT_URL_DAYS } from '../../app/lease-costs.js';
import { COST_EXPLORER_SESSION_NAME } from '../../app/lib/assume-role.js';
import { getCostData } from '../../app/lib/cost-explorer.js';
import { emitLeaseCostsGenerated } from '../../app/lib/event-emitter.js';
import { getLeaseDetails } from '../../app/lib/isb-api-client.js';
import { getPresignedUrl, uploadCsv } from '../../app/lib/s3-uploader.js';

/** The original app's own AssumeRole: a fresh session per call, from a fresh STS client. */
async function assumeRoleWithNewClient(roleArn: string) {
  const sts = new STSClient({});
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: `${COST_EXPLORER_SESSION_NAME}-${Date.now()}`,
      DurationSeconds: 3600,
    }),
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
    throw new Error(`AssumeRole for ${roleArn} returned no credentials`);
  }
  return {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    sessionToken: Credentials.SessionToken,
    expiration: Credentials.Expiration,
  };
}

/** New clients per call, configured as the original app configured them. */
export function naiveModules(config: LeaseCostsConfig): LeaseCostsModules {
  return {
    getLeaseDetails: (leaseId, functionName) =>
      getLeaseDetails(
        leaseId,
        functionName,
        new LambdaClient({ maxAttempts: 3, retryMode: 'standard' }),
      ),
    getCostData: async (query, roleArn) => {
      const credentials = await assumeRoleWithNewClient(roleArn);
      const client = new CostExplorerClient({
        region: 'us-east-1',
        maxAttempts: 5,
        retryMode: 'adaptive',
        credentials,
      });
      return getCostData(query, { client });
    },
    uploadCsv: (bucket, key, csv) =>
      uploadCsv(bucket, key, csv, {
        client: new S3Client({ forcePathStyle: config.s3ForcePathStyle }),
      }),
    presignReport: (bucket, key) =>
      getPresignedUrl(bucket, key, REPORT_URL_DAYS, {
        client: new S3Client({ forcePathStyle: config.s3ForcePathStyle }),
      }),
    emitLeaseCostsGenerated: (bus, detail) =>
      emitLeaseCostsGenerated(bus, detail, new EventBridgeClient({})),
  };
}
