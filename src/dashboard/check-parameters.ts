import { describeValue } from '../config/describe-value.js';
import { MAX_ENTRIES, REGION_PATTERN } from '../config/limits.js';
import { checkInteger } from '../config/parse-setting.js';
import { ClientCacheConfigError } from '../errors.js';

// The rules CloudWatch applies to PutMetricData; a namespace outside them can't hold our metrics.
const NAMESPACE_PATTERN = /^(?!AWS\/)(?=.*\S)[0-9A-Za-z._\-/#: ]{1,255}$/;
const MAX_DIMENSION_VALUE_LENGTH = 1024;
/** An SNS topic ARN of any partition; CloudWatch alarm actions take standard topics. */
const TOPIC_ARN_PATTERN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
/** What CloudWatch allows in an alarm name that is also safe inside an ARN and a URL. */
const ALARM_NAME_PREFIX_PATTERN = /^[A-Za-z0-9_.-]{1,200}$/;

/** The functions' `POWERTOOLS_METRICS_NAMESPACE`. */
export function checkNamespace(namespace: unknown): string {
  if (typeof namespace === 'string' && NAMESPACE_PATTERN.test(namespace)) return namespace;
  throw new ClientCacheConfigError(
    'namespace',
    '`namespace` must be 1 to 255 of A-Z a-z 0-9 . - _ / # : or space, not blank and not ' +
      `starting with "AWS/", got ${describeValue(namespace)}`,
  );
}

/** The functions' `POWERTOOLS_SERVICE_NAME`: the `service` dimension's value. */
export function checkService(service: unknown): string {
  const allowed =
    typeof service === 'string' &&
    service.trim() !== '' &&
    service.length <= MAX_DIMENSION_VALUE_LENGTH;
  if (allowed) return service;
  throw new ClientCacheConfigError(
    'service',
    `\`service\` must be a non-blank string of at most ${MAX_DIMENSION_VALUE_LENGTH} characters, ` +
      `got ${describeValue(service)}`,
  );
}

export function checkRegion(region: unknown): string {
  if (typeof region === 'string' && REGION_PATTERN.test(region)) return region;
  throw new ClientCacheConfigError(
    'region',
    `\`region\` must look like "us-east-1", got ${describeValue(region)}`,
  );
}

/** Where the size widget draws its line; the same range as `CLIENT_CACHE_MAX_ENTRIES`. */
export function checkMaxEntries(maxEntries: unknown): number {
  return checkInteger('maxEntries', maxEntries, MAX_ENTRIES);
}

/** `field` names the option as the caller spells it (`alarmTopicArn`, `--alarm-topic`). */
export function checkTopicArn(topicArn: unknown, field = 'alarmTopicArn'): string {
  if (typeof topicArn === 'string' && TOPIC_ARN_PATTERN.test(topicArn)) return topicArn;
  throw new ClientCacheConfigError(
    field,
    `\`${field}\` must be an SNS topic ARN such as "arn:aws:sns:eu-west-1:123456789012:on-call", ` +
      `got ${describeValue(topicArn)}`,
  );
}

export function checkAlarmNamePrefix(prefix: unknown, field = 'alarmNamePrefix'): string {
  if (typeof prefix === 'string' && ALARM_NAME_PREFIX_PATTERN.test(prefix)) return prefix;
  throw new ClientCacheConfigError(
    field,
    `\`${field}\` must be 1 to 200 of A-Z a-z 0-9 . - _, got ${describeValue(prefix)}`,
  );
}
