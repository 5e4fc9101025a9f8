import { addClient, buildImage, login } from './clients';
import { planPush, pushImage } from './dataplane';
import { createRegistry, createReplica } from './lifecycle';
import { drain, runToCompletion } from './operations';
import { unwrap } from './result';
import type { Simulation } from './sim';

/**
 * The dashboard's starting world (SPEC 7, `sim preset demo`): registry `myregistry` (Premium,
 * home eastus, regional endpoints on), a Ready replica in westeurope, a few images, and a
 * client `dev` in eastus signed in to the global endpoint. Time advances while the replica is
 * created and the images replicate, exactly as if the commands had been typed.
 */
export function applyDemoPreset(sim: Simulation): void {
  const registry = unwrap(
    createRegistry(sim, {
      name: 'myregistry',
      location: 'eastus',
      sku: 'Premium',
      resourceGroup: 'myrg',
      regionalEndpoints: true,
    }),
  );
  const dev = unwrap(addClient(sim, { name: 'dev', location: 'eastus' }));
  unwrap(login(sim, dev, registry.loginServer, 'admin'));
  const images: Array<[string, number, number]> = [
    ['web:v1', 80_000_000, 3],
    ['api:v1', 120_000_000, 4],
    ['worker:v1', 60_000_000, 2],
  ];
  for (const [name, size, layers] of images) {
    const ref = `${registry.loginServer}/${name}`;
    unwrap(buildImage(sim, dev, ref, { size, layers }));
    const plan = unwrap(planPush(sim, dev, ref));
    const pushed = unwrap(runToCompletion(sim, pushImage(sim, dev, plan)));
    if (!pushed.ok) throw new Error(`demo preset push failed: ${pushed.error?.message}`);
  }
  unwrap(createReplica(sim, registry, { location: 'westeurope' }));
  if (!drain(sim, 3_600_000)) throw new Error('demo preset did not settle within an hour');
}
