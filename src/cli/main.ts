/**
 * `ipb`: the headless evaluator. Reads the canonical inputs, evaluates a company against its industry
 * and writes the evaluation workbook (.xlsx) and, on request, the JSON of ../shared/spec/inputs.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { importFilings, type Currency, type FilingImport } from '../core/importers';
import { formatIssue, type InputIssue } from '../core/issues';
import { evaluateCompany, evaluateUniverse, loadInputs } from '../core/pipeline';
import type { FormulaMode } from '../core/workbook/model';
import { one, parseArgs, UsageError } from './args';
import {
  loadPatentFiles,
  parseCutoff,
  parseFormat,
  parsePortfolioMeasure,
  parsePortfolioYears,
  parseTierCuts,
  parseYear,
} from './patents';
import { loadKeywordSide, parseKeywordParameters } from './keywords';
import { writeXlsx } from './renderXlsx';

export const HELP = `ipb — IPB for Excel, headless evaluator

Usage:
  ipb evaluate --financials FILE --market FILE --company NAME --out BOOK.xlsx [options]
  ipb evaluate --financials FILE --market FILE --all --out-dir DIR [options]
  ipb evaluate --financials-from FILE... --industry NAME --market FILE --company NAME --out BOOK.xlsx [options]
  ipb companies --financials FILE | --financials-from FILE... --industry NAME
  ipb --help

Evaluates a company against its industry with the three-block IPB method (JP 2003-396346) and writes the
evaluation workbook: Evaluation (the company page), Industry (every company of the industry, industry
averages and star-rank distributions) and Inputs. Every number is a live formula over Inputs.

Options:
  --financials FILE     financials.csv (one row per company and fiscal year)
  --financials-from FILE
                        financial statements from a filing, instead of or besides financials.csv: an EDINET
                        annual report (.xbrl, or the .zip EDINET serves) or SEC EDGAR company facts (.json);
                        repeat for several (the format is told by the content)
  --industry NAME       the industry of the companies read with --financials-from (required with it)
  --consolidated        EDINET: the consolidated statements (the default)
  --non-consolidated    EDINET: the reporting company's own statements
  --market FILE         market.csv (one row per fiscal year; rates as fractions)
  --company NAME        the company to evaluate (repeat for several; with several, use --out-dir)
  --all                 evaluate every company of the file (with --out-dir)
  --out FILE            the workbook to write (.xlsx)
  --out-dir DIR         with several companies: DIR/<company>.xlsx and DIR/<company>.json
  --json FILE           also write the evaluation as JSON (numbers unrounded, null = no value)
  --formulas MODE       portable (default): native Excel formulas, work in any spreadsheet;
                        ipb: =IPB.* custom functions, for use with the IPB add-in loaded
  --money-unit N        currency base units per money unit of financials.csv (default 1000000 = JPY million)
  --money-label TEXT    how money is labelled on the sheet (default "JPY million"; with filings, their currency)
  --patents FILE        patent records (repeat for several files; merged by application number): adds
                        Block 2 (R&D and patents), PE and Block 3 (portfolio) to the workbook and the JSON
  --format FORMAT       auto (default: detected from the file), canonical, jplatpat, lens, patentsview
                        (give every table: g_patent, g_application, g_assignee_disambiguated, …) or uspto-ppubs
  --aliases FILE        applicant name aliases (CSV: alias,company) for name consolidation (名寄せ)
  --cutoff DATE         data cut-off date (default: the latest date in the records)
  --base-year N         base year of cumulative applications, registrations and the stock (default 1994)
  --base-year-exam N    base year of cumulative examination requests (default 1992)
  --base-year-grant N   base fiscal year of the cumulative grant rate (default 1997)
  --base-year-rnd N     first fiscal year of the cumulative R&D of APP_PRODUCTIVITY_3 and _4 (default: the
                        first fiscal year every company of the industry covers, the same for all peers)
  --portfolio-measure M claims (default) or applications: what Block 3 counts by IPC subclass; without claim
                        counts in the records (J-PlatPat) it counts applications, with a warning
  --portfolio-years Y1-Y3
                        Block 3's window of three filing years (default: ending with the latest year that
                        ended 18 months before the cut-off), e.g. 2018-2020
  --tier-cuts LIST      z-score cuts of ln PCPI / ln AVG_PCPI for the five types, best first (default 2,1,0,-1)
  --no-keywords         leave out Block 3's keywords and similarity (KEYWORD_COUNT, PKA, PSI_SELF, PSI_ALL), which
                        are computed whenever the records carry abstract or claims text
  --pka-min-own-rate P  characteristic keywords: minimum % of the company's documents using one (default 5)
  --pka-min-lift X      minimum own rate / corpus rate (default 5)
  --pka-min-documents N minimum number of the company's documents using one (default 3)
  --psi-sd K            typical / exceptional and high / low similarity beyond mean ± K·SD (default 1)
  --psi-years Y1-Y2     filing years of PSI's by-year rows, composition and examples (default: all)
  --rejected FILE       write every rejected patent row (file, line, field, reason) as CSV
  --quiet               print errors only

Exit codes: 0 written; 1 usage error; 2 the inputs have errors (each is printed with file, row and column).
`;

const VALUED = [
  'financials',
  'market',
  'company',
  'out',
  'out-dir',
  'json',
  'formulas',
  'money-unit',
  'money-label',
  'financials-from',
  'industry',
  'patents',
  'format',
  'aliases',
  'cutoff',
  'base-year',
  'base-year-exam',
  'base-year-grant',
  'base-year-rnd',
  'rejected',
  'portfolio-measure',
  'portfolio-years',
  'tier-cuts',
  'pka-min-own-rate',
  'pka-min-lift',
  'pka-min-documents',
  'psi-sd',
  'psi-years',
];
const FLAGS = ['help', 'all', 'quiet', 'consolidated', 'non-consolidated', 'no-keywords'];

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** --financials-from: the filings' company-years (undefined without the option); errors are in `issues`. */
async function readFilings(
  args: ReturnType<typeof parseArgs>,
  moneyUnit: number | undefined,
): Promise<FilingImport | undefined> {
  const paths = args.options.get('financials-from') ?? [];
  const industry = one(args, 'industry')?.trim();
  const nonConsolidated = args.flags.has('non-consolidated');
  if (paths.length === 0) {
    if (industry !== undefined || nonConsolidated || args.flags.has('consolidated'))
      throw new UsageError('--industry, --consolidated and --non-consolidated go with --financials-from');
    return undefined;
  }
  if (!industry) throw new UsageError('--industry is required with --financials-from (filings carry no IPB industry)');
  if (nonConsolidated && args.flags.has('consolidated'))
    throw new UsageError('give --consolidated or --non-consolidated, not both');
  const files = paths.map((p) => {
    const bytes = readBytes(p);
    let text: string | undefined;
    return { name: basename(p), bytes, text: () => (text ??= bytes.toString('utf8')) };
  });
  return importFilings(files, { industry, moneyUnit, consolidated: !nonConsolidated });
}

