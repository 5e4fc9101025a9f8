import { controlPlaneAvailable } from './control-plane';
import { isReplicaUp } from './health';
import { MEDIA_TYPES } from './oci';
import type { Registry, Replica, Sku } from './registry';
import type { Change } from './replication';
import { clip, fail, ok, type Result } from './result';
import type { Rng } from './rng';
import type { Simulation } from './sim';
import type { Digest } from './types';

/** Actions a webhook can subscribe to; the simulator fires `push` and `delete` (B-HOOK-1). */
export const WEBHOOK_ACTIONS = ['push', 'delete'] as const;
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];
/** Actions ACR knows that the simulator refuses as unsupported. */
export const UNSUPPORTED_WEBHOOK_ACTIONS = ['quarantine', 'chart_push', 'chart_delete'] as const;

/** Webhooks per registry, as ACR limits them per SKU. */
export const WEBHOOK_LIMITS: Readonly<Record<Sku, number>> = { Basic: 2, Standard: 10, Premium: 500 };
/** Deliveries kept per webhook; older ones are dropped. */
export const WEBHOOK_INBOX_LIMIT = 1000;

/** The notification body, shaped like ACR's webhook payload. */
export interface WebhookPayload {
  readonly id: string;
  readonly timestamp: string;
  readonly action: WebhookAction;
  readonly target: {
    readonly mediaType: string;
    readonly size?: number;
    readonly digest?: Digest;
    readonly length?: number;
    readonly repository: string;
    readonly tag?: string;
  };
  readonly request: {
    readonly id: string;
    readonly host: string;
    readonly method: string;
    readonly useragent: string;
  };
}

/** One attempt to notify a webhook's receiver. ACR does not retry a failed delivery. */
export interface WebhookDelivery {
  readonly id: string;
  /** Simulated time in ms. */
  readonly t: number;
  readonly timestamp: string;
  readonly action: WebhookAction;
  readonly webhook: string;
  /** Where it was posted. */
  readonly uri: string;
  /** The region where the event fired (the webhook's location). */
  readonly location: string;
  /** `commit`: the receiving replica accepted the write; `replication`: the change landed here. */
  readonly cause: 'commit' | 'replication';
  readonly payload: WebhookPayload;
  readonly delivered: boolean;
  /** The receiver's answer; 0 when no request could be made. */
  readonly httpStatus: number;
}

export interface Webhook {
  readonly name: string;
  readonly uri: string;
  readonly actions: readonly WebhookAction[];
  readonly location: string;
  readonly scope: string | undefined;
  status: 'enabled' | 'disabled';
  /** Simulator knob (`sim webhook receiver`): whether the receiving service answers. */
  receiverUp: boolean;
  readonly createdAt: number;
  /** Oldest first; at most WEBHOOK_INBOX_LIMIT. */
  readonly deliveries: WebhookDelivery[];
}

export interface WebhookOptions {
  readonly name: string;
  readonly uri: string;
  readonly actions: readonly string[];
  /** Defaults to the registry's home region. */
  readonly location?: string;
  readonly scope?: string;
}

const webhooksByRegistry = new WeakMap<Registry, Map<string, Webhook>>();
const rngBySim = new WeakMap<Simulation, Rng>();

/** The registry's webhooks by lowercase name, in creation order. */
function table(registry: Registry): Map<string, Webhook> {
  let t = webhooksByRegistry.get(registry);
  if (!t) {
    t = new Map();
    webhooksByRegistry.set(registry, t);
  }
  return t;
}

export function listWebhooks(registry: Registry): Webhook[] {
  return [...(webhooksByRegistry.get(registry)?.values() ?? [])];
}

export function findWebhook(registry: Registry, name: string): Webhook | undefined {
  return webhooksByRegistry.get(registry)?.get(name.toLowerCase());
}

function notFound(registry: Registry, name: string): Result<never> {
  return fail(
    'ResourceNotFound',
    `The Resource 'Microsoft.ContainerRegistry/registries/${registry.name}/webhooks/${clip(name)}' was not found.`,
    clip(name),
  );
}

