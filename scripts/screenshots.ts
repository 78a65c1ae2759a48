// The README's screenshots, made from the demo: `npm run screenshots` (needs Chromium at
// /usr/bin/chromium or $CHROMIUM_PATH). Ingests examples/demo into a store in memory, serves the
// web app on a free port, and photographs the story page and its charts into docs/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ingestIntoStore } from '../src/app/ingest.js';
import { startServer } from '../src/serve/server.js';
import { openSqlite } from '../src/store/index.js';
import { packageRoot } from '../src/util/paths.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  process.stderr.write(`screenshots: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
  process.exit(2);
}
const docs = join(packageRoot(), 'docs');
const store = openSqlite(':memory:', { create: true });
await ingestIntoStore(store, [join(packageRoot(), 'examples', 'demo')]);
const server = await startServer({ store, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const { stories } = (await (await fetch(new URL('/api/stories?sort=articles&limit=1', server.url))).json()) as { stories: { id: string }[] };
  const story = new URL(`/stories/${stories[0]!.id}`, server.url).href;
  const wide = await browser.newPage({ viewport: { width: 1400, height: 1500 }, deviceScaleFactor: 1 });
  await wide.goto(story);
  await wide.screenshot({ path: join(docs, 'story-page.png') });
  // The pictures one by one, as the page draws them.
  for (const [name, selector] of [['story-copies', '#copies figure'], ['story-rates', 'figure.rates'], ['story-timeline', '#timeline figure'], ['story-claims', '#claims']] as const) {
    await wide.locator(selector).first().screenshot({ path: join(docs, `${name}.png`) });
  }
  const phone = await browser.newPage({ viewport: { width: 390, height: 1200 }, deviceScaleFactor: 1 });
  await phone.goto(`${story}#claims`);
  await phone.screenshot({ path: join(docs, 'story-phone.png') });
  process.stdout.write(`screenshots of ${story} written to ${docs}: story-page, story-copies, story-rates, story-timeline, story-claims, story-phone (.png)\n`);
} finally {
  await browser.close();
  await server.close();
  store.close();
}
