import { Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useReplayRun } from '../../../api/automations';
import { messageOf } from '../../../api/errors';
import type { Run } from '../../../api/types';
import { AnchorLink } from '../../../components/RouterLinks';
import { STEP_LABELS } from '../../../lib/automationText';
import { formatDateTime } from '../../../lib/format';
import { RunStatusBadge } from '../runStatus';

const stepLabel = (type: string | undefined) =>
  type && type in STEP_LABELS ? STEP_LABELS[type as keyof typeof STEP_LABELS] : (type ?? '');

/** Which step the run is at, in words: "2 of 3 · Grant membership access", or "All done". */
function StepCell({ run }: { run: Run }) {
  const total = run.steps.length;
  if (run.status === 'done')
    return (
      <Stack gap={0}>
        <Text fz="sm">All done</Text>
        <Text fz="xs" c="dimmed">
          {total === 1 ? '1 step' : `${total} steps`}
        </Text>
      </Stack>
    );
  return (
    <Stack gap={0}>
      <Text fz="sm">
        {Math.min(run.step + 1, total)} of {total}
      </Text>
      <Text fz="xs" c="dimmed">
        {stepLabel(run.steps[run.step]?.type)}
      </Text>
    </Stack>
  );
}

/** When it started, and what happens next: finished, a retry, or the end of a wait. */
function TimeCell({ run }: { run: Run }) {
  const next = run.resume_at
    ? `Resumes ${formatDateTime(run.resume_at)}`
    : run.next_attempt_at
      ? `Retry ${formatDateTime(run.next_attempt_at)}`
      : run.finished_at
        ? `Ended ${formatDateTime(run.finished_at)}`
        : null;
  return (
    <Stack gap={0} style={{ whiteSpace: 'nowrap' }}>
      <Text fz="sm">{formatDateTime(run.created_at)}</Text>
      {next && (
        <Text fz="xs" c="dimmed">
          {next}
        </Text>
      )}
    </Stack>
  );
}

function ReplayButton({ run }: { run: Run }) {
  const replay = useReplayRun();
  const go = () =>
    replay.mutate(run.id, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: `Run #${run.id} replayed`,
          message: 'Its current step runs again now; steps already done change nothing.',
        }),
      onError: (e) => notifications.show({ color: 'red', title: 'Could not replay', message: messageOf(e) }),
    });
  return (
    <Button
      size="xs"
      variant="light"
      onClick={go}
      loading={replay.isPending}
      aria-label={`Replay run ${run.id}`}
    >
      Replay
    </Button>
  );
}

export function RunsTable({ runs }: { runs: Run[] }) {
  return (
    <Table.ScrollContainer minWidth={920}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Automation and lead</Table.Th>
            <Table.Th>Step</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Attempts</Table.Th>
            <Table.Th>Error</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id} data-run-id={run.id}>
              <Table.Td>
                <TimeCell run={run} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <AnchorLink
                    to="/automations/$id"
                    params={{ id: String(run.automation_id) }}
                    fz="sm"
                    fw={500}
                  >
                    {run.automation_name}
                  </AnchorLink>
                  <AnchorLink to="/leads/$id" params={{ id: String(run.lead_id) }} fz="xs">
                    {run.lead_email ?? `Lead #${run.lead_id}`}
                  </AnchorLink>
                </Stack>
              </Table.Td>
              <Table.Td>
                <StepCell run={run} />
              </Table.Td>
              <Table.Td>
                <RunStatusBadge status={run.status} />
              </Table.Td>
              <Table.Td ta="right">
                <Text fz="sm">{run.attempts}</Text>
              </Table.Td>
              <Table.Td maw={360}>
                {run.error ? (
                  <Text fz="xs" c="red.8" style={{ wordBreak: 'break-word' }}>
                    {run.error}
                  </Text>
                ) : (
                  <Text fz="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{run.replayable && run.status !== 'done' && <ReplayButton run={run} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
