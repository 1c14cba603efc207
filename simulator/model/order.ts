import { orderFingerprint } from '../../core/contracts/index.ts'
import type { Random } from '../random.ts'
import type { ChannelProfile, CompanyProfile } from './company.ts'
import { consignee, type Consignee } from './names.ts'

export type Outcome = 'completed' | 'unpaid' | 'cancelled' | 'refunded' | 'after_sales'

/** One simulated order and the facts every system will report about it. */
export interface SimOrder {
  orderId: string
  channel: ChannelProfile
  channelOrderNo: string
  buyerId: string
  buyerIp: string
  createdAt: number
  items: { sku: string; name: string; category: string; qty: number; price: number }[]
  amount: number
  warehouse: CompanyProfile['warehouses'][number]
  carrier: string
  trackingNo: string
  consignee: Consignee
  customerLevel: string
  paymentMethod: string
  presale: boolean
  outcome: Outcome
  /** Set when a scenario made this order a test or duplicate order. */
  tags: Set<string>
}

const CATALOGUE = [
  { sku: 'SKU-TEA-001', name: '明前龙井 250g', category: 'tea', price: 268 },
  { sku: 'SKU-TEA-002', name: '铁观音礼盒', category: 'tea', price: 399 },
  { sku: 'SKU-CUP-010', name: '玻璃茶杯套装', category: 'teaware', price: 89 },
  { sku: 'SKU-SNK-101', name: '坚果礼包', category: 'snacks', price: 129 },
  { sku: 'SKU-SNK-102', name: '每日坚果 30 包', category: 'snacks', price: 159 },
  { sku: 'SKU-APP-201', name: '保温杯 500ml', category: 'appliance', price: 199 },
  { sku: 'SKU-APP-202', name: '电热水壶', category: 'appliance', price: 239 },
  { sku: 'SKU-GFT-301', name: '中秋礼盒', category: 'gift', price: 499 },
]
const LEVELS = ['new', 'regular', 'vip', 'svip']
const PAYMENTS: Record<string, string[]> = {
  taobao: ['alipay', 'huabei'],
  jd: ['jdpay', 'baitiao', 'wechat'],
  pinduoduo: ['wechat', 'alipay', 'duoduopay'],
  douyin: ['douyinpay', 'wechat', 'alipay'],
  kuaishou: ['wechat', 'alipay'],
  miniprogram: ['wechat'],
  pos: ['cash', 'card', 'wechat', 'alipay'],
  manual: ['bank_transfer', 'wechat'],
}

export function createOrder(company: CompanyProfile, channel: ChannelProfile, createdAt: number, serial: number, random: Random): SimOrder {
  const count = random.weighted([1, 2, 3, 4], [70, 20, 7, 3])
  const items = Array.from({ length: count }, () => {
    const p = random.pick(CATALOGUE)
    return { sku: p.sku, name: p.name, category: p.category, qty: random.weighted([1, 2, 3], [80, 15, 5]), price: p.price }
  })
  const person = consignee(random, company.rareNameShare)
  const warehouse = company.warehouses.find((w) => w.region === person.region) ?? random.pick(company.warehouses)
  const channelOrderNo = `${channel.id.slice(0, 2).toUpperCase()}${Math.floor(createdAt).toString(36).toUpperCase()}${String(serial).padStart(6, '0')}`
  const buyerId = `${channel.id}-u${random.int(1, Math.max(1000, company.ordersPerDay * 20))}`
  const roundedCreatedAt = Math.floor(createdAt)
  const presale = random.chance(channel.presaleShare)
  const outcome: Outcome = random.weighted(
    ['completed', 'unpaid', 'cancelled', 'refunded', 'after_sales'],
    [1 - company.cancelShare - company.refundShare - company.afterSalesShare - 0.03, 0.03, company.cancelShare, company.refundShare, company.afterSalesShare],
  )
  return {
    orderId: orderFingerprint({ channel: channel.id, channel_order_no: channelOrderNo, buyer_id: buyerId, order_time_ms: roundedCreatedAt, skus: items.map((i) => i.sku) }),
    channel,
    channelOrderNo,
    buyerId,
    buyerIp: `${random.int(36, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    createdAt: roundedCreatedAt,
    items,
    amount: Math.round(items.reduce((s, i) => s + i.qty * i.price, 0) * 100) / 100,
    warehouse,
    carrier: random.pick(company.carriers),
    trackingNo: `${random.pick(['SF', 'ZT', 'YT', 'JD', 'YD', 'EM'])}${String(random.int(0, 2 ** 31)).padStart(12, '0')}`,
    consignee: person,
    customerLevel: random.weighted(LEVELS, [30, 50, 15, 5]),
    paymentMethod: random.pick(PAYMENTS[channel.id] ?? ['alipay']),
    presale,
    outcome,
    tags: new Set(),
  }
}
