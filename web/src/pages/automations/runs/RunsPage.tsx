import { Badge, Button, Card, CloseButton, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { type RunFilter, useAutomation, useRunPages } from '../../../api/automations';
import { messageOf } from '../../../api/errors';
import type { RunStatus } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { AutomationsFrame } from '../AutomationsFrame';
import { RunStatusFilter } from './RunStatusFilter';
import { RunsEmpty } from './RunsEmpty';
import { RunsTable } from './RunsTable';

function AutomationChip({ id, onClear }: { id: number; onClear: () => void }) {
  const automation = useAutomation(id);
  return (
    <Badge
      size="lg"
      variant="light"
      tt="none"
      fw={500}
      pr={4}
      rightSection={<CloseButton size="sm" aria-label="Show runs of every automation" onClick={onClear} />}
    >
      Automation: {automation.data?.name ?? `#${id}`}
    </Badge>
  );
}

/** `/automations/runs?status=&automation=`: every run, newest first, with Replay where it helps. */
export function RunsPage({ filter }: { filter: RunFilter }) {
  const navigate = useNavigate();
  const pages = useRunPages(filter);
  const runs = useMemo(() => pages.data?.pages.flatMap((p) => p.runs) ?? [], [pages.data]);
  const setFilter = (next: RunFilter) =>
    void navigate({ to: '/automations/runs', search: next, replace: true });

  return (
    <AutomationsFrame
      tab="runs"
      description="Each time a lead triggered an automation: how far it got, and why it stopped if it did."
    >
      <Stack gap="md">
        <Card>
          <Group justify="space-between" gap="sm">
            <RunStatusFilter
              value={filter.status}
              onChange={(status?: RunStatus) => setFilter({ ...filter, status })}
            />
            {filter.automation && (
              <AutomationChip
                id={filter.automation}
                onClear={() => setFilter({ ...filter, automation: undefined })}
              />
            )}
          </Group>
        </Card>
        <Card p={0}>
          {pages.isPending ? (
            <Stack p="md" gap="sm" role="status" aria-label="Loading runs">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} h={28} />
              ))}
            </Stack>
          ) : pages.isError ? (
            <Stack p="md">
              <FormAlert message={messageOf(pages.error)} />
            </Stack>
          ) : runs.length === 0 ? (
            <RunsEmpty filtered={Boolean(filter.status || filter.automation)} />
          ) : (
            <RunsTable runs={runs} />
          )}
        </Card>
        {runs.length > 0 && (
          <Group justify="center">
            {pages.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => pages.fetchNextPage()}
                loading={pages.isFetchingNextPage}
              >
                Load more
              </Button>
            ) : (
              <Text c="dimmed" fz="sm">
                {runs.length === 1 ? '1 run' : `${runs.length} runs`} shown — that's all.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </AutomationsFrame>
  );
}
