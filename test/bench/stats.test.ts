import { describeSummary, summarise } from '../../bench/stats.js';

describe('summarise', () => {
  it('answers the median, p95 and interquartile range by linear interpolation', () => {
    expect(summarise([5, 1, 4, 2, 3])).toEqual({
      runs: 5,
      median: 3,
      p95: 4.8,
      min: 1,
      max: 5,
      iqr: [2, 4],
    });
    expect(summarise([10, 20])).toMatchObject({ median: 15, iqr: [12.5, 17.5] });
  });

  it('answers NaN figures for no runs', () => {
    expect(summarise([])).toEqual({
      runs: 0,
      median: NaN,
      p95: NaN,
      min: NaN,
      max: NaN,
      iqr: [NaN, NaN],
    });
  });

  it('describes a summary in one line', () => {
    expect(describeSummary(summarise([12.31, 11.94, 13.02]), 'ms')).toBe(
      '12.3 ms (IQR 12.1–12.7, n=3)',
    );
  });
});
