/**
 * The task pane: import the inputs (file input or drag and drop; encoding and format detected), pick the
 * company, set the parameters, build the evaluation into the open workbook, and browse the IPB functions.
 * The page also loads functions.js (shared runtime), so the IPB functions share this runtime.
 */
import { cumulativeBaseYear } from '../core/cumulative';
import { formatIssue } from '../core/issues';
import { importPatentsView } from '../core/patents/importers/patentsview';
import { ImportCancelled, type ImportResult } from '../core/patents/record';
import { parseIpcTitles } from '../core/portfolio/ipcTitles';
import { importerFor } from '../core/patents/registry';
import { el, field, textTable } from './dom';
import { fileKind, openFile, previewRows, readAll, ReadCancelled, textChunks, type OpenedFile } from './fileRead';
import { renderFunctionBrowser } from './functionBrowser';
import { messages, type Messages } from './i18n';
import { extractKeywordsInWorkers } from './keywordPool';
import { renderWorkbook } from './renderOffice';
import { evaluationNaming } from './sheetNaming';
import { DEFAULT_PARAMETERS, rejectionsCsv, Session, type Parameters } from './session';

const REJECTED_SHOWN = 50;

/**
 * Writes the call's signature into the active cell as text, for the analyst to replace the argument names
 * with cell references: Excel rejects a formula whose arguments are still names, so it cannot go in as one.
 */
async function insertSignature(signature: string): Promise<void> {
  await Excel.run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.numberFormat = [['@']];
    cell.values = [[signature]];
    await context.sync();
  });
}

interface Ui {
  readonly t: Messages;
  readonly inExcel: boolean;
  readonly session: Session;
  params: Parameters;
  company?: string;
  objectUrl?: string;
}

