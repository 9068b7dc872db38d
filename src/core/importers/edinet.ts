/**
 * EDINET annual securities reports (有価証券報告書): the XBRL instance, or the ZIP EDINET serves with it under
 * XBRL/PublicDoc/. One filing gives two fiscal years: the current year and the prior year (its comparative
 * figures). The mapping table is documented in docs/financial-import.md.
 */
import JSZip from 'jszip';
import type { CompanyYear } from '../inputs';
import type { InputIssue } from '../issues';
import { DEFAULT_MONEY_UNIT } from '../universe';
import {
  buildFilingRow,
  first,
  groupDigits,
  isAnnualPeriod,
  minus,
  moneyConcepts,
  never,
  optionalTerm,
  sumOf,
  term,
  type FieldRules,
  type Found,
} from './fieldRules';
import { finishImport } from './mergeFilings';
import { failedExtraction, filingError, type ExtractedFiling, type FilingImport, type ImportOptions } from './types';
import { parseXbrlInstance, XbrlFormatError, type XbrlFact, type XbrlInstance } from './xbrlInstance';

/**
 * A concept with `@company` is read in the reporting company's own context (the share count is the parent's
 * even in consolidated statements); with `@filingDate` in FilingDateInstant, for the current year only.
 */
const COMPANY = '@company';
const FILING_DATE = '@filingDate';

const PARTIAL_ONLY =
  'the statements give only its SG&A part, not the total with manufacturing costs (those are in the non-consolidated cost report, when there is one)';

export const EDINET_RULES: FieldRules = {
  sales: first('jppfs_cor:NetSales', 'jppfs_cor:OperatingRevenue1', 'jpcrp_cor:NetSalesSummaryOfBusinessResults'),
  cost_of_sales: first('jppfs_cor:CostOfSales'),
  sga: first('jppfs_cor:SellingGeneralAndAdministrativeExpenses'),
  operating_income: first('jppfs_cor:OperatingIncome'),
  rnd: first(
    'jpcrp_cor:ResearchAndDevelopmentExpensesIncludedInGeneralAndAdministrativeExpensesAndManufacturingCostForCurrentPeriod',
    'jpcrp_cor:ResearchAndDevelopmentExpensesResearchAndDevelopmentActivities',
    'jppfs_cor:ResearchAndDevelopmentExpensesSGA',
  ),
  depreciation: first('jppfs_cor:DepreciationAndAmortizationOpeCF', 'jppfs_cor:DepreciationOpeCF'),
  personnel_cost: never(`not in EDINET filings as a total: ${PARTIAL_ONLY}`),
  welfare_cost: never(`not in EDINET filings as a total: ${PARTIAL_ONLY}`),
  taxes_dues: never(`not in EDINET filings as a total: ${PARTIAL_ONLY}`),
  interest_paid: first('jppfs_cor:InterestExpensesNOE', 'jppfs_cor:InterestExpensesOpeCF'),
  royalty_income: first('jppfs_cor:RoyaltyIncomeNOI'),
  total_assets: first('jppfs_cor:Assets', 'jpcrp_cor:TotalAssetsSummaryOfBusinessResults'),
  ppe: first('jppfs_cor:PropertyPlantAndEquipment'),
  // Land is shown on the balance sheet whenever it is held; without the line there is no land to exclude.
  ppe_depreciable: { ways: [[term('jppfs_cor:PropertyPlantAndEquipment'), minus(optionalTerm('jppfs_cor:Land'))]] },
  current_assets: first('jppfs_cor:CurrentAssets'),
  current_liabilities: first('jppfs_cor:CurrentLiabilities'),
  fixed_liabilities: first('jppfs_cor:NoncurrentLiabilities'),
  // 自己資本 as the spec defines it: 株主資本 (shareholders' equity, before valuation adjustments).
  equity: first('jppfs_cor:ShareholdersEquity'),
  interest_bearing_debt: sumOf(
    ['jppfs_cor:ShortTermLoansPayable'],
    ['jppfs_cor:CommercialPapersLiabilities'],
    ['jppfs_cor:ShortTermBondsPayable'],
    ['jppfs_cor:CurrentPortionOfBonds'],
    ['jppfs_cor:CurrentPortionOfLongTermLoansPayable'],
    ['jppfs_cor:LeaseObligationsCL'],
    ['jppfs_cor:BondsPayable'],
    ['jppfs_cor:LongTermLoansPayable'],
    ['jppfs_cor:LeaseObligationsNCL'],
  ),
  shares_outstanding: first(
    `jpcrp_cor:TotalNumberOfIssuedSharesSummaryOfBusinessResults${COMPANY}`,
    `jpcrp_cor:NumberOfIssuedSharesAsOfFiscalYearEndIssuedSharesTotalNumberOfSharesEtc${FILING_DATE}`,
  ),
  share_price: never(
    'not in EDINET filings: the annual report gives the highest and lowest prices of the year, not the FY-end price',
  ),
  beta: never('not in filings: estimate β from market data'),
  employees: first('jpcrp_cor:NumberOfEmployees'),
};

