/* Plain-text tables for the benchmark's report: pure functions, no I/O. */

export interface Column {
  header: string;
  /** Numbers read best right-aligned. Default 'left'. */
  align?: 'left' | 'right';
}

export interface Section {
  title: string;
  /** How the figures were measured, printed under the title. */
  method: string;
  columns: Column[];
  rows: string[][];
  /** Lines printed after the table. */
  notes?: string[];
}

/** Splits text into lines of at most `width` characters, breaking at spaces (long words stay whole). */
export const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
};

/** Columns padded to their widest cell, two spaces apart, a rule under the header. */
export const formatTable = (columns: readonly Column[], rows: readonly string[][]): string[] => {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ];
};

export const formatSection = (section: Section, width = 100): string[] => [
  `== ${section.title} ${'='.repeat(Math.max(3, width - section.title.length - 4))}`,
  ...wrap(`Method: ${section.method}`, width),
  '',
  ...formatTable(section.columns, section.rows),
  ...(section.notes && section.notes.length > 0
    ? ['', ...section.notes.flatMap((note) => wrap(note, width))]
    : []),
];

// ── numbers ─────────────────────────────────────────────────────────────────

const msDigits = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** Milliseconds: two decimals below 10 ms, one above. */
export const ms = (value: number): string =>
  Number.isFinite(value) ? `${msDigits(value)} ms` : 'n/a';

/** An interquartile range of milliseconds: `2.91–3.40 ms`. */
export const msRange = ([low, high]: readonly [number, number]): string =>
  Number.isFinite(low) && Number.isFinite(high) ? `${msDigits(low)}–${msDigits(high)} ms` : 'n/a';

export const ratio = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';

export const mib = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(1)} MiB` : 'n/a';

/** Bytes with thousands separators, and MiB beside them. */
export const bytes = (value: number): string =>
  `${Math.round(value).toLocaleString('en-US')} B (${(value / 2 ** 20).toFixed(2)} MiB)`;

/** An interquartile range of ratios: `1.21–1.35×`. */
export const ratioRange = ([low, high]: readonly [number, number]): string =>
  Number.isFinite(low) && Number.isFinite(high) ? `${low.toFixed(2)}–${high.toFixed(2)}×` : 'n/a';
