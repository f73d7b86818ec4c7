/*
 * Summaries of repeated measurements, since one run on a shared machine says little: the median,
 * and the spread as the interquartile range.
 */

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** Interquartile range: the middle half of the runs lies within it. */
  iqr: [number, number];
}

const quantile = (sorted: number[], q: number): number => {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] ?? NaN;
  const highValue = sorted[high] ?? NaN;
  return lowValue + (highValue - lowValue) * (position - low);
};

export const summarise = (values: number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    iqr: [quantile(sorted, 0.25), quantile(sorted, 0.75)],
  };
};

const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** `12.3 ms (IQR 11.9–13.0, n=15)` */
export const describeSummary = (summary: Summary, unit: string, digits = 1): string =>
  `${round(summary.median, digits)} ${unit} (IQR ${round(summary.iqr[0], digits)}–${round(summary.iqr[1], digits)}, n=${summary.runs})`;
