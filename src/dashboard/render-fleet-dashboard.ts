import { ClientCacheError } from '../errors.js';
import { checkNamespace, checkRegion } from './check-parameters.js';
import { readPackageJson } from './package-file.js';

/** What `renderFleetDashboardBody` fills into the shipped `dashboards/client-cache-fleet.json`. */
export interface FleetDashboardParameters {
  /** The namespace every function of the fleet publishes to (`POWERTOOLS_METRICS_NAMESPACE`). */
  namespace: string;
  /** Region the metrics live in, e.g. `us-east-1`. */
  region: string;
}

const FLEET_DEFINITION_PATH = 'dashboards/client-cache-fleet.json';
const PLACEHOLDER_PATTERN = /\$\{([^}]*)\}/g;

/**
 * Renders the fleet dashboard: one view of every service publishing the cache's metrics to a
 * namespace, built from CloudWatch Metrics Insights queries grouped by `service`, so it lists no
 * function and stays right as functions come and go.
 *
 * @throws ClientCacheConfigError naming the parameter that is not allowed and what is.
 * @example
 * const body = renderFleetDashboardBody({ namespace: 'Leases', region: 'eu-west-1' });
 */
export function renderFleetDashboardBody(parameters: FleetDashboardParameters): string {
  return fillFleetPlaceholders(loadFleetDashboardDefinition(), {
    Namespace: checkNamespace(parameters.namespace),
    Region: checkRegion(parameters.region),
  });
}

/** The fleet definition, compacted, with its `${Namespace}` and `${Region}` still in place. */
export function loadFleetDashboardDefinition(): string {
  return readPackageJson(FLEET_DEFINITION_PATH);
}

/**
 * Fills `${Namespace}` and `${Region}` in one pass, escaped for a JSON string. The namespace
 * lands inside a double-quoted Metrics Insights identifier; the namespace rules exclude `"`.
 */
export function fillFleetPlaceholders(
  definition: string,
  values: Readonly<Record<'Namespace' | 'Region', string>>,
): string {
  return definition.replace(PLACEHOLDER_PATTERN, (_match, name: string) => {
    if (name !== 'Namespace' && name !== 'Region') {
      throw new ClientCacheError(
        `${FLEET_DEFINITION_PATH} has an unknown placeholder "\${${name}}"`,
      );
    }
    return JSON.stringify(values[name]).slice(1, -1);
  });
}
