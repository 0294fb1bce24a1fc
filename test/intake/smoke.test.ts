import { formModel } from '../../src/runtime';
import { freshIntake, tabRows } from './helpers';

describe('lead form smoke', () => {
  it('creates a form, submits, makes a lead', () => {
    const crm = freshIntake();
    const made = crm.call<{ ok: boolean; formId: string; mapping: Record<string, string> }>('createLeadForm');
    expect(made.ok).toBe(true);
    const form = formModel(crm.rt, made.formId);
    expect(form.items.map((i) => [i.title, i.type, i.required])).toEqual([
      ['公司名称', 'TEXT', true], ['联系人', 'TEXT', false], ['电话', 'TEXT', false], ['邮箱', 'TEXT', false], ['所属行业', 'MULTIPLE_CHOICE', false], ['备注', 'PARAGRAPH_TEXT', false],
    ]);
    crm.rt.resetStats();
    const s = crm.submit(made.formId, { 公司名称: '杭州云帆', 电话: '138 0013 8000', 所属行业: '制造业' });
    const stats = crm.rt.stats();
    console.log(JSON.stringify(s), stats.roundTrips, stats.cellsRead, stats.cellsWritten, JSON.stringify(stats.byMethod));
    expect(s.fired).toEqual([expect.objectContaining({ ok: true })]);
    console.log(JSON.stringify(tabRows(crm.rt, '潜在客户')), JSON.stringify(tabRows(crm.rt, '表单待处理')));
    const dup = crm.submit(made.formId, { 公司名称: '另一家', 电话: '+86 13800138000' });
    console.log(JSON.stringify(dup), JSON.stringify(tabRows(crm.rt, '表单待处理')), JSON.stringify(crm.rt.mail));
    crm.rt.resetStats();
    const d = crm.call('findDuplicates', 'customers', { name: '杭州云帆', phone: '13800138000' });
    console.log(JSON.stringify(d), JSON.stringify(crm.rt.stats()));
  });
});
