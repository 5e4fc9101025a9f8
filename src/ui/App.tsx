import './engine-view.css';
import { buildImage, formatClock, planPush, pushImage, runToCompletion, unwrap } from '../engine';
import { EventList } from './EventList';
import { ReplicaTable } from './ReplicaTable';
import { useDemoSimulation } from './useDemoSimulation';

/**
 * The plain engine view: the demo world's real state with a few actions. The live map
 * dashboard replaces this page; until then it shows the engine honestly, without decoration.
 */
export function App() {
  const { sim, act } = useDemoSimulation(1);
  const registry = sim.registries.get('myregistry')!;

  const pushNewImage = () =>
    act((s) => {
      const dev = s.clients.get('dev')!;
      const ref = `${registry.loginServer}/web:build${s.log.length}`;
      unwrap(buildImage(s, dev, ref, { size: 50_000_000, layers: 2 }));
      unwrap(runToCompletion(s, pushImage(s, dev, unwrap(planPush(s, dev, ref)))));
    });

  return (
    <main>
      <h1>ACR Geo-Replication Lab</h1>
      <p>
        Engine view of the demo world: registry <code>{registry.loginServer}</code> ({registry.sku}, home{' '}
        {registry.home}). Simulated time: <output aria-label="Simulated time">{formatClock(sim.now)}</output>
      </p>
      <div role="toolbar" aria-label="Time and actions">
        <button type="button" onClick={() => act((s) => s.advance(60_000))}>
          Advance 1 minute
        </button>
        <button type="button" onClick={pushNewImage}>
          Push a new image from dev
        </button>
      </div>
      <ReplicaTable sim={sim} registry={registry} />
      <h2>Recent events</h2>
      <EventList events={sim.log.events} limit={25} />
    </main>
  );
}
