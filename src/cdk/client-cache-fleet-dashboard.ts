import { Stack, Token } from 'aws-cdk-lib';
import { CfnDashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { checkNamespace } from '../dashboard/check-parameters.js';
import {
  fillFleetPlaceholders,
  loadFleetDashboardDefinition,
  renderFleetDashboardBody,
} from '../dashboard/render-fleet-dashboard.js';
import { ClientCacheConfigError } from '../errors.js';

/** Props of {@link ClientCacheFleetDashboard}. */
export interface ClientCacheFleetDashboardProps {
  /** The namespace every function of the fleet publishes to. Required; a literal value. */
  readonly namespace: string;
  /** Dashboard name, unique in the account. Default: CloudFormation generates one. */
  readonly dashboardName?: string;
}

/**
 * The fleet view: every service publishing the cache's metrics to `namespace`, ranked by
 * Metrics Insights queries (most misses, eviction misses, refresh failures, new connections),
 * in the stack's region. It names no function, so it needs no change as functions come and go.
 *
 * @example
 * new ClientCacheFleetDashboard(stack, 'ClientCacheFleet', { namespace: 'Leases' });
 */
export class ClientCacheFleetDashboard extends Construct {
  /** The `AWS::CloudWatch::Dashboard` resource, for overrides and references. */
  public readonly dashboard: CfnDashboard;

  public constructor(scope: Construct, id: string, props: ClientCacheFleetDashboardProps) {
    super(scope, id);
    if (Token.isUnresolved(props.namespace)) {
      throw new ClientCacheConfigError(
        'namespace',
        '`namespace` must be a literal value, not a deploy-time token',
      );
    }
    const region = Stack.of(this).region;
    // An environment-agnostic stack's region is a token, joined in at deploy time.
    const dashboardBody = Token.isUnresolved(region)
      ? fillFleetPlaceholders(loadFleetDashboardDefinition(), {
          Namespace: checkNamespace(props.namespace),
          Region: region,
        })
      : renderFleetDashboardBody({ namespace: props.namespace, region });
    this.dashboard = new CfnDashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      dashboardBody,
    });
  }
}
