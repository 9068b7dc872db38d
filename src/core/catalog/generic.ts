/** Functions that apply to any indicator rather than being one: the year-on-year ratio (前期比). */
import { arg, cmp, div, type Expr, ifThen, notComputed, num, pct } from '../expr';

export interface GenericFunctionDef {
  readonly name: string;
  readonly ja: string;
  readonly en: string;
  readonly help: string;
  readonly params: readonly { readonly name: string; readonly help: string }[];
  readonly body: Expr;
}

/** YOY = current / previous × 100; not computed over a base ≤ 0 (a ratio to a loss has no meaning). */
export const YOY: GenericFunctionDef = {
  name: 'YOY',
  ja: '前期比',
  en: 'Year-on-year ratio',
  help: 'This period / previous period × 100 (%); not computed when the previous value is 0 or less.',
  params: [
    { name: 'current', help: 'Value of this period' },
    { name: 'previous', help: 'Value of the previous period' },
  ],
  body: ifThen(
    cmp('<=', arg('previous'), num(0)),
    notComputed('YOY: the previous value is 0 or less'),
    pct(div(arg('current'), arg('previous'))),
  ),
};
