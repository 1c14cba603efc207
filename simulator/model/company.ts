/** The company being simulated: its volume, channels, warehouses and habits. */
export interface ChannelProfile {
  id: string
  /** Share of orders. */
  share: number
  /** The platform API OMS talks to (interface-call source/target). */
  api: string
  /** How OMS learns of orders: pulled by a scheduled import job, or pushed by the channel. */
  intake: 'import_job' | 'push'
  presaleShare: number
  department: string
}

export interface CompanyProfile {
  name: string
  ordersPerDay: number
  channels: ChannelProfile[]
  warehouses: { code: string; region: string; wmsIp: string }[]
  carriers: string[]
  departments: string[]
  /** Share of consignee names holding a rare character (domain.md: ~1.2% of Douyin writes fail). */
  rareNameShare: number
  cancelShare: number
  refundShare: number
  afterSalesShare: number
  /** Share of hops whose interface call fails once for ordinary reasons (timeouts, 5xx) and is retried. */
  callErrorRate: number
  /** Share of manual changes made without an audit record (domain.md: 18.5% of root causes). */
  untracedChangeShare: number
  /** Promotions multiplying the order rate: [start, end) in epoch ms. */
  promotions: { name: string; start: number; end: number; multiplier: number }[]
}

export const DEFAULT_COMPANY: CompanyProfile = {
  name: '示例品牌 Demo Brand',
  ordersPerDay: 20_000,
  channels: [
    { id: 'taobao', share: 0.3, api: 'taobao_api', intake: 'import_job', presaleShare: 0.08, department: 'ecom-tmall' },
    { id: 'jd', share: 0.18, api: 'jd_api', intake: 'import_job', presaleShare: 0.05, department: 'ecom-jd' },
    { id: 'pinduoduo', share: 0.15, api: 'pdd_api', intake: 'import_job', presaleShare: 0.02, department: 'ecom-pdd' },
    { id: 'douyin', share: 0.17, api: 'douyin_api', intake: 'push', presaleShare: 0.06, department: 'live-commerce' },
    { id: 'kuaishou', share: 0.06, api: 'kuaishou_api', intake: 'push', presaleShare: 0.02, department: 'live-commerce' },
    { id: 'miniprogram', share: 0.08, api: 'miniprogram', intake: 'push', presaleShare: 0.03, department: 'private-domain' },
    { id: 'pos', share: 0.04, api: 'pos', intake: 'push', presaleShare: 0, department: 'offline-retail' },
    { id: 'manual', share: 0.02, api: 'manual', intake: 'push', presaleShare: 0, department: 'key-accounts' },
  ],
  warehouses: [
    { code: 'wh-hangzhou', region: 'east', wmsIp: '10.8.1.21' },
    { code: 'wh-guangzhou', region: 'south', wmsIp: '10.8.2.21' },
    { code: 'wh-beijing', region: 'north', wmsIp: '10.8.3.21' },
    { code: 'wh-chengdu', region: 'west', wmsIp: '10.8.4.21' },
  ],
  carriers: ['sf', 'zto', 'yto', 'jd-logistics', 'yunda', 'ems'],
  departments: ['ecom-tmall', 'ecom-jd', 'ecom-pdd', 'live-commerce', 'private-domain', 'offline-retail', 'key-accounts'],
  rareNameShare: 0.012,
  cancelShare: 0.04,
  refundShare: 0.03,
  afterSalesShare: 0.01,
  callErrorRate: 0.004,
  untracedChangeShare: 0.03,
  promotions: [],
}

/** A company sized to `ordersPerDay`, everything else as the default. */
export function companyProfile(overrides: Partial<CompanyProfile> = {}): CompanyProfile {
  return { ...DEFAULT_COMPANY, ...overrides }
}
