import { createRequire } from 'node:module';

type Http = typeof import('node:http');
type Https = typeof import('node:https');

/**
 * Node's own `require`, for a Node without `process.getBuiltinModule`
 * (before 22.3): a builtin resolves the same from any directory.
 */
const requireBuiltin = (id: string): unknown => createRequire(`${process.cwd()}/`)(id);

/**
 * `node:http` and `node:https` reached the way `require` reaches them, never
 * through an ESM import: on Node 22 an ESM import of `node:http` (named or
 * namespace, and esbuild keeps it in bundles) evaluates its lazy `WebSocket`,
 * `CloseEvent` and `MessageEvent` exports, which loads Node's internal undici
 * at cold start. `process.getBuiltinModule` hands out the CommonJS exports
 * object, as `require` does, in CommonJS, ESM and bundles alike.
 */
function builtin<Module>(id: 'node:http' | 'node:https'): Module {
  return (process.getBuiltinModule?.(id) ?? requireBuiltin(id)) as Module;
}

export const HttpAgent = builtin<Http>('node:http').Agent;
export type HttpAgent = import('node:http').Agent;
export const HttpsAgent = builtin<Https>('node:https').Agent;
export type HttpsAgent = import('node:https').Agent;
