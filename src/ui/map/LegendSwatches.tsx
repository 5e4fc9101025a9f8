/** Small SVG swatches for the map legend, drawn in the map theme's colours. */
import type { ReactNode } from 'react';
import type { HexPaint, MapTheme } from '../../map/theme';

/** The points of the legend's hexagon (radius 9 in a 28 × 24 box). */
export const HEX = Array.from({ length: 6 }, (_, i) => {
  const a = (Math.PI / 3) * i - Math.PI / 2;
  return `${(14 + 9 * Math.cos(a)).toFixed(2)},${(12 + 9 * Math.sin(a)).toFixed(2)}`;
}).join(' ');

interface HexProps {
  readonly paint: HexPaint;
  readonly fillOpacity?: number;
  readonly dashed?: string;
  readonly children?: ReactNode;
  readonly opacity?: number;
}

export function Hex({ paint, fillOpacity = 1, dashed, opacity = 1, children }: HexProps) {
  return (
    <svg viewBox="0 0 28 24" aria-hidden="true" opacity={opacity}>
      <polygon
        points={HEX}
        fill={paint.fill}
        fillOpacity={fillOpacity}
        stroke={dashed ?? paint.stroke}
        strokeWidth={dashed ? 2 : 1.5}
        strokeDasharray={dashed ? '3 2' : undefined}
      />
      {children}
    </svg>
  );
}

export const Ring = ({ colour, theme, progress }: { colour: string; theme: MapTheme; progress: number }) => (
  <>
    <circle cx="14" cy="12" r="11" fill="none" stroke={theme.progressTrack} strokeWidth="2" />
    <circle
      cx="14"
      cy="12"
      r="11"
      fill="none"
      stroke={colour}
      strokeWidth="2"
      pathLength="100"
      strokeDasharray={`${progress} 100`}
      transform="rotate(-90 14 12)"
    />
  </>
);

/** The throttle ring's three colours in one swatch: green, then amber, then red near the top. */
export const ThrottleSwatch = ({ theme }: { theme: MapTheme }) => (
  <>
    {(
      [
        [theme.throttleOk, 0, 60],
        [theme.throttleWarn, 60, 25],
        [theme.throttleOver, 85, 15],
      ] as const
    ).map(([colour, from, len]) => (
      <circle
        key={from}
        cx="14"
        cy="12"
        r="11"
        fill="none"
        stroke={colour}
        strokeWidth="2"
        pathLength="100"
        strokeDasharray={`0 ${from} ${len} 100`}
        transform="rotate(-90 14 12)"
      />
    ))}
  </>
);

export const Mark = ({ text, colour }: { text: string; colour: string }) => (
  <text x="14" y="15.5" textAnchor="middle" fontSize="10" fontWeight="700" fill={colour}>
    {text}
  </text>
);

export function Line({ colour, dash, dot }: { colour: string; dash?: string; dot?: boolean }) {
  return (
    <svg viewBox="0 0 28 24" aria-hidden="true">
      <path d="M3 19 Q14 2 25 15" fill="none" stroke={colour} strokeWidth="2.5" strokeDasharray={dash} />
      {dot && <circle cx="17" cy="9.5" r="3.2" fill={colour} />}
    </svg>
  );
}

export const Item = ({ icon, children }: { icon: ReactNode; children: ReactNode }) => (
  <li>
    {icon}
    <span>{children}</span>
  </li>
);
