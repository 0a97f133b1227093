/**
 * The commands of the lifecycle model (`lifecycle-model.test.ts`): getters of the default cache
 * and of a cache of one's own, Invokes held at the server and released one by one, AssumeRoles
 * held at STS, `clear`, `destroy` (once, or twice in one turn), waiting for a shutdown (after
 * releasing what runs, or through the grace period), `configureClientCache`, and a stats read.
 * Each command checks at once what it can see (identity of clients, counters, the promise of a
 * shutdown); the per-call oracle runs at the end of the run (`lifecycle-model-oracle.ts`). The
 * shutdown commands are in `lifecycle-model-shutdowns.ts`.
 */
import fc from 'fast-check';
import {
  CostExplorerService,
  EventBridgeService,
  LambdaService,
  S3Service,
  STSService,
} from '../../src/all.js';
import type { ClientService } from '../../src/client-cache/client-service.js';
import { getFromDefaultCache } from '../../src/client-cache/default-cache.js';
import {
  clearClientCache,
  getClientCacheStats,
} from '../../src/client-cache/default-cache-functions.js';
import { ClientCacheError } from '../../src/errors.js';
import {
  adoptDefault,
  type Command,
  expectCounters,
  expectCurrentDefault,
  type LifecycleModel,
  type Target,
} from './lifecycle-model-checks.js';
import {
  AwaitShutdownCommand,
  ConfigureCommand,
  DestroyCommand,
} from './lifecycle-model-shutdowns.js';
import { type LifecycleWorld, within } from './lifecycle-model-world.js';

const SERVICES: Readonly<Record<string, ClientService<object>>> = {
  Lambda: LambdaService,
  S3: S3Service,
  EventBridge: EventBridgeService,
  STS: STSService,
  CostExplorer: CostExplorerService,
};
type ServiceName = 'Lambda' | 'S3' | 'EventBridge' | 'STS' | 'CostExplorer';
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const ROLES = [
  undefined,
  'arn:aws:iam::123456789012:role/lifecycle-a',
  'arn:aws:iam::123456789012:role/lifecycle-b',
] as const;
class GetCommand implements Command {
  constructor(
    readonly target: Target,
    readonly service: ServiceName,
    readonly region: (typeof REGIONS)[number],
    readonly roleArn: (typeof ROLES)[number],
  ) {}
  check = () => true;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const config =
      this.roleArn === undefined
        ? { region: this.region }
        : { region: this.region, roleArn: this.roleArn };
    const service = SERVICES[this.service] as ClientService<object>;
    const own = world.own;
    if (this.target === 'own' && own !== undefined && own.destroyStarted) {
      // Every time, whether the config was cached before or not.
      expect(() => own.cache.get(service, config)).toThrow(ClientCacheError);
      expect(() => own.cache.get(service, config)).toThrow(/destroyed/);
      return;
    }
    const key = `${this.service}|${this.region}|${this.roleArn ?? ''}`;
    const before = (this.target === 'own' ? own : world.current)?.clients.get(key);
    const client =
      this.target === 'own' && own !== undefined
        ? own.cache.get(service, config)
        : getFromDefaultCache(service, config);
    const generation = this.target === 'own' && own !== undefined ? own : adoptDefault(world);
    if (before !== undefined) expect(client).toBe(before);
    else expect(world.everyClient.has(client)).toBe(false);
    generation.clients.set(key, client);
    generation.returned++;
    generation.built = true;
    world.everyClient.add(client);
    expectCounters(generation);
    expectCurrentDefault(world);
    if (this.service === 'Lambda') {
      world.sendable.push({ client: client as never, generation, roleArn: this.roleArn });
    }
  }
  toString = () =>
    `get(${this.target}, ${this.service}, ${this.region}, ${this.roleArn ?? 'no role'})`;
}

class SendCommand implements Command {
  constructor(readonly pick: number) {}
  check = ({ world }: LifecycleModel) => world.sendable.length > 0;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const sendable = world.sendable[this.pick % world.sendable.length];
    if (sendable === undefined) return;
    world.send(sendable);
    await world.quiesce();
  }
  toString = () => `send(client ${this.pick})`;
}

