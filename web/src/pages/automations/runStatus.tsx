import { Badge } from '@mantine/core';
import type { RunStatus } from '../../api/types';

export const RUN_STATUS: Record<RunStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'blue' },
  done: { label: 'Done', color: 'teal' },
  failed: { label: 'Failed', color: 'orange' },
  dead: { label: 'Dead', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const s = RUN_STATUS[status];
  return (
    <Badge variant="light" color={s.color} style={{ minWidth: 'max-content' }}>
      {s.label}
    </Badge>
  );
}
