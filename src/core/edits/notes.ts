import { fill, type Label, type Lang } from '../../schema';

/** Every note the CRM puts on a cell starts with this, so it can tell its own notes from people's. */
const NOTE_MARK = '⚠ CRM';
/** The highlight of a marked cell. */
export const MARK_BACKGROUND = '#fde2e1';

export function isCrmNote(note: string): boolean {
  return note.startsWith(NOTE_MARK);
}

const TEXT = {
  invalid: { zh: '{reason}。输入的内容已保留在单元格中，请修改。', en: '{reason}. What you typed is kept in the cell; please correct it.' },
  required: { zh: '必填：新行缺少此项。', en: 'Required: this new row needs a value here.' },
  restored: {
    zh: '该列由系统维护，已恢复原值“{old}”。你输入的是：{typed}',
    en: 'This column is maintained by the CRM; its value "{old}" was restored. You entered: {typed}',
  },
  pasted: {
    zh: '该列由系统维护。粘贴覆盖了原值，脚本无法得知原值，请对照“变更历史”核对（当前值：{typed}）。',
    en: 'This column is maintained by the CRM. A paste replaced its value, which scripts cannot see; check it against the History tab (now: {typed}).',
  },
  newId: {
    zh: '编号由系统分配。“{typed}”无效或与其他行重复，这一行作为新记录，编号为 {id}。',
    en: 'IDs are assigned by the CRM. "{typed}" is not valid or is used by another row, so this row is a new record with ID {id}.',
  },
  forbiddenRestored: {
    zh: '你的角色（{role}）不能修改这条记录，已恢复原值“{old}”。你输入的是：{typed}',
    en: 'Your role ({role}) may not change this record; its value "{old}" was restored. You entered: {typed}',
  },
  forbidden: {
    zh: '你的角色（{role}）不能修改这条记录，此修改未被采纳，请联系管理员或经理（原值见“变更历史”）。',
    en: 'Your role ({role}) may not change this record; this change is not accepted. Ask an admin or a manager (earlier values are on the History tab).',
  },
  forbiddenNew: {
    zh: '你的角色（{role}）不能在此表新建记录，这一行未被采纳（内容保留在单元格中）。',
    en: 'Your role ({role}) may not create records in this table; this row is not accepted (its content stays in the cells).',
  },
  cleared: {
    zh: '整行（含编号）被清除。若这里原是一条记录，其内容可在“变更历史”中找回；删除记录请用侧边栏的删除功能。',
    en: 'The whole row, ID included, was cleared. If it held a record, its values are on the History tab; delete records from the sidebar instead.',
  },
  busy: {
    zh: '系统繁忙，这次修改尚未检查（编号、时间戳未写入）。请稍后再编辑一次这个单元格。',
    en: 'Busy: this edit was not checked yet (no ID or stamps written). Edit the cell again in a moment.',
  },
  unchecked: {
    zh: '这次修改尚未检查，也未记入变更历史（{reason}）。请再编辑一次这个单元格（输入同样的值即可）。',
    en: 'This edit was not checked or logged yet ({reason}). Edit the cell again (typing the same value will do).',
  },
  broken: { zh: '无法处理这次修改：{reason}', en: 'This edit could not be processed: {reason}' },
} as const satisfies Record<string, Label>;

export type NoteKey = keyof typeof TEXT;

/** A note in the workbook's language, starting with NOTE_MARK. */
export function noteText(key: NoteKey, lang: Lang, params: Record<string, string | number> = {}): string {
  const body = fill(TEXT[key], lang, params);
  return `${NOTE_MARK}${lang === 'zh' ? '：' : ': '}${body}`;
}