class ReleaseCommand implements Command {
  constructor(readonly pick: number) {}
  #held = (world: LifecycleWorld) =>
    world.calls.filter(
      (call) => world.gates.arrivalsOf(call.id) > 0 && !world.gates.isReleased(call.id),
    );
  check = ({ world }: LifecycleModel) => this.#held(world).length > 0;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const held = this.#held(world);
    const call = held[this.pick % held.length];
    if (call === undefined) return;
    call.releasedWhileLive = !call.generation.destroyStarted;
    world.gates.release(call.id);
    await within(call.settled, 3000, undefined);
    if (call.releasedWhileLive) {
      // A live cache's call completes, whatever clear() or configure did meanwhile.
      expect({ call: call.id, outcome: call.outcome }).toEqual({
        call: call.id,
        outcome: { ok: true },
      });
    }
    await world.quiesce();
  }
  toString = () => `release(held ${this.pick})`;
}

class HoldStsCommand implements Command {
  check = ({ world }: LifecycleModel) => !world.stsHeld;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    world.endpoint.faults.set('sts', { holdResponses: true });
    world.stsHeld = true;
  }
  toString = () => 'holdSts';
}

class ReleaseStsCommand implements Command {
  check = ({ world }: LifecycleModel) => world.stsHeld;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    world.endpoint.faults.clear('sts');
    world.stsHeld = false;
    await world.quiesce();
  }
  toString = () => 'releaseSts';
}

class SlowHandshakesCommand implements Command {
  constructor(readonly slow: boolean) {}
  check = ({ world }: LifecycleModel) => world.slowHandshakes !== this.slow;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    world.endpoint.faults.set('lambda', { handshakeLatencyMs: this.slow ? 300 : 0 });
    world.slowHandshakes = this.slow;
    if (!this.slow) await world.quiesce();
  }
  toString = () => (this.slow ? 'slowHandshakes' : 'fastHandshakes');
}

class ClearCommand implements Command {
  constructor(readonly target: Target) {}
  check = () => true;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const generation = this.target === 'own' ? world.own : world.current;
    if (this.target === 'own') world.own?.cache.clear();
    else clearClientCache();
    expectCurrentDefault(world);
    if (generation === undefined) return;
    generation.clients.clear();
    const stats = generation.cache.stats();
    expect({ size: stats.size, sets: stats.sharedCredentialSets }).toEqual({ size: 0, sets: 0 });
    expectCounters(generation);
  }
  toString = () => `clear(${this.target})`;
}

class StatsCommand implements Command {
  check = () => true;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const ended = world.current === undefined ? world.lastEndedDefault : undefined;
    const stats = getClientCacheStats();
    if (ended !== undefined) {
      // After destroyClientCache(): the ended cache's final counts, and no new cache built.
      expectCurrentDefault(world);
      expect({ counted: stats.hits + stats.misses, size: stats.size }).toEqual({
        counted: ended.returned,
        size: 0,
      });
      expect(stats).toEqual(ended.cache.stats());
      return;
    }
    expectCounters(adoptDefault(world));
    expectCurrentDefault(world);
  }
  toString = () => 'stats()';
}

const target = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Target>('default') },
  { weight: 1, arbitrary: fc.constant<Target>('own') },
);

const getCommand = fc
  .tuple(
    target,
    fc.constantFrom<ServiceName>(
      'Lambda',
      'Lambda',
      'Lambda',
      'Lambda',
      'Lambda',
      'S3',
      'EventBridge',
      'STS',
      'CostExplorer',
    ),
    fc.constantFrom(...REGIONS),
    fc.constantFrom(...ROLES),
  )
  .map(([where, service, region, role]) => new GetCommand(where, service, region, role));
const sendCommand = fc.nat(20).map((pick) => new SendCommand(pick));
const releaseCommand = fc.nat(20).map((pick) => new ReleaseCommand(pick));

/** fast-check picks among these evenly: getters, sends and releases are listed more than once. */
export const lifecycleCommands = [
  getCommand,
  getCommand,
  sendCommand,
  sendCommand,
  sendCommand,
  releaseCommand,
  releaseCommand,
  fc.constant(new HoldStsCommand()),
  fc.constant(new ReleaseStsCommand()),
  fc.boolean().map((slow) => new SlowHandshakesCommand(slow)),
  target.map((where) => new ClearCommand(where)),
  fc
    .tuple(target, fc.integer({ min: 1, max: 2 }))
    .map(([where, times]) => new DestroyCommand(where, times)),
  fc
    .oneof(
      { weight: 4, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    )
    .map((releaseFirst) => new AwaitShutdownCommand(releaseFirst)),
  fc.integer({ min: 1, max: 3 }).map((maxSockets) => new ConfigureCommand(maxSockets)),
  fc.constant(new StatsCommand()),
];
