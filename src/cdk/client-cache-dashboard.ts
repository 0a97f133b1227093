import { Stack, Token } from 'aws-cdk-lib';
import { CfnDashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import {
  renderDashboardBody,
  renderDashboardBodyWithRegionReference,
} from '../dashboard/render-dashboard.js';

/** Props of {@link ClientCacheDashboard}. */
export interface ClientCacheDashboardProps {
  /** The functions' `POWERTOOLS_METRICS_NAMESPACE`. Required; CloudWatch namespace rules apply. */
  readonly namespace: string;
  /** The functions' `POWERTOOLS_SERVICE_NAME`: the `service` dimension. Required. */
  readonly service: string;
  /**
   * Dashboard name: letters, digits, `-` and `_`, up to 255. Names are unique per account across
   * all regions. Default: CloudFormation generates one.
   */
  readonly dashboardName?: string;
  /**
   * Where the size widget draws its line: the functions' `CLIENT_CACHE_MAX_ENTRIES`.
   * Default 100; an integer from 1 to 10000.
   */
  readonly maxEntries?: number;
}

const DASHBOARD_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The aws-client-cache CloudWatch dashboard (hit ratio, evictions, cache size, connection reuse)
 * for one service, in the stack's region.
 *
 * @example
 * new ClientCacheDashboard(stack, 'ClientCache', { namespace: 'Leases', service: 'lease-costs' });
 */
export class ClientCacheDashboard extends Construct {
  /** The `AWS::CloudWatch::Dashboard` resource, for overrides and references. */
  public readonly dashboard: CfnDashboard;

  public constructor(scope: Construct, id: string, props: ClientCacheDashboardProps) {
    super(scope, id);
    const { namespace, service, dashboardName, maxEntries } = props;
    for (const [field, value] of Object.entries({ namespace, service, maxEntries })) {
      // A token's value arrives at deploy time, too late to be checked and escaped into the body.
      if (Token.isUnresolved(value)) {
        throw new TypeError(`\`${field}\` must be a literal value, not a deploy-time token`);
      }
    }
    if (dashboardName !== undefined && !Token.isUnresolved(dashboardName)) {
      if (!DASHBOARD_NAME_PATTERN.test(dashboardName)) {
        throw new RangeError(
          '`dashboardName` must be 1 to 255 of A-Z a-z 0-9 - _, ' +
            `got ${JSON.stringify(dashboardName)}`,
        );
      }
    }
    this.dashboard = new CfnDashboard(this, 'Resource', {
      dashboardName,
      dashboardBody: renderBody({ namespace, service, maxEntries }, Stack.of(this).region),
    });
  }
}

/**
 * An environment-agnostic stack's region is a token for `AWS::Region`. Its text goes into the
 * body as it is (tokens need no JSON escaping) and CDK turns the string into `Fn::Join` around
 * `{ Ref: AWS::Region }`. `Fn::Join` is chosen over `Fn::Sub` because `Fn::Sub` would also read
 * any `${` in the service name, which would then need escaping by hand.
 */
function renderBody(
  parameters: Pick<ClientCacheDashboardProps, 'namespace' | 'service' | 'maxEntries'>,
  region: string,
): string {
  return Token.isUnresolved(region)
    ? renderDashboardBodyWithRegionReference(parameters, region)
    : renderDashboardBody({ ...parameters, region });
}
