import { roleId, secretAccessKey, sessionToken, temporaryAccessKeyId } from './ids.js';
import { ServiceError } from './service-error.js';
import {
  type HandlerContext,
  headerValue,
  type ServiceHandler,
  type ServiceRequest,
} from './service-handler.js';
import { LOCAL_AWS_IDENTITY } from './services.js';
import { escapeXml, XML_DECLARATION, xmlElement } from './xml.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/;
const ACCESS_KEY_IN_AUTHORIZATION = /Credential=([A-Z0-9]+)\//;
/** SigV4's credential scope: `Credential=AKID/20261201/us-east-1/sts/aws4_request`. */
const SIGNING_REGION_IN_AUTHORIZATION = /Credential=[A-Z0-9]+\/\d{8}\/([a-z0-9-]+)\//;

const formOf = (request: ServiceRequest): URLSearchParams =>
  new URLSearchParams(
    request.method === 'POST' ? request.body.toString('utf8') : request.url.search,
  );

const requiredParameter = (form: URLSearchParams, name: string): string => {
  const value = form.get(name);
  if (!value) {
    throw new ServiceError(400, 'ValidationError', `Parameter ${name} is required.`);
  }
  return value;
};

const queryResponse = (action: string, result: string, requestId: string): string =>
  XML_DECLARATION +
  `<${action}Response xmlns="${STS_NAMESPACE}">` +
  xmlElement(`${action}Result`, result) +
  xmlElement('ResponseMetadata', xmlElement('RequestId', requestId)) +
  `</${action}Response>`;

/**
 * Seconds the issued credentials live: an injected lifetime wins, so tests can force expiry
 * whatever the code under test asks for; otherwise STS honours `DurationSeconds`.
 */
const lifetimeSeconds = (form: URLSearchParams, context: HandlerContext): number => {
  const injected = context.faults.get('sts').credentialsLifetimeSeconds;
  if (injected !== undefined) {
    return injected;
  }
  const requested = form.get('DurationSeconds');
  if (requested === null) {
    return DEFAULT_DURATION_SECONDS;
  }
  const seconds = Number(requested);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
    throw new ServiceError(
      400,
      'ValidationError',
      `1 validation error detected: Value '${requested}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  return seconds;
};

const assumeRole = (
  form: URLSearchParams,
  request: ServiceRequest,
  context: HandlerContext,
): string => {
  const { requestId } = request;
  const roleArn = requiredParameter(form, 'RoleArn');
  const roleSessionName = requiredParameter(form, 'RoleSessionName');
  const match = ROLE_ARN.exec(roleArn);
  if (!match) {
    throw new ServiceError(400, 'ValidationError', `${roleArn} is not a valid role ARN.`);
  }
  const [, accountId = '', roleName = ''] = match;
  const assumedRoleArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${roleSessionName}`;
  const accessKeyId = temporaryAccessKeyId();
  const expiration = new Date(context.now() + lifetimeSeconds(form, context) * 1000);
  context.state.issuedCredentials.push({
    roleArn,
    roleSessionName,
    assumedRoleArn,
    accessKeyId,
    expiration,
    signingRegion:
      SIGNING_REGION_IN_AUTHORIZATION.exec(headerValue(request, 'authorization') ?? '')?.[1] ?? '',
  });
  const credentials =
    xmlElement('AccessKeyId', accessKeyId) +
    xmlElement('SecretAccessKey', escapeXml(secretAccessKey())) +
    xmlElement('SessionToken', escapeXml(sessionToken())) +
    xmlElement('Expiration', expiration.toISOString());
  const assumedRoleUser =
    xmlElement('Arn', escapeXml(assumedRoleArn)) +
    xmlElement('AssumedRoleId', escapeXml(`${roleId()}:${roleSessionName}`));
  return queryResponse(
    'AssumeRole',
    xmlElement('Credentials', credentials) + xmlElement('AssumedRoleUser', assumedRoleUser),
    requestId,
  );
};

/** Answers as whoever signed the request: an assumed role when the key came from AssumeRole. */
const getCallerIdentity = (request: ServiceRequest, context: HandlerContext): string => {
  const signingKey = ACCESS_KEY_IN_AUTHORIZATION.exec(headerValue(request, 'authorization') ?? '');
  const issued = context.state.issuedCredentials.find(
    (credentials) => credentials.accessKeyId === signingKey?.[1],
  );
  const arn =
    issued?.assumedRoleArn ?? `arn:aws:iam::${LOCAL_AWS_IDENTITY.accountId}:user/local-aws`;
  const accountId = arn.split(':')[4] ?? LOCAL_AWS_IDENTITY.accountId;
  const userId = issued
    ? `${roleId()}:${issued.roleSessionName}`
    : (signingKey?.[1] ?? 'AIDALOCALAWS');
  const result =
    xmlElement('UserId', escapeXml(userId)) +
    xmlElement('Account', accountId) +
    xmlElement('Arn', escapeXml(arn));
  return queryResponse('GetCallerIdentity', result, request.requestId);
};

/** STS over the AWS query protocol: form-encoded requests, XML responses. */
export const createStsHandler = (context: HandlerContext): ServiceHandler => ({
  requestIdHeader: 'x-amzn-requestid',

  actionOf: (request) => formOf(request).get('Action') ?? 'Unknown',

  onReceived(request, action) {
    const roleArn = formOf(request).get('RoleArn');
    if (action === 'AssumeRole' && roleArn) {
      context.stats.recordAssumeRole(roleArn);
    }
  },

  handle(request, action) {
    const form = formOf(request);
    const headers = { 'content-type': 'text/xml' };
    switch (action) {
      case 'AssumeRole':
        return { status: 200, headers, body: assumeRole(form, request, context) };
      case 'GetCallerIdentity':
        return { status: 200, headers, body: getCallerIdentity(request, context) };
      default:
        throw new ServiceError(400, 'InvalidAction', `Could not find operation ${action}.`);
    }
  },

  renderError(error, request) {
    const body =
      XML_DECLARATION +
      `<ErrorResponse xmlns="${STS_NAMESPACE}">` +
      xmlElement(
        'Error',
        xmlElement('Type', error.senderFault ? 'Sender' : 'Receiver') +
          xmlElement('Code', escapeXml(error.code)) +
          xmlElement('Message', escapeXml(error.message)),
      ) +
      xmlElement('RequestId', request.requestId) +
      '</ErrorResponse>';
    return {
      status: error.status,
      headers: { 'content-type': 'text/xml' },
      body,
    };
  },
});
