import type { BulkActionName } from '../../../api/types';

type BulkSpec = {
  /** The button in the selection bar. */
  label: string;
  /** The confirmation dialog's title and its confirm button. */
  confirm: string;
  /** A tag or list name the action needs. */
  needs?: 'tag' | 'list';
  danger?: boolean;
  /** What will happen, said before it does. */
  explain: (leads: string) => string;
  /** What happened, for the notification. */
  done: (leads: string, name: string) => string;
};

const plural = (n: number) => `${n} ${n === 1 ? 'lead' : 'leads'}`;
export const BULK_ACTIONS: Record<BulkActionName, BulkSpec> = {
  tag: {
    label: 'Apply tag',
    confirm: 'Apply tag',
    needs: 'tag',
    explain: (l) => `The tag is applied to ${l}; a new name creates the tag. Automations on it run.`,
    done: (l, n) => `Tag “${n}” applied to ${l}.`,
  },
  untag: {
    label: 'Remove tag',
    confirm: 'Remove tag',
    needs: 'tag',
    explain: (l) => `The tag is removed from ${l} that have it.`,
    done: (l, n) => `Tag “${n}” removed from ${l}.`,
  },
  subscribe: {
    label: 'Subscribe to list',
    confirm: 'Subscribe',
    needs: 'list',
    explain: (l) => `${l} are subscribed to the list; a new name creates the list.`,
    done: (l, n) => `${l} subscribed to “${n}”.`,
  },
  unsubscribe: {
    label: 'Unsubscribe from list',
    confirm: 'Unsubscribe',
    needs: 'list',
    explain: (l) => `${l} are unsubscribed from the list; their history stays on the timeline.`,
    done: (l, n) => `${l} unsubscribed from “${n}”.`,
  },
  block: {
    label: 'Block',
    confirm: 'Block leads',
    danger: true,
    explain: (l) => `${l} will never be mailed again until unblocked. They stay in your lists.`,
    done: (l) => `${l} blocked.`,
  },
  unblock: {
    label: 'Unblock',
    confirm: 'Unblock leads',
    explain: (l) => `${l} can be mailed again.`,
    done: (l) => `${l} unblocked.`,
  },
  delete: {
    label: 'Delete',
    confirm: 'Delete leads',
    danger: true,
    explain: (l) =>
      `${l} disappear from the list, filters and exports. Adding the same email again restores a lead.`,
    done: (l) => `${l} deleted.`,
  },
};

export const countLeads = plural;
