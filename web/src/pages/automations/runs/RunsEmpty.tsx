import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';

export function RunsEmpty({ filtered }: { filtered: boolean }) {
  return (
    <Stack align="center" gap="sm" py={48} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconHistory size={24} aria-hidden />
      </ThemeIcon>
      <Title order={2} fz="lg">
        {filtered ? 'No runs match' : 'No runs yet'}
      </Title>
      <Text c="dimmed" fz="sm" maw={420}>
        {filtered
          ? 'Pick another status to see more.'
          : 'A run starts when a lead triggers an active automation, for example when a tag is applied.'}
      </Text>
    </Stack>
  );
}
