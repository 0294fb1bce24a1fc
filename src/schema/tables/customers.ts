import { poolFields } from '../pool';
import { bool, date, email, listed, longText, money, oneOf, phone, ref, tags, text, user } from '../field';
import { COMPANY_SIZES, CUSTOMER_KINDS, GRADES, LEAD_STATUSES, LIFECYCLES } from '../options';
import { defineTable } from '../table';

export const customers = defineTable({
  key: 'customers',
  glance: ['id', 'contactName', 'phone', 'lifecycle'],
  ownsChildren: true,
  record: { zh: '客户', en: 'customer' },
  tab: { zh: '客户信息', en: 'Customers' },
  prefix: 'C',
  titleField: 'name',
  searchable: true,
  fields: {
    name: text(
      { zh: '客户名称', en: 'Customer name' },
      { required: true, unique: true, max: 200, aliases: ['公司名称', '企业名称', 'company', 'company name', 'name'] },
    ),
    industry: listed({ zh: '所属行业', en: 'Industry' }, 'industry', { aliases: ['行业'] }),
    size: oneOf({ zh: '公司规模', en: 'Company size' }, COMPANY_SIZES, { aliases: ['规模', 'employees'] }),
    region: text({ zh: '区域', en: 'Region' }, { max: 100, aliases: ['地区', '省市', 'province', 'city'] }),
    address: text({ zh: '注册地址', en: 'Address' }, { aliases: ['地址'] }),
    contactName: text({ zh: '联系人姓名', en: 'Contact name' }, { max: 100, aliases: ['联系人', 'contact'] }),
    contactTitle: text({ zh: '联系人职务', en: 'Contact title' }, { max: 100, aliases: ['职务', '职位'] }),
    phone: phone({ zh: '联系方式', en: 'Phone' }, { aliases: ['电话', '手机', '联系电话', 'mobile', 'tel'] }),
    email: email({ zh: '邮箱', en: 'Email' }, { aliases: ['电子邮件', '电子邮箱', 'e-mail'] }),
    firstDealDate: date({ zh: '首次合作时间', en: 'First deal date' }, { derived: true, aliases: ['首次合作日期'] }),
    products: text({ zh: '合作产品/服务', en: 'Products / services' }, { aliases: ['合作产品', '产品'] }),
    lifetimeAmount: money({ zh: '历史合作金额', en: 'Lifetime amount' }, { derived: true, aliases: ['合作金额', '累计金额'] }),
    tags: tags({ zh: '客户标签', en: 'Tags' }, 'tag', { aliases: ['标签'] }),
    grade: oneOf({ zh: '客户等级', en: 'Grade' }, GRADES, { derived: true, aliases: ['等级'], initial: 'initialOption' }),
    lifecycle: oneOf({ zh: '生命周期', en: 'Lifecycle' }, LIFECYCLES, {
      aliases: ['生命周期阶段', 'lifecycle stage'],
      initial: 'initialOption',
    }),
    kind: oneOf({ zh: '客户性质', en: 'Customer kind' }, CUSTOMER_KINDS, { aliases: ['客户类型', 'type'] }),
    owner: user({ zh: '负责人', en: 'Owner' }, { required: true, aliases: ['客户负责人', '销售', 'sales rep'] }),
    source: listed({ zh: '来源', en: 'Source' }, 'source', { aliases: ['客户来源', 'lead source'] }),
    notes: longText({ zh: '备注', en: 'Notes' }, { aliases: ['note', 'remarks'] }),
    ...poolFields(),
  },
});

export const contacts = defineTable({
  key: 'contacts',
  glance: ['title', 'phone', 'email'],
  record: { zh: '联系人', en: 'contact' },
  customer360: 1,
  tab: { zh: '联系人', en: 'Contacts' },
  // Self-service access (selfService, portalKey) is granted by service too (src/server/portal).
  maintainers: ['service'],
  prefix: 'P',
  titleField: 'name',
  searchable: true,
  fields: {
    customerId: ref({ zh: '客户编号', en: 'Customer ID' }, 'customers', { required: true, aliases: ['客户ID', 'customer'] }),
    name: text({ zh: '姓名', en: 'Name' }, { required: true, max: 100, aliases: ['联系人姓名', 'contact name'] }),
    title: text({ zh: '职务', en: 'Title' }, { max: 100, aliases: ['职位', 'position'] }),
    phone: phone({ zh: '电话', en: 'Phone' }, { aliases: ['联系方式', '手机', 'mobile'] }),
    email: email({ zh: '邮箱', en: 'Email' }, { aliases: ['电子邮件', 'e-mail'] }),
    // Mail merge skips an unsubscribed address everywhere it appears (docs/WORKSPACE.md).
    unsubscribed: bool({ zh: '退订', en: 'Unsubscribed' }, { aliases: ['退订邮件', 'unsubscribe'] }),
    isPrimary: bool({ zh: '主要联系人', en: 'Primary contact' }, { aliases: ['首要联系人', 'primary'] }),
    reportsTo: ref({ zh: '上级联系人', en: 'Reports to' }, 'contacts', { aliases: ['上级'] }),
    notes: longText({ zh: '备注', en: 'Notes' }),
    // Self-service (docs/SELF_SERVICE.md): set only by grantSelfService / revokeSelfService (service or admin).
    selfService: bool({ zh: '自助门户', en: 'Self-service' }, { derived: true }),
    portalKey: text({ zh: '门户链接摘要', en: 'Portal link hash' }, { derived: true, max: 64 }),
  },
});

export const leads = defineTable({
  key: 'leads',
  glance: ['contactName', 'phone', 'status'],
  ownsChildren: true,
  record: { zh: '潜在客户', en: 'lead' },
  tab: { zh: '潜在客户', en: 'Leads' },
  prefix: 'L',
  titleField: 'company',
  searchable: true,
  fields: {
    company: text({ zh: '公司名称', en: 'Company' }, { required: true, max: 200, aliases: ['客户名称', 'company name'] }),
    contactName: text({ zh: '联系人', en: 'Contact name' }, { max: 100, aliases: ['联系人姓名'] }),
    phone: phone({ zh: '电话', en: 'Phone' }, { aliases: ['联系方式', '手机'] }),
    email: email({ zh: '邮箱', en: 'Email' }, { aliases: ['电子邮件'] }),
    unsubscribed: bool({ zh: '退订', en: 'Unsubscribed' }, { aliases: ['退订邮件', 'unsubscribe'] }),
    industry: listed({ zh: '所属行业', en: 'Industry' }, 'industry', { aliases: ['行业'] }),
    source: listed({ zh: '来源', en: 'Source' }, 'source', { aliases: ['线索来源'] }),
    owner: user({ zh: '负责人', en: 'Owner' }, { required: true }),
    status: oneOf({ zh: '状态', en: 'Status' }, LEAD_STATUSES, { aliases: ['线索状态'], initial: 'initialOption' }),
    convertedCustomerId: ref({ zh: '转化客户编号', en: 'Converted customer ID' }, 'customers', { derived: true }),
    convertedAt: date({ zh: '转化日期', en: 'Converted at' }, { derived: true }),
    notes: longText({ zh: '备注', en: 'Notes' }),
    ...poolFields(),
  },
});
