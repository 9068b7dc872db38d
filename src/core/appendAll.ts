/**
 * Appends `items` to `target` in place. `target.push(...items)` passes every item as an argument, and V8 throws
 * "Maximum call stack size exceeded" past some 120,000 of them: the titles of half a million records, or the
 * rejections of a badly broken file, are far more.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i += 1) target.push(items[i]);
}
