import { pinyin } from 'pinyin-pro';
import { customers } from '../../src/schema';
import { searchRows } from '../../src/core';
import { initialsOf, initialSets, matchInitials } from '../../src/core/pinyin';

describe('search: pinyin initials, width, phones', () => {
  const rows = [
    { id: 'C20240101001', name: '华为技术有限公司', phone: '138-0013-8000', updatedAt: '2024-01-01 10:00' },
    { id: 'C20240101002', name: '重庆银行', phone: '+86 139 0013 9000', updatedAt: '2024-01-02 10:00' },
    { id: 'C20240101003', name: 'ＩＢＭ中国', contactName: '王小明', updatedAt: '2024-01-03 10:00' },
  ];
  const names = (q: string) => searchRows(customers, rows, q).items.map((r) => r.name);
  it('finds by initials of any reading, full/half width, partial names and phones with or without separators or +86', () => {
    expect(names('hwjs')).toEqual(['华为技术有限公司']);
    expect(names('HWJS')).toEqual(['华为技术有限公司']);
    expect(names('cqyh')).toEqual(['重庆银行']);
    expect(names('zqyh')).toEqual(['重庆银行']);
    expect(names('ibm')).toEqual(['ＩＢＭ中国']);
    expect(names('ibmzg')).toEqual(['ＩＢＭ中国']);
    expect(names('wxm')).toEqual(['ＩＢＭ中国']);
    expect(names('技术')).toEqual(['华为技术有限公司']);
    expect(names('13800138000')).toEqual(['华为技术有限公司']);
    expect(names('139-0013-9000')).toEqual(['重庆银行']);
    expect(names('+8613800138000')).toEqual(['华为技术有限公司']);
  });
  it('keeps the generated table in step with pinyin-pro', () => {
    const sample = '华为技术有限公司腾讯阿里巴巴京东美团字节跳动小米比亚迪宁德时代格力美的海尔联想中兴';
    expect(initialsOf(sample)).toBe(pinyin(sample, { pattern: 'first', toneType: 'none', type: 'array' }).join('').replace('dd', 'dd'));
    expect(initialSets('重')[0]).toContain('c');
    expect(matchInitials(initialSets('华为技术'), 'wj')).toBe('inside');
  });
});
