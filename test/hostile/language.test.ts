import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanAll } from '../../src/clean/index.js';
import { fromRecord } from '../../src/ingest/record.js';
import { fromText } from '../../src/ingest/text.js';
import type { Extracted } from '../../src/ingest/types.js';
import { corpus, describeShared } from '../helpers/shared.js';

// Finding 11 (language): Chinese was refused as "no article text after cleaning", Arabic as "not
// English (looks like unknown)", Swedish taken for Turkish (a stop-word guesser of 8 languages).
// Our own sentences, one short report in each language.

const samples: Record<string, [string, string]> = {
  Swedish: ['Bron stängs', 'Regeringen meddelade på tisdagen att den nya bron över älven kommer att byggas under nästa år. Kommunen har redan avsatt pengar för projektet och invånarna är nöjda med beslutet. Trafikverket säger att en tillfällig färja ska gå under byggtiden.'],
  Chinese: ['新桥', '政府星期二宣布，新的大桥将于明年开始建设。市政府已经为该项目拨款，居民对这一决定表示满意。交通部门表示，施工期间将开通临时渡轮服务。'],
  Arabic: ['الجسر', 'أعلنت الحكومة يوم الثلاثاء أن الجسر الجديد فوق النهر سيتم بناؤه العام المقبل. وقد خصصت البلدية بالفعل أموالا للمشروع، والسكان راضون عن القرار. وقالت وزارة النقل إن عبارة مؤقتة ستعمل خلال فترة البناء.'],
  Russian: ['Мост', 'Правительство объявило во вторник, что новый мост через реку будет построен в следующем году. Муниципалитет уже выделил деньги на проект, и жители довольны решением. Паром будет ходить во время строительства.'],
};

describe('language identification', () => {
  it.each(Object.entries(samples))('names %s and refuses it', (language, [title, body]) => {
    const { articles, errors } = cleanAll([fromText(`${title}\n${body}`, `${language}.txt`, {})]);
    expect(articles).toEqual([]);
    expect(errors).toEqual([{ input: `${language}.txt`, reason: `not English (looks like ${language}); only English is supported` }]);
  });
});

describeShared('language identification on real English news', () => {
  it('refuses none of the BASIL, AllSides and ECB+ texts as not English', () => {
    const files = ['basil/basil.jsonl', 'allsides-neus/articles.jsonl', 'ecbplus/ecbplus.jsonl'];
    let texts = 0;
    for (const f of files) {
      const docs = readFileSync(join(corpus!, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l, i) => fromRecord(JSON.parse(l), `${f}#${i}`, {}))
        .filter((x): x is Extracted => typeof x !== 'string');
      texts += docs.length;
      expect(cleanAll(docs).errors.filter((e) => /not English/.test(e.reason))).toEqual([]);
    }
    expect(texts).toBe(2015);
  });
});
