/**
 * Fills and places the hover tooltip (an HTML element over the canvas) without React: its text
 * changes with every frame while a syncing replica is hovered.
 */
import type { TooltipText } from '../../map/labels';

export class TooltipWriter {
  private readonly title: HTMLElement | null;
  private readonly subtitle: HTMLElement | null;
  private readonly lines: HTMLElement[];
  private shown = false;
  /** What is on show, so an unchanged tooltip costs nothing per frame. */
  private lastKey = '';

  constructor(private readonly element: HTMLElement) {
    this.title = element.querySelector('[data-field="title"]');
    this.subtitle = element.querySelector('[data-field="subtitle"]');
    this.lines = Array.from(element.querySelectorAll<HTMLElement>('[data-field="line"]'));
  }

  /**
   * Shows `text` beside the point `(x, y)` (canvas pixels), keeping clear of `clearance` pixels
   * around it and inside a `width` × `height` area.
   */
  show(text: TooltipText, x: number, y: number, clearance: number, width: number, height: number): void {
    const key = `${text.title}\n${text.lines.join('\n')}\n${x.toFixed(1)},${y.toFixed(1)},${width},${height}`;
    if (this.shown && key === this.lastKey) return;
    this.lastKey = key;
    setText(this.title, text.title);
    setText(this.subtitle, text.subtitle);
    this.lines.forEach((line, i) => {
      const value = text.lines[i];
      line.hidden = value === undefined;
      setText(line, value ?? '');
    });
    const el = this.element;
    if (!this.shown) {
      el.hidden = false;
      this.shown = true;
    }
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    let left = x + clearance + 10;
    if (left + w > width - 4) left = x - clearance - 10 - w;
    const top = Math.min(Math.max(4, y - h / 2), height - h - 4);
    el.style.transform = `translate(${Math.round(Math.max(4, left))}px, ${Math.round(top)}px)`;
  }

  hide(): void {
    if (!this.shown) return;
    this.element.hidden = true;
    this.shown = false;
  }
}

function setText(element: HTMLElement | null, text: string): void {
  if (element && element.textContent !== text) element.textContent = text;
}
