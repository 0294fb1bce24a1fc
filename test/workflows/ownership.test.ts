import { as, created, historyRows, rowsOf, save } from '../integrity/helpers';
import { addUsers } from '../integrity/helpers';
import type { Crm } from '../integration/harness';
import { freshIntake, tabRows } from '../intake/helpers';
import { addSettings, ownerOf, REPS, setParam, withReps } from './ownershipHelpers';

/**
 * Assignment rules and the shared pool (公海), through the built bundle: docs/SALES_TEAM.md.
 */
describe('assignment rules', () => {
  const crm = withReps();
  addSettings(crm, [
    ['规则', '制造业给华东', '行业:制造业', '华东'],
    ['规则', '北京', '区域:北京', '华北'],
    ['规则', '其余', '*', 'rep3@example.com'],
  ]);

  it("a region rule round-robins among the team's sales reps, in settings order, across executions", () => {
    const owners = [1, 2, 3, 4].map((i) =>
      ownerOf(crm, 'customers', created(crm, 'customers', { name: `北京客户${i}`, region: '北京市海淀区' }).id),
    );
    expect(owners).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com', 'a1@example.com']);
  });

  it('an industry rule (zh value or English label) picks its team; the first matching rule wins', () => {
    const c = created(crm, 'customers', { name: '工厂甲', industry: 'Manufacturing', region: '北京' });
    // 华东 round-robin: rep1, rep2 (the manager is not a sales rep).
    expect(ownerOf(crm, 'customers', c.id)).toBe('rep1@example.com');
    const d = created(crm, 'customers', { name: '工厂乙', industry: '制造业' });
    expect(ownerOf(crm, 'customers', d.id)).toBe('rep2@example.com');
    const e = created(crm, 'customers', { name: '杂项', region: '上海' });
    expect(ownerOf(crm, 'customers', e.id)).toBe('rep3@example.com');
  });

  it('a given owner is kept; a sales rep creating a record keeps it', () => {
    const c = created(crm, 'customers', { name: '北京指定', region: '北京', owner: 'a3@example.com' });
    expect(ownerOf(crm, 'customers', c.id)).toBe('a3@example.com');
    const mine = as(crm, 'a2@example.com', () => created(crm, 'customers', { name: '北京自建', region: '北京' }));
    expect(ownerOf(crm, 'customers', mine.id)).toBe('a2@example.com');
  });

  it('every assignment is in the history (source assign, the rule) and mailed to the new owner', () => {
    const before = crm.rt.mail.length;
    const c = created(crm, 'leads', { company: '北京线索', industry: '制造业' });
    const owner = ownerOf(crm, 'leads', c.id);
    const row = historyRows(crm).find((h) => h.recordId === c.id && h.field === 'owner');
    expect(row).toMatchObject({ source: 'assign', newValue: owner, note: '规则“制造业给华东”' });
    const mail = crm.rt.mail.slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: owner });
    expect(JSON.stringify(mail[0])).toContain('分配给你');
    expect(JSON.stringify(mail[0])).toContain('制造业给华东');
  });
});

describe('the open-lead cap', () => {
  const crm = withReps();
  addSettings(crm, [['规则', '全部', 'any', '华北']]);
  setParam(crm, 'assignLeadCap', '2');

  it('skips reps at the cap; with everyone at the cap the lead goes to the pool', () => {
    // a1 already has two open leads (created by the admin, given to a1).
    created(crm, 'leads', { company: '已有1', owner: 'a1@example.com' });
    created(crm, 'leads', { company: '已有2', owner: 'a1@example.com' });
    const owners = [1, 2, 3, 4, 5].map((i) => ownerOf(crm, 'leads', created(crm, 'leads', { company: `新线索${i}` }).id));
    expect(owners).toEqual(['a2@example.com', 'a3@example.com', 'a2@example.com', 'a3@example.com', '公海']);
    const last = rowsOf(crm, 'leads').find((r) => r.cells.company === '新线索5');
    expect(last?.cells.poolSince).toBeTruthy();
    const log = historyRows(crm).find((h) => h.recordId === last?.cells.id && h.field === 'owner');
    expect(log).toMatchObject({ source: 'assign', newValue: '公海' });
  });

  it('a converted or disqualified lead does not count toward the cap', () => {
    const lead = rowsOf(crm, 'leads').find((r) => r.cells.company === '新线索1');
    const got = crm.call<{ version: number }>('getRecord', 'leads', lead?.cells.id);
    expect(save(crm, 'leads', { id: lead?.cells.id, version: got.version, status: '无效' }).ok).toBe(true);
    const c = created(crm, 'leads', { company: '又一条' });
    expect(ownerOf(crm, 'leads', c.id)).toBe('a2@example.com');
  });
});

