/**
 * SEC EDGAR company facts (data.sec.gov/api/xbrl/companyfacts/CIK##########.json): every XBRL fact a company
 * filed, per tag and unit, with the period, form, fiscal period, filing date and accession number. Annual
 * figures come from 10-K filings; a 10-K repeats earlier years, and where filings disagree the latest wins.
 * The mapping table is documented in docs/financial-import.md.
 */
import type { CompanyYear } from '../inputs';
import type { InputIssue } from '../issues';
import { DEFAULT_MONEY_UNIT } from '../universe';
import {
  buildFilingRow,
  conceptsOf,
  first,
  groupDigits,
  isAnnualPeriod,
  minus,
  moneyConcepts,
  never,
  optionalTerm,
  term,
  type FieldRules,
  type Found,
} from './fieldRules';
import { finishImport } from './mergeFilings';
import { failedExtraction, type Currency, type ExtractedFiling, type FilingImport, type ImportOptions } from './types';

/** `dei:…@cover`: the cover-page figure of the 10-K for the fiscal year (dated after the FY end). */
const COVER = '@cover';

const SHORT_TERM_DEBT = optionalTerm('us-gaap:ShortTermBorrowings', 'us-gaap:CommercialPaper');

export const EDGAR_RULES: FieldRules = {
  sales: first(
    'us-gaap:Revenues',
    'us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax',
    'us-gaap:SalesRevenueNet',
  ),
  cost_of_sales: first('us-gaap:CostOfRevenue', 'us-gaap:CostOfGoodsAndServicesSold', 'us-gaap:CostOfGoodsSold'),
  sga: first('us-gaap:SellingGeneralAndAdministrativeExpense'),
  operating_income: first('us-gaap:OperatingIncomeLoss'),
  rnd: first(
    'us-gaap:ResearchAndDevelopmentExpense',
    'us-gaap:ResearchAndDevelopmentExpenseExcludingAcquiredInProcessCost',
  ),
  depreciation: first(
    'us-gaap:DepreciationDepletionAndAmortization',
    'us-gaap:DepreciationAndAmortization',
    'us-gaap:Depreciation',
  ),
  personnel_cost: never('not in US GAAP statements: us-gaap has no line for total personnel cost'),
  welfare_cost: never('not in US GAAP statements: us-gaap has no line for welfare cost'),
  taxes_dues: never('not in US GAAP statements: us-gaap has no line for taxes and dues'),
  interest_paid: first(
    'us-gaap:InterestExpense',
    'us-gaap:InterestExpenseNonoperating',
    'us-gaap:InterestExpenseDebt',
    'us-gaap:InterestPaidNet',
    'us-gaap:InterestPaid',
  ),
  royalty_income: first('us-gaap:RoyaltyIncomeNonoperating'),
  total_assets: first('us-gaap:Assets'),
  ppe: first('us-gaap:PropertyPlantAndEquipmentNet'),
  // Land is rarely tagged on its own; without it, depreciable PPE is not known rather than guessed.
  ppe_depreciable: { ways: [[term('us-gaap:PropertyPlantAndEquipmentNet'), minus(term('us-gaap:Land'))]] },
  current_assets: first('us-gaap:AssetsCurrent'),
  current_liabilities: first('us-gaap:LiabilitiesCurrent'),
  fixed_liabilities: {
    ways: [
      [term('us-gaap:LiabilitiesNoncurrent')],
      [term('us-gaap:Liabilities'), minus(term('us-gaap:LiabilitiesCurrent'))],
    ],
  },
  equity: first('us-gaap:StockholdersEquity'),
  interest_bearing_debt: {
    ways: [
      [term('us-gaap:LongTermDebt'), SHORT_TERM_DEBT],
      [optionalTerm('us-gaap:LongTermDebtCurrent'), optionalTerm('us-gaap:LongTermDebtNoncurrent'), SHORT_TERM_DEBT],
    ],
  },
  // The balance-sheet count at the FY end first; the cover page's count is weeks later.
  shares_outstanding: first('us-gaap:CommonStockSharesOutstanding', `dei:EntityCommonStockSharesOutstanding${COVER}`),
  share_price: never('not in EDGAR company facts: type the FY-end share price'),
  beta: never('not in filings: estimate β from market data'),
  employees: never('not in EDGAR company facts: the 10-K states the headcount in its text only'),
};

const MONEY_TAGS = moneyConcepts(EDGAR_RULES);
const ALL_TAGS = [...new Set(Object.values(EDGAR_RULES).flatMap(conceptsOf))];

const ANNUAL_FORMS: ReadonlySet<string> = new Set(['10-K', '10-K/A']);

interface EdgarFact {
  readonly start?: string;
  readonly end: string;
  readonly val: number;
  readonly accn: string;
  readonly form: string;
  readonly fp?: string;
  readonly filed: string;
}

