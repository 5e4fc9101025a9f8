/**
 * The engine's public API: a pure, deterministic model of a geo-replicated container registry.
 * Everything outside src/engine imports from here.
 */
export * from './types';
export * from './result';
export { Simulation, type SimulationOptions, type Transfer } from './sim';
export { Scheduler } from './scheduler';
export { Rng } from './rng';
export { flowBytesDone, SharedLink, type Flow } from './link';
export * from './config';
export * from './units';
export * from './regions';
export * from './geo';
export * from './oci';
export * from './digest-text';
export * from './store';
export * from './events';
export { Client, DNS_MODES, type DnsMode, type LocalImage } from './client';
export * from './clients';
export * from './sign-in';
export { Registry, Replica, SKUS, type ReplicaPhase } from './registry';
export * from './lifecycle';
export * from './routing';
export * from './health';
export * from './throttle';
export * from './load';
export * from './replication';
export * from './dataplane';
export * from './cluster';
export * from './operations';
export * from './cost';
export * from './control-plane';
export * from './catalogue';
export * from './import';
export * from './network';
export * from './tasks';
export * from './preset';
export * from './webhooks';
export * from './webhook-groups';
export * from './identity';
export { closest } from './suggest';
export type { Process, Task, Wait } from './process';
export * from './settings';
