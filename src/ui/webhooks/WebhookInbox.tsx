import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { WebhookDelivery } from '../../engine';
import { shortDigest } from '../../engine/digest-text';
import { formatClock } from '../../engine/units';
import { groupDeliveries } from '../../engine/webhook-groups';
import type { WebhooksResult } from '../../protocol/messages';
import { useEngine } from '../engine/context';
import { createThrottle } from '../panels/throttle';
import { useUiStore } from '../store/ui-store';
import './webhooks.css';

const INVALIDATE_INTERVAL_MS = 250;

/** The console command the empty state offers, for the registry the map shows. */
export function createWebhookCommand(registry: string | undefined): string {
  return `az acr webhook create -r ${registry ?? 'myregistry'} -n hookeast --uri https://example.com/hook --actions push --location eastus`;
}

function refOf(d: WebhookDelivery): string {
  const t = d.payload.target;
  return t.tag ? `${t.repository}:${t.tag}` : t.repository;
}

function DeliveryRow({ d }: { d: WebhookDelivery }) {
  const digest = d.payload.target.digest;
  return (
    <li className="hooks__row">
      <div className="hooks__line">
        <span className="hooks__time">{formatClock(d.t)}</span>
        <span className="hooks__name">{d.webhook}</span>
        <span className="hooks__loc">{d.location}</span>
        <span className="hooks__action">{d.action}</span>
        <span className="hooks__ref">{refOf(d)}</span>
        {digest ? <code className="hooks__digest">{shortDigest(digest)}</code> : null}
        <span
          className={d.delivered ? 'hooks__status hooks__status--ok' : 'hooks__status hooks__status--fail'}
        >
          {d.delivered ? 'delivered' : 'failed'} {d.httpStatus === 0 ? '(no response)' : d.httpStatus}
        </span>
      </div>
      <details className="hooks__payload">
        <summary>Payload</summary>
        <pre>{JSON.stringify(d.payload, null, 2)}</pre>
      </details>
    </li>
  );
}

/** Webhook deliveries as they arrive, optionally grouped to show how a consumer deduplicates. */
export function WebhookInbox() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const registry = useUiStore((s) => s.registry);
  const requestCommand = useUiStore((s) => s.requestCommand);
  const [grouped, setGrouped] = useState(false);
  const { data } = useQuery({
    queryKey: ['webhooks', registry],
    queryFn: () => engine.query<WebhooksResult>({ kind: 'webhooks', ...(registry ? { registry } : {}) }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    const throttle = createThrottle(
      () => void queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
      INVALIDATE_INTERVAL_MS,
    );
    const off = engine.onEvents((events) => {
      if (events.some((e) => e.kind.startsWith('webhook.'))) throttle.trigger();
    });
    return () => {
      off();
      throttle.cancel();
    };
  }, [engine, queryClient]);

  const hooks = data?.webhooks ?? [];
  const deliveries = data?.deliveries ?? [];
  const command = createWebhookCommand(data?.registry ?? registry);
  return (
    <section className="hooks" aria-label="Webhooks">
      <header className="hooks__header">
        <span className="hooks__summary" title={hooks.map((h) => `${h.name} @ ${h.location}`).join(', ')}>
          {hooks.length} webhook{hooks.length === 1 ? '' : 's'} · {data?.total ?? 0} deliver
          {data?.total === 1 ? 'y' : 'ies'}
        </span>
        <label className="hooks__toggle">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group duplicates
        </label>
      </header>
      {hooks.length === 0 ? (
        <div className="hooks__empty">
          <p>
            No webhooks yet. A webhook posts a notification when an image is pushed or deleted; with
            geo-replication, a webhook located in each replica&apos;s region fires when the change lands
            there. Create one with:
          </p>
          <pre className="hooks__cmd">{command}</pre>
          <button type="button" className="hooks__run" onClick={() => requestCommand(command)}>
            Run in console
          </button>
        </div>
      ) : deliveries.length === 0 ? (
        <p className="hooks__empty">No deliveries yet: push an image (docker push) and let time run.</p>
      ) : grouped ? (
        <ul className="hooks__list" aria-label="Delivery groups">
          {groupDeliveries([...deliveries].reverse())
            .reverse()
            .map((g) => (
              <li key={g.deliveries[0]!.id} className="hooks__row hooks__group">
                <span className="hooks__action">{g.action}</span>{' '}
                <span className="hooks__ref">{g.tag ? `${g.repository}:${g.tag}` : g.repository}</span>{' '}
                {g.digest ? <code className="hooks__digest">{shortDigest(g.digest)}</code> : null}
                <div>
                  {g.deliveries.length} deliver{g.deliveries.length === 1 ? 'y' : 'ies'} for one {g.action} (
                  {g.locations.join(', ')})
                </div>
              </li>
            ))}
        </ul>
      ) : (
        <ul className="hooks__list" aria-label="Webhook deliveries">
          {deliveries.map((d) => (
            <DeliveryRow key={`${d.webhook}-${d.id}`} d={d} />
          ))}
        </ul>
      )}
    </section>
  );
}
