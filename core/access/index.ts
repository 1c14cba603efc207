export { accessPlugin } from './plugin.ts'
export { requireRole, requireUser, ROLES, type Role, type User } from './roles.ts'
export { hashPassword, verifyPassword } from './passwords.ts'
