export { loadConfig, journalDir, clickhouseDataDir, parseTokenList, ConfigError, type LoadOptions } from './load.ts'
export { ConfigSchema, type Config } from './schema.ts'
export { parseYamlFile, readCheckedYaml, YamlFileError, type YamlFile } from './yaml-file.ts'
