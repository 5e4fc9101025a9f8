import { describeIssue } from '../parse';
import { Scenario } from '../schema';
import startHere from './00-start-here.json';
import pushThenPull from './01-push-then-pull.json';
import tagOverwriteRace from './02-tag-overwrite-race.json';
import deletePropagation from './03-delete-propagation.json';
import dnsBouncing from './04-dns-bouncing.json';
import regionalOutage from './05-regional-outage.json';
import homeRegionOutage from './06-home-region-outage.json';
import maintenanceExclude from './07-maintenance-exclude.json';
import throttlingDuringFailover from './08-throttling-during-failover.json';
import privateEndpointExhaustion from './09-private-endpoint-exhaustion.json';
import storageAndCost from './10-storage-and-cost.json';
import cicdRollout from './11-cicd-rollout.json';

/**
 * The scenario files, in the order the library lists them: the gentle tour first, then SPEC 10's
 * eleven scenarios. Adding a scenario is adding a JSON file here and one line below.
 */
const FILES: ReadonlyArray<readonly [file: string, data: unknown]> = [
  ['00-start-here.json', startHere],
  ['01-push-then-pull.json', pushThenPull],
  ['02-tag-overwrite-race.json', tagOverwriteRace],
  ['03-delete-propagation.json', deletePropagation],
  ['04-dns-bouncing.json', dnsBouncing],
  ['05-regional-outage.json', regionalOutage],
  ['06-home-region-outage.json', homeRegionOutage],
  ['07-maintenance-exclude.json', maintenanceExclude],
  ['08-throttling-during-failover.json', throttlingDuringFailover],
  ['09-private-endpoint-exhaustion.json', privateEndpointExhaustion],
  ['10-storage-and-cost.json', storageAndCost],
  ['11-cicd-rollout.json', cicdRollout],
];

/** The library is shared by every player and test: nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Validates the library's files against the schema. A broken file is a programming error, so
 * this throws at import time with the file name and the path of the first problem.
 */
export function loadLibrary(files: ReadonlyArray<readonly [string, unknown]>): readonly Scenario[] {
  const seen = new Map<string, string>();
  const scenarios = files.map(([file, data]) => {
    const parsed = Scenario.safeParse(data);
    if (!parsed.success) {
      throw new Error(
        `src/scenarios/library/${file} is not a valid scenario: ${describeIssue(parsed.error)}`,
      );
    }
    const other = seen.get(parsed.data.id);
    if (other !== undefined) {
      throw new Error(`src/scenarios/library/${file} reuses the id '${parsed.data.id}' of ${other}`);
    }
    seen.set(parsed.data.id, file);
    return deepFreeze(parsed.data);
  });
  return Object.freeze(scenarios);
}

/** Every built-in scenario, start-here first. */
export const SCENARIOS: readonly Scenario[] = loadLibrary(FILES);

/** A built-in scenario by id, or undefined. */
export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
