import type { ImportTarget } from '../../../api/types';

/** Select values are strings: "ignore this column" is this one, null in the API. */
export const IGNORE = '__ignore__';

const GROUPS: Record<ImportTarget['kind'], string> = {
  standard: 'Lead fields',
  special: 'Name, tags, lists…',
  custom: 'Custom fields',
};

/** What a column can become, grouped for the Select; a suggested target the list lacks is kept. */
export function mappingData(targets: ImportTarget[], extra: (string | null)[]) {
  const groups = (Object.keys(GROUPS) as ImportTarget['kind'][])
    .map((kind) => ({
      group: GROUPS[kind],
      items: targets.filter((t) => t.kind === kind).map((t) => ({ value: t.value, label: t.label })),
    }))
    .filter((g) => g.items.length > 0);
  const known = new Set(targets.map((t) => t.value));
  const unknown = [...new Set(extra.filter((v): v is string => Boolean(v) && !known.has(v as string)))];
  return [
    { group: 'Skip', items: [{ value: IGNORE, label: 'Ignore this column' }] },
    ...groups,
    ...(unknown.length ? [{ group: 'Other', items: unknown.map((v) => ({ value: v, label: v })) }] : []),
  ];
}

/** The first few non-empty values of a column, to recognise it by. */
export function samplesOf(rows: string[][], index: number, max = 3): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = row[index]?.trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length >= max) break;
  }
  return out;
}
