import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'orderlens.mjs')

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>
  /** Everything the process printed, for diagnosing a failed test. */
  output(): string
  /** SIGTERM and wait: the graceful path, which drains the journal. */
  stop(): Promise<number | string>
  /** SIGKILL: the crash path. */
  kill(): Promise<number | string>
}

export interface SpawnOptions {
  dataDir: string
  configFile?: string
  env?: NodeJS.ProcessEnv
  startTimeoutMs?: number
}

/** Runs `orderlens start` as a separate process on a free port and waits until it listens. */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const args = [BIN, 'start', '--data', options.dataDir, '--port', '0']
  if (options.configFile) args.push('--config', options.configFile)
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`)), options.startTimeoutMs ?? 60_000)
    const onData = () => {
      const m = /orderlens listening on (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout!.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}) before listening:\n${output}`))
    })
  })
  return {
    url,
    child,
    exited,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM')
      return exited
    },
    kill: () => {
      child.kill('SIGKILL')
      return exited
    },
  }
}
