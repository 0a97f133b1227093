/**
 * Covers OpenTelemetry spans for role credentials as a handler meets them:
 * `getLambdaClient({ roleArn })` and Invoke against the local endpoint inside
 * an active handler span, through a real SDK (in-memory exporter,
 * AsyncLocalStorage context). The refresh the SDK triggers inside `send` is a
 * child of the handler's span; with STS failing it carries error status and
 * the exception; and no span attribute, event or status holds a credential
 * the endpoint issued or the function's own.
 */
import { randomBytes } from 'node:crypto';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  ClientCacheCredentialsError,
  type CredentialIdentity,
  configureClientCache,
  getLambdaClient,
  getS3Client,
  TraceName,
} from '../../../src/all.js';
import { LOCAL_AWS_IDENTITY } from '../../../tools/local-aws/services.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { spansAsText, useOtelTracing } from '../../support/otel-tracing.js';

const ROLE = 'arn:aws:iam::123456789012:role/otel-refresh';
const FAILING_ROLE = 'arn:aws:iam::123456789012:role/otel-sts-down';
const quiet = { debug: () => undefined, warn: () => undefined };

describe('OpenTelemetry spans for role credentials against the local endpoint', () => {
  const local = useLocalAws({ functions: { echo: (event) => event } });
  useFreshCache({ against: () => local.endpoint });
  const otel = useOtelTracing();

  beforeEach(() => {
    jest.spyOn(Math, 'random').mockReturnValue(0.01);
    configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    local.endpoint.faults.clear('sts');
  });

  const handlerTracer = () => otel.provider.getTracer('handler');
  const named = (name: string) => otel.spans().filter((span) => span.name === name);

  it('records the assumption inside send as a child of the handler span, with no credential', async () => {
    // Prepare: static credentials too, distinctive so any leak is unmistakable
    const resolved: CredentialIdentity[] = [];
    const statics = {
      accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `FwoGZXIvYXdzE${randomBytes(48).toString('base64')}`,
    };

    // Act
    const handler = await handlerTracer().startActiveSpan('handler', async (span) => {
      const lambda = getLambdaClient({ roleArn: ROLE });
      await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' }));
      resolved.push(await lambda.config.credentials());
      getS3Client({ credentials: statics });
      span.end();
      return span.spanContext();
    });

    // Assess
    const [refresh, ...others] = named(TraceName.CredentialRefresh);
    expect(others).toEqual([]);
    expect(refresh?.parentSpanContext?.spanId).toBe(handler.spanId);
    expect(refresh?.attributes).toEqual({
      'aws_client_cache.source': ROLE,
      'aws_client_cache.refresh_mode': 'initial',
    });
    expect(refresh?.status.code).toBe(SpanStatusCode.UNSET);
    expect(refresh?.ended).toBe(true);
    const [miss] = named(`${TraceName.Miss} Lambda`);
    expect(miss?.parentSpanContext?.spanId).toBe(handler.spanId);
    const issued = local.endpoint.state.issuedCredentials;
    expect(issued).toHaveLength(1);
    const needles = [
      ...issued.map((credentials) => credentials.accessKeyId),
      ...resolved.flatMap((identity) => [identity.secretAccessKey, identity.sessionToken ?? '']),
      ...Object.values(statics),
      LOCAL_AWS_IDENTITY.accessKeyId,
      LOCAL_AWS_IDENTITY.secretAccessKey,
    ];
    expect(needles.filter((needle) => needle.length <= 8)).toEqual([]);
    expect(named(`${TraceName.Miss} S3`)).toHaveLength(1);
    const text = spansAsText(otel.spans());
    expect(text).toContain(ROLE);
    expect(needles.filter((needle) => text.includes(needle))).toEqual([]);
    expect(otel.diagnostics).toEqual([]);
  });

  it('marks the refresh failed when STS is down, under the handler span, with no credential', async () => {
    // Prepare
    local.endpoint.faults.set('sts', { failNext: 1000 });

    // Act
    const { failure, handler } = await handlerTracer().startActiveSpan('handler', async (span) => {
      const outcome = await getLambdaClient({ roleArn: FAILING_ROLE })
        .send(new InvokeCommand({ FunctionName: 'echo' }))
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      span.end();
      return { failure: outcome, handler: span.spanContext() };
    });

    // Assess
    expect(failure).toBeInstanceOf(ClientCacheCredentialsError);
    expect(local.endpoint.stats.assumeRoleCalls(FAILING_ROLE)).toBe(3);
    const refreshes = named(TraceName.CredentialRefresh);
    expect(refreshes).toHaveLength(1);
    const [refresh] = refreshes;
    expect(refresh?.parentSpanContext?.spanId).toBe(handler.spanId);
    expect(refresh?.attributes).toEqual({
      'aws_client_cache.source': FAILING_ROLE,
      'aws_client_cache.refresh_mode': 'initial',
    });
    expect(refresh?.status.code).toBe(SpanStatusCode.ERROR);
    expect(refresh?.events.map((event) => event.name)).toEqual(['exception']);
    expect(refresh?.ended).toBe(true);
    const text = spansAsText(otel.spans());
    for (const secret of [LOCAL_AWS_IDENTITY.accessKeyId, LOCAL_AWS_IDENTITY.secretAccessKey]) {
      expect(text).not.toContain(secret);
    }
    expect(otel.diagnostics).toEqual([]);
  });
});
