// Its own entry point (`aws-client-cache/cdk`), so Lambda bundles never load aws-cdk-lib.
export { ClientCacheDashboard, type ClientCacheDashboardProps } from './client-cache-dashboard.js';
export {
  ClientCacheFleetDashboard,
  type ClientCacheFleetDashboardProps,
} from './client-cache-fleet-dashboard.js';
