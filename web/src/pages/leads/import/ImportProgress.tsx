import { Alert, Badge, Button, Group, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { messageOf } from '../../../api/errors';
import { isFinished, useCancelImport, useImportJob } from '../../../api/imports';
import type { ImportJob } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { ButtonLink } from '../../../components/RouterLinks';
import { formatNumber } from '../../../lib/format';
import { ImportResult } from './ImportResult';

const STATUS: Record<ImportJob['status'], { label: string; color: string }> = {
  queued: { label: 'Waiting to start', color: 'gray' },
  running: { label: 'Importing', color: 'indigo' },
  completed: { label: 'Done', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'orange' },
};

export const importStatus = STATUS;

function percent(job: ImportJob) {
  if (job.status === 'completed') return 100;
  return job.total_rows > 0 ? Math.min(100, Math.round((job.processed_rows / job.total_rows) * 100)) : 0;
}

/** Step 4: live progress (polled), then the result. Survives a reload: the import id is in the URL. */
export function ImportProgress({ id }: { id: number }) {
  const job = useImportJob(id);
  const cancel = useCancelImport();

  if (job.isPending) return <Skeleton h={120} aria-label="Loading the import" />;
  if (job.isError) return <FormAlert message={messageOf(job.error)} />;

  const j = job.data;
  const done = isFinished(j);
  const pct = percent(j);
  const status = STATUS[j.status];
  const firstTag = j.options.tags[0];

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{j.file_name}</Text>
            <Badge color={status.color} variant="light" data-testid="import-status">
              {status.label}
            </Badge>
          </Group>
          <Text fz="sm" c="dimmed" aria-live="polite">
            {formatNumber(j.processed_rows)} of {formatNumber(j.total_rows)} rows
          </Text>
        </Group>
        <Progress
          value={pct}
          size="xl"
          radius="md"
          color={status.color}
          animated={!done}
          striped={!done}
          aria-label="Import progress"
        />
      </Stack>
      {j.status === 'failed' && (
        <Alert
          role="alert"
          color="red"
          variant="light"
          title="The import stopped"
          icon={<IconAlertCircle size={18} />}
        >
          {j.error ?? 'Something went wrong.'} Rows committed before it stopped are kept.
        </Alert>
      )}
      {!done && (
        <Group justify="flex-end">
          <Button
            variant="default"
            color="red"
            onClick={() => cancel.mutate(j.id)}
            loading={cancel.isPending}
          >
            Cancel import
          </Button>
        </Group>
      )}
      {done && <ImportResult job={j} />}
      {done && (
        <Group justify="flex-end" gap="xs">
          <ButtonLink to="/leads/import" search={{}} variant="default">
            Import another file
          </ButtonLink>
          <ButtonLink to="/leads" search={firstTag ? { tag: firstTag } : {}}>
            {firstTag ? `View leads tagged “${firstTag}”` : 'View leads'}
          </ButtonLink>
        </Group>
      )}
    </Stack>
  );
}
