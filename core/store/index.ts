export { openStore, assertIdentifier, type Store } from './client.ts'
export { migrate, applyRetention, listMigrations, splitStatements, type Migration, type MigrationReport } from './migrate.ts'
