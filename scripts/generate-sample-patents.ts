/**
 * Writes the sample patent corpus for the sample universe: samples/patents.csv (the 44 companies of
 * samples/financials.csv among ~20,000 synthetic applicants, filings 2004–2023, cut-off 2023-12-31) and
 * samples/aliases.csv (the spellings of those companies that name consolidation cannot fold by itself).
 *
 *   npm run samples:patents
 *
 * A pure function of samples/financials.csv and the seed, so test/generate-patents.test.ts checks that the
 * committed files are exactly what this writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readFinancials } from '../src/core/inputs';
import { nameKey } from '../src/core/patents/names';
import { companySpellings, generatePatents, type CompanySpec } from './generate-patents';
import { SAMPLE_SEED } from './generate-sample';

/** Sized so that the committed file stays under ~8 MB with Japanese titles and ~120-character abstracts. */
export const SAMPLE_PATENTS = { applications: 12_500, fromYear: 2004, toYear: 2023, abstractChars: 120 } as const;

/**
 * The companies' Japanese names (records from Japanese sources spell them so), and for some the romanised
 * Japanese name ("Kitano Denki") that English-language databases use: neither folds into the English name by
 * nameKey, so both go into aliases.csv.
 */
const JAPANESE_NAMES: Readonly<Record<string, readonly [ja: string, romaji?: string]>> = {
  'Amane Household Chemicals': ['天音家庭化学'],
  'Aoyama Electronics': ['青山電子'],
  'Asakura Seiki': ['朝倉精機'],
  'Daisen Tire & Rubber': ['大山タイヤゴム'],
  'Hayase Auto Parts': ['早瀬オートパーツ'],
  'Hinode Pharmaceutical': ['日の出製薬', 'Hinode Seiyaku'],
  'Hokusei Kasei': ['北星化成'],
  'Hoshino Semiconductor': ['星野半導体'],
  'Ichinose Pharma': ['一ノ瀬ファーマ'],
  'Iwatsuki Fiber & Chemical': ['岩槻繊維化学'],
  'Kamogawa Pharmaceutical': ['鴨川製薬', 'Kamogawa Seiyaku'],
  'Kanade Materials': ['奏マテリアルズ'],
  'Kasumi Brake Industries': ['霞ブレーキ工業'],
  'Kawase Fine Chemicals': ['川瀬ファインケミカル'],
  'Kazahaya Motors': ['風早自動車', 'Kazahaya Jidosha'],
  'Kirishima Automotive Electronics': ['霧島車載電子'],
  'Kisaragi Therapeutics': ['如月セラピューティクス'],
  'Kitano Electric': ['北野電機', 'Kitano Denki'],
  'Kohaku Plastics': ['琥珀プラスチック'],
  'Kurobe Optical': ['黒部光学', 'Kurobe Kogaku'],
  'Matsuzaki Specialty Chemicals': ['松崎スペシャリティケミカル'],
  'Midorino Pharmaceutical': ['緑野製薬'],
  'Minamisawa Electronics': ['南沢電子'],
  'Mizunami Devices': ['瑞浪デバイス'],
  'Nagisa Motors': ['渚自動車', 'Nagisa Jidosha'],
  'Nishiura Cable & Systems': ['西浦電線システム'],
  'Oshima Shinyaku': ['大島新薬'],
  'Rokkaku Piston Ring': ['六角ピストンリング'],
  'Sakuragawa Pharmaceutical': ['桜川製薬', 'Sakuragawa Seiyaku'],
  'Sakuragi Electric Works': ['桜木電工', 'Sakuragi Denko'],
  'Seiryu Industrial Gases': ['清流産業ガス'],
  'Shinonome Drive Systems': ['東雲ドライブシステムズ'],
  'Shirakawa Electric Industries': ['白川電気工業', 'Shirakawa Denki Kogyo'],
  'Shiranui Chemical': ['不知火化学', 'Shiranui Kagaku'],
  'Suzukaze Chemical Industries': ['涼風化学工業'],
  'Takamori Instruments': ['高森計器', 'Takamori Keiki'],
  'Takase Healthcare': ['高瀬ヘルスケア'],
  'Tamagawa Coatings': ['玉川塗料', 'Tamagawa Toryo'],
  'Tokiwa Precision': ['常盤精密'],
  'Tomoe Motor': ['巴自動車', 'Tomoe Jidosha'],
  'Toyooka Auto Body': ['豊岡車体'],
  'Tsukumo Biosciences': ['九十九バイオサイエンス'],
  'Uraga Pharmaceutical Industries': ['浦賀製薬工業'],
  'Yamabuki Pharmaceutical': ['山吹製薬'],
};

