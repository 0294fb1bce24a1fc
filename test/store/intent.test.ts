import { FAILED_ATTEMPT_NOTE } from '../../src/core';
import { history } from '../../src/schema';
import type { Block, Cell } from '../../src/store/io';
import { utf8Pieces, WriteIntents, type QueuedWrite } from '../../src/store/intent';

/**
 * The write intents of a logged step without the Sheets service, on a fake grid and fake document
 * properties: every call may fail (the k-th), and whatever a failure leaves, the grid ends either
 * as before the step (its log rows cleared) or as after it, never in between; meanwhile (an
 * execution cut off before its rollback) the log rows read as a failed attempt.
 */
const NOTE_AT = history.columns.findIndex((c) => c.key === 'note');
const WIDTH = history.columns.length;

class Fake {
  cells = new Map<string, Cell>();
  props = new Map<string, string>();
  calls = 0;
  failAt = 0;

  private tick(): void {
    this.calls++;
    if (this.failAt && this.calls === this.failAt) throw new Error('Service Spreadsheets failed');
  }

  io = {
    read: (b: Block) => {
      this.tick();
      return Array.from({ length: b.numRows ?? 0 }, (_, r) =>
        Array.from({ length: b.numColumns ?? 0 }, (_, c) => this.cells.get(`${b.sheet}!${b.row + r}:${b.column + c}`) ?? ''),
      );
    },
    write: (b: Block, values: Cell[][]) => {
      this.tick();
      // Like setValues: a leading apostrophe keeps text as text and is not part of the value.
      values.forEach((row, r) =>
        row.forEach((v, c) => this.cells.set(`${b.sheet}!${b.row + r}:${b.column + c}`, typeof v === 'string' ? v.replace(/^'/, '') : v)),
      );
    },
    flush: () => this.tick(),
  };

  properties = () =>
    ({
      getProperty: (k: string) => {
        this.tick();
        return this.props.get(k) ?? null;
      },
      setProperties: (o: Record<string, string>) => {
        this.tick();
        for (const [k, v] of Object.entries(o)) this.props.set(k, v);
      },
      deleteProperty: (k: string) => {
        this.tick();
        this.props.delete(k);
      },
    }) as unknown as GoogleAppsScript.Properties.Properties;

  cell(sheet: string, row: number, column: number): Cell {
    return this.cells.get(`${sheet}!${row}:${column}`) ?? '';
  }
}

const logRow = (recordId: string, field: string, note = ''): Cell[] => {
  const row: Cell[] = new Array<Cell>(WIDTH).fill('');
  row[history.columns.findIndex((c) => c.key === 'recordId')] = recordId;
  row[history.columns.findIndex((c) => c.key === 'field')] = field;
  row[NOTE_AT] = note;
  return row;
};

/** A step: one new row (F…001) on its tab, one field of an existing row changed, two log rows. */
function step(): QueuedWrite[] {
  return [
    {
      block: { sheet: 'Log', row: 5, column: 1, numRows: 2, numColumns: WIDTH },
      values: [logRow('F20240302001', '*'), logRow('C1', 'phone', 'typed')],
      kind: 'log',
    },
    { block: { sheet: 'Data', row: 3, column: 1, numRows: 1, numColumns: 2 }, values: [['F20240302001', 'new row']], kind: 'append' },
    { block: { sheet: 'Customers', row: 2, column: 4, numRows: 1, numColumns: 1 }, values: [['13900000000']] },
  ];
}

function fresh(): Fake {
  const f = new Fake();
  f.cells.set('Customers!2:4', '13800000000');
  return f;
}

const intents = (f: Fake) => new WriteIntents(f.properties, f.io);

function before(f: Fake): void {
  expect(f.cell('Customers', 2, 4)).toBe('13800000000');
  expect(f.cell('Data', 3, 1)).toBe('');
  expect(f.cell('Data', 3, 2)).toBe('');
  for (const row of [5, 6]) for (let c = 1; c <= WIDTH; c++) expect(f.cell('Log', row, c)).toBe('');
}

function after(f: Fake): void {
  expect(f.cell('Customers', 2, 4)).toBe('13900000000');
  expect(f.cell('Data', 3, 1)).toBe('F20240302001');
  expect(f.cell('Log', 5, NOTE_AT + 1)).toBe('');
  expect(f.cell('Log', 6, NOTE_AT + 1)).toBe('typed');
}

describe('write intents without the Sheets service', () => {
  it('a step that meets no fault writes everything; the next step finds it committed and clears the intent', () => {
    const f = fresh();
    expect(intents(f).send(step())).toBe(true);
    after(f);
    intents(f).settle();
    after(f);
    expect(f.props.size).toBe(0);
  });

  it('a fault at any call leaves the grid as before (log rows cleared) or as after, and no ID of it stays on the log', () => {
    const clean = fresh();
    intents(clean).send(step());
    // (The commit is the step's last call: a fault anywhere fails the step.)
    const total = clean.calls;
    for (let k = 1; k <= total; k++) {
      const f = fresh();
      f.failAt = k;
      const w = intents(f);
      let threw = false;
      try {
        w.send(step());
      } catch {
        threw = true;
      }
      expect(threw).toBe(true);
      before(f);
      // The next step (a new execution) settles the same way whatever the first left.
      f.failAt = 0;
      const next = intents(f);
      next.settle();
      before(f);
      expect(f.props.size).toBe(0);
    }
  });

  it('an execution cut off at its commit is rolled back by the next step', () => {
    const f = fresh();
    // Every write from the commit on fails (the time limit): the rollback cannot run either.
    let writes = 0;
    const cut = {
      ...f.io,
      write: (b: Block, v: Cell[][]) => {
        if (++writes > 3) throw new Error('Exceeded maximum execution time');
        f.io.write(b, v);
      },
    };
    expect(() => new WriteIntents(f.properties, cut).send(step())).toThrow();
    expect(f.cell('Customers', 2, 4)).toBe('13900000000');
    expect(String(f.cell('Log', 5, NOTE_AT + 1)).startsWith(FAILED_ATTEMPT_NOTE)).toBe(true);
    intents(f).settle();
    before(f);
    expect(f.props.size).toBe(0);
  });

  it('a long intent goes in parts, and the parts go when it shrinks', () => {
    const f = fresh();
    const big: QueuedWrite = {
      block: { sheet: 'Customers', row: 10, column: 1, numRows: 400, numColumns: 5 },
      values: Array.from({ length: 400 }, () => ['a', 'b', 'c', 'd', 'e']),
    };
    for (let r = 10; r < 410; r++) for (let c = 1; c <= 5; c++) f.cells.set(`Customers!${r}:${c}`, `old text ${r}/${c}`);
    const seen: string[] = [];
    const props = f.properties();
    const spy = {
      ...props,
      setProperties: (o: Record<string, string>) => {
        seen.push(...Object.keys(o));
        return props.setProperties(o);
      },
    } as unknown as GoogleAppsScript.Properties.Properties;
    const sized = new WriteIntents(() => spy, f.io);
    expect(sized.send([...step(), big])).toBe(true);
    expect(seen.some((k) => k === 'crm.writeIntent.2')).toBe(true);
    after(f);
    intents(f).settle();
    expect(f.props.size).toBe(0);
  });

  it('an intent too large to keep is refused before anything is written (the caller writes as before)', () => {
    const f = fresh();
    const huge: QueuedWrite = {
      block: { sheet: 'Customers', row: 10, column: 1, numRows: 2000, numColumns: 10 },
      values: Array.from({ length: 2000 }, () => new Array<Cell>(10).fill('x')),
    };
    for (let r = 10; r < 2010; r++) for (let c = 1; c <= 10; c++) f.cells.set(`Customers!${r}:${c}`, `a previous value ${r}`);
    expect(intents(f).send([...step(), huge])).toBe(false);
    before(f);
    expect(f.cell('Log', 5, 1)).toBe('');
  });
});

describe('utf8Pieces', () => {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  it('cuts by UTF-8 bytes, never inside a surrogate pair, and joins back to the text', () => {
    const text = `${'客户'.repeat(3000)}😀${'a'.repeat(5000)}${'😀'.repeat(2000)}`;
    const pieces = utf8Pieces(text, 8000, 200000) as string[];
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) {
      expect(bytes(p)).toBeLessThanOrEqual(8000);
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p)).toBe(false);
    }
  });
  it('refuses a text over its limit', () => {
    expect(utf8Pieces('客'.repeat(70000), 8000, 200000)).toBeNull();
    expect(utf8Pieces('', 8000, 200000)).toEqual(['']);
  });
});
