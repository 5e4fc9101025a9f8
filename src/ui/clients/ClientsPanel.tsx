import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { CLIENT_NAME } from '../../engine/names';
import type { ClientRow, ClusterRow } from '../../protocol/messages';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import { failureText, useNameField } from '../useNameField';
import './clients.css';

/** The DNS modes a client's resolver can use (see `sim client add --dns`). */
export const DNS_MODES = ['cache', 'no-cache', 'pin-push', 'long-lived'] as const;

/** Serving replicas move without events (DNS answers expire); poll gently while shown. */
const POLL_MS = 1_000;

/**
 * The docker clients and Kubernetes clusters: where each is, which replica the global endpoint
 * sends it to, and its DNS mode. Every change runs the equivalent console command.
 */
export function ClientsPanel() {
  const engine = useEngine();
  const run = useUiStore((s) => s.requestCommand);
  const prompt = useUiStore((s) => s.prompt);
  const clients = useQuery({
    queryKey: ['clients'],
    queryFn: () => engine.query<ClientRow[]>({ kind: 'clients' }),
    refetchInterval: POLL_MS,
  });
  const clusters = useQuery({
    queryKey: ['clusters'],
    queryFn: () => engine.query<ClusterRow[]>({ kind: 'clusters' }),
    refetchInterval: POLL_MS,
  });
  return (
    <section className="clients-panel" aria-label="Clients and clusters">
      <h2>Clients</h2>
      {clients.data && clients.data.length === 0 && <p className="muted">No clients yet.</p>}
      <ul className="client-list" aria-label="Clients">
        {clients.data?.map((c) => (
          <li key={c.name} className="client-row" aria-label={`Client ${c.name}`}>
            <div className="client-head">
              <strong>{c.name}</strong>
              {c.name === prompt && <span className="badge">console</span>}
              <span className="muted location">at {c.location}</span>
            </div>
            <span className="served">
              {c.servedBy ? (
                <>
                  served by <code>{c.servedBy}</code>
                </>
              ) : (
                <span className="muted">not served</span>
              )}
            </span>
            <div className="client-controls">
              <select
                aria-label={`DNS mode of ${c.name}`}
                title="DNS mode: how its resolver caches the global endpoint's answers"
                value={c.dns}
                onChange={(e) => run(`sim client dns ${c.name} ${e.target.value}`)}
              >
                {DNS_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <button
                type="button"
                aria-label={`Use ${c.name}`}
                aria-pressed={c.name === prompt}
                onClick={() => run(`sim client use ${c.name}`)}
              >
                Use
              </button>
            </div>
          </li>
        ))}
      </ul>
      <AddClientForm />
      <h2>Clusters</h2>
      {clusters.data && clusters.data.length === 0 && (
        <p className="muted">No clusters. Try: sim cluster add aks-weu --location westeurope</p>
      )}
      <ul className="cluster-list" aria-label="Clusters">
        {clusters.data?.map((k) => (
          <li key={k.name} aria-label={`Cluster ${k.name}`}>
            <div className="client-head">
              <strong>{k.name}</strong>
              <span className="muted">
                at {k.location} · {k.nodes} nodes
              </span>
              <span className="served">
                {k.servedBy ? (
                  <>
                    served by <code>{k.servedBy}</code>
                  </>
                ) : (
                  <span className="muted">not served</span>
                )}
              </span>
            </div>
            {k.deployments.length === 0 ? (
              <p className="muted">No deployments.</p>
            ) : (
              <ul className="deployments">
                {k.deployments.map((d) => (
                  <li key={d.name}>
                    <span>
                      <strong>{d.name}</strong>{' '}
                      <span className={d.available === d.replicas ? 'ok' : 'bad'}>
                        {d.available}/{d.replicas} ready
                      </span>{' '}
                      <code className="muted">{d.image}</code>
                    </span>
                    <ul className="pods" aria-label={`Pods of ${d.name}`}>
                      {d.pods.map((p) => (
                        <li key={p.name} className={`pod pod-${p.status}`} title={`${p.name} on ${p.node}`}>
                          {p.name.slice(d.name.length + 1)} <span>{p.status}</span>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Add client…": name, region and DNS mode, run as `sim client add`. */
function AddClientForm() {
  const engine = useEngine();
  const runCommands = useUiStore((s) => s.runCommands);
  const id = useId();
  // The same query as the list above (shared cache): to say why a taken name fails.
  const clients = useQuery({
    queryKey: ['clients'],
    queryFn: () => engine.query<ClientRow[]>({ kind: 'clients' }),
  });
  const regions = [...engine.regions]
    .filter((r) => !r.accessRestricted)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const name = useNameField(CLIENT_NAME);
  const [region, setRegion] = useState('westeurope');
  const [dns, setDns] = useState<string>('cache');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const n = name.accept();
    if (!n) return;
    const taken = clients.data?.some((c) => c.name === n) === true;
    runCommands([
      {
        line: `sim client add ${n} --location ${region}${dns === 'cache' ? '' : ` --dns ${dns}`}`,
        onDone: (code) =>
          name.settle(
            n,
            code,
            failureText(
              `Could not add client ${n}`,
              code,
              taken ? 'a client with that name exists.' : undefined,
            ),
          ),
      },
    ]);
  };
  return (
    <details className="add-client">
      <summary>Add client…</summary>
      <form onSubmit={submit} aria-label="Add client">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} {...name.inputProps} placeholder="ci" required />
        <label htmlFor={`${id}-region`}>Region</label>
        <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)}>
          {regions.map((r) => (
            <option key={r.name} value={r.name}>
              {r.displayName}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-dns`}>DNS</label>
        <select id={`${id}-dns`} value={dns} onChange={(e) => setDns(e.target.value)}>
          {DNS_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <button type="submit" className="primary">
          Add
        </button>
        {name.problem}
      </form>
    </details>
  );
}
