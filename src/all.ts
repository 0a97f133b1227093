// All five getters in one place, for apps that install all five SDK
// clients; it also re-exports the package root. A handler that installs only
// some clients imports their entry points (`aws-client-cache/s3`) instead.

export { CostExplorerService, getCostExplorerClient } from './clients/cost-explorer.js';
export { EventBridgeService, getEventBridgeClient } from './clients/eventbridge.js';
export { getLambdaClient, LambdaService } from './clients/lambda.js';
export { getS3Client, S3Service } from './clients/s3.js';
export { getSTSClient, STSService } from './clients/sts.js';
export * from './index.js';
