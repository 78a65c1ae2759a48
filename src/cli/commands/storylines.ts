import { Command, Option } from 'commander';
import pc from 'picocolors';
import { plural } from '../../report/check-view.js';
import { clip } from '../../report/view.js';
import { defaultDbPath } from '../../store/location.js';
import { useColor } from '../io.js';
import { checkOutputs, examples, writeJson } from './options.js';
import { dbOption, positiveInt, storeModule } from './store.js';

// The store, the cross-check and the report modules are loaded when a command runs, not for its --help.

/** `triangulate storylines`: the stored storylines of several stories, newest first. */
export function storylinesCommand(): Command {
  return new Command('storylines')
    .description('list the storylines in the store (stories that continue one another over weeks or months), newest first')
    .addOption(dbOption())
    .addOption(new Option('-n, --limit <n>', 'show at most this many').argParser(positiveInt).default(20))
    .option('--all', 'show every storyline, a story alone included')
    .option('--json [file]', 'write JSON ({"storylines": [...]}) to FILE, or to stdout without one')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .addHelpText('after', examples([['triangulate storylines', 'the 20 newest storylines of two or more stories'], ['triangulate storylines --all --json lines.json', 'every storyline, as JSON']]))
    .action(async (opts: { db?: string; limit: number; all?: boolean; json?: string | true; color?: boolean }) => {
      checkOutputs({ json: opts.json });
      const { openStore } = await storeModule();
      const store = await openStore(opts.db ?? defaultDbPath(), { readonly: true });
      try {
        const page = await store.listStorylines({ limit: opts.limit, minEvents: opts.all ? 1 : 2 });
        if (opts.json) return writeJson(opts.json, { db: store.location, total: page.total, storylines: page.storylines });
        const c = pc.createColors(useColor(process.stdout, opts.color));
        const width = Math.min(process.stdout.columns || 100, 120);
        process.stdout.write(c.bold(`${plural(page.total, 'storyline')}${opts.all ? '' : ' of two or more stories'} in ${store.location}; newest first\n`));
        for (const l of page.storylines) {
          const days = l.firstPublished === l.lastPublished ? (l.firstPublished ?? 'undated') : `${l.firstPublished ?? '?'} – ${l.lastPublished ?? '?'}`;
          process.stdout.write(`\n${c.cyan(l.id)}  ${c.bold(clip(l.title, width - 14))}\n            ${c.dim(`${days} · ${plural(l.eventCount, 'story', 'stories')} · ${plural(l.articleCount, 'article')}`)}\n`);
        }
        if (page.storylines.length < page.total) process.stdout.write(c.dim(`\n(${page.total - page.storylines.length} more; --limit N)\n`));
      } finally {
        await store.close();
      }
    });
}

/** `triangulate storyline <id>`: one stored storyline, its stories and what changed between them (the id of one of its stories will do). */
export function storylineCommand(): Command {
  return new Command('storyline')
    .description('report one stored storyline: its stories with their days and outlets, and what changed between them (a statement overtaken or denied in a later story, with both dates)')
    .argument('<id>', 'storyline id as `triangulate storylines` prints it, or the id of one of its stories (a unique prefix of 4+ characters will do)')
    .addOption(dbOption())
    .option('--json [file]', 'write JSON (the storyline with its changes and stories) to FILE, or to stdout without one')
    .option('--no-color', 'no colours (default: colour only on a TTY)')
    .addHelpText('after', examples([['triangulate storyline 887d', 'the storyline whose id starts with 887d'], ['triangulate storyline 3f2a --json', 'the storyline of story 3f2a…, as JSON']]))
    .action(async (id: string, opts: { db?: string; json?: string | true; color?: boolean }) => {
      checkOutputs({ json: opts.json });
      const [{ openStore }, { checkedStoryline }, { storylineView }, { renderStoryline }] = await Promise.all([
        storeModule(),
        import('../../app/storylines.js'),
        import('../../report/storyline-view.js'),
        import('../../report/terminal.js'),
      ]);
      // Read-only: a storyline is cross-checked on read, and kept in memory only (app/storylines.ts).
      const store = await openStore(opts.db ?? defaultDbPath(), { readonly: true });
      try {
        let lineId: string;
        try {
          lineId = await store.resolveStoryline(id);
        } catch (error) {
          // Not a storyline's id: the storyline of the story it names.
          const of = await store.storylineOf(await store.resolveStory(id));
          if (!of) throw error;
          lineId = of.id;
        }
        const s = (await checkedStoryline(store, lineId, (await store.storylineSummary(lineId))!))!;
        const v = storylineView(s.storyline, s.events, s.articles);
        if (opts.json) return writeJson(opts.json, { db: store.location, storyline: { ...s.storyline, eventCount: s.summary.eventCount, articleCount: s.summary.articleCount }, events: v.events, eventsLeftOut: s.eventsLeftOut });
        process.stdout.write(renderStoryline(v, { color: useColor(process.stdout, opts.color), width: Math.min(process.stdout.columns || 100, 120) }));
      } finally {
        await store.close();
      }
    });
}