/** Money is labelled in the filings' currency when they give one (USD million for EDGAR), else JPY million. */
function defaultMoneyLabel(currency: Currency | undefined, moneyUnit: number | undefined): string {
  if (currency === undefined) return 'JPY million';
  const unit = moneyUnit ?? 1_000_000;
  const scale: Record<number, string> = { 1: '', 1_000: ' thousand', 1_000_000: ' million', 1_000_000_000: ' billion' };
  return unit in scale ? `${currency}${scale[unit]}` : `${currency} ÷ ${unit}`;
}

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}

function printIssues(issues: readonly InputIssue[], quiet: boolean, err: (s: string) => void): void {
  for (const i of issues) if (!quiet || i.severity === 'error') err(formatIssue(i));
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const consoleIo: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  try {
    const args = parseArgs(argv, VALUED, FLAGS);
    if (args.flags.has('help') || args.command === undefined || args.command === 'help') {
      io.out(HELP);
      return args.command === undefined && !args.flags.has('help') ? 1 : 0;
    }
    if (args.command === 'companies') return await listCompanies(args, io);
    if (args.command !== 'evaluate') throw new UsageError(`unknown command ${JSON.stringify(args.command)}`);
    return await evaluate(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ipb: ${e.message}\nRun "ipb --help" for usage.`);
      return 1;
    }
    throw e;
  }
}

async function listCompanies(args: ReturnType<typeof parseArgs>, io: Io): Promise<number> {
  const file = one(args, 'financials');
  const filings = await readFilings(args, undefined);
  if (file === undefined && !filings) throw new UsageError('--financials (or --financials-from) is required');
  const loaded = loadInputs({
    financials: file === undefined ? undefined : { name: basename(file), text: readText(file) },
    market: { name: '(none)', text: 'fiscal_year\n' },
    extraRows: filings,
  });
  printIssues(
    loaded.issues.filter((i) => i.file !== '(none)'),
    true,
    io.err,
  );
  if (!loaded.universe) return 2;
  for (const c of loaded.universe.companies.values()) {
    io.out(`${c.name}\t${c.industry}\tFY${c.years[0]}–FY${c.years[c.years.length - 1]}`);
  }
  return 0;
}

async function evaluate(args: ReturnType<typeof parseArgs>, io: Io): Promise<number> {
  const finFile = one(args, 'financials');
  const mktFile = one(args, 'market', true);
  const mode = (one(args, 'formulas') ?? 'portable') as FormulaMode;
  if (mode !== 'portable' && mode !== 'ipb') throw new UsageError('--formulas must be portable or ipb');
  const unitText = one(args, 'money-unit');
  const moneyUnit = unitText === undefined ? undefined : Number(unitText);
  if (moneyUnit !== undefined && !(Number.isFinite(moneyUnit) && moneyUnit > 0))
    throw new UsageError('--money-unit must be a positive number');
  const quiet = args.flags.has('quiet');
  const companiesAsked = args.options.get('company') ?? [];
  const all = args.flags.has('all');
  const outFile = one(args, 'out');
  const outDir = one(args, 'out-dir');
  const jsonFile = one(args, 'json');
  if (!all && companiesAsked.length === 0) throw new UsageError('--company (or --all) is required');
  const several = all || companiesAsked.length > 1;
  if (several && !outDir) throw new UsageError('with several companies, use --out-dir');
  if (!several && !outFile) throw new UsageError('--out is required');
  const filings = await readFilings(args, moneyUnit);
  if (finFile === undefined && !filings) throw new UsageError('--financials (or --financials-from) is required');
  const moneyLabel = one(args, 'money-label') ?? defaultMoneyLabel(filings?.currency, moneyUnit);

  const sources = [finFile, ...(args.options.get('financials-from') ?? [])].filter((f): f is string => !!f);
  const files = { financials: sources.map((f) => basename(f)).join(', '), market: basename(mktFile) };
  const loaded = loadInputs({
    financials: finFile === undefined ? undefined : { name: basename(finFile), text: readText(finFile) },
    market: { name: files.market, text: readText(mktFile) },
    moneyUnit,
    baseYearRnd: parseYear(one(args, 'base-year-rnd'), 'base-year-rnd'),
    extraRows: filings,
  });
  printIssues(loaded.issues, quiet, io.err);
  if (!loaded.universe) {
    io.err(`ipb: the inputs have errors (listed above); nothing was written.`);
    return 2;
  }
  const universe = loaded.universe;
  const names = all ? [...universe.companies.keys()] : companiesAsked;
  const unknown = names.filter((n) => !universe.companies.has(n));
  if (unknown.length) {
    io.err(
      `ipb: not in ${files.financials}: ${unknown.map((n) => JSON.stringify(n)).join(', ')}. Run "ipb companies" with the same --financials / --financials-from to list them.`,
    );
    return 2;
  }
  const patentFiles = args.options.get('patents') ?? [];
  const keywordParameters = parseKeywordParameters({
    pkaMinOwnRate: one(args, 'pka-min-own-rate'),
    pkaMinLift: one(args, 'pka-min-lift'),
    pkaMinDocuments: one(args, 'pka-min-documents'),
    psiSd: one(args, 'psi-sd'),
    psiYears: one(args, 'psi-years'),
  });
  const patents = patentFiles.length
    ? await loadPatentFiles(
        {
          files: patentFiles,
          format: parseFormat(one(args, 'format')),
          aliases: one(args, 'aliases'),
          cutoff: parseCutoff(one(args, 'cutoff')),
          baseYears: {
            baseYearApplications: parseYear(one(args, 'base-year'), 'base-year'),
            baseYearExam: parseYear(one(args, 'base-year-exam'), 'base-year-exam'),
            baseYearGrantRate: parseYear(one(args, 'base-year-grant'), 'base-year-grant'),
          },
          rejectedCsv: one(args, 'rejected'),
          quiet,
          keywords: !args.flags.has('no-keywords'),
          portfolio: {
            portfolioMeasure: parsePortfolioMeasure(one(args, 'portfolio-measure')),
            portfolioLastYear: parsePortfolioYears(one(args, 'portfolio-years')),
            tierCuts: parseTierCuts(one(args, 'tier-cuts')),
          },
        },
        universe,
        io.err,
      )
    : undefined;
  if (patents && !quiet) patents.lines.forEach((l) => io.err(l));
  // Segmentation is the slow part: done once for every company evaluated.
  const keywords =
    patents && !args.flags.has('no-keywords')
      ? await loadKeywordSide(patents.side, keywordParameters, (l) => (quiet ? undefined : io.err(l)))
      : undefined;
  const results = evaluateUniverse(universe, patents?.side);
  const warned = new Set<string>();
  for (const name of names) {
    const ev = evaluateCompany(results, name, { mode, moneyLabel, files, patents: patents?.side, keywords });
    printIssues(
      ev.warnings.filter((w) => !warned.has(formatIssue(w))),
      quiet,
      io.err,
    );
    ev.warnings.forEach((w) => warned.add(formatIssue(w)));
    const xlsx = several ? join(outDir ?? '.', `${safeFileName(name)}.xlsx`) : (outFile as string);
    const json = several ? join(outDir ?? '.', `${safeFileName(name)}.json`) : jsonFile;
    mkdirSync(dirname(xlsx), { recursive: true });
    await writeXlsx(ev.workbook.model, xlsx);
    if (json) {
      mkdirSync(dirname(json), { recursive: true });
      writeFileSync(json, `${JSON.stringify(ev.json, null, 2)}\n`);
    }
    const values = Object.values(ev.json.indicators)
      .flatMap((m) => Object.values(m))
      .filter((v) => typeof v !== 'string');
    const computed = values.filter((v) => v !== null).length;
    if (!quiet) {
      io.out(
        `${name} (${ev.json.industry}, ${ev.json.parameters.peers instanceof Array ? ev.json.parameters.peers.length : 0} companies in the industry), ` +
          `FY${ev.json.parameters.fiscal_years instanceof Array ? `${ev.json.parameters.fiscal_years[0]}–FY${ev.json.parameters.fiscal_years[ev.json.parameters.fiscal_years.length - 1]}` : ''}: ` +
          `${computed} of ${values.length} indicator values computed → ${xlsx}${json ? ` and ${json}` : ''}`,
      );
    }
  }
  return 0;
}
