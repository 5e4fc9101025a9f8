import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ENDPOINT_NAME, SUBNET_NAME } from '../../engine/names';
import type { ReplicaRow } from '../../protocol/messages';
import type { NetworkPlanResult, NetworkResult } from '../../protocol/network';
import { useEngine } from '../engine/context';
import { useUiStore } from '../store/ui-store';
import { failureText, useNameField } from '../useNameField';
import './network.css';

/** Some changes (identity, subnets) come without engine events: poll gently while shown. */
const POLL_MS = 1_000;

/** Prefix lengths offered by the "Add subnet" form (usable = 2^(32−n) − 5). */
export const PREFIXES = [24, 25, 26, 27, 28, 29] as const;

/**
 * Subnets and private endpoints of the simulated virtual network (SPEC 6.4), with a what-if
 * planner for a new replica or regional endpoints. Every change runs the console command.
 */
export function NetworkPanel() {
  const engine = useEngine();
  const network = useQuery({
    queryKey: ['network'],
    queryFn: () => engine.query<NetworkResult>({ kind: 'network' }),
    refetchInterval: POLL_MS,
  });
  const data = network.data;
  return (
    <section className="network-panel" aria-label="Network">
      <h2>Subnets</h2>
      {data && data.subnets.length === 0 && <p className="muted">No subnets yet.</p>}
      <ul className="net-list" aria-label="Subnets">
        {data?.subnets.map((s) => (
          <li key={s.name} aria-label={`Subnet ${s.name}`} className="net-row">
            <div className="net-head">
              <strong>{s.name}</strong>
              <span className="muted">/{s.prefixLength}</span>
              <span className="net-figures">
                <span data-testid="usable">{s.usable} usable</span> ·{' '}
                <span data-testid="used">{s.used} used</span> · {s.free} free
              </span>
            </div>
            <meter
              className="net-bar"
              aria-label={`Addresses used in ${s.name}`}
              min={0}
              max={s.usable}
              value={s.used}
              high={s.usable * 0.8}
            />
          </li>
        ))}
      </ul>
      <h2>Private endpoints</h2>
      {data && data.privateEndpoints.length === 0 && <p className="muted">No private endpoints.</p>}
      <ul className="net-list" aria-label="Private endpoints">
        {data?.privateEndpoints.map((pe) => (
          <li key={pe.name} aria-label={`Private endpoint ${pe.name}`} className="net-row">
            <div className="net-head">
              <strong>{pe.name}</strong>
              <span className="muted net-where">
                {pe.registry} in {pe.subnet}
              </span>
            </div>
            <span className="net-kinds">
              {pe.total} addresses: {pe.global} global + {pe.data} data + {pe.regional} regional
            </span>
          </li>
        ))}
      </ul>
      <div className="net-forms">
        <AddSubnetForm subnets={data?.subnets.map((s) => s.name) ?? []} />
        <AddEndpointForm
          registry={data?.registry}
          subnets={data?.subnets.map((s) => s.name) ?? []}
          endpoints={data?.privateEndpoints.map((pe) => pe.name) ?? []}
        />
      </div>
      <Planner registry={data?.registry} />
    </section>
  );
}

function AddSubnetForm({ subnets }: { subnets: readonly string[] }) {
  const runCommands = useUiStore((s) => s.runCommands);
  const id = useId();
  const name = useNameField(SUBNET_NAME);
  const [prefix, setPrefix] = useState('28');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const n = name.accept();
    if (!n) return;
    const taken = subnets.includes(n);
    runCommands([
      {
        line: `sim network subnet add ${n} --prefix /${prefix}`,
        onDone: (code) =>
          name.settle(
            n,
            code,
            failureText(
              `Could not add subnet ${n}`,
              code,
              taken ? 'a subnet with that name exists.' : undefined,
            ),
          ),
      },
    ]);
  };
  return (
    <form onSubmit={submit} aria-label="Add subnet" className="net-form">
      <label className="visually-hidden" htmlFor={`${id}-name`}>
        Subnet
      </label>
      <input id={`${id}-name`} {...name.inputProps} placeholder="pe-subnet" required />
      <label htmlFor={`${id}-prefix`} className="visually-hidden">
        Prefix
      </label>
      <select id={`${id}-prefix`} value={prefix} onChange={(e) => setPrefix(e.target.value)}>
        {PREFIXES.map((p) => (
          <option key={p} value={p}>
            /{p} ({2 ** (32 - p) - 5})
          </option>
        ))}
      </select>
      <button type="submit" className="primary">
        Add subnet
      </button>
      {name.problem}
    </form>
  );
}

