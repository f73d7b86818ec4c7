import {
  bytes,
  formatSection,
  formatTable,
  ms,
  msRange,
  ratio,
  ratioRange,
  wrap,
} from '../../bench/table.js';

describe('wrap', () => {
  it('breaks at spaces without exceeding the width', () => {
    expect(wrap('the quick brown fox jumps over the lazy dog', 10)).toEqual([
      'the quick',
      'brown fox',
      'jumps over',
      'the lazy',
      'dog',
    ]);
  });

  it('keeps a word longer than the width whole, on its own line', () => {
    expect(wrap('GET /backoffice/Notification/WebhookNotifications/RewindEvents now', 20)).toEqual([
      'GET',
      '/backoffice/Notification/WebhookNotifications/RewindEvents',
      'now',
    ]);
  });

  it('answers no line for blank text', () => {
    expect(wrap('   ', 10)).toEqual([]);
  });
});

describe('formatTable', () => {
  it('pads each column to its widest cell, aligns numbers right and rules the header', () => {
    expect(
      formatTable(
        [{ header: 'operation' }, { header: 'requests', align: 'right' }, { header: 'note' }],
        [
          ['Update', '1', ''],
          ['Find Customer by email', '2', 'two'],
        ],
      ),
    ).toEqual([
      'operation               requests  note',
      '----------------------  --------  ----',
      'Update                         1',
      'Find Customer by email         2  two',
    ]);
  });

  it('treats a missing cell as empty', () => {
    expect(formatTable([{ header: 'a' }, { header: 'b', align: 'right' }], [['x']])).toEqual([
      'a  b',
      '-  -',
      'x',
    ]);
  });
});

describe('formatSection', () => {
  it('prints the title, the wrapped method, the table and the notes', () => {
    expect(
      formatSection(
        {
          title: 'Build size',
          method: 'two builds, compared',
          columns: [{ header: 'zip' }, { header: 'size', align: 'right' }],
          rows: [['app', '12 B']],
          notes: ['one note'],
        },
        24,
      ),
    ).toEqual([
      '== Build size ==========',
      'Method: two builds,',
      'compared',
      '',
      'zip  size',
      '---  ----',
      'app  12 B',
      '',
      'one note',
    ]);
  });
});

describe('number formats', () => {
  it('shows milliseconds with two decimals below 10 and one above', () => {
    expect([ms(0.456), ms(9.999), ms(12.34), ms(NaN)]).toEqual([
      '0.46 ms',
      '10.00 ms',
      '12.3 ms',
      'n/a',
    ]);
    expect(msRange([2.914, 13.46])).toEqual('2.91–13.5 ms');
  });

  it('shows ratios and their ranges with two decimals', () => {
    expect([ratio(4.756), ratio(Infinity), ratioRange([1.214, 1.356])]).toEqual([
      '4.76×',
      'n/a',
      '1.21–1.36×',
    ]);
  });

  it('shows bytes with separators and MiB', () => {
    expect(bytes(1_266_078)).toBe('1,266,078 B (1.21 MiB)');
  });
});
