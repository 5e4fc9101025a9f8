import { describe, expect, it } from 'vitest';
import { useUiStore } from '../store/ui-store';

describe('the console request queue and the highlight set in the UI store', () => {
  it('queues requests in order and hands them over once', () => {
    const store = useUiStore.getState();
    store.runCommands([{ line: 'sim time' }]);
    store.runCommands([{ line: 'sim status', typed: true }]);
    expect(
      useUiStore
        .getState()
        .takeCommandRequests()
        .map((r) => r.line),
    ).toEqual(['sim time', 'sim status']);
    expect(useUiStore.getState().takeCommandRequests()).toEqual([]);
  });

  it('keeps the same highlight array when nothing changed, so the map does not redraw', () => {
    const store = useUiStore.getState();
    store.setHighlightedRegions(['eastus', 'westeurope']);
    const first = useUiStore.getState().highlightedRegions;
    store.setHighlightedRegions(['eastus', 'westeurope']);
    expect(useUiStore.getState().highlightedRegions).toBe(first);
    store.setHighlightedRegions([]);
    expect(useUiStore.getState().highlightedRegions).toEqual([]);
  });
});