function AddEndpointForm({
  registry,
  subnets,
  endpoints,
}: {
  registry: string | undefined;
  subnets: readonly string[];
  endpoints: readonly string[];
}) {
  const runCommands = useUiStore((s) => s.runCommands);
  const id = useId();
  const name = useNameField(ENDPOINT_NAME);
  const [subnet, setSubnet] = useState('');
  const chosen = subnets.includes(subnet) ? subnet : (subnets[0] ?? '');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!chosen || !registry) return;
    const n = name.accept();
    if (!n) return;
    const taken = endpoints.includes(n);
    runCommands([
      {
        line: `sim network private-endpoint add ${n} --registry ${registry} --subnet ${chosen}`,
        onDone: (code) =>
          name.settle(
            n,
            code,
            failureText(
              `Could not add private endpoint ${n}`,
              code,
              taken ? 'a private endpoint with that name exists.' : undefined,
            ),
          ),
      },
    ]);
  };
  return (
    <form onSubmit={submit} aria-label="Add private endpoint" className="net-form pe-form">
      <label className="visually-hidden" htmlFor={`${id}-name`}>
        Endpoint
      </label>
      <input id={`${id}-name`} {...name.inputProps} placeholder="pe1" required />
      <label htmlFor={`${id}-subnet`} className="visually-hidden">
        Subnet of the endpoint
      </label>
      <select
        id={`${id}-subnet`}
        title={chosen || undefined}
        value={chosen}
        onChange={(e) => setSubnet(e.target.value)}
        disabled={subnets.length === 0}
      >
        {subnets.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={!registry || subnets.length === 0}>
        Add endpoint
      </button>
      {name.problem}
    </form>
  );
}

/** What-if: addresses a new replica and/or regional endpoints would need, before doing it. */
function Planner({ registry }: { registry: string | undefined }) {
  const engine = useEngine();
  const id = useId();
  const [addRegion, setAddRegion] = useState('');
  const [regional, setRegional] = useState(false);
  const replicas = useQuery({
    queryKey: ['network-replicas', registry],
    queryFn: () => engine.query<ReplicaRow[]>({ kind: 'replicas', registry: registry ?? '' }),
    enabled: registry !== undefined,
  });
  const taken = new Set(replicas.data?.map((r) => r.location));
  const regions = [...engine.regions]
    .filter((r) => !r.accessRestricted && !taken.has(r.name))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  // The plan of no change says whether the registry already has regional endpoints: then there is
  // nothing to enable, and the box shows them on.
  const current = useQuery({
    queryKey: ['networkPlan', registry, 'current'],
    queryFn: () => engine.query<NetworkPlanResult>({ kind: 'networkPlan' }),
    enabled: registry !== undefined,
    refetchInterval: POLL_MS,
  });
  const alreadyOn = current.data?.regionalEndpoints === true;
  const enable = regional && !alreadyOn;
  const asking = addRegion !== '' || enable;
  const plan = useQuery({
    queryKey: ['networkPlan', registry, addRegion, enable],
    queryFn: () =>
      engine.query<NetworkPlanResult>({
        kind: 'networkPlan',
        ...(addRegion ? { addRegion } : {}),
        ...(enable ? { regionalEndpoints: true } : {}),
      }),
    enabled: asking,
    refetchInterval: POLL_MS,
  });
  return (
    <section className="net-planner" aria-label="Address planner">
      <h2>What if…</h2>
      <div className="net-form">
        <label htmlFor={`${id}-region`}>Add a replica in</label>
        <select id={`${id}-region`} value={addRegion} onChange={(e) => setAddRegion(e.target.value)}>
          <option value="">(no new replica)</option>
          {regions.map((r) => (
            <option key={r.name} value={r.name}>
              {r.displayName} ({r.name})
            </option>
          ))}
        </select>
      </div>
      <label className="net-check">
        <input
          type="checkbox"
          checked={regional || alreadyOn}
          disabled={alreadyOn}
          onChange={(e) => setRegional(e.target.checked)}
        />
        Enable regional endpoints
        {alreadyOn && <span className="muted">(already on)</span>}
      </label>
      {asking && plan.data && (
        <div aria-live="polite">
          {plan.data.subnets.length === 0 ? (
            <p className="muted">
              {plan.data.registry ?? 'The registry'} has no private endpoints: nothing needed.
            </p>
          ) : (
            <>
              <p className="muted">
                {plan.data.perEndpoint} addresses per endpoint after: {plan.data.replicas} replicas
                {plan.data.regionalEndpoints ? ', regional endpoints on' : ''}
              </p>
              <ul className="net-list" aria-label="Plan per subnet">
                {plan.data.subnets.map((p) => (
                  <li key={p.subnet} aria-label={`Plan for ${p.subnet}`} className="net-row net-plan">
                    <strong>{p.subnet}</strong>
                    <span>
                      needs {p.extra} more, {p.free} free
                    </span>
                    <span className={p.fits ? 'net-verdict ok' : 'net-verdict bad'}>
                      {p.fits ? 'fits' : `short by ${p.extra - p.free}`}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
