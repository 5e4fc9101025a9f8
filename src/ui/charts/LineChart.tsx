/** A small, dependency-free SVG line/area chart with an accessible text alternative. */

export interface ChartSeries {
  readonly name: string;
  readonly colour: string;
  /** One value per x step; null leaves a gap. */
  readonly values: ReadonlyArray<number | null>;
}

export interface LineChartProps {
  /** Short title, also the figure's accessible name. */
  readonly title: string;
  readonly series: readonly ChartSeries[];
  /** Label of x step i (used for the axis ends and the hidden table). */
  readonly xLabel: (i: number) => string;
  readonly formatY?: (v: number) => string;
  /** Fill under each line (stacked visually only by transparency). */
  readonly area?: boolean;
  readonly height?: number;
  /** Shown instead of the plot when every value is null (nothing to draw). */
  readonly emptyText?: string;
  /**
   * The y axis top for the largest value (default `axisTop`). Gridlines sit at 0, top/2 and top, so
   * choose tops whose half `formatY` shows exactly.
   */
  readonly yTop?: (max: number) => number;
}

const W = 340;
const PAD = { left: 34, right: 6, top: 6, bottom: 16 };

/** Counts: whole numbers as they are, fractions under 1000 to two decimals at most, then thousands. */
export const defaultFormat = (v: number): string =>
  v >= 10_000
    ? `${Math.round(v / 1000)}k`
    : v >= 1000
      ? `${(v / 1000).toFixed(1)}k`
      : Number.isInteger(v)
        ? `${v}`
        : `${Number(v.toFixed(2))}`;

/** A "nice" upper bound for the y axis (1, 2 or 5 × a power of ten). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/**
 * The y axis top for data whose largest value is `max`: `niceMax`, except that whole-number data never
 * get a top with a fractional middle gridline (1 → 2, 5 → 6), so no axis reads "0, 0.5, 1" requests.
 */
export function axisTop(max: number, wholeNumbers = true): number {
  const top = niceMax(max);
  if (!wholeNumbers || Number.isInteger(top / 2)) return top;
  return top < 2 ? 2 : top + 1;
}

/** Indices of values with no non-null neighbour: a line cannot show them, so they get a marker. */
export function isolatedPoints(values: ReadonlyArray<number | null>): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null) out.push(i);
  });
  return out;
}

/** The largest non-null value of a series (-Infinity when it has none). */
function peakOf(values: ReadonlyArray<number | null>): number {
  let peak = -Infinity;
  for (const v of values) if (v !== null && v > peak) peak = v;
  return peak;
}

/**
 * The order to draw series in: ascending peak (ties keep their order), so the series that reaches
 * highest is drawn last and lines lying on each other (all at 0, say) show the one with the most to say.
 */
export function drawOrder(series: readonly ChartSeries[]): ChartSeries[] {
  return series
    .map((s, k) => ({ s, k, peak: peakOf(s.values) }))
    .sort((a, b) => a.peak - b.peak || a.k - b.k)
    .map(({ s }) => s);
}

/** SVG path data for one series, with gaps at nulls; `area` closes each run down to the baseline. */
export function seriesPath(
  values: ReadonlyArray<number | null>,
  x: (i: number) => number,
  y: (v: number) => number,
  baseline: number,
  area: boolean,
): string {
  const parts: string[] = [];
  let run: Array<[number, number]> = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const line = run.map(([px, py], k) => `${k === 0 ? 'M' : 'L'}${px.toFixed(1)} ${py.toFixed(1)}`).join('');
    parts.push(
      area
        ? `${line}L${run[run.length - 1]![0].toFixed(1)} ${baseline}L${run[0]![0].toFixed(1)} ${baseline}Z`
        : line,
    );
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) flush();
    else run.push([x(i), y(v)]);
  });
  flush();
  return parts.join('');
}

export function LineChart({
  title,
  series,
  xLabel,
  formatY = defaultFormat,
  area = false,
  height = 84,
  emptyText,
  yTop,
}: LineChartProps) {
  const n = Math.max(0, ...series.map((s) => s.values.length));
  let max = 0;
  let wholeNumbers = true;
  for (const s of series)
    for (const v of s.values) {
      if (v === null) continue;
      if (v > max) max = v;
      if (!Number.isInteger(v)) wholeNumbers = false;
    }
  const top = yTop ? yTop(max) : axisTop(max, wholeNumbers);
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const baseline = PAD.top + plotH;
  const x = (i: number): number => PAD.left + (n <= 1 ? plotW : (i / (n - 1)) * plotW);
  const y = (v: number): number => PAD.top + plotH - (v / top) * plotH;
  const summary = series
    .map((s) => {
      const vals = s.values.filter((v): v is number => v !== null);
      let at = s.values.length - 1;
      while (at >= 0 && s.values[at] === null) at--;
      const latest = at < 0 ? 'none' : formatY(s.values[at]!);
      // A latest value from before the last minute (a sparse series such as lag) says when it was.
      const when = at >= 0 && at < n - 1 ? ` (at ${xLabel(at)})` : '';
      return `${s.name}: latest ${latest}${when}, peak ${vals.length ? formatY(Math.max(...vals)) : 'none'}`;
    })
    .join('; ');
  if (emptyText !== undefined && series.every((s) => s.values.every((v) => v === null))) {
    return (
      <figure className="chart" aria-label={title}>
        <figcaption className="chart__title">{title}</figcaption>
        <p className="chart__empty">{emptyText}</p>
      </figure>
    );
  }
  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart__title">{title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        className="chart__svg"
        role="img"
        aria-label={`${title}. ${summary}`}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line className="chart__grid" x1={PAD.left} x2={W - PAD.right} y1={y(top * f)} y2={y(top * f)} />
            <text className="chart__axis" x={PAD.left - 4} y={y(top * f) + 3} textAnchor="end">
              {formatY(top * f)}
            </text>
          </g>
        ))}
        {n > 0 && (
          <>
            <text className="chart__axis" x={PAD.left} y={height - 3} textAnchor="start">
              {xLabel(0)}
            </text>
            <text className="chart__axis" x={W - PAD.right} y={height - 3} textAnchor="end">
              {xLabel(n - 1)}
            </text>
          </>
        )}
        {drawOrder(series).map((s) => (
          <g key={s.name}>
            {area && (
              <path
                d={seriesPath(s.values, x, y, baseline, true)}
                fill={s.colour}
                fillOpacity={0.15}
                stroke="none"
              />
            )}
            <path
              d={seriesPath(s.values, x, y, baseline, false)}
              fill="none"
              stroke={s.colour}
              strokeWidth={1.75}
              strokeLinejoin="round"
            />
            {isolatedPoints(s.values).map((i) => (
              <circle key={i} className="chart__dot" cx={x(i)} cy={y(s.values[i]!)} r={3} fill={s.colour} />
            ))}
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}, per simulated minute</caption>
        <thead>
          <tr>
            <th scope="col">Minute</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: n }, (_, i) => (
            <tr key={i}>
              <th scope="row">{xLabel(i)}</th>
              {series.map((s) => {
                const v = s.values[i];
                return <td key={s.name}>{v == null ? '–' : formatY(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
