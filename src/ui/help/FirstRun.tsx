import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useScenarioStore } from '../scenarios/scenario-store';
import './help.css';

/** Set once the welcome card or the tour has been dismissed or finished: never shown again. */
export const TOUR_DONE_KEY = 'acr-lab:tour-done';
/** The scenario the welcome card offers. */
export const START_HERE_ID = 'start-here';

function tourDone(): boolean {
  try {
    return localStorage.getItem(TOUR_DONE_KEY) !== null;
  } catch {
    return false; // storage blocked: show the card, dismissing still hides it for this visit
  }
}

function markTourDone(): void {
  try {
    localStorage.setItem(TOUR_DONE_KEY, new Date().toISOString());
  } catch {
    // storage blocked: nothing to remember it in
  }
}

interface TourStop {
  /** CSS selector of the element the callout points at. */
  readonly target: string;
  readonly title: string;
  readonly text: string;
}

/** The tour's callouts, in reading order around the screen. */
export const TOUR_STOPS: readonly TourStop[] = [
  {
    target: '.map-area',
    title: 'The map',
    text: 'Every Azure region is a hexagon: blue is the registry’s home, purple hexagons hold replicas, green ones could. Arcs are images moving between regions; pins are clients. Click a hexagon, or Tab in and use the arrow keys.',
  },
  {
    target: '.console-area',
    title: 'The console',
    text: 'The same az, docker, kubectl and sim commands as the headless runner. Everything the panels do is typed here too, so the room learns the CLI. Type help to see them all.',
  },
  {
    target: '.time-controls',
    title: 'Time',
    text: 'The simulation runs in its own time: play or pause it, speed it up to hours per second, or jump ahead a minute or ten. Space, [ and ] do the same from the keyboard.',
  },
  {
    target: '.side',
    title: 'Panels',
    text: 'The selected region’s replica, content and actions; the clients and clusters; then the event log, charts, webhooks and cost.',
  },
  {
    target: '[data-tour="scenarios"]',
    title: 'Scenarios',
    text: 'Guided stories with checkpoints: outages, replication lag, throttling and more. If you are new, begin with “Start here”.',
  },
];

/**
 * Where focus goes when the card or the tour it was in goes away: the map's hexagon in the tab
 * order (where the tour starts), so the next Tab carries on from there rather than from the top.
 */
function focusMap(): void {
  document
    .querySelector<HTMLElement>('.map-area [role="group"] button[tabindex="0"]')
    ?.focus({ preventScroll: true });
}

/** The first-visit welcome card, and the tour it (or help) starts. */
export function FirstRun() {
  const [welcome, setWelcome] = useState(() => !tourDone());
  const tourOpen = useScenarioStore((s) => s.tourOpen);
  const titleId = useId();
  const card = useRef<HTMLElement>(null);

  const dismiss = (): void => {
    markTourDone();
    // Focus in the card would drop to the page's body with it.
    if (card.current?.contains(document.activeElement) === true) focusMap();
    setWelcome(false);
  };

  // Escape dismisses the card from the card itself or from nowhere in particular (the page's
  // body), and not when it was meant for something else: the console, the map, a menu or a dialog.
  useEffect(() => {
    if (!welcome || tourOpen) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      const target = e.target instanceof Node ? e.target : null;
      const fromCard = target !== null && card.current?.contains(target) === true;
      const fromNowhere = target === null || target === document.body || target === document.documentElement;
      if (!fromCard && !fromNowhere) return;
      dismiss();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [welcome, tourOpen]);

  return (
    <>
      {welcome && !tourOpen && (
        <section ref={card} className="welcome-card" aria-labelledby={titleId}>
          <span className="welcome-card__mark" aria-hidden="true">
            ⬡
          </span>
          <div className="welcome-card__text">
            <h2 id={titleId}>New to the lab?</h2>
            <p>
              Follow a five-minute guided scenario that pushes an image and watches it replicate, or take a
              short tour of the screen.
            </p>
          </div>
          <div className="welcome-card__actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => {
                dismiss();
                useScenarioStore.getState().openPicker(START_HERE_ID);
              }}
            >
              Start here
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setWelcome(false);
                useScenarioStore.getState().setTourOpen(true);
              }}
            >
              Take the tour
            </button>
            <button type="button" className="btn welcome-card__dismiss" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        </section>
      )}
      {tourOpen && (
        <Tour
          onClose={() => {
            markTourDone();
            useScenarioStore.getState().setTourOpen(false);
          }}
        />
      )}
    </>
  );
}