type TagUnits = Record<string, unknown[]>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function asFact(v: unknown): EdgarFact | undefined {
  if (!isRecord(v)) return undefined;
  const { start, end, val, accn, form, fp, filed } = v;
  if (typeof end !== 'string' || !ISO_DATE.test(end) || typeof val !== 'number' || !Number.isFinite(val))
    return undefined;
  if (typeof accn !== 'string' || typeof form !== 'string' || typeof filed !== 'string') return undefined;
  if (start !== undefined && (typeof start !== 'string' || !ISO_DATE.test(start))) return undefined;
  return { start, end, val, accn, form, fp: typeof fp === 'string' ? fp : undefined, filed };
}

/** Facts from annual reports: 10-K (and amendments), fiscal period FY; durations only when a full year long. */
function annualFacts(units: TagUnits | undefined, unit: string): EdgarFact[] {
  return (units?.[unit] ?? [])
    .map(asFact)
    .filter((f): f is EdgarFact => f !== undefined)
    .filter(
      (f) => ANNUAL_FORMS.has(f.form) && f.fp === 'FY' && (f.start === undefined || isAnnualPeriod(f.start, f.end)),
    );
}

/** Latest filing first; the accession number breaks ties between filings of the same day. */
const latestFirst = (a: EdgarFact, b: EdgarFact): number =>
  b.filed.localeCompare(a.filed) || b.accn.localeCompare(a.accn);

/**
 * Fiscal year label from the FY end: the year of the end, or the year before when the FY ends in January to
 * March (a retailer's year ending 2024-02-03 is FY2023). `fy` in company facts is the fiscal year of the filing,
 * not of the period: a 10-K's prior-year columns carry the filing's `fy`, so it is not used.
 */
export function edgarFiscalYear(fyEnd: string): number {
  const year = Number(fyEnd.slice(0, 4));
  return Number(fyEnd.slice(5, 7)) <= 3 ? year - 1 : year;
}

interface Source {
  readonly tags: Map<string, TagUnits>;
  readonly currency: Currency;
  /** Accession number of each 10-K → the FY end it reports (its latest annual period). */
  readonly reportEnd: Map<string, string>;
}

function unitOf(s: Source, concept: string): string {
  if (MONEY_TAGS.has(concept)) return s.currency;
  return concept.endsWith('SharesOutstanding') ? 'shares' : 'pure';
}

/**
 * Share counts are taken as the fiscal year's own 10-K reported them: later 10-Ks restate earlier counts for
 * stock splits, but only for the years they repeat, which would mix split bases in one series, and the market
 * capitalisation wants the count that goes with the FY-end price quoted at the time.
 */
const AS_REPORTED: ReadonlySet<string> = new Set(['us-gaap:CommonStockSharesOutstanding']);

function factAt(s: Source, concept: string, fyEnd: string): Found | undefined {
  if (concept.endsWith(COVER)) return coverFact(s, concept.slice(0, -COVER.length), fyEnd);
  const facts = annualFacts(s.tags.get(concept), unitOf(s, concept))
    .filter((f) => f.end === fyEnd)
    .sort(latestFirst);
  const own = AS_REPORTED.has(concept) ? facts.find((f) => s.reportEnd.get(f.accn) === fyEnd) : undefined;
  const f = own ?? facts[0];
  if (f === undefined) return undefined;
  const period = f.start ? `${f.start}–${f.end}` : f.end;
  const other = facts.find((g) => g.val !== f.val);
  const note = !other
    ? ''
    : own
      ? `; as reported for the year, later restated as ${groupDigits(other.val)} in the ${other.form} filed ${other.filed}`
      : `; restated from ${groupDigits(other.val)} in the ${other.form} filed ${other.filed}`;
  return {
    value: f.val,
    where: `${concept} ${period} = ${groupDigits(f.val)} (${f.form} filed ${f.filed}, accession ${f.accn}${note})`,
  };
}

/** The cover page's count, from the 10-K of that fiscal year; several share classes are added up. */
function coverFact(s: Source, concept: string, fyEnd: string): Found | undefined {
  const facts = annualFacts(s.tags.get(concept), 'shares').filter((f) => s.reportEnd.get(f.accn) === fyEnd);
  if (facts.length === 0) return undefined;
  const accn = [...facts].sort(latestFirst)[0].accn;
  const own = facts.filter((f) => f.accn === accn);
  const value = own.reduce((sum, f) => sum + f.val, 0);
  const classes = own.length > 1 ? `, ${own.length} share classes added` : '';
  return {
    value,
    where: `${concept} @ ${own[0].end} = ${groupDigits(value)} (cover of the ${own[0].form} filed ${own[0].filed}, accession ${accn}${classes})`,
  };
}

