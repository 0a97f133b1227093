export type { LocalClientConfig } from './client-config.js';
export { localClientConfig } from './client-config.js';
export type { ServiceFaults } from './fault-settings.js';
export type { LocalAwsFaults } from './faults.js';
export type { LambdaHandler, LambdaInvokeContext } from './lambda-handler.js';
export type { LocalAws, StartLocalAwsOptions } from './local-aws.js';
export { startLocalAws } from './local-aws.js';
export type { ServiceErrorShape } from './service-error.js';
export { THROTTLING_ERRORS } from './service-error.js';
export type { ServiceName } from './services.js';
export {
  ENDPOINT_URL_ENV_VARS,
  isServiceName,
  LOCAL_AWS_IDENTITY,
  SERVICE_LABELS,
  SERVICE_NAMES,
} from './services.js';
export type { LocalAwsSettings } from './settings.js';
export type {
  IssuedCredentials,
  LocalAwsState,
  RecordedInvocation,
  StoredEvent,
  StoredObject,
} from './state.js';
export { objectKey } from './state.js';
export type { LocalAwsStats, LocalAwsStatsSnapshot } from './stats.js';
