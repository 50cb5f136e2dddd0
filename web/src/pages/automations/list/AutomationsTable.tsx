import { Group, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLastRun, useUpdateAutomation } from '../../../api/automations';
import { messageOf } from '../../../api/errors';
import type { Automation } from '../../../api/types';
import { AnchorLink } from '../../../components/RouterLinks';
import { describeStep, describeTrigger } from '../../../lib/automationText';
import { formatDateTime } from '../../../lib/format';
import { RunStatusBadge } from '../runStatus';
import { useAutomationNames } from '../useAutomationNames';

function LastRun({ automationId }: { automationId: number }) {
  const last = useLastRun(automationId);
  if (last.isPending) return <Skeleton h={20} w={90} aria-label="Loading last run" />;
  if (last.isError || !last.data)
    return (
      <Text fz="sm" c="dimmed">
        {last.isError ? 'Unknown' : 'Never ran'}
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <RunStatusBadge status={last.data.status} />
      <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(last.data.updated_at)}
      </Text>
    </Group>
  );
}

function ActiveSwitch({ automation }: { automation: Automation }) {
  const update = useUpdateAutomation();
  const toggle = (active: boolean) =>
    update.mutate(
      { id: automation.id, body: { active } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            title: active ? 'Automation active' : 'Automation paused',
            message: automation.name,
          }),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not change it', message: messageOf(e) }),
      },
    );
  return (
    <Switch
      checked={automation.active}
      onChange={(e) => toggle(e.currentTarget.checked)}
      disabled={update.isPending}
      aria-label={`Active: ${automation.name}`}
      label={automation.active ? 'Active' : 'Paused'}
    />
  );
}

export function AutomationsTable({ automations }: { automations: Automation[] }) {
  const names = useAutomationNames();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Automations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Trigger and steps</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last run</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {automations.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td fw={500}>
                <AnchorLink to="/automations/$id" params={{ id: String(a.id) }} fz="sm">
                  {a.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text fz="sm">{describeTrigger(a.trigger, names)}</Text>
                  <Text fz="xs" c="dimmed" lineClamp={2}>
                    {a.steps.map((s) => describeStep(s, names)).join(' → ')}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <ActiveSwitch automation={a} />
              </Table.Td>
              <Table.Td>
                <LastRun automationId={a.id} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
