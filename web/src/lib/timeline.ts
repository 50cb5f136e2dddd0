import type { TimelineEntry } from '../api/types';
import { formatDateTime } from './format';
import { fieldLabel, GDPR_LABELS, sourceLabel } from './leadFields';

/** Tag and list names by id: import entries name them by id only. */
export type NameLookup = { tags: Map<number, string>; lists: Map<number, string> };

export type EntryText = {
  /** What happened, one short sentence. */
  title: string;
  /** The specifics: one line per changed field, the tags an import applied… */
  lines: string[];
  tone: 'add' | 'remove' | 'change' | 'neutral' | 'danger';
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return 'empty';
  if (field === 'blocked') return v === 1 || v === true ? 'yes' : 'no';
  if (field === 'gdpr_status') return GDPR_LABELS[v as keyof typeof GDPR_LABELS] ?? text(v);
  if (field === 'gdpr_date') return formatDateTime(text(v));
  return `“${text(v)}”`;
}

function changeLines(changes: unknown): string[] {
  if (!isRecord(changes)) return [];
  return Object.entries(changes).map(([field, c]) => {
    // Custom values are stored by option id: say which changed, not the raw ids.
    if (field === 'custom_fields' || !isRecord(c)) return `${fieldLabel(field)} changed`;
    return `${fieldLabel(field)}: ${valueText(field, c.from)} → ${valueText(field, c.to)}`;
  });
}

const namesOf = (list: number[], names: Map<number, string>) =>
  list.map((id) => names.get(id) ?? `#${id}`).join(', ');

/** Who or what made the change, e.g. "by you", "by import #3", "through the API". */
export function sourcePhrase(e: Pick<TimelineEntry, 'source' | 'source_id'>): string {
  switch (e.source) {
    case 'user':
      return 'by you';
    case 'import':
      return e.source_id ? `by CSV import #${e.source_id}` : 'by a CSV import';
    case 'api':
      return e.source_id ? `through the API (token #${e.source_id})` : 'through the API';
    case 'automation':
      return e.source_id ? `by an automation (run #${e.source_id})` : 'by an automation';
    case 'kartra_api':
      return e.source_id ? `API (app ${e.source_id})` : 'API';
    default:
      return `via ${sourceLabel(e.source).toLowerCase()}`;
  }
}

/** A timeline entry in words. Unknown kinds still read sensibly. */
export function describeEntry(e: TimelineEntry, names: NameLookup): EntryText {
  const d = e.detail;
  switch (e.kind) {
    case 'created':
      return { title: 'Lead created', lines: [], tone: 'add' };
    case 'restored':
      return { title: 'Lead restored', lines: [], tone: 'add' };
    case 'deleted':
      return { title: 'Lead deleted', lines: [], tone: 'danger' };
    case 'updated':
      return { title: 'Details changed', lines: changeLines(d.changes), tone: 'change' };
    case 'blocked':
      return { title: 'Blocked: no mail will be sent', lines: [], tone: 'danger' };
    case 'unblocked':
      return { title: 'Unblocked', lines: [], tone: 'change' };
    case 'tag_applied':
      return { title: `Tag “${text(d.tag)}” applied`, lines: [], tone: 'add' };
    case 'tag_removed':
      return { title: `Tag “${text(d.tag)}” removed`, lines: [], tone: 'remove' };
    case 'list_subscribed':
      return { title: `Subscribed to “${text(d.list)}”`, lines: [], tone: 'add' };
    case 'list_unsubscribed':
      return { title: `Unsubscribed from “${text(d.list)}”`, lines: [], tone: 'remove' };
    case 'imported': {
      const action = text(d.action) || 'imported';
      const lines: string[] = [];
      if (d.row !== undefined) lines.push(`Row ${text(d.row)} of the file`);
      const fields = Array.isArray(d.fields) ? d.fields.map((f) => fieldLabel(text(f))) : [];
      if (fields.length) lines.push(`Fields: ${fields.join(', ')}`);
      const tags = ids(d.tag_ids);
      if (tags.length) lines.push(`Tags: ${namesOf(tags, names.tags)}`);
      const lists = ids(d.list_ids);
      if (lists.length) lines.push(`Lists: ${namesOf(lists, names.lists)}`);
      return {
        title: `${action.charAt(0).toUpperCase()}${action.slice(1)} by CSV import`,
        lines,
        tone: 'add',
      };
    }
    case 'membership_granted':
      return {
        title: `${d.regrant ? 'Access granted again' : 'Access granted'} to “${text(d.membership)}”`,
        lines: [
          ...(d.level ? [`Level: ${text(d.level)}`] : []),
          ...(d.welcome_mailed ? ['Welcome mail sent'] : []),
        ],
        tone: 'add',
      };
    case 'membership_level_changed':
      return {
        title: `Level changed in “${text(d.membership)}”`,
        lines: d.level ? [`Now: ${text(d.level)}`] : [],
        tone: 'change',
      };
    case 'membership_revoked':
      return { title: `Access to “${text(d.membership)}” revoked`, lines: [], tone: 'remove' };
    case 'automation_started':
      return { title: `Automation “${text(d.automation)}” started`, lines: [], tone: 'neutral' };
    case 'automation_completed':
      return { title: `Automation “${text(d.automation)}” finished`, lines: [], tone: 'neutral' };
    case 'automation_cancelled':
      return { title: `Automation “${text(d.automation)}” cancelled`, lines: [], tone: 'remove' };
    case 'automation_failed':
      return {
        title: `Automation “${text(d.automation)}” failed`,
        lines: d.error ? [text(d.error)] : [],
        tone: 'danger',
      };
    case 'email_queued':
      return { title: `Email “${text(d.subject)}” queued`, lines: [], tone: 'neutral' };
    case 'webhook_sent':
      return {
        title: 'Webhook called',
        lines: [`${text(d.url)}${d.status !== undefined ? ` answered ${text(d.status)}` : ''}`],
        tone: 'neutral',
      };
    default: {
      const words = e.kind.replaceAll('_', ' ');
      return { title: words.charAt(0).toUpperCase() + words.slice(1), lines: [], tone: 'neutral' };
    }
  }
}