function tagsOf(facts: Record<string, unknown>): Map<string, TagUnits> {
  const tags = new Map<string, TagUnits>();
  for (const concept of ALL_TAGS) {
    const [ns, name] = concept.replace(COVER, '').split(':');
    const entry = isRecord(facts[ns]) ? facts[ns][name] : undefined;
    const units = isRecord(entry) ? entry.units : undefined;
    if (!isRecord(units)) continue;
    const clean: TagUnits = {};
    for (const [u, list] of Object.entries(units)) if (Array.isArray(list)) clean[u] = list;
    tags.set(concept.replace(COVER, ''), clean);
  }
  return tags;
}

/** The currency of the money facts: USD or JPY; anything else is not imported. */
function currencyOf(tags: Map<string, TagUnits>): { currency?: Currency; error?: string } {
  const units = new Set<string>();
  for (const [concept, u] of tags) {
    if (!MONEY_TAGS.has(concept)) continue;
    for (const [unit, list] of Object.entries(u)) if (list.length > 0) units.add(unit);
  }
  const known = (['USD', 'JPY'] as const).filter((c) => units.has(c));
  if (known.length === 1) return { currency: known[0] };
  if (known.length === 2) return { error: 'the money facts are in both USD and JPY: one currency is expected' };
  if (units.size > 0) {
    return {
      error: `unknown currency: the money facts are in ${[...units].join(', ')}; only USD and JPY are imported`,
    };
  }
  return {};
}

export function extractEdgarCompanyFacts(text: string, file: string, opts: ImportOptions): ExtractedFiling {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return failedExtraction(
      file,
      `not valid JSON (${e instanceof Error ? e.message : String(e)}): is the file complete?`,
    );
  }
  if (!isRecord(doc) || !isRecord(doc.facts)) {
    return failedExtraction(file, 'not EDGAR company facts: the JSON has no "facts" object');
  }
  const company = typeof doc.entityName === 'string' ? doc.entityName.trim() : '';
  if (company === '') return failedExtraction(file, 'EDGAR company facts without "entityName"');
  const tags = tagsOf(doc.facts);
  const { currency, error } = currencyOf(tags);
  if (error) return failedExtraction(file, error);
  if (!currency)
    return failedExtraction(file, `no annual data: ${company}'s facts have none of the mapped us-gaap tags`);

  const s: Source = { tags, currency, reportEnd: new Map() };
  // Fiscal years are the full-year periods reported in annual reports.
  const ends = new Set<string>();
  let filed = '';
  for (const concept of MONEY_TAGS) {
    for (const f of annualFacts(tags.get(concept), currency)) {
      if (f.filed > filed) filed = f.filed;
      if (f.start === undefined) continue;
      ends.add(f.end);
      const known = s.reportEnd.get(f.accn);
      if (known === undefined || f.end > known) s.reportEnd.set(f.accn, f.end);
    }
  }
  if (ends.size === 0) {
    return failedExtraction(
      file,
      `no annual data: ${company} has no full-year figures from a 10-K (form 10-K, fiscal period FY) in the mapped us-gaap tags`,
    );
  }
  const issues: InputIssue[] = [];
  // A change of fiscal year end can give two period ends the same label: the later one is kept.
  const endOfYear = new Map<number, string>();
  for (const end of [...ends].sort()) {
    const fy = edgarFiscalYear(end);
    const earlier = endOfYear.get(fy);
    if (earlier !== undefined) {
      issues.push({
        severity: 'warning',
        file,
        column: 'fiscal_year',
        message: `${company}: the fiscal years ending ${earlier} and ${end} both get the label FY${fy}; the one ending ${end} is imported`,
      });
    }
    endOfYear.set(fy, end);
  }
  const moneyUnit = opts.moneyUnit ?? DEFAULT_MONEY_UNIT;
  const filing = typeof doc.cik === 'number' || typeof doc.cik === 'string' ? `EDGAR CIK ${doc.cik}` : 'EDGAR';
  const rows: CompanyYear[] = [];
  for (const [fiscalYear, fyEnd] of [...endOfYear].sort(([a], [b]) => a - b)) {
    const row = buildFilingRow(
      { company, industry: opts.industry, fiscalYear, fyEnd, file, currency, moneyUnit, filing },
      EDGAR_RULES,
      (concept) => factAt(s, concept, fyEnd),
      issues,
    );
    if (row) rows.push(row);
  }
  if (issues.some((i) => i.severity === 'error')) return { file, rows: [], issues, filed };
  return { file, rows, issues, currency, filed };
}

export function importEdgarCompanyFacts(text: string, file: string, opts: ImportOptions): FilingImport {
  return finishImport([extractEdgarCompanyFacts(text, file, opts)]);
}
