/**
 * SQL of the daily cross-system consistency report, per channel, for the
 * China-time day [{from}, {to}).
 */

/**
 * Orders with a creation record in the day, each system's view of them from
 * the day on. A system's creation records are genuine when they are its first
 * record of an order in the intake path (the channel that took it, OMS that
 * received it); every other creation record is a duplicate: a re-creation keyed
 * in by hand elsewhere (ERP, CRM, customer service, or OMS after it already
 * had the order), a copy whose mistyped number made a fingerprint of its own
 * (no channel record at all), or the same event id stored twice.
 * Orders are grouped and matched by a 64-bit hash of their id, as the KPI
 * sources do (analyzer/kpis/sources.ts): the report only counts them, and
 * hashing measured ~35 % less CPU than grouping the id strings at 10 M events.
 * Only the rows the counts read are grouped: creation records of any system,
 * and the channel's and OMS's records (whether they have the order, and
 * whether their first record of it is its creation) — ~40 % less CPU.
 */
export const ORDERS_SQL = `
SELECT channel,
  countIf(by_channel) AS channel_orders,
  countIf(by_channel AND landed) AS landed,
  sum(created_rows) AS created_records,
  sum(if(has_channel, recreations, toInt64(created_ids)) + toInt64(created_rows) - toInt64(created_ids)) AS duplicate_records,
  count() AS gross_orders,
  countIf(by_channel) AS net_orders
FROM (
  SELECT oh, any(channel) AS channel,
    sum(rows) AS created_rows,
    sum(ids) AS created_ids,
    sum(toInt64(ids) - if(system IN ('channel', 'oms') AND first_state = 'created' AND ids > 0, 1, 0)) AS recreations,
    countIf(system = 'channel') > 0 AS has_channel,
    countIf(system = 'channel' AND ids > 0) > 0 AS by_channel,
    countIf(system = 'oms') > 0 AS landed
  FROM (
    SELECT cityHash64(order_id) AS oh, system, any(channel) AS channel,
      countIf(state = 'created' AND event_time < {to:DateTime64(3)}) AS rows,
      uniqExactIf(event_id, state = 'created' AND event_time < {to:DateTime64(3)}) AS ids,
      argMin(state, event_time) AS first_state
    FROM order_events
    WHERE event_time >= {from:DateTime64(3)} AND (system IN ('channel', 'oms') OR state = 'created')
      AND cityHash64(order_id) IN (SELECT cityHash64(order_id) FROM order_events WHERE state = 'created' AND event_time >= {from:DateTime64(3)} AND event_time < {to:DateTime64(3)})
    GROUP BY oh, system)
  GROUP BY oh
  HAVING created_rows > 0)
GROUP BY channel`

/** Interface calls made for the channel's orders (pulls, pushes, callbacks); a 408/504 or a timeout error code is a timeout. */
export const CALLS_SQL = `
SELECT channel, count() AS calls,
  countIf(http_status IN (408, 504) OR positionCaseInsensitive(error_code, 'timeout') > 0) AS timeouts
FROM interface_calls
WHERE ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)} AND channel != ''
GROUP BY channel`
