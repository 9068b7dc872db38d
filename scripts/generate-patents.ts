/**
 * A seeded synthetic patent corpus in the canonical patents.csv of ../shared/spec/inputs.md, streamed line by line
 * (a generator: a million applications are never held in memory, only the applicant pool and one year's filing
 * days). The output is a pure function of the options (own PRNG, no Math.random, no clock).
 *
 * The model, chosen so that Block 2 and Block 3 statistics, the benchmark and keyword extraction see realistic
 * structure:
 * - ~20,000 applicants (Japanese and foreign companies, universities, individuals), applications Zipf-distributed
 *   over them (exponent 1.1) with a slow per-applicant trend; the companies passed in are placed among the heavy
 *   applicants at the ranks whose Zipf share matches their weight.
 * - ~12% joint applications (2–3 applicants), the partners drawn from the same industry or a university.
 * - Inventors from a per-applicant pool that slowly turns over (careers), 1–6 per application.
 * - ~640 IPC subclasses with a Zipf popularity; each applicant concentrates on 5–30 subclasses of its industry.
 * - Claims lognormal (median 8); ~65% of applications request examination within the 3-year window; ~77% of those
 *   are registered 1–4 years after the request (~50% of all); ~40% of registrations lapse 3–15 years later (fees
 *   not paid); expiry = filing + 20 years; ~3% utility models (no request, registered within months).
 * - Events after the cut-off (toYear-12-31) are not in the file, as in a database extracted on that day. The
 *   scheduled expiry of a registered patent is known on registration, so it is written even when it is later.
 *
 *   import { generatePatents } from './generate-patents';
 *   for (const line of generatePatents({ seed: 1, applications: 100_000, fromYear: 2004, toYear: 2023 })) …
 */
import { nameKey } from '../src/core/patents/names';
import { CANONICAL_COLUMNS } from '../src/core/patents/importers/canonical';
import { requestWindowYears } from '../src/core/patents/stats';
import { mulberry32 } from './generate-sample';

/** The columns of patents.csv, in the order written: the canonical importer's list, never re-typed. */
export const PATENT_COLUMNS = CANONICAL_COLUMNS;

export interface CompanySpec {
  readonly name: string;
  readonly industry: string;
  /** Relative expected number of applications (only ratios between companies matter). */
  readonly weight: number;
  /** Japanese name without legal form (e.g. 北野電機): adds 北野電機株式会社-style spellings. */
  readonly ja?: string;
  /** Romanised Japanese name (e.g. Kitano Denki): adds "Kitano Denki Kabushiki Kaisha". */
  readonly romaji?: string;
}

export interface PatentGenOptions {
  readonly seed: number;
  readonly applications: number;
  readonly companies?: readonly CompanySpec[];
  readonly fromYear: number;
  readonly toYear: number;
  /** Title and abstract in Japanese from per-subclass vocabulary; otherwise the text columns are empty. */
  readonly withText?: boolean;
  /** Target abstract length in characters (default 300). */
  readonly abstractChars?: number;
}

