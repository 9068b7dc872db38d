/**
 * Numbers the IPC subclasses of the codes met, in the order first met, as ipcSubclass reads them. A code
 * that starts with an ASCII subclass ("G06F 17/60", "g06f17/60") is read from its char codes, without a
 * string; any other (full-width, spaced) goes through ipcSubclass once per distinct code.
 */
import { ipcSubclass } from '../patents/record';

const A = 65;
const H = 72;
const Z = 90;
const ZERO = 48;
const NINE = 57;
/** Section A–H × class 00–99 × subclass letter A–Z. */
const CODE_SPACE = 8 * 100 * 26;
const NONE = -1;
const UNSEEN = -2;

const SEMICOLON = 0x3b;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

const upper = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * The key in CODE_SPACE of a subclass written as these four character codes (section A–H, two digits, a letter;
 * letters in either case), or NONE: one rule for a code's string and for its bytes.
 */
function prefixKey(c0: number, c1: number, c2: number, c3: number): number {
  const s = upper(c0);
  const l = upper(c3);
  return s >= A && s <= H && c1 >= ZERO && c1 <= NINE && c2 >= ZERO && c2 <= NINE && l >= A && l <= Z
    ? (s - A) * 2600 + (c1 - ZERO) * 260 + (c2 - ZERO) * 26 + (l - A)
    : NONE;
}

export class SubclassIds {
  /** Subclass codes by id. */
  readonly codes: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Id by the ASCII prefix's number in CODE_SPACE, UNSEEN until met. */
  private readonly byPrefix = new Int32Array(CODE_SPACE).fill(UNSEEN);
  /** Id (or NONE) of codes read by ipcSubclass. */
  private readonly byCode = new Map<string, number>();

  /** The code's subclass id, or -1 when it has no subclass. */
  of(code: string): number {
    const n = code.length;
    // The prefix stands as written only when the next character is ASCII too: NFKC could compose a
    // combining mark into the subclass letter.
    if (n >= 4 && (n === 4 || code.charCodeAt(4) < 0x80)) {
      const c0 = code.charCodeAt(0);
      const c1 = code.charCodeAt(1);
      const c2 = code.charCodeAt(2);
      const c3 = code.charCodeAt(3);
      const k = prefixKey(c0, c1, c2, c3);
      if (k !== NONE) return this.ofPrefix(k, c0, c1, c2, c3);
    }
    let id = this.byCode.get(code);
    if (id === undefined) {
      const sc = ipcSubclass(code);
      id = sc === undefined ? NONE : this.idOf(sc);
      this.byCode.set(code, id);
    }
    return id;
  }

  /**
   * Reads the subclass ids of a `;`-separated list of codes held as UTF-8 bytes, as `of` reads each non-empty
   * trimmed item of the decoded list, calling `add` per id (−1 ids skipped). An item that starts with an ASCII
   * subclass is read from its bytes; any other is decoded (`text`) and read by `of`.
   */
  ofList(bytes: Uint8Array, s: number, e: number, text: (s: number, e: number) => string, add: (id: number) => void) {
    for (let from = s; from < e;) {
      let to = from;
      while (to < e && bytes[to] !== SEMICOLON) to += 1;
      let a = from;
      while (a < to && (bytes[a] === SPACE || (bytes[a] >= TAB && bytes[a] <= CR))) a += 1;
      if (a < to) {
        // The prefix stands when the byte after it is ASCII (as `of` asks of the character after it).
        const k =
          a + 4 <= to && (a + 4 === to || bytes[a + 4] < 0x80)
            ? prefixKey(bytes[a], bytes[a + 1], bytes[a + 2], bytes[a + 3])
            : NONE;
        if (k !== NONE) add(this.ofPrefix(k, bytes[a], bytes[a + 1], bytes[a + 2], bytes[a + 3]));
        else {
          const code = text(from, to).trim();
          if (code !== '') {
            const id = this.of(code);
            if (id >= 0) add(id);
          }
        }
      }
      from = to + 1;
    }
  }

  /** The id of the subclass of key k (prefixKey of these four character codes), made when first met. */
  private ofPrefix(k: number, c0: number, c1: number, c2: number, c3: number): number {
    const hit = this.byPrefix[k];
    if (hit !== UNSEEN) return hit;
    const id = this.idOf(String.fromCharCode(upper(c0), c1, c2, upper(c3)));
    this.byPrefix[k] = id;
    return id;
  }

  get count(): number {
    return this.codes.length;
  }

  private idOf(sc: string): number {
    let id = this.ids.get(sc);
    if (id === undefined) {
      id = this.codes.length;
      this.ids.set(sc, id);
      this.codes.push(sc);
    }
    return id;
  }
}

/** More than the subclass ids SubclassIds can hand out. */
export const MAX_SUBCLASSES = CODE_SPACE;
