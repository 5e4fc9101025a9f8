/// <reference lib="webworker" />
import type { FromWorker, ToWorker } from '../protocol/messages';
import { EngineHost } from './engine-host';

/**
 * The engine's Web Worker entry. The host does the work; this file only wires it to the worker's
 * message port and the wall clock, and turns a crash in one message into an `error` reply.
 */
declare const self: DedicatedWorkerGlobalScope;

const host = new EngineHost(
  (message, transfer) => self.postMessage(message, transfer ?? []),
  () => performance.now(),
);

/** Messages that only read: a failure there leaves the world as it was. */
const READ_ONLY = new Set<ToWorker['type']>(['query', 'complete']);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  try {
    host.handle(event.data);
  } catch (e) {
    const message: FromWorker = {
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
      fatal: !READ_ONLY.has(event.data.type),
    };
    self.postMessage(message);
  }
};
