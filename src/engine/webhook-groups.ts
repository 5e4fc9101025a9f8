import type { Digest } from './types';
import type { WebhookAction, WebhookDelivery } from './webhooks';

/**
 * Grouping webhook deliveries for display. Its own module, apart from `webhooks.ts`, so that the
 * dashboard's main bundle can use it without the delivery machinery (health, routing, config).
 */

/** Deliveries of one change grouped by (action, digest, repository, tag): how a consumer deduplicates. */
export interface DeliveryGroup {
  readonly action: WebhookAction;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: Digest | undefined;
  readonly deliveries: readonly WebhookDelivery[];
  readonly locations: readonly string[];
}

export function groupDeliveries(deliveries: readonly WebhookDelivery[]): DeliveryGroup[] {
  const groups = new Map<string, { first: WebhookDelivery; list: WebhookDelivery[] }>();
  for (const d of deliveries) {
    const t = d.payload.target;
    const key = `${d.action}\u0000${t.digest ?? `${t.repository}:${t.tag ?? ''}`}`;
    const g = groups.get(key);
    if (g) g.list.push(d);
    else groups.set(key, { first: d, list: [d] });
  }
  return [...groups.values()].map(({ first, list }) => ({
    action: first.action,
    repository: first.payload.target.repository,
    tag: first.payload.target.tag,
    digest: first.payload.target.digest,
    deliveries: list,
    locations: [...new Set(list.map((d) => d.location))],
  }));
}
