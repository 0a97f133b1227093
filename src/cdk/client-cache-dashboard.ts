import { Stack, Token } from 'aws-cdk-lib';
import { CfnAlarm, CfnDashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { describeValue } from '../config/describe-value.js';
import { CLIENT_CACHE_ALARMS, type ClientCacheAlarmKey } from '../dashboard/alarm-definitions.js';
import {
  alarmNameFor,
  describeAlarm,
  metricAlarmProperties,
} from '../dashboard/alarm-properties.js';
import {
  checkAlarmNamePrefix,
  checkNamespace,
  checkService,
  checkTopicArn,
} from '../dashboard/check-parameters.js';
import {
  type DashboardParameters,
  renderDashboardBody,
  renderDashboardBodyWithRegionReference,
} from '../dashboard/render-dashboard.js';
import { ClientCacheConfigError } from '../errors.js';
import { toCfnAlarmProps } from './client-cache-alarms.js';

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
  /**
   * Create the cache's alarms (docs/dashboard.md, "Alarms") and show their state on the
   * dashboard. Default true: without a topic they notify nobody, cost a few cents a month, and
   * the dashboard shows their state.
   */
  readonly alarms?: boolean;
  /**
   * The SNS topic told when an alarm fires and when it clears (any `ITopic`, or `{ topicArn }`).
   * Default: none, the alarms change state and notify nobody.
   */
  readonly alarmTopic?: { readonly topicArn: string };
  /**
   * Alarm names become `<prefix>-credential-refresh-failures` and so on: 1 to 200 of
   * A-Z a-z 0-9 . - _. Default: CloudFormation names them.
   */
  readonly alarmNamePrefix?: string;
}

const DASHBOARD_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The aws-client-cache CloudWatch dashboard (hit ratio, evictions, cache size, connection reuse)
 * for one service, in the stack's region, with its alarms.
 *
 * @example
 * new ClientCacheDashboard(stack, 'ClientCache', { namespace: 'Leases', service: 'lease-costs' });
 */
export class ClientCacheDashboard extends Construct {
  /** The `AWS::CloudWatch::Dashboard` resource, for overrides and references. */
  public readonly dashboard: CfnDashboard;
  /** The alarms by key (`CredentialRefreshFailures`, …); empty when `alarms` is false. */
  public readonly alarms: Readonly<Partial<Record<ClientCacheAlarmKey, CfnAlarm>>>;

  public constructor(scope: Construct, id: string, props: ClientCacheDashboardProps) {
    super(scope, id);
    const { namespace, service, dashboardName, maxEntries, alarmNamePrefix } = props;
    for (const [field, value] of Object.entries({
      namespace,
      service,
      maxEntries,
      alarmNamePrefix,
    })) {
      // A token's value arrives at deploy time, too late to be checked and escaped into the body.
      if (Token.isUnresolved(value)) {
        throw new ClientCacheConfigError(
          field,
          `\`${field}\` must be a literal value, not a deploy-time token`,
        );
      }
    }
    if (dashboardName !== undefined && !Token.isUnresolved(dashboardName)) {
      if (!DASHBOARD_NAME_PATTERN.test(dashboardName)) {
        throw new ClientCacheConfigError(
          'dashboardName',
          `\`dashboardName\` must be 1 to 255 of A-Z a-z 0-9 - _, got ${describeValue(dashboardName)}`,
        );
      }
    }
    const alarms = props.alarms === false ? {} : this.#createAlarms(props);
    this.alarms = alarms;
    const alarmArns =
      props.alarms === false
        ? undefined
        : (Object.fromEntries(
            (Object.entries(alarms) as [ClientCacheAlarmKey, CfnAlarm][]).map(([key, alarm]) => [
              key,
              alarm.attrArn,
            ]),
          ) as Record<ClientCacheAlarmKey, string>);
    this.dashboard = new CfnDashboard(this, 'Resource', {
      dashboardName,
      dashboardBody: renderBody(
        { namespace, service, maxEntries, alarmArns },
        Stack.of(this).region,
      ),
    });
  }

  #createAlarms(props: ClientCacheDashboardProps): Record<ClientCacheAlarmKey, CfnAlarm> {
    const namespace = checkNamespace(props.namespace);
    const service = checkService(props.service);
    const topicArn = props.alarmTopic?.topicArn;
    // A topic created in the same stack is a token: CloudFormation checks it at deploy time.
    const actions =
      topicArn === undefined
        ? undefined
        : [Token.isUnresolved(topicArn) ? topicArn : checkTopicArn(topicArn, 'alarmTopic')];
    const prefix =
      props.alarmNamePrefix === undefined ? undefined : checkAlarmNamePrefix(props.alarmNamePrefix);
    const entries = CLIENT_CACHE_ALARMS.map((definition) => {
      const properties = metricAlarmProperties(definition, {
        namespace,
        service,
        description: describeAlarm(definition, { namespace, service }),
        alarmName: prefix === undefined ? undefined : alarmNameFor(definition, prefix),
        actions,
      });
      return [
        definition.key,
        new CfnAlarm(this, `${definition.key}Alarm`, toCfnAlarmProps(properties)),
      ];
    });
    return Object.fromEntries(entries) as Record<ClientCacheAlarmKey, CfnAlarm>;
  }
}

/**
 * An environment-agnostic stack's region is a token for `AWS::Region`. Its text goes into the
 * body as it is (tokens need no JSON escaping) and CDK turns the string into `Fn::Join` around
 * `{ Ref: AWS::Region }`. `Fn::Join` is chosen over `Fn::Sub` because `Fn::Sub` would also read
 * any `${` in the service name, which would then need escaping by hand. The alarms' ARNs are
 * tokens too, joined in the same way.
 */
function renderBody(parameters: Omit<DashboardParameters, 'region'>, region: string): string {
  return Token.isUnresolved(region)
    ? renderDashboardBodyWithRegionReference(parameters, region)
    : renderDashboardBody({ ...parameters, region });
}
