import { MAX_ENTRIES } from '../config/limits.js';
import { ClientCacheError } from '../errors.js';
import type { ClientCacheAlarmKey } from './alarm-definitions.js';
import {
  ALARM_ARN_PLACEHOLDERS,
  ALARM_STATUS_HEIGHT,
  type AlarmArnPlaceholder,
  alarmStatusWidget,
  alarmThresholdWidgets,
  type DashboardWidgetJson,
} from './alarm-widgets.js';
import { checkMaxEntries, checkNamespace, checkRegion, checkService } from './check-parameters.js';
import { readPackageJson } from './package-file.js';

/** What `renderDashboardBody` fills into the shipped `dashboards/client-cache.json`. */
export interface DashboardParameters {
  /** The functions' `POWERTOOLS_METRICS_NAMESPACE`. CloudWatch namespace rules apply. */
  namespace: string;
  /** The functions' `POWERTOOLS_SERVICE_NAME`: the value of the `service` dimension. */
  service: string;
  /** Region the metrics live in, e.g. `us-east-1`. */
  region: string;
  /**
   * Where the size widget draws its line: the functions' `CLIENT_CACHE_MAX_ENTRIES`.
   * Default 100; an integer from 1 to 10000.
   */
  maxEntries?: number;
  /**
   * The ARN of each of the cache's alarms (`CLIENT_CACHE_ALARMS`): the dashboard then shows
   * their state at the top. Default: no alarm status widget (the threshold widgets stay).
   */
  alarmArns?: Readonly<Record<ClientCacheAlarmKey, string>>;
}

/** The `${Name}` placeholders of the definition (the syntax `Fn::Sub` uses too). */
type DashboardPlaceholderName =
  | 'Namespace'
  | 'Service'
  | 'Region'
  | 'MaxEntries'
  | AlarmArnPlaceholder;

type PlaceholderValues = Readonly<
  Record<'Namespace' | 'Service' | 'Region' | 'MaxEntries', string>
> &
  Readonly<Partial<Record<AlarmArnPlaceholder, string>>>;

const DEFINITION_PATH = 'dashboards/client-cache.json';
// A number placeholder is written "${MaxEntries}" so the file stays valid JSON; filling drops
// the quotes.
const PLACEHOLDER_PATTERN = /"\$\{(MaxEntries)\}"|\$\{([^}]*)\}/g;
const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set([
  'Namespace',
  'Service',
  'Region',
  'MaxEntries',
  ...ALARM_ARN_PLACEHOLDERS,
]);

/**
 * Renders the CloudWatch dashboard body (the JSON `put-dashboard` takes) for one service.
 * Every deploy path (CloudFormation template, CDK construct, `npm run dashboard`) goes
 * through here, so the dashboard is defined once, in `dashboards/client-cache.json` and the
 * alarm definitions.
 *
 * @throws ClientCacheConfigError naming the parameter that is not allowed and what is.
 * @example
 * const body = renderDashboardBody({ namespace: 'Leases', service: 'costs', region: 'eu-west-1' });
 */
export function renderDashboardBody(parameters: DashboardParameters): string {
  return render(parameters, checkRegion(parameters.region));
}

/**
 * Like `renderDashboardBody`, for a region known only at deploy time: `regionReference` (a CDK
 * token for `AWS::Region`) goes into the body unchecked, and the deploy tool resolves it.
 */
export function renderDashboardBodyWithRegionReference(
  parameters: Omit<DashboardParameters, 'region'>,
  regionReference: string,
): string {
  return render(parameters, regionReference);
}

/**
 * The dashboard definition, compacted, with its `${Name}` placeholders still in place: the
 * shipped file, the alarm status widget under its header when `alarmStatus` is set, and the
 * alarms' threshold widgets at the bottom.
 * @example
 * const definition = loadDashboardDefinition(); // '{"start":"-PT6H",...'
 */
export function loadDashboardDefinition(options: { alarmStatus?: boolean } = {}): string {
  const body = JSON.parse(readPackageJson(DEFINITION_PATH)) as {
    widgets: DashboardWidgetJson[];
  };
  const [header] = body.widgets;
  let widgets = body.widgets;
  if (options.alarmStatus === true && header !== undefined) {
    const statusAt = header.y + header.height;
    widgets = [
      header,
      alarmStatusWidget(statusAt),
      ...widgets
        .slice(1)
        .map((widget) =>
          widget.y >= statusAt ? { ...widget, y: widget.y + ALARM_STATUS_HEIGHT } : widget,
        ),
    ];
  }
  const bottom = Math.max(...widgets.map((widget) => widget.y + widget.height));
  return JSON.stringify({ ...body, widgets: [...widgets, ...alarmThresholdWidgets(bottom)] });
}

/**
 * Replaces every placeholder in one pass, so a value that itself looks like `${Name}` (as the
 * CloudFormation generator passes) is kept. Text values are escaped for a JSON string; the
 * number placeholder is inserted bare. An unknown placeholder, or one without a value, throws
 * rather than leaking into a body that `Fn::Sub` would then misread.
 */
export function fillDashboardPlaceholders(definition: string, values: PlaceholderValues): string {
  return definition.replace(
    PLACEHOLDER_PATTERN,
    (_match, numberName?: string, textName?: string) => {
      if (numberName !== undefined) return values.MaxEntries;
      const value =
        textName !== undefined && PLACEHOLDER_NAMES.has(textName)
          ? values[textName as DashboardPlaceholderName]
          : undefined;
      if (value === undefined) {
        throw new ClientCacheError(
          `${DEFINITION_PATH} has a placeholder "\${${textName}}" with no value`,
        );
      }
      return JSON.stringify(value).slice(1, -1);
    },
  );
}

function render(parameters: Omit<DashboardParameters, 'region'>, region: string): string {
  const { alarmArns } = parameters;
  const arns = Object.fromEntries(
    Object.entries(alarmArns ?? {}).map(([key, arn]) => [`${key}AlarmArn`, arn]),
  );
  return fillDashboardPlaceholders(
    loadDashboardDefinition({ alarmStatus: alarmArns !== undefined }),
    {
      Namespace: checkNamespace(parameters.namespace),
      Service: checkService(parameters.service),
      Region: region,
      MaxEntries: String(checkMaxEntries(parameters.maxEntries ?? MAX_ENTRIES.defaultValue)),
      ...arns,
    },
  );
}