interface Placement {
  readonly ring: CSSProperties;
  readonly callout: CSSProperties;
  readonly side: 'below' | 'above' | 'inside';
}

const CALLOUT_WIDTH = 340;
const GAP = 12;

/** Where the ring and the callout go for a target's box, kept inside the viewport. */
function place(box: DOMRect, calloutHeight: number): Placement {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const ring: CSSProperties = {
    left: box.left - 4,
    top: box.top - 4,
    width: box.width + 8,
    height: box.height + 8,
  };
  const left = Math.max(
    GAP,
    Math.min(box.left + box.width / 2 - CALLOUT_WIDTH / 2, vw - CALLOUT_WIDTH - GAP),
  );
  if (box.bottom + GAP + calloutHeight < vh - GAP)
    return { ring, callout: { left, top: box.bottom + GAP }, side: 'below' };
  if (box.top - GAP - calloutHeight > GAP)
    return { ring, callout: { left, top: box.top - GAP - calloutHeight }, side: 'above' };
  // A big target (the map): the callout sits inside its top left corner.
  return {
    ring,
    callout: { left: Math.max(GAP, box.left + 16), top: Math.max(GAP, box.top + 16) },
    side: 'inside',
  };
}

/**
 * The tour: one callout at a time beside the part of the screen it explains, with a ring around
 * that part. It is a non-modal dialog: Escape or "Skip" ends it, Back and Next move through it.
 */
function Tour({ onClose }: { onClose: () => void }) {
  const [index, setIndex] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const [placement, setPlacement] = useState<Placement | undefined>(undefined);
  const callout = useRef<HTMLDivElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const stop = TOUR_STOPS[index]!;
  const last = index === TOUR_STOPS.length - 1;

  useLayoutEffect(() => {
    const update = (): void => {
      const target = document.querySelector(stop.target);
      const height = callout.current?.offsetHeight ?? 180;
      if (!target) return setPlacement(undefined);
      setPlacement(place(target.getBoundingClientRect(), height));
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [stop.target]);

  // What had focus when the tour opened (help's button; nothing when the welcome card that opened it
  // has gone). Ending the tour puts focus back there, or on the map, unless it has moved on: the
  // tour is not modal. Declared before the effect that moves focus into the callout.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (
      opener.current === null &&
      active instanceof HTMLElement &&
      active !== document.body &&
      root.current?.contains(active) !== true
    )
      opener.current = active;
    return () => {
      const now = document.activeElement;
      if (now !== null && now !== document.body) return;
      if (opener.current?.isConnected === true) opener.current.focus({ preventScroll: true });
      else focusMap();
    };
  }, []);

  useEffect(() => {
    next.current?.focus({ preventScroll: true });
  }, [index]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <div ref={root} className="tour" data-tour-step={index + 1}>
      {placement && <div className="tour__ring" style={placement.ring} aria-hidden="true" />}
      <div
        ref={callout}
        className={`tour__callout tour__callout--${placement?.side ?? 'inside'}`}
        role="dialog"
        aria-modal="false"
        aria-labelledby={titleId}
        aria-describedby={textId}
        style={placement?.callout ?? { left: GAP, top: GAP }}
      >
        <p className="tour__count">
          Tour · {index + 1} of {TOUR_STOPS.length}
        </p>
        <h2 id={titleId} className="tour__title">
          {stop.title}
        </h2>
        <p id={textId} className="tour__text">
          {stop.text}
        </p>
        <div className="tour__actions">
          <button type="button" className="btn tour__skip" onClick={onClose}>
            {last ? 'Close' : 'Skip tour'}
          </button>
          <span className="tour__spacer" />
          {index > 0 && (
            <button type="button" className="btn" onClick={() => setIndex(index - 1)}>
              Back
            </button>
          )}
          {last ? (
            <button
              ref={next}
              type="button"
              className="btn btn--primary"
              onClick={() => {
                onClose();
                useScenarioStore.getState().openPicker();
              }}
            >
              See the scenarios
            </button>
          ) : (
            <button ref={next} type="button" className="btn btn--primary" onClick={() => setIndex(index + 1)}>
              Next
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
