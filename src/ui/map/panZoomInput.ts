/**
 * Wheel zoom and drag pan for the map, with no React and no knowledge of what is drawn: it
 * reports views, hovers and clicks to its host. A press that moves less than a few pixels is a
 * click (so hexagon buttons still work); more than that is a drag, which captures the pointer.
 */
import { panBy, zoomAround, type BaseMap, type ViewTransform } from '../../map/projection';

export interface PanZoomHost {
  view(): ViewTransform;
  map(): BaseMap;
  setView(view: ViewTransform): void;
  /** The pointer moved to `(x, y)` (canvas pixels) without a button pressed. */
  hover(x: number, y: number): void;
  leave(): void;
  /** A press and release without dragging, on `target`, at `(x, y)`. */
  click(target: EventTarget | null, x: number, y: number): void;
}

const DRAG_THRESHOLD = 4;
const WHEEL_SPEED = 0.0018;

/** Listens on `root`; returns a function that stops listening. */
export function attachPanZoom(root: HTMLElement, host: PanZoomHost): () => void {
  let press:
    { id: number; x: number; y: number; lastX: number; lastY: number; dragging: boolean } | undefined;
  let suppressClick = false;

  const local = (event: MouseEvent): [number, number] => {
    const rect = root.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };

  const onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const delta = Math.max(-300, Math.min(300, event.deltaY * unit));
    const [x, y] = local(event);
    host.setView(zoomAround(host.view(), Math.exp(-delta * WHEEL_SPEED), x, y, host.map()));
    // Hexagons move under a still pointer as the layout follows the zoom.
    host.hover(x, y);
  };

  const onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || press) return;
    suppressClick = false;
    press = {
      id: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      lastX: event.clientX,
      lastY: event.clientY,
      dragging: false,
    };
  };

  const onPointerMove = (event: PointerEvent): void => {
    if (!press || press.id !== event.pointerId) {
      const [x, y] = local(event);
      host.hover(x, y);
      return;
    }
    if (!press.dragging && Math.hypot(event.clientX - press.x, event.clientY - press.y) >= DRAG_THRESHOLD) {
      press.dragging = true;
      root.setPointerCapture(event.pointerId);
      root.classList.add('is-dragging');
      host.leave();
    }
    if (press.dragging) {
      host.setView(panBy(host.view(), event.clientX - press.lastX, event.clientY - press.lastY, host.map()));
    }
    press.lastX = event.clientX;
    press.lastY = event.clientY;
  };

  const onPointerUp = (event: PointerEvent): void => {
    if (!press || press.id !== event.pointerId) return;
    if (press.dragging) {
      suppressClick = true;
      root.classList.remove('is-dragging');
      if (root.hasPointerCapture(event.pointerId)) root.releasePointerCapture(event.pointerId);
    }
    press = undefined;
  };

  const onClick = (event: MouseEvent): void => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    // Keyboard activation of a button arrives as a click at (0, 0); the target says which one.
    const [x, y] = local(event);
    host.click(event.target, x, y);
  };

  const onLeave = (): void => {
    if (!press) host.leave();
  };

  root.addEventListener('wheel', onWheel, { passive: false });
  root.addEventListener('pointerdown', onPointerDown);
  root.addEventListener('pointermove', onPointerMove);
  root.addEventListener('pointerup', onPointerUp);
  root.addEventListener('pointercancel', onPointerUp);
  root.addEventListener('pointerleave', onLeave);
  root.addEventListener('click', onClick);
  return () => {
    root.removeEventListener('wheel', onWheel);
    root.removeEventListener('pointerdown', onPointerDown);
    root.removeEventListener('pointermove', onPointerMove);
    root.removeEventListener('pointerup', onPointerUp);
    root.removeEventListener('pointercancel', onPointerUp);
    root.removeEventListener('pointerleave', onLeave);
    root.removeEventListener('click', onClick);
  };
}