const MONEY_CONCEPTS = moneyConcepts(EDINET_RULES);

/** EDINET's fixed context IDs (報告書インスタンス作成ガイドライン). */
const YEARS = [
  { key: 'CurrentYear', duration: 'CurrentYearDuration', instant: 'CurrentYearInstant' },
  { key: 'Prior1Year', duration: 'Prior1YearDuration', instant: 'Prior1YearInstant' },
] as const;
const NON_CONSOLIDATED = '_NonConsolidatedMember';

type FactIndex = Map<string, Map<string, XbrlFact[]>>;

function indexFacts(facts: readonly XbrlFact[]): FactIndex {
  const index: FactIndex = new Map();
  for (const f of facts) {
    const byContext = index.get(f.concept) ?? new Map<string, XbrlFact[]>();
    byContext.set(f.contextRef, [...(byContext.get(f.contextRef) ?? []), f]);
    index.set(f.concept, byContext);
  }
  return index;
}

function deiText(index: FactIndex, name: string): string | undefined {
  for (const facts of index.get(`jpdei_cor:${name}`)?.values() ?? []) {
    const v = facts.find((f) => f.value !== undefined && f.value.trim() !== '')?.value?.trim();
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Fiscal year label: the year in which the fiscal year starts (FY ending 2025-03-31 → 2024). */
function fiscalYearStarting(startDate: string): number {
  return Number(startDate.slice(0, 4));
}

/** For a year reported only with instants: the start is the day after the same date a year earlier. */
function startOfYearEnding(endDate: string): string {
  const d = new Date(`${endDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const XBRL_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

interface Reader {
  readonly file: string;
  readonly index: FactIndex;
  readonly issues: InputIssue[];
  /** Concept@context pairs already reported, as several fields may read the same fact. */
  readonly reported: Set<string>;
}

function reportOnce(r: Reader, key: string, issue: InputIssue): void {
  if (r.reported.has(key)) return;
  r.reported.add(key);
  r.issues.push(issue);
}

/** The value of a concept in a context, with its provenance; undefined when absent or nil. */
function factIn(r: Reader, concept: string, contextId: string): Found | undefined {
  const facts = (r.index.get(concept)?.get(contextId) ?? []).filter((f) => f.value !== undefined && f.value !== '');
  if (facts.length === 0) return undefined;
  const where = `${concept} @ ${contextId}`;
  const text = (facts[0].value ?? '').trim();
  if (!XBRL_NUMBER.test(text)) {
    const message = `${where}: ${JSON.stringify(text)} is not a number`;
    reportOnce(r, where, { severity: 'error', file: r.file, column: concept, message });
    return undefined;
  }
  const value = Number(text);
  // The same fact may appear in several statements of the report; copies that disagree are worth a look.
  if (facts.some((g) => Number((g.value ?? '').trim()) !== value)) {
    const message = `${where} is reported ${facts.length} times with different values (${facts.map((g) => g.value).join(', ')}): the first is used`;
    reportOnce(r, where, { severity: 'warning', file: r.file, column: concept, message });
  }
  return { value, where: `${where} = ${groupDigits(value)}` };
}

interface Filing {
  readonly company: string;
  readonly edinetCode: string;
  readonly filed: string;
  readonly hasConsolidated: boolean;
  readonly standard?: string;
  readonly period?: string;
}

function readDei(x: XbrlInstance, index: FactIndex): Filing {
  const english = deiText(index, 'FilerNameInEnglishDEI');
  const japanese = deiText(index, 'FilerNameInJapaneseDEI');
  const flag = deiText(index, 'WhetherConsolidatedFinancialStatementsArePreparedDEI');
  return {
    company: english ?? japanese ?? '',
    edinetCode: deiText(index, 'EDINETCodeDEI') ?? '',
    filed: x.contexts.get('FilingDateInstant')?.instant ?? '',
    // Without the DEI flag, the non-consolidated contexts themselves tell that consolidated statements exist.
    hasConsolidated:
      flag !== undefined ? flag === 'true' : [...x.contexts.keys()].some((id) => id.endsWith(NON_CONSOLIDATED)),
    standard: deiText(index, 'AccountingStandardsDEI'),
    period: deiText(index, 'TypeOfCurrentPeriodDEI'),
  };
}

/** Why the instance cannot give annual rows at all, or undefined. */
function unusable(x: XbrlInstance, filing: Filing, source: string): string | undefined {
  const foreign = x.facts.find(
    (f) => MONEY_CONCEPTS.has(f.concept) && f.value !== undefined && x.units.get(f.unitRef ?? '') !== 'iso4217:JPY',
  );
  if (foreign) {
    const unit = x.units.get(foreign.unitRef ?? '') ?? foreign.unitRef ?? '(none)';
    return `amounts in unit ${JSON.stringify(unit)} (e.g. ${foreign.concept} @ ${foreign.contextRef}): EDINET amounts are imported in yen (iso4217:JPY) only`;
  }
  if (filing.period !== undefined && filing.period !== 'FY') {
    return `no annual data: ${source} reports period ${JSON.stringify(filing.period)} (jpdei_cor:TypeOfCurrentPeriodDEI), not a fiscal year (FY); import the annual securities report (有価証券報告書)`;
  }
  if (!x.contexts.has(YEARS[0].duration) && !x.contexts.has(YEARS[0].instant)) {
    return `no annual data: ${source} has neither a ${YEARS[0].duration} nor a ${YEARS[0].instant} context (an annual securities report has both)`;
  }
  if (filing.company === '')
    return `${source} names no filer (jpdei_cor:FilerNameInEnglishDEI / FilerNameInJapaneseDEI)`;
  return undefined;
}

/** Rows of one XBRL instance. `source` names the instance in provenance (the ZIP entry for a ZIP). */
function extractInstance(text: string, file: string, source: string, opts: ImportOptions): ExtractedFiling {
  let x: XbrlInstance;
  try {
    x = parseXbrlInstance(text);
  } catch (e) {
    if (e instanceof XbrlFormatError) return failedExtraction(file, `${source} is ${e.message}`);
    throw e;
  }
  const index = indexFacts(x.facts);
  const filing = readDei(x, index);
  const problem = unusable(x, filing, source);
  if (problem) return failedExtraction(file, problem);

  const issues: InputIssue[] = [];
  const consolidated = opts.consolidated ?? true;
  if (!filing.hasConsolidated && consolidated) {
    issues.push({
      severity: 'warning',
      file,
      message: `${filing.company} prepares no consolidated statements: its own (non-consolidated) statements are imported`,
    });
  }
  if (filing.standard !== undefined && filing.standard !== 'Japan GAAP') {
    issues.push({
      severity: 'warning',
      file,
      message: `${filing.company} reports under ${filing.standard}: its statements use elements other than jppfs_cor, which are not mapped; the fields not found are listed as not known`,
    });
  }
  // Companies without consolidated statements report their own statements in the plain contexts.
  const statementSuffix = filing.hasConsolidated && !consolidated ? NON_CONSOLIDATED : '';
  const companySuffix = filing.hasConsolidated ? NON_CONSOLIDATED : '';
  const statements = statementSuffix || !filing.hasConsolidated ? 'non-consolidated' : 'consolidated';
  const reader: Reader = { file, index, issues, reported: new Set() };
  const filingNote = [
    `EDINET ${filing.edinetCode || 'filing'}`,
    statements,
    ...(filing.filed ? [`filed ${filing.filed}`] : []),
    ...(source === file ? [] : [source]),
  ].join(', ');

  const rows: CompanyYear[] = [];
  for (const year of YEARS) {
    const duration = x.contexts.get(year.duration + statementSuffix) ?? x.contexts.get(year.duration);
    const instant = x.contexts.get(year.instant + statementSuffix) ?? x.contexts.get(year.instant);
    const fyEnd = duration?.endDate ?? instant?.instant;
    if (fyEnd === undefined) continue;
    const start = duration?.startDate ?? startOfYearEnding(fyEnd);
    if (!isAnnualPeriod(start, fyEnd)) {
      issues.push({
        severity: 'warning',
        file,
        message: `${filing.company}: the ${year.key} period ${start}–${fyEnd} is not a full year (an irregular fiscal period): its flows are not annual`,
      });
    }
    const lookup = (concept: string): Found | undefined => {
      if (concept.endsWith(FILING_DATE)) {
        const c = concept.slice(0, -FILING_DATE.length);
        return year.key === 'CurrentYear' ? factIn(reader, c, 'FilingDateInstant') : undefined;
      }
      if (concept.endsWith(COMPANY)) {
        const c = concept.slice(0, -COMPANY.length);
        return factIn(reader, c, year.instant + companySuffix) ?? factIn(reader, c, year.duration + companySuffix);
      }
      return (
        factIn(reader, concept, year.duration + statementSuffix) ??
        factIn(reader, concept, year.instant + statementSuffix)
      );
    };
    const row = buildFilingRow(
      {
        company: filing.company,
        industry: opts.industry,
        fiscalYear: fiscalYearStarting(start),
        fyEnd,
        file,
        currency: 'JPY',
        moneyUnit: opts.moneyUnit ?? DEFAULT_MONEY_UNIT,
        filing: filingNote,
      },
      EDINET_RULES,
      lookup,
      issues,
    );
    if (row) rows.push(row);
  }
  if (issues.some((i) => i.severity === 'error')) return { file, rows: [], issues, filed: filing.filed };
  if (rows.length === 0) {
    const message = `no annual financial data: ${source} has none of the mapped jppfs_cor / jpcrp_cor elements in its ${statements} contexts`;
    return { file, rows: [], issues: [...issues, filingError(file, message)], filed: filing.filed };
  }
  return { file, rows, issues, currency: 'JPY', filed: filing.filed };
}

export function extractEdinetXbrl(text: string, file: string, opts: ImportOptions): ExtractedFiling {
  return extractInstance(text, file, file, opts);
}

/** The annual report's instance in an EDINET ZIP: XBRL/PublicDoc/jpcrp….xbrl (audit reports sit in AuditDoc). */
export async function extractEdinetZip(bytes: Uint8Array, file: string, opts: ImportOptions): Promise<ExtractedFiling> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    return failedExtraction(file, `not a readable ZIP archive (${e instanceof Error ? e.message : String(e)})`);
  }
  const instances = Object.values(zip.files).filter(
    (f) => !f.dir && /(^|\/)XBRL\/PublicDoc\/[^/]+\.xbrl$/i.test(f.name),
  );
  const reports = instances.filter((f) => /\/jpcrp[^/]*\.xbrl$/i.test(f.name));
  const chosen = reports.length > 0 ? reports : instances;
  if (chosen.length !== 1) {
    return failedExtraction(
      file,
      chosen.length === 0
        ? 'the ZIP has no XBRL instance under XBRL/PublicDoc/ (is it the XBRL ZIP of an EDINET filing?)'
        : `the ZIP has ${chosen.length} XBRL instances under XBRL/PublicDoc/ (${chosen.map((f) => f.name).join(', ')}): import the one you mean as a .xbrl file`,
    );
  }
  const text = await chosen[0].async('string');
  return extractInstance(text, file, `${file}!${chosen[0].name}`, opts);
}

export function importEdinetXbrl(text: string, file: string, opts: ImportOptions): FilingImport {
  return finishImport([extractEdinetXbrl(text, file, opts)]);
}

export async function importEdinetZip(bytes: Uint8Array, file: string, opts: ImportOptions): Promise<FilingImport> {
  return finishImport([await extractEdinetZip(bytes, file, opts)]);
}
