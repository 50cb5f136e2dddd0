import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconTrash } from '@tabler/icons-react';

/**
 * Up, down, rename, delete for one item of the content tree. `what` names it for screen readers
 * ("category Module 1").
 */
export function NodeActions({
  what,
  index,
  count,
  busy,
  onMove,
  onRename,
  onDelete,
}: {
  what: string;
  index: number;
  count: number;
  busy?: boolean;
  onMove: (to: number) => void;
  onRename?: () => void;
  onDelete?: () => void;
}) {
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label="Move up" withArrow>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Move ${what} up`}
          disabled={busy || index === 0}
          onClick={() => onMove(index - 1)}
        >
          <IconArrowUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Move down" withArrow>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Move ${what} down`}
          disabled={busy || index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          <IconArrowDown size={18} />
        </ActionIcon>
      </Tooltip>
      {onRename && (
        <Tooltip label="Rename" withArrow>
          <ActionIcon variant="subtle" aria-label={`Rename ${what}`} onClick={onRename}>
            <IconPencil size={18} />
          </ActionIcon>
        </Tooltip>
      )}
      {onDelete && (
        <Tooltip label="Delete" withArrow>
          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${what}`} onClick={onDelete}>
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** The ids in their new order once the item at `from` moves to `to`. */
export function moved(ids: number[], from: number, to: number): number[] {
  const next = [...ids];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
