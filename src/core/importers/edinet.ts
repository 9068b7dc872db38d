/**
 * EDINET annual securities reports (有価証券報告書): the XBRL instance, or the ZIP EDINET serves with it under
 * XBRL/PublicDoc/. One filing gives two fiscal years: the current year and the prior year (its comparative
 * figures). The mapping table is documented in docs/financial-import.md.
 */
import JSZip from 'jszip';
import type { FinField } from '../fields';
import type { CompanyYear } from '../inputs';
import type { InputIssue } from '../issues';
import {
  buildFilingRow,
  conceptsOf,
  first,
  groupDigits,
  isAnnualPeriod,
  minus,
  never,
  optionalTerm,
  sumOf,
  term,
  type FieldRules,
  type Found,
} from './fieldRules';
import { finishImport } from './mergeFilings';
import {
  DEFAULT_FILING_MONEY_UNIT,
  failedExtraction,
  filingError,
  type ExtractedFiling,
  type FilingImport,
  type ImportOptions,
} from './types';
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

const MONEY_FIELDS: readonly FinField[] = [
  'sales',
  'cost_of_sales',
  'sga',
  'operating_income',
  'rnd',
  'depreciation',
  'interest_paid',
  'royalty_income',
  'total_assets',
  'ppe',
  'ppe_depreciable',
  'current_assets',
  'current_liabilities',
  'fixed_liabilities',
  'equity',
  'interest_bearing_debt',
];
const MONEY_CONCEPTS = new Set(MONEY_FIELDS.flatMap((f) => conceptsOf(EDINET_RULES[f])));

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
  readonly units: ReadonlyMap<string, string>;
  readonly issues: InputIssue[];
  readonly reported: Set<string>;
}

/** The value of a concept in a context, with its provenance; undefined when absent or nil. */
function factIn(r: Reader, concept: string, contextId: string): Found | undefined {
  const facts = (r.index.get(concept)?.get(contextId) ?? []).filter((f) => f.value !== undefined && f.value !== '');
  if (facts.length === 0) return undefined;
  const f = facts[0];
  const text = (f.value ?? '').trim();
  const key = `${concept}@${contextId}`;
  const report = (severity: InputIssue['severity'], message: string): undefined => {
    if (!r.reported.has(key)) r.issues.push({ severity, file: r.file, column: concept, message });
    r.reported.add(key);
    return undefined;
  };
  if (!XBRL_NUMBER.test(text)) return report('error', `${concept} @ ${contextId}: ${JSON.stringify(text)} is not a number`);
  if (MONEY_CONCEPTS.has(concept)) {
    const measure = f.unitRef === undefined ? undefined : r.units.get(f.unitRef);
    if (measure !== 'iso4217:JPY') {
      return report(
        'error',
        `${concept} @ ${contextId} is in unit ${JSON.stringify(measure ?? f.unitRef ?? '(none)')}: EDINET amounts are imported in yen (iso4217:JPY) only`,
      );
    }
  }
  const value = Number(text);
  const differing = facts.filter((g) => Number((g.value ?? '').trim()) !== value);
  if (differing.length > 0 && !r.reported.has(key)) {
    r.reported.add(key);
    r.issues.push({
      severity: 'warning',
      file: r.file,
      column: concept,
      message: `${concept} @ ${contextId} is reported ${facts.length} times with different values (${facts.map((g) => g.value).join(', ')}): the first is used`,
    });
  }
  return { value, where: `${concept} @ ${contextId} = ${groupDigits(value)}` };
}

interface Filing {
  readonly company: string;
  readonly edinetCode: string;
  readonly filed: string;
  readonly hasConsolidated: boolean;
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
  };
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
  const issues: InputIssue[] = [];
  const period = deiText(index, 'TypeOfCurrentPeriodDEI');
  if (period !== undefined && period !== 'FY') {
    return failedExtraction(
      file,
      `no annual data: ${source} reports period ${JSON.stringify(period)} (jpdei_cor:TypeOfCurrentPeriodDEI), not a fiscal year (FY); import the annual securities report (有価証券報告書)`,
    );
  }
  if (!x.contexts.has(YEARS[0].duration) && !x.contexts.has(YEARS[0].instant)) {
    return failedExtraction(
      file,
      `no annual data: ${source} has neither a ${YEARS[0].duration} nor a ${YEARS[0].instant} context (an annual securities report has both)`,
    );
  }
  if (filing.company === '') {
    return failedExtraction(file, `${source} names no filer (jpdei_cor:FilerNameInEnglishDEI / FilerNameInJapaneseDEI)`);
  }
  const consolidated = opts.consolidated ?? true;
  if (!filing.hasConsolidated && consolidated) {
    issues.push({
      severity: 'warning',
      file,
      message: `${filing.company} prepares no consolidated statements: its own (non-consolidated) statements are imported`,
    });
  }
  // Companies without consolidated statements report their own statements in the plain contexts.
  const statementSuffix = filing.hasConsolidated && !consolidated ? NON_CONSOLIDATED : '';
  const companySuffix = filing.hasConsolidated ? NON_CONSOLIDATED : '';
  const reader: Reader = { file, index, units: x.units, issues, reported: new Set() };
  const moneyUnit = opts.moneyUnit ?? DEFAULT_FILING_MONEY_UNIT;
  const statements = consolidated && filing.hasConsolidated ? 'consolidated' : 'non-consolidated';

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
        return year.key === 'CurrentYear' ? factIn(reader, concept.slice(0, -FILING_DATE.length), 'FilingDateInstant') : undefined;
      }
      if (concept.endsWith(COMPANY)) {
        const c = concept.slice(0, -COMPANY.length);
        return factIn(reader, c, year.instant + companySuffix) ?? factIn(reader, c, year.duration + companySuffix);
      }
      return (
        factIn(reader, concept, year.duration + statementSuffix) ?? factIn(reader, concept, year.instant + statementSuffix)
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
        moneyUnit,
        filing: `EDINET ${filing.edinetCode || 'filing'}, ${statements}${filing.filed ? `, filed ${filing.filed}` : ''}${source === file ? '' : `, ${source}`}`,
      },
      EDINET_RULES,
      lookup,
      issues,
    );
    if (row) rows.push(row);
  }
  if (issues.some((i) => i.severity === 'error')) return { file, rows: [], issues, filed: filing.filed };
  if (rows.length === 0) {
    issues.push(
      filingError(
        file,
        `no annual financial data: ${source} has none of the mapped jppfs_cor / jpcrp_cor elements in its ${statements} contexts (an IFRS or US GAAP filer reports its statements in other elements)`,
      ),
    );
    return { file, rows: [], issues, filed: filing.filed };
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
  const instances = Object.values(zip.files).filter((f) => !f.dir && /(^|\/)XBRL\/PublicDoc\/[^/]+\.xbrl$/i.test(f.name));
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
