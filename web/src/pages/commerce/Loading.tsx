import { Skeleton, Stack } from '@mantine/core';

/** Rows of placeholders while a table loads, announced once. */
export function TableSkeleton({ label }: { label: string }) {
  return (
    <Stack p="md" gap="sm" role="status" aria-label={label}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} h={28} />
      ))}
    </Stack>
  );
}
