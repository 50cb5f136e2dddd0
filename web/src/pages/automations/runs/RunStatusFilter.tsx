import { ScrollArea, SegmentedControl } from '@mantine/core';
import type { RunStatus } from '../../../api/types';
import { RUN_STATUS } from '../runStatus';

const ALL = 'all';
const options = [
  { value: ALL, label: 'All' },
  ...(Object.keys(RUN_STATUS) as RunStatus[]).map((s) => ({ value: s, label: RUN_STATUS[s].label })),
];

/** All / Pending / Done / Failed / Dead / Cancelled, scrolling sideways on a phone. */
export function RunStatusFilter({
  value,
  onChange,
}: {
  value: RunStatus | undefined;
  onChange: (status?: RunStatus) => void;
}) {
  return (
    <ScrollArea type="never" maw="100%">
      <SegmentedControl
        aria-label="Run status"
        data={options}
        value={value ?? ALL}
        onChange={(v) => onChange(v === ALL ? undefined : (v as RunStatus))}
      />
    </ScrollArea>
  );
}
