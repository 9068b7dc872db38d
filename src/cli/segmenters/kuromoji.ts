/**
 * The kuromoji adapter (kuromoji.js 0.1.2, IPADIC): pure JavaScript, dictionary loaded from its gzipped files
 * (node_modules/kuromoji/dict; in a browser from a URL with the same builder). Kept as the alternative to lindera
 * (docs/text-mining.md compares them): about half lindera's speed on real abstracts, the same dictionary.
 */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import * as kuromoji from 'kuromoji';
import type { Morpheme, Segmenter } from '../../core/text-mining/segmenter';

export function createKuromojiSegmenter(dicPath?: string): Promise<Segmenter> {
  const home = dirname(require.resolve('kuromoji/package.json'));
  const dict = dicPath ?? join(home, 'dict');
  const { version } = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { version: string };
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: dict }).build((err, tokenizer) => {
      if (err) return reject(err);
      resolve({
        name: `kuromoji ${version} (IPADIC)`,
        segment(text: string): Morpheme[] {
          let previousEnd = -1;
          return tokenizer.tokenize(text).map((t) => {
            // word_position is 1-based, in UTF-16 code units.
            const start = t.word_position - 1;
            const m = {
              surface: t.surface_form,
              pos: [t.pos, t.pos_detail_1, t.pos_detail_2, t.pos_detail_3],
              joined: start === previousEnd,
            };
            previousEnd = start + t.surface_form.length;
            return m;
          });
        },
      });
    });
  });
}
