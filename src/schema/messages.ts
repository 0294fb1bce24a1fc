import { fill, type Label, type Lang } from './i18n';

/** Every validation and API message, in both languages. `{x}` placeholders are filled by `format`. */
export const MESSAGES = {
  required: { zh: '必填', en: 'Required' },
  invalid_type: { zh: '类型不正确', en: 'Wrong type of value' },
  too_long: { zh: '内容过长', en: 'Too long' },
  too_large: { zh: '数值过大', en: 'Number too large' },
  email: { zh: '邮箱格式不正确', en: 'Not a valid email address' },
  phone: { zh: '电话格式不正确（手机号或带区号的座机）', en: 'Not a valid phone number (mobile, or landline with area code)' },
  url: { zh: '链接需以 http:// 或 https:// 开头', en: 'A link must start with http:// or https://' },
  date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  datetime: { zh: '时间格式应为 YYYY-MM-DD HH:mm', en: 'Time must be YYYY-MM-DD HH:mm' },
  month: { zh: '月份格式应为 YYYY-MM（如 2026-03）', en: 'Month must be YYYY-MM (e.g. 2026-03)' },
  number: { zh: '应为数字', en: 'Must be a number' },
  non_negative: { zh: '不能为负数', en: 'Must not be negative' },
  integer: { zh: '应为整数', en: 'Must be a whole number' },
  percent_range: { zh: '应在 0 到 100 之间', en: 'Must be between 0 and 100' },
  score_range: { zh: '应为 1 到 5 的整数', en: 'Must be a whole number from 1 to 5' },
  boolean: { zh: '应为 是/否', en: 'Must be yes or no' },
  enum: { zh: '不是可选值：{options}', en: 'Not one of: {options}' },
  option: { zh: '“{value}”不在选项列表中（管理员可在设置中添加）', en: '"{value}" is not in the list (an admin can add it in Settings)' },
  ref_format: { zh: '编号格式不正确', en: 'Not a valid ID' },
  ref_missing: { zh: '找不到{table}“{id}”', en: 'No {table} with ID "{id}"' },
  link_table: {
    zh: '不能关联{table}（可关联：{tables}）',
    en: 'A {table} cannot be linked here (link one of: {tables})',
  },
  link_customer: {
    zh: '客户编号 {id} 与关联记录的客户 {linked} 不一致',
    en: 'Customer ID {id} is not the customer of the linked record ({linked})',
  },
  not_member: {
    zh: '“{value}”不在设置表的用户中',
    en: '"{value}" is not a user on the settings tab',
  },
  ref_deleted: { zh: '{table}“{id}”已删除', en: '{table} "{id}" has been deleted' },
  duplicate: { zh: '已存在同名记录 {id}', en: 'Already exists as {id}' },
  unknown_field: { zh: '未知字段', en: 'Unknown field' },
  read_only: { zh: '该字段由系统维护，不能修改', en: 'This field is maintained by the system and cannot be changed' },
  unknown_table: { zh: '未知的表：{table}', en: 'Unknown table: {table}' },
  // The shared pool (公海) and assignment: docs/SALES_TEAM.md.
  pool_table: {
    zh: '只有客户和潜在客户可以进出公海，不能是“{table}”',
    en: 'Only customers and leads go in and out of the pool, not "{table}"',
  },
  pool_not_found: { zh: '找不到{table}“{id}”', en: 'No {table} with ID "{id}"' },
  pool_not_in_pool: { zh: '{id} 不在公海中，负责人是 {owner}', en: '{id} is not in the pool: its owner is {owner}' },
  pool_taken: { zh: '{id} 刚刚已被领走，现在的负责人是 {owner}', en: '{id} has just been taken from the pool: its owner is now {owner}' },
  pool_cooling: {
    zh: '你是 {id} 的前负责人，{until} 起才能再领取',
    en: 'You held {id} before it returned to the pool: you may claim it again from {until}',
  },
  pool_daily_limit: { zh: '今天已领取 {limit} 条，达到每日上限', en: 'You have claimed {limit} today, the daily limit' },
  pool_holding_cap: { zh: '你已持有 {cap} 条，达到持有上限', en: 'You already hold {cap}, the most a rep may hold' },
  pool_claim_role: { zh: '只有销售、经理和管理员可以从公海领取', en: 'Only sales reps, managers and admins claim from the pool' },
  pool_unknown_owner: {
    zh: '“{owner}”不是设置页中的销售、经理或管理员',
    en: '"{owner}" is not a sales rep, manager or admin on the settings tab',
  },
  // A bad argument to an entry point names its path (`options.limit`, `values.id`); {detail} is one of the arg_ texts.
  bad_argument: { zh: '参数 {path} 不正确：{detail}', en: 'Bad argument {path}: {detail}' },
  arg_required: { zh: '必填', en: 'is required' },
  arg_type: { zh: '应为{type}', en: 'must be {type}' },
  arg_object: { zh: '应为对象', en: 'must be an object' },
  arg_pool_table: { zh: '应为 customers（客户）或 leads（潜在客户）', en: 'must be customers or leads' },
  arg_contact: { zh: '应为 false（不建联系人）或联系人的字段', en: "must be false (no contact) or the contact's fields" },
  arg_strings: { zh: '应为值都是文字的对象', en: 'must be an object of text values' },
  arg_invalid: { zh: '值不正确', en: 'is not valid' },
  arg_empty: { zh: '不能为空', en: 'must not be empty' },
  arg_too_long: { zh: '最多 {max} 个字符', en: 'is longer than {max} characters' },
  arg_too_many: { zh: '最多 {max} 项', en: 'has more than {max} items' },
  arg_too_few: { zh: '至少 {min} 项', en: 'needs at least {min} item(s)' },
  arg_max: { zh: '不能大于 {max}', en: 'must be at most {max}' },
  arg_min: { zh: '不能小于 {min}', en: 'must be at least {min}' },
  arg_integer: { zh: '应为整数', en: 'must be a whole number' },
  arg_one_of: { zh: '应为以下之一：{options}', en: 'must be one of: {options}' },
  arg_unknown_option: { zh: '未知的选项', en: 'unknown option' },
  arg_request_id: { zh: '应为 8 到 64 个字母、数字、_ 或 -', en: 'must be 8-64 letters, digits, _ or -' },
  arg_customer_or_id: {
    zh: '新客户（options.customer）与已有客户（options.customerId）只能给一个',
    en: 'give options.customer (new customer) or options.customerId (existing one), not both',
  },
  arg_fields: { zh: '应列出{table}的字段', en: 'must list fields of {table}' },
  arg_content: { zh: '应为 CSV 文本或 base64 编码的 XLSX', en: 'must be CSV text or base64 XLSX' },
  arg_file_size: { zh: '文件超过 {mb} MB', en: 'is larger than {mb} MB' },
  arg_reassign: { zh: '只有客户可以转移（reassign）', en: 'reassign is only for customers' },
  arg_reassign_to: { zh: '应为另一个客户', en: 'must be another customer' },
  arg_mapping_column: { zh: '文件中没有列“{header}”', en: 'names a column the file does not have: {header}' },
  arg_mapping_field: {
    zh: '“{header}”应对应{table}的字段或留空，而不是 {field}',
    en: 'mapping of "{header}" must be a field of {table} or empty, got {field}',
  },
  unknown_list: { zh: '未知的选项列表：{list}（可选：{lists}）', en: 'Unknown option list: {list} (one of: {lists})' },
  option_exists: { zh: '“{value}”已在“{list}”列表中', en: '"{value}" is already on the list "{list}"' },
  list_full: { zh: '“{list}”列表已有 {max} 项，不能再添加', en: 'The list "{list}" already has {max} options; no more can be added' },
  not_found: { zh: '找不到记录 {id}', en: 'No record with ID {id}' },
  stale: {
    zh: '该记录已被 {by} 于 {at} 修改，请重新加载后再保存',
    en: 'This record was changed by {by} at {at}; reload it and save again',
  },
  version_required: { zh: '更新时需要提供版本号', en: 'An update must include the version it was read at' },
  busy: { zh: '系统繁忙（其他人正在保存），请稍后重试', en: 'Busy: someone else is saving; please retry in a moment' },
  missing_column: { zh: '表“{tab}”缺少列“{column}”，请运行“初始化表格”', en: 'Tab "{tab}" has no column "{column}"; run Set up workbook' },
  missing_tab: { zh: '找不到表“{tab}”，请运行“初始化表格”', en: 'Tab "{tab}" is missing; run Set up workbook' },
  bad_header: { zh: '表“{tab}”有重复的列“{column}”', en: 'Tab "{tab}" has the column "{column}" twice' },
  deleted_record: { zh: '记录 {id} 已删除', en: 'Record {id} has been deleted' },
  // Workflows (lead conversion, quote → order → payments, tickets, import, merge, backup).
  lead_converted: {
    zh: '潜在客户 {id} 已于 {at} 转化为客户 {customerId}，不能重复转化',
    en: 'Lead {id} was already converted to customer {customerId} on {at}',
  },
  lead_disqualified: { zh: '潜在客户 {id} 已标记为无效，请先修改其状态', en: 'Lead {id} is disqualified; change its status first' },
  quote_not_accepted: {
    zh: '只有“客户同意”的报价单才能生成订单（报价单 {id} 当前为“{status}”）',
    en: 'Only an accepted quote can become an order (quote {id} is "{status}")',
  },
  quote_no_lines: { zh: '报价单 {id} 没有明细行', en: 'Quote {id} has no line items' },
  quote_ordered: { zh: '报价单 {id} 已生成订单 {orderId}', en: 'Quote {id} already became order {orderId}' },
  payment_plan: { zh: '回款计划不正确：{detail}', en: 'Bad payment plan: {detail}' },
  ticket_flow: { zh: '工单状态不能从“{from}”直接改为“{to}”', en: 'A ticket cannot go from "{from}" to "{to}"' },
  resolution_required: { zh: '解决或关闭工单前请填写处理结果', en: 'Enter a resolution before resolving or closing the ticket' },
  merge_same: { zh: '不能把客户与自身合并', en: 'A customer cannot be merged with itself' },
  import_invalid: { zh: '导入未执行：{count} 行有错误，请先修正', en: 'Nothing imported: {count} row(s) have errors; fix them first' },
  import_job: { zh: '导入任务 {id} 不存在、已完成或文件已改变', en: 'Import job {id} does not exist, has finished, or the file changed' },
  bad_file: { zh: '无法读取文件：{detail}', en: 'Cannot read the file: {detail}' },
  backup_missing: { zh: '找不到备份 {id}', en: 'No backup with ID {id}' },
  workflow_forbidden: { zh: '没有权限：{action} 仅限 {roles}', en: 'Not allowed: {action} is for {roles} only' },
  // Leads from Google Forms (createLeadForm, connectForm, the form-submit trigger, retryIntake).
  form_missing: { zh: '找不到表单 {id}，或你没有访问权限', en: 'No form {id}, or you have no access to it' },
  form_not_connected: {
    zh: '表单 {id} 未连接到本 CRM，请先运行 connectForm',
    en: 'Form {id} is not connected to this CRM; run connectForm first',
  },
  form_unknown_field: {
    zh: '映射中的字段“{field}”不是潜在客户可由表单填写的字段（可用：{fields}）',
    en: 'The mapping names "{field}", which is not a lead field a form can fill (one of: {fields})',
  },
  form_unknown_item: { zh: '表单中没有标题为“{item}”的问题', en: 'The form has no question titled "{item}"' },
  form_unmapped_required: {
    zh: '必填字段“{field}”没有对应的表单问题',
    en: 'The required field "{field}" is not mapped to any question of the form',
  },
  form_field_twice: { zh: '字段“{field}”对应了多个问题', en: 'The field "{field}" is mapped to more than one question' },
  form_too_many: { zh: '最多连接 {max} 个表单', en: 'At most {max} forms can be connected' },
  answer_shape: { zh: '“{item}”的回答应为一段文字', en: 'The answer to "{item}" must be a single text' },
  answer_control: { zh: '“{item}”的回答含有控制字符', en: 'The answer to "{item}" contains control characters' },
  answer_too_long: {
    zh: '“{item}”的回答有 {length} 个字符，最多 {max} 个（完整内容保留在表单回复中）',
    en: 'The answer to "{item}" is {length} characters long; at most {max} (the full answer stays in the form\'s responses)',
  },
  intake_row: { zh: '“表单待处理”第 {row} 行不是一条提交记录', en: 'Row {row} of the form intake tab is not a submission' },
  intake_done: {
    zh: '第 {row} 行的提交已处理（{status}），无需重试',
    en: 'The submission on row {row} is already handled ({status}); nothing to retry',
  },
  // Team-chat webhooks (settings rows of type 通知/Webhook, addWebhook).
  webhook_url: { zh: '“{url}”不是有效的网址', en: '"{url}" is not a valid URL' },
  webhook_https: { zh: '通知地址必须以 https:// 开头', en: 'A webhook URL must start with https://' },
  webhook_host: {
    zh: '“{host}”不是支持的群机器人地址（企业微信 qyapi.weixin.qq.com、钉钉 oapi.dingtalk.com、飞书 open.feishu.cn 或 open.larksuite.com、Google Chat chat.googleapis.com）',
    en: '"{host}" is not a supported chat robot host (WeCom qyapi.weixin.qq.com, DingTalk oapi.dingtalk.com, Feishu/Lark open.feishu.cn or open.larksuite.com, Google Chat chat.googleapis.com)',
  },
  webhook_taken: { zh: '已有名为“{name}”的通知', en: 'A webhook named "{name}" already exists' },
  webhook_secret: { zh: '只有钉钉机器人使用加签密钥（SEC 开头）', en: 'Only DingTalk robots take a signing secret (starting with SEC)' },
  webhook_team: { zh: '没有团队“{team}”（设置中的用户行未使用该团队）', en: 'No team "{team}" (no user row on the settings tab has it)' },
  webhook_missing: { zh: '没有名为“{name}”的通知', en: 'No webhook named "{name}"' },
  // Targets (业绩目标): one row per owner or team and month.
  target_subject: {
    zh: '请填写负责人或团队其中一项（不能都填，也不能都不填）',
    en: 'Fill in either the owner or the team (one of the two, not both)',
  },
  target_owner_unknown: {
    zh: '“{value}”不是设置中的用户（请填写用户的邮箱或姓名）',
    en: '"{value}" is not a user on the Settings tab (give their email or name)',
  },
  target_team_unknown: {
    zh: '“{value}”不是设置中用户所属的团队（已有：{teams}）',
    en: '"{value}" is not a team of any user on the Settings tab (teams: {teams})',
  },
  target_duplicate: {
    zh: '{who} 在 {month} 已有目标 {id}，请修改那一行',
    en: '{who} already has a target for {month} ({id}); change that row instead',
  },
  // The self-service portal (docs/SELF_SERVICE.md): one answer for every link that does not open.
  portal_link_invalid: {
    zh: '此链接无效或已失效。请联系我们的客服获取新的链接。',
    en: 'This link is not valid (or no longer valid). Please ask our service team for a new one.',
  },
  portal_too_long: {
    zh: '“{field}”最多 {max} 字，收到 {length} 字。请缩短后再提交（本次未保存）。',
    en: '"{field}" may be at most {max} characters; this one has {length}. Please shorten it and send it again (nothing was saved).',
  },
  portal_daily_limit: {
    zh: '今天已提交 {limit} 个工单，达到每日上限。请明天再提交，或直接联系客服。',
    en: 'You have raised {limit} tickets today, the daily limit. Please raise more tomorrow or contact our service team.',
  },
  web_visitor: {
    zh: '无法确认你的身份：请用你在 CRM 中的 Google 账号登录后再试',
    en: 'Who you are is unknown: sign in with the Google account you use for the CRM and try again',
  },
  portal_contact_deleted: {
    zh: '联系人 {id} 已删除，不能开通自助门户',
    en: 'Contact {id} is deleted: it cannot be given self-service access',
  },
  // Email logging (src/server/emailLog, docs/WORKSPACE.md).
  email_log_disabled: {
    zh: '管理员已关闭邮件记录（设置参数 emailLogging）',
    en: 'An admin has turned email logging off (settings parameter emailLogging)',
  },
  email_log_no_user: {
    zh: '无法确认你的 Google 账号，不能开启邮件记录',
    en: 'Your Google account is unknown: email logging cannot be turned on',
  },
  // Delivery notes (发货单) and plans (发货计划): core/workflows/delivery.ts.
  delivery_line_order: {
    zh: '明细 {line} 不是订单 {order} 的明细（属于{doc}）',
    en: 'Line {line} is not a line of order {order} (it belongs to {doc})',
  },
  delivery_over: {
    zh: '发货数量超过订购数量：明细 {line}（{product}）订购 {ordered}，其他发货单已发 {shipped}，本单最多可发 {left}',
    en: 'More than was ordered: line {line} ({product}) has {ordered} ordered and {shipped} shipped on other notes; this note can ship at most {left}',
  },
  // Campaign mail merge: docs/WORKSPACE.md, "Mail merge".
  mail_placeholder: {
    zh: '占位符 {{{name}}} 不是{kind}的字段（可用字段的中文或英文名称，如 {{客户名称}}）',
    en: 'Placeholder {{{name}}} names no field of a {kind} (use a field name in Chinese or English, e.g. {{customer name}})',
  },
  mail_braces: { zh: '模板中有不成对的 {{ 或 }}', en: 'The template has an unmatched {{ or }}' },
  mail_filter_kind: {
    zh: '{kind}没有“{filter}”可筛选（可用：{allowed}）',
    en: 'A {kind} cannot be filtered by {filter} (filters for it: {allowed})',
  },
  mail_forbidden: {
    zh: '只有活动负责人、经理和管理员可以发送该活动的邮件（负责人：{owner}）',
    en: 'Only the campaign owner, managers and admins may mail this campaign (owner: {owner})',
  },
  mail_campaign_missing: { zh: '找不到营销活动“{id}”', en: 'No campaign with ID "{id}"' },
  mail_run_missing: { zh: '找不到邮件群发“{id}”', en: 'No mailing with ID "{id}"' },
  mail_no_recipients: { zh: '没有符合条件的收件人', en: 'No recipient matches these filters' },
  mail_not_recipient: { zh: '{id} 不在这次群发的收件人中', en: '{id} is not one of the recipients' },
  mail_no_self: { zh: '当前用户没有邮箱，无法发送测试邮件', en: 'Your account has no email address to send the test to' },
  mail_quota_empty: {
    zh: '今天的邮件配额已用完，明天再试',
    en: "Today's email quota is used up: try again tomorrow",
  },
  mail_reason_deleted: { zh: '记录已删除', en: 'The record was deleted' },
  mail_reason_no_email: { zh: '无邮箱', en: 'No email address' },
  mail_reason_unsubscribed: { zh: '已退订', en: 'Unsubscribed' },
  mail_reason_duplicate: {
    zh: '重复地址（已发给本次群发的另一位收件人）',
    en: 'Duplicate address (mailed to another recipient of this mailing)',
  },
  mail_reason_interrupted: {
    zh: '发送过程被中断，无法确认是否已送达，未重发（如需重发，把状态改回“待发送”）',
    en: 'The run sending it stopped, so whether it arrived is unknown; not resent (set the status back to Queued to send it again)',
  },
  mail_reason_retry: { zh: '发送失败，将在续发时重试：{error}', en: 'Sending failed, retried on resume: {error}' },
  mail_reason_failed: { zh: '发送失败：{error}', en: 'Sending failed: {error}' },
  delivery_quantity: { zh: '发货数量须大于 0', en: 'The quantity shipped must be more than 0' },
  delivery_before_order: {
    zh: '发货日期 {date} 早于订单 {order} 的下单日期 {orderDate}',
    en: 'Ship date {date} is before the order date of {order} ({orderDate})',
  },
  delivery_received_early: {
    zh: '签收日期 {date} 早于发货日期 {shipDate}',
    en: 'Received date {date} is before the ship date ({shipDate})',
  },
  delivery_customer: {
    zh: '客户编号 {id} 不是订单 {order} 的客户（{customer}）',
    en: 'Customer ID {id} is not the customer of order {order} ({customer})',
  },
  plan_every: { zh: '间隔至少为 1', en: 'Every must be at least 1' },
  plan_dates: {
    zh: '结束日期 {endDate} 早于首次发货日期 {startDate}',
    en: 'The last date ({endDate}) is before the first shipment ({startDate})',
  },
  plan_too_many: {
    zh: '计划共 {count} 次发货，最多 {max} 次（请加大间隔或缩短时间段）',
    en: 'The plan makes {count} shipments, at most {max} are allowed (a longer interval or a shorter span)',
  },
  plan_no_lines: { zh: '订单 {order} 没有明细，无法按计划发货', en: 'Order {order} has no lines to ship on a plan' },
  // Integrity and roles: permissions, deletes, Google service failures.
  forbidden_action: { zh: '你的角色（{roleZh}）不能执行此操作', en: 'Your role ({roleEn}) is not allowed to do this' },
  forbidden_table: { zh: '你的角色（{roleZh}）不能修改“{table}”', en: 'Your role ({roleEn}) may not change "{table}"' },
  forbidden_record: {
    zh: '你的角色（{roleZh}）不能修改{table}“{id}”：它不属于你或你的团队',
    en: 'Your role ({roleEn}) may not change {table} "{id}": it is not yours or your team\'s',
  },
  protected_range: {
    zh: '这部分表格受保护，你没有修改权限，请联系管理员',
    en: 'This part of the workbook is protected and you may not change it; ask an admin',
  },
  has_children: {
    zh: '{id} 还有关联记录（{detail}），请选择级联删除（cascade）或转移到其他客户（reassign）',
    en: '{id} still has related records ({detail}); choose cascade or reassign',
  },
  workbook_full: {
    zh: '表格已达到 Google 表格 1000 万个单元格的上限，本次操作未保存。请把旧记录归档到另一个表格或删除空列后重试',
    en: "The spreadsheet is at Google Sheets' limit of 10 million cells, so this was not saved. Archive old records to another spreadsheet or delete empty columns, then retry",
  },
  doc_template_unreadable: {
    zh: '无法打开文档模板 {id}（{detail}）：请在设置表的 documentTemplateId 参数中填写一个你能打开的 Google 文档 ID，或留空使用系统模板',
    en: 'The document template {id} cannot be opened ({detail}): set documentTemplateId on the settings tab to a Google Doc you can open, or leave it empty for the built-in one',
  },
  doc_template_unknown: {
    zh: '文档模板中的占位符 {placeholder} 不对应任何字段（可用：{known}）',
    en: 'The template placeholder {placeholder} names no field (known: {known})',
  },
  doc_template_missing: {
    zh: '文档模板缺少占位符 {placeholder}',
    en: 'The document template lacks the placeholder {placeholder}',
  },
  doc_template_table: {
    zh: '文档模板中没有明细表（第一行有 5 列的表格：产品、数量、单价、折扣、金额）',
    en: 'The document template has no line-item table (a table whose first row has 5 cells: product, qty, unit price, discount, amount)',
  },
  doc_failed: {
    zh: '生成 PDF 失败，未保存任何文件，请重试（{detail}）',
    en: 'Making the PDF failed and nothing was saved; please retry ({detail})',
  },
  crm_folder_unreadable: {
    zh: '无法打开设置表中 crmFolderId 指定的云端硬盘文件夹 {id}：请改为你能打开的文件夹 ID，或留空自动创建',
    en: 'The Drive folder {id} set as crmFolderId on the settings tab cannot be opened: set a folder you can open, or leave it empty to have one made',
  },
  email_quota: { zh: '今天的邮件发送额度已用完，请明天再发', en: 'No email quota left today; send it tomorrow' },
  contact_no_email: { zh: '联系人 {name}（{id}）没有邮箱地址', en: 'Contact {name} ({id}) has no email address' },
  contact_not_customer: {
    zh: '联系人 {id} 不属于客户 {customerId}',
    en: 'Contact {id} is not a contact of customer {customerId}',
  },
  email_failed: {
    zh: '邮件未发送（{detail}），报价单状态未改变；PDF 未保存',
    en: 'The email was not sent ({detail}); the status is unchanged and no PDF was kept',
  },
  email_unrecorded: {
    zh: '邮件已发送给 {to}，但记录到表格失败（{detail}）：PDF 保存在 {url}，请手动更新状态',
    en: 'The email was sent to {to} but recording it failed ({detail}): the PDF is at {url}; update the status by hand',
  },
  file_failed: {
    zh: '文件未能保存到云端硬盘，未做任何更改，请重试（{detail}）',
    en: 'The file could not be saved to Drive and nothing was changed; please retry ({detail})',
  },
  file_record: {
    zh: '只能给客户、报价单、订单或合同上传文件',
    en: 'Files are uploaded onto a customer, quote, order or contract',
  },
  google_failed: {
    zh: 'Google 服务出错，操作未完成，请稍后重试（{detail}）',
    en: 'A Google service failed and the operation did not complete; please retry ({detail})',
  },
} as const satisfies Record<string, Label>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(s: string): s is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, s);
}

export function format(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key], lang, params);
}

/** The kinds of value an argument may be expected to be, as `arg_type` names them. */
export const ARG_TYPES = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '列表', en: 'a list' },
} as const satisfies Record<string, Label>;
