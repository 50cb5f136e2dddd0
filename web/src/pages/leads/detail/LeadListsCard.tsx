import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useSubscribeLead, useUnsubscribeLead } from '../../../api/leads';
import type { LeadDetail } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { SectionCard } from '../../settings/SectionCard';
import { NameAutocomplete } from '../NameAutocomplete';

type Membership = LeadDetail['lists'][number];

function ListRow({ m, onToggle, busy }: { m: Membership; onToggle: () => void; busy: boolean }) {
  const on = m.status === 'subscribed';
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" role="listitem">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text fz="sm" fw={500} c={on ? undefined : 'dimmed'} truncate>
          {m.name}
        </Text>
        <Text fz="xs" c="dimmed">
          {on ? `Subscribed ${formatDate(m.subscribed_at)}` : `Unsubscribed ${formatDate(m.unsubscribed_at)}`}
        </Text>
      </Stack>
      <Button
        size="compact-xs"
        variant={on ? 'subtle' : 'light'}
        color={on ? 'gray' : undefined}
        onClick={onToggle}
        disabled={busy}
        aria-label={`${on ? 'Unsubscribe from' : 'Resubscribe to'} ${m.name}`}
      >
        {on ? 'Unsubscribe' : 'Resubscribe'}
      </Button>
    </Group>
  );
}

/** Lists the lead is (or was) on, with dates; subscribe to another below. */
export function LeadListsCard({ lead }: { lead: LeadDetail }) {
  const subscribe = useSubscribeLead(lead.id);
  const unsubscribe = useUnsubscribeLead(lead.id);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = subscribe.isPending || unsubscribe.isPending;
  const fail = (err: unknown) =>
    notifications.show({ color: 'red', title: 'The list was not changed', message: messageOf(err) });

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) {
      setError('Type or pick a list.');
      return;
    }
    setError(null);
    try {
      await subscribe.mutateAsync(value);
      setName('');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <SectionCard title="Lists">
      <Stack gap="sm">
        {lead.lists.length === 0 ? (
          <Text c="dimmed" fz="sm">
            Not on any list.
          </Text>
        ) : (
          <Stack gap="xs" role="list" aria-label="Lists of this lead">
            {lead.lists.map((m) => (
              <ListRow
                key={m.id}
                m={m}
                busy={busy}
                onToggle={() =>
                  m.status === 'subscribed'
                    ? unsubscribe.mutate(m.id, { onError: fail })
                    : subscribe.mutate(m.name, { onError: fail })
                }
              />
            ))}
          </Stack>
        )}
        <form onSubmit={add} noValidate aria-label="Subscribe to list">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NameAutocomplete
              kind="lists"
              label="Subscribe to list"
              placeholder="List name"
              value={name}
              onChange={setName}
              style={{ flex: 1 }}
              error={error}
            />
            <Button type="submit" variant="light" loading={subscribe.isPending} mb={error ? 24 : 0}>
              Subscribe
            </Button>
          </Group>
        </form>
      </Stack>
    </SectionCard>
  );
}