const NAME_RE = /^[A-Za-z0-9]{5,50}$/;
const SCOPE_RE =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::(?:\*|[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?$/;

function validateUri(uri: string): Result<string> {
  const m = /^(https?):\/\/([A-Za-z0-9.-]+)(:\d{1,5})?(\/[^\s]*)?$/.exec(uri);
  if (!m || m[2]!.startsWith('.') || m[2]!.endsWith('.') || m[2]!.includes('..'))
    return fail('InvalidServiceUri', `The service URI '${uri}' is not a valid http or https URL.`, uri);
  return ok(uri);
}

function parseActions(list: readonly string[]): Result<WebhookAction[]> {
  if (list.length === 0) return fail('InvalidActions', 'At least one action is required: push, delete.');
  const actions: WebhookAction[] = [];
  for (const a of list) {
    const action = a.toLowerCase();
    if ((UNSUPPORTED_WEBHOOK_ACTIONS as readonly string[]).includes(action))
      return fail('UnsupportedAction', `The action '${a}' is not simulated; use push or delete.`, a);
    if (!(WEBHOOK_ACTIONS as readonly string[]).includes(action))
      return fail('InvalidActions', `Unknown action '${a}'; allowed values: push, delete.`, a);
    if (!actions.includes(action as WebhookAction)) actions.push(action as WebhookAction);
  }
  return ok(actions);
}

/** `''` clears the scope (every repository and tag). */
function parseScope(scope: string): Result<string | undefined> {
  if (scope === '') return ok(undefined);
  if (!SCOPE_RE.test(scope))
    return fail(
      'InvalidScope',
      `Scope '${scope}' must be REPOSITORY, REPOSITORY:TAG or REPOSITORY:*.`,
      scope,
    );
  return ok(scope);
}

/** Creates a webhook (B-HOOK-1). Validates everything before changing anything. */
export function createWebhook(sim: Simulation, registry: Registry, options: WebhookOptions): Result<Webhook> {
  const name = options.name;
  if (!NAME_RE.test(name))
    return fail('InvalidWebhookName', `Webhook name '${name}' must be 5-50 alphanumeric characters.`, name);
  const hooks = table(registry);
  if (hooks.has(name.toLowerCase()))
    return fail(
      'WebhookAlreadyExists',
      `A webhook named '${name}' already exists in ${registry.name}.`,
      name,
    );
  const limit = WEBHOOK_LIMITS[registry.sku];
  if (hooks.size >= limit)
    return fail(
      'QuotaExceeded',
      `A ${registry.sku} registry can have at most ${limit} webhooks.`,
      String(hooks.size + 1),
    );
  const uri = validateUri(options.uri);
  if (!uri.ok) return uri;
  const parsed = parseActions(options.actions);
  if (!parsed.ok) return parsed;
  const actions = parsed.value;
  const location = (options.location ?? registry.home).toLowerCase();
  if (!registry.replicaAt(location))
    return fail(
      'InvalidLocation',
      `Registry ${registry.name} has no replica in '${options.location ?? location}'; a webhook's location must be one of its replicas.`,
      options.location ?? location,
    );
  const scoped = parseScope(options.scope ?? '');
  if (!scoped.ok) return scoped;
  const scope = scoped.value;
  const cp = controlPlaneAvailable(sim, registry);
  if (!cp.ok) return cp;
  const hook: Webhook = {
    name,
    uri: uri.value,
    actions,
    location,
    scope,
    status: 'enabled',
    receiverUp: true,
    createdAt: sim.now,
    deliveries: [],
  };
  hooks.set(name.toLowerCase(), hook);
  return ok(hook);
}

/** Deletes a webhook (a control-plane operation: refused during a home-region outage, B-HOME-2). */
export function deleteWebhook(sim: Simulation, registry: Registry, name: string): Result<Webhook> {
  const hook = findWebhook(registry, name);
  if (!hook) return notFound(registry, name);
  const cp = controlPlaneAvailable(sim, registry);
  if (!cp.ok) return cp;
  table(registry).delete(name.toLowerCase());
  return ok(hook);
}

export interface WebhookUpdate {
  readonly uri?: string;
  readonly actions?: readonly string[];
  readonly scope?: string;
  readonly status?: 'enabled' | 'disabled';
}

/** Changes a webhook's uri, actions, scope or status; validates everything before changing anything. */
export function updateWebhook(
  sim: Simulation,
  registry: Registry,
  name: string,
  update: WebhookUpdate,
): Result<Webhook> {
  const hook = findWebhook(registry, name);
  if (!hook) return notFound(registry, name);
  let uri = hook.uri;
  if (update.uri !== undefined) {
    const v = validateUri(update.uri);
    if (!v.ok) return v;
    uri = v.value;
  }
  let actions = hook.actions;
  if (update.actions !== undefined) {
    const v = parseActions(update.actions);
    if (!v.ok) return v;
    actions = v.value;
  }
  let scope = hook.scope;
  if (update.scope !== undefined) {
    const v = parseScope(update.scope);
    if (!v.ok) return v;
    scope = v.value;
  }
  const cp = controlPlaneAvailable(sim, registry);
  if (!cp.ok) return cp;
  const updated: Webhook = { ...hook, uri, actions, scope, status: update.status ?? hook.status };
  table(registry).set(name.toLowerCase(), updated);
  return ok(updated);
}

/** Simulates the receiving service going down or coming back (deliveries fail while it is down). */
export function setWebhookReceiver(registry: Registry, name: string, up: boolean): Result<Webhook> {
  const hook = findWebhook(registry, name);
  if (!hook) return notFound(registry, name);
  hook.receiverUp = up;
  return ok(hook);
}

/** Deliveries of one webhook, newest first. */
export function webhookEvents(registry: Registry, name: string): Result<WebhookDelivery[]> {
  const hook = findWebhook(registry, name);
  if (!hook) return notFound(registry, name);
  return ok([...hook.deliveries].reverse());
}

/** Every delivery of every webhook of the registry, oldest first (by time, then webhook order). */
export function registryDeliveries(registry: Registry): WebhookDelivery[] {
  const all = listWebhooks(registry).flatMap((h) => h.deliveries);
  return all.sort((a, b) => a.t - b.t);
}

function scopeMatches(scope: string | undefined, repository: string, tag: string | undefined): boolean {
  if (scope === undefined) return true;
  const colon = scope.indexOf(':');
  const repo = colon < 0 ? scope : scope.slice(0, colon);
  const tagPart = colon < 0 ? '*' : scope.slice(colon + 1);
  if (repo !== repository) return false;
  return tagPart === '*' || tagPart === tag;
}

function uuid(rng: Rng): string {
  const hex = (n: number): string => rng.nextUint32().toString(16).padStart(8, '0').slice(0, n);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${((rng.nextUint32() & 0x3) | 0x8).toString(16)}${hex(3)}-${hex(8)}${hex(4)}`;
}

function webhookRng(sim: Simulation): Rng {
  let rng = rngBySim.get(sim);
  if (!rng) {
    rng = sim.rng.content.split('webhooks');
    rngBySim.set(sim, rng);
  }
  return rng;
}

function isoTimestamp(ms: number): string {
  // The same calendar as the console's az timestamps: simulated time 0 is 2026-06-01T00:00:00Z.
  return new Date(Date.UTC(2026, 5, 1) + Math.floor(ms)).toISOString();
}

/**
 * Fires the webhooks located at `replica`'s region for a change that just became visible there:
 * `commit` at the replica that accepted the write, `replication` at each replica it reaches.
 * O(webhooks of the registry) per call; the registry has at most a few hundred.
 */
export function fireWebhooks(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  change: Change,
  cause: 'commit' | 'replication',
): void {
  const hooks = webhooksByRegistry.get(registry);
  if (!hooks || hooks.size === 0) return;
  const action: WebhookAction = change.kind === 'manifest' ? 'push' : 'delete';
  const tag = change.kind === 'manifest' || change.kind === 'untag' ? change.tag : undefined;
  for (const hook of hooks.values()) {
    if (hook.status !== 'enabled' || hook.location !== replica.location) continue;
    if (!hook.actions.includes(action)) continue;
    if (!scopeMatches(hook.scope, change.repository, tag)) continue;
    const rng = webhookRng(sim);
    const timestamp = isoTimestamp(sim.now);
    const manifest =
      change.kind === 'manifest' || change.kind === 'manifest-delete' ? change.manifest : undefined;
    const payload: WebhookPayload = {
      id: uuid(rng),
      timestamp,
      action,
      target: {
        mediaType: MEDIA_TYPES.manifest,
        ...(manifest && action === 'push' ? { size: manifest.size } : {}),
        ...(manifest ? { digest: manifest.digest } : {}),
        ...(manifest && action === 'push' ? { length: manifest.size } : {}),
        repository: change.repository,
        ...(tag !== undefined ? { tag } : {}),
      },
      request: {
        id: uuid(rng),
        host: registry.loginServer,
        method: action === 'push' ? 'PUT' : 'DELETE',
        // Replicated events are raised by the service itself, not the pushing client.
        useragent:
          cause === 'commit' ? 'docker/27.3.1 go/go1.22.7 os/linux arch/amd64' : 'acr-geo-replication',
      },
    };
    // Choice: a delivery fails if the webhook's region is down at that moment or its receiver is
    // down (`sim webhook receiver`). It is recorded once and never retried, as ACR does.
    const regionUp = isReplicaUp(sim, replica);
    const delivered = regionUp && hook.receiverUp;
    const httpStatus = !regionUp ? 0 : hook.receiverUp ? 200 : 503;
    const delivery: WebhookDelivery = {
      id: payload.id,
      t: sim.now,
      timestamp,
      action,
      webhook: hook.name,
      uri: hook.uri,
      location: hook.location,
      cause,
      payload,
      delivered,
      httpStatus,
    };
    hook.deliveries.push(delivery);
    if (hook.deliveries.length > WEBHOOK_INBOX_LIMIT)
      hook.deliveries.splice(0, hook.deliveries.length - WEBHOOK_INBOX_LIMIT);
    sim.emit({
      kind: delivered ? 'webhook.delivered' : 'webhook.failed',
      registry: registry.name,
      webhook: hook.name,
      location: hook.location,
      action,
      repository: change.repository,
      ...(tag !== undefined ? { tag } : {}),
      ...(manifest ? { digest: manifest.digest } : {}),
      httpStatus,
    });
  }
}
