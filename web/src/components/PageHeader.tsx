import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Every signed-in screen opens with one h1 and a line of context. */
export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} fz={28}>
        {title}
      </Title>
      {description && <Text c="dimmed">{description}</Text>}
    </Stack>
  );
}
