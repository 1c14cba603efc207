/**
 * Names of the failure patterns (analyzer findings) and exception types
 * (domain.md) that findings, tickets and alerts carry, shown under
 * `patterns.<id>` by every page that lists them (useFindingText's patternName);
 * an id not named here shows as itself.
 */
export const en = {
  ip_whitelist: 'IP not whitelisted',
  encoding: 'Character encoding failures',
  throttling: 'Rate limited, no back-off',
  stopped_job: 'Scheduled job stopped',
  queue_backlog: 'Queue backlog',
  presale_receiver: 'Presale balance callbacks refused',
  receiver_unavailable: 'Receiver unavailable (503)',
  manual_duplicates: 'Orders keyed in twice by hand',
  status_desync: 'Status out of sync (WMS vs OMS)',
  traffic_surge: 'Order surge',
  stalled_tracking: 'Parcels without courier scans',
  anomaly_surge: 'Anomaly: surge',
  anomaly_drop: 'Anomaly: drop',
  anomaly_degradation: 'Anomaly: slow degradation',
  payment_failure: 'Payment failure',
  stock_shortage: 'Stock shortage',
  address_problem: 'Address problem',
  customer_cancellation: 'Customer cancellation',
}

export const zhCN: typeof en = {
  ip_whitelist: 'IP 未加入白名单',
  encoding: '字符编码写入失败',
  throttling: '被限流且未退避',
  stopped_job: '定时任务停止',
  queue_backlog: '队列积压',
  presale_receiver: '预售尾款回调被拒',
  receiver_unavailable: '接收方不可用（503）',
  manual_duplicates: '人工重复录单',
  status_desync: '状态不同步（WMS 与 OMS）',
  traffic_surge: '订单量激增',
  stalled_tracking: '包裹长时间无物流扫描',
  anomaly_surge: '异常：激增',
  anomaly_drop: '异常：骤降',
  anomaly_degradation: '异常：缓慢劣化',
  payment_failure: '支付失败',
  stock_shortage: '库存不足',
  address_problem: '地址问题',
  customer_cancellation: '客户取消',
}
