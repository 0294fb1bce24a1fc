import { integer, link, ref, text, url } from '../field';
import { defineTable } from '../table';

/**
 * 文件 / Files: one row per file the CRM keeps in a customer's Drive folder (uploaded from the
 * sidebar onto a customer, quote, order or contract, or a PDF it made of a quote, order or
 * contract). The file itself is in Drive; the row links it to its record (recordId) and, like
 * every child, to its customer, so the 360 view lists it by key. Who uploaded it and when are the
 * row's createdBy/createdAt. Rows are written by uploadFile, makeDocumentPdf and emailDocument.
 */
export const files = defineTable({
  key: 'files',
  glance: ['recordId', 'mimeType', 'createdAt'],
  record: { zh: '文件', en: 'file' },
  customer360: 11,
  writers: ['sales', 'service'],
  tab: { zh: '文件', en: 'Files' },
  prefix: 'FL',
  titleField: 'name',
  fields: {
    name: text({ zh: '文件名', en: 'File name' }, { required: true, max: 200, aliases: ['文件名称', 'name'] }),
    customerId: ref({ zh: '客户编号', en: 'Customer ID' }, 'customers', { required: true, aliases: ['客户ID', 'customer'] }),
    recordId: link({ zh: '关联记录', en: 'Record' }, ['customers', 'quotes', 'orders', 'contracts'], {
      required: true,
      aliases: ['记录编号', 'record'],
    }),
    url: url({ zh: '文件链接', en: 'Link' }, { required: true, aliases: ['链接', 'link'] }),
    fileId: text({ zh: '云端硬盘文件ID', en: 'Drive file ID' }, { required: true, max: 100, aliases: ['file id'] }),
    mimeType: text({ zh: '文件类型', en: 'File type' }, { max: 100, aliases: ['类型', 'type'] }),
    size: integer({ zh: '大小(字节)', en: 'Size (bytes)' }, { aliases: ['大小', 'size'] }),
    // The customer's Drive folder, on each of its rows: the next file finds it by the customer's rows, read by key.
    folderId: text({ zh: '文件夹ID', en: 'Folder ID' }, { max: 100, aliases: ['folder id'] }),
  },
});
