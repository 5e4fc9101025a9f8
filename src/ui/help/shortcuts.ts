/**
 * The dashboard's keyboard shortcuts as the help panel lists them. Each entry mirrors code:
 * time keys (panels/time-shortcuts.ts), the console (panels/ConsolePanel.tsx), the map
 * (map/MapController.ts, map/RegionOverlay.ts with src/map/spatialNav.ts, map/MapView.tsx), the
 * hexagon menu (map/HexContextMenu.tsx), the range inputs (panels/TimeControls.tsx,
 * timeline/Scrubber.tsx), tabs (clients/SideTabs.tsx, charts/LogTabs.tsx), and this folder's own
 * `?` and dialogs.
 */
export interface Shortcut {
  /** Keys, each shown as a key cap; alternatives are separate entries of the inner array. */
  readonly keys: readonly (readonly string[])[];
  readonly does: string;
}

export interface ShortcutGroup {
  readonly title: string;
  /** When the keys apply. */
  readonly where: string;
  readonly shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    where: 'when the focus is not in a text field',
    shortcuts: [
      { keys: [['?']], does: 'Open this help' },
      { keys: [['Space']], does: 'Play or pause simulated time (when no button or field has focus)' },
      { keys: [[']']], does: 'Faster: next speed step' },
      { keys: [['[']], does: 'Slower: previous speed step' },
      { keys: [['Esc']], does: 'Close a dialog, the hexagon menu or the tour' },
    ],
  },
  {
    title: 'Map',
    where: 'Tab into the map: one hexagon is in the tab order',
    shortcuts: [
      { keys: [['←'], ['↑'], ['→'], ['↓']], does: 'Move to the nearest hexagon in that direction' },
      { keys: [['Enter'], ['Space']], does: 'Select the region (its panel opens on the right)' },
      { keys: [['Shift', 'F10'], ['Menu']], does: 'Open the region’s actions (right-click does too)' },
      { keys: [['+'], ['=']], does: 'Zoom in' },
      { keys: [['-']], does: 'Zoom out' },
      { keys: [['0']], does: 'Reset the view' },
      { keys: [['Wheel'], ['Drag']], does: 'Zoom and pan with the mouse' },
    ],
  },
  {
    title: 'Hexagon menu',
    where: 'after Shift+F10 or a right-click',
    shortcuts: [
      { keys: [['↑'], ['↓']], does: 'Move between actions' },
      { keys: [['Home'], ['End']], does: 'First or last action' },
      { keys: [['Esc'], ['Tab']], does: 'Close it and return to the hexagon' },
    ],
  },
  {
    title: 'Console',
    where: 'in the console’s input',
    shortcuts: [
      { keys: [['Enter']], does: 'Run the line (lines typed while a command runs wait their turn)' },
      { keys: [['↑'], ['↓']], does: 'Earlier or later lines from the history' },
      { keys: [['Tab']], does: 'Complete the word under the cursor (on an empty line Tab moves focus on)' },
      { keys: [['Ctrl', 'C']], does: 'Cancel the running command and drop waiting lines' },
      { keys: [['Ctrl', 'L']], does: 'Clear the output' },
      { keys: [['… &']], does: 'End a line with & to run it in the background' },
    ],
  },
  {
    title: 'Sliders',
    where: 'Speed in the header, Rewind under the timeline',
    shortcuts: [
      {
        keys: [['←'], ['→']],
        does: 'One step slower or faster; Rewind: one simulated second back or forward',
      },
      { keys: [['Home'], ['End']], does: 'The slowest or fastest speed; Rewind: the start, or now' },
    ],
  },
  {
    title: 'Tabs and lists',
    where: 'side panel tabs, event and chart tabs, the scenario list',
    shortcuts: [
      { keys: [['←'], ['→']], does: 'Previous or next tab' },
      { keys: [['↑'], ['↓']], does: 'Previous or next scenario in the picker' },
      { keys: [['Home'], ['End']], does: 'First or last tab or scenario' },
    ],
  },
];
