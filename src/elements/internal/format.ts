/** `m:ss` or `h:mm:ss` for a number of seconds (negative counts as zero). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds from `from` to `to` (both in ms or Dates). */
export function secondsBetween(from: Date | number, to: Date | number): number {
  return (Number(to) - Number(from)) / 1000;
}

/** A task attribute value as plain text (objects as JSON); the caller renders it as text, never as HTML. */
export function attributeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The property converter of a comma-separated list attribute (`fields="a, b"` ⇄ `['a', 'b']`). */
export const commaList = {
  fromAttribute: (value: string | null) => value?.split(',').map((item) => item.trim()).filter(Boolean),
  toAttribute: (value: string[] | undefined) => value?.join(','),
};
