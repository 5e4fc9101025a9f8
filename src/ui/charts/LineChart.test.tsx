import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatLag, lagTop } from './lag-scale';
import { axisTop, defaultFormat, drawOrder, isolatedPoints, LineChart, type ChartSeries } from './LineChart';

const xLabel = (i: number): string => `00:${String(i).padStart(2, '0')}`;

function render(
  series: readonly ChartSeries[],
  extra: Partial<Parameters<typeof LineChart>[0]> = {},
): string {
  return renderToStaticMarkup(<LineChart title="T" series={series} xLabel={xLabel} {...extra} />);
}

/** The y axis labels, bottom to top (the x axis ends look like clock times). */
function yLabels(html: string): string[] {
  return [...html.matchAll(/<text class="chart__axis"[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^\d\d:\d\d$/.test(t));
}

/** The number a y axis label stands for ("2.5", "2.5k", "250ms", "1.5min"). */
function valueOf(label: string, ms = false): number {
  const m = /^([\d.]+)(k|ms|s|min)?$/.exec(label);
  expect(m, label).not.toBeNull();
  const n = Number(m![1]);
  const unit = m![2];
  if (unit === 'k') return n * 1000;
  if (unit === 'ms') return n;
  if (unit === 's') return n * 1000;
  if (unit === 'min') return n * 60_000;
  return ms && n !== 0 ? NaN : n;
}

describe('LineChart: isolated points (a series that only has values in separate minutes)', () => {
  const lag: ChartSeries = {
    name: 'West Europe',
    colour: '#22c55e',
    values: [null, null, 82_000, null, null],
  };

  it('draws a marker for a value with no neighbour, which a line cannot show', () => {
    const html = render([lag], { formatY: formatLag });
    const dots = [...html.matchAll(/<circle[^>]*>/g)].map((m) => m[0]);
    expect(dots).toHaveLength(1);
    expect(dots[0]).toContain('fill="#22c55e"');
    expect(dots[0]).toContain('cx="184"'); // x of step 2 of 5: 34 + 2/4 × 300
  });

  it('marks only the lone values of a series, not those a line already joins', () => {
    expect(isolatedPoints([5, null, 3, 4, null, 7])).toEqual([0, 5]);
    expect(isolatedPoints([null, 1, null, null, 2])).toEqual([1, 4]);
    expect(isolatedPoints([1, 2, 3])).toEqual([]);
    expect(isolatedPoints([9])).toEqual([0]);
    expect(isolatedPoints([])).toEqual([]);
    const joined = render([{ name: 'A', colour: '#3b82f6', values: [1, 2, 3] }]);
    expect(joined).not.toContain('<circle');
  });

  it('says in the description when a sparse series last had a value', () => {
    const html = render([lag], { formatY: formatLag });
    expect(html).toContain('aria-label="T. West Europe: latest 82s (at 00:02), peak 82s"');
    // A series with a value in the last minute reads as before.
    expect(render([{ name: 'A', colour: '#3b82f6', values: [1, 2] }])).toContain(
      'aria-label="T. A: latest 2, peak 2"',
    );
  });
});

describe('LineChart: y axis labels are exact', () => {
  const counts = (values: number[]): ChartSeries[] => [{ name: 'A', colour: '#3b82f6', values }];

  it('with no 429s at all the axis reads 0, 1, 2 (not 0, 1, 1)', () => {
    expect(yLabels(render(counts([0, 0, 0])))).toEqual(['0', '1', '2']);
  });

  it('with a peak of 5 the middle gridline is a whole number', () => {
    const labels = yLabels(render(counts([0, 5, 2])));
    expect(labels).toEqual(['0', '3', '6']);
  });

  it('every middle label is exactly half the top label, for peaks from 0 to a million', () => {
    for (const peak of [
      0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 19, 25, 49, 51, 99, 499, 999, 1001, 4_999, 9_999, 49_999, 1e6,
    ]) {
      const [zero, mid, top] = yLabels(render(counts([0, peak])));
      expect(zero).toBe('0');
      expect(valueOf(mid!) * 2, `peak ${peak}: ${mid} / ${top}`).toBe(valueOf(top!));
      expect(valueOf(top!)).toBeGreaterThanOrEqual(peak);
    }
  });

  it('fractional data keep exact fractional labels', () => {
    expect(yLabels(render(counts([0.2, 0.4])))).toEqual(['0', '0.25', '0.5']);
    expect(axisTop(4.5, false)).toBe(5);
    expect(defaultFormat(2.5)).toBe('2.5');
    expect(defaultFormat(3)).toBe('3');
    expect(defaultFormat(2500)).toBe('2.5k');
    expect(defaultFormat(25_000)).toBe('25k');
  });

  it('lag axes read in exact ms, s or min at every gridline', () => {
    const lagSeries = (peak: number): ChartSeries[] => [
      { name: 'A', colour: '#3b82f6', values: [null, peak] },
    ];
    for (const peak of [
      0.4, 3, 40, 400, 900, 1500, 4000, 9000, 45_000, 82_000, 101_000, 150_000, 290_000, 500_000, 3e6, 9e6,
    ]) {
      const [zero, mid, top] = yLabels(render(lagSeries(peak), { formatY: formatLag, yTop: lagTop }));
      expect(zero).toBe('0');
      const m = valueOf(mid!, true);
      const t = valueOf(top!, true);
      expect(m * 2, `lag ${peak}: ${mid} / ${top}`).toBeCloseTo(t, 6);
      expect(t).toBeGreaterThanOrEqual(peak);
      expect(lagTop(peak)).toBeCloseTo(t, 6);
    }
  });
});

describe('LineChart: overlapping series', () => {
  it('draws the series with the largest peak last, so it is not hidden under a flat one', () => {
    const east: ChartSeries = { name: 'East US', colour: '#3b82f6', values: [15, 0, 2, 0] };
    const west: ChartSeries = { name: 'West Europe', colour: '#22c55e', values: [0, 0, 0, 0] };
    expect(drawOrder([east, west]).map((s) => s.name)).toEqual(['West Europe', 'East US']);
    const html = render([east, west], { area: true });
    const strokes = [...html.matchAll(/stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(strokes).toEqual(['#22c55e', '#3b82f6']);
    // The legend order (the hidden table's columns) stays as given.
    expect(html.indexOf('>East US</th>')).toBeLessThan(html.indexOf('>West Europe</th>'));
  });

  it('keeps the given order among equal peaks and puts empty series first', () => {
    const s = (name: string, values: Array<number | null>): ChartSeries => ({
      name,
      colour: '#000000',
      values,
    });
    expect(drawOrder([s('a', [1]), s('b', [null]), s('c', [1]), s('d', [0])]).map((x) => x.name)).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
  });
});
