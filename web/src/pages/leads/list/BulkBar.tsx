import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import {
  IconChevronDown,
  IconListCheck,
  IconTag,
  IconTagOff,
  IconTrash,
  IconUserOff,
} from '@tabler/icons-react';
import type { BulkActionName } from '../../../api/types';
import { BULK_ACTIONS, countLeads } from './bulkActions';

const icon = { size: 16, 'aria-hidden': true } as const;

/** Shown while leads are selected: what can be done to all of them at once. */
export function BulkBar({
  count,
  onAction,
  onClear,
}: {
  count: number;
  onAction: (a: BulkActionName) => void;
  onClear: () => void;
}) {
  const button = (a: BulkActionName, leftSection: React.ReactNode) => (
    <Button
      size="xs"
      variant={BULK_ACTIONS[a].danger ? 'light' : 'default'}
      color={BULK_ACTIONS[a].danger ? 'red' : undefined}
      leftSection={leftSection}
      onClick={() => onAction(a)}
    >
      {BULK_ACTIONS[a].label}
    </Button>
  );
  return (
    <Paper
      withBorder
      p="xs"
      px="sm"
      bg="var(--mantine-color-indigo-0)"
      role="region"
      aria-label="Bulk actions"
    >
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text fz="sm" fw={600} aria-live="polite">
            {countLeads(count)} selected
          </Text>
          <Button size="xs" variant="subtle" onClick={onClear}>
            Clear selection
          </Button>
        </Group>
        <Group gap="xs">
          {button('tag', <IconTag {...icon} />)}
          {button('untag', <IconTagOff {...icon} />)}
          {button('subscribe', <IconListCheck {...icon} />)}
          {button('block', <IconUserOff {...icon} />)}
          {button('delete', <IconTrash {...icon} />)}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" rightSection={<IconChevronDown {...icon} />}>
                More
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onAction('unsubscribe')}>{BULK_ACTIONS.unsubscribe.label}</Menu.Item>
              <Menu.Item onClick={() => onAction('unblock')}>{BULK_ACTIONS.unblock.label}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
    </Paper>
  );
}