/**
 * Applications per unit of R&D differ by industry (a drug costs far more R&D per patent than a circuit), and
 * filings grow less than proportionally with R&D (elasticity ≈ 0.7 in the empirical literature).
 */
const PATENTS_PER_RND: Readonly<Record<string, number>> = {
  electrical: 1,
  automotive: 0.7,
  chemicals: 0.8,
  pharma: 0.3,
};
const RND_ELASTICITY = 0.7;

/** The companies of financials.csv with their industry and a filing weight from their mean R&D. */
export function sampleCompanies(financialsText: string): CompanySpec[] {
  const { rows, issues } = readFinancials(financialsText, 'financials.csv');
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((i) => i.message).join('\n'));
  const byCompany = new Map<string, { industry: string; rnd: number[] }>();
  for (const r of rows) {
    const c = byCompany.get(r.company) ?? { industry: r.industry, rnd: [] };
    if (r.values.rnd !== undefined) c.rnd.push(r.values.rnd);
    byCompany.set(r.company, c);
  }
  return [...byCompany].map(([name, c]) => {
    const meanRnd = c.rnd.length > 0 ? c.rnd.reduce((a, b) => a + b, 0) / c.rnd.length : 1;
    const [ja, romaji] = JAPANESE_NAMES[name] ?? [];
    return {
      name,
      industry: c.industry,
      weight: (Math.max(1, meanRnd) * (PATENTS_PER_RND[c.industry] ?? 0.7)) ** RND_ELASTICITY,
      ja,
      romaji,
    };
  });
}

/** aliases.csv: one row per spelling key that nameKey does not fold into the company's own name. */
export function aliasesCsv(companies: readonly CompanySpec[]): string {
  const rows: string[] = ['alias,company'];
  for (const c of [...companies].sort((a, b) => a.name.localeCompare(b.name))) {
    const own = nameKey(c.name);
    const seen = new Set<string>([own]);
    for (const alias of [c.ja, c.romaji]) {
      if (alias === undefined || seen.has(nameKey(alias))) continue;
      seen.add(nameKey(alias));
      rows.push(`${alias},${/[",]/.test(c.name) ? `"${c.name.replace(/"/g, '""')}"` : c.name}`);
    }
    // Every spelling the generator writes must now resolve: folded by nameKey or listed above.
    const loose = companySpellings(c).filter((s) => !seen.has(nameKey(s.text)));
    if (loose.length > 0) throw new Error(`${c.name}: no alias covers ${loose.map((s) => s.text).join(', ')}`);
  }
  return rows.join('\n') + '\n';
}

/** The sample corpus as lines (streamed) and the alias table, from the financials text. */
export function samplePatentFiles(financialsText: string): { lines: Iterable<string>; aliases: string } {
  const companies = sampleCompanies(financialsText);
  return {
    lines: generatePatents({ seed: SAMPLE_SEED, companies, withText: true, ...SAMPLE_PATENTS }),
    aliases: aliasesCsv(companies),
  };
}

function main(args: readonly string[]): void {
  const dir = path.resolve(args[0] ?? path.join(__dirname, '..', '..', 'samples'));
  const { lines, aliases } = samplePatentFiles(fs.readFileSync(path.join(dir, 'financials.csv'), 'utf8'));
  const fd = fs.openSync(path.join(dir, 'patents.csv'), 'w');
  let rows = 0;
  try {
    for (const line of lines) {
      fs.writeSync(fd, line + '\n');
      rows += 1;
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.writeFileSync(path.join(dir, 'aliases.csv'), aliases, 'utf8');
  const mb = fs.statSync(path.join(dir, 'patents.csv')).size / 1e6;
  console.log(`wrote ${path.join(dir, 'patents.csv')} (${rows - 1} applications, ${mb.toFixed(1)} MB) and aliases.csv`);
}

if (require.main === module) main(process.argv.slice(2));