function fileInput(id: string, multiple: boolean, onFiles: (files: File[]) => void): HTMLInputElement {
  const input = el('input', { attrs: { type: 'file', id, accept: '.csv,.tsv,.txt,.json' } });
  input.multiple = multiple;
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) onFiles(files);
  });
  return input;
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const inExcel = typeof Office !== 'undefined' && Office.context?.host === Office.HostType.Excel;
  const lang = typeof Office !== 'undefined' ? Office.context?.displayLanguage : navigator.language;
  const ui: Ui = { t: messages(lang), inExcel, session: new Session(), params: { ...DEFAULT_PARAMETERS } };
  const t = ui.t;
  // Subclass titles beside the portfolio codes, fetched from the pane's own origin (webpack copies the file).
  const titlesLoaded = fetch('ipc-subclasses.tsv')
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((tsv) => ui.session.setIpcTitles(parseIpcTitles(tsv)))
    .then(
      () => undefined,
      (e: unknown) => String(e),
    );
  document.documentElement.lang = t === messages('ja') ? 'ja' : 'en';
  root.replaceChildren();

  // --- Drop zone ----------------------------------------------------------------------------------------
  const drop = el(
    'div',
    { cls: 'dropzone', attrs: { id: 'dropzone', tabindex: '0' } },
    el('strong', { text: t.dropHere }),
    el('small', { text: t.dropHint }),
  );
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void handleFiles(files);
  });

  // --- Step 1: financials and market --------------------------------------------------------------------
  const dataStatus = el('div', { cls: 'status-list', attrs: { id: 'data-status' } });
  const dataIssues = el('div', { attrs: { id: 'data-issues' } });
  const step1 = el(
    'section',
    { cls: 'card' },
    el('h2', { text: t.stepData }),
    field(
      t.financials,
      fileInput('file-financials', false, (f) => void handleFiles(f)),
    ),
    field(
      t.market,
      fileInput('file-market', false, (f) => void handleFiles(f)),
    ),
    dataStatus,
    dataIssues,
  );

  // --- Step 2: patents ------------------------------------------------------------------------------------
  const progress = el('progress', { attrs: { id: 'import-progress', max: '1', value: '0' } });
  const progressLabel = el('span', { cls: 'muted' });
  const cancel = el('button', { text: t.cancel, attrs: { type: 'button', id: 'import-cancel' } });
  const progressRow = el('div', { cls: 'progress-row', attrs: { hidden: '' } }, progressLabel, progress, cancel);
  const patentStatus = el('div', { cls: 'status-list', attrs: { id: 'patent-status' } });
  const rejectedBox = el('div', { attrs: { id: 'rejected' } });
  const step2 = el(
    'section',
    { cls: 'card' },
    el('h2', { text: t.stepPatents }),
    field(
      t.patents,
      fileInput('file-patents', true, (f) => void handleFiles(f)),
    ),
    field(
      t.aliases,
      fileInput('file-aliases', false, (f) => void handleFiles(f)),
    ),
    progressRow,
    patentStatus,
    rejectedBox,
  );
  let control = { cancelled: false };
  cancel.addEventListener('click', () => {
    control.cancelled = true;
  });

  // --- Step 3: company ------------------------------------------------------------------------------------
  const industrySelect = el('select', { attrs: { id: 'industry' } });
  const companySelect = el('select', { attrs: { id: 'company' } });
  const universeLine = el('p', { cls: 'muted' });
  const peersLine = el('p', { cls: 'muted', attrs: { id: 'peers' } });
  const variantsBox = el('div', { attrs: { id: 'variants' } });
  const step3 = el(
    'section',
    { cls: 'card' },
    el('h2', { text: t.stepCompany }),
    universeLine,
    field(t.industry, industrySelect),
    field(t.company, companySelect),
    peersLine,
    variantsBox,
  );

  // --- Step 4: parameters ---------------------------------------------------------------------------------
  const cutoff = el('input', { attrs: { type: 'date', id: 'cutoff' } });
  const yearInput = (id: string, v: number): HTMLInputElement =>
    el('input', { attrs: { type: 'number', id, min: '1900', max: '2100', step: '1', value: String(v) } });
  const baseYear = yearInput('base-year', ui.params.baseYearApplications);
  const baseYearExam = yearInput('base-year-exam', ui.params.baseYearExam);
  const baseYearGrant = yearInput('base-year-grant', ui.params.baseYearGrantRate);
  // Empty = the default, which depends on the industry's peers.
  const baseYearRnd = yearInput('base-year-rnd', 0);
  baseYearRnd.value = ui.params.baseYearRnd === undefined ? '' : String(ui.params.baseYearRnd);
  const numberInput = (id: string, v: number, step: string, min: string): HTMLInputElement =>
    el('input', { attrs: { type: 'number', id, min, step, value: String(v) } });
  const pkaMinOwnRate = numberInput('pka-min-own-rate', ui.params.pkaMinOwnRate, 'any', '0');
  const pkaMinLift = numberInput('pka-min-lift', ui.params.pkaMinLift, 'any', '0');
  const pkaMinDocuments = numberInput('pka-min-documents', ui.params.pkaMinDocuments, '1', '1');
  const psiSd = numberInput('psi-sd', ui.params.psiSd, 'any', '0');
  const modeRadio = (value: 'portable' | 'ipb', label: string): HTMLElement => {
    const r = el('input', { attrs: { type: 'radio', name: 'mode', value, id: `mode-${value}` } });
    r.checked = ui.params.mode === value;
    return el('label', { cls: 'radio' }, r, el('span', { text: label }));
  };
  const step4 = el(
    'section',
    { cls: 'card' },
    el('h2', { text: t.stepParams }),
    field(t.cutoff, cutoff, t.cutoffHint),
    el(
      'div',
      { cls: 'row3' },
      field(t.baseYear, baseYear),
      field(t.baseYearExam, baseYearExam),
      field(t.baseYearGrant, baseYearGrant),
      field(t.baseYearRnd, baseYearRnd, t.baseYearRndHint),
    ),
    el('h3', { text: t.keywordParams }),
    field(t.pkaMinOwnRate, pkaMinOwnRate),
    field(t.pkaMinLift, pkaMinLift),
    field(t.pkaMinDocuments, pkaMinDocuments),
    field(t.psiSd, psiSd),
    el(
      'fieldset',
      { cls: 'radios' },
      el('legend', { text: t.formulas }),
      modeRadio('portable', t.portable),
      modeRadio('ipb', t.ipb),
    ),
  );
  const readParams = (): Parameters => {
    const year = (i: HTMLInputElement, d: number): number => (/^\d{4}$/.test(i.value) ? Number(i.value) : d);
    // As the CLI takes them: a number ≥ 0 (a whole one for the documents); Build refuses anything else
    // (invalidFields), so the fallback here only covers the pickers' refresh while a field is being edited.
    const amount = (i: HTMLInputElement, d: number, whole = false): number => {
      const v = i.value.trim() === '' ? NaN : Number(i.value);
      return Number.isFinite(v) && v >= 0 && (!whole || Number.isInteger(v)) ? v : d;
    };
    const mode = (step4.querySelector('input[name="mode"]:checked') as HTMLInputElement | null)?.value;
    return {
      ...ui.params,
      cutoff: cutoff.value || undefined,
      baseYearApplications: year(baseYear, DEFAULT_PARAMETERS.baseYearApplications),
      baseYearExam: year(baseYearExam, DEFAULT_PARAMETERS.baseYearExam),
      baseYearGrantRate: year(baseYearGrant, DEFAULT_PARAMETERS.baseYearGrantRate),
      baseYearRnd: /^\d{4}$/.test(baseYearRnd.value) ? Number(baseYearRnd.value) : undefined,
      pkaMinOwnRate: amount(pkaMinOwnRate, DEFAULT_PARAMETERS.pkaMinOwnRate),
      pkaMinLift: amount(pkaMinLift, DEFAULT_PARAMETERS.pkaMinLift),
      pkaMinDocuments: amount(pkaMinDocuments, DEFAULT_PARAMETERS.pkaMinDocuments, true),
      psiSd: amount(psiSd, DEFAULT_PARAMETERS.psiSd),
      mode: mode === 'ipb' ? 'ipb' : 'portable',
    };
  };

  /**
   * The parameter fields whose entry is not a value they take (empty means the default): marked, and named when
   * Build refuses to run, rather than quietly replaced by the default.
   */
  const invalidFields = (): string[] => {
    const bad: string[] = [];
    const check = (i: HTMLInputElement, label: string, ok: (v: number) => boolean): void => {
      const text = i.value.trim();
      const valid = !i.validity.badInput && (text === '' || (Number.isFinite(Number(text)) && ok(Number(text))));
      i.setAttribute('aria-invalid', String(!valid));
      if (!valid) bad.push(label);
    };
    const isYear = (v: number): boolean => Number.isInteger(v) && v >= 1900 && v <= 2100;
    check(baseYear, t.baseYear, isYear);
    check(baseYearExam, t.baseYearExam, isYear);
    check(baseYearGrant, t.baseYearGrant, isYear);
    check(baseYearRnd, t.baseYearRnd, isYear);
    check(pkaMinOwnRate, t.pkaMinOwnRate, (v) => v >= 0);
    check(pkaMinLift, t.pkaMinLift, (v) => v >= 0);
    check(pkaMinDocuments, t.pkaMinDocuments, (v) => Number.isInteger(v) && v >= 0);
    check(psiSd, t.psiSd, (v) => v >= 0);
    return bad;
  };
  for (const i of [
    baseYear,
    baseYearExam,
    baseYearGrant,
    baseYearRnd,
    pkaMinOwnRate,
    pkaMinLift,
    pkaMinDocuments,
    psiSd,
  ])
    i.addEventListener('input', () => void invalidFields());

  // --- Step 5: build --------------------------------------------------------------------------------------
  const buildButton = el('button', { cls: 'primary', text: t.build, attrs: { type: 'button', id: 'build' } });
  const buildProgress = el('progress', { attrs: { id: 'build-progress', max: '1', value: '0', hidden: '' } });
  const buildStatus = el('div', { attrs: { id: 'build-status', role: 'status' } });
  const step5 = el(
    'section',
    { cls: 'card' },
    el('h2', { text: t.stepBuild }),
    buildButton,
    buildProgress,
    buildStatus,
  );

  // --- Function browser -----------------------------------------------------------------------------------
  const browser = el('div', { attrs: { id: 'function-browser' } });
  const functions = el('details', { cls: 'card' }, el('summary', { text: t.functions }), browser);
  renderFunctionBrowser(browser, inExcel ? (s) => void insertSignature(s) : undefined);

  root.append(drop, step1, step2, step3, step4, step5, functions);

  // --- Behaviour ------------------------------------------------------------------------------------------
  const say = (box: HTMLElement, text: string, cls = 'muted'): void => {
    box.append(el('p', { cls, text }));
  };

  function showPreview(box: HTMLElement, f: OpenedFile, summary: string): void {
    const rows = previewRows(f);
    const details = el(
      'details',
      { cls: 'preview' },
      el('summary', { text: `${f.file.name} — ${summary}` }),
      el('div', { cls: 'scroll' }, textTable(rows)),
    );
    box.querySelector(`[data-file="${CSS.escape(f.file.name)}"]`)?.remove();
    details.dataset.file = f.file.name;
    // The latest file's first rows are open; earlier ones fold away.
    box.querySelectorAll('details.preview').forEach((d) => ((d as HTMLDetailsElement).open = false));
    details.open = true;
    box.append(details);
  }

  function refreshIssues(): void {
    dataIssues.replaceChildren();
    const issues = ui.session.inputs(readParams().baseYearRnd).issues;
    if (issues.length === 0) return;
    const list = el('ul', { cls: 'issues' });
    for (const i of issues.slice(0, 30)) list.append(el('li', { cls: i.severity, text: formatIssue(i) }));
    dataIssues.append(el('h3', { text: `${t.issues} (${issues.length})` }), list);
  }

  function refreshCompanies(): void {
    const universe = ui.session.inputs(readParams().baseYearRnd).universe;
    const industry = industrySelect.value;
    industrySelect.replaceChildren();
    companySelect.replaceChildren();
    if (!universe) {
      universeLine.textContent = ui.session.financials && ui.session.market ? '' : t.needInputs;
      return;
    }
    universeLine.textContent = t.companies(universe.companies.size, universe.industries.size);
    industrySelect.append(el('option', { text: t.allIndustries, attrs: { value: '' } }));
    for (const name of [...universe.industries.keys()].sort())
      industrySelect.append(el('option', { text: name, attrs: { value: name } }));
    if (universe.industries.has(industry)) industrySelect.value = industry;
    fillCompanies();
  }

  function fillCompanies(): void {
    const universe = ui.session.inputs(readParams().baseYearRnd).universe;
    if (!universe) return;
    const industry = industrySelect.value;
    companySelect.replaceChildren();
    const names = [...universe.companies.values()]
      .filter((c) => !industry || c.industry === industry)
      .map((c) => c.name)
      .sort((a, b) => a.localeCompare(b));
    for (const n of names) companySelect.append(el('option', { text: n, attrs: { value: n } }));
    if (ui.company && names.includes(ui.company)) companySelect.value = ui.company;
    ui.company = companySelect.value || undefined;
    refreshCompany();
  }

  function refreshCompany(): void {
    const universe = ui.session.inputs(readParams().baseYearRnd).universe;
    peersLine.textContent = '';
    variantsBox.replaceChildren();
    baseYearRnd.placeholder = '';
    const c = ui.company ? universe?.companies.get(ui.company) : undefined;
    if (!universe || !c) return;
    // The empty field's default, for this company's industry.
    baseYearRnd.placeholder = String(cumulativeBaseYear(universe, c.industry, 'base_year_rnd') ?? '');
    const ind = universe.industries.get(c.industry);
    if (ind)
      peersLine.textContent = `${c.industry}: ${t.peers(ind.companies.length, ind.years[0], ind.years[ind.years.length - 1])}`;
    if (ui.session.patents.length === 0) {
      say(variantsBox, t.variantsNeedPatents);
      return;
    }
    const side = ui.session.patentSide(readParams());
    const variants = side?.names.merged.get(c.name) ?? [];
    variantsBox.append(el('h3', { text: t.variants }));
    if (variants.length === 0) say(variantsBox, t.noVariants);
    else {
      const list = el('ul', { cls: 'variants' });
      for (const v of variants) list.append(el('li', { text: v }));
      variantsBox.append(list);
    }
  }

  function refreshRejected(): void {
    rejectedBox.replaceChildren();
    if (ui.session.patents.length === 0) return;
    const rows = ui.session.rejections();
    rejectedBox.append(el('h3', { text: `${t.rejected} (${rows.length.toLocaleString()})` }));
    if (ui.objectUrl) URL.revokeObjectURL(ui.objectUrl);
    ui.objectUrl = undefined;
    if (rows.length === 0) {
      say(rejectedBox, t.rejectedNone);
      return;
    }
    rejectedBox.append(
      el(
        'div',
        { cls: 'scroll' },
        textTable([
          [t.colFile, t.colLine, t.colField, t.colReason],
          ...rows.slice(0, REJECTED_SHOWN).map((r) => [r.file, String(r.line), r.field ?? '', r.reason]),
        ]),
      ),
    );
    if (rows.length > REJECTED_SHOWN) say(rejectedBox, t.moreRows(rows.length - REJECTED_SHOWN));
    // A BOM so that Excel reads the reasons (and Japanese file names) as UTF-8.
    ui.objectUrl = URL.createObjectURL(new Blob(['\uFEFF', rejectionsCsv(rows)], { type: 'text/csv;charset=utf-8' }));
    rejectedBox.append(
      el('a', {
        cls: 'button',
        text: t.download,
        attrs: { href: ui.objectUrl, download: 'rejected.csv', id: 'download-rejected' },
      }),
    );
  }

  async function importPatents(files: OpenedFile[]): Promise<void> {
    control = { cancelled: false };
    progressRow.hidden = false;
    const views = files.filter((f) => f.kind === 'patentsview');
    const singles = files.filter((f) => f.kind !== 'patentsview');
    const total = files.reduce((n, f) => n + f.file.size, 0);
    let before = 0;
    const onBytes = (name: string) => (b: number) => {
      progress.value = (before + b) / Math.max(1, total);
      progressLabel.textContent = `${t.reading} ${name} ${Math.round(progress.value * 100)}%`;
    };
    try {
      for (const f of singles) {
        const importer = importerFor(f.kind as ImportResult['format']);
        if (!importer) continue;
        const r = await importer(textChunks(f, control, onBytes(f.file.name)), {
          file: f.file.name,
          keepText: true,
          cancel: control,
        });
        before += f.file.size;
        ui.session.addPatents(r);
        showPreview(
          patentStatus,
          f,
          `${t.format} ${r.format} · ${t.encoding} ${f.detected.encoding} · ${t.rowsRead(r.rowsRead, r.records.length, r.rejected.length)}`,
        );
      }
      if (views.length) {
        const r = await importPatentsView(
          views.map((f) => ({ name: f.file.name, chunks: textChunks(f, control, onBytes(f.file.name)) })),
          { keepText: true, cancel: control },
        );
        ui.session.addPatents(r);
        showPreview(
          patentStatus,
          views[0],
          `${t.format} patentsview (${views.length}) · ${t.rowsRead(r.rowsRead, r.records.length, r.rejected.length)}`,
        );
      }
    } catch (e) {
      if (!(e instanceof ReadCancelled || e instanceof ImportCancelled)) throw e;
      say(patentStatus, t.cancelled, 'warning');
    } finally {
      progressRow.hidden = true;
    }
    const latest = ui.session.latestPatentDate();
    if (latest && !cutoff.value) cutoff.value = latest;
    refreshRejected();
    refreshCompany();
  }

  async function handleFiles(files: File[]): Promise<void> {
    const opened = await Promise.all(files.map(openFile));
    const patents: OpenedFile[] = [];
    for (const f of opened) {
      const kind = f.kind ?? fileKind(f.firstLine);
      if (kind === 'financials' || kind === 'market' || kind === 'aliases') {
        const text = await readAll(f);
        const named = { name: f.file.name, text };
        if (kind === 'financials') ui.session.setFinancials(named);
        else if (kind === 'market') ui.session.setMarket(named);
        else ui.session.setAliases(named);
        showPreview(
          kind === 'aliases' ? patentStatus : dataStatus,
          f,
          `${t.loaded} · ${t.encoding} ${f.detected.encoding}`,
        );
      } else if (kind) patents.push(f);
      else say(dataStatus, `${f.file.name} ${t.unknownFile}`, 'error');
    }
    if (patents.length) await importPatents(patents);
    refreshIssues();
    refreshCompanies();
  }

  industrySelect.addEventListener('change', fillCompanies);
  companySelect.addEventListener('change', () => {
    ui.company = companySelect.value || undefined;
    refreshCompany();
  });
  for (const i of [cutoff, baseYear, baseYearExam, baseYearGrant, baseYearRnd])
    i.addEventListener('change', refreshCompany);

  buildButton.addEventListener('click', () => void build());

  async function build(): Promise<void> {
    buildStatus.replaceChildren();
    if (!ui.session.inputs(readParams().baseYearRnd).universe || !ui.company) {
      say(buildStatus, t.needInputs, 'error');
      return;
    }
    const invalid = invalidFields();
    if (invalid.length) {
      say(buildStatus, t.invalidParams(invalid), 'error');
      return;
    }
    if (!ui.inExcel) {
      say(buildStatus, t.notExcel, 'error');
      return;
    }
    const company = ui.company;
    const params = readParams();
    buildButton.disabled = true;
    buildButton.textContent = t.building;
    buildProgress.hidden = false;
    buildProgress.removeAttribute('value');
    const started = Date.now();
    try {
      // Let the pane paint "Building…" before the evaluation takes the thread.
      await new Promise((r) => setTimeout(r, 0));
      const titlesError = await titlesLoaded;
      // Keywords (PKA, PSI) as the CLI computes them: lindera in Web Workers, with progress.
      const keywords = await ui.session.keywordSide(params, extractKeywordsInWorkers, (done, total) => {
        buildProgress.value = done / Math.max(1, total);
        buildStatus.replaceChildren(el('div', { cls: 'muted', text: t.keywords(done, total) }));
      });
      buildStatus.replaceChildren();
      if (titlesError) say(buildStatus, t.noTitles(titlesError), 'warning');
      buildProgress.removeAttribute('value');
      await new Promise((r) => setTimeout(r, 0));
      const ev = ui.session.evaluate(company, params, keywords);
      const industry = ev.json.industry;
      const notes = Office.context.requirements.isSetSupported('ExcelApi', '1.18');
      const report = await Excel.run((context) =>
        renderWorkbook(context, ev.workbook.model, {
          naming: evaluationNaming(company, industry),
          notes,
          onProgress: (done, total) => {
            buildProgress.value = done / Math.max(1, total);
          },
        }),
      );
      const values = Object.values(ev.json.indicators)
        .flatMap((m) => Object.values(m))
        .filter((v) => typeof v !== 'string');
      say(buildStatus, t.built(company, report.sheets.length, report.syncs, Date.now() - started), 'success');
      say(buildStatus, t.computed(values.filter((v) => v !== null).length, values.length));
      if (ev.warnings.length) {
        const list = el('ul', { cls: 'issues' });
        for (const w of ev.warnings) list.append(el('li', { cls: 'warning', text: formatIssue(w) }));
        buildStatus.append(el('details', {}, el('summary', { text: `${t.issues} (${ev.warnings.length})` }), list));
      }
    } catch (e) {
      say(buildStatus, e instanceof Error ? e.message : String(e), 'error');
    } finally {
      buildButton.disabled = false;
      buildButton.textContent = t.build;
      buildProgress.hidden = true;
    }
  }

  refreshCompanies();
}

if (typeof Office !== 'undefined') {
  Office.onReady(() => start());
} else {
  document.addEventListener('DOMContentLoaded', start);
}