describe('form submissions are assigned by the rules', () => {
  it('each new lead from the form goes round the team; a matched industry goes to its rep; duplicates are not assigned', () => {
    const crm = freshIntake();
    addUsers(crm as unknown as Crm, REPS);
    addSettings(crm as unknown as Crm, [
      ['规则', '建筑给阿三', '行业:建筑业', 'a3@example.com'],
      ['规则', '其余轮流', '*', '华北'],
    ]);
    const made = crm.call<{ ok: boolean; formId: string }>('createLeadForm');
    expect(made.ok).toBe(true);
    const mailFrom = crm.rt.mail.length;
    const phones = new Map<string, string>();
    const submit = (company: string, industry?: string) => {
      if (!phones.has(company)) phones.set(company, `1391234${String(5000 + phones.size)}`);
      return crm.submit(made.formId, {
        公司名称: company,
        电话: phones.get(company) as string,
        ...(industry ? { 所属行业: industry } : {}),
      });
    };
    ['表单甲公司', '表单乙公司', '表单丙公司', '表单丁公司'].forEach((c) => submit(c));
    submit('表单建筑公司', '建筑业');
    submit('表单甲公司'); // the same company again: linked, not a new lead
    const leads = tabRows(crm.rt, '潜在客户');
    const owner = (company: string) => leads.filter((l) => l['公司名称'] === company).map((l) => l['负责人']);
    expect(['表单甲公司', '表单乙公司', '表单丙公司', '表单丁公司'].map(owner)).toEqual([
      ['a1@example.com'],
      ['a2@example.com'],
      ['a3@example.com'],
      ['a1@example.com'],
    ]);
    expect(owner('表单建筑公司')).toEqual(['a3@example.com']);
    const assigned = crm.rt.mail.slice(mailFrom).filter((m) => m.subject.includes('分配给你'));
    expect(assigned.map((m) => m.to)).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com', 'a1@example.com', 'a3@example.com']);
    const log = tabRows(crm.rt, '变更历史').filter((h) => h['来源'] === 'assign');
    expect(log).toHaveLength(5);
  });
});

describe('imports are assigned by the rules', () => {
  it('rows without an owner go round the team; a given owner is kept; one history row and mail each', () => {
    const crm = withReps();
    addSettings(crm, [['规则', '全部轮流', '*', '华北']]);
    const mailFrom = crm.rt.mail.length;
    const csv = '客户名称,负责人\n导入甲公司,\n导入乙公司,\n导入丙公司,rep3@example.com\n导入丁公司,\n';
    const r = crm.call<{ ok: boolean; written?: { created: number } }>('importRecords', 'customers', csv, { mode: 'commit' });
    expect(r).toMatchObject({ ok: true, written: { created: 4 } });
    const owners = ['导入甲公司', '导入乙公司', '导入丙公司', '导入丁公司'].map(
      (n) => rowsOf(crm, 'customers').find((x) => x.cells.name === n)?.cells.owner,
    );
    expect(owners).toEqual(['a1@example.com', 'a2@example.com', 'rep3@example.com', 'a3@example.com']);
    expect(historyRows(crm).filter((h) => h.source === 'assign')).toHaveLength(3);
    expect(
      crm.rt.mail
        .slice(mailFrom)
        .filter((m) => m.subject.includes('分配给你'))
        .map((m) => m.to),
    ).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com']);
    // The next record continues the round: a1 again.
    expect(ownerOf(crm, 'customers', created(crm, 'customers', { name: '之后新建' }).id)).toBe('a1@example.com');
  });
});
