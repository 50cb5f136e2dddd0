import { Badge, Group, Progress, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { usePlan, usePlans } from '../../api/catalog';
import { messageOf } from '../../api/errors';
import type { PlanInfo } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { formatNumber, humanizeKey } from '../../lib/format';
import { SectionCard } from './SectionCard';

type Limit = number | boolean | null | undefined;

/** How a limit reads: null means no limit; booleans are features a plan has or lacks. */
function LimitValue({ value }: { value: Limit }) {
  if (value === null || value === undefined) return <Text fz="sm">Unlimited</Text>;
  if (value === true)
    return <IconCheck size={18} color="var(--mantine-color-teal-6)" aria-label="Included" />;
  if (value === false)
    return <IconMinus size={18} color="var(--mantine-color-gray-5)" aria-label="Not included" />;
  return <Text fz="sm">{formatNumber(value)}</Text>;
}

/** One limit: what the plan allows, and how much of it is used where the server counts usage. */
function UsageRow({ name, limit, used }: { name: string; limit: Limit; used: number | undefined }) {
  const label = humanizeKey(name);
  const metered = typeof limit === 'number' && used !== undefined;
  const pct = metered ? (limit === 0 ? 100 : Math.min(100, (used / limit) * 100)) : 0;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {label}
      </Table.Th>
      <Table.Td>
        <LimitValue value={limit} />
      </Table.Td>
      <Table.Td miw={180}>
        {metered ? (
          <Stack gap={4}>
            <Text fz="sm">
              {formatNumber(used)} of {formatNumber(limit)}
            </Text>
            <Progress
              value={pct}
              color={pct >= 100 ? 'red' : pct >= 80 ? 'yellow' : 'indigo'}
              size="sm"
              aria-label={`${label}: ${formatNumber(used)} of ${formatNumber(limit)} used`}
            />
          </Stack>
        ) : used !== undefined ? (
          <Text fz="sm">{formatNumber(used)}</Text>
        ) : (
          <Text fz="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function CurrentPlan({ info }: { info: PlanInfo }) {
  const keys = Object.keys(info.limits);
  return (
    <SectionCard
      title="Your plan"
      description={
        <Group gap="xs" component="span">
          You are on the
          <Badge size="lg" variant="light">
            {info.plan.name}
          </Badge>
          plan. Your administrator changes plans.
        </Group>
      }
    >
      <Table verticalSpacing="sm" aria-label="Plan limits and usage">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Limit</Table.Th>
            <Table.Th>Included</Table.Th>
            <Table.Th>Used</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <UsageRow key={k} name={k} limit={info.limits[k]} used={info.usage[k]} />
          ))}
        </Table.Tbody>
      </Table>
    </SectionCard>
  );
}

function ComparePlans({ current }: { current: string }) {
  const plans = usePlans();
  if (!plans.data || plans.data.plans.length < 2) return null;
  const list = plans.data.plans;
  const keys = [...new Set(list.flatMap((p) => Object.keys(p.limits)))];
  return (
    <SectionCard title="All plans">
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" striped aria-label="Compare plans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Limit</Table.Th>
              {list.map((p) => (
                <Table.Th key={p.id}>
                  <Group gap={6} wrap="nowrap">
                    {p.name}
                    {p.id === current && (
                      <Badge size="xs" variant="filled">
                        Current
                      </Badge>
                    )}
                  </Group>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" fw={500}>
                  {humanizeKey(k)}
                </Table.Th>
                {list.map((p) => (
                  <Table.Td key={p.id}>
                    <LimitValue value={p.limits[k]} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}

export function PlanTab() {
  const plan = usePlan();
  if (plan.isPending) return <Skeleton h={240} radius="md" aria-label="Loading your plan" />;
  if (plan.isError) return <FormAlert message={messageOf(plan.error)} />;
  return (
    <Stack gap="lg">
      <CurrentPlan info={plan.data} />
      <ComparePlans current={plan.data.plan.id} />
    </Stack>
  );
}
