import { ClientCacheError } from '../errors.js';

type Http = typeof import('node:http');
type Https = typeof import('node:https');

/**
 * `node:http` and `node:https` reached the way `require` reaches them, never
 * through an ESM import: on Node 22 an ESM import of `node:http` (named or
 * namespace, and esbuild keeps it in bundles) evaluates its lazy `WebSocket`,
 * `CloseEvent` and `MessageEvent` exports, which loads Node's internal undici
 * at cold start. `process.getBuiltinModule` (Node 20.16, 22.3 and later: every
 * Lambda runtime) hands out the CommonJS exports object, as `require` does, in
 * CommonJS, ESM and bundles alike. No import of `node:module` either: the
 * usual ESM bundle banner declares `createRequire` at the top of the bundle,
 * and a second top-level `createRequire` fails the bundle at load.
 */
function builtin<Module>(id: 'node:http' | 'node:https'): Module {
  const getBuiltinModule = process.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') {
    throw new ClientCacheError(
      `aws-client-cache needs process.getBuiltinModule (Node.js 20.16, 22.3 or later); this is Node.js ${process.version}`,
    );
  }
  return getBuiltinModule(id) as Module;
}

export const HttpAgent = builtin<Http>('node:http').Agent;
export type HttpAgent = import('node:http').Agent;
export const HttpsAgent = builtin<Https>('node:https').Agent;
export type HttpsAgent = import('node:https').Agent;