/** Parameters of the model, exported so that tests check the output against them. */
export const MODEL = {
  poolSize: 20_000,
  zipfExponent: 1.1,
  jointShare: 0.12,
  requestRate: 0.65,
  grantGivenRequest: 0.77,
  lapseShare: 0.4,
  utilityShare: 0.03,
  claimsMedian: 8,
  claimsSigma: 0.7,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Randomness and dates
// ---------------------------------------------------------------------------------------------------------------

class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  u(): number {
    return this.next();
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Sampling an index with probability proportional to its weight: cumulative sums and a binary search. */
class Cdf {
  private readonly cum: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cum = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i += 1) {
      total += weights[i];
      this.cum[i] = total;
    }
  }

  get size(): number {
    return this.cum.length;
  }

  sample(u: number): number {
    const target = u * this.cum[this.cum.length - 1];
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** An integer hash (murmur3's finaliser over two inputs): per-applicant streams that need no stored state. */
function hash32(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b + 0x632be5ab, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const DAY_MS = 86_400_000;
const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;

/** Whole years later, 29 Feb → 28 Feb as src/core/text/dates.ts addYears does. */
function addYearsDay(day: number, years: number): number {
  const dt = new Date(day * DAY_MS);
  const y = dt.getUTCFullYear() + years;
  const m = dt.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(dt.getUTCDate(), last)) / DAY_MS;
}

const isoCache = new Map<number, string>();
function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

/** Days the office accepts filings: weekdays except the New Year holidays (29 Dec – 3 Jan). */
function filingDays(year: number): number[] {
  const out: number[] = [];
  for (let d = dayOf(year, 1, 4); d <= dayOf(year, 12, 28); d += 1) {
    const wd = new Date(d * DAY_MS).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// IPC subclasses, industries, vocabulary
// ---------------------------------------------------------------------------------------------------------------

/** Tables are written as whitespace-separated words, so that they stay compact and readable. */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** `kanji:romaji` (or `class:letters`) pairs. */
function pairs(text: string): (readonly [string, string])[] {
  return words(text).map((w) => {
    const [a, b] = w.split(':');
    return [a, b] as const;
  });
}

/** IPC (2023) classes and their subclass letters. */
const IPC_CLASSES = pairs(`
  A01:BCDFGHJKLMNP A21:BCD A22:BC A23:BCDFGJKLNPV A24:BCDF A41:BCDFGH A42:BC A43:BCD A44:BC
  A45:BCDF A46:BD A47:BCDFGHJKL A61:BCDFGHJKLMNPQ A62:BCD A63:BCFGHJK B01:BDFJL B02:BC B03:BCD
  B04:BC B05:BCD B06:B B07:BC B08:B B09:BC B21:BCDFGHJKL B22:CDF B23:BCDFGHKPQ
  B24:BCD B25:BCDFGHJ B26:BDF B27:BCDFGHJKLMN B28:BCD B29:BCDKL B30:B B31:BCDF B32:B
  B33:Y B41:BCDFGJKLMN B42:BCDF B43:KLM B44:BCDF B60:BCDFGHJKLMNPQRSTW B61:BCDFGHJKL B62:BCDHJKLM B63:BCGHJ
  B64:BCDFGU B65:BCDFGH B66:BCDF B67:BCD B68:BCFG B81:BC B82:BY C01:BCDFGP C02:F
  C03:BC C04:B C05:BCDFG C06:BCDF C07:BCDFGHJK C08:BCFGHJKL C09:BCDFGHJK C10:BCFGHJKLMN C11:BCD
  C12:CFGHJLMNPQRY C13:BK C14:BC C21:BCD C22:BCF C23:CDFG C25:BCDF C30:B C40:B
  D01:BCDFGH D02:GHJ D03:CDJ D04:BCDGH D05:BC D06:BCFGHJLMNPQ D07:B D21:BCDFGHJ E01:BCDFH
  E02:BCDF E03:BCDF E04:BCDFGH E05:BCDFG E06:BC E21:BCDF F01:BCDKLMNP F02:BCDFGKMNP F03:BCDGH
  F04:BCDF F15:BCD F16:BCDFGHJKLMNPST F17:BCD F21:HKLSVWY F22:BDG F23:BCDGHJKLMNQR F24:BCDFHJSTV F25:BCDJ
  F26:B F27:BDM F28:BCDFG F41:ABCFGHJ F42:BCD G01:BCDFGHJKLMNPQRSTVW G02:BCF G03:BCDFGH G04:BCDFGR
  G05:BDFG G06:CDEFGJKMNQTV G07:BCDFG G08:BCG G09:BCDFG G10:BCDFGHKL G11:BC G12:B G16:BCHYZ
  G21:BCDFGHJK H01:BCFGHJKLMPQRST H02:BGHJKMNPS H03:BCDFGHJKLM H04:BHJKLMNQRSW H05:BFGHK H10:BKN
`);

export const IPC_SUBCLASSES: readonly string[] = IPC_CLASSES.flatMap(([cls, letters]) =>
  [...letters].map((l) => cls + l),
);

/** The busiest subclasses of Japanese filings, most popular first; the rest follow in a seeded order. */
const HOT_SUBCLASSES = words(`
  H01L G06F H04N G06Q A61K H01M G02B B32B H04L B60W G03G C08L A61P H04W G06T G01N
  B41J H02J C08K C09D F16H B65D C07D H02K B60L G02F B62D H05K A61B C08G G09G H01G
  B60R F02D B01D H01F C09J C08J C12N G01R H02M C07C H01R G06N F24F C09K B29C F25B
  G01S H01B C23C B65G A61F A61M C08F G06V H04R C22C B01J H10K A23L A61Q E04B G05B
  B25J
`);

type IndustryId =
  | 'electrical'
  | 'pharma'
  | 'automotive'
  | 'chemicals'
  | 'machinery'
  | 'materials'
  | 'construction'
  | 'food'
  | 'medical'
  | 'consumer'
  | 'software';

interface IndustryProfile {
  /** Share of the pool's companies. */
  readonly share: number;
  /** IPC prefixes of the industry's technology (a subclass matches the longest prefix). */
  readonly prefixes: readonly string[];
  /** Japanese business words for company names (北斗 + 電機 + 株式会社). */
  readonly ja: readonly string[];
  /** English business words for foreign applicants (Voltaris + Electronics + Inc.). */
  readonly en: readonly string[];
}

const INDUSTRIES: Readonly<Record<IndustryId, IndustryProfile>> = {
  electrical: {
    share: 0.18,
    prefixes: words('H01 H02 H03 H04 H05 H10 G06 G09 G11 G02F G03G G01R G08'),
    ja: words('電機 電子 電気 エレクトロニクス 電子工業 半導体 通信機 電工 デバイス 電装'),
    en: words('Electronics Semiconductor Devices Electric Microsystems Photonics'),
  },
  pharma: {
    share: 0.06,
    prefixes: words('A61K A61P C07D C07K C07H C07J C07F C12N C12P C12Q G01N'),
    ja: words('製薬 薬品 薬品工業 ファーマ 新薬 バイオ 生化学 創薬 ライフサイエンス'),
    en: words('Pharma Therapeutics Biosciences Biologics Pharmaceuticals Genomics'),
  },
  automotive: {
    share: 0.1,
    prefixes: words('B60 B62D F01 F02 F16H F16D F16F G08G H01M B60L'),
    ja: words('自動車 自動車工業 発動機 車体 オートパーツ ブレーキ 精工 車輌 モーターズ'),
    en: ['Motors', 'Automotive', 'Mobility', 'Drivetrain', 'Auto Systems', 'Vehicles'],
  },
  chemicals: {
    share: 0.12,
    prefixes: words('C08 C09 C07C C01 B32B C23 B01 C10 C11 C04 C03 B29'),
    ja: words('化学 化学工業 化成 樹脂 塗料 ケミカル 化工 合成 高分子 ポリマー'),
    en: ['Chemical', 'Materials', 'Polymers', 'Specialty Chemicals', 'Coatings', 'Resins'],
  },
  machinery: {
    share: 0.17,
    prefixes: words('B2 B65 B66 F04 F15 F16 F24 F25 G05 B05 B08 F28'),
    ja: words('機械 製作所 重工業 工機 機工 精密 産業機械 鉄工所 エンジニアリング'),
    en: words('Machinery Industries Engineering Robotics Automation Instruments'),
  },
  materials: {
    share: 0.06,
    prefixes: words('C21 C22 C23 C25 B22 H01B C04 C03 D01 D04 D06 D21'),
    ja: words('金属 製鋼 鉱業 素材 窯業 硝子 繊維 製紙 伸銅'),
    en: words('Metals Steel Alloys Fibers Glass Ceramics'),
  },
  construction: {
    share: 0.06,
    prefixes: words('E01 E02 E03 E04 E05 E06 E21 B28'),
    ja: words('建設 工務店 組 ハウス 住建 土木 建工'),
    en: words('Construction Builders Structures Infrastructure'),
  },
  food: {
    share: 0.05,
    prefixes: words('A01 A21 A22 A23 A24 C12C C12G C12H C12J C13'),
    ja: words('食品 製菓 乳業 酒造 醸造 製粉 水産 種苗'),
    en: words('Foods Nutrition Beverages Agritech'),
  },
  medical: {
    share: 0.05,
    prefixes: words('A61B A61F A61M A61N A61G A61H A61J A61C A61L G16H'),
    ja: words('医療器 メディカル 医科工業 医療機器 医研'),
    en: words('Medical Surgical Healthcare Diagnostics'),
  },
  consumer: {
    share: 0.08,
    prefixes: words('A4 A63 B43 B44 B68 D06F A61Q B65D G09B'),
    ja: words('産業 商事 工芸 製作所 化粧品 家具 玩具'),
    en: ['Consumer Products', 'Home', 'Lifestyle', 'Cosmetics'],
  },
  software: {
    share: 0.07,
    prefixes: words('G06F G06Q G06N G06T G06V H04L H04W G16 G07 G08B'),
    ja: words('システム ソフト 情報システム ネットワークス テクノロジーズ データ ソリューションズ'),
    en: words('Software Systems Networks Data Cloud Labs'),
  },
};

const INDUSTRY_IDS = Object.keys(INDUSTRIES) as IndustryId[];

function industryOf(raw: string): IndustryId {
  return (INDUSTRY_IDS as readonly string[]).includes(raw) ? (raw as IndustryId) : 'machinery';
}

/** Technical vocabulary by field, the field of a subclass by IPC prefix (the longest that matches). */
const FIELDS: readonly { readonly prefixes: readonly string[]; readonly terms: readonly string[] }[] = [
  {
    prefixes: words('H01L H10'),
    terms: words(`
      半導体基板 ゲート電極 絶縁膜 トランジスタ 配線層 不純物領域 エピタキシャル層 酸化物半導体 封止樹脂 発光素子
      受光素子 メモリセル 窒化物層 ダイオード
    `),
  },
  {
    prefixes: words('H04N G02 G03 G09 H05B G06T'),
    terms: words(`
      撮像素子 画素回路 表示パネル 液晶層 偏光板 光学レンズ 画像信号 光源ユニット 投射光学系 色変換層 焦点調整機構
      露光装置 感光体ドラム 現像剤
    `),
  },
  {
    prefixes: words('G06 G11 G16 G07 G08'),
    terms: words(`
      情報処理装置 記憶部 演算処理 学習モデル 入力データ 表示制御部 認証情報 通信端末 推論結果 画像認識 管理サーバ
      ユーザ情報 制御プログラム データベース
    `),
  },
  {
    prefixes: words('H04 H03 H01Q H01P'),
    terms: words(`
      無線通信 基地局 送信信号 受信装置 アンテナ素子 変調方式 通信パケット 周波数帯域 ビームフォーミング 端末装置
      伝送路 符号化方式 中継装置 制御チャネル
    `),
  },
  {
    prefixes: words('H01M H02 H01G H01F H01B H01R H01H F03 F22 F23 G21'),
    terms: words(`
      二次電池 正極活物質 負極 電解液 セパレータ 電力変換装置 インバータ 蓄電モジュール 固体電解質 充電制御 モータ
      巻線 コンデンサ 電源回路
    `),
  },
  {
    prefixes: words('B60 B61 B62 B63 B64 F01 F02 F16H F16D G08G'),
    terms: words(
      '車両 駆動輪 制動装置 内燃機関 燃料噴射 排気浄化 変速機 操舵装置 車載カメラ 運転支援 電動モータ 走行制御 車体フレーム 懸架装置',
    ),
  },
  {
    prefixes: words('B2 B3 B65 B66 B67 F04 F15 F16 F24 F25 F26 F27 F28 G05 B0 F17 F41 F42'),
    terms: words(
      '駆動機構 搬送装置 回転軸 軸受 減速機 把持部 工作機械 ロボットアーム 油圧回路 冷凍サイクル 熱交換器 圧縮機 ポンプ 空調装置',
    ),
  },
  {
    prefixes: words('A61K A61P C07D C07K C07H C07J C07F C12N C12P C12Q C40'),
    terms: words(
      '化合物 医薬組成物 有効成分 抗体 薬学的に許容される塩 溶媒和物 治療剤 疾患 投与量 受容体 阻害剤 遺伝子 細胞 ペプチド',
    ),
  },
  {
    prefixes: words('A61B A61F A61M A61N A61G A61H A61J A61C A61L G16H'),
    terms: words(
      '医療用具 カテーテル 内視鏡 生体信号 測定電極 患者 穿刺針 超音波探触子 画像診断 人工関節 薬液 血液 装着具 センサ部',
    ),
  },
  {
    prefixes: words('C08 C09 B32 B29 C03 C04 C21 C22 C23 C25 B22 D0 D21 C30'),
    terms: words(
      '樹脂組成物 熱可塑性樹脂 充填剤 硬化剤 積層体 粘着層 塗膜 フィルム 繊維 金属粉末 セラミックス めっき層 鋼板 ガラス基材',
    ),
  },
  {
    prefixes: words('C07C C01 C02 C05 C06 C10 C11 C14 B01 A62'),
    terms: words(
      '触媒 反応器 原料ガス 精製工程 蒸留塔 吸着材 溶媒 有機化合物 前駆体 潤滑油 洗浄剤 界面活性剤 水処理 分離膜',
    ),
  },
  {
    prefixes: words('A01 A21 A22 A23 A24 C12C C12G C12H C12J C12L C13'),
    terms: words('食品組成物 飲料 風味 甘味料 乳成分 発酵 植物体 栽培装置 農薬 飼料 微生物 加工食品 香料 包装食品'),
  },
  {
    prefixes: words('A4 A63 A61Q B43 B44 B68 D06F G09B B65D'),
    terms: words('収納具 家具 寝具 調理器具 衣類 玩具 遊技機 化粧料 筆記具 装身具 清掃具 容器本体 把手 吸収性物品'),
  },
  {
    prefixes: words('E0 E21 B28'),
    terms: words(
      '建築物 構造体 基礎杭 鉄筋コンクリート 外壁パネル 屋根材 免震装置 トンネル 掘削機 床構造 柱梁接合部 防水シート 施工方法 地盤改良',
    ),
  },
  {
    prefixes: words('G01 G04 G12 G10'),
    terms: words(
      '測定装置 検出部 センサ素子 信号処理 計測値 光検出器 分析装置 試料 較正 変位センサ 温度センサ 流量計 検査装置 音響信号',
    ),
  },
];

const GENERAL_TERMS = words(`
  本体部 支持部材 制御部 固定部材 接続部 基板 筐体 保持部 調整機構 ユニット 構造体 処理装置 供給部 駆動部
`);

const MODIFIERS = words(`
  高耐熱 低消費電力 高精度 多層 薄型 高強度 低温 高速 軽量 高効率 透明 微細 高純度 耐食性 柔軟 高密度 低ノイズ 大容量 小型 高感度
`);

const PROBLEMS = words(`
  信頼性を向上させる 製造コストを低減する 小型化を実現する 効率を高める 耐久性を改善する
  精度を高める 消費電力を抑制する 安全性を確保する 生産性を高める 品質を安定させる
`);

const VERBS = words(`
  制御する 保持する 検出する 供給する 形成する 変換する 調整する 含有する 支持する 接続する
`);

const QUALITIES = words(`
  性能 安定性 耐久性 生産性 精度 信頼性 応答性
`);

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

/** Common Japanese surnames with their romanisation. */
const SURNAMES: readonly (readonly [string, string])[] = pairs(`
  佐藤:Sato 鈴木:Suzuki 高橋:Takahashi 田中:Tanaka 伊藤:Ito 渡辺:Watanabe 山本:Yamamoto 中村:Nakamura 小林:Kobayashi 加藤:Kato
  吉田:Yoshida 山田:Yamada 佐々木:Sasaki 山口:Yamaguchi 松本:Matsumoto 井上:Inoue 木村:Kimura 林:Hayashi 斎藤:Saito 清水:Shimizu
  山崎:Yamazaki 森:Mori 池田:Ikeda 橋本:Hashimoto 阿部:Abe 石川:Ishikawa 山下:Yamashita 中島:Nakajima 石井:Ishii 小川:Ogawa
  前田:Maeda 岡田:Okada 長谷川:Hasegawa 藤田:Fujita 後藤:Goto 近藤:Kondo 村上:Murakami 遠藤:Endo 青木:Aoki 坂本:Sakamoto
  斉藤:Saito 福田:Fukuda 太田:Ota 西村:Nishimura 藤井:Fujii 金子:Kaneko 岡本:Okamoto 藤原:Fujiwara 中野:Nakano 三浦:Miura
  原田:Harada 中川:Nakagawa 松田:Matsuda 竹内:Takeuchi 小野:Ono 田村:Tamura 中山:Nakayama 和田:Wada 石田:Ishida 森田:Morita
  上田:Ueda 原:Hara 内田:Uchida 柴田:Shibata 酒井:Sakai 宮崎:Miyazaki 横山:Yokoyama 高木:Takagi 安藤:Ando 宮本:Miyamoto
  大野:Ono 小島:Kojima 谷口:Taniguchi 今井:Imai 工藤:Kudo 高田:Takada 増田:Masuda 丸山:Maruyama 杉山:Sugiyama 村田:Murata
  大塚:Otsuka 新井:Arai 小山:Koyama 平野:Hirano 藤本:Fujimoto 河野:Kono 上野:Ueno 野口:Noguchi 武田:Takeda 松井:Matsui
  千葉:Chiba 岩崎:Iwasaki 菅原:Sugawara 木下:Kinoshita 久保:Kubo 佐野:Sano 野村:Nomura 松尾:Matsuo 市川:Ichikawa 菊地:Kikuchi
`);

const GIVEN_NAMES: readonly (readonly [string, string])[] = pairs(`
  太郎:Taro 一郎:Ichiro 健太:Kenta 翔太:Shota 大輔:Daisuke 拓也:Takuya 直樹:Naoki 和也:Kazuya 達也:Tatsuya 誠:Makoto
  健一:Kenichi 隆:Takashi 浩:Hiroshi 剛:Tsuyoshi 修:Osamu 学:Manabu 聡:Satoshi 勇気:Yuki 亮:Ryo 悠斗:Yuto
  陽介:Yosuke 雄一:Yuichi 康弘:Yasuhiro 秀樹:Hideki 正人:Masato 智之:Tomoyuki 博之:Hiroyuki 信也:Shinya 洋平:Yohei 慎吾:Shingo
  圭介:Keisuke 俊介:Shunsuke 英明:Hideaki 一樹:Kazuki 祐介:Yusuke 健司:Kenji 茂:Shigeru 実:Minoru 昇:Noboru 豊:Yutaka
  花子:Hanako 美咲:Misaki 陽子:Yoko 恵子:Keiko 由美:Yumi 真由美:Mayumi 智子:Tomoko 久美子:Kumiko 愛:Ai 彩:Aya
  直美:Naomi 明美:Akemi 裕子:Yuko 麻衣:Mai 香織:Kaori 沙織:Saori 千尋:Chihiro 玲奈:Rena 優子:Yuko 奈々:Nana
  理恵:Rie 春香:Haruka 里奈:Rina 絵美:Emi 瞳:Hitomi 桜:Sakura 葵:Aoi 結衣:Yui 遥:Haruka 和子:Kazuko
  幸子:Sachiko 節子:Setsuko 典子:Noriko 弘:Hiroshi 進:Susumu 勝:Masaru 清:Kiyoshi 功:Isao 大樹:Daiki 蓮:Ren
  颯太:Sota 湊:Minato 陸:Riku 美穂:Miho 彩花:Ayaka 七海:Nanami 純一:Junichi 正樹:Masaki 孝:Takashi
`);

const FOREIGN_FIRST = words(`
  John Michael David James Robert Thomas Daniel Mark Peter Andreas Stefan Markus Pierre Laurent
  Marco Luca Wei Jun Li Hao Min-jun Ji-hoon Seo-yeon Anna Maria Laura Sarah Emily
  Julia Sophie Elena Priya Rahul Arjun Lars Ingrid
`);
const FOREIGN_LAST = words(`
  Smith Johnson Williams Brown Miller Davis Wilson Anderson Müller Schmidt Schneider Fischer Weber Martin
  Bernard Dubois Rossi Bianchi Chen Wang Zhang Liu Kim Lee Park Choi Nguyen Patel
  Sharma Kowalski Novak Jensen Larsen Garcia Lopez Olsen
`);

/** Name stems of Japanese companies: places, family names, auspicious words. */
const JA_STEMS = words(`
  青葉 旭 朝日 東邦 日東 北斗 大和 三光 富士見 千代田 光洋 昭栄 中央 東洋 日進 新星 白鳳 松風 若葉 瑞穂
  八雲 明星 大成 共栄 協和 日栄 太陽 泉 桜井 秋山 石原 今井 上野 遠藤 岡本 金子 川口 菊池 木村 久保
  小西 近藤 斎藤 坂本 佐野 柴田 島田 杉山 関口 高木 竹内 田村 千葉 土屋 中島 西川 野口 萩原 浜田 平野
  福田 藤井 古川 星野 堀 前田 松本 丸山 水野 宮崎 村上 森田 安田 山口 横山 吉田 和田 北陸 東北 関西
  九州 四国 中部 湘南 信州 越後 三河 房総 相模 常磐 播磨 筑波 出雲 飛鳥 浪速 武蔵 甲斐 伊勢 紀州 土佐
  阿蘇 那須 日光 蔵王 立山 白山 比叡 鞍馬 大雪 十勝 津軽 磐梯 安曇 木曽 熊野 吉野 宇治 有明 天草 錦
  菱和 丸紅 日新 大同 東亜 日立野 神田 京浜 阪神 名港 北辰 南海 西海 光陽 栄光 双葉 葵 椿 楓 藤
  菖蒲 萌黄 紫苑
`);
const JA_MIDS = ['', '', '', '', 'テクノ', '総合', 'ニュー', 'グローバル', '日本'];

const EN_STEMS = words(`
  Voltaris Hexacore Norden Alpenwerk Meridian Quantix Brightwave Corvid Helion Lumera
  Orbis Vantor Keystone Northgate Silvermoor Aldana Bexley Castellan Dravon Evergate
  Falcrest Granhold Halvorsen Ironbridge Jadeport Kestrel Lindqvist Marlow Nexaris Ostrava
  Pellion Quorvis Rhenwald Sorrento Tavistock Ulmstein Veritas Westmark Xylon Yarrow
  Zephyrus Arcturus Boreal Cygnet Delphine Emberly Fjordline Glenmoor Hartwell Isenburg
  Juniper Kaldera Loxley Montclair Nyberg Oakridge Provance Redfern Stellaris Trident
`);
const EN_FORMS = ['Inc.', 'GmbH', 'AG', 'Corporation', 'Ltd.', 'S.A.', 'N.V.', 'LLC', 'Co., Ltd.', 'plc'];

const PLACES = words(`
  北海道 青森 岩手 宮城 秋田 山形 福島 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 富山 石川 福井 山梨 長野
  岐阜 静岡 愛知 三重 滋賀 京都 大阪 兵庫 奈良 和歌山 鳥取 島根 岡山 広島 山口 徳島 香川 愛媛 高知 福岡
  佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄 札幌 仙台 横浜 名古屋 神戸 北九州 浜松 金沢 松山 筑波 豊橋 長岡 室蘭
  北見 会津 首都 中京 関東 東海 北陸 中国 西日本
`);
const UNIVERSITY_FORMS: readonly ((place: string) => string)[] = [
  (p) => `国立大学法人${p}大学`,
  (p) => `${p}工業大学`,
  (p) => `公立大学法人${p}県立大学`,
  (p) => `学校法人${p}学園`,
  (p) => `${p}医科大学`,
  (p) => `${p}理科大学`,
  (p) => `国立研究開発法人${p}技術研究所`,
  (p) => `${p}技術科学大学`,
];

// ---------------------------------------------------------------------------------------------------------------
// The applicant pool
// ---------------------------------------------------------------------------------------------------------------

type ApplicantKind = 'company' | 'foreign' | 'university' | 'individual';

interface Applicant {
  readonly name: string;
  /** Spellings of a given company and their weights (records spell one company several ways). */
  readonly spellings?: { readonly texts: readonly string[]; readonly cdf: Cdf };
  readonly kind: ApplicantKind;
  readonly industry: IndustryId;
  readonly profile: readonly string[];
  readonly profileCdf: Cdf;
  /** Seed of the applicant's inventor names. */
  readonly seed: number;
  /** Inventors active in a year; the pool moves on by a fraction of it each year. */
  readonly activeInventors: number;
  readonly requestP: number;
  readonly grantP: number;
  readonly lapseP: number;
  /** Yearly log-growth of the applicant's filings. */
  readonly trend: number;
  /** Zipf weight of its rank. */
  readonly weight: number;
}

/** The spellings a given company appears under in the records, with their frequency. */
export function companySpellings(c: CompanySpec): { text: string; weight: number }[] {
  const out = [
    { text: c.name, weight: 0.1 },
    { text: `${c.name} Co., Ltd.`, weight: 0.3 },
    { text: `${c.name.toUpperCase()} CORPORATION`, weight: 0.15 },
  ];
  if (c.ja) {
    out.push({ text: `${c.ja}株式会社`, weight: 0.3 }, { text: `株式会社${c.ja}`, weight: 0.05 });
    out.push({ text: `${c.ja}㈱`, weight: 0.05 });
  }
  if (c.romaji) out.push({ text: `${c.romaji} Kabushiki Kaisha`, weight: 0.05 });
  return out;
}

/** Ranks for the given companies: the heaviest at rank 2, the others where the Zipf share matches their weight. */
function companyRanks(companies: readonly CompanySpec[], poolSize: number): Map<number, CompanySpec> {
  const byRank = new Map<number, CompanySpec>();
  const top = Math.max(...companies.map((c) => c.weight));
  const sorted = [...companies].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  for (const c of sorted) {
    let rank = Math.max(2, Math.round(2 * (top / c.weight) ** (1 / MODEL.zipfExponent)));
    while (byRank.has(rank)) rank += 1;
    if (rank > poolSize) throw new Error(`${c.name}: weight too small to place among ${poolSize} applicants`);
    byRank.set(rank, c);
  }
  return byRank;
}

function kindAt(rank: number, rng: Rng): ApplicantKind {
  const u = rng.u();
  // The heaviest filers at the Japan Patent Office are domestic manufacturers.
  if (rank <= 10) return 'company';
  if (rank <= 30) return u < 0.85 ? 'company' : 'foreign';
  if (rank <= 1000) return u < 0.84 ? 'company' : u < 0.94 ? 'foreign' : 'university';
  return u < 0.67 ? 'company' : u < 0.73 ? 'foreign' : u < 0.75 ? 'university' : 'individual';
}

/** The heaviest filers are mostly electrical and automotive makers; further down, industries by their share. */
const HEAVY_INDUSTRIES: readonly IndustryId[] = ['electrical', 'electrical', 'electrical', 'automotive', 'machinery'];

function drawIndustry(rank: number, rng: Rng): IndustryId {
  if (rank <= 10) return rng.pick(HEAVY_INDUSTRIES);
  let u = rng.u();
  for (const id of INDUSTRY_IDS) {
    u -= INDUSTRIES[id].share;
    if (u < 0) return id;
  }
  return 'machinery';
}

/** A fresh name of the kind, unique under nameKey (no accidental consolidation), or undefined if exhausted. */
function drawName(kind: ApplicantKind, industry: IndustryId, rng: Rng, taken: Set<string>): string | undefined {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const name = candidateName(kind, industry, rng);
    const key = nameKey(name);
    if (key && !taken.has(key)) {
      taken.add(key);
      return name;
    }
  }
  return undefined;
}

function candidateName(kind: ApplicantKind, industry: IndustryId, rng: Rng): string {
  const p = INDUSTRIES[industry];
  switch (kind) {
    case 'company': {
      const core = rng.pick(JA_STEMS) + rng.pick(JA_MIDS) + rng.pick(p.ja);
      return rng.chance(0.85) ? `${core}株式会社` : `株式会社${core}`;
    }
    case 'foreign':
      return `${rng.pick(EN_STEMS)} ${rng.pick(p.en)} ${rng.pick(EN_FORMS)}`;
    case 'university':
      return rng.pick(UNIVERSITY_FORMS)(rng.pick(PLACES));
    case 'individual':
      return `${rng.pick(SURNAMES)[0]} ${rng.pick(GIVEN_NAMES)[0]}`;
  }
}

interface Weighted {
  readonly items: readonly string[];
  readonly cdf: Cdf;
}

interface SubclassTables {
  /** Every subclass, weighted by a Zipf popularity over a ranking that starts with the busiest ones. */
  readonly all: Weighted;
  readonly byIndustry: ReadonlyMap<IndustryId, Weighted>;
  readonly popularity: ReadonlyMap<string, number>;
}

function longestPrefix<T extends { readonly prefixes: readonly string[] }>(
  sub: string,
  xs: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestLen = 0;
  for (const x of xs) {
    for (const p of x.prefixes) {
      if (sub.startsWith(p) && p.length > bestLen) {
        best = x;
        bestLen = p.length;
      }
    }
  }
  return best;
}

function weighted(items: readonly string[], popularity: ReadonlyMap<string, number>): Weighted {
  return { items, cdf: new Cdf(items.map((s) => popularity.get(s) ?? 0)) };
}

function subclassTables(rng: Rng): SubclassTables {
  const rest = IPC_SUBCLASSES.filter((s) => !HOT_SUBCLASSES.includes(s));
  for (let i = rest.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.u() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  const order = [...HOT_SUBCLASSES, ...rest];
  const popularity = new Map(order.map((s, i) => [s, 1 / (i + 1)]));
  const byIndustry = new Map<IndustryId, Weighted>();
  for (const id of INDUSTRY_IDS) {
    const own = order.filter((s) => INDUSTRIES[id].prefixes.some((p) => s.startsWith(p)));
    byIndustry.set(id, weighted(own, popularity));
  }
  return { all: weighted(order, popularity), byIndustry, popularity };
}

/** k distinct subclasses, drawn by popularity, mostly from the applicant's own fields; the first is its core. */
function drawProfile(k: number, home: Weighted, t: SubclassTables, rng: Rng): string[] {
  const chosen: string[] = [];
  for (let attempt = 0; chosen.length < k && attempt < k * 20; attempt += 1) {
    const from = rng.chance(0.88) && home.items.length > 0 ? home : t.all;
    const s = from.items[from.cdf.sample(rng.u())];
    if (!chosen.includes(s)) chosen.push(s);
  }
  return chosen;
}

function profileSize(kind: ApplicantKind, rank: number, rng: Rng): number {
  if (kind === 'individual') return rng.int(1, 3);
  const breadth = Math.max(0, 1 - Math.log(rank) / Math.log(3000));
  return Math.min(30, Math.max(5, Math.round(5 + 25 * breadth + rng.int(-2, 2))));
}

function homeSubclasses(kind: ApplicantKind, industry: IndustryId, t: SubclassTables, rng: Rng): Weighted {
  const own = t.byIndustry.get(industry) ?? t.all;
  if (kind !== 'university') return own;
  // Universities spread over the science-based fields.
  const fields: IndustryId[] = ['pharma', 'electrical', 'chemicals', 'medical', 'materials'];
  const other = t.byIndustry.get(rng.pick(fields)) ?? t.all;
  return weighted([...new Set([...own.items, ...other.items])], t.popularity);
}

interface Pool {
  readonly applicants: readonly Applicant[];
  /** Same-industry companies (for joint partners), by industry, with their Zipf weights. */
  readonly byIndustry: ReadonlyMap<IndustryId, { readonly members: readonly number[]; readonly cdf: Cdf }>;
  readonly universities: { readonly members: readonly number[]; readonly cdf: Cdf };
}

function buildPool(opts: PatentGenOptions, t: SubclassTables, rng: Rng): Pool {
  const given = companyRanks(opts.companies ?? [], MODEL.poolSize);
  const taken = new Set<string>();
  for (const c of opts.companies ?? []) for (const s of companySpellings(c)) taken.add(nameKey(s.text));
  const years = opts.toYear - opts.fromYear + 1;
  let zipfTotal = 0;
  for (let r = 1; r <= MODEL.poolSize; r += 1) zipfTotal += r ** -MODEL.zipfExponent;
  const applicants: Applicant[] = [];
  for (let rank = 1; rank <= MODEL.poolSize; rank += 1) {
    const weight = rank ** -MODEL.zipfExponent;
    const perYear = (opts.applications * weight) / zipfTotal / years;
    const c = given.get(rank);
    applicants.push(
      c ? givenApplicant(c, rank, weight, perYear, t, rng) : poolApplicant(rank, weight, perYear, t, rng, taken),
    );
  }
  return { applicants, ...partnerTables(applicants) };
}

function commonTraits(rng: Rng, perYear: number) {
  return {
    seed: (rng.u() * 0x100000000) >>> 0,
    activeInventors: Math.max(1, Math.round(1.4 * perYear + 1)),
    requestP: MODEL.requestRate + (rng.u() - 0.5) * 0.16,
    grantP: Math.min(0.95, MODEL.grantGivenRequest + (rng.u() - 0.5) * 0.16),
    lapseP: MODEL.lapseShare + (rng.u() - 0.5) * 0.2,
    trend: 0.05 * rng.normal(),
  };
}

function givenApplicant(
  c: CompanySpec,
  rank: number,
  weight: number,
  perYear: number,
  t: SubclassTables,
  rng: Rng,
): Applicant {
  const industry = industryOf(c.industry);
  const spellings = companySpellings(c);
  const profile = drawProfile(profileSize('company', rank, rng), t.byIndustry.get(industry) ?? t.all, t, rng);
  return {
    name: c.name,
    spellings: { texts: spellings.map((s) => s.text), cdf: new Cdf(spellings.map((s) => s.weight)) },
    kind: 'company',
    industry,
    profile,
    profileCdf: new Cdf(profile.map((_, i) => (i + 1) ** -0.9)),
    weight,
    ...commonTraits(rng, perYear),
  };
}

function poolApplicant(
  rank: number,
  weight: number,
  perYear: number,
  t: SubclassTables,
  rng: Rng,
  taken: Set<string>,
): Applicant {
  let kind = kindAt(rank, rng);
  const industry: IndustryId = kind === 'individual' ? 'consumer' : drawIndustry(rank, rng);
  let name = drawName(kind, industry, rng, taken);
  if (name === undefined) {
    // The name space of a kind (individuals, universities) is finite: fall back to a company.
    kind = 'company';
    name = drawName(kind, industry, rng, taken) ?? `${rng.pick(JA_STEMS)}${rank}株式会社`;
  }
  const profile = drawProfile(profileSize(kind, rank, rng), homeSubclasses(kind, industry, t, rng), t, rng);
  return {
    name,
    kind,
    industry,
    profile,
    profileCdf: new Cdf(profile.map((_, i) => (i + 1) ** -0.9)),
    weight,
    ...commonTraits(rng, perYear),
  };
}

function partnerTables(applicants: readonly Applicant[]): Omit<Pool, 'applicants'> {
  const groups = new Map<IndustryId, number[]>();
  const universities: number[] = [];
  applicants.forEach((a, i) => {
    if (a.kind === 'university') universities.push(i);
    if (a.kind !== 'company' && a.kind !== 'foreign') return;
    const g = groups.get(a.industry) ?? [];
    g.push(i);
    groups.set(a.industry, g);
  });
  const table = (members: number[]) => ({ members, cdf: new Cdf(members.map((i) => applicants[i].weight)) });
  return {
    byIndustry: new Map([...groups].map(([id, members]) => [id, table(members)])),
    universities: table(universities),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------------

interface YearContext {
  readonly year: number;
  readonly applicantCdf: Cdf;
}

interface Counters {
  index: number;
  readonly application: Map<string, number>;
  readonly publication: Map<number, number>;
}

interface Generation {
  readonly opts: PatentGenOptions;
  readonly pool: Pool;
  readonly rng: Rng;
  readonly cutoff: number;
  readonly counters: Counters;
  readonly serialBits: number;
  readonly vocab: Map<string, Vocabulary>;
}

/** Application volumes by filing year: Japanese filings drift down slowly; the total is exact. */
function yearVolumes(opts: PatentGenOptions): Map<number, number> {
  const years: number[] = [];
  for (let y = opts.fromYear; y <= opts.toYear; y += 1) years.push(y);
  const w = years.map((y) => Math.max(0.5, 1 - 0.012 * (y - opts.fromYear)));
  const total = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (opts.applications * x) / total);
  const counts = exact.map(Math.floor);
  let missing = opts.applications - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (missing <= 0) break;
    counts[i] += 1;
    missing -= 1;
  }
  return new Map(years.map((y, i) => [y, counts[i]]));
}

function yearContext(pool: Pool, year: number, mid: number): YearContext {
  const w = new Float64Array(pool.applicants.length);
  pool.applicants.forEach((a, i) => {
    w[i] = a.weight * Math.exp(a.trend * (year - mid));
  });
  return { year, applicantCdf: new Cdf(w) };
}

function spellingOf(a: Applicant, rng: Rng): string {
  return a.spellings ? a.spellings.texts[a.spellings.cdf.sample(rng.u())] : a.name;
}

/** Main applicant first; a joint application adds 1–2 partners from its industry or a university. */
function drawApplicants(g: Generation, y: YearContext): Applicant[] {
  const { pool, rng } = g;
  const main = pool.applicants[y.applicantCdf.sample(rng.u())];
  const out = [main];
  if (!rng.chance(MODEL.jointShare)) return out;
  const partners = rng.chance(0.78) ? 1 : 2;
  for (let attempt = 0; out.length < partners + 1 && attempt < 20; attempt += 1) {
    const toUniversity = main.kind !== 'university' ? rng.chance(0.35) : rng.chance(0.15);
    const group = toUniversity ? pool.universities : (pool.byIndustry.get(main.industry) ?? pool.universities);
    if (group.members.length === 0) continue;
    const p = pool.applicants[group.members[group.cdf.sample(rng.u())]];
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

const INVENTOR_COUNTS = new Cdf([0.25, 0.28, 0.2, 0.13, 0.08, 0.06]);

function inventorName(a: Applicant, index: number, rng: Rng): string {
  const h = hash32(a.seed, index);
  const [sj, sr] = SURNAMES[h % SURNAMES.length];
  const [gj, gr] = GIVEN_NAMES[(h >>> 8) % GIVEN_NAMES.length];
  if (a.kind === 'foreign') {
    // Foreign applicants: mostly local inventors, some Japanese engineers, all romanised.
    if ((h >>> 16) % 10 < 3) return `${gr} ${sr}`;
    return `${FOREIGN_FIRST[(h >>> 4) % FOREIGN_FIRST.length]} ${FOREIGN_LAST[(h >>> 12) % FOREIGN_LAST.length]}`;
  }
  // The same person is written with a half-width, a full-width or no space (inventorKey folds them).
  const u = rng.u();
  return u < 0.88 ? `${sj} ${gj}` : u < 0.96 ? `${sj}\u3000${gj}` : `${sj}${gj}`;
}

/** An inventor of the applicant active in the year: a window of the pool that moves on (careers end). */
function activeInventor(a: Applicant, g: Generation, year: number): number {
  const start = Math.floor((year - g.opts.fromYear) * a.activeInventors * 0.08);
  const u = g.rng.u();
  return start + Math.floor(a.activeInventors * u * u);
}

function drawInventors(g: Generation, applicants: readonly Applicant[], year: number): string[] {
  const main = applicants[0];
  if (main.kind === 'individual') return [main.name];
  const n = INVENTOR_COUNTS.sample(g.rng.u()) + 1;
  const out: string[] = [];
  for (let i = 0; i < n * 3 && out.length < n; i += 1) {
    // In a joint application the partner contributes an inventor now and then.
    const who = applicants.length > 1 && i > 0 && g.rng.chance(0.3) ? applicants[1] : main;
    const from = who.kind === 'individual' ? main : who;
    const name = inventorName(from, activeInventor(from, g, year), g.rng);
    if (!out.some((x) => x.replace(/\s/g, '') === name.replace(/\s/g, ''))) out.push(name);
  }
  return out;
}

const IPC_COUNTS = new Cdf([0.4, 0.3, 0.2, 0.1]);

function ipcCode(sub: string, rng: Rng): string {
  const u = rng.u();
  const group = 1 + Math.floor(u * u * 99);
  const v = rng.u();
  const subgroup = v < 0.3 ? '00' : v < 0.8 ? String(rng.int(1, 98)).padStart(2, '0') : String(rng.int(100, 999));
  return `${sub} ${group}/${subgroup}`;
}

/** 1–4 distinct codes: the first from the applicant's profile, others in the same or another of its subclasses. */
function drawIpc(a: Applicant, rng: Rng): string[] {
  const n = IPC_COUNTS.sample(rng.u()) + 1;
  const first = a.profile[a.profileCdf.sample(rng.u())];
  const out = [ipcCode(first, rng)];
  for (let i = 0; i < n * 3 && out.length < n; i += 1) {
    const sub = rng.chance(0.5) ? first : a.profile[a.profileCdf.sample(rng.u())];
    const code = ipcCode(sub, rng);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

function drawClaims(rng: Rng, utility: boolean): number {
  const median = utility ? 4 : MODEL.claimsMedian;
  const sigma = utility ? 0.6 : MODEL.claimsSigma;
  return Math.max(1, Math.round(median * Math.exp(sigma * rng.normal())));
}

interface Prosecution {
  exam?: number;
  registration?: number;
  registeredClaims?: number;
  lapse?: number;
  expiry?: number;
}

/** Days from filing to the request within the window: many at filing, most in between, a rush at the deadline. */
function requestDelay(rng: Rng, windowDays: number): number {
  const u = rng.u();
  if (u < 0.3) return rng.int(0, 30);
  if (u < 0.75) return rng.int(31, windowDays - 181);
  return rng.int(windowDays - 180, windowDays);
}

function patentProsecution(a: Applicant, filing: number, claims: number, g: Generation): Prosecution {
  const { rng, cutoff } = g;
  const out: Prosecution = {};
  if (!rng.chance(a.requestP)) return out;
  const filingIso = iso(filing);
  const window = addYearsDay(filing, requestWindowYears(filingIso)) - filing;
  const exam = filing + requestDelay(rng, window);
  if (exam <= cutoff) out.exam = exam;
  if (!rng.chance(a.grantP)) return out;
  const registration = exam + rng.int(365, 1461);
  if (registration > cutoff) return out;
  out.registration = registration;
  out.registeredClaims = Math.max(1, Math.round(claims * (0.6 + 0.4 * rng.u())));
  out.expiry = addYearsDay(filing, 20);
  if (rng.chance(a.lapseP)) {
    const lapse = addYearsDay(registration, rng.int(3, 15));
    if (lapse < out.expiry && lapse <= cutoff) out.lapse = lapse;
  }
  return out;
}

/** Utility models are registered without examination within months, for at most 10 years. */
function utilityProsecution(filing: number, claims: number, g: Generation): Prosecution {
  const { rng, cutoff } = g;
  const registration = filing + rng.int(60, 180);
  if (registration > cutoff) return {};
  const expiry = addYearsDay(filing, 10);
  const out: Prosecution = { registration, registeredClaims: claims, expiry };
  if (rng.chance(0.5)) {
    const lapse = addYearsDay(registration, rng.int(1, 9));
    if (lapse < expiry && lapse <= cutoff) out.lapse = lapse;
  }
  return out;
}

/** A bijection of the record index (an odd multiplier modulo 2^bits), so registration numbers never repeat. */
function registrationNumber(g: Generation, utility: boolean): string {
  const mask = g.serialBits >= 32 ? 0xffffffff : 2 ** g.serialBits - 1;
  const serial = (Math.imul(g.counters.index, 0x2c1b3c6d) >>> 0) & mask;
  return utility ? `JP${3_000_000 + serial}U` : `JP${5_000_000 + serial}B2`;
}

function nextSerial(map: Map<string, number>, key: string): number {
  const n = (map.get(key) ?? 0) + 1;
  map.set(key, n);
  return n;
}

function applicationNumber(g: Generation, year: number, utility: boolean): string {
  const prefix = utility ? 'JPU' : 'JP';
  const n = nextSerial(g.counters.application, `${prefix}${year}`);
  return `${prefix}${year}-${String(n).padStart(6, '0')}`;
}

/** 公開: 18 months after filing, numbered in order within the publication year; none before the cut-off. */
function publicationNumber(g: Generation, filing: number): string {
  const dt = new Date(filing * DAY_MS);
  const published = Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 18, dt.getUTCDate()) / DAY_MS;
  if (published > g.cutoff) return '';
  const year = yearOfDay(published);
  const n = (g.counters.publication.get(year) ?? 0) + 1;
  g.counters.publication.set(year, n);
  return `JP${year}-${String(n).padStart(6, '0')}A`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------------------

interface Vocabulary {
  readonly terms: readonly string[];
  /** Terms peculiar to the subclass (modifier + field term), so that keyword extraction finds its topic. */
  readonly own: readonly string[];
}

function vocabularyOf(sub: string, cache: Map<string, Vocabulary>): Vocabulary {
  const hit = cache.get(sub);
  if (hit) return hit;
  const terms = longestPrefix(sub, FIELDS)?.terms ?? GENERAL_TERMS;
  const h = hashText(sub);
  const own = [0, 1, 2, 3].map((i) => {
    const k = hash32(h, i);
    return MODIFIERS[k % MODIFIERS.length] + terms[(k >>> 8) % terms.length];
  });
  const v = { terms, own: [...new Set(own)] };
  cache.set(sub, v);
  return v;
}

function term(v: Vocabulary, rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(v.own) : rng.pick(v.terms);
}

function title(v: Vocabulary, rng: Rng): string {
  const a = term(v, rng);
  const b = rng.pick(v.terms);
  switch (rng.int(0, 4)) {
    case 0:
      return `${a}及びその製造方法`;
    case 1:
      return `${a}を備えた${b}`;
    case 2:
      return `${b}、${a}及び制御方法`;
    case 3:
      return `${a}用${b}`;
    default:
      return `${a}の${rng.pick(['製造方法', '制御装置', '検査方法', '処理方法'])}`;
  }
}

function abstract(v: Vocabulary, rng: Rng, target: number): string {
  const object = term(v, rng);
  const parts = [
    `【課題】${term(v, rng)}の${rng.pick(PROBLEMS)}${object}を提供する。`,
    `【解決手段】${object}は、${term(v, rng)}と、${rng.pick(v.terms)}とを備え、${term(v, rng)}を${rng.pick(VERBS)}。`,
  ];
  let length = parts[0].length + parts[1].length;
  for (let i = 0; length < target - 20 && i < 20; i += 1) {
    const s = SENTENCES[(i + rng.int(0, 1)) % SENTENCES.length](v, rng);
    parts.push(s);
    length += s.length;
  }
  parts.push(`これにより${object}の${rng.pick(QUALITIES)}が向上する。`);
  return parts.join('');
}

/** Further sentences of an abstract, in the style of 【解決手段】 paragraphs. */
const SENTENCES: readonly ((v: Vocabulary, rng: Rng) => string)[] = [
  (v, rng) => `${term(v, rng)}は、${rng.pick(v.terms)}に設けられた${term(v, rng)}を有する。`,
  (v, rng) => `${rng.pick(v.terms)}と${term(v, rng)}との間に${rng.pick(v.own)}が配置される。`,
  (v, rng) => `制御部は、${term(v, rng)}の状態に応じて${rng.pick(v.terms)}を${rng.pick(VERBS)}。`,
  (v, rng) => `前記${term(v, rng)}は、${rng.pick(MODIFIERS)}の${rng.pick(v.terms)}を含む。`,
  (v, rng) => `${term(v, rng)}により${rng.pick(v.terms)}を${rng.pick(VERBS)}。`,
];

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const dateCell = (d: number | undefined): string => (d === undefined ? '' : iso(d));

function recordLine(g: Generation, y: YearContext, filing: number): string {
  const { rng } = g;
  const utility = rng.chance(MODEL.utilityShare);
  const applicants = drawApplicants(g, y);
  const inventors = drawInventors(g, applicants, y.year);
  const ipc = drawIpc(applicants[0], rng);
  const claims = drawClaims(rng, utility);
  const p = utility ? utilityProsecution(filing, claims, g) : patentProsecution(applicants[0], filing, claims, g);
  const text = g.opts.withText ? documentText(g, ipc[0].slice(0, 4)) : { title: '', abstract: '' };
  const cells = [
    applicationNumber(g, y.year, utility),
    utility ? '' : publicationNumber(g, filing),
    iso(filing),
    csvCell(applicants.map((a) => spellingOf(a, rng)).join(';')),
    csvCell(inventors.join(';')),
    ipc.join(';'),
    String(claims),
    dateCell(p.exam),
    dateCell(p.registration),
    p.registration === undefined ? '' : registrationNumber(g, utility),
    p.registeredClaims === undefined ? '' : String(p.registeredClaims),
    dateCell(p.lapse),
    dateCell(p.expiry),
    utility ? 'utility' : 'patent',
    csvCell(text.title),
    csvCell(text.abstract),
    '',
  ];
  g.counters.index += 1;
  return cells.join(',');
}

function documentText(g: Generation, sub: string): { title: string; abstract: string } {
  const v = vocabularyOf(sub, g.vocab);
  return { title: title(v, g.rng), abstract: abstract(v, g.rng, g.opts.abstractChars ?? 300) };
}

/** The filing days of a year's applications, in date order (only this year's days are held). */
function sortedFilingDays(year: number, count: number, rng: Rng): Int32Array {
  const days = filingDays(year);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i += 1) out[i] = days[Math.floor(rng.u() * days.length)];
  return out.sort();
}

function validate(opts: PatentGenOptions): void {
  if (!Number.isInteger(opts.applications) || opts.applications < 0)
    throw new Error('applications must be a non-negative integer');
  if (!(opts.fromYear <= opts.toYear)) throw new Error('fromYear must not be after toYear');
  for (const c of opts.companies ?? []) {
    if (!(c.weight > 0)) throw new Error(`${c.name}: weight must be positive`);
    if (/[;"\n]/.test(c.name)) throw new Error(`${c.name}: a name may not contain ; or quotes`);
  }
}

/** The lines of patents.csv (header first, no line terminators), generated lazily. */
export function* generatePatents(opts: PatentGenOptions): Generator<string> {
  validate(opts);
  const rng = new Rng(opts.seed);
  const tables = subclassTables(rng);
  const pool = buildPool(opts, tables, rng);
  const g: Generation = {
    opts,
    pool,
    rng,
    cutoff: dayOf(opts.toYear, 12, 31),
    counters: { index: 0, application: new Map(), publication: new Map() },
    serialBits: Math.max(21, Math.ceil(Math.log2(opts.applications + 1))),
    vocab: new Map(),
  };
  yield PATENT_COLUMNS.join(',');
  const mid = (opts.fromYear + opts.toYear) / 2;
  for (const [year, count] of yearVolumes(opts)) {
    const y = yearContext(pool, year, mid);
    for (const filing of sortedFilingDays(year, count, rng)) yield recordLine(g, y, filing);
  }
}
