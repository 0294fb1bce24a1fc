import { bool, datetime, listed, longText, money, oneOf, text } from '../field';
import { SETTING_TYPES } from '../options';
import { defineTable } from '../table';

/**
 * One settings tab, one row per setting, so every execution reads all settings in one call:
 * users (key = email, value = display name, role, team), option lists (key = list, value = zh
 * value, en = English label) and parameters (key = parameter, value).
 */
export const settings = defineTable({
  key: 'settings',
  record: { zh: '设置', en: 'setting' },
  tab: { zh: '设置', en: 'Settings' },
  kind: 'settings',
  prefix: null,
  titleField: 'key',
  fields: {
    type: oneOf({ zh: '类型', en: 'Type' }, SETTING_TYPES, { required: true }),
    key: text({ zh: '键', en: 'Key' }, { required: true, max: 200, aliases: ['邮箱', '列表', '参数'] }),
    value: text({ zh: '值', en: 'Value' }, { max: 2000 }),
    en: text({ zh: '英文', en: 'English' }, { max: 200 }),
    role: text({ zh: '角色', en: 'Role' }, { max: 40 }),
    team: text({ zh: '团队', en: 'Team' }, { max: 100 }),
    note: text({ zh: '说明', en: 'Note' }),
  },
});

export const products = defineTable({
  key: 'products',
  glance: ['code', 'unitPrice'],
  record: { zh: '产品', en: 'product' },
  writers: [],
  tab: { zh: '产品', en: 'Products' },
  prefix: 'G',
  titleField: 'name',
  fields: {
    name: text({ zh: '产品名称', en: 'Product name' }, { required: true, unique: true, max: 200, aliases: ['名称', '产品'] }),
    code: text({ zh: '产品编码', en: 'SKU' }, { max: 60, aliases: ['编码', 'code'] }),
    category: listed({ zh: '产品类别', en: 'Category' }, 'productCategory', { aliases: ['类别'] }),
    unit: text({ zh: '单位', en: 'Unit' }, { max: 20 }),
    unitPrice: money({ zh: '标准单价', en: 'List price' }, { aliases: ['单价', 'price'] }),
    active: bool({ zh: '在售', en: 'Active' }),
    description: longText({ zh: '描述', en: 'Description' }),
  },
});

/** Append-only change log: one row per changed field. */
export const history = defineTable({
  key: 'history',
  record: { zh: '变更', en: 'change' },
  tab: { zh: '变更历史', en: 'History' },
  kind: 'log',
  prefix: null,
  titleField: 'recordId',
  fields: {
    time: datetime({ zh: '时间', en: 'Time' }, { required: true }),
    user: text({ zh: '用户', en: 'User' }, { max: 200 }),
    table: text({ zh: '表', en: 'Table' }, { required: true, max: 40 }),
    recordId: text({ zh: '记录编号', en: 'Record ID' }, { required: true, max: 40 }),
    field: text({ zh: '字段', en: 'Field' }, { max: 60 }),
    oldValue: longText({ zh: '原值', en: 'Old value' }),
    newValue: longText({ zh: '新值', en: 'New value' }),
    source: text({ zh: '来源', en: 'Source' }, { max: 20 }),
    note: text({ zh: '说明', en: 'Note' }),
  },
});
