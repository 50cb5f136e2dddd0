import { Card, SegmentedControl, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { messageOf } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { TableSkeleton } from './Loading';

/**
 * A status filter over a card that shows the list's loading, error, empty or filled state — the
 * frame the orders and subscriptions screens share. `children` is the table and its pager.
 */
export function StatusFilteredList(props: {
  /** What is listed, plural ("orders"): in the filter's and the skeleton's labels. */
  noun: string;
  filters: { value: string; label: string }[];
  status: string;
  onStatus: (status: string) => void;
  query: { isPending: boolean; isError: boolean; error: unknown };
  isEmpty: boolean;
  emptyIcon: ReactNode;
  emptyText: string;
  children: ReactNode;
}) {
  const { query } = props;
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={`Show ${props.noun}`}
        data={props.filters}
        value={props.status}
        onChange={props.onStatus}
        style={{ alignSelf: 'flex-start' }}
      />
      <Card p={0}>
        {query.isPending ? (
          <TableSkeleton label={`Loading ${props.noun}`} />
        ) : query.isError ? (
          <Stack p="md">
            <FormAlert message={messageOf(query.error)} />
          </Stack>
        ) : props.isEmpty ? (
          <Stack align="center" gap="sm" py={48} px="md" ta="center">
            <ThemeIcon size={48} radius="xl" variant="light" color="gray">
              {props.emptyIcon}
            </ThemeIcon>
            <Title order={2} fz="lg">
              No {props.noun} {props.status === 'all' ? 'yet' : 'with this status'}
            </Title>
            <Text c="dimmed" fz="sm" maw={440}>
              {props.emptyText}
            </Text>
          </Stack>
        ) : (
          props.children
        )}
      </Card>
    </Stack>
  );
}
