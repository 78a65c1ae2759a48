import envPaths from 'env-paths';
import { join } from 'node:path';

/**
 * Where the store lives unless `--db` says otherwise: `$TRIANGULATE_DB`, else the user's data
 * directory (`$XDG_DATA_HOME/triangulate` or ~/.local/share/triangulate on Linux,
 * ~/Library/Application Support/triangulate on macOS, %LOCALAPPDATA%\triangulate\Data on Windows).
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRIANGULATE_DB) return env.TRIANGULATE_DB;
  return join(envPaths('triangulate', { suffix: '' }).data, 'triangulate.db');
}
