import { ActionIcon, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useTagLead, useUntagLead } from '../../../api/leads';
import type { LeadDetail } from '../../../api/types';
import { SectionCard } from '../../settings/SectionCard';
import { NameAutocomplete } from '../NameAutocomplete';

/** The lead's tags: remove one with its ×, add an existing or new one below. */
export function LeadTagsCard({ lead }: { lead: LeadDetail }) {
  const tag = useTagLead(lead.id);
  const untag = useUntagLead(lead.id);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) {
      setError('Type or pick a tag.');
      return;
    }
    setError(null);
    try {
      await tag.mutateAsync(value);
      setName('');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const remove = (id: number, tagName: string) =>
    untag.mutate(id, {
      onError: (err) =>
        notifications.show({ color: 'red', title: `Could not remove “${tagName}”`, message: messageOf(err) }),
    });

  return (
    <SectionCard title="Tags">
      <Stack gap="sm">
        {lead.tags.length === 0 ? (
          <Text c="dimmed" fz="sm">
            No tags.
          </Text>
        ) : (
          <Group gap={6} role="list" aria-label="Tags of this lead">
            {lead.tags.map((t) => (
              <Badge
                key={t.id}
                role="listitem"
                variant="light"
                tt="none"
                fw={500}
                size="lg"
                pr={4}
                rightSection={
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    color="indigo"
                    aria-label={`Remove tag ${t.name}`}
                    onClick={() => remove(t.id, t.name)}
                    disabled={untag.isPending}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                }
              >
                {t.name}
              </Badge>
            ))}
          </Group>
        )}
        <form onSubmit={add} noValidate aria-label="Add tag">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NameAutocomplete
              kind="tags"
              label="Add tag"
              placeholder="Tag name"
              value={name}
              onChange={setName}
              style={{ flex: 1 }}
              error={error}
            />
            <Button type="submit" variant="light" loading={tag.isPending} mb={error ? 24 : 0}>
              Add
            </Button>
          </Group>
        </form>
      </Stack>
    </SectionCard>
  );
}
