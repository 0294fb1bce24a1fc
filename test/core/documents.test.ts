import {
  customerFolderName,
  documentFileName,
  documentLines,
  formatMoney,
  lineRows,
  placeholderOf,
  placeholderPattern,
  placeholderValues,
  templateProblems,
} from '../../src/core/workflows';

describe('documents (pure)', () => {
  it('knows placeholders by either name, any case and spacing, and says what a template lacks or names wrongly', () => {
    expect(placeholderOf('单号')).toBe('number');
    expect(placeholderOf(' Customer   Name ')).toBe('customerName');
    expect(placeholderOf('客户')).toBeNull();
    expect(templateProblems('{{单号}} {{客户}} {{x}} {{客户}}')).toEqual({ unknown: ['客户', 'x'], missing: ['total'] });
    expect(templateProblems('{{number}} {{TOTAL}}')).toEqual({ unknown: [], missing: [] });
  });

  it('matches a placeholder literally as a regular expression', () => {
    const re = new RegExp(placeholderPattern('customer name (a.b)'), 'g');
    expect('x {{customer name (a.b)}} {{customer name (aXb)}}'.replace(re, 'Y')).toBe('x Y {{customer name (aXb)}}');
  });

  it('prints a quote’s live lines in ID order with amounts, and its total', () => {
    const lines = [
      { id: 'D2', docType: '报价单', docId: 'Q1', product: 'B', quantity: 10, unitPrice: 980, discount: 10 },
      { id: 'D1', docType: '报价单', docId: 'Q1', product: 'A', quantity: 3, unitPrice: 12500 },
      { id: 'D3', docType: '报价单', docId: 'Q1', product: 'gone', quantity: 1, unitPrice: 1, deleted: true },
      { id: 'D4', docType: '订单', docId: 'Q1', product: 'order line', quantity: 1, unitPrice: 1 },
    ];
    const mine = documentLines('quotes', 'Q1', lines);
    expect(lineRows(mine)).toEqual([
      ['A', '3', '¥12,500.00', '', '¥37,500.00'],
      ['B', '10', '¥980.00', '10%', '¥8,820.00'],
    ]);
    const values = placeholderValues({
      table: 'quotes',
      record: { id: 'Q1', quoteDate: '2026-11-01', validUntil: '2026-12-31', terms: 'T' },
      customer: { id: 'C1', name: '星辰', contactName: '张三' },
      lines: mine,
      contact: null,
      ownerName: '王芳',
    });
    expect(values).toMatchObject({ title: '报价单 Quotation', number: 'Q1', total: '¥46,320.00', contact: '张三', owner: '王芳' });
    expect(formatMoney(1234567.5)).toBe('¥1,234,567.50');
    expect(formatMoney(0)).toBe('¥0.00');
  });

  it('names files and folders safely for Drive', () => {
    expect(documentFileName('contracts', { id: 'K1', contractNo: 'HT/2026:1' })).toBe('合同 Contract HT_2026_1.pdf');
    expect(customerFolderName({ id: 'C1', name: 'A/B 公司' })).toBe('C1 A_B 公司');
  });
});
