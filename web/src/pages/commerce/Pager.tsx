import { Button, Group } from '@mantine/core';

/** Cursor paging: newest first, "Older" follows next_cursor, "Newest" goes back to the start. */
export function Pager({
  cursor,
  next,
  onChange,
}: {
  cursor: number | undefined;
  next: number | null | undefined;
  onChange: (cursor: number | undefined) => void;
}) {
  if (cursor === undefined && !next) return null;
  return (
    <Group justify="flex-end" p="sm">
      <Button variant="default" size="xs" disabled={cursor === undefined} onClick={() => onChange(undefined)}>
        Newest
      </Button>
      <Button variant="default" size="xs" disabled={!next} onClick={() => onChange(next ?? undefined)}>
        Older
      </Button>
    </Group>
  );
}
