import { customers } from '../../src/schema';
import { MAX_SPAN_GAP, readLayout, spanBlocks } from '../../src/store';

const header = customers.columns.map((c) => c.label.zh);
const layout = readLayout(customers, header);
const at = (k: string) => layout.index.get(k) as number;
const row = (tag: string) => header.map((_, i) => `${tag}:${i}`);

describe('spanBlocks', () => {
  it('writes the run holding updatedAt (the edit token) first and rewrites untouched rows in a span as read', () => {
    const fresh = new Map([
      [2, row('new2')],
      [4, row('new4')],
    ]);
    const blocks = spanBlocks(layout, ['name', 'updatedAt', 'updatedBy'], fresh, (r) => row(`read${r}`));
    expect(blocks[0].column - 1).toBeLessThanOrEqual(at('updatedAt'));
    expect(blocks[0].column - 1 + blocks[0].values[0].length).toBeGreaterThan(at('updatedAt'));
    const name = blocks.find((b) => b.column - 1 === at('name'));
    expect(name?.values.map((v) => v[0])).toEqual([`new2:${at('name')}`, `read3:${at('name')}`, `new4:${at('name')}`]);
  });

  it('splits rows far apart into separate blocks instead of one tall one', () => {
    const far = 2 + MAX_SPAN_GAP + 1;
    const blocks = spanBlocks(
      layout,
      ['deleted'],
      new Map([
        [2, row('a')],
        [far, row('b')],
      ]),
      (r) => row(`read${r}`),
    );
    expect(blocks.map((b) => [b.row, b.values.length])).toEqual([
      [2, 1],
      [far, 1],
    ]);
  });
});
