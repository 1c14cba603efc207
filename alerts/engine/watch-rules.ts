import { watch, type FSWatcher } from 'node:fs'
import { loadRuleDir, type LoadedRule, type RuleFileError } from './load-rules.ts'

export interface RuleSet {
  /** The rules in force: the last set that loaded without errors. */
  current(): LoadedRule[]
  /** Problems of the last load (empty when it loaded cleanly). */
  errors(): RuleFileError[]
  close(): void
}

export interface WatchOptions {
  /** Told of every load, good or bad. */
  onLoad?(result: { rules: LoadedRule[]; errors: RuleFileError[] }): void
  /** Edits arrive as bursts of events; wait this long for the burst to end. */
  debounceMs?: number
}

/**
 * Loads the rule files of `dir` and reloads them when they change, without
 * a restart. A reload with errors keeps the rules in force and reports the
 * errors (a typo must not silence every alert).
 */
export function watchRules(dir: string, options: WatchOptions = {}): RuleSet {
  let rules: LoadedRule[] = []
  let errors: RuleFileError[] = []
  const load = () => {
    const result = loadRuleDir(dir)
    errors = result.errors
    if (!errors.length) rules = result.rules
    options.onLoad?.(result)
  }
  load()
  let timer: NodeJS.Timeout | undefined
  const watcher: FSWatcher = watch(dir, () => {
    clearTimeout(timer)
    timer = setTimeout(load, options.debounceMs ?? 200)
  })
  return {
    current: () => rules,
    errors: () => errors,
    close: () => {
      clearTimeout(timer)
      watcher.close()
    },
  }
}
