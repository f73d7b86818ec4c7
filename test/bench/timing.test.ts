import { timePaired, timeRuns } from '../../bench/timing.js';

describe('timePaired', () => {
  it('warms up, then alternates which side goes first, passing each run its index', async () => {
    const calls: string[] = [];
    const result = await timePaired({
      warmup: 2,
      runs: 4,
      app: (index) => Promise.resolve(calls.push(`app ${index}`)),
      baseline: (index) => Promise.resolve(calls.push(`fetch ${index}`)),
    });
    expect(calls).toEqual([
      'app 0',
      'fetch 0',
      'app 1',
      'fetch 1',
      'app 2',
      'fetch 2',
      'fetch 3',
      'app 3',
      'app 4',
      'fetch 4',
      'fetch 5',
      'app 5',
    ]);
    expect(result.samples.app).toHaveLength(4);
    expect(result.samples.baseline).toHaveLength(4);
    expect(result.app.runs).toBe(4);
    expect(result.pairRatio.runs).toBe(4);
    expect(result.ratio.median).toBe(result.app.median / result.baseline.median);
    expect(result.ratio.p95).toBe(result.app.p95 / result.baseline.median);
  });
});

describe('timeRuns', () => {
  it('runs the warm-up untimed, then times each run', async () => {
    const indexes: number[] = [];
    const result = await timeRuns(3, 2, (index) => Promise.resolve(indexes.push(index)));
    expect(indexes).toEqual([0, 1, 2, 3, 4]);
    expect(result.samples).toHaveLength(2);
    expect(result.summary.runs).toBe(2);
  });
});
