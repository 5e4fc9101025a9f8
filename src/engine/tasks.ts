/**
 * ACR Tasks (SPEC 6.1): `az acr build` and `az acr task run` build on an agent in the registry's
 * home region and push there; the image then replicates like a push. Tasks are bound to the home
 * region: they fail while it is down (B-HOME-2), like every control-plane operation.
 */
import { controlPlaneAvailable } from './control-plane';
import { isReplicaUp } from './health';
import { commitToHome } from './import';
import { digestOf, makeManifest, MEDIA_TYPES, parseImageRef, type BlobRef, type Manifest } from './oci';
import { countedWrite } from './operations';
import { delay, until, type Process } from './process';
import type { Registry } from './registry';
import { clip, fail, ok, type Result } from './result';
import type { Simulation } from './sim';
import type { Digest } from './types';

/** Fixed time a build agent takes besides uploading layers (queueing, running the Dockerfile). */
export const TASK_BUILD_MS = 20_000;
/** Upload rate from the build agent to the home replica (same region), bytes per second. */
export const TASK_UPLOAD_BYTES_PER_SECOND = 100_000_000;
const MAX_TASK_LAYERS = 50;
const CONFIG_SIZE = 1_469;
const TASK_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{4,49}$/;

export interface BuildDefinition {
  readonly repository: string;
  readonly tag: string;
  readonly size: number;
  readonly layers: number;
}

/** A stored build definition (`az acr task create`). */
export interface BuildTask extends BuildDefinition {
  readonly name: string;
  readonly registry: string;
}

interface TaskState {
  readonly tasks: Map<string, BuildTask>;
  /** Run ids handed out per registry. */
  readonly runs: Map<string, number>;
}

const STATES = new WeakMap<Simulation, TaskState>();

function stateOf(sim: Simulation): TaskState {
  let s = STATES.get(sim);
  if (!s) {
    s = { tasks: new Map(), runs: new Map() };
    STATES.set(sim, s);
  }
  return s;
}

/** Validates a build target and sizes. */
export function buildDefinition(
  image: string,
  options: { size?: number; layers?: number } = {},
): Result<BuildDefinition> {
  const ref = parseImageRef(image);
  if (!ref.ok) return ref;
  if (ref.value.host !== undefined)
    return fail(
      'InvalidImage',
      `Give the image as REPO:TAG, without a registry host: "${clip(image)}".`,
      clip(image),
    );
  if (ref.value.digest !== undefined || ref.value.tag === undefined)
    return fail('InvalidImage', `A build target needs a tag, not a digest: "${clip(image)}".`, clip(image));
  const layers = options.layers ?? 3;
  const size = options.size ?? 100_000_000;
  if (!Number.isInteger(layers) || layers < 1 || layers > MAX_TASK_LAYERS)
    return fail(
      'InvalidNumber',
      `The layer count ${layers} must be from 1 to ${MAX_TASK_LAYERS}.`,
      String(layers),
    );
  if (!Number.isFinite(size) || size < layers || size > 1e12)
    return fail(
      'InvalidSize',
      `The image size ${size} bytes must be at least one byte per layer and at most 1 TB.`,
      String(size),
    );
  return ok({ repository: ref.value.repository, tag: ref.value.tag, size, layers });
}

export function createTask(
  sim: Simulation,
  registry: Registry,
  name: string,
  image: string,
  options: { size?: number; layers?: number } = {},
): Result<BuildTask> {
  const control = controlPlaneAvailable(sim, registry);
  if (!control.ok) return control;
  if (!TASK_NAME.test(name))
    return fail(
      'InvalidTaskName',
      `The task name "${name}" must be 5 to 50 letters, digits or dashes.`,
      name,
    );
  const key = `${registry.name.toLowerCase()}/${name.toLowerCase()}`;
  const s = stateOf(sim);
  if (s.tasks.has(key))
    return fail('TaskAlreadyExists', `Registry ${registry.name} already has a task named ${name}.`, name);
  const def = buildDefinition(image, options);
  if (!def.ok) return def;
  const task: BuildTask = { ...def.value, name, registry: registry.name };
  s.tasks.set(key, task);
  return ok(task);
}

export function findTask(sim: Simulation, registry: Registry, name: string): BuildTask | undefined {
  return stateOf(sim).tasks.get(`${registry.name.toLowerCase()}/${name.toLowerCase()}`);
}

export function listTasks(sim: Simulation, registry: Registry): BuildTask[] {
  return [...stateOf(sim).tasks.values()].filter((t) => t.registry === registry.name);
}

/** A run that has been accepted: it has a run id and will build in the home region. */
export interface TaskRun {
  readonly id: string;
  readonly registry: Registry;
  readonly definition: BuildDefinition;
  readonly location: string;
}

export interface TaskRunResult {
  readonly ok: boolean;
  readonly id: string;
  readonly digest: Digest;
  readonly duration: number;
}

/** Starts a run: refused while the home region is down (B-HOME-2). */
export function startTaskRun(
  sim: Simulation,
  registry: Registry,
  definition: BuildDefinition,
): Result<TaskRun> {
  const control = controlPlaneAvailable(sim, registry);
  if (!control.ok) return control;
  const s = stateOf(sim);
  const n = (s.runs.get(registry.name) ?? 0) + 1;
  s.runs.set(registry.name, n);
  return ok({ id: `ca${n}`, registry, definition, location: registry.home });
}

function buildManifest(sim: Simulation, def: BuildDefinition): Manifest {
  const layers: BlobRef[] = [];
  const each = Math.floor(def.size / def.layers);
  for (let i = 0; i < def.layers; i++) {
    const layerSize = i === def.layers - 1 ? def.size - each * (def.layers - 1) : each;
    const seed =
      i === def.layers - 1
        ? `top:${sim.rng.content.nextUint32().toString(16)}:${sim.rng.content.nextUint32().toString(16)}`
        : `layer:${def.repository}:${i}:${layerSize}`;
    layers.push({ digest: digestOf(seed), size: layerSize, mediaType: MEDIA_TYPES.layer });
  }
  const configJson = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    created: sim.now,
  });
  const config: BlobRef = { digest: digestOf(configJson), size: CONFIG_SIZE, mediaType: MEDIA_TYPES.config };
  return makeManifest(config, layers);
}

/**
 * Runs a build on an agent in the home region: builds, uploads the layers the home replica lacks,
 * then commits the image there; it replicates to the other replicas like a push. If the home
 * replica goes down mid-run the upload waits for it.
 */
export function runTask(sim: Simulation, run: TaskRun): Process<TaskRunResult> {
  return countedWrite(run.registry, buildAndCommit(sim, run));
}

function* buildAndCommit(sim: Simulation, run: TaskRun): Process<TaskRunResult> {
  const started = sim.now;
  const { registry, definition } = run;
  const manifest = buildManifest(sim, definition);
  const home = registry.homeReplica;
  let bytes = 0;
  for (const l of manifest.layers) if (!home.store.hasBlob(l.digest)) bytes += l.size;
  yield delay(TASK_BUILD_MS + Math.ceil((bytes / TASK_UPLOAD_BYTES_PER_SECOND) * 1000));
  yield until(() => isReplicaUp(sim, home));
  home.store.addBlob(manifest.config.digest, manifest.config.size);
  for (const l of manifest.layers) home.store.addBlob(l.digest, l.size);
  commitToHome(sim, registry, definition.repository, definition.tag, manifest);
  return { ok: true, id: run.id, digest: manifest.digest, duration: sim.now - started };
}
