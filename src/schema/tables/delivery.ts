import { date, integer, longText, number, oneOf, ref, text } from '../field';
import { PLAN_UNITS } from '../options';
import { defineTable } from '../table';

const customerId = () => ref({ zh: '客户编号', en: 'Customer ID' }, 'customers', { required: true, aliases: ['客户ID', 'customer'] });
const orderId = () => ref({ zh: '订单编号', en: 'Order ID' }, 'orders', { required: true, aliases: ['订单号', 'order'] });
const carrier = () => text({ zh: '承运商', en: 'Carrier' }, { max: 100, aliases: ['快递公司', '物流公司', 'carrier'] });

/**
 * 发货单 / Delivery notes: ONE ROW PER SHIPPED ORDER LINE. A shipment of several lines is several
 * rows sharing a note number (noteNo); a line shipped in parts is several rows naming that line.
 * Chosen over a note row plus its own lines (docType/docId in lineItems, as quotes and orders do)
 * because a line item's price fields mean nothing for a shipment, one tab reads as a shipping log
 * (what, how much, when, by whom, received) without a join, and every check and sum needs only the
 * rows of one customer, read by key (customerId, like every child; lineId and orderId say which
 * line of which order). A line's shipped quantity is the sum of its live rows, never more than the
 * line's quantity; the order's 发货状态 follows from those sums (core/workflows/delivery.ts).
 */
export const deliveryNotes = defineTable({
  key: 'deliveryNotes',
  glance: ['shipDate', 'quantity', 'receivedDate'],
  record: { zh: '发货单', en: 'delivery note' },
  customer360: 5.5,
  tab: { zh: '发货单', en: 'Delivery notes' },
  prefix: 'DN',
  titleField: 'noteNo',
  fields: {
    noteNo: text({ zh: '发货单号', en: 'Note number' }, { max: 60, aliases: ['发货单编号', '单号', 'note no', 'note number'] }),
    orderId: orderId(),
    customerId: customerId(),
    lineId: ref({ zh: '明细编号', en: 'Line ID' }, 'lineItems', { required: true, aliases: ['订单明细', '明细', 'line', 'line item'] }),
    quantity: number({ zh: '发货数量', en: 'Quantity shipped' }, { required: true, aliases: ['数量', 'qty', 'quantity'] }),
    shipDate: date({ zh: '发货日期', en: 'Ship date' }, { required: true, aliases: ['发货时间', 'shipped on'], suggested: 'today' }),
    carrier: carrier(),
    trackingNo: text({ zh: '运单号', en: 'Tracking number' }, { max: 100, aliases: ['快递单号', '物流单号', 'tracking', 'tracking no'] }),
    receivedDate: date({ zh: '签收日期', en: 'Received date' }, { aliases: ['签收时间', 'received on'] }),
    notes: longText({ zh: '备注', en: 'Notes' }),
  },
});

/**
 * 发货计划 / Delivery plans: an order shipped every N weeks or months from startDate to endDate.
 * Shipment k of n (n: the dates in that span) brings each line of the order up to k/n of its
 * quantity (whole units for whole quantities, the last one the rest): what earlier shipments, the
 * plan's or typed ones, already sent is counted, so a plan never ships more than was ordered. The
 * daily job writes each due shipment once, as notes numbered `<plan ID>-<k>` (a number already on
 * the tab, live or deleted, is never written again). A small table: one row per plan.
 */
export const deliveryPlans = defineTable({
  key: 'deliveryPlans',
  glance: ['every', 'unit', 'startDate', 'endDate'],
  record: { zh: '发货计划', en: 'delivery plan' },
  tab: { zh: '发货计划', en: 'Delivery plans' },
  prefix: 'DP',
  titleField: 'orderId',
  fields: {
    orderId: orderId(),
    customerId: customerId(),
    every: integer({ zh: '间隔', en: 'Every' }, { required: true, max: 52, aliases: ['每隔', 'interval'] }),
    unit: oneOf({ zh: '间隔单位', en: 'Unit' }, PLAN_UNITS, { required: true, aliases: ['单位', 'unit'], suggested: 'initialOption' }),
    startDate: date({ zh: '首次发货日期', en: 'First shipment' }, { required: true, aliases: ['开始日期', 'start date', 'start'] }),
    endDate: date({ zh: '结束日期', en: 'Last shipment by' }, { required: true, aliases: ['截止日期', 'end date', 'end'] }),
    carrier: carrier(),
  },
});
