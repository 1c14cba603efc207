import type { Command } from 'commander'
import { hashPassword } from '../../core/access/index.ts'

/** `orderlens hash-password`: the bcrypt hash to put in access.users[].password_hash; reads the password from standard input. */
export function registerHashPassword(program: Command): void {
  program
    .command('hash-password')
    .description('print the bcrypt hash of a password read from standard input, for access.users[].password_hash')
    .action(async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
      if (password.length < 8) throw new Error('the password must have at least 8 characters')
      console.log(await hashPassword(password))
    })
}
