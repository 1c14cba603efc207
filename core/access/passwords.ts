import bcrypt from 'bcryptjs'

const ROUNDS = 11

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, ROUNDS)
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash)
}

/** A bcrypt hash to compare against when the user does not exist, so a wrong name takes as long as a wrong password. */
export const DECOY_HASH = bcrypt.hashSync('decoy-password-for-timing', ROUNDS)
