/**
 * The accessible twin of the canvas: one real `<button>` per hexagon, kept over its hexagon.
 * Names, positions and the pressed state are written straight to the DOM when frames change,
 * so a frame never re-renders React. Focus is roving: one button is in the tab order, arrow
 * keys move between hexagons spatially.
 */
import { regionAccessibleName } from '../../map/labels';
import type { MapScene } from '../../map/scene';
import { arrowDirection, nearestInDirection } from '../../map/spatialNav';

export class RegionOverlay {
  private readonly buttons: HTMLButtonElement[];
  private readonly names: string[];
  private tabStop = 0;
  private pressed = -1;
  /** Scene geometry the buttons currently match (view and radius). */
  private placedView: unknown;
  private placedRadius = 0;

  constructor(
    private readonly group: HTMLElement,
    private readonly scene: MapScene,
  ) {
    this.buttons = Array.from(group.querySelectorAll<HTMLButtonElement>('button[data-index]'));
    this.names = this.buttons.map((b) => b.getAttribute('aria-label') ?? '');
    this.tabStop = Math.max(
      0,
      this.buttons.findIndex((b) => b.tabIndex === 0),
    );
  }

  indexOf(element: EventTarget | null): number {
    if (!(element instanceof HTMLElement)) return -1;
    const button = element.closest<HTMLButtonElement>('button[data-index]');
    return button && this.group.contains(button) ? Number(button.dataset.index) : -1;
  }

  focus(index: number): void {
    this.setTabStop(index);
    this.buttons[index]?.focus({ preventScroll: true });
  }

  /** Moves focus for an arrow key; returns whether the key was used. */
  handleArrow(key: string, from: number): boolean {
    const direction = arrowDirection(key);
    if (!direction || from < 0) return false;
    const next = nearestInDirection(this.scene.centres, this.scene.count, from, direction);
    if (next >= 0) this.focus(next);
    return true;
  }

  /** Keeps each button over its hexagon; cheap when the geometry has not moved. */
  place(): void {
    const { scene } = this;
    if (this.placedView === scene.view && this.placedRadius === scene.radius) return;
    this.placedView = scene.view;
    this.placedRadius = scene.radius;
    // A circle inside the hexagon: neighbours' buttons never overlap.
    const size = Math.round(scene.radius * 1.8);
    for (let i = 0; i < this.buttons.length; i++) {
      const style = this.buttons[i]!.style;
      const x = scene.centres[2 * i]! - size / 2;
      const y = scene.centres[2 * i + 1]! - size / 2;
      style.width = `${size}px`;
      style.height = `${size}px`;
      style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    }
  }

  /** Refreshes the accessible names of the given regions (all when `indices` is undefined). */
  updateNames(indices?: Iterable<number>): void {
    const { scene } = this;
    const update = (i: number): void => {
      const info = scene.regions[i];
      const button = this.buttons[i];
      if (!info || !button) return;
      const name = regionAccessibleName(info, scene.states[i]);
      if (name !== this.names[i]) {
        this.names[i] = name;
        button.setAttribute('aria-label', name);
      }
    };
    if (indices === undefined) for (let i = 0; i < this.buttons.length; i++) update(i);
    else for (const i of indices) update(i);
  }

  /**
   * Marks the hexagons a scenario step is about: `data-highlighted` for styling and tests, and
   * an accessible description so screen readers hear it too.
   */
  setHighlighted(indices: ArrayLike<number>): void {
    const wanted = new Set(Array.from(indices));
    for (let i = 0; i < this.buttons.length; i++) {
      const button = this.buttons[i]!;
      const on = wanted.has(i);
      if (on === (button.dataset.highlighted === 'true')) continue;
      if (on) {
        button.dataset.highlighted = 'true';
        button.setAttribute('aria-description', 'highlighted by the scenario step');
      } else {
        delete button.dataset.highlighted;
        button.removeAttribute('aria-description');
      }
    }
  }

  setPressed(index: number): void {
    if (index === this.pressed) return;
    this.buttons[this.pressed]?.setAttribute('aria-pressed', 'false');
    this.buttons[index]?.setAttribute('aria-pressed', 'true');
    this.pressed = index;
    if (index >= 0 && !this.group.contains(document.activeElement)) this.setTabStop(index);
  }

  setTabStop(index: number): void {
    if (index < 0 || index === this.tabStop || !this.buttons[index]) return;
    const old = this.buttons[this.tabStop];
    if (old) old.tabIndex = -1;
    this.buttons[index]!.tabIndex = 0;
    this.tabStop = index;
  }
}
